/// A kiosk form as a REDCap data dictionary (the rows of its CSV), in one language: REDCap holds one
/// label per field. yes/no → yesno; single choice → radio; multiple choice → checkbox; scale → radio
/// over its points; number → text with integer validation; info → descriptive; free text → notes;
/// scores → calc fields that add up their items; `show_if` → branching logic; a stem → the section
/// header where it begins. REDCap has no referral rules, bands or support lines: ``omissions`` says so,
/// and they stay in the kiosk's form file. REDCap wants a record id first: `record_id`, which the
/// kiosk's own REDCap import drops again.
public enum RedcapExport {
    public static let headings = [
        "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
        "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
        "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
        "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?",
        "Field Annotation",
    ]

    public static func rows(for form: Questionnaire, language: Language) -> [[String]] {
        let instrument = form.id.replacingOccurrences(of: "-", with: "_")
        func name(_ id: String) -> String { id.replacingOccurrences(of: "-", with: "_") }
        func words(_ text: LocalizedText?) -> String { text.map { $0.text(in: language) } ?? "" }
        var rows: [[String]] = [headings]
        func row(_ field: String, section: String = "", type: String, label: String, choices: String = "", note: String = "",
                 validation: String = "", min: String = "", max: String = "", branching: String = "", required: Bool = false,
                 annotation: String = "") {
            rows.append([name(field), instrument, section, type, label, choices, note, validation, min, max, "", branching,
                         required ? "y" : "", "", "", "", "", annotation])
        }
        row("record_id", type: "text", label: "Record ID")
        var stem: LocalizedText?
        for question in form.questions {
            let section = question.stem != stem ? words(question.stem) : ""
            stem = question.stem
            let branching = question.showIf.flatMap { branchingLogic($0.expression, in: form) } ?? ""
            let annotation = question.showIf.map { "kiosk show_if: \($0.source)" } ?? ""
            let label = words(question.text)
            let note = words(question.help)
            let required = question.takesAnswer && question.isRequired
            func choiceList(_ choices: [(String, String)]) -> String { choices.map { "\($0.0), \($0.1)" }.joined(separator: " | ") }
            switch question.kind {
            case .yesNo:
                row(question.id, section: section, type: "yesno", label: label, note: note, branching: branching, required: required, annotation: annotation)
            case .singleChoice(let choices), .multipleChoice(let choices):
                let multiple: Bool
                if case .multipleChoice = question.kind { multiple = true } else { multiple = false }
                row(question.id, section: section, type: multiple ? "checkbox" : "radio", label: label,
                    choices: choiceList(choices.map { ($0.code, $0.text.text(in: language)) }), note: note,
                    branching: branching, required: required, annotation: annotation)
            case .scale(let min, let max, let minLabel, let maxLabel):
                let labels = Dictionary((question.scaleLabels ?? []).map { ($0.value, $0.text.text(in: language)) }) { $1 }
                let points = (min...Swift.max(min, max)).map { point -> (String, String) in
                    var text = labels[point] ?? String(point)
                    if labels[point] == nil, point == min, let minLabel { text = "\(point) \(minLabel.text(in: language))" }
                    if labels[point] == nil, point == max, let maxLabel { text = "\(point) \(maxLabel.text(in: language))" }
                    return (String(point), text)
                }
                row(question.id, section: section, type: "radio", label: label, choices: choiceList(points), note: note,
                    branching: branching, required: required, annotation: annotation)
            case .number(let min, let max, let unit):
                let shown = unit.map { note.isEmpty ? $0.text(in: language) : "\(note) (\($0.text(in: language)))" } ?? note
                row(question.id, section: section, type: "text", label: label, note: shown, validation: "integer",
                    min: String(min), max: String(max), branching: branching, required: required, annotation: annotation)
            case .info:
                row(question.id, section: section, type: "descriptive", label: label, note: note, branching: branching, annotation: annotation)
            case .freeText:
                row(question.id, section: section, type: "notes", label: label, note: note, branching: branching, required: required, annotation: annotation)
            }
        }
        for score in form.scores where isSumOfCodes(score, in: form) {
            row(score.id, type: "calc", label: words(score.label), choices: score.items.map { "[\(name($0))]" }.joined(separator: "+"),
                annotation: "kiosk score: declined and don't know add nothing; needs \(score.minAnswered) answered")
        }
        return rows
    }

