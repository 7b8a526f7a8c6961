import Crypto
import Foundation
import KioskCore

/// The shipped language files, read and checked when the kiosk was built (``EmbeddedLanguagePacks``),
/// so a start does not parse them again: a language file whose bytes have the SHA-256 of a shipped file,
/// under the same file name, is that file, and its checked pack is used as it is. Any other file (an
/// edited or a new one) is read and checked as always. A test keeps the embedded packs equal to what the
/// loader reads from the shipped files, and writes them again when they differ
/// (`KIOSK_WRITE_EMBEDDED_LANGUAGES=1 swift test --filter EmbeddedLanguagesTests`).
public enum EmbeddedLanguages {
    /// The checked pack of a shipped file named `fileName` with exactly the bytes `data`, if it is one.
    public static func pack(named fileName: String, data: Data) -> LanguagePack? {
        guard let entry = EmbeddedLanguagePacks.entries[fileName] else { return nil }
        guard entry.digest == digest(of: data) else { return nil }
        return entry.pack()
    }

    /// The SHA-256 of `data`, as lowercase hex.
    public static func digest(of data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The Swift source of ``EmbeddedLanguagePacks`` for the language files `files` (name, bytes, and the
    /// pack the loader read from them, which must have no problems at all).
    public static func source(for files: [(name: String, data: Data, pack: LanguagePack)]) -> String {
        var out = """
            // Written by EmbeddedLanguagesTests from the shipped language files (Sources/KioskApp/Resources/languages);
            // do not edit. See EmbeddedLanguages.swift.
            import KioskCore

            enum EmbeddedLanguagePacks {
                struct Entry: Sendable {
                    let digest: String
                    let pack: @Sendable () -> LanguagePack
                }

                static let entries: [String: Entry] = [

            """
        for file in files.sorted(by: { $0.name < $1.name }) {
            let pack = file.pack
            out += "        \(literal(file.name)): Entry(digest: \(literal(digest(of: file.data))), pack: {\n"
            out += "            LanguagePack(language: Language(rawValue: \(literal(pack.language.rawValue))), name: \(literal(pack.name)),\n"
            out += "                         direction: .\(pack.direction == .rightToLeft ? "rightToLeft" : "leftToRight"), status: .\(pack.status.rawValue), phrases: [\n"
            for key in pack.phrases.keys.sorted() {
                out += "                \(literal(key)): \(literal(pack.phrases[key]!)),\n"
            }
            out += "            ])\n        }),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// `text` as a Swift string literal.
    static func literal(_ text: String) -> String {
        "\"" + escaping(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\"": "\\\""
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default:
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
                    ? "\\u{\(String(scalar.value, radix: 16))}" : nil
            }
        } + "\""
    }
}
