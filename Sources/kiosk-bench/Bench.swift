import ArgumentParser
import Foundation

/// `kiosk-bench`: measures what users feel and what scale costs, and writes BENCHMARKS.md.
/// Run it through `Scripts/benchmark.sh`, which builds everything in release first.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-bench",
        abstract: "Benchmarks for the screening kiosk (start-up, answer commit, national-scale summaries, validation).",
        subcommands: [RunAll.self, Generate.self, CommitLatency.self, Validation.self, ServerBenchmark.self],
        defaultSubcommand: RunAll.self)
}

/// Median, spread and high percentiles of a set of measurements.
struct Stats: CustomStringConvertible {
    var values: [Double]

    init(_ values: [Double]) { self.values = values.sorted() }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let rank = p / 100 * Double(values.count - 1)
        let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
        return values[low] + (values[high] - values[low]) * (rank - Double(low))
    }

    var median: Double { percentile(50) }
    var min: Double { values.first ?? .nan }
    var max: Double { values.last ?? .nan }

    var description: String {
        "median \(format(median)), p10–p90 \(format(percentile(10)))–\(format(percentile(90))), min \(format(min)), max \(format(max)) (n=\(values.count))"
    }
}

func format(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
}

/// Monotonic time in seconds.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
