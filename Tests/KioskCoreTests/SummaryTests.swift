import KioskCore
import Testing

/// Building a summary from stored counts: every answer row, split by gender, nothing dropped.
@Suite struct SummaryTests {
    let form: Questionnaire

    init() throws {
        form = try validForm("""
            id: test
            title: {sv: Test, en: Test}
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: Fråga, en: Question}}
              - {id: q2, type: yes_no, text: {sv: Två, en: Two}, show_if: q1 = yes}
              - id: gender
                type: single_choice
                breakdown: gender
                text: {sv: Kön, en: Gender}
                choices:
                  - {code: kvinna, text: {sv: Kvinna, en: Woman}}
                  - {code: man, text: {sv: Man, en: Man}}
                  - {code: annan, text: {sv: Annat, en: Other}}
            """)
    }

    @Test func countsAreSplitByGenderWithDeclinedAndNotAskedRows() throws {
        let summary = Summary(
            form: form, language: .swedish,
            interviews: ["kvinna": 3, "man": 2, "declined": 1],
            asked: ["q1": ["kvinna": 3, "man": 2, "declined": 1], "q2": ["kvinna": 2]],
            answers: [
                "q1": ["yes": ["kvinna": 2], "no": ["man": 2], "declined": ["kvinna": 1, "declined": 1]],
                "q2": ["yes": ["kvinna": 1], "dont_know": ["kvinna": 1]],
                "gender": ["kvinna": ["kvinna": 3], "man": ["man": 2], "declined": ["declined": 1]],
            ],
            referrals: [:])
        #expect(summary.columns.map(\.key) == ["kvinna", "man", "annan", "declined", "not_stated"])
        #expect(summary.totalInterviews == 6)
        let q1 = try #require(summary.questions.first { $0.id == "q1" })
        #expect(q1.rows.map(\.key) == ["yes", "no", "declined", "dont_know"])
        #expect(q1.rows[0].counts == ["kvinna": 2])
        #expect(q1.rows[2].total == 2)
        let q2 = try #require(summary.questions.first { $0.id == "q2" })
        let notAsked = try #require(q2.rows.last)
        #expect(notAsked.key == "not_asked")
        #expect(notAsked.counts["kvinna"] == 1 && notAsked.counts["man"] == 2 && notAsked.counts["declined"] == 1)
        #expect(notAsked.total == 4)
    }

    @Test func answersTheFormNoLongerHasAreKeptUnderTheirCode() throws {
        let summary = Summary(form: form, language: .english, interviews: [nil: 1], asked: ["q1": [nil: 1]],
                              answers: ["q1": ["maybe": [nil: 1]]], referrals: [:])
        let q1 = try #require(summary.questions.first)
        #expect(q1.rows.contains { $0.key == "maybe" && $0.total == 1 })
        #expect(q1.rows.first { $0.key == "maybe" }?.counts == ["not_stated": 1])
    }
}
