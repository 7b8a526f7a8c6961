import TextWidth
import KioskTerminal

/// Word wrapping for the terminal, by display width (``DisplayWidth``): Arabic with harakat, Ethiopic,
/// wide characters and emoji are measured as they show, and a line is never broken inside a grapheme
/// cluster.
enum TextLayout {
    /// `text` wrapped at `width` columns, each line starting with `indent` spaces. Existing line breaks stay.
    /// `hanging` indents every line after a paragraph's first by that many more spaces, so a bulleted
    /// line (`· Kvinnofridslinjen …`) continues under its text rather than under its bullet.
    /// `minimum` is the narrowest a line is ever made (20 by default, so a deep indent never leaves a
    /// column of single words). A word wider than a line is split between grapheme clusters.
    static func wrap(_ text: String, width: Int, indent: Int = 0, hanging: Int = 0, minimum: Int = 20) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var pad = String(repeating: " ", count: indent)
            var usable = max(minimum, width - indent)
            func breakLine() {
                lines.append(pad + line)
                line = ""
                lineWidth = 0
                pad = String(repeating: " ", count: indent + hanging)
                usable = max(minimum, width - indent - hanging)
            }
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var rest = Substring(word)
                var restWidth = DisplayWidth.of(rest)
                if !line.isEmpty {
                    if lineWidth + 1 + restWidth <= usable {
                        line += " " + rest
                        lineWidth += 1 + restWidth
                        continue
                    }
                    breakLine()
                }
                while restWidth > usable {
                    let (head, tail) = DisplayWidth.split(rest, fitting: usable)
                    line = String(head)
                    breakLine()
                    rest = tail
                    restWidth = DisplayWidth.of(rest)
                }
                line = String(rest)
                lineWidth = restWidth
            }
            lines.append(pad + line)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` after `prefix` (such as "  a  " before a choice), wrapped so that every further line starts
    /// under the text, not under the prefix.
    static func labelled(_ prefix: String, _ text: String, width: Int) -> String {
        let prefixWidth = DisplayWidth.of(prefix)
        let wrapped = wrap(text, width: width - prefixWidth, minimum: 10)
        let pad = String(repeating: " ", count: prefixWidth)
        return wrapped.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? prefix : pad) + $0.element }.joined(separator: "\n")
    }

    /// `items` in a row separated by `separator`, starting a new line rather than splitting an item when the
    /// row would pass `width` (the key line under a question on a narrow terminal).
    static func pack(_ items: [String], separator: String = "   ", width: Int) -> String {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        let separatorWidth = DisplayWidth.of(separator)
        for item in items {
            let itemWidth = DisplayWidth.of(item)
            if itemWidth > width {
                // An item wider than the screen (a long phrase on a narrow terminal): a line of its own, wrapped.
                if !line.isEmpty { lines.append(line) }
                lines.append(wrap(item, width: width, hanging: 2, minimum: 10))
                line = ""
                lineWidth = 0
                continue
            }
            if line.isEmpty {
                line = item
                lineWidth = itemWidth
            } else if lineWidth + separatorWidth + itemWidth <= width {
                line += separator + item
                lineWidth += separatorWidth + itemWidth
            } else {
                lines.append(line)
                line = item
                lineWidth = itemWidth
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension Console {
    /// Reads a line after `prompt`, wrapped to the screen: a prompt too long for one line (in a language
    /// with long words, on a narrow terminal) has its first lines written as text and its last line, with
    /// room left to type, as the prompt.
    func readLine(wrapped prompt: String) -> LineInput {
        let room = max(20, width - 8)
        guard DisplayWidth.of(prompt) > room else { return readLine(prompt: prompt) }
        let lines = TextLayout.wrap(prompt, width: room, minimum: 10).split(separator: "\n", omittingEmptySubsequences: false)
        write(lines.dropLast().joined(separator: "\n") + "\n")
        return readLine(prompt: String(lines.last ?? "") + (prompt.hasSuffix(" ") ? " " : ""))
    }
}
