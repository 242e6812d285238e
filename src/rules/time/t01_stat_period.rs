//! T01 stat-period: 报告写明的统计期限是报告年度的1月1日至12月31日。
//!
//! 检查：报告开头写明的统计期限（如“本报告所列数据统计期限为2024年1月1日至2024年12月31日”）是否正好
//! 是报告年度的全年。起止日期不对、或统计的是另一年为错误。没有写明统计期限、或期限在抓取中丢了“年”
//! “月”字（如“统计期限自202211日起至20221231日止”）以致日期无法可靠读出时，为提示。期限是另一个完整
//! 年度时由 T02 报告（它会同时说明两个年份）。
//!
//! 原因：年度报告报告的是上一年度的工作，开头一段按惯例写明统计期限。期限从别的日子开始或结束，或者
//! 是另一年，说明统计数据不是报告年度的。
//!
//! 依据：《中华人民共和国政府信息公开条例》第四十九条（“上一年度政府信息公开工作年度报告”）；四川省
//! 地方标准 DB51/T 2660—2019 第2.1条“年度报告统计时间段为上一年度1月1日至12月31日”；全国通行的写法。
//!
//! 示例：“……2024年政府信息公开工作年度报告”写“统计期限为2024年1月1日至2024年11月30日” → “统计期限为
//! 2024年1月1日至2024年11月30日，应为2024年1月1日至2024年12月31日”。
//!
//! 修改：不提供自动修复，请核对统计期限和统计数据。
//!
//! ## English
//!
//! T01 stat-period: The stated statistics period is the report year, 1 January to 31 December.
//!
//! What: the statistics period stated in the opening paragraph
//! ("本报告所列数据统计期限为2024年1月1日至2024年12月31日"): is it exactly the report year? A
//! period that starts or ends on another day, or covers another year, is an error. Info when no
//! period is stated, and when the period lost its 年/月 characters in scraping
//! ("统计期限自202211日起至20221231日止") so that its dates cannot be read with confidence. A
//! period that is a whole calendar year other than the title's year is left to T02, which names
//! both years.
//!
//! Why: a report covers the previous calendar year, and its opening paragraph conventionally says
//! so. A period that starts or ends on another day, or covers another year, means the statistics
//! are not those of the report year.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第四十九条 ("上一年度政府信息公开工作年度报告");
//! Sichuan's local standard DB51/T 2660—2019 §2.1 "年度报告统计时间段为上一年度1月1日至12月31日";
//! national practice.
//!
//! Example: "…2024年政府信息公开工作年度报告" stating "统计期限为2024年1月1日至2024年11月30日" →
//! "统计期限为2024年1月1日至2024年11月30日，应为2024年1月1日至2024年12月31日".
//!
//! Fix: none; check the period and the statistics.

use std::sync::LazyLock;

use regex::Regex;

use super::super::prelude::*;
use super::{anchor, title_year, whole_year, zh_date};

pub const RULE: Rule = Rule {
    code: "T01",
    name: "stat-period",
    severity: Severity::Error,
    source: include_str!("t01_stat_period.rs"),
    check,
};

/// A period-like phrase after "统计…" that meta could not read as two dates: digits, 年/月/日
/// and white space, e.g. "202211日起至20221231日" or "2025  1  1  日至2025  12  31  日".
static UNREAD_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"统计(?:期限|时限|周期|时间段|时段|时间|区间|期间|范围)?[\s:：]*(?:为|是|从|自)?\s*(?P<a>\d[\d\s年月日]*?日)\s*起?\s*(?:至|到|—|－|-|~|～)\s*(?P<b>\d[\d\s年月日]*?日)",
    )
    .expect("constant pattern")
});

fn check(ctx: &Context, sink: &mut Sink) {
    let meta = &ctx.report.meta;
    let Some((start, end)) = meta.stat_period.as_ref() else {
        no_period(ctx, sink);
        return;
    };
    let (a, b) = (start.value, end.value);
    let year = meta.year.as_ref().map_or(a.year, |y| y.value);
    match whole_year(a, b) {
        Some(y) if y == year => return,
        // Another whole year than the title's: T02 reports the two years.
        Some(_) if title_year(ctx).is_some() => return,
        _ => {}
    }
    let d = sink.push(
        start.span.start..end.span.end,
        format!(
            "统计期限为{}至{}，应为{year}年1月1日至{year}年12月31日",
            zh_date(a),
            zh_date(b)
        ),
        format!("the statistics period is {a} to {b}; it should be {year}-01-01 to {year}-12-31"),
    );
    if let Some(y) = &meta.year {
        d.related.push(Related {
            range: y.span.clone(),
            message: Message::new(
                format!("报告年度：{}年", y.value),
                format!("report year: {}", y.value),
            ),
        });
    }
}

