/// Checks a form read by ``FormReader`` as a whole: ids, references between questions, scores, rules,
/// breakdowns, and the form's own examples. Every problem goes to the collector with its location.
struct QuestionnaireValidator {
    let form: Questionnaire
    let collector: DiagnosticCollector
    /// Every question id in file order, including questions that could not be read; so a reference to
    /// a broken question is not reported again as a reference to nothing.
    let declaredQuestionIDs: [String]

    func validate(runExamples: Bool) {
        checkIDs()
        checkQuestions()
        checkScores()
        checkReferrals()
        // Examples only mean something once the form itself is sound.
        if runExamples && !collector.hasErrors { checkExamples() }
    }

    /// Positions of the declared question ids (first occurrence), built once.
    private let declaredPositions: [String: Int]
    /// Scores with a band that could not be read (reported already): their coverage is not judged.
    let scoresWithBrokenBands: Set<String>

    init(form: Questionnaire, collector: DiagnosticCollector, declaredQuestionIDs: [String] = [],
         scoresWithBrokenBands: Set<String> = []) {
        self.form = form
        self.collector = collector
        self.declaredQuestionIDs = declaredQuestionIDs
        self.scoresWithBrokenBands = scoresWithBrokenBands
        var positions: [String: Int] = [:]
        positions.reserveCapacity(declaredQuestionIDs.count)
        for (index, id) in declaredQuestionIDs.enumerated() where positions[id] == nil { positions[id] = index }
        self.declaredPositions = positions
    }

    /// The position of a question among all declared questions (read or not).
    private func declaredIndex(of id: String) -> Int? {
        declaredPositions[id]
    }

    /// Whether `id` names a question that is in the file but could not be read (its error is reported).
    private func isBroken(_ id: String) -> Bool {
        form.question(id) == nil && declaredPositions[id] != nil
    }

    // MARK: Form and ids

    private func checkIDs() {
        func report(_ id: String, _ what: String, _ location: SourceLocation?, usedBy firstWhat: String, at firstLocation: SourceLocation?) {
            let firstAt = firstLocation.map { " at line \($0.line)" } ?? ""
            collector.error(location, "the id '\(id)' of this \(what) is already used by a \(firstWhat)\(firstAt)",
                            fix: "give each question and score its own id")
        }
        // The form knows where each question id first appears: a question elsewhere repeats it.
        for index in form.questions.indices {
            let id = form.questions[index].id
            if let first = form.index(ofQuestion: id), first != index {
                report(id, "question", form.questions[index].location, usedBy: "question", at: form.questions[first].location)
            }
        }
        var scoresSeen: [String: SourceLocation?] = [:]
        for score in form.scores {
            if let first = form.question(score.id) {
                report(score.id, "score", score.location, usedBy: "question", at: first.location)
            } else if let first = scoresSeen[score.id] {
                report(score.id, "score", score.location, usedBy: "score", at: first)
            } else {
                scoresSeen[score.id] = score.location
            }
        }

        func unique<T>(_ items: [T], id: (T) -> String, location: (T) -> SourceLocation?, what: String) {
            var firstLines: [String: SourceLocation?] = [:]
            for item in items {
                if let first = firstLines[id(item)] {
                    let firstAt = first.map { " (first at line \($0.line))" } ?? ""
                    collector.error(location(item), "the \(what) id '\(id(item))' is used twice\(firstAt)",
                                    fix: "give each \(what) its own id")
                } else {
                    firstLines[id(item)] = location(item)
                }
            }
        }
        unique(form.referrals, id: \.id, location: \.location, what: "referral rule")
        unique(form.support, id: \.id, location: \.location, what: "support entry")
        unique(form.examples, id: \.name, location: \.location, what: "example")
        for score in form.scores {
            unique(score.bands, id: \.id, location: \.location, what: "band of score '\(score.id)'")
        }
    }

    // MARK: Questions

