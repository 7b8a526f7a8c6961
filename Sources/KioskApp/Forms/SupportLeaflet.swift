import KioskCore

/// `kiosk support FORM`: the form's support lines as a leaflet to hand to every participant, whatever
/// they answered (the förbund's practice: everyone gets the brochure). The same lines the
/// self-administered end screen shows.
public struct SupportLeaflet {
    public let form: Questionnaire
    public let language: Language

    public init(form: Questionnaire, language: Language) {
        self.form = form
        self.language = form.language(closestTo: language)
    }

    private var phrases: Phrasebook { Phrasebook(language) }
    private var lines: [String] { form.supportForEveryone.map { $0.text.text(in: language) } }

    /// Plain text, wrapped at `width` columns.
    public func text(width: Int = 72) -> String {
        var out = TextLayout.wrap(phrases.selfSupportTitle, width: width) + "\n\n"
        for line in lines {
            out += TextLayout.wrap("· " + line, width: width, hanging: 2) + "\n"
        }
        return out
    }

    /// A printable HTML page, in the leaflet's language and writing direction.
    public func html() -> String {
        let direction = Phrasebook(language).pack.direction == .rightToLeft ? "rtl" : "ltr"
        var out = """
            <!doctype html>
            <html lang="\(escape(language.rawValue))" dir="\(direction)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(phrases.selfSupportTitle))</title>
            <style>
            body { font-family: sans-serif; font-size: 14pt; line-height: 1.5; max-width: 40em; margin: 2em auto; }
            li { margin-bottom: 0.6em; }
            </style>
            </head>
            <body>
            <h1>\(escape(phrases.selfSupportTitle))</h1>
            <ul>

            """
        for line in lines { out += "<li>\(escape(line))</li>\n" }
        out += "</ul>\n</body>\n</html>\n"
        return out
    }

    private func escape(_ text: String) -> String { SummaryHTML.escape(text) }
}
