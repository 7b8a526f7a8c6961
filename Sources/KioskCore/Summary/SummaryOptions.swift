/// A dimension a summary can be split by, besides gender (which it always is).
public enum SummaryDimension: Hashable, Sendable, Codable, CustomStringConvertible {
    case ageBand
    case site
    /// The organisation (förbund) a kiosk belongs to: for the national picture on the central server.
    case organisation
    /// The language the participant answered in (summaries can show how many answered in each).
    case language
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
        case "organisation", "organization", "förbund", "forbund": self = .organisation
        case "language", "lang", "språk", "sprak": self = .language
        default:
            guard let period = Period(rawValue: text.lowercased()) else { return nil }
            self = .period(period)
        }
    }

    public var description: String {
        switch self {
        case .ageBand: return "age_band"
        case .site: return "site"
        case .organisation: return "organisation"
        case .language: return "language"
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

    /// The period a month falls in: `2026-11`, `2026-Q4` or `2026`.
    public static func period(_ period: Period, of month: Month) -> String {
        switch period {
        case .month: return month.description
        case .quarter: return month.quarter
        case .year: return String(month.year)
        }
    }

    /// The splits a summary may use: gender always, with at most one of age band, site and organisation,
    /// and at most one calendar period. A fixed catalogue, so that figures cannot be cut in ever new ways
    /// and subtracted.
    public static func isInCatalogue(_ dimensions: [SummaryDimension]) -> Bool {
        let groups = dimensions.filter { $0 == .ageBand || $0 == .site || $0 == .organisation || $0 == .language }
        let periods = dimensions.filter { if case .period = $0 { return true } else { return false } }
        return groups.count <= 1 && periods.count <= 1 && Set(dimensions).count == dimensions.count
            && groups.count + periods.count == dimensions.count
    }
}

/// What a summary covers and how it is published.
public struct SummaryOptions: Sendable, Hashable, Codable {
    /// Further splits, in order; gender is always the columns.
    public var groupBy: [SummaryDimension]
    /// The first and last month included (whole months only).
    public var from: Month?
    public var to: Month?
    /// Sections with fewer published interviews than this show nothing; see ``Publication``.
    public var minimumCell: Int
    /// How counts are perturbed (the kiosk's configuration; not written into the output).
    public var method: CellKeyMethod

    public init(groupBy: [SummaryDimension] = [], from: Month? = nil, to: Month? = nil,
                minimumCell: Int = Publication.defaultMinimum, method: CellKeyMethod = .standard) {
        self.groupBy = groupBy
        self.from = from
        self.to = to
        self.minimumCell = minimumCell
        self.method = method
    }

    enum CodingKeys: String, CodingKey {
        case groupBy = "group_by"
        case from, to
        case minimumCell = "min_cell"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groupBy = try c.decode([SummaryDimension].self, forKey: .groupBy)
        from = try c.decodeIfPresent(Month.self, forKey: .from)
        to = try c.decodeIfPresent(Month.self, forKey: .to)
        minimumCell = try c.decode(Int.self, forKey: .minimumCell)
        method = .standard
    }

    /// The parameters of the perturbation are not written: they are not to be published.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(groupBy, forKey: .groupBy)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(to, forKey: .to)
        try c.encode(minimumCell, forKey: .minimumCell)
    }
}

/// Raw counts of interviews for one group (one combination of the split values), by gender value, each
/// with its cell key. Read from the store or merged from bundles; never published as they are.
public struct GroupCounts: Sendable, Hashable, Codable {
    /// Completed interviews, by gender.
    public var interviews: [String: Tally] = [:]
    /// Question id → interviews that answered it (were shown it), by gender.
    public var asked: [String: [String: Tally]] = [:]
    /// Question id → answer key (choice code, number, declined …) → interviews, by gender.
    public var answers: [String: [String: [String: Tally]]] = [:]
    /// Referral rule id → interviews where it fired, by gender.
    public var referrals: [String: [String: Tally]] = [:]
    /// Score id → value (or ``notScored``) → interviews, by gender.
    public var scores: [String: [String: [String: Tally]]] = [:]
    /// Score id → band id → interviews, by gender: the band each interview was given at completion.
    public var bands: [String: [String: [String: Tally]]] = [:]
    /// Whether the questions were asked at all: ``Coverage`` key → interviews or records, by gender
    /// (completed interviews are counted in ``interviews``).
    public var coverage: [String: [String: Tally]] = [:]

