/// An XLSForm workbook (`survey`, `choices`, `settings`; and the kiosk's own `bands`, `referrals`,
/// `support` when it made the file) as a kiosk form.
///
/// select_one / select_multiple → single / multiple choice (a list of just `yes` and `no` → yes/no);
/// integer → number; decimal → number (whole numbers, with a note); range → scale; note → info;
/// text → free text only when allowed; calculate sums → scores; `relevant` → `show_if`; `label::LANG`
/// and `hint::LANG` → the form's languages; groups → the stem of the questions in them. Questions that
/// could identify a person (names, dates, phone numbers, places, pictures, sound) are dropped. Every row
/// that is not converted is in the notes with its place (`survey!12`). The form is written with
/// ``QuestionnaireWriter`` and validated before it is handed back.
public struct XLSFormImport: Sendable {
    /// One thing worth knowing about the conversion, at a row of a sheet.
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        public var place: String?
        public var message: String
        public var description: String { (place.map { "\($0): " } ?? "") + message }
    }

    /// A conversion that cannot go on.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The form file's text, the form, and the notes.
    public struct Result: Sendable {
        public var yaml: String
        public var form: Questionnaire
        public var notes: [Note]
    }

    /// The language of columns without one (`label`), unless the settings name a default language.
    public var defaultLanguage: Language
    /// Whether text questions become free-text questions (off: they are dropped with a note).
    public var allowFreeText: Bool

    public init(defaultLanguage: Language = .swedish, allowFreeText: Bool = false) {
        self.defaultLanguage = defaultLanguage
        self.allowFreeText = allowFreeText
    }

    /// Question types that hold or collect something that could identify a person.
    static let identifyingTypes: Set<String> = [
        "date", "datetime", "time", "geopoint", "geotrace", "geoshape", "image", "audio", "video", "file", "barcode",
        "phonenumber", "email", "username", "deviceid", "subscriberid", "simserial", "start", "end", "today",
        "audit", "background-audio", "start-geopoint",
    ]
    /// Words in the name of a text question that say it asks for an identifying detail.
    static let identifyingNames = ["name", "namn", "phone", "telefon", "mobil", "email", "e_post", "epost", "address", "adress",
                                   "birth", "fodelse", "födelse", "personnummer", "ssn", "id_number"]

    public func convert(_ workbook: Workbook, source: String, fallbackID: String) throws(Failure) -> Result {
        guard let survey = workbook.sheet("survey") else {
            throw Failure(message: "the spreadsheet has no sheet named 'survey' (its sheets: \(workbook.sheets.map(\.name).joined(separator: ", "))); an XLSForm has 'survey', 'choices' and 'settings'")
        }
        var state = State(importer: self, workbook: workbook)
        state.readLanguages()
        state.readChoiceLists()
        state.readSurvey(survey)
        state.readBands()
        state.readSupport()
        state.readReferrals()
        state.readExamples()
        guard state.questions.contains(where: \.takesAnswer) else {
            let why = state.notes.isEmpty ? "it has no questions" : state.notes.map(\.description).joined(separator: "; ")
            throw Failure(message: "nothing of \(source) can be imported: \(why)")
        }
        let form = state.form(source: source, fallbackID: fallbackID)
        var header = ["Imported by 'kiosk forms import xlsform' from \(source).",
                      "Check the wording and the conditions, then run: kiosk forms validate"]
        header += state.notes.map { "- \($0)" }
        let yaml = QuestionnaireWriter.yaml(for: form, comments: .init(header: header))
        let loaded = QuestionnaireLoader.load(yaml: yaml, file: "\(form.id).yaml")
        guard loaded.isValid, let checked = loaded.questionnaire else {
            let problems = loaded.diagnostics.errors.map { "\($0.message)" + ($0.fix.map { " — \($0)" } ?? "") }
            throw Failure(message: "the converted form does not validate:\n  " + problems.joined(separator: "\n  ")
                          + (state.notes.isEmpty ? "" : "\nNotes on the conversion:\n  " + state.notes.map(\.description).joined(separator: "\n  ")))
        }
        var notes = state.notes
        notes += loaded.diagnostics.warnings.map { Note(place: nil, message: $0.message) }
        return Result(yaml: yaml, form: checked, notes: notes)
    }

    /// The conversion under way.
    struct State {
        let importer: XLSFormImport
        let workbook: Workbook
        var notes: [Note] = []
        var languages: [Language] = []
        var defaultLanguage: Language
        var settings: Record?
        var lists: [String: [(record: Record, code: String, text: LocalizedText, score: Int?)]] = [:]
        var questions: [Question] = []
        var kinds: [String: Question.Kind] = [:]
        var scoreRecords: [Record] = []
        var scores: [ScoreDefinition] = []
        var support: [SupportEntry] = []
        var referrals: [ReferralRule] = []
        var examples: [FormExample] = []

        init(importer: XLSFormImport, workbook: Workbook) {
            self.importer = importer
            self.workbook = workbook
            self.defaultLanguage = importer.defaultLanguage
            self.settings = workbook.sheet("settings")?.records.first
        }

        mutating func note(_ record: Record?, _ message: String) {
            notes.append(Note(place: record?.place, message: message))
        }

        // MARK: Languages and texts

        /// `label::Swedish (sv)` → ("label", sv); `label:english` → ("label", en); `label` → ("label", default).
        func column(_ heading: String) -> (base: String, language: Language?)? {
            let text = heading.trimmingSpaces()
            if let range = text.range(of: "::") ?? text.range(of: ":") {
                let base = text[..<range.lowerBound].lowercased()
                guard let language = XLSFormLanguages.language(named: String(text[range.upperBound...])) else { return (base, nil) }
                return (base, language)
            }
            return (text.lowercased(), defaultLanguage)
        }

        mutating func readLanguages() {
            if let written = settings?["default_language"], !written.isEmpty {
                if let language = XLSFormLanguages.language(named: written) {
                    defaultLanguage = language
                } else {
                    note(settings, "the default language '\(written)' is not one the kiosk knows; \(defaultLanguage) is used — write it as 'Swedish (sv)'")
                }
            }
            var found: [Language] = []
            var reported = Set<String>()
            for sheet in ["survey", "choices"] {
                for heading in workbook.sheet(sheet)?.headings ?? [] {
                    guard let (base, language) = column(heading), ["label", "hint"].contains(base) else { continue }
                    guard let language else {
                        if reported.insert(heading).inserted {
                            notes.append(Note(place: "\(sheet)!1", message: "the column '\(heading)' names a language the kiosk cannot tell; it is not imported — write it as 'label::Swedish (sv)'"))
                        }
                        continue
                    }
                    if !found.contains(language) { found.append(language) }
                }
            }
            if let listed = settings?["kiosk_languages"], !listed.isEmpty {
                languages = listed.split(separator: " ").map { Language(rawValue: String($0)) }
            } else {
                languages = found.contains(defaultLanguage) ? [defaultLanguage] + found.filter { $0 != defaultLanguage } : (found.isEmpty ? [defaultLanguage] : found)
            }
        }

        /// The text of the columns `base::LANG` (and `base` alone) of a row; `nil` when all are empty. A
        /// language without its text gets the default language's, with a note to translate it.
        mutating func text(_ base: String, in record: Record) -> LocalizedText? {
            var values: [Language: String] = [:]
            for (heading, value) in record.cellsByHeading where !value.trimmingSpaces().isEmpty {
                guard let (b, language) = column(heading), b == base, let language, languages.contains(language) else { continue }
                values[language] = value
            }
            guard !values.isEmpty else { return nil }
            let missing = languages.filter { values[$0] == nil }
            if !missing.isEmpty, let fallback = values[defaultLanguage] ?? languages.lazy.compactMap({ values[$0] }).first {
                for language in missing { values[language] = fallback }
                if base != "form_title" {
                    note(record, "'\(base)' has no \(missing.map(XLSFormLanguages.heading).joined(separator: ", ")) text: the \(XLSFormLanguages.heading(values[defaultLanguage] == nil ? languages[0] : defaultLanguage)) one is used until it is translated")
                }
            }
            return LocalizedText(values)
        }

        // MARK: Choices

        mutating func readChoiceLists() {
            for record in workbook.sheet("choices")?.records ?? [] {
                let list = record["list_name"].isEmpty ? record["list name"] : record["list_name"]
                let code = record["name"]
                guard !list.isEmpty, !code.isEmpty else {
                    note(record, "a choice without 'list_name' or 'name': not imported")
                    continue
                }
                let score = record["score"]
                var value: Int?
                if !score.isEmpty {
                    value = Int(score)
                    if value == nil { note(record, "the score '\(score)' of choice '\(code)' is not a whole number: left out") }
                }
                lists[list, default: []].append((record, code, text("label", in: record) ?? LocalizedText([defaultLanguage: code]), value))
            }
        }

        // MARK: Survey

        mutating func readSurvey(_ survey: Sheet) {
            var stems: [LocalizedText?] = []
            var repeatDepth = 0
            var calculations: [Record] = []
            for record in survey.records {
                let type = Self.normalizedType(record["type"])
                let words = type.split(separator: " ").map(String.init)
                guard let head = words.first else {
                    note(record, "a row without a type: not imported")
                    continue
                }
                if repeatDepth > 0 {
                    if head == "begin_repeat" { repeatDepth += 1 }
                    if head == "end_repeat" { repeatDepth -= 1 }
                    note(record, "'\(record["name"])' is inside a repeat, which the kiosk has no place for: not imported")
                    continue
                }
                switch head {
                case "begin_group":
                    stems.append(text("label", in: record))
                    continue
                case "end_group":
                    if stems.popLast() == nil { note(record, "an 'end_group' without its 'begin_group': passed by") }
                    continue
                case "begin_repeat":
                    repeatDepth = 1
                    note(record, "the repeat '\(record["name"])' asks the same questions several times, which the kiosk does not: not imported")
                    continue
                case "calculate":
                    calculations.append(record)
                    continue
                default:
                    break
                }
                let stem = stems.last { $0 != nil } ?? nil
                if var question = readQuestion(record, words: words) {
                    if question.stem == nil { question.stem = stem }
                    questions.append(question)
                    kinds[question.id] = question.kind
                }
            }
            for record in calculations { readScore(record) }
            fillInNumericScores()
        }

        static func normalizedType(_ written: String) -> String {
            var type = written.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            for (old, new) in [("begin group", "begin_group"), ("end group", "end_group"), ("begin repeat", "begin_repeat"),
                               ("end repeat", "end_repeat"), ("select one from ", "select_one "), ("select all that apply from ", "select_multiple "),
                               ("select one ", "select_one "), ("select multiple ", "select_multiple "), ("phone number", "phonenumber"),
                               ("select_one_from_file", "select_one_from_file"), ("add note prompt", "note")] where type.hasPrefix(old) {
                type = new + type.dropFirst(old.count)
            }
            return type
        }

        mutating func readQuestion(_ record: Record, words: [String]) -> Question? {
            let head = words[0]
            let name = record["name"]
            guard !name.isEmpty else {
                note(record, "a '\(head)' row without a name: not imported")
                return nil
            }
            if Self.isIdentifying(type: head) {
                note(record, "'\(name)' (\(head)) could identify a person: not imported (the kiosk stores nothing that identifies anyone)")
                return nil
            }
            guard let id = Self.questionID(name) else {
                note(record, "'\(name)' cannot be a question id (lowercase letters, digits, '_' and '-', starting with a letter): not imported — rename it")
                return nil
            }
            if id != name { note(record, "'\(name)' became the id '\(id)' (ids are lowercase)") }
            guard questions.allSatisfy({ $0.id != id }) else {
                note(record, "the name '\(name)' is used twice: this row is not imported")
                return nil
            }
            guard let kind = readKind(record, words: words, id: id) else { return nil }
            guard let label = text("label", in: record) else {
                note(record, "'\(name)' has no label: not imported — write its question text under 'label'")
                return nil
            }
            let isInfo = kind == .info
            var question = Question(id: id, kind: kind, text: label, help: text("hint", in: record), source: text("kiosk_source", in: record))
            question.isRequired = isInfo ? !Self.isNo(record["required"]) : Self.isYes(record["required"])
            question.allowsDontKnow = !Self.isNo(record["kiosk_dont_know"])
            if record["kiosk_breakdown"].isEmpty, case .singleChoice(let choices) = kind, ["gender", "sex", "kon", "kön"].contains(id),
               Set(choices.map(\.code)).isSubset(of: Breakdown.genderCodes), choices.contains(where: { $0.code == "kvinna" }), choices.contains(where: { $0.code == "man" }) {
                question.breakdown = .gender
                question.allowsDontKnow = false
                note(record, "'\(name)' became the gender breakdown that summaries are split by")
            } else if !record["kiosk_breakdown"].isEmpty {
                if let breakdown = Breakdown(rawValue: record["kiosk_breakdown"]) {
                    question.breakdown = breakdown
                    question.allowsDontKnow = false
                } else {
                    note(record, "'kiosk_breakdown' is '\(record["kiosk_breakdown"])': left out — write 'gender' or 'age_band'")
                }
            }
            if !record["kiosk_replaces"].isEmpty { question.replaces = record["kiosk_replaces"] }
            if !record["kiosk_keys"].isEmpty, question.hasChoices, !(kind.isYesNo) {
                question.keys = ChoiceKeying(rawValue: record["kiosk_keys"])
                if question.keys == nil { note(record, "'kiosk_keys' is '\(record["kiosk_keys"])': left out — write 'letters' or 'numbers'") }
            }
            if case .scale(let min, let max, _, _) = kind, !record["kiosk_labels"].isEmpty {
                let points = lists[record["kiosk_labels"]] ?? []
                if points.isEmpty { note(record, "'kiosk_labels' names the list '\(record["kiosk_labels"])', which the choices sheet does not have") }
                question.scaleLabels = points.compactMap { point in
                    guard let value = Int(point.code), (min...Swift.max(min, max)).contains(value) else {
                        note(point.record, "'\(point.code)' is not a point of the scale \(min)–\(max): left out")
                        return nil
                    }
                    return ScaleLabel(value: value, text: point.text)
                }
            }
            question.showIf = condition(for: record, id: id)
            return question
        }

        static func isIdentifying(type: String) -> Bool { XLSFormImport.identifyingTypes.contains(type) }

        static func isYes(_ text: String) -> Bool { ["yes", "true", "true()", "1", "ja"].contains(text.lowercased()) }
        static func isNo(_ text: String) -> Bool { ["no", "false", "false()", "0", "nej"].contains(text.lowercased()) }

        /// A kiosk question id from an XLSForm name, if it can be one (lowercased).
        static func questionID(_ name: String) -> String? {
            let id = name.lowercased()
            guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 40,
                  id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }),
                  !ExpressionParser.keywords.contains(id), !Answer.reservedCodes.contains(id) else { return nil }
            return id
        }

        static func isChoiceCode(_ code: String) -> Bool {
            !code.isEmpty && code.count <= 32 && !ExpressionParser.keywords.contains(code)
                && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-+".unicodeScalars.contains($0) }
        }

        mutating func readKind(_ record: Record, words: [String], id: String) -> Question.Kind? {
            let name = record["name"]
            switch words[0] {
            case "select_one", "select_multiple":
                guard words.count >= 2 else {
                    note(record, "'\(name)' does not name its list of choices ('\(words[0]) list_name'): not imported")
                    return nil
                }
                if words.count > 2 {
                    note(record, "'\(name)': '\(words.dropFirst(2).joined(separator: " "))' (an 'other, please write' box) is left out — the kiosk takes no free text here")
                }
                guard let entries = lists[words[1]], !entries.isEmpty else {
                    note(record, "'\(name)' uses the list '\(words[1])', which the choices sheet does not have: not imported")
                    return nil
                }
                var choices: [Choice] = []
                for entry in entries {
                    if Answer.reservedCodes.contains(entry.code) {
                        note(entry.record, "the choice '\(entry.code)' of '\(name)' is left out: the kiosk offers 'vill inte svara' and 'vet inte' on every question itself")
                        continue
                    }
                    guard Self.isChoiceCode(entry.code) else {
                        note(entry.record, "the choice '\(entry.code)' of '\(name)' cannot be a kiosk code (letters, digits, '_', '-', '+'): '\(name)' is not imported")
                        return nil
                    }
                    choices.append(Choice(code: entry.code, text: entry.text, score: entry.score))
                }
                if words[0] == "select_one", Set(choices.map(\.code)) == [Choice.yes, Choice.no], choices.count == 2 {
                    return .yesNo(yesScore: choices.first { $0.code == Choice.yes }?.score ?? 1, noScore: choices.first { $0.code == Choice.no }?.score ?? 0)
                }
                return words[0] == "select_one" ? .singleChoice(choices) : .multipleChoice(choices)
            case "integer", "decimal":
                if words[0] == "decimal" { note(record, "'\(name)' takes decimals in XLSForm; the kiosk takes whole numbers") }
                let (low, high) = Self.bounds(record["constraint"])
                let minimum = low ?? 0
                let maximum = high ?? max(minimum + 999, 999)
                if low == nil || high == nil {
                    let missing = [low == nil ? "lowest" : nil, high == nil ? "highest" : nil].compactMap { $0 }.joined(separator: " or ")
                    note(record, "'\(name)' has no \(missing) value in 'constraint' (such as '. >= 0 and . <= 120'); \(minimum)–\(maximum) was used — adjust 'min' and 'max' in the form")
                }
                return .number(min: minimum, max: maximum, unit: text("kiosk_unit", in: record))
            case "range":
                let parameters = Self.parameters(record["parameters"])
                let start = parameters["start"].flatMap { Int($0) } ?? 1
                let end = parameters["end"].flatMap { Int($0) } ?? 10
                if let step = parameters["step"], step != "1" { note(record, "'\(name)' moves in steps of \(step); the kiosk's scale moves in steps of 1") }
                if parameters["start"] == nil || parameters["end"] == nil { note(record, "'\(name)' does not give 'start' and 'end' in 'parameters'; XLSForm's 1 to 10 was used") }
                return .scale(min: start, max: end, minLabel: text("kiosk_min_label", in: record), maxLabel: text("kiosk_max_label", in: record))
            case "note":
                return .info
            case "text":
                let lower = name.lowercased()
                if let word = XLSFormImport.identifyingNames.first(where: { lower.contains($0) }) {
                    note(record, "'\(name)' asks for text that looks like a \(word == "namn" ? "name" : word): not imported (the kiosk stores nothing that identifies anyone)")
                    return nil
                }
                guard importer.allowFreeText else {
                    note(record, "'\(name)' is free text: not imported (use --allow-free-text to keep it as a never-exported free-text question)")
                    return nil
                }
                return .freeText
            default:
                note(record, "'\(name)' is of the type '\(record["type"])', which the kiosk has no question for: not imported")
                return nil
            }
        }

        /// `. >= 0 and . <= 120` → (0, 120); `. > 0` → (1, nil).
        static func bounds(_ constraint: String) -> (Int?, Int?) {
            let tokens = (try? XLSFormConditions.tokens(of: constraint)) ?? []
            var low: Int?, high: Int?
            var i = 0
            while i + 2 < tokens.count {
                if tokens[i] == ".", let n = Int(tokens[i + 2]) {
                    switch tokens[i + 1] {
                    case ">=": low = n
                    case ">": low = n + 1
                    case "<=": high = n
                    case "<": high = n - 1
                    default: break
                    }
                }
                i += 1
            }
            return (low, high)
        }

        /// `start=0 end=3 step=1` → [start: 0, end: 3, step: 1].
        static func parameters(_ text: String) -> [String: String] {
            var result: [String: String] = [:]
            for part in text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," }) {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces().lowercased() }
                if pair.count == 2 { result[pair[0]] = pair[1] }
            }
            return result
        }

        /// The question's condition: the kiosk's own words while `relevant` is as the kiosk wrote it,
        /// else `relevant` converted.
        mutating func condition(for record: Record, id: String) -> Condition? {
            let kiosk = record["kiosk_show_if"], relevant = record["relevant"]
            if !kiosk.isEmpty, case .success(let expression) = ExpressionParser.parse(kiosk) {
                let expected = XLSFormConditions.relevant(expression) ?? ""
                if Self.sameExpression(relevant, expected) { return Condition(source: kiosk, expression: expression) }
                if relevant.isEmpty {
                    note(record, "'relevant' of '\(id)' was emptied: the question is now always shown")
                    return nil
                }
                note(record, "'relevant' of '\(id)' was changed in the spreadsheet: it replaces the kiosk's condition")
            } else if !kiosk.isEmpty {
                note(record, "'kiosk_show_if' of '\(id)' ('\(kiosk)') is not a kiosk condition: 'relevant' is used instead")
            }
            guard !relevant.isEmpty else { return nil }
            let multiple = kinds.filter { if case .multipleChoice = $0.value { return true } else { return false } }
            let lowered = Self.lowercasingReferences(relevant)
            switch XLSFormConditions.kioskCondition(lowered, isMultiple: { multiple[$0] != nil }) {
            case .success(let text):
                guard case .success(let expression) = ExpressionParser.parse(text) else { return nil }
                let unknown = expression.references.map(\.name).filter { kinds[$0] == nil }
                guard unknown.isEmpty else {
                    note(record, "'relevant' of '\(id)' (\(relevant)) uses \(unknown.joined(separator: ", ")), which \(unknown.count == 1 ? "is" : "are") not an earlier imported question: it is always shown — add a 'show_if' by hand")
                    return nil
                }
                return Condition(source: text, expression: expression)
            case .failure(let problem):
                note(record, "'relevant' of '\(id)' (\(relevant)) cannot be converted: \(problem.reason); it is always shown — add a 'show_if' by hand")
                return nil
            }
        }

        static func sameExpression(_ a: String, _ b: String) -> Bool {
            a.split(whereSeparator: \.isWhitespace) == b.split(whereSeparator: \.isWhitespace)
        }

        /// `${Q1}` → `${q1}`: question ids are lowercase in the kiosk.
        static func lowercasingReferences(_ text: String) -> String {
            var out = ""
            var inside = false
            for c in text {
                if c == "{" && out.hasSuffix("$") { inside = true } else if c == "}" { inside = false }
                out.append(inside ? Character(c.lowercased()) : c)
            }
            return out
        }

        // MARK: Scores

        mutating func readScore(_ record: Record) {
            let name = record["name"]
            guard let id = Self.questionID(name) else {
                note(record, "the calculation '\(name)' cannot be a score id: not imported")
                return
            }
            guard let items = Self.sumItems(record["calculation"]) else {
                note(record, "the calculation '\(name)' (\(record["calculation"])) is not a sum of questions: not imported (only sums become scores)")
                return
            }
            let unscored = items.filter { item in
                switch kinds[item] {
                case .yesNo?, .singleChoice?, .multipleChoice?, .scale?: return false
                default: return true
                }
            }
            guard unscored.isEmpty else {
                note(record, "the calculation '\(name)' adds up \(unscored.joined(separator: ", ")), which \(unscored.count == 1 ? "is not an imported question" : "are not imported questions") with a score: not imported")
                return
            }
            var score = ScoreDefinition(id: id, label: text("label", in: record) ?? LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, name) })), items: items)
            let least = record["kiosk_min_answered"]
            if !least.isEmpty {
                if let n = Int(least) { score.minAnswered = n } else { note(record, "'kiosk_min_answered' of '\(name)' is not a whole number: 1 is used") }
            }
            scoreRecords.append(record)
            scores.append(score)
        }

        /// `${a} + ${b}`, `sum(${a}, ${b})` → [a, b].
        static func sumItems(_ calculation: String) -> [String]? {
            var text = calculation.replacingOccurrences(of: " ", with: "")
            if text.lowercased().hasPrefix("sum("), text.hasSuffix(")") {
                text = String(text.dropFirst(4).dropLast()).replacingOccurrences(of: ",", with: "+")
            }
            var items: [String] = []
            for part in text.split(separator: "+", omittingEmptySubsequences: false) {
                guard part.hasPrefix("${"), part.hasSuffix("}"), part.count > 3, let id = questionID(String(part.dropFirst(2).dropLast())) else { return nil }
                items.append(id)
            }
            return items.isEmpty ? nil : items
        }

        /// A choice question summed by a score, whose choices have no scores but whole-number names, scores
        /// its names (as XLSForm calculations do).
        mutating func fillInNumericScores() {
            let summed = Set(scores.flatMap(\.items))
            for index in questions.indices where summed.contains(questions[index].id) {
                let question = questions[index]
                let choices: [Choice]
                let multiple: Bool
                switch question.kind {
                case .singleChoice(let list): choices = list; multiple = false
                case .multipleChoice(let list): choices = list; multiple = true
                default: continue
                }
                guard choices.allSatisfy({ $0.score == nil }), choices.allSatisfy({ Int($0.code) != nil }) else { continue }
                let scored = choices.map { Choice(code: $0.code, text: $0.text, score: Int($0.code), location: $0.location) }
                questions[index].kind = multiple ? .multipleChoice(scored) : .singleChoice(scored)
                kinds[question.id] = questions[index].kind
                notes.append(Note(place: nil, message: "the choices of '\(question.id)' score their numbers (a score adds them up)"))
            }
        }

        // MARK: The kiosk's own sheets

        func parsedCondition(_ text: String, record: Record, what: String, notes: inout [Note]) -> Condition? {
            switch ExpressionParser.parse(text) {
            case .success(let expression): return Condition(source: text, expression: expression)
            case .failure(let error):
                notes.append(Note(place: record.place, message: "\(what) '\(text)' is not a kiosk condition (\(error.message)): not imported"))
                return nil
            }
        }

        mutating func readBands() {
            for record in workbook.sheet("bands")?.records ?? [] {
                guard let index = scores.firstIndex(where: { $0.id == record["score"] }) else {
                    note(record, "the band '\(record["name"])' is for the score '\(record["score"])', which was not imported: left out")
                    continue
                }
                guard let from = Int(record["from"]), let to = Int(record["to"]) else {
                    note(record, "the band '\(record["name"])' needs whole numbers in 'from' and 'to': left out")
                    continue
                }
                let band = ScoreBand(id: record["name"], from: from, to: to, label: text("label", in: record) ?? LocalizedText([defaultLanguage: record["name"]]))
                let when = record["when"]
                if when.isEmpty {
                    scores[index].bands.append(band)
                } else if let variant = scores[index].bandVariants.firstIndex(where: { $0.when.source == when }) {
                    scores[index].bandVariants[variant].bands.append(band)
                } else if let condition = parsedCondition(when, record: record, what: "the condition of band '\(record["name"])'", notes: &notes) {
                    scores[index].bandVariants.append(BandVariant(when: condition, bands: [band]))
                }
            }
        }

        mutating func readSupport() {
            for record in workbook.sheet("support")?.records ?? [] {
                guard let text = text("text", in: record) else {
                    note(record, "the support entry '\(record["name"])' has no text: left out")
                    continue
                }
                let genders = record["for_gender"].split(separator: " ").map(String.init)
                support.append(SupportEntry(id: record["name"], text: text, forGender: genders.isEmpty ? nil : genders))
            }
        }

        mutating func readReferrals() {
            for record in workbook.sheet("referrals")?.records ?? [] {
                let id = record["name"]
                guard let condition = parsedCondition(record["when"], record: record, what: "the condition of referral rule '\(id)'", notes: &notes) else { continue }
                guard let level = ReferralLevel(rawValue: record["level"].lowercased()) else {
                    note(record, "the referral rule '\(id)' has the level '\(record["level"])': left out — write 'urgent' or 'routine'")
                    continue
                }
                let message = text("message", in: record) ?? LocalizedText([defaultLanguage: id])
                referrals.append(ReferralRule(id: id, when: condition, level: level, message: message,
                                              support: record["support"].split(separator: " ").map(String.init)))
            }
        }

        mutating func readExamples() {
            for record in workbook.sheet("examples")?.records ?? [] {
                var answers: Answers = [:]
                for pair in Self.pairs(record["answers"]) {
                    guard let kind = kinds[pair.key] else {
                        note(record, "example '\(record["name"])' answers '\(pair.key)', which is not an imported question: that answer is left out")
                        continue
                    }
                    answers[pair.key] = Self.answer(pair.value, kind: kind)
                }
                let referrals = record["referrals"]
                var scores: [String: Int] = [:]
                for pair in Self.pairs(record["scores"]) {
                    if let n = Int(pair.value) { scores[pair.key] = n } else { note(record, "the expected score '\(pair.key)=\(pair.value)' is not a whole number: left out") }
                }
                examples.append(FormExample(
                    name: record["name"], answers: answers,
                    expectedReferrals: referrals.isEmpty ? nil : referrals == XLSFormExport.noReferrals ? [] : referrals.split(separator: " ").map(String.init),
                    expectedScores: scores, expectedBands: Dictionary(Self.pairs(record["bands"]).map { ($0.key, $0.value) }) { $1 },
                    expectedShown: record["shown"].split(separator: " ").map(String.init),
                    expectedNotShown: record["not_shown"].split(separator: " ").map(String.init)))
            }
        }

        /// `q1=yes; q2=a b` → [(q1, yes), (q2, a b)].
        static func pairs(_ text: String) -> [(key: String, value: String)] {
            text.split(separator: ";").compactMap { part in
                let pair = part.split(separator: "=", maxSplits: 1).map { String($0.trimmingSpaces()) }
                return pair.count == 2 && !pair[0].isEmpty ? (pair[0], pair[1]) : nil
            }
        }

        static func answer(_ text: String, kind: Question.Kind) -> Answer {
            switch text {
            case Answer.declinedCode: return .declined
            case Answer.dontKnowCode: return .dontKnow
            case Answer.skippedCode: return .skipped
            default: break
            }
            switch kind {
            case .multipleChoice: return .choices(text.split(separator: " ").map(String.init))
            case .scale, .number: return Int(text).map(Answer.number) ?? .choice(text)
            case .freeText: return .text(text)
            default: return .choice(text)
            }
        }

        // MARK: The form

        mutating func form(source: String, fallbackID: String) -> Questionnaire {
            let settings = self.settings
            let written = settings?["form_id"] ?? ""
            let id = Self.formID(written.isEmpty ? fallbackID : written)
            var title = settings.flatMap { text("form_title", in: $0) }
            if title == nil {
                let plain = settings?["form_title"] ?? ""
                title = LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, plain.isEmpty ? id : plain) }))
            }
            let imported = LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, "Imported from the XLSForm \(source)") }))
            let general = (settings?["kiosk_general_support"] ?? "").split(separator: " ").map(String.init)
            return Questionnaire(
                id: id, title: title ?? LocalizedText([:]), languages: languages,
                source: settings.flatMap { text("kiosk_source", in: $0) } ?? imported,
                intro: settings.flatMap { text("kiosk_intro", in: $0) },
                closing: settings.flatMap { text("kiosk_closing", in: $0) },
                staffNote: settings.flatMap { text("kiosk_staff_note", in: $0) },
                allowsFreeText: Self.isYes(settings?["kiosk_allow_free_text"] ?? "") || questions.contains { $0.kind == .freeText },
                questions: questions, scores: scores, referrals: referrals, support: support, generalSupport: general, examples: examples)
        }

        /// A form id from a name (`My Form.xlsx` → `my-form`).
        static func formID(_ name: String) -> String {
            var id = String(name.lowercased().map { c -> Character in (c.isLetter && c.isASCII) || (c.isNumber && c.isASCII) || c == "_" || c == "-" ? c : "-" })
            while let first = id.first, !(first.isLetter && first.isASCII) { id.removeFirst() }
            while id.hasSuffix("-") { id.removeLast() }
            return id.isEmpty ? "imported-form" : String(id.prefix(40))
        }
    }
}

extension Question.Kind {
    var isYesNo: Bool { if case .yesNo = self { return true } else { return false } }
}
