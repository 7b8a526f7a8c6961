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

    public init(formsDirectory: URL, dataDirectory: URL, language: Language, site: String?, formID: String?) {
        self.formsDirectory = formsDirectory
        self.dataDirectory = dataDirectory
        self.language = language
        self.site = site
        self.formID = formID
    }
}

/// Runs participants' interviews one after another: the form menu (or the given form), the interview,
/// the result, and a cleared screen for the next person.
public final class KioskRunner {
    /// What to do after one participant.
    public enum Next: Equatable {
        /// Ready for the next participant.
        case nextParticipant
        /// Quit normally (q at the menu, end of input at a start screen).
        case quit
        /// Quit with an error: piped input ended in the middle of an interview.
        case inputEndedMidInterview
    }

    let settings: KioskSettings
    let console: any Console
    let recorder: any InterviewRecorder
    let today: () -> Day

    public init(settings: KioskSettings, console: any Console, recorder: any InterviewRecorder, today: @escaping () -> Day) {
        self.settings = settings
        self.console = console
        self.recorder = recorder
        self.today = today
    }

    /// Runs one participant's interview (after the menu, when there is one).
    public func runParticipant() throws -> Next {
        let form: Questionnaire
        if let id = settings.formID {
            form = try FormCatalog.form(id, in: settings.formsDirectory)
        } else {
            guard let chosen = try chooseForm() else { return .quit }
            form = chosen
        }
        let session = InterviewSession(form: form, language: settings.language, site: settings.site,
                                       console: console, recorder: recorder, today: today)
        switch try session.run() {
        case .completed, .aborted:
            return .nextParticipant
        case .inputEnded:
            return .inputEndedMidInterview
        case .notStarted:
            // At the menu, leaving a start screen goes back to the menu; with one form, it quits.
            return settings.formID == nil && console.isInteractive ? .nextParticipant : .quit
        }
    }

    /// The numbered menu of valid forms; `nil` when the person quits.
    func chooseForm() throws -> Questionnaire? {
        let phrases = Phrasebook(settings.language)
        let catalog = try FormCatalog.load(from: settings.formsDirectory)
        let forms = catalog.validForms
        console.clearScreenAndScrollback()
        var text = console.bold(phrases.menuTitle) + "\n\n"
        for (index, form) in forms.enumerated() {
            text += "  \(String(index + 1).leftPadded(to: 2))  \(form.title.text(in: form.language(closestTo: settings.language)))"
                + console.dim("  (\(form.id))") + "\n"
        }
        if !catalog.invalidFiles.isEmpty {
            text += "\n" + console.yellow(phrases.invalidForms(catalog.invalidFiles.count)) + "\n"
        }
        console.write(text + "\n")
        guard !forms.isEmpty else { return nil }
        while true {
            guard case .line(let line) = console.readLine(prompt: phrases.menuPrompt) else { return nil }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if ["q", "quit", "avsluta"].contains(trimmed.lowercased()) { return nil }
            if let n = Int(trimmed), n >= 1, n <= forms.count { return forms[n - 1] }
            if let form = forms.first(where: { $0.id == trimmed }) { return form }
            console.write(console.yellow(phrases.menuProblem(trimmed, count: forms.count)) + "\n")
        }
    }
}
