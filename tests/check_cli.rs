//! `nianbao check` as users, hooks and CI call it.

use std::io::Write;
use std::process::{Command, Stdio};

mod common;

use common::{nianbao_in, reports};

fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(name).tempdir().unwrap()
}

#[test]
fn exit_codes_and_json_shape() {
    let dir = temp_dir("nb-json");
    let (clean, bad) = reports();
    std::fs::write(dir.path().join("good.txt"), &clean).unwrap();
    std::fs::write(dir.path().join("bad.txt"), &bad).unwrap();

    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--format", "json", "good.txt"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--format", "json", "bad.txt"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["version", "files", "summary"]);
    let d = &v["files"][0]["diagnostics"][0];
    let dkeys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        dkeys,
        ["code", "name", "severity", "message", "range", "fix"]
    );
    assert_eq!(v["files"][0]["path"], "bad.txt");
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"A01"), "{codes:?}");
    // Lines and columns are 1-based, columns in characters.
    let a01 = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "A01")
        .unwrap();
    let line = a01["range"]["start"]["line"].as_u64().unwrap() as usize;
    let col = a01["range"]["start"]["column"].as_u64().unwrap() as usize;
    let text_line = bad.lines().nth(line - 1).unwrap();
    let rest: String = text_line.chars().skip(col - 1).collect();
    assert!(
        rest.starts_with(char::is_numeric),
        "{text_line:?} col {col}"
    );
    assert!(a01["fix"]["edits"][0]["new_text"].is_string());

    let out = nianbao_in(dir.path(), &["check", "--select", "Q9"]);
    assert_eq!(out.status.code(), Some(2));
    let out = nianbao_in(dir.path(), &["check", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fix_corrects_the_total_and_a_second_fix_changes_nothing() {
    let dir = temp_dir("nb-fix");
    let (clean, bad) = reports();
    let path = dir.path().join("report.txt");
    std::fs::write(&path, &bad).unwrap();
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--fix", "report.txt"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("已修复"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), clean);
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--fix", "report.txt"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), clean);
}

#[test]
fn human_output_points_at_the_cell() {
    let dir = temp_dir("nb-human");
    let (_, bad) = reports();
    std::fs::write(dir.path().join("r.txt"), &bad).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--select", "A01,A02", "r.txt"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("错误[A0"), "{text}");
    assert!(text.contains(" | ^"), "marker line: {text}");
    assert!(text.contains("共检查 1 个文件"), "{text}");
    let out = nianbao_in(
        dir.path(),
        &["check", "--lang", "en", "--select", "A01,A02", "r.txt"],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Checked 1 file"));
}

#[test]
fn directories_skip_non_reports_and_respect_gitignore() {
    let dir = temp_dir("nb-dir");
    let (_, bad) = reports();
    std::fs::create_dir_all(dir.path().join("sub/ignored")).unwrap();
    std::fs::write(dir.path().join("sub/a.md"), &bad).unwrap();
    std::fs::write(dir.path().join("sub/ignored/b.txt"), &bad).unwrap();
    std::fs::write(dir.path().join("sub/notes.txt"), "会议纪要\n").unwrap();
    std::fs::write(dir.path().join("sub/data.csv"), &bad).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--format", "json", "."],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["sub/a.md"]);
}

#[test]
fn configuration_and_inline_suppression() {
    let dir = temp_dir("nb-config");
    let (_, bad) = reports();
    std::fs::write(dir.path().join("r.md"), &bad).unwrap();
    std::fs::write(dir.path().join("nianbao.toml"), "ignore = [\"A\"]\n").unwrap();
    let out = nianbao_in(dir.path(), &["check", "--format", "json", "r.md"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let has_a = |v: &serde_json::Value| {
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"].as_str().unwrap().starts_with('A'))
    };
    assert!(!has_a(&v), "ignored by nianbao.toml");

    std::fs::write(
        dir.path().join("nianbao.toml"),
        "[severity]\nA01 = \"info\"\nA02 = \"info\"\n",
    )
    .unwrap();
    let out = nianbao_in(dir.path(), &["check", "--select", "A01,A02", "r.md"]);
    assert_eq!(out.status.code(), Some(0), "errors demoted to info");

    std::fs::write(dir.path().join("nianbao.toml"), "").unwrap();
    let suppressed = format!("<!-- nianbao-disable A -->\n{bad}");
    std::fs::write(dir.path().join("r.md"), suppressed).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--format", "json", "r.md"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!has_a(&v), "suppressed inline");

    std::fs::write(dir.path().join("nianbao.toml"), "selec = []\n").unwrap();
    let out = nianbao_in(dir.path(), &["check", "r.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nianbao.toml"));
}

#[test]
fn stdin_with_a_file_name() {
    let (clean, bad) = reports();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "check",
            "--select",
            "A",
            "--fix",
            "--stdin-filename",
            "x.txt",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(bad.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), clean);
}

#[test]
fn sarif_and_github_formats() {
    let dir = temp_dir("nb-sarif");
    let (_, bad) = reports();
    std::fs::write(dir.path().join("r.txt"), &bad).unwrap();
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--format", "sarif", "r.txt"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "nianbao");
    let result = &run["results"][0];
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][index]["id"],
        result["ruleId"]
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "r.txt"
    );

    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--format", "github", "r.txt"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("::error file=r.txt,line="), "{text}");
}

#[test]
fn rule_documentation() {
    let dir = temp_dir("nb-rule");
    let out = nianbao_in(dir.path(), &["rule"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A01"));
    let out = nianbao_in(dir.path(), &["rule", "A01"]);
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        doc.contains("t3-row-total") && doc.contains("修改："),
        "{doc}"
    );
    assert!(!doc.contains("Fix:"), "Chinese only by default: {doc}");
    let out = nianbao_in(dir.path(), &["rule", "A01", "--lang", "en"]);
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        doc.contains("t3-row-total") && doc.contains("Fix:"),
        "{doc}"
    );
    assert!(
        !doc.contains("修改："),
        "English only with --lang en: {doc}"
    );
    // The catalogue: one line per rule, each summary whole (it ends a sentence).
    for lang in ["zh", "en"] {
        let out = nianbao_in(dir.path(), &["rule", "--lang", lang]);
        let list = String::from_utf8_lossy(&out.stdout);
        assert_eq!(list.lines().count(), nianbao::rules::registry().len());
        for line in list.lines() {
            assert!(line.ends_with('。') || line.ends_with('.'), "{line}");
        }
    }
    let out = nianbao_in(dir.path(), &["rule", "Z99"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let dir = temp_dir("nb-sarif-schema");
    let (_, bad) = reports();
    std::fs::write(dir.path().join("r.txt"), &bad).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--format", "sarif", "r.txt"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    // And a document that breaks the schema is caught, so the check is real.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}
