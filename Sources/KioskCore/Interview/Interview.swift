/// One interview with one form, as a state machine: where the person is, and the answers so far.
///
/// A value type with no I/O. The terminal adapter shows ``step`` and feeds what the person typed back
/// in; every call that changes answers returns the ``AnswerChange``s to persist, so the store can commit
/// each answer as it is given.
public struct Interview: Sendable {
    /// Where an interview is.
    public enum Step: Hashable, Sendable {
        /// The form's title and intro, before the first question.
        case intro
        /// Asking the question with this id.
        case question(String)
        /// All answers listed, to check and change before saving.
        case review
        /// Saved; nothing more to ask.
        case finished
    }

    /// A change to the stored answers.
    public enum AnswerChange: Hashable, Sendable {
        /// The question now has this answer.
        case saved(questionID: String, answer: Answer)
        /// The question's answer is gone (it is no longer shown).
        case removed(questionID: String)
    }

    /// Why an answer was not taken.
    public enum Rejection: Error, Hashable, Sendable {
        /// Not at a question that takes an answer.
        case notAtAQuestion
        /// The answer does not fit the question (unknown choice, out of range, don't know not offered).
        case doesNotFit
    }

    public let form: Questionnaire
    public private(set) var answers: Answers
    public private(set) var step: Step
    /// After changing an answer from the review, return to the review once nothing new needs an answer.
    private var returningToReview = false

    /// A new interview at the intro.
    public init(form: Questionnaire) {
        self.form = form
        self.answers = [:]
        self.step = .intro
    }

    /// An interview picked up again with answers stored earlier: it goes to the first shown question
    /// still without an answer, or to the review when every shown question has one.
    public init(form: Questionnaire, resumingWith stored: Answers) {
        self.form = form
        self.answers = form.visibility(given: stored).answers
        self.step = .intro
        if !answers.isEmpty {
            step = firstUnanswered(after: nil).map { .question($0.id) } ?? .review
        }
    }

    // MARK: What is shown

    /// The questions shown with the current answers, in order (info texts included).
    public var visibleQuestions: [Question] {
        form.visibility(given: answers).visible
    }

    /// The question being asked, if any.
    public var currentQuestion: Question? {
        guard case .question(let id) = step else { return nil }
        return form.question(id)
    }

    /// "Question 3 of 9": the current question's number among the questions that take an answer, and how
    /// many there can be in all. Later questions whose `show_if` the answers so far leave open count as
    /// possible, and then `exact` is false ("3 of up to 9"): so the total never grows as the person goes on
    /// (it shrinks when an answer rules questions out), never "1 of 2" and then "3 of 4". `nil` at info
    /// texts and outside questions.
    public var progress: (number: Int, total: Int, exact: Bool)? {
        guard let current = currentQuestion, current.takesAnswer,
              let position = form.index(ofQuestion: current.id) else { return nil }
        let visible = Set(visibleQuestions.map(\.id))
        let reader = PartialEvaluation(form: form, answers: answers)
        var number = 0, total = 0
        var exact = true
        for (index, question) in form.questions.enumerated() where question.takesAnswer {
            if index <= position {
                guard visible.contains(question.id) else { continue }
                total += 1
                if index <= position { number = total }
                continue
            }
            switch question.showIf.map({ reader.truth($0.expression) }) ?? .yes {
            case .yes: total += 1
            case .open:
                total += 1
                exact = false
            case .no: break
            }
        }
        return (number, total, exact)
    }

    /// The answer already given to the current question (when going back or changing from the review).
    public var currentAnswer: Answer? {
        currentQuestion.flatMap { answers[$0.id] }
    }

    /// The shown questions that take an answer, each with its answer (if any), for the review.
    public var review: [(question: Question, answer: Answer?)] {
        visibleQuestions.filter(\.takesAnswer).map { ($0, answers[$0.id]) }
    }

    /// Whether every shown question that takes an answer has one, so the interview can be saved.
    public var isComplete: Bool {
        review.allSatisfy { $0.answer != nil }
    }

    // MARK: Moving

    /// From the intro to the first question.
    public mutating func begin() {
        guard step == .intro else { return }
        step = visibleQuestions.first.map { .question($0.id) } ?? .review
    }

