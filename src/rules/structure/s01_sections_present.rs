//! S01 sections-present: 报告具备“一”至“六”全部六个部分，且顺序与格式一致。
//!
//! 检查：六个部分 一、总体情况 / 二、主动公开政府信息情况 / 三、收到和处理政府信息公开申请情况 / 四、
//! 政府信息公开行政复议、行政诉讼情况 / 五、存在的主要问题及改进情况 / 六、其他需要报告的事项 是否
//! 都在，顺序是否正确。标题按其文字含义识别，因此可以接受的其他写法（见 S02）无论编号如何（见 S03）
//! 都算作该部分存在。2019年以前年度的报告不检查（当时的条例规定的内容不同）。
//!
//! 原因：《条例》第五十条列出了年度报告必须包括的内容，2021年格式为每一项设了一个部分，要求内容“不
//! 能遗漏”。缺少一个部分，就缺少一项法定内容。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号：“年度报告内容，要严
//! 格按照《中华人民共和国政府信息公开条例》第五十条的规定确定，不能遗漏，也不宜泛化”。
//!
//! 示例：正文从表四直接到“六、其他需要报告的事项” → “缺少第五部分“五、存在的主要问题及改进情况”……”。
//! 如果表四之后的文字谈到问题或改进（如“（一）2024 年工作中存在问题的改进情况”），提示会说明这部分
//! 内容缺少标题。
//!
//! 修改：插入格式规定的标题行（不安全修复，需由撰写人核对或补写该部分）：插在缺少标题的内容或其表格
//! 之前，否则在下一部分标题之前，否则在文末。HTML 源文件不提供修复。顺序错误的部分在其标题处报告，
//! 不提供修复。
//!
//! ## English
//!
//! S01 sections-present: The report has all six sections 一…六, in the template's order.
//!
//! What: are the six sections there, in order: 一、总体情况 / 二、主动公开政府信息情况 /
//! 三、收到和处理政府信息公开申请情况 / 四、政府信息公开行政复议、行政诉讼情况 /
//! 五、存在的主要问题及改进情况 / 六、其他需要报告的事项. Headings are recognised by their meaning,
//! so the tolerated wordings (S02) count as present whatever their numeral (S03). Not checked for
//! reports of years before 2019 (the 2007 regulation listed other items).
//!
//! Why: Art. 50 of the 条例 lists what an annual report must contain, and the 2021 format gives
//! each item a section; the content "不能遗漏". A missing section is a missing statutory item.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条; 国办公开办函〔2021〕30号:
//! "年度报告内容，要严格按照《中华人民共和国政府信息公开条例》第五十条的规定确定，不能遗漏，也不宜泛化".
//!
//! Example: the text goes from table 四 to "六、其他需要报告的事项" →
//! "缺少第五部分“五、存在的主要问题及改进情况”…". When the text after table 四 speaks of 问题 or
//! 改进 ("（一）2024 年工作中存在问题的改进情况"), the finding says that this content has no
//! heading.
//!
//! Fix (unsafe: the writer must check or write the section): insert the official heading line where
//! the section belongs: before its orphaned content or its table, else before the next section's
//! heading, else at the end. No fix in HTML sources. A section out of order is reported at its
//! heading, without a fix.

use super::super::prelude::*;
use super::{
    is_han, line_start_before, official_title, point_at, table_range, text_range,
    under_2019_regulation,
};
use crate::read::model::{Heading, SourceKind};

pub const RULE: Rule = Rule {
    code: "S01",
    name: "sections-present",
    severity: Severity::Error,
    source: include_str!("s01_sections_present.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    if !under_2019_regulation(ctx) {
        return;
    }
    // The first heading of each kind, in document order; later repeats (a table caption, a
    // page header) say nothing about order.
    let mut firsts: Vec<&Heading> = Vec::new();
    for s in &ctx.report.sections {
        if firsts.iter().all(|h| h.kind != s.heading.kind) {
            firsts.push(&s.heading);
        }
    }
    let kept = in_order(&firsts);
    for (i, h) in firsts.iter().enumerate() {
        if kept[i] {
            continue;
        }
        // Name a neighbour that shows the disorder: a later section before it, or an earlier
        // one after it.
        let before = firsts[..i].iter().find(|o| o.kind > h.kind);
        let after = firsts[i + 1..].iter().find(|o| o.kind < h.kind);
        let (other, zh, en) = match (before, after) {
            (Some(o), _) => (o, "之后", "after"),
            (None, Some(o)) => (o, "之前", "before"),
            (None, None) => continue,
        };
        sink.push(
            h.span.clone(),
            format!(
                "第{}部分“{}”的位置不对：排在了第{}部分“{}”{zh}，六个部分应按一至六的顺序排列",
                super::numeral(h.kind.number()),
                official_title(h.kind),
                super::numeral(other.kind.number()),
                official_title(other.kind),
            ),
            format!(
                "section {} ({}) is out of order: it comes {en} section {}; the six sections must follow the order 1–6",
                h.kind.number(),
                official_title(h.kind),
                other.kind.number(),
            ),
        );
    }
    for kind in SectionKind::ALL {
        if firsts.iter().any(|h| h.kind == kind) {
            continue;
        }
        missing(ctx, sink, kind, &firsts);
    }
}

