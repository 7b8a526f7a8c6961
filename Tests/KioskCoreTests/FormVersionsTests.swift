import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// Editing a form never changes what stored answers mean; and a diff says what changed.
@Suite struct FormVersionsTests {
    init() { ShippedLanguages.install() }

    static let base = """
        id: test
        title: {sv: Test, en: Test}
        languages: [sv, en]
        questions:
          - {id: q1, type: yes_no, text: {sv: Blir du slagen?, en: Are you hit?}}
          - id: often
            type: single_choice
            text: {sv: Hur ofta?, en: How often?}
            choices:
              - {code: never, text: {sv: Aldrig, en: Never}, score: 0}
              - {code: weekly, text: {sv: Varje vecka, en: Every week}, score: 2}
        scores:
          - {id: total, label: {sv: S, en: S}, sum: [q1, often]}
        referrals:
          - {id: r, when: q1 = yes, level: urgent, message: {sv: m, en: m}}
        examples:
          - {name: e, answers: {q1: yes}, expect: {referrals: [r]}}

        """

    func check(_ edited: String) throws -> [Diagnostic] {
        let old = try validForm(Self.base)
        let new = try #require(load(MarkedText(edited).text).questionnaire)
        return FormVersions.check(new, against: [old], file: "test.yaml")
    }

    @Test func aQuestionIDKeepsItsTypeOnceAnswersAreStored() throws {
        let edited = MarkedText(Self.base.replacingOccurrences(of: "  - {id: q1, type: yes_no,", with: "  - ⟪{id: q1, type: scale, min: 1, max: 5,"))
        let problems = try check(edited.text)
        #expect(problems.count == 1)
        #expect(problems.first?.location == edited.markers.first)
        #expect(problems.first?.message.contains("'q1' was a yes_no question") == true)
        #expect(problems.first?.fix?.contains("new id") == true)
    }

    @Test func aQuestionCanOnlyReplaceOneOfTheSameType() throws {
        let edited = Self.base.replacingOccurrences(of: "  - {id: q1, type: yes_no, text: {sv: Blir du slagen?, en: Are you hit?}}\n",
                                                   with: "  - {id: q1, type: yes_no, text: {sv: Blir du slagen?, en: Are you hit?}}\n  - {id: level, replaces: often, type: scale, min: 1, max: 5, text: {sv: N, en: N}}\n")
        let problems = try check(edited)
        #expect(problems.map(\.message) == ["question 'level' replaces 'often', which was a single_choice question, but 'level' is scale"])
    }

    @Test func aChoiceCodeKeepsItsScoreAndItsMeaning() throws {
        let rescored = try check(Self.base.replacingOccurrences(of: "Every week}, score: 2", with: "Every week}, score: 3"))
        #expect(rescored.first?.message.contains("scored 2") == true)
        let reworded = try check(Self.base.replacingOccurrences(of: "{sv: Varje vecka, en: Every week}", with: "{sv: Aldrig någonsin, en: Not once}"))
        #expect(reworded.first?.message.contains("says something else") == true)
    }

