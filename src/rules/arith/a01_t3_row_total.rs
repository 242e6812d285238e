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
use super::{culprit, Kind};

pub const RULE: Rule = Rule {
    code: "A01",
    name: "t3-row-total",
    severity: Severity::Error,
    source: include_str!("a01_t3_row_total.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    culprit::report(ctx, sink, Kind::A01);
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
        assert!(
            d.message.zh.starts_with(&format!(
                "（四）1.本机关不掌握相关政府信息·总计 为 {wrong}，应为 {right}："
            )),
            "{}",
            d.message.zh
        );
        // A01 alone runs: its one relation (the column's （七）总计 is A02's).
        assert_eq!(d.related.len(), 1, "{:?}", d.related);
        assert!(d.also.is_empty());
        let fix = d.fix.as_ref().expect("a fix");
        // After the fix the column's （七）总计 holds again: the total was the wrong cell.
        assert_eq!(fix.applicability, Applicability::Safe);
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src, "only the digits of that cell change");
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn a_wrong_part_is_the_finding_not_the_total() {
        let src = clean_report();
        // Change a part (自然人) of r13: its row and its column fail, and it alone explains
        // both, so the finding is on it (the written total is right).
        let stats = crate::sample::Stats::generate(7);
        let right = stats.t3_cell(13, 1);
        let part = (right + 2).to_string();
        let bad = set_value(&src, "1.本机关不掌握相关政府信息", 0, &part);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert_eq!(&bad[diags[0].range.clone()], part);
        assert!(diags[0].message.zh.contains(&format!("应为 {right}")));
        let fix = diags[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(apply_fixes(&bad, &diags), src);
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