    private func checkQuestions() {
        var breakdownSeen: [Breakdown: String] = [:]
        let solver = Satisfiability(form: form)
        for position in form.questions.indices {
            let question = form.questions[position]
            let index = declaredIndex(of: question.id) ?? 0
            func what() -> String { "question '\(question.id)'" }
            if let replaced = question.replaces, form.question(replaced) != nil {
                collector.error(question.location, "\(what()) says it replaces '\(replaced)', but '\(replaced)' is still a question of this form",
                                fix: "remove 'replaces', or remove the old question '\(replaced)'")
            }
            switch question.kind {
            case .singleChoice(let choices), .multipleChoice(let choices):
                checkChoices(choices, of: question)
            case .freeText where !form.allowsFreeText:
                collector.error(question.location, "\(what()) is free text, but the form does not allow free text",
                                fix: "add 'allow_free_text: true' at the top of the form if free text is really needed, or use choices")
            default:
                break
            }
            if let breakdown = question.breakdown {
                if let other = breakdownSeen[breakdown] {
                    collector.error(question.location, "\(what()) is a second '\(breakdown.rawValue)' breakdown; '\(other)' already is one",
                                    fix: "mark only one question with 'breakdown: \(breakdown.rawValue)'")
                }
                breakdownSeen[breakdown] = question.id
                checkBreakdown(breakdown, of: question)
            }
            if let condition = question.showIf {
                check(condition, what: "'show_if' of \(what())", earlierThan: index)
                if solver.canHold(condition.expression) == false {
                    collector.warning(condition.location, "\(what()) can never be shown: no answers make '\(condition.source)' true",
                                      fix: "check the codes and numbers in 'show_if'")
                }
            }
        }
    }

    private func checkChoices(_ choices: [Choice], of question: Question) {
        func what() -> String { "question '\(question.id)'" }
        // A typed number must never pick another choice than the one whose label it is.
        if question.choiceKeying == .numbers {
            for (position, choice) in choices.enumerated() {
                for language in form.languages {
                    guard let range = question.numbers(of: choice, in: language) else { continue }
                    let picked = range.contains(position + 1) ? nil : "\(range.lowerBound)"
                    guard let typed = picked, let n = Int(typed), n >= 1, n <= choices.count, n != position + 1 else { continue }
                    collector.warning(choice.location, "the label of choice '\(choice.code)' of \(what()) begins with \(n), but typing \(n) picks choice \(n) ('\(choices[n - 1].code)'), not this one",
                                      fix: question.keys == .numbers ? "remove 'keys: numbers' so the choices are keyed by letters and a typed number means what the label says"
                                          : "key the choices by letters with 'keys: letters'")
                    break
                }
            }
        }
        if choices.count > 26 && question.keys == .letters {
            collector.warning(question.location, "\(what()) has \(choices.count) choices, more than there are letters; they are keyed by numbers",
                              fix: "remove 'keys: letters', or split the question")
        }
        if choices.count < 2, case .singleChoice = question.kind {
            collector.error(question.location, "\(what()) has \(choices.count) choice\(choices.count == 1 ? "" : "s"); a single choice needs at least two",
                            fix: "add choices, or make it a yes_no question")
        }
        if choices.isEmpty, case .multipleChoice = question.kind {
            collector.error(question.location, "\(what()) has no choices", fix: "add choices under 'choices:'")
        }
        // Each code against the earlier ones (a question has a handful of choices: no table needed).
        for position in choices.indices {
            let code = choices[position].code
            guard let earlier = choices[..<position].lastIndex(where: { $0.code == code }) else { continue }
            let firstAt = choices[earlier].location.map { " (first at line \($0.line))" } ?? ""
            collector.error(choices[position].location, "the choice code '\(code)' is used twice in \(what())\(firstAt)",
                            fix: "give each choice its own code; a code must keep its meaning once answers are stored")
        }
    }

    private func checkBreakdown(_ breakdown: Breakdown, of question: Question) {
        func what() -> String { "question '\(question.id)'" }
        guard case .singleChoice(let choices) = question.kind else {
            collector.error(question.location, "\(what()) is the '\(breakdown.rawValue)' breakdown, so it must be a single_choice question",
                            fix: "make it 'type: single_choice' with coarse categories as choices")
            return
        }
        if question.showIf != nil {
            collector.warning(question.location, "\(what()) is the '\(breakdown.rawValue)' breakdown but is not always shown",
                              fix: "remove 'show_if' so every interview can be split by it")
        }
        switch breakdown {
        case .gender:
            for choice in choices where !Breakdown.genderCodes.contains(choice.code) {
                collector.error(choice.location, "the gender breakdown may only use the codes \(Breakdown.genderCodes.joined(separator: ", ")), not '\(choice.code)'",
                                fix: "use those codes (the reserved 'declined' covers 'vill inte svara'); they keep statistics comparable")
            }
        case .ageBand:
            var ranges: [(ClosedRange<Int>, Choice)] = []
            for choice in choices {
                guard let range = Question.ageBandRange(choice.code) else {
                    collector.error(choice.location, "the age band code '\(choice.code)' is not a band",
                                    fix: "write bands like '16-24' or '65+' (never a birth date or exact age)")
                    continue
                }
                if range.count < 5 {
                    collector.error(choice.location, "the age band '\(choice.code)' spans \(range.count) year\(range.count == 1 ? "" : "s"), too narrow to stay anonymous",
                                    fix: "use bands of at least five years")
                }
                if let overlap = ranges.first(where: { $0.0.overlaps(range) }) {
                    collector.error(choice.location, "the age band '\(choice.code)' overlaps '\(overlap.1.code)'",
                                    fix: "make the bands follow each other without overlapping")
                }
                ranges.append((range, choice))
            }
        }
    }

