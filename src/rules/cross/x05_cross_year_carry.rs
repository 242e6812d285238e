//! X05 cross-year-carry: 本年的“上年结转”等于上一年报告的“结转下年度继续办理”，逐列相等。
//!
//! 检查：同一机关 Y 年报告表三的“（二）上年结转政府信息公开申请数”与其 Y−1 年报告的“四、结转下年度
//! 继续办理”，七列逐列比较。需要上一年的报告在同一次检查的文件中（`nianbao check 目录`，或语言服务
//! 器的工作区）。机关按名称匹配，带不带地区前缀都可以（洪泽区人民政府 = 淮安市洪泽区人民政府），年
//! 份为报告年度。单独检查一份报告、机关或年份未知、没有上一年的报告、上一年有几份文件在某一列上不一
//! 致、或任一单元格不是整数时，不检查该列。问题报告在本年的单元格上。
//!
//! 原因：年底尚未办结的申请结转到下一年。两个数不一致，说明两年中有一年的表是错的（或者有申请在两年
//! 之间“丢失”了）。
//!
//! 依据：表三本身的含义：Y−1 年“结转下年度继续办理”的申请，就是 Y 年“上年结转”的申请。
//!
//! 示例：2024年度报告上年结转·自然人为 3，同一机关2023年度报告结转下年度继续办理·自然人为 5 → “表三
//! （二）上年结转政府信息公开申请数·自然人 为 3，但 2023 年度报告（hzq2023.txt）结转下年度继续办理·
//! 自然人 为 5”。
//!
//! 修改：不提供自动修复，两年中任何一年的数字都可能是错的。
//!
//! ## English
//!
//! X05 cross-year-carry: This year's 上年结转 equals last year's 结转下年度继续办理, per column.
//!
//! What: table 三 row `（二）上年结转政府信息公开申请数` of an agency's report for year Y against
//! row `四、结转下年度继续办理` of its report for Y−1, in each of the seven columns. Needs the
//! previous year's report among the files checked together (`nianbao check DIR`, or the language
//! server's workspace). Agencies are matched by name, with or without their region (洪泽区人民政府
//! = 淮安市洪泽区人民政府); the year is the report year. Silent when the report is checked alone,
//! when its agency or year is unknown, when the previous year's report is not there, when several
//! files for that year disagree on a column, and for a column where either cell was not read as an
//! integer. The finding is on this year's cell, not last year's.
//!
//! Why: applications still open at the end of a year are carried into the next. A difference means
//! one of the two years' tables is wrong (or an application was lost between them).
//!
//! Basis: what table 三 counts: the applications carried over at the end of Y−1 are the ones
//! carried into Y.
//!
//! Example: the 2024 report says 上年结转·自然人 3, the 2023 report of the same agency
//! 结转下年度继续办理·自然人 5 → "表三（二）上年结转政府信息公开申请数·自然人 为 3，但 2023
//! 年度报告（hzq2023.txt）结转下年度继续办理·自然人 为 5".
//!
//! Fix: none; either year's number may be the wrong one.

use super::super::prelude::*;
use crate::read::cells::{t3_col_en, t3_col_zh};
use crate::rules::peers::{Peer, PeerSet};

