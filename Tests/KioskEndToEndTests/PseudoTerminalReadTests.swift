import Testing

/// The test terminal itself: what the kiosk wrote reads back whole however the reads split it.
struct PseudoTerminalReadTests {
    @Test func aReadEndingInsideALetterKeepsItsFirstBytesForTheNextRead() {
        let word = Array("längre".utf8)   // l, then ä as two bytes
        #expect(PseudoTerminal.completeCharacters(in: Array(word[..<2])) == 1)
        #expect(PseudoTerminal.completeCharacters(in: Array(word[..<3])) == 3)
        let emoji = Array("a🙂".utf8)       // a four-byte character
        for cut in 2..<emoji.count {
            #expect(PseudoTerminal.completeCharacters(in: Array(emoji[..<cut])) == 1, "cut after \(cut) bytes")
        }
        #expect(PseudoTerminal.completeCharacters(in: emoji) == emoji.count)
        #expect(PseudoTerminal.completeCharacters(in: Array("plain".utf8)) == 5)
        #expect(PseudoTerminal.completeCharacters(in: []) == 0)
    }
}
