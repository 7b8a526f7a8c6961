import Foundation
import GRDB
import KioskCore

/// One finished interview as it is sent to the central server: everything the summaries count, and
/// nothing the local store does not hold — no referral codes, no free text, the month only.
public struct PendingInterview: Sendable, Hashable, Codable {
    public var id: String
    public var formHash: String
    public var formID: String
    public var language: String
    public var organisation: String?
    public var site: String?
    public var month: String
    /// `complete` or `aborted` (an aborted one has no answers).
    public var status: String
    public var gender: String?
    public var ageBand: String?
    public var recordKey: Int64
    /// Question id, value, kind (free text is never sent).
    public var answers: [[String]]
    public var scores: [Score]
    public var fired: [String]

    public struct Score: Sendable, Hashable, Codable {
        public var id: String
        public var value: Int?
        public var band: String?
        public var answeredItems: Int

        enum CodingKeys: String, CodingKey {
            case id, value, band
            case answeredItems = "answered_items"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id
        case formHash = "form_hash"
        case formID = "form_id"
        case language, organisation, site, month, status, gender
        case ageBand = "age_band"
        case recordKey = "record_key"
        case answers, scores, fired
    }
}

/// A not-asked record as it is sent to the central server.
public struct PendingNotAsked: Sendable, Hashable, Codable {
    public var id: String
    public var formID: String
    public var organisation: String?
    public var site: String?
    public var month: String
    public var reason: String
    public var gender: String?
    public var recordKey: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case formID = "form_id"
        case organisation, site, month, reason, gender
        case recordKey = "record_key"
    }
}

/// A stored form version as the server keeps it.
public struct StoredFormVersion: Sendable, Hashable {
    public var hash: String
    public var formID: String
    public var definition: String
    public var firstMonth: String

    public init(hash: String, formID: String, definition: String, firstMonth: String) {
        self.hash = hash
        self.formID = formID
        self.definition = definition
        self.firstMonth = firstMonth
    }
}

extension AnswerStore {
    /// Finished interviews the server has not confirmed yet, in id order after `after`, at most `limit`.
    /// A sync walks the ids forwards (by the primary key), so each batch reads only its own rows however
    /// many were confirmed before it.
    public func pendingInterviews(after: String = "", limit: Int) throws(StoreError) -> [PendingInterview] {
        try read { db in
            var pending: [PendingInterview] = []
            let filter = "i.status IN ('complete', 'aborted') AND i.synced_month IS NULL"
            try Self.forEachStoredInterview(
                db, where: after.isEmpty ? filter : "i.id > ? AND \(filter)",
                arguments: after.isEmpty ? [] : [InterviewKey.key(after)], orderBy: "i.id", limit: limit
            ) { interview, _ in
                pending.append(PendingInterview(
                    id: interview.id, formHash: interview.formHash, formID: interview.formID, language: interview.language,
                    organisation: interview.organisation, site: interview.site, month: interview.month, status: interview.status,
                    gender: interview.gender, ageBand: interview.ageBand, recordKey: interview.recordKey,
                    // Free text is never sent.
                    answers: interview.answers.filter { $0.kind != "text" }
                        .sorted { ($0.question, $0.value) < ($1.question, $1.value) }.map { [$0.question, $0.value, $0.kind] },
                    scores: interview.results.scores.sorted { $0.id < $1.id }.map {
                        PendingInterview.Score(id: $0.id, value: $0.value, band: $0.band, answeredItems: $0.answeredItems)
                    },
                    fired: Array(Set(interview.results.fired)).sorted()))
            }
            return pending
        }
    }