    // MARK: Conditions

    /// Checks the names and values of a condition. With `earlierThan`, questions must come before that
    /// index and scores must only sum earlier questions (for `show_if`).
    private func check(_ condition: Condition, what: @autoclosure () -> String, earlierThan limit: Int? = nil) {
        let expression = condition.expression
        // The names that are questions or scores of the form (a condition names a few: a list will do).
        var knownNames: [String] = []
        for ref in expression.references {
            if let index = form.index(ofQuestion: ref.name).flatMap({ _ in declaredIndex(of: ref.name) }) {
                if let limit, index >= limit {
                    let problem = index == limit ? "refers to the question itself" : "refers to '\(ref.name)', which is not an earlier question"
                    collector.error(condition.location(ofOffset: ref.offset), "\(what()) \(problem)",
                                    fix: "a question can only depend on questions before it; move '\(ref.name)' earlier or refer to an earlier one")
                    continue
                }
                knownNames.append(ref.name)
            } else if let score = form.score(ref.name) {
                if let limit {
                    let later = score.items.filter { (declaredIndex(of: $0) ?? Int.max) >= limit }
                    if !later.isEmpty {
                        collector.error(condition.location(ofOffset: ref.offset),
                                        "\(what()) uses the score '\(ref.name)', which adds up '\(later.joined(separator: "', '"))' asked later",
                                        fix: "a question can only depend on answers given before it; move the question after those items")
                        continue
                    }
                }
                knownNames.append(ref.name)
            } else if let index = declaredIndex(of: ref.name) {
                // The question could not be read; its own error is reported. Only its order matters here.
                if let limit, index >= limit {
                    collector.error(condition.location(ofOffset: ref.offset), "\(what()) refers to '\(ref.name)', which is not an earlier question",
                                    fix: "a question can only depend on questions before it; move '\(ref.name)' earlier or refer to an earlier one")
                }
            } else {
                let candidates = form.questions.map(\.id) + form.scores.map(\.id)
                var fix = "use the id of a question or score of this form"
                if let suggestion = closestMatch(to: ref.name, among: candidates) { fix = "did you mean '\(suggestion)'? " + fix }
                collector.error(condition.location(ofOffset: ref.offset), "\(what()) refers to '\(ref.name)', which is not a question or score of this form", fix: fix)
            }
        }
        checkTests(expression, condition: condition, what: what(), known: knownNames)
    }

