//! A02 t3-results-sum: 表三每一列的“（七）总计”等于各项办理结果之和。
//!
//! 检查：表三每一列，“（七）总计”应等于 21 个办理结果行之和：（一）予以公开、（二）部分公开、（三）
//! 不予公开的 8 项理由、（四）无法提供的 3 项、（五）不予处理的 5 项、（六）其他处理的 3 项（2019年
//! 格式及沿用它的报告中为 1 行）。（三）至（六）的分组标题行没有数字，不计入。
//!
//! 原因：“三、本年度办理结果”把每一件办理完的申请计入且只计入一种结果，“（二）部分公开”一行的说明写
//! 明“区分处理的，只计这一情形，不计其他情形”，所以（七）总计就是各结果行之和。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表三“本年度办理结果”；2019年试行格式（国办公开
//! 办函〔2019〕60号）中的对应各行。
//!
//! 示例：某一列的结果行之和与（七）总计不符，而该列的其他关系都成立 → 问题报告在（七）总计上，说明
//! 总计与各项之和，并列出可能有误的单元格：“……：不成立，无法确定哪一格有误，可能是：……”。
//!
//! 一格之误：一个填错的数会使它所在的每个关系都不成立，例如填错的（七）总计·总计同时破坏本行总计
//! （A01）、本列（七）总计（A02）和本列收支平衡（A03）。只改动某一格、改为一个值，就能使它所在的全
//! 部不成立的关系成立，又不破坏任何成立的关系，这一格就是可能有误的单元格；当它是两个及以上不成立关
//! 系中唯一可能有误的单元格时，就是填错的那个数：只在它上面报告一个错误，写明应为多少以及它破坏的每
//! 个关系（列为相关信息）。这个错误的代码是它破坏的第一个关系（依 A01、A02、A03、A04 的顺序），同时
//! 代表其余关系，因此 `--select`、`--ignore` 和行内抑制仍按关系起作用。其余不成立的关系单独报告：列
//! 出可能有误的单元格（总计是其中之一时报告在总计上，从不报告在不可能有误的单元格上），或者说明改动
//! 任何一格都不能使所有关系成立、至少有两格有误。
//!
//! 修改：填错的那个数改为应有的值（安全修复）。单独报告的关系，问题报告在其中一个可能有误的单元格上
//! 时，提供把它改为使关系成立之值的不安全修复（也可能是其他单元格有误）；没有可能有误的单元格时不提
//! 供修复。
//!
//! 不检查：有空白或无法读取单元格的列；有单元格是借助行总计才读出的列（见 R01）。
//!
//! ## English
//!
//! A02 t3-results-sum: In table 三, each column's （七）总计 equals the sum of the outcome rows.
//!
//! What: for each column of table 三, （七）总计 must equal the sum of its 21 outcome rows:
//! （一）予以公开, （二）部分公开, the eight reasons of （三）不予公开, the three of
//! （四）无法提供, the five of （五）不予处理 and the three of （六）其他处理 (one row in the 2019
//! format and in reports that kept it). The group headings （三）…（六） carry no numbers and are
//! not added.
//!
//! Why: 三、本年度办理结果 counts every handled application in exactly one outcome; the label of
//! （二）部分公开 says so ("区分处理的，只计这一情形，不计其他情形"). So （七）总计 is the sum of
//! the outcome rows.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, table 三, 本年度办理结果; the same
//! rows of the 2019 trial format (国办公开办函〔2019〕60号).
//!
//! Example: a column whose outcome rows do not add up to its （七）总计 while its other relations
//! hold → reported at the （七）总计 with both sums and the candidates:
//! "…：不成立，无法确定哪一格有误，可能是：…".
//!
//! One wrong number: a wrong number breaks every relation it is in; a wrong （七）总计·总计 breaks
//! its row total (A01), its column total (A02) and its column's balance (A03). A cell is a
//! candidate when changing it alone, to one value, makes every failing relation it is in hold and
//! breaks none that holds. A candidate that is the only one of each of its failing relations, two
//! or more, is the wrong number: one error on it, naming the value it should have and each relation
//! it breaks (as related information). That error carries the code of the first relation it breaks
//! (A01, then A02, A03, A04) and stands for the others, so `--select`, `--ignore` and inline
//! suppression still work per relation. A failing relation left over is reported on its own, naming
//! its candidates (on the total when it is one of them, never on a cell that is not), or saying
//! that no single cell explains it (two cells or more are wrong).
//!
//! Fix: the wrong number is set to the value it should have (safe). A relation reported on its own,
//! at one of its candidates, gets an unsafe fix that sets that cell to the value making the
//! relation hold (another cell may be the wrong one); with no candidate there is no fix.
//!
//! Not checked: a column with a blank or unreadable cell, and a column with a cell that was read by
//! way of a row total (see R01).

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
