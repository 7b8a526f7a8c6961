/// Writes a ``Questionnaire`` as a form file that ``QuestionnaireLoader`` reads back to the same form
/// (the same content hash, the same examples). Every importer (REDCap, XLSForm) builds a form and hands
/// it here, so there is one place that knows how a form file is written.
///
/// Texts are written double-quoted (or as a `|-` block when they span lines), so no wording can be read
/// as YAML syntax; ids and codes, which the loader only accepts in a safe alphabet, are written plain.
/// Shared parts (`defaults`, `stems`, `choice_sets`) are written out where they are used.
public enum QuestionnaireWriter {
    /// Comments to put into the file: lines at the top, and lines just above a question (by id).
    public struct Comments: Sendable {
        public var header: [String]
        public var beforeQuestion: [String: [String]]

        public init(header: [String] = [], beforeQuestion: [String: [String]] = [:]) {
            self.header = header
            self.beforeQuestion = beforeQuestion
        }
    }

    /// The form file's text.
    public static func yaml(for form: Questionnaire, comments: Comments = Comments()) -> String {
        var out = Output(languages: form.languages)
        for line in comments.header { out.comment(line, indent: 0) }
        if !comments.header.isEmpty { out.blank() }
        out.plain("id", form.id, indent: 0)
        out.text("title", form.title, indent: 0)
        out.inlineList("languages", form.languages.map(\.rawValue), indent: 0)
        if let source = form.source { out.text("source", source, indent: 0) }
        if let intro = form.intro { out.text("intro", intro, indent: 0) }
        if let closing = form.closing { out.text("closing", closing, indent: 0) }
        if let note = form.staffNote { out.text("staff_note", note, indent: 0) }
        if form.allowsFreeText { out.plain("allow_free_text", "true", indent: 0) }

        out.blank()
        out.key("questions", indent: 0)
        for question in form.questions {
            out.blank()
            for line in comments.beforeQuestion[question.id] ?? [] { out.comment(line, indent: 2) }
            writeQuestion(question, into: &out)
        }

        if !form.scores.isEmpty {
            out.blank()
            out.key("scores", indent: 0)
            for score in form.scores { writeScore(score, into: &out) }
        }
        if !form.support.isEmpty {
            out.blank()
            out.key("support", indent: 0)
            for entry in form.support {
                out.item()
                out.plain("id", entry.id, indent: 4)
                out.text("text", entry.text, indent: 4)
                if let genders = entry.forGender { out.inlineList("for_gender", genders, indent: 4) }
            }
        }
        if !form.generalSupport.isEmpty {
            out.blank()
            out.inlineList("general_support", form.generalSupport, indent: 0)
        }
        if !form.referrals.isEmpty {
            out.blank()
            out.key("referrals", indent: 0)
            for rule in form.referrals {
                out.item()
                out.plain("id", rule.id, indent: 4)
                out.quoted("when", rule.when.source, indent: 4)
                out.plain("level", rule.level.rawValue, indent: 4)
                out.text("message", rule.message, indent: 4)
                if !rule.support.isEmpty { out.inlineList("support", rule.support, indent: 4) }
            }
        }
        if !form.examples.isEmpty {
            out.blank()
            out.key("examples", indent: 0)
            for example in form.examples { writeExample(example, of: form, into: &out) }
        }
        return out.text
    }

