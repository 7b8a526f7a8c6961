import Foundation
import KioskCore
import KioskStore
import KioskTerminal
import TextWidth

/// Runs one participant's interview on a console: shows each step of the ``Interview`` state machine,
/// reads what is typed, and stores every answer as it is given.
public final class InterviewSession {
    /// How an interview ended.
    public enum Outcome: Equatable {
        /// Saved; these referrals were issued.
        case completed([IssuedReferral])
        /// Aborted by staff or participant; the referrals its answers already decided were raised.
        case aborted([IssuedReferral])
        /// Piped input ended before the interview was done; marked as aborted, with the referrals its
        /// answers already decided.
        case inputEnded([IssuedReferral])
        /// Left at the start screen: nothing was stored.
        case notStarted
        /// Staff recorded at the start screen that the questions were not asked (and why).
        case notAsked
        /// The screen was hidden (quick-hide key) or left idle: the interview, if one was started, stays
        /// in progress for staff to resume or discard.
        case paused
    }

    /// A failure to store an answer: the interview stops; what was saved stays saved.
    public struct StorageFailure: Error {
        public var underlying: any Error
    }

    let form: Questionnaire
    /// The participant's language: the questions, keys and the participant's screens.
    private(set) var language: Language
    private(set) var phrases: Phrasebook
    /// The staff's language (`--lang`): the staff note, the result screen, staff prompts.
    let staffLanguage: Language
    var staffPhrases: Phrasebook { Phrasebook(staffLanguage) }
    /// The participant reads and answers alone: the end screen is a neutral thank-you with the support
    /// lines everyone gets, and the result appears only after ``requireStaff``.
    public var selfAdministered = false
    /// Asks for the staff passphrase; true when given. Used in self-administered mode before the result.
    public var requireStaff: (() -> Bool)?
    let console: any Console
    let recorder: any InterviewRecorder
    let site: String?
    let today: () -> Day
    var interview: Interview
    var storedID: String?
    /// Whether this picks up an interview left unfinished (no intro then).
    let isResumed: Bool
    /// A line shown at the top of every screen (the preview's "nothing is saved").
    public var banner: String?

    public init(form: Questionnaire, language: Language, site: String?, console: any Console,
                recorder: any InterviewRecorder, today: @escaping () -> Day) {
        self.form = form
        self.staffLanguage = language
        self.language = form.language(closestTo: language)
        self.phrases = Phrasebook(self.language)
        self.console = console
        self.recorder = recorder
        self.site = site
        self.today = today
        self.interview = Interview(form: form)
        self.isResumed = false
    }

    /// Picks up a stored interview where it stopped, with the exact form version it began with.
    public init(resuming id: String, form: Questionnaire, answers: Answers, language: Language, site: String?,
                console: any Console, recorder: any InterviewRecorder, today: @escaping () -> Day) {
        self.form = form
        self.staffLanguage = language
        self.language = form.language(closestTo: language)
        self.phrases = Phrasebook(self.language)
        self.console = console
        self.recorder = recorder
        self.site = site
        self.today = today
        self.interview = Interview(form: form, resumingWith: answers)
        self.storedID = id
        self.isResumed = true
        interview.begin()
    }

    /// `kiosk forms preview`: the whole interview, storing nothing, with a banner that says so.
    public static func preview(_ form: Questionnaire, language: Language, console: any Console) -> InterviewSession {
        let session = InterviewSession(form: form, language: language, site: nil, console: console, recorder: PreviewRecorder(), today: Day.today)
        session.banner = Phrasebook(language).previewBanner
        return session
    }

    /// Runs the interview to its end. Throws ``StorageFailure`` when an answer cannot be stored.
    public func run() throws(StorageFailure) -> Outcome {
        if !isResumed, let early = showIntro() { return early }
        while true {
            switch interview.step {
            case .intro:
                interview.begin()
            case .question:
                if let outcome = try askCurrentQuestion() { return outcome }
            case .review:
                if let outcome = try reviewAnswers() { return outcome }
            case .finished:
                return .aborted([])
            }
        }
    }

