import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk doctor`: check the data directory, file permissions, schema, integrity and forms.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the data directory, file permissions, schema version, database integrity and forms.",
        discussion: "Only reads: a damaged database is never changed. Exits 0 when everything is fine.")
    @OptionGroup var forms: FormsOptions
    @OptionGroup var data: DataOptions
    @Flag(help: "Also say how many interviews are stored (asks for the staff passphrase).") var counts = false
    @Flag(help: "Count the summaries' counts again from the interviews, after doctor found they differ (asks for the staff passphrase).")
    var repairCounts = false

    func run() throws {
        let store = try? AnswerStore.open(directory: data.directory, create: false)
        let passphraseSet: Bool? = store.map { StaffGate(store: $0, console: TerminalConsole(environment: [:])).isSet }
        if counts || repairCounts, let store, passphraseSet == true {
            try StaffGate(store: store, console: TerminalConsole(environment: processEnvironment)).require()
        }
        if repairCounts, let store {
            try store.rebuildTallies()
            try store.audit(.countsRebuilt, detail: nil, day: Day.today())
            print("The counts were made again from the interviews.")
        }
        let report = Doctor.report(dataDirectory: data.directory, formsDirectory: forms.directory, passphraseSet: passphraseSet,
                                   showingCounts: counts || passphraseSet != true, store: store)
        print(report.text, terminator: "")
        if !report.healthy { throw ExitCode(1) }
    }
}
