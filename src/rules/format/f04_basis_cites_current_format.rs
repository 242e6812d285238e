//! F04 basis-cites-current-format: 2021年及以后年度的报告引用格式依据时，应引用国办公开办函〔2021〕
//! 30号，而不是2019年试行格式的〔2019〕60号。
//!
//! 检查：2021年及以后年度的报告中引用的格式依据。引用国办公开办函〔2019〕60号或“年度报告格式（试行）”
//! 为警告；完全没有引用依据为提示。引用按文号（容许括号和空白的差异，包括抓取后变成“国办公开办函
//! 202130 号”的写法）或按标题识别。〔2019〕30号这样的错误文号由 C03 报告，在这里仍算作引用了依据。
//! 2021年以前的报告不检查。
//!
//! 原因：报告的开头通常说明按什么格式编制（“根据《……关于印发〈中华人民共和国政府信息公开工作年度报
//! 告格式〉的通知》（国办公开办函〔2021〕30号）……编制”）。自2021年度报告起，引用〔2019〕60号或试行
//! 格式就是引用了已被取代的依据，多半是从2019、2020年的报告中复制的段落。完全不引用时，读者无从知道
//! 依据的是哪个格式。
//!
//! 依据：国办公开办函〔2021〕30号（取代国办公开办函〔2019〕60号印发的试行格式）。
//!
//! 示例：2022年度报告写“根据……（国办公开办函〔2019〕60号）编制” → “2022年度报告引用的年度报告格式依
//! 据为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号”。
//!
//! 修改：不提供自动修复，请改为引用国办公开办函〔2021〕30号。
//!
//! ## English
//!
//! F04 basis-cites-current-format: A report for 2021 or later that names its format basis names
//! 国办公开办函〔2021〕30号, not the 2019 trial format 〔2019〕60号.
//!
//! What: the format basis cited in a report for 2021 or later. Citing 国办公开办函〔2019〕60号 or
//! the "年度报告格式（试行）" is a warning; citing no basis at all is info. Citations are found by
//! number (brackets and white space tolerated, including a scraped "国办公开办函202130 号") or by
//! title. A wrong number such as 〔2019〕30号 is C03's finding, and still counts as a cited basis
//! here. Silent for reports before 2021.
//!
//! Why: the opening paragraph usually says which format the report follows
//! ("根据《…关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）…编制").
//! From the 2021 reports on, citing 〔2019〕60号 or the trial format names a superseded basis,
//! usually in a paragraph copied from a 2019 or 2020 report. When no basis is cited, the reader
//! cannot tell which format was meant.
//!
//! Basis: 国办公开办函〔2021〕30号 (superseding the trial format of 国办公开办函〔2019〕60号).
//!
//! Example: a 2022 report "根据…（国办公开办函〔2019〕60号）编制" →
//! "2022年度报告引用的年度报告格式依据为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号".
//!
//! Fix: none; cite 国办公开办函〔2021〕30号 instead.

use std::ops::Range;

use super::super::prelude::*;
use super::super::time::anchor;
use super::{find_spaced, is_decimal_digit, report_year, skip_ws, spaced_at, FIRST_2021_YEAR};
use crate::rules::blocks::BlockAnalysis;

pub const RULE: Rule = Rule {
    code: "F04",
    name: "basis-cites-current-format",
    severity: Severity::Warning,
    source: include_str!("f04_basis_cites_current_format.rs"),
    check,
};

