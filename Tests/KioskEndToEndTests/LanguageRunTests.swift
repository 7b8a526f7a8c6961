import Foundation
import KioskStore
import Testing
import TextWidth

/// Participants in their own language: the built kiosk with a form in Arabic, Somali and Tigrinya (test
/// wording) and language files for them, through a pipe at 40 and 80 columns.
struct LanguageRunTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/languages")

    /// A forms folder with the test form and the three languages' files.
    static func formsFolder(in scratch: Scratch) throws -> String {
        let forms = scratch.url.appendingPathComponent("forms")
        try FileManager.default.createDirectory(at: forms.appendingPathComponent("languages"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("screener.yaml"), to: forms.appendingPathComponent("screener.yaml"))
        for sample in TestLanguages.all {
            try TestLanguages.yaml(sample).write(to: forms.appendingPathComponent("languages/\(sample.code).yaml"), atomically: true, encoding: .utf8)
        }
        return forms.path
    }

    /// Choose the language, start, answer yes / the second choice / the first gender, save, clear.
    static let script = "\n1\n2\n1\n\n\n"

    @Test(arguments: [40, 80], ["ar", "so", "ti"])
    func everyLineOfAnInterviewInTheParticipantsLanguageFitsTheTerminal(columns: Int, code: String) throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        let run = try runKiosk(["interview", "screener"], input: code + "\n" + Self.script, in: scratch,
                               environment: ["KIOSK_FORMS_DIR": forms, "COLUMNS": String(columns)])
        #expect(run.status == 0, "\(run.stderr)")
        let sample = TestLanguages.all.first { $0.code == code }!
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(DisplayWidth.of(line) <= columns, "\(DisplayWidth.of(line)) columns: \(line)")
        }
        // Long words of the test wording are broken between grapheme clusters, never inside one.
        #expect(run.stdout.contains("[answer_prompt]"), "the participant's prompts are in the chosen language")
        #expect(run.stdout.contains(sample.sentence.split(separator: " ").first!))
        #expect(run.stdout.contains("Resultat — för personal"), "the result screen for staff stays in the staff language")
        #expect(run.stdout.contains("BRÅDSKANDE"))
        #expect(run.stdout.contains("utkast"), "staff are told the participant's language file is a draft")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir), create: false)
        #expect(try store.interviews(status: .complete).map(\.language) == [code], "stored with the language it was answered in")
    }

    @Test func onARealFortyColumnTerminalNoLineOfAnArabicInterviewIsWiderThanTheScreen() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        let terminal = try PseudoTerminal(["interview", "screener"], in: scratch, environment: ["KIOSK_FORMS_DIR": forms], rows: 24, columns: 40)
        _ = try terminal.expect("Tryck Enter för att börja. ")
        terminal.line("ar")
        _ = try terminal.expect("[start_prompt]: ")
        terminal.line("")
        for answer in ["1", "2", "1"] {
            _ = try terminal.expect("[answer_prompt]: ")
            terminal.line(answer)
        }
        _ = try terminal.expect("[review.prompt]: ")
        terminal.line("")
        _ = try terminal.expect("Enter: ")
        let lines = terminal.transcript.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
        #expect(lines.count > 40)
        for line in lines { #expect(DisplayWidth.of(line) <= 40, "\(DisplayWidth.of(line)): \(line)") }
        terminal.line("")
    }

    @Test func theStartScreenOffersEachLanguageInItsOwnNameAndScript() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        let run = try runKiosk(["interview", "screener"], input: "", in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        for sample in TestLanguages.all {
            #expect(run.stdout.contains(sample.name + " · "), "\(sample.name) is offered: \(run.stdout)")
            #expect(run.stdout.contains("[language_offer] \(sample.code)") || run.stdout.contains("[language_offer] \u{2068}\(sample.code)\u{2069}"))
        }
        #expect(!run.stdout.contains("English ·"), "a language the form does not have is not offered")
    }

    @Test func aLanguageCanBeChosenByItsOwnName() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        let run = try runKiosk(["interview", "screener"], input: "ትግርኛ\n" + Self.script, in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ኣብ ዝሓለፈ ዓመት"), "the question in Tigrinya")
    }

    @Test func rightToLeftTextKeepsKeysAndNumbersInPlaceWithIsolates() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        let run = try runKiosk(["interview", "screener"], input: "ar\n" + Self.script, in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(run.status == 0, "\(run.stderr)")
        // The key before each choice in a left-to-right isolate; numbers inside phrases in first-strong isolates.
        #expect(run.stdout.contains("\u{2066} 1\u{2069}  نعم"), "\(run.stdout)")
        #expect(run.stdout.contains("[progress] \u{2068}1\u{2069} \u{2068}3\u{2069}"))
        // Written in logical order: the Arabic question text is as in the form file.
        #expect(run.stdout.contains("هل شعرت بالخوف"))
        // Left-to-right languages get no isolates.
        let somali = try runKiosk(["interview", "screener"], input: "so\n" + Self.script, in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        let questions = try #require(somali.stdout.range(of: "[progress]")).lowerBound
        let result = try #require(somali.stdout.range(of: "Resultat — för personal")).lowerBound
        let screens = somali.stdout[questions..<result]
        #expect(!screens.contains("\u{2066}") && !screens.contains("\u{2068}"))
    }

    @Test func summariesCanSplitByTheLanguageAnsweredIn() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        for code in ["ar", "ar", "ar", "ar", "ar", "so", "so", "so", "so", "so"] {
            let run = try runKiosk(["interview", "screener"], input: code + "\n" + Self.script, in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
            #expect(run.status == 0)
        }
        let summary = try runKiosk(["summary", "screener", "--by", "language"], in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("== ar") || summary.stdout.contains("ar =="), "\(summary.stdout)")
        #expect(summary.stdout.contains("so"), "\(summary.stdout)")
        let server = try runKiosk(["summary", "screener", "--by", "language", "--server", "postgres://x@localhost/db"], in: scratch,
                                  environment: ["KIOSK_FORMS_DIR": forms])
        #expect(server.status != 0)
        #expect(server.stderr.contains("do not keep the language"))
    }

    @Test func validateChecksLanguageFilesWithTheirLocations() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        var broken = TestLanguages.yaml(TestLanguages.somali)
        broken = broken.replacingOccurrences(of: "[progress] {number} {total}", with: "[progress] {number} {totl}")
        broken = broken.replacingOccurrences(of: "  key.help:", with: "  key.hlep:")
        try broken.write(toFile: forms + "/languages/so.yaml", atomically: true, encoding: .utf8)
        let run = try runKiosk(["forms", "validate"], in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(run.status == 1)
        #expect(run.stdout.contains("languages/so.yaml:"), "\(run.stdout)")
        #expect(run.stdout.contains("the phrase 'progress' uses {totl}, which this phrase does not have and lacks {total}"), "\(run.stdout)")
        #expect(run.stdout.contains("unknown phrase 'key.hlep'; did you mean 'key.help'?"), "\(run.stdout)")
        #expect(run.stdout.contains("1 phrase is missing: key.help"), "\(run.stdout)")
        #expect(run.stdout.contains("so.yaml: NOT USABLE"))
        #expect(run.stdout.contains("ar.yaml: OK, العربية (ar)") && run.stdout.contains("DRAFT"))
        #expect(run.stdout.contains("the form is offered in 'so', but the kiosk has no words in that language"))
        // The broken language is not offered; the others still are.
        let start = try runKiosk(["interview", "screener"], input: "", in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(!start.stdout.contains("Soomaali ·") && start.stdout.contains("العربية ·"))
    }

    @Test func theSupportLeafletIsTheSameForEveryoneInTheChosenLanguage() throws {
        let scratch = try Scratch()
        let forms = try Self.formsFolder(in: scratch)
        let text = try runKiosk(["support", "screener", "--lang", "so"], in: scratch, environment: ["KIOSK_FORMS_DIR": forms])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("[self.support_title]"))
        #expect(text.stdout.contains("· Kvinnofridslinjen 020-50 50 50 — khad caawimo"))
        #expect(text.stdout.contains("· Brottsofferjouren 116 006 — taageero"))
        let html = try runKiosk(["support", "screener", "--lang", "ar", "--format", "html", "-o", scratch.path("leaflet.html")], in: scratch,
                                environment: ["KIOSK_FORMS_DIR": forms])
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOfFile: scratch.path("leaflet.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(page.contains("<li>Kvinnofridslinjen 020-50 50 50 — خط مساعدة"))
        let shipped = try runKiosk(["support", "violence-seven", "--lang", "en"], in: scratch)
        #expect(shipped.stdout.contains("Kvinnofridslinjen") && shipped.stdout.contains("Välj att sluta 020-555 666") && shipped.stdout.contains("116 006"))
    }
}
