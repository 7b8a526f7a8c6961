import Foundation
import KioskCore
import KioskStore
import PostgresNIO

/// The counts a summary is made from, counted in SQL on the server (from its views: the report role
/// reads nothing else), and put together exactly as the local store does (``CountsCollector``), so the
/// same interviews give the same summary whether counted here or there.
public enum ServerCounts {
    /// The SQL that gives a view row's value for a dimension (as the local store's, in PostgreSQL).
    static func expression(_ dimension: SummaryDimension, ageBand: Bool = true) -> String {
        switch dimension {
        case .ageBand: return ageBand ? "CASE WHEN age_band = 'dont_know' THEN '' ELSE coalesce(age_band, '') END" : "''"
        case .site: return "coalesce(site, '')"
        case .organisation: return "coalesce(organisation, '')"
        // The server does not keep the language an interview was answered in (`summary --server` refuses it).
        case .language: return "''"
        case .period(.month): return "month"
        case .period(.quarter): return "substr(month, 1, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3)::text"
        case .period(.year): return "substr(month, 1, 4)"
        }
    }

    /// The counts of a form's interviews, by gender and `options.groupBy`, within the months of `options`.
    public static func groupedCounts(formID: String, options: SummaryOptions, connection: ServerConnection) async throws(ServerError) -> [[String]: GroupCounts] {
        var counts = CountsCollector()
        let dimensions = options.groupBy.map { expression($0) }
        let notAskedDimensions = options.groupBy.map { expression($0, ageBand: false) }
        let dims = dimensions.enumerated().map { ", \($1) AS d\($0)" }.joined()
        let groupBy = dimensions.indices.map { ", d\($0)" }.joined()
        let notAskedDims = notAskedDimensions.enumerated().map { ", \($1) AS d\($0)" }.joined()
        var filter = "form_id = $1"
        var binds = PostgresBindings()
        binds.append(formID)
        if let from = options.from {
            binds.append(from.description)
            filter += " AND month >= $\(binds.count)"
        }
        if let to = options.to {
            binds.append(to.description)
            filter += " AND month <= $\(binds.count)"
        }
        let width = dimensions.count
        func tally(_ row: PostgresRandomAccessRow, from index: Int) throws -> Tally {
            let n = try row[index].decode(Int.self)
            let key = try row[index + 1].decode(Int.self)
            return Tally(count: n, key: UInt32(truncatingIfNeeded: key))
        }
        func group(_ row: PostgresRandomAccessRow, from index: Int) throws -> [String] {
            try (0..<width).map { try row[index + $0].decode(String.self) }
        }
        let sums = "sum(n)::bigint, (sum(key_sum) % 4294967296)::bigint"
        func rows(_ sql: String) async throws(ServerError) -> [PostgresRandomAccessRow] {
            try await connection.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { $0.makeRandomAccess() }
        }
        do {
            for row in try await rows("SELECT gender\(dims), \(sums) FROM kiosk.interview_counts WHERE \(filter) AND status = 'complete' GROUP BY gender\(groupBy)") {
                counts.interviews(try group(row, from: 1), gender: try row[0].decode(String?.self), try tally(row, from: 1 + width))
            }
            for row in try await rows("SELECT question_id, kind, value, gender\(dims), \(sums) FROM kiosk.answer_counts WHERE \(filter) GROUP BY question_id, kind, value, gender\(groupBy)") {
                counts.answer(try group(row, from: 4), question: try row[0].decode(String.self), kind: try row[1].decode(String.self),
                              value: try row[2].decode(String?.self), gender: try row[3].decode(String?.self), try tally(row, from: 4 + width))
            }
            for row in try await rows("SELECT question_id, gender\(dims), \(sums) FROM kiosk.asked_counts WHERE \(filter) GROUP BY question_id, gender\(groupBy)") {
                counts.asked(try group(row, from: 2), question: try row[0].decode(String.self), gender: try row[1].decode(String?.self),
                             try tally(row, from: 2 + width))
            }
            for row in try await rows("SELECT rule_id, gender\(dims), \(sums) FROM kiosk.rule_counts WHERE \(filter) GROUP BY rule_id, gender\(groupBy)") {
                counts.referral(try group(row, from: 2), rule: try row[0].decode(String.self), gender: try row[1].decode(String?.self),
                                try tally(row, from: 2 + width))
            }
            for row in try await rows("SELECT score_id, value, gender\(dims), \(sums) FROM kiosk.score_counts WHERE \(filter) GROUP BY score_id, value, gender\(groupBy)") {
                counts.scoreValue(try group(row, from: 3), score: try row[0].decode(String.self), value: try row[1].decode(String?.self),
                                  gender: try row[2].decode(String?.self), try tally(row, from: 3 + width))
            }
            for row in try await rows("SELECT score_id, band, gender\(dims), \(sums) FROM kiosk.band_counts WHERE \(filter) GROUP BY score_id, band, gender\(groupBy)") {
                counts.scoreBand(try group(row, from: 3), score: try row[0].decode(String.self), band: try row[1].decode(String.self),
                                 gender: try row[2].decode(String?.self), try tally(row, from: 3 + width))
            }
            for row in try await rows("SELECT gender\(dims), \(sums) FROM kiosk.interview_counts WHERE \(filter) AND status = 'aborted' GROUP BY gender\(groupBy)") {
                counts.unfinished(try group(row, from: 1), gender: try row[0].decode(String?.self), try tally(row, from: 1 + width))
            }
            for row in try await rows("SELECT reason, gender\(notAskedDims), \(sums) FROM kiosk.not_asked_counts WHERE \(filter) GROUP BY reason, gender\(groupBy)") {
                counts.notAsked(try group(row, from: 2), reason: try row[0].decode(String.self), gender: try row[1].decode(String?.self),
                                try tally(row, from: 2 + width))
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw .failed(connection.address.description, state: "unexpected data")
        }
        return counts.groups
    }

    /// Every version of a form the server knows, oldest first (as the local store orders them).
    public static func formVersions(formID: String, connection: ServerConnection) async throws(ServerError) -> [Questionnaire] {
        let rows = try await connection.rows("SELECT definition FROM kiosk.form_versions WHERE form_id = \(formID) ORDER BY first_month, form_hash")
        var versions: [Questionnaire] = []
        for row in rows {
            let definition = try connection.decode(row, column: 0, as: String.self)
            if let form = try? Questionnaire.fromCanonicalDefinition(Data(definition.utf8)) { versions.append(form) }
        }
        return versions
    }

    /// Completed interviews per month (for the release log).
    public static func monthlyCounts(formID: String, from: Month?, to: Month?, connection: ServerConnection) async throws(ServerError) -> [String: Int] {
        let rows = try await connection.rows("""
            SELECT month, sum(n)::bigint FROM kiosk.interview_counts
            WHERE form_id = \(formID) AND status = 'complete' AND month >= \(from?.description ?? "0000-00") AND month <= \(to?.description ?? "9999-99")
            GROUP BY month
            """)
        var months: [String: Int] = [:]
        for row in rows {
            months[try connection.decode(row, column: 0, as: String.self)] = try connection.decode(row, column: 1, as: Int.self)
        }
        return months
    }

    /// The server's release log of a form, oldest first.
    public static func releases(formID: String, connection: ServerConnection) async throws(ServerError) -> [(day: String, kind: String, months: [String: Int])] {
        let rows = try await connection.rows("SELECT day, kind, months::text FROM kiosk.releases WHERE form_id = \(formID) ORDER BY day")
        var releases: [(day: String, kind: String, months: [String: Int])] = []
        for row in rows {
            let months = try connection.decode(row, column: 2, as: String.self)
            releases.append((try connection.decode(row, column: 0, as: String.self), try connection.decode(row, column: 1, as: String.self),
                             (try? JSONDecoder().decode([String: Int].self, from: Data(months.utf8))) ?? [:]))
        }
        return releases
    }

    /// Notes a publication in the server's release log.
    public static func recordRelease(day: String, kind: String, formID: String, split: String, months: [String: Int],
                                     connection: ServerConnection) async throws(ServerError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: (try? encoder.encode(months)) ?? Data("{}".utf8), as: UTF8.self)
        try await connection.execute("SELECT kiosk.record_release(\(day), \(kind), \(formID), \(split), \(text)::jsonb)")
    }
}

