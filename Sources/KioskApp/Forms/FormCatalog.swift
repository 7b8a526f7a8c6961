import Foundation
import KioskCore

/// One form file on disk and what reading it gave.
public struct FormFile: Sendable {
    /// The file's path as shown to the user (relative to the working directory when inside it).
    public var displayPath: String
    public var url: URL
    public var loaded: LoadedQuestionnaire
}

/// A problem with the forms directory itself.
public enum FormsDirectoryError: Error, LocalizedError, Equatable {
    /// The directory does not exist.
    case missing(String)
    /// The path exists but is not a directory.
    case notADirectory(String)
    /// The directory cannot be read.
    case unreadable(String, String)

    public var errorDescription: String? { message(in: .english) }

    /// The sentence in `language`.
    public func message(in language: Language) -> String {
        let phrases = Phrasebook(language)
        switch self {
        case .missing(let path): return phrases.text("forms_dir.missing", ["path": path])
        case .notADirectory(let path): return phrases.text("forms_dir.not_a_directory", ["path": path])
        case .unreadable(let path, let reason): return phrases.text("forms_dir.unreadable", ["path": path, "reason": reason])
        }
    }
}

/// Why a form cannot be used for an interview.
public enum FormLookupError: Error, LocalizedError, Equatable {
    /// No form has this id; the ids there are.
    case unknown(String, available: [String])
    /// The form exists but has errors; they are listed.
    case invalid(String, diagnostics: [Diagnostic])

    public var errorDescription: String? { message(in: .english) }

    /// The sentence in `language`, with the closest id when one is near.
    public func message(in language: Language) -> String {
        let phrases = Phrasebook(language)
        switch self {
        case .unknown(let id, let available):
            let forms = available.joined(separator: ", ")
            if let suggestion = closestMatch(to: id, among: available) {
                return phrases.text("form.unknown_suggest", ["id": Phrasebook.excerpt(id), "suggestion": suggestion, "forms": forms])
            }
            return phrases.text("form.unknown", ["id": Phrasebook.excerpt(id), "forms": forms])
        case .invalid(let id, let diagnostics):
            let list = diagnostics.errors.map { "  \($0)" }.joined(separator: "\n")
            return phrases.text("form.invalid", ["id": id]) + "\n" + list
        }
    }
}

/// The forms of one directory, each read and validated.
public struct FormCatalog: Sendable {
    public var directory: URL
    public var files: [FormFile]

    /// Where the forms are: `--forms-dir`, else `$KIOSK_FORMS_DIR`, else `./Questionnaires`.
    public static func directory(option: String?, environment: [String: String]) -> URL {
        let path = option ?? environment["KIOSK_FORMS_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "Questionnaires"
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Reads every `.yaml` and `.yml` file in `directory` (not in subfolders such as the edit history).
    public static func load(from directory: URL) throws(FormsDirectoryError) -> FormCatalog {
        let paths = try formFiles(in: directory)
        var files = paths.map { read($0) }
        markDuplicateIDs(&files)
        return FormCatalog(directory: directory, files: files)
    }

    /// Whether `directory` has a form file named after `id`.
    public static func hasFile(named id: String, in directory: URL) -> Bool {
        ["yaml", "yml"].contains { FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(id).\($0)").path) }
    }

    /// Reads only the form with `id`, if its file is named after it; falls back to the whole directory.
    /// Starting an interview this way reads one file instead of all.
    public static func form(_ id: String, in directory: URL) throws -> Questionnaire {
        for suffix in ["yaml", "yml"] {
            let url = directory.appendingPathComponent("\(id).\(suffix)")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let file = read(url)
            if file.loaded.questionnaire?.id == id {
                return try FormCatalog(directory: directory, files: [file]).form(id)
            }
        }
        return try load(from: directory).form(id)
    }

    /// The form with `id`, if it exists and is valid.
    public func form(_ id: String) throws(FormLookupError) -> Questionnaire {
        let matching = files.filter { $0.loaded.questionnaire?.id == id }
        guard let file = matching.first, let form = file.loaded.questionnaire else {
            throw .unknown(id, available: files.compactMap { $0.loaded.questionnaire?.id }.sorted())
        }
        guard file.loaded.isValid else { throw .invalid(id, diagnostics: file.loaded.diagnostics) }
        return form
    }

    /// The valid forms, sorted by id.
    public var validForms: [Questionnaire] {
        files.filter(\.loaded.isValid).compactMap(\.loaded.questionnaire).sorted { $0.id < $1.id }
    }

    /// The files that have errors.
    public var invalidFiles: [FormFile] {
        files.filter { !$0.loaded.isValid }
    }

    /// The line and column of the first byte that is not part of valid UTF-8.
    static func firstInvalidUTF8(in data: Data) -> SourceLocation {
        let bytes = [UInt8](data)
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, i + length <= bytes.count, String(bytes: bytes[i..<(i + length)], encoding: .utf8) != nil else { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += length
        }
        return SourceLocation(line: line, column: column)
    }

    /// Reads and validates one file.
    public static func read(_ url: URL) -> FormFile {
        let display = displayPath(for: url)
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let decoded = String(data: data, encoding: .utf8) else {
                return FormFile(displayPath: display, url: url, loaded: LoadedQuestionnaire(questionnaire: nil, diagnostics: [
                    Diagnostic(.error, file: display, at: Self.firstInvalidUTF8(in: data), "the file is not UTF-8 text here",
                               fix: "save it as UTF-8 in the editor (in Notepad: Save as → Encoding: UTF-8)"),
                ]))
            }
            text = decoded
        } catch {
            return FormFile(displayPath: display, url: url, loaded: LoadedQuestionnaire(questionnaire: nil, diagnostics: [
                Diagnostic(.error, file: display, at: nil, "the file cannot be read (\(error.localizedDescription))", fix: "check that it exists and is readable"),
            ]))
        }
        return FormFile(displayPath: display, url: url, loaded: QuestionnaireLoader.load(yaml: text, file: display))
    }

    /// `url` relative to the working directory when it is inside it.
    public static func displayPath(for url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    static func formFiles(in directory: URL) throws(FormsDirectoryError) -> [URL] {
        var isDirectory: ObjCBool = false
        let shown = displayPath(for: directory)
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { throw .missing(shown) }
        guard isDirectory.boolValue else { throw .notADirectory(shown) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(shown, error.localizedDescription)
        }
        return names
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    private static func markDuplicateIDs(_ files: inout [FormFile]) {
        var firstFile: [String: String] = [:]
        for index in files.indices {
            guard let id = files[index].loaded.questionnaire?.id, !id.isEmpty else { continue }
            if let first = firstFile[id] {
                files[index].loaded.diagnostics.append(Diagnostic(
                    .error, file: files[index].displayPath, at: files[index].loaded.idLocation,
                    "the form id '\(id)' is also used by \(first)",
                    fix: "give each form its own id; staff start forms by id"))
            } else {
                firstFile[id] = files[index].displayPath
            }
        }
    }
}
