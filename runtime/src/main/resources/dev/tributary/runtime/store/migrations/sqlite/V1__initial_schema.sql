CREATE TABLE data_sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    connector_id TEXT NOT NULL,
    config TEXT NOT NULL,
    settings TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    schedule_cron TEXT,
    schedule_zone TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE sync_runs (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    source_name TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    status TEXT NOT NULL,
    error TEXT
);
CREATE INDEX sync_runs_by_source ON sync_runs (source_name, started_at);
CREATE TABLE sync_run_entities (
    run_id TEXT NOT NULL,
    target_database TEXT NOT NULL,
    entity TEXT NOT NULL,
    status TEXT NOT NULL,
    records INTEGER NOT NULL,
    deletions INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, target_database, entity)
);
CREATE TABLE sync_leases (
    source_id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    run_id TEXT NOT NULL,
    acquired_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
