//! T02 year-consistency: 标题、统计期限和发布日期的年份相互一致。
//!
//! 检查：报告年度为 Y 时，统计期限应为 Y 年，发布日期应在 Y+1 年。统计期限是另一个完整年度，或发布
//! 日期在 Y 年当年、更早、或 Y+2 年及以后，都报告。两边都已知时才检查。期限不是一个完整年度由 T01
//! 报告。Y+2 年及以后发布的报告同时也超过了 T03、T04 的期限，T02 另外指出年份本身可能写错了。
//!
//! 原因：Y 年度的报告统计 Y 年，在 Y+1 年发布（1月31日或3月31日前）。年份不一致，说明其中一个年份是
//! 错的，常见的是从上一年的报告中复制了标题或统计期限那句话。
//!
//! 依据：《中华人民共和国政府信息公开条例》第四十九条（每年公布“上一年度”的年度报告）。
//!
//! 示例：标题“……2024年政府信息公开工作年度报告”，写“统计期限为2023年1月1日至2023年12月31日” → “标题
//! 年份为2024年，但统计期限为2023年1月1日至2023年12月31日”；2024年度报告发布于2024年12月20日 → “报
//! 告年度为2024年，应于2025年公布，本报告发布于2024年12月20日”。
//!
//! 另外（警告）：正文中本应是报告年度的地方出现了别的年份。按年份所处的位置判断，而不是按词语清单：
//! 第一至第四部分或其小标题下正文开头的年份（2024年度报告中的“（二）主动公开政府信息的主要类别2023
//! 年，在主动公开的……”：年份后面紧跟逗号），以及正文说正在编制或发布的那份报告的年份（2022年度报告
//! 中的“编制完成2023年度政府信息公开工作年度报告”）。用来比较的年份（“较2023年增长”“2023年以来”）不
//! 在句首，不报告；第五、六部分谈的是上一年的问题和下一年的计划，不检查。
//!
//! 修改：标题、统计期限和发布日期不一致时不提供自动修复，请核对是哪一个年份写错了。正文中误写的年份
//! 提供改为报告年度的不安全修复。
//!
//! ## English
//!
//! T02 year-consistency: The title, the statistics period and the publication date agree on the
//! year.
//!
//! What: for a report on year Y, the statistics period is Y and the publication date in Y+1. A
//! period of another whole year, or a publication date in Y itself, before it, or in Y+2 or later,
//! is reported. Only when both sides are known. A period that is not one whole calendar year is
//! T01's finding. A report published in Y+2 or later is also late under T03/T04; T02 adds that the
//! year itself may be the error.
//!
//! Why: a report for year Y covers Y and is published in Y+1 (by 31 January or 31 March). Years
//! that disagree mean one of them is wrong: often a title or a period sentence copied from last
//! year's report.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第四十九条 (each year's report is on the "上一年度").
//!
//! Example: title "…2024年政府信息公开工作年度报告" with "统计期限为2023年1月1日至2023年12月31日" →
//! "标题年份为2024年，但统计期限为2023年1月1日至2023年12月31日"; a 2024 report published on
//! 2024-12-20 → "报告年度为2024年，应于2025年公布，本报告发布于2024年12月20日".
//!
//! Also (warning) a stray other year where the report year is meant, found by where it stands, not
//! by a list of phrases: the year that opens the body of a section 一–四 or of a sub-heading
//! (`（二）主动公开政府信息的主要类别2023年，在主动公开的…` in a 2024 report: the year, then a
//! comma), and the year of the report the text says it compiles or publishes
//! (`编制完成2023年度政府信息公开工作年度报告` in a 2022 report). Years the text compares with
//! (`较2023年增长`, `2023年以来`) do not open a clause and are not flagged; sections 五 and 六
//! speak of last year's problems and next year's plans and are not searched.
//!
//! Fix: none when the title, the period and the publication date disagree; check which year is
//! wrong. A stray year in the text gets an unsafe fix: the report year.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::super::prelude::*;
use super::{published, title_year, whole_year, zh_date};
use crate::read::model::SourceKind;
use crate::rules::blocks::{BlockAnalysis, Blocks, Shift};

