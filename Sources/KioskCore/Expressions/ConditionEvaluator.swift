/// Evaluates conditions over one interview's answers and scores.
///
/// Rules (documented in README, "Conditions"):
/// - a comparison with a question that has no answer (not shown, or left blank) is false;
/// - `= declined` and `= dont_know` test for those reserved answers; any other comparison with a
///   declined or don't-know answer is false, except `!=`, which holds for any answer other than the value;
/// - a score is the sum of the item scores of its answered items; a score that is not scored (too few
///   items answered) has no value, so every comparison with it is false.
public struct ConditionEvaluator: Sendable {
    public let form: Questionnaire
    public let answers: Answers
    /// Score values given up front (`nil` for not scored); scores not given are computed from the answers
    /// when a condition refers to them (most conditions never do).
    public let scores: [String: Int?]

    public init(form: Questionnaire, answers: Answers, scores: [String: Int?] = [:]) {
        self.form = form
        self.answers = answers
        self.scores = scores
    }

    /// What a name is in a condition: a score (with its value, `nil` when not scored) or not a score.
    private enum ScoreLookup {
        case notAScore
        case score(Int?)
    }

    private func score(_ name: String) -> ScoreLookup {
        if let given = scores[name] { return .score(given) }
        guard let definition = form.score(name) else { return .notAScore }
        return .score(form.result(of: definition, answers: answers).value)
    }

    /// Whether `expression` holds.
    public func holds(_ expression: Expression) -> Bool {
        switch expression {
        case .or(let parts): return parts.contains { holds($0) }
        case .and(let parts): return parts.allSatisfy { holds($0) }
        case .not(let inner): return !holds(inner)
        case .compare(let ref, let op, let value): return compare(ref.name, op, value)
        case .any(let refs, let op, let value): return refs.contains { compare($0.name, op, value) }
        case .all(let refs, let op, let value): return refs.allSatisfy { compare($0.name, op, value) }
        case .oneOf(let ref, let values): return values.contains { compare(ref.name, .equal, $0) }
        case .anyOneOf(let refs, let values): return refs.contains { ref in values.contains { compare(ref.name, .equal, $0) } }
        case .allOneOf(let refs, let values): return refs.allSatisfy { ref in values.contains { compare(ref.name, .equal, $0) } }
        case .has(let ref, let value):
            guard let answer = answers[ref.name] else { return false }
            return answer.choiceCodes.contains(value.text)
        case .answered(let ref):
            return answers[ref.name]?.isSubstantive ?? false
        }
    }

    private func compare(_ name: String, _ op: ComparisonOperator, _ value: Value) -> Bool {
        if case .score(let score) = score(name) {
            guard let score, let number = value.number else { return false }
            return op.holds(score, number)
        }
        guard let answer = answers[name], answer != .skipped else { return false }
        if value.isReservedAnswer {
            let matches = (value.text == Answer.declinedCode && answer == .declined)
                || (value.text == Answer.dontKnowCode && answer == .dontKnow)
            switch op {
            case .equal: return matches
            case .notEqual: return !matches
            default: return false
            }
        }
        switch answer {
        case .choice(let code):
            switch op {
            case .equal: return code == value.text
            case .notEqual: return code != value.text
            default: return false
            }
        case .choices(let codes):
            switch op {
            case .equal: return codes.contains(value.text)
            case .notEqual: return !codes.contains(value.text)
            default: return false
            }
        case .number(let n):
            guard let number = value.number else { return false }
            return op.holds(n, number)
        case .declined, .dontKnow, .text:
            return op == .notEqual
        case .skipped:
            return false
        }
    }
}
