/// A language file read and checked: the pack when it has no errors, and every problem found.
public struct LoadedLanguagePack: Sendable {
    public var pack: LanguagePack?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public init(pack: LanguagePack?, diagnostics: [Diagnostic]) {
        self.pack = pack
        self.diagnostics = diagnostics
    }
}

/// Reads a language file (`Questionnaires/languages/ar.yaml`) as untrusted input, like a form: the same
/// YAML reader (no aliases, no control characters, bounded nesting), and every problem located with
/// what to do about it. A file is usable only when it gives every phrase of the ``PhraseCatalog`` with
/// exactly that phrase's placeholders.
public enum LanguagePackLoader {
    static let fields = ["language", "name", "direction", "status", "phrases"]

    public static func load(yaml: String, file: String) -> LoadedLanguagePack {
        let collector = DiagnosticCollector(file: file)
        let root = YAMLReader.read(yaml, reportingTo: collector)
        guard !collector.hasErrors, let root, let top = Fields(root, what: "the language file", allowed: fields, into: collector) else {
            if collector.diagnostics.isEmpty {
                collector.error(SourceLocation(line: 1, column: 1), "the language file is empty",
                                fix: "copy Questionnaires/languages/en.yaml and translate it")
            }
            return LoadedLanguagePack(pack: nil, diagnostics: collector.diagnostics)
        }
        let language = top.require("language", example: "sv", into: collector)?.scalar.map { Language(rawValue: $0.string) }
        if let language, let expected = QuestionnaireLoader.formID(fromFileName: file), expected != language.rawValue {
            collector.error(top["language"]?.location, "the file says it is language '\(language)', but it is named '\(expected).yaml'",
                            fix: "name the file '\(language).yaml', or correct 'language:'")
        }
        if let language, !isLanguageCode(language.rawValue) {
            collector.error(top["language"]?.location, "'\(Phrasebook.excerpt(language.rawValue))' is not a language code",
                            fix: "use the two-letter ISO 639-1 code, such as sv, en, ar, so, ti, fa")
        }
        let name = top.require("name", example: "Svenska", into: collector)?.scalar?.string
        if name?.isBlank == true {
            collector.error(top["name"]?.location, "the language's name is empty", fix: "write its name in its own script, such as 'العربية' or 'Soomaali'")
        }
        let direction = enumValue(top["direction"], LanguagePack.Direction.self, default: .leftToRight, what: "direction", into: collector)
        let status = enumValue(top["status"], LanguagePack.Status.self, default: .reviewed, what: "status", into: collector)
        var phrases: [String: String] = [:]
        if let node = top.require("phrases", example: "(one line per phrase, as in en.yaml)", into: collector) {
            phrases = readPhrases(node, into: collector)
        }
        guard !collector.hasErrors, let language, let name else {
            return LoadedLanguagePack(pack: nil, diagnostics: collector.diagnostics.sortedByLocation())
        }
        let pack = LanguagePack(language: language, name: name, direction: direction, status: status, phrases: phrases)
        return LoadedLanguagePack(pack: pack, diagnostics: collector.diagnostics.sortedByLocation())
    }

    private static func readPhrases(_ node: YNode, into collector: DiagnosticCollector) -> [String: String] {
        guard case .mapping(let mapping) = node else {
            collector.error(node.location, "'phrases' should be lines of 'key: \"text\"', but it is \(node.kindName)",
                            fix: "write one phrase per line, indented under 'phrases:', as in en.yaml")
            return [:]
        }
        var phrases: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                collector.error(keyNode.location, "a phrase key is not a plain word", fix: "use the keys of en.yaml")
                continue
            }
            guard let expected = PhraseCatalog.placeholders[key] else {
                var fix = "remove the line; the kiosk has no phrase '\(Phrasebook.excerpt(key))'"
                if let suggestion = closestMatch(to: key, among: PhraseCatalog.keys) { fix = "did you mean '\(suggestion)'? or " + fix }
                collector.error(keyNode.location, "unknown phrase '\(Phrasebook.excerpt(key))'", fix: fix)
                continue
            }
            guard let text = value.scalar?.string else {
                collector.error(value.location, "the phrase '\(key)' should be one text, but it is \(value.kindName)",
                                fix: "write it in quotes on the same line: \(key): \"…\"")
                continue
            }
            if text.isBlank {
                collector.error(value.location, "the phrase '\(key)' is empty", fix: "translate it from en.yaml")
                continue
            }
            let used = LanguagePack.placeholders(in: text)
            let unknown = used.filter { !expected.contains($0) }
            let missing = expected.filter { !used.contains($0) }
            if !unknown.isEmpty || !missing.isEmpty {
                var problems: [String] = []
                if !unknown.isEmpty { problems.append("uses " + unknown.map { "{\($0)}" }.joined(separator: ", ") + ", which this phrase does not have") }
                if !missing.isEmpty { problems.append("lacks " + missing.map { "{\($0)}" }.joined(separator: ", ")) }
                let wanted = expected.isEmpty ? "no placeholders" : expected.map { "{\($0)}" }.joined(separator: ", ")
                collector.error(value.location, "the phrase '\(key)' \(problems.joined(separator: " and "))",
                                fix: "keep the placeholders exactly as in en.yaml (\(wanted)); only the words around them are translated")
                continue
            }
            phrases[key] = text
        }
        let given = Set(mapping.compactMap { $0.key.scalar?.string })
        let absent = PhraseCatalog.keys.filter { !given.contains($0) }
        if !absent.isEmpty {
            let shown = absent.prefix(8).joined(separator: ", ") + (absent.count > 8 ? " and \(absent.count - 8) more" : "")
            collector.error(node.location, "\(absent.count) phrase\(absent.count == 1 ? " is" : "s are") missing: \(shown)",
                            fix: "add \(absent.count == 1 ? "it" : "them") from en.yaml and translate")
        }
        return phrases
    }

    private static func enumValue<E: RawRepresentable & CaseIterable>(_ node: YNode?, _: E.Type, default value: E, what: String,
                                                                       into collector: DiagnosticCollector) -> E where E.RawValue == String {
        guard let node else { return value }
        guard let raw = node.scalar?.string, let parsed = E(rawValue: raw) else {
            collector.error(node.location, "'\(what)' should be one of \(E.allCases.map { $0.rawValue }.joined(separator: ", "))",
                            fix: "write for example '\(what): \(value.rawValue)'")
            return value
        }
        return parsed
    }

    /// Two or three lowercase letters (ISO 639-1, or 639-3 for a language without a two-letter code).
    static func isLanguageCode(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLowercase }
    }
}
