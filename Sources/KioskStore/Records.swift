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
    public var day: String
    public var status: InterviewStatus
    public var gender: String?
    public var ageBand: String?

    enum CodingKeys: String, CodingKey {
        case id
        case formID = "form_id"
        case formHash = "form_hash"
        case language, site, day, status, gender
        case ageBand = "age_band"
    }
}

/// One stored referral and its follow-up state.
public struct ReferralRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "referral"

    public var code: String
    public var interviewID: String
    public var formID: String
    public var ruleID: String
    public var level: String
    public var day: String
    public var status: String
    public var outcome: String?
    public var closedDay: String?

    enum CodingKeys: String, CodingKey {
        case code
        case interviewID = "interview_id"
        case formID = "form_id"
        case ruleID = "rule_id"
        case level, day, status, outcome
        case closedDay = "closed_day"
    }

    /// The code as staff read it (`ABCD-EFGH`).
    public var displayCode: String {
        (try? ReferralCode.parse(code).get())?.description ?? code
    }
}

/// A referral raised by a completed interview, with its new code.
public struct IssuedReferral: Sendable, Hashable {
    public var code: ReferralCode
    public var rule: ReferralRule

    public init(code: ReferralCode, rule: ReferralRule) {
        self.code = code
        self.rule = rule
    }
}
