import Foundation
import PostgresNIO

/// Setting up the central server: its schema (`kiosk server init`) and its users (`kiosk server add-user`).
public enum ServerSetup {
    /// What a login user may do.
    public enum UserKind: String, Sendable, CaseIterable {
        /// Hands in interviews; reads nothing.
        case kiosk
        /// Reads counts; hands in nothing.
        case report

        var role: String { self == .kiosk ? ServerSchema.submitterRole : ServerSchema.reporterRole }
    }

    /// The migrations applied so far (ids), or nil when the server has no kiosk schema.
    static func appliedVersion(_ connection: ServerConnection) async throws(ServerError) -> Int? {
        guard try await connection.value("SELECT to_regclass('kiosk.schema_migration') IS NOT NULL", as: Bool.self) == true else { return nil }
        return try await connection.value("SELECT coalesce(max(id), 0)::bigint FROM kiosk.schema_migration", as: Int.self) ?? 0
    }

    /// Creates or brings up to date the schema, each migration in its own transaction. Returns the names
    /// of the migrations applied now. A schema newer than this kiosk knows is left alone.
    @discardableResult
    public static func initialize(_ connection: ServerConnection) async throws(ServerError) -> [String] {
        try await connection.execute("CREATE SCHEMA IF NOT EXISTS kiosk")
        try await connection.execute("""
            CREATE TABLE IF NOT EXISTS kiosk.schema_migration (id integer PRIMARY KEY, name text NOT NULL, applied_on date NOT NULL DEFAULT current_date)
            """)
        let applied = try await appliedVersion(connection) ?? 0
        if applied > ServerSchema.version {
            throw .newerSchema(connection.address.description, server: applied, known: ServerSchema.version)
        }
        var names: [String] = []
        for migration in ServerSchema.migrations where migration.id > applied {
            try await connection.transaction { (connection) throws(ServerError) in
                try await connection.run(script: migration.sql)
                try await connection.execute("INSERT INTO kiosk.schema_migration (id, name) VALUES (\(migration.id), \(migration.name))")
            }
            names.append(migration.name)
        }
        return names
    }

    /// Refuses a server without the kiosk schema, or with a newer one than this kiosk knows.
    public static func checkVersion(_ connection: ServerConnection) async throws(ServerError) {
        let version = try await connection.value("SELECT kiosk.schema_version()::bigint", as: Int?.self) ?? nil
        guard let version else { throw .notInitialized(connection.address.description) }
        if version > ServerSchema.version {
            throw .newerSchema(connection.address.description, server: version, known: ServerSchema.version)
        }
    }

    /// Refreshes the planner's statistics (after a bulk load; autovacuum does it too, a little later).
    public static func analyze(_ connection: ServerConnection) async throws(ServerError) {
        try await connection.execute("ANALYZE")
    }

    /// Adds a login user of `kind` with `password` (or changes the password of an existing one).
    public static func addUser(_ name: String, kind: UserKind, password: String, connection: ServerConnection) async throws(ServerError) {
        guard name.range(of: "^[a-z][a-z0-9_]{0,40}$", options: .regularExpression) != nil else {
            throw .badAddress(name, reason: "a user name is 1–41 small letters, digits or '_', starting with a letter")
        }
        guard password.count >= 12 else {
            throw .passwordFile("(the new password)", reason: "it must be at least 12 characters")
        }
        let exists = try await connection.rows("SELECT 1 FROM pg_roles WHERE rolname = \(name)")
        let statement: PostgresQuery = exists.isEmpty
            ? "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', \(name)::text, \(password)::text, \(kind.role)::text)"
            : "SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', \(name)::text, \(password)::text)"
        guard let text = try await connection.value(statement, as: String.self) else {
            throw .failed(connection.address.description, state: "no statement")
        }
        try await connection.execute(PostgresQuery(unsafeSQL: text))
        if !exists.isEmpty, let grant = try await connection.value("SELECT format('GRANT %I TO %I', \(kind.role)::text, \(name)::text)", as: String.self) {
            try await connection.execute(PostgresQuery(unsafeSQL: grant))
        }
    }
}
