//! The full-screen application. State + Action + a pure `update` returning effects + a view
//! that only draws (STYLE.md). The loop blocks on events and draws only when something
//! changed: nothing runs while the clerk is idle but a once-a-second look at
//! `PRAGMA data_version` on the worker thread, which wakes the screen when another clerk has
//! committed, or when the minute on the clock changes. Printing to a spooler or a file runs
//! on its own thread, so a slow `lp` never holds up typing.

mod actions;
mod answers;
pub mod draw;
pub mod effects;
pub mod input;
pub mod keymap;
#[cfg(test)]
mod no_cycles;
pub mod outputs;
pub mod popups;
mod reload;
mod safe;
pub mod screens;
pub mod state;
pub mod strings;
pub mod target;
pub mod theme;
pub mod update;
pub mod view;
mod worker;

use std::io::{BufWriter, Stdout, Write};
use std::path::Path;
use std::sync::mpsc;

use anyhow::Result;
use crossterm::event::{self, Event};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, queue as cqueue};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::forms::print::Destination;
use crate::store::Store;
use effects::{Effect, Msg};
use state::State;
use theme::Theme;
use update::Input;

/// SQLite page cache of the screens' connection.
pub const SCREEN_CACHE_KIB: u32 = 4096;

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
        // A stop and continue (Ctrl-Z, SIGCONT) interrupts the read: read again. A terminal that
        // is gone keeps failing: give up after a run of failures.
        let mut failures = 0;
        loop {
            match event::read() {
                Ok(ev) => {
                    failures = 0;
                    if input_tx.send(Wake::Term(ev)).is_err() {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted || failures < 50 => {
                    failures += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(_) => break,
            }
        }
    });

    let print_tx = wake_tx.clone();
    let worker_tx = wake_tx.clone();
    let worker = worker::spawn(store, login.to_string(), fx_rx, move |m| worker_tx.send(Wake::Msg(m)).is_ok());
    drop(wake_tx);

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
                    // Pass-through printing goes where the terminal is: it writes to it.
                    Effect::Print(job, Ok(Destination::Passthrough)) => {
                        answers.push(Input::Msg(effects::print_now(
                            &job,
                            &Ok(Destination::Passthrough),
                            term.backend_mut(),
                        )));
                        term.backend_mut().flush()?;
                    }
                    // A spooler or a file: on a thread of its own.
                    Effect::Print(job, dest) => {
                        let tx = print_tx.clone();
                        std::thread::spawn(move || {
                            let _ = tx.send(Wake::Msg(effects::print_now(&job, &dest, &mut std::io::sink())));
                        });
                    }
                    fx => {
                        if fx_tx.send(fx).is_err() && !st.worker_gone {
                            answers.push(Input::Msg(Msg::WorkerGone));
                        }
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
