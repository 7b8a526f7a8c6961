import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore

/// `kiosk referrals …`: follow up the referrals raised by interviews.
struct ReferralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "Follow up referrals: list, show, close and reopen them by their code.",
        subcommands: [List.self, Show.self, Close.self, Reopen.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List referrals: code, form, rule, level, day (open ones by default).")
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("Which referrals: open, closed or all.", valueName: "status")) var status: String = "open"
        @Flag(help: "Print JSON instead of a table.") var json = false
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard ["open", "closed", "all"].contains(status) else {
                throw ValidationError("--status must be open, closed or all, not '\(status)'")
            }
        }

        func run() throws {
            let store = try openForStaff(data, language: language.language)
            let filter = status == "all" ? nil : status
            let referrals = try store.referrals(status: filter)
            print(json ? ReferralReports.json(referrals)
                       : ReferralReports.table(referrals, status: filter, language: language.language),
                  terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one referral: its rule, message, support and follow-up.")
        @Argument(help: "The referral code, like ABCD-EFGH.") var code: String
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let parsed = try readCode(code)
            let store = try openForStaff(data, language: language.language)
            let record = try find(parsed, in: store)
            print(ReferralReports.detail(record, form: try store.formVersion(ofReferral: record), language: language.language), terminator: "")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a referral with its outcome.",
            discussion: "Outcomes: " + ReferralOutcome.allCases.map { "\($0.rawValue) (\($0.label(.english)))" }.joined(separator: ", ") + ".")
        @Argument(help: "The referral code, like ABCD-EFGH.") var code: String
        @Option(help: ArgumentHelp("How the follow-up ended: " + ReferralOutcome.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "outcome"))
        var outcome: String
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard ReferralOutcome(rawValue: outcome) != nil else {
                throw ValidationError("--outcome must be one of: \(ReferralOutcome.allCases.map(\.rawValue).joined(separator: ", ")) (no free text: nothing about the person is stored)")
            }
        }

        func run() throws {
            let parsed = try readCode(code)
            let lang = language.language
            let store = try openForStaff(data, language: lang)
            let record = try find(parsed, in: store)
            let result = ReferralOutcome(rawValue: outcome)!
            try store.closeReferral(parsed, outcome: result, day: Day.today())
            print(lang == .english ? "Referral \(record.displayCode) is closed: \(result.label(.english))."
                                   : "Hänvisning \(record.displayCode) är avslutad: \(result.label(.swedish)).")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a closed referral again (after closing it by mistake).")
        @Argument(help: "The referral code, like ABCD-EFGH.") var code: String
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let parsed = try readCode(code)
            let lang = language.language
            let store = try openForStaff(data, language: lang)
            let record = try find(parsed, in: store)
            try store.reopenReferral(parsed, day: Day.today())
            print(lang == .english ? "Referral \(record.displayCode) is open again." : "Hänvisning \(record.displayCode) är öppen igen.")
        }
    }
}

/// Reads a typed referral code, explaining a mistyped one.
func readCode(_ text: String) throws -> ReferralCode {
    switch ReferralCode.parse(text) {
    case .success(let code): return code
    case .failure(let problem): throw KioskFailure("'\(text)': \(problem)")
    }
}

/// The stored referral with `code`, or a plain error.
func find(_ code: ReferralCode, in store: AnswerStore) throws -> ReferralRecord {
    guard let record = try store.referral(code) else {
        throw KioskFailure("no referral has the code \(code); 'kiosk referrals list --status all' lists them")
    }
    return record
}
