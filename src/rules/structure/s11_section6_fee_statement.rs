//! S11 section6-fee-statement: section 六 states the 信息处理费 situation.
//!
//! Why: since 国办函〔2020〕109号 (《政府信息公开信息处理费管理办法》, in force for 2021), every
//! report says in 六、其他需要报告的事项 whether 信息处理费 was collected, usually citing that
//! document (spec §7.1: universal in 2021+ reports; the exact 30号 wording is not available, so
//! this is a warning).
//!
//! The statement counts as present when section 六 names 信息处理费, 处理费 or 收费. Not checked
//! for reports of years before 2021.
//!
//! Basis: 国办函〔2020〕109号; 《条例》第四十二条; spec §2.3, §7.1 (S11).
//!
//! Example: "六、其他需要报告的事项\n无。" → "第六部分未说明信息处理费的收取情况".
//!
//! No fix: the facts must come from the agency.

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
    let text: String = ctx.text()[body]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if ["处理费", "收费"].iter().any(|w| text.contains(w)) {
        return;
    }
    sink.push(
        s.heading.span.clone(),
        "第六部分未说明信息处理费的收取情况（是否收取，依据国办函〔2020〕109号）",
        "section 6 does not state whether information processing fees were collected (国办函〔2020〕109号)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::replace_once;
    use crate::rules::testing::{clean_report, run};

    const FEE: &str = "本年度未收取信息处理费（依据国办函〔2020〕109号）。";

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
