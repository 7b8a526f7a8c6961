import GRDB
import KioskCore

/// The counts summaries are made from, kept up to date in the same transaction that completes, aborts or
/// relabels an interview or records that the questions were not asked: one row per form version, month,
/// site, organisation, language, age band, gender and counted thing (an answer, a fired rule, a score …),
/// with how many interviews and the sum of their record keys. A summary reads these rows — as many as
/// there are groups, however many interviews — and an interview's own rows may later be deleted (after
/// the central server confirmed it) while its counts stay.
///
/// ``recountedCounts(formID:options:byVersion:multipleChoice:)`` counts the same from the interviews
/// themselves; `kiosk doctor` checks that the two agree and ``rebuildTallies()`` makes them agree again.
extension AnswerStore {
    private static let tallyColumns = "kind, item, value, band, form_id, version, month, site, organisation, language, age_band, gender, count, key_sum"
    private static let upsert = """
        ON CONFLICT (form_id, kind, item, value, band, gender, month, site, organisation, language, age_band, version)
        DO UPDATE SET count = tally.count + excluded.count,
                      key_sum = ((tally.key_sum + excluded.key_sum) % 4294967296 + 4294967296) % 4294967296
        """

    /// The breakdowns a kept count is kept under, in the order of the tally's columns after `band`.
    private struct Breakdowns: Hashable {
        var formID: String, version: Int, month: String, site: String, organisation: String, language: String
        var ageBand: String, gender: String
    }

    private struct Delta {
        var count = 0
        var keySum: Int64 = 0
    }

