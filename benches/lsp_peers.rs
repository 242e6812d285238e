//! nianbao's language server side by side with two other linters' servers, rumdl (Markdown)
//! and ruff (Python), and with a server that answers at once (the floor of this client and
//! the transport): one client drives each the same way, as an editor does, over stdio.
//!
//! `scripts/install-lsp-peers.sh` (once: rumdl and ruff from PyPI into target/lsp-peers), then
//! `cargo bench --bench lsp_peers`. Options after `--`:
//! - names of servers (`nianbao nianbao-all rumdl ruff floor floor-full`) and of documents (`20KB 10MB`):
//!   measure only those;
//! - `--quick`: a tenth of the edits;
//! - `--no-idle`: send each edit as soon as the last one's diagnostics are read (as
//!   `server_latency` does) instead of waiting until the server is idle;
//! - `--write-documents DIR`: write the documents (to run the linters' command lines on the
//!   same text) and measure nothing.
//!
//! A peer found neither in target/lsp-peers/bin nor on PATH is skipped, saying so.
//!
//! For each server and document: a fresh process in an empty workspace folder (a temporary
//! directory holding only the document); `initialize` declares what editors declare for pushed
//! diagnostics (related information, versions, tags, code descriptions, data), UTF-16
//! positions and no pull diagnostics; the document is opened and its first diagnostics awaited;
//! then N edits one at a time, alternately typing one character (`字`) into prose and changing
//! a digit (1 ↔ 2). Each edit is sent as the server's initialize result asks: incremental
//! (`change: 2`) as a range, full (`change: 1`) as the whole text. An edit is timed from
//! writing its `didChange` (the message is built before) to reading the `publishDiagnostics`
//! of that version; a server whose first publication carries no version would be timed to the
//! first publication after the change. Between edits the client waits until the server is
//! idle: no message for 20 ms and none of its threads running; publications in that wait are
//! counted ("extra"). Server CPU per edit: /proc/PID/stat over all edits (idle waits included,
//! so work a server defers is counted), memory VmRSS/VmHWM after the edits; and the client's
//! own CPU while an edit is timed (writing the change, reading and parsing what comes back:
//! an editor pays it too, and it grows with what a server publishes).
//!
//! Documents: Markdown for nianbao, rumdl and the floor — issue 18's 20 KB report with many
//! findings (`defects_report(20_000)`) and 500 copies of it (~10 MB); for ruff a Python module
//! of the same size with a comparable density of findings (`python_module`).

#[path = "common/mod.rs"]
mod common;
#[path = "../tests/lsp/mod.rs"]
mod lsp;

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{
    alternate_edit, defects_document, defects_report, edit_points, percentile, process_cpu_time,
    process_is_running, process_memory, python_edit_points, python_module,
};
use lsp::{frame, position_of, read_frame, Client};
use serde_json::{json, Value};

/// How long the server must stay silent (and not running) to count as idle between edits.
const QUIET: Duration = Duration::from_millis(20);

#[derive(Clone, Copy, PartialEq)]
enum Language {
    Markdown,
    Python,
}

impl Language {
    fn id(self) -> &'static str {
        match self {
            Language::Markdown => "markdown",
            Language::Python => "python",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Language::Markdown => "md",
            Language::Python => "py",
        }
    }
}

struct Server {
    name: &'static str,
    program: PathBuf,
    args: Vec<String>,
    language: Language,
    /// `--version` of the program, for the report.
    version: String,
    /// `initializationOptions`, also the answer to `workspace/configuration`.
    options: Value,
}

/// A peer's program: in the virtual environment of `scripts/install-lsp-peers.sh`, else on PATH.
fn find_program(name: &str) -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let in_venv = target.join("lsp-peers/bin").join(name);
    if in_venv.is_file() {
        return Some(in_venv);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn version_of(program: &Path) -> String {
    Command::new(program)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "?".into())
}