pub const RULE: Rule = Rule {
    code: "X05",
    name: "cross-year-carry",
    severity: Severity::Warning,
    source: include_str!("x05_cross_year_carry.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::with_peers(ctx, sink, check_peer);
}

/// The check on a report's summary: what `nianbao check` runs once every file was read.
pub fn check_peer(me: &Peer, peers: &PeerSet, sink: &mut Sink) {
    let mut previous = peers.of_agency(&me.agency, me.year - 1);
    previous.retain(|p| p.path != me.path);
    let Some(first) = previous.first() else {
        return;
    };
    let last = me.year - 1;
    for column in 1..=7u8 {
        let i = usize::from(column - 1);
        let (Some(before), Some((now, span))) = (first.carried_out[i], &me.carried_in[i]) else {
            continue;
        };
        // Two files for last year (a page and its text) must agree, or nothing is said.
        if previous.iter().any(|p| p.carried_out[i] != Some(before)) || *now == before {
            continue;
        }
        sink.push(
            span.clone(),
            format!(
                "表三（二）上年结转政府信息公开申请数·{col} 为 {now}，但 {last} 年度报告（{path}）\
                 结转下年度继续办理·{col} 为 {before}",
                col = t3_col_zh(column),
                path = first.path,
            ),
            format!(
                "table 3 applications carried over from last year / {col} is {now}, but the {last} \
                 report ({path}) carries {before} into the next year",
                col = t3_col_en(column),
                path = first.path,
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lint::{check_source, Settings};
    use crate::read::reader::read as report_of;
    use crate::sample::{Layout, Stats};

    fn settings(peers: Vec<Peer>) -> Settings {
        Settings {
            selection: crate::rules::Selection {
                select: vec!["X05".into()],
                ..Default::default()
            },
            peers: Some(Arc::new(PeerSet::new(peers))),
            ..Default::default()
        }
    }

    /// A report of an agency and year with one table-三 row replaced (the other relations
    /// do not matter here: only X05 runs).
    fn report(seed: u64, agency: &str, year: i32, row: usize, values: [u64; 7]) -> Stats {
        let mut s = Stats::generate(seed);
        s.agency = agency.into();
        s.year = year;
        s.t3[row - 1] = values;
        s
    }

    /// Last year's report with its 结转 row, and this year's with its 上年结转 row.
    fn pair(carried: [u64; 7], carried_in: [u64; 7]) -> (String, String) {
        let last = report(3, "淮安市洪泽区人民政府", 2023, 25, carried);
        let this = report(4, "洪泽区人民政府", 2024, 2, carried_in);
        (
            last.render(Layout::CellPerLine),
            this.render(Layout::Markdown),
        )
    }

    #[test]
    fn a_broken_carry_over_is_found_per_column_on_this_years_cell() {
        let (last, this) = pair([5, 1, 0, 0, 0, 0, 6], [3, 1, 0, 0, 0, 0, 4]);
        let peers = vec![
            Peer::of("hzq2023.txt", &report_of(&last)).unwrap(),
            Peer::of("hzq2024.txt", &report_of(&this)).unwrap(),
        ];
        let diags = check_source(&this, &settings(peers)).diagnostics;
        let x05: Vec<_> = diags.iter().filter(|d| d.code == "X05").collect();
        assert_eq!(x05.len(), 2, "{x05:?}");
        assert_eq!(
            x05[0].message.zh,
            "表三（二）上年结转政府信息公开申请数·自然人 为 3，但 2023 年度报告（hzq2023.txt）结转下年度继续办理·自然人 为 5"
        );
        assert!(
            x05[1].message.zh.contains("·总计 为 4"),
            "{}",
            x05[1].message.zh
        );
        assert_eq!(&this[x05[0].range.clone()], "3");
    }

    #[test]
    fn silent_when_the_carry_over_holds_or_the_previous_year_is_missing() {
        let (last, this) = pair([5, 1, 0, 0, 0, 0, 6], [5, 1, 0, 0, 0, 0, 6]);
        let both = vec![
            Peer::of("a.txt", &report_of(&last)).unwrap(),
            Peer::of("b.txt", &report_of(&this)).unwrap(),
        ];
        assert!(check_source(&this, &settings(both)).diagnostics.is_empty());
        // Broken, but last year's report is not among the files: nothing to compare.
        let (last, this) = pair([5, 1, 0, 0, 0, 0, 6], [3, 1, 0, 0, 0, 0, 4]);
        let only = vec![Peer::of("b.txt", &report_of(&this)).unwrap()];
        assert!(check_source(&this, &settings(only)).diagnostics.is_empty());
        // Alone (no peers at all), and the earlier report itself: silent.
        assert!(check_source(&this, &Settings::default())
            .diagnostics
            .iter()
            .all(|d| d.code != "X05"));
        let peers = vec![Peer::of("a.txt", &report_of(&last)).unwrap()];
        assert!(check_source(&last, &settings(peers)).diagnostics.is_empty());
    }

    #[test]
    fn silent_for_another_agency_or_a_year_apart() {
        let (last, this) = pair([5, 1, 0, 0, 0, 0, 6], [3, 1, 0, 0, 0, 0, 4]);
        let other = last.replace("淮安市洪泽区人民政府", "淮安市淮阴区人民政府");
        let peers = vec![Peer::of("x.txt", &report_of(&other)).unwrap()];
        assert!(check_source(&this, &settings(peers)).diagnostics.is_empty());
        let older = report(3, "淮安市洪泽区人民政府", 2022, 25, [5, 1, 0, 0, 0, 0, 6])
            .render(Layout::CellPerLine);
        let peers = vec![Peer::of("y.txt", &report_of(&older)).unwrap()];
        assert!(check_source(&this, &settings(peers)).diagnostics.is_empty());
    }

    #[test]
    fn silent_when_two_files_of_last_year_disagree() {
        let (last, this) = pair([5, 1, 0, 0, 0, 0, 6], [3, 1, 0, 0, 0, 0, 4]);
        let other =
            report(3, "淮安市洪泽区人民政府", 2023, 25, [3, 1, 0, 0, 0, 0, 4]).render(Layout::Html);
        let peers = vec![
            Peer::of("a.txt", &report_of(&last)).unwrap(),
            Peer::of("a2.txt", &report_of(&other)).unwrap(),
        ];
        assert!(check_source(&this, &settings(peers)).diagnostics.is_empty());
    }
}
