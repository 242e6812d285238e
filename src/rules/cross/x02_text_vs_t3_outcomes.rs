//! X02 text-vs-t3-outcomes: 正文所说的各种办理结果件数与表三对应行一致。
//!
//! 检查：都按总计列比较：“予以公开”“同意公开”与（一）予以公开；“部分公开”与（二）；“予以公开及部分
//! 公开”与二者之和；“不予公开”与（三）1–8 之和；“无法提供”与（四）1–3 之和；“不掌握信息”与（四）1；
//! “不予处理”与（五）1–5 之和；“其他处理”与（六）1–3 之和（2019年格式为一行）。“因本机关不掌握等原
//! 因无法提供564件”是无法提供的件数，不是不掌握的件数；“不予以公开”不是“予以公开”；某一类申请人的或
//! 别的年份的数字跳过。相关单元格空白、无法读取或按合计拆分读出时不检查。
//!
//! 原因：报告在正文中也按办理结果分列件数（“予以公开12件，部分公开3件，不予公开2件，无法提供5件……”）。
//! 与表中对应行不一致，说明报告至少有一处不准确。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表三；该文件把“发布内容不准确”列为追究责任的情
//! 形之一。
//!
//! 示例：“其中予以公开15件”，而（一）予以公开·总计为 12 → “正文称“予以公开15件”，但表三 （一）予以
//! 公开·总计为12”。
//!
//! 修改：不提供自动修复，两个数字都可能是错的。
//!
//! ## English
//!
//! X02 text-vs-t3-outcomes: The outcomes the text states equal the rows of table 三.
//!
//! What: all in the 总计 column: 予以公开 / 同意公开 with （一）予以公开; 部分公开 with （二）;
//! 予以公开及部分公开 with their sum; 不予公开 with the sum of （三） 1–8; 无法提供 with （四）
//! 1–3; 不掌握信息 with （四）1; 不予处理 with （五） 1–5; 其他处理 with （六） 1–3 (the single row
//! of the 2019 table). `因本机关不掌握等原因无法提供564件` is a 无法提供 figure, not a 不掌握 one;
//! `不予以公开` is not 予以公开; figures for one kind of applicant or another year are skipped.
//! Silent when a cell of the row or the sum is blank, unreadable or split by arithmetic.
//!
//! Why: reports break their applications down by outcome in the narrative too
//! (`予以公开12件，部分公开3件，不予公开2件，无法提供5件…`). A figure that differs from its table
//! row means the report is inaccurate in one place or the other.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, table 三; that notice names
//! "发布内容不准确" among the failures that lead to accountability.
//!
//! Example: "其中予以公开15件" with （一）予以公开·总计 12 → "正文称“予以公开15件”，但表三
//! （一）予以公开·总计为12".
//!
//! Fix: none; either number may be the wrong one.

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
