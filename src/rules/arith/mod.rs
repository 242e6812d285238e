//! Arithmetic rules (A): the relations between the cells of tables 三 and 四, and the
//! plausibility of table 二.

use super::prelude::*;
use super::Rule;
use crate::read::cells::{t2_ids, t3_ids, t4_ids};
use crate::read::model::Table;

mod a01_t3_row_total;
mod a02_t3_results_sum;
mod a03_t3_balance;
mod a04_t4_totals;
mod a05_nonneg_int;
mod a06_no_blank_cells;
mod a07_t2_valid_vs_issued;
mod a09_t2_fee_plausible;
pub(crate) mod culprit;
pub mod explain;
mod r01_table_not_fully_read;

pub const RULES: &[Rule] = &[
    a01_t3_row_total::RULE,
    a02_t3_results_sum::RULE,
    a03_t3_balance::RULE,
    a04_t4_totals::RULE,
    a05_nonneg_int::RULE,
    a06_no_blank_cells::RULE,
    a07_t2_valid_vs_issued::RULE,
    a09_t2_fee_plausible::RULE,
    r01_table_not_fully_read::RULE,
];

/// Which relation of spec §3.6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Row total of table 三.
    A01,
    /// （七）总计 of a column of table 三.
    A02,
    /// Balance of a column of table 三: 一 + 二 = （七）总计 + 四.
    A03,
    /// Group total of table 四.
    A04,
}

/// `Σ lhs = Σ rhs` over cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Relation {
    pub kind: Kind,
    pub lhs: Vec<CellId>,
    pub rhs: Vec<CellId>,
}

/// The leaf outcome rows of table 三 (summed by （七）总计).
pub(crate) fn leaf_rows(version: TableVersion) -> Vec<T3Row> {
    T3Row::rows(version)
        .into_iter()
        .filter(|r| !matches!(r, T3Row::R(1 | 2 | 24 | 25)))
        .collect()
}

/// Every relation of the report's tables.
pub(crate) fn relations(ctx: &Context) -> Vec<Relation> {
    let mut out = Vec::new();
    if let Some(t3) = ctx.report.tables.t3.as_ref() {
        let v = t3.version;
        for row in T3Row::rows(v) {
            out.push(Relation {
                kind: Kind::A01,
                lhs: vec![CellId::T3(row, 7)],
                rhs: (1..=6).map(|c| CellId::T3(row, c)).collect(),
            });
        }
        for c in 1..=7 {
            out.push(Relation {
                kind: Kind::A02,
                lhs: vec![CellId::T3(T3Row::R(24), c)],
                rhs: leaf_rows(v).into_iter().map(|r| CellId::T3(r, c)).collect(),
            });
            out.push(Relation {
                kind: Kind::A03,
                lhs: vec![CellId::T3(T3Row::R(1), c), CellId::T3(T3Row::R(2), c)],
                rhs: vec![CellId::T3(T3Row::R(24), c), CellId::T3(T3Row::R(25), c)],
            });
        }
    }
    if ctx.report.tables.t4.is_some() {
        for g in T4Group::ALL {
            out.push(Relation {
                kind: Kind::A04,
                lhs: vec![CellId::T4(g, T4Outcome::Total)],
                rhs: T4Outcome::ALL[..4]
                    .iter()
                    .map(|&o| CellId::T4(g, o))
                    .collect(),
            });
        }
    }
    out
}

/// A related place for a cell: its name and value.
pub(crate) fn related_cell(ctx: &Context, id: CellId) -> Option<Related> {
    let cell = ctx.cell(id)?;
    let value = match &cell.value {
        CellValue::Number(s) => s.as_str(),
        CellValue::Blank => "（空）",
    };
    Some(Related {
        range: cell.span.clone(),
        message: Message::new(
            format!("{} = {value}", id.name_zh()),
            format!("{} = {value}", id.name_en()),
        ),
    })
}

/// One of the three tables as read, with its name and the cell ids of its version.
pub(crate) struct NamedTable<'a> {
    pub zh: &'static str,
    pub en: &'static str,
    pub table: &'a Table,
    pub ids: Vec<CellId>,
}

