/// Word wrapping for the terminal.
enum TextLayout {
    /// `text` wrapped at `width` columns, each line starting with `indent` spaces. Existing line breaks stay.
    static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        let usable = max(20, width - indent)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= usable {
                    line += " " + word
                } else {
                    lines.append(pad + line)
                    line = String(word)
                }
            }
            lines.append(pad + line)
        }
        return lines.joined(separator: "\n")
    }
}
