-- Grove run store, schema version 1 (SQLite).
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC), so they sort as numbers and keep
-- PostgreSQL's precision. JSON columns hold compact JSON text written by GroveJson.
-- Indexed text columns are VARCHAR (same TEXT affinity in SQLite; jOOQ's DDLDatabase
-- simulation on H2 cannot index TEXT/CLOB).
CREATE TABLE training_run (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    run_uuid                VARCHAR(36)  NOT NULL,
    model_version           VARCHAR(255) NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    started_at_us           BIGINT       NOT NULL,
    finished_at_us          BIGINT,
    trainer_name            VARCHAR(100) NOT NULL,
    trainer_version         VARCHAR(100) NOT NULL,
    params_json             TEXT         NOT NULL,
    effective_params_json   TEXT,
    n_estimators            INTEGER      NOT NULL,
    random_state            BIGINT       NOT NULL,
    test_split              DOUBLE PRECISION NOT NULL,
    dataset_path            TEXT         NOT NULL,
    dataset_sha256          VARCHAR(64)  NOT NULL,
    label_column            TEXT         NOT NULL,
    total_samples           INTEGER      NOT NULL,
    train_samples           INTEGER      NOT NULL,
    test_samples            INTEGER      NOT NULL,
    class_distribution_json TEXT         NOT NULL,
    imbalance_ratio         DOUBLE PRECISION NOT NULL,
    features_used_json      TEXT         NOT NULL,
    model_path              TEXT         NOT NULL,
    model_sha256            VARCHAR(64),
    training_seconds        DOUBLE PRECISION,
    accuracy                DOUBLE PRECISION,
    precision_weighted      DOUBLE PRECISION,
    recall_weighted         DOUBLE PRECISION,
    f1_weighted             DOUBLE PRECISION,
    precision_macro         DOUBLE PRECISION,
    recall_macro            DOUBLE PRECISION,
    f1_macro                DOUBLE PRECISION,
    eval_samples            INTEGER,
    eval_classes_json       TEXT,
    per_class_metrics_json  TEXT,
    confusion_matrix_json   TEXT,
    error_message           TEXT,
    trained_by              TEXT         NOT NULL,
    host                    VARCHAR(255) NOT NULL,
    pid                     BIGINT       NOT NULL,
    jvm                     TEXT         NOT NULL,
    notes                   TEXT         NOT NULL,
    CONSTRAINT uq_training_run_model_version UNIQUE (model_version),
    CONSTRAINT uq_training_run_uuid UNIQUE (run_uuid),
    CONSTRAINT ck_training_run_status CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'))
);

-- "latest N", date ranges
CREATE INDEX ix_training_run_started ON training_run (started_at_us, id);
-- status filters (RUNNING runs for stale detection, SUCCEEDED for best/latest)
CREATE INDEX ix_training_run_status_started ON training_run (status, started_at_us, id);
-- all runs of a dataset; latest succeeded run for a dataset fingerprint
CREATE INDEX ix_training_run_dataset ON training_run (dataset_sha256, started_at_us, id);
CREATE INDEX ix_training_run_dataset_status ON training_run (dataset_sha256, status, started_at_us, id);
-- trainer filter
CREATE INDEX ix_training_run_trainer ON training_run (trainer_name, started_at_us, id);
-- best runs by a metric (succeeded runs only carry metrics)
CREATE INDEX ix_training_run_status_f1 ON training_run (status, f1_weighted, id);
CREATE INDEX ix_training_run_status_accuracy ON training_run (status, accuracy, id);
CREATE INDEX ix_training_run_status_precision ON training_run (status, precision_weighted, id);
CREATE INDEX ix_training_run_status_recall ON training_run (status, recall_weighted, id);
