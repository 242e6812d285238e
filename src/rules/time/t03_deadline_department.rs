//! T03 deadline-department: a department's report is published by 31 January of the next
//! year.
//!
//! Why: 条例 Art. 49 ¶1 requires 县级以上人民政府部门 to submit and publish last year's report
//! "在每年1月31日前". Departments include the 局/委/办/厅/中心 of a county, city, league or
//! province government, a 行署's departments, a government's own 办公室, and 国务院部门. 30号
//! （四） names "不按时发布" among the failures that lead to Art. 47 accountability.
//!
//! Basis: 条例 Art. 49 ¶1 [V]; spec §3.8, §7.5 T03.
//!
//! Example: "某某县发展和改革局2024年…年度报告", "发布时间: 2025-03-10" →
//! "部门年报应于2025年1月31日前公布，本报告发布于2025年3月10日，逾期38天". The deadline day itself
//! is on time.
//!
//! Uses the issuer kind from configuration, else from the report (spec §3.8); silent when the
//! kind, the report year or the date is unknown (T06 reports a missing date). A page-header
//! date is preferred to the 落款 date, which the message names as such.

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
