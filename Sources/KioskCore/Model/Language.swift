/// A language a form provides its texts in, by its ISO 639-1 code (`sv`, `en`).
public struct Language: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Swedish, the kiosk's default language.
    public static let swedish = Language(rawValue: "sv")
    /// English.
    public static let english = Language(rawValue: "en")

    public var description: String { rawValue }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A text given in one or more languages.
public struct LocalizedText: Hashable, Sendable, Codable {
    /// The text per language.
    public var values: [Language: String]

    public init(_ values: [Language: String]) { self.values = values }

    /// The text in `language`, falling back to Swedish, then English, then any language there is.
    public func text(in language: Language) -> String {
        values[language]
            ?? values[.swedish]
            ?? values[.english]
            ?? values.sorted { $0.key < $1.key }.first?.value
            ?? ""
    }

    /// The languages this text is missing among `languages`.
    public func missing(from languages: [Language]) -> [Language] {
        return languages.filter { (values[$0] ?? "").isEmpty }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: String].self)
        values = Dictionary(uniqueKeysWithValues: raw.map { (Language(rawValue: $0.key), $0.value) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }
}
