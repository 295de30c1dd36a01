//! The full-screen application. State + Action + a pure `update` returning effects + a view
//! that only draws (STYLE.md). The loop blocks on events and draws only when something
//! changed: nothing runs while the clerk is idle but a once-a-second look at
//! `PRAGMA data_version` on the worker thread, which wakes the screen only when another
//! clerk has committed.

pub mod admin;
pub mod admin_form;
mod admin_view;
pub mod dashboard;
mod dashboard_view;
mod detail;
mod document;
pub mod effects;
mod help;
pub mod input;
pub mod intake;
mod intake_view;
pub mod keymap;
mod modal;
mod queue;
mod safe;
pub mod state;
pub mod strings;
pub mod theme;
pub mod update;
pub mod view;

use std::io::{BufWriter, Stdout, Write};
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use anyhow::Result;
use crossterm::event::{self, Event};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, queue as cqueue};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::store::Store;
use effects::{Effect, Msg};
use state::State;
use theme::Theme;
use update::Input;

/// SQLite page cache of the screens' connection.
pub const SCREEN_CACHE_KIB: u32 = 4096;

/// How often the worker looks for other clerks' commits.
const WATCH_EVERY: Duration = Duration::from_millis(1000);

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Puts the terminal back however the program ends: normal return, error or panic.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(std::io::stdout(), EnterAlternateScreen, cursor::Hide)?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        Ok(guard)
    }
}

fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(std::io::stdout(), LeaveAlternateScreen, cursor::Show);
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

enum Wake {
    Term(Event),
    Msg(Msg),
    /// SIGTERM, SIGHUP, SIGQUIT: end as on quit (the draft is already saved as typed).
    End,
    /// Ctrl-Z or SIGTSTP: give the terminal back and stop until resumed.
    Suspend,
    /// SIGCONT after a stop from outside: the screen may have been drawn over.
    Resumed,
}

/// The signals the screens answer, forwarded to the main loop as wake-ups: the terminal is
/// put back by the same code as on quit, never from inside a signal handler.
fn forward_signals(tx: mpsc::Sender<Wake>) -> Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for sig in signals.forever() {
            let wake = match sig {
                SIGTSTP => Wake::Suspend,
                SIGCONT => Wake::Resumed,
                _ => Wake::End,
            };
            if tx.send(wake).is_err() {
                break;
            }
        }
    });
    Ok(handle)
}

/// Gives the terminal back, stops the process as the default SIGTSTP would, and on resume
/// takes the terminal again and redraws everything.
fn suspend(term: &mut Term) -> Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    resume(term)
}

fn resume(term: &mut Term) -> Result<()> {
    terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen, cursor::Hide)?;
    term.clear()?;
    Ok(())
}

fn is_ctrl_z(w: &Wake) -> bool {
    use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    matches!(w, Wake::Term(Event::Key(k))
        if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) && k.kind != KeyEventKind::Release)
}

