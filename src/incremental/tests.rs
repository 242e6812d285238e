//! Differential tests: after random edits, the incremental report equals a fresh read.

use super::*;
use crate::lint::{check_source, diagnostics_of, Settings};
use crate::sample::{Layout, Stats};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A small deterministic generator (xorshift64*), so that no dependency is needed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
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

const CHARS: [&str; 18] = [
    "中", "国", "总", "计", "1", "0", "7", "9", "\n", "|", "｜", " ", "、", "（", "）", "元", ".",
    "-",
];

const SNIPPETS: [&str; 20] = [
    "一、总体情况\n",
    "二、主动公开政府信息情况\n",
    "三、收到和处理政府信息公开申请情况\n",
    "四、政府信息公开行政复议、行政诉讼情况\n",
    "五、存在的主要问题及改进情况\n",
    "六、其他需要报告的事项\n",
    "（七）总计\n",
    "（七）总计 1 2 3 4 5 6 21\n",
    "三、本年度办理结果\n",
    "（一）予以公开\n",
    "| （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
    "| 规章 | 1 | 2 | 3 |\n",
    "行政许可 12\n",
    "行政处罚\n",
    "行政事业性收费 1.5\n",
    "| 行政复议 | | | 行政诉讼 |\n",
    "结果维持 1 2 3 4 5\n",
    "- 3 -\n",
    "|---|---|\n",
    "2024年1月1日\n",
];

/// Char boundaries of `text`, including its end.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut p = rng.below(text.len() + 1);
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// Start and end (after the line break) of the line holding byte `p`.
fn line_at(text: &str, p: usize) -> Range<usize> {
    let s = text[..p].rfind('\n').map_or(0, |i| i + 1);
    let e = text[p..].find('\n').map_or(text.len(), |i| p + i + 1);
    s..e
}

/// One random edit of `text`: the range replaced and the replacement.
fn random_edit(text: &str, rng: &mut Rng) -> (Range<usize>, String) {
    let p = boundary(text, rng);
    match rng.below(12) {
        0 | 1 => (p..p, rng.pick(&CHARS).to_string()),
        2 => {
            // delete 1..=6 chars
            let n = 1 + rng.below(6);
            let e = text[p..]
                .char_indices()
                .nth(n)
                .map_or(text.len(), |(i, _)| p + i);
            (p..e, String::new())
        }
        3 => (line_at(text, p), String::new()),
        4 => {
            let l = line_at(text, p);
            let mut s = text[l.clone()].to_string();
            if !s.ends_with('\n') {
                s.insert(0, '\n');
            }
            (l.end..l.end, s)
        }
        5 | 6 => {
            let l = line_at(text, p);
            (l.start..l.start, rng.pick(&SNIPPETS).to_string())
        }
        7 => {
            // remove one occurrence of a snippet's first line (a heading, a row label)
            let snip = rng.pick(&SNIPPETS).trim_end_matches('\n');
            let key: String = snip.chars().take(4).collect();
            match text.find(key.as_str()) {
                Some(i) => (i..i + key.len(), String::new()),
                None => (p..p, String::new()),
            }
        }
        8 => {
            // merge a line with the next
            match text[p..].find('\n') {
                Some(i) => (p + i..p + i + 1, String::new()),
                None => (p..p, String::new()),
            }
        }
        9 => {
            // change a digit
            match text[p..].find(|c: char| c.is_ascii_digit()) {
                Some(i) => {
                    let d = (b'0' + rng.below(10) as u8) as char;
                    (p + i..p + i + 1, d.to_string())
                }
                None => (p..p, "5".into()),
            }
        }
        10 => {
            // a snippet in the middle of a line
            let snip = rng.pick(&SNIPPETS).trim_end_matches('\n');
            (p..p, snip.to_string())
        }
        _ => {
            // delete a larger block, possibly several lines
            let n = 1 + rng.below(200);
            let mut e = (p + n).min(text.len());
            while !text.is_char_boundary(e) {
                e += 1;
            }
            (p..e, String::new())
        }
    }
}

