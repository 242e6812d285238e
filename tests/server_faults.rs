//! The language server under hostile input: it answers or ignores each fault as the protocol
//! says, and keeps working.

mod lsp;

use lsp::{frame, position_of, Client};
use serde_json::{json, Value};

const DEFECTS: &str = include_str!("../examples/reports/with-defects-2025.md");
const URI: &str = "file:///tmp/faults/report.md";

fn started() -> Client {
    let (c, _) = Client::start(json!({}), Value::Null);
    c
}

/// The server still answers and checks: a fresh document gets its five diagnostics.
fn assert_alive(c: &mut Client, n: i64) {
    let uri = format!("file:///tmp/faults/alive-{n}.md");
    c.open(&uri, DEFECTS);
    assert_eq!(c.diagnostics(&uri, 1).len(), 5, "alive check {n}");
}

#[test]
fn framing_faults_are_skipped() {
    let mut c = started();
    // A length that is not a number, garbage between messages, a header without length.
    c.write_raw(b"Content-Length: twelve\r\n\r\n{}");
    c.write_raw(b"garbage line\r\n");
    c.write_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n");
    assert_alive(&mut c, 1);
    // A length shorter than the body: the rest is garbage up to the next header.
    let body = json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}).to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() - 5).into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    c.write_raw(&bytes);
    assert_alive(&mut c, 2);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn invalid_json_gets_a_parse_error_and_invalid_messages_an_invalid_request() {
    let mut c = started();
    c.write_raw(&frame(r#"{"jsonrpc": "2.0", "id": 99, "method": "#));
    let err = c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(err["id"], Value::Null);
    c.write_raw(&frame(r#"{"jsonrpc": "2.0", "id": 98, "params": {}}"#));
    let err = c.wait_for("invalid request", |m| m["id"] == 98);
    assert_eq!(err["error"]["code"], -32600);
    c.write_raw(&frame("[1, 2, 3]"));
    c.write_raw(&frame("\u{4e00}"));
    assert_alive(&mut c, 1);
    let resp = c.request("textDocument/unknownThing", json!({}));
    assert_eq!(resp["error"]["code"], -32601);
    // Unknown notifications are ignored.
    c.notify("custom/whatever", json!({"x": 1}));
    assert_alive(&mut c, 2);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_truncated_message_at_the_end_of_input_ends_the_server() {
    let mut c = started();
    c.write_raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\": \"2.0\"");
    // End of input without `exit`: the server stops, with the code for no shutdown.
    assert_eq!(c.wait_exit(), 1);
}

#[test]
fn notifications_for_unopened_documents_are_ignored() {
    let mut c = started();
    let other = "file:///tmp/faults/never-opened.md";
    c.change(other, 2, json!([{"text": "x"}]));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": other}}),
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": other}}),
    );
    c.notify("textDocument/didChange", json!({"textDocument": 3}));
    assert_alive(&mut c, 1);
    assert!(c.published_for(other).is_empty());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn out_of_range_positions_and_ranges() {
    let mut c = started();
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    // Requests: a line past the end is an error; a character past the end of its line means
    // the end of the line (the protocol's rule).
    let hover = |c: &mut Client, line: u64, character: u64| {
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
        )
    };
    assert_eq!(hover(&mut c, 5000, 0)["error"]["code"], -32602);
    assert!(hover(&mut c, 0, 100_000).get("error").is_none());
    let resp = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99999, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert_eq!(resp["error"]["code"], -32602);
    let resp = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99999, "character": 0}}}),
    );
    assert_eq!(
        resp["result"].as_array().unwrap().len(),
        1,
        "the end may lie past the text"
    );
    // An edit past the end is clamped: appended at the end.
    c.change(
        URI,
        2,
        json!([{"range": {"start": {"line": 9999, "character": 5}, "end": {"line": 9999, "character": 9}}, "text": "\n附：说明"}]),
    );
    assert_eq!(c.diagnostics(URI, 2).len(), 5);
    // A reversed range is taken in order.
    let a = position_of(DEFECTS, 0, false);
    let b = position_of(DEFECTS, DEFECTS.find('\n').unwrap(), false);
    c.change(URI, 3, json!([{"range": {"start": b, "end": a}, "text": "示例市人民政府2025年政府信息公开工作年度报告"}]));
    assert_eq!(c.diagnostics(URI, 3).len(), 5);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn edits_that_split_a_multibyte_character_land_on_its_start() {
    let (mut c, init) = Client::start(
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        Value::Null,
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    // Byte 1 of line 0 is inside 示 (3 bytes): the insertion goes before 示.
    c.change(URI, 2, json!([{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "X"}]));
    c.diagnostics(URI, 2);
    // A deletion from inside 示 to inside 例 removes 示 only (both ends move to char starts).
    c.change(URI, 3, json!([{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 5}}, "text": ""}]));
    c.diagnostics(URI, 3);
    let resp = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(resp["result"].as_array().unwrap().len(), 6);
    // UTF-16: the middle of a surrogate pair.
    let (mut c, _) = Client::start(json!({}), Value::Null);
    let text = format!("𠀀{DEFECTS}");
    c.open(URI, &text);
    c.diagnostics(URI, 1);
    c.change(URI, 2, json!([{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "Y"}]));
    let diags = c.diagnostics(URI, 2);
    let w01 = diags.iter().find(|d| d["code"] == "W01").unwrap();
    assert_eq!(w01["range"]["start"]["line"], 3);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_burst_of_ten_thousand_changes_is_coalesced() {
    let mut c = started();
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    let at = position_of(DEFECTS, DEFECTS.find('\n').unwrap(), false);
    let mut burst = Vec::new();
    for v in 2..=10_001 {
        // Type and delete a character, alternately: the text ends as it began.
        let change = if v % 2 == 0 {
            json!([{"range": {"start": at, "end": at}, "text": "字"}])
        } else {
            let mut end = at.clone();
            end["character"] = json!(at["character"].as_u64().unwrap() + 1);
            json!([{"range": {"start": at, "end": end}, "text": ""}])
        };
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": URI, "version": v}, "contentChanges": change}});
        burst.extend(frame(&msg.to_string()));
    }
    c.write_raw(&burst);
    let last = c.diagnostics(URI, 10_001);
    assert_eq!(last.len(), 5);
    let published = c.published_for(URI).len();
    assert!(
        published < 1000,
        "{published} publications for 10,000 changes"
    );
    assert_eq!(c.shutdown(), 0);
}