    @Test func fixingSpellingAddingAndRemovingAreFine() throws {
        #expect(try check(Self.base.replacingOccurrences(of: "Varje vecka", with: "Varje veckka")).isEmpty)
        #expect(try check(Self.base.replacingOccurrences(of: "{sv: Varje vecka, en: Every week}", with: "{sv: Varje vecka, en: Each week}")).isEmpty)
        #expect(try check(Self.base.replacingOccurrences(of: "      - {code: weekly, text: {sv: Varje vecka, en: Every week}, score: 2}\n", with: "      - {code: weekly, text: {sv: Varje vecka, en: Every week}, score: 2}\n      - {code: daily, text: {sv: Dagligen, en: Daily}, score: 3}\n")).isEmpty)
        #expect(try check(Self.base.replacingOccurrences(of: "{sv: Blir du slagen?, en: Are you hit?}", with: "{sv: Har du blivit slagen?, en: Have you been hit?}")).isEmpty,
                "rewording a question is allowed (the diff shows it)")
    }

    @Test func theDiffSaysWhatChangedInWords() throws {
        let old = try validForm(Self.base)
        let newText = Self.base
            .replacingOccurrences(of: "{sv: Blir du slagen?, en: Are you hit?}", with: "{sv: Har du blivit slagen?, en: Have you been hit?}")
            .replacingOccurrences(of: "Every week}, score: 2}", with: "Every week}, score: 2}\n      - {code: daily, text: {sv: Dagligen, en: Daily}, score: 3}")
            .replacingOccurrences(of: "when: q1 = yes", with: "when: q1 = yes or often = daily")
            + "  - {name: f, answers: {q1: no, often: daily}, expect: {referrals: [r]}}\n"
        let new = try validForm(newText.replacingOccurrences(of: "questions:\n", with: "questions:\n  - {id: q0, type: yes_no, text: {sv: Ny, en: New}}\n"))
        let lines = FormVersions.describeChanges(from: old, to: new)
        #expect(lines.contains("question 'q0' added: \"New\""))
        #expect(lines.contains("question 'q1' reworded: \"Are you hit?\" → \"Have you been hit?\""))
        #expect(lines.contains("question 'often': choice 'daily' added: \"Daily\""))
        #expect(lines.contains("referral rule 'r': when changed from \"q1 = yes\" to \"q1 = yes or often = daily\""))
        let back = FormVersions.describeChanges(from: new, to: old)
        #expect(back.contains("question 'q0' removed (its stored answers stay in summaries and exports)"))
        #expect(back.contains("question 'often': choice 'daily' removed (stored answers keep it)"))
        #expect(FormVersions.describeChanges(from: old, to: old).isEmpty)
    }

    @Test func aRenamedQuestionCountsItsOldAnswersAndARemovedOneKeepsItsTable() throws {
        let old = try validForm(Self.base)
        let renamed = try validForm(Self.base
            .replacingOccurrences(of: "{id: q1, type: yes_no,", with: "{id: hit, replaces: q1, type: yes_no,")
            .replacingOccurrences(of: "sum: [q1, often]", with: "sum: [hit]")
            .replacingOccurrences(of: "q1 = yes", with: "hit = yes")
            .replacingOccurrences(of: "{q1: yes}", with: "{hit: yes}")
            .replacingOccurrences(of: "  - id: often\n    type: single_choice\n    text: {sv: Hur ofta?, en: How often?}\n    choices:\n      - {code: never, text: {sv: Aldrig, en: Never}, score: 0}\n      - {code: weekly, text: {sv: Varje vecka, en: Every week}, score: 2}\n", with: ""))
        var counts = GroupCounts()
        counts.interviews = ["kvinna": 20, "man": 20]
        counts.asked = ["q1": ["kvinna": 10, "man": 10], "hit": ["kvinna": 10, "man": 10], "often": ["kvinna": 20, "man": 20]]
        counts.answers = ["q1": ["yes": ["kvinna": 6, "man": 5], "no": ["kvinna": 4, "man": 5]],
                          "hit": ["yes": ["kvinna": 7, "man": 6], "no": ["kvinna": 3, "man": 4]],
                          "often": ["never": ["kvinna": 15, "man": 14], "weekly": ["kvinna": 5, "man": 6]]]
        let report = SummaryReport(form: renamed, language: .english, options: SummaryOptions(), counts: [[]: counts], formerVersions: [old])
        let group = try #require(report.groups.first)
        let hit = try #require(group.questions.first { $0.id == "hit" }?.table)
        #expect(near(hit.rowTotals.first, 24), "old q1 answers count for the question that replaces it")
        let often = try #require(group.questions.first { $0.id == "often" })
        #expect(often.title == "How often? (removed from the form)")
        #expect(near(often.table.rowTotals[0], 29) && near(often.table.rowTotals[1], 11))
        #expect(!group.questions.contains { $0.id == "q1" })
    }
}
