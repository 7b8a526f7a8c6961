/// What a person answered to one question.
///
/// The reserved answers ``declined`` and ``dontKnow`` exist on every question, are never confused
/// with a choice (no choice may use their codes) and never add to a score.
public enum Answer: Hashable, Sendable, Codable {
    /// One choice, by its code (also yes/no: `yes` or `no`).
    case choice(String)
    /// Several choices of a multiple-choice question, by code, in the form's order.
    case choices([String])
    /// A whole number (scale or number question).
    case number(Int)
    /// Free text, only where a form allows it.
    case text(String)
    /// The person chose not to answer ("vill inte svara").
    case declined
    /// The person does not know ("vet inte").
    case dontKnow
    /// An optional question left blank.
    case skipped

    /// The reserved code for a declined answer, as written in form files and exports.
    public static let declinedCode = "declined"
    /// The reserved code for a don't-know answer, as written in form files and exports.
    public static let dontKnowCode = "dont_know"
    /// The reserved code for an optional question left blank.
    public static let skippedCode = "skipped"
    /// Codes no choice may use.
    public static let reservedCodes: Set<String> = [declinedCode, dontKnowCode, skippedCode]

    /// Whether this is a real answer (not declined, don't know or skipped).
    public var isSubstantive: Bool {
        switch self {
        case .choice, .choices, .number, .text: return true
        case .declined, .dontKnow, .skipped: return false
        }
    }

    /// The codes of the picked choices, if any.
    public var choiceCodes: [String] {
        switch self {
        case .choice(let code): return [code]
        case .choices(let codes): return codes
        default: return []
        }
    }
}

/// The answers given so far in one interview, by question id.
public typealias Answers = [String: Answer]
