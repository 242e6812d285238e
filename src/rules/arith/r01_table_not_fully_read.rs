//! R01 table-not-fully-read: 表格中有单元格无法确定地读出，依赖这些单元格的检查已跳过。
//!
//! 检查：读取表格时无法确定的单元格，以及只能借助行总计才读出的行。无法读取的单元格每张表报告一次，
//! 位置在第一个这样的单元格（读不到位置时在表格处），并说明原因；借助总计读出的行每张表报告一次，列
//! 出这些行。其余位置列为相关位置。
//!
//! 原因：nianbao 从不猜测。抓取网页时丢了空单元格的行、可以有多种拆法的连写数字、找不到的标签，这些
//! 单元格都保持“未知”，A01 至 A04、A07、A09 对涉及它们的每个关系都不作判断。如果不说明，一个“没有发
//! 现问题”的结果看起来就像通过了检查。同样，当连写的数字或 PDF 文字的列序只有一种读法能使该行总计成
//! 立时，这一行的合计关系已被用来读数，不能再用来核对。
//!
//! 依据：读取的可靠性要求，不是报告本身的缺陷，因此为提示。本规则不属于年度报告格式的要求。
//!
//! 示例：抓取时丢失了空单元格的报告 → “表四有 15 个单元格无法确定（行政复议·结果维持：该行只有 6 个
//! 数值，应有 15 个；……），相关勾稽检查已跳过”；`（七）总计20 0 00 0 121` 只有按 20|0|0|0|0|1|21 拆
//! 分才符合总计 → “表三有 2 行的数字只能按其总计确定读法（……）：一、本年新收、（七）总计；涉及这些
//! 行的勾稽检查（含其总计）已跳过”。
//!
//! 修改：不提供自动修复。请核对原件（HTML、PDF），或把单元格填完整。
//!
//! ## English
//!
//! R01 table-not-fully-read: Cells of a table could not be read with certainty, so the checks that
//! need them were skipped.
//!
//! What: cells the reader could not place with certainty, and rows that could only be read by way
//! of their totals. One finding per table for unreadable cells, at the first such cell (or at the
//! table when the cell has no place), with the reason; one per table for rows read by their totals,
//! naming the rows. The other places are related.
//!
//! Why: nianbao never guesses. A row whose empty cells a scraper dropped, a run of digits that
//! splits in several ways, a label that cannot be found: those cells stay unknown, and rules
//! A01–A04, A07 and A09 stay silent for every relation they are part of. Without a word about it, a
//! clean result would look like a passed check. Likewise, when run-together digits or the column
//! order of PDF text can be read in only one way that makes a row's 总计 fit, that row's arithmetic
//! was used to read it and cannot check it any more.
//!
//! Basis: the reliability of the reading; not a defect of the report, hence info. This rule is not
//! a requirement of the report format.
//!
//! Examples: a scraped report that lost its blank cells → "表四有 15
//! 个单元格无法确定（行政复议·结果维持：该行只有 6 个数值，应有 15 个；…），相关勾稽检查已跳过";
//! `（七）总计20 0 00 0 121`, read as 20|0|0|0|0|1|21 because only that split fits the total →
//! "表三有 2
//! 行的数字只能按其总计确定读法（…）：一、本年新收、（七）总计；涉及这些行的勾稽检查（含其总计）已跳过".
//!
//! Fix: none; read the original (HTML, PDF) or fill in the cells.

use std::ops::Range;

use super::super::prelude::*;
use super::{named_tables, NamedTable};
use crate::read::model::Reason;
use crate::read::split::Provenance;

pub const RULE: Rule = Rule {
    code: "R01",
    name: "table-not-fully-read",
    severity: Severity::Info,
    source: include_str!("r01_table_not_fully_read.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for t in named_tables(ctx) {
        unreadable(&t, sink);
        read_by_totals(&t, sink);
    }
}

fn unreadable(t: &NamedTable, sink: &mut Sink) {
    // A cell the reader has no entry for is a row whose label was not found.
    static NO_LABEL: Reason = Reason::LabelNotFound;
    let missing: Vec<(CellId, &Reason, Option<Range<usize>>)> = t
        .ids
        .iter()
        .filter(|id| !t.table.cells.contains_key(id))
        .map(|&id| match t.table.unreadable.get(&id) {
            Some(u) => (id, &u.reason, u.span.clone()),
            None => (id, &NO_LABEL, None),
        })
        .collect();
    let Some((first, reason, span)) = missing.first().cloned() else {
        return;
    };
    let n = missing.len();
    let (skipped_zh, skipped_en) = match first {
        CellId::T2(..) => ("相关检查", "checks"),
        _ => ("相关勾稽检查", "arithmetic checks"),
    };
    let d = sink.push(
        span.clone().unwrap_or(t.table.span.clone()),
        format!(
            "{}有 {n} 个单元格无法确定（{}：{}），{skipped_zh}已跳过",
            t.zh,
            first.name_zh(),
            reason.message_zh()
        ),
        format!(
            "{}: {n} cells could not be read ({}: {}); the {skipped_en} that need them were skipped",
            t.en,
            first.name_en(),
            reason.message_en()
        ),
    );
    // One related place per further row (or run) that failed, not per cell.
    let mut seen = vec![span];
    for (id, reason, span) in missing {
        let Some(range) = span.clone().filter(|_| !seen.contains(&span)) else {
            continue;
        };
        d.related.push(Related {
            range,
            message: Message::new(
                format!("{}：{}", id.name_zh(), reason.message_zh()),
                format!("{}: {}", id.name_en(), reason.message_en()),
            ),
        });
        seen.push(span);
    }
}

