import CUtf8proc

/// How many terminal columns text takes, measured per grapheme cluster (what a reader sees as one
/// character) with utf8proc's Unicode tables: wide East Asian characters and emoji take two columns,
/// combining marks (Arabic harakat, Ethiopic and Latin accents), joiners and the bidi isolates take none.
public enum DisplayWidth {
    /// The columns one grapheme cluster takes: its base character's width, two when it asks for emoji
    /// presentation (U+FE0F) or is a flag (two regional indicators), never negative.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        var width = Int(utf8proc_charwidth(Int32(bitPattern: first.value)))
        if width == 0 {
            // A cluster of only marks or format characters (a lone combining mark) takes its first
            // visible scalar's width, if any.
            width = scalars.dropFirst().lazy.map { Int(utf8proc_charwidth(Int32(bitPattern: $0.value))) }.first { $0 > 0 } ?? 0
        }
        if width == 1 {
            if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
            if scalars.count >= 2, scalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }) { return 2 }
        }
        return max(0, width)
    }

    /// The columns `text` takes on one line. A terminal's style sequences (ESC [ … letter: bold, colours)
    /// take none.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        var inSequence = 0
        for character in text {
            switch inSequence {
            case 1:
                inSequence = character == "[" ? 2 : 0
                continue
            case 2:
                if let value = character.unicodeScalars.first?.value, (0x40...0x7E).contains(value) { inSequence = 0 }
                continue
            default:
                if character == "\u{1B}" {
                    inSequence = 1
                    continue
                }
                total += of(character)
            }
        }
        return total
    }

    /// The longest start of `text` that fits in `columns`, and the rest; never splits a grapheme cluster.
    /// At least one cluster is taken when `columns` is smaller than the first, so a split always moves on.
    public static func split<S: StringProtocol>(_ text: S, fitting columns: Int) -> (head: Substring, tail: Substring) {
        let whole = Substring(text)
        var used = 0
        var end = whole.startIndex
        for index in whole.indices {
            let width = of(whole[index])
            if used + width > columns, end > whole.startIndex { break }
            used += width
            end = whole.index(after: index)
        }
        return (whole[..<end], whole[end...])
    }

    /// `text` padded with spaces on the left to `columns` (nothing when it is wider already).
    public static func leftPadded(_ text: String, to columns: Int) -> String {
        let width = of(text)
        return width >= columns ? text : String(repeating: " ", count: columns - width) + text
    }
}

/// Unicode's directional isolates (UAX #9), which keep numbers, keys and Latin codes in place inside
/// right-to-left text on a terminal with bidi support, and take no column.
public enum Bidi {
    /// First strong isolate: the enclosed text takes the direction of its own first letter.
    public static let firstStrongIsolate: Character = "\u{2068}"
    /// Left-to-right isolate.
    public static let leftToRightIsolate: Character = "\u{2066}"
    /// Right-to-left isolate.
    public static let rightToLeftIsolate: Character = "\u{2067}"
    /// Pop directional isolate: ends the isolate.
    public static let popIsolate: Character = "\u{2069}"

    /// `text` in a first-strong isolate.
    public static func isolated(_ text: String) -> String {
        "\(firstStrongIsolate)\(text)\(popIsolate)"
    }

    /// `text` in a left-to-right isolate (a key, a number, a code).
    public static func leftToRight(_ text: String) -> String {
        "\(leftToRightIsolate)\(text)\(popIsolate)"
    }
}
