//! Citation rules (C): 发文字号 and 国务院令 numbers, the known documents of spec §6, and book
//! titles (spec §2.4, §2.5, §7.6). One file per rule; one line per rule below.
//!
//! Rules search [`Context::text`] and work on view ranges; [`edit`] maps them back to the source
//! and refuses any edit whose source bytes differ from the text (HTML markup or entities).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::prelude::*;

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

/// A regex character class of `chars`.
fn class(chars: &str) -> String {
    format!("[{}]", regex::escape(chars))
}

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
        let s = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
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

/// Every candidate 发文字号 of a 文件 in `text`. A candidate needs brackets on at least one
/// side of the year, and unless they are 〔〕, a 4-digit year and 号; without brackets, only an
/// issuer code ending in 函/发/字 directly followed by a year and 号 counts (a scraper that
/// dropped 〔〕).
pub(crate) fn doc_numbers(text: &str) -> Vec<DocNo> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        let (open, close) = (class(OPEN), class(CLOSE));
        Regex::new(&format!(
            r"(?P<code>\p{{Han}}{{2,12}})(?P<s0>\s*)(?P<open>{open})?\s*(?P<year>[0-9]{{2,4}})\s*(?P<close>{close})?\s*(?P<di>第)?\s*(?P<no>[0-9]+)(?:\s*(?P<hao>号))?"
        ))
        .expect("constant pattern")
    });
    RE.captures_iter(text)
        .filter_map(|c| docno(text, &c))
        .collect()
}

fn docno(text: &str, c: &Captures) -> Option<DocNo> {
    let r = |name| c.name(name).map(|m| m.range());
    let code_run = r("code")?;
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
    let (open, close, year) = (r("open"), r("close"), r("year")?);
    let four = year.len() == 4 && matches!(&text[year.start..year.start + 2], "19" | "20");
    let hao = r("hao");
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
                && r("di").is_none()
                && r("s0").is_some_and(|s| s.is_empty())
                && year.end == r("no")?.start
                && code_text.ends_with(['函', '发', '字']) => {}
        _ => return None,
    }
    let no = r("no")?;
    Some(DocNo {
        span: code.start..hao.clone().unwrap_or(no.clone()).end,
        code,
        open,
        year,
        close,
        di: r("di"),
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
        self.span = self.span.start + by..self.span.end + by;
        if let Some(y) = &mut self.year {
            *y = y.start + by..y.end + by;
        }
    }

    pub fn canonical(&self) -> String {
        format!("{}第{}号", self.code, self.no)
    }
}

/// Every 国务院令 number in `text`.
pub(crate) fn order_numbers(text: &str) -> Vec<OrderNo> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        let (open, close) = (class(OPEN), class(CLOSE));
        Regex::new(&format!(
            r"(?P<code>(?:中华人民共和国)?国务院令|国令)\s*(?:{open}\s*(?P<y1>[0-9]{{4}})\s*{close}|(?P<y2>[0-9]{{4}})\s*(?:年\s*)?)?\s*第?\s*(?P<no>[0-9]+)\s*号|国务院\s*第\s*(?P<no2>[0-9]+)\s*号\s*令|第\s*(?P<no3>[0-9]+)\s*号\s*国务院令"
        ))
        .expect("constant pattern")
    });
    RE.captures_iter(text)
        .filter_map(|c| {
            let no = ["no", "no2", "no3"].iter().find_map(|n| c.name(n))?;
            let y2 = c.name("y2").map(|m| m.range());
            // A bare 4-digit year needs 第 after it, else it is just a long number.
            if y2.is_some() && !c[0].contains('第') {
                return None;
            }
            Some(OrderNo {
                span: c.get(0)?.range(),
                code: c
                    .name("code")
                    .map_or("国务院令", |m| m.as_str())
                    .to_string(),
                year: c.name("y1").map(|m| m.range()).or(y2),
                reordered: c.name("code").is_none(),
                no: no.as_str().parse().ok()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
