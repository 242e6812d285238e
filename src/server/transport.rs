//! JSON-RPC over stdio with `Content-Length` framing.
//!
//! Written here rather than taken from `lsp_server::Connection::stdio`, whose reader thread
//! stops at the first malformed message: a language server must survive a bad client. A
//! malformed header is skipped up to the next `Content-Length:`; a payload that is not JSON is
//! answered with a parse error; a payload that is JSON but not a message with an invalid-request
//! error (when it carries an id). The messages themselves are `lsp_server`'s types.

use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use crossbeam_channel::{bounded, Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{json, Value};

/// Largest payload accepted: a 50 MB report is fine, a corrupt length is not.
const MAX_CONTENT_LENGTH: usize = 512 * 1024 * 1024;

/// Longest header line kept; a longer one (a line that never ends) is skipped unread.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// Messages read ahead of the server, and frames waiting for the client. Both queues are
/// bounded: a client that writes faster than the server answers, or never reads its answers,
/// is slowed down (its writes block) instead of growing the server's memory.
const QUEUE: usize = 256;

/// Ids `lsp_server` cannot carry (a number outside `i32`, `null`, a fraction): each request
/// is given a stand-in string id, and its response is sent with the id the client gave.
#[derive(Clone, Default)]
pub struct IdMap(Arc<Mutex<(u64, HashMap<String, Value>)>>);

/// The prefix of stand-in ids (a NUL, so that no client id is mistaken for one).
const STAND_IN: &str = "\u{0}nianbao-id-";

impl IdMap {
    /// Replaces the id of a request that `lsp_server` cannot represent by a stand-in.
    fn carry(&self, value: &mut Value) {
        let Some(obj) = value.as_object_mut() else {
            return;
        };
        if !obj.contains_key("method") {
            return;
        }
        let Some(id) = obj.get("id") else {
            return;
        };
        let representable = id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok());
        if representable || !(id.is_number() || id.is_null()) {
            return;
        }
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.0 += 1;
        let key = format!("{STAND_IN}{}", map.0);
        map.1.insert(key.clone(), id.clone());
        obj.insert("id".into(), Value::String(key));
    }

    /// The id the client gave, for a stand-in.
    fn original(&self, id: &RequestId) -> Option<Value> {
        self.original_of(&serde_json::to_value(id).ok()?)
    }

    fn original_of(&self, id: &Value) -> Option<Value> {
        let key = id.as_str()?;
        if !key.starts_with(STAND_IN) {
            return None;
        }
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .remove(key)
    }
}

/// What the reader thread hands to the main loop.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A payload that could not be taken as a message: answered with this error.
    Invalid {
        id: Value,
        code: i32,
        message: String,
    },
    /// A framing problem, logged only (there is nothing to answer).
    Garbled(String),
}

/// The two channels of a connection and the writer thread.
pub struct Transport {
    pub receiver: Receiver<Incoming>,
    pub sender: Sender<Vec<u8>>,
    writer: thread::JoinHandle<()>,
    ids: IdMap,
}

