//! Citation rules (C): 发文字号 and 国务院令 numbers, the known documents of spec §6, and book
//! titles (spec §2.4, §2.5, §7.6). One file per rule; one line per rule below.
//!
//! Rules search [`Context::text`] and work on view ranges; [`edit`] maps them back to the source
//! and refuses any edit whose source bytes differ from the text (HTML markup or entities).

use std::ops::Range;

use super::prelude::*;
use crate::rules::blocks::{BlockAnalysis, Shift};

pub(crate) mod c01_docno_brackets;
mod c02_docno_format;
mod c03_known_doc_mismatch;
mod c04_order_number;
mod c05_nested_title_marks;
mod c06_official_title_text;

pub const RULES: &[Rule] = &[
    c01_docno_brackets::RULE,
    c02_docno_format::RULE,
    c03_known_doc_mismatch::RULE,
    c04_order_number::RULE,
    c05_nested_title_marks::RULE,
    c06_official_title_text::RULE,
];

/// An edit replacing `view` (a range of [`Context::text`]) by `new_text`; `None` unless the
/// source bytes there are exactly the view's text, so a fix never cuts through HTML.
pub(crate) fn edit(ctx: &Context, view: Range<usize>, new_text: &str) -> Option<Edit> {
    let text = ctx.text().get(view.clone())?;
    let range = ctx.source_range(view);
    (ctx.src.get(range.clone()) == Some(text)).then(|| Edit {
        range,
        new_text: new_text.to_string(),
    })
}

/// Replacements inside a span of [`Context::text`]: the text before and after (for "A → B"
/// messages) and the fix's edits, `None` when one of them cannot be made in the source.
pub(crate) struct Rewrite {
    pub before: String,
    pub after: String,
    pub edits: Option<Vec<Edit>>,
}

/// Applies `parts` (disjoint view ranges inside `span`, in order, with their new text).
pub(crate) fn rewrite(
    ctx: &Context,
    span: Range<usize>,
    parts: &[(Range<usize>, String)],
) -> Rewrite {
    let text = ctx.text();
    let mut after = String::new();
    let mut at = span.start;
    for (r, new) in parts {
        after.push_str(&text[at..r.start]);
        after.push_str(new);
        at = r.end;
    }
    after.push_str(&text[at..span.end]);
    Rewrite {
        before: text[span].to_string(),
        after,
        edits: parts
            .iter()
            .map(|(r, new)| edit(ctx, r.clone(), new))
            .collect(),
    }
}

impl Rewrite {
    /// The fix, when every edit can be made.
    pub fn fix(self, applicability: Applicability, zh: String, en: String) -> Option<Fix> {
        Some(Fix {
            applicability,
            title: Message::new(zh, en),
            edits: self.edits?,
        })
    }
}

/// Opening and closing brackets people put around the year of a 发文字号, 〔〕 first.
const OPEN: &str = "〔[［(（【<＜{｛〈〖";
const CLOSE: &str = "〕]］)）】>＞}｝〉〗";

/// A candidate 发文字号 of a 文件 (`国办函〔2020〕109号`), as view ranges. Brackets, 第 and 号
/// are optional so that the rules can report their absence; white space between the parts
/// (PDF text) is allowed and never reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocNo {
    /// From the issuer code to the 号 (or the number's last digit).
    pub span: Range<usize>,
    pub code: Range<usize>,
    pub open: Option<Range<usize>>,
    pub year: Range<usize>,
    pub close: Option<Range<usize>>,
    pub di: Option<Range<usize>>,
    pub no: Range<usize>,
    pub hao: Option<Range<usize>>,
}

impl DocNo {
    /// Moves every range `by` bytes on (from a block's coordinates to the text's).
    pub fn shift(&mut self, by: usize) {
        let s = |r: &mut Range<usize>| *r = crate::rules::blocks::shifted(r, by);
        for r in [&mut self.span, &mut self.code, &mut self.year, &mut self.no] {
            s(r);
        }
        for r in [&mut self.open, &mut self.close, &mut self.di, &mut self.hao]
            .into_iter()
            .flatten()
        {
            s(r);
        }
    }

