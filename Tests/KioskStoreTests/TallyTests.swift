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

    /// Writes the interviews, referrals and not-asked records of `store` into a new database of an earlier
    /// schema (`v5`: before the kept counts; `v6`: counts kept, one row per answer), as that release stored them.
    func earlierDatabase(of store: AnswerStore, schema: String, in directory: TemporaryDirectory) throws {
        try FileManager.default.createDirectory(at: directory.dataDirectory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.databasePath)
        let last = try #require(Schema.migrator.migrations.first { $0.hasPrefix("\(schema):") })
        try Schema.migrator.migrate(queue, upTo: last)
        let finished = try store.pendingInterviews(limit: 10_000)
        let inProgress = try store.interviews(status: .inProgress)
        var scores: [String: [ScoreResult]] = [:]
        for interview in finished { scores[interview.id] = try store.scores(of: interview.id) }
        var answers: [String: Answers] = [:]
        for interview in inProgress { answers[interview.id] = try store.answers(of: interview.id) }
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS new", arguments: [store.path])
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO form_version SELECT hash, form_id, definition, first_day FROM new.form_version ORDER BY id")
                try db.execute(sql: """
                    INSERT INTO not_asked (id, form_id, month, site, reason, gender, record_key, organisation, synced_month)
                    SELECT id, form_id, month, site, reason, gender, record_key, organisation, synced_month FROM new.not_asked
                    """)
                try db.execute(sql: """
                    INSERT INTO referral (code, form_id, form_hash, rule_id, level, origin, day, status, outcome, closed_day)
                    SELECT r.code, v.form_id, v.hash, t.text, CASE r.level WHEN 1 THEN 'urgent' ELSE 'routine' END,
                           CASE r.origin WHEN 1 THEN 'completed' ELSE 'unfinished' END, r.day,
                           CASE r.status WHEN 1 THEN 'open' ELSE 'closed' END, r.outcome, r.closed_day
                    FROM new.referral r JOIN new.form_version v ON v.id = r.version JOIN new.term t ON t.id = r.rule
                    """)
                let interview = try db.makeStatement(sql: """
                    INSERT INTO interview (id, form_id, form_hash, language, site, month, started_day, status, gender, age_band, record_key, organisation)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let answer = try db.makeStatement(sql: "INSERT INTO answer (interview_id, question_id, value, kind) VALUES (?, ?, ?, ?)")
                let score = try db.makeStatement(sql: "INSERT INTO score VALUES (?, ?, ?, ?, ?, ?)")
                let fired = try db.makeStatement(sql: "INSERT INTO fired_rule VALUES (?, ?)")
                for i in finished {
                    try interview.execute(arguments: [i.id, i.formID, i.formHash, i.language, i.site, i.month, nil, i.status, i.gender,
                                                      i.ageBand, i.recordKey, i.organisation])
                    for row in i.answers { try answer.execute(arguments: [i.id, row[0], row[1], row[2]]) }
                    for s in scores[i.id] ?? [] {
                        try score.execute(arguments: [i.id, s.id, s.value, s.answeredItems, s.totalItems, s.band])
                    }
                    for rule in i.fired { try fired.execute(arguments: [i.id, rule]) }
                }
                for i in inProgress {
                    try interview.execute(arguments: [i.id, i.formID, i.formHash, i.language, i.site, i.month, i.startedDay, "in_progress",
                                                      i.gender, i.ageBand, i.recordKey, i.organisation])
                    for (question, given) in answers[i.id] ?? [:] {
                        for row in AnswerStore.rows(for: given) { try answer.execute(arguments: [i.id, question, row.value, row.kind]) }
                    }
                }
                if schema == "v6" {
                    // That release kept the counts as interviews completed.
                    try Schema.adjustTalliesV6(db, interviews: "1", arguments: [], sign: 1)
                    try Schema.adjustNotAskedTalliesV6(db, records: "1", arguments: [], sign: 1)
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE new")
        }
        try queue.close()
    }

    @Test(arguments: ["v5", "v6"])
    func aDatabaseOfAnEarlierSchemaMigratesInPlaceWithTheSameSummaryAnswersAndReferrals(schema: String) throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let form = try fill(store, count: 90)
        let old = try TemporaryDirectory()
        try earlierDatabase(of: store, schema: schema, in: old)
        let migrated = try AnswerStore.open(directory: old.dataDirectory)
        for split in Self.splits {
            for byVersion in [false, true] {
                let options = SummaryOptions(groupBy: split)
                #expect(try migrated.groupedCounts(formID: form.id, options: options, byVersion: byVersion)
                        == store.groupedCounts(formID: form.id, options: options, byVersion: byVersion), "split \(split), by version \(byVersion)")
                let before = SummaryReport(form: form, language: .swedish, options: options,
                                           counts: try store.groupedCounts(formID: form.id, options: options))
                let after = SummaryReport(form: form, language: .swedish, options: options,
                                          counts: try migrated.groupedCounts(formID: form.id, options: options))
                #expect(after == before)
            }
        }
        try expectAgreement(migrated, form)
        #expect(try migrated.pendingInterviews(limit: 10_000) == store.pendingInterviews(limit: 10_000))
        #expect(try migrated.referrals(status: nil) == store.referrals(status: nil))
        for interview in try store.interviews(status: .inProgress) {
            #expect(try migrated.answers(of: interview.id, form: form) == store.answers(of: interview.id, form: form))
            #expect(try migrated.interview(interview.id) == interview)
        }
        #expect(try migrated.checkTallies().mismatched.isEmpty)
        try migrated.queue.read { db throws -> Void in
            #expect(try String.fetchAll(db, sql: "SELECT integrity_check FROM pragma_integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            for gone in ["answer", "score", "fired_rule"] { #expect(try !db.tableExists(gone), "\(gone) is packed into the interview row") }
            #expect(try Int.fetchOne(db, sql: "PRAGMA freelist_count") == 0, "the pages of the old tables are given back to the disk")
        }
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