impl Transport {
    pub fn stdio() -> Transport {
        let (in_tx, in_rx) = bounded(QUEUE);
        let (out_tx, out_rx) = bounded::<Vec<u8>>(QUEUE);
        let ids = IdMap::default();
        let reader_ids = ids.clone();
        thread::Builder::new()
            .name("nianbao-reader".into())
            .spawn(move || {
                let stdin = io::stdin();
                let mut input = stdin.lock();
                read_loop(&mut input, &in_tx, &reader_ids);
            })
            .expect("spawn the reader thread");
        let writer = thread::Builder::new()
            .name("nianbao-writer".into())
            .spawn(move || {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                for frame in out_rx {
                    if out.write_all(&frame).and_then(|_| out.flush()).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn the writer thread");
        Transport {
            receiver: in_rx,
            sender: out_tx,
            writer,
            ids,
        }
    }

    /// Sends a message.
    pub fn send(&self, msg: Message) {
        if let Message::Response(resp) = &msg {
            if let Some(id) = self.ids.original(&resp.id) {
                if let Ok(mut body) = serde_json::to_value(&msg) {
                    body["id"] = id;
                    body["jsonrpc"] = "2.0".into();
                    let _ = self.sender.send(frame(&body.to_string()));
                }
                return;
            }
        }
        let mut frame = Vec::new();
        if msg.write(&mut frame).is_ok() {
            let _ = self.sender.send(frame);
        }
    }

    /// Sends a message already written as JSON: its header, then the body itself (not copied
    /// into a frame; only this thread sends, so nothing comes between them).
    pub fn send_body(&self, body: String) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        if self.sender.send(header).is_ok() {
            let _ = self.sender.send(body.into_bytes());
        }
    }

    /// Sends an error response whose id may be null (a parse error).
    pub fn send_error(&self, id: Value, code: i32, message: &str) {
        let id = self.ids.original_of(&id).unwrap_or(id);
        let body = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
            .to_string();
        let _ = self.sender.send(frame(&body));
    }

    /// Flushes what is queued and ends the writer thread.
    pub fn close(self) {
        drop(self.sender);
        let _ = self.writer.join();
    }
}

fn frame(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// Reads messages until end of input (or until `exit`, after which the client may close).
pub fn read_loop(input: &mut impl BufRead, tx: &Sender<Incoming>, ids: &IdMap) {
    loop {
        match read_one(input, ids) {
            Ok(None) => return,
            Ok(Some(incoming)) => {
                let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if tx.send(incoming).is_err() || exit {
                    return;
                }
            }
            Err(e) => {
                let _ = tx.send(Incoming::Garbled(format!(
                    "读取输入失败（read error）: {e}"
                )));
                return;
            }
        }
    }
}

/// Reads one frame. `Ok(None)` at end of input (a truncated frame included).
fn read_one(input: &mut impl BufRead, ids: &IdMap) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)?
            == 0
        {
            return Ok(None);
        }
        if line.len() == MAX_HEADER_LINE && !line.ends_with(b"\n") {
            if !skip_line(input)? {
                return Ok(None);
            }
            return Ok(Some(Incoming::Garbled(format!(
                "跳过超过 {MAX_HEADER_LINE} 字节的消息头行（skipped a header line longer than {MAX_HEADER_LINE} bytes）"
            ))));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if let Some(n) = length {
                return read_body(input, n, ids);
            }
            if seen_header {
                return Ok(Some(Incoming::Garbled(
                    "消息头缺少 Content-Length（header without Content-Length）".into(),
                )));
            }
            continue;
        }
        // A header may follow garbage on the same line (a body shorter than its length).
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            seen_header = true;
            let value = lower[at + "content-length:".len()..].trim();
            match value.parse::<usize>() {
                Ok(n) if n <= MAX_CONTENT_LENGTH => length = Some(n),
                _ => {
                    return Ok(Some(Incoming::Garbled(format!(
                        "Content-Length 无效（invalid Content-Length）: {value:.40}"
                    ))))
                }
            }
        } else if is_header(text) {
            seen_header = true;
        } else {
            return Ok(Some(Incoming::Garbled(format!(
                "跳过无法识别的输入（skipped garbage）: {text:.80}"
            ))));
        }
    }
}

