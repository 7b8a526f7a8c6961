import KioskCore
import KioskTerminal

/// The passphrase a bundle is sealed with, shared by the kiosks and the coordinator (not the staff
/// passphrase of any one kiosk).
public enum BundlePassphrase {
    /// Reads it (twice when sealing, so a typo does not lock the bundle for good).
    public static func read(console: any Console, language: Language, twice: Bool) throws -> String {
        let phrases = Phrasebook(language)
        guard case .line(let first) = console.readSecret(prompt: phrases.bundlePassphrasePrompt) else {
            throw KioskError(phrases.bundlePassphraseNotGiven)
        }
        if twice {
            guard case .line(let second) = console.readSecret(prompt: phrases.repeatPassphrasePrompt), second == first else {
                throw KioskError(phrases.passphrasesDiffer)
            }
        }
        return first
    }
}
