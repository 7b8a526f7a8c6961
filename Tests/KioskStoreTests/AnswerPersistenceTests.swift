import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// Answers are committed as they are given, read back exactly, and never lost or mixed.
@Suite struct AnswerPersistenceTests {
    init() { ShippedLanguages.install() }

    @Test func eachAnswerIsOnDiskBeforeTheNextPrompt() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "q1", answer: .choice("yes"))], interview: id, form: form)
        // A second, independent connection to the file sees the answer: it is committed.
        let other = try DatabaseQueue(path: temp.databasePath)
        let rows = try other.read { db in
            let packed = try Data.fetchOne(db, sql: "SELECT answers FROM interview WHERE id = ?", arguments: [InterviewKey.key(id)])
            return try Packing.unpackAnswers(try #require(packed), terms: LoadedTerms(db))
        }
        #expect(rows == [AnswerRow(question: "q1", kind: "choice", value: "yes")])
        #expect(try other.read { db in try String.fetchOne(db, sql: "SELECT status FROM interview") } == "in_progress")
    }

    @Test func everyKindOfAnswerRoundTrips() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let cases: [Answers] = [
            ["q1": .choice("yes"), "q2": .declined, "who": .choices(["partner", "family"]), "level": .number(5), "gender": .dontKnow],
            ["q1": .dontKnow, "who": .skipped, "level": .declined, "gender": .declined],
            ["q1": .choice("no"), "who": .choices(["family"]), "level": .number(1), "gender": .choice("annan")],
        ]
        for answers in cases {
            let id = try store.beginInterview(form: form, language: .english, site: nil, day: testDay)
            try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
            #expect(try store.answers(of: id, form: form) == answers)
        }
    }

    @Test func anAnswerNoLongerShownIsDeletedFromTheFile() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        var interview = Interview(form: form)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        interview.begin()
        try store.save(try interview.answer(.choice("yes")), interview: id, form: form)
        try store.save(try interview.answer(.choice("yes")), interview: id, form: form)
        interview.back()
        interview.back()
        let changes = try interview.answer(.choice("no"))
        try store.save(changes, interview: id, form: form)
        #expect(try store.answers(of: id, form: form) == ["q1": .choice("no")])
    }

    @Test func theGenderAnswerIsCopiedForSummariesAndClearedWhenRemoved() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "gender", answer: .choice("kvinna"))], interview: id, form: form)
        #expect(try store.interview(id)?.gender == "kvinna")
        try store.save([.saved(questionID: "gender", answer: .declined)], interview: id, form: form)
        #expect(try store.interview(id)?.gender == "declined")
        try store.save([.removed(questionID: "gender")], interview: id, form: form)
        #expect(try store.interview(id)?.gender == nil)
    }

    @Test func completingStoresScoresAndReferralsAndClosesTheInterview() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let (id, issued) = try storeCompletedInterview(store, form: form, answers: [
            "q1": .choice("yes"), "q2": .choice("no"), "who": .skipped, "level": .number(4), "gender": .choice("kvinna"),
        ])
        #expect(issued.map(\.rule.id) == ["flag"])
        #expect(try store.scores(of: id).map(\.value) == [1 + 0 + 4])
        #expect(try store.interview(id)?.status == .complete)
        let open = try store.referrals()
        #expect(open.map(\.code) == issued.map(\.code.value))
        #expect(open.first?.level == .urgent)
        #expect(throws: StoreError.notFound("the interview in progress")) {
            try store.save([.saved(questionID: "q1", answer: .choice("no"))], interview: id, form: form)
        }
    }

    @Test func openReferralsListUrgentBeforeRoutineWithinADay() throws {
        let temp = try TemporaryDirectory()
        let loaded = QuestionnaireLoader.load(yaml: """
            id: two-levels
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: a, en: a}}
            referrals:
              - {id: later, when: q1 = yes, level: routine, message: {sv: m, en: m}}
              - {id: today, when: q1 = yes, level: urgent, message: {sv: m, en: m}}
            examples:
              - {name: both, answers: {q1: yes}, expect: {referrals: [later, today]}}
            """, file: "two-levels.yaml")
        let form = try #require(loaded.questionnaire)
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        for _ in 0..<3 { try storeCompletedInterview(store, form: form, answers: ["q1": .choice("yes")]) }
        #expect(try store.referrals().map(\.level) == [.urgent, .urgent, .urgent, .routine, .routine, .routine])
    }

    @Test func abortingDeletesTheAnswersAndCountsItAsNotFinished() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "q1", answer: .choice("yes"))], interview: id, form: form)
        try store.abort(interview: id, day: testDay)
        #expect(try store.interview(id)?.status == .aborted)
        #expect(try store.answers(of: id, form: form).isEmpty, "an aborted interview keeps no answers")
        let counts = try #require(try store.groupedCounts(formID: form.id, options: SummaryOptions())[[]])
        #expect(counts.interviews.isEmpty && counts.answers.isEmpty, "never counted as completed")
        #expect(counts.coverage[Coverage.unfinished.rawValue]?[GroupCounts.notStated]?.count == 1, "counted as started, not finished")
    }

    @Test func theFormVersionIsStoredWithTheInterview() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        let record = try #require(try store.interview(id))
        #expect(record.formHash == form.contentHash)
        let stored = try #require(try store.formVersion(hash: record.formHash))
        #expect(stored.contentHash == form.contentHash)
        #expect(try store.latestFormVersion(formID: form.id)?.contentHash == form.contentHash)
    }
}
