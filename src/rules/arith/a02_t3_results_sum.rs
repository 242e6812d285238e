//! A02 t3-results-sum: in table 三, each column's （七）总计 equals the sum of the outcome rows.
//!
//! Why: 三、本年度办理结果 counts every handled application in exactly one outcome — the label
//! of （二）部分公开 says so ("区分处理的，只计这一情形，不计其他情形") — so （七）总计 of a column is
//! the sum of its 21 leaf rows: （一）予以公开, （二）部分公开, the eight reasons of （三）不予公开,
//! the three of （四）无法提供, the five of （五）不予处理 and the three of （六）其他处理 (one row in
//! the 2019 format, and in 2021-period reports that kept it). The group headings （三）…（六）
//! carry no numbers and are not added.
//!
//! Basis: 国办公开办函〔2021〕30号, table 三 (spec §3.6, A02); 国办公开办函〔2019〕60号 for the
//! 2019 rows.
//!
//! Example: 自然人 column with outcomes adding up to 26 and `（七）总计` 20 →
//! "（七）总计·自然人 为 20，但各项之和为 26". The non-zero outcome cells are listed as related
//! places.
//!
//! Fix: set the （七）总计 cell to the sum. Safe when the other relations of that cell (its row
//! total and its column's balance) then hold; otherwise the total may be right and an outcome
//! wrong, and the fix is marked unsafe, naming the relation that would fail.
//!
//! Silent for a column with a blank or unreadable cell, and for a column with a cell the
//! reader read by way of a row total (rule R01 reports those).

use super::super::prelude::*;
use super::{culprit, Kind};

pub const RULE: Rule = Rule {
    code: "A02",
    name: "t3-results-sum",
    severity: Severity::Error,
    source: include_str!("a02_t3_results_sum.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    culprit::report(ctx, sink, Kind::A02);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::arith::samples::{markdown, row, set_row, to_2019};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
        let (_, src) = markdown();
        assert!(run(&RULE, &src).is_empty());
    }

    /// Adds `delta` to the 自然人 and 总计 cells of a row, so that its row total still holds.
    fn bump(values: &mut [String], delta: u64) {
        for c in [0, 6] {
            values[c] = (values[c].parse::<u64>().unwrap() + delta).to_string();
        }
    }

    #[test]
    fn wrong_column_total_is_reported_and_fixed_safely() {
        let (stats, src) = markdown();
        let mut total = row(&stats, 24);
        total[0] = (stats.t3_cell(24, 1) + 6).to_string();
        let bad = set_row(&src, T3Row::R(24), &total);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        let sum = stats.t3_cell(24, 1);
        assert_eq!(
            d.message.zh,
            format!(
                "（七）总计·自然人 为 {}，应为 {sum}：自然人列：（七）总计 {}，各项之和 {sum}",
                sum + 6,
                sum + 6
            )
        );
        assert_eq!(&bad[d.range.clone()], (sum + 6).to_string());
        // Only A02 runs: its one relation, not its 21 addends.
        assert_eq!(d.related.len(), 1, "{:?}", d.related);
        assert!(d.also.is_empty());
        // The row total and the balance 一 + 二 = （七） + 四 hold with the sum: the total was
        // the wrong cell.
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src, "only the total changes");
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn a_part_changed_with_its_row_total_is_no_single_cell() {
        let (stats, src) = markdown();
        // 予以公开 raised by 2 with its row total: no single cell explains the columns
        // 自然人 and 总计 (each changed back alone would break the row), so each column is
        // reported on its （七）总计, saying two cells or more are wrong, with no fix.
        let mut r03 = row(&stats, 3);
        bump(&mut r03, 2);
        let bad = set_row(&src, T3Row::R(3), &r03);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 2, "{diags:?}");
        for d in &diags {
            assert!(d.message.zh.contains("至少有两格有误"), "{}", d.message.zh);
            assert!(d.fix.is_none());
        }
    }

    #[test]
    fn silent_for_a_column_with_a_blank_cell() {
        let (stats, src) = markdown();
        let mut total = row(&stats, 24);
        bump(&mut total, 6); // 自然人 and 总计 both off
        let mut r17 = row(&stats, 17);
        r17[0] = "/".into();
        let bad = set_row(&set_row(&src, T3Row::R(24), &total), T3Row::R(17), &r17);
        let diags = run(&RULE, &bad);
        // 自然人 can no longer be summed; 总计 still can. Its one candidate is the 总计 of the
        // row with the blank (no row total checks it), named as a possibility, not as the
        // wrong cell: one relation alone does not tell.
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(d.message.zh.starts_with("总计列："), "{}", d.message.zh);
        assert!(
            d.message
                .zh
                .contains(&format!("可能有误的是 {}·总计", T3Row::R(17).name_zh())),
            "{}",
            d.message.zh
        );
        assert_eq!(&bad[d.range.clone()], r17[6]);
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
    }

    #[test]
    fn format_2019_sums_the_single_other_processing_row() {
        let (stats, src) = markdown();
        let src = to_2019(&stats, &src);
        let report = crate::read::reader::read(&src);
        assert_eq!(
            report.tables.t3.as_ref().unwrap().version,
            TableVersion::V2019
        );
        assert!(run(&RULE, &src).is_empty());
        let mut other = row(&stats, 3);
        bump(&mut other, 1);
        let bad = set_row(&src, T3Row::R(3), &other);
        assert_eq!(run(&RULE, &bad).len(), 2);
    }
}
