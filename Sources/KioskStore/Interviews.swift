import Foundation
import GRDB
import KioskCore

extension AnswerStore {
    /// Starts a stored interview with `form` (recording this version of the form) and returns its id.
    public func beginInterview(form: Questionnaire, language: Language, site: String?, day: Day) throws(StoreError) -> String {
        let id = UUID().uuidString.lowercased()
        let hash = form.contentHash
        let definition = form.canonicalDefinition
        // The lock comes first: another kiosk must never see this interview in progress and unlocked.
        guard try claim(id) else { throw StoreError.lockFailed(path: lockPath(id), reason: "already locked") }
        var generator = SystemRandomNumberGenerator()
        let recordKey = Int64(UInt32.random(in: .min ... .max, using: &generator))
        try write { db in
            let version = try Self.versionNumber(db, hash: hash, formID: form.id, definition: definition, day: day)
            let organisation = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.organisationKey])
            var labels = DatabaseTerms(db: db, table: "label")
            try db.execute(sql: """
                INSERT INTO interview (id, version, language, site, organisation, month, started_day, status, record_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'in_progress', ?)
                """, arguments: [InterviewKey.key(id), version, language.rawValue, try site.map { try labels.number($0) },
                                 try organisation.map { try labels.number($0) }, Month(day).description,
                                 day.description, recordKey])
        }
        return id
    }

    /// The number of the stored form version `hash`, storing it first if it is new.
    static func versionNumber(_ db: Database, hash: String, formID: String, definition: Data, day: Day) throws -> Int {
        if let number = try Int.fetchOne(db, sql: "SELECT id FROM form_version WHERE hash = ?", arguments: [hash]) { return number }
        try db.execute(sql: "INSERT INTO form_version (hash, form_id, definition, first_day) VALUES (?, ?, ?, ?)",
                       arguments: [hash, formID, definition, Month(day).description])
        return Int(db.lastInsertedRowID)
    }

    /// Stores answer changes of an in-progress interview in one transaction; on return they are on disk.
    public func save(_ changes: [Interview.AnswerChange], interview id: String, form: Questionnaire) throws(StoreError) {
        // Runs once per answer while the participant waits: statements are compiled once per connection,
        // only the status and the packed answers are read, and only the words they use, so the commit costs
        // little more than its fsync (see BENCHMARKS.md).
        let key = InterviewKey.key(id)
        try write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT status, answers FROM interview WHERE id = ?"), arguments: [key]),
                  row[0] == InterviewStatus.inProgress.rawValue else {
                throw StoreError.notFound("the interview in progress")
            }
            var terms = TermLookup(db)
            var rows = try Packing.unpackAnswers(row[1] ?? Data(), terms: terms)
            for change in changes {
                switch change {
                case .saved(let questionID, let answer):
                    rows.removeAll { $0.question == questionID }
                    rows += Self.rows(for: answer).map { AnswerRow(question: questionID, kind: $0.kind, value: $0.value) }
                    try updateBreakdown(db, interview: key, question: form.question(questionID), answer: answer)
                case .removed(let questionID):
                    rows.removeAll { $0.question == questionID }
                    try updateBreakdown(db, interview: key, question: form.question(questionID), answer: nil)
                }
            }
            try db.cachedStatement(sql: "UPDATE interview SET answers = ? WHERE id = ?")
                .execute(arguments: [try Packing.packAnswers(rows, terms: &terms), key])
        }
    }

    /// Marks an interview complete with its scores and the rules its answers met, and issues a referral
    /// code per rule, all in one transaction.
    public func complete(interview id: String, assessment: Assessment, form: Questionnaire, day: Day) throws(StoreError) -> [IssuedReferral] {
        let key = InterviewKey.key(id)
        let issued = try write { db in
            guard let record = try InterviewRecord.fetch(db, id: id), record.status == .inProgress else {
                throw StoreError.notFound("the interview in progress")
            }
            let results = InterviewResults(
                scores: assessment.scores.map {
                    ScoreRow(id: $0.id, value: $0.value, answeredItems: $0.answeredItems, totalItems: $0.totalItems, band: $0.band)
                },
                fired: Array(Set(assessment.referrals.map(\.id))).sorted())
            var terms = DatabaseTerms(db: db)
            let packed = try Packing.packResults(results, terms: &terms)
            let issued = try Self.issueReferrals(db, assessment.referrals, formHash: record.formHash, form: form, origin: .completed, day: day)
            // Once finished, the interview keeps its month only.
            try db.execute(sql: "UPDATE interview SET status = 'complete', started_day = NULL, results = ? WHERE id = ?", arguments: [packed, key])
            try Self.adjustTallies(db, interviews: "i.id = ?", arguments: [key], sign: 1)
            return issued
        }
        finishLock(id)
        clearWriteAheadLog()
        return issued
    }

    /// Issues a fresh code per rule, for the form version `formHash`.
    static func issueReferrals(_ db: Database, _ rules: [ReferralRule], formHash: String, form: Questionnaire,
                               origin: ReferralOrigin, day: Day) throws -> [IssuedReferral] {
        var issued: [IssuedReferral] = []
        for rule in rules {
            var code = ReferralCode.random()
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM referral WHERE code = ?", arguments: [code.value]) != nil {
                code = ReferralCode.random()
            }
            var terms = DatabaseTerms(db: db)
            try db.execute(sql: """
                INSERT INTO referral (code, version, rule, level, origin, day, status)
                VALUES (?, (SELECT id FROM form_version WHERE hash = ?), ?, ?, ?, ?, ?)
                """, arguments: [code.value, formHash, try terms.number(rule.id), ReferralRecord.code(rule.level), ReferralRecord.code(origin),
                                 day.description, ReferralRecord.code(ReferralStatus.open)])
            issued.append(IssuedReferral(code: code, rule: rule, origin: origin))
        }
        return issued
    }

    /// Marks an in-progress interview aborted and raises the referrals its answers already decided
    /// (`raising`, from ``Questionnaire/certainReferrals(given:)``), then deletes its answers, in one
    /// transaction: an aborted interview is counted as started and not finished, with no answers.
    @discardableResult
    public func abort(interview id: String, raising rules: [ReferralRule] = [], form: Questionnaire? = nil,
                      day: Day) throws(StoreError) -> [IssuedReferral] {
        let issued = try write { db -> [IssuedReferral] in
            guard let record = try InterviewRecord.fetch(db, id: id), record.status == .inProgress else { return [] }
            let issued = try form.map { try Self.issueReferrals(db, rules, formHash: record.formHash, form: $0, origin: .unfinished, day: day) } ?? []
            let key = InterviewKey.key(id)
            try db.execute(sql: """
                UPDATE interview SET status = 'aborted', started_day = NULL, answers = x'', results = x''
                WHERE id = ? AND status = 'in_progress'
                """, arguments: [key])
            try Self.adjustTallies(db, interviews: "i.id = ?", arguments: [key], sign: 1)
            return issued
        }
        finishLock(id)
        clearWriteAheadLog()
        return issued
    }

    /// Deletes an in-progress interview and everything stored with it (staff chose to discard it after a
    /// crash or pause), noting that in the audit log. The referrals its answers already decided (`raising`)
    /// are issued first in the same transaction and are kept. Only for interviews this store holds the lock of.
    @discardableResult
    public func discard(interview id: String, raising rules: [ReferralRule] = [], form: Questionnaire? = nil,
                        day: Day) throws(StoreError) -> [IssuedReferral] {
        guard locks.withLock({ $0[id] != nil }) else { throw StoreError.notFound("the interview to discard") }
        let issued = try write { db -> [IssuedReferral] in
            var issued: [IssuedReferral] = []
            if let form, let record = try InterviewRecord.fetch(db, id: id), record.status == .inProgress {
                issued = try Self.issueReferrals(db, rules, formHash: record.formHash, form: form, origin: .unfinished, day: day)
            }
            try db.execute(sql: "DELETE FROM interview WHERE id = ? AND status = 'in_progress'", arguments: [InterviewKey.key(id)])
            // A label only the discarded interview had goes with it.
            try db.execute(sql: """
                DELETE FROM label WHERE NOT EXISTS (SELECT 1 FROM interview WHERE site = label.id OR organisation = label.id)
                """)
            try Self.appendAudit(db, .interviewDiscarded, detail: nil, day: day)
            return issued
        }
        finishLock(id)
        clearWriteAheadLog()
        return issued
    }

    /// Copies the write-ahead log into the database and empties it, so the pages of what was just deleted
    /// do not linger in the `-wal` file (secure_delete has already zeroed them in the new pages). Best
    /// effort and without waiting: while another kiosk reads, the log stays until a later checkpoint.
    func clearWriteAheadLog() {
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)") }
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// How many answers an interview has (for describing it without showing them).
    public func answerCount(of id: String) throws(StoreError) -> Int {
        try read { db in
            let packed = try Data.fetchOne(db, sql: "SELECT answers FROM interview WHERE id = ?", arguments: [InterviewKey.key(id)])
            return try Set(Packing.unpackAnswers(packed ?? Data(), terms: TermLookup(db)).map(\.question)).count
        }
    }

    /// The stored interviews, optionally of one status, in no particular order.
    public func interviews(status: InterviewStatus? = nil) throws(StoreError) -> [InterviewRecord] {
        try read { db in
            // Plain SQL: this runs at every start-up, and the query builder costs more than the query.
            if let status {
                // The status as a literal (one of three fixed words), so that SQLite can use the partial index of
                // interviews in progress: start-up reads those without scanning the finished ones.
                return try InterviewRecord.fetchAll(db, sql: "\(InterviewRecord.select) WHERE i.status = '\(status.rawValue)'")
            }
            return try InterviewRecord.fetchAll(db, sql: InterviewRecord.select)
        }
    }

    /// The stored interview with `id`.
    public func interview(_ id: String) throws(StoreError) -> InterviewRecord? {
        try read { db in try InterviewRecord.fetch(db, id: id) }
    }

    /// The stored answers of an interview.
    public func answers(of id: String) throws(StoreError) -> Answers {
        try read { db in
            var grouped: [String: [(kind: String, value: String)]] = [:]
            let packed = try Data.fetchOne(db, sql: "SELECT answers FROM interview WHERE id = ?", arguments: [InterviewKey.key(id)])
            for row in try Packing.unpackAnswers(packed ?? Data(), terms: TermLookup(db)) {
                grouped[row.question, default: []].append((row.kind, row.value))
            }
            var answers: Answers = [:]
            for (questionID, rows) in grouped {
                answers[questionID] = Self.answer(from: rows, multiple: rows.count > 1)
            }
            return answers
        }
    }

    /// The stored answers of an interview, read back for a form (so a multiple-choice answer with one
    /// choice is read as such).
    public func answers(of id: String, form: Questionnaire) throws(StoreError) -> Answers {
        var answers = try answers(of: id)
        for (questionID, answer) in answers {
            if case .multipleChoice(let choices) = form.question(questionID)?.kind {
                let picked = Set(answer.choiceCodes)
                guard !picked.isEmpty else { continue }
                // In the form's order; codes the form no longer has keep their place at the end.
                answers[questionID] = .choices(choices.map(\.code).filter(picked.contains)
                    + picked.subtracting(choices.map(\.code)).sorted())
            }
        }
        return answers
    }

    /// The scores stored for a completed interview.
    public func scores(of id: String) throws(StoreError) -> [ScoreResult] {
        try read { db in
            let packed = try Data.fetchOne(db, sql: "SELECT results FROM interview WHERE id = ?", arguments: [InterviewKey.key(id)])
            return try Packing.unpackResults(packed ?? Data(), terms: TermLookup(db)).scores.sorted { $0.id < $1.id }.map {
                ScoreResult(id: $0.id, value: $0.value, answeredItems: $0.answeredItems, totalItems: $0.totalItems, band: $0.band)
            }
        }
    }

    /// The form version an interview was given with.
    public func formVersion(hash: String) throws(StoreError) -> Questionnaire? {
        let data: Data? = try read { db in
            try Data.fetchOne(db, sql: "SELECT definition FROM form_version WHERE hash = ?", arguments: [hash])
        }
        guard let data else { return nil }
        return try? Questionnaire.fromCanonicalDefinition(data)
    }

    /// Every stored version of a form, oldest first.
    public func formVersions(formID: String) throws(StoreError) -> [Questionnaire] {
        let definitions: [Data] = try read { db in
            try Data.fetchAll(db, sql: "SELECT definition FROM form_version WHERE form_id = ? ORDER BY first_day, hash", arguments: [formID])
        }
        return definitions.compactMap { try? Questionnaire.fromCanonicalDefinition($0) }
    }

    /// Every stored version of a form with its hash and the day it was first used, oldest first.
    public func formVersionList(formID: String) throws(StoreError) -> [(hash: String, firstDay: String, interviews: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.hash AS hash, v.first_day AS day, COUNT(i.id) AS n FROM form_version v
                LEFT JOIN interview i ON i.version = v.id
                WHERE v.form_id = ? GROUP BY v.id ORDER BY v.first_day, v.id
                """, arguments: [formID]).map { ($0["hash"], $0["day"], $0["n"]) }
        }
    }

    // MARK: Encoding answers

    package static func rows(for answer: Answer) -> [(kind: String, value: String)] {
        switch answer {
        case .choice(let code): return [("choice", code)]
        case .choices(let codes): return codes.map { ("choice", $0) }
        case .number(let n): return [("number", String(n))]
        case .text(let text): return [("text", text)]
        case .declined: return [("declined", "")]
        case .dontKnow: return [("dont_know", "")]
        case .skipped: return [("skipped", "")]
        }
    }

    public static func answer(from rows: [(kind: String, value: String)], multiple: Bool) -> Answer? {
        guard let first = rows.first else { return nil }
        switch first.kind {
        case "choice": return multiple ? .choices(rows.map(\.value).sorted()) : .choice(first.value)
        case "number": return Int(first.value).map(Answer.number)
        case "text": return .text(first.value)
        case "declined": return .declined
        case "dont_know": return .dontKnow
        case "skipped": return .skipped
        default: return nil
        }
    }

    private func updateBreakdown(_ db: Database, interview key: Data, question: Question?, answer: Answer?) throws {
        guard let question, let breakdown = question.breakdown else { return }
        let value: String?
        switch answer {
        case .choice(let code)?: value = code
        case .declined?: value = Answer.declinedCode
        case .dontKnow?: value = Answer.dontKnowCode
        default: value = nil
        }
        let column = breakdown == .gender ? "gender" : "age_band"
        try db.cachedStatement(sql: "UPDATE interview SET \(column) = ? WHERE id = ?").execute(arguments: [value, key])
    }
}

extension AnswerStore {
    /// Records that the questions of a form were not asked, why, and the participant's gender (a code, or
    /// `declined` when not told): no answers, no person, the month only.
    public func recordNotAsked(formID: String, reason: Coverage, gender: String?, site: String?, day: Day) throws(StoreError) {
        guard reason != .unfinished else { return }
        var generator = SystemRandomNumberGenerator()
        let key = Int64(UInt32.random(in: .min ... .max, using: &generator))
        try write { db in
            let organisation = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.organisationKey])
            let id = UUID().uuidString.lowercased()
            try db.execute(
                sql: "INSERT INTO not_asked (id, form_id, month, site, organisation, reason, gender, record_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, formID, Month(day).description, site, organisation, reason.rawValue, gender, key])
            try Self.adjustNotAskedTallies(db, records: "n.id = ?", arguments: [id], sign: 1)
        }
        clearWriteAheadLog()
    }
}
