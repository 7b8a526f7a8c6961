import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// The content hash identifies a form version: layout and comments do not change it, content does.
@Suite struct ContentHashTests {
    init() { ShippedLanguages.install() }

    @Test func commentsAndLayoutKeepTheHash() throws {
        let original = try validForm(minimalForm)
        let reformatted = try validForm("""
            # A comment
            id: test
            title:
              sv: Test
              en: Test
            languages:
              - sv
              - en
            questions:
              - text: {en: Question one, sv: Fråga ett}
                type: yes_no
                id: q1
            """)
        #expect(original.contentHash == reformatted.contentHash)
        #expect(original.contentHash.count == 64)
    }

    @Test func changingAWordChangesTheHash() throws {
        let original = try validForm(minimalForm)
        let reworded = try validForm(minimalForm.replacingOccurrences(of: "Question one", with: "Question 1"))
        #expect(original.contentHash != reworded.contentHash)
    }

    @Test func examplesAreNotPartOfTheVersion() throws {
        let original = try validForm(minimalForm)
        let withExamples = try validForm(minimalForm + "examples:\n  - {name: e, answers: {q1: yes}, expect: {referrals: []}}\n")
        #expect(original.contentHash == withExamples.contentHash)
    }

    @Test func theCanonicalDefinitionReadsBackToTheSameForm() throws {
        for url in try shippedFormURLs() {
            let form = try #require(QuestionnaireLoader.load(yaml: String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent).questionnaire)
            let restored = try Questionnaire.fromCanonicalDefinition(form.canonicalDefinition)
            #expect(restored.contentHash == form.contentHash)
            #expect(restored.questions.map(\.id) == form.questions.map(\.id))
            #expect(restored.referrals.map(\.when.source) == form.referrals.map(\.when.source))
            let answers: Answers = Dictionary(uniqueKeysWithValues: form.questions.compactMap { q in q.choices.first.map { (q.id, Answer.choice($0.code)) } })
            #expect(restored.assess(answers).referrals.map(\.id) == form.assess(answers).referrals.map(\.id))
        }
    }
}
