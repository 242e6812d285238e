//! A03 t3-balance: 表三每一列都满足“一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办
//! 理”。
//!
//! 检查：表三的每一列，第一项加第二项之和等于第三项（本年度办理结果的（七）总计）加第四项之和。
//!
//! 原因：一年中的每一件申请，无论是本年新收还是上年结转，要么已办理完毕（计入（七）总计），要么结转
//! 到下一年继续办理。表三左上角的说明写明了这一关系。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表三说明“（本列数据的勾稽关系为：第一项加第二
//! 项之和，等于第三项加第四项之和）”；2019年试行格式中有同样的说明。
//!
//! 示例：法律服务机构一列的（七）总计和四、结转下年度继续办理各多了 1，而两行的行总计也随之改过 →
//! “法律服务机构列收支：一、本年新收 a + 二、上年结转 b = x，（七）总计 c + 四、结转下年度继续办理
//! e = y：不成立，且改动任何一格都不能使所有关系同时成立，至少有两格有误”。
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
//! A03 t3-balance: In table 三, for each column, 一、本年新收 + 二、上年结转 = （七）总计 +
//! 四、结转下年度继续办理.
//!
//! What: in each column of table 三, the first item plus the second equals the third (the
//! （七）总计 of 本年度办理结果) plus the fourth.
//!
//! Why: every application of the year, newly received or carried over, is either handled (counted
//! in （七）总计) or carried over to the next year. The table states this in its top-left note.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, the note of table 三:
//! "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"; the same note in the
//! 2019 trial format.
//!
//! Example: the 法律服务机构 column with （七）总计 and 四、结转下年度继续办理 each one too high,
//! their row totals raised with them → "法律服务机构列收支：一、本年新收 a + 二、上年结转 b =
//! x，（七）总计 c + 四、结转下年度继续办理 e =
//! y：不成立，且改动任何一格都不能使所有关系同时成立，至少有两格有误".
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
    code: "A03",
    name: "t3-balance",
    severity: Severity::Error,
    source: include_str!("a03_t3_balance.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    culprit::report(ctx, sink, Kind::A03);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::arith::samples::{markdown, row, set_row};
    use crate::rules::testing::{clean_report, run};

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
        assert!(run(&RULE, &markdown().1).is_empty());
    }

    #[test]
    fn carried_over_count_that_breaks_the_balance_is_reported() {
        let (stats, src) = markdown();
        // 四、结转下年度 one more in 法律服务机构 (c5) and 总计: row totals still hold.
        let mut r25 = row(&stats, 25);
        for c in [4, 6] {
            r25[c] = (stats.t3_cell(25, c as u8 + 1) + 1).to_string();
        }
        let bad = set_row(&src, T3Row::R(25), &r25);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 2, "{diags:?}");
        let d = &diags[0];
        let n = |r| stats.t3_cell(r, 5);
        let (a, b, c, e) = (n(1), n(2), n(24), n(25) + 1);
        // Each of the changed cells, changed back alone, would break its row: no single cell
        // explains the balance, and the message says so.
        assert_eq!(
            d.message.zh,
            format!(
                "法律服务机构列收支：一、本年新收 {a} + 二、上年结转 {b} = {}，（七）总计 {c} + 四、结转下年度继续办理 {e} = {}：不成立，且改动任何一格都不能使所有关系同时成立，至少有两格有误",
                a + b,
                c + e
            )
        );
        assert_eq!(&bad[d.range.clone()], a.to_string());
        assert!(d.fix.is_none());
        assert!(diags[1].message.zh.starts_with("总计列收支："));
    }

    #[test]
    fn a_wrong_carried_over_count_is_the_one_finding() {
        let (stats, src) = markdown();
        // 四、结转下年度·法律服务机构 one more: its row and its column's balance fail, and it
        // alone explains both. A03 alone runs, so the finding is A03's.
        let mut r25 = row(&stats, 25);
        let right = stats.t3_cell(25, 5);
        r25[4] = (right + 1).to_string();
        let bad = set_row(&src, T3Row::R(25), &r25);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&bad[diags[0].range.clone()], r25[4]);
        assert!(diags[0].message.zh.contains(&format!("应为 {right}")));
    }

    #[test]
    fn silent_when_the_column_has_an_unreadable_cell() {
        let (stats, src) = markdown();
        let mut r25 = row(&stats, 25);
        r25[4] = (stats.t3_cell(25, 5) + 1).to_string();
        r25[6] = (stats.t3_cell(25, 7) + 1).to_string();
        // Row 二 loses a cell (6 values for 7 columns): every column of the balance is unknown.
        let mut r02 = row(&stats, 2);
        r02.pop();
        let bad = set_row(&set_row(&src, T3Row::R(25), &r25), T3Row::R(2), &r02);
        assert!(run(&RULE, &bad).is_empty());
    }
}
