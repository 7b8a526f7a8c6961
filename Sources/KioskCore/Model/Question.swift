/// One question of a form.
public struct Question: Hashable, Sendable, Codable {
    /// Stable id: answers are stored and summarized under it, so it never changes meaning.
    public var id: String
    public var kind: Kind
    public var text: LocalizedText
    /// A lead-in shared by a block of items, shown above the text ("Over the last 2 weeks, how often…").
    public var stem: LocalizedText?
    public var help: LocalizedText?
    /// Where this wording comes from (verbatim published wording or local wording).
    public var source: LocalizedText?
    /// When true a blank answer is not accepted. Declining is still always possible.
    public var isRequired: Bool
    /// Whether "don't know" is offered. "Declined" is always offered.
    public var allowsDontKnow: Bool
    /// The question is only asked when this holds.
    public var showIf: Condition?
    /// Marks the question as the gender or age-band split that summaries use.
    public var breakdown: Breakdown?
    /// The id of an earlier version of this question that it replaces (a rename).
    public var replaces: String?
    /// How its choices are keyed on screen, when the form says (`keys: letters`); `nil` lets the kiosk
    /// choose (see ``choiceKeying``).
    public var keys: ChoiceKeying?
    /// A label for every point of a scale (`0 Not at all … 3 Nearly every day`), shown each on its own line.
    public var scaleLabels: [ScaleLabel]?
    public var location: SourceLocation?

    /// What kind of answer a question takes.
    public enum Kind: Hashable, Sendable, Codable {
        /// Yes or no, with the item score each gives (by default yes 1, no 0).
        case yesNo(yesScore: Int, noScore: Int)
        /// Exactly one of the choices.
        case singleChoice([Choice])
        /// Any number of the choices.
        case multipleChoice([Choice])
        /// A whole number from `min` to `max`, with labels for the two ends.
        case scale(min: Int, max: Int, minLabel: LocalizedText?, maxLabel: LocalizedText?)
        /// A whole number within a range.
        case number(min: Int, max: Int, unit: LocalizedText?)
        /// Text to read out; takes no answer.
        case info
        /// Free text; only in forms that allow it, and never exported.
        case freeText
    }

    public init(
        id: String, kind: Kind, text: LocalizedText, stem: LocalizedText? = nil, help: LocalizedText? = nil,
        source: LocalizedText? = nil,
        isRequired: Bool = true, allowsDontKnow: Bool = true, showIf: Condition? = nil,
        breakdown: Breakdown? = nil, replaces: String? = nil, keys: ChoiceKeying? = nil,
        scaleLabels: [ScaleLabel]? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.stem = stem
        self.help = help
        self.source = source
        self.isRequired = isRequired
        self.allowsDontKnow = allowsDontKnow
        self.showIf = showIf
        self.breakdown = breakdown
        self.replaces = replaces
        self.keys = keys
        self.scaleLabels = scaleLabels
        self.location = location
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, text, stem, help, source, isRequired, allowsDontKnow, showIf, breakdown, replaces, keys, scaleLabels
    }

    /// The choices a person picks from: the form's choices, or yes and no.
    public var choices: [Choice] {
        switch kind {
        case .yesNo(let yes, let no):
            // The words for yes and no come from the kiosk's language files.
            let labels = Phrasebook.yesNoLabels
            return [
                Choice(code: Choice.yes, text: labels.yes, score: yes),
                Choice(code: Choice.no, text: labels.no, score: no),
            ]
        case .singleChoice(let choices), .multipleChoice(let choices):
            return choices
        case .scale, .number, .info, .freeText:
            return []
        }
    }

    /// The choice with `code`, if the question has one.
    public func choice(_ code: String) -> Choice? {
        choices.first { $0.code == code }
    }

    /// The codes of ``choices`` in order, without their texts (a yes/no question's texts come from the
    /// language files, which ``choices`` looks up every time).
    public var choiceCodes: [String] {
        switch kind {
        case .yesNo: return [Choice.yes, Choice.no]
        case .singleChoice(let choices), .multipleChoice(let choices): return choices.map(\.code)
        case .scale, .number, .info, .freeText: return []
        }
    }

    /// Whether `code` is the code of one of the choices.
    public func hasChoice(_ code: String) -> Bool {
        switch kind {
        case .yesNo: return code == Choice.yes || code == Choice.no
        case .singleChoice(let choices), .multipleChoice(let choices): return choices.contains { $0.code == code }
        case .scale, .number, .info, .freeText: return false
        }
    }

    /// Whether the question takes an answer at all (info screens do not).
    public var takesAnswer: Bool {
        if case .info = kind { return false }
        return true
    }

    /// Whether the answer picks among choices (yes/no, single or multiple choice).
    public var hasChoices: Bool {
        switch kind {
        case .yesNo, .singleChoice, .multipleChoice: return true
        default: return false
        }
    }

    /// The range of a numeric answer (scale or number).
    public var numericRange: ClosedRange<Int>? {
        switch kind {
        case .scale(let min, let max, _, _), .number(let min, let max, _):
            return min <= max ? min...max : nil
        default:
            return nil
        }
    }

