//! X03 text-vs-t4: the 行政复议 and 行政诉讼 cases the text states equal table 四.
//!
//! Why: section 四 and often section 一 state how many administrative reviews and lawsuits
//! the agency's disclosure work drew (`因政府信息公开申请引发的行政复议36起，行政诉讼9起`). Table
//! 四 counts the same cases; the numbers must agree (spec §7.4; ../shared/corpus/seeds/002 says
//! `行政复议7件`, as its table does).
//!
//! Compared: 行政复议N件/起 with 行政复议·总计 (`t4.review.total`); 行政诉讼N件/起 with the
//! sum of the two lawsuit totals, 未经复议直接起诉 and 复议后起诉 (`t4.direct.total +
//! t4.after_review.total`; spec §3.6 A04d — no single cell holds it).
//!
//! Not matched: a count of both (`行政复议、行政诉讼案件74件`), an outcome (`行政复议纠错3件`,
//! `结果维持72件`), `诉讼9件` without 行政, another year's figures. Silent when a total is blank
//! or unreadable, or was split by the group's arithmetic.
//!
//! Basis: 国办公开办函〔2021〕30号, table 四; spec §3.5, §3.6, §7.4 (X03).
//!
//! Example: "行政诉讼9起" with the lawsuit totals 6 and 2 → "正文称“行政诉讼9起”，但表四
//! 行政诉讼（未经复议直接起诉与复议后起诉）·总计之和为8".
//!
//! No fix: either number may be the wrong one.

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
