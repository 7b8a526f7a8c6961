import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// A program installed beside the kiosk that runs the same commands with more linked in: kiosk-server
/// (the central server's network code) and kiosk-spreadsheets (the `.xlsx` reader and writer). The kiosk
/// itself stays small and starts fast; a command that needs one of them is handed to it whole.
public struct HelperProgram: Sendable {
    /// The program's file name.
    public let name: String
    /// The phrase that says it is missing, with the placeholder `{path}`.
    let missingPhrase: String

    public static let server = HelperProgram(name: "kiosk-server", missingPhrase: "server_helper.missing")
    public static let spreadsheets = HelperProgram(name: "kiosk-spreadsheets", missingPhrase: "spreadsheet_helper.missing")

    /// Where it is: beside the program running now.
    public var path: String {
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The plain sentence that it is missing, naming where it was looked for.
    public func missingMessage(in language: Language) -> String {
        Phrasebook(language).text(missingPhrase, ["path": path])
    }

    /// Replaces this process with the helper, given the same arguments, before anything else happens (the
    /// terminal untouched). Returns never: when the helper cannot be started it says so and exits 1.
    public func handOver(language: Language) -> Never {
        let path = path
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + Array(CommandLine.arguments.dropFirst())).map { strdup($0) }
        argv.append(nil)
        execv(path, argv)
        // Only reached when the helper could not be started.
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("Error: \(missingMessage(in: language)) (\(reason))\n".utf8))
        exit(1)
    }
}
