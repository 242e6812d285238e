//! A03 t3-balance: in table 三, for each column, 一 + 二 = （七）总计 + 四.
//!
//! Why: every application of the year — newly received (一、本年新收) or carried over
//! (二、上年结转) — is either handled (（七）总计 of 三、本年度办理结果) or carried over to next year
//! (四、结转下年度继续办理). The table itself says so in its top-left note:
//! "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", per column.
//!
//! Basis: 国办公开办函〔2021〕30号, the note of table 三 (spec §3.6, A03); the same note in the
//! 2019 format.
//!
//! Example: 自然人 column with 一 21, 二 0, （七）总计 20, 四 0 → "自然人列：一、本年新收 21 +
//! 二、上年结转 0 = 21，但（七）总计 20 + 四、结转下年度继续办理 0 = 20". The other three cells are
//! related places.
//!
//! Fix: none. Any of the four cells may be the wrong one (rules A01 and A02 often tell which).
//!
//! Silent for a column with a blank or unreadable cell, and for a column with a cell the
//! reader read by way of a row total (rule R01 reports those).

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
