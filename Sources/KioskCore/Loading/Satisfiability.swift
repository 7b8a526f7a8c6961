/// Decides whether a condition can ever hold, by trying every combination of the answers it refers to.
///
/// Questions are treated as independent and every score as free to take any value its items can sum to.
/// That is a superset of what interviews can produce, so "can never hold" is never claimed wrongly.
/// When there are too many combinations to try, the answer is "unknown" (`nil`).
struct Satisfiability {
    private enum Candidate {
        case answer(Answer)
        case score(Int)
    }

    let form: Questionnaire
    /// The most combinations tried before giving up.
    var limit = 50_000

    /// Whether `expression` holds for some answers; `nil` when that is too costly to find out.
    func canHold(_ expression: Expression) -> Bool? {
        var names: [String] = []
        for ref in expression.references where !names.contains(ref.name) { names.append(ref.name) }
        let literals = expression.values.compactMap(\.number)
        var domains: [(name: String, candidates: [Candidate])] = []
        var combinations = 1
        for name in names {
            if let score = form.score(name) {
                let sums = achievableSums(of: score)
                guard !sums.isEmpty else { return nil }
                domains.append((name, sums.sorted().map(Candidate.score)))
                combinations *= sums.count
            } else if let question = form.question(name) {
                let answers = possibleAnswers(to: question, literals: literals)
                domains.append((name, answers.map(Candidate.answer)))
                combinations *= max(answers.count, 1)
            } else {
                return nil
            }
            if combinations > limit { return nil }
        }
        var answers: Answers = [:]
        var scores: [String: Int] = [:]
        func search(_ index: Int) -> Bool {
            if index == domains.count {
                return ConditionEvaluator(form: form, answers: answers, scores: scores).holds(expression)
            }
            let domain = domains[index]
            for candidate in domain.candidates {
                switch candidate {
                case .score(let value): scores[domain.name] = value
                case .answer(let answer): answers[domain.name] = answer
                }
                if search(index + 1) { return true }
            }
            scores[domain.name] = nil
            answers[domain.name] = nil
            return false
        }
        return search(0)
    }

    /// Every answer a question can have (and no answer at all, as `.skipped`).
    private func possibleAnswers(to question: Question, literals: [Int]) -> [Answer] {
        var result: [Answer] = [.skipped, .declined, .dontKnow]
        switch question.kind {
        case .yesNo, .singleChoice:
            result += question.choices.map { Answer.choice($0.code) }
        case .multipleChoice(let choices):
            if choices.count <= 8 {
                for mask in 1..<(1 << choices.count) {
                    result.append(Answer.choices(choices.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element.code)))
                }
            } else {
                result += choices.map { Answer.choices([$0.code]) }
                result.append(Answer.choices(choices.map(\.code)))
            }
        case .scale(let min, let max, _, _) where min <= max && max - min <= 200:
            result += (min...max).map { Answer.number($0) }
        case .scale(let min, let max, _, _), .number(let min, let max, _):
            var candidates: Set<Int> = [min, max]
            for literal in literals {
                for n in [literal - 1, literal, literal + 1] where n >= min && n <= max { candidates.insert(n) }
            }
            result += candidates.sorted().map { Answer.number($0) }
        case .freeText:
            result.append(Answer.text("…"))
        case .info:
            break
        }
        return result
    }

    /// Every value a score can take, from its items' possible contributions.
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
                    subsetSums.formUnion(subsetSums.map { $0 + (choice.score ?? 0) })
                    if subsetSums.count > 1_000 { break }
                }
                contributions = subsetSums
            case .scale(let min, let max, _, _) where min <= max:
                contributions.formUnion(min...max)
            default:
                break
            }
            var next: Set<Int> = []
            for s in sums { for c in contributions { next.insert(s + c) } }
            sums = next
            if sums.count > 10_000 { return [] }
        }
        return sums
    }
}
