import GRDB

/// The store's schema as named, ordered migrations. A shipped migration never changes; new ones are added.
enum Schema {
    /// The schema version this kiosk writes (`PRAGMA user_version`); a database with a higher one is
    /// from a newer kiosk and is left alone.
    static let version = 7

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: forms, interviews, answers, scores, referrals") { db in
            // Every version of every form an interview was given with, as canonical JSON.
            try db.execute(sql: """
                CREATE TABLE form_version (
                    hash TEXT PRIMARY KEY NOT NULL,
                    form_id TEXT NOT NULL,
                    definition BLOB NOT NULL,
                    first_day TEXT NOT NULL
                );
                CREATE INDEX form_version_by_form ON form_version(form_id);

                -- One interview: no name, no identity number, no interviewer, the day only.
                CREATE TABLE interview (
                    id TEXT PRIMARY KEY NOT NULL,
                    form_id TEXT NOT NULL,
                    form_hash TEXT NOT NULL REFERENCES form_version(hash),
                    language TEXT NOT NULL,
                    site TEXT,
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    status TEXT NOT NULL CHECK (status IN ('in_progress', 'complete', 'aborted')),
                    -- Copies of the coarse breakdown answers, so summaries group without joins.
                    gender TEXT,
                    age_band TEXT
                );
                CREATE INDEX interview_by_form ON interview(form_id, status);

                -- Answers: one row per answer; a multiple-choice answer has one row per picked choice.
                -- (Key columns first: SQLite 3.40's integrity_check misreports NOT NULL columns placed
                -- before key columns of a WITHOUT ROWID table.)
                CREATE TABLE answer (
                    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
                    question_id TEXT NOT NULL,
                    value TEXT NOT NULL DEFAULT '',
                    kind TEXT NOT NULL CHECK (kind IN ('choice', 'number', 'text', 'declined', 'dont_know', 'skipped')),
                    PRIMARY KEY (interview_id, question_id, value)
                ) WITHOUT ROWID;

                CREATE TABLE score (
                    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
                    score_id TEXT NOT NULL,
                    value INTEGER NOT NULL,
                    answered_items INTEGER NOT NULL,
                    total_items INTEGER NOT NULL,
                    band TEXT,
                    PRIMARY KEY (interview_id, score_id)
                ) WITHOUT ROWID;

                CREATE TABLE referral (
                    code TEXT PRIMARY KEY NOT NULL,
                    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
                    form_id TEXT NOT NULL,
                    rule_id TEXT NOT NULL,
                    level TEXT NOT NULL CHECK (level IN ('urgent', 'routine')),
                    day TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                    outcome TEXT,
                    closed_day TEXT
                );
                CREATE INDEX referral_by_status ON referral(status, day);
                """)
        }
        migrator.registerMigration("v2: audit log and settings") { db in
            try db.execute(sql: """
                -- What staff did, on which day: never an answer, never a person.
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    day TEXT NOT NULL,
                    action TEXT NOT NULL,
                    detail TEXT
                );
                -- Kiosk settings such as the staff passphrase's hash.
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3: referrals without a link to answers, fired rules per interview, unscored scores") { db in
            try db.execute(sql: """
                -- A referral keeps what follow-up needs and nothing that leads to the interview's answers: no
                -- interview id, and no row order (WITHOUT ROWID, keyed by the random code).
                CREATE TABLE referral_v3 (
                    code TEXT PRIMARY KEY NOT NULL,
                    form_id TEXT NOT NULL,
                    form_hash TEXT NOT NULL REFERENCES form_version(hash),
                    rule_id TEXT NOT NULL,
                    level TEXT NOT NULL CHECK (level IN ('urgent', 'routine')),
                    origin TEXT NOT NULL CHECK (origin IN ('completed', 'unfinished')),
                    day TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                    outcome TEXT,
                    closed_day TEXT
                ) WITHOUT ROWID;
                INSERT INTO referral_v3 (code, form_id, form_hash, rule_id, level, origin, day, status, outcome, closed_day)
                    SELECT r.code, r.form_id, i.form_hash, r.rule_id, r.level, 'completed', r.day, r.status, r.outcome, r.closed_day
                    FROM referral r JOIN interview i ON i.id = r.interview_id;

                -- Which rules an interview's answers met: what summaries count (no referral code here).
                CREATE TABLE fired_rule (
                    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
                    rule_id TEXT NOT NULL,
                    PRIMARY KEY (interview_id, rule_id)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO fired_rule (interview_id, rule_id)
                    SELECT r.interview_id, r.rule_id FROM referral r JOIN interview i ON i.id = r.interview_id
                    WHERE i.status = 'complete';

                DROP TABLE referral;
                ALTER TABLE referral_v3 RENAME TO referral;
                CREATE INDEX referral_by_status ON referral(status, day);

                -- A score may be unscored (too few items answered): no value, no band.
                CREATE TABLE score_v3 (
                    interview_id TEXT NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
                    score_id TEXT NOT NULL,
                    value INTEGER,
                    answered_items INTEGER NOT NULL,
                    total_items INTEGER NOT NULL,
                    band TEXT,
                    PRIMARY KEY (interview_id, score_id)
                ) WITHOUT ROWID;
                INSERT INTO score_v3 SELECT interview_id, score_id, value, answered_items, total_items, band FROM score;
                DROP TABLE score;
                ALTER TABLE score_v3 RENAME TO score;
                """)
        }
        migrator.registerMigration("v4: interviews keep their month only, in no order, each with a record key; aborted answers deleted; not-asked records; the release log") { db in
            try db.execute(sql: """
                -- An interview keeps the month, not the day (a day would lead to the referral raised on it);
                -- an interview in progress keeps the day it was started, for staff, until it ends. Stored
                -- WITHOUT ROWID under its random id, so neither a row number nor the row order tells the
                -- order of the day. The record key (random, 0 … 2³²−1) makes the noise of every count it
                -- is part of (the Cell Key Method).
                CREATE TABLE interview_v4 (
                    id TEXT PRIMARY KEY NOT NULL,
                    form_id TEXT NOT NULL,
                    form_hash TEXT NOT NULL REFERENCES form_version(hash),
                    language TEXT NOT NULL,
                    site TEXT,
                    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    started_day TEXT CHECK (started_day IS NULL OR started_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    status TEXT NOT NULL CHECK (status IN ('in_progress', 'complete', 'aborted')),
                    gender TEXT,
                    age_band TEXT,
                    record_key INTEGER NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295)
                ) WITHOUT ROWID;
                INSERT INTO interview_v4 (id, form_id, form_hash, language, site, month, started_day, status, gender, age_band, record_key)
                    SELECT id, form_id, form_hash, language, site, substr(day, 1, 7),
                           CASE WHEN status = 'in_progress' THEN day END, status, gender, age_band, random() & 4294967295
                    FROM interview;
                -- An aborted interview is counted (started, not finished) without its answers.
                DELETE FROM answer WHERE interview_id IN (SELECT id FROM interview WHERE status = 'aborted');
                DELETE FROM score WHERE interview_id IN (SELECT id FROM interview WHERE status = 'aborted');
                DELETE FROM fired_rule WHERE interview_id IN (SELECT id FROM interview WHERE status = 'aborted');
                DROP TABLE interview;
                ALTER TABLE interview_v4 RENAME TO interview;
                CREATE INDEX interview_by_form ON interview(form_id, status, month);
                -- A version's first use: its month, not its day.
                UPDATE form_version SET first_day = substr(first_day, 1, 7);

                -- Staff recorded that the questions were not asked, and why: no answers, no person.
                CREATE TABLE not_asked (
                    id TEXT PRIMARY KEY NOT NULL,
                    form_id TEXT NOT NULL,
                    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    site TEXT,
                    reason TEXT NOT NULL CHECK (reason IN ('companion', 'no_interpreter', 'declined_to_start', 'other')),
                    gender TEXT,
                    record_key INTEGER NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295)
                ) WITHOUT ROWID;

                -- What was published: which form, split and months, and how many interviews each month had
                -- then, so that a new release that differs from an earlier one by a few interviews is refused.
                CREATE TABLE release (
                    id INTEGER PRIMARY KEY,
                    day TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    form_id TEXT NOT NULL,
                    split TEXT NOT NULL,
                    months TEXT NOT NULL
                );
                CREATE INDEX release_by_form ON release(form_id);
                """)
        }
        migrator.registerMigration("v5: the organisation (förbund) of each interview and not-asked record, and when the central server confirmed it") { db in
            try db.execute(sql: """
                -- The organisation the kiosk belongs to (a label, not a person), for the national picture.
                ALTER TABLE interview ADD COLUMN organisation TEXT;
                ALTER TABLE not_asked ADD COLUMN organisation TEXT;
                -- The month the central server confirmed it (NULL: not yet sent, or not confirmed). A month,
                -- not a day: a kiosk that syncs every evening would otherwise keep each interview's day.
                ALTER TABLE interview ADD COLUMN synced_month TEXT;
                ALTER TABLE not_asked ADD COLUMN synced_month TEXT;
                """)
        }
        migrator.registerMigration("v6: counts kept up to date as interviews complete, so a summary reads groups, not interviews") { db in
            try db.execute(sql: """
                -- One row per form version, month, split values, gender and counted thing (kind: interview, answer,
                -- asked, referral, score, unfinished, not_asked; item: question, rule, score or reason; value: the
                -- answer or score value; band: the score's band), with how many and the sum of their record keys.
                -- Keyed so that a summary without splits reads it in order, with no sort.
                CREATE TABLE tally (
                    form_id TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, value TEXT NOT NULL, band TEXT NOT NULL,
                    month TEXT NOT NULL, site TEXT NOT NULL, organisation TEXT NOT NULL, language TEXT NOT NULL,
                    age_band TEXT NOT NULL, gender TEXT NOT NULL, form_hash TEXT NOT NULL,
                    count INTEGER NOT NULL, key_sum INTEGER NOT NULL,
                    PRIMARY KEY (form_id, kind, item, value, band, gender, month, site, organisation, language, age_band, form_hash)
                ) WITHOUT ROWID;
                """)
            // Existing interviews and records are counted once, here.
            try Self.adjustTalliesV6(db, interviews: "1", arguments: [], sign: 1)
            try Self.adjustNotAskedTalliesV6(db, records: "1", arguments: [], sign: 1)
        }
        migrator.registerMigration("v7: an interview is one row, its answers and results packed; integer keys for form versions; 16-byte interview keys") { db in
            try db.execute(sql: """
                -- Question, choice, score, band and rule ids, numbered once: packed interviews refer to them by number.
                CREATE TABLE term (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE
                );
                -- The site and organisation labels of interviews, numbered (deleted when no interview has them).
                CREATE TABLE label (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE
                );
                -- Every version of every form, numbered: interviews, referrals and counts refer to the number.
                CREATE TABLE form_version_v7 (
                    id INTEGER PRIMARY KEY,
                    hash TEXT NOT NULL UNIQUE,
                    form_id TEXT NOT NULL,
                    definition BLOB NOT NULL,
                    first_day TEXT NOT NULL
                );
                INSERT INTO form_version_v7 (hash, form_id, definition, first_day)
                    SELECT hash, form_id, definition, first_day FROM form_version ORDER BY first_day, rowid;

                -- One interview in one row, still WITHOUT ROWID under its random id (the 16 bytes of its UUID),
                -- so neither a row number nor the row order tells the order of the day. Its answers and results
                -- (scores and the rules they met) are packed (`Packing`): about two bytes per answer. The site and
                -- organisation are label numbers, so long names cost nothing per interview.
                CREATE TABLE interview_v7 (
                    id BLOB PRIMARY KEY NOT NULL,
                    version INTEGER NOT NULL REFERENCES form_version_v7(id),
                    language TEXT NOT NULL,
                    site INTEGER REFERENCES label(id),
                    organisation INTEGER REFERENCES label(id),
                    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    started_day TEXT CHECK (started_day IS NULL OR started_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    status TEXT NOT NULL CHECK (status IN ('in_progress', 'complete', 'aborted')),
                    gender TEXT,
                    age_band TEXT,
                    record_key INTEGER NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295),
                    synced_month TEXT,
                    answers BLOB NOT NULL DEFAULT x'',
                    results BLOB NOT NULL DEFAULT x''
                ) WITHOUT ROWID;

                -- A referral names its form version by number and its rule by term number; level (1 urgent, 2 routine),
                -- origin (1 completed, 2 unfinished) and status (1 open, 2 closed) are small numbers. Still no link
                -- to the interview.
                CREATE TABLE referral_v7 (
                    code TEXT PRIMARY KEY NOT NULL,
                    version INTEGER NOT NULL REFERENCES form_version_v7(id),
                    rule INTEGER NOT NULL REFERENCES term(id),
                    level INTEGER NOT NULL CHECK (level IN (1, 2)),
                    origin INTEGER NOT NULL CHECK (origin IN (1, 2)),
                    day TEXT NOT NULL,
                    status INTEGER NOT NULL DEFAULT 1 CHECK (status IN (1, 2)),
                    outcome TEXT,
                    closed_day TEXT
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO term (text) SELECT DISTINCT rule_id FROM referral;
                INSERT INTO referral_v7 (code, version, rule, level, origin, day, status, outcome, closed_day)
                    SELECT r.code, v.id, (SELECT id FROM term WHERE text = r.rule_id),
                           CASE r.level WHEN 'urgent' THEN 1 ELSE 2 END, CASE r.origin WHEN 'completed' THEN 1 ELSE 2 END,
                           r.day, CASE r.status WHEN 'open' THEN 1 ELSE 2 END, r.outcome, r.closed_day
                    FROM referral r JOIN form_version_v7 v ON v.hash = r.form_hash;

                -- The kept counts name the form version by number (0: none, for not-asked records).
                CREATE TABLE tally_v7 (
                    form_id TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, value TEXT NOT NULL, band TEXT NOT NULL,
                    month TEXT NOT NULL, site TEXT NOT NULL, organisation TEXT NOT NULL, language TEXT NOT NULL,
                    age_band TEXT NOT NULL, gender TEXT NOT NULL, version INTEGER NOT NULL,
                    count INTEGER NOT NULL, key_sum INTEGER NOT NULL,
                    PRIMARY KEY (form_id, kind, item, value, band, gender, month, site, organisation, language, age_band, version)
                ) WITHOUT ROWID;
                INSERT INTO tally_v7 (form_id, kind, item, value, band, month, site, organisation, language, age_band, gender, version, count, key_sum)
                    SELECT t.form_id, t.kind, t.item, t.value, t.band, t.month, t.site, t.organisation, t.language, t.age_band, t.gender,
                           COALESCE(v.id, 0), t.count, t.key_sum
                    FROM tally t LEFT JOIN form_version_v7 v ON v.hash = t.form_hash;
                """)
            try Self.packInterviews(db)
            try db.execute(sql: """
                DROP TABLE answer;
                DROP TABLE score;
                DROP TABLE fired_rule;
                DROP TABLE referral;
                DROP TABLE interview;
                DROP TABLE tally;
                DROP TABLE form_version;
                ALTER TABLE form_version_v7 RENAME TO form_version;
                ALTER TABLE interview_v7 RENAME TO interview;
                ALTER TABLE referral_v7 RENAME TO referral;
                ALTER TABLE tally_v7 RENAME TO tally;
                CREATE INDEX form_version_by_form ON form_version(form_id);
                -- Start-up looks for interviews in progress (a handful), never scanning the finished ones.
                CREATE INDEX interview_in_progress ON interview(status) WHERE status = 'in_progress';
                """)
        }
        return migrator
    }

    /// v7: each interview's answer, score and fired-rule rows packed into its new row.
    private static func packInterviews(_ db: Database) throws {
        var terms = DatabaseTerms(db: db)
        var labels = DatabaseTerms(db: db, table: "label")
        let insert = try db.makeStatement(sql: """
            INSERT INTO interview_v7 (id, version, language, site, organisation, month, started_day, status, gender, age_band,
                                      record_key, synced_month, answers, results)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let answers = try db.makeStatement(sql: "SELECT question_id, kind, value FROM answer WHERE interview_id = ? ORDER BY question_id, value")
        let scores = try db.makeStatement(sql: "SELECT score_id, value, answered_items, total_items, band FROM score WHERE interview_id = ? ORDER BY score_id")
        let fired = try db.makeStatement(sql: "SELECT rule_id FROM fired_rule WHERE interview_id = ? ORDER BY rule_id")
        let interviews = try Row.fetchAll(db, sql: """
            SELECT i.id, v.id AS version, i.language, i.site, i.organisation, i.month, i.started_day, i.status, i.gender, i.age_band,
                   i.record_key, i.synced_month
            FROM interview i JOIN form_version_v7 v ON v.hash = i.form_hash
            """)
        for row in interviews {
            let id: String = row["id"]
            let answerRows = try Row.fetchAll(answers, arguments: [id]).map {
                AnswerRow(question: $0["question_id"], kind: $0["kind"], value: $0["value"])
            }
            let results = InterviewResults(
                scores: try Row.fetchAll(scores, arguments: [id]).map {
                    ScoreRow(id: $0["score_id"], value: $0["value"], answeredItems: $0["answered_items"], totalItems: $0["total_items"], band: $0["band"])
                },
                fired: try String.fetchAll(fired, arguments: [id]))
            try insert.execute(arguments: [
                InterviewKey.key(id), row["version"], row["language"],
                try (row["site"] as String?).map { try labels.number($0) }, try (row["organisation"] as String?).map { try labels.number($0) },
                row["month"], row["started_day"],
                row["status"], row["gender"], row["age_band"], row["record_key"], row["synced_month"],
                try Packing.packAnswers(answerRows, terms: &terms), try Packing.packResults(results, terms: &terms),
            ])
        }
    }
}
