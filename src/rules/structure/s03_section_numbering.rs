//! S03 section-numbering: 各部分按其在格式中的位置编号（总体情况为“一”……其他需要报告的事项为“六”），
//! 总体情况的子标题不升为一级标题。
//!
//! 检查：六个部分的编号是否依次为 一 至 六；总体情况下的子标题（如“工作机制保障”“政府信息公开平台建
//! 设”）是否被编成了一级标题“二、”“三、”……。
//!
//! 原因：2021年格式把六个部分依次编为 一 至 六。实际见过的问题有：编号重新开始或错位（第二部分写成
//! “一、主动公开政府信息情况”），以及把总体情况的子标题编为一级标题（“二、工作机制保障 …… 六、政府
//! 信息公开平台建设”，之后真正的各部分又从“一”开始）。读者因此分不清是哪一个“三”，某个部分看起来像
//! 是缺失了。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式中六个部分的编号。
//!
//! 示例：“一、总体情况”之后出现“一、主动公开政府信息情况” → “第二部分“主动公开政府信息情况”编号为
//! “一、”，应为“二、””；总体情况中的“二、工作机制保障” → 子标题使用了一级编号。
//!
//! 修改：替换编号（没有编号的标题补上编号）。当识别出的六个标题是仅有的一级编号行时为安全修复；如果
//! 它们之间还有其他“二、”等编号行（升级的子标题、多出的部分），仅改编号不一定能解决问题，修复为不安
//! 全。升级的子标题按顺序给出改为（一）、（二）……的不安全修复。
//!
//! ## English
//!
//! S03 section-numbering: Each section is numbered by its place in the template, 一 for 总体情况 …
//! 六 for 其他需要报告的事项, and 总体情况 keeps its sub-topics below it.
//!
//! What: are the six sections numbered 一 to 六 in turn, and are the sub-topics of 总体情况
//! ("工作机制保障", "政府信息公开平台建设", …) kept below it rather than numbered 二、三、… as
//! top-level headings?
//!
//! Why: the 2021 format numbers the six sections 一…六. Seen in published reports: numbering that
//! restarts or shifts ("一、主动公开政府信息情况" as the second section), and sub-topics of
//! 总体情况 promoted to top-level headings ("二、工作机制保障 … 六、政府信息公开平台建设", after
//! which the real sections start again at 一). A reader then cannot tell which 三 is meant, and a
//! section looks missing.
//!
//! Basis: the numbering of the six sections in the annual report format of
//! 国办公开办函〔2021〕30号.
//!
//! Example: "一、主动公开政府信息情况" after "一、总体情况" →
//! "第二部分“主动公开政府信息情况”编号为“一、”，应为“二、”"; "二、工作机制保障" inside 总体情况 → a
//! sub-topic with a top-level numeral.
//!
//! Fix: replace the numeral (a heading without one gets it). Safe when the recognised headings are
//! the only top-level numbered lines; when other lines numbered "二、" etc. stand between them
//! (promoted sub-topics, an extra section), renumbering alone may not be the whole repair and the
//! fix is unsafe. A promoted sub-topic gets an unsafe fix to （一）, （二）, … in order.

use std::ops::Range;

use super::super::prelude::*;
use super::{editable, heading_text, section_body, table_range, text_range, NUMERALS};
use crate::rules::blocks::{BlockAnalysis, Blocks, Shift};

pub const RULE: Rule = Rule {
    code: "S03",
    name: "section-numbering",
    severity: Severity::Warning,
    source: include_str!("s03_section_numbering.rs"),
    check,
};

/// A line that starts with a top-level numeral and is not a recognised heading: the text
/// range of its numeral and separator, and the rest of the line.
struct Numbered {
    prefix: Range<usize>,
    rest: String,
}

/// Top-level numbered lines ("二、工作机制保障") after the first heading, outside the tables
/// (whose rows "一、本年新收…" look the same) and other than the recognised headings.
fn stray_numbered(ctx: &Context) -> Vec<Numbered> {
    let text = ctx.text();
    let headings: Vec<Range<usize>> = ctx
        .report
        .sections
        .iter()
        .map(|s| text_range(ctx, &s.heading.span))
        .collect();
    let Some(first) = headings.first().map(|h| h.end) else {
        return Vec::new();
    };
    let t = &ctx.report.tables;
    let tables: Vec<Range<usize>> = [&t.t2, &t.t3, &t.t4]
        .into_iter()
        .flatten()
        .map(|t| table_range(ctx, t))
        .collect();
    ctx.numbered_lines()
        .into_iter()
        .filter_map(|(prefix, rest)| {
            let inside = |r: &Range<usize>| r.start <= prefix.start && prefix.start < r.end;
            // Headings are in text order: only the last one starting before the prefix can
            // hold it (a long document has thousands).
            let heading = headings
                .partition_point(|h| h.start <= prefix.start)
                .checked_sub(1)
                .map(|i| &headings[i]);
            (prefix.start >= first && !heading.is_some_and(inside) && !tables.iter().any(inside))
                .then(|| Numbered {
                    prefix,
                    rest: text[rest].trim().to_string(),
                })
        })
        .collect()
}

