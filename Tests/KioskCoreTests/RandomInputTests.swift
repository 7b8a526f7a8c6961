import KioskTestSupport
import Foundation
import KioskCore
import SeededRandom
import Testing

/// Random input at every prompt and mutated form files never crash, and never produce a wrong answer.
@Suite struct RandomInputTests {
    init() { ShippedLanguages.install() }

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
}