fn servers() -> Vec<Server> {
    let nianbao = PathBuf::from(env!("CARGO_BIN_EXE_nianbao"));
    let this = std::env::current_exe().expect("the bench's own path");
    let mut list = vec![
        Server {
            name: "nianbao",
            version: version_of(&nianbao),
            program: nianbao.clone(),
            args: vec!["server".into()],
            language: Language::Markdown,
            options: Value::Null,
        },
        // Every finding published, as rumdl and ruff do (by default nianbao publishes the
        // 1,000 nearest the last edit and a notice of the total).
        Server {
            name: "nianbao-all",
            version: version_of(&nianbao),
            program: nianbao,
            args: vec!["server".into()],
            language: Language::Markdown,
            options: json!({"maxDiagnostics": 0}),
        },
    ];
    for (name, language) in [("rumdl", Language::Markdown), ("ruff", Language::Python)] {
        match find_program(name) {
            Some(program) => list.push(Server {
                name,
                version: version_of(&program),
                program,
                args: vec!["server".into()],
                language,
                options: Value::Null,
            }),
            None => eprintln!(
                "lsp_peers: {name} not found (in target/lsp-peers/bin or on PATH): skipped; \
                 scripts/install-lsp-peers.sh installs it"
            ),
        }
    }
    for (name, arg) in [
        ("floor", "--floor-server"),
        ("floor-full", "--floor-server=full"),
    ] {
        list.push(Server {
            name,
            program: this.clone(),
            args: vec![arg.into()],
            language: Language::Markdown,
            version: "this bench".into(),
            options: Value::Null,
        });
    }
    list
}

/// What the client declares: an editor's usual capabilities for pushed diagnostics, no
/// `textDocument/diagnostic` (so every server pushes).
fn client_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"dynamicRegistration": false, "didSave": true,
                                "willSave": false, "willSaveWaitUntil": false},
            "publishDiagnostics": {
                "relatedInformation": true,
                "versionSupport": true,
                "tagSupport": {"valueSet": [1, 2]},
                "codeDescriptionSupport": true,
                "dataSupport": true
            }
        },
        "workspace": {"configuration": true, "workspaceFolders": true},
        "window": {"workDoneProgress": false}
    })
}

/// How the server takes changes, from its initialize result: `Some(true)` incremental,
/// `Some(false)` full text, `None` not at all.
fn incremental_sync(result: &Value) -> Option<bool> {
    let sync = &result["capabilities"]["textDocumentSync"];
    let kind = sync
        .as_u64()
        .or_else(|| sync["change"].as_u64())
        .unwrap_or(0);
    match kind {
        1 => Some(false),
        2 => Some(true),
        _ => None,
    }
}

fn is_publication_for(msg: &Value, uri: &str) -> bool {
    msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri
}

/// Waits until the server is idle (no message for [`QUIET`] and no thread running); returns
/// how many publications for `uri` came meanwhile (and were left in the backlog before).
fn wait_idle(client: &mut Client, uri: &str) -> usize {
    let mut seen: Vec<Value> = client.backlog.drain(..).collect();
    loop {
        match client.next_within(QUIET) {
            Some(msg) => seen.push(msg),
            None if !process_is_running(client.pid()) => break,
            None => {}
        }
    }
    seen.iter().filter(|m| is_publication_for(m, uri)).count()
}

struct Row {
    server: &'static str,
    document: &'static str,
    bytes: usize,
    sync: &'static str,
    findings: usize,
    open: Duration,
    times: Vec<Duration>,
    cpu_per_edit_ms: f64,
    /// This client's own CPU per edit while timed (writing the change, reading and parsing the
    /// messages), summed in /proc's 10 ms ticks over all edits.
    client_cpu_per_edit_ms: f64,
    published_per_edit: f64,
    memory: (f64, f64),
    /// Publications beyond the one awaited (at the open, and over the edits).
    extra_at_open: usize,
    extra: usize,
    versioned: bool,
}

/// How each server is driven.
struct Plan {
    edits: usize,
    /// Wait until the server is idle before each edit (else send the next edit as soon as the
    /// diagnostics of the last one are read, as `server_latency` does).
    idle: bool,
}