    /// Whether REDCap's calc (which adds up the coded values) gives the score: every item's choices are
    /// coded by their score (yes/no as 1 and 0).
    public static func isSumOfCodes(_ score: ScoreDefinition, in form: Questionnaire) -> Bool {
        score.items.allSatisfy { item in
            switch form.question(item)?.kind {
            case .yesNo(let yes, let no)?: return yes == 1 && no == 0
            case .singleChoice(let choices)?, .multipleChoice(let choices)?: return choices.allSatisfy { Int($0.code) == ($0.score ?? 0) }
            case .scale?: return true
            default: return false
            }
        }
    }

    /// What the dictionary cannot carry, in plain words (for the person exporting).
    public static func omissions(for form: Questionnaire) -> [String] {
        var lines: [String] = []
        if form.languages.count > 1 { lines.append("REDCap holds one language per dictionary: only one of \(form.languages.map(\.rawValue).joined(separator: ", ")) is in it") }
        if !form.referrals.isEmpty { lines.append("the \(form.referrals.count) referral rule\(form.referrals.count == 1 ? "" : "s") and the support lines have no place in REDCap; they stay in the kiosk's form") }
        for score in form.scores where !isSumOfCodes(score, in: form) {
            lines.append("the score '\(score.id)' is left out: REDCap's calc adds up coded values, and its choices score otherwise than their codes")
        }
        if form.scores.contains(where: { !$0.bands.isEmpty }) { lines.append("score bands have no place in REDCap; the calc fields give the sums only") }
        if form.questions.contains(where: { $0.showIf != nil && branchingLogic($0.showIf!.expression, in: form) == nil }) {
            lines.append("some conditions (with 'declined' or 'don't know') cannot be said in REDCap; the field annotation holds the kiosk's own")
        }
        return lines
    }

    /// A kiosk condition as REDCap branching logic, or `nil` when REDCap cannot say it.
    public static func branchingLogic(_ expression: Expression, in form: Questionnaire) -> String? {
        func field(_ ref: Reference) -> String { "[\(ref.name.replacingOccurrences(of: "-", with: "_"))]" }
        func code(_ ref: Reference, _ value: Value) -> String? {
            if value.isReservedAnswer { return nil }
            if case .yesNo? = form.question(ref.name)?.kind {
                return value.text == Choice.yes ? "'1'" : value.text == Choice.no ? "'0'" : nil
            }
            return value.number.map(String.init) ?? "'\(value.text)'"
        }
        func test(_ ref: Reference, _ op: ComparisonOperator, _ value: Value) -> String? {
            if case .multipleChoice? = form.question(ref.name)?.kind {
                guard op == .equal || op == .notEqual, !value.isReservedAnswer else { return nil }
                return "\(field(ref).dropLast())(\(value.text))] = '\(op == .equal ? 1 : 0)'"
            }
            return code(ref, value).map { "\(field(ref)) \(op == .notEqual ? "<>" : op.rawValue) \($0)" }
        }
        func joined(_ parts: [String?], _ word: String) -> String? {
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            let inner = parts.compactMap { $0 }
            return inner.count == 1 ? inner[0] : "(" + inner.joined(separator: " \(word) ") + ")"
        }
        switch expression {
        case .or(let parts): return joined(parts.map { branchingLogic($0, in: form) }, "or")
        case .and(let parts): return joined(parts.map { branchingLogic($0, in: form) }, "and")
        case .not(let inner):
            // REDCap has no 'not' in branching logic: only a negated single test can be said.
            switch inner {
            case .compare(let ref, let op, let value) where op == .equal: return test(ref, .notEqual, value)
            case .answered(let ref): return "\(field(ref)) = ''"
            case .has(let ref, let value) where !value.isReservedAnswer: return "\(field(ref).dropLast())(\(value.text))] = '0'"
            default: return nil
            }
        case .compare(let ref, let op, let value): return test(ref, op, value)
        case .any(let refs, let op, let value): return joined(refs.map { test($0, op, value) }, "or")
        case .all(let refs, let op, let value): return joined(refs.map { test($0, op, value) }, "and")
        case .oneOf(let ref, let values): return joined(values.map { test(ref, .equal, $0) }, "or")
        case .anyOneOf(let refs, let values): return joined(refs.flatMap { ref in values.map { test(ref, .equal, $0) } }, "or")
        case .allOneOf(let refs, let values): return joined(refs.map { ref in joined(values.map { test(ref, .equal, $0) }, "or") }, "and")
        case .has(let ref, let value): return value.isReservedAnswer ? nil : "\(field(ref).dropLast())(\(value.text))] = '1'"
        case .answered(let ref): return "\(field(ref)) <> ''"
        }
    }
}
