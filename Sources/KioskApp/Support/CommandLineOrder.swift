import KioskCore

/// Makes the command line mean what a person typing it meant, before the argument parser sees it:
/// options written before the subcommand (`kiosk --data-dir D summary hark`) are moved after it, and a
/// mistyped subcommand (`kiosk sumary hark`) is named with the closest real one instead of being taken for
/// a form id.
public enum CommandLineOrder {
    /// The subcommands, with their own subcommands.
    public static let commands: [String: [String]] = [
        "interview": [], "forms": ["list", "show", "validate", "new", "edit", "preview", "versions", "diff", "import"],
        "referrals": ["list", "show", "close", "reopen"], "summary": [], "export": ["summary", "responses", "bundle"],
        "passphrase": ["set", "remove"], "audit": [], "doctor": [], "not-asked": [], "publication": ["show", "set"],
        "sync": [], "server": ["init", "add-user", "set", "show", "import"], "support": [],
    ]

    /// Options of the kiosk that take a value (so the value is moved with its option).
    static let valued: Set<String> = [
        "--data-dir", "--forms-dir", "--lang", "--site", "--idle-timeout", "--min-cell", "--from", "--to", "--by",
        "--format", "--output", "-o", "--status", "--outcome", "--form", "--reason", "--gender", "--merge",
        "--server", "--password-file", "--new-password-file", "--organisation", "--purge-after", "--kind",
    ]

    /// What the arguments mean.
    public enum Reading: Equatable {
        /// Pass these to the parser.
        case arguments([String])
        /// The first word is probably a mistyped subcommand.
        case unknownCommand(String, suggestion: String)
    }

    /// `arguments` (without the program name) in the order the parser expects. `isForm` tells a form id
    /// (`kiosk audit-c` starts that form) from a mistyped command.
    public static func read(_ arguments: [String], isForm: (String) -> Bool = { _ in false }) -> Reading {
        var leading: [String] = []
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let option = arguments[index]
            leading.append(option)
            index += 1
            if valued.contains(option), !option.contains("="), index < arguments.count {
                leading.append(arguments[index])
                index += 1
            }
        }
        guard index < arguments.count else { return .arguments(arguments) }
        let word = arguments[index]
        guard commands[word] != nil else {
            // A form id is fine here (`kiosk hark` starts it); a near miss of a command is not.
            if word.count >= 4, !isForm(word), let suggestion = closestMatch(to: word, among: Array(commands.keys).sorted()),
               editDistance(word.lowercased(), suggestion) <= 2, !word.hasSuffix(".yaml") {
                return .unknownCommand(word, suggestion: suggestion)
            }
            return .arguments(arguments)
        }
        guard !leading.isEmpty else { return .arguments(arguments) }
        return .arguments(Array(arguments[index...]) + leading)
    }

    /// The value of `option` (`--forms-dir DIR` or `--forms-dir=DIR`) wherever it is given, if at all.
    public static func value(of option: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == option, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// Whether the command may ask for the staff passphrase at a terminal (so its echo goes off at once).
    public static func mayAskForPassphrase(_ arguments: [String]) -> Bool {
        let words = arguments.filter { !$0.hasPrefix("-") }
        guard let first = words.first else { return false }
        switch first {
        case "summary", "export", "referrals", "audit", "passphrase", "publication", "sync": return true
        case "server": return ["set", "show", "import"].contains(words.dropFirst().first ?? "")
        case "forms": return words.dropFirst().first == "edit" || arguments.contains("--counts")
        case "doctor": return arguments.contains("--counts")
        default: return false
        }
    }
}
