/// How long a kiosk waits without a key before it hides the screen: `300`, `90s`, `5m`, or `0` for never.
public enum IdleTimeout {
    /// The shortest timeout allowed (shorter would hide the screen while a person reads).
    public static let minimumSeconds = 5.0

    /// The timeout in seconds, `nil` for never; throws the reason when `text` is not a time.
    public static func seconds(_ text: String) throws(Problem) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let minutes = trimmed.hasSuffix("m")
        let digits = minutes || trimmed.hasSuffix("s") ? String(trimmed.dropLast()) : trimmed
        guard let value = Double(digits), value.isFinite, value >= 0 else { throw Problem(text: text) }
        if value == 0 { return nil }
        let seconds = value * (minutes ? 60 : 1)
        guard seconds >= minimumSeconds, seconds <= 24 * 3600 else { throw Problem(text: text) }
        return seconds
    }

    /// A time that cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public var text: String
        public var description: String {
            "--idle-timeout must be a time from 5 seconds to 24 hours, like 300, 90s or 5m (or 0 for never), not '\(text)'"
        }
    }
}