    // MARK: Steps

    /// The languages the participant may choose: the form's languages the kiosk has words for.
    private var offeredLanguages: [Language] {
        let packs = Phrasebook.installedPacks
        return form.languages.filter { packs[$0] != nil }
    }

    /// The title and intro; `nil` when the person starts, else how it ended. Typing another language the
    /// form has (its code or its own name: `ar`, `العربية`) shows the participant's screens in it from
    /// here on, for this participant only; staff screens stay in the staff language.
    private func showIntro() -> Outcome? {
        while true {
            console.clearScreenAndScrollback()
            let width = console.width
            var text = bannerLine
            if let note = form.staffNote {
                let staffText = form.language(closestTo: staffLanguage)
                text += console.yellow(TextLayout.wrap(staffPhrases.forStaff + " " + note.text(in: staffText), width: width)) + "\n\n"
            }
            if phrases.pack.status == .draft {
                text += console.yellow(TextLayout.wrap(staffPhrases.forStaff + " " + staffPhrases.draftLanguage(phrases.pack), width: width)) + "\n\n"
            }
            text += console.bold(TextLayout.wrap(form.title.text(in: language), width: width)) + "\n\n"
            if let intro = form.intro { text += TextLayout.wrap(intro.text(in: language), width: width) + "\n\n" }
            if selfAdministered { text += TextLayout.wrap(phrases.selfIntro, width: width) + "\n\n" }
            if selfAdministered || console.isAccessible {
                text += TextLayout.wrap(phrases.keysExplained, width: width) + "\n"
            } else {
                text += keyLine(dontKnow: true) + "\n"
            }
            if recorder.storesAnswers && !selfAdministered {
                text += console.dim(TextLayout.wrap(staffPhrases.notAskedHint, width: width)) + "\n"
            }
            let packs = Phrasebook.installedPacks
            for other in offeredLanguages where other != language {
                guard let pack = packs[other] else { continue }
                text += console.dim(TextLayout.wrap(pack.name + " · " + Phrasebook(pack).languageOffer, width: width)) + "\n"
            }
            console.write(text + "\n")
            // A double Enter on the previous screen must not skip this one (the staff note is on it).
            console.settle(Self.startSettle)
            switch console.readLine(wrapped: phrases.startPrompt) {
            case .line(let line):
                if let chosen = packs.language(typed: line, among: offeredLanguages) {
                    language = chosen
                    phrases = Phrasebook(chosen)
                    continue
                }
                if NotAskedRecording.isKey(line) && !selfAdministered {
                    let recording = NotAskedRecording(form: form, phrases: staffPhrases, console: console)
                    switch recording.ask() {
                    case .recorded(let reason, let gender):
                        do {
                            try recorder.recordNotAsked(formID: form.id, reason: reason, gender: gender, site: site, day: today())
                        } catch {
                            console.write(console.yellow(TextLayout.wrap(PlainMessages.message(for: error, in: staffLanguage) ?? error.localizedDescription, width: console.width)) + "\n")
                            continue
                        }
                        recording.confirm()
                        return .notAsked
                    case .cancelled: continue
                    case .hidden: return .paused
                    }
                }
                if Command.matching(line) == .abort {
                    console.write(console.yellow(TextLayout.wrap(phrases.confirmLeaveStartQuestion, width: console.width)) + "\n")
                    switch console.readLine(wrapped: phrases.confirmAbortPrompt) {
                    case .line(let reply) where !phrases.isYes(reply): continue
                    case .idle, .hidden: return .paused
                    default: return .notStarted
                    }
                }
                interview.begin()
                return nil
            case .endOfInput, .interrupted:
                return .notStarted
            case .idle, .hidden:
                return .paused
            }
        }
    }

