/// Counts of completed interviews per question and answer, split by gender.
///
/// Swedish public statistics about people are split by sex (förordning 2001:100, 14 §), so every
/// count here is given per gender column, with a total.
public struct Summary: Sendable, Hashable, Codable {
    /// A gender column: a code (`kvinna`, `man`, `annan`, `declined`, `not_stated`) and its label.
    public struct Column: Sendable, Hashable, Codable {
        public var key: String
        public var label: String
    }

    /// One answer of one question, with counts per column.
    public struct Row: Sendable, Hashable, Codable {
        /// The choice code, number, or reserved answer (`declined`, `dont_know`, `skipped`, `not_asked`).
        public var key: String
        public var label: String
        /// Counts per column key.
        public var counts: [String: Int]
        public var total: Int
    }

    /// One question with its answer rows.
    public struct QuestionCounts: Sendable, Hashable, Codable {
        public var id: String
        public var text: String
        public var rows: [Row]
    }

    /// The version of this JSON layout (see README, "Summary JSON"); raised when it changes.
    public var schemaVersion = 1
    public var formID: String
    public var title: String
    public var language: Language
    public var columns: [Column]
    /// Completed interviews per column key.
    public var interviews: [String: Int]
    public var totalInterviews: Int
    public var questions: [QuestionCounts]
    /// Per referral rule: interviews in which it fired.
    public var referrals: [Row]
    /// Whether the form has a gender question (if not, all counts fall under "not stated").
    public var hasGenderBreakdown: Bool

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case formID = "form_id"
        case title, language, columns, interviews
        case totalInterviews = "total_interviews"
        case questions, referrals
        case hasGenderBreakdown = "has_gender_breakdown"
    }

    /// The column key for interviews whose gender is not stated (no answer, or no gender question).
    public static let notStated = "not_stated"
    /// The row key for interviews that were not shown a question.
    public static let notAsked = "not_asked"
}

extension Summary {
    /// Builds a summary of `form` from counts read from the store. `counts` are keyed by gender value
    /// (`nil` when not stated). Answers the current form no longer has are kept, labelled by their code,
    /// so editing a form never drops old data.
    public init(
        form: Questionnaire, language requested: Language,
        interviews: [String?: Int], asked: [String: [String?: Int]],
        answers: [String: [String: [String?: Int]]], referrals: [String: [String?: Int]]
    ) {
        let language = form.language(closestTo: requested)
        let phrases = Phrasebook(language)
        let genderQuestion = form.breakdownQuestion(.gender)
        var columns: [Column] = Breakdown.genderCodes.map { code in
            Column(key: code, label: genderQuestion?.choice(code)?.text.text(in: language) ?? code)
        }
        columns.append(Column(key: Answer.declinedCode, label: phrases.declinedLabel))
        columns.append(Column(key: Self.notStated, label: phrases.notStatedLabel))
        let columnKeys = Set(columns.map(\.key))
        func column(_ gender: String?) -> String {
            guard let gender, columnKeys.contains(gender) else { return Self.notStated }
            return gender
        }
        func byColumn(_ counts: [String?: Int]) -> [String: Int] {
            var result: [String: Int] = [:]
            for (gender, n) in counts { result[column(gender), default: 0] += n }
            return result
        }

        let interviewsByColumn = byColumn(interviews)
        let total = interviewsByColumn.values.reduce(0, +)

        var questionCounts: [QuestionCounts] = []
        for question in form.questions where question.takesAnswer {
            if case .freeText = question.kind { continue }
            let given = answers[question.id] ?? [:]
            var keys: [(key: String, label: String)] = []
            switch question.kind {
            case .yesNo, .singleChoice, .multipleChoice:
                keys = question.choices.map { ($0.code, $0.text.text(in: language)) }
            case .scale(let min, let max, _, _):
                keys = (min...Swift.max(min, max)).map { (String($0), String($0)) }
            case .number:
                keys = given.keys.compactMap { Int($0) }.sorted().map { (String($0), String($0)) }
            case .info, .freeText:
                break
            }
            for key in given.keys.sorted() where !keys.contains(where: { $0.key == key }) && !Answer.reservedCodes.contains(key) {
                keys.append((key, key))
            }
            keys.append((Answer.declinedCode, phrases.declinedLabel))
            if question.allowsDontKnow || given[Answer.dontKnowCode] != nil {
                keys.append((Answer.dontKnowCode, phrases.dontKnowLabel))
            }
            if !question.isRequired || given[Answer.skippedCode] != nil {
                keys.append((Answer.skippedCode, phrases.skippedLabel))
            }
            var rows = keys.map { key, label -> Row in
                let counts = byColumn(given[key] ?? [:])
                return Row(key: key, label: label, counts: counts, total: counts.values.reduce(0, +))
            }
            let askedCounts = byColumn(asked[question.id] ?? [:])
            var notAsked: [String: Int] = [:]
            for (key, n) in interviewsByColumn { notAsked[key] = n - (askedCounts[key] ?? 0) }
            let notAskedTotal = notAsked.values.reduce(0, +)
            if question.showIf != nil || notAskedTotal > 0 {
                rows.append(Row(key: Self.notAsked, label: phrases.notAskedLabel,
                                counts: notAsked, total: notAskedTotal))
            }
            questionCounts.append(QuestionCounts(id: question.id, text: question.text.text(in: language), rows: rows))
        }

        let referralRows = form.referrals.map { rule -> Row in
            let counts = byColumn(referrals[rule.id] ?? [:])
            return Row(key: rule.id, label: rule.id, counts: counts, total: counts.values.reduce(0, +))
        }

        self.init(
            schemaVersion: 1, formID: form.id, title: form.title.text(in: language), language: language, columns: columns,
            interviews: interviewsByColumn, totalInterviews: total, questions: questionCounts,
            referrals: referralRows, hasGenderBreakdown: genderQuestion != nil)
    }
}
