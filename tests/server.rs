//! The language server, spoken to over JSON-RPC as an editor does: the real binary, stdio,
//! `Content-Length` framing.

mod lsp;

use lsp::{apply_text_edits, edits_for, offset_of, position_of, Client};
use serde_json::{json, Value};

const DEFECTS: &str = include_str!("../examples/reports/with-defects-2025.md");
const CLEAN: &str = include_str!("../examples/reports/city-government-2024.md");
const URI: &str = "file:///tmp/nianbao-test/with-defects-2025.md";

/// The `344` of the （七）总计 row's 总计 cell in the example with defects.
fn total_offset(text: &str) -> usize {
    let row = text.find("| （七）总计 |").unwrap();
    row + text[row..].find("344").unwrap()
}

fn codes(diags: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c
}

/// A `textDocument/diagnostic` request's result.
fn pull(c: &mut Client, uri: &str, previous: Value) -> Value {
    c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
    )["result"]
        .clone()
}

fn push_client() -> Client {
    let (c, _) = Client::start(json!({}), Value::Null);
    c
}

#[test]
fn the_position_encoding_is_utf8_when_offered_else_utf16() {
    // 𠀀 (outside the BMP) before the duplicated 年度 of line 4.
    let text = DEFECTS.replacen("2025年度年度", "𠀀2025年度年度", 1);
    for (caps, enc, character) in [
        (
            json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
            "utf-8",
            8,
        ),
        (
            json!({"general": {"positionEncodings": ["utf-16"]}}),
            "utf-16",
            6,
        ),
        (json!({}), "utf-16", 6),
    ] {
        let (mut c, init) = Client::start(caps, Value::Null);
        assert_eq!(init["capabilities"]["positionEncoding"], enc);
        assert_eq!(init["serverInfo"]["name"], "nianbao");
        c.open(URI, &text);
        let diags = c.diagnostics(URI, 1);
        let w01 = diags.iter().find(|d| d["code"] == "W01").expect("W01");
        assert_eq!(
            w01["range"]["start"],
            json!({"line": 3, "character": character}),
            "{enc}"
        );
        assert_eq!(c.shutdown(), 0);
    }
}

