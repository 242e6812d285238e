//! An open document: its text in a rope (edits and position conversion in O(log n)), the
//! report read from it, and position conversion.
//!
//! The core works in UTF-8 byte offsets; LSP positions (line, character in UTF-8 or UTF-16 code
//! units) exist only here. Line breaks are `\n`, `\r\n` and `\r`, as the protocol says (the
//! rope is built with `cr_lines` only); U+2028 and U+0085 are ordinary characters, as in the
//! clients.
//!
//! The rope is the document's store: LSP positions are converted on it, and edits land in it
//! in O(log n). The incremental reader keeps the contiguous text that the reader and the rules
//! read (they search whole blocks and sections as `&str`); it is edited in place by the same
//! changes.

use std::ops::Range;

use lsp_types::{Position, TextDocumentContentChangeEvent};
use ropey::Rope;

use crate::read::incremental::IncrementalReader;
use crate::read::model::Report;
use crate::rules::diagnostic::Diagnostic;

/// The position encoding negotiated at initialisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A position that does not exist in the document.
#[derive(Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub line: u32,
    pub lines: usize,
}

/// The diagnostics of one version of a document under one generation of settings.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub generation: u64,
    pub is_report: bool,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Document {
    pub version: i32,
    /// The text: where LSP positions are converted and edits are made.
    rope: Rope,
    /// The text as the reader and rules read it, edited in place, and the report read from it.
    reader: IncrementalReader,
    dirty: bool,
    pub analysis: Option<Analysis>,
    /// What the text analyses found in each block at the last check (see
    /// [`crate::rules::blocks`]): an edit re-reads only the blocks it changed.
    pub blocks: crate::rules::blocks::BlockCache,
    /// The version and settings generation whose diagnostics were last published, and whether
    /// the list was empty.
    pub published: Option<(i32, u64, bool)>,
    /// The JSON of the diagnostics last published.
    pub publish_cache: super::publish::PublishCache,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            version,
            rope: Rope::from_str(&text),
            reader: IncrementalReader::from_string(text),
            dirty: false,
            analysis: None,
            blocks: Default::default(),
            published: None,
            publish_cache: Default::default(),
        }
    }

    /// Applies one content change. A range past the end is clamped (the client and server
    /// disagree about the text; the result is still a valid document).
    pub fn apply_change(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        let old_len = self.len_bytes();
        let (start, end) = match change.range {
            None => (0, old_len),
            Some(r) => {
                let a = self.offset(r.start, enc, false).unwrap_or(old_len);
                let b = self.offset(r.end, enc, false).unwrap_or(old_len);
                (a.min(b), a.max(b))
            }
        };
        // Offsets from `offset` are character starts, so neither the rope nor the reader
        // moves them.
        if change.range.is_none() {
            self.rope = Rope::from_str(&change.text);
        } else {
            let (a, b) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
            self.rope.remove(a..b);
            self.rope.insert(a, &change.text);
        }
        self.reader.replace(start..end, &change.text);
        self.blocks.edit(start..end, change.text.len());
        self.publish_cache.edit(start..end, change.text.len());
        self.dirty = true;
        self.analysis = None;
    }

    /// Brings the report up to date with the text.
    pub fn refresh(&mut self) {
        if self.dirty {
            self.reader.refresh();
            self.dirty = false;
        }
    }

    /// The current text and its report (after [`Document::refresh`]).
    #[cfg(test)]
    pub fn current(&mut self) -> (&str, &Report) {
        self.refresh();
        (self.reader.text(), self.reader.report())
    }

    /// The text and report as last refreshed (call [`Document::refresh`] first).
    pub fn view(&self) -> (&str, &Report) {
        debug_assert!(!self.dirty, "view of a document that was not refreshed");
        (self.reader.text(), self.reader.report())
    }

    #[cfg(test)]
    fn view_text(&self) -> &str {
        self.reader.text()
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// The number of lines (a text ending with a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.rope.len_lines()
    }

    /// The start of the line after the one that holds byte `offset` (the end of the text on
    /// the last line).
    pub fn next_line_start(&self, offset: usize) -> usize {
        let line = self.rope.byte_to_line(offset.min(self.rope.len_bytes()));
        if line + 1 < self.rope.len_lines() {
            self.rope.line_to_byte(line + 1)
        } else {
            self.rope.len_bytes()
        }
    }

    /// The start of line `line` (a line that exists) and the end of its content, without its
    /// line break, in bytes.
    fn line_bounds(&self, line: usize) -> (usize, usize) {
        let start = self.rope.line_to_byte(line);
        let mut end = if line + 1 < self.rope.len_lines() {
            self.rope.line_to_byte(line + 1)
        } else {
            self.rope.len_bytes()
        };
        if end > start && self.rope.byte(end - 1) == b'\n' {
            end -= 1;
        }
        if end > start && self.rope.byte(end - 1) == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The byte offset of a position. A character past the end of its line means the end of
    /// the line (as the protocol says); a line past the end is an error when `strict`, else
    /// the end of the document. A position inside a character (a UTF-8 continuation byte, the
    /// second half of a surrogate pair) is moved to that character's start.
    pub fn offset(&self, pos: Position, enc: Encoding, strict: bool) -> Result<usize, OutOfRange> {
        let line = pos.line as usize;
        let lines = self.rope.len_lines();
        if line >= lines {
            return if strict {
                Err(OutOfRange {
                    line: pos.line,
                    lines,
                })
            } else {
                Ok(self.len_bytes())
            };
        }
        let (start, end) = self.line_bounds(line);
        let want = pos.character as usize;
        let rope = &self.rope;
        let at = match enc {
            Encoding::Utf8 => start.saturating_add(want).min(end),
            Encoding::Utf16 => {
                let (first, last) = (rope.byte_to_char(start), rope.byte_to_char(end));
                let base = rope.char_to_utf16_cu(first);
                let units = rope.char_to_utf16_cu(last) - base;
                if want >= units {
                    end
                } else {
                    // Inside a surrogate pair: the character that holds it.
                    rope.char_to_byte(rope.utf16_cu_to_char(base + want))
                }
            }
        };
        // Floored to a character start.
        Ok(rope.char_to_byte(rope.byte_to_char(at)))
    }

    /// The position of a byte offset (clamped to the text, floored to a character start).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let rope = &self.rope;
        let char = rope.byte_to_char(offset.min(rope.len_bytes()));
        let offset = rope.char_to_byte(char);
        let line = rope.byte_to_line(offset);
        let character = match enc {
            Encoding::Utf8 => offset - rope.line_to_byte(line),
            Encoding::Utf16 => {
                rope.char_to_utf16_cu(char) - rope.char_to_utf16_cu(rope.line_to_char(line))
            }
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, range: &Range<usize>, enc: Encoding) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(range.start, enc),
            self.position(range.end, enc),
        )
    }
}

