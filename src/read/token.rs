//! Tokens: labels, values, blanks and other text, each with its source range.
//!
//! A fragment is read left to right. At each position a known label is tried first (longest
//! match), so that digits glued to a label (`规章000行政规范性文件6233440`, `40000042.其他…`)
//! are separated from it. A number directly next to text that is not a label (`2024年`,
//! `数据1`, `（其中修订 16 件）`) belongs to that text and is not a value.

use std::ops::Range;

use crate::read::canon::{canonicalize_into, CChar};
use crate::read::labels::{Catalogue, Found, Label};
use crate::read::text::{Fragment, Piece};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokKind {
    Label {
        entry: u16,
        /// Recognised from a cut or damaged text.
        partial: bool,
    },
    /// Digits as written, possibly with a sign, a decimal point or a unit (`元`).
    Value(Value),
    /// An empty table cell or a placeholder (`/`, `-`, `—`, `无`).
    Blank,
    /// Text that is not a label.
    Other,
    /// A page number line (`- 2 -`, `— 5 —`) inside extracted PDF text.
    PageMarker,
    RowEnd,
    LineEnd,
}

/// One character of a value with its source range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueChar {
    pub ch: char,
    pub start: usize,
    pub end: usize,
}

/// The characters of a value. Almost every value is a few characters written as themselves
/// (`1234`, `18651.06`, `251000元`): those are kept inline as one byte each, their source
/// ranges implied by the token's start, so that a value costs no allocation (a document
/// holds hundreds of thousands). Others (full-width digits, HTML entities, long digit runs)
/// keep each character's range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value(Repr);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Repr {
    /// Characters as codes ([`code_of`]), each spanning its UTF-8 length in the source, one
    /// after the other from the token's start.
    Short { len: u8, codes: [u8; SHORT] },
    /// Boxed twice so that the token stays small: the pointer is thin.
    #[allow(clippy::box_collection)]
    Long(Box<Vec<ValueChar>>),
}

/// Inline capacity of a value, in characters: `Repr` is then 16 bytes, as large as `Long`.
const SHORT: usize = 14;

/// The one-byte code of a value character written as itself: ASCII as is, and the units.
fn code_of(ch: char) -> Option<u8> {
    match ch {
        c if c.is_ascii() => Some(c as u8),
        '元' => Some(0x80),
        '万' => Some(0x81),
        _ => None,
    }
}

fn char_of(code: u8) -> char {
    match code {
        0x80 => '元',
        0x81 => '万',
        c => c as char,
    }
}

impl Value {
    /// The value of characters `chars`, which start at source byte `start`.
    fn new(chars: impl ExactSizeIterator<Item = ValueChar> + Clone, start: usize) -> Self {
        let mut codes = [0u8; SHORT];
        let mut at = start;
        let mut short = chars.len() <= SHORT;
        for (i, c) in chars.clone().enumerate() {
            if !short {
                break;
            }
            match code_of(c.ch) {
                Some(code) if c.start == at && c.end == at + c.ch.len_utf8() => {
                    codes[i] = code;
                    at = c.end;
                }
                _ => short = false,
            }
        }
        if short {
            Value(Repr::Short {
                len: chars.len() as u8,
                codes,
            })
        } else {
            Value(Repr::Long(Box::new(chars.collect())))
        }
    }

    /// The number of characters.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Short { len, .. } => *len as usize,
            Repr::Long(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The characters with their source ranges, for a value token starting at byte `start`.
    pub fn chars(&self, start: usize) -> impl Iterator<Item = ValueChar> + '_ {
        let (short, long) = match &self.0 {
            Repr::Short { len, codes } => (&codes[..*len as usize], &[][..]),
            Repr::Long(v) => (&[][..], &v[..]),
        };
        let mut at = start;
        let short = short.iter().map(move |&code| {
            let ch = char_of(code);
            let c = ValueChar {
                ch,
                start: at,
                end: at + ch.len_utf8(),
            };
            at = c.end;
            c
        });
        short.chain(long.iter().copied())
    }

