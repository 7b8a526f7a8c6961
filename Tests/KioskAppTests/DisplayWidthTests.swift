@testable import KioskApp
import KioskCore
import Testing
import TextWidth

/// Text is measured by the columns it takes on a terminal, per grapheme cluster, and wrapped by that.
struct DisplayWidthTests {
    @Test func latinArabicAndEthiopicLettersTakeOneColumnEach() {
        #expect(DisplayWidth.of("Nej") == 3)
        #expect(DisplayWidth.of("نعم") == 3)
        #expect(DisplayWidth.of("ትግርኛ") == 4)
        #expect(DisplayWidth.of("Soomaali") == 8)
    }

    @Test func combiningMarksTakeNoColumn() {
        // Arabic with harakat: مَرْحَبًا is five letters and four marks.
        #expect(DisplayWidth.of("مَرْحَبًا") == 5)
        #expect(DisplayWidth.of("e\u{301}") == 1, "e and a combining acute accent")
        #expect("مَرْحَبًا".count == 5, "Swift counts grapheme clusters the same way")
    }

    @Test func wideCharactersAndEmojiTakeTwoColumns() {
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("🇸🇪") == 2, "a flag is two regional indicators in one cluster")
        #expect(DisplayWidth.of("❤️") == 2, "a heart asking for emoji presentation")
    }

    @Test func bidiIsolatesAndStyleSequencesTakeNoColumn() {
        #expect(DisplayWidth.of(Bidi.leftToRight("12")) == 2)
        #expect(DisplayWidth.of(Bidi.isolated("ar")) == 2)
        #expect(DisplayWidth.of("\u{1B}[1mFet\u{1B}[0m") == 3)
    }

    @Test func wrappingKeepsEveryLineWithinTheWidthInEveryScript() {
        let texts = [
            "هل شعرت بالخوف من شخص قريب منك خلال السنة الماضية، في البيت أو في أي مكان آخر؟",
            "ኣብ ዝሓለፈ ዓመት ኣብ ገዛ ወይ ኣብ ካልእ ቦታ ካብ ቀረባኻ ሰብ ፈሪሕካ ዶ ትፈልጥ?",
            "Ma ka baqday qof kuu dhow sanadkii la soo dhaafay, guriga ama meel kale?",
            "日本語の文章はスペースなしで長く続くことがあります日本語の文章はスペースなしで",
            "مَرْحَبًا بِكَ. هذا اختبار فقط، ويمكنك دائمًا أن تختار عدم الإجابة",
        ]
        for width in [20, 40, 80] {
            for text in texts {
                let wrapped = TextLayout.wrap(text, width: width)
                for line in wrapped.split(separator: "\n") {
                    #expect(DisplayWidth.of(line) <= width, "\(width): \(line)")
                }
                // Nothing is lost or changed: the words come back in order.
                #expect(wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined() == text.split(separator: " ").joined())
            }
        }
    }

    @Test func aWordWiderThanTheLineIsSplitBetweenGraphemeClusters() {
        let word = String(repeating: "مَ", count: 30)
        let wrapped = TextLayout.wrap(word, width: 20)
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.allSatisfy { $0 == "مَ" } }, "every piece is whole letters with their marks")
        #expect(lines.map { DisplayWidth.of($0) } == [20, 10])
    }

    @Test func aKeyHintWiderThanTheScreenIsWrappedRatherThanOverflowing() {
        let packed = TextLayout.pack(["< back", String(repeating: "word ", count: 12), "! abort"], width: 30)
        for line in packed.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 30, "\(line)") }
    }

    @Test func summaryTablesLineUpTheirNumbersUnderLabelsOfAnyScript() throws {
        let form = try #require(QuestionnaireLoader.load(yaml: """
            id: t
            title: {sv: T}
            languages: [sv]
            questions:
              - id: q
                type: single_choice
                text: {sv: Fråga}
                choices:
                  - {code: a, text: {sv: "مَرْحَبًا بِكَ"}}
                  - {code: b, text: {sv: "Nej"}}
                  - {code: c, text: {sv: "日本語"}}
            """, file: "t.yaml").questionnaire)
        var collector = CountsCollector()
        for (n, answer) in ["a", "b", "c"].enumerated() {
            for person in 0..<(10 + 7 * n) {
                let tally = Tally.one(UInt32(truncatingIfNeeded: person &* 2_654_435_761 &+ n))
                collector.interviews([], gender: "kvinna", tally)
                collector.answer([], question: "q", kind: "choice", value: answer, gender: "kvinna", tally)
            }
        }
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: collector.groups)
        let text = SummaryReports.text(report)
        let rows = text.split(separator: "\n").filter { $0.contains("مَرْحَبًا") || $0.contains("  Nej") || $0.contains("日本語") }
        #expect(rows.count == 3, "\(text)")
        // The first number of each row starts in the same column, whatever the label's script.
        let starts = rows.map { row in DisplayWidth.of(row.prefix { !$0.isNumber }) }
        #expect(Set(starts).count == 1, "\(starts)\n\(text)")
    }
}
