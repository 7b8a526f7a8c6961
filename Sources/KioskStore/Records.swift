import GRDB
import KioskCore

/// Where an interview stands.
public enum InterviewStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case inProgress = "in_progress"
    case complete
    case aborted
}

/// One stored interview (no answers): what is kept besides the answers themselves.
public struct InterviewRecord: Sendable, Hashable, FetchableRecord {
    /// A random id (a UUID); it says nothing about the person.
    public var id: String
    public var formID: String
    public var formHash: String
    public var language: String
    public var site: String?
    /// The month it was started in (`2026-11`): all of its date that is kept once it has ended.
    public var month: String
    /// The day it was started, only while it is in progress (shown to staff who resume it).
    public var startedDay: String?
    public var status: InterviewStatus
    public var gender: String?
    public var ageBand: String?
    /// A random number from 0 to 2³² − 1: the interview's part in the cell keys of published counts.
    public var recordKey: Int64
    /// The organisation (förbund) the kiosk belongs to, a label.
    public var organisation: String? = nil
    /// The month the central server confirmed it; nil until then.
    public var syncedMonth: String? = nil

    /// The SQL that reads records: the interview (`i`) with its form version (`v`), for `init(row:)`.
    static let select = """
        SELECT i.id, v.form_id, v.hash, i.language, (SELECT text FROM label WHERE id = i.site), i.month, i.started_day, i.status,
               i.gender, i.age_band, i.record_key, (SELECT text FROM label WHERE id = i.organisation), i.synced_month
        FROM interview i JOIN form_version v ON v.id = i.version
        """

    public init(row: Row) throws {
        id = InterviewKey.id(row[0])
        formID = row[1]
        formHash = row[2]
        language = row[3]
        site = row[4]
        month = row[5]
        startedDay = row[6]
        status = row[7]
        gender = row[8]
        ageBand = row[9]
        recordKey = row[10]
        organisation = row[11]
        syncedMonth = row[12]
    }

    /// The stored interview with `id`, in a transaction.
    static func fetch(_ db: Database, id: String) throws -> InterviewRecord? {
        try fetchOne(db.cachedStatement(sql: "\(select) WHERE i.id = ?"), arguments: [InterviewKey.key(id)])
    }
}

/// Whether a referral is being followed up.
public enum ReferralStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case open
    case closed
}

/// Where a referral comes from: a completed interview, or the answers of one that ended before its review.
public enum ReferralOrigin: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case completed
    /// Raised from an interview that was aborted, whose input ended, or that was discarded: its rule held
    /// whatever the unanswered questions would have been.
    case unfinished
}

extension ReferralLevel: DatabaseValueConvertible {}

/// One stored referral and its follow-up state. It names the form version (for its message and support
/// lines) but not the interview: nothing leads from a referral code to anyone's answers.
public struct ReferralRecord: Sendable, Hashable, FetchableRecord {
    public var code: String
    public var formID: String
    public var formHash: String
    public var ruleID: String
    public var level: ReferralLevel
    public var origin: ReferralOrigin
    public var day: String
    public var status: ReferralStatus
    public var outcome: String?
    public var closedDay: String?

    public init(code: String, formID: String, formHash: String, ruleID: String, level: ReferralLevel, origin: ReferralOrigin,
                day: String, status: ReferralStatus, outcome: String?, closedDay: String?) {
        self.code = code
        self.formID = formID
        self.formHash = formHash
        self.ruleID = ruleID
        self.level = level
        self.origin = origin
        self.day = day
        self.status = status
        self.outcome = outcome
        self.closedDay = closedDay
    }

    /// The SQL that reads records: the referral (`r`) with its form version (`v`) and rule id (a term), for
    /// `init(row:)`.
    static let select = """
        SELECT r.code, v.form_id, v.hash, (SELECT text FROM term WHERE id = r.rule), r.level, r.origin, r.day, r.status, r.outcome, r.closed_day
        FROM referral r JOIN form_version v ON v.id = r.version
        """

    public init(row: Row) throws {
        code = row[0]
        formID = row[1]
        formHash = row[2]
        ruleID = row[3] ?? ""
        guard let level = Self.levels.first(where: { $0.code == row[4] })?.level,
              let origin = Self.origins.first(where: { $0.code == row[5] })?.origin,
              let status = Self.statuses.first(where: { $0.code == row[7] })?.status else {
            throw PackingError(reason: "referral \(code) has a level, origin or status this kiosk does not know")
        }
        self.level = level
        self.origin = origin
        day = row[6]
        self.status = status
        outcome = row[8]
        closedDay = row[9]
    }

    /// How a referral's level, origin and status are stored: one small number each (the schema's CHECKs).
    static let levels: [(level: ReferralLevel, code: Int)] = [(.urgent, 1), (.routine, 2)]
    static let origins: [(origin: ReferralOrigin, code: Int)] = [(.completed, 1), (.unfinished, 2)]
    static let statuses: [(status: ReferralStatus, code: Int)] = [(.open, 1), (.closed, 2)]

    static func code(_ level: ReferralLevel) -> Int { levels.first { $0.level == level }!.code }
    static func code(_ origin: ReferralOrigin) -> Int { origins.first { $0.origin == origin }!.code }
    static func code(_ status: ReferralStatus) -> Int { statuses.first { $0.status == status }!.code }

    /// The stored referral with `code`, in a transaction.
    static func fetch(_ db: Database, code: String) throws -> ReferralRecord? {
        try fetchOne(db, sql: "\(select) WHERE r.code = ?", arguments: [code])
    }

    /// The code as staff read it (`ABCD-EFGH`).
    public var displayCode: String {
        (try? ReferralCode.parse(code).get())?.description ?? code
    }
}

/// A referral raised by an interview, with its new code.
public struct IssuedReferral: Sendable, Hashable {
    public var code: ReferralCode
    public var rule: ReferralRule
    public var origin: ReferralOrigin

    public init(code: ReferralCode, rule: ReferralRule, origin: ReferralOrigin = .completed) {
        self.code = code
        self.rule = rule
        self.origin = origin
    }
}
