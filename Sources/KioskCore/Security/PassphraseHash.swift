import Crypto
import CryptoExtras
import Foundation

/// The staff passphrase, kept only as a salted, deliberately slow scrypt hash (swift-crypto's KDF).
///
/// Stored as `scrypt$N$r$p$salt$hash` with base64 salt and hash, so the cost can be raised later
/// without breaking stored hashes.
public struct PassphraseHash: Hashable, Sendable, CustomStringConvertible {
    /// scrypt's cost: 2^15 rounds, block size 8, one lane (32 MiB, a few tenths of a second).
    public static let defaultRounds = 1 << 15
    static let blockSize = 8
    static let parallelism = 1
    static let outputBytes = 32

    public let rounds: Int
    public let blockSize: Int
    public let parallelism: Int
    public let salt: Data
    public let hash: Data

    /// The shortest passphrase accepted.
    public static let minimumLength = 10

    /// Why a passphrase cannot be set.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case derivationFailed

        public var description: String {
            switch self {
            case .tooShort(let n):
                return "the passphrase has \(n) characters; use at least \(PassphraseHash.minimumLength) (a few words are easy to remember and hard to guess)"
            case .derivationFailed:
                return "the passphrase could not be hashed; try again"
            }
        }
    }

    /// Hashes a new passphrase with a fresh random salt.
    public static func make(_ passphrase: String, rounds: Int = defaultRounds) throws(Problem) -> PassphraseHash {
        guard passphrase.count >= minimumLength else { throw .tooShort(passphrase.count) }
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        guard let hash = derive(passphrase, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism) else {
            throw .derivationFailed
        }
        return PassphraseHash(rounds: rounds, blockSize: blockSize, parallelism: parallelism, salt: salt, hash: hash)
    }

    /// Reads a stored hash; `nil` when it is not one.
    public init?(_ stored: String) {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt",
              let rounds = Int(parts[1]), let blockSize = Int(parts[2]), let parallelism = Int(parts[3]),
              let salt = Data(base64Encoded: String(parts[4])), let hash = Data(base64Encoded: String(parts[5])),
              rounds > 1, rounds & (rounds - 1) == 0, blockSize > 0, parallelism > 0, !hash.isEmpty else { return nil }
        self.init(rounds: rounds, blockSize: blockSize, parallelism: parallelism, salt: salt, hash: hash)
    }

    private init(rounds: Int, blockSize: Int, parallelism: Int, salt: Data, hash: Data) {
        self.rounds = rounds
        self.blockSize = blockSize
        self.parallelism = parallelism
        self.salt = salt
        self.hash = hash
    }

    /// The stored form.
    public var description: String {
        "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(salt.base64EncodedString())$\(hash.base64EncodedString())"
    }

    /// Whether `passphrase` is the one this hash was made from. Compares in constant time.
    public func matches(_ passphrase: String) -> Bool {
        guard let candidate = Self.derive(passphrase, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism),
              candidate.count == hash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0
    }

    private static func derive(_ passphrase: String, salt: Data, rounds: Int, blockSize: Int, parallelism: Int) -> Data? {
        guard let key = try? KDF.Scrypt.deriveKey(
            from: Data(passphrase.utf8), salt: salt, outputByteCount: outputBytes,
            rounds: rounds, blockSize: blockSize, parallelism: parallelism, maxMemory: 256 * 1024 * 1024) else { return nil }
        return key.withUnsafeBytes { Data($0) }
    }

    /// Seconds to wait after `failures` wrong attempts in a row: 1, 2, 4, … up to 30.
    public static func delay(afterFailures failures: Int) -> Int {
        guard failures > 0 else { return 0 }
        return min(30, 1 << min(failures - 1, 5))
    }
}
