import KioskTestSupport
import Foundation
import KioskCore
@testable import KioskStore
import Testing

/// The audit log and settings.
@Suite struct AuditTests {
    init() { ShippedLanguages.install() }

    @Test func theAuditLogKeepsDayActionAndDetailInOrder() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try store.audit(.exportMade, detail: "violence-seven", day: testDay)
        try store.audit(.referralClosed, detail: "ABCD-EFGH", day: Day(year: 2026, month: 12, day: 1))
        let log = try store.auditLog()
        #expect(log.map(\.action) == ["export_made", "referral_closed"])
        #expect(log.map(\.day) == ["2026-11-25", "2026-12-01"])
        #expect(log.map(\.detail) == ["violence-seven", "ABCD-EFGH"])
    }

    @Test func settingsAreSetReplacedAndRemovedWithTheirAuditLine() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        #expect(try store.setting("k") == nil)
        try store.setSetting("k", to: "1", audit: .passphraseSet, day: testDay)
        try store.setSetting("k", to: "2", day: testDay)
        #expect(try store.setting("k") == "2")
        try store.setSetting("k", to: nil, audit: .passphraseRemoved, day: testDay)
        #expect(try store.setting("k") == nil)
        #expect(try store.auditLog().map(\.action) == ["passphrase_set", "passphrase_removed"])
    }

    @Test func reportingCommandsNeverCreateAStore() throws {
        let temp = try TemporaryDirectory()
        #expect(throws: StoreError.noDatabase(directory: temp.dataDirectory.path)) {
            try AnswerStore.open(directory: temp.dataDirectory, create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: temp.dataDirectory.path))
    }
}
