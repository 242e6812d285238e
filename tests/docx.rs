//! Word input: .docx files written here from the sample statistics, laid out like the
//! national template (merged header cells, group labels merged down their rows, auto-numbered
//! section headings), read back by `nianbao extract` and checked by `nianbao check`.

use std::io::Write;

mod common;

use common::nianbao_in;
use common::word::*;
use nianbao::sample::{Layout, Stats};

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn stdout_json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn extract_reads_every_cell_of_a_word_report_exactly() {
    for seed in 0..6 {
        let s = Stats::generate(seed);
        let dir = temp_dir();
        std::fs::write(dir.path().join("r.docx"), docx_of(&document(&s, &s.t3, ""))).unwrap();
        std::fs::write(dir.path().join("r.html"), s.render(Layout::Html)).unwrap();
        let out = nianbao_in(dir.path(), &["extract", "r.docx", "r.html"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = stdout_json_lines(&out);
        let (docx, html) = (&got[0], &got[1]);
        assert_eq!(docx["format"], "2021");
        assert_eq!(docx["year"], s.year);
        assert_eq!(docx["unreadable"], serde_json::json!({}), "seed {seed}");
        let cells = docx["cells"].as_object().unwrap();
        assert_eq!(cells.len(), 200);
        // Table 三 against the statistics themselves, the rest against the HTML rendering.
        for r in 1..=25u8 {
            for c in 1..=7u8 {
                let key = format!("t3.r{r:02}.c{c}");
                assert_eq!(cells[&key], s.t3_cell(r, c), "seed {seed} {key}");
            }
        }
        assert_eq!(cells["t2.fee.amount"], s.fee.as_str());
        assert_eq!(docx["cells"], html["cells"], "seed {seed}");
    }
}

/// The findings of `check` on one file, as JSON.
fn check_json(dir: &std::path::Path, args: &[&str]) -> (serde_json::Value, std::process::Output) {
    let out = nianbao_in(dir, args);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out)
}

#[test]
fn a_clean_word_report_has_no_errors() {
    let s = Stats::generate(3);
    let dir = temp_dir();
    std::fs::write(dir.path().join("r.docx"), docx_of(&document(&s, &s.t3, ""))).unwrap();
    let (v, out) = check_json(dir.path(), &["check", "--format", "json", "r.docx"]);
    assert_eq!(out.status.code(), Some(0), "{v:#}");
    // The auto-numbered headings were found: no structure finding.
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with('S') || c.starts_with('A')),
        "{codes:?}"
    );
}

/// Statistics whose （七）总计·总计 (r24, c7) is 6 too high.
fn wrong_total(s: &Stats) -> [[u64; 7]; 25] {
    let mut t3 = s.t3;
    t3[23][6] += 6;
    t3
}

#[test]
fn a_wrong_total_names_the_table_cell_in_every_format() {
    let s = Stats::generate(5);
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("r.docx"),
        docx_of(&document(&s, &wrong_total(&s), "")),
    )
    .unwrap();
    let wrong = (s.t3_cell(24, 7) + 6).to_string();
    // Table 三 is the document's second table; r24 is its row 27, c7 its grid column 10.
    let (v, out) = check_json(
        dir.path(),
        &["check", "--format", "json", "--select", "A", "r.docx"],
    );
    assert_eq!(out.status.code(), Some(1));
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    // One wrong cell: one finding (A01, standing for A02 and A03).
    assert_eq!(codes, ["A01"]);
    for d in diags
        .iter()
        .filter(|d| d["code"] == "A01" || d["code"] == "A02")
    {
        assert_eq!(
            d["location"],
            serde_json::json!({"table": 2, "row": 27, "column": 10, "description": "表2 第27行第10列"}),
            "{d:#}"
        );
        // The range is within the cell's text, which is the wrong number.
        assert_eq!(
            d["range"],
            serde_json::json!({"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": wrong.len() + 1}})
        );
        assert!(d["message"].as_str().unwrap().contains(&wrong));
    }

    let out = nianbao_in(dir.path(), &["check", "--select", "A02", "r.docx"]);
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("r.docx:表2 第27行第10列: 错误[A02]"),
        "{human}"
    );
    assert!(
        human.contains(&format!("  | {wrong}\n  | {}\n", "^".repeat(wrong.len()))),
        "{human}"
    );
    assert!(human.contains("修复建议（请在 Word 中修改）"), "{human}");

    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A02", "--lang", "en", "r.docx"],
    );
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("r.docx:table 2, row 27, column 10: error[A02]"),
        "{human}"
    );

    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A02", "--format", "github", "r.docx"],
    );
    let github = String::from_utf8(out.stdout).unwrap();
    assert!(
        github.starts_with("::error file=r.docx,title=A02 t3-results-sum::表2 第27行第10列: "),
        "{github}"
    );

    let (log, _) = check_json(
        dir.path(),
        &["check", "--select", "A", "--format", "sarif", "r.docx"],
    );
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let result = results.iter().find(|r| r["ruleId"] == "A01").unwrap();
    assert_eq!(
        result["locations"][0]["logicalLocations"][0]["name"],
        "表2 第27行第10列"
    );
    assert!(result["locations"][0]["physicalLocation"]
        .get("region")
        .is_none());
}

