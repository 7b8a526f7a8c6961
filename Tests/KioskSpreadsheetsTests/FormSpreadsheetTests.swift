import Foundation
import KioskApp
import KioskCore
@testable import KioskSpreadsheets
import KioskTestSupport
import Testing
import ZIPFoundation

/// Forms in real spreadsheet files: `.xlsx` bytes (ZIPFoundation + SWXMLHash), pyxform's text forms,
/// pyxform's own test forms read in place, and REDCap dictionaries out.
@Suite struct FormSpreadsheetTests {
    init() {
        ShippedLanguages.install()
        XLSXSupport.install(XLSXFileWorkbooks())
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let ownFixtures = root.appendingPathComponent("Tests/Fixtures/xlsform")
    /// pyxform's BSD-licensed test forms, read in place from ../shared/fixtures beside the repository.
    static let pyxform = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/xlsform")
    static let pyxformAvailable = FileManager.default.fileExists(atPath: pyxform.appendingPathComponent("group.xlsx").path)
    static let skipped = "needs ../shared/fixtures/xlsform beside the repository"

    static func shippedForms() throws -> [Questionnaire] {
        let directory = root.appendingPathComponent("Questionnaires")
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
            .map { try #require(QuestionnaireLoader.load(yaml: String(contentsOf: $0, encoding: .utf8), file: $0.lastPathComponent).questionnaire) }
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyShippedFormRoundTripsThroughAnXLSXFileWithAnUnchangedContentHash() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for form in try Self.shippedForms() {
            let file = directory.appendingPathComponent("\(form.id).xlsx")
            try FormSpreadsheets.xlsform(form).write(to: file)
            let back = try FormSpreadsheets.importXLSForm(file, language: .swedish, allowFreeText: false)
            #expect(back.form.contentHash == form.contentHash, "\(form.id): \(back.notes)")
            #expect(back.form.examples.count == form.examples.count)
            #expect(back.notes.isEmpty, "\(form.id): \(back.notes)")
        }
    }

    @Test func anXLSXFileHoldsTheSheetsAndTextsItWasWrittenWith() throws {
        let tricky = ["Ja & nej", "<b>inte fetstil</b>", "\"citat\"", "två\nrader", " inledande mellanslag", "العربية", "01", "=SUM(A1)", ""]
        let workbook = Workbook([Sheet(name: "survey", cells: [["type", "name", "label"], tricky]), Sheet(name: "choices", cells: [["list_name"]])])
        let read = try XLSXFile.read(try XLSXFile.data(for: workbook), name: "t.xlsx")
        #expect(read.sheets.map(\.name) == ["survey", "choices"])
        #expect(read.sheet("survey")?.rows.last?.cells == Array(tricky.dropLast()), "every text as written, a formula-looking text as text, empty cells left out at the end")
        #expect(XLSXFile.columnIndex(of: "AB12") == 27)
        #expect(XLSXFile.columnName(27) == "AB")
    }

    @Test func whatIsNotASpreadsheetIsRefusedWithAPlainMessage() throws {
        #expect { try XLSXFile.read(Data("id: form\n".utf8), name: "form.xlsx") } throws: { error in
            (error as? XLSXFile.Problem)?.message.contains("not an .xlsx spreadsheet") == true
        }
        // A ZIP that is not a workbook, and a workbook whose sheet is broken XML.
        var workbook = try XLSXFile.data(for: Workbook([Sheet(name: "survey", cells: [["type"]])]))
        let archive = try ZIPArchiveEditing.replacing("xl/worksheets/sheet1.xml", with: "<worksheet><sheetData><row>", in: workbook)
        #expect { try XLSXFile.read(archive, name: "broken.xlsx") } throws: { error in
            (error as? XLSXFile.Problem)?.message.contains("broken.xlsx is damaged: xl/worksheets/sheet1.xml is not readable XML") == true
        }
        // Entities that expand a billion times (libxml2 refuses them): a plain message, quickly.
        var entities = "<!ENTITY a0 \"\(String(repeating: "x", count: 80))\">"
        for level in 1..<10 { entities += "<!ENTITY a\(level) \"\(String(repeating: "&a\(level - 1);", count: 10))\">" }
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE s [\(entities)]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&a9;</t></is></c></row></sheetData></worksheet>"
        let started = Date()
        #expect { try XLSXFile.read(try ZIPArchiveEditing.replacing("xl/worksheets/sheet1.xml", with: bomb, in: workbook), name: "bomb.xlsx") } throws: { error in
            (error as? XLSXFile.Problem)?.message.contains("bomb.xlsx is damaged") == true
        }
        #expect(Date().timeIntervalSince(started) < 10)
        workbook = try ZIPArchiveEditing.replacing("xl/workbook.xml", with: nil, in: workbook)
        #expect { try XLSXFile.read(workbook, name: "x.xlsx") } throws: { error in
            (error as? XLSXFile.Problem)?.message.contains("it has no xl/workbook.xml") == true
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ods = directory.appendingPathComponent("form.ods")
        try Data().write(to: ods)
        #expect { try XLSFormFiles.read(ods) } throws: { error in (error as? XLSFormFiles.Problem)?.message.contains("save it as .xlsx") == true }
        #expect { try XLSFormFiles.read(directory.appendingPathComponent("missing.xlsx")) } throws: { error in
            (error as? XLSFormFiles.Problem)?.message.contains("cannot be read") == true
        }
    }

    @Test func ourOwnHandWrittenXLSFormsImportAndValidate() throws {
        let md = try FormSpreadsheets.importXLSForm(Self.ownFixtures.appendingPathComponent("screener.md"), language: .swedish, allowFreeText: false)
        #expect(md.form.id == "screener")
        #expect(md.form.languages == [.swedish, .english])
        #expect(md.form.questions.map(\.id) == ["gender", "afraid", "hurt", "who", "times", "thanks"])
        #expect(md.form.question("gender")?.breakdown == .gender)
        #expect(md.form.question("who")?.stem?.values[.english] == "During the last year")
        #expect(md.form.question("times")?.showIf?.source == "hurt = yes and not (who has stranger)")
        #expect(md.form.question("times")?.numericRange == 1...100)
        #expect(md.form.score("total")?.items == ["afraid", "hurt"])
        // In the text forms a row is its line in the file.
        #expect(md.notes.map(\.place) .contains("survey!5"), "the name question, line 5: \(md.notes)")
        #expect(md.notes.map(\.place).contains("survey!6"), "the date of birth, line 6")
        let csv = try FormSpreadsheets.importXLSForm(Self.ownFixtures.appendingPathComponent("screener.csv"), language: .swedish, allowFreeText: false)
        #expect(csv.form.questions.map(\.id) == ["afraid", "hurt"])
        #expect(csv.notes.contains { $0.place == "survey!4" && $0.message.contains("could identify") })
    }

    @Test(.enabled(if: pyxformAvailable, Comment(rawValue: skipped)))
    func pyxformsOwnTestFormsImportAndValidateInBothTheirForms() throws {
        var forms: [String: String] = [:]
        for name in ["case_insensitivity.xlsx", "group.xlsx", "specify_other.xlsx", "text_and_integer.xlsx", "yes_or_no_question.xlsx",
                     "group.md", "text_and_integer.md", "yes_or_no_question.md"] {
            let result = try FormSpreadsheets.importXLSForm(Self.pyxform.appendingPathComponent(name), language: .english, allowFreeText: false)
            #expect(QuestionnaireLoader.load(yaml: result.yaml, file: name).isValid)
            let stem = String(name.split(separator: ".")[0])
            var content = result.form
            content.source = nil  // names the file it came from
            if let other = forms[stem] { #expect(other == content.contentHash, "\(stem): the .xlsx and the .md give the same form") }
            forms[stem] = content.contentHash
        }
        let group = try FormSpreadsheets.importXLSForm(Self.pyxform.appendingPathComponent("group.xlsx"), language: .english, allowFreeText: false)
        #expect(group.form.questions.map(\.id) == ["age"])
        #expect(group.form.question("age")?.stem?.values[.english] == "Father", "the group's label is the stem")
        #expect(group.notes.contains { $0.place == "survey!2" && $0.message.contains("family_name") })
        #expect(group.notes.contains { $0.place == "survey!4" && $0.message.contains("phone_number") })
        let yesNo = try FormSpreadsheets.importXLSForm(Self.pyxform.appendingPathComponent("yes_or_no_question.xlsx"), language: .english, allowFreeText: false)
        #expect(yesNo.form.question("good_day")?.typeName == "yes_no", "'select one from yes_or_no' with only yes and no is a yes/no question")
    }

    @Test func aREDCapDictionaryOfEveryShippedFormImportsBackToTheSameQuestions() throws {
        for form in try Self.shippedForms() {
            let csv = FormSpreadsheets.redcapDictionary(form, language: .swedish)
            let back = try RedcapImporter(language: .swedish).convert(csv, formName: nil, source: "\(form.id).csv")
            let ids = form.questions.map { $0.id.replacingOccurrences(of: "-", with: "_") }
            #expect(back.form.questions.filter { !$0.id.hasSuffix("-section") }.map(\.id) == ids, "\(form.id)")
            #expect(back.form.questions.filter { $0.showIf != nil }.count == form.questions.filter { $0.showIf != nil }.count, "\(form.id): every condition is branching logic")
            #expect(back.form.scores.map(\.id) == form.scores.filter { RedcapExport.isSumOfCodes($0, in: form) }.map(\.id), "\(form.id)")
            #expect(back.form.questions.first { $0.id == ids.first }?.text.values[.swedish] == form.questions.first?.text.values[.swedish])
        }
    }

    /// A real LibreOffice (Debian's libreoffice-calc-nogui; Scripts/test installs it when it can) opens an
    /// exported form headless: it converts it to CSV, and saved again as .xlsx by LibreOffice it imports to
    /// the same form.
    @Test(.enabled(if: LibreOffice.path != nil, "needs LibreOffice (apt-get install libreoffice-calc-nogui)"), .timeLimit(.minutes(2)))
    func libreOfficeOpensAnExportedFormAndItsOwnCopyImportsToTheSameForm() throws {
        let office = try #require(LibreOffice.path)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = try #require(try Self.shippedForms().first { $0.id == "violence-seven" })
        let file = directory.appendingPathComponent("violence-seven.xlsx")
        try FormSpreadsheets.xlsform(form).write(to: file)
        let csv = directory.appendingPathComponent("csv"), xlsx = directory.appendingPathComponent("xlsx")
        try LibreOffice.run(office, ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", csv.path, file.path], home: directory)
        let text = try String(contentsOf: csv.appendingPathComponent("violence-seven.csv"), encoding: .utf8)
        #expect(text.hasPrefix("type,name,label::Swedish (sv),label::English (en)"))
        #expect(text.contains(try #require(form.questions.first?.text.values[.swedish])))
        try LibreOffice.run(office, ["--convert-to", "xlsx", "--outdir", xlsx.path, file.path], home: directory)
        let back = try FormSpreadsheets.importXLSForm(xlsx.appendingPathComponent("violence-seven.xlsx"), language: .swedish, allowFreeText: false)
        #expect(back.form.contentHash == form.contentHash, "\(back.notes)")
    }
}

/// LibreOffice, when installed.
enum LibreOffice {
    static let path: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs it headless with its own profile (so a running LibreOffice of the user's is not disturbed).
    static func run(_ office: String, _ arguments: [String], home: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        process.arguments = ["--headless", "--norestore", "-env:UserInstallation=file://\(home.appendingPathComponent("profile").path)"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "soffice \(arguments.joined(separator: " "))")
    }
}

/// Edits parts of a ZIP archive, for damaged-file tests.
enum ZIPArchiveEditing {
    static func replacing(_ path: String, with text: String?, in data: Data) throws -> Data {
        let source = try Archive(data: data, accessMode: .read)
        let target = try Archive(data: Data(), accessMode: .create)
        func add(_ name: String, _ bytes: Data) throws {
            try target.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        for entry in source where entry.path != path {
            var bytes = Data()
            _ = try source.extract(entry) { bytes.append($0) }
            try add(entry.path, bytes)
        }
        if let text { try add(path, Data(text.utf8)) }
        return try #require(target.data)
    }
}
