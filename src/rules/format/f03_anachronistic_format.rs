//! F03 anachronistic-format: 2020年及以前年度的报告使用了2021年格式的表格。
//!
//! 检查：报告年度为2020年及以前，而表格是2021年格式（如表二有“本年制发件数”“本年收费金额”）。混用报
//! 告中的2021年表格也报告。位置在第一张2021年格式的表格。
//!
//! 原因：2021年格式于2021年9月29日发布，自2021年度报告（2022年初发布）起适用。2019、2020年度报告最
//! 晚在2021年3月发布，不可能使用它：报告年度很可能写错了（标题或统计期限从别的报告复制而来），或者
//! 报告是后来重写的。因为也可能是重新发布的报告，本规则为提示。
//!
//! 依据：国办公开办函〔2021〕30号（2021年9月26日成文，9月29日发布）。
//!
//! 示例：标题为“……2020年政府信息公开工作年度报告”，表二有“本年制发件数”和“本年收费金额” → “2020年度
//! 报告使用了2021年格式的表格（表二、表三）；该格式自2021年度报告起适用，请核对报告年度”。
//!
//! 修改：不提供自动修复，请核对报告年度。
//!
//! ## English
//!
//! F03 anachronistic-format: A report for 2020 or earlier uses the 2021 tables.
//!
//! What: a report for 2020 or earlier whose tables are in the 2021 format (table 二 with
//! 本年制发件数 and 本年收费金额, …). Also for the 2021 table of a mixed report. Points at the
//! first 2021 table.
//!
//! Why: the 2021 format was issued on 29 September 2021 and applies from the 2021 reports,
//! published early 2022. A 2019 or 2020 report, due by March 2021 at the latest, could not have
//! used it: the report year is probably wrong (a title or period copied from another report), or
//! the report was rewritten later. Info, since a republished report is possible.
//!
//! Basis: 国办公开办函〔2021〕30号 (dated 26 September 2021, issued 29 September 2021).
//!
//! Example: a report titled "…2020年政府信息公开工作年度报告" whose table 二 has 本年制发件数 and
//! 本年收费金额 →
//! "2020年度报告使用了2021年格式的表格（表二、表三）；该格式自2021年度报告起适用，请核对报告年度".
//!
//! Fix: none; check the report year.

use super::super::prelude::*;
use super::{report_year, tables_of, FIRST_2021_YEAR};

pub const RULE: Rule = Rule {
    code: "F03",
    name: "anachronistic-format",
    severity: Severity::Info,
    source: include_str!("f03_anachronistic_format.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(year) = report_year(ctx).filter(|&y| y < FIRST_2021_YEAR) else {
        return;
    };
    let new = tables_of(ctx, TableVersion::V2021);
    let Some(&(_, _, first)) = new.first() else {
        return;
    };
    let zh: Vec<&str> = new.iter().map(|t| t.0).collect();
    let en: Vec<&str> = new.iter().map(|t| t.1).collect();
    sink.push(
        first.span.clone(),
        format!(
            "{year}年度报告使用了2021年格式的表格（{}）；该格式自2021年度报告起适用，请核对报告年度",
            zh.join("、")
        ),
        format!(
            "a report for {year} uses the 2021 table format ({}), which applies from the 2021 reports; check the report year",
            en.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    #[test]
    fn the_2021_tables_in_a_2020_report() {
        let src = clean_report()
            .replace("2025年", "2020年")
            .replace("2026年", "2021年");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0]
            .message
            .zh
            .starts_with("2020年度报告使用了2021年格式的表格（表二、表三）"));
        let report = crate::read::reader::read(&src);
        assert_eq!(diags[0].range, report.tables.t2.unwrap().span);
    }

    #[test]
    fn silent_from_2021() {
        assert!(run(&RULE, &clean_report()).is_empty());
    }
}
