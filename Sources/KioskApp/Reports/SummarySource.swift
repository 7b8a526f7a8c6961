import Foundation
import KioskCore
import KioskStore

/// Where a summary's counts come from: this kiosk's store, or bundles from several kiosks merged.
public enum SummarySource {
    /// A form that has no stored interviews and no file.
    public struct NothingStored: Error, LocalizedError {
        public var formID: String
        public var errorDescription: String? { "no interviews with the form '\(formID)' are stored yet" }
    }

    /// The form to summarize: the current file, else the newest version stored.
    public static func form(_ formID: String, formsDirectory: URL, store: AnswerStore) throws -> Questionnaire {
        if let current = try? FormCatalog.form(formID, in: formsDirectory) { return current }
        if let stored = try store.latestFormVersion(formID: formID) { return stored }
        _ = try FormCatalog.form(formID, in: formsDirectory)
        throw NothingStored(formID: formID)
    }

    /// The summary of the bundles at `paths`, merged (suppressed after merging).
    public static func merged(_ formID: String, bundles paths: [String], formsDirectory: URL, language: Language,
                              options: SummaryOptions) throws -> SummaryReport {
        let bundles = try paths.map { (name: $0, bundle: try AggregateBundle.read(URL(fileURLWithPath: $0))) }
        let form: Questionnaire
        if let current = try? FormCatalog.form(formID, in: formsDirectory) {
            form = current
        } else if let newest = bundles.flatMap({ $0.bundle.forms.filter { $0.formID == formID } }).flatMap(\.versions).last,
                  let definition = try? Questionnaire.fromCanonicalDefinition(Data(newest.definition.utf8)) {
            form = definition
        } else {
            throw AggregateBundle.Problem(message: "none of the bundles has the form '\(formID)'")
        }
        let (counts, versions) = try AggregateBundle.mergeWithVersions(bundles, form: form, options: options)
        return SummaryReport(form: form, language: language, options: options, counts: counts, formerVersions: versions)
    }
}
