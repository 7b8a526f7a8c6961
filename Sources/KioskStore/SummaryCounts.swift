import GRDB
import KioskCore

extension AnswerStore {
    /// The filter of a form's completed interviews (`i`) within `options.from`…`options.to` (whole months).
    static func completedFilter(formID: String, from: Month?, to: Month?, status: String = "complete") -> (sql: String, arguments: [String]) {
        var filter = "i.form_id = ? AND i.status = '\(status)'"
        var arguments: [String] = [formID]
        if let from {
            filter += " AND i.month >= ?"
            arguments.append(from.description)
        }
        if let to {
            filter += " AND i.month <= ?"
            arguments.append(to.description)
        }
        return (filter, arguments)
    }

    /// Counts of completed interviews of one form (every version), split by gender and by `options.groupBy`,
    /// within `options.from`…`options.to`, each count with the sum of its interviews' record keys (its cell
    /// key). SQLite streams the joined rows and they are counted in hash tables here (`tallyRows`): memory
    /// grows with the number of distinct groups, never with the number of interviews.
    /// With `byVersion`, the form version's hash comes first in every group key (for bundles).
    /// `multipleChoice` names the questions that can have several answer rows per interview: only for those
    /// is "asked" counted with a query of its own; for every other question each interview has one row,
    /// so it is the sum of the answer counts (one pass over the answers instead of two).
    ///
    /// This counts from every interview row; summaries read the kept counts instead
    /// (``groupedCounts(formID:options:byVersion:multipleChoice:)``), and `kiosk doctor` checks the two agree.
    public func recountedCounts(formID: String, options: SummaryOptions, byVersion: Bool = false,
                                multipleChoice: Set<String>? = nil) throws(StoreError) -> [[String]: GroupCounts] {
        let groupColumns = (byVersion ? ["i.form_hash"] : []) + options.groupBy.map(Self.sqlExpression)
        let (filter, arguments) = Self.completedFilter(formID: formID, from: options.from, to: options.to)
        let groupList = groupColumns.map { ", \($0)" }.joined()
        func group(_ key: [String?], from start: Int) -> [String] { key[start...].map { $0 ?? "" } }
        return try read { db in
            var counts = CountsCollector()
            let args = StatementArguments(arguments)
            try tallyRows(db, sql: "SELECT i.gender\(groupList), i.record_key FROM interview i WHERE \(filter)", arguments: args) { key, n in
                counts.interviews(group(key, from: 1), gender: key[0], n)
            }
            // Answers are the bulk (one row per question per interview): counted in a hash table as SQLite
            // streams the join. A GROUP BY would first sort every answer row (BENCHMARKS.md).
            try tallyRows(db, sql: """
                SELECT a.question_id, a.kind, a.value, i.gender\(groupList), i.record_key
                FROM answer a JOIN interview i ON i.id = a.interview_id
                WHERE \(filter) AND a.kind != 'text'
                """, arguments: args) { key, n in
                counts.answer(group(key, from: 4), question: key[0] ?? "", kind: key[1] ?? "", value: key[2], gender: key[3], n)
            }
            if let multipleChoice { counts.deriveAsked(except: multipleChoice) }
            let distinctFor = multipleChoice.map { Array($0).sorted() }
            if distinctFor.map({ !$0.isEmpty }) ?? true {
                var askedFilter = filter
                var askedArguments = arguments
                if let distinctFor {
                    askedFilter += " AND a.question_id IN (" + distinctFor.map { _ in "?" }.joined(separator: ", ") + ")"
                    askedArguments += distinctFor
                }
                // One row per interview and question, however many choices it picked.
                try tallyRows(db, sql: """
                    SELECT DISTINCT a.question_id, i.gender\(groupList), i.record_key, i.id
                    FROM answer a JOIN interview i ON i.id = a.interview_id
                    WHERE \(askedFilter)
                    """, arguments: StatementArguments(askedArguments), dropLast: 1) { key, n in
                    counts.asked(group(key, from: 2), question: key[0] ?? "", gender: key[1], n)
                }
            }
            // An interview meets each rule at most once, so counting rows counts interviews.
            try tallyRows(db, sql: """
                SELECT r.rule_id, i.gender\(groupList), i.record_key FROM fired_rule r JOIN interview i ON i.id = r.interview_id
                WHERE \(filter)
                """, arguments: args) { key, n in
                counts.referral(group(key, from: 2), rule: key[0] ?? "", gender: key[1], n)
            }
            // Scores by value and band together: a band may depend on more than the value (a cut-off that
            // differs by gender), and an unscored score has neither.
            try tallyRows(db, sql: """
                SELECT s.score_id, CAST(s.value AS TEXT), s.band, i.gender\(groupList), i.record_key
                FROM score s JOIN interview i ON i.id = s.interview_id
                WHERE \(filter)
                """, arguments: args) { key, n in
                counts.score(group(key, from: 4), score: key[0] ?? "", value: key[1], band: key[2], gender: key[3], n)
            }
            // Coverage: interviews started and not finished, and the times the questions were not asked.
            let aborted = Self.completedFilter(formID: formID, from: options.from, to: options.to, status: "aborted")
            try tallyRows(db, sql: "SELECT i.gender\(groupList), i.record_key FROM interview i WHERE \(aborted.sql)",
                          arguments: StatementArguments(aborted.arguments)) { key, n in
                counts.unfinished(group(key, from: 1), gender: key[0], n)
            }
            let notAskedColumns = (byVersion ? ["''"] : []) + options.groupBy.map(Self.notAskedExpression)
            let (notAskedFilter, notAskedArguments) = Self.notAskedFilter(formID: formID, from: options.from, to: options.to)
            try tallyRows(db, sql: """
                SELECT n.reason, n.gender\(notAskedColumns.map { ", \($0)" }.joined()), n.record_key FROM not_asked n WHERE \(notAskedFilter)
                """, arguments: StatementArguments(notAskedArguments)) { key, n in
                counts.notAsked(group(key, from: 2), reason: key[0] ?? "", gender: key[1], n)
            }
            return counts.groups
        }
    }

