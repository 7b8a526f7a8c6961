import Foundation
import Testing

/// The kiosk carries no network code and no .xlsx reader: `sync`, `server …` and `summary --server` are
/// handed to kiosk-server beside it, the commands that read or write .xlsx files to kiosk-spreadsheets.
/// Without them the kiosk says so plainly; with them nothing changes for staff.
struct HelperHandOverTests {
    /// A folder with a copy of the kiosk alone (and its language files), no kiosk-server or kiosk-spreadsheets.
    func loneKiosk(in scratch: Scratch) throws -> String {
        let folder = scratch.url.appendingPathComponent("lone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let binary = folder.appendingPathComponent("kiosk").path
        // A hard link where it can be (a copy being written can be caught open by a program another test
        // starts at that moment, and then cannot be run: "text file busy"); a copy otherwise.
        if (try? FileManager.default.linkItem(atPath: kioskBinary, toPath: binary)) == nil {
            try FileManager.default.copyItem(atPath: kioskBinary, toPath: binary)
        }
        let resources = URL(fileURLWithPath: kioskBinary).deletingLastPathComponent().appendingPathComponent("ScreeningKiosk_KioskApp.resources")
        try FileManager.default.copyItem(at: resources, to: folder.appendingPathComponent("ScreeningKiosk_KioskApp.resources"))
        return binary
    }

    /// Runs the lone kiosk, again while its fresh link is still "busy" for a program another test starts.
    func runLone(_ lone: String, _ arguments: [String], in scratch: Scratch) throws -> RunResult {
        var run = try runProgram(lone, arguments, in: scratch)
        for _ in 0..<50 where run.stderr.contains("Text file busy") {
            Thread.sleep(forTimeInterval: 0.1)
            run = try runProgram(lone, arguments, in: scratch)
        }
        return run
    }

    @Test func withoutKioskServerTheServerCommandsSaySoAndChangeNothing() throws {
        let scratch = try Scratch()
        let lone = try loneKiosk(in: scratch)
        for arguments in [["sync", "--lang", "en"], ["--lang", "en", "server", "show"],
                          ["summary", "violence-seven", "--server", "postgres://report@localhost/nns", "--lang", "en"],
                          ["export", "summary", "violence-seven", "--server=postgres://report@localhost/nns", "--lang", "en"]] {
            let run = try runLone(lone, arguments + ["--data-dir", scratch.dataDir], in: scratch)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("this needs kiosk-server, the kiosk's program for the central server"), "\(run.stderr)")
            #expect(run.stderr.contains("lone/kiosk-server"), "it names where it looked: \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDir), "no database was made")
    }

    @Test func theKioskListsTheServerCommandsAndKioskServerAnswersForThem() throws {
        let scratch = try Scratch()
        let help = try runKiosk(["--help"], in: scratch)
        #expect(help.stdout.contains("sync"), "\(help.stdout)")
        #expect(help.stdout.contains("server"), "\(help.stdout)")
        // Handed over: kiosk-server shows the same command's help.
        let syncHelp = try runKiosk(["sync", "--help"], in: scratch)
        #expect(syncHelp.status == 0, "\(syncHelp.stderr)")
        #expect(syncHelp.stdout.contains("USAGE: kiosk sync"), "\(syncHelp.stdout)")
        // A local summary stays in the kiosk.
        let local = try runKiosk(["summary", "violence-seven", "--lang", "en", "--forms-dir", repositoryForms, "--data-dir", scratch.dataDir], in: scratch)
        #expect(!local.stderr.contains("kiosk-server"), "\(local.stderr)")
    }

    @Test func withoutKioskSpreadsheetsAnXLSXCommandSaysSoAndWritesNothing() throws {
        let scratch = try Scratch()
        let lone = try loneKiosk(in: scratch)
        let workbook = scratch.path("hark.xlsx")
        try Data("not read".utf8).write(to: URL(fileURLWithPath: workbook))
        for arguments in [["forms", "import", "xlsform", workbook, "-o", scratch.path("imported.yaml")],
                          ["forms", "export", "hark", "--format=xlsform", "-o", scratch.path("out.xlsx")],
                          ["--lang", "en", "forms", "export", "hark", "--format", "xlsform", "-o", scratch.path("out.xlsx")],
                          ["forms", "edit", "hark", "--spreadsheet"]] {
            let run = try runLone(lone, arguments + ["--lang", "en", "--forms-dir", repositoryForms, "--data-dir", scratch.dataDir], in: scratch)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("this needs kiosk-spreadsheets, the kiosk's program for .xlsx spreadsheets"), "\(run.stderr)")
            #expect(run.stderr.contains("lone/kiosk-spreadsheets"), "it names where it looked: \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("imported.yaml")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out.xlsx")))
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDir), "no database was made")
    }

    @Test func formsInTextSpreadsheetsAndREDCapExportsStayInTheKiosk() throws {
        let scratch = try Scratch()
        let lone = try loneKiosk(in: scratch)
        let fixtures = URL(fileURLWithPath: repositoryForms).deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/xlsform")
        for name in ["screener.csv", "screener.md"] {
            let run = try runLone(lone, ["forms", "import", "xlsform", fixtures.appendingPathComponent(name).path, "-o", "-",
                                         "--forms-dir", repositoryForms], in: scratch)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(run.stdout.contains("questions:"), "\(name): \(run.stdout)")
        }
        let redcap = try runLone(lone, ["forms", "export", "hark", "--format", "redcap", "-o", "-", "--forms-dir", repositoryForms], in: scratch)
        #expect(redcap.status == 0, "\(redcap.stderr)")
        #expect(redcap.stdout.hasPrefix("Variable / Field Name,"), "\(redcap.stdout.prefix(80))")
    }
}
