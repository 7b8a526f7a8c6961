import Foundation
import KioskCore
import KioskStore
import SwiftCSV
import Testing

/// Editing forms from the command line: refused mistakes, installed versions, old data kept, diffs,
/// preview, and REDCap dictionaries imported and run.
@Suite(.serialized) struct FormEditingRunTests {
    /// A scratch folder with its own copy of the shipped forms.
    func withForms() throws -> (scratch: Scratch, forms: String) {
        let scratch = try Scratch()
        let forms = scratch.path("forms")
        try FileManager.default.copyItem(atPath: repositoryForms, toPath: forms)
        return (scratch, forms)
    }

    /// An editor: a shell script run on the file.
    func editor(_ script: String, in scratch: Scratch) throws -> String {
        let path = try scratch.write("#!/bin/sh\n" + script + "\n", to: "editor-\(UUID().uuidString).sh")
        // Run by sh rather than executed: a file just written may be "busy" to exec while another test
        // process forks with it open.
        return "/bin/sh \(path)"
    }

    static let hark = ["", "ja", "nej", "-", "nej", "kvinna", "", ""].joined(separator: "\n") + "\n"

    @Test func anEditWithAMistakeIsRefusedAndTheFormStaysAsItWas() throws {
        let (scratch, forms) = try withForms()
        let before = try Data(contentsOf: URL(fileURLWithPath: forms + "/hark.yaml"))
        let bad = try editor("sed -i 's/level: urgent/level: asap/' \"$1\"", in: scratch)
        let run = try runKiosk(["forms", "edit", "hark"], input: "d\n", in: scratch, environment: ["KIOSK_FORMS_DIR": forms, "EDITOR": bad])
        #expect(run.status == 1)
        #expect(run.stdout.contains("hark.yaml:126:12: error: the level of referral rule 'afraid-now' is 'asap'"))
        #expect(run.stdout.contains("Discarded. The installed form is unchanged."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: forms + "/hark.yaml")) == before)
        #expect(!FileManager.default.fileExists(atPath: forms + "/history"))
    }

