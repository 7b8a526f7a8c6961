import Foundation
import KioskCore
import KioskStore

/// The follow-up of referrals by their code: find, close with an outcome, reopen. What `kiosk referrals`
/// does, in the list's language.
public struct ReferralFollowUp {
    /// A follow-up step that cannot be done, in one plain sentence saying what to do.
    public struct Refusal: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    public let store: AnswerStore
    public let language: Language

    public init(store: AnswerStore, language: Language) {
        self.store = store
        self.language = language
    }

    /// Reads a typed code, explaining a mistyped one in `language`.
    public static func parse(_ text: String, language: Language = .english) throws(Refusal) -> ReferralCode {
        switch ReferralCode.parse(text) {
        case .success(let code): return code
        case .failure(let problem): throw Refusal(message: "'\(Phrasebook.excerpt(text))': \(problem.message(in: language))")
        }
    }

    /// The stored referral with `code`.
    public func find(_ code: ReferralCode) throws -> ReferralRecord {
        guard let record = try store.referral(code) else {
            throw Refusal(message: Phrasebook(language).text("follow_up.find", ["code": "\(code)"]))
        }
        return record
    }

    /// The list, as a table or JSON.
    public func list(status: ReferralStatus?, json: Bool) throws -> String {
        let referrals = try store.referrals(status: status)
        return json ? ReferralReports.json(referrals) : ReferralReports.table(referrals, status: status, language: language)
    }

    /// One referral in full.
    public func show(_ code: ReferralCode) throws -> String {
        let record = try find(code)
        return ReferralReports.detail(record, form: try store.formVersion(ofReferral: record), language: language)
    }

    /// Closes an open referral; a closed one is refused with how and when it was closed.
    public func close(_ code: ReferralCode, outcome: ReferralOutcome, day: Day) throws -> String {
        let record = try find(code)
        guard record.status == .open else { throw Refusal(message: ReferralReports.alreadyClosed(record, language: language)) }
        try store.closeReferral(code, outcome: outcome, day: day)
        return Phrasebook(language).text("follow_up.closed", ["code": record.displayCode, "outcome": outcome.label(language)])
    }

    /// Opens a closed referral again; an open one is left as it is, and says so.
    public func reopen(_ code: ReferralCode, day: Day) throws -> String {
        let record = try find(code)
        guard record.status == .closed else { throw Refusal(message: ReferralReports.alreadyOpen(record, language: language)) }
        try store.reopenReferral(code, day: day)
        return Phrasebook(language).text("follow_up.reopen", ["record": "\(record.displayCode)"])
    }
}