    /// Shows the current question and handles one line; returns an outcome when the interview ends.
    private func askCurrentQuestion() throws(StorageFailure) -> Outcome? {
        guard let question = interview.currentQuestion else { return nil }
        render(question)
        console.settle(Self.screenSettle)
        while true {
            let prompt = question.takesAnswer ? phrases.answerPrompt : phrases.continuePrompt
            let line: String
            switch console.readLine(wrapped: prompt) {
            case .line(let text):
                line = text
            case .endOfInput where !console.isInteractive:
                return try endBecauseInputEnded()
            case .endOfInput, .interrupted:
                if let outcome = try confirmAbort() { return outcome }
                if !console.isAccessible { render(question) }
                continue
            case .idle, .hidden:
                return pause()
            }
            switch ResponseParser.parse(line, for: question, current: interview.currentAnswer, language: language) {
            case .answer(let answer):
                let changes: [Interview.AnswerChange]
                do {
                    changes = try interview.answer(answer)
                } catch {
                    // The parser only gives answers that fit; should one not, say so rather than ignore it.
                    console.write(console.yellow(TextLayout.wrap(phrases.problem(.unknownChoice(line), keys: question.choiceKeys, choiceLabels: [:]), width: console.width)) + "\n")
                    continue
                }
                try store(changes)
                if console.isAccessible {
                    console.write(TextLayout.wrap(phrases.youAnswered(phrases.describe(answer, to: question)), width: console.width) + "\n")
                }
                return nil
            case .proceed:
                interview.proceed()
                return nil
            case .back:
                if !interview.back() {
                    console.write(console.yellow(TextLayout.wrap(phrases.firstQuestion, width: console.width)) + "\n")
                    continue
                }
                return nil
            case .help:
                let help = question.help?.text(in: language) ?? phrases.noHelp
                console.write(TextLayout.wrap(help, width: console.width, indent: 2) + "\n")
            case .abort:
                if let outcome = try confirmAbort() { return outcome }
                if !console.isAccessible { render(question) }
            case .invalid(let problem):
                let labels = Dictionary(question.choices.map { ($0.code, $0.text.text(in: language)) }, uniquingKeysWith: { a, _ in a })
                console.write(console.yellow(TextLayout.wrap(phrases.problem(problem, keys: question.choiceKeys, choiceLabels: labels), width: console.width)) + "\n")
            }
        }
    }

    /// The review: every answer, with the chance to change any before saving.
    private func reviewAnswers() throws(StorageFailure) -> Outcome? {
        let items = interview.review
        console.clearScreenAndScrollback()
        var text = bannerLine + console.bold(TextLayout.wrap(phrases.reviewTitle, width: console.width)) + "\n\n"
        for (index, item) in items.enumerated() {
            let number = String(index + 1).leftPadded(to: 3)
            text += "\(number)  " + TextLayout.wrap(item.question.text.text(in: language), width: console.width, indent: 5)
                .dropFirst(5) + "\n"
            text += console.bold(TextLayout.labelled("     → ", phrases.describe(item.answer, to: item.question), width: console.width)) + "\n"
        }
        console.write(text + "\n" + TextLayout.wrap(phrases.reviewInstruction(storing: recorder.storesAnswers), width: console.width) + "\n")
        console.settle(Self.screenSettle)
        while true {
            let input = console.readLine(wrapped: phrases.reviewPrompt)
            guard case .line(let line) = input else {
                switch input {
                case .idle, .hidden: return pause()
                case .endOfInput where !console.isInteractive: return try endBecauseInputEnded()
                default: break
                }
                if let outcome = try confirmAbort() { return outcome }
                return nil
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                guard let assessment = interview.finish() else { return nil }
                return try save(assessment)
            }
            switch Command.matching(trimmed) {
            case .back?:
                interview.back()
                return nil
            case .abort?:
                if let outcome = try confirmAbort() { return outcome }
                return nil
            default:
                break
            }
            if let n = Int(trimmed), n >= 1, n <= items.count {
                interview.revise(items[n - 1].question.id)
                return nil
            }
            console.write(console.yellow(TextLayout.wrap(phrases.reviewProblem(trimmed, count: items.count, storing: recorder.storesAnswers), width: console.width)) + "\n")
        }
    }

