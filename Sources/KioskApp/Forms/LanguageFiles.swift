import Foundation
import KioskCore

/// One language file, read and checked.
public struct LanguageFile: Sendable {
    public var displayPath: String
    public var loaded: LoadedLanguagePack
    /// Whether it came with the kiosk (rather than from the forms folder).
    public var isShipped: Bool
}

/// The kiosk's languages: the language files shipped with it (Swedish and English, `Questionnaires/languages`
/// copied beside the binary at build time) and those in the forms folder's `languages/`, where a file
/// replaces the shipped one of the same language. A file with errors is left out (its errors are listed
/// by `kiosk forms validate`); the shipped pack of that language, if any, is used instead.
public struct LanguageFiles: Sendable {
    public var files: [LanguageFile]

    /// The usable packs.
    public var packs: LanguagePacks {
        var byLanguage: [Language: LanguagePack] = [:]
        for file in files.sorted(by: { $0.isShipped && !$1.isShipped }) {
            if let pack = file.loaded.pack { byLanguage[pack.language] = pack }
        }
        return LanguagePacks(Array(byLanguage.values))
    }

    /// The files with errors.
    public var invalidFiles: [LanguageFile] { files.filter { !$0.loaded.errors.isEmpty } }

    /// Reads the shipped files and `formsDirectory/languages/*.yaml`.
    /// A shipped file is read only when the forms folder has no file of that name (or its own has errors),
    /// so start-up parses each language once.
    public static func load(formsDirectory: URL) -> LanguageFiles {
        let own = read(directory: formsDirectory.appendingPathComponent("languages", isDirectory: true), shipped: false)
        let usable = Set(own.filter { $0.loaded.errors.isEmpty }.map { URL(fileURLWithPath: $0.displayPath).lastPathComponent })
        var files = own
        if let shipped = shippedDirectory() {
            files = read(directory: shipped, shipped: true, skipping: usable) + own
        }
        return LanguageFiles(files: files)
    }

    /// Loads the languages and makes them the kiosk's (``Phrasebook/install(_:)``).
    @discardableResult
    public static func install(formsDirectory: URL) -> LanguageFiles {
        let files = load(formsDirectory: formsDirectory)
        Phrasebook.install(files.packs)
        return files
    }

    static func read(directory: URL, shipped: Bool, skipping: Set<String> = []) -> [LanguageFile] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") && !skipping.contains($0) }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            let display = shipped ? "(shipped) languages/\(name)" : FormCatalog.displayPath(for: url)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return LanguageFile(displayPath: display, loaded: LoadedLanguagePack(pack: nil, diagnostics: [
                    Diagnostic(.error, file: display, at: nil, "the file cannot be read", fix: "check that it exists and is readable"),
                ]), isShipped: shipped)
            }
            // A shipped file as it was shipped: checked when the kiosk was built, not parsed again.
            if let pack = EmbeddedLanguages.pack(named: name, data: data) {
                return LanguageFile(displayPath: display, loaded: LoadedLanguagePack(pack: pack, diagnostics: []), isShipped: shipped)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return LanguageFile(displayPath: display, loaded: LoadedLanguagePack(pack: nil, diagnostics: [
                    Diagnostic(.error, file: display, at: FormCatalog.firstInvalidUTF8(in: data), "the file is not UTF-8 text here",
                               fix: "save it as UTF-8 in the editor"),
                ]), isShipped: shipped)
            }
            return LanguageFile(displayPath: display, loaded: LanguagePackLoader.load(yaml: text, file: display), isShipped: shipped)
        }
    }

    /// The shipped language files beside the binary (SwiftPM's resource folder of this module), if found.
    /// The running program's folder comes from `/proc/self/exe` (Linux), else from how it was called;
    /// `Bundle.main` is asked only when neither has the files (it looks the program up symbol by symbol,
    /// a noticeable share of a start in a large binary).
    static func shippedDirectory() -> URL? {
        func languages(in base: URL) -> URL? {
            let url = base.appendingPathComponent("ScreeningKiosk_KioskApp.resources/languages", isDirectory: true)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("sv.yaml").path) ? url : nil
        }
        if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
           let found = languages(in: URL(fileURLWithPath: running).deletingLastPathComponent()) {
            return found
        }
        let called = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        if let found = languages(in: called) { return found }
        var candidates = [Bundle.main.bundleURL]
        if let main = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(main) }
        return candidates.lazy.compactMap(languages(in:)).first
    }
}
