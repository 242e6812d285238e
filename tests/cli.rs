//! The `nianbao` binary as users and other tools call it.

use std::path::Path;
use std::process::Command;

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

const EXAMPLE: &str = "examples/reports/department-2025.txt";

#[test]
fn extract_json_has_exactly_the_documented_shape() {
    let out = nianbao(&["extract", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["version", "path", "year", "format", "cells", "unreadable"]
    );
    assert_eq!(v["version"], 1);
    assert_eq!(v["path"], EXAMPLE);
    assert_eq!(v["year"], 2025);
    assert_eq!(v["format"], "2021");
    let cells = v["cells"].as_object().unwrap();
    assert_eq!(cells.len(), 200, "every cell id of the 2021 format");
    assert!(cells["t3.r01.c1"].is_u64());
    assert!(cells["t2.fee.amount"].is_string(), "the fee as written");
    assert!(v["unreadable"].as_object().unwrap().is_empty());
}

#[test]
fn extract_one_line_per_file_and_reasons_for_unreadable_cells() {
    let out = nianbao(&[
        "extract",
        EXAMPLE,
        "examples/reports/scraped-department-2024.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    let scraped = &objects[1];
    let unreadable = scraped["unreadable"].as_object().unwrap();
    assert!(
        !unreadable.is_empty(),
        "some digit runs of this sample are ambiguous"
    );
    for (id, reason) in unreadable {
        assert!(scraped["cells"][id].is_null(), "{id} is null");
        assert!(reason.as_str().unwrap().contains("拆分"), "{reason}");
    }
}

#[test]
fn extract_csv() {
    let out = nianbao(&["extract", "--format", "csv", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("path,year,format,cell,value,status,reason")
    );
    assert_eq!(lines.count(), 200);
    assert!(text.contains(",t2.fee.amount,"));
}

#[test]
fn extract_reasons_in_english_on_request() {
    let out = nianbao(&[
        "extract",
        "--lang",
        "en",
        "examples/reports/scraped-department-2024.txt",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (_, reason) = v["unreadable"].as_object().unwrap().iter().next().unwrap();
    assert!(reason.as_str().unwrap().contains("splits fit"), "{reason}");
}

#[test]
fn io_and_usage_errors_exit_2() {
    let out = nianbao(&["extract", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));

    let out = nianbao(&["extract"]);
    assert_eq!(out.status.code(), Some(2));
    let out = nianbao(&["extract", "--format", "xml", EXAMPLE]);
    assert_eq!(out.status.code(), Some(2));

    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81, 0x00]).unwrap();
    let out = nianbao(&["extract", binary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-16LE"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_is_not_a_report_is_read_as_unknown() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-unknown-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notes.txt");
    std::fs::write(&path, "会议纪要\n今天讨论了三件事。\n").unwrap();
    let out = nianbao(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "unknown");
    assert!(v["cells"].as_object().unwrap().is_empty());
    std::fs::remove_dir_all(&dir).ok();
    assert!(!Path::new(&dir).exists());
}

#[test]
fn extract_takes_directories_as_check_does() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(EXAMPLE, dir.join("sub/report.txt")).unwrap();
    std::fs::write(dir.join("notes.md"), "会议纪要\n今天讨论了三件事。\n").unwrap();
    std::fs::write(dir.join("image.png"), "not a report file").unwrap();
    let out = nianbao(&["extract", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 1, "only the report, not notes.md: {text}");
    assert!(objects[0]["path"].as_str().unwrap().ends_with("report.txt"));
    assert_eq!(objects[0]["format"], "2021");
    assert!(
        out.stderr.is_empty(),
        "a file found in a directory is skipped silently: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_named_file_that_is_not_a_report_says_why() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-named-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let notes = dir.join("notes.md");
    std::fs::write(&notes, "会议纪要\n今天讨论了三件事。\n").unwrap();
    let notes = notes.to_str().unwrap();
    for command in ["check", "extract"] {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args([command, notes])
            .env_remove("PRE_COMMIT")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(&format!("{notes}: 不是年度报告：没有统计表")),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("六个部分的标题只找到 0 个"), "{stderr}");
    }
    // pre-commit passes every file whose name matches; those are skipped without a word.
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", notes])
        .env("PRE_COMMIT", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{out:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_server_says_what_it_expected_when_stdin_closes_at_once() {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("server")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("未收到 initialize 请求"), "{stderr}");
    assert!(stderr.contains("nianbao check"), "{stderr}");
}

#[test]
fn fix_lists_each_change_and_fix_only_prints_nothing_else() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.md");
    let defects = "examples/reports/with-defects-2025.md";
    let run = |args: &[&str]| {
        std::fs::copy(defects, &bad).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .arg("bad.md")
            .current_dir(&dir)
            .output()
            .unwrap();
        let fixed = std::fs::read_to_string(&bad).unwrap();
        (out, fixed)
    };
    let expected_changes = [
        "bad.md:4  2025年度年度 → 2025年度  [W01]",
        "bad.md:65  344 → 338  [A0",
        "bad.md:76  〔2020] → 〔2020〕  [C01]",
    ];

    // --fix-only: the changes and a count, no findings; 0 although errors are left.
    let (out, fixed) = run(&["check", "--fix-only"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    for (line, expected) in lines.iter().zip(expected_changes) {
        assert!(line.starts_with(expected), "{line:?} is not {expected:?}");
    }
    assert_eq!(lines[3], "已修复 3 处");
    assert!(fixed.contains("| 16 | 338 |"), "the total is fixed");
    assert!(!stderr.contains("错误["), "{stderr}");

    // --fix: the same changes on stderr, the findings left and the summary on stdout.
    let (out, _) = run(&["check", "--fix"]);
    assert_eq!(out.status.code(), Some(1), "errors are left");
    let stderr = String::from_utf8(out.stderr).unwrap();
    for expected in expected_changes {
        assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("错误["), "{stdout}");
    assert!(stdout.contains("已修复 3 处"), "{stdout}");

    // Nothing to fix: says so, changes nothing.
    let (out, _) = run(&["check", "--fix-only"]);
    assert_eq!(out.status.code(), Some(0));
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--fix-only", "bad.md"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "没有可自动修复的问题\n"
    );
    std::fs::remove_dir_all(&dir).ok();
}
