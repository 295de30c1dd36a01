//! The schema, as numbered migrations (PRAGMA user_version), and the triggers that keep
//! the per-day report counters right inside every write transaction.

use rusqlite::Connection;

/// One step of the schema: SQL, then what SQL alone cannot do (computed in Rust).
pub struct Migration {
    pub sql: &'static str,
    pub then: fn(&Connection) -> rusqlite::Result<()>,
}

/// Migration n brings a database from user_version n to n+1.
pub const MIGRATIONS: &[Migration] = &[
    Migration { sql: V1, then: |_| Ok(()) },
    Migration { sql: V2, then: super::audit::forbid_changes },
    Migration { sql: V3, then: |_| Ok(()) },
    Migration { sql: CATALOGUE_DAY_KIND_AND_REFUSALS, then: |_| Ok(()) },
    Migration { sql: TYPED_HISTORY, then: super::history::migrate },
    Migration { sql: KEYED_CHAIN, then: super::audit::schedule_rechain },
    Migration { sql: SHORT_NAMES, then: |_| Ok(()) },
    Migration { sql: NAME_WORDS, then: |c| c.execute_batch(super::names::TRIGGERS) },
    Migration { sql: PAUSE_DUES, then: super::history::record_resume_dues },
    Migration { sql: PAPERS, then: |_| Ok(()) },
    Migration { sql: PAUSE_DAY_KIND, then: |_| Ok(()) },
    Migration { sql: PAPERS_EN, then: |_| Ok(()) },
    Migration { sql: super::seals::SEALS_SQL, then: super::seals::migrate },
    Migration { sql: PAPER_NAMES, then: |_| Ok(()) },
    Migration { sql: HANDOVER, then: |_| Ok(()) },
    Migration { sql: APPLICANT_EMAIL, then: |_| Ok(()) },
    Migration { sql: PAUSED_RECEIVED, then: |_| Ok(()) },
    Migration { sql: COMPACT_EVENTS, then: super::audit::after_compact_events },
    Migration { sql: DEFERRED_INDEXES, then: |_| Ok(()) },
    Migration { sql: NAME_FORMS, then: |c| c.execute_batch(super::names::FORM_TRIGGERS) },
];