pub const RULE: Rule = Rule {
    code: "T02",
    name: "year-consistency",
    severity: Severity::Error,
    source: include_str!("t02_year_consistency.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let meta = &ctx.report.meta;
    if let (Some(title), Some((start, end))) = (title_year(ctx), &meta.stat_period) {
        let (a, b) = (start.value, end.value);
        if whole_year(a, b).is_some_and(|y| y != title.value) {
            let d = sink.push(
                start.span.start..end.span.end,
                format!(
                    "标题年份为{}年，但统计期限为{}至{}",
                    title.value,
                    zh_date(a),
                    zh_date(b)
                ),
                format!(
                    "the title names {} but the statistics period is {a} to {b}",
                    title.value
                ),
            );
            d.related.push(Related {
                range: title.span.clone(),
                message: Message::new(
                    format!("标题年份：{}年", title.value),
                    format!("title year: {}", title.value),
                ),
            });
        }
    }
    stray_years(ctx, sink);
    if let (Some(year), Some(p)) = (&meta.year, published(ctx)) {
        let due = year.value + 1;
        if p.date.year != due {
            let d = sink.push(
                p.span,
                format!("报告年度为{}年，应于{due}年公布，{}", year.value, p.zh),
                format!(
                    "the report covers {} and is published in {due}; {}",
                    year.value, p.en
                ),
            );
            d.related.push(Related {
                range: year.span.clone(),
                message: Message::new(
                    format!("报告年度：{}年", year.value),
                    format!("report year: {}", year.value),
                ),
            });
        }
    }
}

/// A year written with 年 (and 年度), the digits captured.
fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:19|20)[0-9]{2})\s*年度?").expect("valid"))
}

/// Whether the year at `at` opens a body: at the start of a line (or of `text`), or right
/// after a heading or sub-heading that opens its clause (`一、总体情况2023年`, `（二）…类别2023年`).
fn opens_body(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| "。；;！!？?\n，,：:".contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = before[clause_start..].trim_start();
    if clause.is_empty() {
        return clause_start == 0 || before[..clause_start].ends_with('\n');
    }
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = clause.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| NUMERALS.contains(c) || c.is_ascii_digit()),
        Some(c) if NUMERALS.contains(c) => chars.next() == Some('、'),
        _ => false,
    }
}

/// A match of [`year_re`] whose year is not the report's: the whole match and its digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YearHit {
    all: Range<usize>,
    digits: Range<usize>,
}

impl Shift for YearHit {
    fn shift(&mut self, by: usize) {
        self.all.shift(by);
        self.digits.shift(by);
    }
}

/// What [`Years`] finds in one block.
pub(crate) struct YearFacts {
    /// The matches of [`year_re`] in the block's text alone whose year is not the report's.
    hits: Vec<YearHit>,
    /// Where a match could start that runs past the block's end (`…2023` or `…2023年` at its
    /// end), each as that start to the block's end, in order.
    hangs: Vec<Range<usize>>,
}

impl crate::rules::blocks::Nothing for YearFacts {
    fn is_nothing(&self) -> bool {
        self.hits.is_empty() && self.hangs.is_empty()
    }
}

/// The years of the text, block by block ([`crate::rules::blocks`]), kept by the server's
/// block cache: an edit searches only the blocks it touched, not the whole text.
pub(crate) struct Years;

impl BlockAnalysis for Years {
    type Facts = YearFacts;
    fn analyse(block: &str, year: Option<i32>) -> YearFacts {
        let Some(year) = year else {
            return YearFacts {
                hits: Vec::new(),
                hangs: Vec::new(),
            };
        };
        let hits = year_re()
            .captures_iter(block)
            .filter_map(|m| {
                let (all, digits) = (m.get(0)?, m.get(1)?);
                let y: i32 = digits.as_str().parse().ok()?;
                (y != year && may_be_stray(block, all.range())).then(|| YearHit {
                    all: all.range(),
                    digits: digits.range(),
                })
            })
            .collect();
        // The tail that could be the head of a match: up to four digits, white space, 年.
        let body = block.strip_suffix('年').unwrap_or(block);
        let body = body.trim_end();
        let digits = body.bytes().rev().take_while(u8::is_ascii_digit).count();
        let hangs = (body.len() - digits.min(4)..block.len())
            .filter(|&p| block.is_char_boundary(p) && is_year_head(&block[p..]))
            .map(|p| p..block.len())
            .collect();
        YearFacts { hits, hangs }
    }
}