/// Names the first part of two reports that differs.
fn first_difference(a: &Report, b: &Report) -> String {
    if a.source != b.source {
        return format!("source: {:?} vs {:?}", a.source, b.source);
    }
    if a.view != b.view {
        return "view".into();
    }
    if a.meta != b.meta {
        return format!("meta:\n{:?}\nvs\n{:?}", a.meta, b.meta);
    }
    if a.format != b.format {
        return format!("format: {:?} vs {:?}", a.format, b.format);
    }
    if a.sections != b.sections {
        return format!("sections:\n{:?}\nvs\n{:?}", a.sections, b.sections);
    }
    let (x, y) = (&a.tables, &b.tables);
    for (name, p, q) in [("t2", &x.t2, &y.t2), ("t3", &x.t3, &y.t3), ("t4", &x.t4, &y.t4)] {
        if p != q {
            return format!("{name}:\n{p:?}\nvs\n{q:?}");
        }
    }
    if x.t2_rows != y.t2_rows {
        return format!("t2_rows:\n{:?}\nvs\n{:?}", x.t2_rows, y.t2_rows);
    }
    if x.t3_rows != y.t3_rows {
        return format!("t3_rows:\n{:?}\nvs\n{:?}", x.t3_rows, y.t3_rows);
    }
    "none".into()
}

/// Checks the incremental state against a fresh read of `text`.
fn assert_same(inc: &IncrementalReader, text: &str, what: &dyn Fn() -> String, lint: bool) {
    let fresh = crate::reader::read(text);
    if inc.report() != &fresh {
        panic!(
            "{}: reports differ in {}",
            what(),
            first_difference(inc.report(), &fresh)
        );
    }
    if let Some(state) = &inc.state {
        let tokens = tokenize(&text_pieces(text, 0));
        assert!(state.tokens == tokens, "{}: tokens differ", what());
        let len: usize = state.lines.len();
        assert_eq!(len, text.split_inclusive('\n').count(), "{}: lines", what());
    }
    if lint {
        let settings = Settings::default();
        let want = check_source(text, &settings).diagnostics;
        let got = diagnostics_of(text, inc.report(), &settings);
        assert!(got == want, "{}: diagnostics differ", what());
    }
}

/// Runs `sequences` random edit sequences of `edits` edits on `text`; every few edits are
/// recorded together before one update.
fn fuzz(name: &str, original: &str, seed: u64, sequences: usize, edits: usize) -> usize {
    let mut updates = 0;
    for s in 0..sequences {
        let mut rng = Rng::new(seed ^ (s as u64 + 1).wrapping_mul(0x1234_5678_9ABC));
        let mut text = original.to_string();
        let mut inc = IncrementalReader::new(&text);
        let mut done = 0;
        let mut log: Vec<(Range<usize>, String)> = Vec::new();
        while done < edits {
            let batch = if rng.below(4) == 0 { 1 + rng.below(4) } else { 1 };
            for _ in 0..batch {
                let (range, repl) = random_edit(&text, &mut rng);
                text.replace_range(range.clone(), &repl);
                inc.edit(range.clone(), repl.len());
                log.push((range, repl));
                done += 1;
            }
            inc.update(&text);
            updates += 1;
            let stats = inc.last_stats();
            assert!(!stats.edits_ignored, "{name} seq {s}: edits ignored after {log:?}");
            let lint = done >= edits || rng.below(3) == 0;
            assert_same(&inc, &text, &|| format!("{name} seq {s} after {log:?}"), lint);
        }
    }
    updates
}

#[test]
fn random_edits_of_the_corpus_read_like_a_fresh_read() {
    let files = corpus_files();
    assert_eq!(files.len(), 22, "5 seeds and 17 real files");
    let start = Instant::now();
    let mut updates = 0;
    for (i, path) in files.iter().enumerate() {
        let text = crate::input::read_file(path).expect("corpus file is UTF-8");
        let name = path.display().to_string();
        // HTML is read fully on every update: fewer sequences there.
        let sequences = if crate::html::looks_like_html(&text) { 3 } else { 30 };
        updates += fuzz(&name, &text, i as u64 + 1, sequences, 10);
    }
    eprintln!("{updates} updates in {:?}", start.elapsed());
}

#[test]
fn random_edits_of_samples_read_like_a_fresh_read() {
    for seed in 0..4u64 {
        for layout in Layout::ALL {
            if layout == Layout::Html {
                continue;
            }
            let text = Stats::generate(seed).render(layout);
            fuzz(&format!("sample {seed} {layout:?}"), &text, seed + 100, 6, 10);
        }
    }
}
