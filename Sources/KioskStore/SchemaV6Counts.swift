import GRDB

/// The v6 migration's count of an existing database, on the schema of v6 (answer, score and fired-rule rows,
/// text form-version hashes). Frozen with that migration: later schemas count in `Tallies.swift`.
extension Schema {
    /// The columns of an interview (`i`) its counts are kept under, in the order of the tally's key.
    static let interviewDimensionsV6 =
        "i.form_id, i.form_hash, i.month, COALESCE(i.site, ''), COALESCE(i.organisation, ''), i.language, COALESCE(i.age_band, ''), COALESCE(i.gender, '')"
    static let tallyColumnsV6 = "kind, item, value, band, form_id, form_hash, month, site, organisation, language, age_band, gender, count, key_sum"
    static let upsertV6 = """
        ON CONFLICT (form_id, kind, item, value, band, gender, month, site, organisation, language, age_band, form_hash)
        DO UPDATE SET count = tally.count + excluded.count,
                      key_sum = ((tally.key_sum + excluded.key_sum) % 4294967296 + 4294967296) % 4294967296
        """

    /// Adds (`sign` 1) or takes away (−1) the counts of the interviews `filter` selects (SQL over `i`, with
    /// `arguments`): completed ones with their answers, "asked", fired rules and scores; aborted ones as
    /// started and not finished. In the caller's transaction.
    static func adjustTalliesV6(_ db: Database, interviews filter: String, arguments: [DatabaseValueConvertible?], sign: Int) throws {
        let dims = interviewDimensionsV6
        let groups = "i.form_id, i.form_hash, i.month, i.site, i.organisation, i.language, i.age_band, i.gender"
        let weight = "* \(sign)"
        let statements = [
            // Completed interviews.
            "SELECT 'interview', '', '', '', \(dims), COUNT(*) \(weight), SUM(i.record_key) \(weight) FROM interview i WHERE i.status = 'complete' AND (\(filter)) GROUP BY \(groups)",
            // Their answers, by answer (a choice code or number, or declined, don't know, skipped); free text never.
            """
            SELECT 'answer', a.question_id, CASE WHEN a.kind IN ('choice', 'number') THEN COALESCE(a.value, '') ELSE a.kind END, '', \(dims),
                   COUNT(*) \(weight), SUM(i.record_key) \(weight)
            FROM answer a JOIN interview i ON i.id = a.interview_id
            WHERE i.status = 'complete' AND a.kind != 'text' AND (\(filter))
            GROUP BY a.question_id, 3, \(groups)
            """,
            // Interviews that answered each question at all (once, however many choices).
            """
            SELECT 'asked', i.question_id, '', '', \(dims), COUNT(*) \(weight), SUM(i.record_key) \(weight)
            FROM (SELECT DISTINCT a.question_id, i.id, i.form_id, i.form_hash, i.month, i.site, i.organisation, i.language,
                                  i.age_band, i.gender, i.record_key
                  FROM answer a JOIN interview i ON i.id = a.interview_id
                  WHERE i.status = 'complete' AND (\(filter))) i
            WHERE 1
            GROUP BY i.question_id, \(groups)
            """,
            """
            SELECT 'referral', r.rule_id, '', '', \(dims), COUNT(*) \(weight), SUM(i.record_key) \(weight)
            FROM fired_rule r JOIN interview i ON i.id = r.interview_id
            WHERE i.status = 'complete' AND (\(filter))
            GROUP BY r.rule_id, \(groups)
            """,
            // Scores by value and band ('' for none: an unscored score has neither).
            """
            SELECT 'score', s.score_id, COALESCE(CAST(s.value AS TEXT), ''), COALESCE(s.band, ''), \(dims), COUNT(*) \(weight), SUM(i.record_key) \(weight)
            FROM score s JOIN interview i ON i.id = s.interview_id
            WHERE i.status = 'complete' AND (\(filter))
            GROUP BY s.score_id, 3, 4, \(groups)
            """,
            // Started and not finished.
            "SELECT 'unfinished', '', '', '', \(dims), COUNT(*) \(weight), SUM(i.record_key) \(weight) FROM interview i WHERE i.status = 'aborted' AND (\(filter)) GROUP BY \(groups)",
        ]
        for select in statements {
            try db.execute(sql: "INSERT INTO tally (\(tallyColumnsV6)) \(select) \(upsertV6)", arguments: StatementArguments(arguments))
        }
        if sign < 0 { try db.execute(sql: "DELETE FROM tally WHERE count = 0") }
    }

    /// The same for records that the questions were not asked (`n`): by reason, with no version, language
    /// or age band.
    static func adjustNotAskedTalliesV6(_ db: Database, records filter: String, arguments: [DatabaseValueConvertible?], sign: Int) throws {
        try db.execute(sql: """
            INSERT INTO tally (\(tallyColumnsV6))
            SELECT 'not_asked', n.reason, '', '', n.form_id, '', n.month, COALESCE(n.site, ''), COALESCE(n.organisation, ''), '', '',
                   COALESCE(n.gender, ''), COUNT(*) * \(sign), SUM(n.record_key) * \(sign)
            FROM not_asked n WHERE (\(filter))
            GROUP BY n.reason, n.form_id, n.month, n.site, n.organisation, n.gender
            \(upsertV6)
            """, arguments: StatementArguments(arguments))
        if sign < 0 { try db.execute(sql: "DELETE FROM tally WHERE count = 0") }
    }

}
