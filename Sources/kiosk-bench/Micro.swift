import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import SeededRandom
import Yams

/// Answer commit latency next to raw fsync on the same disk.
struct CommitLatency: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time answer commits and raw fsync in a data directory.")
    @Option var dataDir: String
    @Option var count: Int = 300
    @Option var formsDir: String = "Questionnaires"

    func run() throws {
        let result = try Measurements.commitLatency(dataDirectory: URL(fileURLWithPath: dataDir), formsDirectory: URL(fileURLWithPath: formsDir), count: count)
        print("commit (ms): \(result.commit)\nfsync (ms): \(result.fsync)")
    }
}

/// Loading and validating a generated form with thousands of questions.
struct Validation: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time validation of a generated form with N questions.")
    @Option var questions: Int = 5000
    @Option var runs: Int = 10
    @Flag(help: "Only load the form, runs times, and print nothing else (to profile the load alone with perf).")
    var loadOnly = false

    func run() throws {
        if loadOnly {
            let yaml = Measurements.generatedForm(questions: questions)
            for _ in 0..<runs { precondition(QuestionnaireLoader.load(yaml: yaml, file: "big.yaml").isValid) }
            return
        }
        let result = Measurements.validationWithParse(questions: questions, runs: runs)
        print("validate \(questions) questions (ms): \(result.total)\nof which Yams parse (ms): \(result.parse)")
        print("libyaml's \(result.events) events alone (ms): \(result.libyaml)")
    }
}

enum Measurements {
    static func commitLatency(dataDirectory: URL, formsDirectory: URL, count: Int) throws -> (commit: Stats, fsync: Stats) {
        let form = try FormCatalog.form("violence-seven", in: formsDirectory)
        let store = try AnswerStore.open(directory: dataDirectory)
        // Raw fsync: append 4 KiB and fsync, in the same directory (same disk). Each commit is followed by
        // one raw fsync, so both see the disk in the same moment: this machine's fsync drifts by half
        // between runs a minute apart, and a ratio of two separately timed series measured that drift.
        let path = dataDirectory.appendingPathComponent("fsync-probe").path
        let fd = open(path, O_CREAT | O_WRONLY | O_APPEND, 0o600)
        defer {
            close(fd)
            unlink(path)
        }
        let block = [UInt8](repeating: 7, count: 4096)
        var commits: [Double] = []
        var syncs: [Double] = []
        var interview = try store.beginInterview(form: form, language: .swedish, site: nil, day: Day.today())
        for i in 0..<count {
            if i % 8 == 0 {
                try store.abort(interview: interview, day: Day.today())
                interview = try store.beginInterview(form: form, language: .swedish, site: nil, day: Day.today())
            }
            let question = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"][i % 7]
            var started = now()
            try store.save([.saved(questionID: question, answer: .choice(i % 2 == 0 ? "yes" : "no"))], interview: interview, form: form)
            commits.append((now() - started) * 1000)
            started = now()
            _ = block.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            fsync(fd)
            syncs.append((now() - started) * 1000)
        }
        try store.abort(interview: interview, day: Day.today())
        return (Stats(commits), Stats(syncs))
    }

    /// A form of `questions` questions: yes/no, choices, scales and numbers, a third of them with conditions on
    /// earlier ones, ten scores and twenty rules, and a few examples.
    static func generatedForm(questions count: Int) -> String {
        var random = SeededRandom(seed: 5000)
        var yaml = "id: big\ntitle: {sv: Stort, en: Big}\nlanguages: [sv, en]\nquestions:\n"
        var kinds: [Int: String] = [:]
        for i in 1...count {
            let kind = ["yes_no", "single_choice", "scale", "number", "yes_no"][Int(random.next() % 5)]
            kinds[i] = kind
            yaml += "  - id: q\(i)\n    type: \(kind)\n    text: {sv: Fråga \(i), en: Question \(i)}\n"
            switch kind {
            case "single_choice":
                yaml += "    choices:\n" + (1...4).map { "      - {code: c\($0), text: {sv: Val \($0), en: Choice \($0)}, score: \($0 - 1)}\n" }.joined()
            case "scale": yaml += "    min: 1\n    max: 5\n"
            case "number": yaml += "    min: 0\n    max: 100\n"
            default: break
            }
            if i > 1, random.next() % 3 == 0 {
                let j = 1 + Int(random.next() % UInt64(i - 1))
                switch kinds[j]! {
                case "yes_no": yaml += "    show_if: q\(j) = yes\n"
                case "single_choice": yaml += "    show_if: q\(j) in (c1, c2) or q\(j) = declined\n"
                default: yaml += "    show_if: q\(j) >= 2\n"
                }
            }
        }
        let scored = kinds.filter { $0.value != "number" }.keys.sorted()
        yaml += "scores:\n"
        for s in 0..<10 {
            let items = stride(from: s, to: scored.count, by: 10).prefix(8).map { "q\(scored[$0])" }
            yaml += "  - {id: s\(s), label: {sv: S\(s), en: S\(s)}, sum: [\(items.joined(separator: ", "))]}\n"
        }
        yaml += "referrals:\n"
        let yesNo = kinds.filter { $0.value == "yes_no" }.keys.sorted()
        for r in 0..<20 {
            yaml += "  - {id: r\(r), when: q\(yesNo[r * 7 % yesNo.count]) = yes or s\(r % 10) >= 3, level: routine, message: {sv: M, en: M}}\n"
        }
        yaml += "examples:\n  - {name: nothing, answers: {}, expect: {referrals: []}}\n"
        return yaml
    }

    static func validation(questions: Int, runs: Int) -> Stats {
        validationWithParse(questions: questions, runs: runs).total
    }

    /// The whole load (YAML parse, reading, validation, examples), the YAML parse alone (Yams building
    /// and freeing its node tree), and libyaml's event stream alone (the C parser under Yams, nothing
    /// built), in milliseconds.
    static func validationWithParse(questions: Int, runs: Int) -> (total: Stats, parse: Stats, libyaml: Stats, events: Int, bytes: Int) {
        let yaml = generatedForm(questions: questions)
        var times: [Double] = []
        var parses: [Double] = []
        var floors: [Double] = []
        var events = 0
        for _ in 0..<runs {
            let started = now()
            let loaded = QuestionnaireLoader.load(yaml: yaml, file: "big.yaml")
            times.append((now() - started) * 1000)
            precondition(loaded.questionnaire?.questions.count == questions, "the generated form did not load: \(loaded.diagnostics.prefix(3))")
            let parseStarted = now()
            do {
                let node = try Yams.compose(yaml: yaml, .basic)
                precondition(node != nil)
            } catch {
                preconditionFailure("\(error)")
            }
            parses.append((now() - parseStarted) * 1000)
            let floorStarted = now()
            guard let count = LibyamlFloor.countEvents(yaml) else { preconditionFailure("libyaml could not read the generated form") }
            floors.append((now() - floorStarted) * 1000)
            events = count
        }
        return (Stats(times), Stats(parses), Stats(floors), events, yaml.utf8.count)
    }
}
