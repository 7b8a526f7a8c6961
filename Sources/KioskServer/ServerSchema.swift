/// The central store's schema in PostgreSQL: named, ordered migrations, each run once in its own
/// transaction and noted in `kiosk.schema_migration`.
///
/// Two group roles, which login roles are made members of (`kiosk server add-user`):
/// - `kiosk_submitter` can only hand in: it executes the `submit_*` functions (which insert, and answer
///   only how many rows were new) and cannot read any table or view, not even what it sent;
/// - `kiosk_reporter` can only read counts: views that group (every count with the sum of its record
///   keys, for the Cell Key Method), the form definitions, and the release log it adds to.
public enum ServerSchema {
    public struct Migration: Sendable {
        public var id: Int
        public var name: String
        public var sql: String
    }

    public static let submitterRole = "kiosk_submitter"
    public static let reporterRole = "kiosk_reporter"

    /// The newest schema this kiosk knows.
    public static var version: Int { migrations.map(\.id).max() ?? 0 }

    public static let migrations: [Migration] = [
        Migration(id: 1, name: "tables, roles, hand-in functions and count views", sql: #"""
            -- Roles belong to the whole PostgreSQL server: another database (or another init at the same
            -- moment) may have made them already.
            DO $$ BEGIN
                BEGIN CREATE ROLE kiosk_submitter NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
                BEGIN CREATE ROLE kiosk_reporter NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
            END $$;
            REVOKE ALL ON SCHEMA kiosk FROM PUBLIC;
            GRANT USAGE ON SCHEMA kiosk TO kiosk_submitter, kiosk_reporter;

            CREATE TABLE kiosk.form_version (
                form_hash text PRIMARY KEY,
                form_id text NOT NULL,
                definition text NOT NULL,
                first_month text NOT NULL
            );
            CREATE TABLE kiosk.interview (
                id uuid PRIMARY KEY,
                form_hash text NOT NULL REFERENCES kiosk.form_version,
                form_id text NOT NULL,
                language text NOT NULL,
                organisation text,
                site text,
                month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-1][0-9]$'),
                status text NOT NULL CHECK (status IN ('complete', 'aborted')),
                gender text,
                age_band text,
                record_key bigint NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295)
            );
            CREATE INDEX interview_by_form ON kiosk.interview (form_id, status, month);
            CREATE TABLE kiosk.answer (
                interview_id uuid NOT NULL REFERENCES kiosk.interview ON DELETE CASCADE,
                question_id text NOT NULL,
                value text NOT NULL DEFAULT '',
                kind text NOT NULL CHECK (kind IN ('choice', 'number', 'declined', 'dont_know', 'skipped')),
                PRIMARY KEY (interview_id, question_id, value)
            );
            CREATE TABLE kiosk.score (
                interview_id uuid NOT NULL REFERENCES kiosk.interview ON DELETE CASCADE,
                score_id text NOT NULL,
                value integer,
                band text,
                answered_items integer NOT NULL,
                PRIMARY KEY (interview_id, score_id)
            );
            CREATE TABLE kiosk.fired_rule (
                interview_id uuid NOT NULL REFERENCES kiosk.interview ON DELETE CASCADE,
                rule_id text NOT NULL,
                PRIMARY KEY (interview_id, rule_id)
            );
            CREATE TABLE kiosk.not_asked (
                id uuid PRIMARY KEY,
                form_id text NOT NULL,
                organisation text,
                site text,
                month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-1][0-9]$'),
                reason text NOT NULL CHECK (reason IN ('companion', 'no_interpreter', 'declined_to_start', 'other')),
                gender text,
                record_key bigint NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295)
            );
            -- Counts from bundles of kiosks that never see a network, in the shape of the views below.
            CREATE TABLE kiosk.imported_bundle (
                bundle_id text PRIMARY KEY,
                kiosk_id text NOT NULL,
                organisation text
            );
            CREATE TABLE kiosk.imported_count (
                bundle_id text NOT NULL REFERENCES kiosk.imported_bundle ON DELETE CASCADE,
                kind text NOT NULL CHECK (kind IN ('interviews', 'unfinished', 'answer', 'asked', 'rule', 'score', 'band', 'not_asked')),
                form_id text NOT NULL,
                form_hash text NOT NULL,
                organisation text,
                site text,
                month text NOT NULL,
                gender text,
                age_band text,
                item text NOT NULL DEFAULT '',
                value text,
                band text,
                n bigint NOT NULL CHECK (n > 0),
                key_sum bigint NOT NULL CHECK (key_sum BETWEEN 0 AND 4294967295)
            );
            -- What was published from the server, so that no two publications differ by a few interviews.
            CREATE TABLE kiosk.release (
                id bigserial PRIMARY KEY,
                day text NOT NULL,
                kind text NOT NULL,
                form_id text NOT NULL,
                split text NOT NULL,
                months jsonb NOT NULL
            );

            CREATE FUNCTION kiosk.schema_version() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = kiosk, pg_temp AS $f$ SELECT max(id) FROM kiosk.schema_migration $f$;

            CREATE FUNCTION kiosk.submit_form_version(p_hash text, p_form_id text, p_definition text, p_first_month text)
                RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = kiosk, pg_temp AS $f$
                INSERT INTO kiosk.form_version (form_hash, form_id, definition, first_month)
                VALUES (p_hash, p_form_id, p_definition, p_first_month)
                ON CONFLICT (form_hash) DO UPDATE SET first_month = least(kiosk.form_version.first_month, excluded.first_month)
            $f$;

            -- Hands in interviews (a JSON array); an id the server has already is left as it is, so a hand-in
            -- repeated after a cut connection adds nothing. Answers only how many were new.
            CREATE FUNCTION kiosk.submit_interviews(p jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = kiosk, pg_temp AS $f$
            DECLARE
                added uuid[];
            BEGIN
                WITH inserted AS (
                    INSERT INTO kiosk.interview (id, form_hash, form_id, language, organisation, site, month, status, gender, age_band, record_key)
                    SELECT (e->>'id')::uuid, e->>'form_hash', e->>'form_id', e->>'language', e->>'organisation', e->>'site',
                           e->>'month', e->>'status', e->>'gender', e->>'age_band', (e->>'record_key')::bigint
                    FROM jsonb_array_elements(p) AS e
                    ON CONFLICT (id) DO NOTHING
                    RETURNING id)
                SELECT coalesce(array_agg(id), '{}') INTO added FROM inserted;
                INSERT INTO kiosk.answer (interview_id, question_id, value, kind)
                    SELECT (e->>'id')::uuid, a->>0, a->>1, a->>2
                    FROM jsonb_array_elements(p) AS e, jsonb_array_elements(e->'answers') AS a
                    WHERE (e->>'id')::uuid = ANY (added);
                INSERT INTO kiosk.score (interview_id, score_id, value, band, answered_items)
                    SELECT (e->>'id')::uuid, s->>'id', (s->>'value')::integer, s->>'band', (s->>'answered_items')::integer
                    FROM jsonb_array_elements(p) AS e, jsonb_array_elements(e->'scores') AS s
                    WHERE (e->>'id')::uuid = ANY (added);
                INSERT INTO kiosk.fired_rule (interview_id, rule_id)
                    SELECT (e->>'id')::uuid, r #>> '{}'
                    FROM jsonb_array_elements(p) AS e, jsonb_array_elements(e->'fired') AS r
                    WHERE (e->>'id')::uuid = ANY (added);
                RETURN cardinality(added);
            END
            $f$;

            CREATE FUNCTION kiosk.submit_not_asked(p jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = kiosk, pg_temp AS $f$
            DECLARE
                added integer;
            BEGIN
                INSERT INTO kiosk.not_asked (id, form_id, organisation, site, month, reason, gender, record_key)
                    SELECT (e->>'id')::uuid, e->>'form_id', e->>'organisation', e->>'site', e->>'month', e->>'reason',
                           e->>'gender', (e->>'record_key')::bigint
                    FROM jsonb_array_elements(p) AS e
                    ON CONFLICT (id) DO NOTHING;
                GET DIAGNOSTICS added = ROW_COUNT;
                RETURN added;
            END
            $f$;

            -- A bundle's counts; refused (0) when this bundle or this kiosk's data was imported before.
            CREATE FUNCTION kiosk.import_bundle(p_bundle_id text, p_kiosk_id text, p_organisation text, p_counts jsonb)
                RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk, pg_temp AS $f$
            BEGIN
                IF EXISTS (SELECT FROM kiosk.imported_bundle WHERE bundle_id = p_bundle_id) THEN RETURN 0; END IF;
                IF EXISTS (SELECT FROM kiosk.imported_bundle WHERE kiosk_id = p_kiosk_id) THEN RETURN -1; END IF;
                INSERT INTO kiosk.imported_bundle VALUES (p_bundle_id, p_kiosk_id, p_organisation);
                INSERT INTO kiosk.imported_count (bundle_id, kind, form_id, form_hash, organisation, site, month, gender, age_band, item, value, band, n, key_sum)
                    SELECT p_bundle_id, c->>'kind', c->>'form_id', c->>'form_hash', coalesce(c->>'organisation', p_organisation),
                           c->>'site', c->>'month', c->>'gender', c->>'age_band', coalesce(c->>'item', ''), c->>'value', c->>'band',
                           (c->>'n')::bigint, (c->>'key_sum')::bigint
                    FROM jsonb_array_elements(p_counts) AS c;
                RETURN 1;
            END
            $f$;

            CREATE FUNCTION kiosk.record_release(p_day text, p_kind text, p_form_id text, p_split text, p_months jsonb)
                RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = kiosk, pg_temp AS $f$
                INSERT INTO kiosk.release (day, kind, form_id, split, months) VALUES (p_day, p_kind, p_form_id, p_split, p_months)
            $f$;

            -- Counts only: every row is a group, with the number of interviews and the sum of their record keys.
            CREATE VIEW kiosk.interview_counts AS
                SELECT form_id, form_hash, status, organisation, site, month, gender, age_band,
                       count(*)::bigint AS n, (sum(record_key) % 4294967296)::bigint AS key_sum
                FROM kiosk.interview GROUP BY form_id, form_hash, status, organisation, site, month, gender, age_band
                UNION ALL
                SELECT form_id, form_hash, CASE kind WHEN 'interviews' THEN 'complete' ELSE 'aborted' END, organisation, site, month,
                       gender, age_band, n, key_sum
                FROM kiosk.imported_count WHERE kind IN ('interviews', 'unfinished');
            CREATE VIEW kiosk.answer_counts AS
                SELECT i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, a.question_id, a.kind, a.value,
                       count(*)::bigint AS n, (sum(i.record_key) % 4294967296)::bigint AS key_sum
                FROM kiosk.answer a JOIN kiosk.interview i ON i.id = a.interview_id WHERE i.status = 'complete'
                GROUP BY i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, a.question_id, a.kind, a.value
                UNION ALL
                SELECT form_id, form_hash, organisation, site, month, gender, age_band, item,
                       CASE WHEN value IN ('declined', 'dont_know', 'skipped') THEN value ELSE 'choice' END,
                       CASE WHEN value IN ('declined', 'dont_know', 'skipped') THEN '' ELSE value END, n, key_sum
                FROM kiosk.imported_count WHERE kind = 'answer';
            CREATE VIEW kiosk.asked_counts AS
                SELECT i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, q.question_id,
                       count(*)::bigint AS n, (sum(i.record_key) % 4294967296)::bigint AS key_sum
                FROM (SELECT DISTINCT interview_id, question_id FROM kiosk.answer) q JOIN kiosk.interview i ON i.id = q.interview_id
                WHERE i.status = 'complete'
                GROUP BY i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, q.question_id
                UNION ALL
                SELECT form_id, form_hash, organisation, site, month, gender, age_band, item, n, key_sum
                FROM kiosk.imported_count WHERE kind = 'asked';
            CREATE VIEW kiosk.rule_counts AS
                SELECT i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, r.rule_id,
                       count(*)::bigint AS n, (sum(i.record_key) % 4294967296)::bigint AS key_sum
                FROM kiosk.fired_rule r JOIN kiosk.interview i ON i.id = r.interview_id WHERE i.status = 'complete'
                GROUP BY i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, r.rule_id
                UNION ALL
                SELECT form_id, form_hash, organisation, site, month, gender, age_band, item, n, key_sum
                FROM kiosk.imported_count WHERE kind = 'rule';
            CREATE VIEW kiosk.score_counts AS
                SELECT i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, s.score_id,
                       s.value::text AS value, count(*)::bigint AS n, (sum(i.record_key) % 4294967296)::bigint AS key_sum
                FROM kiosk.score s JOIN kiosk.interview i ON i.id = s.interview_id WHERE i.status = 'complete'
                GROUP BY i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, s.score_id, s.value
                UNION ALL
                SELECT form_id, form_hash, organisation, site, month, gender, age_band, item, value, n, key_sum
                FROM kiosk.imported_count WHERE kind = 'score';
            CREATE VIEW kiosk.band_counts AS
                SELECT i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, s.score_id, s.band,
                       count(*)::bigint AS n, (sum(i.record_key) % 4294967296)::bigint AS key_sum
                FROM kiosk.score s JOIN kiosk.interview i ON i.id = s.interview_id WHERE i.status = 'complete' AND s.band IS NOT NULL
                GROUP BY i.form_id, i.form_hash, i.organisation, i.site, i.month, i.gender, i.age_band, s.score_id, s.band
                UNION ALL
                SELECT form_id, form_hash, organisation, site, month, gender, age_band, item, band, n, key_sum
                FROM kiosk.imported_count WHERE kind = 'band';
            CREATE VIEW kiosk.not_asked_counts AS
                SELECT form_id, organisation, site, month, reason, gender,
                       count(*)::bigint AS n, (sum(record_key) % 4294967296)::bigint AS key_sum
                FROM kiosk.not_asked GROUP BY form_id, organisation, site, month, reason, gender
                UNION ALL
                SELECT form_id, organisation, site, month, item, gender, n, key_sum
                FROM kiosk.imported_count WHERE kind = 'not_asked';
            CREATE VIEW kiosk.form_versions AS SELECT form_hash, form_id, definition, first_month FROM kiosk.form_version;
            CREATE VIEW kiosk.releases AS SELECT day, kind, form_id, split, months FROM kiosk.release;

            REVOKE ALL ON ALL TABLES IN SCHEMA kiosk FROM PUBLIC;
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA kiosk FROM PUBLIC;
            REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA kiosk FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION kiosk.schema_version() TO kiosk_submitter, kiosk_reporter;
            GRANT EXECUTE ON FUNCTION kiosk.submit_form_version(text, text, text, text), kiosk.submit_interviews(jsonb),
                kiosk.submit_not_asked(jsonb), kiosk.import_bundle(text, text, text, jsonb) TO kiosk_submitter;
            GRANT EXECUTE ON FUNCTION kiosk.record_release(text, text, text, text, jsonb) TO kiosk_reporter;
            GRANT SELECT ON kiosk.interview_counts, kiosk.answer_counts, kiosk.asked_counts, kiosk.rule_counts,
                kiosk.score_counts, kiosk.band_counts, kiosk.not_asked_counts, kiosk.form_versions, kiosk.releases TO kiosk_reporter;
            """#),
    ]
}
