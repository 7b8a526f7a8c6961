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
public struct ScoreDefinition: Hashable, Sendable, Codable {
    public var id: String
    public var label: LocalizedText
    /// The questions whose item scores are summed. Declined, don't know and blank add nothing.
    public var items: [String]
    /// Ranges of the score with a label for staff (`0–4 minimal`).
    public var bands: [ScoreBand]
    public var location: SourceLocation?
    /// Where each item id is written.
    public var itemLocations: [String: SourceLocation] = [:]

    public init(id: String, label: LocalizedText, items: [String], bands: [ScoreBand] = [], location: SourceLocation? = nil) {
        self.id = id
        self.label = label
        self.items = items
        self.bands = bands
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case id, label, items, bands }

    /// The band a score value falls in.
    public func band(for value: Int) -> ScoreBand? {
        bands.first { $0.range.contains(value) }
    }
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
    /// Expected band id per score id.
    public var expectedBands: [String: String]
    public var location: SourceLocation?

    public init(
        name: String, answers: Answers, answerLocations: [String: SourceLocation] = [:],
        expectedReferrals: [String]?, expectedScores: [String: Int] = [:], expectedBands: [String: String] = [:],
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.answers = answers
        self.answerLocations = answerLocations
        self.expectedReferrals = expectedReferrals
        self.expectedScores = expectedScores
        self.expectedBands = expectedBands
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case name, answers, expectedReferrals, expectedScores, expectedBands }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        answers = try c.decode(Answers.self, forKey: .answers)
        expectedReferrals = try c.decodeIfPresent([String].self, forKey: .expectedReferrals)
        expectedScores = try c.decode([String: Int].self, forKey: .expectedScores)
        expectedBands = try c.decode([String: String].self, forKey: .expectedBands)
        answerLocations = [:]
        location = nil
    }
}
