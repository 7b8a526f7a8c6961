/// Trimming spaces and tabs (what Foundation's `CharacterSet.whitespaces` holds) without Foundation's
/// `NSString` bridging, which was a large share of loading forms and language files (see BENCHMARKS.md).
extension Character {
    /// A tab or a space separator (U+0020, no-break space, the typographic spaces).
    public var isSpaceOrTab: Bool {
        // ASCII first: the Unicode tables are looked up only for other characters.
        if let ascii = asciiValue { return ascii == 0x20 || ascii == 0x09 }
        return unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator }
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end; line breaks stay.
    public func trimmingSpaces() -> SubSequence {
        let leading = drop { $0.isSpaceOrTab }
        let end = leading.lastIndex { !$0.isSpaceOrTab }.map { leading.index(after: $0) } ?? leading.startIndex
        return leading[..<end]
    }

    /// Nothing but spaces and tabs (or nothing at all).
    public var isBlank: Bool { allSatisfy { $0.isSpaceOrTab } }
}
