//! S11 section6-fee-statement: 第六部分说明信息处理费的收取情况。
//!
//! 检查：2021年及以后年度的报告，第六部分是否提到“信息处理费”“处理费”或“收费”。
//!
//! 原因：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自2021年起施行以来，年度报告普遍
//! 在“六、其他需要报告的事项”中说明是否收取了信息处理费，通常引用该办法。年度报告格式中对此的原文无
//! 法核实，因此本规则为警告。
//!
//! 依据：国办函〔2020〕109号《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》；《中
//! 华人民共和国政府信息公开条例》第四十二条（信息处理费）。
//!
//! 示例：“六、其他需要报告的事项\n无。” → “第六部分未说明信息处理费的收取情况”。
//!
//! 修改：不提供自动修复，相关情况须由填报单位说明。
//!
//! ## English
//!
//! S11 section6-fee-statement: Section 六 states the 信息处理费 situation.
//!
//! What: in reports for 2021 or later, does section 六 name 信息处理费, 处理费 or 收费?
//!
//! Why: since 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) took effect for 2021,
//! reports state in 六、其他需要报告的事项 whether a 信息处理费 was collected, usually citing that
//! document. The format's own wording on this could not be verified, hence a warning.
//!
//! Basis: 国办函〔2020〕109号 《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》;
//! 《中华人民共和国政府信息公开条例》第四十二条 (the 信息处理费).
//!
//! Example: "六、其他需要报告的事项\n无。" → "第六部分未说明信息处理费的收取情况".
//!
//! Fix: none; the facts must come from the agency.

use super::super::prelude::*;
use super::section_body;

pub const RULE: Rule = Rule {
    code: "S11",
    name: "section6-fee-statement",
    severity: Severity::Warning,
    source: include_str!("s11_section6_fee_statement.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    if ctx
        .report
        .meta
        .year
        .as_ref()
        .is_some_and(|y| y.value < 2021)
    {
        return;
    }
    let (Some(s), Some(body)) = (
        ctx.report.section(SectionKind::Other),
        section_body(ctx, SectionKind::Other),
    ) else {
        return;
    };
    if ["处理费", "收费"]
        .iter()
        .any(|w| contains_across_spaces(&ctx.text()[body.clone()], w))
    {
        return;
    }
    sink.push(
        s.heading.span.clone(),
        "第六部分未说明信息处理费的收取情况（是否收取，依据国办函〔2020〕109号）",
        "section 6 does not state whether information processing fees were collected (国办函〔2020〕109号)",
    );
}

/// Whether `text` holds `word` with any white space between its characters (PDF text breaks
/// lines inside words: "处理\n费"). Stops at the first one: a section that states the fee early
/// is not read to its end (in an editor, the last section of a long file runs to its end).
fn contains_across_spaces(text: &str, word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return true;
    };
    let rest = &word[first.len_utf8()..];
    text.match_indices(first).any(|(at, _)| {
        let mut after = text[at + first.len_utf8()..]
            .chars()
            .filter(|c| !c.is_whitespace());
        rest.chars().all(|w| after.next() == Some(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::replace_once;
    use crate::rules::testing::{clean_report, run};

    const FEE: &str = "本年度未收取信息处理费（依据国办函〔2020〕109号）。";

    #[test]
    fn words_are_found_across_white_space_as_in_the_squeezed_text() {
        let cases = [
            ("未收取信息处理费", true),
            ("处理\n费", true),
            ("处 理\r\n\u{3000}费。", true),
            ("处理", false),
            ("处处理费", true),
            ("处理税费", false),
            ("", false),
        ];
        for (text, expected) in cases {
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(squeezed.contains("处理费"), expected, "{text:?}");
            assert_eq!(contains_across_spaces(text, "处理费"), expected, "{text:?}");
        }
    }

    #[test]
    fn silent_when_the_fee_is_stated() {
        assert!(run(&RULE, &clean_report()).is_empty());
        let src = replace_once(&clean_report(), FEE, "本机关未收取信息公开处理费。");
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn missing_fee_statement() {
        let src = replace_once(&clean_report(), FEE, "无。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].range.clone()], "六、其他需要报告的事项");
        assert!(diags[0].message.zh.starts_with("第六部分未说明信息处理费"));
    }

    #[test]
    fn not_checked_before_2021() {
        let src = replace_once(&clean_report(), FEE, "无。");
        let year = crate::sample::Stats::generate(7).year.to_string();
        let old = src.replace(&year, "2019");
        assert!(run(&RULE, &old).is_empty());
    }
}