/// The verbs before a year that [`stray_years`] takes for the report's compiling.
const COMPILES: [&str; 5] = ["编制完成", "编制了", "编制", "公布", "发布"];

/// Whether the words before a year (`before`, the text up to it) say the report is compiled
/// or published.
fn compiles(before: &str) -> bool {
    COMPILES.iter().any(|v| before.trim_end().ends_with(v))
}

/// Whether a report is named within the clause after a year (`after`, the text after it).
fn names_report(after: &str) -> bool {
    after
        .char_indices()
        .take_while(|&(i, c)| i < 48 && !"。，；,;".contains(c))
        .map(|(i, _)| i)
        .last()
        .is_some_and(|end| {
            let window = &after[..end + after[end..].chars().next().map_or(0, char::len_utf8)];
            window.contains("年度报告") || window.contains("年报")
        })
}

/// Whether the match `all` of a block can be a stray year as the whole text reads it: what
/// the block alone decides (the words before or after it, the character after it) is read
/// here; what runs past the block's edges is left to [`stray_years`].
fn may_be_stray(block: &str, all: Range<usize>) -> bool {
    let before = block[..all.start].trim_end();
    let longest = COMPILES.iter().map(|v| v.len()).max().unwrap_or(0);
    // Fewer bytes than the longest verb: the verb may begin in the text before the block.
    let compiled = before.len() < longest || compiles(before);
    let after = &block[all.end..];
    // The clause is decided when it ends, or runs 48 bytes, inside the block.
    let window_inside = after
        .char_indices()
        .any(|(i, c)| i >= 48 || "。，；,;".contains(c));
    let named = !window_inside || names_report(after);
    // A comma after the year, for a year that opens a body.
    let next = after.trim_start().chars().next();
    let comma = next.is_none_or(|c| matches!(c, '，' | ','));
    (compiled && named) || comma
}

/// Whether `s` is the start of a match of [`year_re`] that more text after it could complete
/// or lengthen: `2`, `20`, `202`, `2023`, `2023 `, `2023年`.
fn is_year_head(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let lead = match digits {
        0 => return false,
        1 => matches!(b[0], b'1' | b'2'),
        _ => matches!(&b[..2], b"19" | b"20"),
    };
    if !lead || digits > 4 {
        return false;
    }
    if digits < 4 {
        return digits == b.len();
    }
    matches!(s[4..].trim_start(), "" | "年")
}

/// The matches of [`year_re`] in `text` whose year is not `year`, in order: as a search of the
/// whole text finds them, from the blocks' matches. A match can run over a block's end only
/// from a tail the block noted ([`YearFacts::hangs`]); there the text is read again.
fn year_hits(blocks: &Blocks, year: i32) -> Vec<YearHit> {
    let text = blocks.text();
    if !blocks.cached() {
        // Read once: every year of the text, in one search.
        return year_re()
            .captures_iter(text)
            .filter_map(|m| {
                let (all, digits) = (m.get(0)?, m.get(1)?);
                let y: i32 = digits.as_str().parse().ok()?;
                (y != year).then(|| YearHit {
                    all: all.range(),
                    digits: digits.range(),
                })
            })
            .collect();
    }
    let mut hits = blocks.collect::<Years, _, _>(|f| &f.hits);
    let hangs = blocks.collect::<Years, _, _>(|f| &f.hangs);
    let anchored = year_re_anchored();
    let mut i = 0;
    while i < hangs.len() {
        let end = hangs[i].end;
        let group = hangs[i..].iter().take_while(|h| h.end == end).count();
        // The first of the block's possible starts where a match starts is the match there
        // (the others are inside it); it matters only when it runs past the block.
        for h in &hangs[i..i + group] {
            let Some(m) = anchored.captures(&text[h.start..]) else {
                continue;
            };
            let (all, digits) = (m.get(0).expect("match"), m.get(1).expect("group"));
            if h.start + all.end() > end {
                let at = hits.partition_point(|hit| hit.all.start < h.start);
                if hits.get(at).is_some_and(|hit| hit.all.start == h.start) {
                    hits.remove(at);
                }
                if digits.as_str().parse::<i32>().is_ok_and(|y| y != year) {
                    let mut hit = YearHit {
                        all: all.range(),
                        digits: digits.range(),
                    };
                    hit.shift(h.start);
                    hits.insert(at, hit);
                }
            }
            break;
        }
        i += group;
    }
    hits
}