/// Which headings form the longest run in template order (the others are out of place).
fn in_order(hs: &[&Heading]) -> Vec<bool> {
    // Longest increasing subsequence by kind; quadratic, there are a handful of headings.
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(hs.len()); // (length, previous)
    for i in 0..hs.len() {
        let prev = (0..i)
            .filter(|&j| hs[j].kind < hs[i].kind)
            // On a tie keep the earlier heading: the later one is the one out of place.
            .max_by_key(|&j| (best[j].0, std::cmp::Reverse(j)));
        best.push((prev.map_or(1, |j| best[j].0 + 1), prev));
    }
    let mut kept = vec![false; hs.len()];
    let mut at = (0..hs.len()).max_by_key(|&i| (best[i].0, std::cmp::Reverse(i)));
    while let Some(i) = at {
        kept[i] = true;
        at = best[i].1;
    }
    kept
}

/// Where a missing section belongs, as a text position, and what is there.
enum Place {
    /// Text that seems to be the section's content, without its heading.
    Orphan(usize),
    /// The section's table.
    Table(usize),
    /// The heading of the next section present.
    Before(usize, SectionKind),
    End,
}

fn place(ctx: &Context, kind: SectionKind, firsts: &[&Heading]) -> Place {
    let text = ctx.text();
    let next = firsts
        .iter()
        .filter(|h| h.kind > kind)
        .min_by_key(|h| h.kind)
        .map(|h| (text_range(ctx, &h.span).start, h.kind));
    let limit = next.map_or(text.len(), |(p, _)| p);
    let tables = &ctx.report.tables;
    let table = match kind {
        SectionKind::Active => tables.t2.as_ref(),
        SectionKind::Requests => tables.t3.as_ref(),
        SectionKind::Review => tables.t4.as_ref(),
        _ => None,
    };
    if let Some(t) = table {
        let at = text_range(ctx, &t.span).start;
        if at < limit {
            return Place::Table(at);
        }
    }
    // 五 follows table 四: its first line of text, when it speaks of problems or improvements,
    // is the section's content that lost its heading (real/009, real/010).
    if kind == SectionKind::Problems {
        if let Some(t4) = tables.t4.as_ref() {
            let from = table_range(ctx, t4).end;
            if from < limit {
                let first = text[from..limit]
                    .split_inclusive('\n')
                    .scan(from, |at, line| {
                        let start = *at;
                        *at += line.len();
                        Some((start, line))
                    })
                    .find(|(_, line)| line.chars().any(is_han));
                if let Some((start, line)) = first {
                    if ["问题", "改进", "不足", "整改"]
                        .iter()
                        .any(|w| line.contains(w))
                    {
                        let lead = line.len() - line.trim_start().len();
                        return Place::Orphan(start + lead);
                    }
                }
            }
        }
    }
    match next {
        Some((p, k)) => Place::Before(p, k),
        None => Place::End,
    }
}

