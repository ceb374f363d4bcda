CREATE TABLE webhook_activity (
    source_name TEXT NOT NULL,
    day TEXT NOT NULL,
    applied INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    ignored INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    last_event_at INTEGER,
    last_received_at INTEGER NOT NULL,
    PRIMARY KEY (source_name, day)
);