fn measure(server: &Server, document: &'static str, text: &str, plan: &Plan) -> Option<Row> {
    let edits = plan.edits;
    let dir = std::env::temp_dir().join(format!(
        "nianbao-lsp-peers-{}-{}",
        std::process::id(),
        server.name
    ));
    std::fs::create_dir_all(&dir).expect("workspace folder");
    let path = dir.join(format!("{document}.{}", server.language.extension()));
    std::fs::write(&path, text).expect("write the document");
    let uri = format!("file://{}", path.display());

    let mut cmd = Command::new(&server.program);
    cmd.args(&server.args).current_dir(&dir);
    let mut client = Client::spawn_command(cmd);
    client.timeout = Duration::from_secs(600);
    let folder = format!("file://{}", dir.display());
    let response = client.request(
        "initialize",
        json!({"processId": std::process::id(), "rootUri": folder,
               "workspaceFolders": [{"uri": folder, "name": "bench"}],
               "capabilities": client_capabilities(),
               "initializationOptions": server.options}),
    );
    client.notify("initialized", json!({}));
    client.configuration = server.options.clone();
    let result = &response["result"];
    let Some(incremental) = incremental_sync(result) else {
        eprintln!(
            "lsp_peers: {} takes no document changes; skipped",
            server.name
        );
        return None;
    };
    let utf8 = result["capabilities"]["positionEncoding"] == "utf-8";
    wait_idle(&mut client, &uri);

    let opened = Instant::now();
    client.open_as(&uri, server.language.id(), text);
    let first = client.wait_for("the first diagnostics", |m| is_publication_for(m, &uri));
    let open = opened.elapsed();
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    let versioned = first["params"]["version"] == 1;
    let extra_at_open = wait_idle(&mut client, &uri);

    let (prose, mut digit) = match server.language {
        Language::Markdown => edit_points(text),
        Language::Python => python_edit_points(text),
    };
    let bytes = text.len();
    let mut text = text.to_string();
    let mut times = Vec::with_capacity(edits);
    let mut extra = 0;
    let cpu_before = process_cpu_time(client.pid());
    let mut client_cpu = Duration::ZERO;
    let bytes_before = client.bytes_received();
    for i in 0..edits {
        let version = i as i64 + 2;
        let (range, new) = alternate_edit(i, &text, prose, digit);
        let (at, end) = (range.start, range.end);
        let range =
            json!({"start": position_of(&text, at, utf8), "end": position_of(&text, end, utf8)});
        text.replace_range(at..end, new);
        if at < digit {
            digit += new.len();
        }
        let change = if incremental {
            json!({"range": range, "text": new})
        } else {
            json!({"text": text})
        };
        let message = frame(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version},
                               "contentChanges": [change]}})
            .to_string(),
        );
        let client_cpu_before = process_cpu_time(std::process::id());
        let started = Instant::now();
        client.write_raw(&message);
        client.wait_for(&format!("diagnostics of version {version}"), |m| {
            is_publication_for(m, &uri) && (!versioned || m["params"]["version"] == version)
        });
        times.push(started.elapsed());
        if let Some((a, b)) = client_cpu_before.zip(process_cpu_time(std::process::id())) {
            client_cpu += b - a;
        }
        extra += if plan.idle {
            wait_idle(&mut client, &uri)
        } else {
            let earlier = client.backlog.drain(..);
            earlier.filter(|m| is_publication_for(m, &uri)).count()
        };
    }
    let cpu_per_edit_ms = cpu_before
        .zip(process_cpu_time(client.pid()))
        .map_or(f64::NAN, |(a, b)| {
            (b - a).as_secs_f64() * 1e3 / edits as f64
        });
    let client_cpu_per_edit_ms = client_cpu.as_secs_f64() * 1e3 / edits as f64;
    let published_per_edit = (client.bytes_received() - bytes_before) as f64 / edits as f64;
    let memory = process_memory(client.pid()).unwrap_or((f64::NAN, f64::NAN));
    client.timeout = Duration::from_secs(10);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    drop(client);
    let _ = std::fs::remove_dir_all(&dir);
    times.sort();
    Some(Row {
        server: server.name,
        document,
        bytes,
        sync: if incremental { "incremental" } else { "full" },
        findings,
        open,
        times,
        cpu_per_edit_ms,
        client_cpu_per_edit_ms,
        published_per_edit,
        memory,
        extra_at_open,
        extra,
        versioned,
    })
}

