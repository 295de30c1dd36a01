//! Long writes in short transactions, so that nobody waits on them: an import, the demo, a
//! restore or a migration holds the write lock for one batch at a time (about 100 ms, well
//! under the 200 ms the counter allows), and a clerk's intake slips in between two batches.

use std::time::{Duration, Instant};

use anyhow::Result;
use rusqlite::{Transaction, TransactionBehavior};

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

impl Store {
    /// Runs `each` over `items`, committing whenever a batch has taken [`BATCH_TIME`]. Between
    /// two batches the lock is free for a moment, and other writers get it. On an error, the
    /// items of the batches before are saved, the failing batch is not: [`Partial`] says how
    /// many. `after_batch` runs outside any transaction (progress, a pause in tests).
    pub fn write_in_batches<T>(
        &mut self,
        items: &[T],
        mut each: impl FnMut(&Transaction, &T) -> Result<()>,
        mut after_batch: impl FnMut(usize),
    ) -> std::result::Result<usize, Partial> {
        let mut done = 0;
        while done < items.len() {
            let batch = (|| -> Result<usize> {
                let _key = audit::key_scope(self.key);
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(Refusal::from_sqlite)?;
                let start = Instant::now();
                let mut n = 0;
                for item in &items[done..] {
                    each(&tx, item).map_err(Refusal::from_any)?;
                    n += 1;
                    if start.elapsed() >= BATCH_TIME {
                        break;
                    }
                }
                tx.commit().map_err(Refusal::from_sqlite)?;
                Ok(n)
            })();
            match batch {
                Ok(n) => {
                    done += n;
                    after_batch(done);
                    // Let a waiting clerk's write in before the next batch takes the lock.
                    if done < items.len() {
                        std::thread::sleep(BATCH_GAP);
                    }
                }
                Err(error) => return Err(Partial { done, error }),
            }
        }
        Ok(done)
    }

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