fn draw(term: &mut Term, st: &State, theme: &Theme) -> Result<()> {
    // Synchronized update: the terminal shows the whole frame at once, never half of it.
    cqueue!(term.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    term.draw(|f| view::draw(f, st, theme))?;
    cqueue!(term.backend_mut(), terminal::EndSynchronizedUpdate)?;
    term.backend_mut().flush()?;
    Ok(())
}

/// Opens the screens on `db` as `login` until the clerk quits.
pub fn run(db: &Path, login: &str, theme: Theme) -> Result<()> {
    // Open before touching the terminal, so a bad file gets a plain one-line message.
    let store = Store::open(db)?;
    store.set_cache_kib(SCREEN_CACHE_KIB)?;
    let ready = effects::ready(&store, login)?;
    let now = crate::clock::now()?;

    let _guard = TerminalGuard::enter()?;
    let mut term = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(1 << 16, std::io::stdout())))?;
    let size = term.size()?;
    let mut st = State::new(login, now, (size.width, size.height));

    let (wake_tx, wake_rx) = mpsc::channel::<Wake>();
    let (fx_tx, fx_rx) = mpsc::channel::<Effect>();

    let signals = forward_signals(wake_tx.clone())?;
    let input_tx = wake_tx.clone();
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if input_tx.send(Wake::Term(ev)).is_err() {
                break;
            }
        }
    });

    let worker_login = login.to_string();
    let worker = std::thread::spawn(move || {
        let mut store = store;
        let mut seen = store.data_version().unwrap_or(0);
        loop {
            match fx_rx.recv_timeout(WATCH_EVERY) {
                Ok(Effect::Quit) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(fx) => {
                    let mut batch = vec![fx];
                    batch.extend(fx_rx.try_iter());
                    let quit = batch.contains(&Effect::Quit);
                    for fx in coalesce(batch) {
                        let now = crate::clock::now().unwrap_or_default();
                        for m in effects::execute(&mut store, &worker_login, fx, now) {
                            if wake_tx.send(Wake::Msg(m)).is_err() {
                                return;
                            }
                        }
                    }
                    seen = store.data_version().unwrap_or(seen);
                    if quit {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    let v = store.data_version().unwrap_or(seen);
                    if v != seen {
                        seen = v;
                        let now = crate::clock::now().unwrap_or_default();
                        let _ = wake_tx.send(Wake::Msg(Msg::Now(now)));
                        let _ = wake_tx.send(Wake::Msg(Msg::DataChanged));
                    }
                }
            }
        }
    });

    let mut pending = vec![Input::Msg(ready)];
    for fx in update::start(&mut st) {
        let _ = fx_tx.send(fx);
    }
    draw(&mut term, &st, &theme)?;
    'run: loop {
        let mut woken = vec![];
        if pending.is_empty() {
            match wake_rx.recv() {
                Ok(w) => woken.push(w),
                Err(_) => break,
            }
        }
        // Take every key already typed before drawing again: fast typists and slow links.
        woken.extend(wake_rx.try_iter());
        for w in woken {
            match w {
                Wake::End => break 'run,
                Wake::Suspend => {
                    suspend(&mut term)?;
                    pending.push(Input::Msg(Msg::Now(crate::clock::now().unwrap_or_default())));
                }
                w if is_ctrl_z(&w) => {
                    suspend(&mut term)?;
                    pending.push(Input::Msg(Msg::Now(crate::clock::now().unwrap_or_default())));
                }
                Wake::Resumed => {
                    resume(&mut term)?;
                    pending.push(Input::Msg(Msg::Now(crate::clock::now().unwrap_or_default())));
                }
                w => pending.push(to_input(w)),
            }
        }
        let mut changed = false;
        let mut answers = vec![];
        for input in pending.drain(..) {
            changed = true;
            if let Input::Resize(..) = input {
                term.autoresize()?;
            }
            for fx in update::update(&mut st, input) {
                match fx {
                    // Printing goes where the terminal is: pass-through writes to it.
                    Effect::Print(job, dest) => {
                        answers.push(Input::Msg(effects::print_now(&job, &dest, term.backend_mut())));
                        term.backend_mut().flush()?;
                    }
                    fx => {
                        let _ = fx_tx.send(fx);
                    }
                }
            }
        }
        pending.extend(answers);
        if st.quit {
            break;
        }
        if changed {
            draw(&mut term, &st, &theme)?;
        }
    }
    signals.close();
    // The worker finishes what was queued (the last draft among it) before it stops.
    let _ = fx_tx.send(Effect::Quit);
    let _ = worker.join();
    Ok(())
}

/// A draft saved as the clerk types is only worth writing in its latest form.
fn coalesce(batch: Vec<Effect>) -> Vec<Effect> {
    let last_draft = batch.iter().rposition(|e| matches!(e, Effect::SaveDraft(_)));
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, e)| !matches!(e, Effect::SaveDraft(_)) || Some(*i) == last_draft)
        .map(|(_, e)| e)
        .collect()
}

fn to_input(w: Wake) -> Input {
    match w {
        Wake::Msg(m) => Input::Msg(m),
        Wake::Term(Event::Key(k)) => Input::Key(k),
        Wake::Term(Event::Resize(w, h)) => Input::Resize(w, h),
        // Mouse, focus and paste events change nothing on screen; the signals are handled before.
        Wake::Term(_) | Wake::End | Wake::Suspend | Wake::Resumed => {
            Input::Msg(Msg::Now(crate::clock::now().unwrap_or_default()))
        }
    }
}
