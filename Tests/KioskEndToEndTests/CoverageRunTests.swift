import Foundation
import KioskCore
import Testing

/// Recording that the questions were not asked, from the real binary: the command and `#` at the start
/// screen, and how the summary shows it.
@Suite(.serialized) struct CoverageRunTests {
    @Test func notAskedFromTheCommandAndFromTheStartScreenShowsInTheSummaryByGender() throws {
        let scratch = try Scratch()
        for _ in 0..<6 {
            let run = try runKiosk(["not-asked", "hark", "--reason", "companion", "--gender", "man"], in: scratch)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Registrerat: frågorna ställdes inte. Inga svar sparades."), "\(run.stdout)")
        }
        // At the start screen: # → reason 1 (a companion) → gender 2 (man), six times in one sitting.
        let script = Array(repeating: "#\n1\n2\n", count: 6).joined()
        let run = try runKiosk(["interview", "hark"], input: script, in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("Fråga 1"), "no question was shown")

        let path = scratch.path("summary.json")
        let export = try runKiosk(["export", "summary", "hark", "--format", "json", "-o", path], in: scratch)
        #expect(export.status == 0, "\(export.stderr)")
        let report = try JSONDecoder().decode(SummaryReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let coverage = try #require(report.groups.first?.coverage?.table)
        let row = try #require(coverage.rows.firstIndex { $0.key == "companion" })
        let man = try #require(coverage.columns.firstIndex { $0.key == "man" })
        let published = try #require(coverage.cells[row][man].value)
        #expect((10...14).contains(published), "twelve men not asked, published as \(published)")
        let woman = try #require(coverage.columns.firstIndex { $0.key == "kvinna" })
        #expect(coverage.cells[row][woman] == .count(0))
    }

    @Test func aWrongReasonOrGenderSaysWhatIsAllowed() throws {
        let scratch = try Scratch()
        let reason = try runKiosk(["not-asked", "hark", "--reason", "busy", "--gender", "man"], in: scratch)
        #expect(reason.status == 64)
        #expect(reason.stderr.contains("companion, no-interpreter, declined-to-start or other"), "\(reason.stderr)")
        let gender = try runKiosk(["not-asked", "hark", "--reason", "other", "--gender", "m"], in: scratch)
        #expect(gender.status == 64)
        #expect(gender.stderr.contains("kvinna, man, annan or declined"), "\(gender.stderr)")
    }

    @Test func cancellingAtTheReasonGoesBackToTheStartScreenAndRecordsNothing() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "hark"], input: "#\n\n", in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        let path = scratch.path("summary.json")
        _ = try runKiosk(["export", "summary", "hark", "--format", "json", "-o", path], in: scratch)
        let report = try JSONDecoder().decode(SummaryReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let coverage = try #require(report.groups.first?.coverage?.table)
        #expect(coverage.cells.allSatisfy { $0.allSatisfy { $0 == .count(0) } }, "\(coverage.cells)")
    }
}
