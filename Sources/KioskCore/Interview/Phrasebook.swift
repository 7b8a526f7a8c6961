import Synchronization

/// The kiosk's own words on screen, in one language, from that language's ``LanguagePack`` (a language
/// file beside the forms). Form texts come from the form.
public struct Phrasebook: Sendable {
    public let pack: LanguagePack
    public var language: Language { pack.language }

    public init(_ pack: LanguagePack) { self.pack = pack }

    /// The words of `language` from the packs the kiosk has installed (``install(_:)``), else Swedish, else
    /// English. Without any installed pack (a program that never loaded its language files) the words
    /// show as their keys.
    public init(_ language: Language) {
        self.pack = Self.installed.withLock { $0.pack(for: language) }
            ?? LanguagePack(language: language, name: language.rawValue, phrases: [:])
    }

    private static let installed = Mutex(LanguagePacks([]))
    private static let yesNo = Mutex((yes: LocalizedText([:]), no: LocalizedText([:])))

    /// Makes `packs` the kiosk's languages for every ``init(_:)-(Language)`` from now on (done once at start).
    public static func install(_ packs: LanguagePacks) {
        installed.withLock { $0 = packs }
        let yes = LocalizedText(packs.packs.mapValues { $0.text("answer.yes") })
        let no = LocalizedText(packs.packs.mapValues { $0.text("answer.no") })
        yesNo.withLock { $0 = (yes, no) }
    }

    /// The labels of a yes/no question's two answers in every installed language.
    public static var yesNoLabels: (yes: LocalizedText, no: LocalizedText) { yesNo.withLock { $0 } }

    /// The installed packs.
    public static var installedPacks: LanguagePacks { installed.withLock { $0 } }

    private func t(_ key: String, _ values: [String: String] = [:]) -> String { pack.text(key, values) }

    /// The phrase `key` of the ``PhraseCatalog`` with its placeholders filled in (for staff reports and
    /// messages that have no method of their own here).
    public func text(_ key: String, _ values: [String: String] = [:]) -> String { pack.text(key, values) }

    /// "Fråga 3 av 9", or "Fråga 3 av högst 9" when some of the nine may yet be skipped.
    public func progress(_ number: Int, of total: Int, exact: Bool = true) -> String {
        t(exact ? "progress" : "progress_up_to", ["number": String(number), "total": String(total)])
    }

    /// The discreet line of keys shown under every question.
    public func keyHint(dontKnow: Bool, quickHide: Bool = false) -> String {
        keyHintItems(dontKnow: dontKnow, quickHide: quickHide).joined(separator: "   ")
    }

    /// The keys of ``keyHint(dontKnow:quickHide:)`` one by one, for laying out on a narrow screen.
    public func keyHintItems(dontKnow: Bool, quickHide: Bool = false) -> [String] {
        var parts = [
            "\(Command.back.key) \(t("key.back"))",
            "\(Command.help.key) \(t("key.help"))",
            "\(Command.decline.key) \(t("key.decline"))",
        ]
        if dontKnow { parts.append("\(Command.dontKnow.key) \(t("key.dont_know"))") }
        parts.append("\(Command.abort.key) \(t("key.abort"))")
        if quickHide { parts.append(t("key.hide")) }
        return parts
    }

    /// What every key does, in one sentence (self-administered and accessible mode say it once).
    public var keysExplained: String { t("keys_explained") }

    /// The start screen's offer of this language, written in it so the person who needs it can read it:
    /// "In English: type en and press Enter."
    public var languageOffer: String { t("language_offer", ["code": language.rawValue]) }

    /// The label of text meant for staff only (a form's staff note).
    public var forStaff: String { t("for_staff") }
    public var answerPrompt: String { t("answer_prompt") }
    public var continuePrompt: String { t("continue_prompt") }
    public var startPrompt: String { t("start_prompt") }
    public var firstQuestion: String { t("first_question") }
    public var noHelp: String { t("no_help") }

    public func currentAnswer(_ text: String) -> String { t("current_answer", ["answer": text]) }
    /// The answer read back as a line of its own (accessible mode): "Du svarade: Nej".
    public func youAnswered(_ text: String) -> String { t("you_answered", ["answer": text]) }

