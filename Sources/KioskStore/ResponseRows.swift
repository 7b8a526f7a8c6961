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
            try forEachRow(db, sql: "SELECT \(select), COUNT(*) AS n FROM interview i WHERE \(filter) GROUP BY \(groupBy)",
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
            try db.execute(sql: "CREATE TEMP TABLE export_order (shuffle INTEGER, id TEXT)")
            try db.execute(sql: "INSERT INTO temp.export_order SELECT random(), i.id FROM interview i WHERE \(filter)",
                           arguments: StatementArguments(arguments))
            try db.execute(sql: "CREATE INDEX temp.export_order_by_shuffle ON export_order(shuffle)")
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.export_order") }
            let interviews = try Row.fetchCursor(db, sql: """
                SELECT i.id AS id, CASE WHEN i.gender IN ('kvinna', 'man', 'annan', 'declined') THEN i.gender ELSE 'not_stated' END AS gender,
                       CASE WHEN i.age_band = 'dont_know' THEN '' ELSE COALESCE(i.age_band, '') END AS age_band,
                       COALESCE(i.site, '') AS site, i.month AS month, i.record_key AS record_key
                FROM temp.export_order o JOIN interview i ON i.id = o.id ORDER BY o.shuffle
                """)
            let answers = try db.makeStatement(sql: "SELECT question_id, kind, value FROM answer WHERE interview_id = ?")
            let scores = try db.makeStatement(sql: "SELECT score_id, value FROM score WHERE interview_id = ?")
            while let interview = try interviews.next() {
                let id: String = interview["id"]
                var row = ResponseRow(gender: interview["gender"], ageBand: interview["age_band"], site: interview["site"],
                                      month: Month(interview["month"] as String),
                                      recordKey: UInt32(truncatingIfNeeded: interview["record_key"] as Int64), answers: [:], scores: [:])
                let answerRows = try Row.fetchCursor(answers, arguments: [id])
                while let answer = try answerRows.next() {
                    row.answers[answer["question_id"], default: []].append((answer["kind"], answer["value"]))
                }
                let scoreRows = try Row.fetchCursor(scores, arguments: [id])
                while let score = try scoreRows.next() { row.scores[score["score_id"]] = score["value"] }
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
            try String.fetchAll(db, sql: """
                SELECT DISTINCT a.question_id FROM answer a JOIN interview i ON i.id = a.interview_id
                WHERE i.form_id = ? AND i.status = 'complete' ORDER BY a.question_id
                """, arguments: [formID])
        }
    }
}
