import Foundation
import GRDB
import KioskApp
import KioskCentral
import KioskCore
@testable import KioskServer
import KioskStore
import PostgresNIO
import Synchronization
import SeededRandom
import TestPostgres
import Testing

/// `kiosk sync`: every finished interview arrives exactly once, only what is anonymous is sent, and the
/// server's summary of interviews from several kiosks is the local summary of the same interviews.
@Suite(.enabled(if: serverAvailable, "needs PostgreSQL (apt-get install postgresql; Scripts/test installs it)"))
struct SyncTests {
    @Test func aSyncSendsEveryFinishedInterviewOnceAndASecondSyncAddsNothing() async throws {
        let server = try await ServerHarness()
        let kiosk = try KioskStoreFixture(organisation: "Samordningsförbundet Norr")
        var random = SeededRandom(seed: 11)
        try fillSevenQuestions(kiosk.store, count: 60, site: "Luleå", random: &random)
        let pending = try kiosk.store.pendingCount()
        let connection = try await server.connect(try await server.user(.kiosk))
        let first = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay)
        #expect(first.confirmed == pending && first.new == pending)
        #expect(try kiosk.store.pendingCount() == 0)
        let second = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay)
        #expect(second == .init(confirmed: 0, new: 0, purged: 0))
        await connection.close()
        #expect(try server.count("SELECT count(*) FROM kiosk.interview") + server.count("SELECT count(*) FROM kiosk.not_asked") == pending)
        #expect(try server.count("SELECT count(DISTINCT organisation) FROM kiosk.interview WHERE organisation = 'Samordningsförbundet Norr'") == 1)
    }

    @Test func nothingIsSentThatCouldIdentifyAPersonOrLeadToAReferral() async throws {
        let server = try await ServerHarness()
        let kiosk = try KioskStoreFixture()
        var random = SeededRandom(seed: 12)
        try fillSevenQuestions(kiosk.store, count: 40, site: "Kiruna", random: &random)
        let connection = try await server.connect(try await server.user(.kiosk))
        _ = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay)
        await connection.close()
        // Months only, no day; no referral codes anywhere in the schema.
        #expect(try server.count("SELECT count(*) FROM kiosk.interview WHERE month !~ '^[0-9]{4}-[0-9]{2}$'") == 0)
        #expect(try server.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'kiosk' AND (column_name ILIKE '%code%' OR column_name ILIKE '%day%' AND table_name NOT IN ('release', 'releases', 'schema_migration'))") == 0)
        let codes = try kiosk.store.referrals(status: nil).map(\.code)
        #expect(!codes.isEmpty)
        let dump = try server.cluster.psql("SELECT string_agg(t::text, ' ') FROM (SELECT * FROM kiosk.interview) t", database: server.database)
            + server.cluster.psql("SELECT string_agg(t::text, ' ') FROM (SELECT * FROM kiosk.fired_rule) t", database: server.database)
        for code in codes { #expect(!dump.contains(code)) }
    }

    @Test func aServerStoppedInTheMiddleOfASyncGetsEveryInterviewExactlyOnceAfterwards() async throws {
        // A cluster of its own: stopping it must not disturb the other tests.
        let cluster = try PostgresCluster.makeSeparate()
        defer { cluster.dispose() }
        let server = try await ServerHarness(cluster: cluster)
        let kiosk = try KioskStoreFixture()
        var random = SeededRandom(seed: 13)
        try fillSevenQuestions(kiosk.store, count: 900, site: "Boden", random: &random)
        let pending = try kiosk.store.pendingCount()
        let user = try await server.user(.kiosk)
        let connection = try await server.connect(user)
        let stopped = Mutex(false)
        do {
            _ = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay) { sent, _ in
                // After the first batch is committed: the server goes down as in a power cut.
                if sent >= ServerSync.batchSize && !stopped.withLock({ $0 }) {
                    stopped.withLock { $0 = true }
                    #expect(throws: Never.self) { try cluster.stop() }
                }
            }
            Issue.record("the sync went on with the server stopped")
        } catch {
            #expect((error as? ServerError)?.message(in: .english).contains("server") == true, "\(error)")
        }
        await connection.close()
        let confirmed = pending - (try kiosk.store.pendingCount())
        #expect(confirmed >= ServerSync.batchSize && confirmed < pending)
        try cluster.start()
        let again = try await server.connect(user)
        let outcome = try await ServerSync.push(store: kiosk.store, connection: again, day: testDay)
        await again.close()
        #expect(outcome.confirmed == pending - confirmed)
        #expect(try kiosk.store.pendingCount() == 0)
        #expect(try server.count("SELECT count(*) FROM kiosk.interview") + server.count("SELECT count(*) FROM kiosk.not_asked") == pending)
    }

    @Test func aConnectionKilledInTheMiddleOfAHandInLeavesItUnconfirmedAndTheNextSyncAddsItOnce() async throws {
        let server = try await ServerHarness()
        let kiosk = try KioskStoreFixture()
        var random = SeededRandom(seed: 14)
        try fillSevenQuestions(kiosk.store, count: 120, site: "Piteå", random: &random)
        let pending = try kiosk.store.pendingCount()
        let user = try await server.user(.kiosk)
        // Hold a lock the hand-in needs, so the kiosk's transaction is open on the server when it is killed.
        let admin = try await server.admin()
        try await admin.execute("BEGIN")
        try await admin.execute("LOCK TABLE kiosk.interview IN EXCLUSIVE MODE")
        let connection = try await server.connect(user)
        let push = Task { try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay) }
        try await waitUntil { try server.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND usename = '\(user.address.user)'") == 1 }
        #expect(try server.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '\(user.address.user)'") == 1)
        try await admin.execute("COMMIT")
        await admin.close()
        await #expect(throws: ServerError.self) { _ = try await push.value }
        #expect(try kiosk.store.pendingCount() == pending)
        #expect(try server.count("SELECT count(*) FROM kiosk.interview") == 0)
        let again = try await server.connect(user)
        let outcome = try await ServerSync.push(store: kiosk.store, connection: again, day: testDay)
        await again.close()
        #expect(outcome.confirmed == pending && outcome.new == pending)
    }

    @Test func aBatchTheServerCommittedButTheKioskNeverHeardOfIsConfirmedLaterWithoutADuplicate() async throws {
        let server = try await ServerHarness()
        let kiosk = try KioskStoreFixture()
        var random = SeededRandom(seed: 15)
        try fillSevenQuestions(kiosk.store, count: 30, site: "Älvsbyn", random: &random)
        let pending = try kiosk.store.pendingCount()
        let connection = try await server.connect(try await server.user(.kiosk))
        // The hand-in as the server saw it, with the answer lost on the way back.
        let batch = try kiosk.store.pendingInterviews(limit: 10)
        for version in try kiosk.store.allFormVersions() {
            try await connection.execute("SELECT kiosk.submit_form_version(\(version.hash), \(version.formID), \(version.definition), \(version.firstMonth))")
        }
        let payload = String(decoding: try JSONEncoder().encode(batch), as: UTF8.self)
        #expect(try await connection.value("SELECT kiosk.submit_interviews(\(payload)::jsonb)::bigint", as: Int.self) == 10)
        let outcome = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay)
        await connection.close()
        #expect(outcome.confirmed == pending && outcome.new == pending - 10)
        #expect(try server.count("SELECT count(*) FROM kiosk.interview") + server.count("SELECT count(*) FROM kiosk.not_asked") == pending)
    }

    @Test func twoKiosksSyncingAtTheSameMomentBothArriveWhole() async throws {
        let server = try await ServerHarness()
        let north = try KioskStoreFixture(organisation: "Norr"), south = try KioskStoreFixture(organisation: "Syd")
        var random = SeededRandom(seed: 16)
        try fillSevenQuestions(north.store, count: 300, site: "Umeå", random: &random)
        try fillSevenQuestions(south.store, count: 300, site: "Malmö", random: &random)
        let expected = try north.store.pendingCount() + south.store.pendingCount()
        let user = try await server.user(.kiosk)
        let (a, b) = (try await server.connect(user), try await server.connect(user))
        let northStore = north.store, southStore = south.store
        async let first = ServerSync.push(store: northStore, connection: a, day: testDay)
        async let second = ServerSync.push(store: southStore, connection: b, day: testDay)
        let (x, y) = try await (first, second)
        await a.close()
        await b.close()
        #expect(x.new + y.new == expected)
        #expect(try server.count("SELECT count(*) FROM kiosk.interview") + server.count("SELECT count(*) FROM kiosk.not_asked") == expected)
        #expect(try server.count("SELECT count(*) FROM kiosk.form_version") == 1)
    }

    @Test func confirmedInterviewsAreDeletedHereAfterTheChosenNumberOfDays() async throws {
        let server = try await ServerHarness()
        let kiosk = try KioskStoreFixture()
        var random = SeededRandom(seed: 17)
        try fillSevenQuestions(kiosk.store, count: 50, site: "Gällivare", random: &random)
        let pending = try kiosk.store.pendingCount()
        let connection = try await server.connect(try await server.user(.kiosk))
        // Confirmed in November (only the month is kept): 30 days counts from the end of November.
        let early = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay, purgeAfter: 30)
        #expect(early.purged == 0)
        let notYet = try await ServerSync.push(store: kiosk.store, connection: connection, day: Day(year: 2026, month: 12, day: 30), purgeAfter: 30)
        #expect(notYet.purged == 0)
        let later = try await ServerSync.push(store: kiosk.store, connection: connection, day: Day(year: 2026, month: 12, day: 31), purgeAfter: 30)
        await connection.close()
        #expect(later.purged == pending)
        let form = try shippedForm("violence-seven")
        #expect(try kiosk.store.recountedCounts(formID: form.id, options: SummaryOptions()).isEmpty, "their rows are gone")
        #expect(try !kiosk.store.groupedCounts(formID: form.id, options: SummaryOptions()).isEmpty, "their counts stay")
        // Referrals stay for follow-up (they lead to no answers).
        #expect(try !kiosk.store.referrals(status: nil).isEmpty)
    }

    @Test func aSummaryOfThreeKiosksOnTheServerIsByteForByteTheSummaryOfTheSameInterviewsInOneStore() async throws {
        let server = try await ServerHarness()
        let kiosks = try ["Norr", "Mitt", "Syd"].map { try KioskStoreFixture(organisation: "Samordningsförbundet \($0)") }
        var random = SeededRandom(seed: 18)
        for (index, kiosk) in kiosks.enumerated() {
            try fillSevenQuestions(kiosk.store, count: 150 + 40 * index, site: ["Luleå", "Sundsvall", "Lund"][index], random: &random)
        }
        let together = try KioskStoreFixture()
        try together.copy(from: kiosks.map(\.databasePath))
        let user = try await server.user(.kiosk)
        for kiosk in kiosks {
            let connection = try await server.connect(user)
            _ = try await ServerSync.push(store: kiosk.store, connection: connection, day: testDay)
            await connection.close()
        }
        let report = try await server.connect(try await server.user(.report))
        let form = try shippedForm("violence-seven")
        let splits: [[SummaryDimension]] = [[], [.organisation], [.site, .period(.quarter)], [.ageBand, .period(.year)]]
        for split in splits {
            var options = SummaryOptions()
            options.groupBy = split
            let local = try SummaryReports.summary(of: form, store: together.store, language: .swedish, options: options)
            let central = try await ServerSummary.summary(formID: form.id, current: form, connection: report, language: .swedish,
                                                          options: options, method: .standard, publishing: nil)
            #expect(SummaryReports.text(central) == SummaryReports.text(local), "\(split)")
            #expect(SummaryReports.csv(central) == SummaryReports.csv(local), "\(split)")
            #expect(SummaryReports.json(central) == SummaryReports.json(local), "\(split)")
            #expect(SummaryHTML.render(central, day: testDay) == SummaryHTML.render(local, day: testDay), "\(split)")
        }
        await report.close()
    }
}

