//! Reading report files in the encodings they come in, and writing them back the same way.
//!
//! A file is decoded to a [`Decoded`]: its text, with every line ending turned into `\n`, and
//! what is needed to write a changed text back as the file was: the encoding, the byte-order
//! mark and the line endings. Detection order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE),
//! then UTF-8, then a guess (`chardetng`) accepted only when it is a Chinese encoding (GBK,
//! GB18030, Big5) that decodes the whole file without error. A NUL byte outside UTF-16 means a
//! binary file.
//!
//! Line endings: `\r\n` (Windows) and a lone `\r` (old Mac OS; editors show it as a line break)
//! become `\n` in [`Decoded::text`], so the reader, the rules and the byte ranges of
//! diagnostics all work on that text, and a line and column computed on it (with
//! [`crate::position::LineIndex`]) is the line and column an editor shows in the original file.
//! Byte offsets into `text` are not byte offsets into the file (they differ by the dropped
//! `\r`s, the byte-order mark and the encoding); nianbao reports only lines and columns.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use encoding_rs::{DecoderResult, EncoderResult, Encoding};

/// Why a file could not be read as a report.
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    /// A NUL byte (or character) at this byte offset: not a text file.
    Binary {
        offset: usize,
    },
    /// A byte-order mark names this encoding, but the bytes at `offset` are not valid in it.
    Malformed {
        encoding: &'static str,
        offset: usize,
    },
    /// Not UTF-8 (invalid at `offset`), and no Chinese encoding decodes it either.
    UnknownEncoding {
        offset: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "无法读取文件（cannot read file）: {e}"),
            InputError::Binary { offset } => write!(
                f,
                "二进制文件，不是文本，第 {offset} 字节为 NUL（binary file, not text: NUL byte at offset {offset}; UTF-16 needs a byte-order mark）"
            ),
            InputError::Malformed { encoding, offset } => write!(
                f,
                "不是有效的 {encoding} 文本，第 {offset} 字节处解码失败（invalid {encoding} text: undecodable bytes at offset {offset}）"
            ),
            InputError::UnknownEncoding { offset } => write!(
                f,
                "无法识别文本编码：第 {offset} 字节处不是 UTF-8，也不是 GB18030/GBK 或 Big5（unknown text encoding: invalid UTF-8 at byte offset {offset}, and not GB18030/GBK or Big5 text either）"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Why a changed text cannot be written back in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeError {
    /// The text has a character the file's encoding cannot represent (first at `line`, 1-based).
    Unmappable {
        ch: char,
        encoding: &'static str,
        line: usize,
    },
    /// Encoding the file's own, unchanged text does not give back its bytes (an encoding with
    /// two byte sequences for one character, for example), so a changed text would not be
    /// written faithfully either.
    NotFaithful { encoding: &'static str },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::Unmappable { ch, encoding, line } => write!(
                f,
                "修复后第 {line} 行的字符 “{ch}”（U+{:04X}）无法用文件的编码 {encoding} 表示，未写入修复（the fixed text has a character that {encoding} cannot encode, line {line}; not written）",
                *ch as u32
            ),
            EncodeError::NotFaithful { encoding } => write!(
                f,
                "文件无法按原编码 {encoding} 原样写回，未写入修复（the file would not be written back byte for byte in {encoding}; not written）"
            ),
        }
    }
}

impl std::error::Error for EncodeError {}

/// One line ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
    Cr,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }
}

/// The line endings of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineEndings {
    /// Every line ends the same way (a file without line breaks counts as `Lf`).
    Uniform(LineEnding),
    /// The ending of each line, in order: one for each `\n` of [`Decoded::text`].
    Mixed(Vec<LineEnding>),
}

/// A decoded report file, which knows how to write a changed text back as the file was.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, without byte-order mark, every line ending turned into `\n`.
    pub text: String,
    /// The encoding of the file: UTF-8, UTF-16LE, UTF-16BE, GBK, GB18030 or Big5.
    pub encoding: &'static Encoding,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
    pub line_endings: LineEndings,
    bytes: Vec<u8>,
}

/// Reads a file and decodes it (see the module documentation).
pub fn read_file(path: &Path) -> Result<Decoded, InputError> {
    let bytes = read_regular(path).map_err(InputError::Io)?;
    decode(bytes)
}

