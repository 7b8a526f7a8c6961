import Foundation
import KioskApp
import KioskCore
import KioskStore
import SeededRandom
import Testing

/// Every completed interview lands in exactly one row of every score table — its band, or "not scored" —
/// over random forms and random answers stored in a real database.
@Suite struct ScoreTablesTests {
    /// A random valid form: yes/no and scored choice items, one score with a random `min_answered`, bands
    /// that cover what it can be, and (sometimes) other bands for men.
    static func randomForm(_ random: inout SeededRandom) -> Questionnaire? {
        let count = 2 + Int(random.next() % 4)
        var questions: [String] = []
        for i in 0..<count {
            if random.next() % 2 == 0 {
                questions.append("  - {id: i\(i), type: yes_no, text: {sv: f, en: q}}")
            } else {
                let scores = (0..<3).map { _ in Int(random.next() % 4) }
                questions.append("""
                      - id: i\(i)
                        type: single_choice
                        text: {sv: f, en: q}
                        choices:
                          - {code: a, text: {sv: a, en: a}, score: \(scores[0])}
                          - {code: b, text: {sv: b, en: b}, score: \(scores[1])}
                          - {code: c, text: {sv: c, en: c}, score: \(scores[2])}
                    """)
            }
        }
        let minAnswered = 1 + Int(random.next() % UInt64(count))
        let probe = """
            id: random
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
            \(questions.joined(separator: "\n"))
              - id: gender
                type: single_choice
                breakdown: gender
                text: {sv: Kön, en: Gender}
                choices:
                  - {code: kvinna, text: {sv: Kvinna, en: Woman}}
                  - {code: man, text: {sv: Man, en: Man}}
                  - {code: annan, text: {sv: Annat, en: Other}}
            scores:
              - id: total
                label: {sv: S, en: S}
                sum: [\((0..<count).map { "i\($0)" }.joined(separator: ", "))]
                min_answered: \(minAnswered)
            """
        // The values the score can have, from a form without bands; then bands that cover exactly those.
        guard let plain = QuestionnaireLoader.load(yaml: probe, file: "random.yaml").questionnaire else { return nil }
        let values = possibleValues(plain)
        guard let low = values.min(), let high = values.max() else { return nil }
        func bands(cut: Int) -> String {
            cut <= low ? "    - {id: only, from: \(low), to: \(high), label: {sv: x, en: x}}"
                : "    - {id: low, from: \(low), to: \(cut - 1), label: {sv: l, en: l}}\n    - {id: high, from: \(cut), to: \(high), label: {sv: h, en: h}}"
        }
        let cut = low + Int(random.next() % UInt64(high - low + 1))
        var yaml = probe + "\n    bands:\n" + bands(cut: cut).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        if cut > low, random.next() % 2 == 0 {
            let other = low + 1 + Int(random.next() % UInt64(max(1, high - low)))
            yaml += "\n    bands_for:\n      - when: gender = man\n        bands:\n"
                + bands(cut: other).split(separator: "\n").map { "        " + $0 }.joined(separator: "\n")
        }
        let loaded = QuestionnaireLoader.load(yaml: yaml, file: "random.yaml")
        return loaded.isValid ? loaded.questionnaire : nil
    }

    /// The values a score can take when scored, by trying every combination of answers (forms are small).
    static func possibleValues(_ form: Questionnaire) -> Set<Int> {
        let items = form.questions.filter { $0.breakdown == nil }
        var values = Set<Int>()
        func walk(_ index: Int, _ answers: Answers) {
            if index == items.count {
                if let value = form.assess(answers).score("total")?.value { values.insert(value) }
                return
            }
            walk(index + 1, answers.merging([items[index].id: .declined]) { $1 })
            for choice in items[index].choices { walk(index + 1, answers.merging([items[index].id: .choice(choice.code)]) { $1 }) }
        }
        walk(0, [:])
        return values
    }

    @Test func everyCompletedInterviewIsInExactlyOneRowOfEveryScoreTable() throws {
        var random = SeededRandom(seed: 2026)
        var forms = 0
        while forms < 25 {
            guard let form = Self.randomForm(&random) else { continue }
            forms += 1
            let temp = try TemporaryDirectory()
            let store = try AnswerStore.open(directory: temp.url)
            var expected: [String: [String: Int]] = [:]
            for _ in 0..<30 {
                var answers: Answers = [:]
                for question in form.questions {
                    let roll = random.next() % 6
                    if question.breakdown == .gender {
                        answers[question.id] = roll == 0 ? .declined : .choice(Breakdown.genderCodes[Int(roll % 3)])
                    } else {
                        answers[question.id] = roll == 0 ? .declined : roll == 1 ? .dontKnow : .choice(question.choices[Int(random.next() % UInt64(question.choices.count))].code)
                    }
                }
                let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
                try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
                let assessment = form.assess(answers)
                _ = try store.complete(interview: id, assessment: assessment, form: form, day: testDay)
                let gender = form.genderCode(in: answers) ?? (answers["gender"] == .declined ? Answer.declinedCode : GroupCounts.notStated)
                expected[assessment.score("total")?.band ?? GroupCounts.notScored, default: [:]][gender, default: 0] += 1
            }
            let counts = try store.groupedCounts(formID: form.id, options: SummaryOptions())
            let raw = try #require(counts[[]])
            var stored = (raw.bands["total"] ?? [:]).mapValues { $0.mapValues(\.count) }
            if let notScored = raw.scores["total"]?[GroupCounts.notScored] { stored[GroupCounts.notScored] = notScored.mapValues(\.count) }
            #expect(stored == expected, "each interview in its own band or not scored")
            let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(minimumCell: 3), counts: counts)
            let table = try #require(report.groups.first?.scores.first?.table)
            #expect(table.rowsAddUp)
            #expect(table.rows.map(\.key).last == GroupCounts.notScored)
        }
    }
}