/// Whether a line starts at byte `p` of `text` (`0 < p <= text.len()`).
#[cfg(test)]
fn starts_line(text: &[u8], p: usize) -> bool {
    match text[p - 1] {
        b'\n' => true,
        b'\r' => text.get(p) != Some(&b'\n'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Range as LspRange;

    fn doc(text: &str) -> Document {
        Document::new(text.to_string(), 1)
    }

    fn change(range: Option<LspRange>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        }
    }

    fn at(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        // 𠀀 is outside the BMP: two UTF-16 units, four UTF-8 bytes.
        let d = doc("一\n𠀀总计 26\n");
        let total = "一\n𠀀总计 ".len();
        assert_eq!(d.position(total, Encoding::Utf16), at(1, 5));
        assert_eq!(d.position(total, Encoding::Utf8), at(1, 11));
        assert_eq!(d.offset(at(1, 5), Encoding::Utf16, true), Ok(total));
        assert_eq!(d.offset(at(1, 11), Encoding::Utf8, true), Ok(total));
    }

    #[test]
    fn a_position_inside_a_character_moves_to_its_start() {
        let d = doc("𠀀x");
        assert_eq!(d.offset(at(0, 1), Encoding::Utf16, true), Ok(0));
        assert_eq!(d.offset(at(0, 2), Encoding::Utf8, true), Ok(0));
        assert_eq!(d.offset(at(0, 2), Encoding::Utf16, true), Ok(4));
    }

    #[test]
    fn line_breaks_are_lf_crlf_and_cr_only() {
        let d = doc("a\r\nb\rc\u{2028}d\u{85}e\nf");
        assert_eq!(d.position(d.len_bytes() - 1, Encoding::Utf16), at(3, 0));
        assert_eq!(
            d.offset(at(2, 9), Encoding::Utf16, true),
            Ok("a\r\nb\rc\u{2028}d\u{85}e".len())
        );
        assert_eq!(d.offset(at(0, 5), Encoding::Utf8, true), Ok(1));
    }

    #[test]
    fn a_line_past_the_end_is_an_error_only_when_strict() {
        let d = doc("a\nb");
        assert!(d.offset(at(5, 0), Encoding::Utf16, true).is_err());
        assert_eq!(d.offset(at(5, 0), Encoding::Utf16, false), Ok(3));
    }

    #[test]
    fn incremental_changes_apply_to_the_text_and_the_report() {
        let mut d = doc("一、总体情况\n二、主动公开政府信息情况\n");
        let r = LspRange::new(at(1, 0), at(1, 2));
        d.apply_change(&change(Some(r), "三、"), Encoding::Utf16);
        d.apply_change(
            &change(Some(LspRange::new(at(2, 0), at(2, 0))), "𠀀"),
            Encoding::Utf16,
        );
        let (text, report) = d.current();
        assert_eq!(text, "一、总体情况\n三、主动公开政府信息情况\n𠀀");
        assert_eq!(report, &crate::read::reader::read(text));
        d.apply_change(&change(None, "new"), Encoding::Utf8);
        assert_eq!(d.current().0, "new");
    }

    #[test]
    fn the_rope_after_edits_has_the_lines_of_a_fresh_text() {
        // Edits that join and split `\r\n`, at the start, the end and inside characters.
        let pieces = ["\r", "\n", "\r\n", "a", "中", "𠀀", ""];
        let mut d = doc("a\r\nb\rc\n中\r");
        let mut next = crate::rules::testing::xorshift(0x9E37_79B9_7F4A_7C15u64);
        for _ in 0..2000 {
            let len = d.len_bytes();
            let (a, b) = (next(len + 1), next(len + 1));
            let new = pieces[next(pieces.len())];
            let (start, end) = (
                d.position(a.min(b), Encoding::Utf8),
                d.position(a.max(b), Encoding::Utf8),
            );
            d.apply_change(
                &change(Some(LspRange::new(start, end)), new),
                Encoding::Utf8,
            );
            let text = d.view_text().to_string();
            assert_eq!(d.rope.to_string(), text);
            let b = text.as_bytes();
            let starts: Vec<usize> = (1..=b.len()).filter(|&p| starts_line(b, p)).collect();
            let rope_starts: Vec<usize> = (1..d.rope.len_lines())
                .map(|l| d.rope.line_to_byte(l))
                .collect();
            assert_eq!(rope_starts, starts, "{text:?}");
            if text.len() > 40 {
                d.apply_change(&change(None, "x\r"), Encoding::Utf16);
            }
        }
        let (text, report) = d.current();
        assert_eq!(report, &crate::read::reader::read(text));
    }

    /// The LSP position of byte `offset` of `text`, counted from the start: the reference the
    /// rope's conversions are compared with.
    fn reference_position(text: &str, offset: usize, enc: Encoding) -> Position {
        let (mut line, mut character) = (0, 0);
        for (i, c) in text[..offset].char_indices() {
            let crlf = c == '\r' && text[i + 1..].starts_with('\n');
            if c == '\n' || (c == '\r' && !crlf) {
                line += 1;
                character = 0;
            } else if !crlf {
                character += match enc {
                    Encoding::Utf8 => c.len_utf8(),
                    Encoding::Utf16 => c.len_utf16(),
                };
            }
        }
        Position::new(line, character as u32)
    }

    /// Random edits given in UTF-16 positions (as most clients send them) and in UTF-8, with
    /// astral characters, CRLF split and joined, at the ends of the text: the rope, the reader's
    /// text and a `String` edited the same way agree, and every position converts as the
    /// reference counts it.
    #[test]
    fn rope_edits_in_utf16_and_utf8_positions_equal_string_edits() {
        let pieces = ["\r", "\n", "\r\n", "𠀀", "中", "a", "", "😀x\r", "\u{2028}"];
        let mut model = String::from("一\r\n𠀀总计\r中\n\n😀");
        let mut d = doc(&model);
        let mut next = crate::rules::testing::xorshift(0x51ED_2701_A3C5_9E11u64);
        let boundary = |text: &str, mut p: usize| {
            while !text.is_char_boundary(p) {
                p -= 1;
            }
            p
        };
        for step in 0..1500 {
            let enc = if step % 3 == 0 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            // A position between `\r` and `\n` does not exist: it is the end of the line.
            let out_of_crlf = |p: usize| {
                if p > 0 && model[..p].ends_with('\r') && model[p..].starts_with('\n') {
                    p - 1
                } else {
                    p
                }
            };
            let a = out_of_crlf(boundary(&model, next(model.len() + 1)));
            let b = out_of_crlf(boundary(&model, (a + next(6)).min(model.len())));
            let new = pieces[next(pieces.len())];
            let range = LspRange::new(
                reference_position(&model, a, enc),
                reference_position(&model, b, enc),
            );
            d.apply_change(&change(Some(range), new), enc);
            model.replace_range(a..b, new);
            assert_eq!(d.view_text(), model, "step {step}");
            assert_eq!(d.rope.to_string(), model, "step {step}");
            for (i, _) in model.char_indices().chain([(model.len(), ' ')]) {
                if model[..i].ends_with('\r') && model[i..].starts_with('\n') {
                    continue; // inside a line break: no position
                }
                assert_eq!(
                    d.position(i, enc),
                    reference_position(&model, i, enc),
                    "step {step} offset {i} in {model:?}"
                );
            }
            if model.len() > 60 {
                model = "x\r\n𠀀".to_string();
                d.apply_change(&change(None, &model), enc);
            }
        }
        let (text, report) = d.current();
        assert_eq!(report, &crate::read::reader::read(text));
    }

    #[test]
    fn positions_and_offsets_round_trip_on_every_character() {
        let text = "一\r\n𠀀总\r\rx\n\n中";
        let d = doc(text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let p = d.position(i, enc);
                let back = d.offset(p, enc, true).unwrap();
                // A line break's offset maps to the end of its line's content.
                let at_break = matches!(text.as_bytes().get(i), Some(b'\n'))
                    && text.as_bytes().get(i.wrapping_sub(1)) == Some(&b'\r');
                if !at_break {
                    assert_eq!(back, i, "{i} {enc:?} {p:?}");
                }
            }
        }
        assert_eq!(d.position(text.len(), Encoding::Utf16), at(5, 1));
    }

    #[test]
    fn utf16_columns_of_a_long_line() {
        let line = "表𠀀（七）总计a".repeat(2000);
        let text = format!("x\r\n{line}\n{line}");
        let mut d = doc(&text);
        for offset in (0..text.len()).step_by(331).chain([text.len()]) {
            let mut offset = offset;
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let line_no = d.rope.byte_to_line(offset);
            let start = d.rope.line_to_byte(line_no);
            let want: usize = text[start..offset].chars().map(char::len_utf16).sum();
            assert_eq!(
                d.position(offset, Encoding::Utf16),
                at(line_no as u32, want as u32),
                "{offset}"
            );
        }
        // After an edit of the line.
        d.apply_change(
            &change(Some(LspRange::new(at(1, 0), at(1, 0))), "𠀀"),
            Encoding::Utf16,
        );
        let end = d.len_bytes();
        let text = d.current().0.to_string();
        let start = text.rfind('\n').unwrap() + 1;
        let want: usize = text[start..].chars().map(char::len_utf16).sum();
        assert_eq!(d.position(end, Encoding::Utf16).character as usize, want);
        let second = text.find('\n').unwrap() + 1;
        let mid = text[second..].find('a').unwrap() + second + 9000;
        let mid = (mid..).find(|&i| text.is_char_boundary(i)).unwrap();
        let want: usize = text[second..mid].chars().map(char::len_utf16).sum();
        assert_eq!(d.position(mid, Encoding::Utf16).character as usize, want);
    }

    /// The language server's path for an edit: LSP changes (UTF-16 positions, some replacing
    /// the whole text) applied to the document, then the diagnostics with its block cache.
    /// After every change they equal a fresh check of the same text.
    #[test]
    fn cached_diagnostics_of_an_edited_document_equal_a_fresh_check() {
        use crate::lint::{check_source, diagnostics_cached, Settings};
        let settings = Settings::default();
        let pieces = [
            "\n\n",
            "一、",
            "国办函〔2020]109号",
            "XX",
            "2024年度年度",
            "《条例>",
            "7",
            "字",
            "\r\n",
            "收到政府信息公开申请12件",
            "依据国办公开办函〔2021〕30号",
        ];
        let mut next = crate::rules::testing::xorshift(0x9E37_79B9_7F4A_7C15u64);
        for layout in crate::sample::Layout::ALL {
            let text = crate::sample::Stats::generate(11)
                .render_with_story(layout, crate::sample::STORIES[0]);
            let mut d = doc(&text);
            for step in 0..20 {
                let (current, _) = d.current();
                let current = current.to_string();
                let lines = current.split('\n').count() as u32;
                let line = next(lines as usize) as u32;
                let character = next(30) as u32;
                let range =
                    LspRange::new(at(line, character), at(line, character + next(4) as u32));
                // Edits that keep the length: only the recorded edit tells the cache.
                let same_length = [
                    ("2021〕30", "2019〕60"),
                    ("2019〕60", "2021〕30"),
                    ("XX", "YY"),
                ]
                .into_iter()
                .find_map(|(from, to)| Some((current.find(from)?, from, to)))
                .filter(|_| next(2) == 0);
                let ch = if let Some((i, from, to)) = same_length {
                    let start = d.position(i, Encoding::Utf16);
                    let end = d.position(i + from.len(), Encoding::Utf16);
                    change(Some(LspRange::new(start, end)), to)
                } else if step == 7 {
                    // The whole text replaced now and then, as some clients do.
                    change(None, &current.replacen("一、", "一、 ", 1))
                } else {
                    change(Some(range), pieces[next(pieces.len())])
                };
                d.apply_change(&ch, Encoding::Utf16);
                d.refresh();
                let (text, report) = d.view();
                let got = diagnostics_cached(text, report, &settings, &d.blocks);
                let want = check_source(text, &settings).diagnostics;
                assert!(
                    got == want,
                    "{layout:?} step {step}:\n{got:?}\n!=\n{want:?}"
                );
            }
        }
    }
}
