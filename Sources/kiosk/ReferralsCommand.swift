import ArgumentParser
import Foundation
import KioskApp
import KioskStore

/// `kiosk referrals`: the referrals raised by interviews, for follow-up.
struct ReferralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "List referrals raised by interviews (open ones by default).",
        subcommands: [List.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List referrals: code, form, rule, level, day.")
        @OptionGroup var data: DataOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            let store = try openForStaff(data)
            let referrals = try store.referrals(status: "open")
            print(json ? ReferralReports.json(referrals) : ReferralReports.table(referrals), terminator: "")
        }
    }
}
