import ArgumentParser
import Foundation
import KioskApp
import KioskCore

/// `kiosk forms …`: list, show and validate the form files.
struct FormsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "List, show and validate the screening forms.",
        subcommands: [List.self, Show.self, Validate.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the forms: id, title, languages, questions, version, status.")
        @OptionGroup var forms: FormsOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let catalog = try FormCatalog.load(from: forms.directory)
            print(FormReports.list(catalog, language: Language(rawValue: language.lang)), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a whole form: questions, choices, scores and referral rules.")
        @Argument(help: "The form's id (see 'kiosk forms list').") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let catalog = try FormCatalog.load(from: forms.directory)
            guard let file = catalog.files.first(where: { $0.loaded.questionnaire?.id == id }),
                  let form = file.loaded.questionnaire else {
                _ = try catalog.form(id)
                return
            }
            print(FormReports.show(form, language: Language(rawValue: language.lang)), terminator: "")
            if !file.loaded.isValid {
                print("\nThis form has errors and cannot be used until they are fixed:")
                for diagnostic in file.loaded.diagnostics.errors { print("  \(diagnostic)") }
                throw ExitCode(1)
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check form files and run their examples.",
            discussion: "Exits 0 only when every form is valid. Without paths, checks the forms directory.")
        @Argument(help: "Form files or folders to check.") var paths: [String] = []
        @OptionGroup var forms: FormsOptions

        func run() throws {
            var files: [FormFile] = []
            if paths.isEmpty {
                files = try FormCatalog.load(from: forms.directory).files
            } else {
                for path in paths {
                    let url = URL(fileURLWithPath: path)
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                        throw KioskFailure("'\(path)' does not exist; give a form file (.yaml) or a folder of forms")
                    }
                    if isDirectory.boolValue {
                        files += try FormCatalog.load(from: url).files
                    } else {
                        files.append(FormCatalog.read(url))
                    }
                }
            }
            let report = FormReports.validation(files)
            print(report.text, terminator: "")
            if !report.allValid { throw ExitCode(1) }
        }
    }
}
