//! T05 deadline-township: 乡镇、街道的年度报告没有法定公布期限，报告发现的发布日期，供按本地规定核
//! 对。
//!
//! 检查：发布机关为乡镇、街道（或苏木等）时，给出找到的发布日期。没有找到日期时不报告（由 T06 报告）。
//!
//! 原因：条例第四十九条只为县级以上人民政府及其部门规定了期限。乡镇、街道的报告按本地规定执行，通常
//! 在1月或2月（如某市2021年要求各县在2月20日前汇总乡镇报告），nianbao 不知道这些本地规定，因此只作
//! 提示。
//!
//! 依据：《中华人民共和国政府信息公开条例》第四十九条（适用范围为县级以上人民政府及其部门）。
//!
//! 示例：“某某镇人民政府2024年……年度报告”，“发布时间：2025-02-10” → “乡镇、街道年报不适用《条例》第
//! 四十九条的法定期限，请按本地规定核对；本报告发布于2025年2月10日”。
//!
//! 修改：不需要修改，请按本地规定核对日期。
//!
//! ## English
//!
//! T05 deadline-township: A township or street report has no statutory deadline; the date found is
//! reported for a check against local rules.
//!
//! What: when the issuer is a 乡镇, 街道 or 苏木, the publication date found. Silent when no date
//! is found (T06 reports that).
//!
//! Why: Art. 49 of the 条例 sets deadlines only for county-level and higher governments and their
//! departments. Township and street reports follow local rules, usually January or February (one
//! city in 2021 had its counties collect township reports by 20 February), which nianbao does not
//! know; hence info.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第四十九条 (its scope: county-level and higher
//! governments and their departments).
//!
//! Example: "某某镇人民政府2024年…年度报告", "发布时间: 2025-02-10" →
//! "乡镇、街道年报不适用《条例》第四十九条的法定期限，请按本地规定核对；本报告发布于2025年2月10日".
//!
//! Fix: nothing to change; check the date against the local rules.

use super::super::prelude::*;
use super::published;

pub const RULE: Rule = Rule {
    code: "T05",
    name: "deadline-township",
    severity: Severity::Info,
    source: include_str!("t05_deadline_township.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.issuer_kind != Some(IssuerKind::Township) {
        return;
    }
    let Some(p) = published(ctx) else {
        return;
    };
    sink.push(
        p.span,
        format!(
            "乡镇、街道年报不适用《条例》第四十九条的法定期限，请按本地规定核对；{}",
            p.zh
        ),
        format!(
            "a township or street report has no statutory deadline under Art. 49; check local rules: {}",
            p.en
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn reports_the_date_of_a_township_report() {
        let src = doc(
            "某某镇人民政府2024年政府信息公开工作年度报告",
            Some("2025-02-10"),
            "",
        );
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].range.clone()], "2025-02-10");
        assert!(diags[0].message.zh.ends_with("本报告发布于2025年2月10日"));
    }

    #[test]
    fn silent_for_others_and_without_a_date() {
        let dept = doc(
            "某某县发展和改革局2024年政府信息公开工作年度报告",
            Some("2025-02-10"),
            "",
        );
        assert!(run(&RULE, &dept).is_empty());
        let undated = doc("某某镇人民政府2024年政府信息公开工作年度报告", None, "");
        assert!(run(&RULE, &undated).is_empty());
    }
}
