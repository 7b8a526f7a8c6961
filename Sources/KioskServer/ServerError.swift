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
        let sv = language != .english
        switch self {
        case .badAddress(let text, let reason):
            return sv ? "serveradressen '\(text)' går inte att använda: \(reason)" : "the server address '\(text)' cannot be used: \(reason)"
        case .passwordFile(let path, let reason):
            return sv ? "lösenordsfilen \(path) går inte att använda: \(reason)" : "the password file \(path) cannot be used: \(reason)"
        case .unreachable(let address, let reason):
            return sv
                ? "servern \(address) går inte att nå (\(reason)); kontrollera nätverket och adressen — inget har ändrats här, försök igen senare"
                : "the server \(address) cannot be reached (\(reason)); check the network and the address — nothing has changed here, try again later"
        case .wrongPassword(let address):
            return sv
                ? "servern \(address) godtog inte användarnamnet eller lösenordet; kontrollera lösenordsfilen (kiosk server set … --password-file) — inget har ändrats här"
                : "the server \(address) did not accept the user name or password; check the password file (kiosk server set … --password-file) — nothing has changed here"
        case .noDatabase(let address):
            return sv ? "databasen i \(address) finns inte på servern; kontrollera adressen" : "the database in \(address) does not exist on the server; check the address"
        case .notInitialized(let address):
            return sv
                ? "servern \(address) har inget kioskschema; den som administrerar servern kör 'kiosk server init' först"
                : "the server \(address) has no kiosk schema; whoever administers the server runs 'kiosk server init' first"
        case .newerSchema(let address, let server, let known):
            return sv
                ? "servern \(address) har en nyare kioskversion (schema \(server), den här kiosken känner till \(known)); uppdatera kioskprogrammet — inget skickades"
                : "the server \(address) runs a newer kiosk schema (\(server); this kiosk knows \(known)); update the kiosk program — nothing was sent"
        case .permissionDenied(let address):
            return sv
                ? "servern \(address) tillåter inte det här för den användaren (kioskanvändare kan bara lämna intervjuer, rapportanvändare bara läsa antal); använd rätt användare"
                : "the server \(address) does not allow this for that user (kiosk users can only hand in interviews, report users only read counts); use the right user"
        case .connectionLost(let address):
            return sv
                ? "förbindelsen med servern \(address) bröts; det som servern inte bekräftat skickas igen nästa gång (inget skickas två gånger) — kör 'kiosk sync' igen"
                : "the connection to the server \(address) was lost; whatever the server did not confirm is sent again next time (nothing is sent twice) — run 'kiosk sync' again"
        case .notConfigured:
            return sv
                ? "ingen server är inställd; ange --server URL, eller spara den en gång med 'kiosk server set URL'"
                : "no server is set; give --server URL, or save it once with 'kiosk server set URL'"
        case .failed(let address, let state):
            return sv
                ? "servern \(address) svarade med fel \(state); inget bekräftades, så allt skickas igen nästa gång — be den som administrerar servern titta i dess logg"
                : "the server \(address) answered with error \(state); nothing was confirmed, so everything is sent again next time — ask whoever administers the server to look at its log"
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
