import Crypto
import Foundation

extension Questionnaire {
    /// The form's content as canonical JSON: everything that shapes an interview, a score or a referral,
    /// without comments, layout, source locations or the form's examples. Stored with each version.
    public var canonicalDefinition: Data {
        var content = self
        content.examples = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types into JSON cannot fail.
        return (try? encoder.encode(content)) ?? Data()
    }

    /// The SHA-256 of ``canonicalDefinition`` in hex: identifies one version of the form.
    /// Reformatting the file or editing its examples keeps the hash; any change to content changes it.
    public var contentHash: String {
        SHA256.hash(data: canonicalDefinition).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads a form back from its ``canonicalDefinition``.
    public static func fromCanonicalDefinition(_ data: Data) throws -> Questionnaire {
        try JSONDecoder().decode(Questionnaire.self, from: data)
    }
}
