//! Tokens: labels, values, blanks and other text, each with its source range.
//!
//! A fragment is read left to right. At each position a known label is tried first (longest
//! match), so that digits glued to a label (`规章000行政规范性文件6233440`, `40000042.其他…`)
//! are separated from it. A number directly next to text that is not a label (`2024年`,
//! `数据1`, `（其中修订 16 件）`) belongs to that text and is not a value.

use std::ops::Range;

use crate::canon::{canonicalize_into, CChar};
use crate::labels::{Catalogue, Label};
use crate::text::{Fragment, Piece};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokKind {
    Label {
        entry: u16,
        /// Recognised from a cut or damaged text.
        partial: bool,
    },
    /// Digits as written, possibly with a sign, a decimal point or a unit (`元`).
    Value(Vec<ValueChar>),
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub span: Range<usize>,
    /// The token comes from an explicit table cell (HTML cell, Markdown pipe row).
    pub in_row: bool,
    /// Index of the fragment the token comes from: tokens of different fragments are separated
    /// by a line break, a pipe or a table cell boundary, which a number never crosses.
    pub fragment: u32,
}

impl Token {
    pub fn label(&self) -> Option<Label> {
        match self.kind {
            TokKind::Label { entry, .. } => Some(Catalogue::get().entry(entry).label),
            _ => None,
        }
    }

    pub fn is_value(&self) -> bool {
        matches!(self.kind, TokKind::Value(_) | TokKind::Blank)
    }

    /// The value's text as written (after NFKC), e.g. `88.78248`.
    pub fn value_text(&self) -> Option<String> {
        match &self.kind {
            TokKind::Value(chars) => Some(chars.iter().map(|c| c.ch).collect()),
            _ => None,
        }
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
            Piece::RowEnd => out.push(Token {
                kind: TokKind::RowEnd,
                span: end_of(&out),
                in_row: true,
                fragment: 0,
            }),
            Piece::LineEnd => {
                if !matches!(out.last().map(|t| &t.kind), Some(TokKind::LineEnd) | None) {
                    out.push(Token {
                        kind: TokKind::LineEnd,
                        span: end_of(&out),
                        in_row: false,
                        fragment: 0,
                    })
                }
            }
        }
    }
    out
}

fn end_of(out: &[Token]) -> Range<usize> {
    let e = out.last().map_or(0, |t| t.span.end);
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
            out.push(Token {
                kind: TokKind::Blank,
                span: frag.span.clone(),
                in_row,
                fragment: 0,
            });
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
            out.push(Token {
                kind,
                span: span_of(first, last),
                in_row,
                fragment: 0,
            });
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
                out.push(Token {
                    kind: TokKind::Other,
                    span: chars[s].start..chars[l].end,
                    in_row,
                    fragment: 0,
                });
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
                    .map(|entry| crate::labels::Found {
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
            out.push(Token {
                kind: TokKind::Label {
                    entry: f.entry,
                    partial: f.partial,
                },
                span: span_of(pos, end.max(pos + 1)),
                in_row,
                fragment: 0,
            });
            pos = f.end;
            continue;
        }
        if starts_number(chars, pos) {
            flush_other(&mut other_start, pos, out);
            let end = scan_number(cat, chars, pos);
            let value: Vec<ValueChar> = chars[pos..end]
                .iter()
                .map(|c| ValueChar {
                    ch: c.orig,
                    start: c.start,
                    end: c.end,
                })
                .collect();
            out.push(Token {
                kind: TokKind::Value(value),
                span: span_of(pos, end),
                in_row,
                fragment: 0,
            });
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
            out[kept - 1].span.end = out[i].span.end;
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
    use crate::text::text_pieces;

    /// A compact rendering: labels as `<text>`, values as digits, `_` blank, `~` other text.
    fn render(src: &str) -> String {
        let cat = Catalogue::get();
        tokenize(&text_pieces(src, 0))
            .iter()
            .filter_map(|t| match &t.kind {
                TokKind::Label { entry, .. } => Some(format!("<{}>", cat.entry(*entry).text)),
                TokKind::Value(_) => Some(src[t.span.clone()].to_string()),
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
}
