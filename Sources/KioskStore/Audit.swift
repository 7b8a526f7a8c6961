import GRDB
import KioskCore

/// Something staff did that the audit log keeps.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case passphraseSet = "passphrase_set"
    case passphraseChanged = "passphrase_changed"
    case passphraseRemoved = "passphrase_removed"
    case interviewResumed = "interview_resumed"
    case interviewDiscarded = "interview_discarded"
    case lockedModeLeft = "locked_mode_left"
    case exportMade = "export_made"
    case referralClosed = "referral_closed"
    case referralReopened = "referral_reopened"
    case formChanged = "form_changed"
    case publicationChanged = "publication_changed"
    case serverSet = "server_set"
    case synced = "synced"
    case bundleImported = "bundle_imported"
    case countsRebuilt = "counts_rebuilt"
}

/// One line of the audit log: a day, an action and a detail such as a form id or a referral code.
public struct AuditEntry: Codable, Sendable, Hashable, FetchableRecord {
    public var id: Int64
    public var day: String
    public var action: String
    public var detail: String?
}

extension AnswerStore {
    /// Notes what staff did. `detail` names a form, a referral code or a file kind — never an answer or a person.
    public func audit(_ action: AuditAction, detail: String? = nil, day: Day) throws(StoreError) {
        try write { db in try Self.appendAudit(db, action, detail: detail, day: day) }
    }

    /// The audit log, oldest first.
    public func auditLog() throws(StoreError) -> [AuditEntry] {
        try read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id") }
    }

    static func appendAudit(_ db: Database, _ action: AuditAction, detail: String?, day: Day) throws {
        try db.execute(sql: "INSERT INTO audit (day, action, detail) VALUES (?, ?, ?)",
                       arguments: [day.description, action.rawValue, detail])
    }

    /// The setting holding the organisation (förbund) this kiosk belongs to: stored with each interview.
    public static let organisationKey = "organisation"

    /// A kiosk setting.
    public func setting(_ key: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// Sets or (with `nil`) removes a kiosk setting, noting `audit` in the same transaction when given.
    public func setSetting(_ key: String, to value: String?, audit action: AuditAction? = nil, day: Day) throws(StoreError) {
        try write { db in
            if let value {
                try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
            }
            if let action { try Self.appendAudit(db, action, detail: nil, day: day) }
        }
    }
}
