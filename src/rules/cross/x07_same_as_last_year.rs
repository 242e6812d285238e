//! X07 same-as-last-year: 正文照搬了上一年的报告（或其他机关的报告）。
//!
//! 检查：比较的对象是同一次检查的文件中同一机关最近的前一年报告，以及（批量检查时）其他机关的报告；
//! 一批报告中大多数都有的文字属于模板用语，不会因此把两份报告当作雷同的候选。正文（六个部分，不含表
//! 格）只保留字母和汉字，每一串数字或中文数字算作一个记号（这样改了数字和年份也掩盖不了照搬的句子），
//! 切成相互重叠的八字片段。本报告的片段有多少比例出现在另一份报告的正文中，就是相似度；达到 80% 即
//! 报告，并给出百分比（向下取整）。表格：表三、表四的所有单元格都已读出、与上一年完全相同且不全为 0
//! 时报告。单独检查、机关或年份未知、正文少于 200 个片段（太短，无法判断）时不检查。同一机关同一年
//! 度的两个文件（网页及其文本）视为同一份报告。
//!
//! 原因：年度报告是一年工作的记述；评估中对“内容雷同”（照搬上一年或同级单位的文字）扣分，曾有评估发
//! 现年报与上一年的重复率高达 90%。连续两年完全相同的表三、表四，是数字上的同一问题。
//!
//! 依据：国办公开办函〔2021〕30号：出现“不按时发布、发布内容不准确不全面或者内容雷同、敷衍塞责等问
//! 题并造成不良后果的”，依据《条例》第四十七条追究责任。
//!
//! 示例：“正文与 2023 年度报告（2023.txt）的正文 92% 相同（超过 80%），内容雷同”。
//!
//! 修改：不提供自动修复，须按本年度的实际工作重新撰写。
//!
//! ## English
//!
//! X07 same-as-last-year: The narrative copies last year's report (or another agency's).
//!
//! What: compared are the same agency's most recent earlier report among the files checked together
//! and, in a batch, the reports of other agencies (text that most reports of the batch share is
//! template wording and does not make two reports candidates). The narrative (the six sections
//! without the tables) is folded to its letters and Han characters, each run of digits or Chinese
//! numerals counting as one mark (so changed numbers and years do not hide a copied sentence), and
//! cut into overlapping eight-character pieces. The share of this report's pieces found in the
//! other report's narrative is the similarity; 80% or more is reported, with the percentage
//! (rounded down). Tables: all cells of 三 and 四 read, equal to the previous report's, and not all
//! zero. Silent when checked alone, when the agency or year is unknown, and for a narrative of
//! fewer than 200 pieces (too short to judge). The same agency and year in two files (a page and
//! its text) is one report.
//!
//! Why: a report is a year's account; evaluators deduct for 内容雷同, text carried over from the
//! previous year or copied from a sibling unit (one evaluation found reports repeating last year's
//! text up to 90%). Identical tables 三 and 四 two years running are the same defect in numbers.
//!
//! Basis: 国办公开办函〔2021〕30号: reports with
//! "不按时发布、发布内容不准确不全面或者内容雷同、敷衍塞责等问题" that cause harm lead to
//! accountability under Art. 47 of the 条例.
//!
//! Example: "正文与 2023 年度报告（2023.txt）的正文 92% 相同（超过 80%），内容雷同".
//!
//! Fix: none; the text must be written for this year's work.

use super::super::prelude::*;
use crate::rules::peers::{containment, same_agency, Peer, PeerSet, MIN_SHINGLES};

pub const RULE: Rule = Rule {
    code: "X07",
    name: "same-as-last-year",
    severity: Severity::Warning,
    source: include_str!("x07_same_as_last_year.rs"),
    check,
};

/// Share of the narrative found in the other report from which it counts as copied.
const THRESHOLD: f64 = 0.8;

fn check(ctx: &Context, sink: &mut Sink) {
    super::with_peers(ctx, sink, check_peer);
}

/// The check on a report's summary: what `nianbao check` runs once every file was read.
pub fn check_peer(me: &Peer, peers: &PeerSet, sink: &mut Sink) {
    let at = me.anchor.clone();
    let long_enough = me.shingles.len() >= MIN_SHINGLES;
    if let Some(previous) = peers.previous(&me.agency, me.year, Some(&me.path)) {
        let share = containment(&me.shingles, &previous.shingles);
        if long_enough && share >= THRESHOLD {
            let pct = percent(share);
            sink.push(
                at.clone(),
                format!(
                    "正文与 {} 年度报告（{}）的正文 {pct}% 相同（超过 80%），内容雷同",
                    previous.year, previous.path
                ),
                format!(
                    "the narrative is {pct}% the same as the {} report's ({}; threshold 80%)",
                    previous.year, previous.path
                ),
            );
        }
        if let (Some(now), Some(then)) = (&me.flows, &previous.flows) {
            if now == then && now.iter().any(|&v| v != 0) {
                sink.push(
                    at.clone(),
                    format!(
                        "表三、表四的全部 {} 个数字与 {} 年度报告（{}）完全相同",
                        now.len(),
                        previous.year,
                        previous.path
                    ),
                    format!(
                        "all {} numbers of tables 3 and 4 equal the {} report's ({})",
                        now.len(),
                        previous.year,
                        previous.path
                    ),
                );
            }
        }
    }
    if !long_enough {
        return;
    }
    let others: Vec<_> = peers
        .similar(&me.shingles, THRESHOLD)
        .into_iter()
        .filter(|(p, _)| p.path != me.path && !same_agency(&p.agency, &me.agency))
        .collect();
    if let Some((other, share)) = others.first() {
        let pct = percent(*share);
        let more = others.len() - 1;
        let (more_zh, more_en) = if more > 0 {
            (
                format!("；另有 {more} 份报告超过 80%"),
                format!("; {more} more above 80%"),
            )
        } else {
            (String::new(), String::new())
        };
        sink.push(
            at,
            format!(
                "正文与{}{} 年度报告（{}）的正文 {pct}% 相同（超过 80%），内容雷同{more_zh}",
                other.agency, other.year, other.path
            ),
            format!(
                "the narrative is {pct}% the same as {}'s {} report ({}; threshold 80%){more_en}",
                other.agency, other.year, other.path
            ),
        );
    }
}

