import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// What the store keeps says nothing about who answered or when in the day.
@Suite struct AnonymityTests {
    init() { ShippedLanguages.install() }

    @Test func noColumnCanHoldANameAnIdentityNumberOrATimeOfDay() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let columns = try store.queue.read { db -> [String] in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%'")
            return try tables.flatMap { table in try db.columns(in: table).map { "\(table).\($0.name)" } }
        }
        let forbidden = ["name", "person", "personnummer", "ssn", "birth", "time", "timestamp", "created", "updated", "staff", "interviewer", "user", "email", "phone", "address"]
        for column in columns {
            let name = column.split(separator: ".").last.map(String.init) ?? column
            #expect(!forbidden.contains { name.lowercased().contains($0) }, "\(column)")
        }
    }

    @Test func storedValuesHoldNoTimeOfDayAndDaysHaveNoTime() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        for _ in 0..<3 {
            try storeCompletedInterview(store, form: form, answers: ["q1": .choice("yes"), "q2": .choice("yes"), "who": .skipped, "level": .number(3), "gender": .choice("man")])
        }
        let texts = try store.queue.read { db -> [String] in
            var values: [String] = []
            // Answers and scores are packed in the interview's row; their words are in the term table.
            for table in ["form_version", "interview", "term", "label", "referral"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    for (column, value) in row where column != "definition" {
                        if let text = String.fromDatabaseValue(value) { values.append(text) }
                    }
                }
            }
            return values
        }
        let timeOfDay = try Regex(#"\d{1,2}:\d{2}"#)
        for text in texts {
            #expect(text.firstMatch(of: timeOfDay) == nil, "\(text)")
        }
        let months = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT month FROM interview") }
        #expect(Set(months) == ["2026-11"], "a finished interview keeps its month, not its day")
        let started = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT started_day FROM interview WHERE started_day IS NOT NULL") }
        #expect(started.isEmpty)
        let days = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT day FROM referral") }
        #expect(Set(days) == ["2026-11-25"], "only a referral keeps the day, for follow-up")
    }

    @Test func aDiscardedInterviewLeavesNoTraceInTheDatabaseFiles() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        var discarded = ""
        do {
            let store = try AnswerStore.open(directory: temp.dataDirectory)
            // Enough kept interviews that the discarded one shares pages with them.
            for _ in 0..<20 { try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "gender": .choice("man")]) }
            discarded = try store.beginInterview(form: form, language: .swedish, site: "Hemligplats", day: testDay)
            try store.save([.saved(questionID: "q1", answer: .choice("yes"))], interview: discarded, form: form)
            try store.discard(interview: discarded, day: testDay)
            // The store stays open: the files are read as they are while the kiosk runs.
            for suffix in ["", "-wal"] {
                let path = temp.databasePath + suffix
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                #expect(bytes.range(of: Data("Hemligplats".utf8)) == nil, "the discarded interview's site is still readable in \(path)")
                #expect(bytes.range(of: Data(discarded.utf8)) == nil, "the discarded interview's id is still readable in \(path)")
            #expect(bytes.range(of: InterviewKey.key(discarded)) == nil, "the discarded interview's key is still in \(path)")
                #expect(bytes.range(of: InterviewKey.key(discarded)) == nil, "the discarded interview's key is still in \(path)")
            }
            #expect(try store.interviews(status: .complete).count == 20)
            let busy = try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
            #expect(busy == 10_000, "the wait for other kiosks is back to normal")
        }
        for suffix in ["", "-wal"] {
            let path = temp.databasePath + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            #expect(bytes.range(of: Data("Hemligplats".utf8)) == nil, "the discarded interview's site is still readable in \(path)")
            #expect(bytes.range(of: Data(discarded.utf8)) == nil, "the discarded interview's id is still readable in \(path)")
            #expect(bytes.range(of: InterviewKey.key(discarded)) == nil, "the discarded interview's key is still in \(path)")
        }
    }

    @Test func interviewIDsAreRandomAndUnrelated() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let ids = try (0..<20).map { _ in try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay) }
        #expect(Set(ids).count == 20)
        for id in ids { #expect(UUID(uuidString: id) != nil) }
    }

    @Test func referralCodesAreUniqueAndValidate() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        var codes: [ReferralCode] = []
        for _ in 0..<150 {
            let (_, issued) = try storeCompletedInterview(store, form: form, answers: ["q1": .choice("yes"), "q2": .choice("no"), "who": .skipped, "level": .number(1), "gender": .declined])
            codes += issued.map(\.code)
        }
        #expect(codes.count == 150)
        #expect(Set(codes).count == 150)
        for record in try store.referrals() {
            #expect(try ReferralCode.parse(record.code).get().value == record.code)
            #expect(record.displayCode.count == 9)
        }
    }
}

/// A store that keeps no trail from a referral code to answers, nor of the order of the day.
@Suite struct TrailTests {
    init() { ShippedLanguages.install() }

    @Test func noReferralColumnLeadsToAnInterview() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let (id, issued) = try storeCompletedInterview(store, form: form, answers: ["q1": .choice("yes"), "q2": .choice("no"), "gender": .choice("man")])
        let referral = try #require(issued.first)
        try store.queue.read { db throws -> Void in
            let columns = try db.columns(in: "referral").map(\.name)
            #expect(!columns.contains { $0.contains("interview") }, "\(columns)")
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM referral"))
            for (_, value) in row {
                #expect(String.fromDatabaseValue(value) != id, "a referral holds nothing equal to its interview's id")
            }
            // Nothing else in the database holds the referral code next to the interview's id either.
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'grdb%'")
            for table in tables where table != "referral" {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    let texts = row.map { String.fromDatabaseValue($0.1) ?? "" }
                    #expect(!texts.contains(referral.code.description), "\(table) holds the referral code")
                }
            }
        }
    }

    @Test func theSummarysReferralCountsComeFromTheInterviewsOwnFiredRules() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try storeCompletedInterview(store, form: form, answers: ["q1": .choice("yes"), "q2": .choice("no"), "gender": .choice("man")])
        // Staff closing (or losing) the referral changes nothing in the figures.
        try store.queue.write { db in try db.execute(sql: "DELETE FROM referral") }
        let counts = try #require(try store.groupedCounts(formID: form.id, options: SummaryOptions())[[]])
        #expect(counts.referrals["flag"]?.mapValues(\.count) == ["man": 1])
    }

    @Test func neitherRowidNorPageOrderTellsTheOrderOfTheDay() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        var inOrder: [String] = []
        for _ in 0..<40 { inOrder.append(try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "gender": .choice("man")]).id) }
        try store.queue.read { db throws -> Void in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'interview'") ?? ""
            #expect(sql.uppercased().contains("WITHOUT ROWID"), "\(sql)")
            // Stored by the random id: reading the table (or its pages) gives the ids sorted, not as taken.
            let stored = try Data.fetchAll(db, sql: "SELECT id FROM interview").map(InterviewKey.id)
            #expect(stored == inOrder.sorted())
            #expect(stored != inOrder)
        }
    }
}
