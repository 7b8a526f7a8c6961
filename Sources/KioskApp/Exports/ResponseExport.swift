import Foundation
import KioskCore
import KioskStore

/// The row-level anonymized export: one row per completed interview, with coarse breakdowns and answer
/// codes only, fresh random row ids and a fresh random order every time, and k-anonymity on the
/// breakdowns (coarsened until every combination has at least K interviews, or refused).
public enum ResponseExport {
    /// Breakdowns to try, finest first; gender is always kept.
    static let coarsening: [[SummaryDimension]] = [
        [.ageBand, .site, .period(.quarter)],
        [.ageBand, .period(.quarter)],
        [.ageBand, .period(.year)],
        [.ageBand],
        [],
    ]

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
    public static func breakdowns(formID: String, store: AnswerStore, minimum: Int, from: Day?, to: Day?) throws -> [SummaryDimension] {
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

    /// Writes the export as CSV or JSON to `file`; `progress` is told the row count now and then.
    public static func write(form: Questionnaire, store: AnswerStore, format: String, minimum: Int, from: Day?, to: Day?,
                             to file: ExportFile, progress: (Int) -> Void) throws -> Summary {
        var dimensions = try breakdowns(formID: form.id, store: store, minimum: minimum, from: from, to: to)
        // A form without an age question has nothing to put in that column.
        if form.breakdownQuestion(.ageBand) == nil { dimensions.removeAll { $0 == .ageBand } }
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
                case .period(let period): values.append(response.day.map { SummaryDimension.period(period, of: $0) } ?? "")
                }
            }
            for id in questionIDs {
                let stored = response.answers[id] ?? form.question(id)?.replaces.flatMap { response.answers[$0] }
                values.append(answerCode(stored, question: form.question(id)))
            }
            for id in scoreIDs { values.append(response.scores[id].map(String.init) ?? "") }
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

    /// One answer as an export code: the choice code(s), a number band, or the reserved answer; empty when not asked.
    static func answerCode(_ stored: [(kind: String, value: String)]?, question: Question?) -> String {
        guard let stored, let first = stored.first else { return "" }
        switch first.kind {
        case "choice": return stored.map(\.value).sorted().joined(separator: "|")
        case "number":
            guard let n = Int(first.value) else { return "" }
            if case .number(let low, let high, _)? = question?.kind {
                return SummaryReport.numberBands(low: low, high: high).first { $0.range.contains(n) }?.key ?? first.value
            }
            return first.value
        case "text": return ""
        default: return first.kind
        }
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
