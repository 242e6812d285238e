//! A minimal LSP client for tests: spawns `nianbao server` (or, for the peers benchmark, any
//! stdio language server), frames JSON-RPC with `Content-Length`, answers the server's own
//! requests, and keeps notifications for `wait_for`.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Bytes of message bodies read from the server so far.
    received: Arc<AtomicU64>,
    next_id: i64,
    /// Notifications and server requests not yet consumed.
    pub backlog: VecDeque<Value>,
    /// What to answer to `workspace/configuration`.
    pub configuration: Value,
    /// Edits the server asked the client to apply (`workspace/applyEdit`).
    pub applied_edits: Vec<Value>,
    /// How long to wait for an answer.
    pub timeout: Duration,
}

pub fn frame(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// The body of the next `Content-Length` frame; `None` at the end of the stream.
pub fn read_frame(r: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len.expect("a Content-Length header")];
    r.read_exact(&mut body).ok()?;
    Some(body)
}

fn read_frames(out: impl Read, tx: std::sync::mpsc::Sender<Value>, received: Arc<AtomicU64>) {
    let mut r = BufReader::new(out);
    while let Some(body) = read_frame(&mut r) {
        received.fetch_add(body.len() as u64, Ordering::Relaxed);
        let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
        if tx.send(v).is_err() {
            return;
        }
    }
}

impl Client {
    pub fn spawn(envs: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.arg("server");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        Client::spawn_command(cmd)
    }

    /// Spawns any language server that speaks LSP over its standard input and output (its
    /// standard error is discarded).
    pub fn spawn_command(mut cmd: Command) -> Client {
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {:?}: {e}", cmd.get_program()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        let received = Arc::new(AtomicU64::new(0));
        let counter = received.clone();
        std::thread::spawn(move || read_frames(stdout, tx, counter));
        Client {
            stdin: child.stdin.take(),
            child,
            incoming: rx,
            received,
            next_id: 0,
            backlog: VecDeque::new(),
            configuration: Value::Null,
            applied_edits: Vec::new(),
            timeout: TIMEOUT,
        }
    }

    /// Spawns and initialises with the given client capabilities and options.
    pub fn start(capabilities: Value, options: Value) -> (Client, Value) {
        let mut c = Client::spawn(&[]);
        let result = c.initialize(capabilities, options);
        (c, result)
    }

    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let resp = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        resp["result"].clone()
    }

    /// Initialises with a workspace folder.
    pub fn initialize_in(&mut self, root: &std::path::Path, capabilities: Value) -> Value {
        let uri = format!("file://{}", root.display());
        let resp = self.request(
            "initialize",
            json!({"processId": null, "rootUri": uri, "capabilities": capabilities,
                   "workspaceFolders": [{"uri": uri, "name": "reports"}]}),
        );
        self.notify("initialized", json!({}));
        resp["result"].clone()
    }

    pub fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        self.write_raw(&frame(&v.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response_to(&json!(id))
    }

    pub fn response_to(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + self.timeout;
        loop {
            let msg = self
                .next_message(deadline)
                .expect("response before the timeout");
            if msg.get("method").is_none() && msg.get("id") == Some(id) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// The next message (server requests answered) within `timeout`, if one comes.
    pub fn next_within(&mut self, timeout: Duration) -> Option<Value> {
        self.next_message(Instant::now() + timeout)
    }

    /// Bytes of message bodies read from the server so far.
    pub fn bytes_received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(msg) => {
                    if let Some(msg) = self.answer_server_request(msg) {
                        return Some(msg);
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Answers the server's requests; returns the message when it is something else (or
    /// when a request should also be seen by the test).
    fn answer_server_request(&mut self, msg: Value) -> Option<Value> {
        let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str))
        else {
            return Some(msg);
        };
        let result = match method {
            // One answer per item asked (nianbao asks for one section; other servers more).
            "workspace/configuration" => {
                let items = msg["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.configuration.clone(); items])
            }
            "workspace/applyEdit" => {
                self.applied_edits.push(msg["params"]["edit"].clone());
                json!({"applied": true})
            }
            _ => Value::Null,
        };
        let id = id.clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        Some(msg)
    }

    /// Waits for a message matching `pred` (consuming it and whatever came before it that
    /// does not match is kept in the backlog).
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).unwrap();
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let Some(msg) = self.next_message(deadline) else {
                panic!("timed out waiting for {what}; backlog: {:?}", self.backlog);
            };
            if pred(&msg) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// The next `publishDiagnostics` for `uri` with this version.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait_for(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        msg["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Every `publishDiagnostics` for `uri` received so far.
    pub fn published_for(&self, uri: &str) -> Vec<Value> {
        self.backlog
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .cloned()
            .collect()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.open_as(uri, "markdown", text);
    }

    pub fn open_as(&mut self, uri: &str, language_id: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Sends `shutdown` and `exit`; returns the exit code.
    pub fn shutdown(mut self) -> i32 {
        let resp = self.request("shutdown", Value::Null);
        assert_eq!(resp["result"], Value::Null, "{resp}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = Instant::now() + self.timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Byte offset of an LSP position in `text` (`\n` line breaks), UTF-16 or UTF-8 columns.
pub fn offset_of(text: &str, pos: &Value, utf8: bool) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let rest = &text[start..];
    if utf8 {
        return start + character;
    }
    let mut units = 0;
    for (i, ch) in rest.char_indices() {
        if units >= character || ch == '\n' {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The LSP position of a byte offset in `text`.
pub fn position_of(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = &text[line_start..offset];
    let character = if utf8 {
        col.len()
    } else {
        col.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// Applies LSP text edits (non-overlapping) to `text`.
pub fn apply_text_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"], utf8),
                offset_of(text, &e["range"]["end"], utf8),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// The text edits of a workspace edit for `uri` (`changes` or `documentChanges`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit.get("changes") {
        return changes[uri].as_array().cloned().unwrap_or_default();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}
