//! Reading a PDF report, with criterion: `cargo bench --bench pdf`. The published 6-page
//! report of the corpus (`../shared/corpus/pdf/013.pdf`), read to HTML with its source map
//! (`read`: lopdf's parse, the content streams, the tables rebuilt) and then checked (`check`).

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nianbao::lint::{self, Settings};

fn pdf(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf/013.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!(
            "{} is missing: the PDF benchmark needs the corpus",
            path.display()
        );
        return;
    };
    let settings = Settings::default();
    let mut group = c.benchmark_group("pdf-6-pages");
    group.bench_function("read", |b| {
        b.iter(|| nianbao::read::pdf::read_bytes(black_box(&bytes)).unwrap())
    });
    group.bench_function("read+check", |b| {
        b.iter(|| {
            let doc = nianbao::read::pdf::read_bytes(black_box(&bytes)).unwrap();
            lint::check_source(&doc.html, &settings)
        })
    });
    group.finish();
}

criterion_group!(benches, pdf);
criterion_main!(benches);