/// [`year_re`] matching at the start of the haystack only.
fn year_re_anchored() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^((?:19|20)[0-9]{2})\s*年度?").expect("valid"))
}

/// The stray years of the text, as (text range of the digits, the year written).
fn stray_years(ctx: &Context, sink: &mut Sink) {
    let Some(year) = ctx.report.meta.year.as_ref() else {
        return;
    };
    let text = ctx.text();
    let hits = year_hits(ctx.blocks(), year.value);
    let mut found: Vec<(Range<usize>, i32)> = Vec::new();
    // The year of the report the text compiles or publishes.
    for hit in &hits {
        let Ok(y) = text[hit.digits.clone()].parse::<i32>() else {
            continue;
        };
        let before = &text[..hit.all.start];
        let after = &text[hit.all.end..];
        if compiles(before) && names_report(after) {
            found.push((hit.digits.clone(), y));
        }
    }
    // The year that opens a body in sections 一–四, followed by a comma.
    for kind in [
        SectionKind::Overview,
        SectionKind::Active,
        SectionKind::Requests,
        SectionKind::Review,
    ] {
        let Some(range) = ctx.section_text_range(kind) else {
            continue;
        };
        let body = &text[range.clone()];
        // A search of the section alone finds the matches of the whole text that lie in it,
        // and perhaps the head of one that runs past its end, which no comma follows.
        let first = hits.partition_point(|hit| hit.all.start < range.start);
        for hit in hits[first..]
            .iter()
            .take_while(|hit| hit.all.end <= range.end)
        {
            let (all, digits) = (
                shifted_back(&hit.all, range.start),
                shifted_back(&hit.digits, range.start),
            );
            let Ok(y) = body[digits.clone()].parse::<i32>() else {
                continue;
            };
            let comma = body[all.end..].trim_start().starts_with(['，', ',']);
            if y != year.value && comma && opens_body(body, all.start) {
                let at = range.start + digits.start..range.start + digits.end;
                if !found.iter().any(|(r, _)| *r == at) {
                    found.push((at, y));
                }
            }
        }
    }
    for (range, y) in found {
        let src = ctx.source_range(range);
        let d = sink.push(
            src.clone(),
            format!(
                "报告年度为{}年，此处写作{y}年，应为{}年",
                year.value, year.value
            ),
            format!(
                "the report covers {}, but {y} is written here where the report year is meant",
                year.value
            ),
        );
        d.severity = Severity::Warning;
        d.related.push(Related {
            range: year.span.clone(),
            message: Message::new(
                format!("报告年度：{}年", year.value),
                format!("report year: {}", year.value),
            ),
        });
        let plain = ctx.report.source == SourceKind::Text
            || ctx.src.get(src.clone()) == Some(y.to_string().as_str());
        if plain {
            d.fix = Some(Fix {
                applicability: Applicability::Unsafe,
                title: Message::new(
                    format!("改为{}年", year.value),
                    format!("Change to {}", year.value),
                ),
                edits: vec![Edit {
                    range: src,
                    new_text: year.value.to_string(),
                }],
            });
        }
    }
}

