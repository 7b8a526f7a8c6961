import KioskTestSupport
import KioskCore
import SeededRandom
import Testing

/// An interview that ends before its review raises exactly the rules its answers have already decided.
@Suite struct CertainReferralsTests {
    /// A PHQ-9-like form: nine 0–3 items, an urgent rule on item 9 alone, a routine one on the total.
    let phq: Questionnaire

    init() throws {
        ShippedLanguages.install()
        let items = (1...9).map { "  - {id: q\($0), type: single_choice, choices: freq, text: {sv: Fråga \($0), en: Item \($0)}}" }
        phq = try validForm("""
            id: phq
            title: {sv: P, en: P}
            languages: [sv, en]
            choice_sets:
              freq:
                - {code: not-at-all, text: {sv: Inte alls, en: Not at all}, score: 0}
                - {code: several, text: {sv: Flera dagar, en: Several days}, score: 1}
                - {code: half, text: {sv: Mer än hälften, en: More than half the days}, score: 2}
                - {code: nearly-every, text: {sv: Nästan varje dag, en: Nearly every day}, score: 3}
            questions:
            \(items.joined(separator: "\n"))
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, q2, q3, q4, q5, q6, q7, q8, q9]
                min_answered: 8
                bands:
                  - {id: low, from: 0, to: 9, label: {sv: L, en: L}}
                  - {id: high, from: 10, to: 27, label: {sv: H, en: H}}
            referrals:
              - {id: self-harm, when: 'q9 in (several, half, nearly-every)', level: urgent, message: {sv: Nu, en: Now}}
              - {id: moderate, when: total >= 10, level: routine, message: {sv: M, en: M}}
              - {id: any-high, when: 'any(q1, q2, q3) in (half, nearly-every)', level: routine, message: {sv: A, en: A}}
            """)
    }

    func certain(_ answers: Answers, in form: Questionnaire? = nil) -> [String] {
        (form ?? phq).certainReferrals(given: answers).map(\.id)
    }

    @Test func anUrgentAnswerAloneIsRaisedWhateverTheRestWouldHaveBeen() {
        #expect(certain(["q9": .choice("nearly-every")]) == ["self-harm"])
    }

    @Test func aRuleThatLaterAnswersCouldStillDecideIsNotRaised() {
        #expect(certain([:]).isEmpty)
        #expect(certain(["q1": .choice("several"), "q2": .choice("several")]).isEmpty)
        #expect(certain(["q9": .choice("not-at-all")]).isEmpty)
    }

    @Test func aTotalAlreadyOverItsCutOffIsRaisedOnlyOnceItIsCertainlyScored() {
        let high: Answers = ["q1": .choice("nearly-every"), "q2": .choice("nearly-every"), "q3": .choice("nearly-every"),
                             "q4": .choice("half")]
        // 11 points, but only 4 of the 8 items needed: the total may yet be "not scored".
        #expect(!certain(high).contains("moderate"))
        var scored = high
        for id in ["q5", "q6", "q7", "q8"] { scored[id] = .choice("not-at-all") }
        #expect(certain(scored).contains("moderate"), "8 items answered with 11 points: nothing can lower it")
        var declined = high
        for id in ["q5", "q6", "q7", "q8", "q9"] { declined[id] = .declined }
        #expect(!certain(declined).contains("moderate"), "too few items will ever be answered")
    }

    @Test func anyInIsRaisedByOneMatchingAnswer() {
        #expect(certain(["q2": .choice("half")]) == ["any-high"])
    }

    @Test func aRuleDecidedAllTheSameIsRaisedThoughNoItemIsAnswered() throws {
        let form = try validForm(minimalForm + """
            referrals:
              - {id: either, when: answered(q1) or not answered(q1), level: routine, message: {sv: m, en: m}}
            """)
        #expect(certain([:], in: form) == ["either"])
    }

    @Test func aQuestionThatCanNoLongerBeShownCountsAsUnanswered() throws {
        let form = try validForm("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: hurt, type: yes_no, text: {sv: a, en: a}}
              - {id: by, type: yes_no, show_if: hurt = yes, text: {sv: b, en: b}}
              - {id: later, type: yes_no, text: {sv: c, en: c}}
            referrals:
              - {id: not-by, when: hurt = no and by != yes, level: routine, message: {sv: m, en: m}}
            """)
        #expect(certain(["hurt": .choice("no")], in: form) == [], "'by' is never shown, and '!=' is false for no answer")
        #expect(certain(["hurt": .choice("yes"), "by": .choice("no")], in: form) == [])
    }

    /// Whatever a form and its answers, a rule called certain fires for every way of finishing the
    /// interview, and a full set of answers is judged exactly as the completed interview is.
    @Test func whatIsCalledCertainFiresForEveryCompletion() {
        var random = SeededRandom(seed: 11)
        let codes = ["not-at-all", "several", "half", "nearly-every"]
        func answer() -> Answer {
            let roll = random.next() % 10
            return roll == 0 ? .declined : roll == 1 ? .dontKnow : .choice(codes[Int(random.next() % 4)])
        }
        for _ in 0..<300 {
            var partial: Answers = [:]
            for i in 1...9 where random.next() % 2 == 0 { partial["q\(i)"] = answer() }
            let raised = Set(certain(partial))
            for _ in 0..<20 {
                var full = partial
                for i in 1...9 where full["q\(i)"] == nil { full["q\(i)"] = answer() }
                let fired = Set(phq.assess(full).referrals.map(\.id))
                #expect(raised.isSubset(of: fired), "\(raised) called certain for \(partial), but \(full) fires \(fired)")
                #expect(Set(certain(full)) == fired, "with every answer given nothing is open")
            }
        }
    }
}
