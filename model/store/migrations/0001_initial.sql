-- CellCRF schema, step 1. A shipped step is never edited: later changes are new steps.
-- Statements are separated by "-- @statement" lines (Qt's SQLite driver runs one
-- statement per exec(), and trigger bodies contain semicolons).

-- @statement
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- @statement
CREATE TABLE site (
    oid            TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    utc_offset_min INTEGER NOT NULL DEFAULT 0
);

-- @statement
-- Every device that has written audit events into this file. The local device is
-- the one this file belongs to; the others arrive by sync.
CREATE TABLE device (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    site_oid     TEXT NOT NULL DEFAULT '',
    is_local     INTEGER NOT NULL DEFAULT 0,
    last_counter INTEGER NOT NULL DEFAULT 0,
    last_hash    TEXT NOT NULL DEFAULT ''
);

-- @statement
CREATE TABLE subject (
    id                   INTEGER PRIMARY KEY,
    subject_key          TEXT NOT NULL UNIQUE,
    site_oid             TEXT NOT NULL REFERENCES site(oid),
    screening_number     TEXT NOT NULL,
    initials             TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'screening',
    arm_oid              TEXT NOT NULL DEFAULT '',
    randomization_number TEXT NOT NULL DEFAULT '',
    created_utc          TEXT NOT NULL,
    UNIQUE (site_oid, screening_number)
);

-- @statement
CREATE TABLE form_instance (
    id                 INTEGER PRIMARY KEY,
    subject_id         INTEGER NOT NULL REFERENCES subject(id),
    event_oid          TEXT NOT NULL,
    event_repeat       INTEGER NOT NULL DEFAULT 1,
    form_oid           TEXT NOT NULL,
    form_repeat        INTEGER NOT NULL DEFAULT 1,
    status             TEXT NOT NULL DEFAULT 'not_started',
    version            INTEGER NOT NULL DEFAULT 0,
    definition_version TEXT NOT NULL,
    updated_utc        TEXT NOT NULL DEFAULT '',
    updated_by         TEXT NOT NULL DEFAULT '',
    UNIQUE (subject_id, event_oid, event_repeat, form_oid, form_repeat)
);

-- @statement
CREATE TABLE item_value (
    form_instance_id INTEGER NOT NULL REFERENCES form_instance(id),
    item_oid         TEXT NOT NULL,
    value            TEXT NOT NULL DEFAULT '',
    missing_reason   TEXT NOT NULL DEFAULT '',
    soft_confirmed   INTEGER NOT NULL DEFAULT 0,
    audit_event_id   TEXT NOT NULL,
    PRIMARY KEY (form_instance_id, item_oid)
) WITHOUT ROWID;

-- @statement
-- The audit trail. Rows are only ever inserted (see the triggers below); each
-- device chains its own events by SHA-256 (model/audit/audittrail.h).
CREATE TABLE audit_event (
    seq               INTEGER PRIMARY KEY,
    event_id          TEXT NOT NULL UNIQUE,
    device_id         TEXT NOT NULL,
    device_counter    INTEGER NOT NULL,
    user_name         TEXT NOT NULL,
    user_role         TEXT NOT NULL,
    utc               TEXT NOT NULL,
    site_offset_min   INTEGER NOT NULL,
    action            TEXT NOT NULL,
    subject_key       TEXT NOT NULL DEFAULT '',
    event_oid         TEXT NOT NULL DEFAULT '',
    event_repeat      INTEGER NOT NULL DEFAULT 0,
    form_oid          TEXT NOT NULL DEFAULT '',
    form_repeat       INTEGER NOT NULL DEFAULT 0,
    item_oid          TEXT NOT NULL DEFAULT '',
    old_value         TEXT,
    new_value         TEXT,
    reason            TEXT NOT NULL DEFAULT '',
    replaces_event_id TEXT NOT NULL DEFAULT '',
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL,
    UNIQUE (device_id, device_counter)
);

-- @statement
CREATE INDEX audit_event_by_item ON audit_event (subject_key, form_oid, item_oid);

-- @statement
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only: an update was refused');
END;

-- @statement
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only: a delete was refused');
END;
