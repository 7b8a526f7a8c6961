/// A small, fast seeded generator (SplitMix64): the same seed gives the same sequence on every machine,
/// so a benchmark's generated data can be made again and a failing random test case replayed from its seed.
/// Used by the benchmarks and the tests only; the kiosk itself draws from the system's generator.
public struct SeededRandom: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0 ..< 1.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A line a person (or a cat on the keyboard) might type, for the random-input tests.
    public mutating func typedLine() -> String {
        let pieces = ["", " ", "1", "2", "3", "9", "0", "-1", "99999999999999999999", "ja", "nej", "Ja", "NEJ", "y", "n",
                      "<", "?", "-", "*", "!", "vet inte", "avbryt", "hjälp", "1,2", "1, 3", "2 3", ",", ",,", "a", "al",
                      "Kvinna", "kv", "m", "\t", "\u{1B}[A", "\u{0}", "é", "ö", "🙂", "'", "\"", "\\", "%s", "q",
                      String(repeating: "x", count: 600), "1.5", "+3", "٣", "Ｊａ", "\u{202E}nej"]
        let count = Int.random(in: 1...3, using: &self)
        return (0..<count).map { _ in pieces.randomElement(using: &self)! }.joined()
    }
}
