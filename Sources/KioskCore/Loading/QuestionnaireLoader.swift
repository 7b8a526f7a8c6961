/// What reading one form file gave: the form (when it could be read at all) and every problem found.
public struct LoadedQuestionnaire: Sendable {
    /// The form; `nil` when the file could not be read as a form at all.
    /// Only use it for interviews when ``diagnostics`` has no errors.
    public var questionnaire: Questionnaire?
    public var diagnostics: [Diagnostic]
    /// Where the form's `id` is written (for problems about the id found later, such as a clash).
    public var idLocation: SourceLocation?

    public init(questionnaire: Questionnaire?, diagnostics: [Diagnostic], idLocation: SourceLocation? = nil) {
        self.questionnaire = questionnaire
        self.diagnostics = diagnostics
        self.idLocation = idLocation
    }

    /// Whether the form can be used: it was read and has no errors.
    public var isValid: Bool { questionnaire != nil && diagnostics.errors.isEmpty }
}

/// Reads form files (YAML) into ``Questionnaire`` values and validates them. Pure: text in, form and
/// problems out. Every problem is reported at once, each with its line and column.
public enum QuestionnaireLoader {
    /// Reads and validates a form from its YAML text. `file` is used in messages.
    /// With `runExamples`, the form's own examples are checked too (on by default).
    public static func load(yaml: String, file: String, runExamples: Bool = true) -> LoadedQuestionnaire {
        let collector = DiagnosticCollector(file: file)
        let root = YAMLReader.read(yaml, reportingTo: collector)
        if collector.hasErrors { return LoadedQuestionnaire(questionnaire: nil, diagnostics: collector.diagnostics) }
        guard let root, !(root.scalar?.string.isEmpty ?? false) else {
            collector.error(SourceLocation(line: 1, column: 1), "the form is empty", fix: "start from a shipped form or run 'kiosk forms new ID'")
            return LoadedQuestionnaire(questionnaire: nil, diagnostics: collector.diagnostics)
        }
        var reader = FormReader(collector: collector)
        let form = reader.read(root)
        if let form {
            QuestionnaireValidator(form: form, collector: collector, declaredQuestionIDs: reader.declaredQuestionIDs,
                                   scoresWithBrokenBands: reader.scoresWithBrokenBands)
                .validate(runExamples: runExamples)
            if let expected = formID(fromFileName: file), expected != form.id {
                collector.warning(reader.idLocation, "the form id '\(form.id)' differs from the file name '\(expected)'",
                                  fix: "name the file '\(form.id).yaml' so staff find the form by its id")
            }
        }
        return LoadedQuestionnaire(questionnaire: form, diagnostics: collector.diagnostics.sortedByLocation(), idLocation: reader.idLocation)
    }

    /// The form id a file name suggests (`Questionnaires/hark.yaml` → `hark`).
    static func formID(fromFileName file: String) -> String? {
        guard let name = file.split(separator: "/").last else { return nil }
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }
}

/// Turns the YAML tree into a form, reporting structural problems (unknown keys, wrong kinds of values,
/// missing keys, bad ids, missing translations). Cross-references are checked by the validator.
struct FormReader {
    let collector: DiagnosticCollector
    var languages: [Language] = [.swedish]
    var idLocation: SourceLocation?
    /// Every question id read, in file order, also of questions with errors.
    var declaredQuestionIDs: [String] = []
    /// Form-wide defaults for questions (`defaults: {dont_know: false}`).
    var defaultRequired = true
    var defaultDontKnow = true
    var defaultKeys: ChoiceKeying?
    /// Texts shared by blocks of questions, by id (`stems:`).
    var stems: [String: LocalizedText] = [:]
    /// Choice lists written once, by id (`choice_sets:`).
    var choiceSets: [String: [Choice]] = [:]
    /// Choice sets some question used (the others are reported as unused).
    var usedChoiceSets: Set<String> = []
    var usedStems: Set<String> = []

    init(collector: DiagnosticCollector) { self.collector = collector }

    static let formKeys = [
        "id", "title", "languages", "source", "intro", "closing", "staff_note", "allow_free_text",
        "defaults", "stems", "choice_sets", "questions", "scores", "support", "general_support", "referrals", "examples",
    ]
    static let questionKeys = [
        "id", "type", "text", "stem", "help", "source", "required", "dont_know", "show_if", "breakdown", "replaces",
        "choices", "keys", "item_score", "min", "max", "min_label", "max_label", "labels", "unit", "exported",
    ]
    /// Lists, not sets: each question's keys are looked up here, and comparing a few short words costs less
    /// than hashing each.
    static let keysByType: [String: [String]] = [
        "yes_no": ["item_score"],
        "single_choice": ["choices", "keys"],
        "multiple_choice": ["choices", "keys"],
        "scale": ["min", "max", "min_label", "max_label", "labels"],
        "number": ["min", "max", "unit"],
        "info": [],
        "free_text": ["exported"],
    ]
    static let types = ["yes_no", "single_choice", "multiple_choice", "scale", "number", "info", "free_text"]
    static let typeSpecificKeys = Array(Set(keysByType.values.flatMap { $0 })).sorted()
    static let commonQuestionKeys = questionKeys.filter { !typeSpecificKeys.contains($0) }

    /// The text of key `key` in a mapping, compared as plain text (cheaper than Yams' node subscript).
    static func value(of key: String, in node: YNode) -> String? {
        guard case .mapping(let mapping) = node else { return nil }
        for (keyNode, valueNode) in mapping where keyNode.scalar?.string == key { return valueNode.scalar?.string }
        return nil
    }

