//! S10 section5-both-parts: 第五部分既写存在的主要问题，也写改进情况。
//!
//! 检查：第五部分的文字是否同时写了问题和改进。出现“问题”“不足”“差距”“短板”“薄弱”“有待”“仍需”或“尚
//! 需”算写了问题；出现“改进”“整改”“措施”“举措”“下一步”“今后”“针对”（“针对上述问题，……”）或“将进一步
//! /将继续/将持续/将加强/将切实”算写了改进。标题本身不算。与上一年是否雷同由 X07 检查。
//!
//! 原因：条例要求报告“政府信息公开工作存在的主要问题及改进情况”，两者缺一不可。第五部分为空、只写
//! “无”、只列问题不说怎么改（或反过来），都不符合要求。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第（四）项。
//!
//! 示例：“五、存在的主要问题及改进情况\n无。” → “第五部分“存在的主要问题及改进情况”只写了“无””。
//!
//! 修改：不提供自动修复，内容须由填报单位撰写。
//!
//! ## English
//!
//! S10 section5-both-parts: Section 五 states both the problems and the improvements.
//!
//! What: does the text of section 五 state both? Problems count as stated when it names 问题, 不足,
//! 差距, 短板, 薄弱, 有待, 仍需 or 尚需; improvements when it names 改进, 整改, 措施, 举措, 下一步,
//! 今后, 针对 ("针对上述问题，…") or a plan "将进一步/将继续/将持续/将加强/将切实". The heading
//! itself does not count. Whether this year's text repeats last year's is X07's concern.
//!
//! Why: the 条例 requires "政府信息公开工作存在的主要问题及改进情况": both halves. A section 五
//! that is empty, says only "无", or lists problems without what was or will be done about them (or
//! the reverse) does not meet it.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第（四）项.
//!
//! Example: "五、存在的主要问题及改进情况\n无。" → "第五部分“存在的主要问题及改进情况”只写了“无”".
//!
//! Fix: none; the text must come from the agency.

use super::super::prelude::*;
use super::section_body;

pub const RULE: Rule = Rule {
    code: "S10",
    name: "section5-both-parts",
    severity: Severity::Warning,
    source: include_str!("s10_section5_both_parts.rs"),
    check,
};

const PROBLEMS: [&str; 8] = [
    "问题", "不足", "差距", "短板", "薄弱", "有待", "仍需", "尚需",
];
/// Plans are often written "针对上述问题，…将…" without the words 改进 or 措施 (real/008).
const IMPROVEMENTS: [&str; 12] = [
    "改进",
    "整改",
    "措施",
    "举措",
    "下一步",
    "今后",
    "针对",
    "将进一步",
    "将继续",
    "将持续",
    "将加强",
    "将切实",
];

fn check(ctx: &Context, sink: &mut Sink) {
    let (Some(s), Some(body)) = (
        ctx.report.section(SectionKind::Problems),
        section_body(ctx, SectionKind::Problems),
    ) else {
        return;
    };
    let text: String = ctx.text()[body]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let at = s.heading.span.clone();
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() || bare == "无" {
        let (zh, en) = if bare.is_empty() {
            ("内容为空", "is empty")
        } else {
            ("只写了“无”", "only says 无 (none)")
        };
        sink.push(
            at,
            format!("第五部分“存在的主要问题及改进情况”{zh}：应写明存在的主要问题和改进情况"),
            format!("section 5 (problems and improvements) {en}; it must state both"),
        );
        return;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let missing = match (has(&PROBLEMS), has(&IMPROVEMENTS)) {
        (true, true) => return,
        (false, true) => ("存在的主要问题", "the problems"),
        (true, false) => ("改进情况（已采取或将采取的措施）", "the improvements"),
        (false, false) => (
            "存在的主要问题和改进情况",
            "the problems or the improvements",
        ),
    };
    sink.push(
        at,
        format!("第五部分未写明{}", missing.0),
        format!("section 5 does not state {}", missing.1),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::replace_once;
    use crate::rules::testing::{clean_report, run};

    const BODY: &str = "存在的主要问题是政策解读形式单一。改进情况：丰富解读形式，加强培训。";

    fn with_body(body: &str) -> String {
        replace_once(&clean_report(), BODY, body)
    }

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
        assert!(run(&RULE, &with_body("工作还有差距。下一步将加强培训。")).is_empty());
    }

    #[test]
    fn empty_or_none() {
        let diags = run(&RULE, &with_body("无。"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("只写了“无”"));
        let src = with_body("");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("内容为空"));
        assert_eq!(&src[diags[0].range.clone()], "五、存在的主要问题及改进情况");
    }

    #[test]
    fn one_half_missing() {
        let diags = run(&RULE, &with_body("本年度工作中存在的不足是解读形式单一。"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.starts_with("第五部分未写明改进情况"));
        assert!(run(&RULE, &with_body("仍存在短板。针对上述问题，精准施策。")).is_empty());
        let diags = run(&RULE, &with_body("本年度工作中存在的不足是解读形式单一。"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.starts_with("第五部分未写明改进情况"));
        let diags = run(&RULE, &with_body("下一步将丰富解读形式，加强培训。"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message.zh, "第五部分未写明存在的主要问题");
    }
}
