import Crypto
import Foundation
import KioskCore
import KioskStore

/// The row-level anonymized export: one row per completed interview, with coarse breakdowns and answer
/// codes only, for whole months, fresh random row ids and a fresh random order every time, and:
/// - k-anonymity on the breakdowns: coarsened until every combination has at least K interviews, or refused;
/// - answers changed at random (post-randomization, PRAM): each answer is, with a small chance, replaced by
///   another of the question's answers, decided by the interview's record key — the same way in every
///   export, so nothing averages out. No row is anyone's true answers, and no count taken from the rows
///   is exact; counts should be taken from summaries;
/// - the release log: an export whose interviews differ from an earlier publication's by fewer than K is
///   refused.
public enum ResponseExport {
    /// Breakdowns to try, finest first; gender is always kept.
    static let coarsening: [[SummaryDimension]] = [
        [.ageBand, .site, .period(.quarter)],
        [.ageBand, .period(.quarter)],
        [.ageBand, .period(.year)],
        [.ageBand],
        [],
    ]

    /// The share of answers replaced by another answer.
    public static let changeShare = 0.2

    /// Why the export cannot be made.
    public struct Refusal: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// What the export contains, for the closing message.
    public struct Summary: Sendable {
        public var rows: Int
        public var breakdowns: [SummaryDimension]
        public var coarsened: Bool
    }

    /// The finest breakdowns whose every combination (with gender) has at least `minimum` interviews.
    public static func breakdowns(formID: String, store: AnswerStore, minimum: Int, from: Month?, to: Month?) throws -> [SummaryDimension] {
        for dimensions in coarsening {
            let sizes = try store.combinationSizes(formID: formID, dimensions: dimensions, from: from, to: to)
            if sizes.values.allSatisfy({ $0 >= minimum }) { return dimensions }
            if dimensions.isEmpty {
                let small = sizes.filter { $0.value < minimum }.keys.map { $0.first ?? "" }.sorted()
                throw Refusal(message: "no row-level export: fewer than \(minimum) completed interviews have the gender \(small.map { "'\($0)'" }.joined(separator: ", ")), so even rows with gender alone could point out a person; use 'kiosk export summary' instead, or wait for more interviews")
            }
        }
        return []
    }

    /// Writes the export as CSV or JSON to `file`, after checking it against the release log and noting it
    /// there; `progress` is told the row count now and then.
    public static func write(form: Questionnaire, store: AnswerStore, format: String, minimum: Int, from: Month?, to: Month?,
                             to file: ExportFile, language: Language = .english, day: Day = Day.today(),
                             progress: (Int) -> Void) throws -> Summary {
        var dimensions = try breakdowns(formID: form.id, store: store, minimum: minimum, from: from, to: to)
        // A form without an age question has nothing to put in that column.
        if form.breakdownQuestion(.ageBand) == nil { dimensions.removeAll { $0 == .ageBand } }
        try Releases.publish(kind: "responses", formID: form.id, split: Releases.split(dimensions),
                             months: try store.monthlyRowCounts(formID: form.id, from: from, to: to), store: store,
                             minimum: minimum, language: language, day: day, auditDetail: "responses \(form.id) \(format)")
        var questionIDs = form.questions.filter { question in
            guard question.takesAnswer, question.breakdown == nil else { return false }
            if case .freeText = question.kind { return false }
            return true
        }.map(\.id)
        // Questions a later version removed stay in exports of old data; renamed ones fill the new column.
        let replaced = Dictionary(form.questions.compactMap { q in q.replaces.map { ($0, q.id) } }, uniquingKeysWith: { a, _ in a })
        for id in try store.answeredQuestionIDs(formID: form.id) where !questionIDs.contains(id) && form.question(id) == nil && replaced[id] == nil {
            questionIDs.append(id)
        }
        let scoreIDs = form.scores.map(\.id)
        let header = ["row_id", "gender"] + dimensions.map(\.description) + questionIDs + scoreIDs.map { "score_\($0)" }
        var rows = 0
        var random = SystemRandomNumberGenerator()
        if format == "json" { try file.write("[\n") } else { try file.write(csvLine(header)) }
        try store.forEachResponse(formID: form.id, from: from, to: to) { response in
            var values = [String(format: "%08x", UInt32.random(in: 0...UInt32.max, using: &random)), response.gender]
            for dimension in dimensions {
                switch dimension {
                case .ageBand: values.append(response.ageBand)
                case .site: values.append(response.site)
                case .organisation: values.append(response.organisation)
                // Rows never carry the language (`export responses` refuses the split): with a site and a
                // month it would point out the few who answered in a rare language.
                case .language: values.append("")
                case .period(let period): values.append(response.month.map { SummaryDimension.period(period, of: $0) } ?? "")
                }
            }
            var changed: Answers = [:]
            for id in questionIDs {
                let stored = response.answers[id] ?? form.question(id)?.replaces.flatMap { response.answers[$0] }
                let question = form.question(id)
                let answer = perturbed(AnswerStore.answer(from: stored ?? [], multiple: (stored?.count ?? 0) > 1), of: question,
                                       questionID: id, recordKey: response.recordKey)
                if let answer, question != nil { changed[id] = answer }
                values.append(answerCode(answer, question: question))
            }
            // Scores are worked out from the changed answers, so they do not give the true ones away.
            let assessment = form.assess(changed)
            for id in scoreIDs { values.append(assessment.score(id)?.value.map(String.init) ?? "") }
            if format == "json" {
                let object = zip(header, values).map { "\(jsonString($0)): \(jsonString($1))" }.joined(separator: ", ")
                try file.write((rows == 0 ? "  {" : ",\n  {") + object + "}")
            } else {
                try file.write(csvLine(values))
            }
            rows += 1
            if rows % 1000 == 0 { progress(rows) }
        }
        if format == "json" { try file.write(rows == 0 ? "]\n" : "\n]\n") }
        let finest = coarsening[0].filter { $0 != .ageBand || form.breakdownQuestion(.ageBand) != nil }
        return Summary(rows: rows, breakdowns: dimensions, coarsened: dimensions != finest)
    }

