import Foundation
import KioskStore

/// Text and JSON for `kiosk audit`.
public enum AuditReports {
    public static func table(_ entries: [AuditEntry]) -> String {
        guard !entries.isEmpty else { return "The audit log is empty.\n" }
        return FormReports.table([["DAY", "ACTION", "DETAIL"]] + entries.map { [$0.day, $0.action, $0.detail ?? ""] })
    }

    public static func json(_ entries: [AuditEntry]) -> String {
        JSONOutput.encode(entries)
    }
}
