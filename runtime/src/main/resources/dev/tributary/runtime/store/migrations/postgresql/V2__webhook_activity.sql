CREATE TABLE webhook_activity (
    source_name TEXT NOT NULL,
    day TEXT NOT NULL,
    applied BIGINT NOT NULL,
    duplicates BIGINT NOT NULL,
    ignored BIGINT NOT NULL,
    refused BIGINT NOT NULL,
    last_event_at BIGINT,
    last_received_at BIGINT NOT NULL,
    PRIMARY KEY (source_name, day)
);
