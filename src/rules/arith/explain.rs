//! The relations of a cell in words, for the faces that explain a number (hover, inlay hints).
//!
//! The faces know no rule: they ask here which relations a cell belongs to and whether each
//! holds, with the values written out (`（七）总计·总计 26 = 2 + 0 + 0 + 0 + 0 + 24`).

use std::ops::Range;

use super::culprit::{self, code, describe};
use super::{relations, Relation};
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

/// A number to mark in the editor: a culprit with the value it should have, or a total that
/// could be the wrong cell of a relation that fails (see [`super::culprit`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberHint {
    pub id: CellId,
    /// The cell's digits in the source.
    pub span: Range<usize>,
    /// `应为 338` for a culprit, `≠ 338` for a total whose parts add up to 338.
    pub label: Message,
    /// The relations, one per line.
    pub tooltip: Message,
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
    // A side of several cells is summed, so that the ✗ names both sums; a one-cell side
    // is its value.
    let with_sum = |ids: &[CellId], text: String, sum: i64| {
        if ids.len() > 1 {
            format!("{text}（= {sum}）")
        } else {
            text
        }
    };
    let (zh, en) = match sides {
        Some((l, s)) => {
            let (lt, rt) = (with_sum(&r.lhs, lhs, l), with_sum(&r.rhs, rhs, s));
            if l == s {
                (format!("{lt} = {rt} ✓"), format!("{lt} = {rt} ✓"))
            } else {
                (format!("{lt} ≠ {rt} ✗"), format!("{lt} ≠ {rt} ✗"))
            }
        }
        None if r.used_by_reader(ctx) => (
            format!("{lhs} = {rhs}（读取时依此关系拆分数字，不作检查）"),
            format!("{lhs} = {rhs} (used to read the digits; not checked)"),
        ),
        None => (
            format!("{lhs} = {rhs}（有空白或无法读取的单元格，不作检查）"),
            format!("{lhs} = {rhs} (a cell is blank or unreadable; not checked)"),
        ),
    };
    let zh = format!("{}：{zh}", side_names(&r.lhs, false));
    let en = format!("{}: {en}", side_names(&r.lhs, true));
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

/// The numbers to mark: each culprit, with the value it should have, and each total that
/// could be the wrong cell of a failing relation no culprit explains, with its parts' sum.
/// One hint per cell.
pub fn number_hints(src: &str, report: &Report) -> Vec<NumberHint> {
    let ctx = Context::new(src, report);
    let a = ctx.arith();
    let mut out: Vec<NumberHint> = Vec::new();
    let lines = |relations: &mut dyn Iterator<Item = &culprit::Sided>| {
        let (zh, en): (Vec<String>, Vec<String>) = relations
            .map(|s| {
                let m = describe(&ctx, s);
                let c = code(s.rel.kind);
                (format!("{c} {}", m.zh), format!("{c} {}", m.en))
            })
            .unzip();
        Message::new(zh.join("\n"), en.join("\n"))
    };
    for c in &a.culprits {
        let Some(cell) = ctx.cell(c.id) else {
            continue;
        };
        out.push(NumberHint {
            id: c.id,
            span: cell.span.clone(),
            label: Message::new(
                format!("应为 {}", c.value),
                format!("should be {}", c.value),
            ),
            tooltip: lines(&mut c.breaks.iter().map(|&i| &a.failing[i])),
        });
    }
    for o in &a.open {
        let s = &a.failing[o.relation];
        let total = s.rel.lhs[0];
        let is_total = matches!(
            s.rel.kind,
            super::Kind::A01 | super::Kind::A02 | super::Kind::A04
        );
        if !is_total || !o.candidates.iter().any(|(id, _)| *id == total) {
            continue;
        }
        let Some(cell) = ctx.cell(total) else {
            continue;
        };
        if out.iter().any(|h| h.id == total) {
            continue;
        }
        out.push(NumberHint {
            id: total,
            span: cell.span.clone(),
            label: Message::new(format!("≠ {}", s.rhs), format!("≠ {}", s.rhs)),
            tooltip: lines(&mut std::iter::once(s)),
        });
    }
    out.sort_by_key(|h| h.span.start);
    out
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
        assert!(number_hints(&src, &report).is_empty());
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
            rels[0]
                .text
                .zh
                .ends_with(&format!(" ≠ {}（= {sum}） ✗", values[..6].join(" + "))),
            "{}",
            rels[0].text.zh
        );
        // The balance names both of its sums.
        let carried_out = stats.t3_cell(25, 7) as i64;
        assert!(
            rels[2]
                .text
                .zh
                .ends_with(&format!("（= {}） ✗", sum + 5 + carried_out)),
            "{}",
            rels[2].text.zh
        );
        let hints = number_hints(&src, &report);
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert_eq!(hints[0].id, CellId::T3(T3Row::R(24), 7));
        assert_eq!(hints[0].label.zh, format!("应为 {sum}"));
        assert_eq!(&src[hints[0].span.clone()], (sum + 5).to_string());
        assert_eq!(hints[0].tooltip.zh.lines().count(), 3);
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
