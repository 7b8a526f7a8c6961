import Foundation
import GRDB
import KioskStore
import Testing

/// From the real binary: the kiosk says "saved" only when it is, and never writes into a file it should
/// not — a folder deleted mid-interview, a damaged page, an empty file, a newer or foreign database.
@Suite(.serialized) struct DiskSafetyRunTests {
    @Test func aDataFolderDeletedMidInterviewIsReportedAndNothingIsCalledSaved() throws {
        let scratch = try Scratch()
        let terminal = try PseudoTerminal(["interview", "hark"], in: scratch)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Fråga 2 av 5")
        try terminal.expect("Svar: ")
        try FileManager.default.removeItem(atPath: scratch.dataDir)
        terminal.line("nej")
        let said = try terminal.expect("sparades INTE")
        #expect(said.contains("finns inte längre kvar"), "\(said)")
        let status = terminal.waitForExit(timeout: 10)
        #expect(status == 1, "a non-zero exit: \(String(describing: status))")
        #expect(!terminal.transcript.contains("Svaren är sparade"))
        // The next start does not quietly make a new, empty database where the old one was.
        let next = try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch)
        #expect(next.status == 1)
        #expect(next.stderr.contains("saknas") && next.stderr.contains("--new-database"), "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDir + "/kiosk.sqlite"))
        let fresh = try runKiosk(["interview", "hark", "--new-database"], input: StorageFaultTests.harkScript, in: scratch)
        #expect(fresh.status == 0, "\(fresh.stderr)")
    }

    @Test func aDamagedPageIsReportedBeforeTheFirstAnswerAndTheFileIsLeftAsItIs() throws {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: String(repeating: StorageFaultTests.harkScript, count: 120), in: scratch).status == 0)
        let path = scratch.dataDir + "/kiosk.sqlite"
        // Scribble over the first page of the interviews (their root), as a failing disk would.
        let root = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'interview'") ?? 2
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(root - 1) * 4096)
        handle.write(Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ 7) }))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("är skadad"), "\(run.stderr)")
        #expect(!run.stdout.contains("Svaren är sparade"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged, "nothing was written into the damaged file")
    }

    @Test func anEmptyANewerAndAForeignDatabaseAreRefusedAndLeftAlone() throws {
        let scratch = try Scratch()
        let path = scratch.dataDir + "/kiosk.sqlite"
        try FileManager.default.createDirectory(atPath: scratch.dataDir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let empty = try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch)
        #expect(empty.status == 1 && empty.stderr.contains("är tom (0 byte)"), "\(empty.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)

        try FileManager.default.removeItem(atPath: path)
        #expect(try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch).status == 0)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let newer = try runKiosk(["interview", "hark"], input: StorageFaultTests.harkScript, in: scratch)
        #expect(newer.status == 1 && newer.stderr.contains("nyare version"), "\(newer.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        try FileManager.default.removeItem(atPath: scratch.dataDir)
        try FileManager.default.createDirectory(atPath: scratch.dataDir, withIntermediateDirectories: true)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        let foreign = try runKiosk(["interview", "hark", "--new-database"], input: StorageFaultTests.harkScript, in: scratch)
        #expect(foreign.status == 1 && foreign.stderr.contains("inte kioskens"), "\(foreign.stderr)")
    }
}