/// The bytes of a regular file. Anything else (a FIFO, a device, a socket) is refused before
/// it is opened: reading one may wait for ever (a FIFO without a writer) or never end (a
/// device). Standard input (`-`) is the way to read from a pipe.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "是目录（a directory）"
        } else {
            "不是普通文件（FIFO、设备或套接字）；管道请用标准输入 -（not a regular file; read a pipe from standard input, -）"
        };
        return Err(std::io::Error::other(what));
    }
    std::fs::read(path)
}

/// The Chinese encodings a guess may settle on.
fn is_chinese(e: &'static Encoding) -> bool {
    e == encoding_rs::GBK || e == encoding_rs::GB18030 || e == encoding_rs::BIG5
}

/// U+FEFF encoded in GB18030: the byte-order mark of a GB18030 file.
const GB18030_BOM: &[u8] = b"\x84\x31\x95\x33";

/// Decodes the bytes of a file (see the module documentation).
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, InputError> {
    let mut bom_len = 0;
    let (encoding, raw) = if let Some(rest) = bytes.strip_prefix(GB18030_BOM) {
        // GB18030's own byte-order mark (U+FEFF in GB18030), which `for_bom` does not know.
        bom_len = GB18030_BOM.len();
        let raw =
            decode_strict(encoding_rs::GB18030, rest).map_err(|at| InputError::Malformed {
                encoding: encoding_rs::GB18030.name(),
                offset: at + GB18030_BOM.len(),
            })?;
        (encoding_rs::GB18030, raw)
    } else if let Some((enc, len)) = Encoding::for_bom(&bytes) {
        bom_len = len;
        let raw = decode_strict(enc, &bytes[len..]).map_err(|at| InputError::Malformed {
            encoding: enc.name(),
            offset: at + len,
        })?;
        (enc, raw)
    } else {
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(InputError::Binary { offset });
        }
        match std::str::from_utf8(&bytes) {
            Ok(s) => (encoding_rs::UTF_8, s.to_string()),
            Err(e) => {
                let offset = e.valid_up_to();
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(&bytes, true);
                // Without a hint first: the hint `cn` tips Big5 text (traditional characters,
                // Hong Kong, Taiwan) into GBK, which decodes it without error but wrongly.
                let unhinted = detector.guess(None, chardetng::Utf8Detection::Deny);
                let guess = if is_chinese(unhinted) {
                    unhinted
                } else {
                    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny)
                };
                if !is_chinese(guess) {
                    return Err(InputError::UnknownEncoding { offset });
                }
                let raw = decode_strict(guess, &bytes)
                    .map_err(|_| InputError::UnknownEncoding { offset })?;
                // GBK and GB18030 decode alike; a file with characters outside GBK (written
                // as four-byte GB18030 sequences) is GB18030 and written back as such.
                let enc = if guess == encoding_rs::GBK && !encodes(encoding_rs::GBK, &raw) {
                    encoding_rs::GB18030
                } else {
                    guess
                };
                (enc, raw)
            }
        }
    };
    // Only UTF-16 (or a UTF-8 byte-order mark) gets here with a NUL.
    if let Some(at) = raw.find('\0') {
        let before = &raw[..at];
        let width = if encoding == encoding_rs::UTF_8 {
            before.len()
        } else {
            before.encode_utf16().count() * 2
        };
        return Err(InputError::Binary {
            offset: bom_len + width,
        });
    }
    let (text, line_endings) = normalize(raw);
    Ok(Decoded {
        text,
        encoding,
        bom: bom_len > 0,
        line_endings,
        bytes,
    })
}

/// Decodes without replacement; the error is the byte offset of the first malformed sequence.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let mut pos = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::Malformed(bad, after) => {
                return Err(pos.saturating_sub(bad as usize + after as usize))
            }
            DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 16),
        }
    }
}

/// Whether `encoding` can represent every character of `text`.
fn encodes(encoding: &'static Encoding, text: &str) -> bool {
    let mut encoder = encoding.new_encoder();
    let mut buf = [0u8; 4096];
    let mut rest = text;
    loop {
        let (result, read, _) = encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return true,
            EncoderResult::Unmappable(_) => return false,
            EncoderResult::OutputFull => {}
        }
    }
}

