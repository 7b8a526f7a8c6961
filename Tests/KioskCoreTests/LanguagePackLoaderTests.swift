import KioskTestSupport
import KioskCore
import Testing

/// Language files are read like forms: every phrase present with its placeholders, every problem located.
struct LanguagePackLoaderTests {
    init() { ShippedLanguages.install() }

    /// The shipped English file's text with `edit` applied.
    static func english(_ edit: (String) -> String = { $0 }) throws -> String {
        let url = ShippedLanguages.directory.appendingPathComponent("en.yaml")
        return edit(try String(contentsOf: url, encoding: .utf8))
    }

    @Test func theShippedLanguageFilesAreCompleteAndReviewed() throws {
        for name in ["sv", "en"] {
            let text = try String(contentsOf: ShippedLanguages.directory.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            let loaded = LanguagePackLoader.load(yaml: text, file: "\(name).yaml")
            #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
            #expect(loaded.pack?.phrases.count == PhraseCatalog.keys.count)
            #expect(loaded.pack?.status == .reviewed)
        }
    }

    @Test func aMissingPhraseIsAnErrorThatNamesIt() throws {
        let text = try Self.english { $0.replacingOccurrences(of: "  key.help: \"help\"\n", with: "") }
        let loaded = LanguagePackLoader.load(yaml: text, file: "en.yaml")
        #expect(loaded.pack == nil)
        let error = try #require(loaded.errors.first)
        #expect(error.message == "1 phrase is missing: key.help")
        #expect(error.location?.line == 10, "at 'phrases:'")
        #expect(error.fix == "add it from en.yaml and translate")
    }

    @Test func aChangedPlaceholderIsAnErrorAtItsLine() throws {
        let text = try Self.english { $0.replacingOccurrences(of: "Question {number} of {total}\"", with: "Question {nummer} of {total}\"") }
        let loaded = LanguagePackLoader.load(yaml: text, file: "en.yaml")
        let error = try #require(loaded.errors.first)
        #expect(error.message == "the phrase 'progress' uses {nummer}, which this phrase does not have and lacks {number}")
        #expect(error.fix?.contains("keep the placeholders exactly as in en.yaml ({number}, {total})") == true)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  progress:") }! + 1
        #expect(error.location?.line == line)
    }

    @Test func anUnknownPhraseSuggestsTheClosest() throws {
        let text = try Self.english { $0.replacingOccurrences(of: "  answer_prompt:", with: "  answer_promt:") }
        let loaded = LanguagePackLoader.load(yaml: text, file: "en.yaml")
        #expect(loaded.errors.map(\.message).contains("unknown phrase 'answer_promt'"))
        #expect(loaded.errors.first { $0.message == "unknown phrase 'answer_promt'" }?.fix?.hasPrefix("did you mean 'answer_prompt'?") == true)
    }

    @Test func theFileNameAndTheLanguageMustAgree() throws {
        let loaded = LanguagePackLoader.load(yaml: try Self.english(), file: "languages/so.yaml")
        #expect(loaded.errors.map(\.message) == ["the file says it is language 'en', but it is named 'so.yaml'"])
    }

    @Test func hostileYamlIsRefusedWithALocationAsInForms() {
        let alias = LanguagePackLoader.load(yaml: "language: &a en\nname: *a\n", file: "en.yaml")
        #expect(alias.errors.first?.location?.line == 2)
        let control = LanguagePackLoader.load(yaml: "language: en\nname: \"\\e[2J\"\n", file: "en.yaml")
        #expect(control.errors.first?.message.contains("control character") == true)
        let empty = LanguagePackLoader.load(yaml: "", file: "en.yaml")
        #expect(empty.errors.first?.message == "the language file is empty")
    }

    @Test func aWrongDirectionOrStatusIsNamed() throws {
        let text = try Self.english { $0.replacingOccurrences(of: "direction: ltr", with: "direction: right").replacingOccurrences(of: "status: reviewed", with: "status: done") }
        let messages = LanguagePackLoader.load(yaml: text, file: "en.yaml").errors.map(\.message)
        #expect(messages.contains("'direction' should be one of ltr, rtl"))
        #expect(messages.contains("'status' should be one of reviewed, draft"))
    }

    @Test func rightToLeftPlaceholdersAreIsolatedAndLeftToRightOnesAreNot() {
        let arabic = LanguagePack(language: Language(rawValue: "ar"), name: "العربية", direction: .rightToLeft,
                                  phrases: ["progress": "السؤال {number} من {total}"])
        #expect(arabic.text("progress", ["number": "3", "total": "9"]) == "السؤال \u{2068}3\u{2069} من \u{2068}9\u{2069}")
        #expect(Phrasebook(ShippedLanguages.english).progress(3, of: 9) == "Question 3 of 9")
    }

    @Test func aLanguageIsChosenByItsCodeOrItsOwnName() {
        var packs = ShippedLanguages.packs.packs.map(\.value)
        packs.append(LanguagePack(language: Language(rawValue: "ti"), name: "ትግርኛ", phrases: [:]))
        let all = LanguagePacks(packs)
        let offered = [Language.swedish, Language(rawValue: "ti")]
        #expect(all.language(typed: " ትግርኛ ", among: offered) == Language(rawValue: "ti"))
        #expect(all.language(typed: "TI", among: offered) == Language(rawValue: "ti"))
        #expect(all.language(typed: "svenska", among: offered) == .swedish)
        #expect(all.language(typed: "en", among: offered) == nil, "not a language the form offers")
    }
}
