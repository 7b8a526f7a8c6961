import KioskCore
import KioskStore
import KioskTerminal

/// The screen staff read when an interview ends — completed, or ended before its review (aborted, input
/// ended, discarded): the scores (or "not scored"), the referrals urgent first with their codes and the
/// support lines that fit the participant, the support every participant is offered whatever they
/// answered, and, just above the prompt, one line per urgent referral, so it is on screen however many
/// routine referrals there are.
struct ResultScreen {
    let form: Questionnaire
    let language: Language
    let console: any Console
    /// Whether codes are real (false in a preview, which issues none).
    let storesAnswers: Bool

    var phrases: Phrasebook { Phrasebook(language) }

    /// The whole screen's text, ending just before the prompt.
    func text(title: String, status: String, scores: [ScoreResult], issued: [IssuedReferral], answers: Answers,
              closing: LocalizedText?) -> String {
        let width = console.width
        var text = TextLayout.pack([console.bold(title), console.dim(form.title.text(in: language))], separator: "  ", width: width) + "\n"
        text += TextLayout.wrap(status, width: width) + "\n\n"
        if !scores.isEmpty {
            text += console.bold(TextLayout.wrap(phrases.scoresTitle, width: console.width)) + "\n"
            for result in scores {
                guard let score = form.score(result.id) else { continue }
                var line = "\(score.label.text(in: language)): "
                if let value = result.value {
                    line += String(value)
                    let bands = form.bands(of: score, answers: answers)
                    if let band = result.band.flatMap({ id in bands.first { $0.id == id } }) {
                        line += " — \(band.label.text(in: language))"
                    }
                    line += " (\(phrases.itemsAnswered(result.answeredItems, of: result.totalItems)))"
                } else {
                    line += phrases.notScored(result.answeredItems, of: result.totalItems)
                }
                text += TextLayout.wrap(line, width: width, indent: 2, hanging: 2) + "\n"
            }
            text += "\n"
        }
        let ordered = issued.urgentFirst(by: \.rule.level)
        if ordered.isEmpty {
            text += phrases.noReferrals + "\n\n"
        }
        var shownSupport = Set<String>()
        for referral in ordered {
            text += referralHeading(referral) + "\n"
            text += TextLayout.wrap(referral.rule.message.text(in: language), width: width, indent: 2) + "\n"
            let support = form.supportLines(referral.rule.support, answers: answers)
            if !support.isEmpty {
                text += "  \(phrases.support):\n"
                for entry in support {
                    shownSupport.insert(entry.id)
                    text += TextLayout.wrap("· " + entry.text.text(in: language), width: width, indent: 4, hanging: 2) + "\n"
                }
            }
            text += "\n"
        }
        let general = form.supportLines(form.generalSupport, answers: answers).filter { !shownSupport.contains($0.id) }
        if !general.isEmpty {
            text += console.bold(TextLayout.wrap(phrases.supportForEveryone, width: console.width)) + "\n"
            for entry in general {
                text += TextLayout.wrap("· " + entry.text.text(in: language), width: width, indent: 2, hanging: 2) + "\n"
            }
            text += "\n"
        }
        if let closing {
            text += TextLayout.wrap(closing.text(in: language), width: width) + "\n\n"
        }
        text += summary(ordered, answers: answers)
        return text
    }

    /// "BRÅDSKANDE  Hänvisningskod: ABCD-EFGH  (subjected)", coloured by level.
    private func referralHeading(_ referral: IssuedReferral) -> String {
        let level = phrases.level(referral.rule.level)
        let levelText = referral.rule.level == .urgent ? console.red(level) : console.yellow(level)
        let code = storesAnswers ? console.bold(referral.code.description) : phrases.noCodeInPreview
        return TextLayout.pack([levelText, "\(phrases.referralCode): \(code)", "(\(referral.rule.id))"], separator: "  ", width: console.width)
    }

    /// The lines kept just above the prompt: each urgent referral with its code and first support line,
    /// then the routine codes on one line.
    private func summary(_ ordered: [IssuedReferral], answers: Answers) -> String {
        guard !ordered.isEmpty else { return "" }
        let width = console.width
        var text = ""
        for referral in ordered where referral.rule.level == .urgent {
            var line = "\(phrases.level(.urgent)) \(storesAnswers ? referral.code.description : phrases.noCodeInPreview) (\(referral.rule.id))"
            if let first = form.supportLines(referral.rule.support, answers: answers).first {
                line += " · " + first.text.text(in: language)
            }
            text += console.red(TextLayout.wrap(line, width: width, hanging: 2)) + "\n"
        }
        let routine = ordered.filter { $0.rule.level == .routine }
        if !routine.isEmpty {
            let codes = routine.map { "\(storesAnswers ? $0.code.description : phrases.noCodeInPreview) (\($0.rule.id))" }
            text += TextLayout.wrap("\(phrases.level(.routine)): " + codes.joined(separator: ", "), width: width, hanging: 2) + "\n"
        }
        return text
    }
}
