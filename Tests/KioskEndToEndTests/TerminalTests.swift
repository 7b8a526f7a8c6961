import Foundation
import KioskStore
import Testing

/// The readline path, through a pseudo-terminal: what a person at the kiosk sees and can do.
@Suite(.serialized) struct TerminalTests {
    @Test func answeringByNumberAndLabelWithBackHelpDeclineAndBadInput() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch, environment: KioskPrivacyTests.xterm)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Fråga 1 av 5")
        try terminal.expect("Svar: ")
        terminal.line("kanske")
        let complaint = try terminal.expect("”kanske” är inte ett av svaren")
        #expect(!complaint.contains("Svar: "), "no stray prompt before the message")
        try terminal.expect("Svar: ")
        terminal.line("?")
        try terminal.expect("Det finns ingen hjälptext")
        try terminal.expect("Svar: ")
        terminal.line("1")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.line("<")
        try terminal.expect("Nuvarande svar: Ja (Enter behåller det)")
        try terminal.expect("Svar: ")
        terminal.line("")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.line("Nej")
        try terminal.expect("Fråga 3 av 5")
        try terminal.expect("Svar: ")
        terminal.line("-")
        try terminal.expect("Fråga 4 av 5")
        try terminal.expect("Svar: ")
        terminal.line("n")
        try terminal.expect("Vilket kön har du?")
        try terminal.expect("Svar: ")
        terminal.line("kv")
        try terminal.expect("Kontrollera svaren")
        let review = try terminal.expect("Nummer eller Enter: ")
        #expect(review.contains("→ Vill inte svara"))
        #expect(review.contains("→ Kvinna"))
        terminal.line("")
        let result = try terminal.expect("Tryck Enter för att rensa skärmen")
        try terminal.expect("Enter: ")
        #expect(result.contains("Resultat — för personal"))
        let code = try #require(result.firstMatch(of: /Hänvisningskod: ([0-9A-Z]{4}-[0-9A-Z]{4})/)?.1)
        terminal.line("")
        let after = try terminal.expect("Tryck Enter för att börja.")
        #expect(after.contains("\u{1B}[H\u{1B}[2J\u{1B}[3J"), "screen and scrollback are cleared before the next person")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.referrals().map(\.displayCode) == [String(code)])
    }

    @Test func upArrowCtrlYAndCtrlRRecallNothingOfAnEarlierAnswer() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        // Type a secret, cut it with Ctrl-U (into the kill ring), then answer.
        terminal.send("hemlig")
        try terminal.expect("hemlig")
        terminal.send("\u{15}")
        terminal.line("ja")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        // Ctrl-Y (yank), Up (previous history), Ctrl-R (search) and Meta-. (last argument): nothing comes back.
        terminal.send("\u{19}")
        terminal.send("\u{1B}[A")
        terminal.send("\u{12}")
        terminal.send("\u{1B}.")
        let echoed = terminal.drain()
        #expect(!echoed.contains("hemlig"))
        #expect(!echoed.contains("ja"))
        terminal.send("\u{15}")
        terminal.line("")
        try terminal.expect("Skriv ett svar.", timeout: 5)
        try terminal.expect("Svar: ")
        terminal.send("\u{15}")
        terminal.line("nej")
        try terminal.expect("Fråga 3 av 5")
    }

    /// Starts a HARK kiosk and answers it through to the result screen; `beforeEach` is typed (and
    /// erased) before each answer. Keep the scratch folder as long as the terminal.
    func harkAtTheResultScreen(typingFirst beforeEach: String = "") throws -> (Scratch, PseudoTerminal) {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch, environment: KioskPrivacyTests.xterm)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        for answer in ["ja", "nej", "nej", "nej", "kvinna"] {
            try terminal.expect("Svar: ")
            if !beforeEach.isEmpty { terminal.send(beforeEach + "\u{15}") }
            terminal.line(answer)
        }
        try terminal.expect("Nummer eller Enter: ")
        terminal.line("")
        try terminal.expect("Tryck Enter för att rensa skärmen")
        try terminal.expect("Enter: ")
        return (scratch, terminal)
    }

    @Test func nothingOfOneParticipantCanBeRecalledByTheNext() throws {
        let (scratch, terminal) = try harkAtTheResultScreen(typingFirst: "förra ")
        defer { withExtendedLifetime(scratch) {} }
        terminal.line("")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.send("\u{19}\u{1B}[A\u{1B}.")
        let echoed = terminal.drain()
        #expect(!echoed.contains("förra"))
        #expect(!echoed.contains("kvinna"))
        #expect(!echoed.contains("ja"))
    }

    @Test func keysTypedAfterTheResultScreenNeverReachTheNextParticipant() throws {
        let (scratch, terminal) = try harkAtTheResultScreen()
        defer { withExtendedLifetime(scratch) {} }
        // Enter and, at once, more keys: they arrive before the fresh kiosk is ready.
        terminal.send("\rjag blev slagen")
        let next = try terminal.expect("Tryck Enter för att börja.")
        let after = terminal.drain(for: 0.5)
        // On a loaded machine the keys may arrive before the old kiosk has set up its prompt, and the
        // terminal itself echoes them; the screen and scrollback are cleared after that. What counts is
        // the next participant's screen: everything after the last clear.
        let clear = "\u{1B}[3J"
        let nextScreen = next.range(of: clear, options: .backwards).map { String(next[$0.upperBound...]) } ?? next
        #expect(next.contains(clear), "the new kiosk clears the screen and scrollback")
        #expect(!nextScreen.contains("jag blev slagen") && !after.contains("jag blev slagen"), "\(next)\(after)")
        terminal.line("")
        try terminal.expect("Svar: ")
    }

    @Test func ctrlCAsksBeforeAbortingAndNeverLosesSavedAnswers() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.send("\u{03}")
        try terminal.expect("Avbryta intervjun?")
        try terminal.expect("j/n: ")
        terminal.line("n")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.send("\u{03}")
        try terminal.expect("Avbryta intervjun?")
        try terminal.expect("j/n: ")
        terminal.line("j")
        let neutral = try terminal.expect("Personal: tryck Enter.")
        #expect(neutral.contains("Intervjun avbröts."))
        #expect(!neutral.contains("HARK"), "nothing for staff while the participant may still be looking")
        terminal.line("")
        let staff = try terminal.expect("Enter: ")
        #expect(staff.contains("Avbruten intervju — för personal"))
        #expect(staff.contains("positive-screen"), "one yes already makes the screen positive: the referral is raised")
        terminal.line("")
        try terminal.expect("Tryck Enter för att börja.", timeout: 10)
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let interview = try #require(try store.interviews().first)
        #expect(interview.status == .aborted)
        #expect(try store.referrals().map(\.origin) == [.unfinished])
        #expect(try store.answers(of: interview.id).isEmpty, "raised first, then its answers are deleted")
    }

    @Test func ctrlDAtTheStartQuitsAndAtAQuestionAsksFirst() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.send("\u{04}")
        try terminal.expect("Avbryta intervjun?")
        try terminal.expect("j/n: ")
        terminal.line("n")
        try terminal.expect("Svar: ")
        // A second Ctrl-D at the question confirms (sent once its prompt is up: a Ctrl-D typed before
        // the prompt reaches a terminal still in line mode, which takes it as its own end of line).
        terminal.send("\u{04}")
        try terminal.expect("Avbryta intervjun?")
        try terminal.expect("j/n: ")
        terminal.send("\u{04}")
        try terminal.expect("Personal: tryck Enter.")
        terminal.line("")
        try terminal.expect("Enter: ")
        terminal.line("")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.send("!\r")
        try terminal.expect("Avbryta intervjun?")
        try terminal.expect("j/n: ")
        terminal.line("j")
        try terminal.expect("Personal: tryck Enter.")
        terminal.line("")
        try terminal.expect("Enter: ")
        terminal.line("")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.send("\u{04}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func coloursOnlyOnARealTerminalAndNeverWithNoColor() throws {
        let scratch = try Scratch()
        let coloured = try PseudoTerminal(["interview", "hark"], in: scratch, environment: ["TERM": "xterm"])
        let start = try coloured.expect("Tryck Enter")
        #expect(start.contains("\u{1B}[1m"))
        #expect(!start.contains("\u{1B}[?2004h"), "bracketed paste is off")
        let plain = try PseudoTerminal(["interview", "hark"], in: scratch, environment: ["TERM": "xterm", "NO_COLOR": "1"])
        let plainStart = try plain.expect("Tryck Enter")
        #expect(!plainStart.contains("\u{1B}[1m"))
    }

    @Test func tabCompletionShowsNoFileNames() throws {
        let scratch = try Scratch()
        _ = try scratch.write("x", to: "export-secret.csv")
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.send("e\t\t")
        #expect(!terminal.drain().contains("export-secret"))
    }
}
