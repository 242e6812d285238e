//! JSON-RPC over stdio with `Content-Length` framing.
//!
//! Written here rather than taken from `lsp_server::Connection::stdio`, whose reader thread
//! stops at the first malformed message: a language server must survive a bad client. A
//! malformed header is skipped up to the next `Content-Length:`; a payload that is not JSON is
//! answered with a parse error; a payload that is JSON but not a message with an invalid-request
//! error (when it carries an id). The messages themselves are `lsp_server`'s types.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{unbounded, Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};

/// Largest payload accepted: a 50 MB report is fine, a corrupt length is not.
const MAX_CONTENT_LENGTH: usize = 512 * 1024 * 1024;

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
}

impl Transport {
    pub fn stdio() -> Transport {
        let (in_tx, in_rx) = unbounded();
        let (out_tx, out_rx) = unbounded::<Vec<u8>>();
        thread::Builder::new()
            .name("nianbao-reader".into())
            .spawn(move || {
                let stdin = io::stdin();
                let mut input = stdin.lock();
                read_loop(&mut input, &in_tx);
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
        }
    }

    /// Sends a message.
    pub fn send(&self, msg: Message) {
        let mut frame = Vec::new();
        if msg.write(&mut frame).is_ok() {
            let _ = self.sender.send(frame);
        }
    }

    /// Sends a message already written as JSON.
    pub fn send_body(&self, body: &str) {
        let _ = self.sender.send(frame(body));
    }

    /// Sends an error response whose id may be null (a parse error).
    pub fn send_error(&self, id: Value, code: i32, message: &str) {
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
pub fn read_loop(input: &mut impl BufRead, tx: &Sender<Incoming>) {
    loop {
        match read_one(input) {
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
fn read_one(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if let Some(n) = length {
                return read_body(input, n);
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

fn read_body(input: &mut impl BufRead, n: usize) -> io::Result<Option<Incoming>> {
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
        let (tx, rx) = unbounded();
        read_loop(&mut input.as_bytes(), &tx);
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
    fn a_truncated_body_ends_the_input() {
        let got = read_all("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(got.is_empty());
    }
}
