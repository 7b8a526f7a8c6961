import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// Structural problems in form files: each reported with its line and column and a fix.
@Suite struct QuestionnaireLoaderTests {
    init() { ShippedLanguages.install() }

    @Test func aMinimalFormLoadsWithItsTexts() throws {
        let form = try validForm(minimalForm)
        #expect(form.id == "test")
        #expect(form.languages == [.swedish, .english])
        #expect(form.questions.map(\.id) == ["q1"])
        #expect(form.questions[0].text.text(in: .english) == "Question one")
        #expect(form.questions[0].isRequired)
        #expect(form.questions[0].allowsDontKnow)
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let loaded = load("id: x\ntitle: {sv: a, en: b\nlanguages: [sv]\n")
        #expect(loaded.questionnaire == nil)
        let error = loaded.diagnostics.errors.first
        #expect(error?.location?.line != nil)
        #expect(error?.message.contains("not valid YAML") == true)
        #expect(error?.fix != nil)
    }

    @Test func aKeyWrittenTwiceIsAnError() {
        let loaded = load(minimalForm + "id: again\n")
        #expect(loaded.diagnostics.errors.first?.message.contains("'id' appears twice") == true)
    }

    @Test func anEmptyFileIsAnEmptyForm() {
        for text in ["", "# only a comment\n", "   \n"] {
            let errors = load(text).diagnostics.errors
            #expect(errors.count == 1)
            #expect(errors.first?.message == "the form is empty")
        }
    }

