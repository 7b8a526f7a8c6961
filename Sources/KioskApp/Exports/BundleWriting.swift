import Foundation
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk export bundle`: the bundle made, noted in the release log for each form, sealed and written.
public enum BundleWriting {
    /// Writes the sealed bundle of `store` to `path`; returns it and how many completed interviews it holds.
    public static func write(store: AnswerStore, formIDs: [String]?, to path: String, console: any Console,
                             language: Language, day: Day) throws -> (bundle: AggregateBundle, interviews: Int) {
        let bundle = try AggregateBundle.make(store: store, formIDs: formIDs, day: day)
        let passphrase = try BundlePassphrase.read(console: console, language: language, twice: true)
        let sealed = try bundle.sealed(passphrase: passphrase)
        for form in bundle.forms {
            try Releases.publish(kind: "bundle", formID: form.formID, split: "gender+age_band+site+month",
                                 months: bundle.monthlyCounts(formID: form.formID), store: store,
                                 minimum: Publication.defaultMinimum, language: language, day: day,
                                 auditDetail: "bundle \(form.formID)")
        }
        let file = try ExportFile(path: path)
        try file.write(String(decoding: sealed, as: UTF8.self) + "\n")
        try file.finish()
        let interviews = bundle.forms.flatMap(\.groups).map { $0.counts.interviews.values.map(\.count).reduce(0, +) }.reduce(0, +)
        return (bundle, interviews)
    }
}
