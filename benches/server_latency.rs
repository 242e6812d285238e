//! Edit → diagnostics latency of the language server, measured as an editor sees it: the real
//! binary over stdio, the time from writing a `didChange` to reading the `publishDiagnostics`
//! of that version.
//!
//! `cargo bench --bench server_latency` (add `-- --quick` for fewer edits). Documents are
//! generated (seeded): a ~20 KB report, and a ~10 MB document made of many reports. Each
//! measured edit types one character into the narrative, or changes a digit of table 三, in
//! turn; edits are sent one at a time (each waits for its diagnostics).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use nianbao::sample::{Layout, Stats};
use serde_json::{json, Value};

struct Server {
    stdin: ChildStdin,
    rx: Receiver<Value>,
    child: std::process::Child,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn nianbao server");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut s = Server {
            stdin: child.stdin.take().unwrap(),
            rx,
            child,
        };
        s.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        s.wait(|m| m["id"] == 1);
        s.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(120))
                .expect("the server answers");
            if pred(&m) {
                return m;
            }
        }
    }

    fn wait_version(&mut self, uri: &str, version: i64) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
    }
}

impl Server {
    /// The server's resident and peak memory, in MB, from /proc.
    fn memory(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0)
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A report padded with narrative to about `target` bytes (the narrative of real reports is
/// most of their text).
fn report_of_size(seed: u64, target: usize) -> String {
    let base = Stats::generate(seed).render(Layout::Markdown);
    let para = "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切，持续完善主动公开目录，\
                及时更新政府信息公开指南，依法依规做好政府信息公开申请办理工作。\n\n";
    let at = base.find("二、").unwrap_or(0);
    let mut out = base[..at].to_string();
    while out.len() + base.len() - at < target {
        out.push_str(para);
    }
    out.push_str(&base[at..]);
    out
}

/// The byte offset of the first narrative line and of a table-三 digit.
fn edit_points(text: &str) -> (usize, usize) {
    let narrative = text.find("本机关坚持").expect("narrative");
    let row = text.find("| （一）予以公开 |").expect("table 三 row");
    let digit = row + text[row..].find(|c: char| c.is_ascii_digit()).unwrap();
    (narrative, digit)
}

fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn measure(name: &str, text: String, edits: usize) {
    let uri = format!("file:///bench/{name}.md");
    let mut server = Server::start();
    let opened = Instant::now();
    server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}));
    server.wait_version(&uri, 1);
    let open_time = opened.elapsed();
    let (narrative, mut digit) = edit_points(&text);
    let mut text = text;
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        // Alternate: type into the narrative; change a digit of table 三 (1 ↔ 2).
        let (at, end, new) = if i % 2 == 0 {
            (narrative, narrative, "字")
        } else {
            let new = if &text[digit..digit + 1] == "1" {
                "2"
            } else {
                "1"
            };
            (digit, digit + 1, new)
        };
        let range = json!({"start": position(&text, at), "end": position(&text, end)});
        let started = Instant::now();
        server.send(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": range, "text": new}]}}),
        );
        server.wait_version(&uri, version);
        times.push(started.elapsed());
        text.replace_range(at..end, new);
        if at < digit {
            digit += new.len();
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (rss, peak) = server.memory().unwrap_or((f64::NAN, f64::NAN));
    println!(
        "{name:>8}: {:>9} bytes, open {:>8.2} ms, {edits} edits: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; memory {rss:.1} MB (peak {peak:.1} MB)",
        text.len(),
        ms(open_time),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap())
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let small = report_of_size(7, 20_000);
    measure("20KB", small, if quick { 50 } else { 500 });
    let mut big = String::new();
    let mut seed = 1;
    while big.len() < 10_000_000 {
        big.push_str(&report_of_size(seed, 20_000));
        seed += 1;
    }
    measure("10MB", big, if quick { 10 } else { 100 });
}
