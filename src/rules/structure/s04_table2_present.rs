//! S04 table2-present: 报告有表二（主动公开政府信息情况），含第二十条第（一）（五）（六）（八）项四
//! 个部分及其各行。
//!
//! 检查：表二的四个部分：第二十条第（一）项（规章、行政规范性文件）、第（五）项（行政许可）、第（六）
//! 项（行政处罚、行政强制）、第（八）项（行政事业性收费）。某一部分的标题和各行都找不到时为缺少该部
//! 分；某一行的标签找不到时为缺少该行。2019年格式的表按其自身的部分检查（还有第（九）项 政府集中采
//! 购），格式过时由 F01 报告；部分标题缺失而各行都在，属于改动表格（S07）。
//!
//! 原因：《条例》第五十条第（一）项要求报告主动公开政府信息的情况，2021年格式以表二呈现；缺少其中一
//! 部分，就缺少一项应报告的统计。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第（一）项、第二十条；国办公开办函〔2021〕30号印
//! 发的年度报告格式，表二。
//!
//! 示例：表二在“行政强制”之后就结束 → “表二缺少第二十条第（八）项（行政事业性收费）”。
//!
//! 修改：整张表缺失时，在第二部分标题之后插入格式规定的空表二（各部分、各标签齐全，所有数值为 0，每
//! 个单元格一行），仅限文本源文件；为不安全修复，数字须由填报单位填写。
//!
//! ## English
//!
//! S04 table2-present: Table 二 (主动公开政府信息情况) is there, with its four blocks
//! 第二十条第（一）（五）（六）（八）项 and their rows.
//!
//! What: the four blocks of table 二: 第二十条第（一）项 (规章, 行政规范性文件), 第（五）项
//! (行政许可), 第（六）项 (行政处罚, 行政强制), 第（八）项 (行政事业性收费). A block is missing
//! when neither its title nor any of its rows is found; a row is missing when its label is not
//! found. A 2019-format table is checked against its own blocks (also 第（九）项 政府集中采购);
//! that it is outdated is F01's finding. A block title missing while its rows are there is a
//! template change (S07).
//!
//! Why: Art. 50 (一) of the 条例 requires the report to give the 主动公开 situation, and the 2021
//! format does so in table 二; a missing block is a missing statistic.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第（一）项, 第二十条; the annual report format
//! of 国办公开办函〔2021〕30号, table 二.
//!
//! Example: a report whose table 二 stops after 行政强制 →
//! "表二缺少第二十条第（八）项（行政事业性收费）".
//!
//! Fix (unsafe: the numbers must come from the agency): when the whole table is missing, insert the
//! official empty table 二 (every block and label, every value 0, one cell per line) after the
//! section 二 heading, in text sources.

use super::super::prelude::*;
use super::{
    insert_after_heading, point_at, section_body, table_range, under_2019_regulation, Keyed,
};

pub const RULE: Rule = Rule {
    code: "S04",
    name: "table2-present",
    severity: Severity::Error,
    source: include_str!("s04_table2_present.rs"),
    check,
};

/// The numeral of a 第二十条 item.
fn item(n: u8) -> &'static str {
    match n {
        1 => "一",
        5 => "五",
        6 => "六",
        8 => "八",
        _ => "九",
    }
}

/// The row names of table 二.
fn row_name(r: T2Row) -> &'static str {
    match r {
        T2Row::Reg => "规章",
        T2Row::Norm => "行政规范性文件",
        T2Row::License => "行政许可",
        T2Row::OtherService => "其他对外管理服务事项",
        T2Row::Penalty => "行政处罚",
        T2Row::Coercion => "行政强制",
        T2Row::Fee => "行政事业性收费",
        T2Row::Procurement => "政府集中采购",
    }
}

/// The blocks of a table version and their rows.
pub(crate) fn blocks(version: TableVersion) -> Vec<(u8, Vec<T2Row>)> {
    let mut out: Vec<(u8, Vec<T2Row>)> = Vec::new();
    for r in T2Row::ALL {
        if r.columns(version).is_empty() {
            continue;
        }
        match out.iter_mut().find(|(b, _)| *b == r.block()) {
            Some((_, rows)) => rows.push(r),
            None => out.push((r.block(), vec![r])),
        }
    }
    out
}

/// `第二十条第（N）项` as a label.
pub(crate) fn block_label(n: u8) -> String {
    format!("第二十条第（{}）项", item(n))
}

/// The text of table 二 and section 二 together, where block titles are searched.
/// The keys of table 二's range and the body of section 二: use [`Context::t2_keyed`], which
/// computes them once per check.
pub(crate) fn t2_keyed(ctx: &Context) -> Option<Keyed> {
    let t2 = ctx.report.tables.t2.as_ref()?;
    let mut range = table_range(ctx, t2);
    if let Some(body) = section_body(ctx, SectionKind::Active) {
        range = range.start.min(body.start)..range.end.max(body.end);
    }
    Some(Keyed::new(ctx.text(), range))
}

