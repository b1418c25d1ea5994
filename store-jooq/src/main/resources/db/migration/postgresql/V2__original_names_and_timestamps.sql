-- Grove run store, schema version 2 (PostgreSQL).
-- The run table speaks the original Django feature's language (run_date, finished_at,
-- training_duration_seconds, precision, recall, f1_score, per_class_metrics, features_used),
-- keeps Grove's other columns as they were, and stores times as timestamptz (microseconds, as
-- before). New: heartbeat_at (a RUNNING run's last sign of life), read_options and feature_types
-- (JSON text). The same change as the SQLite V2, done in place: indexes follow renamed and
-- retyped columns by themselves. Flyway runs it in one transaction.

ALTER TABLE training_run RENAME COLUMN started_at_us TO run_date;
ALTER TABLE training_run RENAME COLUMN finished_at_us TO finished_at;
ALTER TABLE training_run RENAME COLUMN training_seconds TO training_duration_seconds;
ALTER TABLE training_run RENAME COLUMN precision_weighted TO precision;
ALTER TABLE training_run RENAME COLUMN recall_weighted TO recall;
ALTER TABLE training_run RENAME COLUMN f1_weighted TO f1_score;
ALTER TABLE training_run RENAME COLUMN per_class_metrics_json TO per_class_metrics;
ALTER TABLE training_run RENAME COLUMN features_used_json TO features_used;

-- Microseconds since the epoch to timestamptz, exactly: whole seconds and the remaining
-- microseconds are added separately, so no product exceeds what a double holds exactly (a
-- single x * interval '1 microsecond' would round beyond 2^53 us, about the year 2255). Only
-- the interval's time part is used, so the session's time zone plays no part.
ALTER TABLE training_run
    ALTER COLUMN run_date TYPE timestamptz
        USING timestamptz 'epoch' + (run_date / 1000000) * interval '1 second'
                                  + (run_date % 1000000) * interval '1 microsecond',
    ALTER COLUMN finished_at TYPE timestamptz
        USING timestamptz 'epoch' + (finished_at / 1000000) * interval '1 second'
                                  + (finished_at % 1000000) * interval '1 microsecond';

-- heartbeat_at: V1 processes sent no heartbeats, so a run's heartbeat is its start (as for a new
-- run that has not beaten yet). finished_at would claim a heartbeat that never happened, and for
-- an INTERRUPTED run it is when another process gave the run up, not a sign of its life.
-- read_options: V1 read only CSV files and recorded none of its options, so only the format is
-- known. feature_types: not recorded by V1, so none are claimed.
ALTER TABLE training_run
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN read_options text NOT NULL DEFAULT '{"format":"csv"}',
    ADD COLUMN feature_types text NOT NULL DEFAULT '{}';
UPDATE training_run SET heartbeat_at = run_date;
ALTER TABLE training_run
    ALTER COLUMN heartbeat_at SET NOT NULL,
    ALTER COLUMN read_options DROP DEFAULT,
    ALTER COLUMN feature_types DROP DEFAULT;

-- The constraint names the SQLite V2 gives its rebuilt table (PostgreSQL's default style).
ALTER TABLE training_run RENAME CONSTRAINT uq_training_run_model_version TO training_run_model_version_key;
ALTER TABLE training_run RENAME CONSTRAINT uq_training_run_uuid TO training_run_run_uuid_key;
ALTER TABLE training_run RENAME CONSTRAINT ck_training_run_status TO training_run_status_check;