/// The size of [`a_large_document`] in MB: 2 by default, so that the unoptimised test build
/// reads it in a few seconds; `NIANBAO_BIG_DOC_MB=50 cargo test --test server_faults` runs the
/// 50 MB case (a few minutes in a debug build; the benchmarks time the release build).
fn large_document_megabytes() -> usize {
    match std::env::var("NIANBAO_BIG_DOC_MB") {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("NIANBAO_BIG_DOC_MB={v:?} is not a whole number of MB")),
        Err(_) => 2,
    }
}

#[test]
fn a_large_document() {
    let mut c = started();
    let megabytes = large_document_megabytes();
    // Unoptimised test builds read a large document slowly; the figures that matter are the
    // benchmark's.
    c.timeout = std::time::Duration::from_secs(60 + 12 * megabytes as u64);
    let started_at = std::time::Instant::now();
    let line = "本机关坚持以公开为常态、不公开为例外，持续完善主动公开目录。\n";
    let big = line.repeat(megabytes * 1024 * 1024 / line.len() + 1);
    let uri = "file:///tmp/faults/big.md";
    c.open(uri, &format!("{DEFECTS}{big}"));
    assert_eq!(c.diagnostics(uri, 1).len(), 5);
    let end = position_of(DEFECTS, DEFECTS.len(), false);
    c.change(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "字"}]),
    );
    assert_eq!(c.diagnostics(uri, 2).len(), 5);
    assert_alive(&mut c, 1);
    eprintln!("{megabytes} MB document: {:?}", started_at.elapsed());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn exit_without_shutdown() {
    let mut c = started();
    c.open(URI, DEFECTS);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 1);
}

/// The resident memory of a process, in KiB (Linux).
#[cfg(target_os = "linux")]
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A client that sends requests and never reads the answers: the server's queues are bounded,
/// so it stops reading (the client's writes block) instead of growing.
#[cfg(target_os = "linux")]
#[test]
fn a_client_that_never_reads_does_not_grow_the_server() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _unread = child.stdout.take();
    let pid = child.id();
    let init =
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}});
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": DEFECTS}}});
    stdin.write_all(&frame(&init.to_string())).unwrap();
    stdin.write_all(&frame(&open.to_string())).unwrap();
    let at = position_of(DEFECTS, DEFECTS.find("344").unwrap(), false);
    let writer = std::thread::spawn(move || {
        for id in 1..300_000 {
            let hover = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": at}});
            if stdin.write_all(&frame(&hover.to_string())).is_err() {
                return id;
            }
        }
        300_000
    });
    std::thread::sleep(std::time::Duration::from_secs(3));
    let rss = rss_kib(pid);
    assert!(
        !writer.is_finished(),
        "the server read every request without answering"
    );
    child.kill().unwrap();
    let _ = child.wait();
    let sent = writer.join().unwrap();
    assert!(
        rss < 80 * 1024,
        "server at {rss} KiB after {sent} unread hovers"
    );
}
