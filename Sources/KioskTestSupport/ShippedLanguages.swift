import Foundation
import KioskCore

/// The shipped language files (Swedish and English), read from the source tree and installed as the
/// kiosk's languages, as the kiosk does at start. Idempotent: every suite that shows phrases calls it.
public enum ShippedLanguages {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KioskApp/Resources/languages")

    public static let packs: LanguagePacks = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return LanguagePacks(names.filter { $0.hasSuffix(".yaml") }.compactMap { name in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return LanguagePackLoader.load(yaml: text, file: name).pack
        })
    }()

    public static func install() { Phrasebook.install(packs) }

    public static var swedish: LanguagePack { packs[.swedish]! }
    public static var english: LanguagePack { packs[.english]! }
}
