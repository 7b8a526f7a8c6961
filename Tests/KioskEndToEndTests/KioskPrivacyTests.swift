import Foundation
import KioskStore
import Testing

/// Quick hide, idle timeout and locked mode, on a pseudo-terminal.
@Suite(.serialized) struct KioskPrivacyTests {
    static let clearAll = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
    /// A terminal that understands escape sequences, without colours (so texts can be matched as written).
    static let xterm = ["TERM": "xterm", "NO_COLOR": "1"]

    @Test func theQuickHideKeyClearsEverythingAndStaffResumeWhereItStopped() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch, environment: Self.xterm)
        try terminal.expect("Ctrl-X döljer")
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.send("hemlig")
        try terminal.expect("hemlig")
        terminal.send("\u{18}")
        let hidden = try terminal.expect("Välkommen")
        #expect(hidden.contains(Self.clearAll), "screen and scrollback cleared at once")
        #expect(!hidden.contains("HARK"))
        try terminal.expect("Tryck Enter för att fortsätta.")
        terminal.line("")
        // Nothing of the interview shows until staff give the deliberate key (no passphrase is set).
        let neutral = try terminal.expect("Personal: skriv p och tryck Enter: ")
        let lastClear = neutral.range(of: Self.clearAll, options: .backwards).map { String(neutral[$0.upperBound...]) } ?? neutral
        #expect(!lastClear.contains("HARK") && !lastClear.contains("svar") && !lastClear.contains("avslutades"), "\(lastClear)")
        terminal.line("p")
        try terminal.expect("En intervju avslutades inte")
        try terminal.expect("Välj 1, 2 eller 3: ")
        terminal.line("1")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.send("\u{19}\u{1B}[A")
        #expect(!terminal.drain().contains("hemlig"), "a fresh process: nothing typed before comes back")
        terminal.line("nej")
        try terminal.expect("Fråga 3 av 5")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let interview = try #require(try store.interviews().first)
        #expect(try store.answers(of: interview.id).count == 2)
        #expect(try store.auditLog().map(\.action) == ["interview_resumed"])
    }

    @Test func anIdleKioskClearsItselfAndKeepsTheInterviewForStaff() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark", "--idle-timeout", "5s"], in: scratch, environment: Self.xterm)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        let idle = try terminal.expect("Välkommen", timeout: 12)
        #expect(idle.contains(Self.clearAll))
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.interviews(status: .inProgress).count == 1)
        try terminal.expect("Tryck Enter för att fortsätta.")
        terminal.line("")
        try terminal.expect("Personal: skriv p och tryck Enter: ")
        terminal.line("x")
        try terminal.expect("Välkommen", timeout: 5)
        try terminal.expect("Tryck Enter för att fortsätta.")
        terminal.line("")
        try terminal.expect("Personal: skriv p och tryck Enter: ")
        terminal.line("p")
        try terminal.expect("En intervju avslutades inte")
    }

    @Test func lockedModeNeedsThePassphraseToLeaveAndIgnoresQuitKeys() throws {
        let scratch = try Scratch()
        let set = try runKiosk(["passphrase", "set"], input: "rätt lång fras\nrätt lång fras\n", in: scratch)
        #expect(set.status == 0, "\(set.stderr)")
        let terminal = try PseudoTerminal(["--locked"], in: scratch)
        try terminal.expect("Välj formulär")
        try terminal.expect("(q avslutar): ")
        terminal.send("\u{1C}")
        terminal.send("\u{03}")
        // Ctrl-C is ignored: the prompt comes back (keys sent before it would be thrown away).
        try terminal.expect("(q avslutar): ")
        terminal.line("q")
        try terminal.expect("Kiosken är låst.")
        try terminal.expect("lösenfras: ")
        terminal.line("fel fras")
        try terminal.expect("Det är inte lösenfrasen.")
        try terminal.expect("Vänta 1 s…")
        // Typed during the wait, before the prompt: neither shown nor taken as an attempt.
        terminal.line("rätt lång fras")
        let prompt = try terminal.expect("lösenfras: ", timeout: 5)
        #expect(!prompt.contains("fel fras"), "the passphrase is not echoed")
        #expect(!prompt.contains("rätt lång fras"), "nothing typed during the wait is echoed")
        #expect(terminal.waitForExit(timeout: 1) == nil, "what was typed during the wait did not unlock the kiosk")
        terminal.line("rätt lång fras")
        #expect(terminal.waitForExit(timeout: 10) == 0)
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.auditLog().map(\.action) == ["passphrase_set", "locked_mode_left"])
    }

    @Test func lockedModeNeedsAPassphraseToBeSetFirst() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "--locked"], input: "", in: scratch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("kiosk passphrase set"))
    }

    @Test func staffCommandsAskForThePassphraseOnceOneIsSet() throws {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch).status == 0)
        #expect(try runKiosk(["passphrase", "set"], input: "rätt lång fras\nrätt lång fras\n", in: scratch).status == 0)
        let refused = try runKiosk(["summary", "hark"], input: "fel\n", in: scratch)
        #expect(refused.status == 1)
        #expect(!refused.stdout.contains("Genomförda intervjuer"))
        let allowed = try runKiosk(["summary", "hark"], input: "rätt lång fras\n", in: scratch)
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("Genomförda intervjuer efter kön"))
        #expect(allowed.stdout.contains("Färre än 5 genomförda intervjuer: inget visas"), "one interview is below every minimum")
        let audit = try runKiosk(["audit"], input: "rätt lång fras\n", in: scratch)
        #expect(audit.stdout.contains("passphrase_set"))
    }
}