    /// The closing line of an export, in `language`.
    public static func note(_ summary: Summary, output: String, minimum: Int, language: Language) -> String {
        var note = Phrasebook(language).text("export.wrote_rows", ["rows": "\(summary.rows)"])
        if output != "-" { note += Phrasebook(language).text("export.to_file", ["output": "\(output)"]) }
        note += (Phrasebook(language).text("export.breakdowns")) + summary.breakdowns.map { ", \($0)" }.joined()
        if summary.coarsened {
            note += Phrasebook(language).text("export.coarsened", ["minimum": "\(minimum)"])
        }
        note += Phrasebook(language).text("export.randomised", ["value": "\(Int(changeShare * 100))"])
        return note
    }

    /// Two numbers from 0 up to 1 that an interview's record key gives for one question, the same every time.
    static func uniforms(recordKey: UInt32, questionID: String) -> (Double, Double) {
        let digest = SHA256.hash(data: Data("\(recordKey):\(questionID)".utf8))
        let bytes = Array(digest)
        func unit(_ offset: Int) -> Double {
            var value: UInt32 = 0
            for i in 0..<4 { value = value << 8 | UInt32(bytes[offset + i]) }
            return Double(value) / 4_294_967_296.0
        }
        return (unit(0), unit(4))
    }

    /// `answer`, or — with the chance ``changeShare`` — another answer the question can have.
    static func perturbed(_ answer: Answer?, of question: Question?, questionID: String, recordKey: UInt32) -> Answer? {
        guard let answer, let question, answer != .skipped else { return answer }
        let (change, pick) = uniforms(recordKey: recordKey, questionID: questionID)
        guard change < changeShare else { return answer }
        var others: [Answer] = []
        switch question.kind {
        case .yesNo, .singleChoice:
            others = question.choices.map { Answer.choice($0.code) }
        case .multipleChoice(let choices):
            // Each choice picked or not, turned over with the same chance.
            var codes = Set(answer.choiceCodes)
            for (index, choice) in choices.enumerated() {
                let (flip, _) = uniforms(recordKey: recordKey, questionID: "\(questionID)#\(index)")
                if flip < changeShare { if codes.contains(choice.code) { codes.remove(choice.code) } else { codes.insert(choice.code) } }
            }
            return codes.isEmpty ? .declined : .choices(choices.map(\.code).filter(codes.contains))
        case .scale(let low, let high, _, _), .number(let low, let high, _):
            let span = max(0, high - low)
            return .number(low + min(span, Int(pick * Double(span + 1))))
        case .info, .freeText:
            return answer
        }
        others.append(.declined)
        if question.allowsDontKnow { others.append(.dontKnow) }
        others.removeAll { $0 == answer }
        guard !others.isEmpty else { return answer }
        return others[min(others.count - 1, Int(pick * Double(others.count)))]
    }

    /// One answer as an export code: the choice code(s), a number band, or the reserved answer; empty when not asked.
    static func answerCode(_ answer: Answer?, question: Question?) -> String {
        guard let answer else { return "" }
        switch answer {
        case .choice(let code): return code
        case .choices(let codes): return codes.sorted().joined(separator: "|")
        case .number(let n):
            if case .number(let low, let high, _)? = question?.kind {
                return SummaryReport.numberBands(low: low, high: high).first { $0.range.contains(n) }?.key ?? String(n)
            }
            return String(n)
        case .text: return ""
        case .declined: return Answer.declinedCode
        case .dontKnow: return Answer.dontKnowCode
        case .skipped: return Answer.skippedCode
        }
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { csvField($0) }.joined(separator: ",") + "\r\n"
    }

    static func jsonString(_ text: String) -> String {
        "\"" + escaping(text) { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: scalar.value < 0x20 ? fourDigitEscape(scalar, uppercase: false) : nil
            }
        } + "\""
    }
}
