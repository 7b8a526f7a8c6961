import Foundation
import KioskApp
import KioskCore
import KioskSpreadsheets
import KioskTestSupport
import Testing

/// Forms in spreadsheets through the built binary: export and import, unconvertible rows on the screen,
/// and an edit in a "spreadsheet program" (a script standing in for LibreOffice) installed only when valid.
@Suite(.serialized) struct SpreadsheetRunTests {
    func withForms() throws -> (scratch: Scratch, forms: String) {
        let scratch = try Scratch()
        let forms = scratch.path("forms")
        try FileManager.default.copyItem(atPath: repositoryForms, toPath: forms)
        return (scratch, forms)
    }

    @Test func aFormExportedAsXLSFormImportsBackToTheSameVersion() throws {
        let (scratch, forms) = try withForms()
        let exported = try runKiosk(["forms", "export", "hark", "--format", "xlsform", "-o", scratch.path("hark.xlsx")], in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(exported.status == 0, "\(exported.stderr)")
        let version = try #require(exported.stderr.firstMatch(of: /version ([0-9a-f]{12})/)?.1)
        try FileManager.default.createDirectory(atPath: scratch.path("other"), withIntermediateDirectories: true)
        let imported = try runKiosk(["forms", "import", "xlsform", scratch.path("hark.xlsx")], in: scratch, environment: ["KIOSK_FORMS_DIR": scratch.path("other")])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("Wrote \(scratch.path("other"))/hark.yaml"))
        let versions = try runKiosk(["forms", "versions", "hark"], in: scratch, environment: ["KIOSK_FORMS_DIR": scratch.path("other")])
        #expect(versions.stdout.hasPrefix(String(version)), "the imported form is the same version: \(versions.stdout)")
        let again = try runKiosk(["forms", "import", "xlsform", scratch.path("hark.xlsx")], in: scratch, environment: ["KIOSK_FORMS_DIR": scratch.path("other")])
        #expect(again.status != 0 && again.stderr.contains("already exists"), "an import never writes over a form")
    }

    @Test func rowsThatCannotBeImportedAreNamedBySheetAndRow() throws {
        let scratch = try Scratch()
        let fixture = URL(fileURLWithPath: repositoryForms).deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/xlsform/screener.md").path
        let run = try runKiosk(["forms", "import", "xlsform", fixture, "-o", "-"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("screener.md: survey!5: 'full_name' asks for text that looks like a name: not imported"))
        #expect(run.stderr.contains("screener.md: survey!6: 'born' (date) could identify a person: not imported"))
        #expect(run.stdout.contains("id: screener"))
        let broken = try scratch.write("not a spreadsheet", to: "broken.xlsx")
        let refused = try runKiosk(["forms", "import", "xlsform", broken], in: scratch)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("broken.xlsx is not an .xlsx spreadsheet"), "\(refused.stderr)")
    }

    @Test func aREDCapDictionarySaysWhatItLeavesOut() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["forms", "export", "violence-seven", "--format", "redcap", "-o", scratch.path("v7.csv")], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOfFile: scratch.path("v7.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("Variable / Field Name,Form Name,"))
        #expect(csv.contains("q1,violence_seven,,yesno,"))
        #expect(run.stderr.contains("referral rules and the support lines have no place in REDCap"))
    }

    /// A "spreadsheet program": a script that replaces the workbook it is given with `replacement`.
    func program(copying replacement: String, in scratch: Scratch) throws -> String {
        "/bin/sh " + (try scratch.write("#!/bin/sh\ncp '\(replacement)' \"$1\"\n", to: "calc-\(UUID().uuidString).sh"))
    }

    @Test func aSpreadsheetEditIsInstalledWhenValidAndTheOldFileKept() throws {
        let (scratch, forms) = try withForms()
        ShippedLanguages.install()
        let form = try FormCatalog.form("hark", in: URL(fileURLWithPath: forms))
        var workbook = XLSFormExport.workbook(for: form)
        let survey = try #require(workbook.sheets.firstIndex { $0.name == "survey" })
        let label = try #require(workbook.sheets[survey].headings.firstIndex(of: "label::Swedish (sv)"))
        let original = workbook.sheets[survey].rows[1].cells[label]
        workbook.sheets[survey].rows[1].cells[label] = original + " (ändrad i kalkylbladet)"
        let edited = scratch.path("edited.xlsx")
        try XLSXFile.data(for: workbook).write(to: URL(fileURLWithPath: edited))
        let run = try runKiosk(["forms", "edit", "hark", "--spreadsheet"], in: scratch,
                               environment: ["KIOSK_FORMS_DIR": forms, "KIOSK_SPREADSHEET": try program(copying: edited, in: scratch)])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Installed"))
        #expect(try String(contentsOfFile: forms + "/hark.yaml", encoding: .utf8).contains("(ändrad i kalkylbladet)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: forms + "/history").count == 1)
    }

    @Test func aSpreadsheetClosedWithoutChangesLeavesTheFormFileAsItWas() throws {
        let (scratch, forms) = try withForms()
        let before = try Data(contentsOf: URL(fileURLWithPath: forms + "/hark.yaml"))
        let run = try runKiosk(["forms", "edit", "hark", "--spreadsheet"], in: scratch,
                               environment: ["KIOSK_FORMS_DIR": forms, "KIOSK_SPREADSHEET": "true"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("No changes; the form is as it was."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: forms + "/hark.yaml")) == before, "its comments and layout stay")
        #expect(!FileManager.default.fileExists(atPath: forms + "/history"))
    }

    @Test func aSpreadsheetThatDoesNotConvertIsNotInstalled() throws {
        let (scratch, forms) = try withForms()
        let before = try Data(contentsOf: URL(fileURLWithPath: forms + "/hark.yaml"))
        let garbage = try scratch.write("this is no workbook", to: "garbage.xlsx")
        let run = try runKiosk(["forms", "edit", "hark", "--spreadsheet"], input: "d\n", in: scratch,
                               environment: ["KIOSK_FORMS_DIR": forms, "KIOSK_SPREADSHEET": try program(copying: garbage, in: scratch)])
        #expect(run.status == 1)
        #expect(run.stdout.contains("is not an .xlsx spreadsheet"), "\(run.stdout)")
        #expect(run.stdout.contains("Discarded. The installed form is unchanged."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: forms + "/hark.yaml")) == before)
    }
}
