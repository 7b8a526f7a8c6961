import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import KioskTestSupport
import Testing

/// "Saved" only when it is: the file written is the one in the folder, a damaged, empty, foreign or newer
/// file is never written into, and a database gone missing is never silently replaced.
@Suite struct FileSafetyTests {
    init() { ShippedLanguages.install() }

    @Test func aNewDatabaseIsCreatedWholeUnderAnotherNameThenPutInPlace() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: temp.dataDirectory.path)
        #expect(!names.contains { $0.hasSuffix(".new") }, "\(names)")
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == Schema.version)
        #expect(try store.queue.read { db in try db.tableExists("interview") })
    }

    @Test func anEmptyFileIsNeverTakenForANewDatabase() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: temp.dataDirectory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: temp.databasePath, contents: Data())
        #expect(throws: StoreError.emptyDatabase(path: temp.databasePath)) { try AnswerStore.open(directory: temp.dataDirectory) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.databasePath)).isEmpty, "left as it is")
        #expect(StoreError.emptyDatabase(path: "x").message(in: .swedish).contains("är tom (0 byte)"))
    }

    @Test func aNewerUserVersionIsRefusedAndTheFileLeftAlone() throws {
        let temp = try TemporaryDirectory()
        do {
            let store = try AnswerStore.open(directory: temp.dataDirectory)
            try store.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: temp.databasePath))
        #expect(throws: StoreError.newerSchema(path: temp.databasePath)) { try AnswerStore.open(directory: temp.dataDirectory) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.databasePath)) == before)
    }

    @Test func anotherProgramsSQLiteFileIsNotMadeIntoAKioskDatabase() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: temp.dataDirectory, withIntermediateDirectories: true)
        do {
            let other = try DatabaseQueue(path: temp.databasePath)
            try other.write { db in try db.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        }
        #expect(throws: StoreError.notKioskDatabase(path: temp.databasePath)) { try AnswerStore.open(directory: temp.dataDirectory) }
        let tables = try DatabaseQueue(path: temp.databasePath).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["recipes"])
    }

    @Test func aMovedOrDeletedFolderIsNoticedAtTheNextWriteAndNothingIsCalledSaved() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "q1", answer: .choice("no"))], interview: id, form: form)
        try FileManager.default.moveItem(at: temp.dataDirectory, to: temp.url.appendingPathComponent("moved"))
        #expect(throws: StoreError.vanished(path: store.path)) {
            try store.save([.saved(questionID: "level", answer: .number(3))], interview: id, form: form)
        }
        #expect(StoreError.vanished(path: "x").message(in: .swedish).contains("sparades INTE"))
    }

    @Test func aKnownDatabaseThatIsGoneIsReportedNotReplaced() throws {
        let temp = try TemporaryDirectory()
        let registry = temp.url.appendingPathComponent("state/databases")
        let safeguards = AnswerStore.Safeguards(registry: registry)
        _ = try AnswerStore.open(directory: temp.dataDirectory, safeguards: safeguards)
        try FileManager.default.removeItem(at: temp.dataDirectory)
        #expect(throws: StoreError.missing(path: temp.databasePath)) { try AnswerStore.open(directory: temp.dataDirectory, safeguards: safeguards) }
        #expect(!FileManager.default.fileExists(atPath: temp.dataDirectory.path), "nothing was created")
        var again = safeguards
        again.startNewDatabase = true
        _ = try AnswerStore.open(directory: temp.dataDirectory, safeguards: again)
        #expect(FileManager.default.fileExists(atPath: temp.databasePath))
        let text = try String(contentsOf: registry, encoding: .utf8)
        #expect(text == temp.databasePath + "\n", "the registry holds the path once, and nothing else")
    }

    @Test func aDamagedPageIsFoundBeforeTheFirstAnswerIsWrittenIntoTheFile() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        do {
            let store = try AnswerStore.open(directory: temp.dataDirectory)
            for _ in 0..<300 {
                try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "level": .number(2), "gender": .choice("kvinna")])
            }
            try store.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        // Scribble over a page of the interviews, as a failing disk would.
        let root = try DatabaseQueue(path: temp.databasePath).read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'interview'") ?? 2
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: temp.databasePath))
        try handle.seek(toOffset: UInt64(root - 1) * 4096)
        handle.write(Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: temp.databasePath))

        let store = try AnswerStore.open(directory: temp.dataDirectory, safeguards: AnswerStore.Safeguards(checkIntegrity: true))
        #expect(throws: StoreError.damaged(path: temp.databasePath)) {
            _ = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.databasePath)) == damaged, "nothing was written into it")
    }

    @Test func aSoundDatabasePassesTheBackgroundCheckAndTakesAnswers() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        _ = try AnswerStore.open(directory: temp.dataDirectory)
        let store = try AnswerStore.open(directory: temp.dataDirectory, safeguards: AnswerStore.Safeguards(checkIntegrity: true))
        try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "gender": .choice("man")])
        try store.checkReadyForInterviews()
    }
}
