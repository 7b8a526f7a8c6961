import GRDB
import KioskCore

extension AnswerStore {
    /// Counts of completed interviews of one form (every version), split by gender and by `options.groupBy`,
    /// within `options.from`…`options.to`. SQLite streams the joined rows and they are counted in hash tables
    /// here (`countRows`): memory grows with the number of distinct groups, never with the number of
    /// interviews, and nothing waits for SQLite to sort every answer first as a GROUP BY would.
    /// With `byVersion`, the form version's hash comes first in every group key (for bundles).
    /// `multipleChoice` names the questions that can have several answer rows per interview: only for those
    /// is "asked" counted with a query of its own; for every other question each interview has one row,
    /// so it is the sum of the answer counts (one pass over the answers instead of two).
    public func groupedCounts(formID: String, options: SummaryOptions, byVersion: Bool = false,
                              multipleChoice: Set<String>? = nil) throws(StoreError) -> [[String]: GroupCounts] {
        let groupColumns = (byVersion ? ["i.form_hash"] : []) + options.groupBy.map(Self.sqlExpression)
        let groupSelect = groupColumns.enumerated().map { ", \($1) AS g\($0)" }.joined()
        let groupBy = groupColumns.indices.map { ", g\($0)" }.joined()
        var filter = "i.form_id = ? AND i.status = 'complete'"
        var arguments: [String] = [formID]
        if let from = options.from {
            filter += " AND i.day >= ?"
            arguments.append(from.description)
        }
        if let to = options.to {
            filter += " AND i.day <= ?"
            arguments.append(to.description)
        }
        let groupCount = groupColumns.count
        let groupList = groupColumns.map { ", \($0)" }.joined()
        func group(_ key: [String?], from start: Int) -> [String] { key[start...].map { $0 ?? "" } }
        func groupKey(_ row: Row) -> [String] { (0..<groupCount).map { row["g\($0)"] ?? "" } }
        func gender(_ row: Row) -> String { row["gender"] ?? GroupCounts.notStated }
        return try read { db in
            var groups: [[String]: GroupCounts] = [:]
            let args = StatementArguments(arguments)
            try countRows(db, sql: "SELECT i.gender\(groupList) FROM interview i WHERE \(filter)", arguments: args) { key, n in
                groups[group(key, from: 1), default: GroupCounts()].interviews[key[0] ?? GroupCounts.notStated] = n
            }
            // Answers are the bulk (one row per question per interview): they are counted here, in a hash
            // table, as SQLite streams the join. A GROUP BY would first sort every answer row, which at a
            // million interviews takes four fifths of the time (BENCHMARKS.md).
            try countRows(db, sql: """
                SELECT a.question_id, a.kind, a.value, i.gender\(groupList)
                FROM answer a JOIN interview i ON i.id = a.interview_id
                WHERE \(filter) AND a.kind != 'text'
                """, arguments: args) { key, n in
                let question = key[0] ?? ""
                let kind = key[1] ?? ""
                let answer = (kind == "choice" || kind == "number") ? (key[2] ?? "") : kind
                let gender = key[3] ?? GroupCounts.notStated
                groups[group(key, from: 4), default: GroupCounts()].answers[question, default: [:]][answer, default: [:]][gender, default: 0] += n
            }
            if let multipleChoice {
                for key in groups.keys {
                    for (question, byAnswer) in groups[key]!.answers where !multipleChoice.contains(question) {
                        var asked: [String: Int] = [:]
                        for byGender in byAnswer.values { for (g, n) in byGender { asked[g, default: 0] += n } }
                        groups[key]!.asked[question] = asked
                    }
                }
            }
            let distinctFor = multipleChoice.map { Array($0).sorted() }
            if distinctFor.map({ !$0.isEmpty }) ?? true {
                var askedFilter = filter
                var askedArguments = arguments
                if let distinctFor {
                    askedFilter += " AND a.question_id IN (" + distinctFor.map { _ in "?" }.joined(separator: ", ") + ")"
                    askedArguments += distinctFor
                }
                try forEachRow(db, sql: """
                    SELECT a.question_id AS question, i.gender AS gender\(groupSelect), COUNT(DISTINCT a.interview_id) AS n
                    FROM answer a JOIN interview i ON i.id = a.interview_id
                    WHERE \(askedFilter) GROUP BY a.question_id, i.gender\(groupBy)
                    """, arguments: StatementArguments(askedArguments)) { row in
                    groups[groupKey(row), default: GroupCounts()].asked[row["question"], default: [:]][gender(row)] = row["n"]
                }
            }
            // An interview meets each rule at most once, so counting rows counts interviews.
            try countRows(db, sql: """
                SELECT r.rule_id, i.gender\(groupList) FROM fired_rule r JOIN interview i ON i.id = r.interview_id
                WHERE \(filter)
                """, arguments: args) { key, n in
                groups[group(key, from: 2), default: GroupCounts()].referrals[key[0] ?? "", default: [:]][key[1] ?? GroupCounts.notStated] = n
            }
            // Scores are counted by value and band together: a band may depend on more than the value (a
            // cut-off that differs by gender), and an unscored score has neither.
            try countRows(db, sql: """
                SELECT s.score_id, CAST(s.value AS TEXT), s.band, i.gender\(groupList) FROM score s JOIN interview i ON i.id = s.interview_id
                WHERE \(filter)
                """, arguments: args) { key, n in
                let value = key[1] ?? GroupCounts.notScored
                let gender = key[3] ?? GroupCounts.notStated
                var counts = groups[group(key, from: 4), default: GroupCounts()]
                counts.scores[key[0] ?? "", default: [:]][value, default: [:]][gender, default: 0] += n
                if let band = key[2] { counts.bands[key[0] ?? "", default: [:]][band, default: [:]][gender, default: 0] += n }
                groups[group(key, from: 4)] = counts
            }
            return groups
        }
    }

    /// The SQL that gives an interview's value for a dimension.
    public static func sqlExpression(_ dimension: SummaryDimension) -> String {
        switch dimension {
        case .ageBand: return "COALESCE(i.age_band, '')"
        case .site: return "COALESCE(i.site, '')"
        case .period(.month): return "substr(i.day, 1, 7)"
        case .period(.quarter): return "substr(i.day, 1, 4) || '-Q' || ((CAST(substr(i.day, 6, 2) AS INTEGER) + 2) / 3)"
        case .period(.year): return "substr(i.day, 1, 4)"
        }
    }

    /// Counts the rows of `sql` by all their (text) columns together, streaming: memory grows with the number
    /// of distinct rows, not with the number of rows. Calls `body` once per distinct row with its count.
    func countRows(_ db: Database, sql: String, arguments: StatementArguments,
                   _ body: ([String?], Int) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        statement.arguments = arguments
        let width = statement.columnCount
        var counts: [[String?]: Int] = [:]
        var key = [String?](repeating: nil, count: width)
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            for index in 0..<width { key[index] = row[index] }
            counts[key, default: 0] += 1
        }
        for (key, n) in counts { try body(key, n) }
    }
}
