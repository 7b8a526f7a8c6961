import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal
import Testing

/// The interview flow on a console, storing into a real SQLite file.
@Suite struct InterviewSessionTests {
    /// Answers for violence-seven: start, q1–q7, asked-before, gender, age (an age: 40 is the band 35–44),
    /// save, clear.
    static let sevenWithAYes = ["", "2", "1", "nej", "-", "n", "n", "n", "", "1", "40", "", ""]

    @Test func aFullInterviewIsStoredCompleteWithItsReferralCode() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(Self.sevenWithAYes)
        let outcome = try harness.run(try shippedForm("violence-seven"), console)
        guard case .completed(let issued) = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(issued.map(\.rule.id) == ["subjected"])
        let record = try harness.onlyInterview()
        #expect(record.status == .complete)
        #expect(record.gender == "kvinna")
        #expect(record.ageBand == "35-44")
        let answers = try harness.store.answers(of: record.id, form: try shippedForm("violence-seven"))
        #expect(answers["q1"] == .choice("no"))
        #expect(answers["q2"] == .choice("yes"))
        #expect(answers["q4"] == .declined)
        #expect(answers["asked-before"] == .skipped)
        let code = try #require(issued.first?.code.description)
        #expect(console.output.contains("Hänvisningskod: \(code)"))
        #expect(console.output.contains("BRÅDSKANDE"))
        #expect(console.output.contains("Kvinnofridslinjen 020-50 50 50"))
        #expect(console.output.contains("Vid akut fara: ring 112."))
        #expect(console.output.hasSuffix("[CLEAR]\n"), "the screen and scrollback are cleared for the next person")
        #expect(console.unreadInputs == 1, "only the end of input is left")
    }

    @Test func theResultScreenShowsUrgentReferralsBeforeRoutineOnes() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("pvs")
        // PVS lists the routine positive screen before the urgent "unsafe now" rule; both fire here.
        #expect(form.referrals.map(\.level) == [.routine, .urgent])
        let console = ScriptedConsole(["", "ja", "1", "nej", "ja", "1", "", ""])
        guard case .completed(let issued) = try harness.run(form, console) else {
            Issue.record("expected a completed interview: \(console.output)")
            return
        }
        #expect(Set(issued.map(\.rule.level)) == [.routine, .urgent])
        let urgent = try #require(console.output.range(of: "BRÅDSKANDE"))
        let routine = try #require(console.output.range(of: "Rutin  Hänvisningskod"))
        #expect(urgent.lowerBound < routine.lowerBound)
    }

    @Test func aParticipantCanSwitchToEnglishAtTheStartScreen() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("violence-seven")
        let console = ScriptedConsole(["en"] + Self.sevenWithAYes)
        guard case .completed = try harness.run(form, console) else {
            Issue.record("expected a completed interview: \(console.output)")
            return
        }
        #expect(console.output.contains("In English: type en and press Enter."), "the offer, in the language it offers")
        #expect(console.output.contains("På svenska: skriv sv och tryck Enter."), "and the way back, once in English")
        #expect(console.prompts.first == "Tryck Enter för att börja. ")
        #expect(console.prompts.dropFirst().first == "Press Enter to start. ")
        #expect(console.output.contains("Have you been"), "the questions in English")
        #expect(console.output.contains("Hänvisningskod: "), "the result screen for staff stays in the staff language (--lang)")
        #expect(!console.output.contains("Referral code"))
        #expect(try harness.onlyInterview().language == "en", "stored with the language it was answered in")
    }

    @Test func aLanguageTheFormDoesNotHaveIsNotOffered() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("violence-seven")
        var swedishOnly = form
        swedishOnly.languages = [.swedish]
        let console = ScriptedConsole(["en", "!"])
        _ = try harness.run(swedishOnly, console)
        #expect(!console.output.contains("In English"))
        #expect(!console.prompts.contains("Press Enter to start. "), "typing en does not switch to a language the form lacks")
    }

    @Test func aWrongAnswerNeverAdvancesAndSaysWhatIsAccepted() throws {
        let harness = try SessionHarness()
        // Hidden at the end, so the interview stays in progress with what was saved.
        let console = ScriptedConsole(inputs: ["", "", "kanske", "7", "", "nej"].map(LineInput.line) + [.hidden], interactive: true)
        let outcome = try harness.run(try shippedForm("violence-seven"), console)
        #expect(outcome == .paused)
        #expect(console.output.contains("”kanske” är inte ett av svaren. Skriv en siffra från 1 till 2"))
        #expect(console.output.contains("”7” är inte ett av svaren"))
        #expect(console.output.contains("Skriv ett svar. Skriv - om du inte vill svara."))
        let record = try harness.onlyInterview()
        #expect(try harness.store.answers(of: record.id, form: try shippedForm("violence-seven")) == ["q1": .choice("no")])
    }

    @Test func goingBackReevaluatesConditionsAndDeletesHiddenAnswers() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("pvs")
        // hurt: yes → by whom: partner → back, back → hurt: no → (by whom is hidden now)
        let console = ScriptedConsole(inputs: ["", "ja", "1", "<", "<", "nej"].map(LineInput.line) + [.hidden], interactive: true)
        _ = try harness.run(form, console)
        let record = try harness.onlyInterview()
        #expect(try harness.store.answers(of: record.id, form: form) == ["hurt": .choice("no")])
        #expect(console.output.contains("Nuvarande svar: Ja (Enter behåller det)"))
    }

    @Test func helpShowsTheQuestionsHelpText() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(["", "", "?"])
        _ = try harness.run(try shippedForm("violence-seven"), console)
        #expect(console.output.contains("Med närstående menas partner"))
        let noHelp = ScriptedConsole(["", "", "nej", "nej", "nej", "?"])
        _ = try harness.run(try shippedForm("violence-seven"), noHelp)
        #expect(noHelp.output.contains("Det finns ingen hjälptext till den här frågan."))
    }

    @Test func decliningIsAlwaysPossibleEvenWhereDontKnowIsNot() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("violence-seven")
        var lines = ["", "", "n", "n", "n", "n", "n", "n", "n", "", "2"]
        lines += ["*", "-", "", ""]
        let console = ScriptedConsole(lines)
        let outcome = try harness.run(form, console)
        #expect(console.output.contains("”Vet inte” går inte att välja här."))
        guard case .completed = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        let record = try harness.onlyInterview()
        #expect(try harness.store.answers(of: record.id, form: form)["age"] == .declined)
    }

    @Test func theReviewLetsAnyAnswerBeChangedBeforeSaving() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("hark")
        // All no, woman; at the review change question 2 (afraid) to yes, then save.
        let console = ScriptedConsole(["", "n", "n", "n", "n", "1", "2", "ja", "", ""])
        let outcome = try harness.run(form, console)
        guard case .completed(let issued) = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(issued.map(\.rule.id) == ["positive-screen", "afraid-now"])
        #expect(console.output.contains("HARK-poäng: 1 — Positiv screening (1 eller mer) (4 av 4 frågor besvarade)"))
        let record = try harness.onlyInterview()
        #expect(try harness.store.answers(of: record.id, form: form)["afraid"] == .choice("yes"))
        #expect(try harness.store.scores(of: record.id).first?.value == 1)
    }

    @Test func anUnknownReviewNumberIsExplained() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(["", "n", "n", "n", "n", "1", "9"])
        _ = try harness.run(try shippedForm("hark"), console)
        #expect(console.output.contains("”9” är inte ett frågenummer. Skriv 1–5"))
    }

    @Test func abortingAfterConfirmationMarksItAbortedAndRaisesWhatItsAnswersAlreadyDecided() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("hark")
        let console = ScriptedConsole(["", "ja", "!", "j"])
        let outcome = try harness.run(form, console)
        guard case .aborted(let issued) = outcome else { Issue.record("not aborted: \(outcome)"); return }
        #expect(issued.map(\.rule.id) == ["positive-screen"], "one yes already makes the HARK screen positive")
        let record = try harness.onlyInterview()
        #expect(record.status == .aborted)
        let stored = try harness.store.referrals(status: nil)
        #expect(stored.map(\.ruleID) == ["positive-screen"])
        #expect(stored.map(\.origin) == [.unfinished])
        #expect(console.output.contains("Avbruten intervju — för personal"))
        #expect(console.output.contains(issued[0].code.description))
    }

    @Test func notConfirmingAnAbortGoesOnWithTheSameQuestion() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(inputs: ["", "ja", "!", "n", "nej"].map(LineInput.line) + [.hidden], interactive: true)
        _ = try harness.run(try shippedForm("hark"), console)
        let record = try harness.onlyInterview()
        #expect(try harness.store.answers(of: record.id, form: try shippedForm("hark")) == ["humiliated": .choice("yes"), "afraid": .choice("no")])
    }

    @Test func ctrlCOnATerminalAsksBeforeAborting() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(inputs: [.line(""), .line("ja"), .interrupted, .line("n"), .line("nej"), .interrupted, .interrupted], interactive: true)
        let outcome = try harness.run(try shippedForm("hark"), console)
        #expect(outcome.isAborted)
        #expect(console.prompts.filter { $0 == "Avbryta? j/n: " }.count == 2)
        let record = try harness.onlyInterview()
        #expect(record.status == .aborted)
        #expect(try harness.store.answers(of: record.id, form: try shippedForm("hark")).isEmpty, "an aborted interview keeps no answers")
    }

    @Test func ctrlDOnATerminalAlsoAsksFirst() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(inputs: [.line(""), .line("ja"), .endOfInput, .line("n"), .line("nej"), .endOfInput, .endOfInput], interactive: true)
        let outcome = try harness.run(try shippedForm("hark"), console)
        #expect(console.prompts.filter { $0 == "Avbryta? j/n: " }.count == 2)
        #expect(outcome.isAborted)
        #expect(try harness.store.answers(of: try harness.onlyInterview().id, form: try shippedForm("hark")).isEmpty)
    }

    @Test func theEndOfPipedInputMidInterviewMarksItAborted() throws {
        let harness = try SessionHarness()
        let outcome = try harness.run(try shippedForm("hark"), ScriptedConsole(["", "ja"]))
        guard case .inputEnded(let issued) = outcome else { Issue.record("input did not end: \(outcome)"); return }
        #expect(issued.map(\.rule.id) == ["positive-screen"])
        #expect(try harness.onlyInterview().status == .aborted)
    }

    @Test func leavingAtTheStartStoresNothing() throws {
        let harness = try SessionHarness()
        #expect(try harness.run(try shippedForm("hark"), ScriptedConsole(["!"])) == .notStarted)
        #expect(try harness.run(try shippedForm("hark"), ScriptedConsole([])) == .notStarted)
        #expect(try harness.store.interviews().isEmpty)
    }

    @Test func theScreensFollowTheChosenLanguage() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(["", "", "yes"])
        _ = try harness.run(try shippedForm("violence-seven"), console, language: .english)
        #expect(console.output.contains("Seven questions about violence"))
        #expect(console.output.contains("Question 1 of 10"))
        #expect(console.output.contains("< back   ? help   - decline   * don't know   ! abort"))
        #expect(console.output.contains("Have you been threatened"))
    }

    @Test func enterSkipsAndEnterKeepsAreNeverSaidTogether() throws {
        let harness = try SessionHarness()
        // participant-followup: months, three scales, then the optional 'agencies'; answer it, go back to it.
        let console = ScriptedConsole(["", "6", "4", "5", "2", "1", "<"])
        _ = try harness.run(try shippedForm("participant-followup"), console)
        let screens = console.output.components(separatedBy: "[CLEAR]\n")
        let first = try #require(screens.first { $0.contains("Vilka myndigheter") })
        #expect(first.contains("Enter hoppar över den") && !first.contains("Enter behåller det"))
        let back = try #require(screens.last { $0.contains("Vilka myndigheter") })
        #expect(back.contains("Enter behåller det") && !back.contains("Enter hoppar över den"))
    }

    @Test func eachQuestionStartsOnACleanScreen() throws {
        let harness = try SessionHarness()
        let console = ScriptedConsole(["", "n", "n"])
        _ = try harness.run(try shippedForm("hark"), console)
        #expect(console.clears == 5, "intro, the three questions shown, and the staff screen of the unfinished interview")
    }

    @Test func aStorageFailureStopsTheInterviewWithoutLosingWhatWasSaved() throws {
        let harness = try SessionHarness()
        let form = try shippedForm("hark")
        let console = ScriptedConsole(["", "ja", "nej"])
        let recorder = FailingAfter(saves: 1, store: harness.store)
        #expect(throws: InterviewSession.StorageFailure.self) {
            try InterviewSession(form: form, language: .swedish, site: nil, console: console, recorder: recorder, today: { testDay }).run()
        }
        let record = try harness.onlyInterview()
        #expect(try harness.store.answers(of: record.id, form: form) == ["humiliated": .choice("yes")])
    }
}