    /// Not-asked records the server has not confirmed yet, in id order after `after`, at most `limit`.
    public func pendingNotAsked(after: String = "", limit: Int) throws(StoreError) -> [PendingNotAsked] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, form_id, organisation, site, month, reason, gender, record_key FROM not_asked
                WHERE id > ? AND synced_month IS NULL ORDER BY id LIMIT ?
                """, arguments: [after, limit]).map { row in
                PendingNotAsked(id: row["id"], formID: row["form_id"], organisation: row["organisation"], site: row["site"],
                                month: row["month"], reason: row["reason"], gender: row["gender"], recordKey: row["record_key"])
            }
        }
    }

    /// How many finished interviews and not-asked records wait to be confirmed by the server.
    public func pendingCount() throws(StoreError) -> Int {
        try read { db in
            let interviews = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interview WHERE status IN ('complete', 'aborted') AND synced_month IS NULL") ?? 0
            let records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM not_asked WHERE synced_month IS NULL") ?? 0
            return interviews + records
        }
    }

    /// Notes that the server has committed these (after its commit, never before), with the month only.
    public func markConfirmed(interviews: [String], notAsked: [String], day: Day) throws(StoreError) {
        guard !interviews.isEmpty || !notAsked.isEmpty else { return }
        let month = Month(day).description
        try write { db in
            let interview = try db.makeStatement(sql: "UPDATE interview SET synced_month = ? WHERE id = ?")
            for id in interviews { try interview.execute(arguments: [month, InterviewKey.key(id)]) }
            let record = try db.makeStatement(sql: "UPDATE not_asked SET synced_month = ? WHERE id = ?")
            for id in notAsked { try record.execute(arguments: [month, id]) }
        }
    }

    /// Deletes interviews (with their answers, scores and fired rules) and not-asked records the server
    /// confirmed at least `days` days ago, so a lost kiosk holds little. Only the month of confirmation is
    /// kept, so "days ago" counts from the end of that month: nothing is deleted sooner than asked.
    /// Referrals are kept (they lead nowhere). Returns how many were deleted.
    @discardableResult
    public func purgeConfirmed(olderThan days: Int, today: Day) throws(StoreError) -> Int {
        // Confirmed in a month that ended before `today − days`.
        let before = Month(today.adding(days: -days)).description
        let deleted = try write { db -> Int in
            // An interview's answers and results are in its row: deleting the row deletes them.
            try db.execute(sql: "DELETE FROM interview WHERE synced_month IS NOT NULL AND synced_month < ?", arguments: [before])
            let interviews = db.changesCount
            try db.execute(sql: "DELETE FROM not_asked WHERE synced_month IS NOT NULL AND synced_month < ?", arguments: [before])
            let deleted = interviews + db.changesCount
            // Their counts stay in the summaries; a recount from what is left can no longer match them.
            if deleted > 0 {
                let earlier = try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?", arguments: [Self.purgedKey]) ?? 0
                try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [Self.purgedKey, String(earlier + deleted)])
            }
            return deleted
        }
        clearWriteAheadLog()
        return deleted
    }

    /// Gives unsent interviews and not-asked records that have no organisation yet (made before one was set) the
    /// kiosk's organisation, so local and central summaries split them alike.
    public func labelUnlabelled(organisation: String) throws(StoreError) {
        try write { db in
            // Their counts move with them: taken away under no organisation, added under the new one.
            try db.execute(sql: "CREATE TEMP TABLE relabelled AS SELECT id FROM interview WHERE organisation IS NULL AND synced_month IS NULL")
            try db.execute(sql: "CREATE TEMP TABLE relabelled_records AS SELECT id FROM not_asked WHERE organisation IS NULL AND synced_month IS NULL")
            try Self.adjustTallies(db, interviews: "i.id IN (SELECT id FROM temp.relabelled)", arguments: [], sign: -1)
            try Self.adjustNotAskedTallies(db, records: "n.id IN (SELECT id FROM temp.relabelled_records)", arguments: [], sign: -1)
            var labels = DatabaseTerms(db: db, table: "label")
            try db.execute(sql: "UPDATE interview SET organisation = ? WHERE id IN (SELECT id FROM temp.relabelled)",
                           arguments: [try labels.number(organisation)])
            try db.execute(sql: "UPDATE not_asked SET organisation = ? WHERE id IN (SELECT id FROM temp.relabelled_records)", arguments: [organisation])
            try Self.adjustTallies(db, interviews: "i.id IN (SELECT id FROM temp.relabelled)", arguments: [], sign: 1)
            try Self.adjustNotAskedTallies(db, records: "n.id IN (SELECT id FROM temp.relabelled_records)", arguments: [], sign: 1)
            try db.execute(sql: "DROP TABLE temp.relabelled")
            try db.execute(sql: "DROP TABLE temp.relabelled_records")
        }
    }

    /// Every stored form version, for the server (oldest first).
    public func allFormVersions() throws(StoreError) -> [StoredFormVersion] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT hash, form_id, definition, first_day FROM form_version ORDER BY first_day, hash").map { row in
                StoredFormVersion(hash: row["hash"], formID: row["form_id"],
                                  definition: String(decoding: row["definition"] as Data, as: UTF8.self), firstMonth: row["first_day"])
            }
        }
    }
}