fn size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{:.1} KB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn print_row(row: &Row) {
    let t = &row.times;
    println!(
        "| {} | {} | {} | {} | {} | {:.1} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {:.1} / {:.1} MB | {}{} |",
        row.server,
        row.document,
        size(row.bytes),
        row.sync,
        row.findings,
        ms(row.open),
        t.len(),
        ms(percentile(t, 0.5)),
        ms(percentile(t, 0.99)),
        ms(*t.last().unwrap()),
        row.cpu_per_edit_ms,
        row.client_cpu_per_edit_ms,
        size(row.published_per_edit as usize),
        row.memory.0,
        row.memory.1,
        if row.versioned { "versioned" } else { "no version: first publication after the change" },
        if row.extra_at_open + row.extra > 0 {
            format!("; extra publications: {} at open, {} over the edits", row.extra_at_open, row.extra)
        } else {
            String::new()
        },
    );
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(mode) = args.iter().find(|a| a.starts_with("--floor-server")) {
        floor_server(mode.ends_with("=full"));
        return;
    }
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write-documents")
        .and_then(|i| args.get(i + 1))
    {
        write_documents(Path::new(dir));
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let idle = !args.iter().any(|a| a == "--no-idle");
    let names: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let servers = servers();
    let documents = DOCUMENTS;
    let wanted_servers: Vec<&Server> = servers
        .iter()
        .filter(|s| {
            !names.iter().any(|n| servers.iter().any(|s| s.name == *n)) || names.contains(&s.name)
        })
        .collect();
    let wanted_documents: Vec<&str> = documents
        .into_iter()
        .filter(|d| !names.iter().any(|n| documents.contains(n)) || names.contains(d))
        .collect();

    println!("load average (1, 5, 15 min) at the start: {}", load());
    if !idle {
        println!("--no-idle: each edit sent as soon as the last one's diagnostics are read");
    }
    for s in &wanted_servers {
        println!("{}: {} ({})", s.name, s.version, s.program.display());
    }
    println!();
    println!("| server | document | size | sync | findings | open ms | edits | p50 ms | p99 ms | max ms | server CPU ms/edit | client CPU ms/edit | published/edit | RSS / peak | notes |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for document in wanted_documents {
        let (markdown, python) = texts(document);
        let edits = if document == "20KB" { 500 } else { 50 };
        let edits = if quick { edits / 10 } else { edits };
        for server in &wanted_servers {
            let text = match server.language {
                Language::Markdown => &markdown,
                Language::Python => &python,
            };
            if let Some(row) = measure(server, document, text, &Plan { edits, idle }) {
                print_row(&row);
            }
        }
    }
    println!();
    println!("load average (1, 5, 15 min) at the end: {}", load());
}

const DOCUMENTS: [&str; 2] = ["20KB", "10MB"];

/// A document's Markdown (for nianbao, rumdl and the floor) and Python (for ruff) texts.
fn texts(document: &str) -> (String, String) {
    let markdown = match document {
        "20KB" => defects_report(20_000),
        _ => defects_document(500),
    };
    let python = python_module(markdown.len());
    (markdown, python)
}

/// Writes the documents into `dir`, to run the linters' command lines on the same text.
fn write_documents(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the folder");
    for document in DOCUMENTS {
        let (markdown, python) = texts(document);
        for (text, extension) in [(markdown, "md"), (python, "py")] {
            let path = dir.join(format!("{document}.{extension}"));
            std::fs::write(&path, text).expect("write");
            println!("{}", path.display());
        }
    }
}

/// A server that answers at once: it reads each message whole (parsing it, as any server
/// must), and publishes empty diagnostics for the version of each `didOpen` and `didChange`.
/// With `full`, it asks for the whole text on every change.
fn floor_server(full: bool) {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = std::io::stdout().lock();
    let mut send = |v: Value| {
        output.write_all(&frame(&v.to_string())).unwrap();
        output.flush().unwrap();
    };
    while let Some(body) = read_frame(&mut input) {
        let msg: Value = serde_json::from_slice(&body).expect("JSON");
        let method = msg["method"].as_str().unwrap_or("");
        match method {
            "initialize" => send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": {
                "capabilities": {"textDocumentSync": {"openClose": true, "change": if full { 1 } else { 2 }}},
                "serverInfo": {"name": "floor"}
            }})),
            "exit" => return,
            "textDocument/didOpen" | "textDocument/didChange" => {
                let document = &msg["params"]["textDocument"];
                send(
                    json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                    "params": {"uri": document["uri"], "version": document["version"], "diagnostics": []}}),
                );
            }
            // Any other request (`shutdown`) gets an empty result.
            _ if msg.get("id").is_some() => {
                send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": null}))
            }
            _ => {}
        }
    }
}