/// The highest schema this build knows; a database beyond it came from a newer motcua.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version of a database from before the compact events (the upgrade tests).
#[cfg(test)]
pub(crate) fn before_compact_events() -> i64 {
    MIGRATIONS.iter().position(|m| m.sql == COMPACT_EVENTS).unwrap_or(0) as i64
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

/// The audit chain (see audit.rs): each event's hash over the previous one's.
const V2: &str = r#"
ALTER TABLE events ADD COLUMN prev_hash BLOB;
ALTER TABLE events ADD COLUMN hash BLOB;
"#;

// The dashboard and the end-of-day review (issue 5). The partial indexes over pending
// dossiers (~3% of rows) carry `status` (and `apology_at`) so that SQLite counts and filters
// them from the index alone instead of reading every pending row. Dossiers returned per day
// join the counters (the triggers are recreated after every migration, see Store::migrate).
const V3: &str = r#"
DROP INDEX dossiers_pending;
CREATE INDEX dossiers_pending ON dossiers(due_date, id, status, apology_at)
    WHERE status IN ('received', 'in_progress', 'supplement');
DROP INDEX dossiers_pending_assignee;
CREATE INDEX dossiers_pending_assignee ON dossiers(assignee, due_date, id, status)
    WHERE status IN ('received', 'in_progress', 'supplement');
CREATE INDEX dossiers_pending_field ON dossiers(field, due_date, id, status)
    WHERE status IN ('received', 'in_progress', 'supplement');
CREATE INDEX dossiers_supplement ON dossiers(due_date, id, status) WHERE status = 'supplement';
-- Overdue at a past period's end, for the report: dossiers closed after their due day. SQLite
-- never used dossiers_late (it does not match a query's OR term against a partial index's),
-- so it only cost writes; this one has a single term, `closed_at > due_date || 'T'` being
-- "closed on a later day than due" in the stored time format.
DROP INDEX dossiers_late;
CREATE INDEX dossiers_closed_late ON dossiers(closed_at, due_date, field) WHERE closed_at > due_date || 'T';

ALTER TABLE daily_stats ADD COLUMN returned INTEGER NOT NULL DEFAULT 0;
INSERT INTO daily_stats(day, field, returned)
    SELECT substr(returned_at, 1, 10), field, count(*) FROM dossiers WHERE returned_at IS NOT NULL GROUP BY 1, 2
    ON CONFLICT(day, field) DO UPDATE SET returned = excluded.returned;
"#;

// Handing dossiers on (issue 11, DOMAIN §8–§9): other handling agencies, bundled procedures
// and their steps, the citizen's way of collecting the result, intake digitization and portal
// sync, dossiers received for another office, and the certification books.
const HANDOVER: &str = r#"
CREATE TABLE agencies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
-- The agencies of assets/agencies.csv, so that an existing database can take the shipped
-- catalogue's `agency` column at its next `import procedures`.
INSERT INTO agencies(code, name) VALUES
    ('CA_XA', 'Công an xã'), ('VPDK', 'Chi nhánh Văn phòng đăng ký đất đai'), ('BHXH', 'Bảo hiểm xã hội cơ sở');

ALTER TABLE procedures ADD COLUMN agency TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN bundle TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN book TEXT NOT NULL DEFAULT '';

ALTER TABLE dossiers ADD COLUMN received_for TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN result_delivery TEXT NOT NULL DEFAULT ''
    CHECK (result_delivery IN ('', 'counter', 'post', 'online'));
ALTER TABLE dossiers ADD COLUMN intake_digitized INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;
-- The handling agency: the catalogue's at intake, the one it was sent to; empty: this office.
ALTER TABLE dossiers ADD COLUMN handling_agency TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN sent_at TEXT;
ALTER TABLE dossiers ADD COLUMN cert_book TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN cert_year INTEGER;
ALTER TABLE dossiers ADD COLUMN cert_first INTEGER;
ALTER TABLE dossiers ADD COLUMN cert_count INTEGER;
-- Pending dossiers handed to another agency: the queue's filter and the dashboard's count.
CREATE INDEX dossiers_pending_agency ON dossiers(handling_agency, sort_due, id, status, sent_at)
    WHERE status IN ('received', 'in_progress', 'supplement') AND sent_at IS NOT NULL;
-- Overdue at a period's end, by agency (as dossiers_closed_late is by field).
CREATE INDEX dossiers_agency_late ON dossiers(handling_agency, due_date, closed_at)
    WHERE handling_agency <> '';
CREATE INDEX dossiers_received_for ON dossiers(received_at) WHERE received_for <> '';
CREATE INDEX dossiers_cert ON dossiers(cert_book, cert_year, cert_first) WHERE cert_book <> '';

-- The steps of a bundled dossier, one per component procedure.
CREATE TABLE dossier_steps (
    dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),
    seq            INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    agency         TEXT NOT NULL DEFAULT '',
    due_date       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'ready')),
    sent_at        TEXT,
    done_at        TEXT,
    PRIMARY KEY (dossier_id, seq)
) WITHOUT ROWID;

-- The last number used in each certification book and year: taken in the intake transaction.
CREATE TABLE cert_seq (
    book TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (book, year)
) WITHOUT ROWID;

ALTER TABLE daily_stats ADD COLUMN recv_digitized INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_stats ADD COLUMN recv_synced INTEGER NOT NULL DEFAULT 0;

-- The same counters for dossiers another agency handles, kept by the triggers of stats.rs.
CREATE TABLE daily_agency_stats (
    day            TEXT NOT NULL,
    agency         TEXT NOT NULL,
    recv_online    INTEGER NOT NULL DEFAULT 0,
    recv_other     INTEGER NOT NULL DEFAULT 0,
    with_fee       INTEGER NOT NULL DEFAULT 0,
    paid_online    INTEGER NOT NULL DEFAULT 0,
    res_early      INTEGER NOT NULL DEFAULT 0,
    res_ontime     INTEGER NOT NULL DEFAULT 0,
    res_late       INTEGER NOT NULL DEFAULT 0,
    digitized      INTEGER NOT NULL DEFAULT 0,
    withdrawn      INTEGER NOT NULL DEFAULT 0,
    answers        INTEGER NOT NULL DEFAULT 0,
    satisfied      INTEGER NOT NULL DEFAULT 0,
    returned       INTEGER NOT NULL DEFAULT 0,
    recv_digitized INTEGER NOT NULL DEFAULT 0,
    recv_synced    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, agency)
) WITHOUT ROWID;
"#;