    private static func writeQuestion(_ question: Question, into out: inout Output) {
        out.item()
        out.plain("id", question.id, indent: 4)
        out.plain("type", question.typeName, indent: 4)
        if let breakdown = question.breakdown { out.plain("breakdown", breakdown.rawValue, indent: 4) }
        if let replaces = question.replaces { out.plain("replaces", replaces, indent: 4) }
        if let stem = question.stem { out.text("stem", stem, indent: 4) }
        out.text("text", question.text, indent: 4)
        if let help = question.help { out.text("help", help, indent: 4) }
        if let source = question.source { out.text("source", source, indent: 4) }
        if !question.isRequired { out.plain("required", "false", indent: 4) }
        if !question.allowsDontKnow && question.breakdown == nil { out.plain("dont_know", "false", indent: 4) }
        if let condition = question.showIf { out.quoted("show_if", condition.source, indent: 4) }
        switch question.kind {
        case .yesNo(let yes, let no):
            if yes != 1 || no != 0 { out.line("item_score: {yes: \(yes), no: \(no)}", indent: 4) }
        case .singleChoice(let choices), .multipleChoice(let choices):
            if let keys = question.keys { out.plain("keys", keys.rawValue, indent: 4) }
            out.key("choices", indent: 4)
            for choice in choices {
                out.item(indent: 6)
                out.quoted("code", choice.code, indent: 8)
                out.text("text", choice.text, indent: 8)
                if let score = choice.score { out.plain("score", String(score), indent: 8) }
            }
        case .scale(let min, let max, let minLabel, let maxLabel):
            out.plain("min", String(min), indent: 4)
            out.plain("max", String(max), indent: 4)
            if let minLabel { out.text("min_label", minLabel, indent: 4) }
            if let maxLabel { out.text("max_label", maxLabel, indent: 4) }
            if let labels = question.scaleLabels, !labels.isEmpty {
                out.key("labels", indent: 4)
                for label in labels { out.text("\(label.value)", label.text, indent: 6) }
            }
        case .number(let min, let max, let unit):
            out.plain("min", String(min), indent: 4)
            out.plain("max", String(max), indent: 4)
            if let unit { out.text("unit", unit, indent: 4) }
        case .info:
            break
        case .freeText:
            out.plain("exported", "false", indent: 4)
        }
    }

    private static func writeScore(_ score: ScoreDefinition, into out: inout Output) {
        out.item()
        out.plain("id", score.id, indent: 4)
        out.text("label", score.label, indent: 4)
        out.inlineList("sum", score.items, indent: 4)
        if score.minAnswered != 1 { out.plain("min_answered", String(score.minAnswered), indent: 4) }
        func bands(_ list: [ScoreBand], key: String, indent: Int) {
            out.key(key, indent: indent)
            for band in list {
                out.item(indent: indent + 2)
                out.plain("id", band.id, indent: indent + 4)
                out.plain("from", String(band.from), indent: indent + 4)
                out.plain("to", String(band.to), indent: indent + 4)
                out.text("label", band.label, indent: indent + 4)
            }
        }
        if !score.bands.isEmpty || !score.bandVariants.isEmpty { bands(score.bands, key: "bands", indent: 4) }
        if !score.bandVariants.isEmpty {
            out.key("bands_for", indent: 4)
            for variant in score.bandVariants {
                out.item(indent: 6)
                out.quoted("when", variant.when.source, indent: 8)
                bands(variant.bands, key: "bands", indent: 8)
            }
        }
    }

    private static func writeExample(_ example: FormExample, of form: Questionnaire, into out: inout Output) {
        out.item()
        out.quoted("name", example.name, indent: 4)
        let ordered = example.answers.sorted { (form.index(ofQuestion: $0.key) ?? Int.max, $0.key) < (form.index(ofQuestion: $1.key) ?? Int.max, $1.key) }
        if ordered.isEmpty {
            out.line("answers: {}", indent: 4)
        } else {
            out.key("answers", indent: 4)
            for (id, answer) in ordered { out.line("\(id): \(written(answer))", indent: 6) }
        }
        out.key("expect", indent: 4)
        if let referrals = example.expectedReferrals { out.inlineList("referrals", referrals, indent: 6) }
        if !example.expectedScores.isEmpty {
            out.key("scores", indent: 6)
            for (id, value) in example.expectedScores.sorted(by: { $0.key < $1.key }) { out.line("\(id): \(value)", indent: 8) }
        }
        if !example.expectedBands.isEmpty {
            out.key("bands", indent: 6)
            for (id, band) in example.expectedBands.sorted(by: { $0.key < $1.key }) { out.line("\(id): \(Output.quote(band))", indent: 8) }
        }
        if !example.expectedShown.isEmpty { out.inlineList("shown", example.expectedShown, indent: 6) }
        if !example.expectedNotShown.isEmpty { out.inlineList("not_shown", example.expectedNotShown, indent: 6) }
    }

