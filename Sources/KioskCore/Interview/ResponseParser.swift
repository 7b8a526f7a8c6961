import Foundation

/// What one typed line means at a question.
public enum Response: Hashable, Sendable {
    /// An answer to store.
    case answer(Answer)
    /// Enter on a question already answered (or an info text): keep it and move on.
    case proceed
    /// Go back to the previous question.
    case back
    /// Show the question's help text.
    case help
    /// Ask whether to abort the interview.
    case abort
    /// Not an answer this question takes; say what is accepted and ask again.
    case invalid(InputProblem)
}

/// Why a typed line is not an answer.
public enum InputProblem: Error, Hashable, Sendable {
    /// Nothing typed at a question that needs an answer.
    case emptyButRequired
    /// Matches no choice.
    case unknownChoice(String)
    /// Matches several choices; their codes.
    case ambiguous(String, [String])
    /// A number that is not a key here (choices are keyed by letters) and that no label stands for.
    case numberNotAKey(String)
    /// An age that no age band covers.
    case ageOutsideBands(Int)
    /// Not a whole number where one is needed.
    case notANumber(String)
    /// A number outside the question's range.
    case outOfRange(Int, ClosedRange<Int>)
    /// "Don't know" at a question that does not offer it.
    case dontKnowNotOffered
    /// Free text longer than allowed.
    case textTooLong(Int)
}

/// The keys and words that work at every prompt, in every form and both languages.
public enum Command: String, CaseIterable, Sendable {
    case back, help, decline, dontKnow, abort

    /// The one-key form shown on screen.
    public var key: String {
        switch self {
        case .back: return "<"
        case .help: return "?"
        case .decline: return "-"
        case .dontKnow: return "*"
        case .abort: return "!"
        }
    }

    /// Every word (Swedish and English) that means this command, folded for matching.
    public var words: [String] {
        switch self {
        case .back: return ["<", "tillbaka", "back"]
        case .help: return ["?", "hjälp", "hjalp", "help"]
        case .decline: return ["-", "vill inte svara", "avstår", "avstar", "decline", "declined", "no answer"]
        case .dontKnow: return ["*", "vet inte", "vet ej", "don't know", "dont know", "do not know"]
        case .abort: return ["!", "avbryt", "abort"]
        }
    }

    /// The command a whole line means, if any.
    public static func matching(_ line: String) -> Command? {
        let folded = ResponseParser.fold(line)
        return allCases.first { $0.words.contains(folded) }
    }
}

/// Turns a typed line into a ``Response`` for a question. Pure.
public enum ResponseParser {
    /// The longest free text accepted, in characters.
    public static let maximumTextLength = 500

