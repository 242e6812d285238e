//! T04 deadline-government: 县级以上地方人民政府本级的年度报告在次年3月31日前公布。
//!
//! 检查：发布机关为县级以上地方人民政府本身（包括行署，以及代行地区政府职能的管委会）时，发布日期是
//! 否晚于次年3月31日。发布机关类型取自配置，否则从报告中识别；类型、报告年度或日期未知时不检查。
//!
//! 原因：条例给县级以上地方人民政府的年度报告留出到3月31日的期限，比其部门（T03）多两个月。若对所有
//! 报告一律按1月31日检查，就会把这些按时发布的报告误报为逾期。
//!
//! 依据：《中华人民共和国政府信息公开条例》第四十九条第二款：“县级以上地方人民政府的政府信息公开工
//! 作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。”
//!
//! 示例：“某某县人民政府2024年……年度报告”，“发布时间：2025-04-08” → “县级以上地方人民政府年报应于
//! 2025年3月31日前公布，本报告发布于2025年4月8日，逾期8天”；县政府2024年度报告于2025年2月17日发布，
//! 则按时。
//!
//! 修改：不提供自动修复；发布日期是事实，请核对发布机关类型和日期。
//!
//! ## English
//!
//! T04 deadline-government: A county-level or higher government's own report is published by 31
//! March of the next year.
//!
//! What: when the issuer is a county-level or higher local government itself (including a 行署, and
//! a 管委会 standing in for a region's government), is the publication date after 31 March of the
//! next year? The issuer kind comes from configuration, else from the report; silent when the kind,
//! the report year or the date is unknown.
//!
//! Why: the 条例 gives a county-level or higher local government's own report until 31 March, two
//! months more than its departments (T03). A naive "everything by 1月31日" check would wrongly flag
//! such reports.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第四十九条第二款:
//! "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。"
//!
//! Example: "某某县人民政府2024年…年度报告", "发布时间: 2025-04-08" →
//! "县级以上地方人民政府年报应于2025年3月31日前公布，本报告发布于2025年4月8日，逾期8天". A county
//! government's 2024 report dated 2025-02-17 is on time.
//!
//! Fix: none; the date is a fact. Check the issuer kind and the date.

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
