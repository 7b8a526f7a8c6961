import KioskCore
import KioskStore

/// Where an interview's answers go as they are given. The store in real use; nothing in a preview.
public protocol InterviewRecorder: AnyObject {
    /// Starts a stored interview and returns its id.
    func begin(form: Questionnaire, language: Language, site: String?, day: Day) throws -> String
    /// Stores answer changes; on return they are durable.
    func save(_ changes: [Interview.AnswerChange], interview: String, form: Questionnaire) throws
    /// Completes the interview and issues referral codes.
    func complete(interview: String, assessment: Assessment, form: Questionnaire, day: Day) throws -> [IssuedReferral]
    /// Marks the interview aborted (never counted) and raises `rules`, which its answers already decided.
    func abort(interview: String, raising rules: [ReferralRule], form: Questionnaire, day: Day) throws -> [IssuedReferral]
    /// Leaves the interview in progress and lets another kiosk (or the next start) pick it up.
    func release(interview: String)
    /// Notes that the questions were not asked, why, and the gender (no answers).
    func recordNotAsked(formID: String, reason: Coverage, gender: String?, site: String?, day: Day) throws
    /// Whether answers are kept (false in a preview, whose screens then say that nothing is saved).
    var storesAnswers: Bool { get }
}

/// The answer store records interviews.
public final class StoreRecorder: InterviewRecorder {
    public let store: AnswerStore

    public init(store: AnswerStore) { self.store = store }

    public var storesAnswers: Bool { true }

    public func begin(form: Questionnaire, language: Language, site: String?, day: Day) throws -> String {
        try store.beginInterview(form: form, language: language, site: site, day: day)
    }

    public func save(_ changes: [Interview.AnswerChange], interview: String, form: Questionnaire) throws {
        try store.save(changes, interview: interview, form: form)
    }

    public func complete(interview: String, assessment: Assessment, form: Questionnaire, day: Day) throws -> [IssuedReferral] {
        try store.complete(interview: interview, assessment: assessment, form: form, day: day)
    }

    public func abort(interview: String, raising rules: [ReferralRule], form: Questionnaire, day: Day) throws -> [IssuedReferral] {
        try store.abort(interview: interview, raising: rules, form: form, day: day)
    }

    public func release(interview: String) {
        store.release(interview)
    }

    public func recordNotAsked(formID: String, reason: Coverage, gender: String?, site: String?, day: Day) throws {
        try store.recordNotAsked(formID: formID, reason: reason, gender: gender, site: site, day: day)
    }
}

/// Stores nothing: for previewing a form. The rules that fire are shown, with no referral code.
public final class PreviewRecorder: InterviewRecorder {
    public init() {}

    public var storesAnswers: Bool { false }

    public func begin(form: Questionnaire, language: Language, site: String?, day: Day) throws -> String { "preview" }
    public func save(_ changes: [Interview.AnswerChange], interview: String, form: Questionnaire) throws {}
    public func complete(interview: String, assessment: Assessment, form: Questionnaire, day: Day) throws -> [IssuedReferral] {
        assessment.referrals.map { IssuedReferral(code: ReferralCode.random(), rule: $0) }
    }
    public func abort(interview: String, raising rules: [ReferralRule], form: Questionnaire, day: Day) throws -> [IssuedReferral] {
        rules.map { IssuedReferral(code: ReferralCode.random(), rule: $0, origin: .unfinished) }
    }
    public func release(interview: String) {}
    public func recordNotAsked(formID: String, reason: Coverage, gender: String?, site: String?, day: Day) throws {}
}
