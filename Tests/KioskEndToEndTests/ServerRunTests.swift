import Foundation
import TestPostgres
import Testing

/// The central server from the command line, as an administrator, a kiosk and a coordinator use it:
/// `server init`, `server add-user`, `server set`, `sync`, `summary --server`, against a real PostgreSQL.
@Suite(.serialized, .enabled(if: PostgresCluster.shared != nil, "needs PostgreSQL (apt-get install postgresql; Scripts/test installs it)"))
struct ServerRunTests {
    let cluster = PostgresCluster.shared!

    /// A private file holding `password`.
    func passwordFile(_ password: String, in scratch: Scratch, name: String) throws -> String {
        let path = try scratch.write(password + "\n", to: name)
        chmod(path, 0o600)
        return path
    }

    /// A database with the kiosk schema, a kiosk user and a report user, set up through the binary.
    func setUpServer(in scratch: Scratch) throws -> (kiosk: String, report: String, kioskPassword: String, reportPassword: String) {
        let database = try cluster.makeDatabase()
        let admin = cluster.adminURL(database)
        let adminPassword = try passwordFile(cluster.superuserPassword, in: scratch, name: "admin.pw")
        let initRun = try runKiosk(["server", "init", admin, "--password-file", adminPassword, "--lang", "en"], in: scratch)
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(initRun.stdout.contains("The kiosk schema is set up on the server"), "\(initRun.stdout)")
        let again = try runKiosk(["server", "init", admin, "--password-file", adminPassword, "--lang", "en"], in: scratch)
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let kioskPassword = try passwordFile("kiosk-password-\(suffix)", in: scratch, name: "kiosk.pw")
        let reportPassword = try passwordFile("report-password-\(suffix)", in: scratch, name: "report.pw")
        for (name, kind, file) in [("kiosk_\(suffix)", "kiosk", kioskPassword), ("rapport_\(suffix)", "report", reportPassword)] {
            let add = try runKiosk(["server", "add-user", name, "--kind", kind, "--new-password-file", file, "--server", admin,
                                    "--password-file", adminPassword], in: scratch)
            #expect(add.status == 0, "\(add.stderr)")
        }
        let base = "127.0.0.1:\(cluster.port)/\(database)?sslmode=disable"
        return ("postgres://kiosk_\(suffix)@\(base)", "postgres://rapport_\(suffix)@\(base)", kioskPassword, reportPassword)
    }

