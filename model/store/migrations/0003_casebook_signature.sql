-- CellCRF schema, step 3: electronic signatures of a whole subject casebook
-- (model/auth Signatures::signCasebook). Like a form signature, each row is
-- backed by its `casebook_signature` audit event, and status falls from 'valid'
-- to 'broken' (with its `signature_broken` event) when any form of the subject
-- changes afterwards.

-- @statement
CREATE TABLE casebook_signature (
    id               INTEGER PRIMARY KEY,
    subject_id       INTEGER NOT NULL REFERENCES subject(id),
    signer           TEXT NOT NULL,
    signer_full_name TEXT NOT NULL,
    meaning          TEXT NOT NULL,
    utc              TEXT NOT NULL,
    form_count       INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    audit_event_id   TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL DEFAULT 'valid',
    broken_event_id  TEXT NOT NULL DEFAULT ''
);

-- @statement
CREATE INDEX casebook_signature_by_subject ON casebook_signature (subject_id, status);
