import KioskTestSupport
import KioskCore
import Testing

/// What a typed line means at a prompt.
@Suite struct ResponseParserTests {
    let form: Questionnaire

    init() throws {
        ShippedLanguages.install()
        form = try validForm("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: yn, type: yes_no, text: {sv: a, en: a}}
              - id: often
                type: single_choice
                text: {sv: b, en: b}
                choices:
                  - {code: never, text: {sv: Aldrig, en: Never}}
                  - {code: sometimes, text: {sv: Ibland, en: Sometimes}}
                  - {code: seldom, text: {sv: Sällan, en: Seldom}}
                  - {code: always, text: {sv: Alltid, en: Always}}
              - id: who
                type: multiple_choice
                text: {sv: c, en: c}
                choices:
                  - {code: partner, text: {sv: Partner, en: Partner}}
                  - {code: family, text: {sv: Familj, en: Family}}
                  - {code: other, text: {sv: Annan, en: Other}}
              - {id: scale, type: scale, min: 1, max: 5, min_label: {sv: Inte alls, en: Not at all}, max_label: {sv: Helt, en: Fully}, text: {sv: d, en: d}}
              - {id: months, type: number, min: 0, max: 60, text: {sv: e, en: e}, dont_know: false}
              - {id: optional, type: yes_no, required: false, text: {sv: f, en: f}}
            """)
    }

    func parse(_ line: String, _ id: String, current: Answer? = nil, language: Language = .swedish) -> Response {
        ResponseParser.parse(line, for: form.question(id)!, current: current, language: language)
    }

    @Test func yesNoTakesNumbersAndWordsInBothLanguages() {
        for yes in ["1", "ja", "JA", "j", "yes", "Y", " Ja "] { #expect(parse(yes, "yn") == .answer(.choice("yes")), "\(yes)") }
        for no in ["2", "nej", "n", "No", "NEJ"] { #expect(parse(no, "yn") == .answer(.choice("no")), "\(no)") }
        #expect(parse("3", "yn") == .invalid(.unknownChoice("3")))
        #expect(parse("kanske", "yn") == .invalid(.unknownChoice("kanske")))
    }

    @Test func aChoiceIsPickedByNumberLabelOrUniquePrefix() {
        #expect(parse("2", "often") == .answer(.choice("sometimes")))
        #expect(parse("alltid", "often") == .answer(.choice("always")))
        #expect(parse("ALL", "often") == .answer(.choice("always")))
        #expect(parse("sä", "often") == .answer(.choice("seldom")))
        #expect(parse("seldom", "often") == .answer(.choice("seldom")), "the code works too")
        #expect(parse("Alw", "often", language: .english) == .answer(.choice("always")))
    }

    @Test func anAmbiguousPrefixNamesTheCandidates() {
        #expect(parse("a", "often") == .invalid(.ambiguous("a", ["never", "always"])))
        #expect(parse("9", "often") == .invalid(.unknownChoice("9")))
    }

    @Test func theCommandsWorkAtEveryQuestionInBothLanguages() {
        for id in ["yn", "often", "who", "scale", "months"] {
            #expect(parse("<", id) == .back)
            #expect(parse("tillbaka", id) == .back)
            #expect(parse("?", id) == .help)
            #expect(parse("help", id) == .help)
            #expect(parse("-", id) == .answer(.declined))
            #expect(parse("vill inte svara", id) == .answer(.declined))
            #expect(parse("Decline", id) == .answer(.declined))
            #expect(parse("!", id) == .abort)
            #expect(parse("avbryt", id) == .abort)
        }
        #expect(parse("*", "yn") == .answer(.dontKnow))
        #expect(parse("vet inte", "yn") == .answer(.dontKnow))
        #expect(parse("don’t know", "yn") == .answer(.dontKnow))
        #expect(parse("*", "months") == .invalid(.dontKnowNotOffered))
    }

    @Test func severalChoicesAreSeparatedByCommasOrSpaces() {
        #expect(parse("1,3", "who") == .answer(.choices(["partner", "other"])))
        #expect(parse("3 1", "who") == .answer(.choices(["partner", "other"])))
        #expect(parse("familj, partner", "who") == .answer(.choices(["partner", "family"])))
        #expect(parse("1,1", "who") == .answer(.choices(["partner"])))
        #expect(parse("1,7", "who") == .invalid(.unknownChoice("7")))
        #expect(parse(",", "who") == .invalid(.emptyButRequired), "separators alone are no answer")
    }

    @Test func numbersMustBeWholeAndInRange() {
        #expect(parse("3", "scale") == .answer(.number(3)))
        #expect(parse("inte alls", "scale") == .answer(.number(1)))
        #expect(parse("6", "scale") == .invalid(.outOfRange(6, 1...5)))
        #expect(parse("tre", "scale") == .invalid(.notANumber("tre")))
        #expect(parse("0", "months") == .answer(.number(0)))
        #expect(parse("61", "months") == .invalid(.outOfRange(61, 0...60)))
        #expect(parse("-1", "months") == .invalid(.outOfRange(-1, 0...60)))
        #expect(parse("2.5", "months") == .invalid(.notANumber("2.5")))
    }

    @Test func anEmptyLineKeepsAnAnswerSkipsAnOptionalQuestionOrAsksAgain() {
        #expect(parse("", "yn") == .invalid(.emptyButRequired))
        #expect(parse("   ", "yn", current: .choice("no")) == .proceed)
        #expect(parse("", "optional") == .answer(.skipped))
    }
}
