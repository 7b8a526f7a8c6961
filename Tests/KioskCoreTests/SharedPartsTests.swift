import KioskTestSupport
import KioskCore
import Testing

/// What real instruments need from the format: form-wide defaults, a stem shared by a block of items,
/// choice lists written once, `any(…) in (…)`, support lines that fit the person, and a note for staff.
@Suite struct SharedPartsTests {
    init() { ShippedLanguages.install() }

    @Test func formWideDefaultsApplyToEveryQuestionUnlessItSaysOtherwise() throws {
        let form = try validForm("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            defaults: {dont_know: false, required: false}
            questions:
              - {id: a, type: yes_no, text: {sv: a, en: a}}
              - {id: b, type: yes_no, dont_know: true, required: true, text: {sv: b, en: b}}
            """)
        #expect(form.question("a")?.allowsDontKnow == false)
        #expect(form.question("a")?.isRequired == false)
        #expect(form.question("b")?.allowsDontKnow == true)
        #expect(form.question("b")?.isRequired == true)
    }

    @Test func aStemAndAChoiceSetAreWrittenOnceAndUsedByManyQuestions() throws {
        let form = try validForm("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            stems:
              two-weeks: {sv: Under de senaste två veckorna, hur ofta …, en: "Over the last 2 weeks, how often …"}
            choice_sets:
              freq:
                - {code: never, text: {sv: Aldrig, en: Never}, score: 0}
                - {code: often, text: {sv: Ofta, en: Often}, score: 1}
            questions:
              - {id: a, type: single_choice, stem: two-weeks, choices: freq, text: {sv: a, en: a}}
              - {id: b, type: single_choice, stem: two-weeks, choices: freq, text: {sv: b, en: b}}
            """)
        #expect(form.question("a")?.choices.map(\.code) == ["never", "often"])
        #expect(form.question("b")?.choices == form.question("a")?.choices)
        #expect(form.question("b")?.stem?.text(in: .english) == "Over the last 2 weeks, how often …")
    }

    @Test func anUnknownChoiceSetOrStemIsAnErrorThatSuggestsTheClosest() {
        let loaded = load("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            stems:
              two-weeks: {sv: S, en: S}
            choice_sets:
              freq:
                - {code: never, text: {sv: Aldrig, en: Never}}
                - {code: often, text: {sv: Ofta, en: Often}}
            questions:
              - {id: a, type: single_choice, stem: two-week, choices: frq, text: {sv: a, en: a}}
            """)
        let messages = loaded.diagnostics.errors.map(\.description)
        #expect(messages.contains { $0.contains("test.yaml:11:59: error: the choices of question 'a' name the choice set 'frq', which the form does not have; did you mean 'freq'?") }, "\(messages)")
        #expect(messages.contains { $0.contains("test.yaml:11:40: error: the stem 'two-week' of question 'a' is not one of the form's stems; did you mean 'two-weeks'?") })
        #expect(loaded.diagnostics.warnings.map(\.message).sorted().filter { !$0.contains("file name") }
                == ["the choice set 'freq' is used by no question", "the stem 'two-weeks' is used by no question"])
    }

    @Test func anyAndAllTakeAListOfCodes() throws {
        let form = try validForm("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: a, type: yes_no, text: {sv: a, en: a}}
              - {id: b, type: yes_no, text: {sv: b, en: b}}
            referrals:
              - {id: some, when: "any(a, b) in (yes, dont_know)", level: routine, message: {sv: m, en: m}}
              - {id: every, when: "all(a, b) in (yes, dont_know)", level: routine, message: {sv: m, en: m}}
            """)
        func fired(_ answers: Answers) -> [String] { form.assess(answers).referrals.map(\.id) }
        #expect(fired(["a": .choice("yes"), "b": .choice("no")]) == ["some"])
        #expect(fired(["a": .choice("yes"), "b": .dontKnow]) == ["some", "every"])
        #expect(fired(["a": .choice("no"), "b": .declined]) == [])
        let wrong = load(minimalForm + """
            referrals:
              - {id: r, when: "any(q1) in (maybe)", level: routine, message: {sv: m, en: m}}
            """)
        #expect(wrong.diagnostics.errors.map(\.message) == ["'when' of referral rule 'r' compares 'q1' with 'maybe', which is not one of its choices"])
    }

    @Test func supportLinesForSomeGendersAreShownToThemAndWhenTheGenderIsNotKnown() throws {
        let form = try validForm("""
            id: t
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: a, en: a}}
              - id: gender
                type: single_choice
                breakdown: gender
                text: {sv: Kön, en: Gender}
                choices:
                  - {code: kvinna, text: {sv: Kvinna, en: Woman}}
                  - {code: man, text: {sv: Man, en: Man}}
                  - {code: annan, text: {sv: Annat, en: Other}}
            support:
              - {id: women, for_gender: [kvinna], text: {sv: K, en: K}}
              - {id: men, for_gender: [man], text: {sv: M, en: M}}
              - {id: everyone, text: {sv: A, en: A}}
            general_support: [women, men, everyone]
            """)
        func lines(_ answers: Answers) -> [String] { form.supportLines(form.generalSupport, answers: answers).map(\.id) }
        #expect(lines(["gender": .choice("man")]) == ["men", "everyone"])
        #expect(lines(["gender": .choice("kvinna")]) == ["women", "everyone"])
        #expect(lines(["gender": .choice("annan")]) == ["everyone"])
        #expect(lines(["gender": .declined]) == ["women", "men", "everyone"], "not known: every line")
        #expect(lines([:]) == ["women", "men", "everyone"], "not asked yet: every line")
    }

    @Test func generalSupportAndForGenderAreChecked() {
        let loaded = load(minimalForm + """
            support:
              - {id: women, for_gender: [female], text: {sv: K, en: K}}
            general_support: [womn]
            """)
        let messages = loaded.diagnostics.errors.map(\.message)
        #expect(messages.contains("'for_gender' of support entry 'women' has 'female', which is not a gender code"))
        #expect(messages.contains("'general_support' names the support entry 'womn', which the form does not have"))
    }

    @Test func aStaffNoteIsPartOfTheFormButNeverAQuestion() throws {
        let form = try validForm(minimalForm.replacingOccurrences(of: "questions:", with: """
            staff_note: {sv: Ställ frågorna enskilt., en: Ask in private.}
            questions:
            """))
        #expect(form.staffNote?.text(in: .swedish) == "Ställ frågorna enskilt.")
        #expect(form.questions.map(\.id) == ["q1"])
    }

    @Test func newKeysAtTheirDefaultsKeepAFormsContentHash() throws {
        let plain = try validForm(minimalForm)
        let explicit = try validForm(minimalForm.replacingOccurrences(of: "questions:", with: "defaults: {dont_know: true, required: true}\nquestions:"))
        #expect(plain.contentHash == explicit.contentHash)
        #expect(plain.contentHash == (try Questionnaire.fromCanonicalDefinition(plain.canonicalDefinition)).contentHash)
    }
}
