-- CellCRF schema, step 2: accounts, role grants, electronic signatures, data
-- clarification queries, source data verification and locks (model/auth).
-- Every row written here is backed by an audit event in the same transaction;
-- the *_event_id columns name that event so that audit::verify can check it.

-- @statement
-- "user" is reserved in PostgreSQL (the hub's other store), hence user_account.
CREATE TABLE user_account (
    user_name            TEXT PRIMARY KEY,
    full_name            TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_count         INTEGER NOT NULL DEFAULT 0,
    locked_until_utc     TEXT NOT NULL DEFAULT '',
    is_demo              INTEGER NOT NULL DEFAULT 0,
    created_utc          TEXT NOT NULL
);

-- @statement
-- One role of one user at one site; site_oid '*' grants every site.
CREATE TABLE role_grant (
    user_name TEXT NOT NULL REFERENCES user_account(user_name),
    role      TEXT NOT NULL,
    site_oid  TEXT NOT NULL,
    PRIMARY KEY (user_name, role, site_oid)
);

-- @statement
-- Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.200). status falls
-- from 'valid' to 'broken' when the signed content changes.
CREATE TABLE signature (
    id               INTEGER PRIMARY KEY,
    form_instance_id INTEGER NOT NULL REFERENCES form_instance(id),
    signer           TEXT NOT NULL,
    signer_full_name TEXT NOT NULL,
    meaning          TEXT NOT NULL,
    utc              TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    audit_event_id   TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL DEFAULT 'valid',
    broken_event_id  TEXT NOT NULL DEFAULT ''
);

-- @statement
CREATE INDEX signature_by_form ON signature (form_instance_id);

-- @statement
-- A data clarification query on one item of one form of one subject. It names
-- the form by its key, not its instance, so a query may ask for a form nobody
-- has started yet.
CREATE TABLE query (
    id           INTEGER PRIMARY KEY,
    subject_id   INTEGER NOT NULL REFERENCES subject(id),
    event_oid    TEXT NOT NULL,
    event_repeat INTEGER NOT NULL DEFAULT 1,
    form_oid     TEXT NOT NULL,
    form_repeat  INTEGER NOT NULL DEFAULT 1,
    item_oid     TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open',
    opened_by    TEXT NOT NULL,
    opened_utc   TEXT NOT NULL,
    updated_utc  TEXT NOT NULL
);

-- @statement
CREATE INDEX query_by_subject ON query (subject_id, status);

-- @statement
CREATE TABLE query_message (
    id             INTEGER PRIMARY KEY,
    query_id       INTEGER NOT NULL REFERENCES query(id),
    kind           TEXT NOT NULL,
    text           TEXT NOT NULL,
    user_name      TEXT NOT NULL,
    user_role      TEXT NOT NULL,
    utc            TEXT NOT NULL,
    audit_event_id TEXT NOT NULL
);

-- @statement
-- Source data verification of one item's current value.
CREATE TABLE sdv (
    form_instance_id INTEGER NOT NULL REFERENCES form_instance(id),
    item_oid         TEXT NOT NULL,
    verified_by      TEXT NOT NULL,
    utc              TEXT NOT NULL,
    audit_event_id   TEXT NOT NULL,
    PRIMARY KEY (form_instance_id, item_oid)
) WITHOUT ROWID;

-- @statement
-- Locks: scope 'form' (target = form instance id), 'subject' (target = subject
-- id) or 'study' (target = ''). prior_status is the form status to restore on unlock.
CREATE TABLE data_lock (
    scope          TEXT NOT NULL,
    target         TEXT NOT NULL,
    locked_by      TEXT NOT NULL,
    utc            TEXT NOT NULL,
    prior_status   TEXT NOT NULL DEFAULT '',
    audit_event_id TEXT NOT NULL,
    PRIMARY KEY (scope, target)
) WITHOUT ROWID;