    /// Whether two values are the same characters at the same places relative to their
    /// tokens' starts (`a_start`, `b_start`).
    pub fn same_shifted(&self, a_start: usize, other: &Value, b_start: usize) -> bool {
        match (&self.0, &other.0) {
            (Repr::Short { .. }, Repr::Short { .. }) => self == other,
            (Repr::Long(x), Repr::Long(y)) => {
                let rel = |p: usize, base: usize| p as i64 - base as i64;
                x.len() == y.len()
                    && x.iter().zip(y.iter()).all(|(p, q)| {
                        p.ch == q.ch
                            && rel(p.start, a_start) == rel(q.start, b_start)
                            && rel(p.end, a_start) == rel(q.end, b_start)
                    })
            }
            // A value is short whenever it can be: the same characters have the same form.
            _ => false,
        }
    }

    /// Moves the characters' source ranges by `d` bytes (with the token).
    pub fn shift(&mut self, d: isize) {
        if let Repr::Long(v) = &mut self.0 {
            for c in v.iter_mut() {
                c.start = c.start.wrapping_add_signed(d);
                c.end = c.end.wrapping_add_signed(d);
            }
        }
    }
}

/// A token: 32 bytes, positions as `u32` (a source longer than 4 GiB yields no tokens past
/// that point; see [`tokenize`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    start: u32,
    end: u32,
    /// Index of the fragment the token comes from: tokens of different fragments are separated
    /// by a line break, a pipe or a table cell boundary, which a number never crosses.
    pub fragment: u32,
    /// The token comes from an explicit table cell (HTML cell, Markdown pipe row).
    pub in_row: bool,
}

impl Token {
    /// A token, or `None` when the span does not fit in `u32`.
    pub fn new(kind: TokKind, span: Range<usize>, in_row: bool, fragment: u32) -> Option<Self> {
        Some(Token {
            kind,
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            fragment,
            in_row,
        })
    }

    /// The source range.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Moves the token (and its value's characters) by `d` bytes; `false`, leaving it
    /// unchanged, when it would not fit in `u32`.
    pub fn shift(&mut self, d: isize) -> bool {
        let mv = |p: u32| u32::try_from((p as usize).checked_add_signed(d)?).ok();
        let (Some(start), Some(end)) = (mv(self.start), mv(self.end)) else {
            return false;
        };
        (self.start, self.end) = (start, end);
        if let TokKind::Value(v) = &mut self.kind {
            v.shift(d);
        }
        true
    }

    /// Sets an empty span at `p` (row and line ends); `false` when `p` does not fit in `u32`.
    pub fn set_empty_at(&mut self, p: usize) -> bool {
        match u32::try_from(p) {
            Ok(p) => {
                (self.start, self.end) = (p, p);
                true
            }
            Err(_) => false,
        }
    }

    pub fn label(&self) -> Option<Label> {
        match self.kind {
            TokKind::Label { entry, .. } => Some(Catalogue::get().entry(entry).label),
            _ => None,
        }
    }

    pub fn is_value(&self) -> bool {
        matches!(self.kind, TokKind::Value(_) | TokKind::Blank)
    }

    /// The value's characters with their source ranges.
    pub fn value_chars(&self) -> Option<impl Iterator<Item = ValueChar> + '_> {
        match &self.kind {
            TokKind::Value(v) => Some(v.chars(self.start as usize)),
            _ => None,
        }
    }

    /// The value's text as written (after NFKC), e.g. `88.78248`.
    pub fn value_text(&self) -> Option<String> {
        self.value_chars().map(|cs| cs.map(|c| c.ch).collect())
    }
}

