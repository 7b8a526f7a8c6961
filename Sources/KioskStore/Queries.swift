import GRDB
import KioskCore

extension AnswerStore {
    /// The referrals with `status` (or all), newest day first, urgent before routine within a day.
    public func referrals(status: ReferralStatus? = .open) throws(StoreError) -> [ReferralRecord] {
        try read { db in
            let urgentFirst = SQL("CASE level WHEN \(ReferralLevel.urgent.rawValue) THEN 0 ELSE 1 END")
            var request = ReferralRecord.order(Column("day").desc, urgentFirst, Column("code"))
            if let status { request = request.filter(Column("status") == status) }
            return try request.fetchAll(db)
        }
    }

    /// The referral with `code`.
    public func referral(_ code: ReferralCode) throws(StoreError) -> ReferralRecord? {
        try read { db in try ReferralRecord.fetchOne(db, key: code.value) }
    }

    /// Closes a referral with a coded outcome on `day`, noting it in the audit log.
    public func closeReferral(_ code: ReferralCode, outcome: ReferralOutcome, day: Day) throws(StoreError) {
        try write { db in
            guard let record = try ReferralRecord.fetchOne(db, key: code.value) else { throw StoreError.notFound("referral \(code)") }
            guard record.status == .open else { throw StoreError.alreadyClosed(code: code.description) }
            try db.execute(sql: "UPDATE referral SET status = 'closed', outcome = ?, closed_day = ? WHERE code = ?",
                           arguments: [outcome.rawValue, day.description, code.value])
            try Self.appendAudit(db, .referralClosed, detail: "\(code) \(outcome.rawValue)", day: day)
        }
    }

    /// Opens a closed referral again (a mistaken close), noting it in the audit log.
    public func reopenReferral(_ code: ReferralCode, day: Day) throws(StoreError) {
        try write { db in
            guard try ReferralRecord.exists(db, key: code.value) else { throw StoreError.notFound("referral \(code)") }
            try db.execute(sql: "UPDATE referral SET status = 'open', outcome = NULL, closed_day = NULL WHERE code = ?", arguments: [code.value])
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
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT form_id FROM interview WHERE status = 'complete' ORDER BY form_id") }
    }

    /// The newest stored version of a form, for summarizing a form whose file is gone.
    public func latestFormVersion(formID: String) throws(StoreError) -> Questionnaire? {
        let hash: String? = try read { db in
            try String.fetchOne(db, sql: """
                SELECT form_hash FROM interview WHERE form_id = ? GROUP BY form_hash ORDER BY MAX(month) DESC, COUNT(*) DESC LIMIT 1
                """, arguments: [formID])
        }
        guard let hash else { return nil }
        return try formVersion(hash: hash)
    }
}
