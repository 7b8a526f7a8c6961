/// How a referral's follow-up ended: a fixed set of codes, never free text about a person.
public enum ReferralOutcome: String, CaseIterable, Codable, Sendable {
    /// The person was guided on to support (socialtjänst, a helpline, health care …).
    case guidedToSupport = "guided-to-support"
    /// The person already has contact with the support they need.
    case alreadyInContact = "already-in-contact"
    /// The person did not want further contact.
    case declined = "declined"
    /// The person could not be reached for the follow-up.
    case notReached = "not-reached"

    /// The outcome in plain words.
    public func label(_ language: Language) -> String {
        Phrasebook(language).text("outcome.\(rawValue)")
    }
}
