import Foundation
@testable import KioskStore
import Testing

/// The counts summaries read, checked and repaired through the built binary.
struct CountsRunTests {
    @Test func doctorChecksTheKeptCountsAgainstARecountAndRepairsThem() throws {
        let scratch = try Scratch()
        for _ in 0..<3 { #expect(try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch).status == 0) }
        let healthy = try runKiosk(["doctor"], in: scratch)
        #expect(healthy.status == 0, "\(healthy.stdout)")
        #expect(healthy.stdout.contains("ok   the counts summaries are made from agree with a recount of the interviews"))
        let summaryBefore = try runKiosk(["summary", "hark", "--format", "json"], in: scratch)

        // A count that no longer matches its interviews (a bug, or a hand-edited file).
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir), create: false)
        try store.write { db in try db.execute(sql: "UPDATE tally SET count = count + 7 WHERE kind = 'interview'") }
        let broken = try runKiosk(["doctor"], in: scratch)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("FIX  the counts summaries are made from differ from a recount of the interviews of hark"), "\(broken.stdout)")
        #expect(broken.stdout.contains("→ run 'kiosk doctor --repair-counts'"))

        let repaired = try runKiosk(["doctor", "--repair-counts"], in: scratch)
        #expect(repaired.status == 0, "\(repaired.stdout)")
        #expect(repaired.stdout.contains("The counts were made again from the interviews."))
        #expect(try runKiosk(["summary", "hark", "--format", "json"], in: scratch).stdout == summaryBefore.stdout)
    }
}