    /// Answers the current question, drops answers to questions no longer shown, and moves on.
    /// Returns the changes to store, the new answer first.
    @discardableResult
    public mutating func answer(_ answer: Answer) throws(Rejection) -> [AnswerChange] {
        guard let question = currentQuestion, question.takesAnswer else { throw .notAtAQuestion }
        guard Self.fits(answer, question) else { throw .doesNotFit }
        var changed = answers
        changed[question.id] = answer
        let kept = form.visibility(given: changed).answers
        var changes: [AnswerChange] = [.saved(questionID: question.id, answer: answer)]
        for id in answers.keys.sorted() where kept[id] == nil && id != question.id {
            changes.append(.removed(questionID: id))
        }
        answers = kept
        advance(from: question.id)
        return changes
    }

    /// Moves on from the current question without changing its answer: past an info text, or keeping
    /// an answer given before. Does nothing at a question still without an answer.
    public mutating func proceed() {
        guard let question = currentQuestion else { return }
        guard !question.takesAnswer || answers[question.id] != nil else { return }
        advance(from: question.id)
    }

    /// Goes back to the previous shown question (from the review: to the last one).
    /// Returns false when already at the first question.
    @discardableResult
    public mutating func back() -> Bool {
        let visible = visibleQuestions
        switch step {
        case .review:
            guard let last = visible.last else { return false }
            returningToReview = false
            step = .question(last.id)
            return true
        case .question(let id):
            guard let index = visible.firstIndex(where: { $0.id == id }), index > 0 else { return false }
            step = .question(visible[index - 1].id)
            return true
        case .intro, .finished:
            return false
        }
    }

    /// From the review, goes to a question to change its answer; after it the interview returns to the
    /// review, asking on the way any question the change newly shows.
    public mutating func revise(_ questionID: String) {
        guard step == .review, visibleQuestions.contains(where: { $0.id == questionID }) else { return }
        returningToReview = true
        step = .question(questionID)
    }

    /// Ends the interview at the review and gives its scores and referrals. When some shown question
    /// still lacks an answer, goes to it instead and returns `nil`.
    public mutating func finish() -> Assessment? {
        guard step == .review else { return nil }
        if let missing = firstUnanswered(after: nil) {
            returningToReview = true
            step = .question(missing.id)
            return nil
        }
        step = .finished
        return form.assess(answers)
    }

    // MARK: Helpers

    private mutating func advance(from id: String) {
        let visible = visibleQuestions
        guard let index = visible.firstIndex(where: { $0.id == id }) else {
            step = .review
            return
        }
        if returningToReview {
            if let next = firstUnanswered(after: id) {
                step = .question(next.id)
            } else {
                returningToReview = false
                step = .review
            }
            return
        }
        step = index + 1 < visible.count ? .question(visible[index + 1].id) : .review
    }

    /// The first shown question that takes an answer and has none, after `id` (or from the start).
    private func firstUnanswered(after id: String?) -> Question? {
        let visible = visibleQuestions
        let start = id.flatMap { id in visible.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0
        return visible[start...].first { $0.takesAnswer && answers[$0.id] == nil }
    }

    /// Whether `answer` is one `question` can have.
    public static func fits(_ answer: Answer, _ question: Question) -> Bool {
        switch (question.kind, answer) {
        case (_, .declined):
            return question.takesAnswer
        case (_, .dontKnow):
            return question.takesAnswer && question.allowsDontKnow
        case (_, .skipped):
            return question.takesAnswer && !question.isRequired
        case (.yesNo, .choice(let code)), (.singleChoice, .choice(let code)):
            return question.choice(code) != nil
        case (.multipleChoice, .choices(let codes)):
            return !codes.isEmpty && Set(codes).count == codes.count && codes.allSatisfy { question.choice($0) != nil }
        case (.scale, .number(let n)), (.number, .number(let n)):
            return question.numericRange?.contains(n) ?? false
        case (.freeText, .text(let text)):
            return !text.isEmpty && text.count <= ResponseParser.maximumTextLength
        default:
            return false
        }
    }
}
