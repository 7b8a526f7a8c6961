import Foundation

/// A count of interviews together with the sum of their record keys: what every published number is
/// made from. Each interview gets a random record key when it is stored; the key of a cell is the sum of
/// its interviews' keys (modulo 2³²), so the same interviews always give the same cell key, whichever
/// table, split or export they appear in, and any other set of interviews gives an unrelated one.
public struct Tally: Hashable, Sendable, Codable {
    public var count: Int
    /// The sum of the record keys, wrapping at 2³².
    public var key: UInt32

    public init(count: Int = 0, key: UInt32 = 0) {
        self.count = count
        self.key = key
    }

    public static let zero = Tally()

    /// The interviews of both (they must be different interviews).
    public static func + (lhs: Tally, rhs: Tally) -> Tally {
        Tally(count: lhs.count.saturatingAdd(rhs.count), key: lhs.key &+ rhs.key)
    }

    /// The interviews of `lhs` that are not in `rhs` (`rhs` must be a part of `lhs`).
    public static func - (lhs: Tally, rhs: Tally) -> Tally {
        Tally(count: max(0, lhs.count - rhs.count), key: lhs.key &- rhs.key)
    }

    public static func += (lhs: inout Tally, rhs: Tally) { lhs = lhs + rhs }

    /// One interview with record key `key`.
    public static func one(_ key: UInt32) -> Tally { Tally(count: 1, key: key) }

    enum CodingKeys: String, CodingKey { case count = "n", key = "k" }
}

extension Tally: ExpressibleByIntegerLiteral {
    /// A count written as a number (in examples and tests): its key is made from the count, since the
    /// interviews behind it are not known.
    public init(integerLiteral count: Int) {
        self.init(count: count, key: UInt32(truncatingIfNeeded: count &* 2_654_435_761))
    }
}

extension Sequence where Element == Tally {
    /// The tally of all of them (disjoint sets of interviews).
    public func total() -> Tally { reduce(Tally.zero, +) }
}

/// The Cell Key Method, the way Statistics Sweden (SCB) publishes population statistics since 2025:
/// every count above zero — cells and totals alike — gets a small whole number added, looked up from its
/// cell key, so that no published number is the exact count of a small group.
///
/// The perturbation table: a count `n` is published as one of `n − D … n + D` (never below zero), but never
/// as 1 … `smallestPublished − 1` (by default never 1 or 2); the chances are highest for `n` itself and
/// fall off linearly, tilted so that the published value is right on average wherever the table allows it.
/// Zero stays zero. The same records always get the same noise, so asking again averages nothing away.
/// Parts need not add up to their totals, and a published 0 may stand for 0, 1 or 2.
///
/// The parameters are the kiosk's configuration (`kiosk publication set`, only before the first
/// publication), not printed with the figures.
public struct CellKeyMethod: Hashable, Sendable, Codable {
    /// The most a count is moved, up or down (D).
    public let maximumDeviation: Int
    /// The smallest count above zero that is ever published: 1 … this − 1 never appear.
    public let smallestPublished: Int
    /// The distributions of the counts near zero, where the table is cut off and tilted (worked out once).
    private let nearZero: [[Outcome]]

    public typealias Outcome = (value: Int, chance: Double)

    public static let standard = CellKeyMethod(maximumDeviation: 2, smallestPublished: 3)

    public init(maximumDeviation: Int, smallestPublished: Int) {
        let d = max(1, min(maximumDeviation, 10)), smallest = max(2, min(smallestPublished, 10))
        self.maximumDeviation = d
        self.smallestPublished = smallest
        nearZero = (0..<(smallest + d)).map { Self.cutOffDistribution(for: $0, d: d, smallest: smallest) }
    }

    public static func == (lhs: CellKeyMethod, rhs: CellKeyMethod) -> Bool {
        lhs.maximumDeviation == rhs.maximumDeviation && lhs.smallestPublished == rhs.smallestPublished
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(maximumDeviation)
        hasher.combine(smallestPublished)
    }

