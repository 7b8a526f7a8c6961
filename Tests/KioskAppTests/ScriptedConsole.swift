import KioskTestSupport
import KioskTerminal

/// A console that types prepared lines and records everything shown: the terminal's stand-in in
/// tests of the interview flow. (The real terminal is driven end to end in KioskEndToEndTests.)
final class ScriptedConsole: Console {
    private var inputs: [LineInput]
    private(set) var output = ""
    private(set) var prompts: [String] = []
    private(set) var clears = 0
    let isInteractive: Bool

    init(_ lines: [String], interactive: Bool = false, then ending: LineInput = .endOfInput) {
        ShippedLanguages.install()
        inputs = lines.map(LineInput.line) + [ending]
        isInteractive = interactive
    }

    init(inputs: [LineInput], interactive: Bool) {
        ShippedLanguages.install()
        self.inputs = inputs
        isInteractive = interactive
    }

    func write(_ text: String) { output += text }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        output += prompt + "\n"
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func readSecret(prompt: String) -> LineInput {
        prompts.append(prompt)
        output += prompt + "\n"
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    private(set) var quietWaits = 0

    func withoutEcho(_ body: () -> Void) {
        quietWaits += 1
        body()
    }

    private(set) var settles = 0

    func settle(_ seconds: Double) { settles += 1 }

    func clearScreenAndScrollback() {
        clears += 1
        output += "[CLEAR]\n"
    }

    var width: Int { 80 }
    var isAccessible = false
    func bold(_ text: String) -> String { text }
    func dim(_ text: String) -> String { text }
    func red(_ text: String) -> String { text }
    func yellow(_ text: String) -> String { text }
    var unreadInputs: Int { inputs.count }
}
