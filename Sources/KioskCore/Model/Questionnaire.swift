/// A screening form: its questions, named scores, referral rules and support information.
///
/// Forms are defined in YAML files under `Questionnaires/` and read by ``QuestionnaireLoader``.
/// A value of this type has passed validation only if the loader returned no errors.
public struct Questionnaire: Hashable, Sendable, Codable {
    /// The stable id staff type to start the form (`violence-seven`).
    public var id: String
    public var title: LocalizedText
    /// The languages every text of the form is given in, the first being the form's default.
    public var languages: [Language]
    /// Where the wording comes from (published instrument, local wording, …).
    public var source: LocalizedText?
    /// Shown before the first question.
    public var intro: LocalizedText?
    /// Shown after the answers are saved.
    public var closing: LocalizedText?
    /// Whether free-text questions are allowed at all (they are never exported).
    public var allowsFreeText: Bool
    public var questions: [Question] {
        didSet { positions = Self.positions(of: questions) }
    }
    /// Where each question id is in `questions`, for lookups in forms with thousands of questions.
    private var positions: [String: Int] = [:]
    public var scores: [ScoreDefinition]
    public var referrals: [ReferralRule]
    /// Support information (helplines, services) that referral rules point to.
    public var support: [SupportEntry]
    /// Sets of answers with the results they must give; checked by `kiosk forms validate`.
    /// Not part of the form's content hash: they change no interview.
    public var examples: [FormExample]

    public init(
        id: String, title: LocalizedText, languages: [Language], source: LocalizedText? = nil,
        intro: LocalizedText? = nil, closing: LocalizedText? = nil, allowsFreeText: Bool = false,
        questions: [Question], scores: [ScoreDefinition] = [], referrals: [ReferralRule] = [],
        support: [SupportEntry] = [], examples: [FormExample] = []
    ) {
        self.id = id
        self.title = title
        self.languages = languages
        self.source = source
        self.intro = intro
        self.closing = closing
        self.allowsFreeText = allowsFreeText
        self.questions = questions
        self.positions = Self.positions(of: questions)
        self.scores = scores
        self.referrals = referrals
        self.support = support
        self.examples = examples
    }

    /// The question with `id`, if the form has one.
    public func question(_ id: String) -> Question? {
        index(ofQuestion: id).map { questions[$0] }
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, languages, source, intro, closing, allowsFreeText, questions, scores, referrals, support, examples
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            title: try c.decode(LocalizedText.self, forKey: .title),
            languages: try c.decode([Language].self, forKey: .languages),
            source: try c.decodeIfPresent(LocalizedText.self, forKey: .source),
            intro: try c.decodeIfPresent(LocalizedText.self, forKey: .intro),
            closing: try c.decodeIfPresent(LocalizedText.self, forKey: .closing),
            allowsFreeText: try c.decode(Bool.self, forKey: .allowsFreeText),
            questions: try c.decode([Question].self, forKey: .questions),
            scores: try c.decode([ScoreDefinition].self, forKey: .scores),
            referrals: try c.decode([ReferralRule].self, forKey: .referrals),
            support: try c.decode([SupportEntry].self, forKey: .support),
            examples: try c.decode([FormExample].self, forKey: .examples))
    }

    /// The first position of each id (a duplicate id is reported by the validator).
    private static func positions(of questions: [Question]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(questions.count)
        for (index, question) in questions.enumerated() where positions[question.id] == nil { positions[question.id] = index }
        return positions
    }

    /// The named score with `id`, if the form has one.
    public func score(_ id: String) -> ScoreDefinition? {
        scores.first { $0.id == id }
    }

    /// The position of question `id` among the form's questions.
    public func index(ofQuestion id: String) -> Int? {
        positions[id]
    }

    /// The question marked as the breakdown `kind` (gender or age band), if any.
    public func breakdownQuestion(_ kind: Breakdown) -> Question? {
        questions.first { $0.breakdown == kind }
    }

    /// The support entry with `id`.
    public func supportEntry(_ id: String) -> SupportEntry? {
        support.first { $0.id == id }
    }

    /// The language to use when `requested` is not one the form provides.
    public func language(closestTo requested: Language) -> Language {
        languages.contains(requested) ? requested : (languages.first ?? requested)
    }
}

/// Support information shown to staff and participant when a referral fires.
public struct SupportEntry: Hashable, Sendable, Codable {
    public var id: String
    /// One line, with its phone number (`Kvinnofridslinjen 020-50 50 50 — dygnet runt`).
    public var text: LocalizedText
    public var location: SourceLocation?

    public init(id: String, text: LocalizedText, location: SourceLocation? = nil) {
        self.id = id
        self.text = text
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case id, text }
}
