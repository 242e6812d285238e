//! PDF input, against sources whose truth is known: the published PDF of a corpus report and
//! its text, the corpus's web pages printed by headless Chromium, and generated Word reports
//! converted by LibreOffice (both made by `tests/pdf/make.sh` into `target/pdf-tests`, never
//! kept in git). Each PDF must give exactly the cells of its source.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::nianbao_in;
use common::word::{document, docx_of};
use nianbao::sample::Stats;

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "the corpus is missing: expected {} (see README)",
        dir.display()
    );
    dir
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `extract` of one file, as JSON.
fn extract(path: &Path) -> serde_json::Value {
    let out = nianbao_in(Path::new("."), &["extract", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The findings of `check` on one file: code and message, in order.
fn findings(path: &Path) -> Vec<(String, String)> {
    let out = nianbao_in(
        Path::new("."),
        &["check", path.to_str().unwrap(), "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_same_cells(source: &Path, pdf: &Path) {
    let (a, b) = (extract(source), extract(pdf));
    assert_eq!(a["format"], b["format"], "{}", pdf.display());
    assert_eq!(a["year"], b["year"], "{}", pdf.display());
    let (ca, cb) = (
        a["cells"].as_object().unwrap(),
        b["cells"].as_object().unwrap(),
    );
    for (k, v) in ca {
        assert_eq!(Some(v), cb.get(k), "{}: cell {k}", pdf.display());
    }
    assert_eq!(ca.len(), cb.len(), "{}", pdf.display());
    assert_eq!(a["unreadable"], b["unreadable"], "{}", pdf.display());
}

#[test]
fn the_published_pdf_gives_the_cells_and_findings_of_its_text() {
    let corpus = corpus();
    let (txt, pdf) = (corpus.join("real/013.txt"), corpus.join("pdf/013.pdf"));
    assert_same_cells(&txt, &pdf);
    let cells = extract(&pdf)["cells"].clone();
    let read = cells
        .as_object()
        .unwrap()
        .values()
        .filter(|v| !v.is_null())
        .count();
    assert_eq!(read, 200);
    assert_eq!(findings(&txt), findings(&pdf));
}

#[test]
fn findings_in_a_pdf_name_the_page_and_line_or_the_table_cell() {
    let pdf = corpus().join("pdf/013.pdf");
    let out = nianbao_in(
        Path::new("."),
        &["check", pdf.to_str().unwrap(), "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"];
    let s09 = d
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "S09")
        .unwrap();
    // `一、总体情况` is the ninth line of page 1.
    assert_eq!(s09["location"]["description"], "第1页 第9行", "{s09}");
    let human = nianbao_in(Path::new("."), &["check", pdf.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("013.pdf:第1页 第9行: 错误[S09]"), "{text}");
    // The map itself names table cells by the section the table sits in.
    let doc = nianbao::read::pdf::read_file(&pdf).unwrap();
    let at = doc.html.find(">3119<").map(|i| i + 1);
    if let Some(at) = at {
        let place = doc.map.locate(at..at + 4).unwrap();
        let name = place.location.describe(nianbao::lang::Lang::Zh);
        assert!(name.contains("表三"), "{name}");
    }
    let places: Vec<String> = doc
        .map
        .places()
        .map(|(l, _)| l.describe(nianbao::lang::Lang::Zh))
        .collect();
    assert!(
        places.iter().any(|p| p.contains("页 表三 第")),
        "{:?}",
        &places[..places.len().min(50)]
    );
    assert!(places.iter().any(|p| p.contains("页 表四 第")));
}

#[test]
fn a_budget_pdf_is_skipped_as_not_a_report() {
    let budget = corpus().join("pdf/not-a-report-budget.pdf");
    let out = nianbao_in(
        Path::new("."),
        &["check", budget.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn a_directory_includes_its_pdfs_and_fix_never_writes_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = corpus().join("pdf/013.pdf");
    let copy = dir.path().join("淮安.pdf");
    std::fs::copy(&src, &copy).unwrap();
    // A PDF under another name is still read as one (by its `%PDF-`).
    std::fs::copy(&src, dir.path().join("renamed.txt")).unwrap();
    let out = nianbao_in(dir.path(), &["check", ".", "--format", "json", "--fix"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&src).unwrap());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未修改：nianbao 不写入 PDF 文件"), "{err}");
}

#[test]
fn stdin_reads_a_pdf_but_fix_refuses_it() {
    let pdf = std::fs::read(corpus().join("pdf/013.pdf")).unwrap();
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&pdf).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["check", "--stdin-filename", "x.pdf", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "x.pdf");
    let out = run(&["check", "--stdin-filename", "x.pdf", "--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fix 不能用于 PDF 文件"));
}

#[test]
fn broken_pdfs_are_errors_and_the_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(corpus().join("pdf/013.pdf")).unwrap();
    std::fs::write(dir.path().join("a-truncated.pdf"), &real[..real.len() / 3]).unwrap();
    std::fs::write(
        dir.path().join("b-garbage.pdf"),
        b"%PDF-1.7\n\x00\x01garbage\n%%EOF\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c-scan.pdf"), scanned_pdf()).unwrap();
    std::fs::write(dir.path().join("d-locked.pdf"), encrypted_pdf()).unwrap();
    std::fs::copy(corpus().join("real/013.txt"), dir.path().join("e.txt")).unwrap();
    let out = nianbao_in(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, says) in [
        ("a-truncated.pdf", "不完整"),
        ("b-garbage.pdf", "不是有效的 PDF"),
        ("c-scan.pdf", "OCR"),
        ("d-locked.pdf", "加密"),
    ] {
        let line = err.lines().find(|l| l.contains(file)).unwrap_or_default();
        assert!(line.contains(says), "{file}: {err}");
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["files"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"].as_str().unwrap().ends_with("e.txt")));
}

/// A one-page PDF with offsets computed, from the objects' bodies.
fn pdf_of(objects: &[String], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A page that only paints an image: what a scanner makes.
fn scanned_pdf() -> Vec<u8> {
    let content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
    pdf_of(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".into(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{0}\nendstream".into(),
        ],
        "",
    )
}

/// A PDF whose standard security handler needs a user password we do not have.
fn encrypted_pdf() -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 720 Td (secret) Tj ET";
    pdf_of(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".into(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Filter /Standard /V 1 /R 2 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <0000000000000000000000000000000000000000000000000000000000000000> /P -4 >>".into(),
        ],
        "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    )
}

// ---------------------------------------------------------------------------------------------
// PDFs made by the programs offices use.

/// Runs `tests/pdf/make.sh TOOL IN OUT`; `false` (after printing why) when the tools are
/// missing and cannot be installed here.
fn make(tool: &str, input: &Path, output: &Path) -> bool {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/make.sh");
    let out = Command::new("bash")
        .arg(script)
        .args([tool, input.to_str().unwrap(), output.to_str().unwrap()])
        .output()
        .unwrap();
    match out.status.code() {
        Some(0) => true,
        Some(77) => {
            println!(
                "SKIPPED: {tool} is not installed and cannot be installed here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            false
        }
        _ => panic!(
            "make.sh {tool} {}: {}",
            input.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn chromium_print_matches(name: &str) {
    let html = corpus().join(format!("real/{name}.html"));
    let pdf = out_dir().join(format!("chromium-{name}.pdf"));
    if make("chromium", &html, &pdf) {
        assert_same_cells(&html, &pdf);
    }
}

#[test]
fn chromium_print_of_001() {
    chromium_print_matches("001");
}

#[test]
fn chromium_print_of_004() {
    chromium_print_matches("004");
}

#[test]
fn chromium_print_of_006() {
    chromium_print_matches("006");
}

#[test]
fn chromium_print_of_014() {
    chromium_print_matches("014");
}

#[test]
fn chromium_print_of_015() {
    chromium_print_matches("015");
}

#[test]
fn every_corpus_web_page_has_a_chromium_test() {
    let mut pages: Vec<String> = std::fs::read_dir(corpus().join("real"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        ["001", "004", "006", "014", "015"],
        "add a test for each"
    );
}

fn libreoffice_conversion_matches(seed: u64) {
    let s = Stats::generate(seed);
    let dir = out_dir();
    let docx = dir.join(format!("word-{seed}.docx"));
    let bytes = docx_of(&document(&s, &s.t3, ""));
    // Written only when changed, so that the PDF made from it last time is reused.
    if std::fs::read(&docx).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(&docx, &bytes).unwrap();
    }
    let pdf = dir.join(format!("word-{seed}.pdf"));
    if make("soffice", &docx, &pdf) {
        assert_same_cells(&docx, &pdf);
        let cells = extract(&pdf)["cells"].clone();
        for r in 1..=25u8 {
            for c in 1..=7u8 {
                let key = format!("t3.r{r:02}.c{c}");
                assert_eq!(cells[&key], s.t3_cell(r, c), "seed {seed} {key}");
            }
        }
    }
}

#[test]
fn libreoffice_conversion_of_word_report_0() {
    libreoffice_conversion_matches(0);
}

#[test]
fn libreoffice_conversion_of_word_report_1() {
    libreoffice_conversion_matches(1);
}

#[test]
fn libreoffice_conversion_of_word_report_2() {
    libreoffice_conversion_matches(2);
}
