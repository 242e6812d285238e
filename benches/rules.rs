//! Time per rule, in process: `cargo bench --bench rules [-- BYTES [ROUNDS]]`.
//!
//! Reads a padded generated report (20 KB unless BYTES says otherwise) once, then runs each
//! rule of the catalogue ROUNDS times (default 200) over it and prints the median time per
//! rule, the slowest first. The figures locate where the rules' time goes; `benches/check.rs`
//! measures the whole pipeline.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use nianbao::rules::{registry, Context, Sink};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let bytes = args.first().copied().unwrap_or(20_000);
    let rounds = args.get(1).copied().unwrap_or(200).max(1);
    let text = if bytes <= 40_000 {
        common::report_of_size(7, bytes)
    } else {
        common::large_document(bytes)
    };
    let report = nianbao::read::reader::read(&text);
    let ctx = Context::new(&text, &report);
    let mut rows: Vec<(Duration, &str, usize)> = registry()
        .into_iter()
        .map(|rule| {
            let mut times = Vec::with_capacity(rounds);
            let mut found = 0;
            for _ in 0..rounds {
                let started = Instant::now();
                let mut sink = Sink::new(rule);
                (rule.check)(&ctx, &mut sink);
                found = std::hint::black_box(sink.into_diagnostics()).len();
                times.push(started.elapsed());
            }
            times.sort();
            (times[times.len() / 2], rule.code, found)
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    let total: Duration = rows.iter().map(|r| r.0).sum();
    println!(
        "{} bytes, {rounds} rounds, median per rule (total {:.3} ms):",
        text.len(),
        total.as_secs_f64() * 1e3
    );
    for (t, code, found) in rows {
        println!(
            "  {code}  {:>9.4} ms  ({found} findings)",
            t.as_secs_f64() * 1e3
        );
    }
}
