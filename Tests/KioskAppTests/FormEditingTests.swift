import Foundation
import KioskApp
import KioskCore
import KioskStore
import Testing

/// Creating and installing form files: only valid ones, atomically, with history.
@Suite struct FormEditingTests {
    @Test func theStarterFormIsValidAndExplained() throws {
        let text = FormEditing.starterForm(id: "my-form")
        let loaded = QuestionnaireLoader.load(yaml: text, file: "my-form.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(text.contains("# "))
    }

    @Test func creatingRefusesAnIDInUseOrInvalid() throws {
        let temp = try TemporaryDirectory()
        let url = try FormEditing.create(id: "uppfoljning", in: temp.url)
        #expect(url.lastPathComponent == "uppfoljning.yaml")
        #expect(throws: FormEditing.Problem.self) { try FormEditing.create(id: "uppfoljning", in: temp.url) }
        #expect(throws: FormEditing.Problem.self) { try FormEditing.create(id: "Bad Id", in: temp.url) }
    }

    @Test func installingKeepsThePreviousFileInHistory() throws {
        let temp = try TemporaryDirectory()
        let url = try FormEditing.create(id: "f", in: temp.url)
        let first = try #require(FormCatalog.read(url).loaded.questionnaire)
        let edited = FormEditing.starterForm(id: "f").replacingOccurrences(of: "Nytt formulär", with: "Nytt namn")
        try FormEditing.install(edited, at: url, previous: first, history: FormEditing.historyDirectory(temp.url), day: Day(year: 2026, month: 11, day: 25))
        #expect(try String(contentsOf: url, encoding: .utf8) == edited)
        let history = try FileManager.default.contentsOfDirectory(atPath: FormEditing.historyDirectory(temp.url).path)
        #expect(history == ["f.2026-11-25.\(first.contentHash.prefix(12)).yaml"])
        #expect(try FormCatalog.load(from: temp.url).files.count == 1, "history is not read as a form")
        let versions = FormEditing.knownVersions(of: "f", forms: temp.url, store: nil)
        #expect(versions.count == 2)
        #expect(versions.last?.origin.hasSuffix("(current)") == true)
    }

    @Test func errorsAreListedAtTheTopAndTakenAwayAgain() throws {
        let text = "id: f\ntitle: x\n"
        let loaded = FormEditing.check(text, file: "f.yaml", expectedID: "f", stored: [])
        let annotated = FormEditing.withErrorHeader(text, diagnostics: loaded.diagnostics)
        let count = loaded.diagnostics.errors.count
        #expect(count > 1)
        #expect(annotated.hasPrefix("# !! This form has \(count) errors. Fix them, save and close"))
        #expect(FormEditing.strippingErrorHeader(annotated) == text)
        let one = FormEditing.check("id: f\ntitle: {sv: x, en: x}\nlanguages: [sv, en]\nquestions:\n  - {id: q1, type: yes_no, text: {sv: a, en: a}, requird: true}\n",
                                    file: "f.yaml", expectedID: "f", stored: [])
        #expect(one.diagnostics.errors.count == 1, "\(one.diagnostics)")
        #expect(FormEditing.withErrorHeader("x", diagnostics: one.diagnostics).hasPrefix("# !! This form has 1 error. Fix it, save and close"))
        let lines = annotated.components(separatedBy: "\n")
        let headerLines = lines.prefix { $0.hasPrefix("# !! ") }.count
        #expect(loaded.diagnostics.errors.allSatisfy { error in
            guard let location = error.location else { return true }
            return annotated.contains("line \(location.line + headerLines),")
        })
    }

    @Test func anEditMayNotChangeTheIDOrTheMeaningOfStoredAnswers() throws {
        let original = try #require(QuestionnaireLoader.load(yaml: FormEditing.starterForm(id: "f"), file: "f.yaml").questionnaire)
        let renamed = FormEditing.check(FormEditing.starterForm(id: "g"), file: "f.yaml", expectedID: "f", stored: [original])
        #expect(renamed.diagnostics.errors.contains { $0.message.contains("id changed from 'f' to 'g'") })
        let retyped = FormEditing.starterForm(id: "f").replacingOccurrences(of: "  - id: q1\n    type: yes_no\n", with: "  - id: q1\n    type: scale\n    min: 1\n    max: 5\n")
            .replacingOccurrences(of: "q1 = no", with: "q1 = 1").replacingOccurrences(of: "{q1: yes,", with: "{q1: 5,").replacingOccurrences(of: "{q1: no,", with: "{q1: 1,")
        let checked = FormEditing.check(retyped, file: "f.yaml", expectedID: "f", stored: [original])
        #expect(checked.diagnostics.errors.map(\.message) == ["question 'q1' was a yes_no question in a version with stored answers, but is now scale"])
    }
}
