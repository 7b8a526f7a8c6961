@testable import KioskApp
import Testing

struct TextLayoutTests {
    @Test func wrappedLinesNeverExceedTheWidthAndKeepEveryWord() {
        let text = "Kvinnofridslinjen 020-50 50 50 — dygnet runt, avgiftsfritt, syns inte på telefonräkningen, tolk finns."
        let wrapped = TextLayout.wrap(text, width: 40, indent: 2)
        for line in wrapped.split(separator: "\n") {
            #expect(line.count <= 40)
            #expect(line.hasPrefix("  "))
        }
        #expect(wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
                == text.split(separator: " ").joined(separator: " "))
    }

    @Test func aBulletContinuesUnderItsTextNotUnderTheBullet() {
        let wrapped = TextLayout.wrap("· Brottsofferjouren 116 006 — stöd till den som utsatts för eller bevittnat brott.",
                                      width: 40, indent: 4, hanging: 2)
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        #expect(lines[0].hasPrefix("    · Brottsofferjouren"))
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("      ") && !line.hasPrefix("       "))
            #expect(line.count <= 40)
        }
    }

    @Test func existingLineBreaksStartNewParagraphsWithTheFirstIndent() {
        let wrapped = TextLayout.wrap("ett två tre fyra fem sex sju åtta nio tio elva tolv\nnästa", width: 24, indent: 0, hanging: 2)
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(lines.last == "nästa")
        #expect(lines[1].hasPrefix("  "))
    }

    @Test func theKeyLineBreaksBetweenKeysNeverInsideOne() {
        let items = ["< tillbaka", "? hjälp", "- vill inte svara", "* vet inte", "! avbryt", "Ctrl-X döljer"]
        let packed = TextLayout.pack(items, width: 50)
        #expect(packed == "< tillbaka   ? hjälp   - vill inte svara\n* vet inte   ! avbryt   Ctrl-X döljer")
        #expect(TextLayout.pack(items, width: 200) == items.joined(separator: "   "), "one line when it fits")
        #expect(TextLayout.pack(["ett mycket långt ord"], width: 12) == "ett mycket\n  långt ord", "an item wider than the screen is wrapped, never past the edge")
        #expect(TextLayout.pack([], width: 10) == "")
    }
}
