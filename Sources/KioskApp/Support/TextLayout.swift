/// Word wrapping for the terminal.
enum TextLayout {
    /// `text` wrapped at `width` columns, each line starting with `indent` spaces. Existing line breaks stay.
    /// `hanging` indents every line after a paragraph's first by that many more spaces, so a bulleted
    /// line (`· Kvinnofridslinjen …`) continues under its text rather than under its bullet.
    static func wrap(_ text: String, width: Int, indent: Int = 0, hanging: Int = 0) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var pad = String(repeating: " ", count: indent)
            var usable = max(20, width - indent)
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= usable {
                    line += " " + word
                } else {
                    lines.append(pad + line)
                    line = String(word)
                    pad = String(repeating: " ", count: indent + hanging)
                    usable = max(20, width - indent - hanging)
                }
            }
            lines.append(pad + line)
        }
        return lines.joined(separator: "\n")
    }
}
