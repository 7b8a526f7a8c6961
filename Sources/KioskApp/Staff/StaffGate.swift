import Foundation
import KioskCore
import KioskStore
import KioskTerminal

/// Guards staff functions with the staff passphrase, when a coordinator has set one.
///
/// Wrong attempts wait longer each time (1, 2, 4 … 30 seconds; the count survives restarts), and three
/// wrong attempts in a row end the attempt.
public final class StaffGate {
    /// The setting that holds the passphrase's hash.
    public static let hashKey = "passphrase_hash"
    static let failuresKey = "passphrase_failures"

    /// Why staff access was refused.
    public enum Refusal: Error, LocalizedError, Equatable {
        case wrongPassphrase
        case noPassphraseGiven

        public var errorDescription: String? {
            switch self {
            case .wrongPassphrase: return "the staff passphrase was wrong three times; wait a moment and try again, or ask the coordinator"
            case .noPassphraseGiven: return "this needs the staff passphrase, and none was typed"
            }
        }
    }

    let store: AnswerStore
    let console: any Console
    let today: () -> Day
    let wait: (Int) -> Void
    let hashRounds: Int

    /// `wait` sleeps the given seconds (injected so tests need not); `hashRounds` is scrypt's cost for
    /// new passphrases.
    public init(store: AnswerStore, console: any Console, today: @escaping () -> Day = Day.today,
                wait: @escaping (Int) -> Void = { if $0 > 0 { sleep(UInt32($0)) } },
                hashRounds: Int = PassphraseHash.defaultRounds) {
        self.store = store
        self.console = console
        self.today = today
        self.wait = wait
        self.hashRounds = hashRounds
    }

    /// The stored hash, when a passphrase is set.
    public func storedHash() throws -> PassphraseHash? {
        try store.setting(Self.hashKey).flatMap(PassphraseHash.init)
    }

    /// Whether a passphrase is set.
    public var isSet: Bool { (try? storedHash()) != nil }

    /// Asks for the passphrase when one is set; throws ``Refusal`` when it is not given correctly.
    public func require(language: Language = .swedish) throws {
        guard let hash = try storedHash() else { return }
        let english = language == .english
        for _ in 0..<3 {
            let failures = Int(try store.setting(Self.failuresKey) ?? "0") ?? 0
            let delay = PassphraseHash.delay(afterFailures: failures)
            if delay > 0 {
                // Typing during the wait is neither shown nor taken as the next attempt.
                console.withoutEcho {
                    console.write(english ? "Wait \(delay) s…\n" : "Vänta \(delay) s…\n")
                    wait(delay)
                }
            }
            guard case .line(let typed) = console.readSecret(prompt: english ? "Staff passphrase: " : "Personalens lösenfras: ") else {
                throw Refusal.noPassphraseGiven
            }
            if hash.matches(typed) {
                if failures > 0 { try store.setSetting(Self.failuresKey, to: nil, day: today()) }
                return
            }
            try store.setSetting(Self.failuresKey, to: String(failures + 1), day: today())
            console.write(console.yellow(english ? "That is not the passphrase." : "Det är inte lösenfrasen.") + "\n")
        }
        throw Refusal.wrongPassphrase
    }

    /// Sets a new passphrase (asking for the current one first when one is set), typed twice.
    public func setPassphrase(language: Language = .swedish) throws {
        let english = language == .english
        let hadOne = isSet
        try require(language: language)
        guard case .line(let first) = console.readSecret(prompt: english ? "New passphrase: " : "Ny lösenfras: ") else {
            throw Refusal.noPassphraseGiven
        }
        let hash: PassphraseHash
        do {
            hash = try PassphraseHash.make(first, rounds: hashRounds)
        } catch {
            throw KioskError(error.description)
        }
        guard case .line(let second) = console.readSecret(prompt: english ? "Type it again: " : "Skriv den igen: "), second == first else {
            throw KioskError(english ? "the two passphrases differ; nothing was changed" : "lösenfraserna skiljer sig åt; inget ändrades")
        }
        try store.setSetting(Self.hashKey, to: hash.description, audit: hadOne ? .passphraseChanged : .passphraseSet, day: today())
        try store.setSetting(Self.failuresKey, to: nil, day: today())
    }

    /// Removes the passphrase (after asking for it).
    public func removePassphrase(language: Language = .swedish) throws {
        guard isSet else { return }
        try require(language: language)
        try store.setSetting(Self.hashKey, to: nil, audit: .passphraseRemoved, day: today())
    }
}

/// A complete, plain error message for the user.
public struct KioskError: Error, LocalizedError, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}
