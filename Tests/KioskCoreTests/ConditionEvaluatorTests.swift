import KioskTestSupport
import KioskCore
import Testing

/// What conditions mean over answers: unanswered, declined and don't-know never match a real value.
@Suite struct ConditionEvaluatorTests {
    let form: Questionnaire

    init() throws {
        ShippedLanguages.install()
        form = try validForm("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: a, en: a}}
              - {id: q2, type: yes_no, text: {sv: b, en: b}}
              - id: often
                type: single_choice
                text: {sv: c, en: c}
                choices:
                  - {code: never, text: {sv: N, en: N}, score: 0}
                  - {code: sometimes, text: {sv: S, en: S}, score: 1}
                  - {code: always, text: {sv: A, en: A}, score: 2}
              - id: who
                type: multiple_choice
                text: {sv: d, en: d}
                choices:
                  - {code: partner, text: {sv: P, en: P}}
                  - {code: family, text: {sv: F, en: F}}
              - {id: level, type: scale, min: 1, max: 5, text: {sv: e, en: e}}
            scores:
              - {id: total, label: {sv: S, en: S}, sum: [q1, q2, often, level]}
            """)
    }

    func holds(_ condition: String, _ answers: Answers) throws -> Bool {
        let expression = try ExpressionParser.parse(condition).get()
        return form.evaluator(answers: answers).holds(expression)
    }

    @Test func aComparisonWithAnUnansweredQuestionIsFalse() throws {
        #expect(try !holds("q1 = yes", [:]))
        #expect(try !holds("q1 != yes", [:]))
        #expect(try !holds("level > 0", [:]))
        #expect(try !holds("q1 = no", ["q1": .skipped]))
    }

    @Test func declinedAndDontKnowNeverMatchARealAnswer() throws {
        for reserved in [Answer.declined, .dontKnow] {
            #expect(try !holds("q1 = yes", ["q1": reserved]))
            #expect(try !holds("q1 = no", ["q1": reserved]))
            #expect(try !holds("level >= 1", ["level": reserved]))
            #expect(try holds("q1 != yes", ["q1": reserved]))
        }
        #expect(try holds("q1 = declined", ["q1": .declined]))
        #expect(try !holds("q1 = declined", ["q1": .dontKnow]))
        #expect(try holds("q1 = dont_know", ["q1": .dontKnow]))
        #expect(try holds("q1 != declined", ["q1": .choice("no")]))
    }

    @Test func anyAndAllLookAtEveryNamedQuestion() throws {
        #expect(try holds("any(q1, q2) = yes", ["q1": .choice("no"), "q2": .choice("yes")]))
        #expect(try !holds("any(q1, q2) = yes", ["q1": .choice("no"), "q2": .declined]))
        #expect(try holds("all(q1, q2) = no", ["q1": .choice("no"), "q2": .choice("no")]))
        #expect(try !holds("all(q1, q2) = no", ["q1": .choice("no")]))
    }

    @Test func inAndHasAndAnswered() throws {
        #expect(try holds("often in (sometimes, always)", ["often": .choice("always")]))
        #expect(try !holds("often in (sometimes, always)", ["often": .choice("never")]))
        #expect(try holds("who has family", ["who": .choices(["partner", "family"])]))
        #expect(try !holds("who has family", ["who": .choices(["partner"])]))
        #expect(try holds("answered(q1)", ["q1": .choice("no")]))
        #expect(try !holds("answered(q1)", ["q1": .declined]))
        #expect(try !holds("answered(q1)", ["q1": .skipped]))
    }

    @Test func scoresAreSumsOfTheAnsweredItemsOnly() throws {
        let answers: Answers = ["q1": .choice("yes"), "q2": .declined, "often": .choice("always"), "level": .number(3)]
        #expect(try holds("total = 6", answers))
        #expect(try !holds("total >= 0", [:]), "with nothing answered the score is not scored: every comparison is false")
        #expect(try !holds("total < 1", [:]))
        #expect(try holds("not total >= 1", [:]))
        #expect(try !holds("total > 0", ["q1": .dontKnow, "q2": .declined]))
    }

    @Test func numbersCompareAsNumbers() throws {
        #expect(try holds("level >= 3", ["level": .number(3)]))
        #expect(try holds("level < 3", ["level": .number(2)]))
        #expect(try !holds("level = 4", ["level": .number(3)]))
    }

    @Test func notAndParenthesesCombine() throws {
        #expect(try holds("not (q1 = yes or q2 = yes)", ["q1": .choice("no"), "q2": .choice("no")]))
        #expect(try holds("(q1 = yes or q2 = yes) and often = always", ["q2": .choice("yes"), "often": .choice("always")]))
    }
}