#[test]
fn diagnostics_follow_edits_with_their_versions() {
    let mut c = push_client();
    c.open(URI, DEFECTS);
    let diags = c.diagnostics(URI, 1);
    assert_eq!(codes(&diags), ["A01", "C01", "S09", "T04", "W01"]);
    let a01 = diags.iter().find(|d| d["code"] == "A01").unwrap();
    assert_eq!(a01["severity"], 1);
    assert_eq!(a01["source"], "nianbao");
    assert!(
        a01["message"]
            .as_str()
            .unwrap()
            .starts_with("（七）总计·总计 为 344，应为 338："),
        "{a01}"
    );
    let href = a01["codeDescription"]["href"].as_str().unwrap();
    assert!(
        href.starts_with("file://") && href.ends_with("/A01.md"),
        "{href}"
    );
    let page = std::path::PathBuf::from(href.trim_start_matches("file://"));
    let page = std::fs::read_to_string(page).unwrap();
    assert!(
        page.contains("t3-row-total") && page.contains("修改："),
        "{page}"
    );
    assert!(!page.contains("## English"), "{page}");
    // The three relations it breaks are pointed at, each once (the addends are in the hover).
    let related = a01["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 3);
    assert_eq!(related[0]["location"]["uri"], URI);
    assert!(related[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("（七）总计行：总计 344，各列之和 338（267 + "));

    // Fix the total by hand: 344 → 338, an incremental change.
    let at = total_offset(DEFECTS);
    let range = json!({"start": position_of(DEFECTS, at, false), "end": position_of(DEFECTS, at + 3, false)});
    c.change(URI, 2, json!([{"range": range, "text": "338"}]));
    let diags = c.diagnostics(URI, 2);
    // The balance of the 总计 column holds again too: 343 + 4 = 338 + 9.
    assert_eq!(codes(&diags), ["C01", "S09", "T04", "W01"]);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_burst_of_changes_is_checked_once_at_its_last_version() {
    let mut c = push_client();
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    // Type 100 characters at the end of line 1, one change per keystroke.
    let line0_end = DEFECTS.find('\n').unwrap();
    let mut text = DEFECTS.to_string();
    for v in 2..=101 {
        let pos = position_of(&text, line0_end + (v as usize - 2), false);
        c.change(
            URI,
            v,
            json!([{"range": {"start": pos, "end": pos}, "text": "x"}]),
        );
        text.insert(line0_end + (v as usize - 2), 'x');
    }
    let last = c.diagnostics(URI, 101);
    assert!(!last.is_empty());
    // Versions in between may or may not have been checked, but never after a later one, and
    // never with an empty list before the real one.
    let published = c.published_for(URI);
    assert!(published
        .iter()
        .all(|m| !m["params"]["diagnostics"].as_array().unwrap().is_empty()));
    assert!(
        published.len() < 100,
        "{} publications for 100 changes",
        published.len()
    );
    // The server's text equals ours: a fix round trip proves it.
    let resp = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": position_of(&text, total_offset(&text), false)}),
    );
    assert!(resp["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("344"));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_quick_fix_changes_the_total_and_nothing_else() {
    for document_changes in [false, true] {
        let caps = json!({"workspace": {"workspaceEdit": {"documentChanges": document_changes}}});
        let (mut c, _) = Client::start(caps, Value::Null);
        c.open(URI, DEFECTS);
        let diags = c.diagnostics(URI, 1);
        // One wrong number, one finding (A01, standing for A02 and A03), one quick fix.
        let a01 = diags.iter().find(|d| d["code"] == "A01").unwrap().clone();
        let resp = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": a01["range"], "context": {"diagnostics": [a01], "only": ["quickfix"]}}),
        );
        let actions = resp["result"].as_array().unwrap();
        assert_eq!(actions.len(), 1, "{actions:?}");
        let action = &actions[0];
        assert_eq!(codes(action["diagnostics"].as_array().unwrap()), ["A01"]);
        assert!(
            action["title"].as_str().unwrap().ends_with("（A01）"),
            "{action}"
        );
        assert_eq!(action["kind"], "quickfix");
        assert_eq!(action["isPreferred"], true);
        assert!(
            action["title"].as_str().unwrap().contains("改为 338"),
            "{action}"
        );
        if document_changes {
            assert_eq!(
                action["edit"]["documentChanges"][0]["textDocument"]["version"],
                1
            );
        }
        let edits = edits_for(&action["edit"], URI);
        let fixed = apply_text_edits(DEFECTS, &edits, false);
        let at = total_offset(DEFECTS);
        assert_eq!(
            fixed,
            format!("{}338{}", &DEFECTS[..at], &DEFECTS[at + 3..])
        );
        c.change(URI, 2, json!([{"text": fixed}]));
        let after = c.diagnostics(URI, 2);
        assert!(!codes(&after).contains(&"A02".to_string()));
        assert!(!codes(&after).contains(&"A01".to_string()));
        assert_eq!(c.shutdown(), 0);
    }
}

#[test]
fn fix_all_applies_every_safe_fix_and_honours_only() {
    let mut c = push_client();
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let ask = |c: &mut Client, only: Value| {
        c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": whole, "context": {"diagnostics": [], "only": only}}),
        )["result"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(
        ask(&mut c, json!(["quickfix"])).is_empty(),
        "nothing to fix on line 1"
    );
    let actions = ask(&mut c, json!(["source.fixAll"]));
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.nianbao");
    let fixed = apply_text_edits(DEFECTS, &edits_for(&actions[0]["edit"], URI), false);
    assert!(fixed.contains("| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 | 338 |"));
    assert!(fixed.contains("国办函〔2020〕109号"));
    assert!(fixed.contains("2025年度，本机关"));
    c.change(URI, 2, json!([{"text": fixed}]));
    let after = c.diagnostics(URI, 2);
    assert_eq!(codes(&after), ["S09", "T04"]);
    assert!(
        ask(&mut c, json!(["source"])).is_empty(),
        "nothing left to fix"
    );
    // The same through the command: the server asks the client to apply the edit.
    c.change(URI, 3, json!([{"text": DEFECTS}]));
    c.diagnostics(URI, 3);
    let resp = c.request(
        "workspace/executeCommand",
        json!({"command": "nianbao.fixAll", "arguments": [URI]}),
    );
    assert!(
        resp.get("error").is_some(),
        "a client without applyEdit: {resp}"
    );
    assert_eq!(c.shutdown(), 0);

    let (mut c, _) = Client::start(json!({"workspace": {"applyEdit": true}}), Value::Null);
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    let resp = c.request(
        "workspace/executeCommand",
        json!({"command": "nianbao.fixAll", "arguments": [URI]}),
    );
    assert_eq!(resp["result"], Value::Null, "{resp}");
    c.wait_for("applyEdit", |m| m["method"] == "workspace/applyEdit");
    let edits = edits_for(&c.applied_edits[0], URI);
    assert_eq!(apply_text_edits(DEFECTS, &edits, false), fixed);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn hover_explains_a_cell_and_its_relations() {
    let mut c = push_client();
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    let at = total_offset(DEFECTS) + 1;
    let resp = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": position_of(DEFECTS, at, false)}),
    );
    let md = resp["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("表三 · （七）总计·总计"), "{md}");
    assert!(md.contains("`t3.r24.c7`"), "{md}");
    assert!(
        md.contains("`A01` （七）总计·总计：344 ≠ 267 + 5 + 14 + 15 + 21 + 16（= 338） ✗"),
        "{md}"
    );
    assert!(md.contains("`A02`") && md.contains("`A03`"), "{md}");
    let range = &resp["result"]["range"];
    assert_eq!(
        offset_of(DEFECTS, &range["start"], false),
        total_offset(DEFECTS)
    );
    // Narrative: nothing to say.
    let resp = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(resp["result"], Value::Null);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn the_outline_lists_sections_with_their_tables_and_inlay_hints_show_sums() {
    let mut c = push_client();
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    let resp = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let symbols = resp["result"].as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names[0].starts_with("一、总体情况"), "{names:?}");
    assert!(names[5].starts_with("六、其他需要报告的事项"), "{names:?}");
    for (i, table) in [(1, "表二"), (2, "表三"), (3, "表四")] {
        let children = symbols[i]["children"].as_array().unwrap();
        assert!(
            children[0]["name"].as_str().unwrap().starts_with(table),
            "{:?}",
            symbols[i]
        );
    }
    let t3_rows = symbols[2]["children"][0]["children"].as_array().unwrap();
    assert!(t3_rows.iter().any(|r| r["name"] == "（七）总计"));

    let end = position_of(DEFECTS, DEFECTS.len(), false);
    let resp = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": end}}),
    );
    let hints = resp["result"].as_array().unwrap();
    let labels: Vec<&str> = hints.iter().map(|h| h["label"].as_str().unwrap()).collect();
    // The one wrong cell of three failing relations: one hint, with the value it should have.
    assert_eq!(labels, ["应为 338"]);
    let tooltip = hints[0]["tooltip"].as_str().unwrap();
    assert!(
        tooltip.contains("A01") && tooltip.contains("A02"),
        "{tooltip}"
    );
    assert_eq!(
        offset_of(DEFECTS, &hints[0]["position"], false),
        total_offset(DEFECTS) + 3
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn settings_from_options_configuration_and_nianbao_toml() {
    // initializationOptions: English messages, A ignored.
    let (mut c, _) = Client::start(
        json!({}),
        json!({"nianbao": {"lang": "en", "ignore": ["A"]}}),
    );
    c.open(URI, DEFECTS);
    let diags = c.diagnostics(URI, 1);
    assert_eq!(codes(&diags), ["C01", "S09", "T04", "W01"]);
    let c01 = diags.iter().find(|d| d["code"] == "C01").unwrap();
    assert!(c01["message"].as_str().unwrap().contains("〔〕"), "{c01}");
    assert!(
        !c01["message"].as_str().unwrap().contains("发文字号"),
        "{c01}"
    );
    // The rule's page, linked from the diagnostic, is in English too.
    let href = c01["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("/rules/en/C01.md"), "{href}");
    let page = std::fs::read_to_string(href.trim_start_matches("file://")).unwrap();
    assert!(
        page.starts_with("# C01 docno-brackets\n\nC01 docno-brackets: The year"),
        "{page}"
    );
    // didChangeConfiguration with the settings in it (no configuration capability).
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"select": ["A01"]}}}),
    );
    let diags = c.diagnostics(URI, 1);
    assert_eq!(codes(&diags), ["A01"]);
    assert!(diags[0]["message"]
        .as_str()
        .unwrap()
        .contains("各列之和 338"));
    assert_eq!(c.shutdown(), 0);

    // workspace/configuration: the server asks, after `initialized` and after a change.
    let mut c = Client::spawn(&[]);
    c.configuration = json!({"select": ["T"]});
    c.initialize(json!({"workspace": {"configuration": true}}), Value::Null);
    c.wait_for("configuration request", |m| {
        m["method"] == "workspace/configuration"
    });
    c.open(URI, DEFECTS);
    // The answer may arrive before or after the first check; the last word is T only.
    let mut diags = c.diagnostics(URI, 1);
    if codes(&diags) != ["T04"] {
        diags = c.diagnostics(URI, 1);
    }
    assert_eq!(codes(&diags), ["T04"]);
    c.configuration = json!({"select": ["C"]});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let diags = c.diagnostics(URI, 1);
    assert_eq!(codes(&diags), ["C01"]);
    assert_eq!(c.shutdown(), 0);

    // nianbao.toml next to the file, picked up when the client says it changed.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.md");
    std::fs::write(&file, DEFECTS).unwrap();
    let uri = format!("file://{}", file.display());
    let (mut c, _) = Client::start(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
    );
    let reg = c.wait_for("registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.open(&uri, DEFECTS);
    assert_eq!(c.diagnostics(&uri, 1).len(), 5);
    let toml = dir.path().join("nianbao.toml");
    std::fs::write(&toml, "ignore = [\"S\", \"T\", \"W\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", toml.display()), "type": 1}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, 1)), ["A01", "C01"]);
    assert_eq!(c.shutdown(), 0);
}