fn missing(ctx: &Context, sink: &mut Sink, kind: SectionKind, firsts: &[&Heading]) {
    let text = ctx.text();
    let heading = kind.official_heading();
    let n = super::numeral(kind.number());
    let (at, zh, en) = match place(ctx, kind, firsts) {
        Place::Orphan(p) => {
            let line: String = text[p..]
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(24)
                .collect();
            (
                Some(p),
                format!("缺少第{n}部分“{heading}”：此处的内容（“{}”）似属该部分，但没有标题", line.trim()),
                format!("section {} ({heading}) is missing: the text here seems to be its content, without the heading", kind.number()),
            )
        }
        Place::Table(p) => (
            Some(p),
            format!("缺少第{n}部分的标题“{heading}”：该部分的表格在此，但前面没有标题"),
            format!(
                "the heading of section {} ({heading}) is missing before its table",
                kind.number()
            ),
        ),
        Place::Before(p, next) => (
            Some(p),
            format!(
                "缺少第{n}部分“{heading}”，应位于“{}”之前",
                next.official_heading()
            ),
            format!(
                "section {} ({heading}) is missing; it belongs before section {}",
                kind.number(),
                next.number()
            ),
        ),
        Place::End => (
            None,
            format!("缺少第{n}部分“{heading}”，应位于报告末尾"),
            format!(
                "section {} ({heading}) is missing; it belongs at the end",
                kind.number()
            ),
        ),
    };
    let (range, insert_at, new_text) = match at {
        Some(p) => {
            let p = line_start_before(text, p);
            (point_at(ctx, p), p, format!("{heading}\n"))
        }
        None => {
            let last = text.trim_end().len();
            let line = text[..last].rfind('\n').map_or(0, |i| i + 1);
            let sep = if text.ends_with('\n') { "" } else { "\n" };
            (point_at(ctx, line), text.len(), format!("{sep}{heading}\n"))
        }
    };
    let d = sink.push(range, zh, en);
    // Text sources only (their text positions are source positions): in HTML the heading
    // would land inside the next element.
    if ctx.report.source == SourceKind::Text {
        d.fix = Some(Fix {
            applicability: Applicability::Unsafe,
            title: Message::new(
                format!("插入标题“{heading}”（请核对或补写该部分内容）"),
                format!("Insert the heading \"{heading}\" (check or write the section)"),
            ),
            edits: vec![Edit {
                range: insert_at..insert_at,
                new_text,
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{cut, drop_line, every_layout};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            assert!(run(&RULE, &src).is_empty(), "{layout:?}");
        }
    }

    /// Applies the fixes, checks the rule is then silent and a second application is a no-op.
    fn fixed(bad: &str) -> String {
        let diags = run(&RULE, bad);
        let once = apply_fixes(bad, &diags);
        let again = run(&RULE, &once);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(apply_fixes(&once, &again), once);
        once
    }

    #[test]
    fn missing_heading_of_section_five_is_found_with_its_content_and_restored() {
        let src = clean_report();
        let bad = drop_line(&src, "五、存在的主要问题及改进情况");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(d
            .message
            .zh
            .starts_with("缺少第五部分“五、存在的主要问题及改进情况”：此处的内容"));
        assert!(bad[d.range.clone()].starts_with("存在的主要问题是"));
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
        assert_eq!(fixed(&bad), src);
    }

    #[test]
    fn missing_section_with_its_text_goes_before_the_next_heading() {
        let src = clean_report();
        // No section 六 at all: the heading goes at the end.
        let bad = src[..src.find("六、其他需要报告的事项").unwrap()].to_string();
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("应位于报告末尾"));
        assert!(fixed(&bad).ends_with("六、其他需要报告的事项\n"));

        // Section 一 with its text removed: inserted before 二's heading.
        let bad = cut(&src, "一、总体情况", "二、主动公开政府信息情况");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0]
            .message
            .zh
            .contains("应位于“二、主动公开政府信息情况”之前"));
        let fixed = fixed(&bad);
        assert_eq!(
            fixed,
            bad.replacen("二、主动公开", "一、总体情况\n二、主动公开", 1)
        );
    }

    #[test]
    fn missing_table_heading_is_inserted_before_the_table() {
        let src = clean_report();
        let bad = drop_line(&src, "三、收到和处理政府信息公开申请情况");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.contains("该部分的表格在此"));
        assert_eq!(fixed(&bad), src);
    }

    #[test]
    fn two_missing_sections_give_two_diagnostics() {
        let src = clean_report();
        let bad = drop_line(&drop_line(&src, "一、总体情况"), "六、其他需要报告的事项");
        assert_eq!(run(&RULE, &bad).len(), 2);
    }

    #[test]
    fn tolerated_variants_count_as_present() {
        let src = clean_report().replace(
            "五、存在的主要问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
        );
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn section_out_of_order_is_reported_at_its_heading() {
        let src = clean_report();
        // Move section 一 (heading and text) after section 二's table.
        let one_start = src.find("一、总体情况").unwrap();
        let two_start = src.find("二、主动公开政府信息情况").unwrap();
        let three_start = src.find("三、收到和处理政府信息公开申请情况").unwrap();
        let one = &src[one_start..two_start];
        let bad = format!(
            "{}{}{}{}",
            &src[..one_start],
            &src[two_start..three_start],
            one,
            &src[three_start..]
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(bad[diags[0].range.clone()].starts_with("一、总体情况"));
        assert!(diags[0]
            .message
            .zh
            .contains("排在了第二部分“主动公开政府信息情况”之后"));
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn no_insertion_fix_in_html() {
        let src = crate::sample::Stats::generate(7).render(crate::sample::Layout::Html);
        let bad = src.replace("<p><span>六、其他需要报告的事项</span></p>", "");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
    }
}
