/// A dimension a summary can be split by, besides gender (which it always is).
public enum SummaryDimension: Hashable, Sendable, Codable, CustomStringConvertible {
    case ageBand
    case site
    case period(Period)

    /// Calendar periods.
    public enum Period: String, Sendable, Codable, CaseIterable {
        case month, quarter, year
    }

    /// Reads `age-band`, `site`, `month`, `quarter` or `year`.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "age-band", "age_band", "age": self = .ageBand
        case "site": self = .site
        default:
            guard let period = Period(rawValue: text.lowercased()) else { return nil }
            self = .period(period)
        }
    }

    public var description: String {
        switch self {
        case .ageBand: return "age_band"
        case .site: return "site"
        case .period(let period): return period.rawValue
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = SummaryDimension(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown dimension \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The period a day falls in: `2026-11`, `2026-Q4` or `2026`.
    public static func period(_ period: Period, of day: Day) -> String {
        let year = day.description.prefix(4)
        switch period {
        case .month: return String(day.description.prefix(7))
        case .quarter: return "\(year)-Q\((day.month + 2) / 3)"
        case .year: return String(year)
        }
    }
}

/// What a summary covers and how it is published.
public struct SummaryOptions: Sendable, Hashable, Codable {
    /// Further splits, in order; gender is always the columns.
    public var groupBy: [SummaryDimension]
    /// The first and last day included.
    public var from: Day?
    public var to: Day?
    /// Counts from 1 to `minimumCell - 1` are suppressed.
    public var minimumCell: Int

    public init(groupBy: [SummaryDimension] = [], from: Day? = nil, to: Day? = nil, minimumCell: Int = Suppression.defaultMinimum) {
        self.groupBy = groupBy
        self.from = from
        self.to = to
        self.minimumCell = minimumCell
    }

    enum CodingKeys: String, CodingKey {
        case groupBy = "group_by"
        case from, to
        case minimumCell = "min_cell"
    }
}

/// Raw counts of completed interviews for one group (one combination of the split values), by gender
/// value (`nil` when not stated). Read from the store or merged from bundles; never published as is.
public struct GroupCounts: Sendable, Hashable, Codable {
    public var interviews: [String: Int] = [:]
    /// Question id → interviews that answered it (were shown it), by gender.
    public var asked: [String: [String: Int]] = [:]
    /// Question id → answer key (choice code, number, declined …) → interviews, by gender.
    public var answers: [String: [String: [String: Int]]] = [:]
    /// Referral rule id → interviews where it fired, by gender.
    public var referrals: [String: [String: Int]] = [:]
    /// Score id → value (or ``notScored``) → interviews, by gender.
    public var scores: [String: [String: [String: Int]]] = [:]
    /// Score id → band id → interviews, by gender: the band each interview was given at completion.
    public var bands: [String: [String: [String: Int]]] = [:]

    public init() {}

    /// The gender key used for "not stated".
    public static let notStated = "not_stated"
    /// The value key of a score without a value (too few items answered).
    public static let notScored = "not_scored"

    enum CodingKeys: String, CodingKey { case interviews, asked, answers, referrals, scores, bands }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        interviews = try c.decode([String: Int].self, forKey: .interviews)
        asked = try c.decode([String: [String: Int]].self, forKey: .asked)
        answers = try c.decode([String: [String: [String: Int]]].self, forKey: .answers)
        referrals = try c.decode([String: [String: Int]].self, forKey: .referrals)
        scores = try c.decode([String: [String: [String: Int]]].self, forKey: .scores)
        bands = try c.decodeIfPresent([String: [String: [String: Int]]].self, forKey: .bands) ?? [:]
    }

    /// Adds another set of counts to these.
    public mutating func add(_ other: GroupCounts) {
        func merge(_ a: inout [String: Int], _ b: [String: Int]) { for (k, v) in b { a[k, default: 0] += v } }
        merge(&interviews, other.interviews)
        for (q, g) in other.asked { merge(&asked[q, default: [:]], g) }
        for (q, byAnswer) in other.answers { for (a, g) in byAnswer { merge(&answers[q, default: [:]][a, default: [:]], g) } }
        for (r, g) in other.referrals { merge(&referrals[r, default: [:]], g) }
        for (s, byValue) in other.scores { for (v, g) in byValue { merge(&scores[s, default: [:]][v, default: [:]], g) } }
        for (s, byBand) in other.bands { for (b, g) in byBand { merge(&bands[s, default: [:]][b, default: [:]], g) } }
    }
}