// Issue 9 items 5 and 8. Procedures count their limit in working days (default) or calendar
// days. Land dispute mediation (1.012812) is "không quá 30 ngày" in Luật Đất đai 2024 Art. 235:
// calendar days; an existing database that still has the shipped 30 days gets the kind it
// should always have had (its dossiers keep the due dates they were given). Refusals at
// intake (Mẫu 03) are logged apart from dossiers: no code, no clock, counted nowhere.
pub(super) const CATALOGUE_DAY_KIND_AND_REFUSALS: &str = r#"
ALTER TABLE procedures ADD COLUMN day_kind TEXT NOT NULL DEFAULT 'working'
    CHECK (day_kind IN ('working', 'calendar'));
UPDATE procedures SET day_kind = 'calendar' WHERE code = '1.012812' AND days = 30;

CREATE TABLE intake_refusals (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    procedure_code TEXT NOT NULL REFERENCES procedures(code),
    applicant_name TEXT NOT NULL,
    applicant_id   TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL DEFAULT 'in_person' CHECK (channel IN ('in_person', 'online', 'postal')),
    reason         TEXT NOT NULL CHECK (reason <> '')
);
CREATE INDEX intake_refusals_at ON intake_refusals(at);
"#;

// Issue 9: events as typed records, and a dossier's time accounting from records that are never
// overwritten. The old notes are read once, by history::migrate, and never again.
// - events: what kind of event, the due date it moved, the apology's appointment, the
//   assignment, the reason and the other agency, each in its own column.
// - dossiers: the due date and appointment of the receipt (due_at_intake, appointment_at_intake)
//   and the apology's appointment and reason. due_date, appointment_at, paused_days_left and
//   sort_due are derived from those and the pauses (domain/clock.rs), stored for the indexes,
//   and checked by `motcua check`.
// - pauses: the restart rule's limit when it applies (NULL: the remaining days count on).
// The pending indexes sort by sort_due, where a stopped clock sorts after every date.
const TYPED_HISTORY: &str = r#"
ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'move';
ALTER TABLE events ADD COLUMN due_before TEXT;
ALTER TABLE events ADD COLUMN due_after TEXT;
ALTER TABLE events ADD COLUMN appointment_after TEXT;
ALTER TABLE events ADD COLUMN assignee_from TEXT;
ALTER TABLE events ADD COLUMN assignee_to TEXT;
ALTER TABLE events ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN agency TEXT NOT NULL DEFAULT '';

ALTER TABLE dossiers ADD COLUMN due_at_intake TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN appointment_at_intake TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN apology_appointment TEXT;
ALTER TABLE dossiers ADD COLUMN apology_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN paused_days_left INTEGER CHECK (paused_days_left >= 0);
ALTER TABLE dossiers ADD COLUMN sort_due TEXT NOT NULL DEFAULT '';

ALTER TABLE pauses ADD COLUMN restart_limit TEXT;
-- The report of a past period looks at the pauses still open at its end.
CREATE INDEX pauses_open ON pauses(to_at, dossier_id);

DROP INDEX dossiers_pending;
CREATE INDEX dossiers_pending ON dossiers(sort_due, id, status, apology_at)
    WHERE status IN ('received', 'in_progress', 'supplement');
DROP INDEX dossiers_pending_assignee;
CREATE INDEX dossiers_pending_assignee ON dossiers(assignee, sort_due, id, status)
    WHERE status IN ('received', 'in_progress', 'supplement');
DROP INDEX dossiers_pending_field;
CREATE INDEX dossiers_pending_field ON dossiers(field, sort_due, id, status)
    WHERE status IN ('received', 'in_progress', 'supplement');
"#;