    @Test func aFormWithoutQuestionsIsReported() {
        expectError("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            ⟪questions:
              - id: note
                type: info
                text: {sv: Bara text, en: Just text}
            """, mentioning: "has no questions that take an answer")
    }

    @Test func aTypoInAKeyDoesNotPassSilently() {
        expectError(minimalForm + """
              - id: q2
                type: yes_no
                text: {sv: Två, en: Two}
                ⟪show_iff: q1 = yes
            """, mentioning: "unknown key 'show_iff'", "did you mean 'show_if'")
    }

    @Test func anUnknownTopLevelKeyIsReported() {
        expectError("⟪titel: x\n" + minimalForm, mentioning: "unknown key 'titel'", "did you mean 'title'")
    }

    @Test func aMissingTranslationIsReportedForTheDeclaredLanguage() {
        expectError("""
            id: test
            title: {sv: T, en: T}
            languages: [sv, en]
            questions:
              - id: q1
                type: yes_no
                text: ⟪{sv: Bara svenska}
            """, mentioning: "question 'q1'", "no 'en' text")
    }

    @Test func aPlainTextIsOnlyEnoughForAOneLanguageForm() throws {
        let oneLanguage = try validForm("id: test\ntitle: Test\nlanguages: [sv]\nquestions:\n  - {id: q1, type: yes_no, text: Fråga}\n")
        #expect(oneLanguage.questions[0].text.text(in: .swedish) == "Fråga")
        expectError("""
            id: test
            title: ⟪Test
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: a, en: b}}
            """, mentioning: "one language only")
    }

    @Test func anUnknownTypeSuggestsTheClosest() {
        expectError(minimalForm + """
              - id: q2
                type: ⟪yesno
                text: {sv: Två, en: Two}
            """, mentioning: "unknown type 'yesno'", "did you mean 'yes_no'")
    }

    @Test func aMissingIDIsReportedAtTheQuestion() {
        expectError(minimalForm + """
              - ⟪type: yes_no
                text: {sv: Två, en: Two}
            """, mentioning: "question 2 has no 'id'")
    }

    @Test func anInvalidIDSaysWhatIsAllowed() {
        expectError(minimalForm + """
              - id: ⟪Fråga 2
                type: yes_no
                text: {sv: Två, en: Two}
            """, mentioning: "'Fråga 2'", "not a valid id")
    }

    @Test func aReservedWordCannotBeAnID() {
        expectError(minimalForm + """
              - id: ⟪and
                type: yes_no
                text: {sv: Två, en: Two}
            """, mentioning: "reserves")
    }

    @Test func aScaleWithMinNotBelowMaxIsAnError() {
        expectError(minimalForm + """
              - id: q2
                type: scale
                ⟪min: 5
                max: 5
                text: {sv: Två, en: Two}
            """, mentioning: "'min' must be below 'max'")
    }

    @Test func aNumberRangeUpsideDownIsAnError() {
        expectError(minimalForm + """
              - id: q2
                type: number
                ⟪min: 10
                max: 1
                text: {sv: Två, en: Two}
            """, mentioning: "'min' must not be above 'max'")
    }

    @Test func aKeyOfAnotherTypeIsReported() {
        expectError(minimalForm + """
              - id: q2
                type: yes_no
                ⟪choices: []
                text: {sv: Två, en: Two}
            """, mentioning: "'choices' does not apply to yes_no")
    }

    @Test func aNonNumberWhereANumberBelongsIsReported() {
        expectError(minimalForm + """
              - id: q2
                type: scale
                min: ⟪one
                max: 5
                text: {sv: Två, en: Two}
            """, mentioning: "whole number", "'one'")
    }

    @Test func requiredMustBeTrueOrFalse() {
        expectError(minimalForm + """
              - id: q2
                type: yes_no
                required: ⟪yes
                text: {sv: Två, en: Two}
            """, mentioning: "true or false")
    }

    @Test func aChoiceCodeMayNotBeAReservedAnswer() {
        expectError(minimalForm + """
              - id: q2
                type: single_choice
                text: {sv: Två, en: Two}
                choices:
                  - {code: a, text: {sv: A, en: A}}
                  - {code: ⟪declined, text: {sv: Vill inte svara, en: Declined}}
            """, mentioning: "reserved", "offered on every question")
    }

    @Test func aChoiceCodeWithSpacesIsNotValid() {
        expectError(minimalForm + """
              - id: q2
                type: single_choice
                text: {sv: Två, en: Two}
                choices:
                  - {code: a, text: {sv: A, en: A}}
                  - {code: ⟪b c, text: {sv: B, en: B}}
            """, mentioning: "not a valid code")
    }

    @Test func freeTextMustBeMarkedAsNeverExported() {
        expectError("allow_free_text: true\n" + minimalForm + """
              - ⟪id: notes
                type: free_text
                text: {sv: Övrigt, en: Other}
            """, mentioning: "never exported", "exported: false")
    }

    @Test func anUnknownLevelIsReported() {
        expectError(minimalForm + """
            referrals:
              - id: r
                when: q1 = yes
                level: ⟪soon
                message: {sv: m, en: m}
            examples:
              - {name: e, answers: {q1: yes}, expect: {referrals: [r]}}
            """, mentioning: "'soon'", "urgent")
    }

    @Test func aConditionWithASyntaxErrorPointsInsideIt() {
        expectError(minimalForm + """
              - id: q2
                type: yes_no
                text: {sv: Två, en: Two}
                show_if: q1 = yes and⟪
            """, mentioning: "'show_if' of question 'q2' cannot be read")
        expectError(minimalForm + """
              - id: q2
                type: yes_no
                text: {sv: Två, en: Two}
                show_if: "q1 ⟪== yes"
            """, mentioning: "cannot be read")
    }

    @Test func theLanguagesMustBeTwoLetterCodes() {
        expectError("""
            id: test
            title: {sv: T}
            languages: [sv, ⟪english]
            questions:
              - {id: q1, type: yes_no, text: {sv: a}}
            """, mentioning: "'english' is not a two-letter language code")
    }

    @Test func aTextInAnUndeclaredLanguageWarns() {
        let loaded = load(minimalForm.replacingOccurrences(of: "{sv: Fråga ett, en: Question one}", with: "{sv: Fråga ett, en: Question one, de: Frage eins}"))
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(loaded.diagnostics.warnings.first?.message.contains("'de'") == true)
    }

    @Test func aFileNameThatDiffersFromTheIDWarns() {
        let loaded = load(minimalForm, file: "Questionnaires/other.yaml")
        #expect(loaded.isValid)
        #expect(loaded.diagnostics.warnings.first?.message.contains("differs from the file name") == true)
    }

    @Test func diagnosticsPrintAsFileLineColumnRuleAndFix() {
        let diagnostic = Diagnostic(.error, file: "Questionnaires/hark.yaml", at: KioskCore.SourceLocation(line: 14, column: 5),
                                    "question 'q3' refers to unknown question 'q9' in show_if", fix: "use an earlier question")
        #expect(diagnostic.description == "Questionnaires/hark.yaml:14:5: error: question 'q3' refers to unknown question 'q9' in show_if; use an earlier question")
    }
}
