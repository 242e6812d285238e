//! A01 t3-row-total: in table 三, each row's 总计 equals the sum of its six applicant columns.
//!
//! Why: the 总计 column of table 三 is the sum of 自然人 and the five 法人或其他组织 columns
//! (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他); the template has no other column. All 25
//! data rows are checked (the main competitor checks only four).
//!
//! Basis: 国办公开办函〔2021〕30号, table 三 (spec §3.6, A01).
//!
//! Example: `（七）总计` row `20 0 0 0 0 0 | 26` → "（七）总计·总计 为 26，但各项之和为 20".
//!
//! Fix: set the 总计 cell to the sum. Safe when the other relations of that cell (its column's
//! （七）总计 and balance) then hold; otherwise the 总计 may be right and a part wrong, and the
//! fix is marked unsafe, naming the relation that would fail.
//!
//! Silent for a row with a blank or unreadable cell, and for a row whose digits the reader
//! split by this very relation.

use super::super::prelude::*;
use super::{part_list, replace_cell, Kind};

pub const RULE: Rule = Rule {
    code: "A01",
    name: "t3-row-total",
    severity: Severity::Error,
    source: include_str!("a01_t3_row_total.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(t3) = ctx.report.tables.t3.as_ref() else {
        return;
    };
    for row in T3Row::rows(t3.version) {
        let ids: Vec<CellId> = (1..=7).map(|c| CellId::T3(row, c)).collect();
        let Some(values) = ids
            .iter()
            .map(|&id| ctx.int(id))
            .collect::<Option<Vec<i64>>>()
        else {
            continue;
        };
        if ids.iter().any(|&id| ctx.chosen_by_arithmetic(id)) {
            continue;
        }
        // No finding, and so no fix, from a sum that does not fit.
        let Some(sum) = super::checked_sum(&values[..6]) else {
            continue;
        };
        let total = values[6];
        if sum == total {
            continue;
        }
        let Some(cell) = ctx.cell(ids[6]) else {
            continue;
        };
        let parts = part_list(&values[..6]);
        let d = sink.push(
            cell.span.clone(),
            format!(
                "{}·总计 为 {total}，但各项之和为 {sum}（{parts}）",
                row.name_zh()
            ),
            format!(
                "{}: total is {total} but its columns add up to {sum} ({parts})",
                row.name_en()
            ),
        );
        for (c, &id) in ids[..6].iter().enumerate() {
            if let Some(part) = ctx.cell(id) {
                d.related.push(Related {
                    range: part.span.clone(),
                    message: Message::new(
                        format!("{} = {}", id.name_zh(), values[c]),
                        format!("{} = {}", id.name_en(), values[c]),
                    ),
                });
            }
        }
        d.fix = replace_cell(ctx, ids[6], sum, Kind::A01);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
    }

    /// Replaces the `nth` value line after `label` (one cell per line layout).
    fn set_value(src: &str, label: &str, nth: usize, value: &str) -> String {
        let at = src.find(label).unwrap() + label.len();
        let mut pos = at;
        let mut lines = 0;
        for line in src[at..].split_inclusive('\n') {
            if !line.trim().is_empty() {
                lines += 1;
                if lines == nth + 1 {
                    let start = pos + line.find(line.trim()).unwrap();
                    let end = start + line.trim().len();
                    return format!("{}{}{}", &src[..start], value, &src[end..]);
                }
            }
            pos += line.len();
        }
        panic!("no such value");
    }

    #[test]
    fn wrong_row_total_is_reported_with_the_numbers_and_fixed() {
        let src = clean_report();
        // Row r13 (本机关不掌握), 总计 column: add 5 to the written total.
        let stats = crate::sample::Stats::generate(7);
        let right = stats.t3_cell(13, 7);
        let wrong = (right + 5).to_string();
        let bad = set_value(&src, "1.本机关不掌握相关政府信息", 6, &wrong);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(&bad[d.range.clone()], wrong);
        assert!(d
            .message
            .zh
            .contains(&format!("总计 为 {wrong}，但各项之和为 {right}")));
        assert_eq!(d.related.len(), 6);
        let fix = d.fix.as_ref().expect("a fix");
        // After the fix the column's （七）总计 holds again: the total was the wrong cell.
        assert_eq!(fix.applicability, Applicability::Safe);
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src, "only the digits of that cell change");
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn wrong_part_gets_an_unsafe_fix_that_says_why() {
        let src = clean_report();
        // Change a part (自然人) of r13: setting the row total to the new sum would break the
        // （七）总计 of the 总计 column, so the written total may well be the right one.
        let stats = crate::sample::Stats::generate(7);
        let part = stats.t3_cell(13, 1) + 2;
        let bad = set_value(&src, "1.本机关不掌握相关政府信息", 0, &part.to_string());
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        let fix = diags[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(
            fix.title.zh.contains("本列（七）总计不成立"),
            "{}",
            fix.title.zh
        );
        assert!(run(&RULE, &apply_fixes(&bad, &diags)).is_empty());
    }

    #[test]
    fn silent_when_the_reader_chose_the_split_by_this_relation() {
        // `21710000218` can only be read as 217|1|0|0|0|0|218 because the total fits.
        let src = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）一、本年新收政府信息公开申请数量21710000218";
        assert!(run(&RULE, src).is_empty());
        // Seven digits for seven cells: the split is certain, so the error is reported.
        let src = "三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量1000002";
        assert_eq!(run(&RULE, src).len(), 1);
    }
}