    /// Whether the open and close brackets are a matching 〔〕 pair.
    pub fn brackets_ok(&self, text: &str) -> bool {
        let get = |r: &Option<Range<usize>>| r.as_ref().map(|r| &text[r.clone()]);
        get(&self.open) == Some("〔") && get(&self.close) == Some("〕")
    }

    /// Issuer code, year and number as integers, for comparing with known documents.
    pub fn key<'t>(&self, text: &'t str) -> (&'t str, u32, u32) {
        (
            &text[self.code.clone()],
            text[self.year.clone()].parse().unwrap_or(0),
            text[self.no.clone()].parse().unwrap_or(0),
        )
    }
}

/// Characters that end the words before an issuer code ("根据国办发…", "按照国办函…"): the code
/// starts after the last of them. Issuer codes never contain them.
const NOT_IN_CODE: &str = "的据照及和与或见按在由对为于将";

/// The characters of `\p{Han}` (Unicode script Han) as the regex crate has them; a test
/// checks every code point against the regex.
const HAN: &[(char, char)] = &[
    ('\u{2E80}', '\u{2E99}'),
    ('\u{2E9B}', '\u{2EF3}'),
    ('\u{2F00}', '\u{2FD5}'),
    ('\u{3005}', '\u{3005}'),
    ('\u{3007}', '\u{3007}'),
    ('\u{3021}', '\u{3029}'),
    ('\u{3038}', '\u{303B}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FA6D}'),
    ('\u{FA70}', '\u{FAD9}'),
    ('\u{16FE2}', '\u{16FE3}'),
    ('\u{16FF0}', '\u{16FF1}'),
    ('\u{20000}', '\u{2A6DF}'),
    ('\u{2A700}', '\u{2B739}'),
    ('\u{2B740}', '\u{2B81D}'),
    ('\u{2B820}', '\u{2CEA1}'),
    ('\u{2CEB0}', '\u{2EBE0}'),
    ('\u{2EBF0}', '\u{2EE5D}'),
    ('\u{2F800}', '\u{2FA1D}'),
    ('\u{30000}', '\u{3134A}'),
    ('\u{31350}', '\u{323AF}'),
];

