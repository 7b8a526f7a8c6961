import Foundation
import KioskApp
import KioskCore
import KioskStore
import Testing

/// The menu of forms and one participant after another.
@Suite struct KioskRunnerTests {
    func runner(_ harness: SessionHarness, _ console: ScriptedConsole, formID: String? = nil, forms: URL = shippedFormsDirectory) -> KioskRunner {
        KioskRunner(
            settings: KioskSettings(formsDirectory: forms, dataDirectory: harness.temp.url, language: .swedish, site: "Test", formID: formID),
            console: console, store: harness.store, today: { testDay })
    }

    @Test func theMenuListsTheValidFormsAndStartsTheChosenOne() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(["x", "2", "", "n", "n", "n", "n", "2", "", ""])
        let next = try runner(harness, console).runParticipant()
        #expect(next == .nextParticipant)
        #expect(console.output.contains("Välj formulär"))
        #expect(console.output.contains(" 5  Sju frågor om våld"))
        #expect(console.output.contains("”x” är inget formulär. Skriv 1–5"))
        let record = try harness.onlyInterview()
        #expect(record.formID == "hark")
        #expect(record.status == .complete)
        #expect(record.site == "Test")
    }

    @Test func quittingAtTheMenuStoresNothing() throws {
        let harness = try SessionHarness()
        #expect(try runner(harness, ScriptedConsole(["q"])).runParticipant() == .quit)
        #expect(try runner(harness, ScriptedConsole([])).runParticipant() == .quit)
        #expect(try harness.store.interviews().isEmpty)
    }

    @Test func theMenuNotesFormsWithErrors() throws {
        let harness = try SessionHarness()
        let temp = try TemporaryDirectory()
        _ = try temp.write(FormCatalogTests.valid, to: "good.yaml")
        _ = try temp.write("id: broken\n", to: "broken.yaml")
        let console = ScriptedConsole(["q"])
        _ = try runner(harness, console, forms: temp.url).runParticipant()
        #expect(console.output.contains("1 formulär har fel och visas inte."))
        #expect(console.output.contains("broken.yaml"), "with its first error, for staff")
        #expect(console.output.contains("1  Bra (good)"), "the valid form is offered")
    }

    @Test func aGivenFormSkipsTheMenuAndEndsWhenInputEnds() throws {
        let harness = try SessionHarness()
        let r = runner(harness, ScriptedConsole(["", "n", "n", "n", "n", "1", "", "", "", "n"]), formID: "hark")
        #expect(try r.runParticipant() == .nextParticipant)
        #expect(try r.runParticipant() == .inputEndedMidInterview)
        #expect(try harness.store.interviews(status: .complete).count == 1)
        #expect(try harness.store.interviews(status: .aborted).count == 1)
    }
}
