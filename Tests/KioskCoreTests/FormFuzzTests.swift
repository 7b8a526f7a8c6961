import KioskTestSupport
import Foundation
import KioskCore
import SeededRandom
import Testing

/// Form files are untrusted input. Thousands of mutants of every shipped form — broken lines, hostile
/// YAML, control characters, huge numbers, deep nesting — are loaded: none may crash, hang, grow memory
/// without bound, or give an error without a line and column. `KIOSK_FUZZ_MUTANTS` (per form, default
/// 600) and `KIOSK_FUZZ_SEED` set the run; `Scripts/fuzz-forms.sh` runs 100 000.
@Suite struct FormFuzzTests {
    init() { ShippedLanguages.install() }

    static let perForm = Int(ProcessInfo.processInfo.environment["KIOSK_FUZZ_MUTANTS"] ?? "") ?? 600
    static let seed = UInt64(ProcessInfo.processInfo.environment["KIOSK_FUZZ_SEED"] ?? "") ?? 42

    /// Pieces an editor, a bad copy-paste or an attacker might put into a form file.
    static let hostile = [
        "&a", "*a", "*undefined", "!!binary", "!!python/object", "---", "...", "? ", "%YAML 1.1", "|", ">", "- ",
        String(repeating: "[", count: 5_000), String(repeating: "{a: ", count: 2_000), "\u{0}", "\u{1B}[2J", "\\e[31m",
        "\"\\x1b\"", "\"\\u0007\"", "\u{7F}", "\u{85}", "\u{FEFF}", "\u{202E}", "\t", "\r", "99999999999999999999999",
        "9223372036854775807", "-9223372036854775808", "2147483648", "1e400", "0x7fffffff", ".inf", "~", "null",
        String(repeating: "not ", count: 2_000) + "q1 = yes", String(repeating: "(", count: 10_000) + "q1 = yes",
        String(repeating: "x", count: 100_000), "{sv: , en: }", "[]", "{}", "''", "\"\"", "🙂", "ö", "\\",
    ]

    static func mutate(_ lines: [String], using random: inout SeededRandom) -> [String] {
        var mutated = lines
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !mutated.isEmpty else { break }
            let i = Int.random(in: 0..<mutated.count, using: &random)
            let piece = hostile.randomElement(using: &random)!
            switch Int.random(in: 0..<12, using: &random) {
            case 0: mutated.remove(at: i)
            case 1: mutated.insert(mutated[i], at: i)
            case 2: mutated[i] = String(mutated[i].shuffled(using: &random))
            case 3: mutated[i] = "  " + mutated[i]
            case 4: mutated[i] = String(mutated[i].dropLast(Int.random(in: 0...5, using: &random)))
            case 5: mutated[i] += [": x", " #", "{", "]", "'", " - y", "\t"].randomElement(using: &random)!
            case 6: mutated.swapAt(i, Int.random(in: 0..<mutated.count, using: &random))
            case 7: mutated[i] += " " + piece
            case 8:
                // A value replaced: after the first ': ' on the line.
                if let colon = mutated[i].range(of: ": ") { mutated[i] = String(mutated[i][..<colon.upperBound]) + piece }
            case 9:
                let position = mutated[i].index(mutated[i].startIndex, offsetBy: Int.random(in: 0...mutated[i].count, using: &random))
                mutated[i].insert(contentsOf: piece, at: position)
            case 10: mutated.insert(piece, at: i)
            default: mutated[i] = mutated[i].replacingOccurrences(of: ["yes", "q1", "kvinna", ">=", "sv", "4", "1"].randomElement(using: &random)!,
                                                                 with: ["no", "q9", "woman", "<", "de", "2147483648", "-99999999999"].randomElement(using: &random)!)
            }
        }
        return mutated
    }

    /// The most memory the process has used so far, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test func thousandsOfMutantsOfEveryShippedFormNeverCrashHangOrLoseTheirPlace() throws {
        var random = SeededRandom(seed: Self.seed)
        var total = 0, valid = 0, slowest = 0.0
        let memoryBefore = Self.peakMemory()
        for url in try shippedFormURLs() {
            let text = try String(contentsOf: url, encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            for _ in 0..<Self.perForm {
                let mutant = Self.mutate(lines, using: &random).joined(separator: "\n")
                let started = Date()
                let loaded = QuestionnaireLoader.load(yaml: mutant, file: url.lastPathComponent)
                if loaded.isValid, let form = loaded.questionnaire {
                    valid += 1
                    _ = form.assess([:])
                    _ = form.contentHash
                }
                let seconds = Date().timeIntervalSince(started)
                slowest = max(slowest, seconds)
                total += 1
                #expect(seconds < 5, "a mutant of \(url.lastPathComponent) took \(seconds) s")
                for diagnostic in loaded.diagnostics where diagnostic.severity == .error {
                    #expect(diagnostic.location != nil, "every error has its line and column: \(diagnostic)")
                    #expect(diagnostic.fix != nil, "every error says how to fix it: \(diagnostic)")
                }
            }
        }
        let grown = Self.peakMemory() - memoryBefore
        #expect(grown < 300 * 1024 * 1024, "memory grew by \(grown / 1_048_576) MB")
        #expect(total == 5 * Self.perForm)
        #expect(valid > 0 && valid < total)
        print("fuzzed \(total) form mutants (\(valid) still valid), slowest \(String(format: "%.3f", slowest)) s")
    }
}