// The keyed chain (issue 10, see audit.rs): each event keeps the seal of its dossier's row as
// the event left it; the chain is then recomputed with the office's key.
const KEYED_CHAIN: &str = r#"
ALTER TABLE events ADD COLUMN row_hash BLOB;
"#;

/// A short name per procedure for table cells ("Khai sinh"), filled for the shipped catalogue.
const SHORT_NAMES: &str = r#"
ALTER TABLE procedures ADD COLUMN short_name TEXT NOT NULL DEFAULT '';
UPDATE procedures SET short_name = 'Khai sinh' WHERE code = '1.001193' AND short_name = '';
UPDATE procedures SET short_name = 'Khai sinh, nhận con' WHERE code = '1.000689' AND short_name = '';
UPDATE procedures SET short_name = 'Kết hôn' WHERE code = '1.000894' AND short_name = '';
UPDATE procedures SET short_name = 'Khai tử' WHERE code = '1.000656' AND short_name = '';
UPDATE procedures SET short_name = 'Nhận cha, mẹ, con' WHERE code = '1.001022' AND short_name = '';
UPDATE procedures SET short_name = 'Cải chính hộ tịch' WHERE code = '1.004859' AND short_name = '';
UPDATE procedures SET short_name = 'Trích lục hộ tịch' WHERE code = '2.000635' AND short_name = '';
UPDATE procedures SET short_name = 'Xác nhận hôn nhân' WHERE code = '1.004873' AND short_name = '';
UPDATE procedures SET short_name = 'Khai sinh lại' WHERE code = '1.004884' AND short_name = '';
UPDATE procedures SET short_name = 'Khai tử lại' WHERE code = '1.005461' AND short_name = '';
UPDATE procedures SET short_name = 'Giám hộ' WHERE code = '1.004837' AND short_name = '';
UPDATE procedures SET short_name = 'Khai sinh (NN)' WHERE code = '2.000528' AND short_name = '';
UPDATE procedures SET short_name = 'Kết hôn (NN)' WHERE code = '2.000806' AND short_name = '';
UPDATE procedures SET short_name = 'Chứng thực bản sao' WHERE code = '2.000815' AND short_name = '';
UPDATE procedures SET short_name = 'Chứng thực chữ ký' WHERE code = '2.000884' AND short_name = '';
UPDATE procedures SET short_name = 'Chứng thực giao dịch' WHERE code = '2.001035' AND short_name = '';
UPDATE procedures SET short_name = 'Thường trú' WHERE code = '1.004222' AND short_name = '';
UPDATE procedures SET short_name = 'Tạm trú' WHERE code = '1.004194' AND short_name = '';
UPDATE procedures SET short_name = 'Gia hạn tạm trú' WHERE code = '1.002755' AND short_name = '';
UPDATE procedures SET short_name = 'Xóa thường trú' WHERE code = '1.003197' AND short_name = '';
UPDATE procedures SET short_name = 'Xóa tạm trú' WHERE code = '1.010028' AND short_name = '';
UPDATE procedures SET short_name = 'Tách hộ' WHERE code = '1.010038' AND short_name = '';
UPDATE procedures SET short_name = 'Khai báo tạm vắng' WHERE code = '1.003677' AND short_name = '';
UPDATE procedures SET short_name = 'Thông báo lưu trú' WHERE code = '2.001159' AND short_name = '';
UPDATE procedures SET short_name = 'Liên thông khai sinh' WHERE code = 'LOCAL.001' AND short_name = '';
UPDATE procedures SET short_name = 'Liên thông khai tử' WHERE code = '1.011537' AND short_name = '';
UPDATE procedures SET short_name = 'Trợ cấp xã hội' WHERE code = '1.001776' AND short_name = '';
UPDATE procedures SET short_name = 'Mai táng phí BTXH' WHERE code = '1.001731' AND short_name = '';
UPDATE procedures SET short_name = 'Mai táng phí hưu trí' WHERE code = '1.014028' AND short_name = '';
UPDATE procedures SET short_name = 'Xác nhận khuyết tật' WHERE code = '1.001699' AND short_name = '';
UPDATE procedures SET short_name = 'Cấp GCN lần đầu' WHERE code = '1.013978' AND short_name = '';
UPDATE procedures SET short_name = 'Biến động đất đai' WHERE code = '1.013831' AND short_name = '';
UPDATE procedures SET short_name = 'Cấp đổi GCN' WHERE code = '1.012783' AND short_name = '';
UPDATE procedures SET short_name = 'Cấp lại GCN' WHERE code = '1.012786' AND short_name = '';
UPDATE procedures SET short_name = 'Tách, hợp thửa' WHERE code = '1.012784' AND short_name = '';
UPDATE procedures SET short_name = 'Giao, thuê đất' WHERE code = '1.013949' AND short_name = '';
UPDATE procedures SET short_name = 'Hòa giải đất đai' WHERE code = '1.012812' AND short_name = '';
UPDATE procedures SET short_name = 'Giấy phép xây dựng' WHERE code = '1.013225' AND short_name = '';
UPDATE procedures SET short_name = 'Lập hộ kinh doanh' WHERE code = '1.001612' AND short_name = '';
UPDATE procedures SET short_name = 'Thay đổi hộ KD' WHERE code = '2.000720' AND short_name = '';
UPDATE procedures SET short_name = 'Tạm ngừng hộ KD' WHERE code = '1.001570' AND short_name = '';
UPDATE procedures SET short_name = 'Giấy khen' WHERE code = 'LOCAL.002' AND short_name = '';
UPDATE procedures SET short_name = 'Giấy khen gia đình' WHERE code = '1.000748' AND short_name = '';
"#;

