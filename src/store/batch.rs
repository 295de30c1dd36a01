//! Long writes in short transactions, so that nobody waits on them: an import, the demo, a
//! restore or a migration holds the write lock for one batch at a time (about 100 ms, well
//! under the 200 ms the counter allows), and a clerk's intake slips in between two batches.

use std::time::Duration;

use anyhow::Result;
use rusqlite::{Connection, TransactionBehavior};

use super::{audit, Refusal, Store};

/// How long one batch may hold the write lock before it commits.
pub const BATCH_TIME: Duration = Duration::from_millis(100);

/// The pause between two batches: waiting writers poll every 0.5–2.5 ms (see
/// `wait_for_lock`), so in this gap they take the lock before the next batch does.
pub const BATCH_GAP: Duration = Duration::from_millis(5);

/// How far a batched write got when it failed: the first `done` items are saved.
#[derive(Debug)]
pub struct Partial {
    pub done: usize,
    pub error: anyhow::Error,
}

/// Between two batches of a long write: a pause of [`BATCH_GAP`] for the writers waiting on the
/// lock, then more of them while someone else committed during the last one (a queue of
/// intakes drains before the next batch takes the lock), up to [`BATCH_TIME`] in all — so a
/// clerk waits about one batch, not one for each clerk ahead of them, and the long write still
/// gets at least half of the time.
pub(super) fn let_writers_in(conn: &Connection) {
    // PRAGMA data_version changes when another connection has committed (not on our own commits).
    let version = || conn.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0)).ok();
    let mut seen = version();
    let mut waited = Duration::ZERO;
    loop {
        std::thread::sleep(BATCH_GAP);
        waited += BATCH_GAP;
        let now = version();
        if now == seen || now.is_none() || waited >= BATCH_TIME {
            return;
        }
        seen = now;
    }
}

impl Store {
    /// Finishes a rechain a migration asked for (or one cut short by a crash): one batch of
    /// [`BATCH_TIME`] per transaction, so a clerk's write slips in between; each batch records
    /// how far it got, so the next open goes on from there. Nothing to do on most opens.
    pub(crate) fn finish_rechain(&mut self) -> Result<()> {
        if self.key.is_none() || !audit::rechain_pending(&self.conn)? {
            return Ok(());
        }
        loop {
            let _key = audit::key_scope(self.key);
            let tx =
                self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(Refusal::from_sqlite)?;
            let done = audit::rechain_step(&tx, Some(BATCH_TIME))?;
            tx.commit().map_err(Refusal::from_sqlite)?;
            if done {
                return Ok(());
            }
            std::thread::sleep(BATCH_GAP);
        }
    }
}