    /// What `line` means at `question`, whose answer so far is `current`, for a person using `language`.
    public static func parse(_ line: String, for question: Question, current: Answer?, language: Language) -> Response {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if let command = Command.matching(trimmed) {
            switch command {
            case .back: return .back
            case .help: return .help
            case .abort: return .abort
            case .decline: return question.takesAnswer ? .answer(.declined) : .proceed
            case .dontKnow:
                guard question.takesAnswer else { return .proceed }
                return question.allowsDontKnow ? .answer(.dontKnow) : .invalid(.dontKnowNotOffered)
            }
        }
        if !question.takesAnswer { return .proceed }
        // Only separators (", ,") is as good as nothing typed.
        if trimmed.allSatisfy({ $0 == "," || $0.isWhitespace }) {
            if current != nil { return .proceed }
            return question.isRequired ? .invalid(.emptyButRequired) : .answer(.skipped)
        }
        switch question.kind {
        case .yesNo:
            let folded = fold(trimmed)
            if ["ja", "j", "yes", "y"].contains(folded) { return .answer(.choice(Choice.yes)) }
            if ["nej", "n", "no"].contains(folded) { return .answer(.choice(Choice.no)) }
            return choice(trimmed, of: question, language: language).map { .answer(.choice($0)) }
                ?? .invalid(.unknownChoice(trimmed))
        case .singleChoice:
            switch resolve(trimmed, of: question, language: language) {
            case .success(let code): return .answer(.choice(code))
            case .failure(let problem): return .invalid(problem)
            }
        case .multipleChoice(let choices):
            var parts = trimmed.split(separator: ",").map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
            if parts.count == 1 {
                let words = parts[0].split(separator: " ").map(String.init)
                if words.count > 1, words.allSatisfy({ Int($0) != nil }) { parts = words }
            }
            var codes: Set<String> = []
            for part in parts {
                switch resolve(part, of: question, language: language) {
                case .success(let code): codes.insert(code)
                case .failure(let problem): return .invalid(problem)
                }
            }
            return .answer(.choices(choices.map(\.code).filter(codes.contains)))
        case .scale(let min, let max, let minLabel, let maxLabel):
            if let label = minLabel, fold(label.text(in: language)) == fold(trimmed) { return .answer(.number(min)) }
            if let label = maxLabel, fold(label.text(in: language)) == fold(trimmed) { return .answer(.number(max)) }
            if let points = question.scaleLabels, Int(trimmed) == nil {
                let folded = fold(trimmed)
                if let exact = points.first(where: { fold($0.text.text(in: language)) == folded }) { return .answer(.number(exact.value)) }
                let starts = points.filter { fold($0.text.text(in: language)).hasPrefix(folded) }
                if starts.count == 1 { return .answer(.number(starts[0].value)) }
                if starts.count > 1 { return .invalid(.ambiguous(trimmed, starts.map { String($0.value) })) }
            }
            return number(trimmed, in: min...max)
        case .number(let min, let max, _):
            return number(trimmed, in: min...Swift.max(min, max))
        case .freeText:
            guard trimmed.count <= maximumTextLength else { return .invalid(.textTooLong(trimmed.count)) }
            return .answer(.text(trimmed))
        case .info:
            return .proceed
        }
    }

    private static func number(_ text: String, in range: ClosedRange<Int>) -> Response {
        guard let n = Int(text) else { return .invalid(.notANumber(text)) }
        return range.contains(n) ? .answer(.number(n)) : .invalid(.outOfRange(n, range))
    }

    private static func choice(_ text: String, of question: Question, language: Language) -> String? {
        try? resolve(text, of: question, language: language).get()
    }

    /// Finds the choice `text` means at `question`: its key (a number, or a letter when the choices are
    /// keyed by letters), its code, its whole label, or the start of exactly one label (case ignored).
    /// With letter keys a typed number is read as what the labels say — "3" picks "3–4", an age of 29
    /// picks the band "25–34" — and never as a position, so it can never pick another choice.
    static func resolve(_ text: String, of question: Question, language: Language) -> Result<String, InputProblem> {
        let choices = question.choices
        let keying = question.choiceKeying
        if let n = Int(text) {
            switch keying {
            case .numbers:
                if n >= 1 && n <= choices.count { return .success(choices[n - 1].code) }
                if let byCode = choices.first(where: { $0.code == text }) { return .success(byCode.code) }
                return .failure(.unknownChoice(text))
            case .letters:
                let standing = choices.filter { question.numbers(of: $0, in: language)?.contains(n) == true }
                switch standing.count {
                case 1: return .success(standing[0].code)
                case 0:
                    if let byCode = choices.first(where: { $0.code == text }) { return .success(byCode.code) }
                    if question.breakdown == .ageBand { return .failure(.ageOutsideBands(n)) }
                    return .failure(.numberNotAKey(text))
                default: return .failure(.ambiguous(text, standing.map(\.code)))
                }
            }
        }
        let folded = fold(text)
        if keying == .letters, folded.count == 1, let index = question.choiceKeys.firstIndex(of: folded) {
            return .success(choices[index].code)
        }
        if let exact = choices.first(where: { fold($0.text.text(in: language)) == folded || $0.code.lowercased() == folded }) {
            return .success(exact.code)
        }
        let matches = choices.filter { fold($0.text.text(in: language)).hasPrefix(folded) }
        switch matches.count {
        case 1: return .success(matches[0].code)
        case 0: return .failure(.unknownChoice(text))
        default: return .failure(.ambiguous(text, matches.map(\.code)))
        }
    }

    /// Lowercased, accents kept apart from å/ä/ö, runs of spaces as one, typographic apostrophes plain.
    public static func fold(_ text: String) -> String {
        let words = text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .split(whereSeparator: \.isWhitespace)
        return words.joined(separator: " ")
    }
}
