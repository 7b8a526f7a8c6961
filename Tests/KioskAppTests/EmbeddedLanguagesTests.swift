import Foundation
import KioskApp
import KioskCore
import KioskTestSupport
import Testing

/// The shipped language files are checked when the kiosk is built and not parsed at each start: the
/// embedded packs must be exactly what the loader reads from the files, and only the files' own bytes
/// may use them.
struct EmbeddedLanguagesTests {
    static let generated = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KioskApp/Forms/EmbeddedLanguagePacks.swift")

    static func shippedFiles() throws -> [(name: String, data: Data, pack: LanguagePack)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: ShippedLanguages.directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: ShippedLanguages.directory.appendingPathComponent(name))
            let loaded = LanguagePackLoader.load(yaml: String(decoding: data, as: UTF8.self), file: name)
            #expect(loaded.diagnostics.isEmpty, "a shipped language file with problems cannot be embedded: \(loaded.diagnostics)")
            return (name, data, try #require(loaded.pack))
        }
    }

    @Test func theEmbeddedPacksAreWrittenFromTheShippedFilesAsTheyAreNow() throws {
        let expected = EmbeddedLanguages.source(for: try Self.shippedFiles())
        let written = try String(contentsOf: Self.generated, encoding: .utf8)
        if written != expected, ProcessInfo.processInfo.environment["KIOSK_WRITE_EMBEDDED_LANGUAGES"] == "1" {
            try expected.write(to: Self.generated, atomically: true, encoding: .utf8)
            return
        }
        #expect(written == expected, """
            a shipped language file changed: write the embedded packs again with \
            KIOSK_WRITE_EMBEDDED_LANGUAGES=1 swift test --filter EmbeddedLanguagesTests, then build again
            """)
    }

    @Test func eachShippedFileGivesItsEmbeddedPackEqualToWhatTheLoaderReads() throws {
        for file in try Self.shippedFiles() {
            #expect(EmbeddedLanguages.pack(named: file.name, data: file.data) == file.pack, "\(file.name)")
        }
    }

    @Test func aChangedByteAnotherNameOrAnUnknownFileIsReadAsUsual() throws {
        let files = try Self.shippedFiles()
        let swedish = try #require(files.first { $0.name == "sv.yaml" })
        var edited = swedish.data
        edited[edited.count - 2] ^= 0x01
        #expect(EmbeddedLanguages.pack(named: "sv.yaml", data: edited) == nil)
        #expect(EmbeddedLanguages.pack(named: "en.yaml", data: swedish.data) == nil, "sv.yaml's bytes under another name")
        #expect(EmbeddedLanguages.pack(named: "ar.yaml", data: Data("language: ar\n".utf8)) == nil)
    }

    @Test func anEditedLanguageFileInTheFormsFolderIsCheckedAndItsErrorsShown() throws {
        let forms = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-\(UUID().uuidString)")
        let languages = forms.appendingPathComponent("languages")
        try FileManager.default.createDirectory(at: languages, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: forms) }
        let english = try String(contentsOf: ShippedLanguages.directory.appendingPathComponent("en.yaml"), encoding: .utf8)
        try english.replacingOccurrences(of: "Question {number} of {total}\"", with: "Question {nummer} of {total}\"")
            .write(to: languages.appendingPathComponent("en.yaml"), atomically: true, encoding: .utf8)
        let files = LanguageFiles.load(formsDirectory: forms)
        let own = try #require(files.files.first { !$0.isShipped && $0.displayPath.hasSuffix("en.yaml") })
        #expect(own.loaded.pack == nil)
        #expect(own.loaded.errors.first?.message.contains("{nummer}") == true)
        // The shipped English pack is used instead, unchanged.
        #expect(files.packs[.english]?.text("progress", ["number": "1", "total": "2"]) == "Question 1 of 2")
    }
}
