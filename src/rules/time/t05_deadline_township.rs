//! T05 deadline-township: a township or street report has no statutory deadline; the date
//! found is reported for a check against local rules.
//!
//! Why: 条例 Art. 49 sets deadlines only for 县级以上 governments and their departments. 乡镇、
//! 街道、苏木 reports follow local rules, usually January or February (e.g. 怀化 2021: counties
//! collect township reports by 2月20日), which the linter does not know.
//!
//! Basis: 条例 Art. 49 (scope); spec §3.7 (local notices), §3.8, §7.5 T05.
//!
//! Example: "某某镇人民政府2024年…年度报告", "发布时间: 2025-02-10" →
//! "乡镇、街道年报不适用《条例》第四十九条的法定期限，请按本地规定核对；本报告发布于2025年2月10日".
//!
//! Silent when no date is found (T06 reports that).

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
