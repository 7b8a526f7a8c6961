import GRDB
import KioskCore

extension AnswerStore {
    /// The referrals with `status` (or all), newest day first, urgent before routine within a day.
    public func referrals(status: ReferralStatus? = .open) throws(StoreError) -> [ReferralRecord] {
        try read { db in
            let order = "ORDER BY r.day DESC, CASE r.level WHEN \(ReferralRecord.code(ReferralLevel.urgent)) THEN 0 ELSE 1 END, r.code"
            if let status {
                return try ReferralRecord.fetchAll(db, sql: "\(ReferralRecord.select) WHERE r.status = ? \(order)",
                                                   arguments: [ReferralRecord.code(status)])
            }
            return try ReferralRecord.fetchAll(db, sql: "\(ReferralRecord.select) \(order)")
        }
    }

    /// The referral with `code`.
    public func referral(_ code: ReferralCode) throws(StoreError) -> ReferralRecord? {
        try read { db in try ReferralRecord.fetch(db, code: code.value) }
    }

    /// Closes a referral with a coded outcome on `day`, noting it in the audit log.
    public func closeReferral(_ code: ReferralCode, outcome: ReferralOutcome, day: Day) throws(StoreError) {
        try write { db in
            guard let record = try ReferralRecord.fetch(db, code: code.value) else { throw StoreError.notFound("referral \(code)") }
            guard record.status == .open else { throw StoreError.alreadyClosed(code: code.description) }
            try db.execute(sql: "UPDATE referral SET status = ?, outcome = ?, closed_day = ? WHERE code = ?",
                           arguments: [ReferralRecord.code(ReferralStatus.closed), outcome.rawValue, day.description, code.value])
            try Self.appendAudit(db, .referralClosed, detail: "\(code) \(outcome.rawValue)", day: day)
        }
    }

    /// Opens a closed referral again (a mistaken close), noting it in the audit log.
    public func reopenReferral(_ code: ReferralCode, day: Day) throws(StoreError) {
        try write { db in
            guard try ReferralRecord.fetch(db, code: code.value) != nil else { throw StoreError.notFound("referral \(code)") }
            try db.execute(sql: "UPDATE referral SET status = ?, outcome = NULL, closed_day = NULL WHERE code = ?",
                           arguments: [ReferralRecord.code(ReferralStatus.open), code.value])
            try Self.appendAudit(db, .referralReopened, detail: code.description, day: day)
        }
    }

    /// The form version a referral was raised with.
    public func formVersion(ofReferral record: ReferralRecord) throws(StoreError) -> Questionnaire? {
        try formVersion(hash: record.formHash)
    }

    func forEachRow(_ db: Database, sql: String, arguments: StatementArguments, _ body: (Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { try body(row) }
    }

    /// The ids of the forms with completed interviews.
    public func formIDs() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT v.form_id FROM form_version v
                WHERE EXISTS (SELECT 1 FROM interview i WHERE i.version = v.id AND i.status = 'complete') ORDER BY v.form_id
                """)
        }
    }

    /// The newest stored version of a form, for summarizing a form whose file is gone.
    public func latestFormVersion(formID: String) throws(StoreError) -> Questionnaire? {
        let hash: String? = try read { db in
            try String.fetchOne(db, sql: """
                SELECT v.hash FROM interview i JOIN form_version v ON v.id = i.version WHERE v.form_id = ?
                GROUP BY v.id ORDER BY MAX(i.month) DESC, COUNT(*) DESC LIMIT 1
                """, arguments: [formID])
        }
        guard let hash else { return nil }
        return try formVersion(hash: hash)
    }
}
