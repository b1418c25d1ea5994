-- Grove run store, schema version 2 (SQLite).
-- The run table speaks the original Django feature's language (run_date, finished_at,
-- training_duration_seconds, precision, recall, f1_score, per_class_metrics, features_used),
-- keeps Grove's other columns as they were, and stores times as ISO-8601 UTC text that sorts:
-- always yyyy-MM-ddTHH:mm:ss.SSSSSSZ (six fraction digits, 27 characters), so text order is
-- time order and range filters compare text. The CHECKs keep every stored time in that form.
-- New: heartbeat_at (a RUNNING run's last sign of life), read_options and feature_types (JSON).
--
-- SQLite cannot rename and retype columns in place, so this is the table rebuild recipe of
-- https://www.sqlite.org/lang_altertable.html#otheralter: create the new table, copy every row
-- converting microseconds exactly, drop the old table, rename, recreate the indexes. Flyway runs
-- it in one transaction. (No foreign keys, triggers or views refer to training_run.)
--
-- The statements between [jooq ignore start] and [jooq ignore stop] are SQLite's own; jOOQ's
-- code generator (DDLDatabase, which replays these scripts on H2) skips them. Constraint names
-- are new (PostgreSQL's default style) because H2, unlike SQLite, wants them unique per schema
-- while the old table still holds the V1 names; the PostgreSQL V2 renames its constraints alike.
CREATE TABLE training_run_v2 (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    run_uuid                  VARCHAR(36)  NOT NULL,
    model_version             VARCHAR(255) NOT NULL,
    status                    VARCHAR(16)  NOT NULL,
    run_date                  VARCHAR(27)  NOT NULL,
    finished_at               VARCHAR(27),
    heartbeat_at              VARCHAR(27)  NOT NULL,
    trainer_name              VARCHAR(100) NOT NULL,
    trainer_version           VARCHAR(100) NOT NULL,
    params_json               TEXT         NOT NULL,
    effective_params_json     TEXT,
    n_estimators              INTEGER      NOT NULL,
    random_state              BIGINT       NOT NULL,
    test_split                DOUBLE PRECISION NOT NULL,
    dataset_path              TEXT         NOT NULL,
    dataset_sha256            VARCHAR(64)  NOT NULL,
    read_options              TEXT         NOT NULL,
    label_column              TEXT         NOT NULL,
    total_samples             INTEGER      NOT NULL,
    train_samples             INTEGER      NOT NULL,
    test_samples              INTEGER      NOT NULL,
    class_distribution_json   TEXT         NOT NULL,
    imbalance_ratio           DOUBLE PRECISION NOT NULL,
    features_used             TEXT         NOT NULL,
    feature_types             TEXT         NOT NULL,
    model_path                TEXT         NOT NULL,
    model_sha256              VARCHAR(64),
    training_duration_seconds DOUBLE PRECISION,
    accuracy                  DOUBLE PRECISION,
    precision                 DOUBLE PRECISION,
    recall                    DOUBLE PRECISION,
    f1_score                  DOUBLE PRECISION,
    precision_macro           DOUBLE PRECISION,
    recall_macro              DOUBLE PRECISION,
    f1_macro                  DOUBLE PRECISION,
    eval_samples              INTEGER,
    eval_classes_json         TEXT,
    per_class_metrics         TEXT,
    confusion_matrix_json     TEXT,
    error_message             TEXT,
    trained_by                TEXT         NOT NULL,
    host                      VARCHAR(255) NOT NULL,
    pid                       BIGINT       NOT NULL,
    jvm                       TEXT         NOT NULL,
    notes                     TEXT         NOT NULL,
    CONSTRAINT training_run_model_version_key UNIQUE (model_version),
    CONSTRAINT training_run_run_uuid_key UNIQUE (run_uuid),
    CONSTRAINT training_run_status_check CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'))
    /* [jooq ignore start] */,
    CONSTRAINT training_run_run_date_check CHECK (run_date GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT training_run_finished_at_check CHECK (finished_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT training_run_heartbeat_at_check CHECK (heartbeat_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
    /* [jooq ignore stop] */
);

/* [jooq ignore start] */
-- Microseconds since the epoch to ISO text, exactly: whole seconds through strftime, the six
-- fraction digits by arithmetic (floored, so times before 1970 come out right too).
-- heartbeat_at: V1 processes sent no heartbeats, so a run's heartbeat is its start (as for a new
-- run that has not beaten yet). finished_at would claim a heartbeat that never happened, and for
-- an INTERRUPTED run it is when another process gave the run up, not a sign of its life.
-- read_options: V1 read only CSV files and recorded none of its options, so only the format is
-- known. feature_types: not recorded by V1, so none are claimed.
INSERT INTO training_run_v2 (
    id, run_uuid, model_version, status, run_date, finished_at, heartbeat_at, trainer_name,
    trainer_version, params_json, effective_params_json, n_estimators, random_state, test_split,
    dataset_path, dataset_sha256, read_options, label_column, total_samples, train_samples,
    test_samples, class_distribution_json, imbalance_ratio, features_used, feature_types,
    model_path, model_sha256, training_duration_seconds, accuracy, precision, recall, f1_score,
    precision_macro, recall_macro, f1_macro, eval_samples, eval_classes_json, per_class_metrics,
    confusion_matrix_json, error_message, trained_by, host, pid, jvm, notes)
SELECT
    id, run_uuid, model_version, status,
    strftime('%Y-%m-%dT%H:%M:%S', (started_at_us - ((started_at_us % 1000000 + 1000000) % 1000000)) / 1000000, 'unixepoch')
        || printf('.%06dZ', (started_at_us % 1000000 + 1000000) % 1000000),
    strftime('%Y-%m-%dT%H:%M:%S', (finished_at_us - ((finished_at_us % 1000000 + 1000000) % 1000000)) / 1000000, 'unixepoch')
        || printf('.%06dZ', (finished_at_us % 1000000 + 1000000) % 1000000),
    strftime('%Y-%m-%dT%H:%M:%S', (started_at_us - ((started_at_us % 1000000 + 1000000) % 1000000)) / 1000000, 'unixepoch')
        || printf('.%06dZ', (started_at_us % 1000000 + 1000000) % 1000000),
    trainer_name, trainer_version, params_json, effective_params_json, n_estimators, random_state,
    test_split, dataset_path, dataset_sha256, '{"format":"csv"}', label_column, total_samples,
    train_samples, test_samples, class_distribution_json, imbalance_ratio, features_used_json, '{}',
    model_path, model_sha256, training_seconds, accuracy, precision_weighted, recall_weighted,
    f1_weighted, precision_macro, recall_macro, f1_macro, eval_samples, eval_classes_json,
    per_class_metrics_json, confusion_matrix_json, error_message, trained_by, host, pid, jvm, notes
FROM training_run;

-- AUTOINCREMENT never hands out an id twice: carry the old table's high-water mark over (it is
-- at least the largest copied id). DROP TABLE deletes the old entry, RENAME renames the new one.
DELETE FROM sqlite_sequence WHERE name = 'training_run_v2';
INSERT INTO sqlite_sequence (name, seq) SELECT 'training_run_v2', seq FROM sqlite_sequence WHERE name = 'training_run';
/* [jooq ignore stop] */

DROP TABLE training_run;
ALTER TABLE training_run_v2 RENAME TO training_run;

-- "latest N", date ranges
CREATE INDEX ix_training_run_started ON training_run (run_date, id);
-- status filters (RUNNING runs for stale detection, SUCCEEDED for best/latest)
CREATE INDEX ix_training_run_status_started ON training_run (status, run_date, id);
-- all runs of a dataset; latest succeeded run for a dataset fingerprint
CREATE INDEX ix_training_run_dataset ON training_run (dataset_sha256, run_date, id);
CREATE INDEX ix_training_run_dataset_status ON training_run (dataset_sha256, status, run_date, id);
-- trainer filter
CREATE INDEX ix_training_run_trainer ON training_run (trainer_name, run_date, id);
-- best runs by a metric (succeeded runs only carry metrics)
CREATE INDEX ix_training_run_status_f1 ON training_run (status, f1_score, id);
CREATE INDEX ix_training_run_status_accuracy ON training_run (status, accuracy, id);
CREATE INDEX ix_training_run_status_precision ON training_run (status, precision, id);
CREATE INDEX ix_training_run_status_recall ON training_run (status, recall, id);