/// Any word of an applicant's name finds it (FTS5 over the folded name, see names.rs), and the
/// pending dossiers are searched in the queue's order (sort_due) by their own small index.
const NAME_WORDS: &str = r#"
CREATE VIRTUAL TABLE dossier_names USING fts5(
    name_key, content = 'dossiers', content_rowid = 'id', tokenize = 'ascii', prefix = '1 2 3 4 5 6', detail = 'none'
);
INSERT INTO dossier_names(dossier_names) VALUES ('rebuild');
CREATE INDEX dossiers_pending_name ON dossiers(sort_due, id, name_key)
    WHERE status IN ('received', 'in_progress', 'supplement');
"#;

// Issue 9: the due date a resume gives is kept with its pause, as the receipt's is with the
// dossier: a later edit of the holiday table (`motcua holidays update`) then moves no due date
// already given, and the report of a past period stays as it was. Filled for the pauses already
// resumed from the same derivation the resume made (history::record_resume_dues). The report of
// a past period reads the pauses open at its end (to_at NULL, begun before the end) and those
// begun or resumed after it, each by an index range.
const PAUSE_DUES: &str = r#"
ALTER TABLE pauses ADD COLUMN due_after TEXT;
DROP INDEX pauses_open;
CREATE INDEX pauses_open ON pauses(to_at, from_at, dossier_id);
CREATE INDEX pauses_from ON pauses(from_at, dossier_id);
"#;

// The papers the office signs (issue 13). The number of sets handed in is kept as given at
// intake (the appointment of the receipt is TYPED_HISTORY's appointment_at_intake). Each
// supplement request (Mẫu 02) is kept with who gave it, when, and what it asked, so it can be
// printed again; one given at intake has no dossier yet.
const PAPERS: &str = r#"
ALTER TABLE dossiers ADD COLUMN sets INTEGER NOT NULL DEFAULT 1 CHECK (sets BETWEEN 1 AND 99);

