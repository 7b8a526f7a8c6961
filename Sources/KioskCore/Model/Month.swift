/// A calendar month: what an interview keeps of its date once it is finished, and the smallest period a
/// summary can cover. (A day would tie an interview to the referral raised on that day.)
public struct Month: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month a day falls in.
    public init(_ day: Day) {
        self.init(year: day.year, month: day.month)
    }

    /// Reads `YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1900, y <= 9999 else { return nil }
        self.init(year: y, month: m)
    }

    /// `YYYY-MM`.
    public var description: String {
        let y = String(year)
        let m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" + m : m)
    }

    /// The month after this one.
    public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }

    /// The months from `self` through `last`, in order (empty when `last` is earlier).
    public func through(_ last: Month) -> [Month] {
        var months: [Month] = []
        var current = self
        while current <= last && months.count < 12 * 200 {
            months.append(current)
            current = current.next
        }
        return months
    }

    /// The quarter's name (`2026-Q4`) and the year's (`2026`).
    public var quarter: String { "\(year)-Q\((month + 2) / 3)" }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = Month(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a month: \(text)"))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A named period of whole months: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-11`).
public enum PeriodName {
    /// The months the period covers, in order; `nil` when `text` names no period.
    public static func months(_ text: String) -> [Month]? {
        let trimmed = String(text.trimmingSpaces()).uppercased()
        if let month = Month(trimmed) { return [month] }
        if trimmed.count == 4, let year = Int(trimmed), year >= 1900, year <= 9999 {
            return Month(year: year, month: 1).through(Month(year: year, month: 12))
        }
        let parts = trimmed.split(separator: "-")
        if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 1900, year <= 9999, parts[1].count == 2,
           parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) {
            return Month(year: year, month: quarter * 3 - 2).through(Month(year: year, month: quarter * 3))
        }
        return nil
    }
}