/// A share as a whole percentage, rounded down (79.6% is not "80%").
fn percent(share: f64) -> u32 {
    (share * 100.0 + 1e-9).floor() as u32
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lint::{check_source, Settings};
    use crate::read::reader::read;
    use crate::sample::{Layout, Stats, STORIES};

    fn report(seed: u64, agency: &str, year: i32, story: &str) -> String {
        let mut s = Stats::generate(seed);
        s.agency = agency.into();
        s.year = year;
        s.render_with_story(Layout::CellPerLine, story)
    }

    fn settings(sources: &[(&str, &str)]) -> Settings {
        let peers = sources
            .iter()
            .filter_map(|(path, src)| Peer::of(path, &read(src)))
            .collect();
        Settings {
            selection: crate::rules::Selection {
                select: vec!["X07".into()],
                ..Default::default()
            },
            peers: Some(Arc::new(PeerSet::new(peers))),
            ..Default::default()
        }
    }

    fn x07(src: &str, settings: &Settings) -> Vec<String> {
        check_source(src, settings)
            .diagnostics
            .into_iter()
            .map(|d| d.message.zh)
            .collect()
    }

    #[test]
    fn a_narrative_copied_from_last_year_is_found_with_its_percentage() {
        let last = report(1, "示例县发展和改革局", 2023, STORIES[0]);
        // Next year's numbers and one new sentence: still a copy.
        let this = report(
            2,
            "示例县发展和改革局",
            2024,
            &format!(
                "{}新增一句关于年度重点工作的说明。",
                STORIES[0].replace("两次", "三次")
            ),
        );
        let s = settings(&[("2023.txt", &last), ("2024.txt", &this)]);
        let found = x07(&this, &s);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("正文与 2023 年度报告（2023.txt）的正文 9"),
            "{}",
            found[0]
        );
        // The earlier report is not a copy of the later one.
        assert!(x07(&last, &s).is_empty());
    }

    #[test]
    fn a_rewritten_narrative_and_a_short_one_are_not_reported() {
        let last = report(1, "示例县发展和改革局", 2023, STORIES[0]);
        let this = report(2, "示例县发展和改革局", 2024, STORIES[1]);
        let s = settings(&[("2023.txt", &last), ("2024.txt", &this)]);
        assert!(x07(&this, &s).is_empty());
        // The samples' own narrative is short: identical, but too short to judge.
        let a = report(1, "示例县发展和改革局", 2023, "");
        let b = report(2, "示例县发展和改革局", 2024, "");
        let s = settings(&[("a.txt", &a), ("b.txt", &b)]);
        assert!(x07(&b, &s).is_empty());
        // Alone: nothing to compare with.
        assert!(x07(&this, &Settings::default()).is_empty());
    }

    #[test]
    fn identical_tables_two_years_running_are_reported() {
        let last = report(5, "示例县发展和改革局", 2023, "");
        let this = report(5, "示例县发展和改革局", 2024, "");
        let s = settings(&[("2023.txt", &last), ("2024.txt", &this)]);
        let found = x07(&this, &s);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0],
            "表三、表四的全部 190 个数字与 2023 年度报告（2023.txt）完全相同"
        );
        let other = report(6, "示例县发展和改革局", 2024, "");
        assert!(x07(&other, &s).is_empty());
    }

    #[test]
    fn another_agencys_copied_narrative_is_found_in_a_batch() {
        let a = report(1, "示例县发展和改革局", 2024, STORIES[0]);
        let b = report(2, "示例县财政局", 2024, STORIES[0]);
        let c = report(3, "示例县教育局", 2024, STORIES[1]);
        let s = settings(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &c)]);
        let found = x07(&b, &s);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("正文与示例县发展和改革局2024 年度报告（a.txt）的正文 "),
            "{}",
            found[0]
        );
        assert!(x07(&c, &s).is_empty());
    }

    #[test]
    fn one_report_in_two_files_is_not_a_copy() {
        let a = report(1, "示例县发展和改革局", 2024, STORIES[0]);
        let s = settings(&[("a.txt", &a), ("a.html", &a)]);
        assert!(x07(&a, &s).is_empty());
    }
}
