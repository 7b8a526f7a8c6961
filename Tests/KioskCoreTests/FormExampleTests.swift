import KioskCore
import Testing

/// The form's own examples: an edit that breaks a rule is caught when the form is validated.
@Suite struct FormExampleTests {
    static let form = """
        id: test
        title: {sv: T, en: T}
        languages: [sv, en]
        questions:
          - {id: q1, type: yes_no, text: {sv: a, en: a}}
          - {id: q2, type: yes_no, text: {sv: b, en: b}, show_if: q1 = yes}
        scores:
          - id: total
            label: {sv: S, en: S}
            sum: [q1, q2]
            bands:
              - {id: none, from: 0, to: 0, label: {sv: N, en: N}}
              - {id: some, from: 1, to: 2, label: {sv: S, en: S}}
        referrals:
          - id: flag
            when: q1 = yes
            level: routine
            message: {sv: m, en: m}

        """

    @Test func passingExamplesGiveNoDiagnostics() {
        let loaded = load(Self.form + """
            examples:
              - name: yes flags
                answers: {q1: yes, q2: yes}
                expect: {referrals: [flag], scores: {total: 2}, bands: {total: some}}
              - name: no does not
                answers: {q1: no}
                expect: {referrals: [], scores: {total: 0}, bands: {total: none}}
            """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test func aRuleThatNoLongerFiresIsCaughtByItsExample() {
        expectError(Self.form.replacingFirst("when: q1 = yes", with: "when: q1 = no") + """
            examples:
              - ⟪name: yes flags
                answers: {q1: yes}
                expect: {referrals: [flag]}
            """, mentioning: "example 'yes flags' expects 'flag' to fire")
    }

    @Test func aWrongScoreOrBandIsCaught() {
        expectError(Self.form + """
            examples:
              - ⟪name: wrong total
                answers: {q1: yes, q2: no}
                expect: {referrals: [flag], scores: {total: 2}}
            """, mentioning: "expects the score 'total' to be 2, but it is 1")
        expectError(Self.form + """
            examples:
              - ⟪name: wrong band
                answers: {q1: yes, q2: no}
                expect: {referrals: [flag], bands: {total: none}}
            """, mentioning: "in band 'none'", "in 'some'")
    }

    @Test func anExampleAnsweringAHiddenQuestionIsCaught() {
        expectError(Self.form + """
            examples:
              - name: hidden
                answers: {q1: no, ⟪q2: yes}
                expect: {referrals: []}
              - {name: flag, answers: {q1: yes}, expect: {referrals: [flag]}}
            """, mentioning: "'q2' is not shown")
    }

    @Test func anExampleAnswerThatIsNotAChoiceIsCaught() {
        expectError(Self.form + """
            examples:
              - name: bad
                answers: {q1: ⟪maybe}
                expect: {referrals: [flag]}
            """, mentioning: "'maybe', which is not one of its choices")
    }

    @Test func aRuleNoExampleCoversWarns() {
        let loaded = load(Self.form)
        #expect(loaded.isValid)
        #expect(loaded.diagnostics.warnings.map(\.message) == ["referral rule 'flag' fires in none of the form's examples"])
    }
}
