/// A named score's value for one interview.
public struct ScoreResult: Hashable, Sendable, Codable {
    public var id: String
    /// The sum of the item scores of the answered items; `nil` when too few items were answered for the
    /// score to mean anything (it is *not scored*: no value, no band).
    public var value: Int?
    /// How many of its items got a real answer (declined, don't know and blank do not count).
    public var answeredItems: Int
    public var totalItems: Int
    /// The id of the band the value falls in, if the score has bands and a value.
    public var band: String?

    /// Whether the score has a value.
    public var isScored: Bool { value != nil }

    public init(id: String, value: Int?, answeredItems: Int, totalItems: Int, band: String?) {
        self.id = id
        self.value = value
        self.answeredItems = answeredItems
        self.totalItems = totalItems
        self.band = band
    }
}

/// What a set of answers gives: the questions shown, the scores and the referral rules that fire.
public struct Assessment: Hashable, Sendable {
    /// The answers to questions that are shown; answers to hidden questions are dropped.
    public var answers: Answers
    /// The ids of the questions shown, in form order.
    public var visibleQuestions: [String]
    public var scores: [ScoreResult]
    /// The referral rules that fire, in form order.
    public var referrals: [ReferralRule]

    /// The score with `id`.
    public func score(_ id: String) -> ScoreResult? { scores.first { $0.id == id } }
}

extension Questionnaire {
    /// The item score an answer contributes: the choice's score, the sum of the chosen choices' scores,
    /// or a scale's value. Reserved answers and questions without scores give nothing.
    public func itemScore(of answer: Answer, to question: Question) -> Int? {
        switch (question.kind, answer) {
        case (.yesNo, .choice(let code)), (.singleChoice, .choice(let code)):
            return question.choice(code)?.score
        case (.multipleChoice, .choices(let codes)):
            return codes.compactMap { question.choice($0)?.score }.reduce(0) { $0.saturatingAdd($1) }
        case (.scale, .number(let value)):
            return value
        default:
            return nil
        }
    }

    /// Computes a named score over `answers`: not scored (no value, no band) when fewer than
    /// `minAnswered` items have a real answer. Sums saturate instead of overflowing.
    public func result(of score: ScoreDefinition, answers: Answers) -> ScoreResult {
        var value = 0
        var answered = 0
        for item in score.items {
            guard let question = question(item), let answer = answers[item], answer.isSubstantive else { continue }
            answered += 1
            value = value.saturatingAdd(itemScore(of: answer, to: question) ?? 0)
        }
        guard answered >= max(1, score.minAnswered) else {
            return ScoreResult(id: score.id, value: nil, answeredItems: answered, totalItems: score.items.count, band: nil)
        }
        return ScoreResult(
            id: score.id, value: value, answeredItems: answered, totalItems: score.items.count,
            band: bands(of: score, answers: answers).first { $0.range.contains(value) }?.id)
    }

    /// The bands that apply to this participant: the first variant whose condition holds, else the default.
    public func bands(of score: ScoreDefinition, answers: Answers) -> [ScoreBand] {
        guard !score.bandVariants.isEmpty else { return score.bands }
        let evaluator = ConditionEvaluator(form: self, answers: answers)
        return score.bandVariants.first { evaluator.holds($0.when.expression) }?.bands ?? score.bands
    }

    /// The questions shown given `answers` (in form order), and the answers with those to hidden
    /// questions dropped. A question's condition sees only answers to earlier shown questions.
    public func visibility(given answers: Answers) -> (visible: [Question], answers: Answers) {
        let (positions, kept) = visiblePositions(given: answers)
        return (positions.map { questions[$0] }, kept)
    }

    /// ``visibility(given:)`` as positions in `questions`: the questions are read in place, not copied
    /// (checking a form's examples walks every question of a form of thousands).
    func visiblePositions(given answers: Answers) -> (positions: [Int], answers: Answers) {
        var kept: Answers = [:]
        var visible: [Int] = []
        for index in questions.indices {
            let shown: Bool
            if let condition = questions[index].showIf {
                shown = evaluator(answers: kept).holds(condition.expression)
            } else {
                shown = true
            }
            guard shown else { continue }
            visible.append(index)
            let id = questions[index].id
            if let answer = answers[id] { kept[id] = answer }
        }
        return (visible, kept)
    }

    /// An evaluator over `answers`; scores are computed from them when a condition needs one.
    public func evaluator(answers: Answers) -> ConditionEvaluator {
        ConditionEvaluator(form: self, answers: answers)
    }

    /// Everything `answers` give: shown questions, scores, bands and the referral rules that fire.
    public func assess(_ answers: Answers) -> Assessment {
        let (visible, kept) = visiblePositions(given: answers)
        let results = scores.map { result(of: $0, answers: kept) }
        let evaluator = ConditionEvaluator(
            form: self, answers: kept,
            scores: Dictionary(results.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first }))
        let fired = referrals.filter { evaluator.holds($0.when.expression) }
        return Assessment(answers: kept, visibleQuestions: visible.map { questions[$0].id }, scores: results, referrals: fired)
    }
}

extension Int {
    /// `self + other`, held at `Int.max` / `Int.min` instead of trapping (scores of hostile forms).
    public func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