/// Tokenizes pieces into one stream.
pub fn tokenize(pieces: &[Piece]) -> Vec<Token> {
    let cat = Catalogue::get();
    // About one token per piece: reserved at once rather than grown by copies.
    let mut out = Vec::with_capacity(pieces.len());
    let mut fragment = 0u32;
    // One buffer for the canonical characters of every fragment.
    let mut chars = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Fragment(f) => {
                let first = out.len();
                canonicalize_into(f, &mut chars);
                tokenize_fragment(cat, f, &chars, &mut out);
                for t in &mut out[first..] {
                    t.fragment = fragment;
                }
                fragment += 1;
            }
            Piece::RowEnd => {
                let at = end_of(&out);
                push(&mut out, TokKind::RowEnd, at, true)
            }
            Piece::LineEnd => {
                if !matches!(out.last().map(|t| &t.kind), Some(TokKind::LineEnd) | None) {
                    let at = end_of(&out);
                    push(&mut out, TokKind::LineEnd, at, false)
                }
            }
        }
    }
    out
}

/// Adds a token unless its span does not fit in `u32` (a source beyond 4 GiB).
fn push(out: &mut Vec<Token>, kind: TokKind, span: Range<usize>, in_row: bool) {
    if let Some(t) = Token::new(kind, span, in_row, 0) {
        out.push(t);
    }
}

fn end_of(out: &[Token]) -> Range<usize> {
    let e = out.last().map_or(0, |t| t.span().end);
    e..e
}

fn is_placeholder(text: &str) -> bool {
    matches!(
        text,
        "/" | "／" | "-" | "－" | "—" | "——" | "–" | "无" | "\\" | "--" | "—-"
    )
}

/// The text of at most two characters, written into `buf`.
fn short_text<'a>(chars: &[CChar], buf: &'a mut [u8; 8]) -> &'a str {
    debug_assert!(chars.len() <= 2);
    let mut n = 0;
    for c in chars.iter().take(2) {
        n += c.orig.encode_utf8(&mut buf[n..]).len();
    }
    std::str::from_utf8(&buf[..n]).unwrap_or_default()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－')
}

fn is_page_marker(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let dash = is_dash;
    let inner = t.trim_start_matches(dash).trim_end_matches(dash);
    inner.len() < t.len()
        && t.starts_with(dash)
        && t.ends_with(dash)
        && !inner.is_empty()
        && inner.len() <= 3
        && inner.chars().all(|c| c.is_ascii_digit())
}

