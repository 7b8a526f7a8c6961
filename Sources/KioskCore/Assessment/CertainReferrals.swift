/// The referral rules an unfinished interview has already decided.
///
/// When an interview ends before its review (aborted, input ended, discarded after a pause or crash),
/// the answers given so far are all there will ever be. A rule that holds whatever the missing answers
/// would have been is raised, so an urgent answer is never lost; a rule that later answers could still
/// have decided either way is not.
///
/// Method: a three-valued reading of the condition (true, false, or still open) in which an unanswered
/// question is open and a score is the interval its answered items and its open items allow. That reading
/// never calls a rule certain wrongly; when it says "open", a search over the few answers the rule refers
/// to (``Satisfiability``) settles rules like `q9 = yes or q9 != yes` that are decided all the same.
extension Questionnaire {
    /// The rules that fire whatever the answers not yet given would be, in form order.
    public func certainReferrals(given: Answers) -> [ReferralRule] {
        let answers = visibility(given: given).answers
        let reader = PartialEvaluation(form: self, answers: answers)
        let solver = Satisfiability(form: self)
        return referrals.filter { rule in
            switch reader.truth(rule.when.expression) {
            case .yes: return true
            case .no: return false
            case .open: return solver.mustHold(rule.when.expression, given: answers) == true
            }
        }
    }
}

/// True, false, or not decided yet.
enum Truth: Equatable {
    case yes, no, open

    init(_ value: Bool) { self = value ? .yes : .no }

    static prefix func ! (truth: Truth) -> Truth {
        switch truth {
        case .yes: return .no
        case .no: return .yes
        case .open: return .open
        }
    }
}

/// Kleene's three-valued logic over a condition, with unanswered questions open.
struct PartialEvaluation {
    let form: Questionnaire
    let answers: Answers

    func truth(_ expression: Expression) -> Truth {
        switch expression {
        case .or(let parts): return any(parts.map(truth))
        case .and(let parts): return all(parts.map(truth))
        case .not(let inner): return !truth(inner)
        case .compare(let ref, let op, let value): return compare(ref.name, op, value)
        case .any(let refs, let op, let value): return any(refs.map { compare($0.name, op, value) })
        case .all(let refs, let op, let value): return all(refs.map { compare($0.name, op, value) })
        case .oneOf(let ref, let values): return any(values.map { compare(ref.name, .equal, $0) })
        case .anyOneOf(let refs, let values):
            return any(refs.map { ref in any(values.map { compare(ref.name, .equal, $0) }) })
        case .allOneOf(let refs, let values):
            return all(refs.map { ref in any(values.map { compare(ref.name, .equal, $0) }) })
        case .has, .answered:
            return known(expression)
        }
    }

    private func any(_ values: [Truth]) -> Truth {
        if values.contains(.yes) { return .yes }
        return values.contains(.open) ? .open : .no
    }

    private func all(_ values: [Truth]) -> Truth {
        if values.contains(.no) { return .no }
        return values.contains(.open) ? .open : .yes
    }

    /// A test of one question: decided when it has an answer or can no longer be shown, open otherwise.
    private func known(_ expression: Expression) -> Truth {
        let names = expression.references.map(\.name)
        guard names.allSatisfy(isSettled) else { return .open }
        return Truth(ConditionEvaluator(form: form, answers: answers).holds(expression))
    }

    private func compare(_ name: String, _ op: ComparisonOperator, _ value: Value) -> Truth {
        if let score = form.score(name) { return compareScore(score, op, value) }
        guard isSettled(name) else { return .open }
        return Truth(ConditionEvaluator(form: form, answers: answers).holds(.compare(Reference(name), op, value)))
    }

    /// Whether a question's answer is final: it has one, or its `show_if` is already false for good.
    private func isSettled(_ name: String) -> Bool {
        if answers[name] != nil { return true }
        guard let condition = form.question(name)?.showIf else { return false }
        return truth(condition.expression) == .no
    }

    /// A score comparison: the score lies between what its answered items give and what its open items
    /// could add; it is certainly scored only when enough items already have a real answer.
    private func compareScore(_ score: ScoreDefinition, _ op: ComparisonOperator, _ value: Value) -> Truth {
        guard let literal = value.number else { return .no }
        var low = 0, high = 0, answered = 0, open = 0
        for item in score.items {
            guard let question = form.question(item) else { continue }
            if let answer = answers[item] {
                guard answer.isSubstantive else { continue }
                answered += 1
                let points = form.itemScore(of: answer, to: question) ?? 0
                low = low.saturatingAdd(points)
                high = high.saturatingAdd(points)
            } else if !isSettled(item) {
                open += 1
                let range = contributionRange(of: question)
                low = low.saturatingAdd(range.lowerBound)
                high = high.saturatingAdd(range.upperBound)
            }
        }
        let minimum = max(1, score.minAnswered)
        let scoredForSure = answered >= minimum
        let scoredPossibly = answered + open >= minimum
        guard scoredPossibly else { return .no }
        let every = Self.holdsForEvery(op, low...high, literal)
        let none = Self.holdsForNone(op, low...high, literal)
        if none { return .no }
        if every && scoredForSure { return .yes }
        return .open
    }

    /// The least and most a question can add to a score, not answering it (0) included.
    private func contributionRange(of question: Question) -> ClosedRange<Int> {
        var low = 0, high = 0
        switch question.kind {
        case .yesNo, .singleChoice:
            for choice in question.choices {
                low = min(low, choice.score ?? 0)
                high = max(high, choice.score ?? 0)
            }
        case .multipleChoice(let choices):
            for choice in choices {
                let points = choice.score ?? 0
                if points < 0 { low = low.saturatingAdd(points) } else { high = high.saturatingAdd(points) }
            }
        case .scale(let min, let max, _, _):
            low = Swift.min(0, min)
            high = Swift.max(0, max)
        case .number, .info, .freeText:
            break
        }
        return low...high
    }

    static func holdsForEvery(_ op: ComparisonOperator, _ range: ClosedRange<Int>, _ n: Int) -> Bool {
        switch op {
        case .equal: return range.lowerBound == n && range.upperBound == n
        case .notEqual: return !range.contains(n)
        case .less: return range.upperBound < n
        case .lessOrEqual: return range.upperBound <= n
        case .greater: return range.lowerBound > n
        case .greaterOrEqual: return range.lowerBound >= n
        }
    }

    static func holdsForNone(_ op: ComparisonOperator, _ range: ClosedRange<Int>, _ n: Int) -> Bool {
        switch op {
        case .equal: return !range.contains(n)
        case .notEqual: return range.lowerBound == n && range.upperBound == n
        case .less: return range.lowerBound >= n
        case .lessOrEqual: return range.lowerBound > n
        case .greater: return range.upperBound <= n
        case .greaterOrEqual: return range.upperBound < n
        }
    }
}
