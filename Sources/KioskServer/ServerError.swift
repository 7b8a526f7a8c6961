import Foundation
import KioskCore
import PostgresNIO

/// A problem with the central server, in one plain sentence with what to do. Never contains an answer:
/// the server's own messages (which may quote values) are not passed on, only what kind of failure it was.
public enum ServerError: Error, Equatable, LocalizedError {
    case badAddress(String, reason: String)
    case passwordFile(String, reason: String)
    case unreachable(String, reason: String)
    case wrongPassword(String)
    case noDatabase(String)
    case notInitialized(String)
    case newerSchema(String, server: Int, known: Int)
    case permissionDenied(String)
    case connectionLost(String)
    case notConfigured
    case failed(String, state: String)

    public var errorDescription: String? { message(in: .english) }

    public func message(in language: Language) -> String {
        switch self {
        case .badAddress(let text, let reason):
            return Phrasebook(language).text("server_error.bad_address", ["text": "\(text)", "reason": "\(reason)"])
        case .passwordFile(let path, let reason):
            return Phrasebook(language).text("server_error.password_file", ["path": "\(path)", "reason": "\(reason)"])
        case .unreachable(let address, let reason):
            return Phrasebook(language).text("server_error.unreachable", ["address": "\(address)", "reason": "\(reason)"])
        case .wrongPassword(let address):
            return Phrasebook(language).text("server_error.wrong_password", ["address": "\(address)"])
        case .noDatabase(let address):
            return Phrasebook(language).text("server_error.no_database", ["address": "\(address)"])
        case .notInitialized(let address):
            return Phrasebook(language).text("server_error.not_initialized", ["address": "\(address)"])
        case .newerSchema(let address, let server, let known):
            return Phrasebook(language).text("server_error.newer_schema", ["address": "\(address)", "server": "\(server)", "known": "\(known)"])
        case .permissionDenied(let address):
            return Phrasebook(language).text("server_error.permission_denied", ["address": "\(address)"])
        case .connectionLost(let address):
            return Phrasebook(language).text("server_error.connection_lost", ["address": "\(address)"])
        case .notConfigured:
            return Phrasebook(language).text("server_error.not_configured")
        case .failed(let address, let state):
            return Phrasebook(language).text("server_error.failed", ["address": "\(address)", "state": "\(state)"])
        }
    }

    /// Translates what postgres-nio reports into a plain failure.
    static func from(_ error: any Error, address: String) -> ServerError {
        if let error = error as? ServerError { return error }
        if let transaction = error as? PostgresTransactionError {
            guard let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? transaction.rollbackError else {
                return .connectionLost(address)
            }
            return from(inner, address: address)
        }
        guard let error = error as? PSQLError else {
            return .unreachable(address, reason: String(describing: type(of: error)))
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?"
            switch state {
            case "28P01", "28000": return .wrongPassword(address)
            case "3D000": return .noDatabase(address)
            case "3F000", "42P01", "42883": return .notInitialized(address)
            case "42501": return .permissionDenied(address)
            case "57P01", "57P02", "57P03", "08006", "08003": return .connectionLost(address)
            default: return .failed(address, state: state)
            }
        case .connectionError:
            return .unreachable(address, reason: Self.describe(error.underlying))
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return .connectionLost(address)
        case .authMechanismRequiresPassword:
            return .wrongPassword(address)
        default:
            return .failed(address, state: error.code.description)
        }
    }

    private static func describe(_ underlying: (any Error)?) -> String {
        guard let underlying else { return "no answer" }
        let text = String(describing: underlying)
        if text.contains("refused") { return "connection refused" }
        if text.contains("timeout") || text.contains("Timeout") { return "no answer in time" }
        if text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("getaddrinfo") { return "unknown host" }
        return "no connection"
    }
}
