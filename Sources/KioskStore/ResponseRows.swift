import GRDB
import KioskCore

/// One completed interview as exported row by row: coarse breakdowns and answer codes, nothing else.
public struct ResponseRow: Sendable {
    public var gender: String
    public var ageBand: String
    public var site: String
    public var organisation: String = ""
    public var month: Month?
    /// The interview's record key: it decides, the same way every time, which answers the export changes.
    public var recordKey: UInt32
    /// Question id → stored answer rows (kind, value).
    public var answers: [String: [(kind: String, value: String)]]
    /// Score id → value.
    public var scores: [String: Int]
}

extension AnswerStore {
    /// How many completed interviews share each combination of the given breakdowns (for k-anonymity).
    /// Each dimension is read as `SummaryDimension` SQL; the gender is always part of the combination.
    public func combinationSizes(formID: String, dimensions: [SummaryDimension], from: Month?, to: Month?) throws(StoreError) -> [[String]: Int] {
        let expressions = ["CASE WHEN i.gender IN ('kvinna', 'man', 'annan', 'declined') THEN i.gender ELSE 'not_stated' END"]
            + dimensions.map(Self.sqlExpression)
        let select = expressions.enumerated().map { "\($1) AS d\($0)" }.joined(separator: ", ")
        let groupBy = expressions.indices.map { "d\($0)" }.joined(separator: ", ")
        let (filter, arguments) = Self.completedFilter(formID: formID, from: from, to: to)
        return try read { db in
            var sizes: [[String]: Int] = [:]
            try forEachRow(db, sql: """
                SELECT \(select), COUNT(*) AS n FROM interview i JOIN form_version v ON v.id = i.version WHERE \(filter) GROUP BY \(groupBy)
                """,
                           arguments: StatementArguments(arguments)) { row in
                sizes[expressions.indices.map { row["d\($0)"] ?? "" }] = row["n"]
            }
            return sizes
        }
    }

    /// Streams the completed interviews of a form in a random order (so two exports cannot be lined up),
    /// one at a time, to `body`. Memory stays flat however many there are.
    public func forEachResponse(formID: String, from: Month?, to: Month?, _ body: (ResponseRow) throws -> Void) throws {
        let (filter, arguments) = Self.completedFilter(formID: formID, from: from, to: to)
        // A random key per interview, for this export only, decides the order.
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE IF EXISTS temp.export_order")
            try db.execute(sql: "CREATE TEMP TABLE export_order (shuffle INTEGER, id BLOB)")
            try db.execute(sql: "INSERT INTO temp.export_order SELECT random(), i.id FROM interview i JOIN form_version v ON v.id = i.version WHERE \(filter)",
                           arguments: StatementArguments(arguments))
            try db.execute(sql: "CREATE INDEX temp.export_order_by_shuffle ON export_order(shuffle)")
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.export_order") }
            try Self.forEachStoredInterview(db, source: "temp.export_order o JOIN interview i ON i.id = o.id", where: "1",
                                            orderBy: "o.shuffle") { interview, _ in
                let gender = interview.gender.flatMap { ["kvinna", "man", "annan", "declined"].contains($0) ? $0 : nil } ?? "not_stated"
                var row = ResponseRow(gender: gender, ageBand: interview.ageBand == "dont_know" ? "" : interview.ageBand ?? "",
                                      site: interview.site ?? "", month: Month(interview.month),
                                      recordKey: UInt32(truncatingIfNeeded: interview.recordKey), answers: [:], scores: [:])
                for answer in interview.answers { row.answers[answer.question, default: []].append((answer.kind, answer.value)) }
                for score in interview.results.scores { if let value = score.value { row.scores[score.id] = value } }
                try body(row)
            }
        }
    }
}

extension AnswerStore {
    /// Every question id with stored answers for a form's completed interviews (also of questions a
    /// later form version no longer has).
    public func answeredQuestionIDs(formID: String) throws(StoreError) -> [String] {
        try read { db in
            var questions = Set<String>()
            try Self.forEachStoredInterview(db, where: "v.form_id = ? AND i.status = 'complete'", arguments: [formID]) { interview, _ in
                for answer in interview.answers { questions.insert(answer.question) }
            }
            return questions.sorted()
        }
    }
}