/// No readable period: a damaged one (info, possible extraction loss), or none at all.
fn no_period(ctx: &Context, sink: &mut Sink) {
    let found = UNREAD_PERIOD.captures(ctx.text()).and_then(|c| {
        let (a, b) = (c.name("a")?, c.name("b")?);
        Some((a.start()..b.end(), a.as_str(), b.as_str()))
    });
    let d = match found {
        Some((range, a, b)) => {
            let written: String = ctx.text()[range.clone()].split_whitespace().collect();
            let range = ctx.source_range(range);
            // The end may omit its year ("至12月31日"); the start needs both 年 and 月.
            if !a.contains('年') || !a.contains('月') || !b.contains('月') {
                sink.push(
                    range,
                    format!("统计期限“{written}”缺少“年”“月”字，可能是提取时丢失，无法核对"),
                    format!("statistics period \"{written}\" lacks 年/月 characters, possibly lost in extraction; cannot check it"),
                )
            } else {
                sink.push(
                    range,
                    format!("统计期限“{written}”无法识别为有效日期"),
                    format!("statistics period \"{written}\" is not a valid pair of dates"),
                )
            }
        }
        None => sink.push(
            anchor(ctx),
            "未写明统计期限（通常为“本报告所列数据统计期限为某年1月1日至12月31日”）",
            "no statistics period is stated (usually \"本报告所列数据统计期限为Y年1月1日至Y年12月31日\")",
        ),
    };
    d.severity = Severity::Info;
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::rules::testing::{clean_report, run};

    const TITLE: &str = "某某县发展和改革局2024年政府信息公开工作年度报告";

    fn period(p: &str) -> String {
        doc(
            TITLE,
            Some("2025-01-10"),
            &format!("本报告所列数据统计期限为{p}。"),
        )
    }

    #[test]
    fn silent_on_the_report_year() {
        assert!(run(&RULE, &clean_report()).is_empty());
        assert!(run(&RULE, &period("2024年1月1日至2024年12月31日")).is_empty());
        // The end inherits the start's year.
        assert!(run(&RULE, &period("2024年1月1日至12月31日")).is_empty());
    }

    #[test]
    fn a_period_short_of_the_year_is_an_error() {
        let src = period("2024年1月1日至2024年11月30日");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(&src[d.range.clone()], "2024年1月1日至2024年11月30日");
        assert_eq!(
            d.message.zh,
            "统计期限为2024年1月1日至2024年11月30日，应为2024年1月1日至2024年12月31日"
        );
        assert_eq!(&src[d.related[0].range.clone()], "2024");
    }

    #[test]
    fn a_period_over_two_years_is_an_error() {
        let diags = run(&RULE, &period("2023年1月1日至2024年12月31日"));
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn another_whole_year_than_the_titles_is_left_to_t02() {
        assert!(run(&RULE, &period("2023年1月1日至2023年12月31日")).is_empty());
    }

    #[test]
    fn no_period_is_info() {
        let src = doc(TITLE, None, "现将本报告公布如下。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Info);
        assert_eq!(&src[diags[0].range.clone()], TITLE);
    }

    #[test]
    fn lost_year_and_month_characters_are_info() {
        for lost in [
            "202411日起至20241231日止",
            "2024  1  1  日至2024  12  31  日",
        ] {
            let src = doc(TITLE, None, &format!("本报告所列数据统计期限自{lost}。"));
            let diags = run(&RULE, &src);
            assert_eq!(diags.len(), 1, "{lost}");
            let d = &diags[0];
            assert_eq!(d.severity, Severity::Info);
            assert!(
                d.message.zh.contains("可能是提取时丢失"),
                "{}",
                d.message.zh
            );
            assert!(lost.starts_with(&src[d.range.clone()]));
        }
    }

    #[test]
    fn an_impossible_date_is_unreadable_not_lost() {
        let diags = run(&RULE, &period("2024年1月1日至2024年2月30日"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Info);
        assert!(diags[0].message.zh.contains("无法识别"));
    }
}
