/// A condition written in the form's small expression language, with its parsed form.
public struct Condition: Hashable, Sendable, Codable {
    /// The text as written (`any(q1, q2, q3, q4) = yes`).
    public var source: String
    public var expression: Expression
    /// Where the condition's text starts in the file.
    public var location: SourceLocation?
    /// Added to a column inside `source` to get the file column (1 for quoted values);
    /// `nil` when the text spans lines and only its start can be pointed at.
    public var columnOffset: Int?

    public init(source: String, expression: Expression, location: SourceLocation? = nil, columnOffset: Int? = 0) {
        self.source = source
        self.expression = expression
        self.location = location
        self.columnOffset = columnOffset
    }

    /// The file location of a character offset inside the condition's text.
    public func location(ofOffset offset: Int) -> SourceLocation? {
        guard let columnOffset else { return location }
        return location?.advanced(by: columnOffset + offset)
    }

    private enum CodingKeys: String, CodingKey { case source }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        switch ExpressionParser.parse(source) {
        case .success(let expression): self.expression = expression
        case .failure(let error):
            throw DecodingError.dataCorruptedError(
                forKey: .source, in: container, debugDescription: error.message)
        }
        location = nil
        columnOffset = 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
    }
}

/// A named score: the sum of the item scores of some questions, with bands for staff.
///
/// A score needs answered items: with fewer than ``minAnswered`` of them it is *not scored* — no value,
/// no band — so "nothing answered" never reads as a negative screen.
public struct ScoreDefinition: Hashable, Sendable, Codable {
    public var id: String
    public var label: LocalizedText
    /// The questions whose item scores are summed. Declined, don't know and blank add nothing.
    public var items: [String]
    /// How many items need a real answer before the score has a value (at least 1).
    public var minAnswered: Int
    /// Ranges of the score with a label for staff (`0–4 minimal`), for everyone no variant applies to.
    public var bands: [ScoreBand]
    /// Other cut-offs for some participants (`when: gender = man`): the first whose condition holds gives
    /// the bands; they have the same band ids as ``bands``, so summaries count one row per band id.
    public var bandVariants: [BandVariant]
    public var location: SourceLocation?
    /// Where each item id is written.
    public var itemLocations: [String: SourceLocation] = [:]

    public init(id: String, label: LocalizedText, items: [String], minAnswered: Int = 1, bands: [ScoreBand] = [],
                bandVariants: [BandVariant] = [], location: SourceLocation? = nil) {
        self.id = id
        self.label = label
        self.items = items
        self.minAnswered = minAnswered
        self.bands = bands
        self.bandVariants = bandVariants
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case id, label, items, minAnswered, bands, bandVariants }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(LocalizedText.self, forKey: .label)
        items = try c.decode([String].self, forKey: .items)
        minAnswered = try c.decodeIfPresent(Int.self, forKey: .minAnswered) ?? 1
        bands = try c.decode([ScoreBand].self, forKey: .bands)
        bandVariants = try c.decodeIfPresent([BandVariant].self, forKey: .bandVariants) ?? []
    }

    /// Keys with their default value are left out, so a form written before they existed keeps its
    /// content hash.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(items, forKey: .items)
        if minAnswered != 1 { try c.encode(minAnswered, forKey: .minAnswered) }
        try c.encode(bands, forKey: .bands)
        if !bandVariants.isEmpty { try c.encode(bandVariants, forKey: .bandVariants) }
    }

    /// The band a score value falls in, among `bands`.
    public func band(for value: Int) -> ScoreBand? {
        bands.first { $0.range.contains(value) }
    }

    /// Every list of bands the score has: the default one first, then each variant's.
    public var allBandLists: [[ScoreBand]] { [bands] + bandVariants.map(\.bands) }
}

/// Bands for the participants a condition picks out (a cut-off that differs by gender, say).
public struct BandVariant: Hashable, Sendable, Codable {
    /// Which participants these bands are for; only answers to questions may be used.
    public var when: Condition
    public var bands: [ScoreBand]
    public var location: SourceLocation?

    public init(when: Condition, bands: [ScoreBand], location: SourceLocation? = nil) {
        self.when = when
        self.bands = bands
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case when, bands }
}