    enum CodingKeys: String, CodingKey {
        case maximumDeviation = "maximum_deviation", smallestPublished = "smallest_published"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(maximumDeviation: try container.decode(Int.self, forKey: .maximumDeviation),
                  smallestPublished: try container.decode(Int.self, forKey: .smallestPublished))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(maximumDeviation, forKey: .maximumDeviation)
        try container.encode(smallestPublished, forKey: .smallestPublished)
    }

    /// The values `n` may be published as, each with its chance, in increasing order of value.
    public func distribution(for n: Int) -> [Outcome] {
        guard n > 0 else { return [(0, 1)] }
        if n < nearZero.count { return nearZero[n] }
        // Nothing is cut off: the triangle around n is already right on average.
        let d = maximumDeviation
        let total = Double((d + 1) * (d + 1))
        return (-d...d).map { offset in (n.saturatingAdd(offset), Double(d + 1 - abs(offset)) / total) }
    }

    /// The distribution of a count so near zero that some of `n − d … n + d` may not be published.
    private static func cutOffDistribution(for n: Int, d: Int, smallest smallestPublished: Int) -> [Outcome] {
        guard n > 0 else { return [(0, 1)] }
        var weights: [Int: Double] = [:]
        for offset in -d...d {
            let value = max(0, n.saturatingAdd(offset))
            if value > 0 && value < smallestPublished { continue }
            weights[value, default: 0] += Double(d + 1 - abs(offset))
        }
        // Should n itself be forbidden (n < smallestPublished), its nearest allowed values take its chance.
        let values = weights.keys.sorted()
        let base = values.map { weights[$0]! }
        func chances(_ tilt: Double) -> [Double] {
            let raw = zip(values, base).map { value, weight in weight * exp(tilt * Double(value - n) / Double(d)) }
            let sum = raw.reduce(0, +)
            return raw.map { $0 / sum }
        }
        func mean(_ tilt: Double) -> Double { zip(values, chances(tilt)).map { Double($0) * $1 }.reduce(0, +) }
        // Tilt towards an unbiased mean, within bounds that keep every value possible.
        var low = -2.5, high = 2.5
        if mean(low) > Double(n) {
            return Array(zip(values, chances(low)))
        }
        if mean(high) < Double(n) {
            return Array(zip(values, chances(high)))
        }
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if mean(middle) < Double(n) { low = middle } else { high = middle }
        }
        return Array(zip(values, chances((low + high) / 2)))
    }

    /// The published value of `tally`: its count moved by the amount its cell key picks.
    public func publish(_ tally: Tally) -> Int {
        guard tally.count > 0 else { return 0 }
        let position = Double(tally.key) / 4_294_967_296.0
        var cumulative = 0.0
        if tally.count >= nearZero.count {
            // The plain triangle, without building it.
            let d = maximumDeviation
            let total = Double((d + 1) * (d + 1))
            for offset in -d...d {
                cumulative += Double(d + 1 - abs(offset)) / total
                if position < cumulative { return tally.count.saturatingAdd(offset) }
            }
            return tally.count.saturatingAdd(d)
        }
        let outcomes = distribution(for: tally.count)
        for outcome in outcomes {
            cumulative += outcome.chance
            if position < cumulative { return outcome.value }
        }
        return outcomes.last?.value ?? tally.count
    }

    /// Every true count that could be published as `value` (what a reader who knows the table can say).
    public func possibleCounts(publishedAs value: Int) -> [Int] {
        guard value >= 0 else { return [] }
        let low = max(0, value.saturatingAdd(-maximumDeviation)), high = value.saturatingAdd(maximumDeviation)
        return (low...high).filter { n in distribution(for: n).contains { $0.value == value && $0.chance > 0 } }
    }

    /// The published value of `tally` in the `round`th draw: round 0 is `publish(_:)`; a table whose
    /// first draw would let a reader work out a small count is drawn again (see `TableAudit`), each round
    /// with a key mixed from the cell key and the round, so the same interviews always end the same way.
    public func publish(_ tally: Tally, round: Int) -> Int {
        guard round > 0 else { return publish(tally) }
        var mixed = (UInt64(tally.key) << 32) | UInt64(UInt32(truncatingIfNeeded: round))
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58476d1ce4e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d049bb133111eb
        mixed ^= mixed >> 31
        return publish(Tally(count: tally.count, key: UInt32(truncatingIfNeeded: mixed >> 32)))
    }
}