    private func checkTests(_ expression: Expression, condition: Condition, what: @autoclosure () -> String, known: [String]) {
        switch expression {
        case .or(let parts), .and(let parts):
            for part in parts { checkTests(part, condition: condition, what: what(), known: known) }
        case .not(let inner):
            checkTests(inner, condition: condition, what: what(), known: known)
        case .compare(let ref, let op, let value):
            checkComparison(ref, op, value, condition: condition, what: what(), known: known)
        case .any(let refs, let op, let value), .all(let refs, let op, let value):
            for ref in refs { checkComparison(ref, op, value, condition: condition, what: what(), known: known) }
        case .oneOf(let ref, let values):
            for value in values { checkComparison(ref, .equal, value, condition: condition, what: what(), known: known) }
        case .anyOneOf(let refs, let values), .allOneOf(let refs, let values):
            for ref in refs {
                for value in values { checkComparison(ref, .equal, value, condition: condition, what: what(), known: known) }
            }
        case .has(let ref, let value):
            guard known.contains(ref.name), let index = form.index(ofQuestion: ref.name) else {
                if form.score(ref.name) != nil {
                    collector.error(condition.location(ofOffset: ref.offset), "\(what()) uses 'has' with the score '\(ref.name)'",
                                    fix: "compare scores with numbers, like '\(ref.name) >= 2'")
                }
                return
            }
            guard case .multipleChoice = form.questions[index].kind else {
                collector.error(condition.location(ofOffset: ref.offset), "\(what()) uses 'has' with '\(ref.name)', which is not a multiple-choice question",
                                fix: "write '\(ref.name) = \(value.text)' instead")
                return
            }
            checkCode(value, ofQuestionAt: index, condition: condition, what: what())
        case .answered(let ref):
            guard known.contains(ref.name) else { return }
            if let index = form.index(ofQuestion: ref.name), !form.questions[index].takesAnswer {
                collector.error(condition.location(ofOffset: ref.offset), "\(what()) asks whether '\(ref.name)' is answered, but it is an info text",
                                fix: "refer to a question that takes an answer")
            } else if form.score(ref.name) != nil {
                collector.error(condition.location(ofOffset: ref.offset), "\(what()) asks whether the score '\(ref.name)' is answered",
                                fix: "use answered(…) with a question id")
            }
        }
    }

    private func checkComparison(_ ref: Reference, _ op: ComparisonOperator, _ value: Value,
                                 condition: Condition, what: @autoclosure () -> String, known: [String]) {
        guard known.contains(ref.name) else { return }
        let valueLocation = condition.location(ofOffset: value.offset)
        if form.score(ref.name) != nil {
            if value.number == nil {
                collector.error(valueLocation, "\(what()) compares the score '\(ref.name)' with '\(value.text)', which is not a number",
                                fix: "compare scores with whole numbers, like '\(ref.name) >= 2'")
            }
            return
        }
        // The question is read in place (by its index), not copied with all its texts and choices.
        guard let index = form.index(ofQuestion: ref.name) else { return }
        switch form.questions[index].kind {
        case .info, .freeText:
            collector.error(condition.location(ofOffset: ref.offset),
                            "\(what()) compares '\(ref.name)', which is \(form.questions[index].typeName == "info" ? "an info text" : "free text") and cannot be compared",
                            fix: "refer to a question with choices or numbers")
            return
        default:
            break
        }
        if value.isReservedAnswer {
            if op.isOrdering {
                collector.error(valueLocation, "\(what()) uses '\(op.rawValue)' with '\(value.text)'", fix: "use '=' or '!=' with \(value.text)")
            } else if value.text == Answer.dontKnowCode && !form.questions[index].allowsDontKnow {
                collector.warning(valueLocation, "\(what()) tests '\(ref.name) \(op.rawValue) dont_know', but '\(ref.name)' does not offer don't know",
                                  fix: "remove the test or allow don't know on '\(ref.name)'")
            }
            return
        }
        switch form.questions[index].kind {
        case .yesNo, .singleChoice:
            if op.isOrdering {
                collector.error(condition.location(ofOffset: ref.offset), "\(what()) uses '\(op.rawValue)' with '\(ref.name)', whose answers are choices, not numbers",
                                fix: "use '=' or '!=', or 'in (…)' for several choices")
                return
            }
            checkCode(value, ofQuestionAt: index, condition: condition, what: what())
        case .multipleChoice:
            collector.error(condition.location(ofOffset: ref.offset), "\(what()) compares the multiple-choice question '\(ref.name)' with '\(op.rawValue)'",
                            fix: "write '\(ref.name) has \(value.text)' to test whether that choice was picked")
        case .scale, .number:
            if value.number == nil {
                collector.error(valueLocation, "\(what()) compares '\(ref.name)', which takes a number, with '\(value.text)'",
                                fix: "compare with a whole number, like '\(ref.name) >= 3'")
            }
        case .info, .freeText:
            break
        }
    }

    private func checkCode(_ value: Value, ofQuestionAt index: Int, condition: Condition, what: @autoclosure () -> String) {
        if value.isReservedAnswer || form.questions[index].hasChoice(value.text) { return }
        let question = form.questions[index]
        var fix = "its choices are: \(question.choices.map(\.code).joined(separator: ", ")) (and declined\(question.allowsDontKnow ? ", dont_know" : ""))"
        if let suggestion = closestMatch(to: value.text, among: question.choices.map(\.code)) { fix = "did you mean '\(suggestion)'? " + fix }
        collector.error(condition.location(ofOffset: value.offset), "\(what()) compares '\(question.id)' with '\(value.text)', which is not one of its choices",
                        fix: fix)
    }