    @Test func aMistypedOrBrokenFormOnANewKioskIsNamedAndMakesNoDatabase() throws {
        let (scratch, forms) = try withForms()
        let mistyped = try runKiosk(["interview", "hrak"], input: Self.hark, in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(mistyped.status == 1)
        #expect(mistyped.stderr.contains("'hrak'") && mistyped.stderr.contains("'hark'"), "\(mistyped.stderr)")
        let file = forms + "/hark.yaml"
        try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "level: urgent", with: "level: asap")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let broken = try runKiosk(["interview", "hark"], input: Self.hark, in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("hark.yaml:126:12: error: the level of referral rule 'afraid-now' is 'asap'"), "\(broken.stderr)")
        #expect(!broken.stdout.contains("Tryck Enter"), "no interview began")
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDir + "/kiosk.sqlite"), "no database was made for a form that cannot be used")
    }

    @Test func reopeningShowsTheErrorsAtTheTopAndAFixedCopyIsInstalled() throws {
        let (scratch, forms) = try withForms()
        // The first run makes a mistake; the second sees the error lines and fixes it.
        let script = try editor("""
            if grep -q '^# !! ' "$1"; then
              grep -q "line 128, column 12: the level of referral rule 'afraid-now' is 'asap'" "$1" || exit 3
              sed -i 's/level: asap/level: urgent/; s/varit rädd för din partner/känt dig rädd för din partner/' "$1"
            else
              sed -i 's/level: urgent/level: asap/' "$1"
            fi
            """, in: scratch)
        let run = try runKiosk(["forms", "edit", "hark"], input: "r\n", in: scratch, environment: ["KIOSK_FORMS_DIR": forms, "EDITOR": script])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Installed"))
        let installed = try String(contentsOfFile: forms + "/hark.yaml", encoding: .utf8)
        #expect(installed.contains("känt dig rädd") && !installed.contains("# !!"))
        let history = try FileManager.default.contentsOfDirectory(atPath: forms + "/history")
        #expect(history.count == 1 && history[0].hasPrefix("hark."))
    }

    @Test func aValidEditIsUsedByNewInterviewsWhileOldOnesStillSummarize() throws {
        let (scratch, forms) = try withForms()
        let env = ["KIOSK_FORMS_DIR": forms]
        #expect(try runKiosk(["interview", "hark"], input: Self.hark, in: scratch, environment: env).status == 0)
        let reword = try editor("sed -i 's/varit rädd för din partner/känt dig rädd för din partner/' \"$1\"", in: scratch)
        let edit = try runKiosk(["forms", "edit", "hark"], in: scratch, environment: env.merging(["EDITOR": reword]) { $1 })
        #expect(edit.status == 0, "\(edit.stdout)\(edit.stderr)")
        let second = try runKiosk(["interview", "hark"], input: Self.hark + Self.hark, in: scratch, environment: env)
        #expect(second.stdout.contains("känt dig rädd"))
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(Set(try store.interviews().map(\.formHash)).count == 2)
        let summary = try runKiosk(["summary", "hark", "--json", "--min-cell", "3"], in: scratch, environment: env)
        let report = try JSONDecoder().decode(SummaryReport.self, from: Data(summary.stdout.utf8))
        // Published numbers are perturbed (3 may show as 3, 4 or 5); the true count comes from the store.
        #expect((3...5).contains(report.groups.first?.interviews.table.grandTotal.value ?? 0), "both versions are counted")
        let form = try #require(try store.formVersions(formID: "hark").last)
        #expect(try store.groupedCounts(formID: form.id, options: SummaryOptions())[[]]?.interviews.values.map(\.count).reduce(0, +) == 3)
        let audit = try runKiosk(["audit"], in: scratch, environment: env)
        #expect(audit.stdout.contains("form_changed"))
        let diff = try runKiosk(["forms", "diff", "hark"], in: scratch, environment: env)
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("question 'afraid' reworded: \"Har du under det senaste året varit rädd för din partner eller tidigare partner?\" → \"Har du under det senaste året känt dig rädd för din partner eller tidigare partner?\" (sv)"))
        let versions = try runKiosk(["forms", "versions", "hark"], in: scratch, environment: env)
        #expect(versions.stdout.split(separator: "\n").count == 2)
    }

    @Test func renamingAndRemovingKeepOldAnswersInExports() throws {
        let (scratch, forms) = try withForms()
        let env = ["KIOSK_FORMS_DIR": forms]
        for _ in 0..<5 { #expect(try runKiosk(["interview", "hark"], input: Self.hark, in: scratch, environment: env).status == 0) }
        // Rename 'kicked' to 'hurt' (replacing it) and remove 'raped' from the form and its score.
        let change = try editor("""
            python3 - "$1" <<'PY'
            import re, sys
            p = sys.argv[1]; s = open(p).read()
            s = s.replace("  - id: kicked\\n", "  - id: hurt\\n    replaces: kicked\\n")
            s = s.replace("[humiliated, afraid, raped, kicked]", "[humiliated, afraid, hurt]")
            s = s.replace("any(humiliated, afraid, raped, kicked)", "any(humiliated, afraid, hurt)")
            s = s.replace("min_answered: 4", "min_answered: 3")
            s = re.sub(r"  - id: raped\\n(    .*\\n)+\\n", "", s)
            s = s[:s.index("examples:")]
            open(p, "w").write(s)
            PY
            """, in: scratch)
        let edit = try runKiosk(["forms", "edit", "hark"], in: scratch, environment: env.merging(["EDITOR": change]) { $1 })
        #expect(edit.status == 0, "\(edit.stdout)\(edit.stderr)")
        let form = try String(contentsOfFile: forms + "/hark.yaml", encoding: .utf8)
        #expect(form.contains("replaces: kicked") && !form.contains("id: raped"))
        let rows = scratch.path("rows.csv")
        #expect(try runKiosk(["export", "responses", "hark", "--format", "csv", "-o", rows, "--min-cell", "3"], in: scratch, environment: env).status == 0)
        let csv = try CSV<Named>(url: URL(fileURLWithPath: rows), delimiter: .comma)
        #expect(csv.header.contains("hurt") && csv.header.contains("raped") && !csv.header.contains("kicked"))
        #expect(csv.rows.count == 5)
        // Answers are changed at random now and then (so no row is a person's true answers), always to
        // an answer the question has.
        #expect(csv.rows.allSatisfy { ["yes", "no", "declined", "dont_know"].contains($0["hurt"] ?? "") }, "the old 'kicked' answers fill 'hurt'")
        #expect(csv.rows.allSatisfy { $0["raped"] == "declined" }, "a removed question keeps its column")
        let summary = try runKiosk(["summary", "hark", "--min-cell", "3"], in: scratch, environment: env)
        #expect(summary.stdout.contains("(borttagen ur formuläret) (raped)"))
        let diff = try runKiosk(["forms", "diff", "hark"], in: scratch, environment: env)
        #expect(diff.stdout.contains("question 'hurt' added (replaces 'kicked')"))
        #expect(diff.stdout.contains("question 'raped' removed"))
    }

    @Test func aHandEditThatChangesAStoredTypeIsRefusedEverywhere() throws {
        let (scratch, forms) = try withForms()
        let env = ["KIOSK_FORMS_DIR": forms]
        #expect(try runKiosk(["interview", "hark"], input: Self.hark, in: scratch, environment: env).status == 0)
        var text = try String(contentsOfFile: forms + "/hark.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "  - id: kicked\n    type: yes_no\n", with: "  - id: kicked\n    type: scale\n    min: 0\n    max: 1\n")
            .replacingOccurrences(of: "kicked: no", with: "kicked: 0").replacingOccurrences(of: "kicked: declined", with: "kicked: declined")
        try text.write(toFile: forms + "/hark.yaml", atomically: true, encoding: .utf8)
        let validate = try runKiosk(["forms", "validate"], in: scratch, environment: env)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("question 'kicked' was a yes_no question in a version with stored answers, but is now scale"))
        let interview = try runKiosk(["interview", "hark"], input: Self.hark, in: scratch, environment: env)
        #expect(interview.status == 1)
        #expect(interview.stderr.contains("kan inte användas förrän de är rättade"))
    }

    @Test func newWritesAStarterAndPreviewStoresNothing() throws {
        let (scratch, forms) = try withForms()
        let env = ["KIOSK_FORMS_DIR": forms]
        let new = try runKiosk(["forms", "new", "uppfoljning"], in: scratch, environment: env)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(try runKiosk(["forms", "validate", forms + "/uppfoljning.yaml"], in: scratch, environment: env).status == 0)
        #expect(try runKiosk(["forms", "new", "uppfoljning"], in: scratch, environment: env).status == 1)
        let preview = try runKiosk(["forms", "preview", "uppfoljning"], input: "\nnej\n1\n2\n\n\n", in: scratch, environment: env)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("FÖRHANDSVISNING — inget sparas"))
        #expect(preview.stdout.contains("Hänvisningskod: ingen (förhandsvisning)  (needs-support)"), "the rule that fires, with no code to note down")
        #expect(preview.stdout.replacingOccurrences(of: "\n", with: " ").contains("eller tryck Enter för att se resultatet."))
        #expect(preview.stdout.contains("Förhandsvisning: inget har sparats."))
        #expect(!preview.stdout.contains("Svaren är sparade"), "a preview never claims to have saved")
        #expect(!preview.stdout.contains("för att spara"))
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDir))
    }

    /// REDCapR's dictionaries, read in place from ../shared/fixtures beside the repository.
    static let redcapFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/redcap")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: redcapFixtures.appendingPathComponent("simple.csv").path),
                   "needs ../shared/fixtures/redcap beside the repository"),
          arguments: [
        ("simple.csv", "demographics"), ("simple.csv", "health"), ("simple.csv", "race_and_ethnicity"),
        ("checkboxes-1.csv", "form_2"), ("longitudinal.csv", "demographics"), ("longitudinal.csv", "contact_info"),
        ("longitudinal.csv", "patient_morale_questionnaire"), ("longitudinal.csv", "visit_observed_behavior"),
    ])
    func aRedcapFormImportsValidatesAndRunsInAScriptedInterview(file: String, form: String) throws {
        let scratch = try Scratch()
        let forms = scratch.path("forms")
        try FileManager.default.createDirectory(atPath: forms, withIntermediateDirectories: true)
        let dictionary = Self.redcapFixtures.appendingPathComponent(file).path
        let env = ["KIOSK_FORMS_DIR": forms]
        let run = try runKiosk(["forms", "import", "redcap", dictionary, "--form", form], in: scratch, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("It validates"))
        #expect(try runKiosk(["forms", "validate"], in: scratch, environment: env).status == 0)
        let text = try String(contentsOfFile: "\(forms)/\(form).yaml", encoding: .utf8)
        let loaded = try #require(QuestionnaireLoader.load(yaml: text, file: "\(form).yaml").questionnaire)
        // Decline every question: the same script works for any form.
        var interview = Interview(form: loaded)
        interview.begin()
        var lines = [""]
        while case .question = interview.step {
            guard let question = interview.currentQuestion else { break }
            if question.takesAnswer {
                lines.append("-")
                _ = try interview.answer(.declined)
            } else {
                lines.append("")
                interview.proceed()
            }
        }
        lines += ["", ""]
        let interviewRun = try runKiosk(["interview", loaded.id], input: lines.joined(separator: "\n") + "\n", in: scratch, environment: env)
        #expect(interviewRun.status == 0, "\(interviewRun.stderr)")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.interviews(status: .complete).count == 1)
    }
}