fn shifted_back(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start - by..r.end - by
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;

    /// The years found block by block are those of a search of the whole text, and among them
    /// every one that the whole text makes a candidate (the report compiled before it and named
    /// after it, or a comma after it), for texts where years and their words run over the
    /// blocks' edges (blank lines, a table's edge inside a number or between 年 and 度), with a
    /// cache kept across edits or without one.
    #[test]
    fn years_by_block_are_those_of_a_search_of_the_whole_text() {
        let pieces = [
            "编制完成2023年度报告",
            "2023年，",
            "编制\n\n2023",
            "年报",
            "2023",
            "2024",
            "20",
            "23",
            "19",
            "1",
            "年",
            "度",
            "年度",
            " ",
            "\u{3000}",
            "\n",
            "\n\n\n",
            "。",
            "一、",
            "字",
            "编制",
            "编制完成",
            "年度报告",
            "，",
        ];
        let mut next = crate::rules::testing::xorshift(0x7A3C_91E5_0B2D_4F68u64);
        let cache = crate::rules::blocks::BlockCache::new();
        let (mut hangs, mut candidates) = (0, 0);
        for round in 0..1000 {
            let text = crate::rules::testing::pieces_text(&mut next, &pieces, 60);
            let tables = crate::rules::testing::cut_anywhere(&mut next, &text);
            let all: Vec<YearHit> = year_re()
                .captures_iter(&text)
                .filter(|m| m[1].parse::<i32>().unwrap() != 2024)
                .map(|m| YearHit {
                    all: m.get(0).unwrap().range(),
                    digits: m.get(1).unwrap().range(),
                })
                .collect();
            let wanted = |h: &YearHit| {
                let after = &text[h.all.end..];
                (compiles(&text[..h.all.start]) && names_report(after))
                    || after.trim_start().starts_with(['，', ','])
            };
            candidates += all.iter().filter(|h| wanted(h)).count();
            for cached in [None, Some(&cache)] {
                let blocks = Blocks::new(&text, &tables, Some(2024), cached, false);
                hangs += blocks.collect::<Years, _, _>(|f| &f.hangs).len();
                let got = year_hits(&blocks, 2024);
                let context = format!("round {round}: {text:?} {tables:?}");
                assert!(got.iter().all(|h| all.contains(h)), "{context}");
                assert!(
                    got.windows(2).all(|w| w[0].all.end <= w[1].all.start),
                    "{context}"
                );
                for h in all.iter().filter(|h| wanted(h)) {
                    assert!(got.contains(h), "{h:?} {context}");
                }
                if let Some(c) = cached {
                    blocks.store(c);
                }
            }
        }
        assert!(hangs > 100 && candidates > 300, "{hangs} {candidates}");
    }

    #[test]
    fn heads_of_a_year() {
        for yes in [
            "2",
            "20",
            "202",
            "2023",
            "1999",
            "2023 ",
            "2023\n\n",
            "2023年",
            "2023 \u{3000}年",
        ] {
            assert!(is_year_head(yes), "{yes:?}");
        }
        for no in [
            "",
            "3",
            "21",
            "2123",
            "20234",
            "2023年度",
            "2023年x",
            "2023 x",
            "年",
        ] {
            assert!(!is_year_head(no), "{no:?}");
        }
    }
    use crate::rules::testing::{clean_report, run};

    const TITLE: &str = "某某县发展和改革局2024年政府信息公开工作年度报告";

    fn report(published: &str, period: &str) -> String {
        doc(
            TITLE,
            Some(published),
            &format!("本报告所列数据统计期限为{period}。"),
        )
    }

    #[test]
    fn silent_when_the_years_agree() {
        assert!(run(&RULE, &clean_report()).is_empty());
        let src = report("2025-02-10", "2024年1月1日至2024年12月31日");
        assert!(run(&RULE, &src).is_empty());
        // Late, but in the right year: T03's finding, not T02's.
        let src = report("2025-12-30", "2024年1月1日至2024年12月31日");
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn a_period_of_last_year_is_reported_with_the_title_year() {
        let src = report("2025-02-10", "2023年1月1日至2023年12月31日");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(&src[d.range.clone()], "2023年1月1日至2023年12月31日");
        assert_eq!(
            d.message.zh,
            "标题年份为2024年，但统计期限为2023年1月1日至2023年12月31日"
        );
        assert_eq!(&src[d.related[0].range.clone()], "2024");
    }

    #[test]
    fn a_partial_period_is_left_to_t01() {
        let src = report("2025-02-10", "2023年1月1日至2023年6月30日");
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn publication_in_the_report_year_or_two_years_later() {
        for (date, zh) in [
            ("2024-12-20", "本报告发布于2024年12月20日"),
            ("2026-01-05", "本报告发布于2026年1月5日"),
        ] {
            let src = report(date, "2024年1月1日至2024年12月31日");
            let diags = run(&RULE, &src);
            assert_eq!(diags.len(), 1, "{date}");
            let d = &diags[0];
            assert_eq!(&src[d.range.clone()], date);
            assert_eq!(
                d.message.zh,
                format!("报告年度为2024年，应于2025年公布，{zh}")
            );
        }
    }

    #[test]
    fn silent_without_a_date() {
        let src = doc(
            TITLE,
            None,
            "本报告所列数据统计期限为2024年1月1日至2024年12月31日。",
        );
        assert!(run(&RULE, &src).is_empty());
    }

    /// The clean sample report (a 2024 or 2025 report) with `from` replaced by `to`.
    fn sample_with(from: &str, to: &str) -> (String, i32) {
        let stats = crate::sample::Stats::generate(7);
        let src = stats.render(crate::sample::Layout::CellPerLine);
        assert!(src.contains(from), "{from}");
        (src.replacen(from, to, 1), stats.year)
    }

    #[test]
    fn a_stray_year_opening_a_sub_heading_body_is_a_warning_with_the_fix() {
        let (clean, y) = sample_with("", "");
        let stray = y - 1;
        for layout in [
            crate::sample::Layout::CellPerLine,
            crate::sample::Layout::OneLine,
        ] {
            let src = crate::sample::Stats::generate(7).render(layout).replacen(
                "二、主动公开政府信息情况",
                &format!("二、主动公开政府信息情况（二）主动公开政府信息的主要类别{stray}年，在主动公开的61条信息中，"),
                1,
            );
            let diags = run(&RULE, &src);
            assert_eq!(diags.len(), 1, "{layout:?} {diags:?}");
            let d = &diags[0];
            assert_eq!(d.severity, Severity::Warning);
            assert_eq!(&src[d.range.clone()], stray.to_string());
            assert_eq!(
                d.message.zh,
                format!("报告年度为{y}年，此处写作{stray}年，应为{y}年")
            );
            let fixed = crate::rules::testing::apply_fixes(&src, &diags);
            assert!(fixed.contains(&format!("主要类别{y}年，")));
            assert!(run(&RULE, &fixed).is_empty());
        }
        assert!(run(&RULE, &clean).is_empty());
    }

    #[test]
    fn a_stray_year_at_a_line_start_and_in_the_report_it_compiles() {
        let (_, y) = sample_with("", "");
        let (src, _) = sample_with(
            &format!("{y}年，本机关认真贯彻"),
            &format!("{}年，本机关认真贯彻", y + 1),
        );
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], (y + 1).to_string());
        let (src, _) = sample_with(
            "编制。",
            &format!("编制。现编制完成{}年度政府信息公开工作年度报告。", y + 1),
        );
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], (y + 1).to_string());
    }

    #[test]
    fn years_compared_with_or_planned_are_not_stray() {
        let (_, y) = sample_with("", "");
        let prev = y - 1;
        for (from, to) in [
            (
                "做好主动公开".to_string(),
                format!("较{prev}年增长12%，{prev}年以来做好主动公开"),
            ),
            (
                "改进情况：".to_string(),
                format!("改进情况：{}年，将丰富解读形式；", y + 1),
            ),
            (
                "将政务公开纳入".to_string(),
                format!("与{prev}年相比，将政务公开纳入"),
            ),
            (
                "编制。".to_string(),
                format!("编制。对照{prev}年度报告中的问题逐项整改。"),
            ),
        ] {
            let (src, _) = sample_with(&from, &to);
            let diags = run(&RULE, &src);
            assert!(diags.is_empty(), "{to}: {diags:?}");
        }
    }
}
