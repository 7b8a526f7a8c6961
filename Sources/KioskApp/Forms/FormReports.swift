import Foundation
import KioskCore

/// Text for `kiosk forms list`, `show` and `validate`.
public enum FormReports {
    /// One line per form: id, title, languages, question count, version (hash prefix), status.
    public static func list(_ catalog: FormCatalog, language: Language) -> String {
        var rows: [[String]] = [["ID", "TITLE", "LANGUAGES", "QUESTIONS", "VERSION", "STATUS"]]
        for file in catalog.files {
            guard let form = file.loaded.questionnaire else {
                rows.append(["(\(file.displayPath))", "—", "—", "—", "—", "cannot be read"])
                continue
            }
            let errors = file.loaded.diagnostics.errors.count
            rows.append([
                form.id,
                form.title.text(in: form.language(closestTo: language)),
                form.languages.map(\.rawValue).joined(separator: ","),
                String(form.questions.filter(\.takesAnswer).count),
                String(form.contentHash.prefix(12)),
                errors == 0 ? "ok" : "\(errors) error\(errors == 1 ? "" : "s") (kiosk forms validate)",
            ])
        }
        var text = table(rows)
        // Each form that cannot be used, with its first error: the others are fine to use meanwhile.
        let broken = catalog.files.filter { !$0.loaded.isValid }
        if !broken.isEmpty {
            text += "\nNot usable until fixed (the others can be used meanwhile; 'kiosk forms validate' lists every problem):\n"
            for file in broken {
                if let first = file.loaded.diagnostics.errors.first { text += "  \(first)\n" }
            }
        }
        if catalog.files.isEmpty {
            text += "No forms in \(FormCatalog.displayPath(for: catalog.directory)). Copy a shipped form there to start.\n"
        }
        return text
    }

    /// A readable rendering of a whole form in one language, for staff checking wording and rules.
    public static func show(_ form: Questionnaire, language requested: Language) -> String {
        let language = form.language(closestTo: requested)
        func t(_ text: LocalizedText?) -> String { text?.text(in: language) ?? "" }
        var out = "\(t(form.title))  (\(form.id))\n"
        out += "Version \(form.contentHash.prefix(12)) · languages \(form.languages.map(\.rawValue).joined(separator: ", "))\n"
        if let source = form.source { out += "Source: \(t(source))\n" }
        if let note = form.staffNote { out += "\nFor staff (start screen):\n\(indent(t(note), by: 2))\n" }
        if let intro = form.intro { out += "\nIntro:\n\(indent(t(intro), by: 2))\n" }
        out += "\nQuestions\n"
        var number = 0
        for question in form.questions {
            var facts: [String] = [typeDescription(question)]
            if question.takesAnswer {
                facts.append(question.isRequired ? "required" : "optional")
                if !question.allowsDontKnow { facts.append("no don't-know") }
            }
            if let breakdown = question.breakdown { facts.append("\(breakdown.rawValue) breakdown") }
            let label: String
            if question.takesAnswer {
                number += 1
                label = "\(number)."
            } else {
                label = "•"
            }
            out += "\n\(label) \(question.id) — \(facts.joined(separator: ", "))\n"
            if let condition = question.showIf { out += "   shown if: \(condition.source)\n" }
            if let stem = question.stem { out += indent(t(stem), by: 3) + "\n" }
            out += indent(t(question.text), by: 3) + "\n"
            if let help = question.help { out += "   Help: \(t(help))\n" }
            if let source = question.source { out += "   Source: \(t(source))\n" }
            for (index, choice) in question.choices.enumerated() {
                let score = choice.score.map { ", score \($0)" } ?? ""
                out += "   \(index + 1) \(t(choice.text))  [\(choice.code)\(score)]\n"
            }
        }
        if !form.scores.isEmpty {
            out += "\nScores\n"
            for score in form.scores {
                out += "  \(score.id) (\(t(score.label))) = \(score.items.joined(separator: " + "))\n"
                out += "    scored when at least \(counted(score.minAnswered, "item is", plural: "items are")) answered; otherwise not scored\n"
                let lists = [(nil as Condition?, score.bands)] + score.bandVariants.map { ($0.when, $0.bands) }
                for (when, bands) in lists {
                    if let when { out += "    when \(when.source):\n" } else if !score.bandVariants.isEmpty { out += "    everyone else:\n" }
                    for band in bands {
                        out += "    \(score.bandVariants.isEmpty ? "" : "  ")\(band.from)–\(band.to) \(band.id): \(t(band.label))\n"
                    }
                }
            }
        }
        if !form.referrals.isEmpty {
            out += "\nReferral rules\n"
            for rule in form.referrals {
                out += "  \(rule.id) (\(rule.level.rawValue)) when \(rule.when.source)\n"
                out += indent(t(rule.message), by: 4) + "\n"
                for id in rule.support {
                    if let entry = form.supportEntry(id) { out += "    · \(t(entry.text))\(forWhom(entry))\n" }
                }
            }
        }
        if !form.generalSupport.isEmpty {
            out += "\nSupport offered to everyone\n"
            for id in form.generalSupport {
                if let entry = form.supportEntry(id) { out += "  · \(t(entry.text))\(forWhom(entry))\n" }
            }
        }
        if let closing = form.closing { out += "\nClosing:\n\(indent(t(closing), by: 2))\n" }
        out += form.examples.isEmpty
            ? "\nNo examples: add some under 'examples:' so that 'kiosk forms validate' can check the rules.\n"
            : "\n\(counted(form.examples.count, "example")) (checked by 'kiosk forms validate')\n"
        return out
    }