CREATE TABLE supplement_requests (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    dossier_id     INTEGER REFERENCES dossiers(id),
    procedure_code TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    applicant_id   TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    papers         TEXT NOT NULL DEFAULT '[]',
    reason         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supplement_requests_dossier ON supplement_requests(dossier_id, id);
"#;

// Issue 9 (figures2): a pause of a procedure whose limit is written in calendar days keeps its
// days left in calendar days and counts them again so on resume. Existing pauses were counted
// in working days: the default says so.
const PAUSE_DAY_KIND: &str = r#"
ALTER TABLE pauses ADD COLUMN day_kind TEXT NOT NULL DEFAULT 'working';
"#;

/// The required papers in English (catalogue column required_documents_en), one a line in the
/// order of `papers`, and the short name in English (short_name_en); a database made before
/// gets them when the catalogue is imported again.
const PAPERS_EN: &str = r#"
ALTER TABLE procedures ADD COLUMN papers_en TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN short_name_en TEXT NOT NULL DEFAULT '';
"#;

// Issue 14 (database size): the names of the papers a dossier came with were stored in full in
// every row (~350 bytes of JSON, half the row). A new row keeps `[[id, original, count], …]`
// over this append-only list of names instead (a copy of one set as its id alone since the
// compact events below; see paper_names.rs); rows written before keep their
// JSON, which is read as it is. Names are never changed or deleted, so an old dossier's papers
// never change meaning.
const PAPER_NAMES: &str = r#"
CREATE TABLE paper_names (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TRIGGER paper_names_keep_update BEFORE UPDATE ON paper_names
    BEGIN SELECT RAISE(ABORT, 'motcua: paper names are never changed'); END;
CREATE TRIGGER paper_names_keep_delete BEFORE DELETE ON paper_names
    BEGIN SELECT RAISE(ABORT, 'motcua: paper names are never deleted'); END;
"#;

// The applicant's email, printed on the receipt (Mẫu 01); '' when not given.
const APPLICANT_EMAIL: &str = r#"
ALTER TABLE dossiers ADD COLUMN email TEXT NOT NULL DEFAULT '';
"#;

// Issue 14 (database size, ~1,250 → under 900 bytes a dossier at 1M). The events table is
// rebuilt without `prev_hash` (it is the previous event's MAC, recomputed by `audit verify` as it
// walks), with `at` as INTEGER seconds of the naive local time (store::event_at: 4 bytes instead
// of 19), `from_status` NULL where it is the status the dossier's previous event left (nearly
// always; dossiers::stored_from), and the MACs kept only at checkpoints (audit.rs: the rechain
// this asks for writes them).
// The guard triggers go with the old table and are put back by the `then`. `dossiers_name_key`
// served no query since names are searched by words (FTS5 and dossiers_pending_name; EXPLAIN
// QUERY PLAN of every name search in queue.rs), and the word index keeps no column sizes (no
// query ranks by bm25): rebuilt with `columnsize = 0`, the same words and prefixes.
const COMPACT_EVENTS: &str = r#"
DROP TRIGGER IF EXISTS events_keep_update;
DROP TRIGGER IF EXISTS events_keep_delete;
CREATE TABLE events_compact (
    id                INTEGER PRIMARY KEY,
    dossier_id        INTEGER NOT NULL REFERENCES dossiers(id),
    at                INTEGER NOT NULL,
    actor             TEXT NOT NULL,
    from_status       TEXT,
    to_status         TEXT NOT NULL,
    note              TEXT NOT NULL DEFAULT '',
    hash              BLOB,
    kind              TEXT NOT NULL DEFAULT 'move',
    due_before        TEXT,
    due_after         TEXT,
    appointment_after TEXT,
    assignee_from     TEXT,
    assignee_to       TEXT,
    reason            TEXT NOT NULL DEFAULT '',
    agency            TEXT NOT NULL DEFAULT '',
    row_hash          BLOB
);
INSERT INTO events_compact(id, dossier_id, at, actor, from_status, to_status, note, hash, kind, due_before,
        due_after, appointment_after, assignee_from, assignee_to, reason, agency, row_hash)
    SELECT id, dossier_id, unixepoch(at), actor,
        CASE WHEN from_status IS lag(to_status) OVER by_dossier THEN NULL ELSE coalesce(from_status, '') END,
        to_status, note, hash, kind, due_before, due_after, appointment_after, assignee_from, assignee_to, reason,
        agency, row_hash
    FROM events WINDOW by_dossier AS (PARTITION BY dossier_id ORDER BY id) ORDER BY id;
DROP TABLE events;
ALTER TABLE events_compact RENAME TO events;
CREATE INDEX events_dossier ON events(dossier_id, id);

DROP INDEX IF EXISTS dossiers_name_key;
DROP TABLE dossier_names;
CREATE VIRTUAL TABLE dossier_names USING fts5(
    name_key, content = 'dossiers', content_rowid = 'id', tokenize = 'ascii', prefix = '1 2 3 4 5 6', detail = 'none',
    columnsize = 0
);
INSERT INTO dossier_names(dossier_names) VALUES ('rebuild');
"#;

// Issue 14 (report speed): for each dossier that has had a pause, when it was received and the
// last time one of its pauses began or ended, kept by triggers. A past period's report judges
// again the dossiers with a pause begun or resumed after the period, if received by then
// (report.rs); finding those from the pauses and reading each dossier's row to see when it was
// received was most of a year's report at 1M dossiers. Here it is one index range. Dossiers
// are never deleted and pause times only move forward, so a row only grows stale upwards (a
// dossier judged again needlessly, which report.rs rules out); one missing or behind would be
// missed, which `motcua check` looks for.
const PAUSED_RECEIVED: &str = r#"
CREATE TABLE paused_received (
    dossier_id  INTEGER PRIMARY KEY REFERENCES dossiers(id),
    received_at TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE INDEX paused_received_changed ON paused_received(changed_at, received_at);
INSERT INTO paused_received(dossier_id, received_at, changed_at)
    SELECT p.dossier_id, d.received_at, max(coalesce(max(p.from_at, p.to_at), p.from_at))
    FROM pauses p JOIN dossiers d ON d.id = p.dossier_id GROUP BY p.dossier_id ORDER BY 1;
CREATE TRIGGER paused_received_insert AFTER INSERT ON pauses BEGIN
    INSERT INTO paused_received(dossier_id, received_at, changed_at)
        SELECT id, received_at, coalesce(max(NEW.from_at, NEW.to_at), NEW.from_at) FROM dossiers WHERE id = NEW.dossier_id
        ON CONFLICT(dossier_id) DO UPDATE SET changed_at = max(changed_at, excluded.changed_at);
END;
CREATE TRIGGER paused_received_update AFTER UPDATE OF from_at, to_at ON pauses BEGIN
    UPDATE paused_received SET changed_at = max(changed_at, coalesce(max(NEW.from_at, NEW.to_at), NEW.from_at))
        WHERE dossier_id = NEW.dossier_id;
END;
CREATE TRIGGER paused_received_received AFTER UPDATE OF received_at ON dossiers BEGIN
    UPDATE paused_received SET received_at = NEW.received_at WHERE dossier_id = NEW.id;
END;
-- Only the report's search of the pauses begun after a day used it.
DROP INDEX IF EXISTS pauses_from;
"#;

// The indexes a long load into a new database drops and builds once at its end (bulk.rs), each
// with the process doing it: a load killed in between (Ctrl-C, a crash, a power cut) leaves its
// rows here, and the next open builds the indexes again (Store::restore_deferred_indexes).
const DEFERRED_INDEXES: &str = r#"
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL,
    pid  INTEGER NOT NULL
) WITHOUT ROWID;
"#;

// Issue 12 (a letter at 1M): the distinct folded names, each with how many dossiers have it, and
// their own word index with the options of dossier_names (names.rs FORM_TRIGGERS keeps the
// counts; the triggers here keep the words of the forms). A few thousand forms against a
// million names: a search of common words learns here that no name has them all.
const NAME_FORMS: &str = r#"
CREATE TABLE name_forms (
    id       INTEGER PRIMARY KEY,
    name_key TEXT NOT NULL UNIQUE,
    n        INTEGER NOT NULL
);
INSERT INTO name_forms(name_key, n) SELECT name_key, count(*) FROM dossiers GROUP BY name_key ORDER BY name_key;
CREATE VIRTUAL TABLE name_form_words USING fts5(
    name_key, content = 'name_forms', content_rowid = 'id', tokenize = 'ascii', prefix = '1 2 3 4 5 6', detail = 'none',
    columnsize = 0
);
INSERT INTO name_form_words(name_form_words) VALUES ('rebuild');
CREATE TRIGGER name_form_words_ai AFTER INSERT ON name_forms BEGIN
    INSERT INTO name_form_words(rowid, name_key) VALUES (new.id, new.name_key);
END;
CREATE TRIGGER name_form_words_ad AFTER DELETE ON name_forms BEGIN
    INSERT INTO name_form_words(name_form_words, rowid, name_key) VALUES ('delete', old.id, old.name_key);
END;
"#;
