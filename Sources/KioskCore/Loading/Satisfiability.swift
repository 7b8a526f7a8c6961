/// Decides whether a condition can ever hold, by trying every combination of the answers it refers to.
///
/// Questions are treated as independent and every score as free to take any value its items can sum to
/// (or to be not scored, when too few of its items can be answered). That is a superset of what interviews
/// can produce, so "can never hold" is never claimed wrongly. Answers already given (`fixed`) are kept as
/// they are, so the same search says what a rule can still become in an unfinished interview.
/// When there are too many combinations to try, the answer is "unknown" (`nil`).
struct Satisfiability {
    private enum Candidate {
        case answer(Answer)
        case score(Int?)
    }

    let form: Questionnaire
    /// The most combinations tried before giving up.
    var limit = 50_000

    /// Whether `expression` holds for some answers that keep `fixed`; `nil` when that is too costly to find out.
    func canHold(_ expression: Expression, given fixed: Answers = [:]) -> Bool? {
        var names: [String] = []
        for ref in expression.references where !names.contains(ref.name) { names.append(ref.name) }
        // The numbers the expression compares with: needed only for number questions and wide scales.
        var literalsFound: [Int]?
        func literals() -> [Int] {
            if let literalsFound { return literalsFound }
            let found = expression.values.compactMap(\.number)
            literalsFound = found
            return found
        }
        var domains: [(name: String, candidates: [Candidate])] = []
        var combinations = 1
        for name in names {
            if let score = form.score(name) {
                guard let values = possibleValues(of: score, given: fixed) else { return nil }
                domains.append((name, values.map(Candidate.score)))
                combinations = combinations.multipliedReportingOverflow(by: max(values.count, 1)).partialValue
            } else if let index = form.index(ofQuestion: name) {
                // Read in place: a copy of the question would copy all its texts and choices.
                let answers = fixed[name].map { [$0] } ?? possibleAnswers(to: form.questions[index], literals: literals)
                domains.append((name, answers.map(Candidate.answer)))
                combinations = combinations.multipliedReportingOverflow(by: max(answers.count, 1)).partialValue
            } else {
                return nil
            }
            if combinations > limit || combinations <= 0 { return nil }
        }
        var answers: Answers = [:]
        var scores: [String: Int?] = [:]
        func search(_ index: Int) -> Bool {
            if index == domains.count {
                return ConditionEvaluator(form: form, answers: answers, scores: scores).holds(expression)
            }
            let domain = domains[index]
            for candidate in domain.candidates {
                switch candidate {
                case .score(let value): scores[domain.name] = .some(value)
                case .answer(let answer): answers[domain.name] = answer
                }
                if search(index + 1) { return true }
            }
            scores.removeValue(forKey: domain.name)
            answers.removeValue(forKey: domain.name)
            return false
        }
        return search(0)
    }

    /// Whether `expression` holds whatever the answers not in `fixed` are; `nil` when too costly to find out.
    func mustHold(_ expression: Expression, given fixed: Answers = [:]) -> Bool? {
        canHold(.not(expression), given: fixed).map { !$0 }
    }

    /// Every value a score can take (`nil` standing for "not scored"), keeping the answers in `fixed`;
    /// `nil` when there are too many to list.
    private func possibleValues(of score: ScoreDefinition, given fixed: Answers) -> [Int?]? {
        var open = score
        var known = 0
        var answered = 0
        open.items = []
        for item in score.items {
            if let answer = fixed[item] {
                if answer.isSubstantive, let question = form.question(item) {
                    answered += 1
                    known = known.saturatingAdd(form.itemScore(of: answer, to: question) ?? 0)
                }
            } else {
                open.items.append(item)
            }
        }
        let minimum = max(1, score.minAnswered)
        var values: [Int?] = []
        if answered < minimum { values.append(nil) }
        if answered + open.items.count >= minimum {
            let sums = achievableSums(of: open)
            guard !sums.isEmpty else { return nil }
            values += sums.sorted().map { Optional($0.saturatingAdd(known)) }
        }
        return values
    }

