import Foundation
import GRDB
import KioskStore
import SeededRandom
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Whatever a participant types — escape sequences, control keys, Alt-keys, pastes — on a real
/// pseudo-terminal: the kiosk never crashes, never freezes, and a locked kiosk never lets go.
/// `KIOSK_KEY_RUNS` sets how many random streams (default 6 of each mode).
@Suite(.serialized) struct KeyStreamRunTests {
    static let runs = Int(ProcessInfo.processInfo.environment["KIOSK_KEY_RUNS"] ?? "") ?? 6

    /// Types `keys` one at a time, `interval` seconds apart (a person typing).
    func type(_ keys: [String], into terminal: PseudoTerminal, interval: TimeInterval = 0.12) {
        for key in keys {
            terminal.send(key)
            _ = terminal.drain(for: interval)
        }
    }

    func atTheFirstQuestion(_ arguments: [String] = ["interview", "hark"], scratch: Scratch) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(arguments, in: scratch, environment: KioskPrivacyTests.xterm)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        return terminal
    }

    func lockedScratch() throws -> Scratch {
        let scratch = try Scratch()
        let set = try runKiosk(["passphrase", "set"], input: "rätt lång fras\nrätt lång fras\n", in: scratch)
        #expect(set.status == 0, "\(set.stderr)")
        return scratch
    }

    @Test(arguments: [false, true])
    func theKeysThatCrashedReadlineAtHumanSpeedAreHarmless(locked: Bool) throws {
        let scratch = locked ? try lockedScratch() : try Scratch()
        let terminal = try atTheFirstQuestion(["interview", "hark"] + (locked ? ["--locked"] : []), scratch: scratch)
        // Esc, Ctrl-J, Esc, [, 2, J, Enter: once switched readline into vi mode and crashed it.
        type(["\u{1B}", "\u{0A}", "\u{1B}", "[", "2", "J", "\r"], into: terminal, interval: 0.15)
        #expect(terminal.waitForExit(timeout: 0.5) == nil, "the kiosk is still running")
        try terminal.expect("Svar: ")
        terminal.line("1")
        try terminal.expect("Fråga 2 av 5")
    }

    @Test func aBracketedPasteStartDoesNotSwallowEnterCtrlCOrCtrlX() throws {
        let scratch = try Scratch()
        let terminal = try atTheFirstQuestion(scratch: scratch)
        terminal.send("\u{1B}[200~")
        _ = terminal.drain(for: 0.2)
        terminal.line("1")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        terminal.send("\u{1B}[200~")
        _ = terminal.drain(for: 0.2)
        terminal.send("\u{03}")
        try terminal.expect("Avbryta intervjun?")
        try terminal.expect("j/n: ")
        terminal.line("n")
        try terminal.expect("Svar: ")
        terminal.send("\u{1B}[200~")
        _ = terminal.drain(for: 0.2)
        terminal.send("\u{18}")
        try terminal.expect("Välkommen")
    }

    @Test func escapeSequencesTheKioskDoesNotUseAreDroppedWholeAndTheArrowsStillEdit() throws {
        let scratch = try Scratch()
        let terminal = try atTheFirstQuestion(scratch: scratch)
        // A clear-screen code, an Alt-key and F5 among the keys: none of it reaches the answer.
        terminal.send("\u{1B}[2J")
        _ = terminal.drain(for: 0.1)
        terminal.send("\u{1B}x")
        _ = terminal.drain(for: 0.1)
        terminal.send("\u{1B}[15~")
        _ = terminal.drain(for: 0.1)
        // "ej", Home, "n", End: "nej".
        terminal.send("ej")
        terminal.send("\u{1B}[H")
        terminal.send("n")
        terminal.send("\u{1B}[F")
        terminal.line("")
        let next = try terminal.expect("Fråga 2 av 5")
        #expect(!next.contains("är inte ett av svaren"), "\(next)")
    }

    @Test func aLockedKioskIgnoresCtrlCWhileItRestartsBetweenParticipants() throws {
        let scratch = try lockedScratch()
        let terminal = try PseudoTerminal(["interview", "hark", "--locked"], in: scratch, environment: KioskPrivacyTests.xterm)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        for answer in ["nej", "nej", "nej", "nej", "kvinna"] {
            try terminal.expect("Svar: ")
            terminal.line(answer)
        }
        try terminal.expect("Nummer eller Enter: ")
        terminal.line("")
        try terminal.expect("Enter: ")
        // Enter, and Ctrl-C every millisecond while the kiosk replaces itself with a fresh copy.
        terminal.send("\r")
        for _ in 0..<400 {
            terminal.send("\u{03}")
            usleep(1_000)
        }
        #expect(terminal.waitForExit(timeout: 1) == nil, "the locked kiosk is still running")
        try terminal.expect("Tryck Enter för att börja.")
    }

    /// Keys a participant (or a cat, or a confused terminal) might send.
    static let pieces = [
        "\u{1B}", "\u{1B}[A", "\u{1B}[B", "\u{1B}[C", "\u{1B}[D", "\u{1B}[H", "\u{1B}[F", "\u{1B}[3~", "\u{1B}[200~", "\u{1B}[201~",
        "\u{1B}[2J", "\u{1B}[6n", "\u{1B}]0;title\u{07}", "\u{1B}OP", "\u{1B}[15~", "\u{1B}x", "\u{1B}b", "\u{1B}.", "\u{1B}#",
        "\u{1B}\u{0A}", "\u{1B}\u{1B}", "\u{1B}[", "\u{1B}O", "\u{0A}", "\r", "\u{03}", "\u{04}", "\u{08}", "\u{09}", "\u{0B}",
        "\u{0C}", "\u{0F}", "\u{12}", "\u{13}", "\u{14}", "\u{15}", "\u{16}", "\u{17}", "\u{19}", "\u{1A}", "\u{1C}", "\u{1D}",
        "\u{1F}", "\u{7F}", "\u{00}", "1", "2", "ja", "nej", "kvinna", "-", "*", "?", "<", "!", "q", "p", "#", "en", "ö", "🙂",
        "a\rb\rc\r", String(repeating: "x", count: 300), "1\r2\r3\r",
    ]

    func randomStream(using random: inout SeededRandom) -> [String] {
        (0..<Int.random(in: 40...90, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }
    }

    @Test func randomKeyStreamsNeverCrashOrFreezeTheKiosk() throws {
        var random = SeededRandom(seed: 2026_12_01)
        let scratch = try Scratch()
        for run in 0..<Self.runs {
            let terminal = try PseudoTerminal(run % 2 == 0 ? ["interview", "hark"] : [], in: scratch, environment: KioskPrivacyTests.xterm)
            _ = terminal.drain(for: 0.4)
            type(randomStream(using: &random), into: terminal, interval: 0.01)
            if let status = terminal.waitForExit(timeout: 0.5) {
                #expect(status < 128, "run \(run): ended by signal \(status - 128)")
                continue
            }
            // Still there: it must still answer. Ctrl-X hides whatever is on screen.
            _ = terminal.drain(for: 0.2)
            terminal.send("\u{18}")
            var answer = ""
            let deadline = Date().addingTimeInterval(3)
            while answer.isEmpty && Date() < deadline { answer = terminal.drain(for: 0.05) }
            #expect(!answer.isEmpty || terminal.waitForExit(timeout: 0.1) != nil, "run \(run): no response after the keys")
        }
        let integrity = try DatabaseQueue(path: scratch.dataDir + "/kiosk.sqlite").read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
    }

    @Test func randomKeyStreamsNeverTakeAKioskOutOfLockedMode() throws {
        var random = SeededRandom(seed: 2026_12_02)
        let scratch = try lockedScratch()
        for run in 0..<Self.runs {
            let terminal = try PseudoTerminal(run % 2 == 0 ? ["interview", "hark", "--locked"] : ["--locked"], in: scratch,
                                              environment: KioskPrivacyTests.xterm)
            _ = terminal.drain(for: 0.4)
            type(randomStream(using: &random), into: terminal, interval: 0.01)
            let status = terminal.waitForExit(timeout: 1)
            #expect(status == nil, "run \(run): the locked kiosk ended (\(String(describing: status)))")
        }
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(!(try store.auditLog().map(\.action)).contains("locked_mode_left"))
    }
}
