//! Extraction snapshots of every file in `../shared/corpus` (seeds and real reports).
//!
//! Each snapshot is the exact `nianbao extract` JSON of one file. They were checked by hand
//! against the reports (see the notes in README.md, "Reading accuracy"); a change to any of
//! them is a change in what the reader claims a report says, and needs the same review.

use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut files = Vec::new();
    for sub in ["seeds", "real"] {
        let entries = std::fs::read_dir(dir.join(sub)).unwrap_or_else(|e| {
            panic!(
                "the corpus is expected at {} ({e}); the tests read it from there",
                dir.display()
            )
        });
        for entry in entries.flatten() {
            let p = entry.path();
            if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn corpus_extraction_snapshots() {
    let files = corpus_files();
    assert_eq!(
        files.len(),
        37,
        "5 seeds, 27 real reports as text and 5 as their published pages"
    );
    for path in files {
        let text = nianbao::read::input::read_file(&path)
            .expect("corpus file is text")
            .text;
        let report = nianbao::read::reader::read(&text);
        let sub = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let name = path.file_name().unwrap().to_string_lossy();
        let shown = format!("{sub}/{name}");
        let json = nianbao::cli::extract::to_json(&shown, &report, nianbao::lang::Lang::Zh);
        insta::assert_json_snapshot!(format!("{sub}__{name}"), json);
    }
}
