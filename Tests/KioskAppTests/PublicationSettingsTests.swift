import Foundation
import KioskApp
import KioskCore
import KioskStore
import Testing

/// The kiosk's configuration of the Cell Key Method: set before anything is published, fixed after.
@Suite struct PublicationSettingsTests {
    @Test func theStandardMethodIsUsedUntilSetAndTheSetOneAfterwards() throws {
        let harness = try SessionHarness()
        #expect(try PublicationSettings.method(harness.store) == .standard)
        try PublicationSettings.set(maximumDeviation: 3, smallestPublished: 4, store: harness.store, day: testDay)
        #expect(try PublicationSettings.method(harness.store) == CellKeyMethod(maximumDeviation: 3, smallestPublished: 4))
        #expect(try harness.store.auditLog().contains { $0.action == "publication_changed" })
    }

    @Test func aSummaryFollowsTheSetMethod() throws {
        let harness = try SessionHarness()
        try PublicationSettings.set(maximumDeviation: 3, smallestPublished: 4, store: harness.store, day: testDay)
        try ReleaseLogTests().store(12, in: harness, day: testDay)
        let report = try SummaryReports.summary(of: try shippedForm("hark"), store: harness.store, language: .english,
                                                options: SummaryOptions(), publishing: (kind: "summary", day: testDay, audit: nil))
        for table in try #require(report.groups.first).tables {
            for value in (table.table.cells.flatMap { $0 } + table.table.rowTotals + table.table.columnTotals).compactMap(\.value) {
                #expect(value == 0 || value >= 4, "\(table.id): \(value)")
            }
        }
    }

    @Test func afterTheFirstPublicationTheSettingsAreFixed() throws {
        let harness = try SessionHarness()
        try ReleaseLogTests().store(6, in: harness, day: testDay)
        _ = try SummaryReports.summary(of: try shippedForm("hark"), store: harness.store, language: .english,
                                       options: SummaryOptions(), publishing: (kind: "summary", day: testDay, audit: nil))
        #expect {
            try PublicationSettings.set(maximumDeviation: 1, smallestPublished: 2, store: harness.store, day: testDay)
        } throws: { error in
            (error as? PublicationSettings.Refusal)?.message(in: .english).contains("already published once") == true
        }
        #expect(try PublicationSettings.method(harness.store) == .standard)
    }

    @Test func valuesOutsideTheAllowedRangesAreRefusedWithTheRanges() throws {
        let harness = try SessionHarness()
        for (d, smallest) in [(0, 3), (6, 3), (2, 1), (2, 6)] {
            #expect {
                try PublicationSettings.set(maximumDeviation: d, smallestPublished: smallest, store: harness.store, day: testDay)
            } throws: { error in
                (error as? PublicationSettings.Refusal)?.message(in: .swedish).contains("1–5") == true
            }
        }
    }

    @Test func staffSeeTheParametersAndTheReleaseLog() throws {
        let harness = try SessionHarness()
        try ReleaseLogTests().store(6, in: harness, day: testDay)
        _ = try SummaryReports.summary(of: try shippedForm("hark"), store: harness.store, language: .english,
                                       options: SummaryOptions(groupBy: [.site]), publishing: (kind: "summary", day: testDay, audit: nil))
        let text = try PublicationSettings.description(harness.store, language: .english)
        #expect(text.contains("Maximum deviation (D): ±2"))
        #expect(text.contains("Publications in the log: 1 (the settings can no longer be changed)"))
        #expect(text.contains("summary    hark"), "\(text)")
    }
}
