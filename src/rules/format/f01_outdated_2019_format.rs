//! F01 outdated-2019-format: 2021年及以后年度的报告使用了2019年试行格式的表格。
//!
//! 检查：报告年度为2021年及以后，而表格带有2019年试行格式的特征：表二有“本年新制作数量”“上一年项目
//! 数量”“本年增/减”列、“其他对外管理服务事项”“政府集中采购”行，统计收费项目数而不是收费金额；表三只
//! 有一行“（六）其他处理”，而2021年格式分为三行（逾期不补正、逾期未按收费通知缴费、其他）。混用的报
//! 告（2021年的表二、2019年的表三）也报告。位置在带有特征的表格，另一张列为相关位置。报告年度未知或
//! 早于2021年时不检查（2019、2020年度报告使用这一格式是正当的）。
//!
//! 原因：国办公开办函〔2021〕30号印发的格式从2021年度报告起取代了2019年试行格式（国办公开办函〔2019〕
//! 60号）。旧表格统计的内容不同，无法与新表比较；评估中把“未按新格式”列为问题。
//!
//! 依据：国办公开办函〔2021〕30号（取代国办公开办函〔2019〕60号印发的试行格式）；《中华人民共和国政
//! 府信息公开条例》第五十条第二款（统一格式）。
//!
//! 示例：2023年度报告的表三从“（六）其他处理”直接到“（七）总计” → “使用了已废止的2019年试行表格格式
//! （表三“（六）其他处理”只有一行，2021年格式分为三行）”。
//!
//! 修改：不提供自动修复，须按2021年格式重新填报表格。
//!
//! ## English
//!
//! F01 outdated-2019-format: A report for 2021 or later uses the tables of the 2019 trial format.
//!
//! What: a report for 2021 or later whose tables carry the marks of the 2019 trial format: table 二
//! with 本年新制作数量 / 上一年项目数量 / 本年增/减 columns, 其他对外管理服务事项 and 政府集中采购
//! rows, and fee items counted instead of the fee amount; table 三 with a single （六）其他处理 row
//! where the 2021 format has three (逾期不补正, 逾期未按收费通知缴费, 其他). Also for mixed reports
//! (a 2021 table 二 with a 2019 table 三). Points at the table that carries the mark; a second one
//! is related. Silent when the report year is unknown or before 2021 (2019 and 2020 reports used
//! this format legitimately).
//!
//! Why: the format of 国办公开办函〔2021〕30号 replaced the 2019 trial format
//! (国办公开办函〔2019〕60号) from the 2021 reports on. The old tables count other things and
//! cannot be compared with the new ones; evaluators list "未按新格式" as a defect.
//!
//! Basis: 国办公开办函〔2021〕30号 (superseding the trial format of 国办公开办函〔2019〕60号);
//! 《中华人民共和国政府信息公开条例》第五十条第二款 (统一格式).
//!
//! Example: a 2023 report whose table 三 goes from "（六）其他处理" straight to "（七）总计" →
//! "使用了已废止的2019年试行表格格式（表三“（六）其他处理”只有一行，2021年格式分为三行）".
//!
//! Fix: none; the tables must be filled in again in the 2021 format.

use std::ops::Range;

use super::super::prelude::*;
use super::{find_label, report_year, FIRST_2021_YEAR};
use crate::read::model::Table;

pub const RULE: Rule = Rule {
    code: "F01",
    name: "outdated-2019-format",
    severity: Severity::Error,
    source: include_str!("f01_outdated_2019_format.rs"),
    check,
};

/// Labels found only in the 2019 table 二 (spec §4.4).
const T2_FINGERPRINTS: [&str; 8] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
];

