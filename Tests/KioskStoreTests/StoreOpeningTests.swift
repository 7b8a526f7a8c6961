import Foundation
import GRDB
@testable import KioskStore
import KioskTestSupport
import Testing

/// Opening the store: a private file in a private folder, WAL with full sync, and clear errors.
@Suite struct StoreOpeningTests {
    init() { ShippedLanguages.install() }

    @Test func openingCreatesAPrivateDatabaseInAPrivateDirectory() throws {
        let temp = try TemporaryDirectory()
        _ = try AnswerStore.open(directory: temp.dataDirectory)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: temp.dataDirectory.path)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: temp.databasePath)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        #expect(fileMode == 0o600)
    }

    @Test func theDatabaseUsesWALAndFullSync() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let (journal, synchronous) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "FULL: a commit is on disk when it returns")
    }

    @Test func reopeningKeepsTheDataAndRunsNoMigrationTwice() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let first = try AnswerStore.open(directory: temp.dataDirectory)
        let (id, _) = try storeCompletedInterview(first, form: form, answers: ["q1": .choice("no"), "level": .number(2), "gender": .choice("man"), "who": .skipped])
        let second = try AnswerStore.open(directory: temp.dataDirectory)
        #expect(try second.interview(id)?.status == .complete)
        let migrations = try second.queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == Schema.migrator.migrations)
    }

    @Test func aDatabaseInUsePassesSQLitesIntegrityCheck() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try storeCompletedInterview(store, form: form, answers: ["q1": .choice("yes"), "q2": .declined, "who": .choices(["partner", "family"]), "level": .number(2), "gender": .choice("man")])
        let result = try store.queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(result == ["ok"])
        #expect(StoreHealth.examine(directory: temp.dataDirectory).isHealthy)
    }

    @Test func aDatabaseFromANewerKioskIsLeftAlone() throws {
        let temp = try TemporaryDirectory()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try store.queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        #expect(throws: StoreError.newerSchema(path: temp.databasePath)) { try AnswerStore.open(directory: temp.dataDirectory) }
        #expect(StoreError.newerSchema(path: "x").localizedDescription.contains("update the kiosk"))
    }

    @Test func aFileThatIsNotADatabaseGivesOneClearSentence() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: temp.dataDirectory, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x42, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: temp.databasePath))
        #expect(throws: StoreError.corrupt(path: temp.databasePath)) { try AnswerStore.open(directory: temp.dataDirectory) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.databasePath)) == garbage, "the damaged file is not touched")
    }

    @Test func aDataDirectoryThatIsAFileIsReported() throws {
        let temp = try TemporaryDirectory()
        try Data("x".utf8).write(to: temp.dataDirectory)
        #expect {
            try AnswerStore.open(directory: temp.dataDirectory)
        } throws: { error in
            guard case StoreError.cannotCreateDirectory(let path, _)? = error as? StoreError else { return false }
            return path == temp.dataDirectory.path
        }
    }

    @Test func theDataDirectoryFollowsOptionThenEnvironmentThenXDG() {
        #expect(AnswerStore.directory(option: "/a", environment: ["KIOSK_DATA_DIR": "/b"]).path == "/a")
        #expect(AnswerStore.directory(option: nil, environment: ["KIOSK_DATA_DIR": "/b", "XDG_DATA_HOME": "/c"]).path == "/b")
        #expect(AnswerStore.directory(option: nil, environment: ["XDG_DATA_HOME": "/c"]).path == "/c/kiosk")
        #expect(AnswerStore.directory(option: nil, environment: ["HOME": "/home/staff"]).path == "/home/staff/.local/share/kiosk")
    }
}