/// A range of a score with a label for staff.
public struct ScoreBand: Hashable, Sendable, Codable {
    public var id: String
    public var from: Int
    public var to: Int
    public var label: LocalizedText
    public var location: SourceLocation?

    public init(id: String, from: Int, to: Int, label: LocalizedText, location: SourceLocation? = nil) {
        self.id = id
        self.from = from
        self.to = to
        self.label = label
        self.location = location
    }

    public var range: ClosedRange<Int> { from...max(from, to) }

    private enum CodingKeys: String, CodingKey { case id, from, to, label }
}

/// How soon a referral needs follow-up.
public enum ReferralLevel: String, Hashable, Sendable, Codable, CaseIterable {
    /// Follow up today.
    case urgent
    /// Follow up as usual.
    case routine

    /// Urgent before routine: the order staff should read them in.
    public var priority: Int { self == .urgent ? 0 : 1 }
}

extension Sequence {
    /// The elements with urgent ones first, keeping the form's order within each level.
    public func urgentFirst(by level: (Element) -> ReferralLevel) -> [Element] {
        enumerated()
            .sorted { (level($0.element).priority, $0.offset) < (level($1.element).priority, $1.offset) }
            .map(\.element)
    }
}

/// A rule that flags a referral for follow-up when its condition holds.
public struct ReferralRule: Hashable, Sendable, Codable {
    public var id: String
    public var when: Condition
    public var level: ReferralLevel
    /// What staff should do, in plain words.
    public var message: LocalizedText
    /// Ids of the support entries to show.
    public var support: [String]
    public var location: SourceLocation?
    /// Where each support id is written.
    public var supportLocations: [String: SourceLocation] = [:]

    public init(id: String, when: Condition, level: ReferralLevel, message: LocalizedText, support: [String] = [], location: SourceLocation? = nil) {
        self.id = id
        self.when = when
        self.level = level
        self.message = message
        self.support = support
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case id, when, level, message, support }
}

/// One of a form's own examples: answers, and the scores, bands and referrals they must give.
public struct FormExample: Hashable, Sendable, Codable {
    public var name: String
    public var answers: Answers
    /// Where each answer was written, by question id.
    public var answerLocations: [String: SourceLocation]
    /// The referral rule ids that must fire, all and only these; `nil` when not checked.
    public var expectedReferrals: [String]?
    public var expectedScores: [String: Int]
    /// Expected band id per score id (`not_scored` for a score without a value).
    public var expectedBands: [String: String]
    /// Questions that must be shown with these answers.
    public var expectedShown: [String]
    /// Questions that must not be shown with these answers.
    public var expectedNotShown: [String]
    /// Where each question id of `shown` / `not_shown` is written.
    public var visibilityLocations: [String: SourceLocation] = [:]
    public var location: SourceLocation?

    public init(
        name: String, answers: Answers, answerLocations: [String: SourceLocation] = [:],
        expectedReferrals: [String]?, expectedScores: [String: Int] = [:], expectedBands: [String: String] = [:],
        expectedShown: [String] = [], expectedNotShown: [String] = [], location: SourceLocation? = nil
    ) {
        self.name = name
        self.answers = answers
        self.answerLocations = answerLocations
        self.expectedReferrals = expectedReferrals
        self.expectedScores = expectedScores
        self.expectedBands = expectedBands
        self.expectedShown = expectedShown
        self.expectedNotShown = expectedNotShown
        self.location = location
    }

    /// The band id an example writes for a score that has no value.
    public static let notScoredBand = "not_scored"

    private enum CodingKeys: String, CodingKey {
        case name, answers, expectedReferrals, expectedScores, expectedBands, expectedShown, expectedNotShown
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        answers = try c.decode(Answers.self, forKey: .answers)
        expectedReferrals = try c.decodeIfPresent([String].self, forKey: .expectedReferrals)
        expectedScores = try c.decode([String: Int].self, forKey: .expectedScores)
        expectedBands = try c.decode([String: String].self, forKey: .expectedBands)
        expectedShown = try c.decodeIfPresent([String].self, forKey: .expectedShown) ?? []
        expectedNotShown = try c.decodeIfPresent([String].self, forKey: .expectedNotShown) ?? []
        answerLocations = [:]
        location = nil
    }
}