    /// Adds (`sign` 1) or takes away (−1) the counts of the interviews `filter` selects (SQL over `i` and its
    /// version `v`, with `arguments`): completed ones with their answers, "asked", fired rules and scores;
    /// aborted ones as started and not finished (``StoredInterview/countedThings``). In the caller's transaction.
    static func adjustTallies(_ db: Database, interviews filter: String, arguments: [DatabaseValueConvertible?], sign: Int) throws {
        var deltas: [Breakdowns: [CountedThing: Delta]] = [:]
        try forEachStoredInterview(db, where: "i.status IN ('complete', 'aborted') AND (\(filter))",
                                   arguments: StatementArguments(arguments)) { interview, _ in
            let breakdowns = Breakdowns(
                formID: interview.formID, version: interview.version, month: interview.month, site: interview.site ?? "",
                organisation: interview.organisation ?? "", language: interview.language, ageBand: interview.ageBand ?? "",
                gender: interview.gender ?? "")
            var group = deltas.removeValue(forKey: breakdowns) ?? [:]
            for thing in interview.countedThings {
                group[thing, default: Delta()].count += 1
                group[thing, default: Delta()].keySum += interview.recordKey
            }
            deltas[breakdowns] = group
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO tally (\(tallyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \(upsert)")
        for (breakdowns, things) in deltas {
            for (thing, delta) in things {
                let keySum = ((delta.keySum * Int64(sign)) % 4_294_967_296 + 4_294_967_296) % 4_294_967_296
                try insert.execute(arguments: [
                    thing.kind, thing.item, thing.value, thing.band, breakdowns.formID, breakdowns.version, breakdowns.month,
                    breakdowns.site, breakdowns.organisation, breakdowns.language, breakdowns.ageBand, breakdowns.gender,
                    delta.count * sign, keySum,
                ])
            }
        }
        if sign < 0 { try db.execute(sql: "DELETE FROM tally WHERE count = 0") }
    }

    /// The same for records that the questions were not asked (`n`): by reason, with no version (0), language
    /// or age band.
    static func adjustNotAskedTallies(_ db: Database, records filter: String, arguments: [DatabaseValueConvertible?], sign: Int) throws {
        try db.execute(sql: """
            INSERT INTO tally (\(tallyColumns))
            SELECT 'not_asked', n.reason, '', '', n.form_id, 0, n.month, COALESCE(n.site, ''), COALESCE(n.organisation, ''), '', '',
                   COALESCE(n.gender, ''), COUNT(*) * \(sign), ((SUM(n.record_key) * \(sign)) % 4294967296 + 4294967296) % 4294967296
            FROM not_asked n WHERE (\(filter))
            GROUP BY n.reason, n.form_id, n.month, n.site, n.organisation, n.gender
            \(upsert)
            """, arguments: StatementArguments(arguments))
        if sign < 0 { try db.execute(sql: "DELETE FROM tally WHERE count = 0") }
    }

    /// Counts everything again from the interviews and records this store still holds (after a mismatch
    /// `kiosk doctor` found). Interviews deleted after the server confirmed them are then no longer counted.
    public func rebuildTallies() throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM tally")
            try Self.adjustTallies(db, interviews: "1", arguments: [], sign: 1)
            try Self.adjustNotAskedTallies(db, records: "1", arguments: [], sign: 1)
        }
    }

    /// What `kiosk doctor` finds comparing the kept counts with a recount from the interviews.
    public struct TallyCheck: Sendable, Equatable {
        /// The forms whose kept counts differ from the recount.
        public var mismatched: [String]
        /// Interviews and records deleted after the server confirmed them: their counts are kept, so a
        /// recount from what is left comes out lower and is not compared.
        public var purged: Int
    }

    /// Compares the kept counts of every form (by version, month, site, organisation, language and
    /// age band) with a recount from the interviews this store holds.
    public func checkTallies() throws(StoreError) -> TallyCheck {
        let purged = Int(try setting(Self.purgedKey) ?? "0") ?? 0
        guard purged == 0 else { return TallyCheck(mismatched: [], purged: purged) }
        let forms: [String] = try read { db in
            try String.fetchAll(db, sql: "SELECT form_id FROM form_version UNION SELECT form_id FROM not_asked UNION SELECT form_id FROM tally ORDER BY 1")
        }
        let options = SummaryOptions(groupBy: [.site, .organisation, .period(.month)])
        var mismatched: [String] = []
        for form in forms {
            for split in [options, SummaryOptions(groupBy: [.ageBand]), SummaryOptions(groupBy: [.language])] {
                if try groupedCounts(formID: form, options: split, byVersion: true)
                    != recountedCounts(formID: form, options: split, byVersion: true) {
                    mismatched.append(form)
                    break
                }
            }
        }
        return TallyCheck(mismatched: mismatched, purged: 0)
    }

    /// The setting that counts interviews and records deleted after the server confirmed them.
    static let purgedKey = "purged_after_sync"

    /// The SQL that gives a tally row's value (`t`) for a dimension.
    static func tallyExpression(_ dimension: SummaryDimension) -> String {
        switch dimension {
        case .ageBand: return "CASE WHEN t.age_band = 'dont_know' THEN '' ELSE t.age_band END"
        case .site: return "t.site"
        case .organisation: return "t.organisation"
        case .language: return "t.language"
        case .period(.month): return "t.month"
        case .period(.quarter): return "substr(t.month, 1, 4) || '-Q' || ((CAST(substr(t.month, 6, 2) AS INTEGER) + 2) / 3)"
        case .period(.year): return "substr(t.month, 1, 4)"
        }
    }

    /// Counts of a form's interviews (every version) from the kept counts: split by gender and
    /// `options.groupBy`, within `options.from`…`options.to`, each with its cell key. Reads one row per
    /// group and counted thing, so it costs the number of groups, not the number of interviews.
    /// With `byVersion`, the form version's hash comes first in every group key (for bundles).
    /// `multipleChoice`: as ``recountedCounts(formID:options:byVersion:multipleChoice:)``.
    public func groupedCounts(formID: String, options: SummaryOptions, byVersion: Bool = false,
                              multipleChoice: Set<String>? = nil) throws(StoreError) -> [[String]: GroupCounts] {
        // A version's hash, by its number (not-asked records have none: '').
        let dimensions = (byVersion ? ["COALESCE((SELECT hash FROM form_version WHERE id = t.version), '')"] : [])
            + options.groupBy.map(Self.tallyExpression)
        var filter = "t.form_id = ?"
        var arguments: [String] = [formID]
        if let from = options.from { filter += " AND t.month >= ?"; arguments.append(from.description) }
        if let to = options.to { filter += " AND t.month <= ?"; arguments.append(to.description) }
        let groupList = dimensions.enumerated().map { ", \($1) AS d\($0)" }.joined()
        let groupBy = dimensions.indices.map { ", d\($0)" }.joined()
        return try read { db in
            var counts = CountsCollector()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.kind, t.item, t.value, t.band, t.gender\(groupList), SUM(t.count), SUM(t.key_sum)
                FROM tally t WHERE \(filter)
                GROUP BY t.kind, t.item, t.value, t.band, t.gender\(groupBy)
                """, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                let kind: String = row[0], item: String = row[1], value: String = row[2], band: String = row[3]
                let genderValue: String = row[4]
                let gender = genderValue.isEmpty ? nil : genderValue
                let group = dimensions.indices.map { (row[5 + $0] as String?) ?? "" }
                let count: Int = row[5 + dimensions.count]
                let keySum: Int64 = row[6 + dimensions.count]
                guard count > 0 else { continue }
                let tally = Tally(count: count, key: UInt32(truncatingIfNeeded: keySum))
                switch kind {
                case "interview": counts.interviews(group, gender: gender, tally)
                case "answer": counts.answer(group, question: item, kind: "choice", value: value, gender: gender, tally)
                case "asked":
                    // With `multipleChoice`, "asked" of the other questions is the sum of their answers.
                    if multipleChoice?.contains(item) ?? true { counts.asked(group, question: item, gender: gender, tally) }
                case "referral": counts.referral(group, rule: item, gender: gender, tally)
                case "score": counts.score(group, score: item, value: value.isEmpty ? nil : value, band: band.isEmpty ? nil : band,
                                           gender: gender, tally)
                case "unfinished": counts.unfinished(group, gender: gender, tally)
                case "not_asked": counts.notAsked(group, reason: item, gender: gender, tally)
                default: continue
                }
            }
            if let multipleChoice { counts.deriveAsked(except: multipleChoice) }
            return counts.groups
        }
    }
}