fn tokenize_fragment(cat: &Catalogue, frag: &Fragment, chars: &[CChar], out: &mut Vec<Token>) {
    let in_row = frag.cell;
    let span_of = |a: usize, b: usize| chars[a].start as usize..chars[b - 1].end as usize;
    let first = chars.iter().position(|c| !c.is_space());
    let Some(first) = first else {
        if frag.cell {
            push(out, TokKind::Blank, frag.span.clone(), in_row);
        }
        return;
    };
    let last = chars.iter().rposition(|c| !c.is_space()).unwrap_or(first) + 1;
    // Placeholders have at most two characters and page markers start and end with a dash:
    // only such fragments need their text as a string.
    let sig = &chars[first..last];
    if sig.len() <= 2 || (is_dash(sig[0].orig) && is_dash(sig[sig.len() - 1].orig)) {
        // Two characters (most table values) are written on the stack, not in a `String`.
        let mut short = [0u8; 8];
        let mut long = String::new();
        let trimmed: &str = if sig.len() <= 2 {
            short_text(sig, &mut short)
        } else {
            long.extend(sig.iter().map(|c| c.orig));
            &long
        };
        let kind = if is_placeholder(trimmed) {
            Some(TokKind::Blank)
        } else if is_page_marker(trimmed) {
            Some(TokKind::PageMarker)
        } else {
            None
        };
        if let Some(kind) = kind {
            push(out, kind, span_of(first, last), in_row);
            return;
        }
    }

    let start_len = out.len();
    let mut pos = first;
    let mut whole = true;
    let mut other_start: Option<usize> = None;
    let flush_other = |other_start: &mut Option<usize>, end: usize, out: &mut Vec<Token>| {
        if let Some(s) = other_start.take() {
            let last_sig = (s..end).rev().find(|&i| !chars[i].is_space());
            if let Some(l) = last_sig {
                push(
                    out,
                    TokKind::Other,
                    chars[s].start as usize..chars[l].end as usize,
                    in_row,
                );
            }
        }
    };
    while pos < chars.len() {
        let c = chars[pos];
        if c.key().is_none() {
            pos += 1;
            continue;
        }
        let found = cat.match_at(chars, pos, whole).or_else(|| {
            if whole {
                cat.similar_row(&chars[pos..])
                    .map(|entry| crate::read::labels::Found {
                        entry,
                        end: chars.len(),
                        partial: true,
                    })
            } else {
                None
            }
        });
        let found = found.or_else(|| heading_at(cat, chars, pos, whole));
        let found = found.or_else(|| doubled_ordinal(cat, chars, pos));
        whole = false;
        if let Some(f) = found {
            flush_other(&mut other_start, pos, out);
            let end = (pos..f.end)
                .rev()
                .find(|&i| !chars[i].is_space())
                .map_or(f.end, |i| i + 1);
            let kind = TokKind::Label {
                entry: f.entry,
                partial: f.partial,
            };
            push(out, kind, span_of(pos, end.max(pos + 1)), in_row);
            pos = f.end;
            continue;
        }
        if other_start.is_none() {
            if let Some(end) =
                spaced_placeholder(chars, pos, out.get(start_len..).and_then(<[Token]>::last))
            {
                push(out, TokKind::Blank, span_of(pos, end), in_row);
                pos = end;
                continue;
            }
        }
        if starts_number(chars, pos) {
            flush_other(&mut other_start, pos, out);
            let end = scan_number(cat, chars, pos);
            let value = Value::new(
                chars[pos..end].iter().map(|c| ValueChar {
                    ch: c.orig,
                    start: c.start as usize,
                    end: c.end as usize,
                }),
                chars[pos].start as usize,
            );
            push(out, TokKind::Value(value), span_of(pos, end), in_row);
            pos = end;
            continue;
        }
        if other_start.is_none() {
            other_start = Some(pos);
        }
        pos += 1;
    }
    flush_other(&mut other_start, chars.len(), out);
    demote_numbers_in_text(&mut out[start_len..], chars);
    merge_others(out, start_len);
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// An ordinal heading recognised by its meaning ([`Catalogue::heading_by_meaning`]) at `pos`,
/// where a heading can start: the fragment's start (a line, a cell), or in text run together
/// on one line, right after a table's last value or a sentence's end.
fn heading_at(cat: &Catalogue, chars: &[CChar], pos: usize, whole: bool) -> Option<Found> {
    if !is_numeral(chars[pos].orig) {
        return None;
    }
    let prev = chars[..pos].iter().rev().find(|c| c.key().is_some());
    let at_start = whole
        || prev.is_some_and(|c| {
            c.orig.is_ascii_digit()
                || matches!(
                    c.orig,
                    '。' | '!' | '?' | ';' | ')' | '”' | '」' | '元' | '/' | '—' | '-'
                )
        });
    if !at_start {
        return None;
    }
    cat.heading_by_meaning(chars, pos)
}

/// A label written with its ordinal doubled (`三三、本年度办理结果`, a slip of editing): the
/// label, starting at the first copy, marked partial so that the slip is reported.
fn doubled_ordinal(cat: &Catalogue, chars: &[CChar], pos: usize) -> Option<Found> {
    let c = chars[pos].orig;
    if !is_numeral(c) {
        return None;
    }
    let next = (pos + 1..chars.len()).find(|&i| chars[i].key().is_some())?;
    if chars[next].orig != c {
        return None;
    }
    let f = cat.match_at(chars, next, false)?;
    cat.entry(f.entry)
        .text
        .starts_with(c)
        .then_some(Found { partial: true, ..f })
}

/// A blank marker (`/`, `-`, `—`, `无`) standing alone between white space in a row of values
/// separated by white space (`…0\t/\t15`): a blank cell. Its end, when it is one: after a
/// value or a label, and followed by a value, another marker or the fragment's end.
fn spaced_placeholder(chars: &[CChar], pos: usize, prev: Option<&Token>) -> Option<usize> {
    if !prev.is_some_and(|t| {
        matches!(
            t.kind,
            TokKind::Value(_) | TokKind::Blank | TokKind::Label { .. }
        )
    }) {
        return None;
    }
    if !chars[..pos].last().is_some_and(CChar::is_space) {
        return None;
    }
    let end = (pos..chars.len().min(pos + 3))
        .find(|&i| chars[i].is_space())
        .unwrap_or(chars.len());
    if end - pos > 2 {
        return None;
    }
    let mut short = [0u8; 8];
    if !is_placeholder(short_text(&chars[pos..end], &mut short)) {
        return None;
    }
    let next = chars[end..].iter().find(|c| !c.is_space());
    match next {
        None => Some(end),
        Some(c) if c.orig.is_ascii_digit() => Some(end),
        Some(c) if is_dash(c.orig) || matches!(c.orig, '/' | '无') => Some(end),
        _ => None,
    }
}

fn starts_number(chars: &[CChar], pos: usize) -> bool {
    let c = chars[pos].orig;
    c.is_ascii_digit()
        || (matches!(c, '-' | '+') && chars.get(pos + 1).is_some_and(|n| n.orig.is_ascii_digit()))
}

/// The end of the number starting at `pos`: digits and one decimal point, stopping before a
/// label that starts with a digit (`…0000003.其他` ends the run before `3.其他`), and taking a
/// glued unit (`251000元`).
fn scan_number(cat: &Catalogue, chars: &[CChar], pos: usize) -> usize {
    let mut i = pos + 1;
    let mut seen_point = false;
    while i < chars.len() {
        let c = chars[i].orig;
        if c.is_ascii_digit() {
            if cat.match_at(chars, i, false).is_some() {
                break;
            }
            i += 1;
        } else if c == '.'
            && !seen_point
            && chars.get(i + 1).is_some_and(|n| n.orig.is_ascii_digit())
            && cat.match_at(chars, i - 1, false).is_none()
        {
            seen_point = true;
            i += 1;
        } else {
            break;
        }
    }
    if chars.get(i).is_some_and(|c| c.orig == '元') {
        i += 1;
    } else if chars.get(i).is_some_and(|c| c.orig == '万')
        && chars.get(i + 1).is_some_and(|c| c.orig == '元')
    {
        i += 2;
    }
    i
}

/// A number next to unknown text is part of that text: `2024年`, `数据1`, `16 件`. Not a
/// table's last value that narrative follows after a space, opening with a sub-heading
/// (`行政事业性收费18651.06 （二）主动公开…`): the narrative starts there.
fn demote_numbers_in_text(tokens: &mut [Token], chars: &[CChar]) {
    let is_other = |t: &Token| matches!(t.kind, TokKind::Other);
    // Whether the token before was text as tokenized, before any demotion.
    let mut prev_other = false;
    for i in 0..tokens.len() {
        let this_other = is_other(&tokens[i]);
        let next_other = tokens.get(i + 1).is_some_and(is_other);
        if matches!(tokens[i].kind, TokKind::Value(_))
            && (prev_other || (next_other && !narrative_follows(&tokens[i], &tokens[i + 1], chars)))
        {
            tokens[i].kind = TokKind::Other;
        }
        prev_other = this_other;
    }
}

/// Whether text token `next` is narrative after value `value`: apart by white space, opening
/// with a sub-heading's enumerator (`（二）`, `(2)`, `二、`).
fn narrative_follows(value: &Token, next: &Token, chars: &[CChar]) -> bool {
    let from = chars.partition_point(|c| (c.start as usize) < value.span().end);
    let to = chars.partition_point(|c| (c.start as usize) < next.span().start);
    if from >= to || !chars[from..to].iter().all(CChar::is_space) {
        return false;
    }
    let head: Vec<char> = chars[to..]
        .iter()
        .filter(|c| !c.is_space())
        .take(4)
        .map(|c| c.orig)
        .collect();
    let numeral = |c: char| is_numeral(c) || c.is_ascii_digit();
    match head.as_slice() {
        ['(', n, ')', ..] => numeral(*n),
        [n, '、', ..] => is_numeral(*n),
        _ => false,
    }
}

/// Joins adjacent text tokens of `out[from..]`, in place.
fn merge_others(out: &mut Vec<Token>, from: usize) {
    let mut kept = from;
    for i in from..out.len() {
        if kept > from && out[kept - 1].kind == TokKind::Other && out[i].kind == TokKind::Other {
            out[kept - 1].end = out[i].end;
            continue;
        }
        out.swap(kept, i);
        kept += 1;
    }
    out.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::text_pieces;

    /// A compact rendering: labels as `<text>`, values as digits, `_` blank, `~` other text.
    fn render(src: &str) -> String {
        let cat = Catalogue::get();
        tokenize(&text_pieces(src, 0))
            .iter()
            .filter_map(|t| match &t.kind {
                TokKind::Label { entry, .. } => Some(format!("<{}>", cat.entry(*entry).text)),
                TokKind::Value(_) => Some(src[t.span()].to_string()),
                TokKind::Blank => Some("_".into()),
                TokKind::Other => Some("~".into()),
                TokKind::PageMarker => Some("#".into()),
                TokKind::RowEnd => Some("$".into()),
                TokKind::LineEnd => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn concatenated_digits_split_from_labels() {
        assert_eq!(
            render("规章000行政规范性文件6233440第二十条第（五）项"),
            "<规章> 000 <行政规范性文件> 6233440 <第二十条第（五）项>"
        );
        assert_eq!(
            render("1.属于国家秘密40000042.其他法律行政法规禁止公开0000000"),
            "<1.属于国家秘密> 4000004 <2.其他法律行政法规禁止公开> 0000000"
        );
    }

    #[test]
    fn fee_and_signed_values() {
        assert_eq!(
            render("行政事业性收费18651.06三、收到和处理政府信息公开申请情况"),
            "<行政事业性收费> 18651.06 <三、收到和处理政府信息公开申请情况>"
        );
        assert_eq!(render("行政处罚2648-18538"), "<行政处罚> 2648 -18538");
    }

    #[test]
    fn numbers_in_running_text_are_not_values() {
        assert_eq!(render("2024 年，全年收到申请 34 件"), "~");
        assert_eq!(render("（其中修订 16 件）"), "~");
        assert_eq!(render("| 类别 | 数据1 | 总计 |"), "~ ~ <总计> $");
        assert_eq!(render("行政复议7件"), "<行政复议> ~");
    }

    #[test]
    fn cells_blanks_and_page_markers() {
        assert_eq!(render("| 规章 | 1 |  | 3 |"), "<规章> 1 _ 3 $");
        assert_eq!(render("- 3 -\n— 5 —"), "# #");
        assert_eq!(render("/"), "_");
    }

    #[test]
    fn wrapped_and_damaged_labels() {
        assert_eq!(
            render("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）"),
            "<（二）部分公开（区分处理的，只计这一情形，不计其他情形）> ~ <其他> ~"
        );
        assert_eq!(
            render("2.其他法律行政止公开"),
            "<2.其他法律行政法规禁止公开>"
        );
    }

    #[test]
    fn headings_by_meaning_after_a_table_or_a_sentence() {
        // After a table's last value, in text run together on one line.
        assert_eq!(
            render("尚未审结总计000000000000000五、存在的主要问题及明年工作计划2024年，本机关"),
            "<尚未审结> <总计> 000000000000000 <五、存在的主要问题及改进情况> ~"
        );
        // 与 for 、: the catalogued heading, read.
        assert_eq!(
            render("四、结转下年度继续办理0000000四、政府信息公开行政复议与行政诉讼情况行政复议"),
            "<四、结转下年度继续办理> 0000000 <四、政府信息公开行政复议、行政诉讼情况> <行政复议>"
        );
        // An ordinal heading of no known section ends a table all the same.
        assert_eq!(
            render("总计000000000000000五、信息处理费收取情况通知收取件数"),
            "<总计> 000000000000000 <五、> ~"
        );
        // Mid-sentence: not a heading. With the wrong numeral for its meaning: not that
        // section, only an ordinal heading (where a table ends).
        assert_eq!(render("本机关将其中五、存在的问题列入台账"), "~");
        assert_eq!(render("三、主动公开工作情况"), "<三、>");
    }

    #[test]
    fn doubled_ordinals_and_blank_markers_between_spaces() {
        assert_eq!(
            render("0000000三三、本年度办理结果"),
            "0000000 <三、本年度办理结果>"
        );
        assert_eq!(
            render("3.要求提供公开出版物\t15\t0\t0\t0\t0\t/\t15"),
            "<3.要求提供公开出版物> 15 0 0 0 0 _ 15"
        );
        assert_eq!(render("行政许可 — 5"), "<行政许可> _ 5");
        // A dash that is a sign, and a slash in text, are not blanks.
        assert_eq!(render("行政处罚 -5"), "<行政处罚> -5");
        assert_eq!(render("本年 / 上年"), "~");
    }

    #[test]
    fn a_last_value_before_a_sub_heading_is_kept() {
        assert_eq!(
            render("行政事业性收费18651.06 （二）主动公开政府信息的主要类别"),
            "<行政事业性收费> 18651.06 ~"
        );
        // Without the space, or before a unit, the number is part of the text.
        assert_eq!(render("行政复议 7 件"), "<行政复议> ~");
    }

    #[test]
    fn money_with_unit() {
        assert_eq!(
            render("政府集中采购\n6\n251000元"),
            "<政府集中采购> 6 251000元"
        );
    }

    /// Each value token's characters, with their source text.
    fn values(src: &str) -> Vec<(String, Vec<&str>)> {
        tokenize(&text_pieces(src, 0))
            .iter()
            .filter_map(|t| {
                let chars: Vec<ValueChar> = t.value_chars()?.collect();
                let text = chars.iter().map(|c| c.ch).collect();
                Some((text, chars.iter().map(|c| &src[c.start..c.end]).collect()))
            })
            .collect()
    }

    #[test]
    fn value_characters_keep_their_ranges() {
        // Inline: ASCII and the units, one after the other.
        assert_eq!(
            values("| 规章 | 2510元 | 1.5 |"),
            [
                ("2510元".to_string(), vec!["2", "5", "1", "0", "元"]),
                ("1.5".to_string(), vec!["1", ".", "5"]),
            ]
        );
        // Full-width digits are read after NFKC, each from its three source bytes.
        assert_eq!(values("规章１２"), [("12".to_string(), vec!["１", "２"])]);
        // A run longer than the inline capacity.
        let run = "1234567890123456789";
        assert_eq!(values(&format!("规章{run}"))[0].0, run);
        assert_eq!(values(&format!("规章{run}"))[0].1.concat(), run);
    }

    #[test]
    fn tokens_stay_small() {
        assert_eq!(std::mem::size_of::<Token>(), 32);
    }

    #[test]
    fn value_shift_compares_relative_ranges() {
        let long = |src: &str| {
            let t = tokenize(&text_pieces(src, 0)).remove(1);
            let TokKind::Value(v) = &t.kind else { panic!() };
            (v.clone(), t.span().start)
        };
        let (a, sa) = long("规章１２");
        let (b, sb) = long(" 规章１２");
        let (c, sc) = long("规章１３");
        assert!(a.same_shifted(sa, &b, sb));
        assert!(!a.same_shifted(sa, &b, sb + 1));
        assert!(!a.same_shifted(sa, &c, sc));
        let mut moved = a.clone();
        moved.shift(1);
        assert!(moved.same_shifted(sa + 1, &b, sb));
    }
}
