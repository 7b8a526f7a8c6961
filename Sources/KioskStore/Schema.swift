import GRDB

/// The store's schema as named, ordered migrations. A shipped migration never changes; new ones are added.
enum Schema {
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
        return migrator
    }
}
