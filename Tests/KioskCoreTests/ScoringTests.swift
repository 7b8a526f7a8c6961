import KioskTestSupport
import KioskCore
import Testing

/// Scores, bands and referral rules over answers; reserved answers never count.
@Suite struct ScoringTests {
    let form: Questionnaire

    init() throws {
        ShippedLanguages.install()
        form = try validForm("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: a, type: yes_no, text: {sv: a, en: a}}
              - {id: b, type: yes_no, text: {sv: b, en: b}, item_score: {yes: 0, no: 1}}
              - id: c
                type: multiple_choice
                text: {sv: c, en: c}
                choices:
                  - {code: x, text: {sv: X, en: X}, score: 2}
                  - {code: y, text: {sv: Y, en: Y}, score: 3}
              - {id: s, type: scale, min: 0, max: 4, text: {sv: s, en: s}}
              - id: gender
                type: single_choice
                breakdown: gender
                text: {sv: Kön, en: Gender}
                choices:
                  - {code: kvinna, text: {sv: Kvinna, en: Woman}}
                  - {code: man, text: {sv: Man, en: Man}}
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [a, b, c, s]
                bands:
                  - {id: low, from: 0, to: 3, label: {sv: L, en: L}}
                  - {id: high, from: 4, to: 11, label: {sv: H, en: H}}
            referrals:
              - id: high-for-women
                when: gender != man and total >= 4
                level: routine
                message: {sv: m, en: m}
              - id: high-for-men
                when: gender = man and total >= 6
                level: routine
                message: {sv: m, en: m}
              - id: single-item
                when: a = yes
                level: urgent
                message: {sv: m, en: m}
            """)
    }

    @Test func itemScoresFollowTheForm() throws {
        let assessment = form.assess(["a": .choice("yes"), "b": .choice("no"), "c": .choices(["x", "y"]), "s": .number(4)])
        let total = try #require(assessment.score("total"))
        #expect(total.value == 1 + 1 + 5 + 4)
        #expect(total.answeredItems == 4)
        #expect(total.band == "high")
    }

    @Test func nothingAnsweredIsNotScoredRatherThanZero() throws {
        let assessment = form.assess(["a": .declined, "b": .dontKnow, "c": .declined, "s": .skipped])
        let total = try #require(assessment.score("total"))
        #expect(total.value == nil)
        #expect(!total.isScored)
        #expect(total.answeredItems == 0)
        #expect(total.totalItems == 4)
        #expect(total.band == nil, "no band, so never 'low' or 'negative'")
    }

    @Test func declinedAnswersNeverAddToTheScore() throws {
        let assessment = form.assess(["a": .choice("yes"), "b": .dontKnow, "c": .declined, "s": .skipped])
        let total = try #require(assessment.score("total"))
        #expect(total.answeredItems == 1)
        #expect(total.value == form.assess(["a": .choice("yes")]).score("total")?.value)
    }

    @Test func urgentFirstPutsUrgentReferralsFirstAndKeepsTheFormsOrderWithinALevel() {
        let rules: [(String, ReferralLevel)] = [("a", .routine), ("b", .urgent), ("c", .routine), ("d", .urgent)]
        #expect(rules.urgentFirst(by: \.1).map(\.0) == ["b", "d", "a", "c"])
        #expect([(String, ReferralLevel)]().urgentFirst(by: \.1).isEmpty)
    }

    @Test func aSingleItemRuleFiresWhateverTheTotal() {
        let fired = form.assess(["a": .choice("yes"), "gender": .choice("man")]).referrals.map(\.id)
        #expect(fired == ["single-item"])
    }

    @Test func cutOffsCanDifferByGender() {
        let answers: Answers = ["a": .choice("yes"), "b": .choice("no"), "s": .number(2)]
        var woman = answers
        woman["gender"] = .choice("kvinna")
        var man = answers
        man["gender"] = .choice("man")
        #expect(form.assess(woman).referrals.map(\.id) == ["high-for-women", "single-item"])
        #expect(form.assess(man).referrals.map(\.id) == ["single-item"])
        man["s"] = .number(4)
        #expect(form.assess(man).referrals.map(\.id) == ["high-for-men", "single-item"])
    }

    @Test func answersToHiddenQuestionsAreDropped() throws {
        let form = try validForm("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: a, en: a}}
              - {id: q2, type: yes_no, text: {sv: b, en: b}, show_if: q1 = yes}
            scores:
              - {id: total, label: {sv: S, en: S}, sum: [q1, q2]}
            """)
        let assessment = form.assess(["q1": .choice("no"), "q2": .choice("yes")])
        #expect(assessment.answers == ["q1": .choice("no")])
        #expect(assessment.visibleQuestions == ["q1"])
        #expect(assessment.score("total")?.value == 0)
    }
}
