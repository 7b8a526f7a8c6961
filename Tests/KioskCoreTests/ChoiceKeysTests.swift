import KioskTestSupport
import KioskCore
import Testing

/// A typed number never picks another choice than the one whose label it is.
@Suite struct ChoiceKeysTests {
    let drinks: Question
    let age: Question

    init() throws {
        ShippedLanguages.install()
        let form = try validForm("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - id: drinks
                type: single_choice
                text: {sv: Hur många?, en: How many?}
                choices:
                  - {code: 1-2, text: {sv: 1–2, en: 1 or 2}}
                  - {code: 3-4, text: {sv: 3–4, en: 3 or 4}}
                  - {code: 5-6, text: {sv: 5–6, en: 5 or 6}}
                  - {code: 10+, text: {sv: 10 eller fler, en: 10 or more}}
              - id: age
                type: single_choice
                breakdown: age_band
                text: {sv: Ålder, en: Age}
                choices:
                  - {code: 16-24, text: {sv: 16–24 år, en: 16–24}}
                  - {code: 25-34, text: {sv: 25–34 år, en: 25–34}}
                  - {code: 65+, text: {sv: 65 år eller äldre, en: 65 or older}}
              - id: mood
                type: scale
                min: 0
                max: 3
                labels:
                  0: {sv: Inte alls, en: Not at all}
                  1: {sv: Flera dagar, en: Several days}
                  2: {sv: Mer än hälften av dagarna, en: More than half the days}
                  3: {sv: Nästan varje dag, en: Nearly every day}
                text: {sv: Nedstämd?, en: Feeling down?}
            """)
        drinks = try #require(form.question("drinks"))
        age = try #require(form.question("age"))
        mood = try #require(form.question("mood"))
    }

    let mood: Question

    func parse(_ line: String, _ question: Question, _ language: Language = .swedish) -> Response {
        ResponseParser.parse(line, for: question, current: nil, language: language)
    }

    @Test func labelsThatBeginWithNumbersAreKeyedByLetters() {
        #expect(drinks.choiceKeying == .letters)
        #expect(drinks.choiceKeys == ["a", "b", "c", "d"])
        #expect(parse("b", drinks) == .answer(.choice("3-4")))
        #expect(parse("B", drinks) == .answer(.choice("3-4")))
    }

    @Test func aTypedNumberPicksTheChoiceWhoseLabelItIs() {
        #expect(parse("3", drinks) == .answer(.choice("3-4")), "three glasses, not the third choice")
        #expect(parse("4", drinks, .english) == .answer(.choice("3-4")), "'3 or 4' in English")
        #expect(parse("12", drinks) == .answer(.choice("10+")))
        #expect(parse("8", drinks) == .invalid(.numberNotAKey("8")), "no label stands for 8: the letter is asked for")
    }

    @Test func anAgeIsReadAsItsBand() {
        #expect(age.choiceKeying == .letters)
        #expect(parse("29", age) == .answer(.choice("25-34")))
        #expect(parse("70", age) == .answer(.choice("65+")))
        #expect(parse("12", age) == .invalid(.ageOutsideBands(12)))
        #expect(parse("c", age) == .answer(.choice("65+")))
    }

    @Test func aLabelledScaleIsAnsweredByThePrintedNumberOrItsLabel() {
        #expect(parse("0", mood) == .answer(.number(0)))
        #expect(parse("3", mood) == .answer(.number(3)))
        #expect(parse("nästan", mood) == .answer(.number(3)))
        #expect(parse("inte alls", mood) == .answer(.number(0)))
    }

    @Test func plainLabelsKeepNumberKeys() throws {
        let form = try validForm(minimalForm)
        #expect(form.question("q1")?.choiceKeys == ["1", "2"])
    }

    @Test func forcingNumberKeysOnNumberedLabelsWarns() {
        let loaded = load("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - id: drinks
                type: single_choice
                keys: numbers
                text: {sv: Hur många?, en: How many?}
                choices:
                  - {code: none, text: {sv: Inga, en: None}}
                  - {code: 3-4, text: {sv: 3–4, en: 3 or 4}}
                  - {code: 1-2, text: {sv: 1–2, en: 1 or 2}}
            """)
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(loaded.diagnostics.warnings.contains { $0.message.contains("the label of choice '3-4' of question 'drinks' begins with 3, but typing 3 picks choice 3 ('1-2'), not this one") })
    }

    @Test func everyPointOfALabelledScaleNeedsItsLabel() {
        let loaded = load(minimalForm + """
              - id: s
                type: scale
                min: 0
                max: 2
                labels:
                  0: {sv: a, en: a}
                  5: {sv: b, en: b}
                text: {sv: S, en: S}
            """)
        let messages = loaded.diagnostics.errors.map(\.message)
        #expect(messages.contains("'labels' of question 's' labels 5, outside the scale 0–2"))
        #expect(messages.contains("'labels' of question 's' has no label for 1, 2"))
    }

    @Test func labelNumbersAreReadFromTheirStart() {
        func range(_ label: String) -> ClosedRange<Int>? {
            Question(id: "x", kind: .singleChoice([Choice(code: "a", text: LocalizedText([.swedish: label]))]), text: LocalizedText([.swedish: "x"]))
                .numbers(of: Choice(code: "a", text: LocalizedText([.swedish: label])), in: .swedish)
        }
        #expect(range("7 to 9") == 7...9)
        #expect(range("4 gånger i veckan eller mer") == 4...Int.max)
        #expect(range("2–3 gånger i veckan") == 2...3)
        #expect(range("En gång i månaden eller mer sällan") == nil)
        #expect(range("3") == 3...3)
        // Spaces before the number: plain, tab, and a no-break space (read the long way).
        #expect(range("  5 eller fler") == 5...Int.max)
        #expect(range("\t6") == 6...6)
        #expect(range("\u{00A0}8–9") == 8...9)
        #expect(range("") == nil)
        #expect(range("Åtta") == nil)
    }
}