    /// " (for: man)" after a support line meant for some genders.
    static func forWhom(_ entry: SupportEntry) -> String {
        entry.forGender.map { "  (for: \($0.joined(separator: ", ")), or gender not known)" } ?? ""
    }

    /// Every problem of every file, then one line per file and a last line with the outcome.
    public static func validation(_ files: [FormFile]) -> (text: String, allValid: Bool) {
        var out = ""
        var invalid = 0
        for file in files {
            for diagnostic in file.loaded.diagnostics {
                out += "\(diagnostic)\n"
            }
            let errors = file.loaded.diagnostics.errors.count
            let warnings = file.loaded.diagnostics.warnings.count
            let warningText = warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"
            if file.loaded.isValid, let form = file.loaded.questionnaire {
                let examples = form.examples.count
                let exampleText = examples == 0 ? "no examples to run" : "\(counted(examples, "example")) give\(examples == 1 ? "s" : "") the expected results"
                out += "\(file.displayPath): ok — \(counted(form.questions.filter(\.takesAnswer).count, "question")), \(exampleText)\(warningText)\n"
            } else {
                invalid += 1
                out += "\(file.displayPath): \(errors) error\(errors == 1 ? "" : "s")\(warningText) — not usable until fixed\n"
            }
        }
        if files.isEmpty {
            out += "No form files found.\n"
        } else if invalid == 0 {
            out += files.count == 1 ? "The form is valid.\n" : "All \(files.count) forms are valid.\n"
        } else {
            out += "\(invalid) of \(files.count) form\(files.count == 1 ? "" : "s") \(invalid == 1 ? "has" : "have") errors.\n"
        }
        return (out, invalid == 0 && !files.isEmpty)
    }

    static func typeDescription(_ question: Question) -> String {
        switch question.kind {
        case .yesNo: return "yes/no"
        case .singleChoice: return "single choice"
        case .multipleChoice: return "multiple choice"
        case .scale(let min, let max, _, _): return "scale \(min)–\(max)"
        case .number(let min, let max, _): return "number \(min)–\(max)"
        case .info: return "info text"
        case .freeText: return "free text (never exported)"
        }
    }

    static func indent(_ text: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
