/// How XLSForm names languages in column headings: `label::Swedish (sv)`. The English name first, as
/// pyxform and ODK write it; the code in brackets is what the kiosk goes by.
public enum XLSFormLanguages {
    /// English names of the languages participants of a samordningsförbund most often speak.
    static let names: [String: String] = [
        "sv": "Swedish", "en": "English", "ar": "Arabic", "so": "Somali", "ti": "Tigrinya", "fa": "Persian",
        "fi": "Finnish", "ku": "Kurdish", "ckb": "Central Kurdish", "prs": "Dari", "ps": "Pashto", "ru": "Russian",
        "uk": "Ukrainian", "pl": "Polish", "bs": "Bosnian", "hr": "Croatian", "sr": "Serbian", "tr": "Turkish",
        "es": "Spanish", "fr": "French", "de": "German", "am": "Amharic", "se": "Northern Sami", "yi": "Yiddish",
        "rom": "Romani", "th": "Thai", "zh": "Chinese", "vi": "Vietnamese", "sq": "Albanian", "no": "Norwegian",
        "da": "Danish", "pt": "Portuguese", "it": "Italian", "hu": "Hungarian", "ro": "Romanian", "el": "Greek",
    ]

    /// Names in the languages themselves (and Swedish), as forms made in Sweden sometimes write them.
    static let otherNames: [String: String] = [
        "svenska": "sv", "engelska": "en", "arabiska": "ar", "somaliska": "so", "tigrinja": "ti", "persiska": "fa",
        "finska": "fi", "soomaali": "so", "farsi": "fa", "العربية": "ar", "فارسی": "fa", "ትግርኛ": "ti", "suomi": "fi",
    ]

    /// `Swedish (sv)`.
    public static func heading(_ language: Language) -> String {
        "\(names[language.rawValue] ?? language.rawValue) (\(language.rawValue))"
    }

    /// The language a heading's part after `::` names: `Swedish (sv)` → sv, `english` → en, `sv` → sv.
    public static func language(named written: String) -> Language? {
        let text = String(written.trimmingSpaces())
        if let open = text.lastIndex(of: "("), text.hasSuffix(")") {
            let code = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingSpaces().lowercased()
            if isCode(code) { return Language(rawValue: code) }
        }
        let lower = text.lowercased()
        if isCode(lower), names[lower] != nil { return Language(rawValue: lower) }
        if let code = names.first(where: { $0.value.lowercased() == lower })?.key { return Language(rawValue: code) }
        if let code = otherNames[lower] { return Language(rawValue: code) }
        return nil
    }

    static func isCode(_ text: String) -> Bool {
        (2...3).contains(text.count) && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }
}
