import KioskTestSupport
import KioskCore
import Testing

/// A form with ten deliberate mistakes gets ten located errors in one run.
@Suite struct TenMistakesTests {
    init() { ShippedLanguages.install() }

    @Test func tenMistakesGiveTenLocatedErrorsAtOnce() {
        let form = MarkedText("""
            id: broken
            title: {sv: Trasig, en: Broken}
            languages: [sv, en]
            questions:
              - id: q1
                type: yes_no
                text: ⟪{sv: Fråga ett}
              - id: q2
                type: yes_no
                text: {sv: Två, en: Two}
                ⟪show_iff: q1 = yes
              - id: q3
                type: yes_no
                text: {sv: Tre, en: Three}
                show_if: ⟪q9 = yes
              - ⟪id: q3
                type: single_choice
                text: {sv: Fyra, en: Four}
                choices:
                  - {code: a, text: {sv: A, en: A}}
                  - ⟪{code: a, text: {sv: B, en: B}}
              - id: q5
                type: scale
                ⟪min: 5
                max: 1
                text: {sv: Fem, en: Five}
              - id: q6
                type: yes_no
                text: {sv: Sex, en: Six}
                show_if: q1 = yes and (q2 = yes⟪
              - id: q8
                type: ⟪yesno
                text: {sv: Åtta, en: Eight}
            scores:
              - {id: total, label: {sv: Summa, en: Total}, sum: [q1, q2]}
            referrals:
              - id: never
                when: ⟪total >= 5
                level: urgent
                message: {sv: Aldrig, en: Never}
              - id: bad-level
                when: q1 = yes
                level: ⟪soon
                message: {sv: x, en: x}
            """)
        let diagnostics = QuestionnaireLoader.load(yaml: form.text, file: "Questionnaires/broken.yaml").diagnostics
        let errors = diagnostics.errors
        #expect(errors.count == 10, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(errors.compactMap(\.location) == form.markers, "\(errors.map(\.description).joined(separator: "\n"))")
        for error in errors {
            #expect(error.description.hasPrefix("Questionnaires/broken.yaml:"))
            #expect(error.fix != nil)
        }
    }
}
