import KioskTestSupport
import KioskCore
import Testing

/// The interview state machine: moving forward and back, conditions, review and finishing.
@Suite struct InterviewTests {
    let form: Questionnaire

    init() throws {
        ShippedLanguages.install()
        form = try validForm("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: note, type: info, text: {sv: n, en: n}}
              - {id: q1, type: yes_no, text: {sv: a, en: a}}
              - {id: q2, type: yes_no, text: {sv: b, en: b}, show_if: q1 = yes}
              - {id: q3, type: yes_no, text: {sv: c, en: c}, dont_know: false}
              - {id: q4, type: yes_no, text: {sv: d, en: d}, required: false}
            referrals:
              - {id: r, when: q2 = yes, level: urgent, message: {sv: m, en: m}}
            """)
    }

    @Test func anInterviewStartsAtTheIntroAndGoesThroughEveryShownQuestion() throws {
        var interview = Interview(form: form)
        #expect(interview.step == .intro)
        interview.begin()
        #expect(interview.step == .question("note"))
        #expect(interview.progress == nil)
        interview.proceed()
        #expect(interview.step == .question("q1"))
        #expect(interview.progress?.number == 1 && interview.progress?.total == 4 && interview.progress?.exact == false,
                "q2 may yet be shown: 'of up to 4'")
        try interview.answer(.choice("yes"))
        #expect(interview.step == .question("q2"))
        #expect(interview.progress?.number == 2 && interview.progress?.total == 4 && interview.progress?.exact == true, "q2 is now shown")
        try interview.answer(.choice("yes"))
        try interview.answer(.declined)
        try interview.answer(.skipped)
        #expect(interview.step == .review)
        let finished = interview.finish()
        let assessment = try #require(finished)
        #expect(interview.step == .finished)
        #expect(assessment.referrals.map(\.id) == ["r"])
    }

    @Test func aConditionSkipsAQuestion() throws {
        var interview = Interview(form: form)
        interview.begin()
        interview.proceed()
        try interview.answer(.choice("no"))
        #expect(interview.step == .question("q3"))
    }

    @Test func goingBackAndChangingAnAnswerDropsAnswersNoLongerShown() throws {
        var interview = Interview(form: form)
        interview.begin()
        interview.proceed()
        try interview.answer(.choice("yes"))
        try interview.answer(.choice("yes"))
        #expect(interview.step == .question("q3"))
        let wentBack = interview.back() && interview.back()
        #expect(wentBack)
        #expect(interview.step == .question("q1"))
        #expect(interview.currentAnswer == .choice("yes"))
        let changes = try interview.answer(.choice("no"))
        #expect(changes == [.saved(questionID: "q1", answer: .choice("no")), .removed(questionID: "q2")])
        #expect(interview.answers["q2"] == nil)
        #expect(interview.step == .question("q3"))
    }

    @Test func backAtTheFirstQuestionStaysThere() {
        var interview = Interview(form: form)
        interview.begin()
        let wentBack = interview.back()
        #expect(!wentBack)
        #expect(interview.step == .question("note"))
    }

    @Test func proceedingKeepsAnEarlierAnswerButNeverSkipsAnUnansweredQuestion() throws {
        var interview = Interview(form: form)
        interview.begin()
        interview.proceed()
        interview.proceed()
        #expect(interview.step == .question("q1"))
        try interview.answer(.choice("no"))
        interview.back()
        interview.proceed()
        #expect(interview.step == .question("q3"))
        #expect(interview.answers["q1"] == .choice("no"))
    }

    @Test func answersThatDoNotFitAreRejected() {
        var interview = Interview(form: form)
        interview.begin()
        #expect(throws: Interview.Rejection.notAtAQuestion) { try interview.answer(.choice("yes")) }
        interview.proceed()
        #expect(throws: Interview.Rejection.doesNotFit) { try interview.answer(.choice("maybe")) }
        #expect(throws: Interview.Rejection.doesNotFit) { try interview.answer(.skipped) }
        #expect(throws: Interview.Rejection.doesNotFit) { try interview.answer(.number(1)) }
    }

    @Test func dontKnowIsOnlyTakenWhereOffered() throws {
        var interview = Interview(form: form)
        interview.begin()
        interview.proceed()
        try interview.answer(.choice("no"))
        #expect(interview.step == .question("q3"))
        #expect(throws: Interview.Rejection.doesNotFit) { try interview.answer(.dontKnow) }
        try interview.answer(.declined)
    }

    @Test func changingAnAnswerFromTheReviewReturnsToTheReviewAskingNewlyShownQuestions() throws {
        var interview = Interview(form: form)
        interview.begin()
        interview.proceed()
        try interview.answer(.choice("no"))
        try interview.answer(.choice("no"))
        try interview.answer(.skipped)
        #expect(interview.step == .review)
        #expect(interview.review.map(\.question.id) == ["q1", "q3", "q4"])
        interview.revise("q1")
        try interview.answer(.choice("yes"))
        #expect(interview.step == .question("q2"), "the change shows q2, which has no answer yet")
        try interview.answer(.choice("no"))
        #expect(interview.step == .review)
        #expect(interview.review.map(\.question.id) == ["q1", "q2", "q3", "q4"])
    }

    @Test func resumingGoesToTheFirstUnansweredQuestion() {
        let resumed = Interview(form: form, resumingWith: ["q1": .choice("yes"), "q2": .choice("no")])
        #expect(resumed.step == .question("q3"))
        let done = Interview(form: form, resumingWith: ["q1": .choice("no"), "q3": .choice("no"), "q4": .skipped])
        #expect(done.step == .review)
        let hidden = Interview(form: form, resumingWith: ["q1": .choice("no"), "q2": .choice("yes")])
        #expect(hidden.answers["q2"] == nil)
    }
}