/// A document of many reports with a limit of 20: the 20 diagnostics nearest the last edit,
/// and a notice (information, at the start) that says how many there are.
#[test]
fn a_long_list_is_cut_to_the_diagnostics_around_the_last_edit() {
    let text = DEFECTS.repeat(30);
    let uri = "file:///tmp/nianbao-test/many.md";
    let line_of = |d: &Value| d["range"]["start"]["line"].as_u64().unwrap();
    let split = |diags: Vec<Value>| -> (Vec<Value>, Vec<Value>) {
        diags.into_iter().partition(|d| !d["code"].is_null())
    };
    // All of them without a limit.
    let (mut c, _) = Client::start(json!({}), json!({"maxDiagnostics": 0}));
    c.open(uri, &text);
    let all = c.diagnostics(uri, 1);
    assert!(all.len() > 40, "{}", all.len());
    assert!(all.iter().all(|d| !d["code"].is_null()));
    assert_eq!(c.shutdown(), 0);

    let (mut c, _) = Client::start(json!({}), json!({"maxDiagnostics": 20}));
    c.open(uri, &text);
    let (shown, notice) = split(c.diagnostics(uri, 1));
    assert_eq!(shown, all[..20], "before any edit: the first 20");
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0]["severity"], 3);
    assert_eq!(
        notice[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    let message = notice[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("共有 {} 条", all.len())) && message.contains("20 条"),
        "{message}"
    );
    // An edit at the end moves the window there: the last 20.
    let at = json!({"line": text.lines().count(), "character": 0});
    c.change(
        uri,
        2,
        json!([{"range": {"start": at, "end": at}, "text": "\n"}]),
    );
    let (shown, notice) = split(c.diagnostics(uri, 2));
    assert_eq!(notice.len(), 1);
    let tail: Vec<u64> = all[all.len() - 20..].iter().map(line_of).collect();
    assert_eq!(shown.iter().map(line_of).collect::<Vec<_>>(), tail);
    // In the middle: ten before the edit, ten after.
    let middle = line_of(&all[all.len() / 2]);
    let at = json!({"line": middle, "character": 0});
    c.change(
        uri,
        3,
        json!([{"range": {"start": at, "end": at}, "text": "\n"}]),
    );
    let (shown, _) = split(c.diagnostics(uri, 3));
    assert_eq!(shown.len(), 20);
    let before = shown.iter().filter(|d| line_of(d) < middle).count();
    assert_eq!(before, 10, "{shown:?}");
    assert_eq!(c.shutdown(), 0);

    // Pulled: the same cut, and `unchanged` while nothing moves.
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut c, _) = Client::start(caps, json!({"maxDiagnostics": 20}));
    c.open(uri, &text);
    let full = pull(&mut c, uri, Value::Null);
    let (shown, notice) = split(full["items"].as_array().unwrap().clone());
    assert_eq!((shown, notice.len()), (all[..20].to_vec(), 1));
    assert_eq!(
        pull(&mut c, uri, full["resultId"].clone())["kind"],
        "unchanged"
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn pull_diagnostics_when_the_client_asks_for_them() {
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut c, init) = Client::start(caps, Value::Null);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "nianbao"
    );
    c.open(URI, DEFECTS);
    let full = pull(&mut c, URI, Value::Null);
    assert_eq!(full["kind"], "full");
    assert_eq!(full["items"].as_array().unwrap().len(), 5);
    let again = pull(&mut c, URI, full["resultId"].clone());
    assert_eq!(again["kind"], "unchanged");
    // An edit that moves no diagnostic: a blank line added at the end.
    let end = DEFECTS.lines().count();
    let range =
        json!({"start": {"line": end, "character": 0}, "end": {"line": end, "character": 0}});
    c.change(URI, 2, json!([{"range": range, "text": "\n"}]));
    assert_eq!(
        pull(&mut c, URI, full["resultId"].clone())["kind"],
        "unchanged"
    );
    c.change(URI, 3, json!([{"text": CLEAN}]));
    let after = pull(&mut c, URI, full["resultId"].clone());
    assert_eq!(after["kind"], "full");
    // Nothing was pushed.
    assert!(c.published_for(URI).is_empty());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn files_that_are_not_reports_get_no_diagnostics() {
    let mut c = push_client();
    let other = "file:///tmp/notes.md";
    c.open(other, "# 会议纪要\n\n2024年共收到 3 件，总计 5 件。\n");
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    // Everything published before this answer has arrived.
    c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": other}}),
    );
    assert!(c.published_for(other).is_empty());
    let resp = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": other}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}}),
    );
    assert_eq!(resp["result"], json!([]));
    // Closing a report with problems clears them.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let msg = c.wait_for("cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
    });
    assert_eq!(msg["params"]["diagnostics"], json!([]));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn errors_are_answered_and_the_server_goes_on() {
    let mut c = Client::spawn(&[("NIANBAO_DEBUG_PANIC", "1")]);
    // Before initialize: an error, not a crash.
    let resp = c.request("textDocument/hover", json!({}));
    assert_eq!(resp["error"]["code"], -32002);
    c.initialize(json!({}), Value::Null);
    let resp = c.request("nianbao/debugPanic", Value::Null);
    assert_eq!(resp["error"]["code"], -32603, "{resp}");
    let resp = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(resp["error"]["code"], -32803, "{resp}");
    c.open(URI, DEFECTS);
    let resp = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 10000, "character": 0}}),
    );
    assert_eq!(resp["error"]["code"], -32602, "{resp}");
    let resp = c.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(resp["error"]["code"], -32602, "{resp}");
    let resp = c.request("no/such/method", json!({}));
    assert_eq!(resp["error"]["code"], -32601, "{resp}");
    // A change to a document that is not open is ignored.
    c.change("file:///nowhere.md", 2, json!([{"text": "x"}]));
    // Still alive and correct.
    assert_eq!(c.diagnostics(URI, 1).len(), 5);
    let resp = c.request("shutdown", Value::Null);
    assert_eq!(resp["result"], Value::Null);
    let resp = c.request("textDocument/hover", json!({}));
    assert_eq!(
        resp["error"]["code"], -32600,
        "requests after shutdown are invalid"
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut c = push_client();
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 1);
}

