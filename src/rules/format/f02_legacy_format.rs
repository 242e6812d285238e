//! F02 legacy-format: 2019年及以后年度的报告使用2019年以前的统计项目，没有全国统一的表格。
//!
//! 检查：报告年度为2019年及以后，有2019年以前的统计项目（如“对申请的答复总数”“同意公开答复数”“否决
//! 公开答复总数”），而没有第二十条各项的表二、表三、表四。位置在第一个旧统计项目。报告年度未知或早
//! 于2019年时不检查。
//!
//! 原因：2019年以前没有全国统一的表格，各地自行列出统计项目。自2019年度报告起，条例要求使用统一格式：
//! 先是2019年试行格式，后是2021年格式，二者都由表二的第二十条各项及表三、表四构成。只有旧统计项目而
//! 没有这些表格的报告，完全没有按格式编写。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第二款（2019年修订）；国办公开办函〔2019〕60号、
//! 国办公开办函〔2021〕30号印发的格式。
//!
//! 示例：2020年度报告有“对申请的答复总数”一行而没有第二十条各项 → “2020年度报告仍使用2019年以前的格
//! 式（“对申请的答复总数”），未使用统一的年度报告表格格式”。
//!
//! 修改：不提供自动修复，须按现行格式重新编写统计表。
//!
//! ## English
//!
//! F02 legacy-format: A report for 2019 or later has pre-2019 statistics instead of the national
//! tables.
//!
//! What: a report for 2019 or later with the statistics of before 2019 ("对申请的答复总数",
//! "同意公开答复数", "否决公开答复总数", …) and none of the tables 二 (the 第二十条 blocks), 三 and
//! 四. Points at the first old label. Silent when the report year is unknown or before 2019.
//!
//! Why: before 2019 there was no national table, and reports listed their own statistics. Since the
//! 2019 reports the 条例 requires a 统一格式: the 2019 trial format, then the 2021 format, both
//! built from the 第二十条 blocks of table 二 and tables 三 and 四. A report with the old
//! statistics and none of those tables does not follow the format at all.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第二款 (2019 revision); the formats of
//! 国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号.
//!
//! Example: a 2020 report with a "对申请的答复总数" row and no 第二十条 blocks →
//! "2020年度报告仍使用2019年以前的格式（“对申请的答复总数”），未使用统一的年度报告表格格式".
//!
//! Fix: none; the statistics must be written again in the current format.

use super::super::prelude::*;
use super::super::time::anchor;
use super::{find_label, report_year};

pub const RULE: Rule = Rule {
    code: "F02",
    name: "legacy-format",
    severity: Severity::Error,
    source: include_str!("f02_legacy_format.rs"),
    check,
};

/// Statistic labels of pre-2019 reports (spec §4.3), as the reader recognises them.
const LEGACY_LABELS: [&str; 6] = [
    "对申请的答复总数",
    "同意公开答复数",
    "同意部分公开答复数",
    "否决公开答复总数",
    "非本部门掌握",
    "免予公开",
];

/// The pre-2019 heading the reader also accepts; named only when no statistic label is found.
const LEGACY_HEADING: &str = "依申请公开政府信息情况";

/// The first report year with a national format (国办公开办函〔2019〕60号).
const FIRST_FORMAT_YEAR: i32 = 2019;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(year) = report_year(ctx).filter(|&y| y >= FIRST_FORMAT_YEAR) else {
        return;
    };
    if ctx.report.format != Format::Legacy {
        return;
    }
    let found = find_label(ctx.text(), &LEGACY_LABELS)
        .or_else(|| find_label(ctx.text(), &[LEGACY_HEADING]));
    let (range, (zh, en)) = match found {
        Some((at, label)) => (
            ctx.source_range(at),
            (format!("（“{label}”）"), format!(" ({label})")),
        ),
        None => (anchor(ctx), (String::new(), String::new())),
    };
    sink.push(
        range,
        format!("{year}年度报告仍使用2019年以前的格式{zh}，未使用统一的年度报告表格格式"),
        format!("a report for {year} still uses the pre-2019 layout{en} instead of the national table format"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    fn legacy(year: i32) -> String {
        format!(
            "某某县发展和改革局{year}年政府信息公开工作年度报告\n一、概述\n本年度工作有序开展。\n\
             二、依申请公开政府信息情况\n对申请的答复总数12件，同意公开答复数10件，否决公开答复总数2件。\n"
        )
    }

    #[test]
    fn legacy_statistics_in_a_2020_report() {
        let src = legacy(2020);
        assert_eq!(crate::read::reader::read(&src).format, Format::Legacy);
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        // A statistic label names the defect better than the heading before it.
        assert_eq!(&src[diags[0].range.clone()], "对申请的答复总数");
        assert_eq!(
            diags[0].message.zh,
            "2020年度报告仍使用2019年以前的格式（“对申请的答复总数”），未使用统一的年度报告表格格式"
        );
    }

    #[test]
    fn silent_before_2019_and_on_the_tables() {
        assert!(run(&RULE, &legacy(2017)).is_empty());
        assert!(run(&RULE, &clean_report()).is_empty());
    }
}
