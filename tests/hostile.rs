//! Hostile inputs and situations for `check`, `-o` and `extract`: nothing the user has is lost
//! or overwritten, nothing hangs, and a failure is reported without stopping the others.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::nianbao_in;

const DEFECTS: &str = include_str!("../examples/reports/with-defects-2025.md");

fn nianbao_stdin(dir: &Path, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that refuses its arguments exits without reading: its closed pipe is no failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_output_naming_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), DEFECTS).unwrap();
    for args in [
        &["check", "a.md", "-o", "a.md"][..],
        &["check", "a.md", "--fix", "-o", "a.md"],
        &["check", "a.md", "--format", "json", "-o", "./a.md"],
        &["check", ".", "-o", "a.md"],
    ] {
        let out = nianbao_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("not overwritten"), "{}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            DEFECTS,
            "{args:?}"
        );
    }
    // An earlier run's output in the checked folder is not a report: replaced.
    let first = nianbao_in(dir.path(), &["check", ".", "-o", "out.txt"]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let again = nianbao_in(dir.path(), &["check", ".", "-o", "out.txt"]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    let report = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(report.contains("共检查 1 个文件"), "{report}");
}

#[test]
fn a_read_only_report_is_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, DEFECTS).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DEFECTS);
}

#[cfg(unix)]
#[test]
fn a_symlinked_report_is_fixed_through_its_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.md"), DEFECTS).unwrap();
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--fix", "link.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let meta = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_ne!(
        std::fs::read_to_string(dir.path().join("real.md")).unwrap(),
        DEFECTS
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), DEFECTS).unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(inner.join("b.md"), DEFECTS).unwrap();
    std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&inner).is_ok(); // root reads everything
    let out = nianbao_in(dir.path(), &["check", "."]);
    std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o755)).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("a.md:"), "{text}");
    if readable_anyway {
        assert_eq!(out.status.code(), Some(1));
        assert!(text.contains("共检查 2 个文件"), "{text}");
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("inner"), "{}", stderr(&out));
        assert!(text.contains("共检查 1 个文件"), "{text}");
    }
}

#[test]
fn standard_input_is_checked_alone_and_a_non_report_passes_a_fix_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("other.md"), DEFECTS).unwrap();
    let out = nianbao_stdin(dir.path(), &["check", "-", "other.md"], DEFECTS.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input"), "{}", stderr(&out));
    let out = nianbao_stdin(
        dir.path(),
        &["check", "--stdin-filename", "x.md", "--fix"],
        b"hello\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, b"hello\n");
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_error_is_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), DEFECTS).unwrap();
    for args in [
        &["check", "/nonexistent"][..],
        &["check", "--fix", "a.md", "nope.md"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .current_dir(dir.path())
            .stderr(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--fix", "a.md"])
        .current_dir(dir.path())
        .stderr(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("p.md"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::write(dir.path().join("a.md"), DEFECTS).unwrap();
    for args in [&["check", "p.md", "a.md"][..], &["extract", "p.md", "a.md"]] {
        let out = nianbao_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
        assert!(
            !out.stdout.is_empty(),
            "the other file is still read: {args:?}"
        );
    }
    // Walking a folder, a FIFO is no report file at all.
    let out = nianbao_in(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn an_overflowing_row_is_unreadable_and_never_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "9223372036854775807";
    let long = "123456789012345678901234567890";
    let text = DEFECTS.replace(
        "| （七）总计 | 267 | 5 | 14 |",
        &format!("| （七）总计 | {huge} | {huge} | {long} |"),
    );
    assert_ne!(text, DEFECTS);
    let path = dir.path().join("a.md");
    std::fs::write(&path, &text).unwrap();
    let out = nianbao_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "a.md"]);
    let fixed = std::fs::read_to_string(&path).unwrap();
    let row = |t: &str| {
        t.lines()
            .find(|l| l.contains("（七）总计"))
            .unwrap()
            .to_string()
    };
    assert_eq!(
        row(&fixed),
        row(&text),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("-8446744073709551616"), "{shown}");
    assert!(shown.contains("R01"), "{shown}");
    let csv = nianbao_in(dir.path(), &["extract", "--format", "csv", "a.md"]);
    let csv = String::from_utf8_lossy(&csv.stdout);
    for line in csv.lines().filter(|l| l.contains(huge) || l.contains(long)) {
        assert!(line.contains(",unreadable,"), "{line}");
    }
    let json = nianbao_in(dir.path(), &["extract", "a.md"]);
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(!json.contains(&format!("\"{long}\"")), "{json}");
}

#[test]
fn control_characters_in_names_and_text_are_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}[31m.md";
    std::fs::write(
        dir.path().join(name),
        DEFECTS.replacen("2025年度年度", "2025年度年度\u{1b}]0;x\u{7}", 1),
    )
    .unwrap();
    let out = nianbao_in(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!out.stdout.contains(&0x07));
}
