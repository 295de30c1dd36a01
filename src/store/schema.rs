//! The schema, as numbered migrations (PRAGMA user_version), and the triggers that keep
//! the per-day report counters right inside every write transaction.

/// Migration n brings a database from user_version n to n+1.
pub const MIGRATIONS: &[&str] = &[V1, V2];

/// The highest schema this build knows; a database beyond it came from a newer motcua.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// `application_id` marks a file as a motcua database ("MCUA").
pub const APPLICATION_ID: i64 = 0x4d43_5541;

const V1: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE procedures (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    name_key    TEXT NOT NULL,
    field       TEXT NOT NULL,
    level       TEXT NOT NULL DEFAULT '',
    days        INTEGER CHECK (days >= 0),
    cutoff      TEXT,
    hours       INTEGER CHECK (hours > 0),
    fee_vnd     INTEGER CHECK (fee_vnd >= 0),
    online      TEXT NOT NULL DEFAULT '' CHECK (online IN ('', 'toan_trinh', 'mot_phan')),
    papers      TEXT NOT NULL DEFAULT '',
    legal_basis TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    resume      TEXT NOT NULL DEFAULT 'remaining' CHECK (resume IN ('remaining', 'restart')),
    active      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE holidays (
    day    TEXT PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name   TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'official'
) WITHOUT ROWID;

CREATE TABLE staff (
    login     TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('clerk', 'handler', 'head')),
    active    INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

-- The last sequence number used on each day: taken in the same transaction as the insert.
CREATE TABLE day_seq (
    day  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE dossiers (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    procedure_code   TEXT NOT NULL REFERENCES procedures(code),
    field            TEXT NOT NULL,
    applicant_name   TEXT NOT NULL,
    name_key         TEXT NOT NULL,
    applicant_id     TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    channel          TEXT NOT NULL CHECK (channel IN ('in_person', 'online', 'postal')),
    papers           TEXT NOT NULL DEFAULT '[]',
    received_at      TEXT NOT NULL,
    due_date         TEXT NOT NULL,
    appointment_at   TEXT NOT NULL,
    resolved_at      TEXT,
    returned_at      TEXT,
    withdrawn_at     TEXT,
    apology_at       TEXT,
    status           TEXT NOT NULL CHECK (status IN
                       ('received', 'in_progress', 'supplement', 'ready', 'returned', 'rejected', 'withdrawn')),
    fee_vnd          INTEGER NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
    paid_online      INTEGER NOT NULL DEFAULT 0,
    result_digitized INTEGER NOT NULL DEFAULT 0,
    satisfaction     INTEGER CHECK (satisfaction IN (1, 2, 3)),
    assignee         TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    -- The moment the dossier stopped being pending (resolved or withdrawn).
    closed_at        TEXT GENERATED ALWAYS AS (coalesce(resolved_at, withdrawn_at)) VIRTUAL
);

-- The queue: pending dossiers by due date, paged by (due_date, id). Small: ~3% of rows.
CREATE INDEX dossiers_pending ON dossiers(due_date, id)
    WHERE status IN ('received', 'in_progress', 'supplement');
CREATE INDEX dossiers_pending_assignee ON dossiers(assignee, due_date, id)
    WHERE status IN ('received', 'in_progress', 'supplement');
-- Search: diacritic-folded name prefix, phone, personal ID.
CREATE INDEX dossiers_name_key ON dossiers(name_key);
CREATE INDEX dossiers_phone ON dossiers(phone) WHERE phone <> '';
CREATE INDEX dossiers_applicant_id ON dossiers(applicant_id) WHERE applicant_id <> '';
-- The logbook export and today's intake select by received time.
CREATE INDEX dossiers_received ON dossiers(received_at);
-- Pending-and-overdue at a period's end: only dossiers that were (or are) past due.
CREATE INDEX dossiers_late ON dossiers(due_date, closed_at, field)
    WHERE closed_at IS NULL OR substr(closed_at, 1, 10) > due_date;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_dossier ON events(dossier_id, id);

CREATE TABLE pauses (
    id             INTEGER PRIMARY KEY,
    dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),
    from_at        TEXT NOT NULL,
    to_at          TEXT,
    reason         TEXT NOT NULL,
    remaining_days INTEGER NOT NULL
);
CREATE INDEX pauses_dossier ON pauses(dossier_id);

-- A clerk's half-filled intake form, saved as they type.
CREATE TABLE drafts (
    login      TEXT PRIMARY KEY,
    updated_at TEXT NOT NULL,
    body       TEXT NOT NULL
) WITHOUT ROWID;

-- Report counters per day and field, kept by triggers (see stats.rs) and checked by `motcua check`.
CREATE TABLE daily_stats (
    day         TEXT NOT NULL,
    field       TEXT NOT NULL,
    recv_online INTEGER NOT NULL DEFAULT 0,
    recv_other  INTEGER NOT NULL DEFAULT 0,
    with_fee    INTEGER NOT NULL DEFAULT 0,
    paid_online INTEGER NOT NULL DEFAULT 0,
    res_early   INTEGER NOT NULL DEFAULT 0,
    res_ontime  INTEGER NOT NULL DEFAULT 0,
    res_late    INTEGER NOT NULL DEFAULT 0,
    digitized   INTEGER NOT NULL DEFAULT 0,
    withdrawn   INTEGER NOT NULL DEFAULT 0,
    answers     INTEGER NOT NULL DEFAULT 0,
    satisfied   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, field)
) WITHOUT ROWID;
"#;

/// The late index in a form SQLite can use. The planner rewrites `x > column` as `column < x`
/// before it matches a query against a partial index's WHERE, so V1's `substr(closed_at, 1, 10)
/// > due_date` never matched and a year's report read the whole table (~1 s at 1M dossiers).
const V2: &str = r#"
DROP INDEX dossiers_late;
CREATE INDEX dossiers_late ON dossiers(due_date, closed_at, field)
    WHERE closed_at IS NULL OR due_date < substr(closed_at, 1, 10);
"#;
