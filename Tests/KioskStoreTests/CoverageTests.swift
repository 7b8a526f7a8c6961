import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// Whether the questions were asked at all: not-asked records and interviews started but not finished,
/// by gender, without a single answer.
@Suite struct CoverageTests {
    init() { ShippedLanguages.install() }

    @Test func notAskedIsStoredWithReasonGenderAndMonthOnly() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try store.recordNotAsked(formID: form.id, reason: .companion, gender: "man", site: "Norr", day: testDay)
        let rows = try store.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM not_asked") }
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["reason"] as String? == "companion")
        #expect(row["gender"] as String? == "man")
        #expect(row["month"] as String? == "2026-11")
        #expect(row["site"] as String? == "Norr")
        let columns = Set(row.columnNames)
        // Labels of the kiosk (site, organisation) and the day the central server confirmed it: nothing of a person.
        #expect(columns == ["id", "form_id", "month", "site", "organisation", "reason", "gender", "record_key", "synced_month"], "\(columns)")
    }

    @Test func theSummaryCountsNotAskedAndUnfinishedByGenderNextToTheCompleted() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "level": .number(2), "gender": .choice("kvinna")])
        for _ in 0..<3 { try store.recordNotAsked(formID: form.id, reason: .companion, gender: "man", site: nil, day: testDay) }
        try store.recordNotAsked(formID: form.id, reason: .noInterpreter, gender: "declined", site: nil, day: testDay)
        try store.recordNotAsked(formID: "another-form", reason: .other, gender: "man", site: nil, day: testDay)
        let unfinished = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "gender", answer: .choice("kvinna")), .saved(questionID: "q1", answer: .choice("yes"))],
                       interview: unfinished, form: form)
        try store.abort(interview: unfinished, day: testDay)

        let counts = try #require(try store.groupedCounts(formID: form.id, options: SummaryOptions())[[]])
        #expect(counts.interviews.mapValues(\.count) == ["kvinna": 1])
        #expect(counts.coverage["companion"]?.mapValues(\.count) == ["man": 3])
        #expect(counts.coverage["no_interpreter"]?.mapValues(\.count) == ["declined": 1])
        #expect(counts.coverage["other"] == nil, "another form's record is not this form's")
        #expect(counts.coverage["unfinished"]?.mapValues(\.count) == ["kvinna": 1])
        // The unfinished interview's yes to q1 is gone, and counted nowhere.
        #expect(counts.answers["q1"]?["yes"] == nil)
    }

    @Test func anAbortedInterviewKeepsNoAnswersScoresOrDays() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "q1", answer: .choice("yes")), .saved(questionID: "level", answer: .number(4))], interview: id, form: form)
        let issued = try store.abort(interview: id, raising: form.certainReferrals(given: ["q1": .choice("yes")]), form: form, day: testDay)
        #expect(issued.map(\.rule.id) == ["flag"], "the urgent rule its answers decided is raised first")
        try store.queue.read { db throws -> Void in
            #expect(try Int.fetchOne(db, sql: "SELECT length(answers) + length(results) FROM interview") == 0,
                    "no packed answers or scores are left in its row")
            #expect(try String.fetchOne(db, sql: "SELECT status FROM interview") == "aborted")
            #expect(try String?.fetchOne(db, sql: "SELECT started_day FROM interview") == .some(nil))
        }
        // In the files, the aborted interview's id is now as rare as that of one that never had an answer:
        // its answer rows are not left in free pages or the write-ahead log.
        let never = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.abort(interview: never, day: testDay)
        func occurrences(_ id: String) -> Int {
            ["", "-wal"].reduce(0) { total, suffix in
                guard let bytes = FileManager.default.contents(atPath: temp.databasePath + suffix) else { return total }
                var count = 0, start = bytes.startIndex
                while let found = bytes.range(of: InterviewKey.key(id), in: start..<bytes.endIndex) {
                    count += 1
                    start = found.upperBound
                }
                return total + count
            }
        }
        #expect(occurrences(id) == occurrences(never), "\(occurrences(id)) against \(occurrences(never))")
    }
}
