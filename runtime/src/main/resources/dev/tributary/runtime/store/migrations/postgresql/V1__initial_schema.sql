CREATE TABLE data_sources (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(64) NOT NULL UNIQUE,
    connector_id VARCHAR(200) NOT NULL,
    config TEXT NOT NULL,
    settings TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    schedule_cron VARCHAR(200),
    schedule_zone VARCHAR(100),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE sync_runs (
    id VARCHAR(36) PRIMARY KEY,
    source_id VARCHAR(36) NOT NULL,
    source_name VARCHAR(64) NOT NULL,
    trigger_kind VARCHAR(16) NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    status VARCHAR(16) NOT NULL,
    error TEXT
);
CREATE INDEX sync_runs_by_source ON sync_runs (source_name, started_at);
CREATE TABLE sync_run_entities (
    run_id VARCHAR(36) NOT NULL,
    target_database TEXT NOT NULL,
    entity VARCHAR(200) NOT NULL,
    status VARCHAR(16) NOT NULL,
    records BIGINT NOT NULL,
    deletions BIGINT NOT NULL,
    errors BIGINT NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, target_database, entity)
);
CREATE TABLE sync_leases (
    source_id VARCHAR(36) PRIMARY KEY,
    owner VARCHAR(200) NOT NULL,
    run_id VARCHAR(36) NOT NULL,
    acquired_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