#[test]
fn every_quick_fix_removes_its_diagnostic_and_touches_nothing_else() {
    // One more fixable defect: the heading 六、 written with a wrong numeral (S03).
    let text = DEFECTS.replacen("六、其他需要报告的事项", "七、其他需要报告的事项", 1);
    let mut c = push_client();
    c.open(URI, &text);
    let diags = c.diagnostics(URI, 1);
    let fixable: Vec<Value> = diags
        .iter()
        .filter(|d| {
            matches!(
                d["code"].as_str(),
                Some("A01" | "A02" | "C01" | "W01" | "S03")
            )
        })
        .cloned()
        .collect();
    assert_eq!(fixable.len(), 4, "{diags:?}");
    for (i, d) in fixable.iter().enumerate() {
        let resp = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}),
        );
        let action = resp["result"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| {
                let ds = a["diagnostics"].as_array().unwrap();
                ds.iter()
                    .any(|x| x["code"] == d["code"] && x["range"] == d["range"])
            })
            .unwrap_or_else(|| panic!("a quick fix for {d}"))
            .clone();
        let edits = edits_for(&action["edit"], URI);
        let fixed = apply_text_edits(&text, &edits, false);
        // Only the edited range changed.
        let start = offset_of(&text, &edits[0]["range"]["start"], false);
        let end = offset_of(&text, &edits[0]["range"]["end"], false);
        assert_eq!(&fixed[..start], &text[..start]);
        assert_eq!(&fixed[fixed.len() - (text.len() - end)..], &text[end..]);
        // Checked again, the diagnostic is gone and no new one appeared.
        let uri = format!("file:///tmp/nianbao-test/fixed-{i}.md");
        c.open(&uri, &fixed);
        let after = c.diagnostics(&uri, 1);
        assert!(
            !after.iter().any(|a| a["code"] == d["code"]
                && a["range"]["start"]["line"] == d["range"]["start"]["line"]),
            "{} still there after its fix",
            d["code"]
        );
        assert!(
            after.len() < diags.len(),
            "{} → {}",
            diags.len(),
            after.len()
        );
    }
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn fix_all_is_computed_only_when_resolved_if_the_client_can_resolve() {
    let caps =
        json!({"textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}});
    let (mut c, init) = Client::start(caps, Value::Null);
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["resolveProvider"],
        true
    );
    c.open(URI, DEFECTS);
    c.diagnostics(URI, 1);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let resp = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": whole, "context": {"diagnostics": []}}),
    );
    let actions = resp["result"].as_array().unwrap();
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.nianbao")
        .unwrap()
        .clone();
    assert!(fix_all.get("edit").is_none(), "{fix_all}");
    let resolved = c.request("codeAction/resolve", fix_all.clone())["result"].clone();
    let fixed = apply_text_edits(DEFECTS, &edits_for(&resolved["edit"], URI), false);
    assert!(fixed.contains("| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 | 338 |"));
    assert!(fixed.contains("国办函〔2020〕109号"));
    // Offered on version 1, resolved on version 2: the content changed.
    c.change(URI, 2, json!([{"text": fixed}]));
    c.diagnostics(URI, 2);
    let resp = c.request("codeAction/resolve", fix_all);
    assert_eq!(resp["error"]["code"], -32801, "{resp}");
    assert_eq!(c.shutdown(), 0);
}

