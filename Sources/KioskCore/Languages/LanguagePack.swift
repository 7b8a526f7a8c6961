/// The kiosk's own words in one language, read from a language file (`Questionnaires/languages/sv.yaml`):
/// every phrase of the ``PhraseCatalog`` with its placeholders, the language's own name in its own script,
/// its writing direction, and whether a native speaker has reviewed it.
public struct LanguagePack: Sendable, Hashable {
    /// Which way the language is written.
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case leftToRight = "ltr"
        case rightToLeft = "rtl"
    }

    /// Whether the words may be shown without a warning to staff.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Reviewed by a native speaker.
        case reviewed
        /// A draft nobody fluent has checked yet: it may be used, and staff are told so.
        case draft
    }

    public var language: Language
    /// The language's name in its own script ("Svenska", "العربية", "ትግርኛ").
    public var name: String
    public var direction: Direction
    public var status: Status
    /// Phrase key → text with `{placeholder}`s.
    public var phrases: [String: String]

    public init(language: Language, name: String, direction: Direction = .leftToRight, status: Status = .reviewed,
                phrases: [String: String]) {
        self.language = language
        self.name = name
        self.direction = direction
        self.status = status
        self.phrases = phrases
    }

    /// The phrase `key` with its placeholders filled in. In right-to-left text each inserted value is put
    /// in a first-strong isolate (U+2068 … U+2069), so numbers, keys and Latin codes keep their place.
    /// A phrase the file lacks (it cannot: the loader refuses such a file) shows as its key.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        assert(PhraseCatalog.placeholders[key].map { Set($0) == Set(values.keys) } ?? false,
               "phrase '\(key)' is used with \(values.keys.sorted()) but the catalog has \(PhraseCatalog.placeholders[key] ?? [])")
        guard let template = phrases[key] else { return key }
        guard !values.isEmpty else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] {
                result += direction == .rightToLeft && !value.isEmpty ? "\u{2068}\(value)\u{2069}" : value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A phrase that is a comma-separated list of words (`words.yes: "j, ja, y, yes"`), folded for
    /// comparing with what is typed.
    public func words(_ key: String) -> Set<String> {
        Set(text(key).split(separator: ",").map { ResponseParser.fold(String($0.trimmingSpaces())) }.filter { !$0.isEmpty })
    }

    /// The names of the placeholders in `template`, in order of appearance.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template.utf8[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "{")), let close = rest[open...].firstIndex(of: UInt8(ascii: "}")) {
            names.append(String(decoding: rest[rest.index(after: open)..<close], as: UTF8.self))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// The language packs a kiosk has, by language.
public struct LanguagePacks: Sendable {
    public private(set) var packs: [Language: LanguagePack]

    public init(_ packs: [LanguagePack]) {
        self.packs = Dictionary(packs.map { ($0.language, $0) }, uniquingKeysWith: { _, last in last })
    }

    public subscript(language: Language) -> LanguagePack? { packs[language] }

    /// The pack for `language`, else Swedish, else English, else any (sorted by code).
    public func pack(for language: Language) -> LanguagePack? {
        packs[language] ?? packs[.swedish] ?? packs[.english] ?? packs.keys.sorted().first.flatMap { packs[$0] }
    }

    public var languages: [Language] { packs.keys.sorted() }

    /// The language a person asks for by typing its code or its own name (`ar`, `العربية`, `Soomaali`),
    /// among `offered`; nil for anything else.
    public func language(typed text: String, among offered: [Language]) -> Language? {
        let folded = ResponseParser.fold(String(text.trimmingSpaces()))
        guard !folded.isEmpty else { return nil }
        return offered.first { language in
            folded == ResponseParser.fold(language.rawValue)
                || packs[language].map { folded == ResponseParser.fold($0.name) } ?? false
        }
    }
}
