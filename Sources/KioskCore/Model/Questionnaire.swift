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
    /// For staff only, on the start screen before the questions (`ask only in private`); never on a
    /// screen the participant reads during the questions.
    public var staffNote: LocalizedText?
    /// Whether free-text questions are allowed at all (they are never exported).
    public var allowsFreeText: Bool
    public var questions: [Question] {
        didSet { positions = Self.positions(of: questions) }
    }
    /// Where each question id is in `questions`, for lookups in forms with thousands of questions.
    private var positions: [String: Int] = [:]
    public var scores: [ScoreDefinition] {
        didSet { scorePositions = Self.positions(of: scores) }
    }
    /// Where each score id is in `scores` (conditions look scores up by name for every question).
    private var scorePositions: [String: Int] = [:]
    public var referrals: [ReferralRule]
    /// Support information (helplines, services) that referral rules point to.
    public var support: [SupportEntry]
    /// Support entries shown to every participant on the result screen, whatever they answered.
    public var generalSupport: [String]
    /// Sets of answers with the results they must give; checked by `kiosk forms validate`.
    /// Not part of the form's content hash: they change no interview.
    public var examples: [FormExample]

    public init(
        id: String, title: LocalizedText, languages: [Language], source: LocalizedText? = nil,
        intro: LocalizedText? = nil, closing: LocalizedText? = nil, staffNote: LocalizedText? = nil,
        allowsFreeText: Bool = false, questions: [Question], scores: [ScoreDefinition] = [],
        referrals: [ReferralRule] = [], support: [SupportEntry] = [], generalSupport: [String] = [],
        examples: [FormExample] = []
    ) {
        self.id = id
        self.title = title
        self.languages = languages
        self.source = source
        self.intro = intro
        self.closing = closing
        self.staffNote = staffNote
        self.allowsFreeText = allowsFreeText
        self.questions = questions
        self.positions = Self.positions(of: questions)
        self.scores = scores
        self.scorePositions = Self.positions(of: scores)
        self.referrals = referrals
        self.support = support
        self.generalSupport = generalSupport
        self.examples = examples
    }

    /// The question with `id`, if the form has one.
    public func question(_ id: String) -> Question? {
        index(ofQuestion: id).map { questions[$0] }
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, languages, source, intro, closing, staffNote, allowsFreeText, questions, scores, referrals, support
        case generalSupport, examples
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
            staffNote: try c.decodeIfPresent(LocalizedText.self, forKey: .staffNote),
            allowsFreeText: try c.decode(Bool.self, forKey: .allowsFreeText),
            questions: try c.decode([Question].self, forKey: .questions),
            scores: try c.decode([ScoreDefinition].self, forKey: .scores),
            referrals: try c.decode([ReferralRule].self, forKey: .referrals),
            support: try c.decode([SupportEntry].self, forKey: .support),
            generalSupport: try c.decodeIfPresent([String].self, forKey: .generalSupport) ?? [],
            examples: try c.decode([FormExample].self, forKey: .examples))
    }

    /// Keys added after the first release are left out while they hold their default, so a form written
    /// before they existed keeps its content hash.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(languages, forKey: .languages)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(intro, forKey: .intro)
        try c.encodeIfPresent(closing, forKey: .closing)
        try c.encodeIfPresent(staffNote, forKey: .staffNote)
        try c.encode(allowsFreeText, forKey: .allowsFreeText)
        try c.encode(questions, forKey: .questions)
        try c.encode(scores, forKey: .scores)
        try c.encode(referrals, forKey: .referrals)
        try c.encode(support, forKey: .support)
        if !generalSupport.isEmpty { try c.encode(generalSupport, forKey: .generalSupport) }
        try c.encode(examples, forKey: .examples)
    }

    /// The first position of each id (a duplicate id is reported by the validator).
    private static func positions(of questions: [Question]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(questions.count)
        // By index: `for question in questions` would copy every question (all its texts and choices).
        for index in questions.indices where positions[questions[index].id] == nil { positions[questions[index].id] = index }
        return positions
    }

    /// The first position of each score id.
    private static func positions(of scores: [ScoreDefinition]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, score) in scores.enumerated() where positions[score.id] == nil { positions[score.id] = index }
        return positions
    }

    /// The named score with `id`, if the form has one.
    public func score(_ id: String) -> ScoreDefinition? {
        scorePositions[id].map { scores[$0] }
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
    /// The genders (gender breakdown codes) the line is for, such as `[man]` for Stödlinjen för män;
    /// `nil` for everyone. A line for some genders is also shown when the gender is not known.
    public var forGender: [String]?
    public var location: SourceLocation?

    public init(id: String, text: LocalizedText, forGender: [String]? = nil, location: SourceLocation? = nil) {
        self.id = id
        self.text = text
        self.forGender = forGender
        self.location = location
    }

    private enum CodingKeys: String, CodingKey { case id, text, forGender }

    /// Whether the line is for a participant whose gender answer is `gender` (a code, or `nil` when the
    /// form has no gender question or it was not answered, declined or not known).
    public func fits(gender: String?) -> Bool {
        guard let forGender, let gender else { return true }
        return forGender.contains(gender)
    }
}

extension Questionnaire {
    /// The gender code a participant gave, if the form asks and they answered with one of its choices.
    public func genderCode(in answers: Answers) -> String? {
        guard let question = breakdownQuestion(.gender), case .choice(let code)? = answers[question.id] else { return nil }
        return code
    }

    /// Every support line of the form, the general ones first: the leaflet every participant gets and the
    /// self-administered end screen, the same whatever anyone answered (so it reveals nothing).
    public var supportForEveryone: [SupportEntry] {
        let general = generalSupport.compactMap(supportEntry)
        let shown = Set(general.map(\.id))
        return general + support.filter { !shown.contains($0.id) }
    }

    /// The support entries `ids` names that fit the participant who gave `answers`, once each, in order.
    public func supportLines(_ ids: [String], answers: Answers) -> [SupportEntry] {
        let gender = genderCode(in: answers)
        var seen = Set<String>()
        return ids.compactMap { id in
            guard seen.insert(id).inserted, let entry = supportEntry(id), entry.fits(gender: gender) else { return nil }
            return entry
        }
    }
}
