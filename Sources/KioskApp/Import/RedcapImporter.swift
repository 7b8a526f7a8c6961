import Foundation
import KioskCore

/// Converts a REDCap data dictionary (CSV) into a kiosk form.
///
/// radio/dropdown → single choice; checkbox → multiple choice; yesno/truefalse → yes/no; text with
/// integer/number validation → number; slider → scale 0–100; descriptive and section headers → info
/// texts; text/notes → free text only when asked for; calc fields that add up fields → scores; branching
/// logic → `show_if`. Fields marked as identifiers, the record id, dates, e-mail and phone numbers are
/// dropped: the kiosk stores nothing that identifies a person. Everything that cannot be converted is
/// reported with its CSV line.
public struct RedcapImporter {
    /// One thing worth knowing about the conversion, at a line of the dictionary.
    public struct Note: Sendable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { (line.map { "line \($0): " } ?? "") + message }
    }

    /// A conversion that cannot go on.
    public struct Failure: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// What an import gives: the form file's text, the form, and the notes (dropped fields and the like).
    public struct Result: Sendable {
        public var yaml: String
        public var form: Questionnaire
        public var notes: [Note]
    }

    public var language: Language = .swedish
    /// Whether text and notes fields become free-text questions (off: they are dropped with a note).
    public var allowFreeText = false

    public init(language: Language = .swedish, allowFreeText: Bool = false) {
        self.language = language
        self.allowFreeText = allowFreeText
    }

    struct Field {
        var line: Int
        var name: String
        var form: String
        var section: String
        var type: String
        var label: String
        var choices: String
        var note: String
        var validation: String
        var minimum: String
        var maximum: String
        var identifier: Bool
        var branching: String
        var required: Bool
    }

    /// The names of the forms (instruments) in a dictionary, in order.
    public static func formNames(in text: String) throws -> [String] {
        var names: [String] = []
        for field in try fields(of: text) where !names.contains(field.form) { names.append(field.form) }
        return names
    }

    static func fields(of text: String) throws -> [Field] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch { throw Failure(message: "the dictionary is not readable CSV: \(error)") }
        guard let header = table.records.first else { throw Failure(message: "the dictionary is empty") }
        func column(_ prefix: String) -> Int? {
            header.fields.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix(prefix.lowercased()) }
        }
        guard let name = column("Variable / Field Name"), let form = column("Form Name"), let type = column("Field Type"),
              let label = column("Field Label") else {
            throw Failure(message: "this is not a REDCap data dictionary: the first line must name the columns 'Variable / Field Name', 'Form Name', 'Field Type' and 'Field Label'")
        }
        let section = column("Section Header"), choices = column("Choices"), note = column("Field Note")
        let validation = column("Text Validation Type"), minimum = column("Text Validation Min"), maximum = column("Text Validation Max")
        let identifier = column("Identifier"), branching = column("Branching Logic"), required = column("Required Field")
        return table.records.dropFirst().compactMap { record in
            func value(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard !value(name).isEmpty || !value(type).isEmpty else { return nil }
            return Field(line: record.line, name: value(name).lowercased(), form: value(form), section: value(section),
                         type: value(type).lowercased(), label: value(label), choices: value(choices), note: value(note),
                         validation: value(validation).lowercased(), minimum: value(minimum), maximum: value(maximum),
                         identifier: value(identifier).lowercased() == "y", branching: value(branching),
                         required: value(required).lowercased() == "y")
        }
    }

    /// Converts the form `formName` (or the only form) of a dictionary. `source` names the file in notes.
    public func convert(_ text: String, formName: String?, source: String) throws -> Result {
        let all = try Self.fields(of: text)
        var formNames: [String] = []
        for field in all where !formNames.contains(field.form) { formNames.append(field.form) }
        let chosen: String
        if let formName {
            guard formNames.contains(formName) else {
                throw Failure(message: "the dictionary has no form '\(formName)'; its forms are: \(formNames.joined(separator: ", "))")
            }
            chosen = formName
        } else {
            guard formNames.count == 1, let only = formNames.first else {
                throw Failure(message: "the dictionary has \(formNames.count) forms; choose one with --form: \(formNames.joined(separator: ", "))")
            }
            chosen = only
        }
        var notes: [Note] = []
        let fields = all.filter { $0.form == chosen }
        var converted = ConvertedFields()
        let sums = Self.sumReferences(fields)
        // A section header goes before the next field that is imported (its own field may be dropped).
        var pendingSection: (name: String, text: String)?
        for field in fields {
            if !field.section.isEmpty { pendingSection = (field.name, Self.plainText(field.section)) }
            guard let question = convertQuestion(field, recordID: all.first?.name, scored: sums.contains(field.name), known: converted, notes: &notes) else { continue }
            if let section = pendingSection, !section.text.isEmpty {
                converted.questions.append(Question(id: "\(section.name)-section", kind: .info, text: localized(section.text)))
            }
            pendingSection = nil
            converted.add(question, from: field)
        }
        let scores = convertScores(fields, known: converted, notes: &notes)
        guard converted.questions.contains(where: \.takesAnswer) else {
            throw Failure(message: "nothing of the form '\(chosen)' can be imported: " + (notes.isEmpty ? "it has no fields" : notes.map(\.description).joined(separator: "; ")))
        }
        let id = Self.formID(chosen)
        let draft = Questionnaire(
            id: id, title: localized(Self.title(chosen)), languages: [language],
            source: localized("Imported from the REDCap data dictionary \(source), form \(chosen)"),
            allowsFreeText: allowFreeText && converted.questions.contains { $0.kind == .freeText },
            questions: converted.questions, scores: scores)
        let header = ["Imported by 'kiosk forms import redcap' from \(source), form \(chosen).",
                      "Check the wording and the conditions, add a translation if needed, then run: kiosk forms validate"]
            + notes.map { "- \($0)" }
        let yaml = QuestionnaireWriter.yaml(for: draft, comments: .init(header: header))
        let loaded = QuestionnaireLoader.load(yaml: yaml, file: "\(id).yaml")
        guard loaded.isValid, let form = loaded.questionnaire else {
            let problems = loaded.diagnostics.errors.map(\.description).joined(separator: "\n  ")
            throw Failure(message: "the converted form does not validate:\n  \(problems)")
        }
        for warning in loaded.diagnostics.warnings { notes.append(Note(line: nil, message: warning.message)) }
        return Result(yaml: yaml, form: form, notes: notes)
    }

    /// The questions converted so far, with what later fields and conditions need to know of them.
    struct ConvertedFields {
        var questions: [Question] = []
        var fields: [String: Field] = [:]
        var kinds: [String: String] = [:]
        var genderMap: [String: [String: String]] = [:]

        mutating func add(_ converted: (question: Question, genderMapping: [String: String]?), from field: Field) {
            questions.append(converted.question)
            fields[field.name] = field
            kinds[field.name] = converted.question.typeName
            if let mapping = converted.genderMapping { genderMap[field.name] = mapping }
        }
    }

    private func localized(_ words: String) -> LocalizedText { LocalizedText([language: words]) }

    /// One field as a question, or `nil` (with a note) when it is not imported.
    func convertQuestion(_ field: Field, recordID: String?, scored: Bool, known: ConvertedFields, notes: inout [Note]) -> (question: Question, genderMapping: [String: String]?)? {
        let line = field.line
        if field.name == recordID {
            notes.append(Note(line: line, message: "'\(field.name)' is the record id, which identifies a person: not imported"))
            return nil
        }
        if field.identifier {
            notes.append(Note(line: line, message: "'\(field.name)' is marked as an identifier: not imported (the kiosk stores nothing that identifies a person)"))
            return nil
        }
        guard Self.isValidID(field.name) else {
            notes.append(Note(line: line, message: "'\(field.name)' cannot be a question id (lowercase letters, digits, '_' and '-'): not imported"))
            return nil
        }
        guard let (kind, breakdown, genderMapping) = convertKind(field, scored: scored, notes: &notes) else { return nil }
        let label = Self.plainText(field.label)
        var question = Question(id: field.name, kind: kind, text: localized(label.isEmpty ? field.name : label),
                                help: field.note.isEmpty ? nil : localized(Self.plainText(field.note)),
                                isRequired: kind == .info ? true : field.required, breakdown: breakdown)
        if !field.branching.isEmpty {
            switch Self.translateBranching(field.branching, known: known.fields, kinds: known.kinds, genderMap: known.genderMap) {
            case .success(let condition):
                if case .success(let expression) = ExpressionParser.parse(condition) { question.showIf = Condition(source: condition, expression: expression) }
            case .failure(let reason):
                notes.append(Note(line: line, message: "the branching logic of '\(field.name)' (\(field.branching)) cannot be converted: \(reason); it is always shown — add a 'show_if' by hand"))
            }
        }
        return (question, genderMapping)
    }

    /// The kind of question a field's type (and validation) gives.
    func convertKind(_ field: Field, scored: Bool, notes: inout [Note]) -> (Question.Kind, Breakdown?, [String: String]?)? {
        let line = field.line
        switch field.type {
        case "radio", "dropdown", "checkbox":
            let choices = Self.parseChoices(field.choices)
            let invalid = choices.filter { !Self.isValidCode($0.code) }
            if choices.isEmpty || !invalid.isEmpty {
                notes.append(Note(line: line, message: "'\(field.name)' has choices that cannot be read (\(invalid.map(\.code).joined(separator: ", "))); not imported"))
                return nil
            }
            if field.type != "checkbox", let mapping = Self.genderMapping(field, choices) {
                let dropped = mapping.filter { $0.value.isEmpty }.keys.sorted()
                let pairs = mapping.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)→\($0.value)" }.joined(separator: ", ")
                notes.append(Note(line: line, message: "'\(field.name)' became the gender breakdown (codes \(pairs))"
                    + (dropped.isEmpty ? "" : "; the choice \(dropped.joined(separator: ", ")) is covered by 'vill inte svara'")))
                let words = Phrasebook(language)
                let genders = Breakdown.genderCodes.filter { mapping.values.contains($0) }.map { code in
                    Choice(code: code, text: localized(words.text(code == "kvinna" ? "redcap.woman" : code == "man" ? "redcap.man" : "redcap.other")))
                }
                return (.singleChoice(genders), .gender, mapping)
            }
            let scores = scored && choices.allSatisfy { Int($0.code) != nil }
            let converted = choices.map { Choice(code: $0.code, text: localized(Self.plainText($0.label)), score: scores ? Int($0.code) : nil) }
            return (field.type == "checkbox" ? .multipleChoice(converted) : .singleChoice(converted), nil, nil)
        case "yesno", "truefalse":
            if field.type == "truefalse" { notes.append(Note(line: line, message: "'\(field.name)' (true/false) became a yes/no question")) }
            return (.yesNo(yesScore: 1, noScore: 0), nil, nil)
        case "text", "notes":
            switch field.validation {
            case "integer", "number", "number_1dp", "number_2dp", "number_1dp_comma_decimal", "number_comma_decimal":
                let low = Double(field.minimum.replacingOccurrences(of: ",", with: ".")).map { Int($0.rounded(.down)) }
                let high = Double(field.maximum.replacingOccurrences(of: ",", with: ".")).map { Int($0.rounded(.up)) }
                let minimum = low ?? 0
                let maximum = high ?? max(minimum + 999, 999)
                if low == nil || high == nil {
                    notes.append(Note(line: line, message: "'\(field.name)' has no \(low == nil ? "minimum" : "maximum"); \(low == nil ? minimum : maximum) was used — adjust 'min'/'max'"))
                }
                if field.validation != "integer" {
                    notes.append(Note(line: line, message: "'\(field.name)' takes decimals in REDCap; the kiosk takes whole numbers"))
                }
                return (.number(min: minimum, max: maximum, unit: nil), nil, nil)
            case let validation where validation.hasPrefix("date") || validation.hasPrefix("time") || ["email", "phone", "zipcode", "postalcode_sweden", "ssn", "mrn_10d", "mrn_generic", "vmrn"].contains(validation) || validation.hasPrefix("phone"):
                notes.append(Note(line: line, message: "'\(field.name)' holds \(validation.hasPrefix("date") ? "a date" : "a \(validation)"), which could identify a person: not imported"))
                return nil
            default:
                guard allowFreeText else {
                    notes.append(Note(line: line, message: "'\(field.name)' is free text: not imported (use --allow-free-text to keep it as a never-exported free-text question)"))
                    return nil
                }
                return (.freeText, nil, nil)
            }
        case "descriptive":
            return (.info, nil, nil)
        case "slider":
            let labels = field.choices.split(separator: "|").map { String(Self.plainText(String($0)).trimmingSpaces()) }
            let minLabel = labels.first.flatMap { $0.isEmpty ? nil : localized($0) }
            let maxLabel = labels.count > 1 ? labels.last.flatMap { $0.isEmpty ? nil : localized($0) } : nil
            return (.scale(min: 0, max: 100, minLabel: minLabel, maxLabel: maxLabel), nil, nil)
        case "calc":
            // Converted after all fields, as a score.
            return nil
        default:
            notes.append(Note(line: line, message: "'\(field.name)' is a \(field.type) field, which the kiosk has no question type for: not imported"))
            return nil
        }
    }

    /// Calculations that add up imported scored questions, as scores.
    func convertScores(_ fields: [Field], known: ConvertedFields, notes: inout [Note]) -> [ScoreDefinition] {
        var scores: [ScoreDefinition] = []
        for field in fields where field.type == "calc" && !field.identifier {
            guard let items = Self.sumItems(field.choices) else {
                notes.append(Note(line: field.line, message: "the calculation '\(field.name)' (\(field.choices)) is not a sum of fields: not imported (only sums become scores)"))
                continue
            }
            let missing = items.filter { !["yes_no", "single_choice", "multiple_choice", "scale"].contains(known.kinds[$0] ?? "") }
            guard missing.isEmpty else {
                notes.append(Note(line: field.line, message: "the calculation '\(field.name)' adds up \(missing.joined(separator: ", ")), which \(missing.count == 1 ? "was" : "were") not imported as scored questions: not imported"))
                continue
            }
            let label = Self.plainText(field.label)
            scores.append(ScoreDefinition(id: field.name, label: localized(label.isEmpty ? field.name : label), items: items))
        }
        return scores
    }

    // MARK: Pieces

    static func isValidID(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            && !ExpressionParser.keywords.contains(name) && !Answer.reservedCodes.contains(name)
    }

    static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 32 && !Answer.reservedCodes.contains(code) && !ExpressionParser.keywords.contains(code)
            && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-+".unicodeScalars.contains($0) }
    }

    /// `1, One | 2, Two` → [(1, One), (2, Two)].
    static func parseChoices(_ text: String) -> [(code: String, label: String)] {
        text.split(separator: "|").compactMap { part in
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let comma = trimmed.firstIndex(of: ",") else { return trimmed.isEmpty ? nil : (trimmed, trimmed) }
            return (trimmed[..<comma].trimmingCharacters(in: .whitespaces), trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Labels without HTML tags, entities decoded, spaces tidied.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true; continue }
            if c == ">" && inTag { inTag = false; text.append(" "); continue }
            if !inTag { text.append(c) }
        }
        for (entity, value) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A gender field (by name or label) whose choices are female/male (and other): codes mapped to the
    /// kiosk's gender codes ("" for a choice that is not one, such as "unknown").
    static func genderMapping(_ field: Field, _ choices: [(code: String, label: String)]) -> [String: String]? {
        let names = ["sex", "gender", "kon", "kön", "kön_", "gender_identity"]
        let label = field.label.lowercased()
        guard names.contains(field.name) || ["gender", "sex", "kön"].contains(where: { label.contains($0) }) else { return nil }
        var mapping: [String: String] = [:]
        for choice in choices {
            switch choice.label.lowercased().trimmingCharacters(in: .whitespaces) {
            case "female", "woman", "kvinna", "f", "girl", "flicka": mapping[choice.code] = "kvinna"
            case "male", "man", "m", "boy", "pojke": mapping[choice.code] = "man"
            case "other", "annat", "annan", "non-binary", "ickebinär", "icke-binär": mapping[choice.code] = "annan"
            default: mapping[choice.code] = ""
            }
        }
        guard mapping.values.contains("kvinna"), mapping.values.contains("man") else { return nil }
        return mapping
    }

    /// The field names used by calculations that are plain sums (their choices then score their codes).
    static func sumReferences(_ fields: [Field]) -> Set<String> {
        Set(fields.filter { $0.type == "calc" }.compactMap { sumItems($0.choices) }.flatMap { $0 })
    }

    /// `[a]+[b]+[c]` or `sum([a],[b],[c])` → [a, b, c]; anything else → nil.
    static func sumItems(_ expression: String) -> [String]? {
        var text = expression.replacingOccurrences(of: " ", with: "").lowercased()
        if text.hasPrefix("sum(") && text.hasSuffix(")") {
            text = String(text.dropFirst(4).dropLast()).replacingOccurrences(of: ",", with: "+")
        }
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return nil }
        var items: [String] = []
        for part in parts {
            guard part.hasPrefix("["), part.hasSuffix("]"), part.count > 2 else { return nil }
            let name = String(part.dropFirst().dropLast())
            guard isValidID(name) else { return nil }
            items.append(name)
        }
        return items
    }

    /// The form id a REDCap form name gives (`patient_morale_questionnaire` stays so).
    static func formID(_ name: String) -> String {
        var id = name.lowercased().map { c -> Character in (c.isLetter && c.isASCII) || c.isNumber || c == "_" || c == "-" ? c : "-" }
        while let first = id.first, !(first.isLetter && first.isASCII) { id.removeFirst() }
        return id.isEmpty ? "imported-form" : String(id.prefix(40))
    }

    static func title(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// REDCap branching logic → a kiosk condition over fields already converted.
    static func translateBranching(_ logic: String, known: [String: Field], kinds: [String: String],
                                   genderMap: [String: [String: String]]) -> Swift.Result<String, BranchingProblem> {
        var tokens: [String] = []
        let scalars = Array(logic)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "[" {
                guard let end = scalars[i...].firstIndex(of: "]") else { return .failure(.init("a '[' is never closed")) }
                tokens.append(String(scalars[i...end]))
                i = end + 1
                if i < scalars.count, scalars[i] == "[" { return .failure(.init("event or instance references ([event][field]) are not supported")) }
                continue
            }
            if c == "'" || c == "\"" {
                guard let end = scalars[(i + 1)...].firstIndex(of: c) else { return .failure(.init("a quote is never closed")) }
                tokens.append("'" + String(scalars[(i + 1)..<end]) + "'")
                i = end + 1
                continue
            }
            if "()".contains(c) { tokens.append(String(c)); i += 1; continue }
            if "<>=!".contains(c) {
                var op = String(c)
                if i + 1 < scalars.count, "<>=".contains(scalars[i + 1]) { op.append(scalars[i + 1]); i += 1 }
                tokens.append(op)
                i += 1
                continue
            }
            var word = ""
            while i < scalars.count, !scalars[i].isWhitespace, !"[]()'\"<>=!".contains(scalars[i]) {
                word.append(scalars[i])
                i += 1
            }
            tokens.append(word.lowercased())
        }
        var output: [String] = []
        var index = 0
        func value(_ token: String) -> String { token.hasPrefix("'") ? String(token.dropFirst().dropLast()) : token }
        func literal(_ text: String) -> String {
            let simple = !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            return simple && !ExpressionParser.keywords.contains(text) ? text : "'\(text.replacingOccurrences(of: "'", with: ""))'"
        }
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case "and", "or", "(", ")":
                output.append(token)
                index += 1
                continue
            default:
                break
            }
            guard token.hasPrefix("["), index + 2 < tokens.count else {
                return .failure(.init("'\(token)' is not a field comparison"))
            }
            var reference = String(token.dropFirst().dropLast()).lowercased()
            var checkboxCode: String?
            if let open = reference.firstIndex(of: "("), reference.hasSuffix(")") {
                checkboxCode = String(reference[reference.index(after: open)..<reference.index(before: reference.endIndex)])
                reference = String(reference[..<open])
            }
            guard known[reference] != nil, let kind = kinds[reference] else {
                return .failure(.init("it uses '\(reference)', which is not an earlier imported question"))
            }
            var op = tokens[index + 1]
            let operand = value(tokens[index + 2])
            index += 3
            if op == "<>" { op = "!=" }
            guard ["=", "!=", "<", "<=", ">", ">="].contains(op) else { return .failure(.init("the operator '\(op)' is not supported")) }
            if let code = checkboxCode {
                guard kind == "multiple_choice", op == "=" || op == "!=", operand == "1" || operand == "0" else {
                    return .failure(.init("only [field(code)] = '1' or '0' is supported for checkboxes"))
                }
                let has = "\(reference) has \(literal(code))"
                output.append((op == "=") == (operand == "1") ? has : "not \(has)")
                continue
            }
            if operand.isEmpty {
                guard op == "=" || op == "!=" else { return .failure(.init("an empty value can only be compared with = or <>")) }
                output.append(op == "=" ? "not answered(\(reference))" : "answered(\(reference))")
                continue
            }
            var code = operand
            if kind == "yes_no" {
                guard op == "=" || op == "!=", let yes = ["1": "yes", "0": "no"][operand] else {
                    return .failure(.init("a yes/no field can only be compared with '1' or '0'"))
                }
                code = yes
            } else if let mapping = genderMap[reference] {
                guard let mapped = mapping[operand], !mapped.isEmpty else { return .failure(.init("the gender code '\(operand)' has no kiosk equivalent")) }
                code = mapped
            } else if kind == "multiple_choice" {
                return .failure(.init("a checkbox field is compared without a (code)"))
            }
            output.append("\(reference) \(op) \(literal(code))")
        }
        let condition = output.joined(separator: " ").replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
        guard case .success = ExpressionParser.parse(condition) else { return .failure(.init("the result '\(condition)' is not a valid condition")) }
        return .success(condition)
    }

    /// Why branching logic cannot be converted.
    struct BranchingProblem: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

extension RedcapImporter.BranchingProblem: CustomStringConvertible {
    var description: String { reason }
}