    public init() {}

    /// The gender key used for "not stated".
    public static let notStated = "not_stated"
    /// The value key of a score without a value (too few items answered).
    public static let notScored = "not_scored"

    /// The gender column a stored gender value counts under: don't know (which older versions could
    /// store) and anything unknown count as not stated.
    public static func genderColumn(_ stored: String?) -> String {
        guard let stored else { return notStated }
        return Breakdown.genderCodes.contains(stored) || stored == Answer.declinedCode ? stored : notStated
    }

    enum CodingKeys: String, CodingKey { case interviews, asked, answers, referrals, scores, bands, coverage }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        interviews = try c.decode([String: Tally].self, forKey: .interviews)
        asked = try c.decode([String: [String: Tally]].self, forKey: .asked)
        answers = try c.decode([String: [String: [String: Tally]]].self, forKey: .answers)
        referrals = try c.decode([String: [String: Tally]].self, forKey: .referrals)
        scores = try c.decode([String: [String: [String: Tally]]].self, forKey: .scores)
        bands = try c.decodeIfPresent([String: [String: [String: Tally]]].self, forKey: .bands) ?? [:]
        coverage = try c.decodeIfPresent([String: [String: Tally]].self, forKey: .coverage) ?? [:]
    }

    /// Adds another set of counts to these (of other interviews).
    public mutating func add(_ other: GroupCounts) {
        func merge(_ a: inout [String: Tally], _ b: [String: Tally]) { for (k, v) in b { a[k, default: .zero] += v } }
        merge(&interviews, other.interviews)
        for (q, g) in other.asked { merge(&asked[q, default: [:]], g) }
        for (q, byAnswer) in other.answers { for (a, g) in byAnswer { merge(&answers[q, default: [:]][a, default: [:]], g) } }
        for (r, g) in other.referrals { merge(&referrals[r, default: [:]], g) }
        for (s, byValue) in other.scores { for (v, g) in byValue { merge(&scores[s, default: [:]][v, default: [:]], g) } }
        for (s, byBand) in other.bands { for (b, g) in byBand { merge(&bands[s, default: [:]][b, default: [:]], g) } }
        for (k, g) in other.coverage { merge(&coverage[k, default: [:]], g) }
    }

    /// Every count, for checks of a bundle: none may be negative.
    public var allTallies: [Tally] {
        var all = Array(interviews.values)
        all += asked.values.flatMap(\.values) + referrals.values.flatMap(\.values) + coverage.values.flatMap(\.values)
        all += answers.values.flatMap { $0.values.flatMap(\.values) }
        all += scores.values.flatMap { $0.values.flatMap(\.values) } + bands.values.flatMap { $0.values.flatMap(\.values) }
        return all
    }
}

/// Whether the questions were asked: besides completed interviews, those started and not finished, and the
/// times staff recorded that they were not asked, and why.
public enum Coverage: String, Sendable, Codable, CaseIterable {
    /// Started, but aborted before the end (its answers are deleted).
    case unfinished
    /// Not asked: a partner, relative or other companion was in the room.
    case companion
    /// Not asked: no interpreter.
    case noInterpreter = "no_interpreter"
    /// The participant did not want to start.
    case declinedToStart = "declined_to_start"
    /// Not asked for another reason.
    case other

    /// The reasons staff can record (everything but ``unfinished``).
    public static var reasons: [Coverage] { [.companion, .noInterpreter, .declinedToStart, .other] }
}
