import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal
import Testing

/// What staff read when an interview ends: nothing that misleads, nothing missed.
@Suite struct ResultScreenTests {
    /// The result screen of one scripted interview (the lines after the last clear before the prompt).
    func result(_ form: String, _ lines: [String], language: Language = .swedish) throws -> String {
        let harness = try SessionHarness()
        let console = ScriptedConsole(lines)
        _ = try harness.run(try shippedForm(form), console, language: language)
        let screen = try #require(console.output.range(of: "Resultat — för personal") ?? console.output.range(of: "Result — for staff"))
        return String(console.output[screen.lowerBound...])
    }

    @Test func nothingAnsweredIsNotScoredAndNeverNegative() throws {
        let screen = try result("hark", ["", "-", "-", "*", "-", "-", "", ""])
        #expect(screen.contains("HARK-poäng: ej poängsatt (0 av 4 besvarade)"))
        #expect(!screen.contains("Negativ"))
    }

    @Test func aDeclinedItemLeavesHarkNotScoredButAYesStillRaisesTheReferral() throws {
        let screen = try result("hark", ["", "ja", "nej", "-", "nej", "kvinna", "", ""])
        #expect(screen.contains("HARK-poäng: ej poängsatt (3 av 4 besvarade)"))
        #expect(screen.contains("positive-screen"))
    }

    @Test func everyParticipantIsOfferedTheGeneralSupportEvenWithNoToEverything() throws {
        let screen = try result("violence-seven", ["", "nej", "nej", "nej", "nej", "nej", "nej", "nej", "nej", "kvinna", "29", "", ""])
        #expect(screen.contains("Ingen hänvisningsregel uppfylldes."))
        #expect(screen.contains("Stöd som alla erbjuds"))
        #expect(screen.contains("Kvinnofridslinjen 020-50 50 50"))
        #expect(screen.contains("Brottsofferjouren 116 006"))
        #expect(screen.contains("Ja-svar på de sju frågorna: 0 — Nej på alla sju"))
    }

    @Test func supportLinesFitTheParticipantsGender() throws {
        let man = try result("violence-seven", ["", "ja", "nej", "nej", "nej", "nej", "nej", "nej", "nej", "man", "29", "", ""])
        #expect(man.contains("Stödlinjen för män 020-80 80 80"))
        #expect(!man.contains("Kvinnofridslinjen"), "Kvinnofridslinjen is for women")
        let other = try result("violence-seven", ["", "ja", "nej", "nej", "nej", "nej", "nej", "nej", "nej", "annat", "29", "", ""])
        #expect(other.contains("Stödlinjen för transpersoner 020-55 00 00"))
        let declined = try result("violence-seven", ["", "ja", "nej", "nej", "nej", "nej", "nej", "nej", "nej", "-", "29", "", ""])
        #expect(declined.contains("Kvinnofridslinjen") && declined.contains("Stödlinjen för män") && declined.contains("Stödlinjen för transpersoner"))
    }

    @Test func theUrgentReferralIsTheLastThingAboveThePrompt() throws {
        let screen = try result("violence-seven", ["", "ja", "ja", "nej", "nej", "ja", "ja", "ja", "nej", "kvinna", "29", "", ""])
        let beforePrompt = try #require(screen.components(separatedBy: "Tryck Enter för att rensa skärmen").first)
        let lastLines = beforePrompt.split(separator: "\n").suffix(3).joined(separator: "\n")
        let code = try #require(screen.firstMatch(of: /BRÅDSKANDE  Hänvisningskod: ([0-9A-Z]{4}-[0-9A-Z]{4})/)?.1)
        #expect(lastLines.contains("BRÅDSKANDE \(code) (subjected) · Vid akut fara: ring 112."), "\(lastLines)")
        #expect(lastLines.contains("Rutin: "))
    }

    @Test func aGenderSpecificBandIsShownForTheParticipant() throws {
        let woman = try result("audit-c", ["", "kvinna", "c", "3", "1", "", ""])
        #expect(woman.contains("AUDIT-C-poäng: 3 — Över gränsvärdet (3)"))
        let man = try result("audit-c", ["", "man", "c", "3", "1", "", ""])
        #expect(man.contains("AUDIT-C-poäng: 3 — Under gränsvärdet för män (4)"))
    }

