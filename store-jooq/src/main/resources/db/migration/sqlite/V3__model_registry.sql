-- Grove run store, schema version 3 (SQLite): the model registry.
--
-- training_run.model_name: the registered model a run belongs to. A run recorded before V3 gets
-- the default name of its dataset (core's ModelNames.defaultFor: the file name without its
-- extension), a rule SQL cannot run, so the column comes with DEFAULT '' and the store gives every
-- '' row its name in Java when it opens (ModelNameBackfill). The DEFAULT stays on purpose: a
-- process of the previous release that is still running keeps recording runs without the column,
-- and those rows are named at the next open instead of failing.
-- training_run.reproduces_run_id: the run a reproduction retrained from the record.
-- model_alias: NAME@ALIAS, pointing at one version; moved only by compare-and-set.
-- alias_history: every alias move and refused promotion, with the gate's scores; only ever
-- appended to (the triggers below refuse UPDATE and DELETE, whoever writes).
--
-- ALTER TABLE ADD COLUMN keeps every row as it is, so no table rebuild is needed. Times are ISO
-- text of the one shape V2 introduced, held to it by the same CHECKs.

ALTER TABLE training_run ADD COLUMN model_name VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE training_run ADD COLUMN reproduces_run_id BIGINT REFERENCES training_run (id);

-- all runs of a model, newest first
CREATE INDEX ix_training_run_model ON training_run (model_name, run_date, id);

CREATE TABLE model_alias (
    model_name    VARCHAR(255) NOT NULL,
    alias         VARCHAR(64)  NOT NULL,
    model_version VARCHAR(255) NOT NULL,
    run_id        BIGINT       NOT NULL,
    updated_at    VARCHAR(27)  NOT NULL,
    updated_by    TEXT         NOT NULL,
    CONSTRAINT model_alias_pkey PRIMARY KEY (model_name, alias),
    CONSTRAINT model_alias_run_id_fkey FOREIGN KEY (run_id) REFERENCES training_run (id)
    /* [jooq ignore start] */,
    CONSTRAINT model_alias_updated_at_check CHECK (updated_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
    /* [jooq ignore stop] */
);

-- The gate_* columns are all NULL for a change the gate did not score; gate_champion is also NULL
-- when the alias pointed nowhere.
CREATE TABLE alias_history (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    model_name          VARCHAR(255) NOT NULL,
    alias               VARCHAR(64)  NOT NULL,
    action              VARCHAR(16)  NOT NULL,
    from_version        VARCHAR(255),
    to_version          VARCHAR(255),
    actor               TEXT         NOT NULL,
    at                  VARCHAR(27)  NOT NULL,
    reason              TEXT         NOT NULL,
    gate_metric         VARCHAR(64),
    gate_challenger     DOUBLE PRECISION,
    gate_champion       DOUBLE PRECISION,
    gate_min_gain       DOUBLE PRECISION,
    gate_rows           INTEGER,
    gate_dataset_sha256 VARCHAR(64),
    CONSTRAINT alias_history_action_check
        CHECK (action IN ('SET', 'DELETE', 'PROMOTE', 'FORCE', 'REFUSE', 'ROLLBACK')),
    CONSTRAINT alias_history_gate_check CHECK (
        (gate_metric IS NULL AND gate_challenger IS NULL AND gate_champion IS NULL AND gate_min_gain IS NULL
            AND gate_rows IS NULL AND gate_dataset_sha256 IS NULL)
        OR (gate_metric IS NOT NULL AND gate_challenger IS NOT NULL AND gate_min_gain IS NOT NULL
            AND gate_rows IS NOT NULL AND gate_dataset_sha256 IS NOT NULL))
    /* [jooq ignore start] */,
    CONSTRAINT alias_history_at_check CHECK (at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
    /* [jooq ignore stop] */
);

-- a model's history, oldest first
CREATE INDEX ix_alias_history_model ON alias_history (model_name, id);

/* [jooq ignore start] */
CREATE TRIGGER alias_history_no_update BEFORE UPDATE ON alias_history
BEGIN
    SELECT RAISE(ABORT, 'alias_history is append-only: its rows are never updated');
END;

CREATE TRIGGER alias_history_no_delete BEFORE DELETE ON alias_history
BEGIN
    SELECT RAISE(ABORT, 'alias_history is append-only: its rows are never deleted');
END;
/* [jooq ignore stop] */
