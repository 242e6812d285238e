//! An open document: its text (held once, by the incremental reader), a line index, and
//! position conversion.
//!
//! The core works in UTF-8 byte offsets; LSP positions (line, character in UTF-8 or UTF-16 code
//! units) exist only here. Line breaks are `\n`, `\r\n` and `\r`, as the protocol says;
//! U+2028 and U+0085 are ordinary characters, as in the clients.

use std::ops::Range;

use lsp_types::{Position, TextDocumentContentChangeEvent};

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
    /// Holds the text, edited in place, and the report read from it.
    reader: IncrementalReader,
    lines: LineIndex,
    dirty: bool,
    pub analysis: Option<Analysis>,
    /// What the text analyses found in each block at the last check (see
    /// [`crate::rules::blocks`]): an edit re-reads only the blocks it changed.
    pub blocks: crate::rules::blocks::BlockCache,
    /// The version and settings generation whose diagnostics were last published, and whether
    /// the list was empty.
    pub published: Option<(i32, u64, bool)>,
    /// UTF-16 columns along the last long line asked about (see [`Document::position`]).
    columns: std::sync::Mutex<Option<ColumnMarks>>,
}

/// Every [`MARK_EVERY`] bytes of one line (from its start, floored to a character start): the
/// byte and its column in UTF-16 units, so that the many positions of one long line (a
/// one-line report with thousands of findings) cost linear time together.
struct ColumnMarks {
    line_start: usize,
    marks: Vec<(usize, usize)>,
}

const MARK_EVERY: usize = 4096;

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let lines = LineIndex::new(&text);
        Document {
            version,
            reader: IncrementalReader::from_string(text),
            lines,
            dirty: false,
            analysis: None,
            blocks: Default::default(),
            published: None,
            columns: Default::default(),
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
        // Offsets from `offset` are character starts, so the reader does not move them.
        self.reader.replace(start..end, &change.text);
        self.blocks.edit(start..end, change.text.len());
        self.lines
            .replace(self.reader.text(), start..end, change.text.len());
        self.dirty = true;
        self.analysis = None;
        *self.columns.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
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
        self.reader.text().len()
    }

    /// The text of line `line` without its line break.
    fn line_content(&self, line: usize) -> (usize, &str) {
        let text = self.reader.text();
        let start = self.lines.start(line).unwrap_or(text.len());
        let end = self.lines.start(line + 1).unwrap_or(text.len());
        let content = text[start..end]
            .strip_suffix("\r\n")
            .or_else(|| text[start..end].strip_suffix(['\n', '\r']))
            .unwrap_or(&text[start..end]);
        (start, content)
    }

    /// The byte offset of a position. A character past the end of its line means the end of
    /// the line (as the protocol says); a line past the end is an error when `strict`, else
    /// the end of the document. A position inside a character (a UTF-8 continuation byte, the
    /// second half of a surrogate pair) is moved to that character's start.
    pub fn offset(&self, pos: Position, enc: Encoding, strict: bool) -> Result<usize, OutOfRange> {
        let line = pos.line as usize;
        let lines = self.lines.len();
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
        let (start, content) = self.line_content(line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            units += match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > want {
                return Ok(start + i);
            }
        }
        Ok(start + content.len())
    }

    /// The position of a byte offset (clamped to the text, floored to a character start).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let text = self.reader.text();
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.start(line).unwrap_or(0);
        let character = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.utf16_column(text, start, offset),
        };
        Position::new(line as u32, character as u32)
    }

    /// The UTF-16 column of `offset` in the line starting at `start`: counted from the line's
    /// last mark before it when the line is long.
    fn utf16_column(&self, text: &str, start: usize, offset: usize) -> usize {
        let count = |a: usize, b: usize| text[a..b].chars().map(char::len_utf16).sum::<usize>();
        if offset - start <= MARK_EVERY {
            return count(start, offset);
        }
        let mut memo = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        if memo.as_ref().is_none_or(|m| m.line_start != start) {
            let end = self
                .lines
                .start(self.lines.line_of(start) + 1)
                .unwrap_or(text.len());
            let mut marks = Vec::new();
            let (mut at, mut column) = (start, 0);
            while end - at > MARK_EVERY {
                let mut next = at + MARK_EVERY;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                column += count(at, next);
                marks.push((next, column));
                at = next;
            }
            *memo = Some(ColumnMarks {
                line_start: start,
                marks,
            });
        }
        let marks = &memo.as_ref().expect("just set").marks;
        let (from, column) = match marks.partition_point(|&(b, _)| b <= offset) {
            0 => (start, 0),
            i => marks[i - 1],
        };
        column + count(from, offset)
    }

    pub fn range(&self, range: &Range<usize>, enc: Encoding) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(range.start, enc),
            self.position(range.end, enc),
        )
    }
}

/// Where the lines of a text start: after `\n`, after `\r\n`, and after a `\r` not followed
/// by `\n`. Line 0 starts at 0 and is not stored.
struct LineIndex {
    /// Starts of lines 1, 2, …, in order.
    starts: Vec<usize>,
}

/// Whether a line starts at byte `p` of `text` (`0 < p <= text.len()`).
fn starts_line(text: &[u8], p: usize) -> bool {
    match text[p - 1] {
        b'\n' => true,
        b'\r' => text.get(p) != Some(&b'\n'),
        _ => false,
    }
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let starts = (1..=b.len()).filter(|&p| starts_line(b, p)).collect();
        LineIndex { starts }
    }

    /// Number of lines (a text ending with a line break has an empty last line).
    fn len(&self) -> usize {
        self.starts.len() + 1
    }

    /// The start of line `line` (`None` past the last line).
    fn start(&self, line: usize) -> Option<usize> {
        match line {
            0 => Some(0),
            _ => self.starts.get(line - 1).copied(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Updates the index after the bytes `old` were replaced by `new_len` bytes; `text` is
    /// the text after the replacement. A line start depends on the two bytes around it, so
    /// only the starts in `old.start..=old.end` can appear or vanish; those after move.
    fn replace(&mut self, text: &str, old: Range<usize>, new_len: usize) {
        let b = text.as_bytes();
        let a = self.starts.partition_point(|&s| s < old.start);
        let z = self.starts.partition_point(|&s| s <= old.end);
        let new_end = old.start + new_len;
        let fresh: Vec<usize> = (old.start.max(1)..=new_end.min(b.len()))
            .filter(|&p| starts_line(b, p))
            .collect();
        let grow = new_len as isize - (old.end - old.start) as isize;
        if grow != 0 {
            for s in &mut self.starts[z..] {
                *s = s.wrapping_add_signed(grow);
            }
        }
        self.starts.splice(a..z, fresh);
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
    fn the_line_index_after_edits_equals_a_fresh_one() {
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
            assert_eq!(d.lines.starts, LineIndex::new(&text).starts, "{text:?}");
            if text.len() > 40 {
                d.apply_change(&change(None, "x\r"), Encoding::Utf16);
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
    fn utf16_columns_of_a_long_line_count_from_its_marks() {
        let line = "表𠀀（七）总计a".repeat(2000);
        let text = format!("x\r\n{line}\n{line}");
        let mut d = doc(&text);
        for offset in (0..text.len()).step_by(331).chain([text.len()]) {
            let mut offset = offset;
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let line_no = d.lines.line_of(offset);
            let start = d.lines.start(line_no).unwrap();
            let want: usize = text[start..offset].chars().map(char::len_utf16).sum();
            assert_eq!(
                d.position(offset, Encoding::Utf16),
                at(line_no as u32, want as u32),
                "{offset}"
            );
        }
        // An edit forgets the marks of the line it changed.
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
