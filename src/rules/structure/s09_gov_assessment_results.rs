//! S09 gov-assessment-results: a people's government's report states the results of 工作考核,
//! 社会评议 and 责任追究.
//!
//! Why: 《条例》第五十条(四): "各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会评议和
//! 责任追究结果情况". 国办公开办函〔2021〕30号 puts them under 监督保障 in 一、总体情况. The
//! duty is the government's own (a county, a city, a 乡镇 or 街道), not its departments'.
//!
//! Each of the three counts as stated when the text names it anywhere: 考核 (工作考核, 绩效考核);
//! 评议 (社会评议), 社会评价, 群众评价, 满意度测评 or 满意度调查 (not a bare 满意度: "提升群众
//! 满意度" is an aim, real/001); 责任追究, 追究责任, 追责 or 问责. A statement that there was
//! none ("全年未发生责任追究情况") is a result. Whether the sentence gives a result rather than a
//! plan is not checked.
//!
//! Basis: 《条例》第五十条(四); 国办公开办函〔2021〕30号 (一); spec §2.1, §7.1 (S09).
//!
//! Example: a county report that says "纳入绩效考核" but nothing of 评议 or 追究 → "人民政府的
//! 年度报告应说明社会评议、责任追究结果情况，全文未见".
//!
//! No fix: the facts must come from the government.

use super::super::prelude::*;
use super::under_2019_regulation;

pub const RULE: Rule = Rule {
    code: "S09",
    name: "gov-assessment-results",
    severity: Severity::Error,
    source: include_str!("s09_gov_assessment_results.rs"),
    check,
};

/// The three items, each with the words that state it.
const ITEMS: [(&str, &str, &[&str]); 3] = [
    ("工作考核", "work assessment (工作考核)", &["考核"]),
    (
        "社会评议",
        "public appraisal (社会评议)",
        &["评议", "社会评价", "群众评价", "满意度测评", "满意度调查"],
    ),
    (
        "责任追究",
        "accountability (责任追究)",
        &["责任追究", "追究责任", "追究相关", "追责", "问责"],
    ),
];

fn check(ctx: &Context, sink: &mut Sink) {
    if !matches!(
        ctx.issuer_kind,
        Some(IssuerKind::Government | IssuerKind::Township)
    ) || !under_2019_regulation(ctx)
    {
        return;
    }
    // PDF text breaks lines inside words ("社会评\n议").
    let text: String = ctx.text().chars().filter(|c| !c.is_whitespace()).collect();
    let missing: Vec<_> = ITEMS
        .iter()
        .filter(|(_, _, words)| !words.iter().any(|w| text.contains(w)))
        .collect();
    if missing.is_empty() {
        return;
    }
    let zh: Vec<&str> = missing.iter().map(|m| m.0).collect();
    let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
    let at = ctx
        .report
        .section(SectionKind::Overview)
        .or(ctx.report.sections.first())
        .map_or(0..0, |s| s.heading.span.clone());
    sink.push(
        at,
        format!(
            "人民政府的年度报告应说明{}结果情况（《条例》第五十条第（四）项，通常写在总体情况的监督保障部分），全文未见",
            zh.join("、")
        ),
        format!(
            "a people's government's report must state the results of {} (Art. 50(4); usually under 监督保障 in section 1); none found",
            en.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::replace_once;
    use crate::rules::testing::{clean_report, run, run_as};

    /// The generated report states all three in its overview.
    const RESULTS: &str = "将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情形。";

    fn without_results() -> String {
        replace_once(&clean_report(), RESULTS, "")
    }

    #[test]
    fn silent_for_departments_and_when_all_three_are_stated() {
        assert!(run_as(&RULE, &without_results(), IssuerKind::Department).is_empty());
        assert!(run_as(&RULE, &clean_report(), IssuerKind::Government).is_empty());
        assert!(run_as(&RULE, &clean_report(), IssuerKind::Township).is_empty());
    }

    #[test]
    fn government_report_without_them_names_all_three() {
        let src = without_results();
        let diags = run_as(&RULE, &src, IssuerKind::Government);
        assert_eq!(diags.len(), 1);
        assert!(diags[0]
            .message
            .zh
            .contains("应说明工作考核、社会评议、责任追究结果情况"));
        assert!(src[diags[0].range.clone()].starts_with("一、总体情况"));
    }

    #[test]
    fn names_only_what_is_missing() {
        let src = clean_report().replace("全年未发生责任追究情形", "工作平稳");
        let diags = run_as(&RULE, &src, IssuerKind::Township);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("应说明责任追究结果情况"));
        // A word broken over a line still counts.
        let src = clean_report().replace("社会评议", "社会评\n议");
        assert!(run_as(&RULE, &src, IssuerKind::Government).is_empty());
    }

    #[test]
    fn issuer_from_the_report() {
        // Sample seed 0 is 示例市人民政府: the issuer kind read from the title applies.
        let src = crate::sample::Stats::generate(0).render(crate::sample::Layout::CellPerLine);
        assert!(run(&RULE, &src).is_empty());
        assert_eq!(run(&RULE, &src.replacen(RESULTS, "", 1)).len(), 1);
    }
}