/// A 2019 table: its span, what marks it as 2019 and where.
struct Old {
    table: Range<usize>,
    zh: String,
    en: String,
    at: Range<usize>,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(year) = report_year(ctx).filter(|&y| y >= FIRST_2021_YEAR) else {
        return;
    };
    let is_2019 = |t: &&Table| t.version == TableVersion::V2019;
    let tables = &ctx.report.tables;
    let old: Vec<Old> = [
        tables.t2.as_ref().filter(is_2019).map(|t| t2_mark(ctx, t)),
        tables.t3.as_ref().filter(is_2019).map(|t| t3_mark(ctx, t)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let Some(first) = old.first() else {
        return;
    };
    let what = |f: fn(&Old) -> &str, sep| old.iter().map(f).collect::<Vec<_>>().join(sep);
    let d = sink.push(
        first.table.clone(),
        format!(
            "使用了已废止的2019年试行表格格式（{}）；{year}年度报告应使用国办公开办函〔2021〕30号印发的格式",
            what(|o| &o.zh, "；")
        ),
        format!(
            "uses the superseded 2019 trial table format ({}); a report for {year} uses the format of 国办公开办函〔2021〕30号",
            what(|o| &o.en, "; ")
        ),
    );
    d.related = old
        .iter()
        .map(|o| Related {
            range: o.at.clone(),
            message: Message::new(o.zh.clone(), o.en.clone()),
        })
        .collect();
}

/// Table 二 is 2019 by its labels; name the first one found in the table.
fn t2_mark(ctx: &Context, table: &Table) -> Old {
    let span = table.span.clone();
    let found = ctx
        .src
        .get(span.clone())
        .and_then(|text| find_label(text, &T2_FINGERPRINTS));
    let (zh, en, at) = match found {
        Some((at, label)) => (
            format!("表二含2019年格式栏目“{label}”"),
            format!("table 二 has the 2019 label {label}"),
            span.start + at.start..span.start + at.end,
        ),
        None => (
            "表二为2019年格式".into(),
            "table 二 is in the 2019 layout".into(),
            span.clone(),
        ),
    };
    Old {
        table: span,
        zh,
        en,
        at,
    }
}

/// Table 三 is 2019 by its single （六）其他处理 row.
fn t3_mark(ctx: &Context, table: &Table) -> Old {
    let row = ctx.report.tables.t3_rows.get(&T3Row::R21To23);
    Old {
        table: table.span.clone(),
        zh: "表三“（六）其他处理”只有一行，2021年格式分为三行".into(),
        en: "table 三 has a single （六）其他处理 row, three rows in the 2021 format".into(),
        at: row.map_or(table.span.clone(), |r| r.span.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    /// Table 三 of a clean report with the three （六） rows merged into one 2019-style row.
    fn with_single_other_row(year: i32) -> String {
        let src = clean_report();
        let (title_year, _) = src.split_once("年政府信息公开").unwrap();
        let title_year = &title_year[title_year.len() - 4..];
        let src = src.replace(title_year, &year.to_string());
        let start = src.find("1.申请人无正当理由逾期不补正").unwrap();
        let end = src.find("（七）总计").unwrap();
        // The merged row's values: the three rows' sums, column by column.
        let stats = crate::sample::Stats::generate(7);
        let values: Vec<String> = (1..=7)
            .map(|c| {
                (21..=23)
                    .map(|r| stats.t3_cell(r, c))
                    .sum::<u64>()
                    .to_string()
            })
            .collect();
        let cells: String = values.iter().map(|v| format!("{v}\n\n")).collect();
        let head = &src[..start];
        // The group row "（六）其他处理" already stands before `start`.
        format!("{head}{cells}{}", &src[end..])
    }

    #[test]
    fn silent_on_the_2021_format() {
        assert!(run(&RULE, &clean_report()).is_empty());
    }

    #[test]
    fn a_single_other_row_in_a_2024_report() {
        let src = with_single_other_row(2024);
        let report = crate::read::reader::read(&src);
        assert_eq!(
            report.format,
            Format::Mixed,
            "the fixture must read as mixed"
        );
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(
            d.message
                .zh
                .starts_with("使用了已废止的2019年试行表格格式（表三“（六）其他处理”只有一行"),
            "{}",
            d.message.zh
        );
        assert_eq!(d.range, report.tables.t3.as_ref().unwrap().span);
        assert!(src[d.related[0].range.clone()].starts_with("（六）其他处理"));
    }

    #[test]
    fn the_2019_format_was_right_for_2019_and_2020() {
        assert!(run(&RULE, &with_single_other_row(2020)).is_empty());
    }

    #[test]
    fn a_2019_table_two_is_named_by_its_label() {
        let src = "某某县发展和改革局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
                   第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0\n规范性文件\n2\n2\n10\n\
                   第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n10\n0\n100\n其他对外管理服务事项\n0\n0\n0\n\
                   三、收到和处理政府信息公开申请情况\n";
        let report = crate::read::reader::read(src);
        assert_eq!(report.format, Format::V2019);
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0]
            .message
            .zh
            .contains("表二含2019年格式栏目“本年新制作数量”"));
        assert_eq!(&src[diags[0].related[0].range.clone()], "本年新制作数量");
    }
}
