//! Cross-file rules through `nianbao check DIR`: a two-year pair of reports with a broken
//! carry-over and a copied narrative.

mod common;

use common::nianbao_in;
use nianbao::sample::{Layout, Stats, STORIES};

/// One agency's 2023 and 2024 reports: 2024's 上年结转·自然人 is 3 where 2023 carried 5 into
/// the next year, and 2024's narrative is 2023's with one figure changed.
fn pair() -> (String, String) {
    let mut last = Stats::generate(11);
    last.agency = "淮安市示例区人民政府".into();
    last.year = 2023;
    last.t3[24] = [5, 0, 0, 0, 0, 0, 5];
    let mut this = Stats::generate(12);
    this.agency = "示例区人民政府".into();
    this.year = 2024;
    this.t3[1] = [3, 0, 0, 0, 0, 0, 3];
    (
        last.render_with_story(Layout::CellPerLine, STORIES[0]),
        this.render_with_story(Layout::Html, &STORIES[0].replace("两次", "四次")),
    )
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn codes_of(v: &serde_json::Value, file: &str) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == file)
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_folder_with_two_years_finds_the_carry_over_and_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (last, this) = pair();
    std::fs::write(dir.path().join("2023.txt"), last).unwrap();
    std::fs::write(dir.path().join("2024.html"), this).unwrap();
    let out = nianbao_in(
        dir.path(),
        &["check", ".", "--select", "X", "--format", "json"],
    );
    let v = json(&out);
    let found = codes_of(&v, "2024.html");
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].starts_with("X07 正文与 2023 年度报告（2023.txt）的正文 9"),
        "{found:#?}"
    );
    let carry: Vec<_> = found.iter().filter(|f| f.starts_with("X05")).collect();
    assert_eq!(
        carry,
        [
            "X05 表三（二）上年结转政府信息公开申请数·自然人 为 3，但 2023 年度报告（2023.txt）结转下年度继续办理·自然人 为 5",
            "X05 表三（二）上年结转政府信息公开申请数·总计 为 3，但 2023 年度报告（2023.txt）结转下年度继续办理·总计 为 5",
        ]
    );
    assert!(codes_of(&v, "2023.txt").is_empty());
}

#[test]
fn one_file_alone_or_the_rules_ignored_compare_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (last, this) = pair();
    std::fs::write(dir.path().join("2023.txt"), last).unwrap();
    std::fs::write(dir.path().join("2024.html"), this).unwrap();
    let alone = nianbao_in(
        dir.path(),
        &["check", "2024.html", "--select", "X", "--format", "json"],
    );
    assert!(codes_of(&json(&alone), "2024.html").is_empty());
    let ignored = nianbao_in(
        dir.path(),
        &[
            "check", ".", "--select", "X", "--ignore", "X05,X07", "--format", "json",
        ],
    );
    assert!(codes_of(&json(&ignored), "2024.html").is_empty());
}
