//! T03 deadline-department: 政府部门的年度报告在次年1月31日前公布。
//!
//! 检查：发布机关为县级以上人民政府的部门时，发布日期是否晚于次年1月31日（当天发布不算逾期）。部门
//! 包括县、市、盟、省政府的局、委、办、厅、中心，行署的部门，政府办公室，以及国务院部门。发布机关类
//! 型取自配置，否则从报告中识别；类型、报告年度或日期未知时不检查（缺少日期由 T06 报告）。页面上的
//! 发布时间优先于文末落款日期，采用落款日期时提示中会说明。
//!
//! 原因：条例规定县级以上人民政府部门每年1月31日前提交并公布上一年度的年度报告。国办公开办函〔2021〕
//! 30号把“不按时发布”列为依《条例》第四十七条追究责任的情形之一。
//!
//! 依据：《中华人民共和国政府信息公开条例》第四十九条第一款：“县级以上人民政府部门应当在每年1月31日
//! 前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。”
//!
//! 示例：“某某县发展和改革局2024年……年度报告”，“发布时间：2025-03-10” → “部门年报应于2025年1月31日
//! 前公布，本报告发布于2025年3月10日，逾期38天”。
//!
//! 修改：不提供自动修复；发布日期是事实，请核对发布机关类型和日期。
//!
//! ## English
//!
//! T03 deadline-department: A department's report is published by 31 January of the next year.
//!
//! What: when the issuer is a department of a county-level or higher government, is the publication
//! date after 31 January of the next year (the day itself is on time)? Departments include the
//! 局/委/办/厅/中心 of a county, city, league or province government, a 行署's departments, a
//! government's own 办公室, and the State Council's departments. The issuer kind comes from
//! configuration, else from the report; silent when the kind, the report year or the date is
//! unknown (T06 reports a missing date). A page-header date is preferred to the 落款 date, which
//! the message names as such.
//!
//! Why: the 条例 requires county-level and higher government departments to submit and publish last
//! year's report by 31 January. 国办公开办函〔2021〕30号 names "不按时发布" among the failures that
//! lead to accountability under Art. 47 of the 条例.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第四十九条第一款:
//! "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。"
//!
//! Example: "某某县发展和改革局2024年…年度报告", "发布时间: 2025-03-10" →
//! "部门年报应于2025年1月31日前公布，本报告发布于2025年3月10日，逾期38天".
//!
//! Fix: none; the date is a fact. Check the issuer kind and the date.

use super::super::prelude::*;
use super::check_deadline;

pub const RULE: Rule = Rule {
    code: "T03",
    name: "deadline-department",
    severity: Severity::Error,
    source: include_str!("t03_deadline_department.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    check_deadline(
        ctx,
        sink,
        IssuerKind::Department,
        (1, 31),
        ("部门", "a department"),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::rules::testing::{run, run_as};
    use crate::sample::{Layout, Stats};

    const TITLE: &str = "某某县发展和改革局2024年政府信息公开工作年度报告";

    #[test]
    fn a_late_department_report_names_both_dates() {
        let src = doc(TITLE, Some("2025-03-10"), "");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(&src[d.range.clone()], "2025-03-10");
        assert_eq!(
            d.message.zh,
            "部门年报应于2025年1月31日前公布，本报告发布于2025年3月10日，逾期38天"
        );
        assert_eq!(&src[d.related[0].range.clone()], "2024");
    }

    #[test]
    fn the_deadline_day_is_on_time() {
        assert!(run(&RULE, &doc(TITLE, Some("2025-01-31"), "")).is_empty());
        assert!(!run(&RULE, &doc(TITLE, Some("2025-02-01"), "")).is_empty());
    }

    #[test]
    fn a_generated_department_report_signed_late() {
        let mut stats = Stats::generate(1);
        stats.agency = "示例县发展和改革局".into();
        stats.year = 2024;
        let src = stats.render(Layout::PipeLed);
        assert!(run(&RULE, &src).is_empty(), "signed 2025年1月20日");
        let late = src.replace("2025年1月20日", "2025年2月3日");
        let diags = run(&RULE, &late);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].message.zh,
            "部门年报应于2025年1月31日前公布，本报告落款日期为2025年2月3日，逾期3天"
        );
    }

    #[test]
    fn a_county_government_is_not_held_to_january() {
        let src = doc(
            "某某县人民政府2024年政府信息公开工作年度报告",
            Some("2025-02-17"),
            "",
        );
        assert!(run(&RULE, &src).is_empty());
        // Configuration may say otherwise.
        assert_eq!(run_as(&RULE, &src, IssuerKind::Department).len(), 1);
    }

    #[test]
    fn silent_without_a_date_or_a_year() {
        assert!(run(&RULE, &doc(TITLE, None, "")).is_empty());
        let no_year = doc(
            "某某县发展和改革局政府信息公开工作年度报告",
            Some("2025-03-10"),
            "",
        );
        assert!(run(&RULE, &no_year).is_empty());
    }
}
