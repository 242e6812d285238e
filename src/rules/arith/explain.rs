//! The relations of a cell in words, for the faces that explain a number (hover, inlay hints).
//!
//! The faces know no rule: they ask here which relations a cell belongs to and whether each
//! holds, with the values written out (`（七）总计·总计 26 = 2 + 0 + 0 + 0 + 0 + 24`).

use std::ops::Range;

use super::{relations, Kind, Relation};
use crate::read::cells::CellId;
use crate::read::model::{CellValue, Report};
use crate::rules::diagnostic::Message;
use crate::rules::Context;

/// One relation of a cell, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRelation {
    /// The rule that checks the relation (`A01` …).
    pub code: &'static str,
    /// `（七）总计·总计 26 = 2 + 0 + … = 26 ✓`
    pub text: Message,
    /// `Some(true)` holds, `Some(false)` fails, `None` cannot be evaluated (a blank or
    /// unreadable cell, or the reader used this relation to read a cell).
    pub holds: Option<bool>,
}

/// A total that differs from the sum of its parts, where to show it and the sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalMismatch {
    pub id: CellId,
    pub code: &'static str,
    /// The total's digits in the source.
    pub span: Range<usize>,
    pub written: i64,
    pub sum: i64,
}

fn code(kind: Kind) -> &'static str {
    match kind {
        Kind::A01 => "A01",
        Kind::A02 => "A02",
        Kind::A03 => "A03",
        Kind::A04 => "A04",
    }
}

fn value_text(ctx: &Context, id: CellId) -> String {
    match ctx.cell(id).map(|c| &c.value) {
        Some(CellValue::Number(s)) => s.clone(),
        Some(CellValue::Blank) => "（空）".to_string(),
        None => "？".to_string(),
    }
}

fn side_names(ids: &[CellId], en: bool) -> String {
    ids.iter()
        .map(|id| if en { id.name_en() } else { id.name_zh() })
        .collect::<Vec<_>>()
        .join(" + ")
}

fn explain(ctx: &Context, r: &Relation) -> CellRelation {
    let values = |ids: &[CellId]| {
        ids.iter()
            .map(|&id| value_text(ctx, id))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let (lhs, rhs) = (values(&r.lhs), values(&r.rhs));
    let sides = if r.used_by_reader(ctx) {
        None
    } else {
        r.sides(ctx, &[])
    };
    let holds = sides.map(|(l, s)| l == s);
    let (mark_zh, mark_en) = match sides {
        Some((l, s)) if l == s => (" ✓".to_string(), " ✓".to_string()),
        Some((_, s)) => (
            format!(" ✗（各项之和为 {s}）"),
            format!(" ✗ (the parts add up to {s})"),
        ),
        None if r.used_by_reader(ctx) => (
            "（读取时依此关系拆分数字，不作检查）".to_string(),
            " (used to read the digits; not checked)".to_string(),
        ),
        None => (
            "（有空白或无法读取的单元格，不作检查）".to_string(),
            " (a cell is blank or unreadable; not checked)".to_string(),
        ),
    };
    let zh = format!("{}：{} = {}{mark_zh}", side_names(&r.lhs, false), lhs, rhs);
    let en = format!("{}: {} = {}{mark_en}", side_names(&r.lhs, true), lhs, rhs);
    CellRelation {
        code: code(r.kind),
        text: Message::new(zh, en),
        holds,
    }
}

/// Every relation the cell belongs to, explained, in the order A01–A04.
pub fn cell_relations(src: &str, report: &Report, id: CellId) -> Vec<CellRelation> {
    let ctx = Context::new(src, report);
    relations(&ctx)
        .iter()
        .filter(|r| r.cells().any(|c| c == id))
        .map(|r| explain(&ctx, r))
        .collect()
}

/// The totals (row, column and group totals: A01, A02, A04) whose written value differs from
/// the sum of their parts, where every part was read as a number and the reader did not use
/// the relation to read.
pub fn mismatched_totals(src: &str, report: &Report) -> Vec<TotalMismatch> {
    let ctx = Context::new(src, report);
    relations(&ctx)
        .into_iter()
        .filter(|r| matches!(r.kind, Kind::A01 | Kind::A02 | Kind::A04))
        .filter(|r| !r.used_by_reader(&ctx))
        .filter_map(|r| {
            let (written, sum) = r.sides(&ctx, &[])?;
            let id = r.lhs[0];
            let cell = ctx.cell(id)?;
            (written != sum).then(|| TotalMismatch {
                id,
                code: code(r.kind),
                span: cell.span.clone(),
                written,
                sum,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cells::{T3Row, T4Group, T4Outcome};
    use crate::read::reader::read;
    use crate::rules::arith::samples::{markdown, row, set_row};

    #[test]
    fn a_clean_total_holds_in_each_of_its_relations() {
        let (_, src) = markdown();
        let report = read(&src);
        let rels = cell_relations(&src, &report, CellId::T3(T3Row::R(24), 7));
        let codes: Vec<_> = rels.iter().map(|r| r.code).collect();
        assert_eq!(codes, ["A01", "A02", "A03"]);
        assert!(rels.iter().all(|r| r.holds == Some(true)), "{rels:?}");
        assert!(rels[0].text.zh.starts_with("（七）总计·总计："));
        assert!(mismatched_totals(&src, &report).is_empty());
    }

    #[test]
    fn a_wrong_total_is_explained_and_listed_with_its_sum() {
        let (stats, src) = markdown();
        let mut values = row(&stats, 24);
        let sum: i64 = values[..6].iter().map(|v| v.parse::<i64>().unwrap()).sum();
        values[6] = (sum + 5).to_string();
        let src = set_row(&src, T3Row::R(24), &values);
        let report = read(&src);
        let rels = cell_relations(&src, &report, CellId::T3(T3Row::R(24), 7));
        assert_eq!(rels[0].holds, Some(false));
        assert!(
            rels[0].text.zh.contains(&format!("各项之和为 {sum}")),
            "{}",
            rels[0].text.zh
        );
        let mismatches = mismatched_totals(&src, &report);
        assert!(mismatches
            .iter()
            .any(|m| m.id == CellId::T3(T3Row::R(24), 7)
                && m.sum == sum
                && m.written == sum + 5
                && m.code == "A01"));
        assert_eq!(
            &src[mismatches[0].span.clone()],
            mismatches[0].written.to_string()
        );
    }

    #[test]
    fn a_table_four_cell_belongs_to_its_group_total() {
        let (_, src) = markdown();
        let report = read(&src);
        let id = CellId::T4(T4Group::Review, T4Outcome::Upheld);
        let rels = cell_relations(&src, &report, id);
        assert_eq!(rels.len(), 1);
        assert_eq!(rels[0].code, "A04");
    }
}
