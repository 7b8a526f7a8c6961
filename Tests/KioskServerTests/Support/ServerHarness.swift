import Foundation
import KioskApp
import KioskCore
@testable import KioskServer
import KioskStore
import KioskTestSupport
import SeededRandom
import TestPostgres
import Testing

/// Whether the server tests can run here (PostgreSQL installed); CI installs it.
let serverAvailable = PostgresCluster.shared != nil

/// A database of its own on the test cluster, with the kiosk schema, and login users.
struct ServerHarness {
    let cluster: PostgresCluster
    let database: String

    init(initialized: Bool = true, cluster: PostgresCluster? = nil) async throws {
        // The kiosk's words (summaries name "not stated" and the like), as the kiosk installs them at start.
        ShippedLanguages.install()
        self.cluster = try #require(cluster ?? PostgresCluster.shared, "\(PostgresCluster.unavailableReason)")
        database = try self.cluster.makeDatabase()
        if initialized {
            _ = try await ServerConnection.with(try adminAddress, password: self.cluster.superuserPassword) { admin in
                try await ServerSetup.initialize(admin)
            }
        }
    }

    var adminAddress: ServerAddress { get throws { try ServerAddress(cluster.adminURL(database)) } }

    func admin() async throws -> ServerConnection {
        try await ServerConnection.open(try adminAddress, password: cluster.superuserPassword)
    }

    /// A new login user of `kind`, and its address and password.
    func user(_ kind: ServerSetup.UserKind) async throws -> (address: ServerAddress, password: String) {
        let name = "\(kind.rawValue)_\(UUID().uuidString.prefix(8).lowercased())"
        let password = "pw-\(UUID().uuidString)"
        try await ServerConnection.with(try adminAddress, password: cluster.superuserPassword) { admin in
            try await ServerSetup.addUser(name, kind: kind, password: password, connection: admin)
        }
        return (try ServerAddress("postgres://\(name)@127.0.0.1:\(cluster.port)/\(database)?sslmode=disable"), password)
    }

    func connect(_ user: (address: ServerAddress, password: String)) async throws -> ServerConnection {
        try await ServerConnection.open(user.address, password: user.password)
    }

    /// Rows of a query as the superuser.
    func count(_ sql: String) throws -> Int {
        Int(try cluster.psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// A kiosk's local store in a temporary folder.
final class KioskStoreFixture {
    let url: URL
    let store: AnswerStore

    init(organisation: String? = nil) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-server-test-\(UUID().uuidString)")
        store = try AnswerStore.open(directory: url.appendingPathComponent("data"))
        if let organisation { try store.setSetting(AnswerStore.organisationKey, to: organisation, day: testDay) }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

let testDay = Day(year: 2026, month: 11, day: 25)

/// The repository's shipped forms.
let shippedFormsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Questionnaires")

func shippedForm(_ id: String) throws -> Questionnaire {
    try FormCatalog.form(id, in: shippedFormsDirectory)
}

/// Stores `count` completed interviews of the seven questions (and a few aborted ones and not-asked
/// records), with answers drawn from `random`.
func fillSevenQuestions(_ store: AnswerStore, count: Int, site: String, random: inout SeededRandom) throws {
    let form = try shippedForm("violence-seven")
    let ages = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    for index in 0..<count {
        var answers: Answers = [:]
        for question in ["q1", "q2", "q3", "q4", "q5", "q6", "q7"] {
            let roll = random.unit()
            answers[question] = roll < 0.04 ? .declined : roll < 0.3 ? .choice("yes") : .choice("no")
        }
        answers["asked-before"] = random.unit() < 0.4 ? .choice("yes") : .choice("no")
        let g = random.unit()
        answers["gender"] = g < 0.55 ? .choice("kvinna") : g < 0.93 ? .choice("man") : g < 0.97 ? .choice("annan") : .declined
        answers["age"] = .choice(ages[Int(random.next() % 6)])
        let day = Day(year: 2026, month: 1 + Int(random.next() % 10), day: 1 + Int(random.next() % 28))
        let id = try store.beginInterview(form: form, language: .swedish, site: site, day: day)
        try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
        if index % 17 == 16 {
            try store.abort(interview: id, day: day)
        } else {
            _ = try store.complete(interview: id, assessment: form.assess(answers), form: form, day: day)
        }
        if index % 23 == 0 {
            try store.recordNotAsked(formID: form.id, reason: .companion, gender: index % 2 == 0 ? "man" : "kvinna", site: site, day: day)
        }
    }
}