    /// Completes the stored interview and shows the result screen for staff.
    private func save(_ assessment: Assessment) throws(StorageFailure) -> Outcome {
        let id: String
        do {
            id = try storedID ?? recorder.begin(form: form, language: language, site: site, day: today())
            storedID = id
        } catch {
            throw StorageFailure(underlying: error)
        }
        let issued: [IssuedReferral]
        do {
            issued = try recorder.complete(interview: id, assessment: assessment, form: form, day: today())
        } catch {
            throw StorageFailure(underlying: error)
        }
        showResult(assessment, issued: issued)
        return .completed(issued)
    }

    /// The staff's result screen, in the staff language. In self-administered mode the participant first
    /// sees the neutral thank-you, and the result only follows the staff passphrase.
    private func showResult(_ assessment: Assessment, issued: [IssuedReferral]) {
        if selfAdministered {
            guard showThankYou(aborted: false) else { return }
        }
        console.clearScreenAndScrollback()
        let screen = ResultScreen(form: form, language: form.language(closestTo: staffLanguage), console: console,
                                  storesAnswers: recorder.storesAnswers)
        let text = bannerLine + screen.text(
            title: staffPhrases.resultTitle, status: recorder.storesAnswers ? staffPhrases.saved : staffPhrases.notSavedInPreview,
            scores: assessment.scores, issued: issued, answers: assessment.answers, closing: selfAdministered ? nil : form.closing)
        console.write(text + draftNote + TextLayout.wrap(staffPhrases.clearInstruction, width: console.width) + "\n")
        console.settle(Self.startSettle)
        // Whatever is typed here, or Ctrl-C / Ctrl-D: the screen is cleared for the next person.
        _ = console.readLine(wrapped: staffPhrases.clearPrompt)
        console.clearScreenAndScrollback()
    }

    /// On the staff screen: the participant's screens were in a draft language.
    private var draftNote: String {
        guard phrases.pack.status == .draft else { return "" }
        return console.yellow(TextLayout.wrap(staffPhrases.draftLanguage(phrases.pack), width: console.width)) + "\n\n"
    }

    /// Self-administered mode's end: a thank-you and every support line of the form, the same whatever
    /// was answered (nothing on it tells an onlooker anything), in the participant's language; then the
    /// staff passphrase. Returns whether staff gave it (false: the screen is cleared, the result is not
    /// shown; the referrals are in `kiosk referrals list`).
    private func showThankYou(aborted: Bool) -> Bool {
        console.clearScreenAndScrollback()
        let width = console.width
        var text = bannerLine + console.bold(TextLayout.wrap(phrases.thankYouTitle, width: console.width)) + "\n\n"
        text += TextLayout.wrap(aborted ? phrases.aborted : phrases.thankYou, width: width) + "\n\n"
        let lines = form.supportForEveryone
        if !lines.isEmpty {
            text += console.bold(TextLayout.wrap(phrases.selfSupportTitle, width: width)) + "\n"
            for entry in lines {
                text += TextLayout.wrap("· " + entry.text.text(in: language), width: width, indent: 2, hanging: 2) + "\n"
            }
            text += "\n"
        }
        if let closing = form.closing { text += TextLayout.wrap(closing.text(in: language), width: width) + "\n\n" }
        text += TextLayout.wrap(staffPhrases.selfHandBack, width: width) + "\n"
        console.write(text)
        console.settle(Self.startSettle)
        guard let requireStaff, requireStaff() else {
            console.clearScreenAndScrollback()
            return false
        }
        return true
    }

