import Foundation
import KioskApp
import KioskCore
import Testing

/// Reading the forms folder: valid forms are offered, invalid ones never reach an interview.
@Suite struct FormCatalogTests {
    static let valid = """
        id: good
        title: {sv: Bra, en: Good}
        languages: [sv, en]
        questions:
          - {id: q1, type: yes_no, text: {sv: a, en: a}}
        """

    @Test func theShippedFolderHasOnlyValidForms() throws {
        let catalog = try FormCatalog.load(from: shippedFormsDirectory)
        #expect(catalog.invalidFiles.isEmpty)
        #expect(catalog.validForms.map(\.id) == ["audit-c", "hark", "participant-followup", "pvs", "violence-seven"])
    }

    @Test func aBrokenFormIsNotOfferedAndCannotBeStarted() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.write(Self.valid, to: "good.yaml")
        _ = try temp.write(Self.valid.replacingOccurrences(of: "id: good", with: "id: bad").replacingOccurrences(of: "yes_no", with: "yesno"), to: "bad.yaml")
        let catalog = try FormCatalog.load(from: temp.url)
        #expect(catalog.validForms.map(\.id) == ["good"])
        #expect(catalog.invalidFiles.count == 1)
        #expect { try catalog.form("bad") } throws: { error in
            guard case FormLookupError.invalid("bad", let diagnostics)? = error as? FormLookupError else { return false }
            return diagnostics.errors.first?.message.contains("unknown type 'yesno'") == true
        }
        #expect { try FormCatalog.form("bad", in: temp.url) } throws: { error in
            (error as? FormLookupError)?.localizedDescription.contains("cannot be used until they are fixed") == true
        }
    }

    @Test func anUnknownFormIDSuggestsTheClosest() throws {
        let catalog = try FormCatalog.load(from: shippedFormsDirectory)
        #expect { try catalog.form("violence-7") } throws: { error in
            let text = (error as? FormLookupError)?.localizedDescription ?? ""
            return text.contains("did you mean 'violence-seven'") && text.contains("kiosk forms list")
        }
    }

    @Test func twoFilesWithTheSameIDAreBothReported() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.write(Self.valid, to: "good.yaml")
        _ = try temp.write(Self.valid, to: "copy.yaml")
        let catalog = try FormCatalog.load(from: temp.url)
        #expect(catalog.invalidFiles.map { $0.url.lastPathComponent } == ["good.yaml"])
        #expect(catalog.invalidFiles.first?.loaded.diagnostics.contains { $0.message.contains("also used by") } == true)
    }

    @Test func aMissingFolderSaysWhereTheFormsShouldBe() throws {
        let temp = try TemporaryDirectory()
        #expect(throws: FormsDirectoryError.self) { try FormCatalog.load(from: temp.url.appendingPathComponent("nope")) }
        let message = FormsDirectoryError.missing("Questionnaires").localizedDescription
        #expect(message.contains("--forms-dir") && message.contains("KIOSK_FORMS_DIR"))
    }

    @Test func aFileThatIsNotUTF8IsReportedNotCrashedOn() throws {
        let temp = try TemporaryDirectory()
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: temp.url.appendingPathComponent("utf16.yaml"))
        // Latin-1 "å" on line 2, after "ti".
        try (Data("id: x\ntitle: ti".utf8) + [0xE5] + Data("\n".utf8)).write(to: temp.url.appendingPathComponent("latin.yaml"))
        let catalog = try FormCatalog.load(from: temp.url)
        let latin = try #require(catalog.invalidFiles.first { $0.url.lastPathComponent == "latin.yaml" }?.loaded.diagnostics.first)
        #expect(latin.message == "the file is not UTF-8 text here")
        #expect(latin.location == SourceLocation(line: 2, column: 10))
        let utf16 = try #require(catalog.invalidFiles.first { $0.url.lastPathComponent == "utf16.yaml" }?.loaded.diagnostics.first)
        #expect(utf16.location == SourceLocation(line: 1, column: 1))
    }

    @Test func theFormsFolderFollowsOptionThenEnvironmentThenTheWorkingDirectory() {
        #expect(FormCatalog.directory(option: "/a", environment: ["KIOSK_FORMS_DIR": "/b"]).path == "/a")
        #expect(FormCatalog.directory(option: nil, environment: ["KIOSK_FORMS_DIR": "/b"]).path == "/b")
        #expect(FormCatalog.directory(option: nil, environment: [:]).lastPathComponent == "Questionnaires")
    }
}
