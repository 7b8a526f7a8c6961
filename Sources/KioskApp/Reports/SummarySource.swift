import Foundation
import KioskCore
import KioskStore

/// Where a summary's counts come from: this kiosk's store, or bundles from several kiosks merged.
public enum SummarySource {
    /// A form that has no stored interviews and no file.
    public struct NothingStored: Error, LocalizedError {
        public var formID: String
        public var errorDescription: String? { "no interviews with the form '\(formID)' are stored yet" }
        public init(formID: String) { self.formID = formID }
    }

    /// The form to summarize: the current file, else the newest version stored.
    public static func form(_ formID: String, formsDirectory: URL, store: AnswerStore) throws -> Questionnaire {
        if let current = try? FormCatalog.form(formID, in: formsDirectory) { return current }
        if let stored = try store.latestFormVersion(formID: formID) { return stored }
        _ = try FormCatalog.form(formID, in: formsDirectory)
        throw NothingStored(formID: formID)
    }

    /// The summary of the bundles at `paths` (opened with `passphrase`), merged and then perturbed, checked
    /// against and noted in the release log of `store` (the coordinator's own data directory).
    public static func merged(_ formID: String, bundles paths: [String], passphrase: String, formsDirectory: URL,
                              language: Language, options: SummaryOptions, store: AnswerStore,
                              publishing: (kind: String, day: Day, audit: String?)) throws -> SummaryReport {
        let bundles = try paths.map { (name: $0, bundle: try AggregateBundle.read(URL(fileURLWithPath: $0), passphrase: passphrase)) }
        let form: Questionnaire
        if let current = try? FormCatalog.form(formID, in: formsDirectory) {
            form = current
        } else if let newest = bundles.flatMap({ $0.bundle.forms.filter { $0.formID == formID } }).flatMap(\.versions).last,
                  let definition = try? Questionnaire.fromCanonicalDefinition(Data(newest.definition.utf8)) {
            form = definition
        } else {
            throw AggregateBundle.Problem(message: "none of the bundles has the form '\(formID)'")
        }
        var options = options
        options.method = try SummaryReports.publicationMethod(store)
        let (counts, versions) = try AggregateBundle.mergeWithVersions(bundles, form: form, options: options)
        var months: [String: Int] = [:]
        for (_, bundle) in bundles {
            for (month, n) in bundle.monthlyCounts(formID: formID) {
                guard let m = Month(month) else { continue }
                if let from = options.from, m < from { continue }
                if let to = options.to, m > to { continue }
                months[month, default: 0] += n
            }
        }
        try Releases.publish(kind: publishing.kind, formID: formID, split: Releases.split(options.groupBy), months: months,
                             store: store, minimum: options.minimumCell, language: language, day: publishing.day,
                             auditDetail: publishing.audit)
        return SummaryReport(form: form, language: language, options: options, counts: counts, formerVersions: versions)
    }
}