/// The cell ids of a table in a format.
type IdsOf = fn(TableVersion) -> Vec<CellId>;

/// The tables the reader found, in report order.
pub(crate) fn named_tables<'a>(ctx: &Context<'a>) -> Vec<NamedTable<'a>> {
    let t = &ctx.report.tables;
    let t4 = |_| t4_ids();
    let all: [(_, _, _, IdsOf); 3] = [
        (t.t2.as_ref(), "表二", "table 2", t2_ids),
        (t.t3.as_ref(), "表三", "table 3", t3_ids),
        (t.t4.as_ref(), "表四", "table 4", t4),
    ];
    all.into_iter()
        .filter_map(|(table, zh, en, ids)| {
            let table = table?;
            let ids = ids(table.version);
            Some(NamedTable { zh, en, table, ids })
        })
        .collect()
}

impl Relation {
    pub fn cells(&self) -> impl Iterator<Item = CellId> + '_ {
        self.lhs.iter().chain(&self.rhs).copied()
    }

    /// The two sides, with `overrides` in place of written values; `None` when a cell is
    /// blank or unreadable.
    pub fn sides(&self, ctx: &Context, overrides: &[(CellId, i64)]) -> Option<(i64, i64)> {
        let v = |id: &CellId| {
            overrides
                .iter()
                .find(|(o, _)| o == id)
                .map(|(_, x)| *x)
                .or_else(|| ctx.int(*id))
        };
        let side = |ids: &[CellId]| ids.iter().try_fold(0i64, |acc, id| acc.checked_add(v(id)?));
        Some((side(&self.lhs)?, side(&self.rhs)?))
    }

    /// Whether the reader used this relation to read one of its cells.
    ///
    /// The reader splits a digit run by its row's total (A01) or its group's total (A04), and
    /// chooses a PDF column order by the row totals (A01); only that relation is then
    /// unreportable (spec §9.6). The column relations A02 and A03 still hold the reader to
    /// account: they were not used to read.
    pub fn used_by_reader(&self, ctx: &Context) -> bool {
        matches!(self.kind, Kind::A01 | Kind::A04)
            && self.cells().any(|id| ctx.chosen_by_arithmetic(id))
    }
}

/// Reports built for the tests of this family: table 三 in the Markdown layout has one line
/// per row, which makes rows easy to rewrite.
#[cfg(test)]
pub(crate) mod samples {
    use crate::read::cells::T3Row;
    use crate::read::labels::t3_row_text;
    use crate::sample::{Layout, Stats};

    /// A clean 2021 report (every relation holds) in the Markdown layout.
    pub fn markdown() -> (Stats, String) {
        let stats = Stats::generate(7);
        let src = stats.render(Layout::Markdown);
        (stats, src)
    }

    /// The values of a table-三 row of `stats`, as written.
    pub fn row(stats: &Stats, row: u8) -> Vec<String> {
        (1..=7).map(|c| stats.t3_cell(row, c).to_string()).collect()
    }

    /// Rewrites the values of table-三 row `row` (Markdown layout).
    pub fn set_row(src: &str, row: T3Row, values: &[String]) -> String {
        let head = format!("| {} |", t3_row_text(row));
        src.lines()
            .map(|l| {
                if l.starts_with(&head) {
                    format!("{head} {} |\n", values.join(" | "))
                } else {
                    format!("{l}\n")
                }
            })
            .collect()
    }

    /// The 2019 form of table 三: rows r21–r23 replaced by the one （六）其他处理 row.
    pub fn to_2019(stats: &Stats, src: &str) -> String {
        let merged: Vec<String> = (1..=7)
            .map(|c| {
                (21..=23)
                    .map(|r| stats.t3_cell(r, c))
                    .sum::<u64>()
                    .to_string()
            })
            .collect();
        let dropped: Vec<String> = (21..=23)
            .map(|r| format!("| {} |", t3_row_text(T3Row::R(r))))
            .collect();
        let kept: String = src
            .lines()
            .filter(|l| !dropped.iter().any(|d| l.starts_with(d.as_str())))
            .map(|l| format!("{l}\n"))
            .collect();
        set_row(&kept, T3Row::R21To23, &merged)
    }
}
