//! Edit → diagnostics latency of the language server, measured as an editor sees it: the real
//! binary over stdio, the time from writing a `didChange` to reading the `publishDiagnostics`
//! of that version.
//!
//! `cargo bench --bench server_latency` (add `-- --quick` for fewer edits, or set `BENCH_EDITS=N`;
//! name documents to measure only those: `-- 20KB defects10MB`). Documents: generated (seeded) reports of
//! ~20 KB, ~1 MB and ~10 MB (many reports one after another); and issue 18's, a report with
//! many findings (`examples/reports/with-defects-2025.md`, its section 一 repeated up to 20 KB)
//! alone and 500 times (`defects10MB` with the server's default `maxDiagnostics`, 1,000 shown;
//! `defects10MBall` with every one of its 33,503 shown). Each measured edit types one character into the narrative, or changes
//! a digit of table 三, in turn; edits are sent one at a time (each waits for its
//! diagnostics). Besides the latency, the server's CPU time per edit (from /proc, in 10 ms
//! ticks summed over all edits): what the server itself spends, without the client's reading.

#[path = "common/mod.rs"]
mod common;
#[path = "../tests/lsp/mod.rs"]
mod lsp;

use std::time::{Duration, Instant};

use common::{
    alternate_edit, defects_document, defects_report, edit_points, large_document, percentile,
    process_cpu_time, process_memory, report_of_size,
};
use lsp::{position_of, Client};
use serde_json::{json, Value};

fn measure(name: &str, text: String, edits: usize, options: Value) {
    let uri = format!("file:///bench/{name}.md");
    let (mut server, _) = Client::start(json!({}), options);
    server.timeout = Duration::from_secs(300);
    let opened = Instant::now();
    server.open(&uri, &text);
    let first = server.diagnostics(&uri, 1);
    // Past `maxDiagnostics` the server shows the nearest and a notice (no code) of the total.
    let shown = first.iter().filter(|d| !d["code"].is_null()).count();
    let findings = match first.len() - shown {
        0 => format!("{shown} findings"),
        _ => format!("{shown} of {} findings shown", total_in_notice(&first)),
    };
    let open_time = opened.elapsed();
    let (narrative, mut digit) = edit_points(&text);
    let mut text = text;
    let mut times = Vec::with_capacity(edits);
    let cpu_before = process_cpu_time(server.pid());
    for i in 0..edits {
        let version = i as i64 + 2;
        // Alternate: type into the narrative; change a digit of table 三 (1 ↔ 2).
        let (range, new) = alternate_edit(i, &text, narrative, digit);
        let (at, end) = (range.start, range.end);
        let range =
            json!({"start": position_of(&text, at, false), "end": position_of(&text, end, false)});
        let started = Instant::now();
        server.change(&uri, version, json!([{"range": range, "text": new}]));
        server.diagnostics(&uri, version);
        // Earlier publications are of no interest; the backlog would grow with each.
        server.backlog.clear();
        times.push(started.elapsed());
        text.replace_range(at..end, new);
        if at < digit {
            digit += new.len();
        }
    }
    let cpu = cpu_before
        .zip(process_cpu_time(server.pid()))
        .map_or(f64::NAN, |(a, b)| {
            (b - a).as_secs_f64() * 1e3 / edits as f64
        });
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (rss, peak) = process_memory(server.pid()).unwrap_or((f64::NAN, f64::NAN));
    println!(
        "{name:>14}: {:>9} bytes, {findings}, open {:>8.2} ms, {edits} edits: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; server CPU {cpu:.2} ms per edit; memory {rss:.1} MB (peak {peak:.1} MB)",
        text.len(),
        ms(open_time),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap())
    );
}

/// The number of diagnostics a cut list's notice gives (the first number in its message).
fn total_in_notice(diagnostics: &[Value]) -> String {
    let notice = diagnostics.iter().find(|d| d["code"].is_null());
    let message = notice.and_then(|d| d["message"].as_str()).unwrap_or("");
    message
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .unwrap_or("?")
        .to_string()
}

/// Makes a benchmark document.
type Make = fn() -> String;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // Names given on the command line (after `--`) select documents; none: all.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    // `BENCH_EDITS=N`: N edits of every document (a profile of the edits rather than the open).
    let fixed: Option<usize> = std::env::var("BENCH_EDITS")
        .ok()
        .and_then(|n| n.parse().ok());
    let edits = |full: usize| fixed.unwrap_or(if quick { full / 10 } else { full });
    let all = json!({"maxDiagnostics": 0});
    let documents: [(&str, Make, usize, Value); 6] = [
        (
            "20KB",
            || report_of_size(7, 20_000),
            edits(500),
            Value::Null,
        ),
        ("1MB", || large_document(1_000_000), edits(200), Value::Null),
        (
            "10MB",
            || large_document(10_000_000),
            edits(100),
            Value::Null,
        ),
        // Issue 18's documents: a report with many findings, and 500 copies of it, shown
        // as the server shows them by default (the 1,000 nearest the edit) and all of them.
        (
            "defects20KB",
            || defects_report(20_000),
            edits(500),
            Value::Null,
        ),
        (
            "defects10MB",
            || defects_document(500),
            edits(50),
            Value::Null,
        ),
        ("defects10MBall", || defects_document(500), edits(50), all),
    ];
    for (name, make, n, options) in documents {
        if wanted.is_empty() || wanted.iter().any(|w| w == name) {
            measure(name, make(), n, options);
        }
    }
}
