/// Word wrapping for the terminal.
enum TextLayout {
    /// `text` wrapped at `width` columns, each line starting with `indent` spaces. Existing line breaks stay.
    /// `hanging` indents every line after a paragraph's first by that many more spaces, so a bulleted
    /// line (`· Kvinnofridslinjen …`) continues under its text rather than under its bullet.
    /// `minimum` is the narrowest a line is ever made (20 by default, so a deep indent never leaves a
    /// column of single words).
    static func wrap(_ text: String, width: Int, indent: Int = 0, hanging: Int = 0, minimum: Int = 20) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var pad = String(repeating: " ", count: indent)
            var usable = max(minimum, width - indent)
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= usable {
                    line += " " + word
                } else {
                    lines.append(pad + line)
                    line = String(word)
                    pad = String(repeating: " ", count: indent + hanging)
                    usable = max(minimum, width - indent - hanging)
                }
            }
            lines.append(pad + line)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` after `prefix` (such as "  a  " before a choice), wrapped so that every further line starts
    /// under the text, not under the prefix.
    static func labelled(_ prefix: String, _ text: String, width: Int) -> String {
        let wrapped = wrap(text, width: width - prefix.count, minimum: 10)
        let pad = String(repeating: " ", count: prefix.count)
        return wrapped.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? prefix : pad) + $0.element }.joined(separator: "\n")
    }

    /// `items` in a row separated by `separator`, starting a new line rather than splitting an item when the
    /// row would pass `width` (the key line under a question on a narrow terminal).
    static func pack(_ items: [String], separator: String = "   ", width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for item in items {
            if line.isEmpty {
                line = item
            } else if line.count + separator.count + item.count <= width {
                line += separator + item
            } else {
                lines.append(line)
                line = item
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
