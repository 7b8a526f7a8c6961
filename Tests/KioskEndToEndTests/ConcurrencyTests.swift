import Foundation
import KioskCore
import KioskStore
import Testing

/// Two kiosks on one data directory (two terminals on one machine) work side by side.
@Suite(.serialized) struct ConcurrencyTests {
    @Test func twoKiosksRunningManyInterviewsAtOnceLoseAndMixNothing() throws {
        let scratch = try Scratch()
        let perKiosk = 40
        let hark = CrashRecoveryTests.interview.joined(separator: "\n") + "\n"
        let pvs = ["", "ja", "1", "nej", "nej", "2", "", ""].joined(separator: "\n") + "\n"
        let first = try spawnKiosk(["interview", "hark"], input: String(repeating: hark, count: perKiosk), in: scratch)
        let second = try spawnKiosk(["interview", "pvs"], input: String(repeating: pvs, count: perKiosk), in: scratch)
        let firstStatus = waitForExit(first.pid, timeout: 120)
        let secondStatus = waitForExit(second.pid, timeout: 120)
        let firstError = (try? String(contentsOfFile: first.stderr, encoding: .utf8)) ?? ""
        let secondError = (try? String(contentsOfFile: second.stderr, encoding: .utf8)) ?? ""
        #expect(firstStatus == 0, "\(firstError)")
        #expect(secondStatus == 0, "\(secondError)")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let complete = try store.interviews(status: .complete)
        #expect(complete.filter { $0.formID == "hark" }.count == perKiosk)
        #expect(complete.filter { $0.formID == "pvs" }.count == perKiosk)
        #expect(try store.interviews().count == 2 * perKiosk)
        let harkCounts = try #require(try store.groupedCounts(formID: "hark", options: SummaryOptions())[[]])
        #expect(harkCounts.interviews.mapValues(\.count) == ["kvinna": perKiosk])
        #expect(harkCounts.answers["humiliated"]?["yes"]?.mapValues(\.count) == ["kvinna": perKiosk])
        let pvsCounts = try #require(try store.groupedCounts(formID: "pvs", options: SummaryOptions())[[]])
        #expect(pvsCounts.interviews.mapValues(\.count) == ["man": perKiosk])
        #expect(pvsCounts.answers["hurt-by"]?["partner"]?.mapValues(\.count) == ["man": perKiosk])
        // HARK raises one referral per interview here, PVS two (a positive screen and feeling unsafe).
        #expect(try store.referrals().count == 3 * perKiosk)
    }

    @Test func kiosksStartingAtTheSameMomentOnANewDirectoryAllWork() throws {
        let script = CrashRecoveryTests.interview.joined(separator: "\n") + "\n"
        for round in 0..<8 {
            let scratch = try Scratch()
            let kiosks = try (0..<5).map { _ in try spawnKiosk(["interview", "hark"], input: script, in: scratch) }
            for kiosk in kiosks {
                let status = waitForExit(kiosk.pid, timeout: 60)
                #expect(status == 0, "round \(round): \((try? String(contentsOfFile: kiosk.stderr, encoding: .utf8)) ?? "")")
            }
            let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
            #expect(try store.interviews(status: .complete).count == 5, "round \(round)")
        }
    }
}
