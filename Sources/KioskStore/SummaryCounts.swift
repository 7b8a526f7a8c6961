import GRDB
import KioskCore

extension AnswerStore {
    /// The filter of a form's completed interviews (`i`, with their form version `v`) within `options.from`…`options.to` (whole months).
    static func completedFilter(formID: String, from: Month?, to: Month?, status: String = "complete") -> (sql: String, arguments: [String]) {
        var filter = "v.form_id = ? AND i.status = '\(status)'"
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
    /// key), counted from every interview row: SQLite streams the rows, their packed answers are read and
    /// counted in hash tables here, so memory grows with the number of groups, never with the number of
    /// interviews. With `byVersion`, the form version's hash comes first in every group key (for bundles).
    /// `multipleChoice` names the questions that can have several answers per interview: "asked" of the
    /// others is then the sum of their answer counts (as ``groupedCounts(formID:options:byVersion:multipleChoice:)``
    /// gives it).
    ///
    /// Summaries read the kept counts instead; `kiosk doctor` checks the two agree.
    public func recountedCounts(formID: String, options: SummaryOptions, byVersion: Bool = false,
                                multipleChoice: Set<String>? = nil) throws(StoreError) -> [[String]: GroupCounts] {
        let groupColumns = (byVersion ? ["v.hash"] : []) + options.groupBy.map(Self.sqlExpression)
        let (filter, arguments) = Self.completedFilter(formID: formID, from: options.from, to: options.to)
        let (abortedFilter, _) = Self.completedFilter(formID: formID, from: options.from, to: options.to, status: "aborted")
        return try read { db in
            var counts = CountsCollector()
            // Completed and aborted interviews in one pass; the filters differ only in the status.
            let either = "(\(filter)) OR (\(abortedFilter))"
            try Self.forEachStoredInterview(db, where: either, arguments: StatementArguments(arguments + arguments),
                                            extra: groupColumns) { interview, row in
                let group = groupColumns.indices.map { (row[Self.extraStart + $0] as String?) ?? "" }
                let one = Tally.one(UInt32(truncatingIfNeeded: interview.recordKey))
                let gender = interview.gender
                if interview.status == "aborted" {
                    counts.unfinished(group, gender: gender, one)
                    return
                }
                counts.interviews(group, gender: gender, one)
                var asked = Set<String>()
                for answer in interview.answers {
                    if asked.insert(answer.question).inserted, multipleChoice?.contains(answer.question) ?? true {
                        counts.asked(group, question: answer.question, gender: gender, one)
                    }
                    if answer.kind != "text" {
                        counts.answer(group, question: answer.question, kind: answer.kind, value: answer.value, gender: gender, one)
                    }
                }
                // An interview meets each rule at most once, so counting rules counts interviews.
                for rule in Set(interview.results.fired) { counts.referral(group, rule: rule, gender: gender, one) }
                // Scores by value and band together: a band may depend on more than the value (a cut-off that
                // differs by gender), and an unscored score has neither.
                for score in interview.results.scores {
                    counts.score(group, score: score.id, value: score.value.map(String.init), band: score.band, gender: gender, one)
                }
            }
            if let multipleChoice { counts.deriveAsked(except: multipleChoice) }
            // Coverage: the times the questions were not asked.
            let notAskedColumns = (byVersion ? ["''"] : []) + options.groupBy.map(Self.notAskedExpression)
            let (notAskedFilter, notAskedArguments) = Self.notAskedFilter(formID: formID, from: options.from, to: options.to)
            try tallyRows(db, sql: """
                SELECT n.reason, n.gender\(notAskedColumns.map { ", \($0)" }.joined()), n.record_key FROM not_asked n WHERE \(notAskedFilter)
                """, arguments: StatementArguments(notAskedArguments)) { key, n in
                counts.notAsked(Array(key[2...].map { $0 ?? "" }), reason: key[0] ?? "", gender: key[1], n)
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
        // Labels are stored as numbers.
        case .site: return "COALESCE((SELECT text FROM label WHERE id = i.site), '')"
        case .organisation: return "COALESCE((SELECT text FROM label WHERE id = i.organisation), '')"
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