    // MARK: Scores

    private func checkScores() {
        let solver = Satisfiability(form: form)
        for score in form.scores {
            let what = "score '\(score.id)'"
            var seen = Set<String>()
            for item in score.items {
                let itemLocation = score.itemLocations[item] ?? score.location
                if !seen.insert(item).inserted {
                    collector.error(itemLocation, "\(what) adds up '\(item)' twice", fix: "list each question once in 'sum'")
                    continue
                }
                if isBroken(item) { continue }
                guard let question = form.question(item) else {
                    var fix = "list question ids of this form in 'sum'"
                    if let s = closestMatch(to: item, among: form.questions.map(\.id)) { fix = "did you mean '\(s)'? " + fix }
                    collector.error(itemLocation, "\(what) adds up '\(item)', which is not a question of this form", fix: fix)
                    continue
                }
                switch question.kind {
                case .yesNo, .scale:
                    break
                case .singleChoice(let choices), .multipleChoice(let choices):
                    if !choices.contains(where: { $0.score != nil }) {
                        collector.error(question.location, "\(what) adds up '\(item)', but none of its choices has a score",
                                        fix: "give the choices of '\(item)' a 'score:', or leave '\(item)' out of the sum")
                    }
                case .number, .info, .freeText:
                    collector.error(itemLocation, "\(what) adds up '\(item)', a \(question.typeName) question, which has no item score",
                                    fix: "only yes_no, choice and scale questions can be summed")
                }
            }
            if scoresWithBrokenBands.contains(score.id) { continue }
            let sums = solver.scoredValues(of: score)
            checkBands(score.bands, of: score, what: what, sums: sums)
            let ids = score.bands.map(\.id)
            for variant in score.bandVariants {
                let variantWhat = "the bands for '\(variant.when.source)' of \(what)"
                check(variant.when, what: "'when' of \(variantWhat)")
                for ref in variant.when.expression.references where form.score(ref.name) != nil {
                    collector.error(variant.when.location(ofOffset: ref.offset), "'when' of \(variantWhat) uses the score '\(ref.name)'",
                                    fix: "pick out participants by their answers (for example 'gender = man'), not by a score")
                }
                if variant.bands.map(\.id) != ids {
                    collector.error(variant.location, "\(variantWhat) have the bands \(quoted(variant.bands.map(\.id))), but the score's 'bands' are \(quoted(ids))",
                                    fix: "give every variant the same band ids in the same order (only 'from', 'to' and the label may differ), so summaries count one row per band")
                }
                checkBands(variant.bands, of: score, what: variantWhat, sums: sums)
            }
        }
    }

    /// One list of bands: no overlaps, no gaps, every value the score can take in a band, no band that
    /// can never be reached.
    private func checkBands(_ list: [ScoreBand], of score: ScoreDefinition, what: String, sums: Set<Int>) {
        guard !list.isEmpty else { return }
        let bands = list.sorted { $0.from < $1.from }
        for (a, b) in zip(bands, bands.dropFirst()) {
            if a.range.overlaps(b.range) {
                collector.error(b.location, "band '\(b.id)' of \(what) (\(b.from)–\(b.to)) overlaps band '\(a.id)' (\(a.from)–\(a.to))",
                                fix: "make the bands follow each other without overlapping: start '\(b.id)' at \(a.to.saturatingAdd(1))")
            } else if b.from > a.to.saturatingAdd(1) {
                let gap = a.to.saturatingAdd(1) == b.from.saturatingAdd(-1) ? "\(a.to.saturatingAdd(1))" : "\(a.to.saturatingAdd(1))–\(b.from.saturatingAdd(-1))"
                collector.error(b.location, "\(what) has no band for \(gap), between band '\(a.id)' (ending at \(a.to)) and band '\(b.id)' (starting at \(b.from))",
                                fix: "write 'from: \(a.to.saturatingAdd(1))' in band '\(b.id)', or 'to: \(b.from.saturatingAdd(-1))' in band '\(a.id)'")
            }
        }
        guard let low = sums.min(), let high = sums.max() else { return }
        if let first = bands.first, first.from > low {
            collector.error(first.location, "\(what) can be \(low)\(first.from.saturatingAdd(-1) > low ? "–\(first.from.saturatingAdd(-1))" : ""), below its lowest band '\(first.id)' (from \(first.from))",
                            fix: "write 'from: \(low)' in band '\(first.id)'")
        }
        if let last = bands.last, last.to < high {
            collector.error(last.location, "\(what) can be \(last.to.saturatingAdd(1) < high ? "\(last.to.saturatingAdd(1))–" : "")\(high), above its highest band '\(last.id)' (to \(last.to))",
                            fix: "write 'to: \(high)' in band '\(last.id)'")
        }
        for band in bands where !sums.contains(where: band.range.contains) {
            collector.error(band.location, "band '\(band.id)' of \(what) (\(band.from)–\(band.to)) can never be reached: the score only takes values from \(low) to \(high)",
                            fix: "remove the band, or give it a range the score can reach")
        }
    }

