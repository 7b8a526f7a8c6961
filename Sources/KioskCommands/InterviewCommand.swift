import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk interview [FORM-ID]`: walk participants through a form, one after another.
struct InterviewCommand: ParsableCommand {
    // Named as a part of `kiosk` (the argument parser's "super-command", marked experimental): used only when
    // this command is parsed alone (``parsedAlone(_:)``), where it also skips the parser's search for
    // --generate-completion-script (two throwaway parsers built at every start). Under `kiosk` the root's
    // configuration decides, so help and completion scripts are unchanged.
    static let configuration = CommandConfiguration(
        commandName: "interview",
        _superCommandName: "kiosk",
        abstract: "Run interviews (the default command).",
        discussion: """
            At every prompt: the choice's number or the start of its label; ja/nej or yes/no at yes/no \
            questions; < back, ? help, - decline ("vill inte svara"), * don't know, ! abort.
            Ctrl-C asks whether to abort; answers already given are never lost.
            With piped input, each line is what a person would type at the next prompt.
            """)

    // The shared options are declared here, not as option groups: the argument parser reflects on each
    // group's type at every start, about 0.15 ms a group, and this command starts every participant's
    // interview. The groups' help and behaviour are used (`forms`, `data`, `language`, `screen` below).
    @Argument(help: "The form to use (see 'kiosk forms list'); without it, a menu of forms is shown.")
    var formID: String?
    @Option(name: .long, help: FormsOptions.help) var formsDir: String?
    @Option(name: .long, help: DataOptions.help) var dataDir: String?
    @Option(name: .long, help: LanguageOption.help) var lang: String = "sv"
    @Option(help: ArgumentHelp("A label for where the interview takes place (not a person).", valueName: "name"))
    var site: String?
    @Flag(help: "Locked kiosk mode: interviews loop; leaving needs the staff passphrase.")
    var locked = false
    @Flag(name: .customLong("self"), help: "Self-administered: staff start and hand over; the participant answers alone and sees a neutral thank-you with the support lines everyone gets; the result needs the staff passphrase.")
    var selfAdministered = false
    @Flag(help: "Start a new, empty database where this kiosk's database has gone missing (only on purpose: reconnect the disk first if it was disconnected).")
    var newDatabase = false
    @Option(help: ScreenOptions.idleTimeoutHelp) var idleTimeout: String = "5m"
    @Flag(help: ScreenOptions.accessibleHelp) var accessible = false

    var forms: FormsOptions { FormsOptions(formsDir: formsDir) }
    var data: DataOptions { DataOptions(dataDir: dataDir) }
    var language: LanguageOption { LanguageOption(lang: lang) }
    var screen: ScreenOptions { ScreenOptions(idleTimeout: idleTimeout, accessible: accessible) }

    /// `kiosk interview …` parsed as this command alone, or `nil` for other arguments and for any that do
    /// not parse as they are (help, a mistake): those go through the whole command tree, which answers
    /// them as it always does. Every participant's interview starts here, and parsing the tree (all
    /// the kiosk's commands, each one's options found by reflection) took a fifth of a start.
    static func parsedAlone(_ arguments: [String]) -> InterviewCommand? {
        guard arguments.first == configuration.commandName else { return nil }
        return (try? parseAsRoot(Array(arguments.dropFirst()))) as? InterviewCommand
    }

    func validate() throws {
        try language.validate()
        try screen.validate()
        if let site {
            let allowed = site.allSatisfy { $0.isLetter || $0.isNumber || " -_.".contains($0) }
            guard !site.isEmpty, site.count <= 40, allowed else {
                throw ValidationError("--site must be a short place label (1–40 letters, digits, spaces, '-', '_' or '.'), such as 'Södertälje'")
            }
        }
    }

    func run() throws {
        try speaking(language.language) {
            Signals.forbidCoreDumps()
            let environment = processEnvironment
            // The given form is read on another thread while this one opens the database.
            let preload = formID.map { FormPreload($0, in: forms.directory) }
            // A mistyped or broken form never makes a new database: where there is none yet, the form is
            // checked first (elsewhere it is read while the database opens).
            if let preload, !data.hasDatabase, let failure = preload.failure() { throw failure }
            let store = try data.openStore(forInterviews: true, startNewDatabase: newDatabase)
            let settings = KioskSettings(
                formsDirectory: forms.directory, dataDirectory: data.directory,
                language: language.language, site: site, formID: formID, locked: locked, selfAdministered: selfAdministered)
            let console = TerminalConsole(environment: environment, idleTimeout: screen.idleSeconds,
                                          accessible: screen.isAccessible(environment: environment))
            let runner = KioskRunner(settings: settings, console: console, store: store, today: Day.today)
            runner.preload = preload
            if locked && !runner.gate.isSet {
                throw KioskFailure(Phrasebook(language.language).lockedNeedsPassphrase)
            }
            if selfAdministered && !runner.gate.isSet {
                throw KioskFailure(Phrasebook(language.language).selfNeedsPassphrase)
            }
            if try runner.run() == .inputEndedMidInterview {
                FileHandle.standardError.write(Data((Phrasebook(settings.language).inputEnded + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}

/// Options of the interview screens, shared by `interview` and `forms preview`.
struct ScreenOptions: ParsableArguments {
    static let idleTimeoutHelp = ArgumentHelp("Clear the screen after this long without a key (e.g. 300, 90s, 5m; 0 = never).", valueName: "time")
    static let accessibleHelp: ArgumentHelp = "Accessible mode for a screen reader or braille display: a plain transcript, one line per choice, the answer read back, no colours or redraws (also ACCESSIBLE=1)."
    @Option(help: idleTimeoutHelp) var idleTimeout: String = "5m"
    @Flag(help: accessibleHelp) var accessible = false

    init() {}
    /// The options as given to a command that declares them itself (``InterviewCommand``).
    init(idleTimeout: String, accessible: Bool) {
        self.idleTimeout = idleTimeout
        self.accessible = accessible
    }

    /// Whether accessible mode is on: `--accessible`, or `ACCESSIBLE` set (not empty or 0).
    func isAccessible(environment: [String: String]) -> Bool {
        TerminalConsole.wantsAccessible(flag: accessible, environment: environment)
    }

    /// The idle timeout in seconds, `nil` for never (valid after ``validate()``).
    var idleSeconds: Double? { (try? IdleTimeout.seconds(idleTimeout)) ?? nil }

    func validate() throws {
        do { _ = try IdleTimeout.seconds(idleTimeout) } catch { throw ValidationError(error.description) }
    }
}

/// Options for commands that use the answer store.
struct DataOptions: ParsableArguments {
    static let help = ArgumentHelp("The folder for the answer database.", valueName: "dir")
    @Option(name: .long, help: help) var dataDir: String?

    init() {}
    /// The option as given to a command that declares it itself (``InterviewCommand``).
    init(dataDir: String?) { self.dataDir = dataDir }

    /// Whether the data folder has a database already.
    var hasDatabase: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(AnswerStore.fileName).path)
    }

    var directory: URL {
        AnswerStore.directory(option: dataDir, environment: processEnvironment)
    }

    /// Opens the store, creating it (for interviews).
    func openStore(forInterviews: Bool = false, startNewDatabase: Bool = false) throws -> AnswerStore {
        let environment = processEnvironment
        let safeguards = AnswerStore.Safeguards(registry: AnswerStore.Safeguards.registry(environment: environment),
                                                checkIntegrity: forInterviews, startNewDatabase: startNewDatabase)
        let store = try AnswerStore.open(directory: directory, safeguards: safeguards)
        // A read-only or full disk is found now, before the first question, not after the first answer.
        if forInterviews { try store.checkReadyForInterviews() }
        return store
    }

    /// Opens an existing store (for commands that report); a missing one is an error.
    func openExistingStore() throws -> AnswerStore {
        try AnswerStore.open(directory: directory, create: false)
    }
}

