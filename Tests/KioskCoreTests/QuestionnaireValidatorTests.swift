import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// Rules that span the form: ids, references, scores, rules, breakdowns. Each error is located.
@Suite struct QuestionnaireValidatorTests {
    init() { ShippedLanguages.install() }

    static let twoQuestions = """
        id: test
        title: {sv: T, en: T}
        languages: [sv, en]
        questions:
          - id: q1
            type: yes_no
            text: {sv: Ett, en: One}
          - id: q2
            type: single_choice
            text: {sv: Två, en: Two}
            choices:
              - {code: often, text: {sv: Ofta, en: Often}, score: 2}
              - {code: never, text: {sv: Aldrig, en: Never}, score: 0}

        """

    @Test func duplicateQuestionIDsPointAtTheSecond() {
        expectError(Self.twoQuestions + """
              - ⟪id: q1
                type: yes_no
                text: {sv: Igen, en: Again}
            """, mentioning: "'q1'", "already used", "line 5")
    }

    @Test func duplicateChoiceCodesPointAtTheSecond() {
        expectError(Self.twoQuestions + """
              - id: q3
                type: single_choice
                text: {sv: Tre, en: Three}
                choices:
                  - {code: a, text: {sv: A, en: A}}
                  - ⟪{code: a, text: {sv: B, en: B}}
            """, mentioning: "choice code 'a' is used twice")
    }

    @Test func showIfMayNotReferToALaterQuestion() {
        expectError(Self.twoQuestions.replacingFirst("    text: {sv: Ett, en: One}", with: "    text: {sv: Ett, en: One}\n    show_if: ⟪q2 = often"),
                    mentioning: "'q2', which is not an earlier question", "move 'q2'")
    }

    @Test func showIfMayNotReferToItself() {
        expectError(Self.twoQuestions.replacingFirst("    text: {sv: Ett, en: One}", with: "    text: {sv: Ett, en: One}\n    show_if: ⟪q1 = yes"),
                    mentioning: "refers to the question itself")
    }

    @Test func showIfToAnUnknownQuestionSuggestsOne() {
        expectError(Self.twoQuestions + """
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: q1 = yes or ⟪q9 = often
            """, mentioning: "'q9', which is not a question or score", "did you mean")
    }

    @Test func aComparisonWithAnUnknownChoiceListsTheChoices() {
        expectError(Self.twoQuestions + """
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: q2 = ⟪sometimes
            """, mentioning: "'sometimes', which is not one of its choices", "often, never")
    }

    @Test func yesNoAnswersAreYesAndNoNotJaAndNej() {
        expectError(Self.twoQuestions + """
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: q1 = ⟪ja
            """, mentioning: "'ja'", "yes, no")
    }

    @Test func orderingAChoiceQuestionIsAnError() {
        expectError(Self.twoQuestions + """
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: ⟪q2 > often
            """, mentioning: "'>'", "choices, not numbers")
    }

    @Test func hasOnlyWorksOnMultipleChoice() {
        expectError(Self.twoQuestions + """
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: ⟪q2 has often
            """, mentioning: "'has'", "not a multiple-choice question")
    }

    @Test func aScoreSummingANumberQuestionIsAnError() {
        expectError(Self.twoQuestions + """
              - id: age
                type: number
                min: 0
                max: 120
                text: {sv: Ålder, en: Age}
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, ⟪age]
            """, mentioning: "'age', a number question, which has no item score")
    }

    @Test func aScoreSummingAnUnknownQuestionIsAnError() {
        expectError(Self.twoQuestions + """
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, ⟪q7]
            """, mentioning: "'q7', which is not a question of this form")
    }

    @Test func aScoreOverChoicesWithoutScoresIsAnError() {
        expectError(Self.twoQuestions + """
              - ⟪id: q3
                type: single_choice
                text: {sv: Tre, en: Three}
                choices:
                  - {code: a, text: {sv: A, en: A}}
                  - {code: b, text: {sv: B, en: B}}
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q3]
            """, mentioning: "none of its choices has a score")
    }