    /// How to pick several choices, with the keys the question uses.
    public func multipleChoiceHint(letters: Bool) -> String {
        t(letters ? "multiple_choice_letters" : "multiple_choice_numbers")
    }

    /// Under an age-band question: the age itself may be typed; only its band is kept.
    public var ageHint: String { t("age_hint") }

    public var optionalHint: String { t("optional_hint") }

    public func scaleHint(min: Int, max: Int, minLabel: String?, maxLabel: String?) -> String {
        let low = minLabel.map { "\(min) (\($0))" } ?? "\(min)"
        let high = maxLabel.map { "\(max) (\($0))" } ?? "\(max)"
        return t("scale_hint", ["low": low, "high": high])
    }

    public func numberHint(min: Int, max: Int, unit: String?) -> String {
        if let unit { return t("number_hint_unit", ["min": String(min), "max": String(max), "unit": unit]) }
        return t("number_hint", ["min": String(min), "max": String(max)])
    }

    public var freeTextHint: String { t("free_text_hint") }

    /// What to say after input that is not an answer, with what is accepted instead. `keys` are the keys
    /// shown before the choices (`1`…`5` or `a`…`e`); what the person typed is quoted only in part when long.
    public func problem(_ problem: InputProblem, keys: [String], choiceLabels: [String: String]) -> String {
        let declineTip = t("decline_tip", ["key": Command.decline.key])
        let letters = keys.first.map { Int($0) == nil } ?? false
        let first = keys.first ?? "1", last = keys.last ?? "1"
        let range = keys.count == 1 ? first : t("range", ["first": first, "last": last])
        let keyWord = t(letters ? "key_word.letter" : "key_word.number")
        func quote(_ text: String) -> String { Self.excerpt(text) }
        switch problem {
        case .emptyButRequired:
            return t("problem.empty", ["decline_tip": declineTip])
        case .unknownChoice(let text):
            return t("problem.unknown_choice", ["text": quote(text), "key_word": keyWord, "range": range])
        case .ambiguous(let text, let codes):
            let labels = codes.map { choiceLabels[$0] ?? $0 }.joined(separator: ", ")
            return t(letters ? "problem.ambiguous_letters" : "problem.ambiguous_numbers", ["text": quote(text), "labels": labels])
        case .numberNotAKey(let text):
            return t("problem.number_not_a_key", ["text": quote(text), "key_word": keyWord, "range": range])
        case .ageOutsideBands(let age):
            return t("problem.age_outside", ["age": String(age), "range": range, "decline_tip": declineTip])
        case .notANumber(let text):
            return t("problem.not_a_number", ["text": quote(text), "decline_tip": declineTip])
        case .outOfRange(let n, let range):
            return t("problem.out_of_range", ["number": String(n), "low": String(range.lowerBound), "high": String(range.upperBound)])
        case .dontKnowNotOffered:
            return t("problem.dont_know_not_offered", ["decline_tip": declineTip])
        case .textTooLong(let count):
            return t("problem.text_too_long", ["count": String(count), "maximum": String(ResponseParser.maximumTextLength)])
        }
    }

