import ArgumentParser
import Foundation
import GRDB
import KioskApp
import KioskCore
import KioskStore
import SeededRandom

/// Writes a database of completed interviews of the seven questions: a realistic mix of answers,
/// genders, age bands and sites over two years, with the scores and referrals the form's own rules give.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a data directory with N completed interviews of violence-seven.")
    @Option var interviews: Int = 1_000_000
    @Option var dataDir: String
    @Option var formsDir: String = "Questionnaires"
    @Option(help: "How many sites (default: twelve named ones).") var sites: Int?
    @Option var seed: UInt64 = 2026
    @Option(help: "Also write the true records as CSV here (for comparing disclosure control; never publish it).")
    var microdata: String?
    @Option(help: "Also write the same interviews one row per answer (the layout before schema v7) into this SQLite file, for sqlite3's reference GROUP BY.")
    var reference: String?

    func run() throws {
        let started = now()
        try Generator.generate(interviews: interviews, dataDirectory: URL(fileURLWithPath: dataDir), formsDirectory: URL(fileURLWithPath: formsDir),
                               siteCount: sites, seed: seed, microdata: microdata.map { URL(fileURLWithPath: $0) }, reference: reference)
        print("Generated \(interviews) interviews in \(format(now() - started, 1)) s")
    }
}

