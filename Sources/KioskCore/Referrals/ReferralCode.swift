/// A short code staff note in their own case system to follow up one referral.
///
/// Eight characters from Crockford's base-32 alphabet (digits and letters without I, L, O and U, so
/// nothing is mistaken for something else), the last one a Luhn mod 32 check character that catches
/// every single mistyped character and most swapped neighbours. Shown as `ABCD-EFGH`.
public struct ReferralCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The alphabet, in value order.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Random characters before the check character.
    public static let payloadLength = 7

    /// The eight characters without the dash.
    public let value: String

    private init(value: String) { self.value = value }

    /// `ABCD-EFGH`.
    public var description: String {
        "\(value.prefix(4))-\(value.dropFirst(4))"
    }

    public static func < (lhs: ReferralCode, rhs: ReferralCode) -> Bool { lhs.value < rhs.value }

    /// A new random code.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ReferralCode {
        let payload = (0..<payloadLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return ReferralCode(value: String(payload) + String(checkCharacter(for: payload)))
    }

    /// A new random code from the system's random source.
    public static func random() -> ReferralCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// Why typed text is not a referral code.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Not eight characters (dashes and spaces aside).
        case wrongLength(Int)
        /// A character outside the alphabet.
        case invalidCharacter(Character)
        /// The check character does not match: a character is mistyped.
        case checkFailed

        public var description: String { message(in: .english) }

        /// The problem in plain words, in `language` (Swedish or English).
        public func message(in language: Language) -> String {
            let phrases = Phrasebook(language)
            switch self {
            case .wrongLength(let n): return phrases.text("code.wrong_length", ["count": String(n)])
            case .invalidCharacter(let c): return phrases.text("code.invalid_character", ["character": String(c)])
            case .checkFailed: return phrases.text("code.check_failed")
            }
        }
    }

    /// Reads a code as staff type it: any case, with or without the dash or spaces; O is read as 0,
    /// I and L as 1.
    public static func parse(_ text: String) -> Result<ReferralCode, ParseError> {
        var characters: [Character] = []
        for c in text.uppercased() where c != "-" && c != " " {
            switch c {
            case "O": characters.append("0")
            case "I", "L": characters.append("1")
            default:
                guard alphabet.contains(c) else { return .failure(.invalidCharacter(c)) }
                characters.append(c)
            }
        }
        guard characters.count == payloadLength + 1 else { return .failure(.wrongLength(characters.count)) }
        guard checkCharacter(for: Array(characters.prefix(payloadLength))) == characters.last else {
            return .failure(.checkFailed)
        }
        return .success(ReferralCode(value: String(characters)))
    }

    /// Luhn mod N over the alphabet.
    static func checkCharacter(for payload: [Character]) -> Character {
        let n = alphabet.count
        var factor = 2
        var sum = 0
        for c in payload.reversed() {
            let value = alphabet.firstIndex(of: c) ?? 0
            var addend = factor * value
            factor = factor == 2 ? 1 : 2
            addend = addend / n + addend % n
            sum += addend
        }
        return alphabet[(n - sum % n) % n]
    }
}
