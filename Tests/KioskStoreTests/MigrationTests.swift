import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// A database written by an earlier kiosk (schema v1–v2, as shipped) is brought up to date in place, and
/// its data keeps its meaning with nothing that identifies anyone added or kept.
@Suite struct MigrationTests {
    init() { ShippedLanguages.install() }

    /// The schema as the first release wrote it: interviews with their day, referrals linked to them.
    static let firstRelease = """
        CREATE TABLE form_version (hash TEXT PRIMARY KEY NOT NULL, form_id TEXT NOT NULL, definition BLOB NOT NULL, first_day TEXT NOT NULL);
        CREATE INDEX form_version_by_form ON form_version(form_id);
        CREATE TABLE interview (
            id TEXT PRIMARY KEY NOT NULL, form_id TEXT NOT NULL, form_hash TEXT NOT NULL REFERENCES form_version(hash),
            language TEXT NOT NULL, site TEXT,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'complete', 'aborted')), gender TEXT, age_band TEXT);
        CREATE INDEX interview_by_form ON interview(form_id, status);
        CREATE TABLE answer (
            interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE, question_id TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, PRIMARY KEY (interview_id, question_id, value)) WITHOUT ROWID;
        CREATE TABLE score (
            interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE, score_id TEXT NOT NULL,
            value INTEGER NOT NULL, answered_items INTEGER NOT NULL, total_items INTEGER NOT NULL, band TEXT,
            PRIMARY KEY (interview_id, score_id)) WITHOUT ROWID;
        CREATE TABLE referral (
            code TEXT PRIMARY KEY NOT NULL, interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
            form_id TEXT NOT NULL, rule_id TEXT NOT NULL, level TEXT NOT NULL, day TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open', outcome TEXT, closed_day TEXT);
        CREATE INDEX referral_by_status ON referral(status, day);
        CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL, action TEXT NOT NULL, detail TEXT);
        CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1: forms, interviews, answers, scores, referrals'), ('v2: audit log and settings');
        """

    /// Writes an old database with three completed interviews (two with a referral), one aborted with
    /// answers, and one in progress.
    func oldDatabase(_ temp: TemporaryDirectory, form: Questionnaire) throws {
        try FileManager.default.createDirectory(at: temp.dataDirectory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: temp.databasePath)
        try queue.write { db in
            try db.execute(sql: Self.firstRelease)
            try db.execute(sql: "INSERT INTO form_version VALUES (?, ?, ?, '2026-10-03')",
                           arguments: [form.contentHash, form.id, form.canonicalDefinition])
            for (id, status, day, q1) in [("c1", "complete", "2026-10-03", "yes"), ("c2", "complete", "2026-10-04", "yes"),
                                          ("c3", "complete", "2026-11-20", "no"), ("a1", "aborted", "2026-11-21", "yes"),
                                          ("p1", "in_progress", "2026-11-25", "no")] {
                try db.execute(sql: "INSERT INTO interview VALUES (?, ?, ?, 'sv', 'Norr', ?, ?, 'kvinna', NULL)",
                               arguments: [id, form.id, form.contentHash, day, status])
                try db.execute(sql: "INSERT INTO answer VALUES (?, 'q1', ?, 'choice')", arguments: [id, q1])
                try db.execute(sql: "INSERT INTO answer VALUES (?, 'gender', 'kvinna', 'choice')", arguments: [id])
                if status == "complete" {
                    try db.execute(sql: "INSERT INTO score VALUES (?, 'total', ?, 1, 2, ?)",
                                   arguments: [id, q1 == "yes" ? 1 : 0, q1 == "yes" ? "high" : "low"])
                }
                if status == "complete" && q1 == "yes" {
                    try db.execute(sql: "INSERT INTO referral VALUES (?, ?, ?, 'flag', 'urgent', ?, 'open', NULL, NULL)",
                                   arguments: [ReferralCode.random().value, id, form.id, day])
                }
            }
        }
    }

    @Test func aFirstReleaseDatabaseMigratesAndKeepsWhatItMeans() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        try oldDatabase(temp, form: form)
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try store.queue.read { db in
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            #expect(applied.contains { $0.hasPrefix("v3") } && applied.contains { $0.hasPrefix("v4") })
            // No link from a referral code to any interview, in any table.
            let referralColumns = try Row.fetchAll(db, sql: "PRAGMA table_info(referral)").map { $0["name"] as String }
            #expect(!referralColumns.contains("interview_id"))
            // Months, not days; the day only while in progress.
            let interviewColumns = try Row.fetchAll(db, sql: "PRAGMA table_info(interview)").map { $0["name"] as String }
            #expect(!interviewColumns.contains("day"))
            #expect(try String.fetchAll(db, sql: "SELECT month FROM interview ORDER BY month") == ["2026-10", "2026-10", "2026-11", "2026-11", "2026-11"])
            #expect(try String.fetchAll(db, sql: "SELECT started_day FROM interview WHERE started_day IS NOT NULL") == ["2026-11-25"])
            // No row order: the interview table has no rowid.
            #expect(throws: (any Error).self) { try Row.fetchAll(db, sql: "SELECT rowid FROM interview") }
            // Every interview has its own record key.
            let keys = try Int64.fetchAll(db, sql: "SELECT record_key FROM interview")
            #expect(Set(keys).count == 5 && keys.allSatisfy { $0 >= 0 && $0 <= 4_294_967_295 })
            #expect(try String.fetchAll(db, sql: "SELECT integrity_check FROM pragma_integrity_check") == ["ok"])
        }
        // The rules each interview met are kept with it (packed in its row since v7).
        #expect(try store.pendingInterviews(limit: 10).flatMap(\.fired).sorted() == ["flag", "flag"])
        #expect(try store.scores(of: "c1").map(\.band) == ["high"])
        // The aborted interview's answers are gone; it is counted as not finished.
        #expect(try store.answers(of: "a1").isEmpty)
        #expect(try store.answers(of: "p1") == ["q1": .choice("no"), "gender": .choice("kvinna")], "an interview in progress keeps its answers")
        let counts = try #require(try store.groupedCounts(formID: form.id, options: SummaryOptions())[[]])
        #expect(counts.interviews["kvinna"]?.count == 3)
        #expect(counts.answers["q1"]?["yes"]?["kvinna"]?.count == 2)
        #expect(counts.referrals["flag"]?["kvinna"]?.count == 2, "referral counts come from the interviews' own fired rules")
        #expect(counts.coverage[Coverage.unfinished.rawValue]?["kvinna"]?.count == 1)
        #expect(try store.referrals().count == 2)
        #expect(try store.formVersion(ofReferral: try #require(store.referrals().first))?.contentHash == form.contentHash)
    }

    @Test func aGenderOfDontKnowFromAnOlderKioskCountsAsNotStated() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "gender": .choice("man")])
        // An older kiosk offered "don't know" at the gender question and stored it.
        try store.queue.write { db in try db.execute(sql: "UPDATE interview SET gender = 'dont_know'") }
        // Its interviews are counted when its database migrates, as a rebuild counts them.
        try store.rebuildTallies()
        let counts = try #require(try store.groupedCounts(formID: form.id, options: SummaryOptions())[[]])
        #expect(counts.interviews.mapValues(\.count) == [GroupCounts.notStated: 1], "it is counted, under 'not stated'")
        #expect(counts.answers["q1"]?["no"]?.mapValues(\.count) == [GroupCounts.notStated: 1])
    }
}
