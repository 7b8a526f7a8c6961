import Foundation
import GRDB
import SeededRandom
import Testing

/// Random lines at every prompt of the real binary: it never crashes, and the data stays sound.
@Suite(.serialized) struct RandomInputRunTests {
    @Test func randomTypingNeverCrashesTheKiosk() throws {
        var random = SeededRandom(seed: 1125)
        let scratch = try Scratch()
        let forms = ["violence-seven", "hark", "pvs", "audit-c", "participant-followup"]
        for run in 0..<40 {
            let form = forms[run % forms.count]
            let lines = (0..<120).map { _ in random.typedLine() }
            // Some runs start from the menu, some in English.
            var arguments = run % 3 == 0 ? [] : ["interview", form]
            if run % 2 == 1 { arguments += ["--lang", "en"] }
            let result = try runKiosk(arguments, input: lines.joined(separator: "\n") + "\n", in: scratch)
            #expect(result.status == 0 || result.status == 1, "run \(run) ended with \(result.status): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "run \(run)")
        }
        let integrity = try DatabaseQueue(path: scratch.dataDir + "/kiosk.sqlite").read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
    }
}
