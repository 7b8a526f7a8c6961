import Foundation
import PostgresNIO

/// Where the central server is and how to log in: a `postgres://` URL without a password, the password
/// from a file readable by its owner only, else `PGPASSWORD`, else the standard password file
/// (`PGPASSFILE`, else `~/.pgpass`). TLS when the URL asks for it (`sslmode=require` or `verify-full`).
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// A Unix socket directory (`?host=/run/postgresql`) instead of TCP.
    public var socketDirectory: String?
    public var tls: TLSMode

    public enum TLSMode: String, Sendable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    /// The URL as written back (never with a password).
    public var description: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        var parameters: [String] = []
        if let socketDirectory { parameters.append("host=\(socketDirectory)") }
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// Reads `postgres://user@host:port/database?sslmode=…&host=/socket/dir`.
    public init(_ text: String) throws(ServerError) {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw .badAddress(text, reason: "it should look like postgres://kiosk@server.example.org:5432/nns")
        }
        if components.password != nil {
            throw .badAddress(text.replacingOccurrences(of: components.percentEncodedPassword ?? "", with: "…"),
                              reason: "a password must not be written in the address (it would be kept in files and shell history); put it in a file readable by you only and give --password-file")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .badAddress(text, reason: "the user name is missing: postgres://USER@host/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw .badAddress(text, reason: "the database name is missing: postgres://user@host/DATABASE") }
        self.user = user
        self.database = database
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        tls = .prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "disable", "allow": tls = .disable
                case "prefer": tls = .prefer
                case "require", "verify-ca": tls = .require
                case "verify-full": tls = .verifyFull
                default: throw .badAddress(text, reason: "sslmode must be disable, prefer, require or verify-full")
                }
            case "host":
                socketDirectory = item.value
            default:
                throw .badAddress(text, reason: "'\(item.name)' is not a setting the kiosk knows (use sslmode or host)")
            }
        }
    }

    /// The password: from `passwordFile` (which must be readable by its owner only), else `PGPASSWORD`,
    /// else the matching line of `PGPASSFILE` or `~/.pgpass`; nil when there is none (trust or peer login).
    public func password(file passwordFile: String?, environment: [String: String]) throws(ServerError) -> String? {
        if let passwordFile {
            var info = stat()
            guard stat(passwordFile, &info) == 0 else { throw .passwordFile(passwordFile, reason: "it does not exist") }
            guard info.st_mode & 0o077 == 0 else {
                throw .passwordFile(passwordFile, reason: "others can read it; run chmod 600 \(passwordFile)")
            }
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw .passwordFile(passwordFile, reason: "it cannot be read")
            }
            return text.trimmingCharacters(in: .newlines)
        }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = environment["PGPASSFILE"] ?? home + "/.pgpass"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(String(line))
            guard fields.count == 5 else { continue }
            let matches = [socketDirectory ?? host, String(port), database, user]
            if zip(fields.prefix(4), matches).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The fields of a `.pgpass` line: `host:port:database:user:password`, `\:` and `\\` escaped.
    static func pgpassFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    /// The connection settings for postgres-nio.
    func configuration(password: String?) throws(ServerError) -> PostgresConnection.Configuration {
        if let socketDirectory {
            return PostgresConnection.Configuration(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user,
                                                    password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch self.tls {
            case .disable: tls = .disable
            case .prefer:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                tls = .prefer(try NIOSSLContext(configuration: settings))
            case .require:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                tls = .require(try NIOSSLContext(configuration: settings))
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw .unreachable(description, reason: "TLS could not be set up (\(error))")
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
