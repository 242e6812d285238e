//! X04 text-vs-t2: 正文所说的文件、决定件数和收费金额与表二一致。
//!
//! 检查：制发、废止、现行有效的规章和（行政）规范性文件件数，与表二的本年制发件数、本年废止件数、现
//! 行有效件数比较；行政许可、行政处罚、行政强制 N件 与各自的本年处理决定数量比较；行政事业性收费 N
//! 万元 与本年收费金额比较（按小数比较，`88.780` 等于 `88.78`；以元为单位的金额不比较）。信息处理费
//! 是另一回事，从不与表二比较（见 X06）。不比较：公开的件数（“主动公开规章13件”“公开行政处罚决定20
//! 件”）、事项数（“行政许可事项20项”）、别的年份或其中一部分的数字。2019年格式的表没有制发件数和收
//! 费金额，只比较决定数量。相关单元格空白或无法读取时不检查。
//!
//! 原因：第二部分的正文常常重复表二的数字（“本年度制发行政规范性文件62件”“现行有效行政规范性文件393
//! 件”“作出行政处罚决定1100件”）。与单元格不一致，说明其中一处不准确。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表二；该文件把“发布内容不准确”列为追究责任的情
//! 形之一。
//!
//! 示例：“本年度制发行政规范性文件62件”，而行政规范性文件·本年制发件数为 60 → “正文称“制发行政规范
//! 性文件62件”，但表二 行政规范性文件·本年制发件数为60”。
//!
//! 修改：不提供自动修复，两个数字都可能是错的。
//!
//! ## English
//!
//! X04 text-vs-t2: The documents, decisions and fees the text states equal table 二.
//!
//! What: 制发 / 废止 / 现行有效 规章 and (行政)规范性文件 are compared with the 本年制发件数,
//! 本年废止件数 and 现行有效件数 cells of table 二; 行政许可 / 行政处罚 / 行政强制 N件 with their
//! 本年处理决定数量; 行政事业性收费 N万元 with 本年收费金额 (as decimals, `88.780` = `88.78`; an
//! amount in 元 is not compared). 信息处理费 is a different thing and is never compared with table
//! 二 (X06). Not compared: publication counts (`主动公开规章13件`, `公开行政处罚决定20件`), items
//! (`行政许可事项20项`), another year's or a part's figures. The 2019 table has no 制发 or fee
//! cells, so its reports are compared on the decisions only. Silent when a cell is blank or
//! unreadable.
//!
//! Why: section 二's narrative often repeats table 二 (`本年度制发行政规范性文件62件`,
//! `现行有效行政规范性文件393件`, `作出行政处罚决定1100件`). A figure that differs from its cell
//! means one of them is inaccurate.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, table 二; that notice names
//! "发布内容不准确" among the failures that lead to accountability.
//!
//! Example: "本年度制发行政规范性文件62件" with 行政规范性文件·本年制发件数 60 →
//! "正文称“制发行政规范性文件62件”，但表二 行政规范性文件·本年制发件数为60".
//!
//! Fix: none; either number may be the wrong one.

use super::super::prelude::*;
use super::narrative::Subject;

pub const RULE: Rule = Rule {
    code: "X04",
    name: "text-vs-t2",
    severity: Severity::Warning,
    source: include_str!("x04_text_vs_t2.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    use Subject::*;
    super::check_subjects(
        ctx,
        sink,
        &[
            RegMade,
            RegRepealed,
            RegValid,
            NormMade,
            NormRepealed,
            NormValid,
            License,
            Penalty,
            Coercion,
            FeeAmount,
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cross::testing::{report, stats};
    use crate::rules::testing::run;

    #[test]
    fn agreeing_figures_are_silent() {
        let s = stats();
        let [made, repealed, valid] = s.t2_docs[1];
        let [lic, pen, coe] = s.t2_decisions;
        let sentence = format!(
            "本年度制发行政规范性文件{made}件，废止规范性文件{repealed}件，现行有效行政规范性文件{valid}件；制发规章0件。全年作出行政许可决定{lic}件，行政处罚{pen}件，行政强制{coe}件，行政事业性收费{}万元。",
            s.fee
        );
        let src = report(&sentence);
        assert!(run(&RULE, &src).is_empty(), "{:?}", run(&RULE, &src));
    }

    #[test]
    fn wrong_figures_are_reported() {
        let s = stats();
        let [made, _, valid] = s.t2_docs[1];
        let pen = s.t2_decisions[1];
        let src = report(&format!(
            "本年度制发的规范性文件{}件。现行有效规章3件。作出行政处罚决定{}件。",
            made + 2,
            pen + 10
        ));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert!(diags[0]
            .message
            .zh
            .ends_with(&format!("表二 行政规范性文件·本年制发件数为{made}")));
        assert!(diags[1].message.zh.ends_with("表二 规章·现行有效件数为0"));
        assert_eq!(&src[diags[2].range.clone()], (pen + 10).to_string());
        assert_eq!(diags[2].related.len(), 1);
        let _ = valid;
    }

    #[test]
    fn fee_amounts_compare_as_decimals() {
        let s = stats();
        let src = report(&format!("行政事业性收费{}0万元。", s.fee));
        assert!(run(&RULE, &src).is_empty(), "{:?}", run(&RULE, &src));
        let src = report("行政事业性收费99999.5万元。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].range.clone()], "99999.5");
        assert!(diags[0].message.zh.contains(&format!("为{}", s.fee)));
    }

    #[test]
    fn pitfalls_stay_silent() {
        for sentence in [
            "主动公开规章999件。",
            "主动公开行政处罚决定999件。",
            "行政许可事项999项。",
            "上年制发行政规范性文件999件。",
            "制发行政规范性文件较上年增加999件。",
            "收取信息处理费999万元。",
            "行政事业性收费999元。",
            "行政许可类信息999条。",
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
