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
//! 修改：不提供自动修复，请核对是哪一个年份写错了。
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
//! Fix: none; check which year is wrong.

use super::super::prelude::*;
use super::{published, title_year, whole_year, zh_date};

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

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
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
}
