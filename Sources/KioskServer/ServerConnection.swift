import Foundation
import PostgresNIO
import Synchronization

/// One connection to the central server, through postgres-nio. Every failure comes out as a plain
/// ``ServerError``; nothing is logged (postgres-nio's log goes nowhere).
public final class ServerConnection: Sendable {
    let connection: PostgresConnection
    public let address: ServerAddress

    static let logger: Logger = {
        var logger = Logger(label: "kiosk-server")
        logger.logLevel = .critical
        return logger
    }()

    private init(connection: PostgresConnection, address: ServerAddress) {
        self.connection = connection
        self.address = address
    }

    deinit {
        // A connection left open by an error path is closed here, so nothing is left half-open on the
        // server (never on one of NIO's own threads: the owner of a connection is an async task).
        if !connection.isClosed { try? connection.close().wait() }
    }

    /// Connects and logs in.
    public static func open(_ address: ServerAddress, password: String?) async throws(ServerError) -> ServerConnection {
        let configuration = try address.configuration(password: password)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return ServerConnection(connection: connection, address: address)
        } catch {
            throw ServerError.from(error, address: address.description)
        }
    }

    /// Connects, runs `body`, and closes the connection whatever happened.
    public static func with<T: Sendable>(_ address: ServerAddress, password: String?,
                                         _ body: (ServerConnection) async throws -> T) async throws -> T {
        let connection = try await open(address, password: password)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Runs one statement (no rows wanted).
    func execute(_ query: PostgresQuery) async throws(ServerError) {
        _ = try await rows(query)
    }

    /// Runs one statement and collects its rows.
    func rows(_ query: PostgresQuery) async throws(ServerError) -> [PostgresRow] {
        // A connection the server has closed (stopped, restarted, cut) fails at once: postgres-nio may
        // otherwise wait for ever on a query sent to it.
        guard !connection.isClosed else { throw .connectionLost(address.description) }
        let connection = self.connection
        do {
            return try await withThrowingTaskGroup(of: [PostgresRow]?.self) { group in
                group.addTask {
                    var rows: [PostgresRow] = []
                    for try await row in try await connection.query(query, logger: Self.logger) { rows.append(row) }
                    return rows
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(Self.statementTimeout * 1_000_000_000))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let rows = first else {
                    // No answer in time: the connection is given up (the server rolls back what it had).
                    try? await connection.close()
                    throw ServerError.connectionLost(address.description)
                }
                return rows
            }
        } catch {
            throw ServerError.from(error, address: address.description)
        }
    }

    /// How long one statement may take before the connection is given up (a hand-in of one batch, or one
    /// summary query over a million interviews, takes seconds).
    static let statementTimeout: Double = 300

    /// Runs `body` in one transaction: all of it is committed, or none.
    func transaction(_ body: (ServerConnection) async throws(ServerError) -> Void) async throws(ServerError) {
        try await execute("BEGIN")
        do {
            try await body(self)
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
        try await execute("COMMIT")
    }

    /// Runs statements of a script one by one (PostgreSQL's extended protocol takes one at a time).
    func run(script: String) async throws(ServerError) {
        for statement in SQLScript.statements(script) {
            try await execute(PostgresQuery(unsafeSQL: statement))
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// The first column of the first row, if there is one.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) async throws(ServerError) -> T? {
        guard let row = try await rows(query).first else { return nil }
        return try decode(row, column: 0, as: T.self)
    }

    /// Decodes a row, turning a mismatch into a plain failure.
    func decode<T: PostgresDecodable>(_ row: PostgresRow, column: Int, as type: T.Type) throws(ServerError) -> T {
        do {
            return try row.makeRandomAccess()[column].decode(T.self)
        } catch {
            throw ServerError.failed(address.description, state: "unexpected data")
        }
    }
}

/// Splits an SQL script into statements at the semicolons outside quotes, dollar quotes and comments.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var i = 0
        var dollarTag: String?
        var inQuote = false
        while i < characters.count {
            let c = characters[i]
            if let tag = dollarTag {
                if c == "$", String(characters[i..<min(characters.count, i + tag.count)]) == tag {
                    current += tag
                    i += tag.count
                    dollarTag = nil
                    continue
                }
                current.append(c)
            } else if inQuote {
                current.append(c)
                if c == "'" { inQuote = false }
            } else if c == "-" && i + 1 < characters.count && characters[i + 1] == "-" {
                while i < characters.count && characters[i] != "\n" { i += 1 }
                continue
            } else if c == "'" {
                inQuote = true
                current.append(c)
            } else if c == "$" {
                // A dollar quote: $$ or $tag$.
                var j = i + 1
                while j < characters.count && (characters[j].isLetter || characters[j].isNumber || characters[j] == "_") { j += 1 }
                if j < characters.count && characters[j] == "$" {
                    let tag = String(characters[i...j])
                    dollarTag = tag
                    current += tag
                    i = j + 1
                    continue
                }
                current.append(c)
            } else if c == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}

/// Runs async server work from the kiosk's synchronous commands, waiting for it.
public enum ServerCall {
    public static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let value = try await body()
                result.withLock { $0 = .success(value) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
