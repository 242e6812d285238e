//! X02 text-vs-t3-outcomes: the outcomes the text states equal the rows of table 三.
//!
//! Why: reports break their applications down by outcome in the narrative too (`予以公开12件，
//! 部分公开3件，不予公开2件，无法提供5件…`). A figure that differs from its table row means the
//! report is inaccurate in one place or the other (30号: "发布内容不准确"; spec §7.4).
//!
//! Compared, all in the 总计 column: 予以公开 / 同意公开 with （一）予以公开 (`t3.r03.c7`);
//! 部分公开 with （二） (`t3.r04.c7`); 予以公开及部分公开 with their sum; 不予公开 with the sum
//! of （三） 1–8 (`r05`–`r12`); 无法提供 with （四） 1–3 (`r13`–`r15`); 不掌握信息 with （四）1
//! (`r13`); 不予处理 with （五） 1–5 (`r16`–`r20`); 其他处理 with （六） 1–3 (`r21`–`r23`; the
//! single row of the 2019 table).
//!
//! `因本机关不掌握等原因无法提供564件` is a 无法提供 figure, not a 不掌握 one; `不予以公开` is
//! not 予以公开; figures for one kind of applicant or another year are skipped. Silent when a
//! cell of the row or the sum is blank, unreadable or split by arithmetic.
//!
//! Basis: 国办公开办函〔2021〕30号, table 三; spec §3.4, §5.3, §7.4 (X02).
//!
//! Example: "其中予以公开15件" with （一）予以公开·总计 12 →
//! "正文称“予以公开15件”，但表三 （一）予以公开·总计为12".
//!
//! No fix: either number may be the wrong one.

use super::super::prelude::*;
use super::narrative::Subject;

pub const RULE: Rule = Rule {
    code: "X02",
    name: "text-vs-t3-outcomes",
    severity: Severity::Warning,
    source: include_str!("x02_text_vs_t3_outcomes.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    use Subject::*;
    super::check_subjects(
        ctx,
        sink,
        &[
            Published,
            Partial,
            PublishedOrPartial,
            NotDisclosed,
            Unable,
            NotHeld,
            NotProcessed,
            OtherProcessing,
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cross::testing::{report, stats};
    use crate::rules::testing::run;

    fn total(rows: std::ops::RangeInclusive<u8>) -> u64 {
        let s = stats();
        rows.map(|r| s.t3_cell(r, 7)).sum()
    }

    #[test]
    fn agreeing_outcomes_are_silent() {
        let sentence = format!(
            "其中，予以公开{}件，部分公开{}件，不予公开{}件，因本机关不掌握等原因无法提供{}件，不掌握信息{}件，不予处理{}件，其他处理{}件。予以公开及部分公开{}件。",
            total(3..=3),
            total(4..=4),
            total(5..=12),
            total(13..=15),
            total(13..=13),
            total(16..=20),
            total(21..=23),
            total(3..=4),
        );
        let src = report(&sentence);
        assert!(run(&RULE, &src).is_empty(), "{:?}", run(&RULE, &src));
    }

    #[test]
    fn each_wrong_outcome_is_reported() {
        let cases = [
            ("予以公开", 3..=3, "（一）予以公开·总计为"),
            ("部分公开", 4..=4, "（二）部分公开·总计为"),
            (
                "予以公开及部分公开",
                3..=4,
                "（一）予以公开与（二）部分公开·总计之和为",
            ),
            ("不予公开", 5..=12, "（三）不予公开各项·总计之和为"),
            ("无法提供", 13..=15, "（四）无法提供各项·总计之和为"),
            (
                "不掌握相关信息",
                13..=13,
                "（四）1.本机关不掌握相关政府信息·总计为",
            ),
            ("不予处理", 16..=20, "（五）不予处理各项·总计之和为"),
            ("其他处理", 21..=23, "（六）其他处理各项·总计之和为"),
        ];
        for (words, rows, named) in cases {
            let want = total(rows);
            let stated = want + 7;
            let src = report(&format!("办结的申请中，{words}{stated}件。"));
            let diags = run(&RULE, &src);
            assert_eq!(diags.len(), 1, "{words}: {diags:?}");
            let d = &diags[0];
            assert_eq!(&src[d.range.clone()], stated.to_string());
            assert!(
                d.message.zh.contains(&format!("{named}{want}")),
                "{}",
                d.message.zh
            );
            assert!(!d.related.is_empty());
        }
    }

    #[test]
    fn pitfalls_stay_silent() {
        for sentence in [
            "予以公开占85.5%。",
            "自然人申请中予以公开999件。",
            "上年予以公开999件。",
            "予以公开件数同比增长999件。",
            "予以公开900至999件。",
        ] {
            let src = report(sentence);
            assert!(
                run(&RULE, &src).is_empty(),
                "{sentence}: {:?}",
                run(&RULE, &src)
            );
        }
    }

    #[test]
    fn not_disclosed_is_not_published() {
        let src = report(&format!("不予以公开{}件。", total(5..=12)));
        assert!(run(&RULE, &src).is_empty(), "{:?}", run(&RULE, &src));
        let src = report(&format!("不予以公开{}件。", total(5..=12) + 1));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("不予公开各项"));
    }
}
