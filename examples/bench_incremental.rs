//! Edit → update latency of the incremental reader, against a full read:
//! `cargo run --release --example bench_incremental [MEGABYTES]`.
//!
//! Two documents generated with `nianbao::sample`: one report of about 20 KB, and many
//! reports concatenated up to about 10 MB (or MEGABYTES). Each round types one character at a
//! random place (alternately an ASCII digit and a CJK character), then deletes it: once through
//! `edit` + `update` (the caller holds the text; the reader checks it against the edits), once
//! through `replace` + `refresh` (the reader holds the text and trusts the edits, as the
//! language server does).

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nianbao::read::incremental::IncrementalReader;
use nianbao::sample::{Layout, Stats};

/// The system allocator, counting the bytes live: what the reader holds, without the
/// allocator's retained pages that make RSS figures move.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report_of_about(bytes: usize) -> String {
    let mut text = String::new();
    let mut seed = 0;
    while text.len() < bytes {
        let layout = [Layout::Markdown, Layout::CellPerLine, Layout::PipeLed][seed as usize % 3];
        text.push_str(&Stats::generate(seed).render(layout));
        text.push('\n');
        seed += 1;
    }
    text
}

/// The next random character boundary of `text`.
fn next_point(state: &mut u64, text: &str) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    let mut at = (*state % text.len() as u64) as usize;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        percentile(times, 0.5),
        percentile(times, 0.99),
        times.last().unwrap(),
    )
}

fn bench(name: &str, mut text: String, rounds: usize) {
    let t = Instant::now();
    let full = nianbao::read::reader::read(&text);
    let full_time = t.elapsed();
    drop(full);
    let t = Instant::now();
    let mut inc = IncrementalReader::new(&text);
    let new_time = t.elapsed();
    let mut checked = Vec::with_capacity(rounds * 2);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..rounds {
        let at = next_point(&mut state, &text);
        let ch = if i % 2 == 0 { "7" } else { "国" };
        // Type the character, then delete it.
        text.insert_str(at, ch);
        let t = Instant::now();
        inc.edit(at..at, ch.len());
        inc.update(&text);
        checked.push(t.elapsed());
        text.replace_range(at..at + ch.len(), "");
        let t = Instant::now();
        inc.edit(at..at + ch.len(), 0);
        inc.update(&text);
        checked.push(t.elapsed());
    }
    assert!(
        inc.report() == &nianbao::read::reader::read(&text),
        "{name}: reports differ"
    );
    drop(inc);
    let before = LIVE.load(Ordering::Relaxed);
    let mut held = IncrementalReader::from_string(text.clone());
    let held_bytes = LIVE.load(Ordering::Relaxed) - before;
    let mut trusted = Vec::with_capacity(rounds * 2);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..rounds {
        let at = next_point(&mut state, &text);
        let ch = if i % 2 == 0 { "7" } else { "国" };
        let t = Instant::now();
        held.replace(at..at, ch);
        held.refresh();
        trusted.push(t.elapsed());
        let t = Instant::now();
        held.replace(at..at + ch.len(), "");
        held.refresh();
        trusted.push(t.elapsed());
    }
    assert!(held.text() == text, "{name}: texts differ");
    assert!(
        held.report() == &nianbao::read::reader::read(&text),
        "{name}: reports differ"
    );
    let t = Instant::now();
    nianbao::read::meta::read_meta(&held.report().view);
    let meta_time = t.elapsed();
    println!(
        "{name}: {} bytes, {} lines; full read {:.1?}, IncrementalReader::new {:.1?}; heap held by the reader (text included) {:.1} MB; over {} updates: edit→update {}; replace→refresh {} (of which metadata {:.2?})",
        text.len(),
        text.lines().count(),
        full_time,
        new_time,
        mb(held_bytes),
        trusted.len(),
        summary(&mut checked),
        summary(&mut trusted),
        meta_time,
    );
}

fn main() {
    let mb: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10.0);
    bench(
        "one report",
        Stats::generate(1).render(Layout::Markdown),
        500,
    );
    bench("~20 KB", report_of_about(20_000), 500);
    bench(
        &format!("~{mb} MB"),
        report_of_about((mb * 1_000_000.0) as usize),
        100,
    );
}