enum Generator {
    static let questions = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "asked-before"]

    static func generate(interviews count: Int, dataDirectory: URL, formsDirectory: URL, siteCount: Int? = nil, seed: UInt64 = 2026,
                         microdata: URL? = nil, reference: String? = nil) throws {
        var records = microdata.map { _ in "site,gender,age," + questions.joined(separator: ",") + "\n" }
        let form = try FormCatalog.form("violence-seven", in: formsDirectory)
        let store = try AnswerStore.open(directory: dataDirectory)
        // One real interview makes the store record the form version exactly as the kiosk does.
        let first = try store.beginInterview(form: form, language: .swedish, site: "Seed", day: Day(year: 2025, month: 1, day: 1))
        try store.abort(interview: first, day: Day(year: 2025, month: 1, day: 1))
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        let queue = try DatabaseQueue(path: store.path, configuration: config)
        try queue.write { db in try db.execute(sql: "DELETE FROM interview WHERE id = ?", arguments: [InterviewKey.key(first)]) }
        // The reference: the same interviews as plain rows, one per answer, for sqlite3's GROUP BY.
        let referenceQueue = try reference.map { path -> DatabaseQueue in
            try? FileManager.default.removeItem(atPath: path)
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE interview (id TEXT PRIMARY KEY NOT NULL, form_id TEXT NOT NULL, status TEXT NOT NULL, gender TEXT) WITHOUT ROWID;
                    CREATE TABLE answer (interview_id TEXT NOT NULL, question_id TEXT NOT NULL, value TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL,
                                         PRIMARY KEY (interview_id, question_id, value)) WITHOUT ROWID;
                    """)
            }
            return queue
        }
        var plainRows: [(id: String, gender: String, answers: [AnswerRow])] = []
        var random = SeededRandom(seed: seed)
        let hash = form.contentHash
        let named = ["Botkyrka", "Huddinge", "Nacka", "Norrtälje", "Sigtuna", "Solna", "Södertälje", "Täby", "Upplands Väsby", "Uppsala", "Västerås", "Örebro"]
        let sites = siteCount.map { n in (1...max(1, n)).map { "Site \($0)" } } ?? named
        let ages = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"]
        let yesShare = ["q1": 0.35, "q2": 0.2, "q3": 0.08, "q4": 0.1, "q5": 0.08, "q6": 0.25, "q7": 0.4]
        var usedCodes = Set<String>()
        let batch = 20_000
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            try queue.inTransaction { db in
                // Rows as the store writes them: one per interview, its answers and results packed.
                let version = try Int.fetchOne(db, sql: "SELECT id FROM form_version WHERE hash = ?", arguments: [hash]) ?? 0
                var terms = DatabaseTerms(db: db)
                var labels = DatabaseTerms(db: db, table: "label")
                let interview = try db.makeStatement(sql: """
                    INSERT INTO interview (id, version, language, site, organisation, month, status, gender, age_band, record_key, answers, results)
                    VALUES (?, ?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?)
                    """)
                // Level 1 urgent, 2 routine; origin 1 completed; status 1 open (as `ReferralRecord` stores them).
                let referral = try db.makeStatement(sql: "INSERT INTO referral (code, version, rule, level, origin, day, status) VALUES (?, ?, ?, ?, 1, ?, 1)")
                for _ in 0..<size {
                    let id = UUID().uuidString.lowercased()
                    let day = Day(year: 2025 + Int(random.next() % 2), month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))
                    var answers: Answers = [:]
                    for (question, share) in yesShare {
                        let roll = random.unit()
                        answers[question] = roll < 0.03 ? .declined : roll < 0.04 ? .dontKnow : roll < 0.04 + share ? .choice("yes") : .choice("no")
                    }
                    let asked = random.unit()
                    answers["asked-before"] = asked < 0.04 ? .skipped : asked < 0.40 ? .choice("yes") : .choice("no")
                    let g = random.unit()
                    let gender = g < 0.55 ? "kvinna" : g < 0.95 ? "man" : g < 0.98 ? "annan" : Answer.declinedCode
                    answers["gender"] = gender == Answer.declinedCode ? .declined : .choice(gender)
                    let a = random.unit()
                    let age = a < 0.02 ? nil : ages[Int(random.next() % UInt64(ages.count))]
                    answers["age"] = age.map(Answer.choice) ?? .declined
                    let site = sites[Int(random.next() % UInt64(sites.count))]
                    let assessment = form.assess(answers)
                    let rows = answers.keys.sorted().flatMap { question in
                        AnswerStore.rows(for: answers[question]!).map { AnswerRow(question: question, kind: $0.kind, value: $0.value) }
                    }
                    let results = InterviewResults(
                        scores: assessment.scores.map {
                            ScoreRow(id: $0.id, value: $0.value, answeredItems: $0.answeredItems, totalItems: $0.totalItems, band: $0.band)
                        },
                        fired: assessment.referrals.map(\.id))
                    // Each site's own förbund, as a kiosk with its organisation set labels its interviews.
                    if referenceQueue != nil { plainRows.append((id, gender, rows)) }
                    try interview.execute(arguments: [InterviewKey.key(id), version, "sv", try labels.number(site),
                                                      try labels.number("Samordningsförbundet \(site)"), Month(day).description,
                                                      gender, age ?? Answer.declinedCode, Int64(random.next() & 0xFFFF_FFFF),
                                                      try Packing.packAnswers(rows, terms: &terms), try Packing.packResults(results, terms: &terms)])
                    if records != nil {
                        let codes = questions.map { question -> String in
                            switch answers[question] {
                            case .choice(let code)?: return code
                            case .declined?: return Answer.declinedCode
                            case .dontKnow?: return Answer.dontKnowCode
                            default: return Answer.skippedCode
                            }
                        }
                        records! += ([site, gender, age ?? Answer.declinedCode] + codes).joined(separator: ",") + "\n"
                    }
                    for rule in assessment.referrals {
                        var code = ReferralCode.random(using: &random)
                        while !usedCodes.insert(code.value).inserted { code = ReferralCode.random(using: &random) }
                        try referral.execute(arguments: [code.value, version, try terms.number(rule.id), rule.level == .urgent ? 1 : 2, day.description])
                    }
                }
                return .commit
            }
            try referenceQueue?.inTransaction { db in
                let interview = try db.makeStatement(sql: "INSERT INTO interview VALUES (?, 'violence-seven', 'complete', ?)")
                let answer = try db.makeStatement(sql: "INSERT INTO answer VALUES (?, ?, ?, ?)")
                for row in plainRows {
                    try interview.execute(arguments: [row.id, row.gender])
                    for a in row.answers { try answer.execute(arguments: [row.id, a.question, a.value, a.kind]) }
                }
                return .commit
            }
            plainRows.removeAll(keepingCapacity: true)
            written += size
        }
        // Rows written past the store are counted as the store counts the interviews it completes.
        try store.rebuildTallies()
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "ANALYZE")
        }
        if let microdata, let records { try records.write(to: microdata, atomically: true, encoding: .utf8) }
    }
}
