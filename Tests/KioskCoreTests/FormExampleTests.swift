import KioskTestSupport
import KioskCore
import Testing

/// The form's own examples: an edit that breaks a rule is caught when the form is validated.
@Suite struct FormExampleTests {
    init() { ShippedLanguages.install() }

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

/// Examples that test what matters: which questions are shown, whole interviews, and only answers the
/// interview itself would take.
@Suite struct ExampleCoverageTests {
    init() { ShippedLanguages.install() }

    static let form = FormExampleTests.form

    @Test func shownAndNotShownAreChecked() {
        let loaded = load(Self.form + """
            examples:
              - name: no hides q2
                answers: {q1: no}
                expect: {referrals: [], shown: [q1, q2], not_shown: [q1]}
            """)
        #expect(loaded.diagnostics.errors.map(\.message) == [
            "example 'no hides q2' expects 'q2' to be shown, but with its answers it is not",
            "example 'no hides q2' expects 'q1' not to be shown, but with its answers it is",
        ])
    }

    @Test func anExampleThatLeavesOutAShownQuestionIsReported() {
        let loaded = load(Self.form + """
            examples:
              - name: half an interview
                answers: {q1: yes}
                expect: {referrals: [flag]}
            """)
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(loaded.diagnostics.warnings.map(\.message) == ["example 'half an interview' does not answer 'q2', which is shown with its answers"])
    }

    @Test func aReservedAnswerTheQuestionForbidsIsAnError() {
        let form = Self.form.replacingOccurrences(of: "show_if: q1 = yes}", with: "show_if: q1 = yes, dont_know: false}")
        let loaded = load(form + """
            examples:
              - name: not offered
                answers: {q1: skipped, q2: dont_know}
                expect: {referrals: []}
            """)
        #expect(loaded.diagnostics.errors.map(\.message) == [
            "the answer to 'q1' in example 'not offered' is 'skipped', but 'q1' is required and cannot be left blank",
            "the answer to 'q2' in example 'not offered' is 'dont_know', but 'q2' does not offer don't know",
        ])
    }

    @Test func anExampleCanExpectAScoreToBeNotScored() {
        let loaded = load(Self.form + """
            examples:
              - name: declined is not scored
                answers: {q1: declined}
                expect: {referrals: [], bands: {total: not_scored}}
              - name: wrongly expects a value
                answers: {q1: declined}
                expect: {referrals: [], scores: {total: 0}}
            """)
        #expect(loaded.diagnostics.errors.map(\.message) == [
            "example 'wrongly expects a value' expects the score 'total' to be 0, but it is not scored (0 of 2 items answered)",
        ])
    }
}
