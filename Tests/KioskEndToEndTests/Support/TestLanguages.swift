import KioskCore

/// Language files in Arabic, Somali and Tigrinya for the tests, with TEST WORDING: every phrase is a
/// sample sentence in the script, its key (so a test can tell which phrase is on screen) and its
/// placeholders. Marked as drafts, as any unreviewed translation must be.
enum TestLanguages {
    struct Sample {
        var code: String
        var name: String
        var direction: String
        var sentence: String
        var yes: String
        var no: String
    }

    static let arabic = Sample(code: "ar", name: "العربية", direction: "rtl", sentence: "هذا نص تجريبي للاختبار", yes: "نعم", no: "لا")
    static let somali = Sample(code: "so", name: "Soomaali", direction: "ltr", sentence: "Kani waa qoraal tijaabo ah", yes: "Haa", no: "Maya")
    static let tigrinya = Sample(code: "ti", name: "ትግርኛ", direction: "ltr", sentence: "እዚ ናይ ፈተና ጽሑፍ እዩ", yes: "እወ", no: "ኣይፋል")
    static let all = [arabic, somali, tigrinya]

    /// The phrase `key` as the test file words it.
    static func phrase(_ key: String, in sample: Sample) -> String {
        switch key {
        case "words.yes": return "y, yes, j, ja, \(sample.yes)"
        case "words.staff": return "p, staff"
        case "answer.yes": return sample.yes
        case "answer.no": return sample.no
        default:
            let placeholders = (PhraseCatalog.placeholders[key] ?? []).map { "{\($0)}" }.joined(separator: " ")
            let text = "\(sample.sentence) [\(key)]" + (placeholders.isEmpty ? "" : " " + placeholders)
            return key.hasSuffix("prompt") || key.hasSuffix("_prompt") ? text + ": " : text
        }
    }

    /// The whole language file.
    static func yaml(_ sample: Sample) -> String {
        var text = """
            # TEST WORDING ONLY: not a translation.
            language: \(sample.code)
            name: "\(sample.name)"
            direction: \(sample.direction)
            status: draft
            phrases:

            """
        for key in PhraseCatalog.keys {
            text += "  \(key): \"\(phrase(key, in: sample))\"\n"
        }
        return text
    }
}
