import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal
import Testing

/// The staff passphrase: set once, asked for where stored data is revealed, slower after each mistake.
@Suite struct StaffGateTests {
    final class Waits: @unchecked Sendable { var seconds: [Int] = [] }

    func gate(_ harness: SessionHarness, _ console: ScriptedConsole, waits: Waits = Waits()) -> StaffGate {
        StaffGate(store: harness.store, console: console, today: { testDay }, wait: { waits.seconds.append($0) }, hashRounds: 1 << 10)
    }

    @Test func withoutAPassphraseNothingIsAsked() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole([])
        try gate(harness, console).require()
        #expect(console.prompts.isEmpty)
    }

    @Test func settingTwiceTypedStoresOnlyAHash() throws {
        let harness = try SessionHarness()
        try gate(harness, ScriptedConsole(["en lång lösenfras", "en lång lösenfras"])).setPassphrase()
        let stored = try #require(try harness.store.setting(StaffGate.hashKey))
        #expect(stored.hasPrefix("scrypt$"))
        #expect(!stored.contains("lösenfras"))
        #expect(try harness.store.auditLog().map(\.action) == ["passphrase_set"])
    }

    @Test func twoDifferentTypingsChangeNothing() throws {
        let harness = try SessionHarness()
        #expect(throws: KioskError.self) { try gate(harness, ScriptedConsole(["en lång lösenfras", "en annan lösenfras"])).setPassphrase() }
        #expect(try harness.store.setting(StaffGate.hashKey) == nil)
    }

    @Test func changingItNeedsTheCurrentOne() throws {
        let harness = try SessionHarness()
        try gate(harness, ScriptedConsole(["en lång lösenfras", "en lång lösenfras"])).setPassphrase()
        #expect(throws: StaffGate.Refusal.wrongPassphrase(.swedish)) {
            try gate(harness, ScriptedConsole(["fel 1", "fel 2", "fel 3"])).setPassphrase()
        }
        try gate(harness, ScriptedConsole(["en lång lösenfras", "en ny lång fras", "en ny lång fras"])).setPassphrase()
        try gate(harness, ScriptedConsole(["en ny lång fras"])).require()
        #expect(try harness.store.auditLog().map(\.action) == ["passphrase_set", "passphrase_changed"])
    }

    @Test func eachWrongAttemptWaitsLongerAndTheCountSurvivesARestart() throws {
        let harness = try SessionHarness()
        try gate(harness, ScriptedConsole(["en lång lösenfras", "en lång lösenfras"])).setPassphrase()
        let waits = Waits()
        let console = ScriptedConsole(["a", "b", "c"])
        #expect(throws: StaffGate.Refusal.wrongPassphrase(.swedish)) {
            try gate(harness, console, waits: waits).require()
        }
        #expect(waits.seconds == [1, 2], "no wait before the first attempt")
        #expect(console.quietWaits == 5, "every wait, and every check of what was typed, hides and discards what is typed meanwhile")
        #expect(console.output.contains("Vänta 1 s…") && console.output.contains("Vänta 2 s…"))
        let later = Waits()
        try gate(harness, ScriptedConsole(["en lång lösenfras"]), waits: later).require()
        #expect(later.seconds == [4], "three failures so far")
        let reset = Waits()
        #expect(throws: StaffGate.Refusal.noPassphraseGiven(.swedish)) { try gate(harness, ScriptedConsole([]), waits: reset).require() }
        #expect(reset.seconds == [], "a success resets the count")
    }

    @Test func lockedModeOnlyQuitsWithThePassphrase() throws {
        let harness = try SessionHarness()
        try gate(harness, ScriptedConsole(["en lång lösenfras", "en lång lösenfras"])).setPassphrase()
        func lockedRunner(_ console: ScriptedConsole) -> KioskRunner {
            KioskRunner(
                settings: KioskSettings(formsDirectory: shippedFormsDirectory, dataDirectory: harness.temp.url, language: .swedish, site: nil, formID: nil, locked: true),
                console: console, store: harness.store, gate: gate(harness, console), today: { testDay })
        }
        let wrong = ScriptedConsole(inputs: [.line("q"), .line("x"), .line("y"), .line("z")], interactive: true)
        #expect(try lockedRunner(wrong).runParticipant() == .nextParticipant)
        #expect(wrong.output.contains("Kiosken är låst."))
        let right = ScriptedConsole(inputs: [.interrupted, .line("q"), .line("en lång lösenfras")], interactive: true)
        #expect(try lockedRunner(right).runParticipant() == .quit)
        #expect(try harness.store.auditLog().map(\.action).last == "locked_mode_left")
    }
}
