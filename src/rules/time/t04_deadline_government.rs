//! T04 deadline-government: a county-level or higher government's own report is published by
//! 31 March of the next year.
//!
//! Why: 条例 Art. 49 ¶2 gives the 政府信息公开工作主管部门 of a 县级以上地方人民政府 until "每年3月31日
//! 前" to publish the government's own report for the previous year, two months more than its
//! departments (T03). A naive "everything by 1月31日" check would wrongly flag such reports.
//!
//! Basis: 条例 Art. 49 ¶2 [V]; spec §3.8, §7.5 T04.
//!
//! Example: "某某县人民政府2024年…年度报告", "发布时间: 2025-04-08" →
//! "县级以上地方人民政府年报应于2025年3月31日前公布，本报告发布于2025年4月8日，逾期8天". 兴和县's
//! 2024 report dated 2025-02-17 is on time.
//!
//! Governments include a 行署 and a 管委会 standing in for a region's government (平潭综合实验区).
//! Uses the issuer kind from configuration, else from the report; silent when the kind, the
//! report year or the date is unknown.

use super::super::prelude::*;
use super::check_deadline;

pub const RULE: Rule = Rule {
    code: "T04",
    name: "deadline-government",
    severity: Severity::Error,
    source: include_str!("t04_deadline_government.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    check_deadline(
        ctx,
        sink,
        IssuerKind::Government,
        (3, 31),
        (
            "县级以上地方人民政府",
            "a county-level or higher government",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::rules::testing::{run, run_as};

    const TITLE: &str = "某某县人民政府2024年政府信息公开工作年度报告";

    #[test]
    fn a_county_government_in_february_is_on_time() {
        // seeds/002: no title, the year from the announcement, the date from the 落款.
        let src = "根据《条例》规定，现向社会公布2024年兴和县政府信息公开工作年度报告。\n一、总体情况\n正文。\n2025年02月17日\n";
        assert!(run(&RULE, src).is_empty());
        assert!(run(&RULE, &doc(TITLE, Some("2025-03-31"), "")).is_empty());
    }

    #[test]
    fn a_late_government_report() {
        let src = doc(TITLE, Some("2025-04-08"), "");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], "2025-04-08");
        assert_eq!(
            diags[0].message.zh,
            "县级以上地方人民政府年报应于2025年3月31日前公布，本报告发布于2025年4月8日，逾期8天"
        );
    }

    #[test]
    fn departments_and_townships_are_not_its_business() {
        let dept = doc(
            "某某县发展和改革局2024年政府信息公开工作年度报告",
            Some("2025-04-08"),
            "",
        );
        assert!(run(&RULE, &dept).is_empty());
        let src = doc(TITLE, Some("2025-04-08"), "");
        assert!(run_as(&RULE, &src, IssuerKind::Township).is_empty());
    }
}
