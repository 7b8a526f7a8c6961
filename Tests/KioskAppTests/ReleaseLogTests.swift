import Foundation
import KioskApp
import KioskCore
import KioskStore
import Testing

/// Publications put side by side never single out a few interviews: the release log refuses a new one that
/// differs from an earlier one by fewer than K interviews.
@Suite struct ReleaseLogTests {
    func store(_ count: Int, in harness: SessionHarness, day: Day) throws {
        let form = try shippedForm("hark")
        for _ in 0..<count {
            let id = try harness.store.beginInterview(form: form, language: .swedish, site: "Norr", day: day)
            try harness.store.save(ExportTests.woman.keys.sorted().map { .saved(questionID: $0, answer: ExportTests.woman[$0]!) }, interview: id, form: form)
            _ = try harness.store.complete(interview: id, assessment: form.assess(ExportTests.woman), form: form, day: day)
        }
    }

    func publish(_ harness: SessionHarness, from: Month? = nil, to: Month? = nil, by: [SummaryDimension] = []) throws -> SummaryReport {
        try SummaryReports.summary(of: try shippedForm("hark"), store: harness.store, language: .english,
                                   options: SummaryOptions(groupBy: by, from: from, to: to),
                                   publishing: (kind: "summary", day: testDay, audit: nil))
    }

    @Test func aPeriodOneMonthLongerWithAFewMoreInterviewsIsRefused() throws {
        let harness = try SessionHarness()
        try store(20, in: harness, day: Day(year: 2026, month: 9, day: 3))
        try store(2, in: harness, day: Day(year: 2026, month: 10, day: 7))
        _ = try publish(harness, to: Month(year: 2026, month: 9))
        #expect {
            _ = try publish(harness, to: Month(year: 2026, month: 10))
        } throws: { error in
            let message = (error as? Releases.Refusal)?.message ?? ""
            return message.contains("differ from the summary published on 2026-11-25 by 2 interviews") && message.contains("at least 5")
        }
        try store(3, in: harness, day: Day(year: 2026, month: 10, day: 8))
        _ = try publish(harness, to: Month(year: 2026, month: 10))
    }

    @Test func theSamePeriodAgainIsAllowedUntilAFewLateInterviewsArrive() throws {
        let harness = try SessionHarness()
        try store(12, in: harness, day: Day(year: 2026, month: 9, day: 3))
        let first = try publish(harness, from: Month(year: 2026, month: 9), to: Month(year: 2026, month: 9))
        let again = try publish(harness, from: Month(year: 2026, month: 9), to: Month(year: 2026, month: 9), by: [.site])
        #expect(first.groups.first?.interviews.table.grandTotal == again.groups.first?.interviews.table.grandTotal,
                "the same interviews in another split: the same number")
        try store(1, in: harness, day: Day(year: 2026, month: 9, day: 30))
        #expect(throws: Releases.Refusal.self) {
            _ = try publish(harness, from: Month(year: 2026, month: 9), to: Month(year: 2026, month: 9))
        }
        #expect(try harness.store.releases(formID: "hark").count == 2, "a refused publication is not logged")
    }

    @Test func aRowExportIsCheckedAgainstTheSummariesToo() throws {
        let harness = try SessionHarness()
        try store(10, in: harness, day: Day(year: 2026, month: 9, day: 3))
        _ = try publish(harness)
        try store(1, in: harness, day: Day(year: 2026, month: 9, day: 4))
        let temp = try TemporaryDirectory()
        let file = try ExportFile(path: temp.url.appendingPathComponent("rows.csv").path)
        #expect(throws: Releases.Refusal.self) {
            _ = try ResponseExport.write(form: try shippedForm("hark"), store: harness.store, format: "csv", minimum: 5, from: nil, to: nil,
                                         to: file, day: testDay, progress: { _ in })
        }
    }

    @Test func theDifferenceIsCountedMonthByMonth() {
        #expect(ReleaseCheck.difference(["2026-09": 20, "2026-10": 3], ["2026-09": 20]) == 3)
        #expect(ReleaseCheck.difference(["2026-09": 21], ["2026-09": 20]) == 1, "a late interview in the same month")
        #expect(ReleaseCheck.difference(["2026-10": 5], ["2026-09": 20]) == 25, "disjoint periods differ by all of both")
        #expect(ReleaseCheck.tooClose(["2026-09": 20], earlier: [("d", "summary", ["2026-09": 20])], minimum: 5) == nil, "the same again")
        #expect(ReleaseCheck.tooClose(["2026-09": 24], earlier: [("d", "summary", ["2026-09": 20])], minimum: 5)?.difference == 4)
    }
}