    /// What a person typed, as quoted back in a message: at most 30 characters (a pasted page is never
    /// echoed in full), control characters left out.
    public static func excerpt(_ text: String, limit: Int = 30) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        return clean.count <= limit ? clean : String(clean.prefix(limit - 1)) + "…"
    }

    /// The neutral title of a screen only staff may go past: it names no form and no interview.
    public var staffOnlyTitle: String { t("staff_only_title") }
    public var staffKeyPrompt: String { t("staff_key_prompt") }
    /// Whether a reply is the deliberate staff key.
    public func isStaffKey(_ reply: String) -> Bool {
        pack.words("words.staff").contains(ResponseParser.fold(String(reply.trimmingSpaces())))
    }

    /// How an answer reads on the review and result screens.
    public func describe(_ answer: Answer?, to question: Question) -> String {
        guard let answer else { return "–" }
        switch answer {
        case .choice(let code): return question.choice(code)?.text.text(in: language) ?? code
        case .choices(let codes): return codes.map { question.choice($0)?.text.text(in: language) ?? $0 }.joined(separator: ", ")
        case .number(let n): return String(n)
        case .text: return t("answer.free_text")
        case .declined: return declinedLabel
        case .dontKnow: return dontKnowLabel
        case .skipped: return skippedLabel
        }
    }

    public var declinedLabel: String { t("answer.declined") }
    public var dontKnowLabel: String { t("answer.dont_know") }
    public var skippedLabel: String { t("answer.none") }
    public var notStatedLabel: String { t("not_stated") }
    public var notAskedLabel: String { t("not_asked") }
    public var coverageTitle: String { t("coverage.title") }
    /// A row of the coverage table (`nil`: completed interviews).
    public func coverageLabel(_ kind: Coverage?) -> String {
        switch kind {
        case nil: return t("coverage.completed")
        case .unfinished?: return t("coverage.unfinished")
        case .companion?: return t("coverage.companion")
        case .noInterpreter?: return t("coverage.no_interpreter")
        case .declinedToStart?: return t("coverage.declined_to_start")
        case .other?: return t("coverage.other")
        }
    }
    public var notAskedTitle: String { t("not_asked.title") }
    public var notAskedGenderQuestion: String { t("not_asked.gender_question") }
    public var genderNotKnownLabel: String { t("not_asked.gender_not_known") }
    public var notAskedRecorded: String { t("not_asked.recorded") }
    public func chooseNumber(_ count: Int) -> String { t("choose_number", ["count": String(count)]) }
    /// Under the keys on the start screen: how staff record that the questions were not asked.
    public var notAskedHint: String { t("not_asked.hint") }
    public var notScoredLabel: String { t("not_scored_label") }
    public var noBandLabel: String { t("no_band_label") }

    public var reviewTitle: String { t("review.title") }
    /// What to type at the review; Enter saves, or in a preview (`storing` false) shows the result.
    public func reviewInstruction(storing: Bool = true) -> String {
        t(storing ? "review.instruction_save" : "review.instruction_result")
    }
    public var reviewPrompt: String { t("review.prompt") }
    public func reviewProblem(_ text: String, count: Int, storing: Bool = true) -> String {
        t(storing ? "review.problem_save" : "review.problem_result", ["text": text, "range": Self.range(count)])
    }

    public var saved: String { t("saved") }
    public var previewBanner: String { t("preview.banner") }
    public var notSavedInPreview: String { t("preview.not_saved") }
    /// Shown where a referral code would be: a preview issues none.
    public var noCodeInPreview: String { t("preview.no_code") }
    public var resultTitle: String { t("result.title") }
    public var noReferrals: String { t("result.no_referrals") }
    public var referralCode: String { t("result.referral_code") }
    public var support: String { t("result.support") }
    public var scoresTitle: String { t("result.scores") }

    public func level(_ level: ReferralLevel) -> String {
        switch level {
        case .urgent: return t("result.level_urgent")
        case .routine: return t("result.level_routine")
        }
    }

    public func itemsAnswered(_ answered: Int, of total: Int) -> String {
        t("result.items_answered", ["answered": String(answered), "total": String(total)])
    }

    /// A score without a value: never a band, never "negative".
    public func notScored(_ answered: Int, of total: Int) -> String {
        t("result.not_scored", ["answered": String(answered), "total": String(total)])
    }

    public var supportForEveryone: String { t("result.support_for_everyone") }
    public var unfinishedResultTitle: String { t("result.unfinished_title") }
    public var unfinishedResultStatus: String { t("result.unfinished_status") }
    public var noReferralsUnfinished: String { t("result.no_referrals_unfinished") }
    public var handOverPrompt: String { t("result.hand_over_prompt") }
    public var fromUnfinished: String { t("result.from_unfinished") }
    public var fromCompleted: String { t("result.from_completed") }

    public var clearInstruction: String { t("clear_instruction") }
    public var clearPrompt: String { t("clear_prompt") }

    public var confirmAbortQuestion: String { t("abort.question") }
    public var confirmLeaveStartQuestion: String { t("abort.leave_start_question") }
    /// Kept short: on a dumb terminal readline scrolls long prompts sideways.
    public var confirmAbortPrompt: String { t("abort.prompt") }

    /// Whether a reply to a yes/no confirmation means yes.
    public func isYes(_ reply: String) -> Bool {
        pack.words("words.yes").contains(ResponseParser.fold(String(reply.trimmingSpaces())))
    }

    public var aborted: String { t("abort.done") }
    public var inputEnded: String { t("abort.input_ended") }

    public var lockedNeedsPassphrase: String { t("locked.needs_passphrase") }
    public var leaveLockedMode: String { t("locked.leave") }
    public var unfinishedTitle: String { t("unfinished.title") }
    public func unfinishedDescription(form: String, day: String, answers: Int) -> String {
        answers == 1 ? t("unfinished.description_one", ["form": form, "day": day])
            : t("unfinished.description_many", ["form": form, "day": day, "count": String(answers)])
    }
    public var resume: String { t("unfinished.resume") }
    public var discard: String { t("unfinished.discard") }
    public var later: String { t("unfinished.later") }
    public var chooseOneToThree: String { t("unfinished.choose") }
    public var discarded: String { t("unfinished.discarded") }
    public var confirmDiscardQuestion: String { t("unfinished.discard_question") }
    public var confirmDiscardPrompt: String { t("unfinished.discard_prompt") }
    /// Said in the discard confirmation for each referral the answers already decided.
    public func referralKept(level: ReferralLevel, rule: String) -> String {
        t(level == .urgent ? "unfinished.kept_urgent" : "unfinished.kept_routine", ["rule": rule])
    }
    public var neutralTitle: String { t("neutral_title") }

    // MARK: Self-administered mode

    public var selfIntro: String { t("self.intro") }
    public var thankYouTitle: String { t("self.thank_you_title") }
    public var thankYou: String { t("self.thank_you") }
    public var selfSupportTitle: String { t("self.support_title") }
    public var selfHandBack: String { t("self.hand_back") }
    public var selfNeedsPassphrase: String { t("self.needs_passphrase") }

    /// Told to staff (in their language) when the participant's language is a draft.
    public func draftLanguage(_ draft: LanguagePack) -> String { t("draft_language", ["language": draft.name]) }

    // MARK: Staff passphrase

    public var passphrasePrompt: String { t("passphrase.prompt") }
    public var newPassphrasePrompt: String { t("passphrase.new_prompt") }
    public var repeatPassphrasePrompt: String { t("passphrase.repeat_prompt") }
    public var bundlePassphrasePrompt: String { t("passphrase.bundle_prompt") }
    public var bundlePassphraseNotGiven: String { t("passphrase.bundle_not_given") }
    public var passphraseWrong: String { t("passphrase.wrong") }
    public func passphraseWait(_ seconds: Int) -> String { t("passphrase.wait", ["seconds": String(seconds)]) }
    public var passphraseWrongThreeTimes: String { t("passphrase.wrong_three_times") }
    public var passphraseNotGiven: String { t("passphrase.not_given") }
    public var passphrasesDiffer: String { t("passphrase.differ") }
    /// Why a new passphrase cannot be used.
    public func passphraseProblem(_ problem: PassphraseHash.Problem) -> String {
        switch problem {
        case .tooShort(let count):
            return t("passphrase.too_short", ["count": String(count), "minimum": String(PassphraseHash.minimumLength)])
        case .derivationFailed:
            return t("passphrase.derivation_failed")
        }
    }

    public var menuTitle: String { t("menu.title") }
    public var menuPrompt: String { t("menu.prompt") }
    /// The numbers that may be typed: "1–5", or just "1" when there is one.
    static func range(_ count: Int) -> String { count == 1 ? "1" : "1–\(count)" }

    public func menuProblem(_ text: String, count: Int) -> String {
        t("menu.problem", ["text": text, "range": Self.range(count)])
    }
    public func invalidForms(_ count: Int) -> String {
        count == 1 ? t("menu.invalid_one") : t("menu.invalid_many", ["count": String(count)])
    }
}
