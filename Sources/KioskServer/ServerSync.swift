import Foundation
import KioskCore
import KioskStore
import PostgresNIO

/// Hands this kiosk's finished interviews and not-asked records in to the central server.
///
/// At least once, made exactly once by the random ids: each batch is one statement (one transaction on
/// the server) that leaves ids it already has alone; the kiosk marks a batch confirmed only after the
/// server's commit returned. A connection cut anywhere means the unconfirmed part is sent again next time,
/// and adds nothing the server already has.
public enum ServerSync {
    /// What a sync did.
    public struct Outcome: Sendable, Equatable {
        /// Interviews and records the server confirmed.
        public var confirmed: Int
        /// Of those, how many the server did not have yet.
        public var new: Int
        /// Deleted locally after `purgeAfter` days.
        public var purged: Int
    }

    /// Interviews per hand-in.
    public static let batchSize = 200

    public static func push(store: AnswerStore, connection: ServerConnection, day: Day, purgeAfter days: Int? = nil,
                            progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Outcome {
        try await ServerSetup.checkVersion(connection)
        for version in try store.allFormVersions() {
            try await connection.execute(
                "SELECT kiosk.submit_form_version(\(version.hash), \(version.formID), \(version.definition), \(version.firstMonth))")
        }
        let total = try store.pendingCount()
        var outcome = Outcome(confirmed: 0, new: 0, purged: 0)
        let encoder = JSONEncoder()
        progress(0, total)
        var last = ""
        while true {
            let batch = try store.pendingInterviews(after: last, limit: batchSize)
            guard let lastID = batch.last?.id else { break }
            last = lastID
            let payload = String(decoding: try encoder.encode(batch), as: UTF8.self)
            let added = try await connection.value("SELECT kiosk.submit_interviews(\(payload)::jsonb)::bigint", as: Int.self) ?? 0
            // Committed on the server: only now is it confirmed here.
            try store.markConfirmed(interviews: batch.map(\.id), notAsked: [], day: day)
            outcome.confirmed += batch.count
            outcome.new += added
            progress(outcome.confirmed, total)
        }
        last = ""
        while true {
            let batch = try store.pendingNotAsked(after: last, limit: batchSize)
            guard let lastID = batch.last?.id else { break }
            last = lastID
            let payload = String(decoding: try encoder.encode(batch), as: UTF8.self)
            let added = try await connection.value("SELECT kiosk.submit_not_asked(\(payload)::jsonb)::bigint", as: Int.self) ?? 0
            try store.markConfirmed(interviews: [], notAsked: batch.map(\.id), day: day)
            outcome.confirmed += batch.count
            outcome.new += added
            progress(outcome.confirmed, total)
        }
        if let days, days >= 0 {
            outcome.purged = try store.purgeConfirmed(olderThan: days, today: day)
        }
        return outcome
    }
}
