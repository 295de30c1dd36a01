//! The worker thread: it owns the database connection and runs the effects, so a slow commit
//! never holds up typing. Between effects, and after each batch of them, it looks at
//! `PRAGMA data_version`: our own commits do not move it, others' do — also those made while
//! our effects ran, which are reported, not swallowed. It also says when the minute changes.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::store::Store;

use super::effects::{self, Effect, Msg};

/// How often the worker looks for other clerks' commits while idle.
pub const WATCH_EVERY: Duration = Duration::from_millis(1000);

/// What the worker has seen of the database and the clock.
struct Watch {
    seen: i64,
    minute: String,
}

impl Watch {
    /// The messages a look at the database's version and the clock calls for.
    fn look(&mut self, version: i64, now: chrono::NaiveDateTime) -> Vec<Msg> {
        let mut out = vec![];
        let minute = now.format("%H:%M").to_string();
        if minute != self.minute || version != self.seen {
            self.minute = minute;
            out.push(Msg::Now(now));
        }
        if version != self.seen {
            self.seen = version;
            out.push(Msg::DataChanged);
        }
        out
    }
}

/// Tells the screen when the worker ends by a panic (it would else wait for answers forever).
struct GoneNotice<F: Fn(Msg) -> bool>(F);

impl<F: Fn(Msg) -> bool> Drop for GoneNotice<F> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            (self.0)(Msg::WorkerGone);
        }
    }
}

/// A draft saved as the clerk types is only worth writing in its latest form; a search typed
/// ahead of the worker only in its latest text (the screen drops the answers of the older ones
/// anyway, by their number: running them would only delay the one it waits for).
fn coalesce(batch: Vec<Effect>) -> Vec<Effect> {
    let last_draft = batch.iter().rposition(|e| matches!(e, Effect::SaveDraft(_)));
    let last_search = batch.iter().rposition(|e| matches!(e, Effect::Search { .. }));
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, e)| match e {
            Effect::SaveDraft(_) => Some(*i) == last_draft,
            Effect::Search { .. } => Some(*i) == last_search,
            _ => true,
        })
        .map(|(_, e)| e)
        .collect()
}

/// Runs effects from `fx` as `login` until Quit; `send` delivers the answers (false: nobody
/// listens any more).
pub fn spawn(
    mut store: Store,
    login: String,
    fx: Receiver<Effect>,
    send: impl Fn(Msg) -> bool + Send + Clone + 'static,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let _notice = GoneNotice(send.clone());
        let now = || crate::clock::now().unwrap_or_default();
        let mut watch = Watch { seen: store.data_version().unwrap_or(0), minute: now().format("%H:%M").to_string() };
        loop {
            match fx.recv_timeout(WATCH_EVERY) {
                Ok(Effect::Quit) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(first) => {
                    let mut batch = vec![first];
                    batch.extend(fx.try_iter());
                    let quit = batch.contains(&Effect::Quit);
                    for e in coalesce(batch) {
                        for m in effects::execute(&mut store, &login, e, now()) {
                            if !send(m) {
                                return;
                            }
                        }
                    }
                    if quit {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            let version = store.data_version().unwrap_or(watch.seen);
            for m in watch.look(version, now()) {
                if !send(m) {
                    return;
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_commit_by_another_clerk_during_our_effects_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let store = crate::cli::create_database(&path, Some("000.17.22.H56"), Some("UBND xã Thử"), "head").unwrap();
        let mut other = Store::open(&path).unwrap();
        let (fx_tx, fx_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        let worker = spawn(store, "head".into(), fx_rx, move |m| tx.send(m).is_ok());
        // The worker is up and has read the version: its first answer is back.
        fx_tx.send(Effect::LoadDraft).unwrap();
        assert_eq!(rx.recv_timeout(WATCH_EVERY * 3), Ok(Msg::Draft(None)));
        // Another clerk commits, then an effect of ours runs before the next idle look: the
        // commit must still come back as DataChanged (it used to be taken for our own).
        let staff = crate::store::Staff {
            login: "nga".into(),
            full_name: "Đỗ Thị Nga".into(),
            role: crate::domain::status::Role::Clerk,
            active: true,
        };
        other.add_staff("head", &staff).unwrap();
        fx_tx.send(Effect::LoadDraft).unwrap();
        let mut changed = false;
        while let Ok(m) = rx.recv_timeout(WATCH_EVERY * 3) {
            if m == Msg::DataChanged {
                changed = true;
                break;
            }
        }
        fx_tx.send(Effect::Quit).unwrap();
        worker.join().unwrap();
        assert!(changed, "the other clerk's commit was reported");
    }

    #[test]
    fn a_worker_that_panics_says_so() {
        let (tx, rx) = mpsc::channel();
        let t = std::thread::spawn(move || {
            let _notice = GoneNotice(move |m| tx.send(m).is_ok());
            panic!("a bug in an effect");
        });
        assert!(t.join().is_err());
        assert_eq!(rx.try_recv(), Ok(Msg::WorkerGone));
        // A worker that ends normally (Quit) says nothing.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _notice = GoneNotice(move |m| tx.send(m).is_ok());
        })
        .join()
        .unwrap();
        assert!(rx.try_recv().is_err());
    }

    #[test]
    fn searches_typed_ahead_run_only_in_their_latest_text() {
        let search =
            |req: u64, text: &str| Effect::Search { req, text: text.into(), after: None, offset: 0, limit: 20 };
        let batch = vec![search(1, "t"), Effect::LoadDraft, search(2, "tr"), search(3, "tra")];
        assert_eq!(coalesce(batch), vec![Effect::LoadDraft, search(3, "tra")]);
        // One search alone is run as it is.
        assert_eq!(coalesce(vec![search(4, "tran")]), vec![search(4, "tran")]);
    }

    #[test]
    fn the_clock_moves_on_at_each_minute() {
        let t = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let mut w = Watch { seen: 7, minute: "10:30".into() };
        assert!(w.look(7, t("2026-11-20 10:30:59")).is_empty());
        assert_eq!(w.look(7, t("2026-11-20 10:31:00")), vec![Msg::Now(t("2026-11-20 10:31:00"))]);
        assert_eq!(w.look(8, t("2026-11-20 10:31:02")), vec![Msg::Now(t("2026-11-20 10:31:02")), Msg::DataChanged]);
    }
}
