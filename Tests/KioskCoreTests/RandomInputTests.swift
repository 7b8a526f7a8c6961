import Foundation
import KioskCore
import SeededRandom
import Testing

/// Random input at every prompt and mutated form files never crash, and never produce a wrong answer.
@Suite struct RandomInputTests {
    func shippedForms() throws -> [(name: String, text: String, form: Questionnaire)] {
        try shippedFormURLs().map { url in
            let text = try String(contentsOf: url, encoding: .utf8)
            let form = try #require(QuestionnaireLoader.load(yaml: text, file: url.lastPathComponent).questionnaire)
            return (url.lastPathComponent, text, form)
        }
    }

    @Test func randomLinesAtEveryQuestionGiveOnlyAnswersThatFit() throws {
        var random = SeededRandom(seed: 20261125)
        var cases = 0
        for (_, _, form) in try shippedForms() {
            for question in form.questions {
                for _ in 0..<400 {
                    let line = random.typedLine()
                    for language in [Language.swedish, .english] {
                        let current: Answer? = Bool.random(using: &random) ? .declined : nil
                        if case .answer(let answer) = ResponseParser.parse(line, for: question, current: current, language: language) {
                            #expect(Interview.fits(answer, question), "'\(line)' at \(form.id).\(question.id) gave \(answer)")
                        }
                        cases += 1
                    }
                }
            }
        }
        #expect(cases > 10_000)
    }

    @Test func randomWalksThroughEveryFormStayConsistent() throws {
        var random = SeededRandom(seed: 7)
        for (_, _, form) in try shippedForms() {
            for _ in 0..<60 {
                var interview = Interview(form: form)
                interview.begin()
                var steps = 0
                while steps < 200, interview.step != .finished {
                    steps += 1
                    switch interview.step {
                    case .question:
                        let question = interview.currentQuestion!
                        switch ResponseParser.parse(random.typedLine(), for: question, current: interview.currentAnswer, language: .swedish) {
                        case .answer(let answer): _ = try? interview.answer(answer)
                        case .proceed: interview.proceed()
                        case .back: interview.back()
                        default: break
                        }
                    case .review:
                        if Int.random(in: 0..<4, using: &random) == 0, let item = interview.review.randomElement(using: &random) {
                            interview.revise(item.question.id)
                        } else if let assessment = interview.finish() {
                            #expect(Set(assessment.answers.keys).isSubset(of: Set(assessment.visibleQuestions)))
                        }
                    case .intro, .finished:
                        break
                    }
                    // Invariant: answers only ever belong to questions that are shown.
                    let visible = Set(interview.visibleQuestions.map(\.id))
                    #expect(Set(interview.answers.keys).isSubset(of: visible), "\(form.id)")
                }
            }
        }
    }

    @Test func thousandsOfMutatedFormFilesNeverCrashTheLoader() throws {
        var random = SeededRandom(seed: 42)
        var valid = 0
        var total = 0
        for (name, text, _) in try shippedForms() {
            let lines = text.components(separatedBy: "\n")
            for _ in 0..<300 {
                var mutated = lines
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    guard !mutated.isEmpty else { break }
                    let i = Int.random(in: 0..<mutated.count, using: &random)
                    switch Int.random(in: 0..<8, using: &random) {
                    case 0: mutated.remove(at: i)
                    case 1: mutated.insert(mutated[i], at: i)
                    case 2: mutated[i] = String(mutated[i].shuffled(using: &random))
                    case 3: mutated[i] = "  " + mutated[i]
                    case 4: mutated[i] = String(mutated[i].dropLast(Int.random(in: 0...5, using: &random)))
                    case 5: mutated[i] += [": x", " #", "{", "]", "'", " - y", "\t"].randomElement(using: &random)!
                    case 6: mutated.swapAt(i, Int.random(in: 0..<mutated.count, using: &random))
                    default: mutated[i] = mutated[i].replacingOccurrences(of: ["yes", "q1", "kvinna", ">=", "sv"].randomElement(using: &random)!,
                                                                         with: ["no", "q9", "woman", "<", "de"].randomElement(using: &random)!)
                    }
                }
                let loaded = QuestionnaireLoader.load(yaml: mutated.joined(separator: "\n"), file: name)
                total += 1
                for diagnostic in loaded.diagnostics {
                    #expect(diagnostic.fix != nil || diagnostic.message.contains("YAML") || diagnostic.message == "the form is empty",
                            "every problem says how to fix it: \(diagnostic)")
                }
                if loaded.isValid, let form = loaded.questionnaire {
                    valid += 1
                    _ = form.assess([:])
                    _ = form.contentHash
                }
            }
        }
        #expect(total == 1500)
        #expect(valid > 0 && valid < total)
    }
}
