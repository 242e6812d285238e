//! S09 gov-assessment-results: 人民政府的年度报告说明工作考核、社会评议和责任追究结果情况。
//!
//! 检查：发布机关为人民政府（县、市、乡镇或街道等）时，全文是否提到这三项。以下写法算作提到：考核
//! （工作考核、绩效考核）；评议（社会评议）、社会评价、群众评价、满意度测评或满意度调查（单独的“满
//! 意度”不算，“提升群众满意度”只是目标）；责任追究、追究责任、追责或问责。说明没有发生的（如“全年未
//! 发生责任追究情况”）也是结果。不判断句子写的是结果还是计划。政府部门的报告不检查。
//!
//! 原因：这是条例对各级人民政府年度报告的专门要求，国办公开办函〔2021〕30号把它放在“一、总体情况”的
//! 监督保障中。这一义务属于政府本身，不属于其部门。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第（四）项：“各级人民政府的政府信息公开工作年度
//! 报告还应当包括工作考核、社会评议和责任追究结果情况”；国办公开办函〔2021〕30号（一）总体情况。
//!
//! 示例：某县政府的报告写了“纳入绩效考核”，但没有提到评议和追究 → “人民政府的年度报告应说明社会评议、
//! 责任追究结果情况，全文未见”。
//!
//! 修改：不提供自动修复，相关情况须由政府填写。
//!
//! ## English
//!
//! S09 gov-assessment-results: A people's government's report states the results of 工作考核,
//! 社会评议 and 责任追究.
//!
//! What: when the issuer is a people's government (a county, a city, a 乡镇 or 街道), does the text
//! name each of the three? Each counts as stated when the text names: 考核 (工作考核, 绩效考核);
//! 评议 (社会评议), 社会评价, 群众评价, 满意度测评 or 满意度调查 (not a bare 满意度:
//! "提升群众满意度" is an aim); 责任追究, 追究责任, 追责 or 问责. A statement that there was none
//! ("全年未发生责任追究情况") is a result. Whether the sentence gives a result rather than a plan
//! is not checked. Reports of departments are not checked.
//!
//! Why: the 条例 requires this of every people's government's report, and 国办公开办函〔2021〕30号
//! puts it under 监督保障 in 一、总体情况. The duty is the government's own, not its departments'.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第（四）项:
//! "各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会评议和责任追究结果情况";
//! 国办公开办函〔2021〕30号, （一）总体情况.
//!
//! Example: a county report that says "纳入绩效考核" but nothing of 评议 or 追究 →
//! "人民政府的年度报告应说明社会评议、责任追究结果情况，全文未见".
//!
//! Fix: none; the facts must come from the government.

use super::super::prelude::*;
use super::under_2019_regulation;
use crate::rules::blocks::BlockAnalysis;

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
    // Block by block (a word does not run across a paragraph or a heading), so that an
    // editor's change reads only the blocks it touched.
    let named = [
        ctx.blocks().any::<ItemsNamed, _>(names::<0>),
        ctx.blocks().any::<ItemsNamed, _>(names::<1>),
        ctx.blocks().any::<ItemsNamed, _>(names::<2>),
    ];
    let missing: Vec<_> = ITEMS
        .iter()
        .zip(named)
        .filter(|(_, named)| !named)
        .map(|(item, _)| item)
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

/// Which of [`ITEMS`] a block names, one bit each.
pub(crate) struct ItemsNamed;

impl BlockAnalysis for ItemsNamed {
    type Facts = u8;

    fn analyse(block: &str, _: Option<i32>) -> u8 {
        // PDF text breaks lines inside words ("社会评\n议").
        let text: String = block.chars().filter(|c| !c.is_whitespace()).collect();
        ITEMS
            .iter()
            .enumerate()
            .filter(|(_, (_, _, words))| words.iter().any(|w| text.contains(w)))
            .fold(0, |bits, (i, _)| bits | 1 << i)
    }
}

/// Whether a block's [`ItemsNamed`] has item `I` (a function per item: the cache keeps what
/// each test found by the test's type).
fn names<const I: usize>(bits: &u8) -> bool {
    bits & 1 << I != 0
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
