import Foundation
import KioskCore
import KioskStore
import KioskTerminal

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
    private(set) var language: Language
    private(set) var phrases: Phrasebook
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
        self.language = form.language(closestTo: language)
        self.phrases = Phrasebook(language)
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
        self.language = form.language(closestTo: language)
        self.phrases = Phrasebook(language)
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

    /// The title and intro; `nil` when the person starts, else how it ended. Typing another language the
    /// form has (`en`, `sv`) shows everything in it from here on, for this participant only.
    private func showIntro() -> Outcome? {
        while true {
            console.clearScreenAndScrollback()
            var text = bannerLine
            if let note = form.staffNote {
                text += console.yellow(TextLayout.wrap(phrases.forStaff + " " + note.text(in: language), width: console.width)) + "\n\n"
            }
            text += console.bold(form.title.text(in: language)) + "\n\n"
            if let intro = form.intro { text += TextLayout.wrap(intro.text(in: language), width: console.width) + "\n\n" }
            text += keyLine(dontKnow: true) + "\n"
            if recorder.storesAnswers { text += console.dim(TextLayout.wrap(phrases.notAskedHint, width: console.width)) + "\n" }
            for other in form.languages where other != language {
                if let offer = phrases.otherLanguageOffer(other) { text += console.dim(offer) + "\n" }
            }
            console.write(text + "\n")
            // A double Enter on the previous screen must not skip this one (the staff note is on it).
            console.settle(Self.startSettle)
            switch console.readLine(prompt: phrases.startPrompt) {
            case .line(let line):
                if let chosen = Language(typed: line), form.languages.contains(chosen) {
                    language = chosen
                    phrases = Phrasebook(chosen)
                    continue
                }
                if NotAskedRecording.isKey(line) {
                    let recording = NotAskedRecording(form: form, phrases: phrases, console: console)
                    switch recording.ask() {
                    case .recorded(let reason, let gender):
                        do {
                            try recorder.recordNotAsked(formID: form.id, reason: reason, gender: gender, site: site, day: today())
                        } catch {
                            console.write(console.yellow(PlainMessages.message(for: error, in: language) ?? error.localizedDescription) + "\n")
                            continue
                        }
                        recording.confirm()
                        return .notAsked
                    case .cancelled: continue
                    case .hidden: return .paused
                    }
                }
                if Command.matching(line) == .abort {
                    console.write(console.yellow(phrases.confirmLeaveStartQuestion) + "\n")
                    switch console.readLine(prompt: phrases.confirmAbortPrompt) {
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
            switch console.readLine(prompt: prompt) {
            case .line(let text):
                line = text
            case .endOfInput where !console.isInteractive:
                return try endBecauseInputEnded()
            case .endOfInput, .interrupted:
                if let outcome = try confirmAbort() { return outcome }
                render(question)
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
                    console.write(console.yellow(phrases.problem(.unknownChoice(line), keys: question.choiceKeys, choiceLabels: [:])) + "\n")
                    continue
                }
                try store(changes)
                return nil
            case .proceed:
                interview.proceed()
                return nil
            case .back:
                if !interview.back() {
                    console.write(console.yellow(phrases.firstQuestion) + "\n")
                    continue
                }
                return nil
            case .help:
                let help = question.help?.text(in: language) ?? phrases.noHelp
                console.write(TextLayout.wrap(help, width: console.width, indent: 2) + "\n")
            case .abort:
                if let outcome = try confirmAbort() { return outcome }
                render(question)
            case .invalid(let problem):
                let labels = Dictionary(question.choices.map { ($0.code, $0.text.text(in: language)) }, uniquingKeysWith: { a, _ in a })
                console.write(console.yellow(phrases.problem(problem, keys: question.choiceKeys, choiceLabels: labels)) + "\n")
            }
        }
    }

    /// The review: every answer, with the chance to change any before saving.
    private func reviewAnswers() throws(StorageFailure) -> Outcome? {
        let items = interview.review
        console.clearScreenAndScrollback()
        var text = bannerLine + console.bold(phrases.reviewTitle) + "\n\n"
        for (index, item) in items.enumerated() {
            let number = String(index + 1).leftPadded(to: 3)
            text += "\(number)  " + TextLayout.wrap(item.question.text.text(in: language), width: console.width, indent: 5)
                .dropFirst(5) + "\n"
            text += "     → " + console.bold(phrases.describe(item.answer, to: item.question)) + "\n"
        }
        console.write(text + "\n" + phrases.reviewInstruction(storing: recorder.storesAnswers) + "\n")
        console.settle(Self.screenSettle)
        while true {
            let input = console.readLine(prompt: phrases.reviewPrompt)
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
            console.write(console.yellow(phrases.reviewProblem(trimmed, count: items.count, storing: recorder.storesAnswers)) + "\n")
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

    private func showResult(_ assessment: Assessment, issued: [IssuedReferral]) {
        console.clearScreenAndScrollback()
        let screen = ResultScreen(form: form, language: language, console: console, storesAnswers: recorder.storesAnswers)
        let text = bannerLine + screen.text(
            title: phrases.resultTitle, status: recorder.storesAnswers ? phrases.saved : phrases.notSavedInPreview,
            scores: assessment.scores, issued: issued, answers: assessment.answers, closing: form.closing)
        console.write(text + phrases.clearInstruction + "\n")
        console.settle(Self.startSettle)
        // Whatever is typed here, or Ctrl-C / Ctrl-D: the screen is cleared for the next person.
        _ = console.readLine(prompt: phrases.clearPrompt)
        console.clearScreenAndScrollback()
    }

    /// After an abort: a neutral line the participant may read, then (at a terminal, after Enter) the
    /// staff screen with the referrals the answers already decided — so nothing meant for staff shows
    /// while the participant may still be looking.
    private func showAborted(_ issued: [IssuedReferral], inputEnded: Bool) {
        if console.isInteractive {
            console.clearScreenAndScrollback()
            console.write(bannerLine + phrases.aborted + "\n\n")
            let handOver = console.readLine(prompt: phrases.handOverPrompt)
            if handOver == .hidden || handOver == .idle {
                // Hidden at the hand-over: nothing for staff appears now (the referrals are in the list).
                console.clearScreenAndScrollback()
                return
            }
        } else {
            console.write((inputEnded ? phrases.inputEnded : phrases.aborted) + "\n")
        }
        console.clearScreenAndScrollback()
        let screen = ResultScreen(form: form, language: language, console: console, storesAnswers: recorder.storesAnswers)
        let text = bannerLine + screen.text(
            title: phrases.unfinishedResultTitle, status: phrases.unfinishedResultStatus,
            scores: [], issued: issued, answers: interview.answers, closing: nil)
        console.write(text + (console.isInteractive ? phrases.clearInstruction + "\n" : ""))
        if console.isInteractive {
            _ = console.readLine(prompt: phrases.clearPrompt)
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
                text += TextLayout.labelled("  " + key.leftPadded(to: max(2, keyWidth)) + "  ", choice.text.text(in: language), width: width) + "\n"
            }
            if case .multipleChoice = question.kind {
                text += "\n" + console.dim(phrases.multipleChoiceHint(letters: question.choiceKeying == .letters)) + "\n"
            }
            if question.breakdown == .ageBand { text += "\n" + console.dim(phrases.ageHint) + "\n" }
        case .scale(let min, let max, let minLabel, let maxLabel):
            if let points = question.scaleLabels {
                let keyWidth = points.map { String($0.value).count }.max() ?? 1
                for point in points {
                    let prefix = "  " + String(point.value).leftPadded(to: Swift.max(2, keyWidth)) + "  "
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
            text += "\n" + keyLine(dontKnow: question.allowsDontKnow) + "\n"
        } else {
            text += "\n"
        }
        console.write(text)
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
        console.write(console.yellow(phrases.confirmAbortQuestion) + "\n")
        switch console.readLine(prompt: phrases.confirmAbortPrompt) {
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
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
