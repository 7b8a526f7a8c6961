import Foundation
import GRDB
import KioskCore
import KioskStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A killed kiosk loses at most the answer being typed: SIGKILL at random points of scripted interviews.
///
/// Runs `KIOSK_KILL_RUNS` kills (200 by default; `Scripts/kill-test.sh` runs more).
@Suite(.serialized) struct CrashRecoveryTests {
    /// One HARK interview: start, five answers, save, clear.
    static let answers = ["ja", "nej", "-", "nej", "kvinna"]
    static let interview = [""] + answers + ["", ""]
    static let order = ["humiliated", "afraid", "raped", "kicked", "gender"]
    static let expected: Answers = [
        "humiliated": .choice("yes"), "afraid": .choice("no"), "raped": .declined, "kicked": .choice("no"), "gender": .choice("kvinna"),
    ]

    @Test func killingTheKioskAnywhereNeverDamagesDataAndTheInterruptedInterviewResumes() throws {
        let runs = Int(ProcessInfo.processInfo.environment["KIOSK_KILL_RUNS"] ?? "") ?? 200
        let scratch = try Scratch()
        let form = try #require(try? QuestionnaireLoader.load(
            yaml: String(contentsOfFile: repositoryForms + "/hark.yaml", encoding: .utf8), file: "hark.yaml").questionnaire)
        let script = Array(repeating: Self.interview, count: 3).flatMap { $0 }.joined(separator: "\n") + "\n"
        var generator = SystemRandomNumberGenerator()
        // How long a whole uninterrupted run takes here, so kills spread over all of it.
        let calibration = try Scratch()
        let started = Date()
        #expect(try runKiosk(["interview", "hark"], input: script, in: calibration).status == 0)
        let span = UInt32(max(20_000, Date().timeIntervalSince(started) * 1_000_000 * 1.1))
        var resumed = 0
        var completedBefore = 0
        for run in 0..<runs {
            // Kill somewhere between start-up and the end of the third interview.
            let (pid, _, _) = try spawnKiosk(["interview", "hark"], input: script, in: scratch)
            usleep(UInt32.random(in: 0...span, using: &generator))
            kill(pid, SIGKILL)
            _ = waitForExit(pid, timeout: 10)

            let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
            let check = try DatabaseQueue(path: scratch.dataDir + "/kiosk.sqlite").read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"], "run \(run): integrity")
            let complete = try store.interviews(status: .complete)
            #expect(complete.count >= completedBefore, "run \(run): no completed interview is lost")
            for record in complete {
                #expect(try store.answers(of: record.id, form: form) == Self.expected, "run \(run): completed interviews are intact")
            }
            #expect(try store.interviews(status: .aborted).isEmpty)
            let unfinished = try store.interviews(status: .inProgress)
            #expect(unfinished.count <= 1, "run \(run): at most the interview being answered is unfinished")

            if let record = unfinished.first {
                // The next start offers it; staff resume it, and the participant answers the rest.
                let stored = try store.answers(of: record.id, form: form)
                #expect(Self.order.prefix(stored.count).allSatisfy { stored[$0] == Self.expected[$0] }, "run \(run): what was saved is what was typed")
                let remaining = Self.answers.dropFirst(stored.count)
                let input = (["1"] + remaining + ["", ""]).joined(separator: "\n") + "\n"
                let recovery = try runKiosk(["interview", "hark"], input: input, in: scratch)
                #expect(recovery.status == 0, "run \(run): \(recovery.stderr)")
                #expect(recovery.stdout.contains("En intervju avslutades inte"))
                let after = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
                #expect(try after.interview(record.id)?.status == .complete, "run \(run): the resumed interview completes")
                #expect(try after.answers(of: record.id, form: form) == Self.expected, "run \(run): and has every answer")
                resumed += 1
            }
            // Read now, after any recovery run (the connection sees the latest state).
            completedBefore = try store.interviews(status: .complete).count
        }
        print("kill test: \(runs) kills, \(resumed) left an interview to resume")
        #expect(resumed > runs / 20, "kills should land inside interviews often enough to test resuming (\(resumed) of \(runs))")
    }
}
