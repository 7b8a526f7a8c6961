/// The kiosk's own words on screen, in Swedish or English. Form texts come from the form.
public struct Phrasebook: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language == .english ? .english : .swedish
    }

    private var sv: Bool { language == .swedish }

    /// "Fråga 3 av 9", or "Fråga 3 av högst 9" when some of the nine may yet be skipped.
    public func progress(_ number: Int, of total: Int, exact: Bool = true) -> String {
        switch (sv, exact) {
        case (true, true): return "Fråga \(number) av \(total)"
        case (true, false): return "Fråga \(number) av högst \(total)"
        case (false, true): return "Question \(number) of \(total)"
        case (false, false): return "Question \(number) of up to \(total)"
        }
    }

    /// The discreet line of keys shown under every question.
    public func keyHint(dontKnow: Bool, quickHide: Bool = false) -> String {
        keyHintItems(dontKnow: dontKnow, quickHide: quickHide).joined(separator: "   ")
    }

    /// The keys of ``keyHint(dontKnow:quickHide:)`` one by one, for laying out on a narrow screen.
    public func keyHintItems(dontKnow: Bool, quickHide: Bool = false) -> [String] {
        var parts = [
            "\(Command.back.key) \(sv ? "tillbaka" : "back")",
            "\(Command.help.key) \(sv ? "hjälp" : "help")",
            "\(Command.decline.key) \(sv ? "vill inte svara" : "decline")",
        ]
        if dontKnow { parts.append("\(Command.dontKnow.key) \(sv ? "vet inte" : "don't know")") }
        parts.append("\(Command.abort.key) \(sv ? "avbryt" : "abort")")
        if quickHide { parts.append(sv ? "Ctrl-X döljer" : "Ctrl-X hides") }
        return parts
    }

    /// The start screen's offer of the other language, written in that language so the person who
    /// needs it can read it.
    public func otherLanguageOffer(_ other: Language) -> String? {
        switch other {
        case .english: return "In English: type en and press Enter."
        case .swedish: return "På svenska: skriv sv och tryck Enter."
        default: return nil
        }
    }

    /// The label of text meant for staff only (a form's staff note).
    public var forStaff: String { sv ? "Till personalen:" : "For staff:" }
    public var answerPrompt: String { sv ? "Svar: " : "Answer: " }
    public var continuePrompt: String { sv ? "Tryck Enter för att fortsätta. " : "Press Enter to continue. " }
    public var startPrompt: String { sv ? "Tryck Enter för att börja. " : "Press Enter to start. " }
    public var firstQuestion: String { sv ? "Det här är den första frågan." : "This is the first question." }
    public var noHelp: String { sv ? "Det finns ingen hjälptext till den här frågan." : "There is no help text for this question." }

    public func currentAnswer(_ text: String) -> String {
        sv ? "Nuvarande svar: \(text) (Enter behåller det)" : "Current answer: \(text) (Enter keeps it)"
    }

    /// How to pick several choices, with the keys the question uses.
    public func multipleChoiceHint(letters: Bool) -> String {
        switch (sv, letters) {
        case (true, false): return "Du kan välja flera: skriv siffrorna med komma emellan, t.ex. 1,3."
        case (true, true): return "Du kan välja flera: skriv bokstäverna med komma emellan, t.ex. a,c."
        case (false, false): return "You can pick several: type the numbers separated by commas, e.g. 1,3."
        case (false, true): return "You can pick several: type the letters separated by commas, e.g. a,c."
        }
    }

    /// Under an age-band question: the age itself may be typed; only its band is kept.
    public var ageHint: String {
        sv ? "Du kan också skriva din ålder; bara åldersgruppen sparas." : "You can also type your age; only the age group is kept."
    }

    public var optionalHint: String { sv ? "Frågan är frivillig: Enter hoppar över den." : "This question is optional: Enter skips it." }

    public func scaleHint(min: Int, max: Int, minLabel: String?, maxLabel: String?) -> String {
        let low = minLabel.map { "\(min) (\($0))" } ?? "\(min)"
        let high = maxLabel.map { "\(max) (\($0))" } ?? "\(max)"
        return sv ? "Skriv ett tal från \(low) till \(high)." : "Type a number from \(low) to \(high)."
    }

    public func numberHint(min: Int, max: Int, unit: String?) -> String {
        let suffix = unit.map { " (\($0))" } ?? ""
        return sv ? "Skriv ett heltal från \(min) till \(max)\(suffix)." : "Type a whole number from \(min) to \(max)\(suffix)."
    }

    public var freeTextHint: String {
        sv ? "Skriv med egna ord. Texten ingår aldrig i sammanställningar eller exporter."
            : "Type in your own words. The text is never part of summaries or exports."
    }

    /// What to say after input that is not an answer, with what is accepted instead. `keys` are the keys
    /// shown before the choices (`1`…`5` or `a`…`e`); what the person typed is quoted only in part when long.
    public func problem(_ problem: InputProblem, keys: [String], choiceLabels: [String: String]) -> String {
        let declineTip = sv ? "Skriv \(Command.decline.key) om du inte vill svara." : "Type \(Command.decline.key) to decline."
        let letters = keys.first.map { Int($0) == nil } ?? false
        let first = keys.first ?? "1", last = keys.last ?? "1"
        let range = keys.count == 1 ? first : (sv ? "\(first) till \(last)" : "\(first) to \(last)")
        let keyWord = letters ? (sv ? "en bokstav" : "a letter") : (sv ? "en siffra" : "a number")
        func quote(_ text: String) -> String { Self.excerpt(text) }
        switch problem {
        case .emptyButRequired:
            return sv ? "Skriv ett svar. \(declineTip)" : "Please type an answer. \(declineTip)"
        case .unknownChoice(let text):
            return sv
                ? "”\(quote(text))” är inte ett av svaren. Skriv \(keyWord) från \(range) eller början av ett svar."
                : "“\(quote(text))” is not one of the answers. Type \(keyWord) from \(range) or the start of an answer."
        case .ambiguous(let text, let codes):
            let labels = codes.map { choiceLabels[$0] ?? $0 }.joined(separator: ", ")
            return sv
                ? "”\(quote(text))” passar flera svar (\(labels)). Skriv \(letters ? "svarets bokstav" : "mer av svaret eller dess siffra")."
                : "“\(quote(text))” fits several answers (\(labels)). Type \(letters ? "the answer's letter" : "more of the answer or its number")."
        case .numberNotAKey(let text):
            return sv
                ? "Inget svar står för \(quote(text)). Svaren väljs med bokstäver: skriv \(keyWord) från \(range)."
                : "No answer stands for \(quote(text)). The answers are chosen by letter: type \(keyWord) from \(range)."
        case .ageOutsideBands(let age):
            return sv
                ? "\(age) år ligger utanför åldersgrupperna. Skriv åldersgruppens bokstav (\(range)). \(declineTip)"
                : "\(age) is outside the age groups. Type the group's letter (\(range)). \(declineTip)"
        case .notANumber(let text):
            return sv ? "”\(quote(text))” är inte ett heltal. \(declineTip)" : "“\(quote(text))” is not a whole number. \(declineTip)"
        case .outOfRange(let n, let range):
            return sv
                ? "\(n) ligger utanför \(range.lowerBound)–\(range.upperBound). Skriv ett tal inom det intervallet."
                : "\(n) is outside \(range.lowerBound)–\(range.upperBound). Type a number in that range."
        case .dontKnowNotOffered:
            return sv ? "”Vet inte” går inte att välja här. \(declineTip)" : "“Don't know” is not offered here. \(declineTip)"
        case .textTooLong(let count):
            return sv
                ? "Texten har \(count) tecken; högst \(ResponseParser.maximumTextLength) går att spara. Korta den."
                : "The text has \(count) characters; at most \(ResponseParser.maximumTextLength) can be saved. Please shorten it."
        }
    }

    /// What a person typed, as quoted back in a message: at most 30 characters (a pasted page is never
    /// echoed in full), control characters left out.
    public static func excerpt(_ text: String, limit: Int = 30) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        return clean.count <= limit ? clean : String(clean.prefix(limit - 1)) + "…"
    }

    /// The neutral title of a screen only staff may go past: it names no form and no interview.
    public var staffOnlyTitle: String { sv ? "För personal" : "For staff" }
    public var staffKeyPrompt: String { sv ? "Personal: skriv p och tryck Enter: " : "Staff: type p and press Enter: " }
    /// Whether a reply is the deliberate staff key.
    public func isStaffKey(_ reply: String) -> Bool {
        ["p", "personal", "staff"].contains(ResponseParser.fold(reply.trimmingCharacters(in: .whitespaces)))
    }

    /// How an answer reads on the review and result screens.
    public func describe(_ answer: Answer?, to question: Question) -> String {
        guard let answer else { return "–" }
        switch answer {
        case .choice(let code): return question.choice(code)?.text.text(in: language) ?? code
        case .choices(let codes): return codes.map { question.choice($0)?.text.text(in: language) ?? $0 }.joined(separator: ", ")
        case .number(let n): return String(n)
        case .text: return sv ? "(fritext)" : "(free text)"
        case .declined: return declinedLabel
        case .dontKnow: return dontKnowLabel
        case .skipped: return skippedLabel
        }
    }

    public var declinedLabel: String { sv ? "Vill inte svara" : "Declined" }
    public var dontKnowLabel: String { sv ? "Vet inte" : "Don't know" }
    public var skippedLabel: String { sv ? "Inget svar" : "No answer" }
    public var notStatedLabel: String { sv ? "Ej angivet" : "Not stated" }
    public var notAskedLabel: String { sv ? "Inte tillfrågad" : "Not asked" }
    public var coverageTitle: String { sv ? "Tillfrågade och inte tillfrågade" : "Asked and not asked" }
    /// A row of the coverage table (`nil`: completed interviews).
    public func coverageLabel(_ kind: Coverage?) -> String {
        switch kind {
        case nil: return sv ? "Tillfrågade, genomförda" : "Asked, completed"
        case .unfinished?: return sv ? "Tillfrågade, avbrutna" : "Asked, not finished"
        case .companion?: return sv ? "Inte tillfrågade: medföljande i rummet" : "Not asked: a companion was present"
        case .noInterpreter?: return sv ? "Inte tillfrågade: ingen tolk" : "Not asked: no interpreter"
        case .declinedToStart?: return sv ? "Ville inte börja" : "Declined to start"
        case .other?: return sv ? "Inte tillfrågade: annat skäl" : "Not asked: other reason"
        }
    }
    public var notAskedTitle: String { sv ? "Frågorna ställdes inte. Varför?" : "The questions were not asked. Why?" }
    public var notAskedGenderQuestion: String { sv ? "Deltagarens kön (för statistiken):" : "The participant's gender (for the statistics):" }
    public var genderNotKnownLabel: String { sv ? "Vet inte / vill inte säga" : "Not known / would not say" }
    public var notAskedRecorded: String {
        sv ? "Registrerat: frågorna ställdes inte. Inga svar sparades." : "Recorded: the questions were not asked. No answers were stored."
    }
    public func chooseNumber(_ count: Int) -> String { sv ? "Välj 1–\(count) (Enter avbryter): " : "Choose 1–\(count) (Enter cancels): " }
    /// Under the keys on the start screen: how staff record that the questions were not asked.
    public var notAskedHint: String {
        sv ? "Personal: # registrerar att frågorna inte ställdes." : "Staff: # records that the questions were not asked."
    }
    public var notScoredLabel: String { sv ? "Ej poängsatt" : "Not scored" }
    public var noBandLabel: String { sv ? "Utanför alla intervall" : "In no band" }

    public var reviewTitle: String { sv ? "Kontrollera svaren" : "Check the answers" }
    /// What Enter does at the review: saves, or in a preview (`storing` false) shows the result.
    private func enterAtReview(storing: Bool) -> String {
        switch (sv, storing) {
        case (true, true): return "tryck Enter för att spara"
        case (true, false): return "tryck Enter för att se resultatet"
        case (false, true): return "press Enter to save"
        case (false, false): return "press Enter to see the result"
        }
    }
    public func reviewInstruction(storing: Bool = true) -> String {
        sv ? "Skriv numret på en fråga för att ändra svaret, eller \(enterAtReview(storing: storing))."
            : "Type a question's number to change its answer, or \(enterAtReview(storing: storing))."
    }
    public var reviewPrompt: String { sv ? "Nummer eller Enter: " : "Number or Enter: " }
    public func reviewProblem(_ text: String, count: Int, storing: Bool = true) -> String {
        sv ? "”\(text)” är inte ett frågenummer. Skriv \(Self.range(count)), eller \(enterAtReview(storing: storing))."
            : "“\(text)” is not a question number. Type \(Self.range(count)), or \(enterAtReview(storing: storing))."
    }

    public var saved: String { sv ? "Svaren är sparade." : "The answers are saved." }
    public var previewBanner: String { sv ? "FÖRHANDSVISNING — inget sparas" : "PREVIEW — nothing is saved" }
    public var notSavedInPreview: String { sv ? "Förhandsvisning: inget har sparats." : "Preview: nothing has been saved." }
    /// Shown where a referral code would be: a preview issues none.
    public var noCodeInPreview: String { sv ? "ingen (förhandsvisning)" : "none (preview)" }
    public var resultTitle: String { sv ? "Resultat — för personal" : "Result — for staff" }
    public var noReferrals: String { sv ? "Ingen hänvisningsregel uppfylldes." : "No referral rule was met." }
    public var referralCode: String { sv ? "Hänvisningskod" : "Referral code" }
    public var support: String { sv ? "Stöd" : "Support" }
    public var scoresTitle: String { sv ? "Poäng" : "Scores" }

    public func level(_ level: ReferralLevel) -> String {
        switch level {
        case .urgent: return sv ? "BRÅDSKANDE" : "URGENT"
        case .routine: return sv ? "Rutin" : "Routine"
        }
    }

    public func itemsAnswered(_ answered: Int, of total: Int) -> String {
        sv ? "\(answered) av \(total) frågor besvarade" : "\(answered) of \(total) items answered"
    }

    /// A score without a value: never a band, never "negative".
    public func notScored(_ answered: Int, of total: Int) -> String {
        sv ? "ej poängsatt (\(answered) av \(total) besvarade)" : "not scored (\(answered) of \(total) answered)"
    }

    public var supportForEveryone: String { sv ? "Stöd som alla erbjuds" : "Support offered to everyone" }
    public var unfinishedResultTitle: String { sv ? "Avbruten intervju — för personal" : "Unfinished interview — for staff" }
    public var unfinishedResultStatus: String {
        sv ? "Intervjun räknas inte i sammanställningar. Hänvisningar visas bara för regler som uppfylls vad de obesvarade frågorna än hade gett."
            : "The interview is not counted in summaries. Referrals are shown only for rules that hold whatever the unanswered questions would have given."
    }
    public var noReferralsUnfinished: String {
        sv ? "Ingen hänvisningsregel är säkert uppfylld med de svar som gavs." : "No referral rule is certainly met by the answers given."
    }
    public var handOverPrompt: String { sv ? "Personal: tryck Enter. " : "Staff: press Enter. " }
    public var fromUnfinished: String { sv ? "oavslutad intervju" : "unfinished interview" }
    public var fromCompleted: String { sv ? "genomförd intervju" : "completed interview" }

    public var clearInstruction: String {
        sv ? "Tryck Enter för att rensa skärmen inför nästa deltagare."
            : "Press Enter to clear the screen for the next participant."
    }
    public var clearPrompt: String { "Enter: " }

    public var confirmAbortQuestion: String {
        sv ? "Avbryta intervjun? Svaren raderas. Kräver något svar redan uppföljning sparas en hänvisning."
            : "Abort the interview? The answers are deleted. If an answer already calls for follow-up, a referral is kept."
    }
    public var confirmLeaveStartQuestion: String {
        sv ? "Avsluta utan att börja? Inget har sparats." : "Leave without starting? Nothing has been saved."
    }
    /// Kept short: on a dumb terminal readline scrolls long prompts sideways.
    public var confirmAbortPrompt: String { sv ? "Avbryta? j/n: " : "Abort? y/n: " }

    /// Whether a reply to a yes/no confirmation means yes.
    public func isYes(_ reply: String) -> Bool {
        ["j", "ja", "y", "yes"].contains(ResponseParser.fold(reply.trimmingCharacters(in: .whitespaces)))
    }

    public var aborted: String {
        sv ? "Intervjun avbröts. Svaren är raderade; den räknas bara som påbörjad men inte avslutad."
            : "The interview was aborted. Its answers are deleted; it counts only as started and not finished."
    }
    public var inputEnded: String {
        sv ? "Indata tog slut innan intervjun var klar; intervjun är avbruten och svaren raderade."
            : "Input ended before the interview was finished; it is aborted and its answers deleted."
    }

    public var lockedNeedsPassphrase: String {
        sv ? "låst läge kräver personalens lösenfras; en samordnare sätter den med 'kiosk passphrase set'"
            : "locked mode needs a staff passphrase; a coordinator sets one with 'kiosk passphrase set'"
    }
    public var leaveLockedMode: String {
        sv ? "Kiosken är låst. Personal kan avsluta med lösenfrasen." : "The kiosk is locked. Staff can leave with the passphrase."
    }
    public var unfinishedTitle: String { sv ? "En intervju avslutades inte" : "An interview was not finished" }
    public func unfinishedDescription(form: String, day: String, answers: Int) -> String {
        sv ? "\(form), påbörjad \(day), \(answers) svar \(answers == 1 ? "sparat" : "sparade"). Personal: välj vad som ska hända med den."
            : "\(form), started \(day), \(answers) answer\(answers == 1 ? "" : "s") saved. Staff: choose what happens to it."
    }
    public var resume: String { sv ? "Fortsätt intervjun där den slutade" : "Continue the interview where it stopped" }
    public var discard: String { sv ? "Kasta den (svaren raderas)" : "Discard it (the answers are deleted)" }
    public var later: String { sv ? "Senare (låt den vara kvar)" : "Later (leave it as it is)" }
    public var chooseOneToThree: String { sv ? "Välj 1, 2 eller 3: " : "Choose 1, 2 or 3: " }
    public var discarded: String { sv ? "Intervjun är kastad." : "The interview was discarded." }
    public var confirmDiscardQuestion: String {
        sv ? "Kasta intervjun? Dess svar raderas och kan inte återskapas." : "Discard the interview? Its answers are deleted for good."
    }
    public var confirmDiscardPrompt: String { sv ? "Kasta? j/n: " : "Discard? y/n: " }
    /// Said in the discard confirmation for each referral the answers already decided.
    public func referralKept(level: ReferralLevel, rule: String) -> String {
        switch (sv, level) {
        case (true, .urgent): return "Den här oavslutade intervjun har en BRÅDSKANDE hänvisning (\(rule)); den behålls och får en kod."
        case (true, .routine): return "Den här oavslutade intervjun har en hänvisning (\(rule)); den behålls och får en kod."
        case (false, .urgent): return "This unfinished interview has an URGENT referral (\(rule)); it is kept and gets a code."
        case (false, .routine): return "This unfinished interview has a referral (\(rule)); it is kept and gets a code."
        }
    }
    public var neutralTitle: String { sv ? "Välkommen" : "Welcome" }

    // MARK: Staff passphrase

    public var passphrasePrompt: String { sv ? "Personalens lösenfras: " : "Staff passphrase: " }
    public var newPassphrasePrompt: String { sv ? "Ny lösenfras: " : "New passphrase: " }
    public var repeatPassphrasePrompt: String { sv ? "Skriv den igen: " : "Type it again: " }
    public var bundlePassphrasePrompt: String { sv ? "Paketets lösenfras: " : "Bundle passphrase: " }
    public var bundlePassphraseNotGiven: String {
        sv ? "ett paket låses med en lösenfras som kioskerna och samordnaren delar, och ingen skrevs"
            : "a bundle is sealed with a passphrase the kiosks and the coordinator share, and none was typed"
    }
    public var passphraseWrong: String { sv ? "Det är inte lösenfrasen." : "That is not the passphrase." }
    public func passphraseWait(_ seconds: Int) -> String { sv ? "Vänta \(seconds) s…" : "Wait \(seconds) s…" }
    public var passphraseWrongThreeTimes: String {
        sv ? "lösenfrasen var fel tre gånger; vänta en stund och försök igen, eller fråga samordnaren"
            : "the staff passphrase was wrong three times; wait a moment and try again, or ask the coordinator"
    }
    public var passphraseNotGiven: String {
        sv ? "det här kräver personalens lösenfras, och ingen skrevs" : "this needs the staff passphrase, and none was typed"
    }
    public var passphrasesDiffer: String {
        sv ? "lösenfraserna skiljer sig åt; inget ändrades" : "the two passphrases differ; nothing was changed"
    }
    /// Why a new passphrase cannot be used.
    public func passphraseProblem(_ problem: PassphraseHash.Problem) -> String {
        switch problem {
        case .tooShort(let count):
            return sv ? "lösenfrasen har \(count) tecken; den behöver minst \(PassphraseHash.minimumLength), till exempel några ord med mellanslag. Inget ändrades."
                : "the passphrase has \(count) characters; it needs at least \(PassphraseHash.minimumLength), for example a few words with spaces. Nothing was changed."
        case .derivationFailed:
            return sv ? "lösenfrasen kunde inte sparas (fel i krypteringen); inget ändrades" : "the passphrase could not be stored (the hashing failed); nothing was changed"
        }
    }

    public var menuTitle: String { sv ? "Välj formulär" : "Choose a form" }
    public var menuPrompt: String { sv ? "Skriv formulärets nummer (q avslutar): " : "Type the form's number (q quits): " }
    /// The numbers that may be typed: "1–5", or just "1" when there is one.
    static func range(_ count: Int) -> String { count == 1 ? "1" : "1–\(count)" }

    public func menuProblem(_ text: String, count: Int) -> String {
        sv ? "”\(text)” är inget formulär. Skriv \(Self.range(count)), eller q för att avsluta."
            : "“\(text)” is not a form. Type \(Self.range(count)), or q to quit."
    }
    public func invalidForms(_ count: Int) -> String {
        sv ? "\(count) formulär har fel och visas inte. Kör ”kiosk forms validate” för att se felen."
            : "\(count) form\(count == 1 ? " has" : "s have") errors and \(count == 1 ? "is" : "are") not shown. Run “kiosk forms validate” to see them."
    }
}
