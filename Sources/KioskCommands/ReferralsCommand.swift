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
            try speaking(language.language) {
                let store = try openForStaff(data, language: language.language)
                let followUp = ReferralFollowUp(store: store, language: language.language)
                print(try followUp.list(status: ReferralStatus(rawValue: status), json: json), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one referral: its rule, message, support and follow-up.")
        @Argument(help: "The referral code, like ABCD-EFGH.") var code: String
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let parsed = try ReferralFollowUp.parse(code, language: language.language)
                let store = try openForStaff(data, language: language.language)
                print(try ReferralFollowUp(store: store, language: language.language).show(parsed), terminator: "")
            }
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
            try speaking(language.language) {
                let parsed = try ReferralFollowUp.parse(code, language: language.language)
                let store = try openForStaff(data, language: language.language)
                let followUp = ReferralFollowUp(store: store, language: language.language)
                print(try followUp.close(parsed, outcome: ReferralOutcome(rawValue: outcome)!, day: Day.today()))
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a closed referral again (after closing it by mistake).")
        @Argument(help: "The referral code, like ABCD-EFGH.") var code: String
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let parsed = try ReferralFollowUp.parse(code, language: language.language)
                let store = try openForStaff(data, language: language.language)
                print(try ReferralFollowUp(store: store, language: language.language).reopen(parsed, day: Day.today()))
            }
        }
    }
}