/// The official 2021 table 二 with zeros, one cell per line with blank lines between.
fn empty_table() -> String {
    let cells = [
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "规章",
        "0",
        "0",
        "0",
        "行政规范性文件",
        "0",
        "0",
        "0",
        "第二十条第（五）项",
        "信息内容",
        "本年处理决定数量",
        "行政许可",
        "0",
        "第二十条第（六）项",
        "信息内容",
        "本年处理决定数量",
        "行政处罚",
        "0",
        "行政强制",
        "0",
        "第二十条第（八）项",
        "信息内容",
        "本年收费金额（单位：万元）",
        "行政事业性收费",
        "0",
    ];
    cells.iter().map(|c| format!("{c}\n\n")).collect()
}

fn check(ctx: &Context, sink: &mut Sink) {
    if !under_2019_regulation(ctx) {
        return;
    }
    let Some(t2) = ctx.report.tables.t2.as_ref() else {
        let at = ctx
            .report
            .section(SectionKind::Active)
            .map_or(0..0, |s| s.heading.span.clone());
        let d = sink.push(
            at,
            "未找到表二“主动公开政府信息情况”（第二十条第（一）（五）（六）（八）项）",
            "table 2 (proactive disclosure, Art. 20 items 1, 5, 6, 8) not found",
        );
        d.fix = insert_after_heading(
            ctx,
            SectionKind::Active,
            &empty_table(),
            Message::new(
                "插入官方空白表二（各项为 0，须填入实际数据）",
                "Insert the official empty table 2 (all 0; fill in the real numbers)",
            ),
        );
        return;
    };
    let keyed = ctx.t2_keyed().expect("table 二 is there");
    let table_at = point_at(ctx, table_range(ctx, t2).start);
    let found = &ctx.report.tables.t2_rows;
    for (n, rows) in blocks(t2.version) {
        let title = keyed.find(&block_label(n));
        let missing: Vec<T2Row> = rows
            .iter()
            .copied()
            .filter(|r| !found.contains_key(r))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let names: Vec<&str> = rows.iter().map(|&r| row_name(r)).collect();
        let at = title
            .clone()
            .map_or(table_at.clone(), |r| ctx.source_range(r));
        if title.is_none() && missing.len() == rows.len() {
            sink.push(
                at,
                format!(
                    "表二缺少第二十条第（{}）项（{}）",
                    item(n),
                    names.join("、")
                ),
                format!(
                    "table 2 lacks the block of Art. 20 item {n} ({})",
                    names.join(", ")
                ),
            );
            continue;
        }
        for r in missing {
            sink.push(
                at.clone(),
                format!("表二第二十条第（{}）项缺少“{}”行", item(n), row_name(r)),
                format!(
                    "table 2, block of Art. 20 item {n}: the row {} is missing",
                    row_name(r)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{cut, every_layout, replace_once};
    use crate::rules::testing::{clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            assert!(run(&RULE, &src).is_empty(), "{layout:?}");
        }
    }

    #[test]
    fn missing_table_is_reported_at_the_section_heading() {
        let src = clean_report();
        let bad = cut(&src, "第二十条第（一）项", "三、收到和处理");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("未找到表二"));
        assert_eq!(&bad[diags[0].range.clone()], "二、主动公开政府信息情况");
    }

    #[test]
    fn missing_block_and_missing_row() {
        let src = clean_report();
        // The whole 第（八）项 block: title, header and row.
        let bad = cut(&src, "第二十条第（八）项", "三、收到和处理");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message.zh,
            "表二缺少第二十条第（八）项（行政事业性收费）"
        );
        // One row of 第（六）项, reported at the block's title.
        let bad = cut(&src, "行政强制", "第二十条第（八）项");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message.zh,
            "表二第二十条第（六）项缺少“行政强制”行"
        );
        assert_eq!(&bad[diags[0].range.clone()], "第二十条第（六）项");
    }

    #[test]
    fn block_title_missing_with_rows_present_is_not_a_missing_block() {
        let src = clean_report();
        let bad = replace_once(&src, "第二十条第（五）项", "");
        assert!(run(&RULE, &bad).is_empty());
    }

    #[test]
    fn missing_table_gets_the_official_empty_table() {
        crate::rules::structure::testing::assert_empty_table_fix(
            &RULE,
            "第二十条第（一）项",
            "三、收到和处理政府信息公开申请情况",
            CellId::T2(T2Row::Fee, T2Col::Amount),
        );
    }
}