    /// The type's name as written in form files.
    public var typeName: String {
        switch kind {
        case .yesNo: return "yes_no"
        case .singleChoice: return "single_choice"
        case .multipleChoice: return "multiple_choice"
        case .scale: return "scale"
        case .number: return "number"
        case .info: return "info"
        case .freeText: return "free_text"
        }
    }
}

/// How the choices of a question are typed: by their number (1, 2, 3 …) or by a letter (a, b, c …).
public enum ChoiceKeying: String, Hashable, Sendable, Codable {
    case numbers
    case letters
}

/// The label of one point of a scale.
public struct ScaleLabel: Hashable, Sendable, Codable {
    public var value: Int
    public var text: LocalizedText

    public init(value: Int, text: LocalizedText) {
        self.value = value
        self.text = text
    }
}

extension Question {
    /// How the choices are keyed. Letters when the form says so, and — so that a typed number never picks
    /// another choice than the one whose label it is — whenever a label begins with a number ("1–2",
    /// "4 or more times a week", "16–24 years") or the question is the age-band split (where a person may
    /// type their age). Numbers otherwise, and always beyond 26 choices.
    public var choiceKeying: ChoiceKeying {
        let count = choices.count
        if count > 26 { return .numbers }
        if let keys { return keys }
        if breakdown == .ageBand { return .letters }
        let startsWithNumber = choices.contains { choice in
            choice.text.values.values.contains(where: Self.beginsWithNumber)
        }
        return startsWithNumber ? .letters : .numbers
    }

    /// Whether a label's first character after spaces is a number: read from the first byte when that
    /// is ASCII (nearly always), else as a character.
    static func beginsWithNumber(_ label: String) -> Bool {
        guard let first = label.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return false }
        if first < 0x80 { return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) }
        return label.first(where: { !$0.isSpaceOrTab })?.isNumber == true
    }

    /// The key shown before each choice, in order.
    public var choiceKeys: [String] {
        switch choiceKeying {
        case .numbers: return choices.indices.map { String($0 + 1) }
        case .letters: return choices.indices.map { String(UnicodeScalar(UInt8(97 + $0))) }
        }
    }

    /// The whole numbers a choice stands for, read from the start of its label: "1–2" → 1…2, "7 to 9"
    /// → 7…9, "10 or more" and "65 år eller äldre" → 10…, 65…; "4 gånger i veckan eller mer" → 4…; "3"
    /// → 3. For an age band its code counts too (`25-34`, `65+`). `nil` when the label does not begin
    /// with a number.
    public func numbers(of choice: Choice, in language: Language) -> ClosedRange<Int>? {
        if breakdown == .ageBand, let range = Self.ageBandRange(choice.code) { return range }
        return Self.leadingRange(choice.text.text(in: language))
    }

    /// The ages an age-band code covers (`16-24`, `65+`).
    public static func ageBandRange(_ code: String) -> ClosedRange<Int>? {
        if code.hasSuffix("+"), let low = Int(code.dropLast()), low >= 0, low <= 150 { return low...150 }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low >= 0, low <= high, high <= 150 else { return nil }
        return low...high
    }

    /// The range a label's leading number(s) name.
    static func leadingRange(_ label: String) -> ClosedRange<Int>? {
        // Most labels begin with a word: known at the first byte, before any copy or lowercasing
        // (a label beginning with another kind of space goes the long way).
        guard let first = label.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return nil }
        if first < 0x80, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return nil }
        let text = label.trimmingSpaces().lowercased()
        func number(_ s: Substring) -> (Int, Substring)? {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let n = Int(digits) else { return nil }
            return (n, s.dropFirst(digits.count))
        }
        guard let (low, afterLow) = number(Substring(text)) else { return nil }
        var rest = afterLow.drop { $0 == " " }
        if rest.first == "+" { return low...Int.max }
        for joiner in ["–", "—", "-", "to ", "till ", "or ", "eller ", "and ", "och "] where rest.hasPrefix(joiner) {
            let tail = rest.dropFirst(joiner.count).drop { $0 == " " }
            if let (high, _) = number(tail), high >= low { return low...high }
        }
        rest = rest.drop { $0 == " " }
        let open = ["or more", "or older", "or over", "eller fler", "eller mer", "eller äldre", "eller över", "och uppåt", "and over"]
        if open.contains(where: { rest.contains($0) }) { return low...Int.max }
        return low...low
    }
}

/// One choice of a question. Its code is stored and never changes meaning.
public struct Choice: Hashable, Sendable, Codable {
    public var code: String
    public var text: LocalizedText
    /// What picking this choice adds to named scores that include the question.
    public var score: Int?
    public var location: SourceLocation?

    /// The code of "yes" in yes/no questions.
    public static let yes = "yes"
    /// The code of "no" in yes/no questions.
    public static let no = "no"

    public init(code: String, text: LocalizedText, score: Int? = nil, location: SourceLocation? = nil) {
        self.code = code
        self.text = text
        self.score = score
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case code, text, score }
}

/// A coarse category that summaries are split by. Never an identifying detail.
public enum Breakdown: String, Hashable, Sendable, Codable, CaseIterable {
    /// Gender: kvinna, man, annan (and the reserved "declined").
    case gender
    /// Age in bands such as `16-24` or `65+`, never a birth date.
    case ageBand = "age_band"

    /// The only codes a gender question may use.
    public static let genderCodes = ["kvinna", "man", "annan"]
}
