import Foundation
@testable import KioskServer
import PostgresNIO
import TestPostgres
import Testing

/// `kiosk server init` and the two roles: a kiosk user can only hand in, a report user can only read counts.
@Suite(.enabled(if: serverAvailable, "needs PostgreSQL (apt-get install postgresql; Scripts/test installs it)"))
struct ServerSetupTests {
    @Test func initCreatesTheSchemaOnceAndASecondRunChangesNothing() async throws {
        let server = try await ServerHarness(initialized: false)
        let admin = try await server.admin()
        let applied = try await ServerSetup.initialize(admin)
        #expect(applied.count == ServerSchema.migrations.count)
        let again = try await ServerSetup.initialize(admin)
        #expect(again.isEmpty)
        await admin.close()
        #expect(try server.count("SELECT max(id) FROM kiosk.schema_migration") == ServerSchema.version)
    }

    @Test func aServerSchemaNewerThanTheKioskKnowsIsRefusedWithWhatToDo() async throws {
        let server = try await ServerHarness()
        try server.cluster.psql("INSERT INTO kiosk.schema_migration (id, name) VALUES (99, 'from the future')", database: server.database)
        let admin = try await server.admin()
        await #expect(throws: ServerError.newerSchema(try server.adminAddress.description, server: 99, known: ServerSchema.version)) {
            try await ServerSetup.initialize(admin)
        }
        let kiosk = try await server.connect(try await server.user(.kiosk))
        await #expect(throws: ServerError.self) { try await ServerSetup.checkVersion(kiosk) }
        await kiosk.close()
        await admin.close()
        #expect(ServerError.newerSchema("x", server: 99, known: 1).message(in: .swedish).contains("uppdatera kioskprogrammet"))
    }

    @Test func aKioskUserCannotReadAnythingNotEvenWhatItSent() async throws {
        let server = try await ServerHarness()
        let kiosk = try await server.connect(try await server.user(.kiosk))
        for sql in ["SELECT * FROM kiosk.interview", "SELECT * FROM kiosk.answer", "SELECT * FROM kiosk.interview_counts",
                    "SELECT * FROM kiosk.form_versions", "SELECT * FROM kiosk.release"] {
            await #expect(throws: ServerError.permissionDenied(kiosk.address.description), "\(sql)") {
                try await kiosk.execute(PostgresQuery(unsafeSQL: sql))
            }
        }
        await kiosk.close()
    }

    @Test func aReportUserReadsOnlyCountsAndCannotHandIn() async throws {
        let server = try await ServerHarness()
        let report = try await server.connect(try await server.user(.report))
        try await report.execute("SELECT * FROM kiosk.answer_counts")
        for sql in ["SELECT * FROM kiosk.interview", "SELECT * FROM kiosk.answer", "SELECT kiosk.submit_interviews('[]'::jsonb)",
                    "DELETE FROM kiosk.release"] {
            await #expect(throws: ServerError.permissionDenied(report.address.description), "\(sql)") {
                try await report.execute(PostgresQuery(unsafeSQL: sql))
            }
        }
        await report.close()
    }

    @Test func aWrongPasswordAndAnUnreachableServerEachGiveOneClearSentence() async throws {
        let server = try await ServerHarness()
        let user = try await server.user(.kiosk)
        await #expect(throws: ServerError.wrongPassword(user.address.description)) {
            _ = try await ServerConnection.open(user.address, password: "not the password")
        }
        let nowhere = try ServerAddress("postgres://kiosk@127.0.0.1:\(try PostgresCluster.freePortForTests())/nns?sslmode=disable")
        do {
            _ = try await ServerConnection.open(nowhere, password: "x")
            Issue.record("connected to nothing")
        } catch {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
            #expect(error.message(in: .swedish).contains("går inte att nå"))
        }
    }

    @Test func aURLThatAsksForTLSGetsAnEncryptedConnectionAndVerifyFullRefusesAnUnknownCertificate() async throws {
        let server = try await ServerHarness()
        try #require(server.cluster.tls, "the test server has no certificate (openssl missing)")
        let user = try await server.user(.kiosk)
        let plain = user.address.description
        let encrypted = try ServerAddress(plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require"))
        let inUse = try await ServerConnection.with(encrypted, password: user.password) { connection in
            try await connection.value("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
        }
        #expect(inUse == true)
        let unencrypted = try await ServerConnection.with(user.address, password: user.password) { connection in
            try await connection.value("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
        }
        #expect(unencrypted == false)
        // A self-signed certificate is not trusted when the URL asks to verify it.
        let verified = try ServerAddress(plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=verify-full"))
        await #expect(throws: ServerError.self) { _ = try await ServerConnection.open(verified, password: user.password) }
    }

    @Test func addressesWithAPasswordOrWithoutAUserAreRefused() {
        #expect(throws: ServerError.self) { try ServerAddress("postgres://kiosk:secret@host/db") }
        #expect(throws: ServerError.self) { try ServerAddress("postgres://host/db") }
        #expect(throws: ServerError.self) { try ServerAddress("http://kiosk@host/db") }
        #expect(throws: ServerError.self) { try ServerAddress("postgres://kiosk@host/db?sslmode=sometimes") }
        let address = try? ServerAddress("postgres://kiosk@server.example.org/nns?sslmode=require")
        #expect(address?.port == 5432 && address?.tls == .require && address?.database == "nns")
    }

    @Test func thePasswordComesFromAPrivateFileOrPgpass() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let address = try ServerAddress("postgres://kiosk@db.example.org:5433/nns")
        let file = folder.appendingPathComponent("password").path
        try "hemligt\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        #expect(throws: ServerError.passwordFile(file, reason: "others can read it; run chmod 600 \(file)")) {
            _ = try address.password(file: file, environment: [:])
        }
        chmod(file, 0o600)
        #expect(try address.password(file: file, environment: [:]) == "hemligt")
        let pgpass = folder.appendingPathComponent("pgpass").path
        try "other:5433:nns:kiosk:wrong\ndb.example.org:*:nns:kiosk:r\\:ätt\n".write(toFile: pgpass, atomically: true, encoding: .utf8)
        #expect(try address.password(file: nil, environment: ["PGPASSFILE": pgpass]) == "r:ätt")
        #expect(try address.password(file: nil, environment: ["PGPASSWORD": "env", "PGPASSFILE": pgpass]) == "env")
    }
}

extension PostgresCluster {
    /// A port nothing listens on.
    static func freePortForTests() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