    /// After an abort: a neutral line the participant may read, then (at a terminal, after Enter) the
    /// staff screen with the referrals the answers already decided — so nothing meant for staff shows
    /// while the participant may still be looking.
    private func showAborted(_ issued: [IssuedReferral], inputEnded: Bool) {
        if selfAdministered && !inputEnded {
            guard showThankYou(aborted: true) else { return }
        } else if console.isInteractive {
            console.clearScreenAndScrollback()
            console.write(bannerLine + TextLayout.wrap(phrases.aborted, width: console.width) + "\n\n")
            let handOver = console.readLine(wrapped: staffPhrases.handOverPrompt)
            if handOver == .hidden || handOver == .idle {
                // Hidden at the hand-over: nothing for staff appears now (the referrals are in the list).
                console.clearScreenAndScrollback()
                return
            }
        } else {
            console.write(TextLayout.wrap(inputEnded ? phrases.inputEnded : phrases.aborted, width: console.width) + "\n")
        }
        console.clearScreenAndScrollback()
        let screen = ResultScreen(form: form, language: form.language(closestTo: staffLanguage), console: console,
                                  storesAnswers: recorder.storesAnswers)
        let text = bannerLine + screen.text(
            title: staffPhrases.unfinishedResultTitle, status: staffPhrases.unfinishedResultStatus,
            scores: [], issued: issued, answers: interview.answers, closing: nil)
        console.write(text + (console.isInteractive ? TextLayout.wrap(staffPhrases.clearInstruction, width: console.width) + "\n" : ""))
        if console.isInteractive {
            _ = console.readLine(wrapped: staffPhrases.clearPrompt)
            console.clearScreenAndScrollback()
        }
    }

    // MARK: Helpers

    /// How long a new start or result screen ignores keys (a double Enter is about a fifth of a second).
    static let startSettle = 0.5
    /// How long a new question or review screen ignores keys.
    static let screenSettle = 0.2

    private var bannerLine: String {
        banner.map { console.yellow($0) + "\n\n" } ?? ""
    }

    private func render(_ question: Question) {
        console.clearScreenAndScrollback()
        let width = console.width
        var header = form.title.text(in: language)
        if let progress = interview.progress {
            header += "   ·   " + phrases.progress(progress.number, of: progress.total, exact: progress.exact)
        }
        var text = bannerLine + console.dim(TextLayout.wrap(header, width: width)) + "\n\n"
        if let stem = question.stem { text += TextLayout.wrap(stem.text(in: language), width: width) + "\n" }
        text += console.bold(TextLayout.wrap(question.text.text(in: language), width: width)) + "\n\n"
        switch question.kind {
        case .yesNo, .singleChoice, .multipleChoice:
            let keys = question.choiceKeys
            let keyWidth = keys.map(\.count).max() ?? 1
            for (key, choice) in zip(keys, question.choices) {
                text += TextLayout.labelled("  " + isolated(key.leftPadded(to: max(2, keyWidth))) + "  ", choice.text.text(in: language), width: width) + "\n"
            }
            if case .multipleChoice = question.kind {
                text += "\n" + console.dim(TextLayout.wrap(phrases.multipleChoiceHint(letters: question.choiceKeying == .letters), width: width)) + "\n"
            }
            if question.breakdown == .ageBand { text += "\n" + console.dim(TextLayout.wrap(phrases.ageHint, width: width)) + "\n" }
        case .scale(let min, let max, let minLabel, let maxLabel):
            if let points = question.scaleLabels {
                let keyWidth = points.map { String($0.value).count }.max() ?? 1
                for point in points {
                    let prefix = "  " + isolated(String(point.value).leftPadded(to: Swift.max(2, keyWidth))) + "  "
                    text += TextLayout.labelled(prefix, point.text.text(in: language), width: width) + "\n"
                }
                text += "\n" + console.dim(TextLayout.wrap(phrases.scaleHint(min: min, max: max, minLabel: nil, maxLabel: nil), width: width)) + "\n"
            } else {
                let hint = phrases.scaleHint(min: min, max: max, minLabel: minLabel?.text(in: language), maxLabel: maxLabel?.text(in: language))
                text += TextLayout.wrap(hint, width: width, indent: 2) + "\n"
            }
        case .number(let min, let max, let unit):
            text += TextLayout.wrap(phrases.numberHint(min: min, max: max, unit: unit?.text(in: language)), width: width, indent: 2) + "\n"
        case .freeText:
            text += TextLayout.wrap(phrases.freeTextHint, width: width, indent: 2) + "\n"
        case .info:
            break
        }
        if question.takesAnswer {
            if let current = interview.currentAnswer {
                // Enter keeps the answer given: "Enter skips" is not said as well.
                text += "\n" + TextLayout.wrap(phrases.currentAnswer(phrases.describe(current, to: question)), width: width) + "\n"
            } else if !question.isRequired {
                text += console.dim(TextLayout.wrap(phrases.optionalHint, width: width)) + "\n"
            }
            // In accessible mode the keys were explained once at the start; no line of hints each time.
            if !console.isAccessible { text += "\n" + keyLine(dontKnow: question.allowsDontKnow) + "\n" }
        } else {
            text += "\n"
        }
        console.write(text)
    }

