import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk interview [FORM-ID]`: walk participants through a form, one after another.
struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "Run interviews (the default command).",
        discussion: """
            At every prompt: the choice's number or the start of its label; ja/nej or yes/no at yes/no
            questions; < back, ? help, - decline ("vill inte svara"), * don't know, ! abort.
            Ctrl-C asks whether to abort; answers already given are never lost.
            With piped input, each line is what a person would type at the next prompt.
            """)

    @Argument(help: "The form to use (see 'kiosk forms list'); without it, a menu of forms is shown.")
    var formID: String?
    @OptionGroup var forms: FormsOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption
    @Option(help: ArgumentHelp("A label for where the interview takes place (not a person).", valueName: "name"))
    var site: String?
    @Flag(help: "Locked kiosk mode: interviews loop; leaving needs the staff passphrase.")
    var locked = false
    @Option(help: ArgumentHelp("Clear the screen after this long without a key (e.g. 300, 90s, 5m; 0 = never).", valueName: "time"))
    var idleTimeout: String = "5m"

    /// The idle timeout in seconds, `nil` for never.
    var idleSeconds: Double? {
        let text = idleTimeout.trimmingCharacters(in: .whitespaces).lowercased()
        let multiplier: Double = text.hasSuffix("m") ? 60 : 1
        let digits = text.hasSuffix("m") || text.hasSuffix("s") ? String(text.dropLast()) : text
        guard let value = Double(digits), value >= 0 else { return nil }
        return value == 0 ? nil : value * multiplier
    }

    func validate() throws {
        let text = idleTimeout.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = text.hasSuffix("m") || text.hasSuffix("s") ? String(text.dropLast()) : text
        guard let value = Double(digits), value == 0 || (value * (text.hasSuffix("m") ? 60 : 1)) >= 5 else {
            throw ValidationError("--idle-timeout must be a time of at least 5 seconds, like 300, 90s or 5m (or 0 for never), not '\(idleTimeout)'")
        }
        if let site {
            let allowed = site.allSatisfy { $0.isLetter || $0.isNumber || " -_.".contains($0) }
            guard !site.isEmpty, site.count <= 40, allowed else {
                throw ValidationError("--site must be a short place label (1–40 letters, digits, spaces, '-', '_' or '.'), such as 'Södertälje'")
            }
        }
    }

    func run() throws {
        Signals.forbidCoreDumps()
        let environment = ProcessInfo.processInfo.environment
        let store = try data.openStore()
        let settings = KioskSettings(
            formsDirectory: forms.directory, dataDirectory: data.directory,
            language: language.language, site: site, formID: formID, locked: locked)
        let console = TerminalConsole(environment: environment, idleTimeout: idleSeconds)
        let runner = KioskRunner(settings: settings, console: console, store: store, today: Day.today)
        if locked {
            guard runner.gate.isSet else {
                throw KioskFailure("locked mode needs a staff passphrase; a coordinator sets one with 'kiosk passphrase set'")
            }
            Signals.ignoreQuitAndSuspend()
        }
        while true {
            let next: KioskRunner.Next
            do {
                next = try runner.runParticipant()
            } catch let failure as InterviewSession.StorageFailure {
                throw KioskFailure("the answer could not be saved: \(failure.underlying.localizedDescription)")
            }
            switch next {
            case .quit:
                return
            case .inputEndedMidInterview:
                FileHandle.standardError.write(Data((Phrasebook(settings.language).inputEnded + "\n").utf8))
                throw ExitCode(1)
            case .nextParticipant:
                // On a terminal, start over as a fresh process: nothing of this participant stays in memory
                // (readline keeps a kill ring and keyboard macros that cannot be cleared otherwise).
                if console.isInteractive { FreshProcess.replaceCurrent() }
            case .paused:
                runner.showNeutralScreen()
                if console.isInteractive { FreshProcess.replaceCurrent() }
            }
        }
    }
}

/// Options for commands that use the answer store.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder for the answer database.", valueName: "dir"))
    var dataDir: String?

    var directory: URL {
        AnswerStore.directory(option: dataDir, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the store, creating it (for interviews).
    func openStore() throws -> AnswerStore {
        try AnswerStore.open(directory: directory)
    }

    /// Opens an existing store (for commands that report); a missing one is an error.
    func openExistingStore() throws -> AnswerStore {
        try AnswerStore.open(directory: directory, create: false)
    }
}

/// Replaces the running process with a fresh copy of itself, with the same arguments.
enum FreshProcess {
    static func replaceCurrent() {
        fflush(nil)
        TerminalInput.discardTypeahead()
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // execv only returns on failure; then the kiosk simply goes on in this process.
        for pointer in argv { free(pointer) }
    }
}