extension KioskStoreFixture {
    var databasePath: String { url.appendingPathComponent("data").appendingPathComponent(AnswerStore.fileName).path }

    /// Copies every interview (with the same ids and record keys) of the stores at `paths` into this one.
    func copy(from paths: [String]) throws {
        let queue = try DatabaseQueue(path: databasePath)
        for path in paths {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [path])
                try db.inTransaction {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO form_version (hash, form_id, definition, first_day)
                        SELECT hash, form_id, definition, first_day FROM other.form_version
                        """)
                    // Packed answers refer to each database's own term numbers: read with the other's, packed with ours.
                    var theirs = CopiedTerms(), theirLabels = CopiedTerms()
                    for row in try Row.fetchAll(db, sql: "SELECT id, text FROM other.term") { theirs.texts[row[0]] = row[1] }
                    for row in try Row.fetchAll(db, sql: "SELECT id, text FROM other.label") { theirLabels.texts[row[0]] = row[1] }
                    var ours = DatabaseTerms(db: db), ourLabels = DatabaseTerms(db: db, table: "label")
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT i.id, v.hash, i.language, i.site, i.organisation, i.month, i.started_day, i.status, i.gender, i.age_band,
                               i.record_key, i.synced_month, i.answers, i.results
                        FROM other.interview i JOIN other.form_version v ON v.id = i.version
                        """)
                    for row in rows {
                        let answers = try Packing.packAnswers(try Packing.unpackAnswers(row[12], terms: theirs), terms: &ours)
                        let results = try Packing.packResults(try Packing.unpackResults(row[13], terms: theirs), terms: &ours)
                        try db.execute(sql: """
                            INSERT INTO interview (id, version, language, site, organisation, month, started_day, status, gender, age_band,
                                                   record_key, synced_month, answers, results)
                            VALUES (?, (SELECT id FROM form_version WHERE hash = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: StatementArguments((0..<12).map { index -> DatabaseValue in
                                // Site and organisation labels are numbers of each database's own too.
                                guard index == 3 || index == 4, let number = row[index] as Int?, let text = theirLabels.text(number) else { return row[index] }
                                return (try? ourLabels.number(text))?.databaseValue ?? .null
                            } + [answers, results]))
                    }
                    try db.execute(sql: "INSERT INTO not_asked SELECT * FROM other.not_asked")
                    return .commit
                }
                try db.execute(sql: "DETACH DATABASE other")
            }
        }
        try queue.close()
        // Rows copied past the store are counted as the store counts interviews it completes.
        try store.rebuildTallies()
    }
}

/// Waits (at most 20 s) until `condition` holds.
func waitUntil(_ condition: () throws -> Bool) async throws {
    for _ in 0..<200 {
        if try condition() { return }
        try await Task.sleep(nanoseconds: 100_000_000)
    }
    Issue.record("waited 20 s in vain")
}

/// The term table of another database, for reading its packed interviews.
struct CopiedTerms: TermReading {
    var texts: [Int: String] = [:]
    func text(_ number: Int) -> String? { texts[number] }
}
