-- Grove run store, schema version 4 (SQLite): retraining.
--
-- training_run.reference_profile: the training rows' feature distributions (core's
-- ReferenceProfile as JSON), which the drift trigger compares new data with. NULL for runs
-- recorded before V4: older releases computed none, and it cannot be recomputed from the row.
-- retrain_lock: one row per model being retrained, so that one retraining runs at a time across
-- processes and hosts; taken and handed over by one conditional upsert (JooqRetrainLedger), and
-- deleted by its holder when done. A holder that stops refreshing it loses it once stale.
-- trigger_history: every evaluation of a model's retraining triggers (trained, unchanged,
-- skipped, failed); only ever appended to (the triggers below refuse UPDATE and DELETE, whoever
-- writes), as alias_history.
--
-- Only new columns and tables: ALTER TABLE ADD COLUMN keeps every row as it is. Times are ISO
-- text of the one shape V2 introduced, held to it by the same CHECKs.

ALTER TABLE training_run ADD COLUMN reference_profile TEXT;

CREATE TABLE retrain_lock (
    model_name   VARCHAR(255) NOT NULL,
    holder       TEXT         NOT NULL,
    acquired_at  VARCHAR(27)  NOT NULL,
    refreshed_at VARCHAR(27)  NOT NULL,
    CONSTRAINT retrain_lock_pkey PRIMARY KEY (model_name)
    /* [jooq ignore start] */,
    CONSTRAINT retrain_lock_acquired_at_check CHECK (acquired_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT retrain_lock_refreshed_at_check CHECK (refreshed_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
    /* [jooq ignore stop] */
);

-- fired, reasons: JSON arrays of text; measurements: a JSON object; challenger_run_id: the run
-- trained, when one was; promoted: whether the gate moved the alias to it.
CREATE TABLE trigger_history (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    model_name        VARCHAR(255) NOT NULL,
    alias             VARCHAR(64)  NOT NULL,
    at                VARCHAR(27)  NOT NULL,
    outcome           VARCHAR(16)  NOT NULL,
    fired             TEXT         NOT NULL,
    reasons           TEXT         NOT NULL,
    measurements      TEXT         NOT NULL,
    challenger_run_id BIGINT,
    promoted          BOOLEAN,
    actor             TEXT         NOT NULL,
    error             TEXT,
    CONSTRAINT trigger_history_outcome_check CHECK (outcome IN ('TRAINED', 'UNCHANGED', 'SKIPPED', 'FAILED')),
    CONSTRAINT trigger_history_challenger_run_id_fkey FOREIGN KEY (challenger_run_id) REFERENCES training_run (id)
    /* [jooq ignore start] */,
    CONSTRAINT trigger_history_promoted_check CHECK (promoted IN (0, 1)),
    CONSTRAINT trigger_history_at_check CHECK (at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
    /* [jooq ignore stop] */
);

-- a model's trigger history, oldest first
CREATE INDEX ix_trigger_history_model ON trigger_history (model_name, id);

/* [jooq ignore start] */
CREATE TRIGGER trigger_history_no_update BEFORE UPDATE ON trigger_history
BEGIN
    SELECT RAISE(ABORT, 'trigger_history is append-only: its rows are never updated');
END;

CREATE TRIGGER trigger_history_no_delete BEFORE DELETE ON trigger_history
BEGIN
    SELECT RAISE(ABORT, 'trigger_history is append-only: its rows are never deleted');
END;
/* [jooq ignore stop] */