/// Whether `c` is in `\p{Han}`.
fn is_han_script(c: char) -> bool {
    // Most characters in a report are ASCII or in the main CJK block: answer those first.
    if c < '\u{2E80}' {
        return false;
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    HAN.binary_search_by(|&(lo, hi)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// The parts of a candidate 发文字号 before the checks of [`docno`], as byte ranges.
#[derive(Debug, PartialEq, Eq)]
struct DocNoParts {
    code: Range<usize>,
    s0: Range<usize>,
    open: Option<Range<usize>>,
    year: Range<usize>,
    close: Option<Range<usize>>,
    di: Option<Range<usize>>,
    no: Range<usize>,
    hao: Option<Range<usize>>,
    end: usize,
}

/// Every candidate 发文字号 of a 文件 in `text`. A candidate needs brackets on at least one
/// side of the year, and unless they are 〔〕, a 4-digit year and 号; without brackets, only an
/// issuer code ending in 函/发/字 directly followed by a year and 号 counts (a scraper that
/// dropped 〔〕).
pub(crate) fn doc_numbers(text: &str) -> Vec<DocNo> {
    doc_number_parts(text)
        .iter()
        .filter_map(|p| docno(text, p))
        .collect()
}

/// The matches, in order, of
/// `(?P<code>\p{Han}{2,12})(?P<s0>\s*)(?P<open>[OPEN])?\s*(?P<year>[0-9]{2,4})\s*(?P<close>[CLOSE])?\s*(?P<di>第)?\s*(?P<no>[0-9]+)(?:\s*(?P<hao>号))?`.
/// A code always runs to the end of its run of Han characters (what follows it is never Han),
/// so each run is tried once, with its last twelve characters.
fn doc_number_parts(text: &str) -> Vec<DocNoParts> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = text
        .get(at..)
        .and_then(|t| t.find(is_han_script))
        .map(|i| at + i)
    {
        let end = text[start..]
            .find(|c: char| !is_han_script(c))
            .map_or(text.len(), |i| start + i);
        match doc_number_tail(text, start, end) {
            Some(parts) => {
                at = parts.end;
                out.push(parts);
            }
            None => at = end,
        }
    }
    out
}

/// White space from `at`: its end.
fn skip_ws(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start().len()
}

/// The ASCII digits from `at`: their end.
fn skip_digits(text: &str, at: usize) -> usize {
    at + text.as_bytes()[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// The character at `at` if it is one of `set`, as a range.
fn one_of(text: &str, at: usize, set: &str) -> Option<Range<usize>> {
    let c = text[at..].chars().next().filter(|&c| set.contains(c))?;
    Some(at..at + c.len_utf8())
}

/// The rest of a 发文字号 after the Han run `start..end`.
fn doc_number_tail(text: &str, start: usize, end: usize) -> Option<DocNoParts> {
    // The digits first: most runs are followed by none, and then the run is not counted.
    let s0 = end..skip_ws(text, end);
    let open = one_of(text, s0.end, OPEN);
    let year_start = skip_ws(text, open.as_ref().map_or(s0.end, |r| r.end));
    let digits = skip_digits(text, year_start) - year_start;
    if digits < 2 {
        return None;
    }
    let run = &text[start..end];
    // Two characters at least.
    run.chars().nth(1)?;
    // The last twelve characters (or all).
    let code_start = start
        + run
            .char_indices()
            .rev()
            .take(12)
            .last()
            .map_or(0, |(i, _)| i);
    // The year takes up to four digits; what follows the run must then lead to the number,
    // else the year gives its last digit to the number.
    let after_year = |year_end: usize| {
        if year_end < year_start + digits {
            return Some((None, None, year_end));
        }
        let close = one_of(text, skip_ws(text, year_end), CLOSE);
        let after_close = skip_ws(text, close.as_ref().map_or(year_end, |r| r.end));
        let di = one_of(text, after_close, "第");
        let no_start = skip_ws(text, di.as_ref().map_or(after_close, |r| r.end));
        (skip_digits(text, no_start) > no_start).then_some((close, di, no_start))
    };
    let (year_end, (close, di, no_start)) = [digits.min(4), digits - 1]
        .into_iter()
        .filter(|&n| n >= 2)
        .find_map(|n| Some((year_start + n, after_year(year_start + n)?)))?;
    let no = no_start..skip_digits(text, no_start);
    let hao = one_of(text, skip_ws(text, no.end), "号");
    Some(DocNoParts {
        code: code_start..end,
        s0,
        open,
        year: year_start..year_end,
        close,
        di,
        no: no.clone(),
        end: hao.as_ref().map_or(no.end, |h| h.end),
        hao,
    })
}

fn docno(text: &str, p: &DocNoParts) -> Option<DocNo> {
    let code_run = p.code.clone();
    let cut = text[code_run.clone()]
        .char_indices()
        .rev()
        .find(|(_, ch)| NOT_IN_CODE.contains(*ch))
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let code = code_run.start + cut..code_run.end;
    let code_text = &text[code.clone()];
    // 国务院令 numbers have their own grammar (C04).
    if code_text.chars().count() < 2 || code_text.ends_with('令') || code_text.ends_with('第') {
        return None;
    }
    let (open, close, year) = (p.open.clone(), p.close.clone(), p.year.clone());
    let four = year.len() == 4 && matches!(&text[year.start..year.start + 2], "19" | "20");
    let hao = p.hao.clone();
    let corner =
        |r: &Option<Range<usize>>, c| r.as_ref().is_some_and(|r| text[r.clone()].starts_with(c));
    // 〔〕 mark a document number even with a short year or no 号 (C02 reports those); any
    // other brackets need a plausible year and 号, or "联系电话(0482)8266956" would count.
    let certain = corner(&open, '〔') && corner(&close, '〕') && (four || year.len() == 2);
    match (&open, &close) {
        (Some(_), Some(_)) if certain || four && hao.is_some() => {}
        // One bracket: the year must be certain, since it may run into the number.
        (Some(_), None) | (None, Some(_)) if four && hao.is_some() => {}
        (None, None)
            if four
                && hao.is_some()
                && p.di.is_none()
                && p.s0.is_empty()
                && year.end == p.no.start
                && code_text.ends_with(['函', '发', '字']) => {}
        _ => return None,
    }
    let no = p.no.clone();
    Some(DocNo {
        span: code.start..hao.clone().unwrap_or(no.clone()).end,
        code,
        open,
        year,
        close,
        di: p.di.clone(),
        no,
        hao,
    })
}

/// A 国务院令 number as cited: `国务院令第711号`, `国令第 711 号`, or a wrong form (a year in
/// it, or the words in the wrong order, `国务院第711号令`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OrderNo {
    pub span: Range<usize>,
    /// `国务院令`, `国令` or `中华人民共和国国务院令`; `国务院令` for the reordered forms.
    pub code: String,
    /// The year written inside the number, if any.
    pub year: Option<Range<usize>>,
    /// The words are in a wrong order (`国务院第711号令`, `第711号国务院令`).
    pub reordered: bool,
    pub no: u32,
}

impl OrderNo {
    /// Moves every range `by` bytes on (from a block's coordinates to the text's).
    pub fn shift(&mut self, by: usize) {
        self.span = crate::rules::blocks::shifted(&self.span, by);
        if let Some(y) = &mut self.year {
            *y = crate::rules::blocks::shifted(y, by);
        }
    }

    pub fn canonical(&self) -> String {
        format!("{}第{}号", self.code, self.no)
    }
}

/// Every 国务院令 number in `text`.
pub(crate) fn order_numbers(text: &str) -> Vec<OrderNo> {
    order_number_parts(text)
        .into_iter()
        .filter_map(|p| {
            // A bare 4-digit year needs 第 after it, else it is just a long number.
            if p.y2.is_some() && !text[p.span.clone()].contains('第') {
                return None;
            }
            Some(OrderNo {
                code: p
                    .code
                    .as_ref()
                    .map_or("国务院令", |c| &text[c.clone()])
                    .to_string(),
                year: p.y1.or(p.y2),
                reordered: p.code.is_none(),
                no: text[p.no].parse().ok()?,
                span: p.span,
            })
        })
        .collect()
}

/// The parts of a 国务院令 number before the checks of [`order_numbers`], as byte ranges.
#[derive(Debug, PartialEq, Eq)]
struct OrderParts {
    span: Range<usize>,
    code: Option<Range<usize>>,
    /// A year in brackets, or a bare one.
    y1: Option<Range<usize>>,
    y2: Option<Range<usize>>,
    no: Range<usize>,
}

/// The matches, in order, of
/// `(?P<code>(?:中华人民共和国)?国务院令|国令)\s*(?:[OPEN]\s*(?P<y1>[0-9]{4})\s*[CLOSE]|(?P<y2>[0-9]{4})\s*(?:年\s*)?)?\s*第?\s*(?P<no>[0-9]+)\s*号|国务院\s*第\s*(?P<no2>[0-9]+)\s*号\s*令|第\s*(?P<no3>[0-9]+)\s*号\s*国务院令`.
fn order_number_parts(text: &str) -> Vec<OrderParts> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = text
        .get(at..)
        .and_then(|t| t.find(['中', '国', '第']))
        .map(|i| at + i)
    {
        let found = order_with_code(text, start)
            .or_else(|| order_reordered(text, start, "国务院", "第", "令"))
            .or_else(|| order_reordered(text, start, "", "第", "国务院令"));
        match found {
            Some(parts) => {
                at = parts.span.end;
                out.push(parts);
            }
            None => at = start + '国'.len_utf8(),
        }
    }
    out
}

/// The end of `lit` if the text at `at` starts with it.
fn lit(text: &str, at: usize, lit: &str) -> Option<usize> {
    text[at..].starts_with(lit).then_some(at + lit.len())
}

/// Four ASCII digits at `at`.
fn four_digits(text: &str, at: usize) -> Option<Range<usize>> {
    let b = text.as_bytes().get(at..at + 4)?;
    b.iter().all(u8::is_ascii_digit).then_some(at..at + 4)
}

/// `\s*第?\s*(?P<no>[0-9]+)\s*号` at `at`: the number and the end.
fn order_tail(text: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let at = skip_ws(text, at);
    let at = lit(text, at, "第").map_or(at, |end| skip_ws(text, end));
    let no = at..skip_digits(text, at);
    if no.is_empty() {
        return None;
    }
    let end = lit(text, skip_ws(text, no.end), "号")?;
    Some((no, end))
}

/// `国务院令第711号`, `国令〔2019〕711号`, `国务院令2019年第711号` at `start`.
fn order_with_code(text: &str, start: usize) -> Option<OrderParts> {
    let code_end = ["中华人民共和国国务院令", "国务院令", "国令"]
        .iter()
        .find_map(|c| lit(text, start, c))?;
    let g = skip_ws(text, code_end);
    // The optional year: in brackets, or bare with an optional 年.
    let year = if let Some(open) = one_of(text, g, OPEN) {
        four_digits(text, skip_ws(text, open.end)).and_then(|y| {
            let close = one_of(text, skip_ws(text, y.end), CLOSE)?;
            Some((Some(y), None, close.end))
        })
    } else {
        four_digits(text, g).map(|y| {
            let after = skip_ws(text, y.end);
            let after = lit(text, after, "年").map_or(after, |end| skip_ws(text, end));
            (None, Some(y), after)
        })
    };
    let (y1, y2, (no, end)) = year
        .and_then(|(y1, y2, after)| Some((y1, y2, order_tail(text, after)?)))
        .or_else(|| Some((None, None, order_tail(text, g)?)))?;
    Some(OrderParts {
        span: start..end,
        code: Some(start..code_end),
        y1,
        y2,
        no,
    })
}

/// `{head}\s*{di}\s*(?P<no>[0-9]+)\s*号\s*{tail}` at `start`: `国务院第711号令`,
/// `第711号国务院令`.
fn order_reordered(
    text: &str,
    start: usize,
    head: &str,
    di: &str,
    tail: &str,
) -> Option<OrderParts> {
    let at = lit(text, start, head)?;
    let at = skip_ws(text, lit(text, skip_ws(text, at), di)?);
    let no = at..skip_digits(text, at);
    if no.is_empty() {
        return None;
    }
    let hao = lit(text, skip_ws(text, no.end), "号")?;
    let end = lit(text, skip_ws(text, hao), tail)?;
    Some(OrderParts {
        span: start..end,
        code: None,
        y1: None,
        y2: None,
        no,
    })
}

/// [`doc_numbers`] block by block, kept by the block cache.
pub(crate) struct DocNumbers;

impl BlockAnalysis for DocNumbers {
    type Facts = Vec<DocNo>;
    fn analyse(block: &str, _: Option<i32>) -> Vec<DocNo> {
        doc_numbers(block)
    }
}

impl Shift for DocNo {
    fn shift(&mut self, by: usize) {
        DocNo::shift(self, by);
    }
}

/// [`order_numbers`] block by block, kept by the block cache.
pub(crate) struct OrderNumbers;

impl BlockAnalysis for OrderNumbers {
    type Facts = Vec<OrderNo>;
    fn analyse(block: &str, _: Option<i32>) -> Vec<OrderNo> {
        order_numbers(block)
    }
}

impl Shift for OrderNo {
    fn shift(&mut self, by: usize) {
        OrderNo::shift(self, by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// A regex character class of `chars`.
    fn class(chars: &str) -> String {
        format!("[{}]", regex::escape(chars))
    }

    /// The characters of a one-character pattern, as ranges, over every code point.
    fn char_set(pattern: &str) -> Vec<(char, char)> {
        let re = Regex::new(&format!("^{pattern}$")).unwrap();
        let mut out: Vec<(char, char)> = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if re.is_match(c.encode_utf8(&mut [0; 4])) {
                match out.last_mut() {
                    Some((_, hi)) if *hi as u32 + 1 == c as u32 => *hi = c,
                    _ => out.push((c, c)),
                }
            }
        }
        out
    }

    #[test]
    fn han_table_is_the_regex_class() {
        assert_eq!(HAN, char_set(r"\p{Han}").as_slice());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_han_script(c),
                HAN.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn white_space_is_the_regex_class() {
        let ws: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let class: Vec<char> = char_set(r"\s")
            .into_iter()
            .flat_map(|(lo, hi)| lo..=hi)
            .collect();
        assert_eq!(ws, class);
    }

    /// Texts with every form of number and the near misses around them, alone and among
    /// the corpus and generated reports.
    fn citation_texts() -> Vec<String> {
        let mut texts = crate::read::meta::tests::sample_texts();
        let cases = [
            "根据《通知》（国办公开办函〔2021〕30 号）和国办函〔2020]109号、川办便函〔2022318号",
            "国办公开办函202130 号，国办发2021第3号，按照国办发〔2020〕17号要求",
            "电话2021305号 全年共20213件 案号（2021）京01行初1号 联系电话(0482)8266956",
            "一二三四五六七八九十一二三四五〔2021〕1号，甲〔2021〕1号，国办函\u{3000}〔 21 〕 第 5 号",
            "国办函〔2021〕号，国办函〔2021〕，国办函12，国办函123，国办函1234，国办函12345号",
            "号国办函〔2021〕3号文件国办函〔2021〕4号令国令第1号第2号国务院令",
            "国令第 711 号、中华人民共和国国务院令第711号、国务院令〔2019〕711号、国务院第711号令",
            "国务院令2019年第711号，国令 2019号，国令20191号，国务院令〔20191〕1号，国务院令〔2019 1号",
            "第 711 号 国务院令，第711号国务院，国务院 第 9 号 令，中华人民共和国国令第3号",
            "国务院令第99999999999999999999号，国令第号，国令〔2019〕第7号，国令2019 年 第7号",
            "𠀀𠀁〔2021〕5号，⺀⺁2021〕5号，〇〇〔2021〕5号",
        ];
        for c in cases {
            texts.push(c.to_string());
        }
        texts
    }

    #[test]
    fn doc_number_matcher_agrees_with_the_regex() {
        let (open, close) = (class(OPEN), class(CLOSE));
        let re = Regex::new(&format!(
            r"(?P<code>\p{{Han}}{{2,12}})(?P<s0>\s*)(?P<open>{open})?\s*(?P<year>[0-9]{{2,4}})\s*(?P<close>{close})?\s*(?P<di>第)?\s*(?P<no>[0-9]+)(?:\s*(?P<hao>号))?"
        ))
        .unwrap();
        let mut found = 0;
        for text in citation_texts() {
            let expected: Vec<DocNoParts> = re
                .captures_iter(&text)
                .map(|c| {
                    let r = |name| c.name(name).map(|m| m.range());
                    DocNoParts {
                        code: r("code").unwrap(),
                        s0: r("s0").unwrap(),
                        open: r("open"),
                        year: r("year").unwrap(),
                        close: r("close"),
                        di: r("di"),
                        no: r("no").unwrap(),
                        hao: r("hao"),
                        end: c.get(0).unwrap().end(),
                    }
                })
                .collect();
            found += expected.len();
            assert_eq!(doc_number_parts(&text), expected, "{text}");
        }
        assert!(found > 50);
    }

    #[test]
    fn order_number_matcher_agrees_with_the_regex() {
        let (open, close) = (class(OPEN), class(CLOSE));
        let re = Regex::new(&format!(
            r"(?P<code>(?:中华人民共和国)?国务院令|国令)\s*(?:{open}\s*(?P<y1>[0-9]{{4}})\s*{close}|(?P<y2>[0-9]{{4}})\s*(?:年\s*)?)?\s*第?\s*(?P<no>[0-9]+)\s*号|国务院\s*第\s*(?P<no2>[0-9]+)\s*号\s*令|第\s*(?P<no3>[0-9]+)\s*号\s*国务院令"
        ))
        .unwrap();
        let mut found = 0;
        for text in citation_texts() {
            let expected: Vec<OrderParts> = re
                .captures_iter(&text)
                .map(|c| {
                    let r = |name| c.name(name).map(|m| m.range());
                    OrderParts {
                        span: c.get(0).unwrap().range(),
                        code: r("code"),
                        y1: r("y1"),
                        y2: r("y2"),
                        no: r("no").or(r("no2")).or(r("no3")).unwrap(),
                    }
                })
                .collect();
            found += expected.len();
            assert_eq!(order_number_parts(&text), expected, "{text}");
        }
        assert!(found > 20);
    }

    #[test]
    fn silent_on_clean_samples_in_every_layout() {
        crate::rules::testing::assert_silent_on_clean_samples(RULES);
    }

    fn texts(text: &str) -> Vec<String> {
        doc_numbers(text)
            .iter()
            .map(|d| text[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn doc_numbers_are_found_with_their_parts() {
        let t =
            "根据《通知》（国办公开办函〔2021〕30 号）和国办函〔2020]109号、川办便函〔2022318号";
        assert_eq!(
            texts(t),
            [
                "国办公开办函〔2021〕30 号",
                "国办函〔2020]109号",
                "川办便函〔2022318号"
            ]
        );
        let d = &doc_numbers(t)[2];
        assert_eq!(&t[d.year.clone()], "2022");
        assert_eq!(&t[d.no.clone()], "318");
        assert_eq!(d.key(t), ("川办便函", 2022, 318));
    }

    #[test]
    fn words_before_the_code_are_not_part_of_it() {
        assert_eq!(texts("按照国办发〔2020〕17号要求"), ["国办发〔2020〕17号"]);
    }

    #[test]
    fn numbers_without_brackets_need_a_code_a_year_and_hao() {
        assert_eq!(texts("国办公开办函202130 号"), ["国办公开办函202130 号"]);
        for t in [
            "电话2021305号",
            "全年共20213件",
            "国务院令第711号",
            "案号（2021）京01行初1号",
        ] {
            assert!(texts(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn order_numbers_in_all_forms() {
        let t =
            "国令第 711 号、中华人民共和国国务院令第711号、国务院令〔2019〕711号、国务院第711号令";
        let found = order_numbers(t);
        let forms: Vec<_> = found.iter().map(|o| &t[o.span.clone()]).collect();
        assert_eq!(
            forms,
            [
                "国令第 711 号",
                "中华人民共和国国务院令第711号",
                "国务院令〔2019〕711号",
                "国务院第711号令"
            ]
        );
        assert!(found.iter().all(|o| o.no == 711));
        assert_eq!(found[2].year.clone().map(|y| &t[y]), Some("2019"));
        assert!(found[3].reordered);
    }
}
