//! In-process costs of checking, with criterion: `cargo bench --bench check`.
//!
//! - `read`, `rules`, `check`: reading, running the rule catalogue over an already read
//!   report, and both (what `nianbao check` does per file), on a padded 20 KB report and on a
//!   large document (about 10 MB, set `NIANBAO_BENCH_LARGE=BYTES` to change; 0 skips it);
//! - `edit`: one edit as the language server handles it — the incremental reader's update and
//!   the diagnostics of the updated report — alternately typing a character into the narrative
//!   and changing a digit of table 三.

#[path = "common/mod.rs"]
mod common;

use common::edit_points;

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use nianbao::lint::{self, Settings};
use nianbao::read::incremental::IncrementalReader;

fn documents() -> Vec<(&'static str, String)> {
    let large: usize = std::env::var("NIANBAO_BENCH_LARGE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let mut docs = vec![("20KB", common::report_of_size(7, 20_000))];
    if large > 0 {
        docs.push(("large", common::large_document(large)));
    }
    docs
}

fn pipeline(c: &mut Criterion) {
    let settings = Settings::default();
    for (name, text) in documents() {
        let mut group = c.benchmark_group(name);
        if text.len() > 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        }
        group.bench_function("read", |b| {
            b.iter(|| nianbao::read::reader::read(black_box(&text)))
        });
        let report = nianbao::read::reader::read(&text);
        group.bench_function("rules", |b| {
            b.iter(|| lint::diagnostics_of(black_box(&text), &report, &settings))
        });
        group.bench_function("check", |b| {
            b.iter(|| lint::check_source(black_box(&text), &settings))
        });
        group.finish();
    }
}

fn edits(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("edit");
    for (name, text) in documents() {
        if text.len() > 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        }
        let (narrative, mut digit) = edit_points(&text);
        let mut text = text;
        let mut reader = IncrementalReader::new(&text);
        let mut i = 0u64;
        group.bench_function(BenchmarkId::new("update+rules", name), |b| {
            b.iter(|| {
                let (at, end, new) = if i.is_multiple_of(2) {
                    (narrative, narrative, "字")
                } else if &text[digit..digit + 1] == "1" {
                    (digit, digit + 1, "2")
                } else {
                    (digit, digit + 1, "1")
                };
                i += 1;
                text.replace_range(at..end, new);
                if at < digit {
                    digit += new.len() - (end - at);
                }
                reader.edit(at..end, new.len());
                let report = reader.update(&text);
                black_box(lint::diagnostics_of(&text, report, &settings))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline, edits);
criterion_main!(benches);