    @Test func overlappingBandsAreAnError() {
        expectError(Self.twoQuestions + """
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, q2]
                bands:
                  - {id: low, from: 0, to: 2, label: {sv: L, en: L}}
                  - ⟪{id: high, from: 2, to: 3, label: {sv: H, en: H}}
            """, mentioning: "overlaps band 'low'")
    }

    @Test func aScoreValueWithoutABandWarns() throws {
        let loaded = load(Self.twoQuestions + """
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, q2]
                bands:
                  - {id: low, from: 0, to: 1, label: {sv: L, en: L}}
            """)
        #expect(loaded.diagnostics.errors.map(\.message) == ["score 'total' can be 2–3, above its highest band 'low' (to 1)"])
        #expect(loaded.diagnostics.errors.first?.fix == "write 'to: 3' in band 'low'")
    }

    @Test func aReferralRuleThatCanNeverFireIsAnError() {
        expectError(Self.twoQuestions + """
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, q2]
            referrals:
              - id: impossible
                when: ⟪total >= 4
                level: urgent
                message: {sv: m, en: m}
            """, mentioning: "'impossible' can never fire")
        expectError(Self.twoQuestions + """
            referrals:
              - id: contradiction
                when: ⟪q1 = yes and q1 = no
                level: routine
                message: {sv: m, en: m}
            """, mentioning: "can never fire")
    }

    @Test func aReferralRuleMustNameSupportThatExists() {
        expectError(Self.twoQuestions + """
            support:
              - {id: helpline, text: {sv: Ring, en: Call}}
            referrals:
              - id: r
                when: q1 = yes
                level: routine
                message: {sv: m, en: m}
                support: [helpline, ⟪helplin]
            examples:
              - {name: e, answers: {q1: yes}, expect: {referrals: [r]}}
            """, mentioning: "'helplin'", "did you mean 'helpline'")
    }

    @Test func aGenderBreakdownMayOnlyUseTheStandardCodes() {
        expectError(Self.twoQuestions + """
              - id: gender
                type: single_choice
                breakdown: gender
                text: {sv: Kön, en: Gender}
                choices:
                  - {code: kvinna, text: {sv: Kvinna, en: Woman}}
                  - ⟪{code: female, text: {sv: Hona, en: Female}}
            """, mentioning: "kvinna, man, annan", "'female'")
    }

    @Test func anAgeBandMustBeABandNotAnAge() {
        expectError(Self.twoQuestions + """
              - id: age
                type: single_choice
                breakdown: age_band
                text: {sv: Ålder, en: Age}
                choices:
                  - {code: 16-24, text: {sv: a, en: a}}
                  - ⟪{code: "1987", text: {sv: b, en: b}}
            """, mentioning: "'1987' is not a band")
    }

    @Test func aBreakdownMustBeASingleChoice() {
        expectError(Self.twoQuestions + """
              - ⟪id: age
                type: number
                breakdown: age_band
                min: 0
                max: 120
                text: {sv: Ålder, en: Age}
            """, mentioning: "must be a single_choice question")
    }

    @Test func freeTextNeedsTheFormToAllowIt() {
        expectError(Self.twoQuestions + """
              - ⟪id: notes
                type: free_text
                exported: false
                text: {sv: Övrigt, en: Other}
            """, mentioning: "does not allow free text", "allow_free_text: true")
    }

    @Test func showIfMayUseAScoreOfEarlierQuestions() throws {
        let form = try validForm(Self.twoQuestions + """
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: total >= 2
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, q2]
            """)
        #expect(form.question("q3")?.showIf?.source == "total >= 2")
    }

    @Test func showIfMayNotUseAScoreOfLaterQuestions() {
        expectError(Self.twoQuestions.replacingFirst("    text: {sv: Två, en: Two}", with: "    text: {sv: Två, en: Two}\n    show_if: ⟪total >= 2") + """
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [q1, q2]
            """, mentioning: "score 'total'", "asked later")
    }

    @Test func aReplacedIDThatIsStillAQuestionIsAnError() {
        expectError(Self.twoQuestions + """
              - ⟪id: q3
                type: yes_no
                replaces: q1
                text: {sv: Tre, en: Three}
            """, mentioning: "replaces 'q1'", "still a question")
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