/// A recorder over the real store that fails (like a full disk) after a number of saves.
final class FailingAfter: InterviewRecorder {
    var saves: Int
    let real: StoreRecorder

    init(saves: Int, store: AnswerStore) {
        self.saves = saves
        real = StoreRecorder(store: store)
    }

    var storesAnswers: Bool { true }

    func begin(form: Questionnaire, language: Language, site: String?, day: Day) throws -> String {
        try real.begin(form: form, language: language, site: site, day: day)
    }

    func save(_ changes: [Interview.AnswerChange], interview: String, form: Questionnaire) throws {
        guard saves > 0 else { throw StoreError.diskFull(path: "test") }
        saves -= 1
        try real.save(changes, interview: interview, form: form)
    }

    func complete(interview: String, assessment: Assessment, form: Questionnaire, day: Day) throws -> [IssuedReferral] {
        try real.complete(interview: interview, assessment: assessment, form: form, day: day)
    }

    func abort(interview: String, raising rules: [ReferralRule], form: Questionnaire, day: Day) throws -> [IssuedReferral] {
        try real.abort(interview: interview, raising: rules, form: form, day: day)
    }
    func release(interview: String) { real.release(interview: interview) }
    func recordNotAsked(formID: String, reason: Coverage, gender: String?, site: String?, day: Day) throws {
        try real.recordNotAsked(formID: formID, reason: reason, gender: gender, site: site, day: day)
    }
}

extension InterviewSession.Outcome {
    /// Whether the interview was aborted (with whatever referrals).
    var isAborted: Bool {
        if case .aborted = self { return true }
        return false
    }
}
