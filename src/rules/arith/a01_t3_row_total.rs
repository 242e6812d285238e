//! A01 t3-row-total: 表三每一行的“总计”等于该行六个申请人列之和。
//!
//! 检查：表三全部 25 行数据，每行的“总计”应等于自然人与法人或其他组织五列（商业企业、科研机构、社会
//! 公益组织、法律服务机构、其他）之和。
//!
//! 原因：表三的“总计”列就是这六列的合计，模板中没有其他列；总计与各列之和不符，说明其中至少有一个数
//! 填错了。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表三“申请人情况”的列设置（“总计”即各列合计）。
//!
//! 示例：某报告把（七）总计·总计填为 344 → 一个错误：“（七）总计·总计 为 344，应为 338：（七）总计
//! 行：总计 344，各列之和 338（267 + 5 + 14 + 15 + 21 + 16）；总计列：（七）总计 344，各项之和 338；
//! 总计列收支：……”。
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
//! 不检查：有空白或无法读取单元格的行；数字只能按这一关系拆分读出的行（见 R01）。
//!
//! ## English
//!
//! A01 t3-row-total: In table 三, each row's 总计 equals the sum of its six applicant columns.
//!
//! What: all 25 data rows of table 三; each row's 总计 must equal 自然人 plus the five
//! 法人或其他组织 columns (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他).
//!
//! Why: the 总计 column is the sum of those six columns; the template has no other column. A total
//! that differs from the sum means at least one number is wrong.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, the columns of table 三 (总计 is
//! their total).
//!
//! Example: （七）总计·总计 written 344 → one error: "（七）总计·总计 为 344，应为
//! 338：（七）总计行：总计 344，各列之和 338（267 + 5 + 14 + 15 + 21 + 16）；总计列：（七）总计
//! 344，各项之和 338；总计列收支：…".
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
//! Not checked: a row with a blank or unreadable cell, and a row whose digits could only be read by
//! way of this very relation (see R01).

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
