import Foundation
import GRDB
import KioskApp
import KioskStore
import Testing

/// Whether this machine lets a test make its own mount namespace (for a read-only or tiny file system).
let canUseMountNamespace: Bool = {
    guard let scratch = try? Scratch() else { return false }
    let result = try? runShell("mount -t tmpfs -o size=64k tmpfs \(scratch.url.path) && echo ok", in: scratch)
    return result?.stdout.contains("ok") == true
}()

/// Runs a shell script as root of a new user and mount namespace: mounts there vanish with it.
func runShell(_ script: String, in scratch: Scratch, environment: [String: String] = [:]) throws -> RunResult {
    let path = try scratch.write(script, to: "script-\(UUID().uuidString).sh")
    let (pid, out, err) = try spawnKiosk([], input: "", in: scratch, environment: environment,
                                         program: "/usr/bin/unshare", arguments: ["-rm", "/bin/sh", path])
    let status = waitForExit(pid, timeout: 120) ?? -1
    return RunResult(status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// A read-only or full disk and a damaged database: one clear sentence, and nothing saved is damaged.
@Suite(.serialized) struct StorageFaultTests {
    static let harkScript = CrashRecoveryTests.interview.joined(separator: "\n") + "\n"

    @Test(.enabled(if: canUseMountNamespace, "needs a user and mount namespace (unshare -rm)"))
    func aReadOnlyDataDirectoryGivesOneClearSentenceAndChangesNothing() throws {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: Self.harkScript, in: scratch).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.dataDir + "/kiosk.sqlite"))
        let kiosk = kioskBinary
        let input = try scratch.write(Self.harkScript, to: "input")
        let result = try runShell("""
            mount --bind "\(scratch.dataDir)" "\(scratch.dataDir)" && mount -o remount,ro,bind "\(scratch.dataDir)" || exit 99
            "\(kiosk)" interview hark < "\(input)"
            echo "status=$?"
            """, in: scratch)
        #expect(result.stdout.contains("status=1"), "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("kan inte skrivas"), "in the kiosk's language: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one sentence: \(result.stderr)")
        #expect(!result.stdout.contains("Fråga 1"), "found at the start, before the first question: \(result.stdout)")
        let after = try Data(contentsOf: URL(fileURLWithPath: scratch.dataDir + "/kiosk.sqlite"))
        #expect(before == after)
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.interviews(status: .complete).count == 1)
    }

    @Test(.enabled(if: canUseMountNamespace, "needs a user and mount namespace (unshare -rm)"))
    func aFullDiskStopsWithAClearSentenceAndKeepsWhatWasSaved() throws {
        let scratch = try Scratch()
        let kiosk = kioskBinary
        let data = scratch.path("tiny")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let one = try scratch.write(Self.harkScript, to: "one")
        let many = try scratch.write(String(repeating: Self.harkScript, count: 50), to: "many")
        let result = try runShell("""
            mount -t tmpfs -o size=16m tmpfs "\(data)" || exit 99
            "\(kiosk)" interview hark --data-dir "\(data)" < "\(one)" > /dev/null || echo "first failed"
            dd if=/dev/zero of="\(data)/filler" bs=1k 2>/dev/null
            "\(kiosk)" interview hark --data-dir "\(data)" < "\(many)" > /dev/null
            echo "status=$?"
            rm "\(data)/filler"
            "\(kiosk)" doctor --data-dir "\(data)"
            """, in: scratch, environment: ["KIOSK_DATA_DIR": data])
        #expect(!result.stdout.contains("first failed"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("status=1"), "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("är full"), "\(result.stderr)")
        #expect(result.stdout.contains("ok   the database passes SQLite's integrity check"), "\(result.stdout)")
        #expect(result.stdout.contains("interviews: 1 complete") || result.stdout.contains("1 complete,"), "\(result.stdout)")
    }

    @Test func aDamagedDatabaseIsReportedAndLeftAsItIs() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.dataDir, withIntermediateDirectories: true)
        let garbage = Data((0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let path = scratch.dataDir + "/kiosk.sqlite"
        try garbage.write(to: URL(fileURLWithPath: path))
        let run = try runKiosk(["interview", "hark"], input: Self.harkScript, in: scratch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("är skadad eller inte en kioskdatabas"))
        let doctor = try runKiosk(["doctor"], in: scratch)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("FIX  the database file is damaged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func aDatabaseKeptBusyByAnotherProgramGivesAClearSentenceAfterTheWaitAndLosesNothing() throws {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: Self.harkScript, in: scratch).status == 0)
        // Another program takes the write lock and keeps it longer than the kiosk's 10-second wait.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: scratch.dataDir + "/kiosk.sqlite", configuration: holding)
        try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        let started = Date()
        let blocked = try runKiosk(["interview", "hark", "--lang", "en"], input: Self.harkScript, in: scratch, timeout: 60)
        let waited = Date().timeIntervalSince(started)
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        #expect(blocked.status == 1, "\(blocked.stdout)")
        #expect(blocked.stderr.contains("stayed busy (another kiosk is writing); try again in a moment"), "\(blocked.stderr)")
        #expect(blocked.stderr.split(separator: "\n").count == 1, "one sentence: \(blocked.stderr)")
        #expect(waited >= 9.5, "the kiosk waits for the other writer before giving up (\(waited) s)")
        #expect(waited < 40, "and gives up within its bound (\(waited) s)")
        // Once the other program lets go, nothing is lost and the kiosk works again.
        let again = try runKiosk(["interview", "hark"], input: Self.harkScript, in: scratch)
        #expect(again.status == 0, "\(again.stderr)")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.interviews(status: .complete).count == 2)
        let doctor = try runKiosk(["doctor"], in: scratch)
        #expect(doctor.stdout.contains("passes SQLite's integrity check"), "\(doctor.stdout)")
    }

    @Test func doctorPassesAHealthyKioskAndExplainsWhatItChecked() throws {
        let scratch = try Scratch()
        #expect(try runKiosk(["interview", "hark"], input: Self.harkScript, in: scratch).status == 0)
        let doctor = try runKiosk(["doctor"], in: scratch)
        #expect(doctor.status == 0, "\(doctor.stdout)")
        for line in ["is private to its owner", "can be written", "the schema is up to date", "passes SQLite's integrity check",
                     "interviews: 1 complete", "all 5 forms", "no staff passphrase is set"] {
            #expect(doctor.stdout.contains(line), "\(line)")
        }
        #expect(doctor.stdout.hasPrefix("kiosk \(KioskRelease.version), SQLite 3."), "the versions to tell IT: \(doctor.stdout)")
        let version = try runKiosk(["--version"], in: scratch)
        #expect(version.status == 0 && version.stdout == KioskRelease.version + "\n")
        let missing = try runKiosk(["doctor", "--data-dir", scratch.path("nowhere")], in: scratch)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("does not exist"))
    }

    @Test func reportingOnAMistypedDataDirectoryCreatesNothing() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["referrals", "--data-dir", scratch.path("typo")], in: scratch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("det finns ingen kioskdatabas"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("typo")))
    }
}