    @Test func aKioskSyncsOnceAndTheServerSummaryIsTheLocalSummary() throws {
        let scratch = try Scratch()
        let server = try setUpServer(in: scratch)
        let interviews = try runKiosk(["interview", "hark", "--site", "Norr"], input: ReportingTests.script, in: scratch)
        #expect(interviews.status == 0, "\(interviews.stderr)")
        let set = try runKiosk(["server", "set", server.kiosk, "--password-file", server.kioskPassword, "--organisation", "Samordningsförbundet Norr"],
                               in: scratch)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("Väntar på att skickas: 21"), "\(set.stdout)")
        let sync = try runKiosk(["sync"], in: scratch)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("Servern har bekräftat 21 (21 nya)."), "\(sync.stdout)")
        let again = try runKiosk(["sync", "--lang", "en"], in: scratch)
        #expect(again.stdout.contains("The server confirmed 0 (0 new)."), "\(again.stdout)")
        #expect(try runKiosk(["audit"], in: scratch).stdout.contains("synced"))

        // Local and server summaries, in the same words and figures (each its own release log).
        for format in [["--json"], []] {
            let local = try runKiosk(["summary", "hark", "--by", "site"] + format, in: scratch)
            let central = try runKiosk(["summary", "hark", "--by", "site", "--server", server.report, "--password-file", server.reportPassword] + format,
                                       in: scratch)
            #expect(local.status == 0 && central.status == 0, "\(local.stderr) \(central.stderr)")
            #expect(central.stdout == local.stdout)
        }
        let byOrganisation = try runKiosk(["summary", "hark", "--by", "organisation", "--server", server.report, "--password-file", server.reportPassword],
                                          in: scratch)
        #expect(byOrganisation.stdout.contains("Samordningsförbundet Norr"), "\(byOrganisation.stdout)")
    }

    @Test func aWrongPasswordAndAnUnreachableServerEachSayOneSentenceAndNothingIsMarkedSent() throws {
        let scratch = try Scratch()
        let server = try setUpServer(in: scratch)
        #expect(try runKiosk(["interview", "hark"], input: ReportingTests.script, in: scratch).status == 0)
        let wrong = try passwordFile("not-the-password", in: scratch, name: "wrong.pw")
        let denied = try runKiosk(["sync", "--server", server.kiosk, "--password-file", wrong, "--lang", "en"], in: scratch)
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("did not accept the user name or password"), "\(denied.stderr)")
        #expect(denied.stderr.split(separator: "\n").count == 1, "\(denied.stderr)")
        let nowhere = try runKiosk(["sync", "--server", "postgres://kiosk@127.0.0.1:1/nns?sslmode=disable", "--password-file", wrong], in: scratch)
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("går inte att nå"), "\(nowhere.stderr)")
        let show = try runKiosk(["server", "show"], in: scratch)
        #expect(show.stdout.contains("Väntar på att skickas: 21"), "\(show.stdout)")
        // A kiosk user reading counts is refused by the server.
        let summary = try runKiosk(["summary", "hark", "--server", server.kiosk, "--password-file", server.kioskPassword, "--lang", "en"], in: scratch)
        #expect(summary.status == 1)
        #expect(summary.stderr.contains("does not allow this for that user"), "\(summary.stderr)")
    }

    @Test func aBundleFromAKioskWithoutANetworkIsImportedOnceAndCountedWithTheSyncedInterviews() throws {
        let online = try Scratch(), offline = try Scratch()
        let server = try setUpServer(in: online)
        let woman = ["", "ja", "nej", "-", "nej", "kvinna", "", ""], man = ["", "nej", "nej", "nej", "*", "man", "", ""]
        func script(_ parts: [[String]]) -> String { parts.flatMap { $0 }.joined(separator: "\n") + "\n" }
        #expect(try runKiosk(["interview", "hark", "--site", "Norr"], input: script(Array(repeating: woman, count: 8) + Array(repeating: man, count: 5)),
                             in: online).status == 0)
        #expect(try runKiosk(["interview", "hark", "--site", "Syd"], input: script(Array(repeating: woman, count: 4) + Array(repeating: man, count: 7)),
                             in: offline).status == 0)
        let phrase = "vår gemensamma paketfras\n"
        let bundle = offline.path("syd.bundle")
        #expect(try runKiosk(["export", "bundle", "-o", bundle], input: phrase + phrase, in: offline).status == 0)
        #expect(try runKiosk(["sync", "--server", server.kiosk, "--password-file", server.kioskPassword], in: online).status == 0)
        let load = try runKiosk(["server", "import", bundle, "--server", server.kiosk, "--password-file", server.kioskPassword], input: phrase, in: online)
        #expect(load.status == 0, "\(load.stderr)")
        #expect(load.stdout.contains("Paketet är inläst på servern."), "\(load.stdout)")
        let twice = try runKiosk(["server", "import", bundle, "--server", server.kiosk, "--password-file", server.kioskPassword], input: phrase, in: online)
        #expect(twice.status == 1 && twice.stderr.contains("redan inläst"), "\(twice.stderr)")
        // The coordinator's merge of both kiosks' bundles gives the same figures as the server.
        let onlineBundle = online.path("norr.bundle")
        #expect(try runKiosk(["export", "bundle", "-o", onlineBundle], input: phrase + phrase, in: online).status == 0)
        let coordinator = try Scratch()
        let merged = try runKiosk(["summary", "hark", "--json", "--by", "site", "--merge", onlineBundle, bundle], input: phrase, in: coordinator)
        let central = try runKiosk(["summary", "hark", "--json", "--by", "site", "--server", server.report, "--password-file", server.reportPassword],
                                   in: coordinator)
        #expect(merged.status == 0 && central.status == 0, "\(merged.stderr) \(central.stderr)")
        #expect(central.stdout == merged.stdout)
    }

    @Test func aPasswordFileOthersCanReadIsRefusedWithTheFix() throws {
        let scratch = try Scratch()
        let path = try scratch.write("secret-password\n", to: "open.pw")
        chmod(path, 0o644)
        let set = try runKiosk(["server", "set", "postgres://kiosk@db.example.org/nns", "--password-file", path, "--lang", "en"], in: scratch)
        #expect(set.status == 1)
        #expect(set.stderr.contains("chmod 600"), "\(set.stderr)")
    }
}
