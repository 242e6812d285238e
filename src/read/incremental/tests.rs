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

const CHARS: [&str; 21] = [
    "中", "国", "总", "计", "1", "0", "7", "9", "\n", "|", "｜", " ", "、", "（", "）", "元", ".",
    "-", "<", ">", "\r",
];

const SNIPPETS: [&str; 22] = [
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
    "| ** | “ |\n",
    "<td>1</td>\n",
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
    for (name, p, q) in [
        ("t2", &x.t2, &y.t2),
        ("t3", &x.t3, &y.t3),
        ("t4", &x.t4, &y.t4),
    ] {
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

/// Checks the incremental state against a fresh read of `text`: the whole report, the token
/// stream, and, when `lint`, the diagnostics against a fresh `check_source`.
fn assert_same(inc: &IncrementalReader, text: &str, what: &dyn Fn() -> String, lint: bool) {
    let fresh = crate::read::reader::read(text);
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
        let lines = text.split_inclusive('\n').count();
        assert_eq!(state.lines.len(), lines, "{}: lines", what());
    }
    if lint {
        let settings = Settings::default();
        let want = check_source(text, &settings).diagnostics;
        let got = diagnostics_of(text, inc.report(), &settings);
        assert!(got == want, "{}: diagnostics differ", what());
    }
}

/// How many edit sequences to run per file: `NIANBAO_FUZZ_SEQUENCES` when set (e.g. 30 with
/// `cargo test --release`), else `default` (sized for debug builds).
fn sequences(default: usize) -> usize {
    std::env::var("NIANBAO_FUZZ_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `sequences` random sequences of `edits` edits on `text`; one update in four follows a
/// batch of several edits. Even sequences go through `edit` + `update` (the caller holds the
/// text), odd ones through `replace` + `refresh` (the reader holds it, as in the server).
/// Returns the number of updates.
fn fuzz(name: &str, original: &str, seed: u64, sequences: usize, edits: usize) -> usize {
    let mut updates = 0;
    for s in 0..sequences {
        let mut rng = Rng::new(seed ^ (s as u64 + 1).wrapping_mul(0x1234_5678_9ABC));
        let mut text = original.to_string();
        let held = s % 2 == 1;
        let mut inc = IncrementalReader::from_string(text.clone());
        let mut done = 0;
        let mut log: Vec<(Range<usize>, String)> = Vec::new();
        while done < edits {
            let batch = if rng.below(4) == 0 {
                2 + rng.below(3)
            } else {
                1
            };
            for _ in 0..batch {
                let (range, repl) = random_edit(&text, &mut rng);
                text.replace_range(range.clone(), &repl);
                if held {
                    inc.replace(range.clone(), &repl);
                } else {
                    inc.edit(range.clone(), repl.len());
                }
                log.push((range, repl));
                done += 1;
            }
            if held {
                inc.refresh();
                assert!(
                    inc.text() == text,
                    "{name} seq {s}: held text after {log:?}"
                );
            } else {
                inc.update(&text);
            }
            updates += 1;
            let stats = inc.last_stats();
            assert!(
                !stats.edits_ignored,
                "{name} seq {s}: edits ignored after {log:?}"
            );
            let lint = done >= edits;
            assert_same(
                &inc,
                &text,
                &|| format!("{name} seq {s} after {log:?}"),
                lint,
            );
        }
    }
    updates
}

fn fuzz_corpus(sub: &str, default_sequences: usize) {
    let files: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|p| p.parent().and_then(|d| d.file_name()) == Some(sub.as_ref()))
        .collect();
    assert!(!files.is_empty());
    let start = Instant::now();
    let mut updates = 0;
    for (i, path) in files.iter().enumerate() {
        let text = crate::read::input::read_file(path)
            .expect("corpus file is UTF-8")
            .text;
        let name = path.display().to_string();
        // HTML is read fully on every update: it needs few sequences.
        let n = if crate::read::html::looks_like_html(&text) {
            1
        } else {
            sequences(default_sequences)
        };
        updates += fuzz(&name, &text, i as u64 + 1 + sub.len() as u64 * 1000, n, 10);
    }
    eprintln!(
        "{sub}: {} files, {updates} updates in {:?}",
        files.len(),
        start.elapsed()
    );
}

#[test]
fn random_edits_of_corpus_seeds_read_like_a_fresh_read() {
    fuzz_corpus("seeds", 4);
}

#[test]
fn random_edits_of_real_reports_read_like_a_fresh_read() {
    fuzz_corpus("real", 3);
}

#[test]
fn random_edits_of_samples_read_like_a_fresh_read() {
    let start = Instant::now();
    let mut updates = 0;
    for seed in 0..2u64 {
        for layout in Layout::ALL {
            let text = Stats::generate(seed).render(layout);
            let n = if layout == Layout::Html {
                1
            } else {
                sequences(2)
            };
            updates += fuzz(
                &format!("sample {seed} {layout:?}"),
                &text,
                seed + 100,
                n,
                10,
            );
        }
    }
    eprintln!("samples: {updates} updates in {:?}", start.elapsed());
}

#[test]
#[ignore]
fn timing_big() {
    let mut text = String::new();
    let mut seed = 0;
    while text.len() < 1_000_000 {
        text.push_str(&Stats::generate(seed).render(Layout::Markdown));
        seed += 1;
    }
    let inc = IncrementalReader::new(&text);
    let tokens = &inc.state.as_ref().unwrap().tokens;
    let view = &inc.report().view;
    let time = |name: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        eprintln!("{name} {:?}", t.elapsed());
    };
    time("sections", &mut || {
        crate::read::reader::sections(tokens, text.len());
    });
    time("regions", &mut || {
        Regions::find(tokens);
    });
    time("meta", &mut || {
        meta::read_meta(view);
    });
    time("format", &mut || {
        crate::read::reader::detect_format(&inc.report().tables, tokens, view);
    });
    time("view", &mut || {
        TextView::identity(&text);
    });
    time("diff", &mut || {
        diff(&text, &text);
    });
    time("html", &mut || {
        html::looks_like_html(&text);
    });
    let mut c = tokens.clone();
    time("shift", &mut || {
        for t in &mut c {
            shift_token(t, 1, 1);
        }
    });
}

#[test]
#[ignore]
fn timing_parts() {
    let text = crate::read::input::read_file(&corpus_files()[10])
        .unwrap()
        .text;
    let t = Instant::now();
    for _ in 0..10 {
        crate::read::reader::read(&text);
    }
    eprintln!("read {:?}", t.elapsed() / 10);
    let t = Instant::now();
    for _ in 0..10 {
        tokenize(&text_pieces(&text, 0));
    }
    eprintln!("tokenize {:?}", t.elapsed() / 10);
    let r = crate::read::reader::read(&text);
    let t = Instant::now();
    for _ in 0..10 {
        crate::read::meta::read_meta(&r.view);
    }
    eprintln!("meta {:?}", t.elapsed() / 10);
    let t = Instant::now();
    for _ in 0..10 {
        diagnostics_of(&text, &r, &Settings::default());
    }
    eprintln!("diagnostics {:?}", t.elapsed() / 10);
    let mut inc = IncrementalReader::new(&text);
    let mut text2 = text.clone();
    let t = Instant::now();
    for i in 0..10 {
        let p = text2.len() / 2;
        let p = (p..).find(|&p| text2.is_char_boundary(p)).unwrap();
        text2.insert(p, if i % 2 == 0 { '1' } else { '中' });
        inc.edit(p..p, if i % 2 == 0 { 1 } else { 3 });
        inc.update(&text2);
    }
    eprintln!("update {:?} {:?}", t.elapsed() / 10, inc.last_stats());
}

/// A sample with its three tables, as Markdown.
fn markdown_sample() -> String {
    Stats::generate(7).render(Layout::Markdown)
}

/// Applies one edit to `text` and to `inc`, updates, and checks the result.
fn apply(
    inc: &mut IncrementalReader,
    text: &mut String,
    range: Range<usize>,
    repl: &str,
) -> ReuseStats {
    text.replace_range(range.clone(), repl);
    inc.edit(range, repl.len());
    inc.update(text);
    assert_same(inc, text, &|| "edit".into(), true);
    inc.last_stats()
}

#[test]
fn an_edit_in_the_narrative_retokenizes_one_line_and_reuses_every_table() {
    let mut text = markdown_sample();
    let mut inc = IncrementalReader::new(&text);
    let report = inc.report().clone();
    assert!(report.tables.t2.is_some() && report.tables.t3.is_some() && report.tables.t4.is_some());
    // The first line of narrative after heading 一.
    let h = text.find("一、总体情况").unwrap();
    let line = h + text[h..].find('\n').unwrap() + 1;
    let line = line + text[line..].find(|c: char| !c.is_whitespace()).unwrap();
    let at = line + text[line..].char_indices().nth(3).unwrap().0;
    let stats = apply(&mut inc, &mut text, at..at, "本年度");
    assert!(!stats.full_read);
    assert!(stats.labels_kept, "{stats:?}");
    assert_eq!(stats.lines_retokenized, 1, "{stats:?}");
    assert_eq!(stats.lines_reused, text.split_inclusive('\n').count() - 1);
    assert_eq!(
        (stats.tables_reread, stats.tables_reused),
        (0, 3),
        "{stats:?}"
    );
    // The tables moved by the inserted bytes.
    let (a, b) = (&report.tables.t3, &inc.report().tables.t3);
    assert_eq!(
        a.as_ref().unwrap().span.start + "本年度".len(),
        b.as_ref().unwrap().span.start
    );
    // A heading typed into the narrative moves the section boundaries: recomputed.
    let stats = apply(
        &mut inc,
        &mut text,
        line..line,
        "五、存在的主要问题及改进情况\n",
    );
    assert!(!stats.labels_kept && !stats.full_read, "{stats:?}");
    assert_eq!(inc.report().sections.len(), report.sections.len() + 1);
}

#[test]
fn an_edit_in_table_three_rereads_table_three_only() {
    let mut text = markdown_sample();
    let mut inc = IncrementalReader::new(&text);
    let row = text.find("| （七）总计").unwrap();
    let digit = row + text[row..].find(|c: char| c.is_ascii_digit()).unwrap();
    // A digit of the total row: the row no longer adds up, the table is read again.
    let d = if &text[digit..digit + 1] == "9" {
        "8"
    } else {
        "9"
    };
    let stats = apply(&mut inc, &mut text, digit..digit + 1, d);
    assert!(!stats.full_read);
    assert_eq!(stats.lines_retokenized, 1, "{stats:?}");
    assert_eq!(stats.reread, [false, true, false], "{stats:?}");
    assert_eq!((stats.tables_reread, stats.tables_reused), (1, 2));
    // The row's label is where it was: the sections and table regions are shifted, not
    // found again from every token.
    assert!(stats.labels_kept, "{stats:?}");
    // A second edit elsewhere reuses the table as now read.
    let h = text.find("五、存在的主要问题及改进情况").unwrap();
    let stats = apply(&mut inc, &mut text, h..h, "\n");
    assert_eq!(stats.reread, [false; 3], "{stats:?}");
}

#[test]
fn batched_edits_far_apart_retokenize_only_their_lines() {
    let mut text = markdown_sample();
    let mut inc = IncrementalReader::new(&text);
    let lines = text.split_inclusive('\n').count();
    // Three edits, recorded in order, each in the coordinates left by the one before.
    let mut edit = |text: &mut String, range: Range<usize>, repl: &str| {
        text.replace_range(range.clone(), repl);
        inc.edit(range, repl.len());
    };
    let end = text.len();
    edit(&mut text, end..end, "\n附件：无\n");
    let a = text.find("二、").unwrap();
    edit(&mut text, a..a + "二、".len(), "");
    edit(&mut text, 0..0, "某某区");
    inc.update(&text);
    assert_same(&inc, &text, &|| "batch".into(), true);
    let stats = inc.last_stats();
    assert!(!stats.full_read && !stats.edits_ignored, "{stats:?}");
    assert!(stats.lines_retokenized <= 4, "{stats:?}");
    assert_eq!(stats.lines_retokenized + stats.lines_reused, lines + 2);
}

#[test]
fn wrong_or_missing_edits_are_survived() {
    let mut text = markdown_sample();
    let mut inc = IncrementalReader::new(&text);
    // Out of bounds.
    inc.edit(usize::MAX - 3..usize::MAX, 5);
    #[allow(clippy::reversed_empty_ranges)]
    inc.edit(10..3, 0);
    text.insert_str(0, "标题\n");
    inc.update(&text);
    assert_same(&inc, &text, &|| "bad edit".into(), false);
    assert!(inc.last_stats().edits_ignored);
    // An edit that names the wrong place.
    text.push_str("结尾");
    inc.edit(0..0, "结尾".len());
    inc.update(&text);
    assert_same(&inc, &text, &|| "wrong place".into(), false);
    // No edit at all.
    text.replace_range(0..3, "");
    inc.update(&text);
    assert_same(&inc, &text, &|| "no edit".into(), false);
    // Nothing changed.
    inc.update(&text);
    assert_same(&inc, &text, &|| "no change".into(), false);
    assert_eq!(inc.last_stats().lines_retokenized, 0);
    // Empty text, and back.
    inc.edit(0..text.len(), 0);
    inc.update("");
    assert_same(&inc, "", &|| "empty".into(), false);
    inc.edit(0..0, 3);
    inc.update("一、\n");
    assert_same(&inc, "一、\n", &|| "from empty".into(), false);
}

#[test]
fn the_held_text_follows_replacements_and_refresh_trusts_them() {
    let mut text = markdown_sample();
    let mut inc = IncrementalReader::from_string(text.clone());
    let at = text.find("二、").unwrap();
    // Ranges past the end or inside a character are clamped to character boundaries.
    inc.replace(at + 1..at + 2, "三");
    text.replace_range(at..at + "二".len(), "三");
    inc.replace(usize::MAX..usize::MAX, "\n附件");
    text.push_str("\n附件");
    assert_eq!(inc.text(), text);
    inc.refresh();
    assert_same(&inc, &text, &|| "held".into(), true);
    let stats = inc.last_stats();
    assert!(!stats.full_read && !stats.edits_ignored, "{stats:?}");
    assert!(stats.lines_retokenized <= 3, "{stats:?}");
    // `update` after a replacement compares with the held text.
    inc.replace(0..0, "x");
    text.insert(0, 'y');
    inc.update(&text);
    assert_same(&inc, &text, &|| "update after replace".into(), false);
    // An edit recorded without its text: refresh cannot trust it and reads the held text.
    inc.edit(0..1, 0);
    inc.replace(0..0, "标题\n");
    text.insert_str(0, "标题\n");
    inc.refresh();
    assert_same(&inc, &text, &|| "untrusted".into(), false);
    assert!(inc.last_stats().full_read);
    // HTML is held too.
    let mut html = Stats::generate(3).render(Layout::Html);
    let mut inc = IncrementalReader::from_string(html.clone());
    let at = html.find("</body>").unwrap_or(html.len());
    inc.replace(at..at, "<p>附件</p>");
    html.insert_str(at, "<p>附件</p>");
    inc.refresh();
    assert_eq!(inc.text(), html);
    assert_same(&inc, &html, &|| "html held".into(), false);
}

#[test]
fn switching_between_html_and_text_reads_fully() {
    let stats = Stats::generate(3);
    let mut text = stats.render(Layout::Markdown);
    let mut inc = IncrementalReader::new(&text);
    text.insert_str(0, "<table><tr><td>1</td></tr></table>\n");
    inc.edit(0..0, "<table><tr><td>1</td></tr></table>\n".len());
    inc.update(&text);
    assert_same(&inc, &text, &|| "to html".into(), false);
    assert!(inc.last_stats().full_read);
    assert_eq!(inc.report().source, SourceKind::Html);
    let cut = text.find('\n').unwrap() + 1;
    text.replace_range(0..cut, "");
    inc.edit(0..cut, 0);
    inc.update(&text);
    assert_same(&inc, &text, &|| "back to text".into(), false);
    assert!(inc.last_stats().full_read);
    // Incremental again afterwards.
    inc.edit(0..0, 1);
    text.insert(0, 'x');
    inc.update(&text);
    assert_same(&inc, &text, &|| "text again".into(), false);
    assert!(!inc.last_stats().full_read);
    // A table tag typed in the middle of a line, one character at a time.
    let mid = text.find("二、").unwrap();
    for (k, c) in "<td>".char_indices() {
        text.insert(mid + k, c);
        inc.edit(mid + k..mid + k, 1);
        inc.update(&text);
        assert_same(&inc, &text, &|| "typing a tag".into(), false);
    }
    assert_eq!(inc.report().source, SourceKind::Html);
    // An HTML sample is read fully on every update.
    let mut html = stats.render(Layout::Html);
    let mut inc = IncrementalReader::new(&html);
    let at = html.find("</body>").unwrap_or(html.len());
    html.insert_str(at, "<p>五、存在的主要问题及改进情况</p>");
    inc.edit(at..at, "<p>五、存在的主要问题及改进情况</p>".len());
    inc.update(&html);
    assert_same(&inc, &html, &|| "html".into(), true);
    assert!(inc.last_stats().full_read);
}

#[test]
fn row_ends_after_an_edited_line_follow_it() {
    // Pipe rows whose cells hold no tokens (`**` and quotes are ignored by labels): their row
    // and line ends take the end of the token before, on an earlier line.
    let mut text = String::from("行政许可 12\n| ** | ## |\n| “ | ” |\n行政处罚 3\n");
    let mut inc = IncrementalReader::new(&text);
    assert_same(&inc, &text, &|| "new".into(), false);
    let tokens = &inc.state.as_ref().unwrap().tokens;
    let eol = text.find('\n').unwrap();
    let row_ends: Vec<_> = tokens
        .iter()
        .filter(|t| t.kind == TokKind::RowEnd)
        .collect();
    assert_eq!(row_ends.len(), 2);
    assert!(row_ends.iter().all(|t| t.span() == (eol..eol)));
    apply(&mut inc, &mut text, eol..eol, "34");
    apply(&mut inc, &mut text, 0..0, "\n\n");
    let l = text.find('|').unwrap();
    apply(&mut inc, &mut text, l - 1..l - 1, " 5");
    let first_row = text.find('|').unwrap();
    apply(&mut inc, &mut text, 0..first_row, "");
}

#[test]
fn full_buffers_grow_by_a_sixteenth() {
    assert_eq!(headroom(1600, 1600, 1), Some(100));
    assert_eq!(headroom(1600, 1700, 50), None);
    assert_eq!(headroom(1600, 1650, 51), Some(100));
    assert_eq!(headroom(1600, 1600, 500), Some(500));
    assert_eq!(headroom(0, 0, 3), Some(3));
}
