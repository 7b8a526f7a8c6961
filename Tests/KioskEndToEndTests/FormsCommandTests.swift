import Foundation
import Testing

/// `kiosk forms list | show | validate` from the real binary.
@Suite(.serialized) struct FormsCommandTests {
    @Test func validateAcceptsTheShippedForms() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["forms", "validate"], in: scratch)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("All 5 forms are valid."))
        #expect(run.stdout.contains("violence-seven.yaml: ok — 10 questions, 7 examples give the expected results"))
    }

    @Test func validateReportsEveryProblemWithItsLocationAndFails() throws {
        let scratch = try Scratch()
        let path = try scratch.write("""
            id: broken
            title: {sv: Trasig, en: Broken}
            languages: [sv, en]
            questions:
              - id: q1
                type: yes_no
                text: {sv: Ett, en: One}
                show_iff: q1 = yes
              - id: q2
                type: yes_no
                text: {sv: Två}
            """, to: "broken.yaml")
        let run = try runKiosk(["forms", "validate", path], in: scratch)
        #expect(run.status == 1)
        #expect(run.stdout.contains("broken.yaml:8:5: error: unknown key 'show_iff' in question 'q1'; did you mean 'show_if'?"))
        #expect(run.stdout.contains("broken.yaml:11:11: error: the text of question 'q2' has no 'en' text"))
        #expect(run.stdout.contains("broken.yaml: 2 errors — not usable until fixed"))
        let missing = try runKiosk(["forms", "validate", scratch.path("nope.yaml")], in: scratch)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test func listShowsIDTitleLanguagesQuestionsAndVersion() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["forms", "list", "--lang", "en"], in: scratch)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        let seven = try #require(lines.first { $0.hasPrefix("violence-seven") })
        #expect(seven.contains("Seven questions about violence"))
        #expect(seven.contains("sv,en"))
        #expect(seven.contains(" 10 "))
        #expect(seven.hasSuffix("ok"))
    }

    @Test func showRendersTheWholeFormInTheChosenLanguage() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["forms", "show", "hark", "--lang", "en"], in: scratch)
        #expect(run.status == 0)
        #expect(run.stdout.contains("HARK — intimate partner violence in the last year  (hark)"))
        #expect(run.stdout.contains("1. humiliated — yes/no, required"))
        #expect(run.stdout.contains("hark (HARK score) = humiliated + afraid + raped + kicked"))
        #expect(run.stdout.contains("afraid-now (urgent) when afraid = yes"))
        let unknown = try runKiosk(["forms", "show", "nope"], in: scratch)
        #expect(unknown.status == 1)
    }
}
