//! Screen benchmark (issue 3): on a large database, how long from opening to the first queue
//! frame, from a key to its frame (move, page, tab, search), and how many bytes one cursor
//! move sends to the terminal. Run:
//!   cargo run --release --example bench_tui -- bench-data/big.db
//! It drives the same `update`, effects and view as the real loop, without a terminal.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use motcua::store::Store;
use motcua::tui::effects::{execute, ready, Effect};
use motcua::tui::state::State;
use motcua::tui::theme::Theme;
use motcua::tui::update::{start, update, Input};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

/// A terminal that counts what it is sent.
#[derive(Clone, Default)]
struct Counter(Arc<Mutex<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        *self.0.lock().unwrap() += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Bench {
    store: Store,
    st: State,
    term: Terminal<CrosstermBackend<Counter>>,
    bytes: Counter,
    theme: Theme,
    login: String,
}

impl Bench {
    fn settle(&mut self, fx: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = fx.into();
        while let Some(e) = queue.pop_front() {
            let now = self.st.now;
            for m in execute(&mut self.store, &self.login, e, now) {
                queue.extend(update(&mut self.st, Input::Msg(m)));
            }
        }
    }
    fn draw(&mut self) {
        let (st, theme) = (&self.st, &self.theme);
        self.term.draw(|f| motcua::tui::view::draw(f, st, theme)).unwrap();
    }
    /// A letter typed in the search box: its time to the frame, kept with the text so far and
    /// the time this thread spent on a CPU (what the shared machine's load does not inflate).
    fn letter(&mut self, c: char, typed: &mut String, log: &mut Vec<(Duration, Duration, String)>) -> Duration {
        typed.push(c);
        let on_cpu = cpu();
        let t = self.key(KeyCode::Char(c)).0;
        log.push((t, cpu() - on_cpu, typed.clone()));
        t
    }

    /// One key: update, effects, frame. Returns the time and the bytes sent.
    fn key(&mut self, code: KeyCode) -> (Duration, usize) {
        let before = *self.bytes.0.lock().unwrap();
        let t = Instant::now();
        let fx = update(&mut self.st, Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.settle(fx);
        self.draw();
        (t.elapsed(), *self.bytes.0.lock().unwrap() - before)
    }
}

impl Bench {
    /// A key whose effects run on the worker in the real loop (typing saves the draft there):
    /// the time to its frame, then the effects, untimed.
    fn typed(&mut self, code: KeyCode) -> Duration {
        let t = Instant::now();
        let fx = update(&mut self.st, Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.draw();
        let took = t.elapsed();
        self.settle(fx);
        took
    }
}

/// This thread's time on a CPU.
fn cpu() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given and nothing else.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let db = std::env::args().nth(1).unwrap_or_else(|| "bench-data/big.db".into());
    let login = std::env::var("MOTCUA_USER").unwrap_or_else(|_| "bench".into());
    let now = motcua::clock::now().unwrap();

    let t0 = Instant::now();
    let store = Store::open(std::path::Path::new(&db)).unwrap();
    store.set_cache_kib(motcua::tui::SCREEN_CACHE_KIB).unwrap();
    let bytes = Counter::default();
    let term = Terminal::with_options(
        CrosstermBackend::new(bytes.clone()),
        ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)) },
    )
    .unwrap();
    let mut b = Bench {
        store,
        st: State::new(&login, now, (80, 24)),
        term,
        bytes,
        theme: Theme { mono: false, ascii: false },
        login: login.clone(),
    };
    let opened = t0.elapsed();
    let msg = ready(&b.store, &login).unwrap();
    let readied = t0.elapsed();
    let mut fx = update(&mut b.st, Input::Msg(msg));
    fx.extend(start(&mut b.st));
    b.settle(fx);
    let paged = t0.elapsed();
    b.draw();
    let first = t0.elapsed();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "open → first queue frame: {:.2} ms ({} pending): open {:.2}, staff and catalogue {:.2}, first page {:.2}, draw {:.2}",
        ms(first),
        b.st.queue.list.total,
        ms(opened),
        ms(readied - opened),
        ms(paged - readied),
        ms(first - paged)
    );

    let runs = 50;
    let mut moves = vec![];
    let mut move_bytes = vec![];
    for i in 0..runs {
        let (t, n) = b.key(if i % 2 == 0 { KeyCode::Down } else { KeyCode::Up });
        moves.push(t);
        move_bytes.push(n);
    }
    move_bytes.sort();
    println!(
        "key → frame, cursor move: median {:.3} ms; bytes per move: median {} max {}",
        median(moves).as_secs_f64() * 1e3,
        move_bytes[move_bytes.len() / 2],
        move_bytes[move_bytes.len() - 1]
    );
    let pages: Vec<Duration> = (0..runs).map(|_| b.key(KeyCode::PageDown).0).collect();
    println!("key → frame, page down: median {:.3} ms", median(pages).as_secs_f64() * 1e3);
    let ends: Vec<Duration> = (0..10).map(|i| b.key(if i % 2 == 0 { KeyCode::End } else { KeyCode::Home }).0).collect();
    println!("key → frame, End/Home: median {:.3} ms", median(ends).as_secs_f64() * 1e3);
    let tabs: Vec<Duration> = (0..30).map(|_| b.key(KeyCode::Tab).0).collect();
    println!("key → frame, tab switch: median {:.3} ms", median(tabs).as_secs_f64() * 1e3);
    while b.st.queue.tab() != motcua::store::Tab::Pending {
        b.key(KeyCode::Tab);
    }

    // Search as you type: each letter of "nguyen van" is a key with its own query and frame.
    let mut log = vec![];
    let mut letters = vec![];
    for _ in 0..5 {
        b.key(KeyCode::Char('/'));
        let mut typed = String::new();
        for c in "nguyen van".chars() {
            letters.push(b.letter(c, &mut typed, &mut log));
        }
        b.key(KeyCode::Esc);
    }
    println!(
        "key → frame, search typing \"nguyen van\": median {:.3} ms, max {:.3} ms",
        median(letters.clone()).as_secs_f64() * 1e3,
        letters.iter().max().unwrap().as_secs_f64() * 1e3
    );
    let mut names = vec![];
    for q in ["tran thi", "le van h", "pham", "0912", "038"] {
        b.key(KeyCode::Char('/'));
        let mut last = Duration::ZERO;
        let mut typed = String::new();
        for c in q.chars() {
            last = b.letter(c, &mut typed, &mut log);
        }
        names.push(last);
        b.key(KeyCode::Esc);
    }
    println!(
        "key → frame, last letter of other searches (names, phone, ID): median {:.3} ms, max {:.3} ms",
        median(names.clone()).as_secs_f64() * 1e3,
        names.iter().max().unwrap().as_secs_f64() * 1e3
    );
    // A rare name of three words, letter by letter: few dossiers carry it, so the pending part
    // of the search cannot stop early on a page of matches.
    let mut rare = vec![];
    for _ in 0..3 {
        b.key(KeyCode::Char('/'));
        let mut typed = String::new();
        for c in "dinh bich tuyet".chars() {
            rare.push(b.letter(c, &mut typed, &mut log));
        }
        b.key(KeyCode::Esc);
    }
    println!(
        "key → frame, a rare name typed \"dinh bich tuyet\": median {:.3} ms, max {:.3} ms",
        median(rare.clone()).as_secs_f64() * 1e3,
        rare.iter().max().unwrap().as_secs_f64() * 1e3
    );
    // Every letter of the parts of names a citizen gives at the counter, typed once each.
    let mut parts = vec![];
    for q in ["thi oanh", "phuong yen", "oanh", "le thi h", "tran van t", "nguyen thi b", "hoang ngoc o", "+84 912"] {
        b.key(KeyCode::Char('/'));
        let mut typed = String::new();
        for c in q.chars() {
            parts.push(b.letter(c, &mut typed, &mut log));
        }
        b.key(KeyCode::Esc);
    }
    println!(
        "key → frame, every letter of \"thi oanh\", \"phuong yen\", \"oanh\", \"le thi h\" and 4 more: median {:.3} ms, max {:.3} ms",
        median(parts.clone()).as_secs_f64() * 1e3,
        parts.iter().max().unwrap().as_secs_f64() * 1e3
    );
    log.sort_by_key(|l| std::cmp::Reverse(l.0));
    let slowest: Vec<String> =
        log.iter().take(6).map(|(t, c, q)| format!("{q:?} {:.3} (cpu {:.3})", ms(*t), ms(*c))).collect();
    println!("key → frame, the slowest search letters, ms: {}", slowest.join(", "));
    log.sort_by_key(|l| std::cmp::Reverse(l.1));
    let busiest: Vec<String> = log.iter().take(3).map(|(_, c, q)| format!("{q:?} {:.3}", ms(*c))).collect();
    println!("  the most CPU a search letter took, ms: {}", busiest.join(", "));
    // Intake: typing in the form (the draft is saved on the worker, off the frame's path).
    b.store.delete_draft(&login).unwrap();
    b.key(KeyCode::F(2));
    let mut typing = vec![];
    for c in "khai sinh".chars() {
        typing.push(b.typed(KeyCode::Char(c)));
    }
    typing.push(b.typed(KeyCode::Enter));
    for c in "Nguyễn Văn An".chars() {
        typing.push(b.typed(KeyCode::Char(c)));
    }
    println!(
        "key → frame, typing in the intake form: median {:.3} ms, max {:.3} ms",
        median(typing.clone()).as_secs_f64() * 1e3,
        typing.iter().max().unwrap().as_secs_f64() * 1e3
    );
    b.key(KeyCode::Esc);
    b.store.delete_draft(&login).unwrap();
    println!("resident memory: {} kB", rss_kb());
}
