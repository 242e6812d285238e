//! Reports in other encodings and line endings: checked with the same diagnostics at the same
//! lines, fixed and written back as they were; binary and undecodable files refused.

use std::io::Write;
use std::process::{Command, Stdio};

mod common;

use common::{nianbao_in, reports};

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// Every other line ends with CRLF, the others with LF.
fn mixed(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match line.strip_suffix('\n') {
            Some(l) if i % 2 == 0 => {
                out.push_str(l);
                out.push_str("\r\n");
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The ways a report file may be written: a name, and the bytes of a text (with `\n` endings)
/// written that way.
type Form = (&'static str, fn(&str) -> Vec<u8>);

const FORMS: [Form; 11] = [
    ("utf8", |t| t.as_bytes().to_vec()),
    ("utf8-bom", |t| {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(t.as_bytes());
        b
    }),
    ("utf16le", |t| utf16(t, true)),
    ("utf16be", |t| utf16(t, false)),
    ("gbk", gbk),
    ("crlf", |t| t.replace('\n', "\r\n").into_bytes()),
    ("cr", |t| t.replace('\n', "\r").into_bytes()),
    ("gbk-crlf", |t| gbk(&t.replace('\n', "\r\n"))),
    ("utf16le-crlf", |t| utf16(&t.replace('\n', "\r\n"), true)),
    ("utf8-bom-cr", |t| {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(t.replace('\n', "\r").as_bytes());
        b
    }),
    ("mixed", |t| mixed(t).into_bytes()),
];

/// The diagnostics of a JSON report, without the path: code, range, fix edits.
fn diagnostics(out: &std::process::Output) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    v["files"][0]["diagnostics"].clone()
}

#[test]
fn every_encoding_is_checked_alike_and_fixed_in_its_own_form() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, bad) = reports();
    std::fs::write(dir.path().join("reference.txt"), &bad).unwrap();
    let args = ["check", "--select", "A", "--format", "json"];
    let reference = nianbao_in(dir.path(), &[&args[..], &["reference.txt"]].concat());
    assert_eq!(reference.status.code(), Some(1));
    let expected = diagnostics(&reference);
    assert!(
        expected
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "A01"),
        "{expected}"
    );
    let extracted = nianbao_in(dir.path(), &["extract", "reference.txt"]);
    let mut expected_cells: serde_json::Value = serde_json::from_slice(&extracted.stdout).unwrap();
    expected_cells["path"] = "".into();

    for (name, write) in FORMS {
        let file = format!("{name}.txt");
        let path = dir.path().join(&file);
        std::fs::write(&path, write(&bad)).unwrap();

        let out = nianbao_in(dir.path(), &[&args[..], &[&file]].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert_eq!(
            diagnostics(&out),
            expected,
            "{name}: same diagnostics, same lines"
        );

        let out = nianbao_in(dir.path(), &["extract", &file]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let mut cells: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        cells["path"] = "".into();
        assert_eq!(cells, expected_cells, "{name}: extract reads it alike");

        let out = nianbao_in(dir.path(), &["check", "--select", "A", "--fix", &file]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{name}: {stdout}");
        assert!(stdout.contains("已修复"), "{name}: {stdout}");
        let written = std::fs::read(&path).unwrap();
        assert!(
            written == write(&clean),
            "{name}: written in its own encoding, byte-order mark and line endings"
        );

        let out = nianbao_in(dir.path(), &["check", "--select", "A", "--fix", &file]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(std::fs::read(&path).unwrap() == written, "{name}: stable");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn lone_cr_lines_are_counted_as_editors_count_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bad) = reports();
    std::fs::write(dir.path().join("r.txt"), bad.replace('\n', "\r")).unwrap();
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A01", "--format", "json", "r.txt"],
    );
    let d = &diagnostics(&out)[0];
    let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
    let column = d["range"]["start"]["column"].as_u64().unwrap() as usize;
    let text_line = bad.split('\n').nth(line - 1).unwrap();
    let rest: String = text_line.chars().skip(column - 1).collect();
    assert!(rest.starts_with(char::is_numeric), "{text_line:?} {column}");
    assert!(line > 1);
    // The human output shows the line without its `\r`.
    let out = nianbao_in(dir.path(), &["check", "--select", "A01", "r.txt"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\r'), "{text:?}");
}

#[test]
fn stdin_fix_answers_in_the_input_encoding() {
    let (clean, bad) = reports();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "check",
            "--select",
            "A",
            "--fix",
            "--stdin-filename",
            "x.txt",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = gbk(&bad.replace('\n', "\r\n"));
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == gbk(&clean.replace('\n', "\r\n")));
}

#[test]
fn binary_and_undecodable_files_exit_2_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bad) = reports();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec();
    png.extend_from_slice(&[0; 64]);
    let mut invalid = bad.as_bytes()[..200].to_vec();
    invalid.extend_from_slice(b"\xff\xfe\xfd\x80\xff");
    invalid.extend_from_slice(&bad.as_bytes()[200..]);
    let cases: [(&str, &[u8], [&str; 2]); 3] = [
        ("image.txt", &png, ["二进制文件", "（binary file"]),
        (
            "invalid.txt",
            &invalid,
            ["无法识别文本编码", "（unknown text encoding"],
        ),
        (
            "odd.txt",
            b"\xFF\xFE\x3b\x60\x21",
            ["不是有效的 UTF-16LE 文本", "（invalid UTF-16LE text"],
        ),
    ];
    std::fs::write(dir.path().join("good.txt"), &bad).unwrap();
    for (file, bytes, [chinese, english]) in cases {
        let path = dir.path().join(file);
        std::fs::write(&path, bytes).unwrap();
        for args in [
            &["check", file][..],
            &["check", "--fix", file],
            &["extract", file],
        ] {
            let out = nianbao_in(dir.path(), args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains(file) && stderr.contains(chinese) && stderr.contains(english),
                "{args:?}: {stderr}"
            );
            assert!(std::fs::read(&path).unwrap() == bytes, "{file} untouched");
        }
    }
    // In a directory, the other files are still checked.
    let out = nianbao_in(
        dir.path(),
        &["check", "--select", "A", "--format", "json", "."],
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "good.txt");
}

#[test]
fn an_empty_file_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let out = nianbao_in(dir.path(), &["check", "empty.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let out = nianbao_in(dir.path(), &["extract", "empty.txt"]);
    assert_eq!(out.status.code(), Some(0));
}
