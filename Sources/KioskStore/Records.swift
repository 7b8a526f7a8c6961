import GRDB
import KioskCore

/// Where an interview stands.
public enum InterviewStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case inProgress = "in_progress"
    case complete
    case aborted
}

/// One stored interview (no answers): what is kept besides the answers themselves.
public struct InterviewRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "interview"

    /// A random id; it says nothing about the person.
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
    /// The day the central server confirmed it; nil until then.
    public var syncedMonth: String? = nil

    enum CodingKeys: String, CodingKey {
        case id
        case formID = "form_id"
        case formHash = "form_hash"
        case language, site, month
        case startedDay = "started_day"
        case status, gender
        case ageBand = "age_band"
        case recordKey = "record_key"
        case organisation
        case syncedMonth = "synced_month"
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
public struct ReferralRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "referral"

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

    enum CodingKeys: String, CodingKey {
        case code
        case formID = "form_id"
        case formHash = "form_hash"
        case ruleID = "rule_id"
        case level, origin, day, status, outcome
        case closedDay = "closed_day"
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
