//! An open document: its text as a rope, the incremental reader, and position conversion.
//!
//! The core works in UTF-8 byte offsets; LSP positions (line, character in UTF-8 or UTF-16 code
//! units) exist only here. Line breaks are `\n`, `\r\n` and `\r`, as the protocol says; ropey is
//! built without `unicode_lines`, so U+2028 and U+0085 are ordinary characters, as in the
//! clients.

use std::ops::Range;

use lsp_types::{Position, TextDocumentContentChangeEvent};
use ropey::{Rope, RopeSlice};

use crate::diagnostic::Diagnostic;
use crate::incremental::IncrementalReader;
use crate::model::Report;

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
    rope: Rope,
    reader: IncrementalReader,
    /// The text the reader last read; equals the rope when not `dirty`.
    text: String,
    dirty: bool,
    pub analysis: Option<Analysis>,
    /// What the text analyses found in each block at the last check (see
    /// [`crate::rules::blocks`]): an edit re-reads only the blocks it changed.
    pub blocks: crate::rules::blocks::BlockCache,
    /// The version and settings generation whose diagnostics were last published, and whether
    /// the list was empty.
    pub published: Option<(i32, u64, bool)>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            version,
            rope: Rope::from_str(&text),
            reader: IncrementalReader::new(&text),
            text,
            dirty: false,
            analysis: None,
            blocks: Default::default(),
            published: None,
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
        if start == 0 && end == old_len {
            self.rope = Rope::from_str(&change.text);
        } else {
            let (sc, ec) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
            self.rope.remove(sc..ec);
            self.rope.insert(sc, &change.text);
        }
        self.reader.edit(start..end, change.text.len());
        self.blocks.edit(start..end, change.text.len());
        self.dirty = true;
        self.analysis = None;
    }

    /// Brings the text and the report up to date with the rope.
    pub fn refresh(&mut self) {
        if self.dirty {
            self.text = self.rope.to_string();
            self.reader.update(&self.text);
            self.dirty = false;
        }
    }

    /// The current text and its report (after [`Document::refresh`]).
    #[cfg(test)]
    pub fn current(&mut self) -> (&str, &Report) {
        self.refresh();
        (&self.text, self.reader.report())
    }

    /// The text and report as last refreshed (call [`Document::refresh`] first).
    pub fn view(&self) -> (&str, &Report) {
        debug_assert!(!self.dirty, "view of a document that was not refreshed");
        (&self.text, self.reader.report())
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    fn content_chars(line: RopeSlice) -> usize {
        let n = line.len_chars();
        let last = |k: usize| (n >= k).then(|| line.char(n - k));
        match (last(1), last(2)) {
            (Some('\n'), Some('\r')) => n - 2,
            (Some('\n' | '\r'), _) => n - 1,
            _ => n,
        }
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
                Ok(self.rope.len_bytes())
            };
        }
        let slice = self.rope.line(line);
        let content = Self::content_chars(slice);
        let ch = pos.character as usize;
        let col = match enc {
            Encoding::Utf8 => {
                let b = ch.min(slice.char_to_byte(content));
                slice.byte_to_char(b)
            }
            Encoding::Utf16 => {
                let u = ch.min(slice.char_to_utf16_cu(content));
                slice.utf16_cu_to_char(u)
            }
        };
        Ok(self.rope.char_to_byte(self.rope.line_to_char(line) + col))
    }

    /// The position of a byte offset (clamped to the text, floored to a character start).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let offset = offset.min(self.rope.len_bytes());
        let ch = self.rope.byte_to_char(offset);
        let line = self.rope.char_to_line(ch);
        let line_start = self.rope.line_to_char(line);
        let character = match enc {
            Encoding::Utf8 => self.rope.char_to_byte(ch) - self.rope.char_to_byte(line_start),
            Encoding::Utf16 => {
                self.rope.char_to_utf16_cu(ch) - self.rope.char_to_utf16_cu(line_start)
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
    fn incremental_changes_apply_to_the_rope_and_the_report() {
        let mut d = doc("一、总体情况\n二、主动公开政府信息情况\n");
        let r = LspRange::new(at(1, 0), at(1, 2));
        d.apply_change(&change(Some(r), "三、"), Encoding::Utf16);
        d.apply_change(
            &change(Some(LspRange::new(at(2, 0), at(2, 0))), "𠀀"),
            Encoding::Utf16,
        );
        let (text, report) = d.current();
        assert_eq!(text, "一、总体情况\n三、主动公开政府信息情况\n𠀀");
        assert_eq!(report, &crate::reader::read(text));
        d.apply_change(&change(None, "new"), Encoding::Utf8);
        assert_eq!(d.current().0, "new");
    }
}
