import KioskCore
import Testing

/// The shared escaping loop and CSV fields: every scalar that matters is found, also inside a character.
struct EscapingTests {
    @Test func aCSVFieldWithALineBreakAQuoteOrTheSeparatorIsQuotedAndItsQuotesDoubled() {
        #expect(csvField("plain text") == "plain text")
        #expect(csvField("a,b") == "\"a,b\"")
        #expect(csvField("a;b") == "a;b")
        #expect(csvField("a;b", separator: ";") == "\"a;b\"")
        #expect(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(csvField("line\nbreak") == "\"line\nbreak\"")
    }

    @Test func aWindowsLineBreakOrAQuoteJoinedByAMarkIsFoundThoughEachIsOneCharacter() {
        // "\r\n" is a single Character, equal neither to "\r" nor to "\n"; '"' + U+0301 is one too.
        #expect(csvField("first\r\nsecond") == "\"first\r\nsecond\"")
        #expect(csvField("x\"\u{301}y") == "\"x\"\"\u{301}y\"")
    }

    @Test func escapingReplacesOnlyTheScalarsItNames() {
        #expect(escaping("a<b>c") { $0 == "<" ? "&lt;" : nil } == "a&lt;b>c")
        #expect(escaping("<\u{338}") { $0 == "<" ? "&lt;" : nil } == "&lt;\u{338}")
        #expect(escaping("") { _ in "x" } == "")
        #expect(fourDigitEscape("\u{1B}") == "\\u001B")
        #expect(fourDigitEscape("\u{1B}", uppercase: false) == "\\u001b")
    }
}