/// "国办公开办函〔2021〕30号", with any bracket, none, or white space: each match, in order,
/// of `{国办公开办函}\s*[〔\[［(（【{<〈]?\s*(?P<y>\d{4})\s*[〕\]］)）】}>〉]?\s*(?:第\s*)?(?P<n>\d{1,3})\s*号`
/// (the literal spaced), with its year and number.
fn numbers(text: &str) -> Vec<(Range<usize>, &str, &str)> {
    // The end of the run of digits at `at` and how many there are.
    let digits = |at: usize| {
        let end = text[at..]
            .find(|c: char| !is_decimal_digit(c))
            .map_or(text.len(), |i| at + i);
        (end, text[at..end].chars().count())
    };
    let one_of = |at: usize, set: &str| {
        text[at..]
            .chars()
            .next()
            .filter(|&c| set.contains(c))
            .map_or(at, |c| at + c.len_utf8())
    };
    let tail = |at: usize| {
        let at = skip_ws(text, one_of(skip_ws(text, at), "〔[［(（【{<〈"));
        let (run_end, count) = digits(at);
        if count < 4 {
            return None;
        }
        // Exactly four digits for the year; any more begin the number.
        let y = at..text[at..]
            .char_indices()
            .nth(4)
            .map_or(run_end, |(i, _)| at + i);
        let mut i = y.end;
        if i == run_end {
            i = skip_ws(text, one_of(skip_ws(text, i), "〕]］)）】}>〉"));
            if text[i..].starts_with('第') {
                i = skip_ws(text, i + '第'.len_utf8());
            }
        }
        let (n_end, n_count) = digits(i);
        if !(1..=3).contains(&n_count) {
            return None;
        }
        let n = i..n_end;
        let end = skip_ws(text, n.end);
        text[end..]
            .starts_with('号')
            .then(|| (y, n, end + '号'.len_utf8()))
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(lit) = find_spaced(text, from, "国办公开办函") {
        match tail(lit.end) {
            Some((y, n, end)) => {
                out.push((lit.start..end, &text[y], &text[n]));
                from = end;
            }
            None => from = lit.start + '国'.len_utf8(),
        }
    }
    out
}

/// The format's title, "（试行）" marking the 2019 one; also the short "政府信息年度报告格式":
/// each match, in order, of `{政府信息}(?:{公开})?(?:{工作})?{年度报告格式}(?P<trial>\s*[（(]\s*试\s*行\s*[）)])?`
/// (the literals spaced), and whether it has the trial mark.
fn titles(text: &str) -> Vec<(Range<usize>, bool)> {
    let body = |at: usize| {
        let opt = |at: usize, lit: &str, take: bool| {
            if take {
                spaced_at(text, at, lit)
            } else {
                Some(at)
            }
        };
        [(true, true), (true, false), (false, true), (false, false)]
            .into_iter()
            .find_map(|(a, b)| {
                let at = opt(at, "公开", a)?;
                let at = opt(at, "工作", b)?;
                spaced_at(text, at, "年度报告格式")
            })
    };
    let trial = |at: usize| {
        let i = skip_ws(text, at);
        let c = text[i..]
            .chars()
            .next()
            .filter(|c| matches!(c, '（' | '('))?;
        let i = spaced_at(text, skip_ws(text, i + c.len_utf8()), "试行")?;
        let i = skip_ws(text, i);
        let c = text[i..]
            .chars()
            .next()
            .filter(|c| matches!(c, '）' | ')'))?;
        Some(i + c.len_utf8())
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(lit) = find_spaced(text, from, "政府信息") {
        match body(lit.end) {
            Some(end) => {
                let marked = trial(end);
                let end = marked.unwrap_or(end);
                out.push((lit.start..end, marked.is_some()));
                from = end;
            }
            None => from = lit.start + '政'.len_utf8(),
        }
    }
    out
}

/// The title of the 2019 notice, which carried the trial format as its attachment: each
/// match, in order, of `(?:{国务院办公厅})?{政府信息与…的通知}` (the literals spaced).
fn notices_2019(text: &str) -> Vec<Range<usize>> {
    const TITLE: &str = "政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知";
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text.get(at..).and_then(|t| t.find(['国', '政'])) {
        let start = at + i;
        let end = spaced_at(text, start, "国务院办公厅")
            .and_then(|e| spaced_at(text, e, TITLE))
            .or_else(|| spaced_at(text, start, TITLE));
        match end {
            Some(end) => {
                out.push(start..end);
                at = end;
            }
            None => at = start + '国'.len_utf8(),
        }
    }
    out
}

/// A title and its number in brackets right after it are one citation.
const SAME_CITATION_GAP: usize = 16;

/// The citations of the format's basis in `text` (number, title, 2019 notice), each with
/// whether it is the 2019 basis; not sorted.
pub(crate) fn citations(text: &str) -> Vec<(Range<usize>, bool)> {
    numbers(text)
        .into_iter()
        .map(|(r, y, n)| (r, y == "2019" && n == "60"))
        .chain(titles(text))
        .chain(notices_2019(text).into_iter().map(|r| (r, true)))
        .collect()
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(year) = report_year(ctx).filter(|&y| y >= FIRST_2021_YEAR) else {
        return;
    };
    // (range, is the 2019 basis), in text order.
    let cited = ctx.format_citations();
    if cited.is_empty() {
        sink.push(
            anchor(ctx),
            "未引用年度报告格式依据（国办公开办函〔2021〕30号）",
            "no format basis is cited (国办公开办函〔2021〕30号)",
        )
        .severity = Severity::Info;
        return;
    }
    let mut old: Vec<Range<usize>> = Vec::new();
    for range in cited
        .into_iter()
        .filter_map(|(r, is_old)| is_old.then_some(r))
    {
        match old.last_mut() {
            Some(last) if range.start <= last.end + SAME_CITATION_GAP => {
                last.end = last.end.max(range.end);
            }
            _ => old.push(range),
        }
    }
    for range in old {
        sink.push(
            ctx.source_range(range),
            format!("{year}年度报告引用的年度报告格式依据为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号"),
            format!("a report for {year} cites the superseded 国办公开办函〔2019〕60号 (the 2019 trial format) as its basis; the basis is 国办公开办函〔2021〕30号"),
        );
    }
}

/// [`citations`] block by block, kept by the block cache.
pub(crate) struct FormatCitations;

impl BlockAnalysis for FormatCitations {
    type Facts = Vec<(Range<usize>, bool)>;
    fn analyse(block: &str, _: Option<i32>) -> Self::Facts {
        citations(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// A pattern for `literal` that tolerates white space between its characters.
    fn spaced(literal: &str) -> String {
        literal
            .chars()
            .map(|c| regex::escape(&c.to_string()))
            .collect::<Vec<_>>()
            .join(r"\s*")
    }

    #[test]
    fn matchers_agree_with_the_regexes() {
        let number = Regex::new(&format!(
            r"{}\s*[〔\[［(（【{{<〈]?\s*(?P<y>\d{{4}})\s*[〕\]］)）】}}>〉]?\s*(?:第\s*)?(?P<n>\d{{1,3}})\s*号",
            spaced("国办公开办函")
        ))
        .unwrap();
        let title = Regex::new(&format!(
            r"{}(?:{})?(?:{})?{}(?P<trial>\s*[（(]\s*试\s*行\s*[）)])?",
            spaced("政府信息"),
            spaced("公开"),
            spaced("工作"),
            spaced("年度报告格式"),
        ))
        .unwrap();
        let notice = Regex::new(&format!(
            "(?:{})?{}",
            spaced("国务院办公厅"),
            spaced("政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知")
        ))
        .unwrap();
        let mut texts = crate::read::meta::tests::sample_texts();
        for t in [
            "国办公开办函〔2021〕30号 国 办 公开办函 [ 2019 ] 第 60 号 国办公开办函2021030号",
            "国办公开办函（２０２１）３０号 国办公开办函〔2021〕3000号 国办公开办函〔2021〕号",
            "国办公开办函〔202〕30号 国办公开办函20213号 国办公开办函〔2021〕第号 国办公开办函{2021}1 号",
            "国办公开办函〔٢٠٢١〕٣٠号，国办公开办函国办公开办函〔2021〕30号",
            "政府信息公开工作年度报告格式（试行） 政府信息年度报告格式 政府 信息 公开 年度报告 格式 ( 试 行 )",
            "政府信息工作年度报告格式(试行 政府信息公开公开年度报告格式 政府信息公开工作年度报告格",
            "国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知",
            "国 务 院 办公厅 政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知，国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通",
        ] {
            texts.push(t.to_string());
        }
        let mut found = 0;
        for text in &texts {
            let expected: Vec<_> = number
                .captures_iter(text)
                .map(|c| {
                    (
                        c.get(0).unwrap().range(),
                        c.name("y").unwrap().as_str(),
                        c.name("n").unwrap().as_str(),
                    )
                })
                .collect();
            found += expected.len();
            assert_eq!(numbers(text), expected, "{text}");
            let expected: Vec<_> = title
                .captures_iter(text)
                .map(|c| (c.get(0).unwrap().range(), c.name("trial").is_some()))
                .collect();
            found += expected.len();
            assert_eq!(titles(text), expected, "{text}");
            let expected: Vec<_> = notice.find_iter(text).map(|m| m.range()).collect();
            found += expected.len();
            assert_eq!(notices_2019(text), expected, "{text}");
        }
        assert!(found > 40);
    }
    use crate::rules::testing::{clean_report, run};

    fn report(year: i32, opening: &str) -> String {
        format!(
            "某某县发展和改革局{year}年政府信息公开工作年度报告\n{opening}\n一、总体情况\n正文。\n"
        )
    }

    #[test]
    fn silent_on_the_current_basis() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for opening in [
            "本报告根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函[2021]30号）编制。",
            // Brackets lost in scraping, and a space from PDF text.
            "按照国办公开办函202130 号要求编制。",
            "按照《中华人民共和国政府信息公开工作年度报告格式》要求编制。",
        ] {
            assert!(run(&RULE, &report(2024, opening)).is_empty(), "{opening}");
        }
    }

    #[test]
    fn the_2019_notice_is_one_finding_with_its_number() {
        let src = report(
            2022,
            "根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。",
        );
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Warning);
        assert!(src[d.range.clone()].starts_with("国务院办公厅政府信息与政务公开办公室"));
        assert!(src[d.range.clone()].ends_with("〔2019〕60号"));
    }

    #[test]
    fn the_trial_format_title_and_the_old_number() {
        let src = report(
            2023,
            "按照《中华人民共和国政府信息公开工作年度报告格式（试行）》编制。",
        );
        assert_eq!(run(&RULE, &src).len(), 1);
        let src = report(2023, "根据国办公开办函〔2019〕60号编制。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].range.clone()], "国办公开办函〔2019〕60号");
        assert_eq!(
            diags[0].message.zh,
            "2023年度报告引用的年度报告格式依据为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号"
        );
    }

    #[test]
    fn no_basis_is_info() {
        let src = report(2024, "现将本报告公布如下。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Info);
    }

    #[test]
    fn silent_before_2021() {
        assert!(run(&RULE, &report(2020, "根据国办公开办函〔2019〕60号编制。")).is_empty());
        assert!(run(&RULE, &report(2020, "现将本报告公布如下。")).is_empty());
    }
}
