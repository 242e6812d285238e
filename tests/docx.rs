//! Word input: .docx files written here from the sample statistics, laid out like the
//! national template (merged header cells, group labels merged down their rows, auto-numbered
//! section headings), read back by `nianbao extract` and checked by `nianbao check`.

use std::io::Write;

mod common;

use common::nianbao_in;
use nianbao::read::cells::T3Row;
use nianbao::read::labels::{t3_row_text, SectionKind};
use nianbao::sample::{Layout, Stats};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
}

fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", run(text))
}

/// A heading numbered by Word (一、 comes from numbering.xml, not from the text).
fn numbered_heading(kind: SectionKind) -> String {
    let text = kind.official_heading();
    let (_, rest) = text.split_once('、').unwrap();
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
        run(rest)
    )
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// A table cell: `span` grid columns, `merge` "restart"/"continue"/"" for vertical merging.
fn cell(text: &str, span: u32, merge: &str) -> String {
    let mut props = String::new();
    if span > 1 {
        props.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
    }
    match merge {
        "restart" => props.push_str("<w:vMerge w:val=\"restart\"/>"),
        "continue" => props.push_str("<w:vMerge/>"),
        _ => {}
    }
    let content = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            run(text)
        )
    };
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

fn row(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn table(rows: &[String]) -> String {
    format!("<w:tbl><w:tblPr/>{}</w:tbl>", rows.concat())
}

fn values(v: &[u64]) -> Vec<String> {
    v.iter().map(|n| cell(&n.to_string(), 1, "")).collect()
}

/// Table 二 as in the template: four blocks of four columns.
fn table_two(s: &Stats) -> String {
    let mut rows = Vec::new();
    let block = |rows: &mut Vec<String>, title: &str, header: &[&str]| {
        rows.push(row(&[cell(title, 4, "")]));
        let mut h = vec![cell("信息内容", 1, "")];
        if header.len() == 1 {
            h.push(cell(header[0], 3, ""));
        } else {
            h.extend(header.iter().map(|t| cell(t, 1, "")));
        }
        rows.push(row(&h));
    };
    block(
        &mut rows,
        "第二十条第（一）项",
        &["本年制发件数", "本年废止件数", "现行有效件数"],
    );
    for (label, v) in ["规章", "行政规范性文件"].iter().zip(&s.t2_docs) {
        let mut r = vec![cell(label, 1, "")];
        r.extend(values(v));
        rows.push(row(&r));
    }
    let single = |label: &str, v: &str| row(&[cell(label, 1, ""), cell(v, 3, "")]);
    block(&mut rows, "第二十条第（五）项", &["本年处理决定数量"]);
    rows.push(single("行政许可", &s.t2_decisions[0].to_string()));
    block(&mut rows, "第二十条第（六）项", &["本年处理决定数量"]);
    rows.push(single("行政处罚", &s.t2_decisions[1].to_string()));
    rows.push(single("行政强制", &s.t2_decisions[2].to_string()));
    block(
        &mut rows,
        "第二十条第（八）项",
        &["本年收费金额（单位：万元）"],
    );
    rows.push(single("行政事业性收费", &s.fee));
    table(&rows)
}

const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Table 三 as in the template: 申请人情况 over 7 columns, 法人或其他组织 over 5, 自然人 and
/// 总计 merged down two rows, 三、本年度办理结果 merged down its 22 rows, each group label
/// merged down its rows. Rows 4–28 of the Word table are r01–r25; columns 4–10 are c1–c7.
fn table_three(t3: &[[u64; 7]; 25]) -> String {
    let mut rows = vec![
        row(&[cell(NOTE, 3, "restart"), cell("申请人情况", 7, "")]),
        row(&[
            cell("", 3, "continue"),
            cell("自然人", 1, "restart"),
            cell("法人或其他组织", 5, ""),
            cell("总计", 1, "restart"),
        ]),
        row(&[
            vec![cell("", 3, "continue"), cell("", 1, "continue")],
            [
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
            ]
            .iter()
            .map(|t| cell(t, 1, ""))
            .collect(),
            vec![cell("", 1, "continue")],
        ]
        .concat()),
    ];
    let groups = [
        (5, 12, "（三）不予公开"),
        (13, 15, "（四）无法提供"),
        (16, 20, "（五）不予处理"),
        (21, 23, "（六）其他处理"),
    ];
    for n in 1..=25u8 {
        let label = t3_row_text(T3Row::R(n));
        let mut r = Vec::new();
        match n {
            1 | 2 | 25 => r.push(cell(label, 3, "")),
            3 => {
                r.push(cell("三、本年度办理结果", 1, "restart"));
                r.push(cell(label, 2, ""));
            }
            4 | 24 => {
                r.push(cell("", 1, "continue"));
                r.push(cell(label, 2, ""));
            }
            _ => {
                r.push(cell("", 1, "continue"));
                let &(first, _, group) = groups
                    .iter()
                    .find(|(a, b, _)| (*a..=*b).contains(&n))
                    .unwrap();
                if n == first {
                    r.push(cell(group, 1, "restart"));
                } else {
                    r.push(cell("", 1, "continue"));
                }
                r.push(cell(label, 1, ""));
            }
        }
        r.extend(values(&t3[n as usize - 1]));
        rows.push(row(&r));
    }
    table(&rows)
}

/// Table 四: 行政复议 over 5 columns, 行政诉讼 over 10; the five 行政复议 outcomes merged down
/// two rows.
fn table_four(t4: &[u64; 15]) -> String {
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut second: Vec<String> = outcomes.iter().map(|o| cell(o, 1, "restart")).collect();
    second.push(cell("未经复议直接起诉", 5, ""));
    second.push(cell("复议后起诉", 5, ""));
    let mut third: Vec<String> = (0..5).map(|_| cell("", 1, "continue")).collect();
    third.extend(outcomes.repeat(2).iter().map(|o| cell(o, 1, "")));
    table(&[
        row(&[cell("行政复议", 5, ""), cell("行政诉讼", 10, "")]),
        row(&second),
        row(&third),
        row(&values(t4)),
    ])
}

/// The document's paragraphs and tables, with `t3` as table 三's values and `extra` appended to
/// the overview's narrative.
fn document(s: &Stats, t3: &[[u64; 7]; 25], extra: &str) -> String {
    let title = format!("{}{}年政府信息公开工作年度报告", s.agency, s.year);
    let body = [
        para(&title),
        para(&format!(
            "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。所列数据统计期限为{y}年1月1日至{y}年12月31日。",
            y = s.year
        )),
        "<w:p/>".to_string(),
        numbered_heading(SectionKind::Overview),
        para(&format!(
            "{}年，本机关认真贯彻落实《条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情形。{extra}",
            s.year
        )),
        numbered_heading(SectionKind::Active),
        table_two(s),
        numbered_heading(SectionKind::Requests),
        table_three(t3),
        numbered_heading(SectionKind::Review),
        table_four(&s.t4),
        numbered_heading(SectionKind::Problems),
        para("存在的主要问题是政策解读形式单一。改进情况：丰富解读形式，加强培训。"),
        numbered_heading(SectionKind::Other),
        para("本年度未收取信息处理费（依据国办函〔2020〕109号）。"),
        para(&format!("{}年1月20日", s.year + 1)),
    ]
    .concat();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip of the given parts (deflated, as Word writes them).
fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx_of(document: &str) -> Vec<u8> {
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ])
}

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
