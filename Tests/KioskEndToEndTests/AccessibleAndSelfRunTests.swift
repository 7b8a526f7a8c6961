import Foundation
import KioskStore
import Testing

/// Accessible mode (a transcript a screen reader follows) and self-administered mode (the participant
/// alone; the result behind the staff passphrase), through the built binary.
struct AccessibleAndSelfRunTests {
    static let clear = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
    static let prompts = ["Tryck Enter för att börja. ", "Svar: ", "Nummer eller Enter: ", "Enter: "]

    /// A forms folder with the Swedish test form only.
    static func forms(in scratch: Scratch) throws -> String {
        try LanguageRunTests.formsFolder(in: scratch)
    }

    /// The transcript up to the result screen's last prompt, with what was typed after each prompt
    /// dropped (a terminal echoes it; a pipe does not).
    static func normalized(_ text: String) -> String {
        let end = text.range(of: "nästa deltagare.\nEnter: ").map { text[..<$0.upperBound] } ?? Substring(text)
        let lines = end.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for prompt in prompts where line.hasPrefix(prompt) { return prompt }
            return String(line)
        }.joined(separator: "\n")
        // Each interview has its own referral code.
        return lines.replacingOccurrences(of: "[A-Z0-9]{4}-[A-Z0-9]{4}", with: "CODE", options: .regularExpression)
    }

    @Test func theAccessibleTranscriptIsTheSameThroughAPipeAndATerminalAndHasNoOtherControls() throws {
        let scratch = try Scratch()
        let forms = try Self.forms(in: scratch)
        let piped = try runKiosk(["interview", "screener", "--accessible"], input: LanguageRunTests.script, in: scratch,
                                 environment: ["KIOSK_FORMS_DIR": forms])
        #expect(piped.status == 0, "\(piped.stderr)")

        let terminal = try PseudoTerminal(["interview", "screener", "--accessible"], in: scratch,
                                          environment: ["KIOSK_FORMS_DIR": forms, "TERM": "xterm-256color"], rows: 24, columns: 80)
        _ = try terminal.expect("Tryck Enter för att börja. ")
        terminal.line("")
        for answer in ["1", "2", "1"] {
            _ = try terminal.expect("Svar: ")
            terminal.line(answer)
        }
        _ = try terminal.expect("Nummer eller Enter: ")
        terminal.line("")
        _ = try terminal.expect("nästa deltagare.")
        _ = try terminal.expect("Enter: ")
        let raw = terminal.transcript
        terminal.line("")

        #expect(raw.contains(Self.clear), "the screen is still cleared between questions, for privacy")
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: Self.clear, with: "")
        #expect(!text.contains("\u{1B}"), "no escape sequence but the clear: \(text.debugDescription)")
        #expect(!text.contains("\r"), "no bare carriage return")
        #expect(!text.contains("\u{08}"), "no backspace")
        #expect(Self.normalized(text) == Self.normalized(piped.stdout))

        let transcript = piped.stdout
        #expect(transcript.contains("Skriv siffran eller bokstaven för ditt svar"), "the keys are explained once, in words")
        #expect(!transcript.contains("< tillbaka   ? hjälp"), "no line of key hints under each question")
        #expect(transcript.contains("   1  Ja\n   2  Nej\n"), "each choice on its own line")
        #expect(transcript.contains("Du svarade: Ja\n"), "the answer read back")
        #expect(transcript.contains("Du svarade: Ibland\n"))
    }

    @Test func accessibleModeFollowsTheAccessibleVariableToo() throws {
        let scratch = try Scratch()
        let forms = try Self.forms(in: scratch)
        let run = try runKiosk(["interview", "screener"], input: LanguageRunTests.script, in: scratch,
                               environment: ["KIOSK_FORMS_DIR": forms, "ACCESSIBLE": "1"])
        #expect(run.stdout.contains("Du svarade: Ja"))
        let off = try runKiosk(["interview", "screener"], input: LanguageRunTests.script, in: scratch,
                               environment: ["KIOSK_FORMS_DIR": forms, "ACCESSIBLE": "0"])
        #expect(!off.stdout.contains("Du svarade"))
    }

    @Test func quickHideStillWorksInAccessibleMode() throws {
        let scratch = try Scratch()
        let forms = try Self.forms(in: scratch)
        let terminal = try PseudoTerminal(["interview", "screener", "--accessible"], in: scratch,
                                          environment: ["KIOSK_FORMS_DIR": forms, "TERM": "xterm-256color"])
        _ = try terminal.expect("Tryck Enter för att börja. ")
        terminal.line("")
        _ = try terminal.expect("Svar: ")
        terminal.send("ja\u{18}")
        _ = try terminal.expect(Self.clear)
        _ = try terminal.expect("Välkommen")
        let after = terminal.drain(for: 0.5)
        #expect(!after.contains("Har du under det senaste året"), "nothing of the interview after the hide")
    }

    @Test func theIdleTimeoutStillClearsTheScreenInAccessibleMode() throws {
        let scratch = try Scratch()
        let forms = try Self.forms(in: scratch)
        let terminal = try PseudoTerminal(["interview", "screener", "--accessible", "--idle-timeout", "5"], in: scratch,
                                          environment: ["KIOSK_FORMS_DIR": forms, "TERM": "xterm-256color"])
        _ = try terminal.expect("Tryck Enter för att börja. ")
        terminal.line("")
        _ = try terminal.expect("Svar: ")
        terminal.line("1")
        _ = try terminal.expect("Svar: ")
        // Nothing typed for the idle timeout (its shortest, five seconds): cleared, the neutral screen shows.
        _ = try terminal.expect(Self.clear, timeout: 12)
        _ = try terminal.expect("Välkommen", timeout: 12)
        #expect(!terminal.drain(for: 0.3).contains("Hur ofta"))
    }

    @Test func aLockedSelfAdministeredKioskTakesParticipantsOneAfterAnother() throws {
        let scratch = try Scratch()
        let env = ["KIOSK_FORMS_DIR": try Self.forms(in: scratch)]
        #expect(try runKiosk(["passphrase", "set"], input: "rätt lång fras\nrätt lång fras\n", in: scratch, environment: env).status == 0)
        let one = "\n1\n2\n1\n\nrätt lång fras\n\n", two = "\n2\n1\n2\n\nrätt lång fras\n\n"
        let run = try runKiosk(["interview", "screener", "--locked", "--self"], input: one + two, in: scratch, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "Tack för dina svar.").count == 3, "each participant gets the thank-you")
        #expect(run.stdout.components(separatedBy: "Resultat — för personal").count == 3, "and staff the result, after the passphrase")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir), create: false)
        #expect(try store.interviews(status: .complete).count == 2)
    }

    @Test func selfAdministeredEndsWithTheSameScreenWhateverWasAnsweredAndTheResultNeedsThePassphrase() throws {
        let scratch = try Scratch()
        let forms = try Self.forms(in: scratch)
        let env = ["KIOSK_FORMS_DIR": forms]
        let refused = try runKiosk(["interview", "screener", "--self"], input: LanguageRunTests.script, in: scratch, environment: env)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("självifyllt läge kräver personalens lösenfras"), "\(refused.stderr)")
        #expect(try runKiosk(["passphrase", "set"], input: "rätt lång fras\nrätt lång fras\n", in: scratch, environment: env).status == 0)

        func thankYou(_ output: String) -> String {
            guard let start = output.range(of: "Tack\n"), let end = output.range(of: "Personal: skriv lösenfrasen") else { return "" }
            return String(output[start.lowerBound..<end.upperBound])
        }
        let yes = try runKiosk(["interview", "screener", "--self"], input: "\n1\n2\n1\n\nrätt lång fras\n\n", in: scratch, environment: env)
        let no = try runKiosk(["interview", "screener", "--self"], input: "\n2\n1\n2\n\nrätt lång fras\n\n", in: scratch, environment: env)
        #expect(yes.status == 0 && no.status == 0, "\(yes.stderr) \(no.stderr)")
        #expect(yes.stdout.contains("Du svarar på frågorna själv"), "the screens say the participant answers alone")
        #expect(yes.stdout.contains("Skriv siffran eller bokstaven"), "and explain the keys")
        #expect(!thankYou(yes.stdout).isEmpty)
        #expect(thankYou(yes.stdout) == thankYou(no.stdout), "the end screen reveals nothing of the answers")
        #expect(thankYou(yes.stdout).contains("Kvinnofridslinjen 020-50 50 50") && thankYou(yes.stdout).contains("Brottsofferjouren 116 006"))
        let beforePassphrase = yes.stdout.components(separatedBy: "Personal: skriv lösenfrasen").first ?? ""
        #expect(!beforePassphrase.contains("BRÅDSKANDE") && !beforePassphrase.contains("Hänvisningskod"))
        #expect(yes.stdout.contains("BRÅDSKANDE"), "the result after the passphrase")

        let wrong = try runKiosk(["interview", "screener", "--self"], input: "\n1\n2\n1\n\nfel\nfel\nfel\n\n", in: scratch, environment: env)
        #expect(!wrong.stdout.contains("BRÅDSKANDE") && !wrong.stdout.contains("Hänvisningskod"), "no result without the passphrase")
        #expect(!wrong.stdout.contains("Till personalen: #"), "staff-only keys are not offered to a participant alone")
    }
}
