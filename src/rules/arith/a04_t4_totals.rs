//! A04 t4-totals: 表四每一组的“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。
//!
//! 检查：表四的三组（行政复议；行政诉讼中的未经复议直接起诉、复议后起诉），每组的“总计”应等于四个结
//! 果单元格之和。
//!
//! 原因：每一件行政复议或行政诉讼案件都只有四种结果之一，所以总计就是四项之和。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表四（与2019年试行格式相同）。
//!
//! 示例：未经复议直接起诉一组的总计比四项之和多 3 → “行政诉讼·未经复议直接起诉：总计 N，各项之和 M
//! （a + b + c + d）：不成立，无法确定哪一格有误，可能是：……”。
//!
//! 修改：表四的每个单元格只属于这一个关系，五格中任何一格都可能是错的：问题报告在总计上，列出其余各
//! 格（列为相关位置），并提供把总计改为四项之和的不安全修复（也可能是其他单元格有误）。
//!
//! 不检查：有空白或无法读取单元格的组；数字只能按这一关系拆分读出的组（见 R01）。
//!
//! ## English
//!
//! A04 t4-totals: In table 四, each group's 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
//!
//! What: the three groups of table 四 (行政复议; 行政诉讼 未经复议直接起诉 and 复议后起诉): each
//! group's 总计 must equal the sum of its four outcome cells.
//!
//! Why: every case has exactly one of the four outcomes, so the total is their sum.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, table 四 (unchanged from the 2019
//! trial format).
//!
//! Example: the 未经复议直接起诉 group's total 3 above the sum of its four outcomes →
//! "行政诉讼·未经复议直接起诉：总计 N，各项之和 M（a + b + c +
//! d）：不成立，无法确定哪一格有误，可能是：…".
//!
//! Fix: each cell of table 四 is in this relation only, so any of the five may be the wrong one:
//! the finding is on the total, naming the others (as related places), with an unsafe fix that sets
//! the total to the sum (another cell may be the wrong one).
//!
//! Not checked: a group with a blank or unreadable cell, and a group whose digits could only be
//! read by way of this very relation (see R01).

use super::super::prelude::*;
use super::{culprit, Kind};

pub const RULE: Rule = Rule {
    code: "A04",
    name: "t4-totals",
    severity: Severity::Error,
    source: include_str!("a04_t4_totals.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    culprit::report(ctx, sink, Kind::A04);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::arith::samples::markdown;
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
        assert!(run(&RULE, &markdown().1).is_empty());
    }

    /// The Markdown data row of table 四.
    fn line(values: &[u64]) -> String {
        let v: Vec<String> = values.iter().map(u64::to_string).collect();
        format!("\n| {} |\n", v.join(" | "))
    }

    #[test]
    fn wrong_group_total_is_reported_and_fixed() {
        let (stats, src) = markdown();
        let mut t4 = stats.t4;
        t4[9] += 3; // 未经复议直接起诉·总计
        let bad = src.replacen(&line(&stats.t4), &line(&t4), 1);
        assert_ne!(bad, src);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        let parts: Vec<String> = stats.t4[5..9].iter().map(u64::to_string).collect();
        // Any of the group's five cells could be the wrong one: the finding is on the total,
        // naming the others.
        assert_eq!(
            d.message
                .zh
                .split('：')
                .take(2)
                .collect::<Vec<_>>()
                .join("："),
            format!(
                "行政诉讼·未经复议直接起诉：总计 {}，各项之和 {}（{}）",
                t4[9],
                stats.t4[9],
                parts.join(" + ")
            )
        );
        assert!(
            d.message.zh.contains("无法确定哪一格有误"),
            "{}",
            d.message.zh
        );
        assert_eq!(&bad[d.range.clone()], t4[9].to_string());
        assert_eq!(d.related.len(), 4);
        let fix = d.fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(
            fix.title.zh.contains("也可能是其他单元格有误"),
            "{}",
            fix.title.zh
        );
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src);
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn silent_for_a_group_with_a_placeholder() {
        let (stats, src) = markdown();
        let mut t4 = stats.t4;
        t4[4] += 1; // 行政复议·总计
        let bad = src.replacen(&line(&stats.t4), &line(&t4), 1);
        let bad = bad.replacen(&format!("\n| {} |", t4[0]), "\n| — |", 1);
        assert!(run(&RULE, &bad).is_empty());
    }

    #[test]
    fn silent_when_the_reader_split_the_digits_by_the_totals() {
        // 17 digits for 15 cells (real/005): the only split that fits has every total right,
        // so a "wrong" total can never be seen; the run is marked as read by arithmetic.
        let src = "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 10203120001200000";
        let report = crate::read::reader::read(src);
        let t4 = report.tables.t4.as_ref().unwrap();
        assert!(!t4.cells.is_empty(), "{:?}", t4.unreadable);
        assert!(run(&RULE, src).is_empty());
    }
}
