import GRDB

/// The store's schema as named, ordered migrations. A shipped migration never changes; new ones are added.
enum Schema {
    /// The schema version this kiosk writes (`PRAGMA user_version`); a database with a higher one is
    /// from a newer kiosk and is left alone.
    static let version = 6

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
            try AnswerStore.adjustTallies(db, interviews: "1", arguments: [], sign: 1)
            try AnswerStore.adjustNotAskedTallies(db, records: "1", arguments: [], sign: 1)
        }
        return migrator
    }
}
