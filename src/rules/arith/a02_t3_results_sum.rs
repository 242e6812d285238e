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
use super::{checkable, related_cell, replace_cell, Kind};

pub const RULE: Rule = Rule {
    code: "A02",
    name: "t3-results-sum",
    severity: Severity::Error,
    source: include_str!("a02_t3_results_sum.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (rel, total, sum) in checkable(ctx, Kind::A02) {
        if total == sum {
            continue;
        }
        let id = rel.lhs[0];
        let Some(cell) = ctx.cell(id) else {
            continue;
        };
        let d = sink.push(
            cell.span.clone(),
            format!("{} 为 {total}，但各项之和为 {sum}", id.name_zh()),
            format!(
                "{}: the total is {total} but the outcome rows add up to {sum}",
                id.name_en()
            ),
        );
        // Zero cells add nothing to the sum; listing all 21 outcomes would bury the others.
        d.related = rel
            .rhs
            .iter()
            .filter(|&&part| ctx.int(part) != Some(0))
            .filter_map(|&part| related_cell(ctx, part))
            .collect();
        d.fix = replace_cell(ctx, id, sum, Kind::A02);
    }
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
            format!("（七）总计·自然人 为 {}，但各项之和为 {sum}", sum + 6)
        );
        assert_eq!(&bad[d.range.clone()], (sum + 6).to_string());
        assert!(!d.related.is_empty());
        assert!(d.related.iter().all(|r| !r.message.zh.ends_with("= 0")));
        // The row total and the balance 一 + 二 = （七） + 四 hold with the sum: the total was
        // the wrong cell.
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src, "only the total changes");
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn wrong_outcome_gets_an_unsafe_fix() {
        let (stats, src) = markdown();
        // 予以公开 raised by 2 (its row total too): setting （七）总计 to the new sum would break
        // the row total of （七） and the balance, so the written total may be the right one.
        let mut r03 = row(&stats, 3);
        bump(&mut r03, 2);
        let bad = set_row(&src, T3Row::R(3), &r03);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 2, "{diags:?}");
        let fix = diags[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(
            fix.title.zh.contains("改后该行总计不成立"),
            "{}",
            fix.title.zh
        );
        assert!(run(&RULE, &apply_fixes(&bad, &diags)).is_empty());
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
        // 自然人 can no longer be summed; 总计 still can.
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("（七）总计·总计 "));
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
