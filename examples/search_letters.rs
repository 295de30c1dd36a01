//! Where the time of a search letter goes (issue 12): for each prefix of each sequence, the
//! search's first page and its count timed apart, then both as the screen asks them, best of three (the machine is shared).
//! Run: cargo run --release --example search_letters -- DB [text ...]

use std::time::{Duration, Instant};

use motcua::store::Store;

/// This thread's time on a CPU (other helpers' load on the shared machine does not count).
fn cpu() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given and nothing else.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Best of three, wall clock and CPU time.
fn best<T>(mut f: impl FnMut() -> T) -> ((Duration, Duration), T) {
    let mut out = None;
    let (mut wall, mut on_cpu) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        let (t, c) = (Instant::now(), cpu());
        let v = f();
        wall = wall.min(t.elapsed());
        on_cpu = on_cpu.min(cpu() - c);
        out = Some(v);
    }
    ((wall, on_cpu), out.unwrap())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("DB");
    let mut texts: Vec<String> = args.collect();
    if texts.is_empty() {
        texts = [
            "nguyen van",
            "tran thi",
            "le van h",
            "pham",
            "dinh bich tuyet",
            "thi oanh",
            "phuong yen",
            "oanh",
            "0912",
            "038",
            "+84 912",
        ]
        .map(String::from)
        .to_vec();
    }
    let store = Store::open(std::path::Path::new(&db)).unwrap();
    store.set_cache_kib(motcua::tui::SCREEN_CACHE_KIB).unwrap();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut all = vec![];
    for text in &texts {
        let chars: Vec<char> = text.chars().collect();
        for n in 1..=chars.len() {
            let q: String = chars[..n].iter().collect();
            if q.ends_with(' ') {
                continue;
            }
            let (ts, rows) = best(|| store.search(&q, None, 21).unwrap());
            let (tc, count) = best(|| store.search_count(&q, 200).unwrap());
            let (tb, (_, both)) = best(|| store.search_counted(&q, None, 21, 200).unwrap());
            all.push((tb.1, q.clone()));
            println!(
                "{:<18} page {:7.3} ms ({:2} rows)  count {:7.3} ms ({:3})  both {:7.3} ms, cpu {:7.3} ms ({})",
                format!("{q:?}"),
                ms(ts.0),
                rows.len(),
                ms(tc.0),
                count,
                ms(tb.0),
                ms(tb.1),
                both
            );
        }
    }
    all.sort();
    let worst: Vec<String> = all.iter().rev().take(5).map(|(d, q)| format!("{q:?} {:.3}", ms(*d))).collect();
    println!("slowest (cpu, best of 3): {}", worst.join(", "));
}
