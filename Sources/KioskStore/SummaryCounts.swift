import GRDB
import KioskCore

extension AnswerStore {
    /// Counts of completed interviews of one form (every version), split by gender and by `options.groupBy`,
    /// within `options.from`…`options.to`. The database does the counting (GROUP BY), reading rows as a
    /// stream, so memory does not grow with the number of interviews.
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
        func groupKey(_ row: Row) -> [String] { (0..<groupCount).map { row["g\($0)"] ?? "" } }
        func gender(_ row: Row) -> String { row["gender"] ?? GroupCounts.notStated }
        return try read { db in
            var groups: [[String]: GroupCounts] = [:]
            let args = StatementArguments(arguments)
            try forEachRow(db, sql: """
                SELECT i.gender AS gender\(groupSelect), COUNT(*) AS n FROM interview i
                WHERE \(filter) GROUP BY i.gender\(groupBy)
                """, arguments: args) { row in
                groups[groupKey(row), default: GroupCounts()].interviews[gender(row)] = row["n"]
            }
            try forEachRow(db, sql: """
                SELECT a.question_id AS question, a.kind AS kind, a.value AS value, i.gender AS gender\(groupSelect), COUNT(*) AS n
                FROM answer a JOIN interview i ON i.id = a.interview_id
                WHERE \(filter) AND a.kind != 'text'
                GROUP BY a.question_id, a.kind, a.value, i.gender\(groupBy)
                """, arguments: args) { row in
                let kind: String = row["kind"]
                let key: String = (kind == "choice" || kind == "number") ? row["value"] : kind
                groups[groupKey(row), default: GroupCounts()].answers[row["question"], default: [:]][key, default: [:]][gender(row), default: 0] += row["n"] as Int
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
            // A completed interview has at most one referral per rule, so COUNT(*) counts interviews.
            try forEachRow(db, sql: """
                SELECT r.rule_id AS rule, i.gender AS gender\(groupSelect), COUNT(*) AS n
                FROM referral r JOIN interview i ON i.id = r.interview_id
                WHERE \(filter) GROUP BY r.rule_id, i.gender\(groupBy)
                """, arguments: args) { row in
                groups[groupKey(row), default: GroupCounts()].referrals[row["rule"], default: [:]][gender(row)] = row["n"]
            }
            try forEachRow(db, sql: """
                SELECT s.score_id AS score, s.value AS value, i.gender AS gender\(groupSelect), COUNT(*) AS n
                FROM score s JOIN interview i ON i.id = s.interview_id
                WHERE \(filter) GROUP BY s.score_id, s.value, i.gender\(groupBy)
                """, arguments: args) { row in
                let value: Int = row["value"]
                groups[groupKey(row), default: GroupCounts()].scores[row["score"], default: [:]][String(value), default: [:]][gender(row)] = row["n"]
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
}