    // MARK: Referral rules

    private func checkReferrals() {
        let solver = Satisfiability(form: form)
        for rule in form.referrals {
            let what = "'when' of referral rule '\(rule.id)'"
            let before = collector.diagnostics.errors.count
            check(rule.when, what: what)
            for id in rule.support where form.supportEntry(id) == nil {
                var fix = "add it under 'support:' or use one of: \(form.support.map(\.id).joined(separator: ", "))"
                if let s = closestMatch(to: id, among: form.support.map(\.id)) { fix = "did you mean '\(s)'? " + fix }
                collector.error(rule.supportLocations[id] ?? rule.location, "referral rule '\(rule.id)' shows the support entry '\(id)', which the form does not have", fix: fix)
            }
            guard collector.diagnostics.errors.count == before else { continue }
            // A rule over a question that could not be read cannot be judged until that is fixed.
            let names = rule.when.expression.references.map(\.name)
            let items = names.flatMap { form.score($0)?.items ?? [] }
            if (names + items).contains(where: isBroken) { continue }
            if solver.canHold(rule.when.expression) == false {
                collector.error(rule.when.location, "referral rule '\(rule.id)' can never fire: no answers make '\(rule.when.source)' true",
                                fix: "check the comparisons: a score's highest value, the codes, and 'and' where 'or' was meant")
            } else if solver.mustHold(rule.when.expression) == true {
                collector.warning(rule.when.location, "referral rule '\(rule.id)' fires whatever the answers are: no answers make '\(rule.when.source)' false",
                                  fix: "check the condition; as written it flags every participant, even one who answers nothing")
            }
            noteScoreComparisonsAtZero(rule)
        }
    }

    /// A comparison that holds at 0, like `total < 1`, no longer holds when nothing is answered (the score
    /// is then not scored); say so, since that is what earlier versions of the kiosk did.
    private func noteScoreComparisonsAtZero(_ rule: ReferralRule) {
        func visit(_ expression: Expression) {
            switch expression {
            case .or(let parts), .and(let parts): parts.forEach(visit)
            case .not(let inner): visit(inner)
            case .compare(let ref, let op, let value):
                guard let score = form.score(ref.name), score.minAnswered == 1, let n = value.number, op.holds(0, n) else { return }
                collector.warning(rule.when.location(ofOffset: ref.offset),
                                  "'\(ref.name) \(op.rawValue) \(n)' in referral rule '\(rule.id)' is false when none of the items of '\(ref.name)' is answered (the score is then not scored), so the rule does not fire for an interview with nothing answered",
                                  fix: "if a participant who answers nothing should be flagged too, add a rule with 'not answered(…)'; otherwise nothing needs changing")
            default: return
            }
        }
        visit(rule.when.expression)
    }

    // MARK: Examples