/// Counts from a bundle, in the rows the server keeps them as.
public struct ImportedCount: Sendable, Codable {
    public var kind: String
    public var formID: String
    public var formHash: String
    public var organisation: String?
    public var site: String?
    public var month: String
    public var gender: String?
    public var ageBand: String?
    public var item: String
    public var value: String?
    public var band: String?
    public var n: Int
    public var keySum: UInt32

    public init(kind: String, formID: String, formHash: String, organisation: String?, site: String?, month: String, gender: String?,
                ageBand: String?, item: String = "", value: String? = nil, band: String? = nil, tally: Tally) {
        self.kind = kind
        self.formID = formID
        self.formHash = formHash
        self.organisation = organisation
        self.site = site
        self.month = month
        self.gender = gender
        self.ageBand = ageBand
        self.item = item
        self.value = value
        self.band = band
        n = tally.count
        keySum = tally.key
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case formID = "form_id"
        case formHash = "form_hash"
        case organisation, site, month, gender
        case ageBand = "age_band"
        case item, value, band, n
        case keySum = "key_sum"
    }
}

extension ServerCounts {
    /// How a bundle's import went.
    public enum ImportResult: Sendable, Equatable {
        case imported
        case alreadyImported
        case kioskAlreadyImported
    }

    /// Imports a bundle's counts and form versions, once per bundle and once per kiosk.
    public static func importBundle(id: String, kioskID: String, organisation: String?, versions: [StoredFormVersion],
                                    counts: [ImportedCount], connection: ServerConnection) async throws(ServerError) -> ImportResult {
        try await ServerSetup.checkVersion(connection)
        for version in versions {
            try await connection.execute(
                "SELECT kiosk.submit_form_version(\(version.hash), \(version.formID), \(version.definition), \(version.firstMonth))")
        }
        let payload = String(decoding: (try? JSONEncoder().encode(counts)) ?? Data("[]".utf8), as: UTF8.self)
        let result = try await connection.value("SELECT kiosk.import_bundle(\(id), \(kioskID), \(organisation), \(payload)::jsonb)::bigint", as: Int.self)
        switch result {
        case 1: return .imported
        case -1: return .kioskAlreadyImported
        default: return .alreadyImported
        }
    }
}
