import KioskCore
import KioskTerminal

/// At the start screen staff can record that the questions were not asked — a companion in the room, no
/// interpreter, the participant did not want to, another reason — with the participant's gender: no
/// answers. Summaries then show who was asked and who was not, by gender (men are asked less often than
/// women, and this is what shows it).
struct NotAskedRecording {
    let form: Questionnaire
    let phrases: Phrasebook
    let console: any Console

    enum Result: Equatable {
        case recorded(Coverage, gender: String?)
        case cancelled
        case hidden
    }

    /// The key typed at the start screen: `#` (or the words "inte tillfrågad", "not asked").
    static func isKey(_ line: String) -> Bool {
        ["#", "inte tillfrågad", "inte tillfragad", "not asked"].contains(ResponseParser.fold(line.trimmingCharacters(in: .whitespaces)))
    }

    func ask() -> Result {
        let reasons = Coverage.reasons
        var text = "\n" + console.bold(TextLayout.wrap(phrases.notAskedTitle, width: console.width)) + "\n"
        for (index, reason) in reasons.enumerated() { text += "  \(index + 1)  \(phrases.coverageLabel(reason))\n" }
        console.write(text)
        guard let reasonIndex = choose(count: reasons.count) else { return .cancelled }
        if reasonIndex < 0 { return .hidden }
        let genders: [(code: String?, label: String)] = Breakdown.genderCodes.map { code in
            (code, form.breakdownQuestion(.gender)?.choice(code)?.text.text(in: phrases.language) ?? code)
        } + [(Answer.declinedCode, phrases.genderNotKnownLabel)]
        text = "\n" + console.bold(TextLayout.wrap(phrases.notAskedGenderQuestion, width: console.width)) + "\n"
        for (index, gender) in genders.enumerated() { text += "  \(index + 1)  \(gender.label)\n" }
        console.write(text)
        guard let genderIndex = choose(count: genders.count) else { return .cancelled }
        if genderIndex < 0 { return .hidden }
        return .recorded(reasons[reasonIndex], gender: genders[genderIndex].code)
    }

    /// A number from 1 to `count` (its index), `nil` for cancel (Enter, `<`), -1 when hidden.
    private func choose(count: Int) -> Int? {
        while true {
            switch console.readLine(wrapped: phrases.chooseNumber(count)) {
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || Command.matching(trimmed) == .back { return nil }
                if let n = Int(trimmed), n >= 1, n <= count { return n - 1 }
                console.write(console.yellow(phrases.chooseNumber(count)) + "\n")
            case .hidden, .idle:
                console.clearScreenAndScrollback()
                return -1
            case .endOfInput, .interrupted:
                return nil
            }
        }
    }

    func confirm() {
        console.write("\n" + phrases.notAskedRecorded + "\n")
        if console.isInteractive { _ = console.readLine(wrapped: phrases.continuePrompt) }
    }
}
