import ArgumentParser
import Foundation
import KioskApp
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

    func run() throws {
        let passphraseSet: Bool? = (try? AnswerStore.open(directory: data.directory, create: false)).map {
            StaffGate(store: $0, console: TerminalConsole(environment: [:])).isSet
        }
        let report = Doctor.report(dataDirectory: data.directory, formsDirectory: forms.directory, passphraseSet: passphraseSet)
        print(report.text, terminator: "")
        if !report.healthy { throw ExitCode(1) }
    }
}
