import GRDB
import KioskCore

/// Counts for a summary, read with GROUP BY queries (the database does the counting).
public struct StoredCounts: Sendable {
    /// Completed interviews per gender value (`nil`: not stated).
    public var interviews: [String?: Int] = [:]
    /// Per question id and gender: completed interviews with any answer to it (i.e. asked).
    public var asked: [String: [String?: Int]] = [:]
    /// Per question id, answer key (choice code, number, `declined`, …) and gender: completed interviews.
    public var answers: [String: [String: [String?: Int]]] = [:]
    /// Per referral rule id and gender: completed interviews where it fired.
    public var referrals: [String: [String?: Int]] = [:]

    public init() {}
}

extension AnswerStore {
    /// The referrals with status `open` (or all), newest first.
    public func referrals(status: String? = "open") throws(StoreError) -> [ReferralRecord] {
        try read { db in
            var request = ReferralRecord.order(Column("day").desc, Column("code"))
            if let status { request = request.filter(Column("status") == status) }
            return try request.fetchAll(db)
        }
    }

    /// The referral with `code`.
    public func referral(_ code: ReferralCode) throws(StoreError) -> ReferralRecord? {
        try read { db in try ReferralRecord.fetchOne(db, key: code.value) }
    }

    /// Counts over the completed interviews of one form (every version), by gender.
    public func counts(formID: String) throws(StoreError) -> StoredCounts {
        try read { db in
            var counts = StoredCounts()
            try forEachRow(db, sql: """
                SELECT gender, COUNT(*) AS n FROM interview
                WHERE form_id = ? AND status = 'complete' GROUP BY gender
                """, arguments: [formID]) { row in
                counts.interviews[row["gender"] as String?] = row["n"]
            }
            try forEachRow(db, sql: """
                SELECT a.question_id, i.gender, COUNT(DISTINCT a.interview_id) AS n
                FROM answer a JOIN interview i ON i.id = a.interview_id
                WHERE i.form_id = ? AND i.status = 'complete'
                GROUP BY a.question_id, i.gender
                """, arguments: [formID]) { row in
                counts.asked[row["question_id"], default: [:]][row["gender"] as String?] = row["n"]
            }
            try forEachRow(db, sql: """
                SELECT a.question_id, a.kind, a.value, i.gender, COUNT(*) AS n
                FROM answer a JOIN interview i ON i.id = a.interview_id
                WHERE i.form_id = ? AND i.status = 'complete' AND a.kind != 'text'
                GROUP BY a.question_id, a.kind, a.value, i.gender
                """, arguments: [formID]) { row in
                let kind: String = row["kind"]
                let key = (kind == "choice" || kind == "number") ? row["value"] : kind
                counts.answers[row["question_id"], default: [:]][key, default: [:]][row["gender"] as String?] = row["n"]
            }
            try forEachRow(db, sql: """
                SELECT r.rule_id, i.gender, COUNT(DISTINCT r.interview_id) AS n
                FROM referral r JOIN interview i ON i.id = r.interview_id
                WHERE i.form_id = ? AND i.status = 'complete'
                GROUP BY r.rule_id, i.gender
                """, arguments: [formID]) { row in
                counts.referrals[row["rule_id"], default: [:]][row["gender"] as String?] = row["n"]
            }
            return counts
        }
    }

    private func forEachRow(_ db: Database, sql: String, arguments: StatementArguments, _ body: (Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { try body(row) }
    }

    /// The newest stored version of a form, for summarizing a form whose file is gone.
    public func latestFormVersion(formID: String) throws(StoreError) -> Questionnaire? {
        let hash: String? = try read { db in
            try String.fetchOne(db, sql: """
                SELECT form_hash FROM interview WHERE form_id = ? GROUP BY form_hash ORDER BY MAX(day) DESC, COUNT(*) DESC LIMIT 1
                """, arguments: [formID])
        }
        guard let hash else { return nil }
        return try formVersion(hash: hash)
    }
}
