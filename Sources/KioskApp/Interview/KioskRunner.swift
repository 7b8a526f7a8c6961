import Foundation
import KioskCore
import KioskStore
import KioskTerminal

/// What `kiosk interview` needs to know.
public struct KioskSettings: Sendable {
    public var formsDirectory: URL
    public var dataDirectory: URL
    public var language: Language
    public var site: String?
    /// The form to use; `nil` shows a menu of forms.
    public var formID: String?
    /// Locked kiosk mode: interviews loop, and leaving needs the staff passphrase.
    public var locked: Bool
    /// Self-administered: the participant answers alone; the result needs the staff passphrase.
    public var selfAdministered: Bool

    public init(formsDirectory: URL, dataDirectory: URL, language: Language, site: String?, formID: String?, locked: Bool = false,
                selfAdministered: Bool = false) {
        self.formsDirectory = formsDirectory
        self.dataDirectory = dataDirectory
        self.language = language
        self.site = site
        self.formID = formID
        self.locked = locked
        self.selfAdministered = selfAdministered
    }
}

/// Runs participants' interviews one after another: an interview left unfinished by a crash or pause
/// (offered to staff to resume or discard), the form menu (or the given form), the interview, the result,
/// and a cleared screen for the next person.
public final class KioskRunner {
    /// What to do after one participant.
    public enum Next: Equatable {
        /// Ready for the next participant.
        case nextParticipant
        /// Quit normally (q at the menu, end of input at a start screen).
        case quit
        /// Quit with an error: piped input ended in the middle of an interview.
        case inputEndedMidInterview
        /// The screen was hidden or left idle: show a neutral screen, then start afresh.
        case paused
    }

    let settings: KioskSettings
    let console: any Console
    let store: AnswerStore
    let recorder: any InterviewRecorder
    public let gate: StaffGate
    let today: () -> Day
    /// The given form, already being read while the database was opened (the first participant's).
    public var preload: FormPreload?
    var phrases: Phrasebook { Phrasebook(settings.language) }

    public init(settings: KioskSettings, console: any Console, store: AnswerStore, recorder: (any InterviewRecorder)? = nil,
                gate: StaffGate? = nil, today: @escaping () -> Day) {
        self.settings = settings
        self.console = console
        self.store = store
        self.recorder = recorder ?? StoreRecorder(store: store)
        self.gate = gate ?? StaffGate(store: store, console: console, today: today)
        self.today = today
    }

    /// How a run of the kiosk ended.
    public enum Ending: Equatable {
        case quit
        /// Piped input ended in the middle of an interview (exit status 1).
        case inputEndedMidInterview
    }

    /// Runs participants one after another until the kiosk is left. At a terminal, after each participant
    /// (and after a hidden screen, once staff press Enter on the neutral screen) the process replaces
    /// itself with a fresh copy, so nothing of one person reaches the next. Ctrl-\ and Ctrl-Z do nothing
    /// (a participant must not be able to kill or suspend the kiosk; staff leave with q).
    public func run() throws -> Ending {
        Signals.ignoreQuitAndSuspend()
        while true {
            switch try runParticipant() {
            case .quit:
                return .quit
            case .inputEndedMidInterview:
                return .inputEndedMidInterview
            case .nextParticipant:
                if console.isInteractive { FreshProcess.replaceCurrent() }
            case .paused:
                showNeutralScreen()
                if console.isInteractive { FreshProcess.replaceCurrent() }
            }
        }
    }

    /// Runs one participant's interview (after any unfinished one and the menu).
    public func runParticipant() throws -> Next {
        if let resumed = try offerUnfinishedInterviews() { return resumed }
        let form: Questionnaire
        if let id = settings.formID {
            form = try preload?.take(id, in: settings.formsDirectory) ?? FormCatalog.form(id, in: settings.formsDirectory)
        } else {
            switch try chooseForm() {
            case .form(let chosen): form = chosen
            case .quit: return try leave()
            case .hidden: return .paused
            }
        }
        // A form edited by hand so that an id or code means something new is never used.
        let conflicts = FormVersions.check(form, against: try store.formVersions(formID: form.id), file: "\(form.id).yaml")
        if !conflicts.errors.isEmpty { throw FormLookupError.invalid(form.id, diagnostics: conflicts) }
        let session = InterviewSession(form: form, language: settings.language, site: settings.site,
                                       console: console, recorder: recorder, today: today)
        configure(session)
        return try next(after: session.run())
    }

    /// Self-administered mode: the session's result waits for the staff passphrase.
    private func configure(_ session: InterviewSession) {
        guard settings.selfAdministered else { return }
        session.selfAdministered = true
        let gate = self.gate, language = settings.language
        session.requireStaff = {
            do {
                try gate.require(language: language)
                return true
            } catch {
                return false
            }
        }
    }