/// The lines that start with a numeral and 、: the numbering ("二、" with the spaces around
/// it) and the rest of the line, as
/// `(?m)^[ \t\u{3000}]*([一二三四五六七八九十][ \t]*[、．.][ \t\u{3000}]*)(.*)$` reads them.
pub(crate) fn numbered_lines(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        let at = start + line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len();
        let numeral = text[at..end]
            .chars()
            .next()
            .filter(|c| "一二三四五六七八九十".contains(*c));
        if let Some(n) = numeral {
            let after = &text[at + n.len_utf8()..end];
            let after = after.trim_start_matches([' ', '\t']);
            if let Some(rest) = after.strip_prefix(['、', '．', '.']) {
                let rest = rest.trim_start_matches([' ', '\t', '\u{3000}']);
                out.push((at..end - rest.len(), end - rest.len()..end));
            }
        }
        start = end + 1;
    }
    out
}

fn check(ctx: &Context, sink: &mut Sink) {
    let stray = stray_numbered(ctx);
    let safe = if stray.is_empty() {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    for s in &ctx.report.sections {
        let h = &s.heading;
        let want = h.kind.number();
        if h.numeral == want {
            continue;
        }
        let n = super::numeral(want);
        let title = super::official_title(h.kind);
        let written = heading_text(ctx, h);
        let head = &ctx.src[h.span.clone()];
        let (zh, en, range, new_text) = if h.numeral == 0 {
            (
                format!("第{n}部分的标题“{written}”没有编号，应为“{n}、{title}”"),
                format!("the heading of section {want} ({title}) has no numeral; it should read \"{n}、{title}\""),
                h.span.start..h.span.start,
                format!("{n}、"),
            )
        } else {
            let got = super::numeral(h.numeral);
            let len = head.chars().next().map_or(0, char::len_utf8);
            (
                format!("第{n}部分“{title}”编号为“{got}、”，应为“{n}、”（编号重新开始或错位）"),
                format!("section {want} ({title}) is numbered {got} (restarted or shifted numbering); it should be {n}"),
                h.span.start..h.span.start + len,
                n.to_string(),
            )
        };
        let d = sink.push(h.span.clone(), zh, en);
        let numeral_ok = h.numeral == 0 || head.starts_with(NUMERALS);
        if numeral_ok && editable(ctx, &range) {
            let (zh_why, en_why) = if safe == Applicability::Safe {
                ("", "")
            } else {
                (
                    "（文中另有一级编号的标题，请一并核对）",
                    " (other lines carry top-level numerals; check them too)",
                )
            };
            d.fix = Some(Fix {
                applicability: safe,
                title: Message::new(
                    format!("编号改为“{n}、”{zh_why}"),
                    format!("Number it {n}{en_why}"),
                ),
                edits: vec![Edit { range, new_text }],
            });
        }
    }
    promoted_subtopics(ctx, sink, &stray);
}

/// Short numbered lines inside 总体情况: its sub-topics written as top-level headings.
fn promoted_subtopics(ctx: &Context, sink: &mut Sink, stray: &[Numbered]) {
    let Some(body) = section_body(ctx, SectionKind::Overview) else {
        return;
    };
    let subs = stray.iter().filter(|l| {
        body.contains(&l.prefix.start)
            && (1..=20).contains(&l.rest.chars().count())
            && !l.rest.ends_with(['。', '；', '，'])
    });
    for (i, l) in subs.enumerate() {
        let written = &ctx.text()[l.prefix.clone()];
        let sub = format!("（{}）", super::numeral(i as u8 + 1));
        let d = sink.push(
            ctx.source_range(l.prefix.start..l.prefix.end + l.rest.len()),
            format!(
                "“{}{}”位于第一部分“总体情况”之中，似为其下级标题，却使用了一级编号“{}”",
                written.trim(),
                l.rest,
                written.trim()
            ),
            format!(
                "\"{}{}\" stands inside section 1 (总体情况) and looks like its sub-topic, but carries a top-level numeral",
                written.trim(),
                l.rest
            ),
        );
        let range = ctx.source_range(l.prefix.clone());
        if editable(ctx, &range) {
            d.fix = Some(Fix {
                applicability: Applicability::Unsafe,
                title: Message::new(
                    format!("改为下级编号“{sub}”"),
                    format!("Number it as a sub-topic, {sub}"),
                ),
                edits: vec![Edit {
                    range,
                    new_text: sub,
                }],
            });
        }
    }
}

/// [`numbered_lines`] block by block, kept by the block cache.
pub(crate) struct NumberedLines;

impl BlockAnalysis for NumberedLines {
    type Facts = Vec<(Range<usize>, Range<usize>)>;
    fn analyse(block: &str, _: Option<i32>) -> Self::Facts {
        numbered_lines(block)
    }
}

/// The lines numbered 一、… of the whole text, as [`numbered_lines`] finds them in it: from
/// the blocks, except the lines that a table's edge cuts, which are read whole.
pub(crate) fn numbered_lines_of(blocks: &Blocks) -> Vec<(Range<usize>, Range<usize>)> {
    let text = blocks.text();
    let cut = blocks.lines_cut();
    let in_cut = |at: usize| {
        let i = cut.partition_point(|r| r.end <= at);
        cut.get(i).is_some_and(|r| r.start <= at)
    };
    let mut out: Vec<(Range<usize>, Range<usize>)> = blocks
        .collect::<NumberedLines, _, _>(|lines| lines)
        .into_iter()
        .filter(|(prefix, _)| !in_cut(prefix.start))
        .collect();
    for line in &cut {
        out.extend(
            numbered_lines(&text[line.clone()])
                .into_iter()
                .map(|mut found| {
                    found.shift(line.start);
                    found
                }),
        );
    }
    out.sort_by_key(|(prefix, _)| prefix.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_agree_with_the_regex() {
        let re = regex::Regex::new(
            r"(?m)^[ \t\u{3000}]*([一二三四五六七八九十][ \t]*[、．.][ \t\u{3000}]*)(.*)$",
        )
        .unwrap();
        let mut texts = crate::read::meta::tests::sample_texts();
        texts.push(
            "一、\n 二 、 x\r\n\u{3000}三．\u{3000}\t四\n十.\n五\t、\n六\u{3000}、\n\n七、末\r\n八、"
                .to_string(),
        );
        texts.push("x一、a\n\n\n九、".to_string());
        let mut found = 0;
        for text in &texts {
            let expected: Vec<_> = re
                .captures_iter(text)
                .map(|c| (c.get(1).unwrap().range(), c.get(2).unwrap().range()))
                .collect();
            found += expected.len();
            assert_eq!(numbered_lines(text), expected, "{text}");
        }
        assert!(found > 30);
    }
    use crate::rules::structure::testing::{every_layout, replace_once};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            assert!(run(&RULE, &src).is_empty(), "{layout:?}");
        }
    }

    #[test]
    fn restarted_numbering_is_reported_and_safely_fixed() {
        let src = clean_report();
        let mut bad = src.clone();
        for (from, to) in [
            ("二、主动公开政府信息情况", "一、主动公开政府信息情况"),
            (
                "三、收到和处理政府信息公开申请情况",
                "二、收到和处理政府信息公开申请情况",
            ),
            ("四、政府信息公开行政复议", "三、政府信息公开行政复议"),
        ] {
            bad = replace_once(&bad, from, to);
        }
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert!(diags[0]
            .message
            .zh
            .contains("第二部分“主动公开政府信息情况”编号为“一、”，应为“二、”"));
        assert_eq!(&bad[diags[0].range.clone()], "一、主动公开政府信息情况");
        assert!(diags
            .iter()
            .all(|d| d.fix.as_ref().unwrap().applicability == Applicability::Safe));
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src);
        let again = run(&RULE, &fixed);
        assert!(again.is_empty());
        assert_eq!(apply_fixes(&fixed, &again), fixed);
    }

    #[test]
    fn heading_without_numeral_gets_one() {
        let src = clean_report();
        let bad = replace_once(&src, "\n六、其他需要报告的事项\n", "\n其他需要报告的事项\n");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("没有编号"));
        assert_eq!(apply_fixes(&bad, &diags), src);
    }

    #[test]
    fn promoted_subtopics_are_reported_and_numbering_fixes_become_unsafe() {
        // Like real/009: 总体情况's sub-topics as 二、三、, then the sections restart at 一.
        let src = clean_report();
        let bad = replace_once(
            &src,
            "一、总体情况\n",
            "一、总体情况\n概述。\n二、工作机制保障\n机制健全。\n三、政府信息管理\n管理规范。\n",
        );
        let bad = replace_once(&bad, "二、主动公开政府信息情况", "一、主动公开政府信息情况");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 3, "{diags:?}");
        let numbering = diags
            .iter()
            .find(|d| d.message.zh.contains("编号为"))
            .unwrap();
        assert_eq!(
            numbering.fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        let subs: Vec<_> = diags
            .iter()
            .filter(|d| d.message.zh.contains("似为其下级标题"))
            .collect();
        assert_eq!(subs.len(), 2);
        assert!(subs[0].message.zh.starts_with("“二、工作机制保障”"));
        let fixed = apply_fixes(&bad, &diags);
        assert!(fixed.contains("\n（一）工作机制保障\n"));
        assert!(fixed.contains("\n（二）政府信息管理\n"));
        assert!(fixed.contains("\n二、主动公开政府信息情况\n"));
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn table_rows_numbered_like_headings_are_not_stray() {
        // Table 三's "一、本年新收…" rows and a long numbered sentence in 总体情况 are not
        // sub-topic headings.
        let src = clean_report();
        let bad = replace_once(
            &src,
            "一、总体情况\n",
            "一、总体情况\n二、本机关全年主动公开政府信息一百余条，较上年有所增加，公开质量稳步提升。\n",
        );
        let diags = run(&RULE, &bad);
        assert!(diags.is_empty(), "{diags:?}");
    }
}