#[test]
fn a_paragraph_finding_names_the_paragraph() {
    let s = Stats::generate(2);
    let dir = temp_dir();
    let extra = format!("{}年度年度", s.year);
    std::fs::write(
        dir.path().join("r.docx"),
        docx_of(&document(&s, &s.t3, &extra)),
    )
    .unwrap();
    let (v, _) = check_json(
        dir.path(),
        &["check", "--format", "json", "--select", "W01", "r.docx"],
    );
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "W01", "{v:#}");
    // Title, introduction, (an empty paragraph, not counted), heading 一, then the narrative.
    assert_eq!(
        d["location"],
        serde_json::json!({"paragraph": 4, "description": "第4段"})
    );
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "W01", "--lang", "en", "r.docx"],
    );
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("r.docx:paragraph 4: warning[W01]"),
        "{human}"
    );
    // The marker sits under the duplicated words in the paragraph's text.
    let lines: Vec<&str> = human.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  | ") && l.ends_with("年度年度"))
        .unwrap();
    let (text, marker) = (lines[at], lines[at + 1]);
    // Under 年度年度 (4 wide characters), which ends the line.
    assert!(marker.ends_with(&format!(" {}", "^".repeat(8))), "{human}");
    assert_eq!(
        unicode_width::UnicodeWidthStr::width(&marker[..marker.len() - 8]),
        unicode_width::UnicodeWidthStr::width(&text[..text.len() - "年度年度".len()]),
        "{human}"
    );
}

#[test]
fn fix_reports_but_never_writes_a_word_file() {
    let s = Stats::generate(5);
    let dir = temp_dir();
    let bytes = docx_of(&document(&s, &wrong_total(&s), ""));
    let path = dir.path().join("r.docx");
    std::fs::write(&path, &bytes).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--fix", "r.docx"]);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("r.docx: 未修改") && stderr.contains("not modified"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("错误[A01]") && !stdout.contains("已修复"),
        "{stdout}"
    );
    // No stray temporary file either.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn directories_include_word_files_but_not_word_lock_files() {
    let s = Stats::generate(1);
    let dir = temp_dir();
    std::fs::write(dir.path().join("a.docx"), docx_of(&document(&s, &s.t3, ""))).unwrap();
    // What Word leaves next to an open document: not a zip.
    std::fs::write(dir.path().join("~$a.docx"), b"\x05user\0\0\0").unwrap();
    let (v, out) = check_json(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(v["files"][0]["path"], "a.docx");
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn stdin_reads_a_word_file_named_by_stdin_filename() {
    let s = Stats::generate(5);
    let bytes = docx_of(&document(&s, &wrong_total(&s), ""));
    let run = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&bytes).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["check", "--select", "A02", "--stdin-filename", "r.docx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("r.docx:表2 第27行第10列"));
    let out = run(&["check", "--fix", "--stdin-filename", "r.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn corrupt_word_files_are_clear_errors_and_other_files_are_still_checked() {
    let s = Stats::generate(4);
    let good = docx_of(&document(&s, &s.t3, ""));
    let gbk_xml: Vec<u8> = [
        b"<?xml version=\"1.0\" encoding=\"GBK\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".as_slice(),
        b"\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6", // 总体情况 in GBK
        b"</w:t></w:r></w:p></w:body></w:document>",
    ]
    .concat();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    // A zip bomb: 40 MiB of zeros deflate to about 40 KiB.
    let bomb = vec![b' '; 40 << 20];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "text.docx",
            b"not a zip at all".to_vec(),
            "not a valid .docx",
        ),
        (
            "truncated.docx",
            good[..good.len() / 2].to_vec(),
            "not a valid .docx",
        ),
        ("empty.docx", Vec::new(), "not a valid .docx"),
        (
            "nodoc.docx",
            zip_parts(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes())]),
            "word/document.xml is missing",
        ),
        (
            "gbk.docx",
            zip_parts(&[("word/document.xml", &gbk_xml)]),
            "word/document.xml is not UTF-8",
        ),
        (
            "badxml.docx",
            zip_parts(&[("word/document.xml", b"<w:document><w:body>")]),
            "word/document.xml is not valid XML",
        ),
        (
            "old.docx",
            ole,
            "Word 97-2003 .doc or an encrypted document",
        ),
        (
            "bomb.docx",
            zip_parts(&[("word/document.xml", &bomb)]),
            "decompresses to more than 32 MiB",
        ),
    ];
    let dir = temp_dir();
    std::fs::write(dir.path().join("good.docx"), &good).unwrap();
    for (name, bytes, _) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (v, out) = check_json(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (name, _, expected) in &cases {
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&format!("nianbao: {name}: ")))
            .unwrap_or_else(|| panic!("no error for {name}: {stderr}"));
        assert!(line.contains(expected), "{name}: {line}");
    }
    assert_eq!(v["files"][0]["path"], "good.docx");
    assert_eq!(v["summary"]["files"], 1);

    // extract: the same errors, exit 2, the good file still printed.
    let mut args = vec!["extract", "good.docx"];
    args.extend(cases.iter().map(|(n, _, _)| *n));
    let out = nianbao_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout_json_lines(&out).len(), 1);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), cases.len(), "{stderr}");
}

#[test]
fn section_numbers_come_from_the_numbering_part() {
    // Without numbering.xml the headings have no numerals, and the checker says so: the
    // numerals of the clean report above were Word's automatic numbering.
    let s = Stats::generate(3);
    let dir = temp_dir();
    let bytes = zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", document(&s, &s.t3, "").as_bytes()),
    ]);
    std::fs::write(dir.path().join("r.docx"), bytes).unwrap();
    let (v, _) = check_json(
        dir.path(),
        &["check", "--format", "json", "--select", "S", "r.docx"],
    );
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty(), "{v:#}");
    let first = &diags[0];
    assert_eq!(first["code"], "S03", "{first:#}");
    assert!(first["message"].as_str().unwrap().contains("“总体情况”"));
    assert_eq!(first["location"]["paragraph"], 3, "{first:#}");
}