/// Publishes for `uri` until one satisfies `pred` on its codes; returns those diagnostics.
fn diagnostics_until(c: &mut Client, uri: &str, pred: impl Fn(&[String]) -> bool) -> Vec<Value> {
    let msg = c.wait_for("diagnostics matching", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && pred(&codes(m["params"]["diagnostics"].as_array().unwrap()))
    });
    msg["params"]["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn cross_file_rules_see_the_workspace_reports() {
    use nianbao::sample::{Layout, Stats, STORIES};
    let dir = tempfile::tempdir().unwrap();
    let last_year = |carried: u64| {
        let mut s = Stats::generate(21);
        s.agency = "示例区人民政府".into();
        s.year = 2023;
        s.t3[24] = [carried, 0, 0, 0, 0, 0, carried];
        s.render_with_story(Layout::CellPerLine, STORIES[0])
    };
    std::fs::write(dir.path().join("2023.txt"), last_year(5)).unwrap();
    let mut this = Stats::generate(22);
    this.agency = "示例区人民政府".into();
    this.year = 2024;
    this.t3[1] = [3, 0, 0, 0, 0, 0, 3];
    let text = this.render_with_story(Layout::Markdown, STORIES[0]);
    let uri = format!("file://{}/2024.md", dir.path().display());

    let mut c = Client::spawn(&[]);
    c.initialize_in(
        dir.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    c.open(&uri, &text);
    // The workspace is scanned on a thread: the findings come once it is done.
    let diags = diagnostics_until(&mut c, &uri, |codes| codes.iter().any(|c| c == "X05"));
    let x05: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "X05")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(x05.len(), 2, "{x05:?} {:?}", codes(&diags));
    assert!(x05[0].contains("2023 年度报告（2023.txt）结转下年度继续办理·自然人 为 5"));
    assert!(codes(&diags).contains(&"X07".to_string()), "{diags:?}");

    // Last year's file is corrected on disk: the carry-over holds; the copy remains.
    std::fs::write(dir.path().join("2023.txt"), last_year(3)).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}/2023.txt", dir.path().display()), "type": 2}]}),
    );
    // (The list published before the scan was done had neither; it is still in the backlog.)
    diagnostics_until(&mut c, &uri, |codes| {
        codes.iter().any(|c| c == "X07") && !codes.iter().any(|c| c == "X05")
    });
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn two_open_reports_are_compared_without_a_workspace_folder() {
    use nianbao::sample::{Layout, Stats};
    let mut last = Stats::generate(31);
    last.agency = "示例区人民政府".into();
    last.year = 2023;
    last.t3[24] = [5, 0, 0, 0, 0, 0, 5];
    let mut this = Stats::generate(32);
    this.agency = "示例区人民政府".into();
    this.year = 2024;
    this.t3[1] = [3, 0, 0, 0, 0, 0, 3];
    let (a, b) = ("file:///tmp/nb-x/2023.txt", "file:///tmp/nb-x/2024.txt");
    let mut c = push_client();
    c.open(a, &last.render(Layout::CellPerLine));
    c.diagnostics(a, 1);
    c.open(b, &this.render(Layout::CellPerLine));
    let diags = diagnostics_until(&mut c, b, |codes| codes.iter().any(|c| c == "X05"));
    assert_eq!(
        diags.iter().filter(|d| d["code"] == "X05").count(),
        2,
        "{diags:?}"
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn every_id_json_rpc_allows_is_answered_with_that_id() {
    let mut c = push_client();
    for id in [
        json!("请求-1"),
        json!(2147483648u64),
        json!(9007199254740992u64),
        json!(-3),
        json!(1.5),
    ] {
        c.send(&json!({"jsonrpc": "2.0", "id": id, "method": "no/such/method"}));
        let resp = c.response_to(&id);
        assert_eq!(resp["error"]["code"], -32601, "{id}: {resp}");
        assert_eq!(resp["jsonrpc"], "2.0");
    }
    c.send(&json!({"jsonrpc": "2.0", "id": null, "method": "no/such/method"}));
    let resp = c.response_to(&Value::Null);
    assert_eq!(resp["error"]["code"], -32601, "{resp}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_raw_utf8_uri_is_taken_as_its_percent_encoded_form() {
    let mut c = push_client();
    c.open("file:///tmp/nianbao-test/长 报告.md", DEFECTS);
    let diags = c.diagnostics(
        "file:///tmp/nianbao-test/%E9%95%BF%20%E6%8A%A5%E5%91%8A.md",
        1,
    );
    assert!(!diags.is_empty());
    assert_eq!(c.shutdown(), 0);
}
