//! The reader's view of a source: decoded characters that remember where they came from.
//!
//! Plain text and Markdown are read directly; HTML is first turned into the same shape by
//! [`crate::read::html`]. Everything downstream (tokens, cells, headings) carries byte ranges into the
//! original source, never into a derived string.

use std::ops::Range;

/// One decoded character and the source bytes it came from. For plain text `end - start` is the
/// UTF-8 length of `ch`; for HTML an entity such as `&nbsp;` yields one character whose range
/// covers the whole entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SrcChar {
    pub ch: char,
    /// Source range, in `u32` as token spans are (a source beyond 4 GiB is not read): an HTML
    /// paragraph keeps one of these per character.
    pub start: u32,
    pub end: u32,
}

impl SrcChar {
    /// `ch` from `start..end` of the source; offsets past 4 GiB are clamped (a source that long
    /// yields no tokens there, see [`crate::read::token::Token`]).
    pub fn new(ch: char, start: usize, end: usize) -> Self {
        SrcChar {
            ch,
            start: clamp_u32(start),
            end: clamp_u32(end),
        }
    }

    /// The source range as byte offsets.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// An offset as `u32`, clamped.
pub fn clamp_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A run of text the tokenizer reads as a unit: a line of plain text, one cell of a pipe row,
/// one HTML table cell, or one HTML paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    pub text: FragmentText,
    /// The fragment is a table cell (HTML `<td>`, or an interior cell of a Markdown pipe row):
    /// when it holds no text it is a *blank* cell, not nothing.
    pub cell: bool,
    /// Source range of the whole fragment; for an empty cell, where a value would go.
    pub span: Range<usize>,
}

/// The characters of a fragment. Plain text keeps its own text and computes each character's
/// range from it: a byte per byte rather than a [`SrcChar`] (12 bytes) per character, which
/// matters for a line of millions of characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FragmentText {
    /// Characters decoded from markup (HTML entities, Word, PDF), each with its source range.
    Decoded(Vec<SrcChar>),
    /// A stretch of the source taken as it is, which starts at byte `base`.
    Source { text: Box<str>, base: usize },
}

impl Default for FragmentText {
    fn default() -> Self {
        FragmentText::Decoded(Vec::new())
    }
}

impl Fragment {
    /// The characters with their source ranges.
    pub fn chars(&self) -> impl DoubleEndedIterator<Item = SrcChar> + '_ {
        let (decoded, source): (&[SrcChar], _) = match &self.text {
            FragmentText::Decoded(chars) => (chars, None),
            FragmentText::Source { text, base } => (&[], Some((&**text, *base))),
        };
        let from_source = source
            .into_iter()
            .flat_map(|(text, base)| source_chars(text, base));
        decoded.iter().copied().chain(from_source)
    }

    /// [`Fragment::chars`] without leading and trailing white space.
    pub fn trimmed_chars(&self) -> impl Iterator<Item = SrcChar> + '_ {
        let (decoded, source): (&[SrcChar], _) = match &self.text {
            FragmentText::Decoded(chars) => (trim_chars(chars), None),
            FragmentText::Source { text, base } => {
                let lead = text.len() - text.trim_start().len();
                (&[], Some((text.trim(), base + lead)))
            }
        };
        let from_source = source
            .into_iter()
            .flat_map(|(text, base)| source_chars(text, base));
        decoded.iter().copied().chain(from_source)
    }

    /// The number of characters.
    pub fn char_count(&self) -> usize {
        match &self.text {
            FragmentText::Decoded(chars) => chars.len(),
            FragmentText::Source { text, .. } => text.chars().count(),
        }
    }
}

/// The characters of `text`, which starts at source byte `base`.
fn source_chars(text: &str, base: usize) -> impl DoubleEndedIterator<Item = SrcChar> + '_ {
    text.char_indices()
        .map(move |(i, ch)| SrcChar::new(ch, base + i, base + i + ch.len_utf8()))
}

/// What a source is turned into before tokenizing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Fragment(Fragment),
    /// The end of a table row whose cells are explicit (HTML `</tr>`, a Markdown pipe row).
    RowEnd,
    /// The end of a line or a block-level element: a boundary for headings and narrative.
    LineEnd,
}

/// A plain-text rendering of a source, one line per block, with a map back to source bytes.
/// Metadata and narrative readers work on this; for plain text it is the source itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextView {
    pub text: String,
    /// For each char of `text` that came from the source: its position in `text` and its source
    /// range, as `u32` (12 bytes a char: an HTML page keeps one per character of its text).
    /// Indexed by position in `text` through [`TextView::source_range`].
    starts: Vec<ViewChar>,
    identity: bool,
}