    /// A key or number before a choice, kept in place in right-to-left text by a left-to-right isolate.
    private func isolated(_ key: String) -> String {
        phrases.pack.direction == .rightToLeft ? Bidi.leftToRight(key) : key
    }

    /// The discreet line (or lines, on a narrow screen) of keys that work at every prompt.
    private func keyLine(dontKnow: Bool) -> String {
        let items = phrases.keyHintItems(dontKnow: dontKnow, quickHide: console.isInteractive)
        return TextLayout.pack(items, width: console.width).split(separator: "\n").map { console.dim(String($0)) }.joined(separator: "\n")
    }

    /// Stores answer changes, starting the stored interview with the first answer.
    private func store(_ changes: [Interview.AnswerChange]) throws(StorageFailure) {
        do {
            if storedID == nil {
                storedID = try recorder.begin(form: form, language: language, site: site, day: today())
            }
            if let storedID { try recorder.save(changes, interview: storedID, form: form) }
        } catch {
            throw StorageFailure(underlying: error)
        }
    }

    /// Asks whether to abort; returns `.aborted` when confirmed.
    private func confirmAbort() throws(StorageFailure) -> Outcome? {
        console.write(console.yellow(TextLayout.wrap(phrases.confirmAbortQuestion, width: console.width)) + "\n")
        switch console.readLine(wrapped: phrases.confirmAbortPrompt) {
        case .line(let reply) where !phrases.isYes(reply):
            return nil
        case .idle, .hidden:
            return pause()
        default:
            let issued = try markAborted()
            showAborted(issued, inputEnded: false)
            return .aborted(issued)
        }
    }

    /// Clears the screen at once; the stored interview stays in progress, its lock freed for the resume.
    private func pause() -> Outcome {
        console.clearScreenAndScrollback()
        if let storedID { recorder.release(interview: storedID) }
        return .paused
    }

    private func endBecauseInputEnded() throws(StorageFailure) -> Outcome {
        let issued = try markAborted()
        showAborted(issued, inputEnded: true)
        return .inputEnded(issued)
    }

    /// Marks the stored interview aborted, raising the referral rules its answers already decide.
    private func markAborted() throws(StorageFailure) -> [IssuedReferral] {
        guard let storedID else { return [] }
        do {
            return try recorder.abort(interview: storedID, raising: form.certainReferrals(given: interview.answers),
                                      form: form, day: today())
        } catch {
            throw StorageFailure(underlying: error)
        }
    }
}

extension String {
    /// Padded with spaces on the left to `width` columns (by display width).
    func leftPadded(to width: Int) -> String { DisplayWidth.leftPadded(self, to: width) }
}
