//! Tokens: labels, values, blanks and other text, each with its source range.
//!
//! A fragment is read left to right. At each position a known label is tried first (longest
//! match), so that digits glued to a label (`规章000行政规范性文件6233440`, `40000042.其他…`)
//! are separated from it. A number directly next to text that is not a label (`2024年`,
//! `数据1`, `（其中修订 16 件）`) belongs to that text and is not a value.

use std::ops::Range;

use crate::read::canon::{canonicalize_into, CChar};
use crate::read::labels::{Catalogue, Label};
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
                canonicalize_into(&f.chars, &mut chars);
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
    let span_of = |a: usize, b: usize| chars[a].start..chars[b - 1].end;
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
        let trimmed: String = sig.iter().map(|c| c.orig).collect();
        let kind = if is_placeholder(&trimmed) {
            Some(TokKind::Blank)
        } else if is_page_marker(&trimmed) {
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
                push(out, TokKind::Other, chars[s].start..chars[l].end, in_row);
            }
        }
    };
    while pos < chars.len() {
        let c = chars[pos];
        if c.key.is_none() {
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
        if starts_number(chars, pos) {
            flush_other(&mut other_start, pos, out);
            let end = scan_number(cat, chars, pos);
            let value = Value::new(
                chars[pos..end].iter().map(|c| ValueChar {
                    ch: c.orig,
                    start: c.start,
                    end: c.end,
                }),
                chars[pos].start,
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
    demote_numbers_in_text(&mut out[start_len..]);
    merge_others(out, start_len);
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

/// A number next to unknown text is part of that text: `2024年`, `数据1`, `16 件`.
fn demote_numbers_in_text(tokens: &mut [Token]) {
    let is_other = |t: &Token| matches!(t.kind, TokKind::Other);
    // Whether the token before was text as tokenized, before any demotion.
    let mut prev_other = false;
    for i in 0..tokens.len() {
        let this_other = is_other(&tokens[i]);
        if matches!(tokens[i].kind, TokKind::Value(_))
            && (prev_other || tokens.get(i + 1).is_some_and(is_other))
        {
            tokens[i].kind = TokKind::Other;
        }
        prev_other = this_other;
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