/// Turns `\r\n` and lone `\r` into `\n`, remembering each line's ending.
fn normalize(raw: String) -> (String, LineEndings) {
    if !raw.contains('\r') {
        return (raw, LineEndings::Uniform(LineEnding::Lf));
    }
    let mut text = String::with_capacity(raw.len());
    let mut endings = Vec::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                endings.push(LineEnding::CrLf);
                text.push('\n');
            }
            '\r' => {
                endings.push(LineEnding::Cr);
                text.push('\n');
            }
            '\n' => {
                endings.push(LineEnding::Lf);
                text.push('\n');
            }
            c => text.push(c),
        }
    }
    let first = endings[0];
    let endings = if endings.iter().all(|&e| e == first) {
        LineEndings::Uniform(first)
    } else {
        LineEndings::Mixed(endings)
    };
    (text, endings)
}

/// One replacement of the bytes `range` of a text by `new_text` (a fix's edit, as the reader
/// knows it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    pub range: std::ops::Range<usize>,
    pub new_text: String,
}

/// `text` with sorted, non-overlapping replacements made.
fn replaced(text: &str, edits: &[Replacement]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(text.get(at..e.range.start)?);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// The endings of the line breaks of `text` after `edits` (sorted, not overlapping) are
/// applied to it, given those of `text`.
fn carry_endings(
    text: &str,
    endings: &[LineEnding],
    edits: &[Replacement],
) -> Option<Vec<LineEnding>> {
    let mut out = Vec::with_capacity(endings.len());
    let mut line = 0;
    let mut at = 0;
    let breaks = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count();
    for e in edits {
        let kept = breaks(text.get(at..e.range.start)?);
        out.extend_from_slice(endings.get(line..line + kept)?);
        line += kept;
        let removed = breaks(text.get(e.range.clone())?);
        let replaced = endings.get(line..line + removed)?;
        for k in 0..breaks(&e.new_text) {
            let previous = out.last().or(endings.first()).copied();
            if let Some(ending) = replaced.get(k).copied().or(previous) {
                out.push(ending);
            }
        }
        line += removed;
        at = e.range.end;
    }
    out.extend_from_slice(endings.get(line..)?);
    Some(out)
}

/// `text` with its `\n`s written as `endings`, one for each.
fn with_endings(text: &str, endings: &[LineEnding]) -> String {
    let mut out = String::with_capacity(text.len() + endings.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(endings[i - 1].as_str());
        }
        out.push_str(line);
    }
    out
}

impl LineEndings {
    /// `text` (a changed version of `original`, both with `\n` line ends) with the file's line
    /// endings. With mixed endings, lines are matched to the original's by a line diff: a kept
    /// line keeps its ending, a changed line takes the ending of the line it replaces, and an
    /// inserted line the ending of the line before it.
    fn restore<'a>(&self, original: &str, text: &'a str) -> Cow<'a, str> {
        match self {
            LineEndings::Uniform(LineEnding::Lf) => Cow::Borrowed(text),
            LineEndings::Uniform(e) => Cow::Owned(text.replace('\n', e.as_str())),
            LineEndings::Mixed(endings) => {
                let old: Vec<&str> = original.split('\n').collect();
                let new: Vec<&str> = text.split('\n').collect();
                let mut assigned: Vec<Option<LineEnding>> = vec![None; new.len()];
                let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new);
                for op in ops {
                    let (_, old_range, new_range) = op.as_tag_tuple();
                    for (k, n) in new_range.enumerate() {
                        let o = if old_range.is_empty() {
                            None
                        } else {
                            Some((old_range.start + k).min(old_range.end - 1))
                        };
                        assigned[n] = o.and_then(|o| endings.get(o).copied());
                    }
                }
                let mut out = String::with_capacity(text.len() + endings.len());
                let mut previous = endings[0];
                for (i, line) in new.iter().enumerate() {
                    out.push_str(line);
                    if i + 1 < new.len() {
                        let e = assigned[i].unwrap_or(previous);
                        out.push_str(e.as_str());
                        previous = e;
                    }
                }
                Cow::Owned(out)
            }
        }
    }
}

