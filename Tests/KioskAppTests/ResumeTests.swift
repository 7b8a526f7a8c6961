import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal
import Testing

/// An interview left unfinished (crash, kill, pause) is offered to staff to resume or discard.
@Suite struct ResumeTests {
    /// Leaves a HARK interview in progress after `answers` lines, as a hidden screen would.
    func leaveUnfinished(_ harness: SessionHarness, answering lines: [String]) throws {
        let console = ScriptedConsole(inputs: [.line("")] + lines.map(LineInput.line) + [.hidden], interactive: true)
        let outcome = try harness.run(try shippedForm("hark"), console)
        #expect(outcome == .paused)
        #expect(console.output.hasSuffix("[CLEAR]\n"), "hiding clears at once")
    }

    func runner(_ harness: SessionHarness, _ console: ScriptedConsole, forms: URL = shippedFormsDirectory, locked: Bool = false) -> KioskRunner {
        KioskRunner(
            settings: KioskSettings(formsDirectory: forms, dataDirectory: harness.temp.url, language: .swedish, site: nil, formID: "hark", locked: locked),
            console: console, store: harness.store, gate: StaffGate(store: harness.store, console: console, today: { testDay }, wait: { _ in }, hashRounds: 1 << 10),
            today: { testDay })
    }

    @Test func aHiddenInterviewStaysInProgressAndIsResumedWhereItStopped() throws {
        let harness = try SessionHarness()
        try leaveUnfinished(harness, answering: ["ja", "nej"])
        #expect(try harness.onlyInterview().status == .inProgress)
        let console = ScriptedConsole(["1", "-", "nej", "kvinna", "", ""])
        let next = try runner(harness, console).runParticipant()
        #expect(next == .nextParticipant)
        #expect(console.output.contains("En intervju avslutades inte"))
        #expect(console.output.contains("påbörjad 2026-11-25, 2 svar"))
        #expect(console.output.contains("Fråga 3 av 5"))
        #expect(!console.output.contains("Tryck Enter för att börja"), "no intro when resuming")
        let record = try harness.onlyInterview()
        #expect(record.status == .complete)
        let answers = try harness.store.answers(of: record.id, form: try shippedForm("hark"))
        #expect(answers == ["humiliated": .choice("yes"), "afraid": .choice("no"), "raped": .declined, "kicked": .choice("no"), "gender": .choice("kvinna")])
        #expect(try harness.store.auditLog().map(\.action) == ["interview_resumed"])
    }

    @Test func theResumeUsesTheFormVersionTheInterviewBeganWith() throws {
        let harness = try SessionHarness()
        let forms = try TemporaryDirectory()
        let original = try String(contentsOf: shippedFormsDirectory.appendingPathComponent("hark.yaml"), encoding: .utf8)
        _ = try forms.write(original, to: "hark.yaml")
        let first = KioskRunner(
            settings: KioskSettings(formsDirectory: forms.url, dataDirectory: harness.temp.url, language: .swedish, site: nil, formID: "hark"),
            console: ScriptedConsole(inputs: [.line(""), .line("ja"), .hidden], interactive: true), store: harness.store, today: { testDay })
        #expect(try first.runParticipant() == .paused)
        // The form file changes: the second question is reworded.
        _ = try forms.write(original.replacingOccurrences(of: "varit rädd för din partner", with: "känt dig rädd för din partner"), to: "hark.yaml")
        let console = ScriptedConsole(["1"])
        _ = try runner(harness, console, forms: forms.url).runParticipant()
        #expect(console.output.contains("varit rädd för din partner"))
        #expect(!console.output.contains("känt dig rädd"))
        #expect(try harness.onlyInterview().formHash == (try shippedForm("hark")).contentHash)
    }

    @Test func discardingNeedsThePassphraseWhenSetAndDeletesTheAnswers() throws {
        let harness = try SessionHarness()
        try leaveUnfinished(harness, answering: ["ja"])
        let gateConsole = ScriptedConsole(["en lång lösenfras", "en lång lösenfras"])
        try StaffGate(store: harness.store, console: gateConsole, today: { testDay }, wait: { _ in }, hashRounds: 1 << 10).setPassphrase()
        let console = ScriptedConsole(["fel fras", "en lång lösenfras", "2", "j", "q"])
        _ = try runner(harness, console).runParticipant()
        #expect(console.output.contains("Det är inte lösenfrasen."))
        #expect(console.output.contains("Kasta intervjun? Dess svar raderas"))
        #expect(console.output.contains("Intervjun är kastad."))
        #expect(try harness.store.interviews().isEmpty)
        #expect(try harness.store.auditLog().map(\.action) == ["passphrase_set", "interview_discarded"])
    }

    @Test func laterLeavesItForTheNextStart() throws {
        let harness = try SessionHarness()
        try leaveUnfinished(harness, answering: ["ja"])
        let console = ScriptedConsole(["3", ""])
        _ = try runner(harness, console).runParticipant()
        #expect(console.output.contains("Tryck Enter för att börja"))
        #expect(try harness.store.interviews(status: .inProgress).count == 1)
        #expect(try harness.store.orphanedInterviews().count == 1, "released again, ready to be offered next time")
    }

    @Test func anIdleScreenPausesLikeAQuickHide() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(inputs: [.line(""), .line("ja"), .idle], interactive: true)
        #expect(try harness.run(try shippedForm("hark"), console) == .paused)
        #expect(try harness.onlyInterview().status == .inProgress)
        let atReview = ScriptedConsole(inputs: [.line(""), .line("n"), .line("n"), .line("n"), .line("n"), .line("1"), .idle], interactive: true)
        #expect(try harness.run(try shippedForm("hark"), atReview) == .paused)
    }

    @Test func theNeutralScreenShowsNothingOfTheInterview() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(inputs: [.idle, .hidden, .line("")], interactive: true)
        runner(harness, console).showNeutralScreen()
        #expect(console.output.hasPrefix("[CLEAR]\nVälkommen"))
        #expect(!console.output.contains("HARK"))
    }
}
