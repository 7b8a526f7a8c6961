import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore

/// `kiosk publication [show] | set`: how this kiosk perturbs the figures it publishes.
struct PublicationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publication",
        abstract: "Show or set how published figures are perturbed (the Cell Key Method's parameters).",
        subcommands: [Show.self, Set.self],
        defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the parameters and how many publications the release log holds.")
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let store = try openForStaff(data, language: language.language)
                print(try PublicationSettings.description(store, language: language.language), terminator: "")
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the parameters; only until the kiosk has published anything.",
            discussion: "Once something is published, the same counts perturbed another way would be a second look at them, so the settings are fixed from then on.")
        @Option(help: ArgumentHelp("The most a count is moved, up or down (1–5; standard 2).", valueName: "D")) var maximumDeviation: Int
        @Option(help: ArgumentHelp("The smallest count above zero ever published (2–5; standard 3).", valueName: "N")) var smallestPublished: Int
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let store = try openForStaff(data, language: language.language)
                try PublicationSettings.set(maximumDeviation: maximumDeviation, smallestPublished: smallestPublished, store: store, day: Day.today())
                print(try PublicationSettings.description(store, language: language.language), terminator: "")
            }
        }
    }
}
