//! X03 text-vs-t4: 正文所说的行政复议、行政诉讼件数与表四一致。
//!
//! 检查：“行政复议N件/起”与行政复议·总计比较；“行政诉讼N件/起”与两项诉讼总计（未经复议直接起诉、复
//! 议后起诉）之和比较，表中没有单独的单元格记这个和。不比较：两者合计（“行政复议、行政诉讼案件74件”）
//! 、某种结果（“行政复议纠错3件”“结果维持72件”）、没有“行政”的“诉讼9件”、别的年份的数字。相关总计空
//! 白、无法读取或按合计拆分读出时不检查。
//!
//! 原因：第四部分（常常还有第一部分）会写明信息公开工作引起了多少行政复议和行政诉讼（“因政府信息公
//! 开申请引发的行政复议36起，行政诉讼9起”），表四统计的是同样的案件，数字必须一致。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表四；该文件把“发布内容不准确”列为追究责任的情
//! 形之一。
//!
//! 示例：“行政诉讼9起”，而两项诉讼总计为 6 和 2 → “正文称“行政诉讼9起”，但表四 行政诉讼（未经复议直
//! 接起诉与复议后起诉）·总计之和为8”。
//!
//! 修改：不提供自动修复，两个数字都可能是错的。
//!
//! ## English
//!
//! X03 text-vs-t4: The 行政复议 and 行政诉讼 cases the text states equal table 四.
//!
//! What: 行政复议N件/起 is compared with 行政复议·总计; 行政诉讼N件/起 with the sum of the two
//! lawsuit totals, 未经复议直接起诉 and 复议后起诉 (no single cell holds it). Not compared: a count
//! of both (`行政复议、行政诉讼案件74件`), an outcome (`行政复议纠错3件`, `结果维持72件`),
//! `诉讼9件` without 行政, another year's figures. Silent when a total is blank or unreadable, or
//! was split by the group's arithmetic.
//!
//! Why: section 四, and often section 一, state how many administrative reviews and lawsuits the
//! agency's disclosure work drew (`因政府信息公开申请引发的行政复议36起，行政诉讼9起`). Table 四
//! counts the same cases; the numbers must agree.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, table 四; that notice names
//! "发布内容不准确" among the failures that lead to accountability.
//!
//! Example: "行政诉讼9起" with the lawsuit totals 6 and 2 → "正文称“行政诉讼9起”，但表四
//! 行政诉讼（未经复议直接起诉与复议后起诉）·总计之和为8".
//!
//! Fix: none; either number may be the wrong one.

use super::super::prelude::*;
use super::narrative::Subject;

pub const RULE: Rule = Rule {
    code: "X03",
    name: "text-vs-t4",
    severity: Severity::Warning,
    source: include_str!("x03_text_vs_t4.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::check_subjects(ctx, sink, &[Subject::Review, Subject::Litigation]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cross::testing::{report, stats};
    use crate::rules::testing::run;

    fn totals() -> (u64, u64) {
        let t4 = stats().t4;
        (t4[4], t4[9] + t4[14])
    }

    #[test]
    fn agreeing_counts_are_silent() {
        let (review, suits) = totals();
        for sentence in [
            format!("因政府信息公开申请引发的行政复议{review}起，行政诉讼{suits}起。"),
            format!("共有行政诉讼案件{suits}件、行政复议案件{review}件。"),
            format!("政府信息公开行政复议{review}件，其中结果维持999件。"),
            format!("涉及的行政诉讼数为{suits}件。"),
        ] {
            let src = report(&sentence);
            assert!(
                run(&RULE, &src).is_empty(),
                "{sentence}: {:?}",
                run(&RULE, &src)
            );
        }
    }

    #[test]
    fn wrong_review_and_lawsuit_counts() {
        let (review, suits) = totals();
        let src = report(&format!(
            "行政复议{}件，行政诉讼{}件。",
            review + 1,
            suits + 2
        ));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], (review + 1).to_string());
        assert!(diags[0]
            .message
            .zh
            .ends_with(&format!("表四 行政复议·总计为{review}")));
        assert_eq!(diags[0].related.len(), 1);
        assert!(diags[1]
            .message
            .zh
            .ends_with(&format!("·总计之和为{suits}")));
        assert_eq!(diags[1].related.len(), 2);
    }

    #[test]
    fn number_before_the_subject() {
        let review = totals().0;
        let src = report(&format!(
            "本年有{}件涉及政府信息公开工作的行政复议。",
            review + 4
        ));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], (review + 4).to_string());
    }

    #[test]
    fn pitfalls_stay_silent() {
        for sentence in [
            "全县共办理行政复议、行政诉讼案件999件。",
            "行政复议纠错999件。",
            "信息公开类行政复议纠错0件，诉讼999件。",
            "上年行政复议999件。",
            "2020年行政诉讼999件。",
            "行政诉讼同比减少999件。",
        ] {
            let src = report(sentence);
            assert!(
                run(&RULE, &src).is_empty(),
                "{sentence}: {:?}",
                run(&RULE, &src)
            );
        }
    }
}
