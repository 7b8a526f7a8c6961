import Foundation
import KioskCore
import KioskStore

/// `kiosk doctor`: checks the data directory, database and forms, and says what it found.
public enum Doctor {
    /// The report and whether everything is fine.
    public static func report(dataDirectory: URL, formsDirectory: URL, passphraseSet: Bool?, showingCounts: Bool = true,
                              store: AnswerStore? = nil) -> (text: String, healthy: Bool) {
        var health = StoreHealth.examine(directory: dataDirectory, showingCounts: showingCounts)
        if health.isHealthy, let store { health.findings.append(countsFinding(store)) }
        do {
            let catalog = try FormCatalog.load(from: formsDirectory)
            let invalid = catalog.invalidFiles
            if invalid.isEmpty {
                health.findings.append(.init(ok: true, text: catalog.files.count == 1
                    ? "the 1 form in \(FormCatalog.displayPath(for: formsDirectory)) is valid"
                    : "all \(catalog.files.count) forms in \(FormCatalog.displayPath(for: formsDirectory)) are valid", fix: nil))
            } else {
                for file in invalid {
                    let errors = file.loaded.diagnostics.errors.count
                    health.findings.append(.init(ok: false, text: "\(file.displayPath) has \(errors) error\(errors == 1 ? "" : "s") and is not offered for interviews",
                                                 fix: "run 'kiosk forms validate \(file.displayPath)' and fix what it lists"))
                }
            }
        } catch {
            health.findings.append(.init(ok: false, text: error.localizedDescription, fix: nil))
        }
        switch passphraseSet {
        case true?: health.findings.append(.init(ok: true, text: "a staff passphrase is set", fix: nil))
        case false?: health.findings.append(.init(ok: true, text: "no staff passphrase is set: summaries, referrals and exports are open to anyone at this account (set one with 'kiosk passphrase set')", fix: nil))
        case nil: break
        }
        var text = "kiosk \(KioskRelease.version), SQLite \(AnswerStore.sqliteVersion ?? "(unknown version)")\n"
        for finding in health.findings {
            text += (finding.ok ? "ok   " : "FIX  ") + finding.text
            if let fix = finding.fix { text += "\n     → " + fix }
            text += "\n"
        }
        text += health.isHealthy ? "Everything looks fine.\n" : "Some things need attention (marked FIX).\n"
        return (text, health.isHealthy)
    }

    /// Whether the counts summaries read agree with a recount from the interviews.
    static func countsFinding(_ store: AnswerStore) -> StoreHealth.Finding {
        do {
            let check = try store.checkTallies()
            if check.purged > 0 {
                return .init(ok: true, text: "\(check.purged) interviews and records were deleted here after the central server confirmed them; summaries keep counting them, so their counts are not compared with a recount", fix: nil)
            }
            if check.mismatched.isEmpty {
                return .init(ok: true, text: "the counts summaries are made from agree with a recount of the interviews", fix: nil)
            }
            return .init(ok: false, text: "the counts summaries are made from differ from a recount of the interviews of \(check.mismatched.joined(separator: ", "))",
                         fix: "run 'kiosk doctor --repair-counts' to count them again from the interviews (no answer changes)")
        } catch {
            return .init(ok: false, text: "the counts could not be checked: \(error.localizedDescription)", fix: "run 'kiosk doctor' again; if it persists, keep a copy of the database and ask the coordinator")
        }
    }
}