    private func next(after outcome: InterviewSession.Outcome) throws -> Next {
        switch outcome {
        case .completed, .aborted, .notAsked:
            return .nextParticipant
        case .inputEnded:
            return .inputEndedMidInterview
        case .paused:
            return .paused
        case .notStarted:
            // With a menu, leaving a start screen goes back to it; with one form, it quits (when allowed).
            if settings.formID == nil && console.isInteractive { return .nextParticipant }
            return try leave()
        }
    }

    /// Quitting: in locked mode only with the staff passphrase (at a terminal).
    private func leave() throws -> Next {
        guard settings.locked, console.isInteractive else { return .quit }
        console.write(phrases.leaveLockedMode + "\n")
        do {
            try gate.require(language: settings.language)
        } catch StaffGate.Refusal.hidden {
            return .paused
        } catch {
            return .nextParticipant
        }
        try store.audit(.lockedModeLeft, day: today())
        return .quit
    }

    // MARK: Unfinished interviews

    /// Offers each interview left in progress by no running kiosk; staff resume, discard or leave it.
    /// Nothing about them — not even the form's title or how many answers it has — shows until staff are
    /// there: the passphrase when one is set, else a deliberate key on a neutral screen. Returns the
    /// outcome when one was resumed, `.paused` when the screen was hidden or no staff came.
    func offerUnfinishedInterviews() throws -> Next? {
        let orphans = try store.orphanedInterviews()
        guard !orphans.isEmpty else { return nil }
        // Staff may take their time here: the form is read again afterwards, with any edit since.
        preload = nil
        guard try staffArePresent() else {
            for record in orphans { store.release(record.id) }
            return .paused
        }
        for (index, record) in orphans.enumerated() {
            let version = try store.formVersion(hash: record.formHash)
            let title = version.map { $0.title.text(in: $0.language(closestTo: settings.language)) } ?? record.formID
            let count = try store.answerCount(of: record.id)
            console.clearScreenAndScrollback()
            var text = console.bold(TextLayout.wrap(phrases.unfinishedTitle, width: console.width)) + "\n\n"
            text += TextLayout.wrap(phrases.unfinishedDescription(form: title, day: record.startedDay ?? record.month, answers: count), width: console.width) + "\n\n"
            text += "  1  " + phrases.resume + "\n"
            text += "  2  " + phrases.discard + "\n"
            text += "  3  " + phrases.later + "\n\n"
            console.write(text)
            choice: while true {
                let input = console.readLine(wrapped: phrases.chooseOneToThree)
                guard case .line(let line) = input else {
                    if input == .hidden || input == .idle {
                        console.clearScreenAndScrollback()
                        for later in orphans[index...] { store.release(later.id) }
                        return .paused
                    }
                    store.release(record.id)
                    break choice
                }
                switch line.trimmingCharacters(in: .whitespaces) {
                case "1" where version != nil:
                    try store.audit(.interviewResumed, detail: record.formID, day: today())
                    for other in orphans[(index + 1)...] { store.release(other.id) }
                    let answers = try store.answers(of: record.id, form: version!)
                    let session = InterviewSession(
                        resuming: record.id, form: version!, answers: answers, language: settings.language,
                        site: record.site, console: console, recorder: recorder, today: today)
                    configure(session)
                    return try next(after: session.run())
                case "2":
                    switch try discard(record, version: version) {
                    case true?: break
                    case false?: store.release(record.id)
                    case nil:
                        for later in orphans[index...] { store.release(later.id) }
                        return .paused
                    }
                    break choice
                case "3", "":
                    store.release(record.id)
                    break choice
                default:
                    console.write(console.yellow(phrases.chooseOneToThree) + "\n")
                }
            }
        }
        return nil
    }

    /// Whether staff are at the kiosk: the passphrase when one is set; without one, at a terminal, a
    /// deliberate key on a screen that names nothing ("For staff: type p"). Piped input needs neither key.
    private func staffArePresent() throws -> Bool {
        if gate.isSet {
            console.clearScreenAndScrollback()
            console.write(console.bold(TextLayout.wrap(phrases.staffOnlyTitle, width: console.width)) + "\n\n")
            do {
                try gate.require(language: settings.language)
                return true
            } catch is StaffGate.Refusal {
                console.clearScreenAndScrollback()
                return false
            }
        }
        guard console.isInteractive else { return true }
        console.clearScreenAndScrollback()
        console.write(console.bold(TextLayout.wrap(phrases.staffOnlyTitle, width: console.width)) + "\n\n")
        console.settle(0.3)
        guard case .line(let typed) = console.readLine(wrapped: phrases.staffKeyPrompt),
              phrases.isStaffKey(typed) else {
            console.clearScreenAndScrollback()
            return false
        }
        return true
    }