/// A char of a [`TextView`]'s text: where it is in the text, and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ViewChar {
    pos: u32,
    start: u32,
    end: u32,
}

impl TextView {
    /// A view of plain text: offsets are the identity.
    pub fn identity(text: &str) -> Self {
        TextView {
            text: text.to_string(),
            starts: Vec::new(),
            identity: true,
        }
    }

    /// A view of plain text that takes the text over (no copy).
    pub fn identity_owned(text: String) -> Self {
        TextView {
            text,
            starts: Vec::new(),
            identity: true,
        }
    }

    /// Makes this an identity view of `text`, reusing the buffer.
    pub fn set_identity(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.starts.clear();
        self.identity = true;
    }

    /// Builds a view from pieces: each fragment's characters, joined; cells separated by a
    /// space, lines and rows by `\n`.
    pub fn from_pieces(pieces: &[Piece]) -> Self {
        let mut view = TextView::default();
        // Sized exactly: grown by doubling, a page of one long paragraph would hold up to
        // twice its characters.
        let (chars, bytes) = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Fragment(f) => Some(f.trimmed_chars()),
                _ => None,
            })
            .flatten()
            .fold((0, 0), |(n, b), c| (n + 1, b + c.ch.len_utf8()));
        view.starts.reserve_exact(chars);
        // Separators: at most one per piece.
        view.text.reserve_exact(bytes + pieces.len());
        let mut at_line_start = true;
        for piece in pieces {
            match piece {
                Piece::Fragment(frag) => {
                    let mut chars = frag.trimmed_chars().peekable();
                    if chars.peek().is_none() {
                        continue;
                    }
                    if !at_line_start {
                        view.push(' ', None);
                    }
                    for c in chars {
                        view.push(c.ch, Some(c.range()));
                    }
                    at_line_start = false;
                }
                Piece::RowEnd | Piece::LineEnd => {
                    if !at_line_start {
                        view.push('\n', None);
                        at_line_start = true;
                    }
                }
            }
        }
        view
    }

    fn push(&mut self, ch: char, range: Option<Range<usize>>) {
        let pos = self.text.len();
        self.text.push(ch);
        if let Some(r) = range {
            self.starts.push(ViewChar {
                pos: clamp_u32(pos),
                start: clamp_u32(r.start),
                end: clamp_u32(r.end),
            });
        }
    }

    /// The position in `text` of the first character that comes from source byte `src` or
    /// later (the inverse of [`TextView::source_range`] for section boundaries and the like).
    pub fn view_offset(&self, src: usize) -> usize {
        if self.identity {
            return src.min(self.text.len());
        }
        let i = self.starts.partition_point(|c| (c.start as usize) < src);
        self.starts
            .get(i)
            .map_or(self.text.len(), |c| c.pos as usize)
    }

    /// Maps a byte range of `text` to the source range it came from. Synthetic separators map
    /// to the nearest real characters.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        if self.identity {
            return range;
        }
        if self.starts.is_empty() {
            return 0..0;
        }
        let first = match self
            .starts
            .binary_search_by_key(&range.start, |c| c.pos as usize)
        {
            Ok(i) => i,
            Err(i) => i.min(self.starts.len() - 1),
        };
        let last_pos = range.end.saturating_sub(1).max(range.start);
        let last = match self
            .starts
            .binary_search_by_key(&last_pos, |c| c.pos as usize)
        {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
        .max(first);
        let start = self.starts[first].start as usize;
        let end = (self.starts[last].end as usize).max(start);
        start..end
    }
}

/// The characters of a fragment without leading and trailing white space.
pub fn trim_chars(chars: &[SrcChar]) -> &[SrcChar] {
    let start = chars
        .iter()
        .position(|c| !c.ch.is_whitespace())
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|c| !c.ch.is_whitespace())
        .map_or(start, |i| i + 1);
    &chars[start..end]
}