/// `Name: value` with a token name (`Content-Type: …`).
fn is_header(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// Skips input up to and including the next line break without keeping it; `false` at the
/// end of input.
fn skip_line(input: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                input.consume(i + 1);
                return Ok(true);
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

/// Writes the URIs of a message in their percent-encoded form: some clients send a file's
/// URI with its characters as they are (`file:///home/user/长.md`), which `Uri` refuses.
fn encode_uris(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "uri" || key.ends_with("Uri") => {
                        if s.bytes().any(|b| !is_uri_byte(b)) {
                            *s = percent_encode(s);
                        }
                    }
                    _ => encode_uris(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(encode_uris),
        _ => {}
    }
}

/// Bytes a URI may hold as they are (RFC 3986: unreserved, reserved and `%`).
fn is_uri_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if is_uri_byte(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn read_body(input: &mut impl BufRead, n: usize, ids: &IdMap) -> io::Result<Option<Incoming>> {
    let mut body = Vec::new();
    input.take(n as u64).read_to_end(&mut body)?;
    if body.len() < n {
        return Ok(None);
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return Ok(Some(Incoming::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError as i32,
                message: format!("JSON 解析失败（parse error）: {e}"),
            }))
        }
    };
    let mut value = value;
    ids.carry(&mut value);
    encode_uris(&mut value);
    let id = value.get("id").cloned();
    match serde_json::from_value::<Message>(value) {
        Ok(msg) => Ok(Some(Incoming::Message(msg))),
        Err(e) => Ok(Some(match id {
            Some(id) => Incoming::Invalid {
                id,
                code: ErrorCode::InvalidRequest as i32,
                message: format!("不是有效的请求（invalid request）: {e}"),
            },
            None => Incoming::Garbled(format!("不是有效的消息（invalid message）: {e}")),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Incoming> {
        read_all_with(input, &IdMap::default())
    }

    fn read_all_with(input: &str, ids: &IdMap) -> Vec<Incoming> {
        let (tx, rx) = crossbeam_channel::unbounded();
        read_loop(&mut input.as_bytes(), &tx, ids);
        drop(tx);
        rx.into_iter().collect()
    }

    fn msg(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_framed_messages() {
        let a = msg(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        let b = msg(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let got = read_all(&(a + &b));
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn invalid_json_is_answered_and_reading_goes_on() {
        let bad = msg(r#"{"jsonrpc":"2.0","id":1,"#);
        let good = msg(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
        let got = read_all(&(bad + &good));
        assert!(matches!(
            &got[0],
            Incoming::Invalid {
                code: -32700,
                id: Value::Null,
                ..
            }
        ));
        assert!(matches!(&got[1], Incoming::Message(Message::Request(_))));
    }

    #[test]
    fn bad_length_and_garbage_are_skipped_up_to_the_next_header() {
        let input = format!(
            "Content-Length: abc\r\n\r\n{{}}garbage\r\n{}",
            msg(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#)
        );
        let got = read_all(&input);
        assert!(
            matches!(got.last(), Some(Incoming::Message(Message::Request(r))) if r.method == "shutdown"),
            "{got:?}"
        );
    }

    #[test]
    fn a_request_without_method_is_an_invalid_request_with_its_id() {
        let got = read_all(&msg(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#));
        assert!(
            matches!(&got[0], Incoming::Invalid { code: -32600, id, .. } if id == &json!(7)),
            "{got:?}"
        );
    }

    #[test]
    fn ids_outside_i32_and_null_are_requests_answered_with_the_id_given() {
        let ids = IdMap::default();
        for id in [
            "2147483648",
            "9007199254740992",
            "null",
            "1.5",
            "-2147483649",
        ] {
            let got = read_all_with(
                &msg(&format!(
                    r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#
                )),
                &ids,
            );
            let Some(Incoming::Message(Message::Request(req))) = got.first() else {
                panic!("{id}: {got:?}");
            };
            let given: Value = serde_json::from_str(id).unwrap();
            assert_eq!(ids.original(&req.id), Some(given), "{id}");
        }
        // An id lsp_server carries is left as it is.
        let got = read_all_with(
            &msg(r#"{"jsonrpc":"2.0","id":"abc","method":"shutdown"}"#),
            &ids,
        );
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if ids.original(&r.id).is_none())
        );
    }

    #[test]
    fn raw_utf8_uris_are_taken_percent_encoded() {
        let got = read_all(&msg(
            r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///home/user/长 报告.md","languageId":"markdown","version":1,"text":""}}}"#,
        ));
        let Some(Incoming::Message(Message::Notification(n))) = got.first() else {
            panic!("{got:?}");
        };
        assert_eq!(
            n.params["textDocument"]["uri"],
            "file:///home/user/%E9%95%BF%20%E6%8A%A5%E5%91%8A.md"
        );
    }

    #[test]
    fn a_header_line_that_never_ends_is_skipped_unkept() {
        let long = "x".repeat(5 * MAX_HEADER_LINE);
        let input = format!(
            "{long}\r\n{}",
            msg(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#)
        );
        let got = read_all(&input);
        assert!(matches!(&got[0], Incoming::Garbled(_)), "{got:?}");
        assert!(matches!(
            got.last(),
            Some(Incoming::Message(Message::Request(_)))
        ));
        // Without a line break at all: the end of input, nothing kept.
        assert!(matches!(
            read_all(&long).as_slice(),
            [] | [Incoming::Garbled(_)]
        ));
    }

    #[test]
    fn a_truncated_body_ends_the_input() {
        let got = read_all("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(got.is_empty());
    }
}
