import Foundation
import GRDB

/// One stored interview row with its answers and results unpacked: what counts, exports and the central
/// server read. Breakdown values are as stored (nil when there is none).
struct StoredInterview {
    var id: String
    var version: Int
    var formID: String
    var formHash: String
    var language: String
    var site: String?
    var organisation: String?
    var month: String
    var status: String
    var gender: String?
    var ageBand: String?
    var recordKey: Int64
    var answers: [AnswerRow]
    var results: InterviewResults

    /// What the kept counts count for this interview, one entry per counted thing (kind, item, value,
    /// band): a completed one as an interview, each answer (a choice code or number, or declined, don't know,
    /// skipped; free text never), each question answered at all ("asked"), each rule met and each score
    /// by value and band; an aborted one as started and not finished. In progress: nothing.
    var countedThings: [CountedThing] {
        switch status {
        case "complete":
            var things = [CountedThing(kind: "interview")]
            var asked = Set<String>()
            for answer in answers {
                if asked.insert(answer.question).inserted { things.append(CountedThing(kind: "asked", item: answer.question)) }
                guard answer.kind != "text" else { continue }
                let value = answer.kind == "choice" || answer.kind == "number" ? answer.value : answer.kind
                things.append(CountedThing(kind: "answer", item: answer.question, value: value))
            }
            things += results.fired.map { CountedThing(kind: "referral", item: $0) }
            things += results.scores.map { CountedThing(kind: "score", item: $0.id, value: $0.value.map(String.init) ?? "", band: $0.band ?? "") }
            return things
        case "aborted": return [CountedThing(kind: "unfinished")]
        default: return []
        }
    }
}

/// One thing a kept count counts (a row of the `tally` table without its breakdowns).
struct CountedThing: Hashable {
    var kind: String
    var item = ""
    var value = ""
    var band = ""
}

extension AnswerStore {
    /// The columns `forEachStoredInterview` reads, in order; `extra` columns follow them.
    private static let storedColumns = """
        i.id, i.version, v.form_id, v.hash, i.language, i.site, i.organisation, i.month, i.status, i.gender, i.age_band,
        i.record_key, i.answers, i.results
        """

    /// Streams the interviews (`i`, with their form version `v`) that `filter` selects, unpacked, to `body`
    /// with the values of the `extra` SQL expressions (after the stored columns, from index `extraStart`).
    /// `source` may join other tables before the interview (`i`), e.g. to read in their order.
    static func forEachStoredInterview(_ db: Database, source: String = "interview i", where filter: String, arguments: StatementArguments = [],
                                       extra: [String] = [], orderBy: String? = nil, limit: Int? = nil,
                                       _ body: (StoredInterview, Row) throws -> Void) throws {
        let terms = try LoadedTerms(db)
        let labels = try LoadedTerms(db, table: "label")
        let extraColumns = extra.map { ", \($0)" }.joined()
        let order = orderBy.map { " ORDER BY \($0)" } ?? ""
        let limited = limit.map { " LIMIT \($0)" } ?? ""
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(storedColumns)\(extraColumns) FROM \(source) JOIN form_version v ON v.id = i.version
            WHERE \(filter)\(order)\(limited)
            """, arguments: arguments)
        while let row = try rows.next() {
            let key: Data = row[0]
            let interview = StoredInterview(
                id: InterviewKey.id(key), version: row[1], formID: row[2], formHash: row[3], language: row[4],
                site: try label(row[5], labels), organisation: try label(row[6], labels), month: row[7], status: row[8], gender: row[9], ageBand: row[10], recordKey: row[11],
                answers: try Packing.unpackAnswers(row[12] ?? Data(), terms: terms),
                results: try Packing.unpackResults(row[13] ?? Data(), terms: terms))
            try body(interview, row)
        }
    }

    /// A label stored as its number (nil: none).
    private static func label(_ number: Int?, _ terms: LoadedTerms) throws -> String? {
        guard let number else { return nil }
        guard let text = terms.text(number) else { throw PackingError(reason: "label number \(number) is not in the label table") }
        return text
    }

    /// The index of the first `extra` column in the rows `forEachStoredInterview` passes on.
    static let extraStart = 14

    /// The SQL that selects a form's interviews (`i`) by its id, through their version (`v`).
    static let formFilter = "v.form_id = ?"
}