    private func checkExamples() {
        var covered = Set<String>()
        for example in form.examples {
            let what = "example '\(example.name)'"
            let assessment = form.assess(example.answers)
            for questionID in example.answers.keys.sorted() where assessment.answers[questionID] == nil {
                collector.error(example.answerLocations[questionID] ?? example.location,
                                "\(what) answers '\(questionID)', but with these answers '\(questionID)' is not shown",
                                fix: "remove that answer, or change the answers its 'show_if' depends on")
            }
            let fired = assessment.referrals.map(\.id)
            covered.formUnion(fired)
            if let expected = example.expectedReferrals {
                for id in expected where !form.referrals.contains(where: { $0.id == id }) {
                    collector.error(example.location, "\(what) expects the referral rule '\(id)', which the form does not have",
                                    fix: "use one of: \(form.referrals.map(\.id).joined(separator: ", "))")
                }
                let missing = expected.filter { id in form.referrals.contains { $0.id == id } && !fired.contains(id) }
                let extra = fired.filter { !expected.contains($0) }
                if !missing.isEmpty || !extra.isEmpty {
                    var parts: [String] = []
                    if !missing.isEmpty { parts.append("expects \(quoted(missing)) to fire, but \(missing.count == 1 ? "it does" : "they do") not") }
                    if !extra.isEmpty { parts.append("does not expect \(quoted(extra)), but \(extra.count == 1 ? "it fires" : "they fire")") }
                    collector.error(example.location, "\(what) \(parts.joined(separator: ", and "))",
                                    fix: "fix the rule's 'when', or the example if the rule is right")
                }
            }
            for (scoreID, expected) in example.expectedScores.sorted(by: { $0.key < $1.key }) {
                guard let result = assessment.score(scoreID) else {
                    collector.error(example.location, "\(what) expects the score '\(scoreID)', which the form does not have",
                                    fix: "use one of: \(form.scores.map(\.id).joined(separator: ", "))")
                    continue
                }
                if result.value != expected {
                    let actual = result.value.map { "it is \($0)" } ?? "it is not scored (\(result.answeredItems) of \(result.totalItems) items answered)"
                    collector.error(example.location, "\(what) expects the score '\(scoreID)' to be \(expected), but \(actual)",
                                    fix: "fix the item scores, the 'sum' or 'min_answered' of '\(scoreID)', or the example")
                }
            }
            for (scoreID, expected) in example.expectedBands.sorted(by: { $0.key < $1.key }) {
                guard let score = form.score(scoreID), let result = assessment.score(scoreID) else {
                    collector.error(example.location, "\(what) expects a band of '\(scoreID)', which is not a score of the form",
                                    fix: "use one of: \(form.scores.map(\.id).joined(separator: ", "))")
                    continue
                }
                let actual = result.band ?? (result.isScored ? "no band" : FormExample.notScoredBand)
                if expected != FormExample.notScoredBand && !score.bands.contains(where: { $0.id == expected }) {
                    collector.error(example.location, "\(what) expects band '\(expected)' of '\(scoreID)', which has no such band",
                                    fix: "use one of: \((score.bands.map(\.id) + [FormExample.notScoredBand]).joined(separator: ", "))")
                } else if actual != expected {
                    let value = result.value.map { "its score \($0) is in '\(actual)'" } ?? "it is not scored (\(result.answeredItems) of \(result.totalItems) items answered)"
                    collector.error(example.location, "\(what) expects '\(scoreID)' in band '\(expected)', but \(value)",
                                    fix: "fix the bands or 'min_answered' of '\(scoreID)', or the example")
                }
            }
            let visible = Set(assessment.visibleQuestions)
            for id in example.expectedShown where !visible.contains(id) {
                collector.error(example.visibilityLocations[id] ?? example.location, "\(what) expects '\(id)' to be shown, but with its answers it is not",
                                fix: "check the 'show_if' of '\(id)', or the example")
            }
            for id in example.expectedNotShown where visible.contains(id) {
                collector.error(example.visibilityLocations[id] ?? example.location, "\(what) expects '\(id)' not to be shown, but with its answers it is",
                                fix: "check the 'show_if' of '\(id)', or the example")
            }
            let unanswered = assessment.visibleQuestions.filter { id in
                form.question(id)?.takesAnswer == true && example.answers[id] == nil
            }
            if !unanswered.isEmpty {
                collector.warning(example.location, "\(what) does not answer \(quoted(unanswered)), which \(unanswered.count == 1 ? "is" : "are") shown with its answers",
                                  fix: "give \(unanswered.count == 1 ? "it an answer" : "each an answer") (or 'declined', or 'skipped' where blank is allowed), so the example tests a whole interview")
            }
        }
        for rule in form.referrals where !covered.contains(rule.id) {
            collector.warning(rule.location, "referral rule '\(rule.id)' fires in none of the form's examples",
                              fix: "add an example whose answers make it fire, so an edit that breaks the rule is caught")
        }
    }

    private func quoted(_ ids: [String]) -> String {
        ids.map { "'\($0)'" }.joined(separator: ", ")
    }
}
