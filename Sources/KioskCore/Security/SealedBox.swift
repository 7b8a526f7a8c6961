import Crypto
import CryptoExtras
import Foundation

/// Data locked with a passphrase (a bundle of unpublished counts on its way to the coordinator): AES-GCM
/// with a key derived by scrypt, so the file is unreadable without the passphrase and any change to it
/// is noticed.
public enum SealedBox {
    /// Why sealed data cannot be opened.
    public enum Problem: Error, Hashable, Sendable {
        /// The passphrase is wrong, or the data was changed.
        case cannotOpen
        /// Not sealed data at all.
        case notSealed
        /// The passphrase is too short to protect the data.
        case passphraseTooShort(Int)
    }

    /// The shortest passphrase accepted.
    public static let minimumLength = 10

    struct Envelope: Codable {
        var salt: String
        var rounds: Int
        var sealed: String
    }

    /// `data` sealed with `passphrase`, as the bytes of a small JSON envelope.
    public static func seal(_ data: Data, passphrase: String, rounds: Int = 1 << 15) throws(Problem) -> Data {
        guard passphrase.count >= minimumLength else { throw .passphraseTooShort(passphrase.count) }
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        guard let key = key(passphrase, salt: salt, rounds: rounds),
              let box = try? AES.GCM.seal(data, using: key), let combined = box.combined else { throw .cannotOpen }
        let envelope = Envelope(salt: salt.base64EncodedString(), rounds: rounds, sealed: combined.base64EncodedString())
        return (try? JSONEncoder().encode(envelope)) ?? Data()
    }

    /// The data inside `sealed`, when `passphrase` opens it.
    public static func open(_ sealed: Data, passphrase: String) throws(Problem) -> Data {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: sealed),
              let salt = Data(base64Encoded: envelope.salt), let combined = Data(base64Encoded: envelope.sealed),
              envelope.rounds > 1, envelope.rounds <= 1 << 20, envelope.rounds & (envelope.rounds - 1) == 0 else { throw .notSealed }
        guard let key = key(passphrase, salt: salt, rounds: envelope.rounds),
              let box = try? AES.GCM.SealedBox(combined: combined), let data = try? AES.GCM.open(box, using: key) else {
            throw .cannotOpen
        }
        return data
    }

    private static func key(_ passphrase: String, salt: Data, rounds: Int) -> SymmetricKey? {
        guard let derived = try? KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: salt, outputByteCount: 32,
                                                      rounds: rounds, blockSize: 8, parallelism: 1, maxMemory: 64 * 1024 * 1024) else { return nil }
        return derived
    }
}
