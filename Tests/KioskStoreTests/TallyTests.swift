import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// The counts kept as interviews complete equal a full recount from the interviews, on random data,
/// after relabelling, after a migration of an existing database, and they stay when rows are deleted.
@Suite struct TallyTests {
    init() { ShippedLanguages.install() }

    /// Random interviews in two languages, three sites, two form versions and two years: most completed,
    /// some aborted, some left in progress; not-asked records beside them.
    func fill(_ store: AnswerStore, count: Int, seed: Int = 0) throws -> Questionnaire {
        var form = try storeTestForm()
        var random = SystemRandomNumberGenerator()
        for n in 0..<count {
            if n == count / 2 {
                // A second version of the form: the same ids, a new content hash.
                form.title = LocalizedText([.swedish: "T2", .english: "T2"])
            }
            var answers: Answers = [:]
            answers["q1"] = Bool.random(using: &random) ? .choice("yes") : (n % 9 == 0 ? .dontKnow : .choice("no"))
            if answers["q1"] == .choice("yes") { answers["q2"] = Bool.random(using: &random) ? .choice("yes") : .declined }
            answers["who"] = [.choices(["partner"]), .choices(["partner", "family"]), .skipped, .declined].randomElement(using: &random)!
            answers["level"] = n % 7 == 0 ? .dontKnow : .number(Int.random(in: 1...5, using: &random))
            if n % 5 != 0 { answers["gender"] = [.choice("kvinna"), .choice("man"), .choice("annan"), .declined].randomElement(using: &random)! }
            let day = Day(year: 2025 + n % 2, month: 1 + (n + seed) % 12, day: 1 + n % 28)
            let language: Language = n % 3 == 0 ? .english : .swedish
            let id = try store.beginInterview(form: form, language: language, site: ["Norr", "Syd", nil].randomElement(using: &random)!, day: day)
            try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
            switch n % 13 {
            case 0: continue  // left in progress: never counted
            case 1: try store.abort(interview: id, day: day)
            default: _ = try store.complete(interview: id, assessment: form.assess(answers), form: form, day: day)
            }
            if n % 10 == 0 {
                try store.recordNotAsked(formID: form.id, reason: [.companion, .noInterpreter, .other].randomElement(using: &random)!,
                                         gender: ["kvinna", "man", nil].randomElement(using: &random)!, site: "Norr", day: day)
            }
        }
        return form
    }

    static let splits: [[SummaryDimension]] = [
        [], [.site], [.ageBand], [.organisation], [.language], [.period(.month)], [.period(.quarter)], [.site, .period(.year)],
        [.language, .period(.quarter)],
    ]

    /// Every split, by version and not, with and without deriving "asked", agrees with the recount.
    func expectAgreement(_ store: AnswerStore, _ form: Questionnaire, from: Month? = nil) throws {
        for split in Self.splits {
            for byVersion in [false, true] {
                for multipleChoice in [nil, Set(["who"])] {
                    let options = SummaryOptions(groupBy: split, from: from)
                    let kept = try store.groupedCounts(formID: form.id, options: options, byVersion: byVersion, multipleChoice: multipleChoice)
                    let recounted = try store.recountedCounts(formID: form.id, options: options, byVersion: byVersion, multipleChoice: multipleChoice)
                    #expect(kept == recounted, "split \(split), by version \(byVersion), multiple choice \(String(describing: multipleChoice))")
                }
            }
        }
    }

    @Test func keptCountsEqualARecountOnRandomInterviews() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let form = try fill(store, count: 160)
        try expectAgreement(store, form)
        try expectAgreement(store, form, from: Month(year: 2025, month: 6))
    }

    @Test func relabellingWithAnOrganisationMovesTheCountsToo() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        _ = try fill(store, count: 60)
        try store.setSetting(AnswerStore.organisationKey, to: "Finsam Väst", day: testDay)
        try store.labelUnlabelled(organisation: "Finsam Väst")
        let form = try fill(store, count: 40, seed: 3)
        try expectAgreement(store, form)
        let byOrganisation = try store.groupedCounts(formID: form.id, options: SummaryOptions(groupBy: [.organisation]))
        #expect(byOrganisation[[""]] == nil, "every interview now has the organisation")
    }

    @Test func countsStayWhenConfirmedInterviewsAreDeleted() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let form = try fill(store, count: 50)
        let before = try store.groupedCounts(formID: form.id, options: SummaryOptions())
        try store.write { db in try db.execute(sql: "UPDATE interview SET synced_month = '2025-01' WHERE status != 'in_progress'") }
        let deleted = try store.purgeConfirmed(olderThan: 30, today: testDay)
        #expect(deleted > 0)
        #expect(try store.checkTallies().purged == deleted, "the check knows a recount cannot match")
        #expect(try store.groupedCounts(formID: form.id, options: SummaryOptions()) == before, "the summary still counts them")
        #expect(try store.recountedCounts(formID: form.id, options: SummaryOptions()) != before, "while their rows are gone")
    }

    @Test func aDatabaseOfTheEarlierSchemaGetsItsCountsWhenItMigratesAndTheSameSummary() throws {
        let temp = try TemporaryDirectory()
        var store: AnswerStore? = try AnswerStore.open(directory: temp.dataDirectory)
        let form = try fill(store!, count: 80)
        let options = SummaryOptions(groupBy: [.site, .period(.quarter)])
        let summaryBefore = SummaryReport(form: form, language: .swedish, options: options,
                                          counts: try store!.recountedCounts(formID: form.id, options: options))
        // Back to the schema before the kept counts (v5), as a kiosk of the previous release wrote it.
        store = nil
        let queue = try DatabaseQueue(path: temp.databasePath)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE tally")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v6:%'")
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        try queue.close()
        let reopened = try AnswerStore.open(directory: temp.dataDirectory)
        let summaryAfter = SummaryReport(form: form, language: .swedish, options: options,
                                         counts: try reopened.groupedCounts(formID: form.id, options: options))
        #expect(summaryAfter == summaryBefore)
        try expectAgreement(reopened, form)
    }

    @Test func rebuildingTheCountsFromTheInterviewsRepairsAMismatch() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let form = try fill(store, count: 40)
        #expect(try store.checkTallies().mismatched.isEmpty)
        try store.write { db in try db.execute(sql: "UPDATE tally SET count = count + 1 WHERE kind = 'interview'") }
        #expect(try store.checkTallies().mismatched == [form.id])
        try store.rebuildTallies()
        #expect(try store.checkTallies().mismatched.isEmpty)
        try expectAgreement(store, form)
    }
}