    /// Every answer a question can have (and no answer at all, as `.skipped`).
    private func possibleAnswers(to question: Question, literals: () -> [Int]) -> [Answer] {
        var result: [Answer] = [.skipped, .declined, .dontKnow]
        switch question.kind {
        case .yesNo, .singleChoice:
            result += question.choiceCodes.map { Answer.choice($0) }
        case .multipleChoice(let choices):
            if choices.count <= 8 {
                for mask in 1..<(1 << choices.count) {
                    result.append(Answer.choices(choices.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element.code)))
                }
            } else {
                result += choices.map { Answer.choices([$0.code]) }
                result.append(Answer.choices(choices.map(\.code)))
            }
        case .scale(let min, let max, _, _) where min <= max && max.subtractingReportingOverflow(min).partialValue <= 200
            && !max.subtractingReportingOverflow(min).overflow:
            result += (min...max).map { Answer.number($0) }
        case .scale(let min, let max, _, _), .number(let min, let max, _):
            var candidates: Set<Int> = [min, max]
            for literal in literals() {
                for step in [-1, 0, 1] {
                    let (n, overflow) = literal.addingReportingOverflow(step)
                    if !overflow && n >= min && n <= max { candidates.insert(n) }
                }
            }
            result += candidates.sorted().map { Answer.number($0) }
        case .freeText:
            result.append(Answer.text("…"))
        case .info:
            break
        }
        return result
    }

    /// Every value a score can have when it is scored: sums over at least `minAnswered` answered items;
    /// empty when there are too many to list.
    func scoredValues(of score: ScoreDefinition) -> Set<Int> {
        let needed = max(1, score.minAnswered)
        // States: (answered items, capped at `needed`) → the sums possible with them.
        var states: [Int: Set<Int>] = [0: [0]]
        for item in score.items {
            guard let question = form.question(item) else { continue }
            let contributions = answeredContributions(of: question)
            guard let contributions else { return [] }
            var next = states
            for (count, sums) in states {
                let target = min(needed, count + 1)
                var grown = next[target] ?? []
                for s in sums { for c in contributions { grown.insert(s.saturatingAdd(c)) } }
                if grown.count > 10_000 { return [] }
                next[target] = grown
            }
            states = next
        }
        return states[needed] ?? []
    }

    /// What answering a question can add to a score (not answering it excluded); nil when too many to list.
    private func answeredContributions(of question: Question) -> Set<Int>? {
        switch question.kind {
        case .yesNo, .singleChoice:
            return Set(question.choices.map { $0.score ?? 0 })
        case .multipleChoice(let choices):
            var subsetSums: Set<Int> = [0]
            var result: Set<Int> = []
            for choice in choices {
                let added = subsetSums.map { $0.saturatingAdd(choice.score ?? 0) }
                result.formUnion(added)
                subsetSums.formUnion(added)
                if subsetSums.count > 1_000 { return nil }
            }
            return result
        case .scale(let min, let max, _, _) where min <= max:
            let (width, overflow) = max.subtractingReportingOverflow(min)
            if overflow || width > 10_000 { return nil }
            return Set(min...max)
        case .scale, .number, .info, .freeText:
            return [0]
        }
    }

    /// Every value a score can take when each item may be answered or not, from the items' possible
    /// contributions; empty when there are too many to list.
    func achievableSums(of score: ScoreDefinition) -> Set<Int> {
        var sums: Set<Int> = [0]
        for item in score.items {
            guard let question = form.question(item) else { continue }
            var contributions: Set<Int> = [0]
            switch question.kind {
            case .yesNo, .singleChoice:
                for choice in question.choices { contributions.insert(choice.score ?? 0) }
            case .multipleChoice(let choices):
                var subsetSums: Set<Int> = [0]
                for choice in choices {
                    subsetSums.formUnion(subsetSums.map { $0.saturatingAdd(choice.score ?? 0) })
                    if subsetSums.count > 1_000 { return [] }
                }
                contributions = subsetSums
            case .scale(let min, let max, _, _) where min <= max:
                let (width, overflow) = max.subtractingReportingOverflow(min)
                if overflow || width > 10_000 { return [] }
                contributions.formUnion(min...max)
            default:
                break
            }
            var next: Set<Int> = []
            for s in sums {
                for c in contributions { next.insert(s.saturatingAdd(c)) }
                if next.count > 10_000 { return [] }
            }
            sums = next
        }
        return sums
    }
}
