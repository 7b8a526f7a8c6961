import KioskTestSupport
import KioskCore
import Testing

/// Every remaining validator rule, one case each: the marked spot, and words the message must contain.
@Suite struct ValidatorRuleCatalogTests {
    init() { ShippedLanguages.install() }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var words: [String]
        var testDescription: String { name }
    }

    static let head = """
        id: test
        title: {sv: T, en: T}
        languages: [sv, en]
        questions:
          - {id: q1, type: yes_no, text: {sv: a, en: a}}
          - id: m
            type: multiple_choice
            text: {sv: m, en: m}
            choices:
              - {code: x, text: {sv: X, en: X}}
              - {code: y, text: {sv: Y, en: Y}}
          - {id: n, type: number, min: 0, max: 10, text: {sv: n, en: n}}
          - {id: note, type: info, text: {sv: i, en: i}}

        """

    static let cases: [Case] = [
        Case(name: "the root is not a mapping", yaml: "⟪- just\n- a list\n", words: ["the form should be a set of 'key: value' lines"]),
        Case(name: "questions is not a list", yaml: "id: test\ntitle: {sv: T}\nlanguages: [sv]\nquestions: ⟪many\n", words: ["'questions' should be a list"]),
        Case(name: "a language listed twice", yaml: "id: test\ntitle: {sv: T}\nlanguages: [sv, ⟪sv]\nquestions:\n  - {id: q1, type: yes_no, text: {sv: a}}\n", words: ["listed twice"]),
        Case(name: "a text that is a list", yaml: head + "  - {id: q2, type: yes_no, text: {sv: ⟪[a, b], en: b}}\n", words: ["should be text"]),
        Case(name: "a scale too wide to pick from", yaml: head + "  - {id: s, type: scale, min: 0, ⟪max: 500, text: {sv: s, en: s}}\n", words: ["more than a person can pick from"]),
        Case(name: "a single choice with one choice", yaml: head + "  - ⟪{id: s, type: single_choice, text: {sv: s, en: s}, choices: [{code: a, text: {sv: A, en: A}}]}\n", words: ["needs at least two"]),
        Case(name: "a multiple choice without choices", yaml: head + "  - ⟪{id: s, type: multiple_choice, text: {sv: s, en: s}, choices: []}\n", words: ["has no choices"]),
        Case(name: "an unknown breakdown", yaml: head + "  - {id: s, type: yes_no, breakdown: ⟪sex, text: {sv: s, en: s}}\n", words: ["'gender' or 'age_band'"]),
        Case(name: "two gender breakdowns", yaml: head + """
              - {id: g1, type: single_choice, breakdown: gender, text: {sv: g, en: g}, choices: [{code: kvinna, text: {sv: K, en: W}}, {code: man, text: {sv: M, en: M}}]}
              - ⟪{id: g2, type: single_choice, breakdown: gender, text: {sv: g, en: g}, choices: [{code: kvinna, text: {sv: K, en: W}}, {code: man, text: {sv: M, en: M}}]}

            """, words: ["second 'gender' breakdown"]),
        Case(name: "an age band too narrow", yaml: head + "  - {id: a, type: single_choice, breakdown: age_band, text: {sv: a, en: a}, choices: [{code: 16-24, text: {sv: a, en: a}}, ⟪{code: 25-26, text: {sv: b, en: b}}]}\n", words: ["too narrow"]),
        Case(name: "overlapping age bands", yaml: head + "  - {id: a, type: single_choice, breakdown: age_band, text: {sv: a, en: a}, choices: [{code: 16-24, text: {sv: a, en: a}}, ⟪{code: 20-29, text: {sv: b, en: b}}]}\n", words: ["overlaps '16-24'"]),
        Case(name: "answered() of an info text", yaml: head + "  - {id: s, type: yes_no, show_if: answered(⟪note), text: {sv: s, en: s}}\n", words: ["info text"]),
        Case(name: "comparing an info text", yaml: head + "  - {id: s, type: yes_no, show_if: ⟪note = x, text: {sv: s, en: s}}\n", words: ["cannot be compared"]),
        Case(name: "ordering a reserved answer", yaml: head + "  - {id: s, type: yes_no, show_if: q1 > ⟪declined, text: {sv: s, en: s}}\n", words: ["'>' with 'declined'"]),
        Case(name: "= on a multiple choice", yaml: head + "  - {id: s, type: yes_no, show_if: ⟪m = x, text: {sv: s, en: s}}\n", words: ["write 'm has x'"]),
        Case(name: "a number compared with a word", yaml: head + "  - {id: s, type: yes_no, show_if: n > ⟪many, text: {sv: s, en: s}}\n", words: ["takes a number"]),
        Case(name: "has with an unknown code", yaml: head + "  - {id: s, type: yes_no, show_if: m has ⟪z, text: {sv: s, en: s}}\n", words: ["'z', which is not one of its choices"]),
        Case(name: "a score compared with a word", yaml: head + "scores:\n  - {id: t, label: {sv: t, en: t}, sum: [q1]}\nreferrals:\n  - {id: r, when: t = ⟪high, level: routine, message: {sv: m, en: m}}\n", words: ["not a number"]),
        Case(name: "a score summing a question twice", yaml: head + "scores:\n  - {id: t, label: {sv: t, en: t}, sum: [⟪q1, q1]}\n", words: ["adds up 'q1' twice"]),
        Case(name: "a score id used by a question", yaml: head + "scores:\n  - ⟪{id: n, label: {sv: t, en: t}, sum: [q1]}\n", words: ["already used by a question"]),
        Case(name: "a band from above to", yaml: head + "scores:\n  - {id: t, label: {sv: t, en: t}, sum: [q1], bands: [{id: b, ⟪from: 3, to: 1, label: {sv: b, en: b}}]}\n", words: ["goes from 3 to 1"]),
        Case(name: "two rules with one id", yaml: head + "referrals:\n  - {id: r, when: q1 = yes, level: routine, message: {sv: m, en: m}}\n  - ⟪{id: r, when: q1 = no, level: routine, message: {sv: m, en: m}}\nexamples:\n  - {name: a, answers: {q1: yes}, expect: {referrals: [r]}}\n", words: ["referral rule id 'r' is used twice"]),
        Case(name: "a rule without a message", yaml: head + "referrals:\n  - ⟪{id: r, when: q1 = yes, level: routine}\n", words: ["has no 'message'"]),
        Case(name: "an example answering an unknown question", yaml: head + "examples:\n  - {name: e, answers: {⟪q9: yes}, expect: {referrals: []}}\n", words: ["'q9', which is not a question"]),
        Case(name: "an example number out of range", yaml: head + "examples:\n  - {name: e, answers: {n: ⟪11}, expect: {referrals: []}}\n", words: ["outside 0–10"]),
        Case(name: "an example expecting an unknown rule", yaml: head + "examples:\n  - ⟪{name: e, answers: {q1: yes}, expect: {referrals: [nope]}}\n", words: ["'nope', which the form does not have"]),
        Case(name: "an example expecting an unknown score", yaml: head + "examples:\n  - ⟪{name: e, answers: {q1: yes}, expect: {scores: {nope: 1}}}\n", words: ["the score 'nope'"]),
        Case(name: "an example expecting an unknown band", yaml: head + "scores:\n  - {id: t, label: {sv: t, en: t}, sum: [q1], bands: [{id: lo, from: 0, to: 1, label: {sv: b, en: b}}]}\nexamples:\n  - ⟪{name: e, answers: {q1: yes}, expect: {bands: {t: high}}}\n", words: ["no such band"]),
    ]

    @Test(arguments: cases)
    func eachRuleIsReportedAtItsPlaceWithAFix(_ rule: Case) {
        expectError(rule.yaml, mentioning: rule.words.first ?? "")
        let errors = load(MarkedText(rule.yaml).text).diagnostics.errors
        for word in rule.words.dropFirst() { #expect(errors.first?.description.contains(word) == true) }
    }

    @Test func warningsTooPointAtTheirPlace() {
        let neverShown = MarkedText(Self.head + "  - {id: s, type: yes_no, show_if: ⟪n > 10, text: {sv: s, en: s}}\n")
        let warning = load(neverShown.text).diagnostics.warnings.first
        #expect(warning?.message.contains("can never be shown") == true)
        #expect(warning?.location == neverShown.markers.first)

        let dontKnowOff = MarkedText(Self.head + "  - {id: s, type: yes_no, dont_know: false, text: {sv: s, en: s}}\n  - {id: t, type: yes_no, show_if: s = ⟪dont_know, text: {sv: t, en: t}}\n")
        let offWarnings = load(dontKnowOff.text).diagnostics.warnings
        #expect(offWarnings.contains { $0.message.contains("does not offer don't know") && $0.location == dontKnowOff.markers.first })

        let hiddenBreakdown = MarkedText(Self.head + "  - ⟪{id: g, type: single_choice, breakdown: gender, show_if: q1 = yes, text: {sv: g, en: g}, choices: [{code: kvinna, text: {sv: K, en: W}}, {code: man, text: {sv: M, en: M}}]}\n")
        #expect(load(hiddenBreakdown.text).diagnostics.warnings.contains { $0.message.contains("is not always shown") && $0.location == hiddenBreakdown.markers.first })
    }
}