impl Decoded {
    /// The bytes the file held when it was read.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// A short name of how the file is written, for messages: `UTF-8`, `GBK`, `UTF-16LE`.
    pub fn encoding_name(&self) -> &'static str {
        self.encoding.name()
    }

    /// The bytes of `text` (a changed [`Decoded::text`]) written as the file was: in its
    /// encoding, with its byte-order mark and line endings. Refused when a character cannot
    /// be represented, or when the file's own text would not come back byte for byte.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, EncodeError> {
        if text == self.text {
            return Ok(self.bytes.clone());
        }
        if self.encode_unchecked(&self.text).as_deref() != Ok(&self.bytes[..]) {
            return Err(EncodeError::NotFaithful {
                encoding: self.encoding.name(),
            });
        }
        self.encode_unchecked(text)
    }

    /// [`Decoded::encode`] for a text made from this file's text by `passes` of edits (each
    /// in source order, on the text the passes before made, as [`crate::lint::Fixed::passes`]):
    /// each line break keeps the ending it had, and one an edit writes takes the ending of the
    /// break the edit replaced, or of the break before it. Linear in the text and the edits,
    /// where the line diff of [`Decoded::encode`] may take quadratic time on many changes.
    pub fn encode_edited(
        &self,
        text: &str,
        passes: &[Vec<Replacement>],
    ) -> Result<Vec<u8>, EncodeError> {
        let LineEndings::Mixed(endings) = &self.line_endings else {
            return self.encode(text);
        };
        if text == self.text {
            return Ok(self.bytes.clone());
        }
        if self.encode_unchecked(&self.text).as_deref() != Ok(&self.bytes[..]) {
            return Err(EncodeError::NotFaithful {
                encoding: self.encoding.name(),
            });
        }
        let mut before = self.text.clone();
        let mut endings = endings.clone();
        for edits in passes {
            let (Some(e), Some(b)) = (
                carry_endings(&before, &endings, edits),
                replaced(&before, edits),
            ) else {
                return self.encode(text);
            };
            (endings, before) = (e, b);
        }
        if before != text || endings.len() != text.matches('\n').count() {
            // Not the text the edits make: the line diff matches the lines instead.
            return self.encode(text);
        }
        self.encode_restored(text, &with_endings(text, &endings))
    }

    fn encode_unchecked(&self, text: &str) -> Result<Vec<u8>, EncodeError> {
        let restored = self.line_endings.restore(&self.text, text);
        self.encode_restored(text, &restored)
    }

    fn encode_restored(&self, text: &str, restored: &str) -> Result<Vec<u8>, EncodeError> {
        let enc = self.encoding;
        let mut out = Vec::with_capacity(restored.len() + 4);
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            let le = enc == encoding_rs::UTF_16LE;
            if self.bom {
                out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
            }
            for unit in restored.encode_utf16() {
                out.extend_from_slice(&if le {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            return Ok(out);
        }
        if enc == encoding_rs::UTF_8 {
            if self.bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(restored.as_bytes());
            return Ok(out);
        }
        if self.bom && enc == encoding_rs::GB18030 {
            out.extend_from_slice(GB18030_BOM);
        }
        let mut encoder = enc.new_encoder();
        let mut rest: &str = restored;
        loop {
            let need = encoder
                .max_buffer_length_from_utf8_without_replacement(rest.len())
                .unwrap_or(rest.len().saturating_mul(4));
            out.reserve(need);
            let (result, read) =
                encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
            rest = &rest[read..];
            match result {
                EncoderResult::InputEmpty => return Ok(out),
                EncoderResult::Unmappable(ch) => {
                    let at = text.find(ch).unwrap_or(0);
                    return Err(EncodeError::Unmappable {
                        ch,
                        encoding: enc.name(),
                        line: text[..at].matches('\n').count() + 1,
                    });
                }
                EncoderResult::OutputFull => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "（七）总计\n\n26\n\n二、主动公开政府信息情况\n";

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

    /// Decoding gives `REPORT`-like text, and decode→encode of a changed text keeps the form.
    fn round_trip(bytes: Vec<u8>, encoding: &'static Encoding, bom: bool, ending: LineEnding) {
        let d = decode(bytes.clone()).unwrap();
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.bom, bom);
        assert_eq!(d.line_endings, LineEndings::Uniform(ending));
        assert_eq!(d.text, REPORT);
        assert_eq!(d.encode(&d.text).unwrap(), bytes);
        assert_eq!(d.encode_unchecked(&d.text).unwrap(), bytes, "faithful");
        let changed = d.text.replace("26", "27");
        let written = d.encode(&changed).unwrap();
        let again = decode(written.clone()).unwrap();
        assert_eq!(again.text, changed);
        assert_eq!(again.encoding, encoding);
        assert_eq!(again.bom, bom);
        assert_eq!(again.line_endings, d.line_endings);
    }

    #[test]
    fn detects_and_round_trips_each_encoding() {
        round_trip(
            REPORT.as_bytes().to_vec(),
            encoding_rs::UTF_8,
            false,
            LineEnding::Lf,
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(REPORT.as_bytes());
        round_trip(bom, encoding_rs::UTF_8, true, LineEnding::Lf);
        round_trip(
            utf16(REPORT, true),
            encoding_rs::UTF_16LE,
            true,
            LineEnding::Lf,
        );
        round_trip(
            utf16(REPORT, false),
            encoding_rs::UTF_16BE,
            true,
            LineEnding::Lf,
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        round_trip(gbk.into_owned(), encoding_rs::GBK, false, LineEnding::Lf);
        let crlf = REPORT.replace('\n', "\r\n");
        round_trip(
            crlf.into_bytes(),
            encoding_rs::UTF_8,
            false,
            LineEnding::CrLf,
        );
        let cr = REPORT.replace('\n', "\r");
        round_trip(cr.into_bytes(), encoding_rs::UTF_8, false, LineEnding::Cr);
        let crlf = REPORT.replace('\n', "\r\n");
        let (gbk_crlf, _, _) = encoding_rs::GBK.encode(&crlf);
        round_trip(
            gbk_crlf.into_owned(),
            encoding_rs::GBK,
            false,
            LineEnding::CrLf,
        );
    }

    #[test]
    fn line_endings_are_normalized_and_restored() {
        let d = decode(b"a\r\nb\r\n".to_vec()).unwrap();
        assert_eq!(d.text, "a\nb\n");
        assert_eq!(d.line_endings, LineEndings::Uniform(LineEnding::CrLf));
        assert_eq!(d.encode("a\nx\ny\n").unwrap(), b"a\r\nx\r\ny\r\n");
        let d = decode(b"a\rb".to_vec()).unwrap();
        assert_eq!(d.text, "a\nb");
        assert_eq!(d.line_endings, LineEndings::Uniform(LineEnding::Cr));
        // `\r\r\n` is a lone CR and a CRLF: two line breaks, as editors show it.
        let d = decode(b"a\r\r\nb".to_vec()).unwrap();
        assert_eq!(d.text, "a\n\nb");
        let d = decode(b"no break".to_vec()).unwrap();
        assert_eq!(d.line_endings, LineEndings::Uniform(LineEnding::Lf));
    }

    #[test]
    fn mixed_line_endings_stay_with_their_lines() {
        let bytes = b"one\r\ntwo\nthree\rfour\r\nfive\n".to_vec();
        let d = decode(bytes.clone()).unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\nfour\nfive\n");
        assert!(matches!(d.line_endings, LineEndings::Mixed(_)));
        assert_eq!(d.encode_unchecked(&d.text).unwrap(), bytes);
        // A changed line keeps its ending; the others are untouched.
        assert_eq!(
            d.encode("one\ntwo\nTHREE\nfour\nfive\n").unwrap(),
            b"one\r\ntwo\nTHREE\rfour\r\nfive\n"
        );
        // An inserted line takes the ending of the line before; a deleted line takes its own.
        assert_eq!(
            d.encode("one\nnew\ntwo\nthree\nfive\n").unwrap(),
            b"one\r\nnew\r\ntwo\nthree\rfive\n"
        );
    }

    #[test]
    fn edits_carry_each_line_break_its_ending() {
        let bytes = b"one\r\ntwo\nthree\rfour\r\nfive\n".to_vec();
        let d = decode(bytes).unwrap();
        let edit = |range: std::ops::Range<usize>, new_text: &str| Replacement {
            range,
            new_text: new_text.into(),
        };
        // Pass 1: a changed word, a line break replaced by two; pass 2: a break removed.
        let pass1 = vec![edit(4..7, "TWO"), edit(13..14, "\nnew\n")];
        let after1 = replaced(&d.text, &pass1).unwrap();
        assert_eq!(after1, "one\nTWO\nthree\nnew\nfour\nfive\n");
        let pass2 = vec![edit(17..18, " ")];
        let after2 = replaced(&after1, &pass2).unwrap();
        assert_eq!(after2, "one\nTWO\nthree\nnew four\nfive\n");
        assert_eq!(
            d.encode_edited(&after2, &[pass1, pass2]).unwrap(),
            b"one\r\nTWO\nthree\rnew four\r\nfive\n"
        );
        // A text the edits do not make falls back to the line diff.
        assert_eq!(
            d.encode_edited("one\ntwo\nTHREE\nfour\nfive\n", &[])
                .unwrap(),
            b"one\r\ntwo\nTHREE\rfour\r\nfive\n"
        );
    }

    #[test]
    fn a_gb18030_byte_order_mark_is_read_and_written_back() {
        let mut bytes = GB18030_BOM.to_vec();
        bytes.extend_from_slice(&encoding_rs::GB18030.encode("二〇二五年 𠀀\n").0);
        let d = decode(bytes.clone()).unwrap();
        assert_eq!(d.encoding, encoding_rs::GB18030);
        assert!(d.bom);
        assert_eq!(d.text, "二〇二五年 𠀀\n");
        assert_eq!(d.encode(&d.text).unwrap(), bytes);
        assert!(d.encode("二〇二六年\n").unwrap().starts_with(GB18030_BOM));
    }

    #[test]
    fn big5_is_not_taken_for_gbk() {
        let text = "政府資訊公開工作年度報告\n一、總體情況\n本機關依法主動公開政府資訊，                    受理申請並按時答覆，無逾期情況。\n二、主動公開政府資訊情況\n".repeat(3);
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
        assert!(!unmappable);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.encoding, encoding_rs::BIG5);
        assert_eq!(d.text, text);
    }

    #[test]
    fn empty_file_is_text() {
        let d = decode(Vec::new()).unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert_eq!(d.encode("x").unwrap(), b"x");
    }

    #[test]
    fn binary_and_undecodable_files_are_errors() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let e = decode(png).unwrap_err();
        assert!(matches!(e, InputError::Binary { offset: 8 }), "{e}");
        assert!(e.to_string().contains("binary file"));
        let e = decode(b"\xff\xff\xff\x80abc".to_vec()).unwrap_err();
        assert!(
            matches!(e, InputError::UnknownEncoding { offset: 0 }),
            "{e}"
        );
        // A UTF-16 byte-order mark with an odd number of bytes after it.
        let e = decode(vec![0xff, 0xfe, 0x00, 0x81, 0x00]).unwrap_err();
        assert!(
            matches!(
                e,
                InputError::Malformed {
                    encoding: "UTF-16LE",
                    ..
                }
            ),
            "{e}"
        );
        // UTF-16 without a byte-order mark has NUL bytes: refused as binary.
        let mut ascii = utf16("total", true);
        ascii.drain(..2);
        assert!(matches!(
            decode(ascii).unwrap_err(),
            InputError::Binary { .. }
        ));
        // A NUL character in UTF-16 text is binary too.
        assert!(matches!(
            decode(utf16("a\0b", true)).unwrap_err(),
            InputError::Binary { .. }
        ));
    }

    #[test]
    fn a_character_outside_the_encoding_is_refused() {
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        let d = decode(gbk.into_owned()).unwrap();
        assert_eq!(d.encoding, encoding_rs::GBK);
        let changed = format!("{REPORT}\n𠀀\n");
        let e = d.encode(&changed).unwrap_err();
        assert_eq!(
            e,
            EncodeError::Unmappable {
                ch: '𠀀',
                encoding: "GBK",
                line: 7
            }
        );
        // A file with characters outside GBK is GB18030, and can take such characters.
        let source = format!("{REPORT}𠀀\n");
        let (gb, _, _) = encoding_rs::GB18030.encode(&source);
        let d = decode(gb.into_owned()).unwrap();
        assert_eq!(d.encoding, encoding_rs::GB18030);
        let written = d.encode(&format!("{REPORT}𠀀𠀁\n")).unwrap();
        assert_eq!(decode(written).unwrap().text, format!("{REPORT}𠀀𠀁\n"));
    }
}
