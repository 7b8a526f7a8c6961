import KioskTestSupport
import KioskCore
import Testing

/// The staff passphrase is kept only as a salted scrypt hash.
@Suite struct PassphraseHashTests {
    init() { ShippedLanguages.install() }

    @Test func theRightPassphraseMatchesAndAWrongOneDoesNot() throws {
        let hash = try PassphraseHash.make("korrekt häst batteri", rounds: 1 << 10)
        #expect(hash.matches("korrekt häst batteri"))
        #expect(!hash.matches("korrekt häst batterI"))
        #expect(!hash.matches(""))
    }

    @Test func theStoredFormReadsBackAndNeverContainsThePassphrase() throws {
        let hash = try PassphraseHash.make("korrekt häst batteri", rounds: 1 << 10)
        let stored = hash.description
        #expect(stored.hasPrefix("scrypt$1024$8$1$"))
        #expect(!stored.contains("korrekt"))
        let restored = try #require(PassphraseHash(stored))
        #expect(restored.matches("korrekt häst batteri"))
        #expect(PassphraseHash("plain text") == nil)
        #expect(PassphraseHash("scrypt$1000$8$1$AAAA$AAAA") == nil, "rounds must be a power of two")
    }

    @Test func twoHashesOfOnePassphraseDifferByTheirSalt() throws {
        let a = try PassphraseHash.make("samma lösenfras", rounds: 1 << 10)
        let b = try PassphraseHash.make("samma lösenfras", rounds: 1 << 10)
        #expect(a.salt != b.salt)
        #expect(a.hash != b.hash)
    }

    @Test func theDefaultCostIsDeliberatelySlow() {
        #expect(PassphraseHash.defaultRounds >= 1 << 14)
    }

    @Test func aShortPassphraseIsRefusedWithAReason() {
        #expect(throws: PassphraseHash.Problem.tooShort(5)) { try PassphraseHash.make("abcde") }
        #expect(PassphraseHash.Problem.tooShort(5).description.contains("at least 10"))
    }

    @Test func wrongAttemptsWaitLongerEachTimeUpToHalfAMinute() {
        #expect((0...8).map { PassphraseHash.delay(afterFailures: $0) } == [0, 1, 2, 4, 8, 16, 30, 30, 30])
    }
}