    /// Discards an unfinished interview after a confirmation that says which referrals its answers have
    /// already decided (they are kept), then shows their codes. Returns false when staff think again, `nil`
    /// when the screen was hidden (Ctrl-X or the idle timeout) at the question.
    private func discard(_ record: InterviewRecord, version: Questionnaire?) throws -> Bool? {
        let answers = try version.map { try store.answers(of: record.id, form: $0) } ?? [:]
        let certain = version?.certainReferrals(given: answers).urgentFirst(by: \.level) ?? []
        var text = "\n" + phrases.confirmDiscardQuestion + "\n"
        for rule in certain {
            text += console.red(TextLayout.wrap(phrases.referralKept(level: rule.level, rule: rule.id), width: console.width)) + "\n"
        }
        console.write(text)
        let reply = console.readLine(wrapped: phrases.confirmDiscardPrompt)
        if reply == .hidden || reply == .idle {
            console.clearScreenAndScrollback()
            return nil
        }
        guard case .line(let typed) = reply, phrases.isYes(typed) else { return false }
        let issued = try store.discard(interview: record.id, raising: certain, form: version, day: today())
        console.clearScreenAndScrollback()
        if let version, !issued.isEmpty {
            let language = version.language(closestTo: settings.language)
            let screen = ResultScreen(form: version, language: language, console: console, storesAnswers: true)
            console.write(screen.text(title: phrases.unfinishedResultTitle, status: phrases.discarded + " " + phrases.unfinishedResultStatus,
                                      scores: [], issued: issued, answers: answers, closing: nil))
        } else {
            console.write(phrases.discarded + "\n\n")
        }
        if console.isInteractive { _ = console.readLine(wrapped: phrases.continuePrompt) }
        return true
    }

    // MARK: Menu

    /// What happened at the form menu.
    enum MenuChoice {
        case form(Questionnaire)
        case quit
        /// Ctrl-X or the idle timeout: the screen is cleared at once.
        case hidden
    }

    /// The numbered menu of valid forms (whose titles may name violence: Ctrl-X and the idle timeout clear
    /// it at once).
    func chooseForm() throws -> MenuChoice {
        let catalog = try FormCatalog.load(from: settings.formsDirectory)
        let forms = catalog.validForms
        console.clearScreenAndScrollback()
        var text = console.bold(TextLayout.wrap(phrases.menuTitle, width: console.width)) + "\n\n"
        for (index, form) in forms.enumerated() {
            text += TextLayout.labelled("  \(String(index + 1).leftPadded(to: 2))  ",
                                        form.title.text(in: form.language(closestTo: settings.language)) + console.dim("  (\(form.id))"),
                                        width: console.width) + "\n"
        }
        if !catalog.invalidFiles.isEmpty {
            text += "\n" + console.yellow(TextLayout.wrap(phrases.invalidForms(catalog.invalidFiles.count), width: console.width)) + "\n"
            for file in catalog.invalidFiles {
                let first = file.loaded.diagnostics.errors.first.map { "\($0)" } ?? file.displayPath
                text += console.dim(TextLayout.wrap(Phrasebook.excerpt(first, limit: 200), width: console.width, indent: 2)) + "\n"
            }
        }
        console.write(text + "\n")
        guard !forms.isEmpty else { return .quit }
        while true {
            let input = console.readLine(wrapped: phrases.menuPrompt)
            switch input {
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if ["q", "quit", "avsluta"].contains(trimmed.lowercased()) { return .quit }
                if let n = Int(trimmed), n >= 1, n <= forms.count { return .form(forms[n - 1]) }
                if let form = forms.first(where: { $0.id == trimmed }) { return .form(form) }
                console.write(console.yellow(phrases.menuProblem(Phrasebook.excerpt(trimmed), count: forms.count)) + "\n")
            case .idle, .hidden:
                console.clearScreenAndScrollback()
                return .hidden
            case .interrupted where settings.locked:
                continue
            case .endOfInput, .interrupted:
                return .quit
            }
        }
    }

    /// The screen shown after a quick hide or an idle timeout: nothing of the interview, just a welcome.
    /// Returns when staff press Enter.
    public func showNeutralScreen() {
        console.clearScreenAndScrollback()
        console.write(console.bold(TextLayout.wrap(phrases.neutralTitle, width: console.width)) + "\n\n")
        while true {
            switch console.readLine(wrapped: phrases.continuePrompt) {
            case .idle, .hidden, .interrupted: continue
            case .line, .endOfInput: return
            }
        }
    }
}