/// Splits plain text (or Markdown) into pieces: one fragment per line, or, for a line that is a
/// pipe row (`| a | b |`), one fragment per cell followed by [`Piece::RowEnd`].
///
/// Pipe-only lines (`|`, `||||`) and Markdown separator rows (`|---|---|`) carry no text.
/// Cells of a line that merely ends in `" |"` (one cell per line layouts) are fragments too; the
/// pipes there are noise whose meaning varies from layout to layout, so they are not row ends.
pub fn text_pieces(src: &str, base: usize) -> Vec<Piece> {
    // A fragment and a line end per line in most texts: reserved at once for a report's size,
    // not grown by copies. Capped: blank lines make no pieces (a text of line breaks would
    // reserve for nothing), and a longer text grows by doubling.
    const RESERVED_AT_MOST: usize = 4096;
    let lines = memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1;
    let mut pieces = Vec::with_capacity((2 * lines).min(RESERVED_AT_MOST));
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        // A blank line yields no token (a line end after a line end is dropped by the
        // tokenizer): no pieces for it, so that memory follows the text, not the line count.
        if content.chars().all(char::is_whitespace) {
            if !matches!(pieces.last(), None | Some(Piece::LineEnd)) {
                pieces.push(Piece::LineEnd);
            }
        } else {
            line_pieces(content, base + offset, &mut pieces);
            pieces.push(Piece::LineEnd);
        }
        offset += line.len();
    }
    pieces
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && t.contains('|')
}

fn line_pieces(line: &str, base: usize, out: &mut Vec<Piece>) {
    if !line.contains('|') && !line.contains('｜') {
        out.push(Piece::Fragment(fragment_of(line, base, false)));
        return;
    }
    if is_separator_row(line) {
        return;
    }
    // Cells between pipes, with their offsets (walked twice rather than collected: this
    // runs for every table row).
    let cells = || {
        line.split(['|', '｜'])
            .map(|cell| (cell.as_ptr() as usize - line.as_ptr() as usize, cell))
    };
    let nonempty = |(_, cell): &(usize, &str)| !cell.trim().is_empty();
    let (mut first, mut last, mut count) = (None, 0, 0);
    for (i, _) in cells().enumerate().filter(|(_, c)| nonempty(c)) {
        first.get_or_insert(i);
        last = i;
        count += 1;
    }
    let Some(first) = first else {
        return; // a pipe-only line
    };
    // A pipe row: starts with a pipe and has at least two cells with text. Its interior empty
    // cells are blank values; its leading and trailing empty cells are padding.
    let is_row = line.trim_start().starts_with(['|', '｜']) && count >= 2;
    for (i, (cell_start, cell)) in cells().enumerate() {
        let interior = i > first && i < last;
        if cell.trim().is_empty() && !(is_row && interior) {
            continue;
        }
        out.push(Piece::Fragment(fragment_of(
            cell,
            base + cell_start,
            is_row,
        )));
    }
    if is_row {
        out.push(Piece::RowEnd);
    }
}

fn fragment_of(text: &str, base: usize, cell: bool) -> Fragment {
    let from_start = text.trim_start();
    let lead = text.len() - from_start.len();
    let trimmed = from_start.trim_end();
    let span = if trimmed.is_empty() {
        let mid = base + text.len() / 2;
        // Keep the span on a char boundary: the cell is whitespace, ASCII in practice.
        let mid = if text.is_char_boundary(mid - base) {
            mid
        } else {
            base
        };
        mid..mid
    } else {
        base + lead..base + lead + trimmed.len()
    };
    Fragment {
        text: FragmentText::Source {
            text: text.into(),
            base,
        },
        cell,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Fragment(f) => {
                    let s: String = f.chars().map(|c| c.ch).collect();
                    if f.cell {
                        format!("[{}]", s.trim())
                    } else {
                        s.trim().to_string()
                    }
                }
                Piece::RowEnd => "$".into(),
                Piece::LineEnd => "/".into(),
            })
            .collect()
    }

    #[test]
    fn lines_and_trailing_pipes() {
        let p = text_pieces("规章 |\n0 |\n||\n", 0);
        assert_eq!(texts(&p), ["规章", "/", "0", "/", "/"]);
    }

    #[test]
    fn pipe_row_keeps_interior_blanks_only() {
        let p = text_pieces("| 规章 | 1 |  | 3 |  |\n|---|---|\n", 0);
        assert_eq!(texts(&p), ["[规章]", "[1]", "[]", "[3]", "$", "/", "/"]);
    }

    #[test]
    fn fragment_offsets_point_into_source() {
        let src = "ab\n| 规章 | 12 |\n";
        let p = text_pieces(src, 0);
        let Piece::Fragment(f) = &p[3] else { panic!() };
        assert_eq!(&src[f.span.clone()], "12");
    }

    #[test]
    fn view_maps_back() {
        let src = "| 规章 | 12 |";
        let pieces = text_pieces(src, 100);
        let view = TextView::from_pieces(&pieces);
        assert_eq!(view.text, "规章 12\n");
        let at = view.text.find("12").unwrap();
        assert_eq!(view.source_range(at..at + 2), 100 + 11..100 + 13);
    }
}