/// A row of a table, for naming: table 三 by its row, table 四 by its group.
fn row_name(id: CellId) -> (String, String) {
    match id {
        CellId::T3(r, _) => (r.name_zh().into(), r.name_en().into()),
        CellId::T4(g, _) => (g.name_zh().into(), g.name_en().into()),
        CellId::T2(r, _) => (r.name_zh().into(), r.id().into()),
    }
}

fn read_by_totals(t: &NamedTable, sink: &mut Sink) {
    // The first cell (in source order) of each row read by its total, rows in table order.
    let mut rows: Vec<((String, String), Range<usize>)> = Vec::new();
    for (&id, cell) in &t.table.cells {
        if cell.provenance != Provenance::SplitByArithmetic {
            continue;
        }
        let name = row_name(id);
        match rows.iter_mut().find(|(n, _)| *n == name) {
            Some((_, span)) if cell.span.start < span.start => *span = cell.span.clone(),
            Some(_) => {}
            None => rows.push((name, cell.span.clone())),
        }
    }
    let Some(((_, _), first)) = rows.first().cloned() else {
        return;
    };
    // Name a few; the related places give the rest (PDF pages read by their totals can
    // cover fourteen rows).
    const NAMED: usize = 5;
    let more = if rows.len() > NAMED { "等" } else { "" };
    let names_zh: Vec<&str> = rows
        .iter()
        .take(NAMED)
        .map(|((zh, _), _)| zh.as_str())
        .collect();
    let names_en: Vec<&str> = rows
        .iter()
        .take(NAMED)
        .map(|((_, en), _)| en.as_str())
        .collect();
    let n = rows.len();
    let (unit_zh, unit_en) = match t.ids.first() {
        Some(CellId::T4(..)) => ("组", "groups"),
        _ => ("行", "rows"),
    };
    let d = sink.push(
        first,
        format!(
            "{}有 {n} {unit_zh}的数字只能按其总计确定读法（数字连写无分隔，或 PDF 文本的列序不明）：{}{more}；涉及这些{unit_zh}的勾稽检查（含其总计）已跳过",
            t.zh,
            names_zh.join("、")
        ),
        format!(
            "{}: {n} {unit_en} could be read only by making their totals fit (digits run together, or the column order of PDF text unclear): {}{}; relations involving them, their totals included, were not checked",
            t.en,
            names_en.join("; "),
            if more.is_empty() { "" } else { "; …" }
        ),
    );
    d.related = rows[1..]
        .iter()
        .map(|((zh, en), span)| Related {
            range: span.clone(),
            message: Message::new(
                format!("按总计读出：{zh}"),
                format!("read by its total: {en}"),
            ),
        })
        .collect();
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
    fn a_row_with_a_dropped_cell_is_reported_once_for_the_table() {
        let (stats, src) = markdown();
        for r in [2u8, 13] {
            let mut values = row(&stats, r);
            values.pop();
            let src2 = set_row(&src, T3Row::R(r), &values);
            let diags = run(&RULE, &src2);
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert!(
                diags[0].message.zh.starts_with("表三有 7 个单元格无法确定"),
                "{}",
                diags[0].message.zh
            );
            assert!(diags[0].message.zh.contains("该行只有 6 个数值，应有 7 个"));
            assert!(diags[0].message.zh.ends_with("相关勾稽检查已跳过"));
        }
        // Two broken rows: one diagnostic, the second row related.
        let mut r02 = row(&stats, 2);
        r02.pop();
        let mut r13 = row(&stats, 13);
        r13.pop();
        let bad = set_row(&set_row(&src, T3Row::R(2), &r02), T3Row::R(13), &r13);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.starts_with("表三有 14 个"));
        assert_eq!(diags[0].related.len(), 1);
    }

    #[test]
    fn rows_read_by_their_totals_are_named() {
        let src = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000";
        let diags = run(&RULE, src);
        let by_totals: Vec<_> = diags
            .iter()
            .filter(|d| d.message.zh.contains("按其总计"))
            .collect();
        assert_eq!(by_totals.len(), 1, "{diags:?}");
        let d = by_totals[0];
        assert!(d.message.zh.starts_with("表三有 1 行"), "{}", d.message.zh);
        assert!(
            d.message.zh.contains("：一、本年新收；"),
            "{}",
            d.message.zh
        );
        assert_eq!(&src[d.range.clone()], "217");
    }

    #[test]
    fn table_four_groups_read_by_their_totals_are_named() {
        // real/005: 17 digits for 15 cells; only one split makes all three totals fit.
        let src = "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 10203120001200000";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0]
                .message
                .zh
                .starts_with("表四有 3 组的数字只能按其总计确定读法"),
            "{}",
            diags[0].message.zh
        );
        assert_eq!(diags[0].related.len(), 2);
    }
}