    @Test func theStaffNoteIsOnTheStartScreenAndOnNoQuestion() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(inputs: [.line(""), .line("nej"), .line("nej"), .hidden], interactive: true)
        _ = try harness.run(try shippedForm("violence-seven"), console)
        let screens = console.output.components(separatedBy: "[CLEAR]\n").filter { !$0.isEmpty }
        #expect(screens.first?.contains("Till personalen: Ställ frågorna enskilt") == true)
        #expect(screens.dropFirst().allSatisfy { !$0.contains("Till personalen") && !$0.contains("enskilt") })
    }

    @Test func aDiscardedInterviewKeepsItsUrgentReferralAndSaysSoFirst() throws {
        let harness = try SessionHarness()
        let hidden = ScriptedConsole(inputs: [.line(""), .line("nej"), .line("ja"), .hidden], interactive: true)
        #expect(try harness.run(try shippedForm("hark"), hidden) == .paused)
        let console = ScriptedConsole(["2", "j", "q"])
        _ = try runner(harness, console).runParticipant()
        #expect(console.output.contains("Den här oavslutade intervjun har en BRÅDSKANDE hänvisning (afraid-now); den\nbehålls och får en kod."))
        let kept = try harness.store.referrals()
        #expect(kept.map(\.ruleID) == ["afraid-now", "positive-screen"])
        #expect(kept.allSatisfy { $0.origin == .unfinished })
        #expect(console.output.contains(try #require(kept.first).displayCode))
        #expect(try harness.store.interviews().isEmpty, "the answers are gone")
    }

    @Test func thinkingAgainAtTheDiscardQuestionKeepsTheInterview() throws {
        let harness = try SessionHarness()
        let hidden = ScriptedConsole(inputs: [.line(""), .line("ja"), .hidden], interactive: true)
        _ = try harness.run(try shippedForm("hark"), hidden)
        let console = ScriptedConsole(["2", "n", "q"])
        _ = try runner(harness, console).runParticipant()
        #expect(try harness.onlyInterview().status == .inProgress)
        #expect(try harness.store.referrals(status: nil).isEmpty)
    }

    func runner(_ harness: SessionHarness, _ console: ScriptedConsole) -> KioskRunner {
        KioskRunner(
            settings: KioskSettings(formsDirectory: shippedFormsDirectory, dataDirectory: harness.temp.url, language: .swedish, site: nil, formID: "hark"),
            console: console, store: harness.store, gate: StaffGate(store: harness.store, console: console, today: { testDay }, wait: { _ in }, hashRounds: 1 << 10),
            today: { testDay })
    }
}

/// Following referrals up by their code.
@Suite struct ReferralFollowUpTests {
    @Test func closingAClosedReferralIsRefusedWithHowAndWhenItWasClosed() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("hark")
        _ = try harness.run(form, ScriptedConsole(["", "ja", "nej", "nej", "nej", "kvinna", "", ""]))
        let code = try ReferralFollowUp.parse(try #require(try harness.store.referrals().first).displayCode)
        let english = ReferralFollowUp(store: harness.store, language: .english)
        #expect(try english.close(code, outcome: .declined, day: testDay).hasPrefix("Referral \(code) is closed"))
        #expect(throws: ReferralFollowUp.Refusal.self) { try english.close(code, outcome: .guidedToSupport, day: testDay) }
        do {
            _ = try ReferralFollowUp(store: harness.store, language: .swedish).close(code, outcome: .guidedToSupport, day: testDay)
        } catch {
            #expect(error.localizedDescription == "hänvisning \(code) är redan avslutad (avböjde fortsatt kontakt, 2026-11-25); för att avsluta den på ett annat sätt, kör först 'kiosk referrals reopen \(code)'")
        }
        #expect(try harness.store.referral(code)?.outcome == ReferralOutcome.declined.rawValue, "the first outcome stands")
        _ = try english.reopen(code, day: testDay)
        #expect(throws: ReferralFollowUp.Refusal.self) { try english.reopen(code, day: testDay) }
    }

    @Test func theListSaysWhereEachReferralComesFromAndClosedOutcomesInWords() throws {
        let harness = try SessionHarness()
        _ = try harness.run(try shippedForm("hark"), ScriptedConsole(["", "ja", "!", "j"]))
        let followUp = ReferralFollowUp(store: harness.store, language: .swedish)
        let code = try ReferralFollowUp.parse(try #require(try harness.store.referrals().first).displayCode)
        #expect(try followUp.list(status: .open, json: false).contains("oavslutad intervju"))
        _ = try followUp.close(code, outcome: .notReached, day: testDay)
        let closed = try followUp.list(status: .closed, json: false)
        #expect(closed.contains("gick inte att nå") && closed.contains("UTFALL"))
        #expect(try followUp.list(status: nil, json: true).contains("\"origin\" : \"unfinished\""))
    }
}
