import Foundation
import KioskStore
import Testing

/// Input that cannot be misread and screens that cannot leak, through the built binary.
@Suite(.serialized) struct InputRunTests {
    static let xterm = KioskPrivacyTests.xterm

    // MARK: Keys typed ahead

    @Test func aPastedRunOfAnswersAnswersOnlyTheQuestionOnScreen() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.send("ja\rnej\rnej\rnej\r")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        let after = terminal.drain(for: 0.8)
        #expect(!after.contains("Fråga 3"), "the rest of the paste never answered what was not shown")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let interview = try #require(try store.interviews().first)
        #expect(try store.answers(of: interview.id) == ["humiliated": .choice("yes")])
    }

    @Test func aDoubleEnterOnTheResultScreenNeverSkipsTheNextStartScreen() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "violence-seven"], in: scratch)
        try terminal.expect("Till personalen: Ställ frågorna enskilt")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        for answer in ["nej", "nej", "nej", "nej", "nej", "nej", "nej", "", "kvinna", "29"] {
            try terminal.expect("Svar: ")
            terminal.line(answer)
        }
        try terminal.expect("Nummer eller Enter: ")
        terminal.line("")
        try terminal.expect("Enter: ")
        terminal.send("\r")
        usleep(150_000)
        terminal.send("\r")
        let next = try terminal.expect("Tryck Enter för att börja.")
        #expect(next.contains("Till personalen: Ställ frågorna enskilt"), "the staff note of the next participant is on screen")
        #expect(!terminal.drain(for: 1).contains("Fråga 1"), "the second Enter did not start the interview")
    }

    // MARK: The passphrase

    func withPassphrase() throws -> Scratch {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch).status == 0)
        #expect(try runKiosk(["passphrase", "set"], input: "rätt lång fras\nrätt lång fras\n", in: scratch).status == 0)
        return scratch
    }

    @Test func aPassphraseTypedBeforeItsPromptIsNeitherShownNorTaken() throws {
        let scratch = try withPassphrase()
        let terminal = try PseudoTerminal(["summary", "hark"], in: scratch)
        // A person types it a moment after the command's Enter: by then the kiosk has turned echo off,
        // well before it has opened the database and knows there is a passphrase to ask for.
        try terminal.waitForEchoOff()
        terminal.send("fel fras tidigt\r")
        try terminal.expect("Personalens lösenfras: ")
        terminal.line("rätt lång fras")
        try terminal.expect("Genomförda intervjuer efter kön")
        #expect(terminal.waitForExit() == 0)
        #expect(!terminal.transcript.contains("fel fras tidigt"), "never echoed")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.setting("passphrase_failures") == nil, "the early typing was not an attempt")
    }

    @Test func aPassphraseTypedWhileTheNewOneIsHashedIsNeitherShownNorKept() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["passphrase", "set"], in: scratch)
        try terminal.expect("Ny lösenfras: ")
        terminal.line("en ny lång fras")
        terminal.send("en ny lång fras\r")
        try terminal.expect("Skriv den igen: ")
        usleep(300_000)
        terminal.line("en ny lång fras")
        try terminal.expect("Personalens lösenfras är satt.")
        #expect(!terminal.transcript.contains("en ny lång fras"))
    }

    @Test func ctrlXAtAPassphrasePromptHidesTheScreenAndIsNeverPartOfThePassphrase() throws {
        let scratch = try withPassphrase()
        let terminal = try PseudoTerminal(["referrals"], in: scratch, environment: Self.xterm)
        try terminal.expect("Personalens lösenfras: ")
        terminal.send("rätt lå\u{18}")
        let hidden = terminal.drain(for: 1)
        #expect(hidden.contains(KioskPrivacyTests.clearAll))
        #expect(terminal.waitForExit() == 1)
        let again = try PseudoTerminal(["referrals"], in: scratch)
        try again.expect("Personalens lösenfras: ")
        again.send("rätt l\u{18}")
        #expect(again.waitForExit() == 1, "Ctrl-X ends the prompt; it never becomes part of what is typed")
        let third = try PseudoTerminal(["referrals"], in: scratch)
        try third.expect("Personalens lösenfras: ")
        third.send("rätt långX\u{7F} fras\r")
        try third.expect("KOD")
        #expect(third.waitForExit() == 0, "backspace edits the passphrase")
    }

    // MARK: Quick hide everywhere

    @Test func afterAQuickHideNothingOfTheInterviewShowsBeforeThePassphrase() throws {
        let scratch = try withPassphrase()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch, environment: Self.xterm)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Svar: ")
        terminal.send("\u{18}")
        try terminal.expect("Välkommen")
        try terminal.expect("Tryck Enter för att fortsätta.")
        terminal.line("")
        let gate = try terminal.expect("Personalens lösenfras: ")
        let screen = gate.range(of: KioskPrivacyTests.clearAll, options: .backwards).map { String(gate[$0.upperBound...]) } ?? gate
        #expect(screen.contains("För personal"))
        #expect(!screen.contains("HARK") && !screen.contains("svar sparade"), "\(screen)")
        terminal.line("rätt lång fras")
        try terminal.expect("En intervju avslutades inte")
        try terminal.expect("Välj 1, 2 eller 3: ")
        terminal.send("\u{18}")
        try terminal.expect("Välkommen", timeout: 5)
    }

    @Test func ctrlXClearsTheFormMenuAndTheReviewAndTheResultScreen() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal([], in: scratch, environment: Self.xterm)
        try terminal.expect("(q avslutar): ")
        terminal.send("\u{18}")
        let menu = try terminal.expect("Välkommen")
        #expect(menu.contains(KioskPrivacyTests.clearAll))
        try terminal.expect("Tryck Enter för att fortsätta.")
        terminal.line("")
        try terminal.expect("(q avslutar): ")
        terminal.line("2")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        for answer in ["nej", "nej", "nej", "nej", "kvinna"] {
            try terminal.expect("Svar: ")
            terminal.line(answer)
        }
        try terminal.expect("Nummer eller Enter: ")
        terminal.send("\u{18}")
        let review = try terminal.expect("Välkommen")
        #expect(review.contains(KioskPrivacyTests.clearAll))
    }

    // MARK: Small things

    @Test func optionsBeforeTheSubcommandWorkAndAMistypedOneIsNamed() throws {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch).status == 0)
        let before = try runKiosk(["--data-dir", scratch.dataDir, "--lang", "en", "summary", "hark"], in: scratch)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("Completed interviews by gender"))
        let typo = try runKiosk(["sumary", "hark"], in: scratch)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("'sumary' is not a kiosk command; did you mean 'summary'?"))
        let form = try runKiosk(["audit-c"], input: "!\nj\n", in: scratch)
        #expect(form.status == 0, "a form id close to a command is still a form: \(form.stderr)")
    }

    @Test func theStartScreenAsksBeforeItQuits() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "hark"], input: "!\nn\n!\nj\n", in: scratch)
        #expect(run.status == 0)
        #expect(run.stdout.components(separatedBy: "Avsluta utan att börja?").count == 3, "asked twice: once answered no, once yes")
    }

    @Test func aTypedNumberMeansWhatTheLabelSays() throws {
        let scratch = try Scratch()
        // AUDIT-C: "3" glasses is the choice "3–4", never the third choice "5–6".
        let run = try runKiosk(["interview", "audit-c"], input: ["", "kvinna", "c", "3", "1", "", ""].joined(separator: "\n") + "\n", in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("→ 3–4"))
        #expect(run.stdout.contains("   b  3–4"), "the choices are keyed by letters")
        // "4" at how often fits two labels: the kiosk asks for the letter instead of guessing.
        let often = try runKiosk(["interview", "audit-c"], input: "\nkvinna\n4\n", in: scratch)
        #expect(often.stdout.replacingOccurrences(of: "\n", with: " ")
            .contains("”4” passar flera svar (2–4 gånger i månaden, 4 gånger i veckan eller mer). Skriv svarets bokstav."))
    }

    @Test func progressNeverSaysOneOfTwoThenThreeOfFour() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "audit-c"], input: "\nkvinna\nc\n", in: scratch)
        #expect(run.stdout.contains("Fråga 1 av högst 4"))
        #expect(run.stdout.contains("Fråga 3 av 4"), "once 'how often' is answered the count is exact")
    }

    @Test func aPastedPageIsNotEchoedBackInFull() throws {
        let scratch = try Scratch()
        let page = String(repeating: "blablabla ", count: 300)
        let run = try runKiosk(["interview", "hark"], input: "\n\(page)\n", in: scratch)
        let complaint = try #require(run.stdout.split(separator: "\n").first { $0.contains("är inte ett av svaren") })
        #expect(complaint.count < 200, "\(complaint)")
    }

    @Test func onAFortyColumnTerminalTextWrapsBetweenWords() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "violence-seven"], in: scratch, rows: 40, columns: 40)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        let lines = terminal.transcript.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
        for line in lines { #expect(line.count <= 40, "\(line)") }
        #expect(lines.contains { $0.hasPrefix("Har du blivit hotad") })
    }

    @Test func aDumbTerminalGetsNoEscapeSequenceAtAll() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Svar: ")
        terminal.send("\u{18}")
        try terminal.expect("Tryck Enter för att fortsätta.")
        #expect(!terminal.transcript.contains("\u{1B}"))
    }

    @Test func previewTakesTheInterviewsIdleTimeout() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["forms", "preview", "hark", "--idle-timeout", "5s"], in: scratch)
        try terminal.expect("FÖRHANDSVISNING")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        #expect(terminal.waitForExit(timeout: 12) == 0, "the idle timeout ends the preview")
    }
}