    mutating func read(_ root: YNode) -> Questionnaire? {
        guard let fields = Fields(root, what: "the form", allowed: Self.formKeys, into: collector) else { return nil }
        languages = readLanguages(fields)
        idLocation = fields["id"]?.location
        let id = fields.require("id", example: "my-form", into: collector).flatMap { readID($0, what: "the form id", pattern: .formID) } ?? ""
        let title = fields.require("title", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the form's title") }
        readDefaults(fields["defaults"])
        readStems(fields["stems"])
        readChoiceSets(fields["choice_sets"])
        let questions = readQuestions(fields)
        reportUnused(fields)
        let support = readSupport(fields["support"])
        var generalSupport: [String] = []
        if let node = fields["general_support"] {
            if case .sequence(let list) = node {
                for item in list {
                    guard let id = readID(item, what: "an entry of 'general_support'", pattern: .name) else { continue }
                    if !support.contains(where: { $0.id == id }) && !declaredSupportIDs.contains(id) {
                        var fix = "add it under 'support:' or use one of: \(support.map(\.id).joined(separator: ", "))"
                        if let s = closestMatch(to: id, among: support.map(\.id)) { fix = "did you mean '\(s)'? " + fix }
                        collector.error(item.location, "'general_support' names the support entry '\(id)', which the form does not have", fix: fix)
                        continue
                    }
                    generalSupport.append(id)
                }
            } else {
                collector.error(node.location, "'general_support' should be a list of support ids",
                                fix: "write 'general_support: [kvinnofridslinjen, brottsofferjouren]'")
            }
        }
        let scores = readScores(fields["scores"], questions: questions)
        var form = Questionnaire(
            id: id,
            title: title ?? LocalizedText([:]),
            languages: languages,
            source: fields["source"].flatMap { localized($0, what: "the form's source") },
            intro: fields["intro"].flatMap { localized($0, what: "the form's intro") },
            closing: fields["closing"].flatMap { localized($0, what: "the form's closing text") },
            staffNote: fields["staff_note"].flatMap { localized($0, what: "the form's staff note") },
            allowsFreeText: fields["allow_free_text"].flatMap { bool($0, what: "allow_free_text") } ?? false,
            questions: questions,
            scores: scores,
            referrals: readReferrals(fields["referrals"]),
            support: support,
            generalSupport: generalSupport)
        form.examples = readExamples(fields["examples"], form: form)
        return form
    }

    /// Support ids written in the file, also of entries with errors (their own error is reported).
    var declaredSupportIDs: [String] = []
    /// Scores with a band that could not be read: their coverage is not judged until it is fixed.
    var scoresWithBrokenBands: Set<String> = []

    // MARK: Shared parts

    mutating func readDefaults(_ node: YNode?) {
        guard let node, let fields = Fields(node, what: "'defaults'", allowed: ["required", "dont_know", "keys"], into: collector) else { return }
        if let value = fields["keys"] { defaultKeys = keying(value, what: "'keys' in 'defaults'") }
        if let value = fields["required"] { defaultRequired = bool(value, what: "'required' in 'defaults'") ?? defaultRequired }
        if let value = fields["dont_know"] { defaultDontKnow = bool(value, what: "'dont_know' in 'defaults'") ?? defaultDontKnow }
    }

    mutating func readStems(_ node: YNode?) {
        guard let node else { return }
        guard case .mapping(let mapping) = node else {
            collector.error(node.location, "'stems' should be lines of 'stem-id: text'",
                            fix: "write e.g. 'two-weeks: {sv: Under de senaste två veckorna …, en: Over the last 2 weeks …}'")
            return
        }
        for (keyNode, value) in mapping {
            guard let id = readID(keyNode, what: "a stem id", pattern: .name) else { continue }
            if stems[id] != nil {
                collector.error(keyNode.location, "the stem '\(id)' is written twice", fix: "keep one of them")
                continue
            }
            if let text = localized(value, what: "the stem '\(id)'") { stems[id] = text }
        }
    }

    mutating func readChoiceSets(_ node: YNode?) {
        guard let node else { return }
        guard case .mapping(let mapping) = node else {
            collector.error(node.location, "'choice_sets' should be lines of 'set-id:' each followed by a list of choices",
                            fix: "write e.g. 'frequency:' and under it '- {code: never, text: …, score: 0}'")
            return
        }
        for (keyNode, value) in mapping {
            guard let id = readID(keyNode, what: "a choice set id", pattern: .name) else { continue }
            if choiceSets[id] != nil {
                collector.error(keyNode.location, "the choice set '\(id)' is written twice", fix: "keep one of them")
                continue
            }
            choiceSets[id] = readChoices(value, what: "choice set '\(id)'")
        }
    }

    func reportUnused(_ fields: Fields) {
        for id in choiceSets.keys.sorted() where !usedChoiceSets.contains(id) {
            collector.warning(fields["choice_sets"]?.location, "the choice set '\(id)' is used by no question",
                              fix: "write 'choices: \(id)' in the questions that use it, or remove it")
        }
        for id in stems.keys.sorted() where !usedStems.contains(id) {
            collector.warning(fields["stems"]?.location, "the stem '\(id)' is used by no question",
                              fix: "write 'stem: \(id)' in the questions it leads in, or remove it")
        }
    }

    // MARK: Form parts

    mutating func readLanguages(_ fields: Fields) -> [Language] {
        guard let node = fields.require("languages", example: "[sv, en]", into: collector) else { return [.swedish] }
        let items: [YNode]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default:
            collector.error(node.location, "'languages' should be a list of language codes", fix: "write 'languages: [sv, en]'")
            return [.swedish]
        }
        var result: [Language] = []
        for item in items {
            guard let code = item.scalar?.string, code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
                collector.error(item.location, "'\(item.scalar?.string ?? item.kindName)' is not a two-letter language code",
                                fix: "use codes like sv or en")
                continue
            }
            if result.contains(Language(rawValue: code)) {
                collector.error(item.location, "the language '\(code)' is listed twice", fix: "list each language once")
                continue
            }
            result.append(Language(rawValue: code))
        }
        if result.isEmpty {
            collector.error(node.location, "the form declares no language", fix: "write 'languages: [sv, en]'")
            return [.swedish]
        }
        return result
    }

    mutating func readQuestions(_ fields: Fields) -> [Question] {
        guard let node = fields.require("questions", example: "followed by a list of questions", into: collector) else { return [] }
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'questions' should be a list (each question starting with '- ')",
                            fix: "write each question as '- id: …' under 'questions:'")
            return []
        }
        let questions = sequence.enumerated().compactMap { readQuestion($1, number: $0 + 1) }
        let declaredAnswerTaking = sequence.contains { Self.value(of: "type", in: $0) != "info" }
        if !declaredAnswerTaking {
            collector.error(fields.keyLocation("questions"), "the form has no questions that take an answer",
                            fix: "add at least one question under 'questions:'")
        }
        return questions
    }

    mutating func readQuestion(_ node: YNode, number: Int) -> Question? {
        let writtenID = Self.value(of: "id", in: node)
        let writtenType = Self.value(of: "type", in: node)
        let writtenWhat = writtenID.map { "question '\($0)'" } ?? "question \(number)"
        guard let fields = Fields(node, what: writtenWhat, allowed: Self.questionKeys,
                                  listed: writtenType.flatMap { Self.keysByType[$0] }.map { Self.commonQuestionKeys + Self.questionKeys.filter($0.contains) },
                                  into: collector) else { return nil }
        let id = fields.require("id", example: "q\(number)", into: collector).flatMap { readID($0, what: "the id of question \(number)", pattern: .name) }
        if let id { declaredQuestionIDs.append(id) }
        let what = id == writtenID ? writtenWhat : id.map { "question '\($0)'" } ?? "question \(number)"
        let typeNode = fields.require("type", example: Self.types.joined(separator: " | "), into: collector)
        var type: String?
        if let typeNode {
            if let name = typeNode.scalar?.string, Self.types.contains(name) {
                type = name
            } else {
                let written = typeNode.scalar?.string ?? typeNode.kindName
                var fix = "use one of: \(Self.types.joined(separator: ", "))"
                if let suggestion = closestMatch(to: written, among: Self.types) { fix = "did you mean '\(suggestion)'? " + fix }
                collector.error(typeNode.location, "\(what) has the unknown type '\(written)'", fix: fix)
            }
        }
        if let type {
            let allowedHere = Self.keysByType[type] ?? []
            for (key, location) in fields.keys where Self.typeSpecificKeys.contains(key) && !allowedHere.contains(key) {
                collector.error(location, "'\(key)' does not apply to \(type) questions like \(what)",
                                fix: "remove it, or change the type")
            }
        }
        let text = fields.require("text", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the text of \(what)") }
        let kind = type.flatMap { readKind($0, fields: fields, what: what) }
        var stem: LocalizedText?
        if let node = fields["stem"] {
            if case .scalar(let scalar) = node, !(languages.count == 1 && stems.isEmpty) {
                if let shared = stems[scalar.string] {
                    stem = shared
                    usedStems.insert(scalar.string)
                } else {
                    var fix = stems.isEmpty ? "write the text once under 'stems:' (as 'my-stem: {sv: …, en: …}') and write 'stem: my-stem' here"
                        : "use one of: \(stems.keys.sorted().joined(separator: ", "))"
                    if let s = closestMatch(to: scalar.string, among: Array(stems.keys)) { fix = "did you mean '\(s)'? " + fix }
                    collector.error(node.location, "the stem '\(scalar.string)' of \(what) is not one of the form's stems", fix: fix)
                }
            } else {
                stem = localized(node, what: "the stem of \(what)")
            }
        }
        var question = Question(
            id: id ?? "",
            kind: kind ?? .info,
            text: text ?? LocalizedText([:]),
            stem: stem,
            help: fields["help"].flatMap { localized($0, what: "the help of \(what)") },
            source: fields["source"].flatMap { localized($0, what: "the source of \(what)") },
            isRequired: fields["required"].flatMap { bool($0, what: "'required' of \(what)") } ?? defaultRequired,
            allowsDontKnow: fields["dont_know"].flatMap { bool($0, what: "'dont_know' of \(what)") } ?? defaultDontKnow,
            showIf: fields["show_if"].flatMap { condition($0, what: "'show_if' of \(what)") },
            breakdown: nil,
            replaces: fields["replaces"].flatMap { readID($0, what: "'replaces' of \(what)", pattern: .name) },
            keys: fields["keys"].flatMap { keying($0, what: "'keys' of \(what)") } ?? (kind.map(Self.hasChoices) == true ? defaultKeys : nil),
            scaleLabels: fields["labels"].flatMap { scaleLabels($0, kind: kind, what: what) },
            location: node.location)
        if let node = fields["breakdown"] {
            if let name = node.scalar?.string, let breakdown = Breakdown(rawValue: name) {
                question.breakdown = breakdown
                // A split has no "don't know": an interview must land in a column of every table
                // (declining is still possible, and has a column of its own).
                if fields["dont_know"].flatMap({ $0.scalar?.string }) == "true" {
                    collector.error(fields.keyLocation("dont_know"), "\(what) is the '\(breakdown.rawValue)' breakdown, which cannot offer don't know",
                                    fix: "remove 'dont_know: true': a participant can decline, and is then counted under 'vill inte svara'")
                }
                question.allowsDontKnow = false
            } else {
                collector.error(node.location, "'breakdown' of \(what) is '\(node.scalar?.string ?? node.kindName)'",
                                fix: "use 'gender' or 'age_band'")
            }
        }
        guard id != nil, kind != nil, text != nil else { return nil }
        return question
    }

    mutating func readKind(_ type: String, fields: Fields, what: String) -> Question.Kind? {
        switch type {
        case "yes_no":
            var yes = 1, no = 0
            if let node = fields["item_score"], let scoreFields = Fields(node, what: "'item_score' of \(what)", allowed: ["yes", "no"], into: collector) {
                if let n = scoreFields["yes"] { yes = integer(n, what: "the item score of yes in \(what)") ?? yes }
                if let n = scoreFields["no"] { no = integer(n, what: "the item score of no in \(what)") ?? no }
            }
            return .yesNo(yesScore: yes, noScore: no)
        case "single_choice", "multiple_choice":
            guard let node = fields.require("choices", example: "followed by a list of choices", into: collector) else { return nil }
            let choices: [Choice]
            if case .scalar(let scalar) = node {
                guard let shared = choiceSets[scalar.string] else {
                    var fix = choiceSets.isEmpty ? "write the choices as a list under 'choices:', or once under 'choice_sets:' and name the set here"
                        : "use one of: \(choiceSets.keys.sorted().joined(separator: ", "))"
                    if let s = closestMatch(to: scalar.string, among: Array(choiceSets.keys)) { fix = "did you mean '\(s)'? " + fix }
                    collector.error(node.location, "the choices of \(what) name the choice set '\(scalar.string)', which the form does not have", fix: fix)
                    return nil
                }
                usedChoiceSets.insert(scalar.string)
                choices = shared
            } else {
                choices = readChoices(node, what: what)
            }
            return type == "single_choice" ? .singleChoice(choices) : .multipleChoice(choices)
        case "scale":
            let min = fields.require("min", example: "1", into: collector).flatMap { integer($0, what: "'min' of \(what)") }
            let max = fields.require("max", example: "5", into: collector).flatMap { integer($0, what: "'max' of \(what)") }
            guard let min, let max else { return nil }
            if min >= max {
                collector.error(fields.keyLocation("min"), "the scale of \(what) goes from \(min) to \(max), but 'min' must be below 'max'",
                                fix: "swap the numbers, or make 'max' larger")
            } else if max - min > 100 {
                collector.error(fields.keyLocation("max"), "the scale of \(what) has \(max - min + 1) steps, more than a person can pick from",
                                fix: "use a 'number' question for wide ranges")
            }
            return .scale(min: min, max: max,
                          minLabel: fields["min_label"].flatMap { localized($0, what: "'min_label' of \(what)") },
                          maxLabel: fields["max_label"].flatMap { localized($0, what: "'max_label' of \(what)") })
        case "number":
            let min = fields.require("min", example: "0", into: collector).flatMap { integer($0, what: "'min' of \(what)") }
            let max = fields.require("max", example: "100", into: collector).flatMap { integer($0, what: "'max' of \(what)") }
            guard let min, let max else { return nil }
            if min > max {
                collector.error(fields.keyLocation("min"), "the range of \(what) goes from \(min) to \(max), but 'min' must not be above 'max'",
                                fix: "swap the numbers")
            }
            return .number(min: min, max: max, unit: fields["unit"].flatMap { localized($0, what: "'unit' of \(what)") })
        case "info":
            return .info
        case "free_text":
            let exported = fields["exported"].flatMap { bool($0, what: "'exported' of \(what)") }
            if exported != false {
                collector.error(fields["exported"]?.location ?? fields.node.location,
                                "free-text \(what) must be marked as never exported",
                                fix: "add 'exported: false' (free text is never part of summaries or exports)")
            }
            return .freeText
        default:
            return nil
        }
    }

    mutating func readChoices(_ node: YNode, what: String) -> [Choice] {
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'choices' of \(what) should be a list", fix: "write each choice as '- code: …' with its 'text'")
            return []
        }
        var choices: [Choice] = []
        for (index, item) in sequence.enumerated() {
            let numbered = "choice \(index + 1) of \(what)"
            guard let fields = Fields(item, what: numbered, allowed: ["code", "text", "score"], into: collector) else { continue }
            let code = fields.require("code", example: "a-short-code", into: collector).flatMap { readCode($0, what: "the code of \(numbered)") }
            // Named by its code once it has one; built only for a message.
            func choiceWhat() -> String { code.map { "choice '\($0)' of \(what)" } ?? numbered }
            let text = fields.require("text", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the text of \(choiceWhat())") }
            let score = fields["score"].flatMap { integer($0, what: "the score of \(choiceWhat())") }
            guard let code, let text else { continue }
            choices.append(Choice(code: code, text: text, score: score, location: item.location))
        }
        return choices
    }

    mutating func readScores(_ node: YNode?, questions: [Question]) -> [ScoreDefinition] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'scores' should be a list", fix: "write each score as '- id: …' with 'label' and 'sum'")
            return []
        }
        var scores: [ScoreDefinition] = []
        // Where each question is, to find a score's items without a search through every question
        // (worked out when a score first has bands to check).
        var positions: [String: Int]?
        func questionPositions() -> [String: Int] {
            if let positions { return positions }
            var found: [String: Int] = [:]
            found.reserveCapacity(questions.count)
            for index in questions.indices where found[questions[index].id] == nil { found[questions[index].id] = index }
            positions = found
            return found
        }
        for (index, item) in sequence.enumerated() {
            guard let fields = Fields(item, what: "score \(index + 1)", allowed: ["id", "label", "sum", "min_answered", "bands", "bands_for"], into: collector) else { continue }
            let id = fields.require("id", example: "total", into: collector).flatMap { readID($0, what: "the id of score \(index + 1)", pattern: .name) }
            let what = id.map { "score '\($0)'" } ?? "score \(index + 1)"
            let label = fields.require("label", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the label of \(what)") }
            var items: [String] = []
            var itemLocations: [String: SourceLocation] = [:]
            if let sum = fields.require("sum", example: "[q1, q2, q3]", into: collector) {
                if case .sequence(let list) = sum {
                    for itemNode in list {
                        guard let item = readID(itemNode, what: "an item of \(what)", pattern: .name) else { continue }
                        items.append(item)
                        if itemLocations[item] == nil { itemLocations[item] = itemNode.location }
                    }
                    if items.isEmpty { collector.error(sum.location, "\(what) sums no questions", fix: "list the questions it adds up: 'sum: [q1, q2]'") }
                } else {
                    collector.error(sum.location, "'sum' of \(what) should be a list of question ids", fix: "write 'sum: [q1, q2]'")
                }
            }
            var minAnswered = 1
            if let node = fields["min_answered"], let n = integer(node, what: "'min_answered' of \(what)") {
                if n < 1 || n > max(1, items.count) {
                    collector.error(node.location, "'min_answered' of \(what) is \(n), but it sums \(counted(items.count, "item"))",
                                    fix: "write a number from 1 to \(max(1, items.count)): how many items need a real answer before the score means anything")
                } else {
                    minAnswered = n
                }
            }
            let hasBands = fields["bands"] != nil || fields["bands_for"] != nil
            let range = hasBands ? Self.possibleRange(of: items, in: questions, positions: questionPositions()) : nil
            let bandErrors = collector.diagnostics.errors.count
            let bands = fields["bands"].map { readBands($0, what: what, possible: range) } ?? []
            var variants: [BandVariant] = []
            if let node = fields["bands_for"] {
                if fields["bands"] == nil {
                    collector.error(fields.keyLocation("bands_for"), "\(what) has 'bands_for' but no 'bands'",
                                    fix: "add 'bands:' for everyone the variants do not pick out")
                }
                if case .sequence(let list) = node {
                    for (number, variantNode) in list.enumerated() {
                        let variantWhat = "variant \(number + 1) of 'bands_for' of \(what)"
                        guard let variantFields = Fields(variantNode, what: variantWhat, allowed: ["when", "bands"], into: collector) else { continue }
                        let when = variantFields.require("when", example: "gender = man", into: collector).flatMap { condition($0, what: "'when' of \(variantWhat)") }
                        let variantBands = variantFields.require("bands", example: "followed by a list of bands", into: collector)
                            .map { readBands($0, what: variantWhat, possible: range) } ?? []
                        if let when { variants.append(BandVariant(when: when, bands: variantBands, location: variantNode.location)) }
                    }
                } else {
                    collector.error(node.location, "'bands_for' of \(what) should be a list",
                                    fix: "write each variant as '- when: gender = man' with its own 'bands:'")
                }
            }
            guard let id, let label else { continue }
            if collector.diagnostics.errors.count > bandErrors { scoresWithBrokenBands.insert(id) }
            var score = ScoreDefinition(id: id, label: label, items: items, minAnswered: minAnswered, bands: bands,
                                        bandVariants: variants, location: item.location)
            score.itemLocations = itemLocations
            scores.append(score)
        }
        return scores
    }

    /// The lowest and highest value the items can sum to, when it can be told from the questions read
    /// (for hints that close a gap between bands).
    static func possibleRange(of items: [String], in questions: [Question], positions: [String: Int]) -> ClosedRange<Int>? {
        var low = 0, high = 0
        for item in items {
            guard let position = positions[item] else { continue }
            let question = questions[position]
            var itemLow = 0, itemHigh = 0
            switch question.kind {
            case .yesNo, .singleChoice:
                for choice in question.choices {
                    itemLow = min(itemLow, choice.score ?? 0)
                    itemHigh = max(itemHigh, choice.score ?? 0)
                }
            case .multipleChoice(let choices):
                for choice in choices {
                    let points = choice.score ?? 0
                    if points < 0 { itemLow = itemLow.saturatingAdd(points) } else { itemHigh = itemHigh.saturatingAdd(points) }
                }
            case .scale(let min, let max, _, _):
                itemLow = Swift.min(0, min)
                itemHigh = Swift.max(0, max)
            case .number, .info, .freeText:
                break
            }
            low = low.saturatingAdd(itemLow)
            high = high.saturatingAdd(itemHigh)
        }
        return low <= high ? low...high : nil
    }

    mutating func readBands(_ node: YNode, what: String, possible: ClosedRange<Int>?) -> [ScoreBand] {
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'bands' of \(what) should be a list", fix: "write each band as '- {id: low, from: 0, to: 4, label: …}'")
            return []
        }
        var bands: [ScoreBand] = []
        let items = Array(sequence)
        for (index, item) in items.enumerated() {
            guard let fields = Fields(item, what: "band \(index + 1) of \(what)", allowed: ["id", "from", "to", "label"], into: collector) else { continue }
            let id = fields.require("id", example: "low", into: collector).flatMap { readID($0, what: "the id of band \(index + 1) of \(what)", pattern: .name) }
            let bandWhat = id.map { "band '\($0)' of \(what)" } ?? "band \(index + 1) of \(what)"
            // A missing end is suggested from the neighbours, so the hint closes the gap.
            let previousTo = index > 0 ? Self.value(of: "to", in: items[index - 1]).flatMap { Int($0) } : nil
            let nextFrom = index + 1 < items.count ? Self.value(of: "from", in: items[index + 1]).flatMap { Int($0) } : nil
            let suggestedFrom = previousTo.map { $0.saturatingAdd(1) } ?? (index == 0 ? possible?.lowerBound : nil)
            let suggestedTo = nextFrom.map { $0.saturatingAdd(-1) } ?? (index == items.count - 1 ? possible?.upperBound : nil)
            let from = fields.require("from", example: suggestedFrom.map(String.init) ?? "0", into: collector)
                .flatMap { integer($0, what: "'from' of \(bandWhat)") }
            let to = fields.require("to", example: suggestedTo.map(String.init) ?? "4", into: collector)
                .flatMap { integer($0, what: "'to' of \(bandWhat)") }
            let label = fields.require("label", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the label of \(bandWhat)") }
            guard let id, let from, let to, let label else { continue }
            if from > to {
                collector.error(fields.keyLocation("from"), "\(bandWhat) goes from \(from) to \(to)", fix: "'from' must not be above 'to'; swap them")
                continue
            }
            bands.append(ScoreBand(id: id, from: from, to: to, label: label, location: item.location))
        }
        return bands
    }

    mutating func readSupport(_ node: YNode?) -> [SupportEntry] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'support' should be a list", fix: "write each entry as '- id: …' with its 'text'")
            return []
        }
        var entries: [SupportEntry] = []
        for (index, item) in sequence.enumerated() {
            if let written = Self.value(of: "id", in: item) { declaredSupportIDs.append(written) }
            guard let fields = Fields(item, what: "support entry \(index + 1)", allowed: ["id", "text", "for_gender"], into: collector) else { continue }
            let id = fields.require("id", example: "kvinnofridslinjen", into: collector).flatMap { readID($0, what: "the id of support entry \(index + 1)", pattern: .name) }
            let what = "support entry '\(id ?? String(index + 1))'"
            let text = fields.require("text", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the text of \(what)") }
            var forGender: [String]?
            if let node = fields["for_gender"] {
                let codes: [YNode]
                switch node {
                case .sequence(let list): codes = Array(list)
                case .scalar: codes = [node]
                case .mapping: codes = []
                }
                var valid: [String] = []
                for codeNode in codes {
                    guard let code = codeNode.scalar?.string, Breakdown.genderCodes.contains(code) else {
                        collector.error(codeNode.location, "'for_gender' of \(what) has '\(codeNode.scalar?.string ?? codeNode.kindName)', which is not a gender code",
                                        fix: "use the codes \(Breakdown.genderCodes.joined(separator: ", ")); the line is also shown when the gender is not known")
                        continue
                    }
                    valid.append(code)
                }
                if codes.isEmpty {
                    collector.error(node.location, "'for_gender' of \(what) should be a list of gender codes", fix: "write e.g. 'for_gender: [man]'")
                }
                forGender = valid
            }
            guard let id, let text else { continue }
            entries.append(SupportEntry(id: id, text: text, forGender: forGender, location: item.location))
        }
        return entries
    }

    mutating func readReferrals(_ node: YNode?) -> [ReferralRule] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'referrals' should be a list", fix: "write each rule as '- id: …' with 'when', 'level' and 'message'")
            return []
        }
        var rules: [ReferralRule] = []
        for (index, item) in sequence.enumerated() {
            guard let fields = Fields(item, what: "referral rule \(index + 1)", allowed: ["id", "when", "level", "message", "support"], into: collector) else { continue }
            let id = fields.require("id", example: "support-needed", into: collector).flatMap { readID($0, what: "the id of referral rule \(index + 1)", pattern: .name) }
            let what = id.map { "referral rule '\($0)'" } ?? "referral rule \(index + 1)"
            let when = fields.require("when", example: "q1 = yes", into: collector).flatMap { condition($0, what: "'when' of \(what)") }
            var level: ReferralLevel?
            if let levelNode = fields.require("level", example: "urgent", into: collector) {
                level = levelNode.scalar.flatMap { ReferralLevel(rawValue: $0.string) }
                if level == nil {
                    collector.error(levelNode.location, "the level of \(what) is '\(levelNode.scalar?.string ?? levelNode.kindName)'",
                                    fix: "use 'urgent' or 'routine'")
                }
            }
            let message = fields.require("message", example: "{sv: …, en: …}", into: collector).flatMap { localized($0, what: "the message of \(what)") }
            var support: [String] = []
            var supportLocations: [String: SourceLocation] = [:]
            if let supportNode = fields["support"] {
                if case .sequence(let list) = supportNode {
                    for idNode in list {
                        guard let id = readID(idNode, what: "a support id of \(what)", pattern: .name) else { continue }
                        support.append(id)
                        supportLocations[id] = idNode.location
                    }
                } else {
                    collector.error(supportNode.location, "'support' of \(what) should be a list of support ids", fix: "write 'support: [kvinnofridslinjen]'")
                }
            }
            guard let id, let when, let level, let message else { continue }
            var rule = ReferralRule(id: id, when: when, level: level, message: message, support: support, location: item.location)
            rule.supportLocations = supportLocations
            rules.append(rule)
        }
        return rules
    }

    mutating func readExamples(_ node: YNode?, form: Questionnaire) -> [FormExample] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            collector.error(node.location, "'examples' should be a list", fix: "write each example as '- name: …' with 'answers' and 'expect'")
            return []
        }
        var examples: [FormExample] = []
        for (index, item) in sequence.enumerated() {
            guard let fields = Fields(item, what: "example \(index + 1)", allowed: ["name", "answers", "expect"], into: collector) else { continue }
            let name = fields.require("name", example: "what the example shows", into: collector).flatMap { string($0, what: "the name of example \(index + 1)") }
            let what = name.map { "example '\($0)'" } ?? "example \(index + 1)"
            var answers: Answers = [:]
            var locations: [String: SourceLocation] = [:]
            if let answersNode = fields["answers"] {
                if case .mapping(let mapping) = answersNode {
                    for (keyNode, valueNode) in mapping {
                        guard let questionID = keyNode.scalar?.string else { continue }
                        locations[questionID] = keyNode.location
                        if form.question(questionID) == nil && declaredQuestionIDs.contains(questionID) { continue }
                        guard let question = form.question(questionID) else {
                            var fix = "use the id of a question of this form"
                            if let s = closestMatch(to: questionID, among: form.questions.map(\.id)) { fix = "did you mean '\(s)'? " + fix }
                            collector.error(keyNode.location, "\(what) answers '\(questionID)', which is not a question of this form", fix: fix)
                            continue
                        }
                        if let answer = exampleAnswer(valueNode, question: question, what: what) {
                            answers[questionID] = answer
                        }
                    }
                } else {
                    collector.error(answersNode.location, "'answers' of \(what) should be lines of 'question-id: answer'", fix: "write e.g. 'q1: yes'")
                }
            }
            var expectedReferrals: [String]?
            var expectedScores: [String: Int] = [:]
            var expectedBands: [String: String] = [:]
            var shown: [String] = [], notShown: [String] = []
            var visibilityLocations: [String: SourceLocation] = [:]
            if let expectNode = fields.require("expect", example: "followed by 'referrals: […]'", into: collector),
               let expect = Fields(expectNode, what: "'expect' of \(what)", allowed: ["referrals", "scores", "bands", "shown", "not_shown"], into: collector) {
                for (key, target) in [("shown", 0), ("not_shown", 1)] {
                    guard let list = expect[key] else { continue }
                    guard case .sequence(let items) = list else {
                        collector.error(list.location, "'\(key)' of \(what) should be a list of question ids", fix: "write '\(key): [q1, q2]'")
                        continue
                    }
                    for idNode in items {
                        guard let questionID = idNode.scalar?.string else { continue }
                        guard form.question(questionID) != nil || declaredQuestionIDs.contains(questionID) else {
                            var fix = "use the id of a question of this form"
                            if let s = closestMatch(to: questionID, among: form.questions.map(\.id)) { fix = "did you mean '\(s)'? " + fix }
                            collector.error(idNode.location, "'\(key)' of \(what) names '\(questionID)', which is not a question of this form", fix: fix)
                            continue
                        }
                        visibilityLocations[questionID] = idNode.location
                        if target == 0 { shown.append(questionID) } else { notShown.append(questionID) }
                    }
                }
                if let list = expect["referrals"] {
                    switch list {
                    case .sequence(let items): expectedReferrals = items.compactMap { $0.scalar?.string }
                    case .scalar(let s) where s.string.isEmpty: expectedReferrals = []
                    default: collector.error(list.location, "'referrals' of \(what) should be a list of rule ids", fix: "write 'referrals: [rule-id]', or 'referrals: []' for none")
                    }
                }
                if let scores = expect["scores"] {
                    if case .mapping(let mapping) = scores {
                        for (k, v) in mapping {
                            guard let id = k.scalar?.string, let n = integer(v, what: "the expected score '\(k.scalar?.string ?? "")' of \(what)") else { continue }
                            expectedScores[id] = n
                        }
                    } else {
                        collector.error(scores.location, "'scores' of \(what) should be lines of 'score-id: number'", fix: "write e.g. 'hark: 2'")
                    }
                }
                if let bands = expect["bands"] {
                    if case .mapping(let mapping) = bands {
                        for (k, v) in mapping {
                            guard let id = k.scalar?.string, let band = v.scalar?.string else { continue }
                            expectedBands[id] = band
                        }
                    } else {
                        collector.error(bands.location, "'bands' of \(what) should be lines of 'score-id: band-id'", fix: "write e.g. 'hark: positive'")
                    }
                }
            }
            guard let name else { continue }
            var example = FormExample(
                name: name, answers: answers, answerLocations: locations, expectedReferrals: expectedReferrals,
                expectedScores: expectedScores, expectedBands: expectedBands, expectedShown: shown,
                expectedNotShown: notShown, location: item.location)
            example.visibilityLocations = visibilityLocations
            examples.append(example)
        }
        return examples
    }

    func exampleAnswer(_ node: YNode, question: Question, what: String) -> Answer? {
        let whereText = "the answer to '\(question.id)' in \(what)"
        if let word = node.scalar?.string {
            switch word {
            case Answer.declinedCode:
                return .declined
            case Answer.dontKnowCode:
                guard question.allowsDontKnow else {
                    collector.error(node.location, "\(whereText) is 'dont_know', but '\(question.id)' does not offer don't know",
                                    fix: "give an answer '\(question.id)' can have, or 'declined'")
                    return nil
                }
                return .dontKnow
            case Answer.skippedCode:
                guard !question.isRequired else {
                    collector.error(node.location, "\(whereText) is 'skipped', but '\(question.id)' is required and cannot be left blank",
                                    fix: "give an answer, or 'declined' (declining is always possible)")
                    return nil
                }
                return .skipped
            default: break
            }
        }
        switch question.kind {
        case .yesNo, .singleChoice:
            guard let code = node.scalar?.string else {
                collector.error(node.location, "\(whereText) should be one choice code", fix: "write one of: \(question.choices.map(\.code).joined(separator: ", "))")
                return nil
            }
            guard question.choice(code) != nil else {
                collector.error(node.location, "\(whereText) is '\(code)', which is not one of its choices",
                                fix: "write one of: \((question.choices.map(\.code) + [Answer.declinedCode]).joined(separator: ", "))")
                return nil
            }
            return .choice(code)
        case .multipleChoice:
            let codes: [String]
            switch node {
            case .sequence(let items): codes = items.compactMap { $0.scalar?.string }
            case .scalar(let s): codes = [s.string]
            default: codes = []
            }
            let unknown = codes.filter { question.choice($0) == nil }
            if !unknown.isEmpty {
                collector.error(node.location, "\(whereText) has '\(unknown.joined(separator: "', '"))', which is not one of its choices",
                                fix: "use codes from: \(question.choices.map(\.code).joined(separator: ", "))")
                return nil
            }
            return .choices(question.choices.map(\.code).filter { codes.contains($0) })
        case .scale, .number:
            guard let text = node.scalar?.string, let n = Int(text) else {
                collector.error(node.location, "\(whereText) should be a whole number", fix: "write a number in its range")
                return nil
            }
            if let range = question.numericRange, !range.contains(n) {
                collector.error(node.location, "\(whereText) is \(n), outside \(range.lowerBound)–\(range.upperBound)", fix: "use a number in the range")
                return nil
            }
            return .number(n)
        case .freeText:
            return node.scalar.map { .text($0.string) }
        case .info:
            collector.error(node.location, "\(what) answers '\(question.id)', which is an info text and takes no answer", fix: "remove that line")
            return nil
        }
    }

    // MARK: Values

    static func hasChoices(_ kind: Question.Kind) -> Bool {
        switch kind {
        case .singleChoice, .multipleChoice: return true
        case .yesNo, .scale, .number, .info, .freeText: return false
        }
    }

    func keying(_ node: YNode, what: @autoclosure () -> String) -> ChoiceKeying? {
        guard let word = node.scalar?.string, let keying = ChoiceKeying(rawValue: word) else {
            collector.error(node.location, "\(what()) is '\(node.scalar?.string ?? node.kindName)'",
                            fix: "write 'letters' (a, b, c …) or 'numbers' (1, 2, 3 …); without 'keys' the kiosk uses letters whenever a label begins with a number")
            return nil
        }
        return keying
    }

    /// `labels:` of a scale: one text per point, `0: {sv: …, en: …}`, every point from 'min' to 'max'.
    func scaleLabels(_ node: YNode, kind: Question.Kind?, what: @autoclosure () -> String) -> [ScaleLabel]? {
        guard case .scale(let min, let max, _, _)? = kind else { return nil }
        guard case .mapping(let mapping) = node else {
            collector.error(node.location, "'labels' of \(what()) should be lines of 'number: text'", fix: "write e.g. '0: {sv: Inte alls, en: Not at all}'")
            return nil
        }
        var labels: [ScaleLabel] = []
        for (keyNode, valueNode) in mapping {
            guard let text = keyNode.scalar?.string, let value = Int(text) else {
                collector.error(keyNode.location, "'labels' of \(what()) has '\(keyNode.scalar?.string ?? keyNode.kindName)', which is not a point of the scale",
                                fix: "write each point's number from \(min) to \(max) before its text")
                continue
            }
            guard (min...Swift.max(min, max)).contains(value) else {
                collector.error(keyNode.location, "'labels' of \(what()) labels \(value), outside the scale \(min)–\(max)", fix: "label only the points from \(min) to \(max)")
                continue
            }
            if labels.contains(where: { $0.value == value }) {
                collector.error(keyNode.location, "'labels' of \(what()) labels \(value) twice", fix: "keep one of them")
                continue
            }
            if let label = localized(valueNode, what: "the label of point \(value) of \(what())") { labels.append(ScaleLabel(value: value, text: label)) }
        }
        // A scale too wide to label is an error of its own (reported with 'max').
        guard min <= max, max.subtractingReportingOverflow(min).partialValue <= 100 else { return labels.sorted { $0.value < $1.value } }
        let missing = (min...max).filter { point in !labels.contains { $0.value == point } }
        if !missing.isEmpty {
            collector.error(node.location, "'labels' of \(what()) has no label for \(missing.prefix(5).map(String.init).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")",
                            fix: "label every point from \(min) to \(max), or use 'min_label' and 'max_label' for the ends only")
        }
        return labels.sorted { $0.value < $1.value }
    }

    enum IDPattern {
        /// Question, score, rule, band and support ids: lowercase letter first, then letters, digits, `_`, `-`.
        case name
        /// Form ids: like names; they name files too.
        case formID
    }

    func readID(_ node: YNode, what: @autoclosure () -> String, pattern: IDPattern) -> String? {
        guard let text = node.scalar?.string else {
            collector.error(node.location, "\(what()) should be a single word, but it is \(node.kindName)", fix: "write an id like 'q1'")
            return nil
        }
        // Every allowed character is ASCII, so the bytes are checked one by one (no copy).
        let bytes = text.utf8
        let valid = !bytes.isEmpty && bytes.count <= 40
            && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes.first!)
            && bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        guard valid else {
            collector.error(node.location, "\(what()) is '\(text)', which is not a valid id",
                            fix: "start with a lowercase letter and use only a–z, 0–9, '_' and '-' (at most 40 characters), e.g. 'q1'")
            return nil
        }
        if pattern == .name, ExpressionParser.keywords.contains(text) || Answer.reservedCodes.contains(text) {
            collector.error(node.location, "\(what()) is '\(text)', a word the form language reserves", fix: "choose another id")
            return nil
        }
        return text
    }

    func readCode(_ node: YNode, what: @autoclosure () -> String) -> String? {
        guard let text = node.scalar?.string else {
            collector.error(node.location, "\(what()) should be a single word, but it is \(node.kindName)", fix: "write a code like 'often'")
            return nil
        }
        // Every allowed character is ASCII: bytes are characters here.
        let valid = !text.isEmpty && text.utf8.count <= 32
            && text.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        guard valid else {
            collector.error(node.location, "\(what()) is '\(text)', which is not a valid code",
                            fix: "use only letters a–z, digits, '_', '-' and '+' (at most 32 characters), e.g. 'often' or '16-24'")
            // Kept, so the question's other checks do not report the missing choice again.
            return text
        }
        if Answer.reservedCodes.contains(text) {
            collector.error(node.location, "\(what()) is '\(text)', which is reserved for the answer every question already has",
                            fix: "remove this choice: '\(text)' is offered on every question automatically")
        } else if ExpressionParser.keywords.contains(text) {
            collector.error(node.location, "\(what()) is '\(text)', a word the form language reserves", fix: "choose another code")
        }
        return text
    }

    func string(_ node: YNode, what: @autoclosure () -> String) -> String? {
        guard let text = node.scalar?.string else {
            collector.error(node.location, "\(what()) should be text, but it is \(node.kindName)", fix: "write it on one line after the key")
            return nil
        }
        return text
    }

    /// The largest number (either way) a form may hold: far beyond any real range or score, and small
    /// enough that no sum of a form's numbers can overflow.
    static let largestNumber = 1_000_000_000

    func integer(_ node: YNode, what: @autoclosure () -> String) -> Int? {
        let written = node.scalar?.string ?? node.kindName
        guard let text = node.scalar?.string, let n = Int(text) ?? (Self.looksNumeric(text) ? Int.max : nil) else {
            collector.error(node.location, "\(what()) should be a whole number, but it is '\(Phrasebook.excerpt(written))'",
                            fix: "write a whole number such as 0 or 4")
            return nil
        }
        guard n.magnitude <= UInt(Self.largestNumber) else {
            collector.error(node.location, "\(what()) is \(Phrasebook.excerpt(text)), larger than any form needs",
                            fix: "use a number between -1000000000 and 1000000000")
            return nil
        }
        return n
    }

    /// Whether `text` is a whole number too long for `Int` (so the message can say "too large").
    static func looksNumeric(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    func bool(_ node: YNode, what: @autoclosure () -> String) -> Bool? {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            collector.error(node.location, "\(what()) should be true or false, but it is '\(node.scalar?.string ?? node.kindName)'",
                            fix: "write true or false")
            return nil
        }
    }

    /// Reads a text per language: `{sv: …, en: …}`, or a plain text when the form has one language.
    func localized(_ node: YNode, what: @autoclosure () -> String) -> LocalizedText? {
        switch node {
        case .scalar(let scalar):
            if languages.count == 1 {
                return LocalizedText([languages[0]: scalar.string])
            }
            collector.error(node.location, "\(what()) is given in one language only",
                            fix: "give it in each of the form's languages, as lines '\(languages.map { "\($0): …" }.joined(separator: "' and '"))'")
            return nil
        case .mapping(let mapping):
            // Each language of the form by its place in `languages` (a form has a few): whether it has a text,
            // or an error was already reported for it. Hashing a language only to fill the dictionary.
            var values: [Language: String] = [:]
            var given = [Bool](repeating: false, count: languages.count)
            var reported = given
            for (keyNode, valueNode) in mapping {
                guard let code = keyNode.scalar?.string else { continue }
                guard let place = languages.firstIndex(where: { $0.rawValue == code }) else {
                    collector.warning(keyNode.location, "\(what()) has a '\(code)' text, but the form does not declare that language",
                                      fix: "add '\(code)' to 'languages', or remove this line")
                    continue
                }
                guard let text = valueNode.scalar?.string else {
                    collector.error(valueNode.location, "the '\(code)' text of \(what()) should be text, but it is \(valueNode.kindName)",
                                    fix: "write the text on the same line, or use '|' for several lines")
                    reported[place] = true
                    continue
                }
                values[languages[place]] = text
                given[place] = !text.isEmpty
            }
            for (place, language) in languages.enumerated() where !given[place] && !reported[place] {
                collector.error(node.location, "\(what()) has no '\(language)' text", fix: "add a line '\(language): …' under it")
            }
            return LocalizedText(values)
        default:
            collector.error(node.location, "\(what()) should be a text per language, but it is \(node.kindName)",
                            fix: "write it as lines '\(languages.map { "\($0): …" }.joined(separator: "' and '"))'")
            return nil
        }
    }

    func condition(_ node: YNode, what: @autoclosure () -> String) -> Condition? {
        guard let scalar = node.scalar else {
            collector.error(node.location, "\(what()) should be a condition on one line, but it is \(node.kindName)",
                            fix: "write it like: q1 = yes")
            return nil
        }
        let text = scalar.string
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let exactColumns = !text.contains("\n") && (scalar.style == .plain || quoted)
        let offset = quoted ? 1 : 0
        switch ExpressionParser.parse(text) {
        case .success(let expression):
            return Condition(source: text, expression: expression, location: node.location,
                             columnOffset: exactColumns ? offset : nil)
        case .failure(let error):
            let location = exactColumns ? node.location?.advanced(by: offset + error.offset) : node.location
            collector.error(location, "\(what()) cannot be read: \(error.message)",
                            fix: "write conditions like 'q1 = yes', 'score >= 2' or 'any(q1, q2) = yes' (see README, Conditions)")
            return nil
        }
    }
}