    static func notAskedFilter(formID: String, from: Month?, to: Month?) -> (String, [String]) {
        var filter = "n.form_id = ?"
        var arguments = [formID]
        if let from { filter += " AND n.month >= ?"; arguments.append(from.description) }
        if let to { filter += " AND n.month <= ?"; arguments.append(to.description) }
        return (filter, arguments)
    }

    /// The SQL that gives an interview's value for a dimension.
    public static func sqlExpression(_ dimension: SummaryDimension) -> String {
        switch dimension {
        case .ageBand: return "CASE WHEN i.age_band = 'dont_know' THEN '' ELSE COALESCE(i.age_band, '') END"
        case .site: return "COALESCE(i.site, '')"
        case .organisation: return "COALESCE(i.organisation, '')"
        case .language: return "COALESCE(i.language, '')"
        case .period(.month): return "i.month"
        case .period(.quarter): return "substr(i.month, 1, 4) || '-Q' || ((CAST(substr(i.month, 6, 2) AS INTEGER) + 2) / 3)"
        case .period(.year): return "substr(i.month, 1, 4)"
        }
    }

    /// The same for a not-asked record (which has no age band).
    static func notAskedExpression(_ dimension: SummaryDimension) -> String {
        switch dimension {
        case .ageBand: return "''"
        case .site: return "COALESCE(n.site, '')"
        case .organisation: return "COALESCE(n.organisation, '')"
        case .language: return "''"
        case .period(.month): return "n.month"
        case .period(.quarter): return "substr(n.month, 1, 4) || '-Q' || ((CAST(substr(n.month, 6, 2) AS INTEGER) + 2) / 3)"
        case .period(.year): return "substr(n.month, 1, 4)"
        }
    }

    /// Tallies the rows of `sql` by all their columns but the record key (the last), streaming: memory grows
    /// with the number of distinct rows, not with the number of rows. `dropLast` more columns at the end
    /// (before the key) only make rows distinct and are not part of the group. Calls `body` once per group.
    func tallyRows(_ db: Database, sql: String, arguments: StatementArguments, dropLast: Int = 0,
                   _ body: ([String?], Tally) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        statement.arguments = arguments
        let keyColumn = statement.columnCount - 1 - dropLast
        var tallies: [[String?]: Tally] = [:]
        var key = [String?](repeating: nil, count: keyColumn)
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            for index in 0..<keyColumn { key[index] = row[index] }
            let recordKey: Int64 = row[keyColumn] ?? 0
            tallies[key, default: .zero] += .one(UInt32(truncatingIfNeeded: recordKey))
        }
        for (key, tally) in tallies { try body(key, tally) }
    }

    /// Counts the rows of `sql` by all their (text) columns together, streaming (for sizes that are not
    /// published: the k-anonymity of row exports).
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
