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
        case wrongPassphrase(Language)
        case noPassphraseGiven(Language)
        /// Ctrl-X at the prompt: the screen was hidden.
        case hidden

        public var errorDescription: String? {
            switch self {
            case .wrongPassphrase(let language): return Phrasebook(language).passphraseWrongThreeTimes
            case .noPassphraseGiven(let language): return Phrasebook(language).passphraseNotGiven
            case .hidden: return nil
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
    /// Ctrl-X at the prompt clears the screen and throws ``Refusal/hidden``.
    public func require(language: Language = .swedish) throws {
        guard let hash = try storedHash() else { return }
        let phrases = Phrasebook(language)
        for _ in 0..<3 {
            let failures = Int(try store.setting(Self.failuresKey) ?? "0") ?? 0
            let delay = PassphraseHash.delay(afterFailures: failures)
            if delay > 0 {
                // Typing during the wait is neither shown nor taken as the next attempt.
                console.withoutEcho {
                    console.write(phrases.passphraseWait(delay) + "\n")
                    wait(delay)
                }
            }
            let typed = try readPassphrase(prompt: phrases.passphrasePrompt, language: language)
            // The check takes a moment (scrypt): what is typed meanwhile is not shown either.
            var matches = false
            console.withoutEcho { matches = hash.matches(typed) }
            if matches {
                if failures > 0 { try store.setSetting(Self.failuresKey, to: nil, day: today()) }
                return
            }
            try store.setSetting(Self.failuresKey, to: String(failures + 1), day: today())
            console.write(console.yellow(phrases.passphraseWrong) + "\n")
        }
        throw Refusal.wrongPassphrase(language)
    }

    /// Reads one passphrase line; Ctrl-X hides the screen, anything but a line is "not given".
    private func readPassphrase(prompt: String, language: Language) throws -> String {
        switch console.readSecret(prompt: prompt) {
        case .line(let typed): return typed
        case .hidden:
            console.clearScreenAndScrollback()
            throw Refusal.hidden
        case .endOfInput, .interrupted, .idle:
            throw Refusal.noPassphraseGiven(language)
        }
    }

    /// Sets a new passphrase (asking for the current one first when one is set), typed twice.
    public func setPassphrase(language: Language = .swedish) throws {
        let phrases = Phrasebook(language)
        let hadOne = isSet
        try require(language: language)
        let first = try readPassphrase(prompt: phrases.newPassphrasePrompt, language: language)
        var made: Result<PassphraseHash, PassphraseHash.Problem> = .failure(.derivationFailed)
        // Hashing takes a moment: a passphrase typed before the next prompt shows is neither echoed nor kept.
        console.withoutEcho {
            do throws(PassphraseHash.Problem) { made = .success(try PassphraseHash.make(first, rounds: hashRounds)) } catch { made = .failure(error) }
        }
        let hash: PassphraseHash
        switch made {
        case .success(let value): hash = value
        case .failure(let problem): throw KioskError(phrases.passphraseProblem(problem))
        }
        let second = try readPassphrase(prompt: phrases.repeatPassphrasePrompt, language: language)
        guard second == first else { throw KioskError(phrases.passphrasesDiffer) }
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
