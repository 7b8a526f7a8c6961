import Foundation
import GRDB
import KioskCore

/// One publication the kiosk made: a summary shown or written, a row export, a bundle.
public struct ReleaseRecord: Sendable, Hashable {
    public var day: String
    public var kind: String
    public var formID: String
    /// The split, as written (`gender`, `gender+age_band`, `gender+site+quarter` …).
    public var split: String
    /// Completed interviews per month (`2026-11` → 42) in what was published, at the time.
    public var months: [String: Int]

    public init(day: String, kind: String, formID: String, split: String, months: [String: Int]) {
        self.day = day
        self.kind = kind
        self.formID = formID
        self.split = split
        self.months = months
    }
}

extension AnswerStore {
    /// Completed interviews of a form per month, within `from`…`to`.
    public func monthlyCounts(formID: String, from: Month?, to: Month?) throws(StoreError) -> [String: Int] {
        // From the kept counts: as many rows as months (summaries count what the tally holds).
        var filter = "form_id = ? AND kind = 'interview'"
        var arguments: [String] = [formID]
        if let from { filter += " AND month >= ?"; arguments.append(from.description) }
        if let to { filter += " AND month <= ?"; arguments.append(to.description) }
        return try read { db in
            var counts: [String: Int] = [:]
            try forEachRow(db, sql: "SELECT month, SUM(count) AS n FROM tally WHERE \(filter) GROUP BY month",
                           arguments: StatementArguments(arguments)) { row in
                let n: Int = row["n"]
                if n > 0 { counts[row["month"]] = n }
            }
            return counts
        }
    }

    /// The completed interviews whose rows this store still holds, by month (what a row export publishes).
    public func monthlyRowCounts(formID: String, from: Month?, to: Month?) throws(StoreError) -> [String: Int] {
        let (filter, arguments) = Self.completedFilter(formID: formID, from: from, to: to)
        return try read { db in
            var counts: [String: Int] = [:]
            try forEachRow(db, sql: "SELECT i.month AS month, COUNT(*) AS n FROM interview i JOIN form_version v ON v.id = i.version WHERE \(filter) GROUP BY i.month",
                           arguments: StatementArguments(arguments)) { row in counts[row["month"]] = row["n"] }
            return counts
        }
    }

    /// How many publications of any form the release log holds.
    public func releaseCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM release") ?? 0 }
    }

    /// Every publication, oldest first.
    public func allReleases() throws(StoreError) -> [ReleaseRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT day, kind, form_id, split, months FROM release ORDER BY id").map(Self.release)
        }
    }

    static func release(_ row: Row) -> ReleaseRecord {
        let months = (try? JSONDecoder().decode([String: Int].self, from: Data((row["months"] as String).utf8))) ?? [:]
        return ReleaseRecord(day: row["day"], kind: row["kind"], formID: row["form_id"], split: row["split"], months: months)
    }

    /// The earlier publications of a form, oldest first.
    public func releases(formID: String) throws(StoreError) -> [ReleaseRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT day, kind, form_id, split, months FROM release WHERE form_id = ? ORDER BY id",
                             arguments: [formID]).map(Self.release)
        }
    }

    /// Notes a publication in the release log (and what was published in the audit log), in one transaction.
    public func recordRelease(_ release: ReleaseRecord, auditDetail: String?) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let months = String(decoding: (try? encoder.encode(release.months)) ?? Data("{}".utf8), as: UTF8.self)
        try write { db in
            try db.execute(sql: "INSERT INTO release (day, kind, form_id, split, months) VALUES (?, ?, ?, ?, ?)",
                           arguments: [release.day, release.kind, release.formID, release.split, months])
            if let auditDetail { try Self.appendAudit(db, .exportMade, detail: auditDetail, day: Day(release.day) ?? Day(year: 1970, month: 1, day: 1)) }
        }
    }
}