    private static func written(_ answer: Answer) -> String {
        switch answer {
        case .choice(let code): return Output.quote(code)
        case .choices(let codes): return "[" + codes.map(Output.quote).joined(separator: ", ") + "]"
        case .number(let n): return String(n)
        case .text(let text): return Output.quote(text)
        case .declined: return Answer.declinedCode
        case .dontKnow: return Answer.dontKnowCode
        case .skipped: return Answer.skippedCode
        }
    }

    /// The text being written, line by line.
    private struct Output {
        let languages: [Language]
        var text = ""
        /// Set by `item()`: the next key goes on the dash's line.
        private var pendingDash: Int?

        init(languages: [Language]) { self.languages = languages }

        mutating func line(_ content: String, indent: Int) {
            if let dash = pendingDash {
                text += String(repeating: " ", count: dash) + "- " + content + "\n"
                pendingDash = nil
            } else {
                text += String(repeating: " ", count: indent) + content + "\n"
            }
        }

        mutating func blank() { text += "\n" }

        mutating func comment(_ content: String, indent: Int) {
            for part in content.split(separator: "\n", omittingEmptySubsequences: false) {
                text += String(repeating: " ", count: indent) + "#" + (part.isEmpty ? "" : " " + part) + "\n"
            }
        }

        /// A list item: the next key is written after `- `.
        mutating func item(indent: Int = 2) { pendingDash = indent }

        mutating func key(_ key: String, indent: Int) { line(key + ":", indent: indent) }

        mutating func plain(_ key: String, _ value: String, indent: Int) {
            line("\(key): \(value)", indent: indent)
        }

        mutating func quoted(_ key: String, _ value: String, indent: Int) {
            line("\(key): \(Self.quote(value))", indent: indent)
        }

        /// A list on one line; ids and codes plain, anything else quoted.
        mutating func inlineList(_ key: String, _ values: [String], indent: Int) {
            line("\(key): [" + values.map(Self.word).joined(separator: ", ") + "]", indent: indent)
        }

        /// An id or code as it is (letters, digits, '_', '-', '+', not starting with '-' or '+'), else quoted.
        static func word(_ value: String) -> String {
            let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-+".unicodeScalars.contains($0) }
                && !value.hasPrefix("-") && !value.hasPrefix("+")
            return plain ? value : quote(value)
        }

        /// A text in every language it has: the form's languages in order, then any others.
        mutating func text(_ key: String, _ value: LocalizedText, indent: Int) {
            self.key(key, indent: indent)
            let order = languages.filter { value.values[$0] != nil } + value.values.keys.filter { !languages.contains($0) }.sorted()
            for language in order {
                guard let words = value.values[language] else { continue }
                if let block = Self.block(words, indent: indent + 4) {
                    line("\(language.rawValue): |-", indent: indent + 2)
                    text += block
                } else {
                    line("\(language.rawValue): \(Self.quote(words))", indent: indent + 2)
                }
            }
        }

        /// A text of several lines as a `|-` block, when it reads back exactly so.
        static func block(_ words: String, indent: Int) -> String? {
            guard words.contains("\n"), !words.hasSuffix("\n"), !words.hasPrefix(" "), !words.hasPrefix("\n"),
                  words.unicodeScalars.allSatisfy({ $0 == "\n" || !($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{FEFF}") }) else { return nil }
            let lines = words.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.allSatisfy({ !$0.hasSuffix(" ") && !$0.hasSuffix("\t") }) else { return nil }
            let pad = String(repeating: " ", count: indent)
            return lines.map { $0.isEmpty ? "\n" : pad + $0 + "\n" }.joined()
        }

        /// A double-quoted YAML scalar: reads back as exactly `value`.
        static func quote(_ value: String) -> String {
            "\"" + escaping(value) { scalar in
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                case "\n": "\\n"
                case "\t": "\\t"
                case "\r": "\\r"
                default:
                    scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                        || scalar == "\u{FEFF}" || scalar == "\u{2028}" || scalar == "\u{2029}" ? fourDigitEscape(scalar) : nil
                }
            } + "\""
        }
    }
}
