//! Arithmetic rules (A): the relations between the cells of tables 三 and 四, and the
//! plausibility of table 二.

use super::prelude::*;
use super::Rule;
use crate::cells::{t2_ids, t3_ids, t4_ids};
use crate::model::Table;

mod a01_t3_row_total;
mod a02_t3_results_sum;
mod a03_t3_balance;
mod a04_t4_totals;
mod a05_nonneg_int;
mod a06_no_blank_cells;
mod a07_t2_valid_vs_issued;
mod a09_t2_fee_plausible;
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

/// The relations of one kind that can be checked, with their two sides: every cell read as a
/// number, and none read by way of the reader's arithmetic (a digit run split, or a column
/// order chosen, so that a total fits: reporting that relation would judge the reader's guess).
pub(crate) fn checkable(ctx: &Context, kind: Kind) -> Vec<(Relation, i64, i64)> {
    relations(ctx)
        .into_iter()
        .filter(|r| r.kind == kind && !r.used_by_reader(ctx))
        .filter_map(|r| {
            let (l, rhs) = r.sides(ctx, &[])?;
            Some((r, l, rhs))
        })
        .collect()
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

/// The sum of values, `None` when it does not fit in `i64`.
pub(crate) fn checked_sum(values: &[i64]) -> Option<i64> {
    values.iter().try_fold(0i64, |acc, &v| acc.checked_add(v))
}

/// `a + b + c` for a message.
pub(crate) fn part_list(values: &[i64]) -> String {
    values
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(" + ")
}

/// What a relation is called in a fix title.
fn relation_name(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::A01 => ("该行总计", "the row total"),
        Kind::A02 => ("本列（七）总计", "the column's (7) total"),
        Kind::A03 => ("本列收支平衡", "the column's balance"),
        Kind::A04 => ("该组总计", "the group total"),
    }
}

/// A fix that sets `id` to `value`, replacing exactly its digits; `None` when the cell's
/// source text is not exactly its value (e.g. digits split over HTML tags).
///
/// Safe when another relation containing the cell is complete and holds after the change, and
/// none fails: that relation confirms the new value. Otherwise the written value may be right
/// and another cell wrong, so the fix is unsafe and its title says why: the relation that
/// would fail, or that nothing confirms the value (a table-四 total is in no other relation).
pub(crate) fn replace_cell(ctx: &Context, id: CellId, value: i64, fixing: Kind) -> Option<Fix> {
    let cell = ctx.cell(id)?;
    let CellValue::Number(written) = &cell.value else {
        return None;
    };
    if ctx.src.get(cell.span.clone()) != Some(written.as_str()) {
        return None;
    }
    let others: Vec<(Kind, Option<(i64, i64)>)> = relations(ctx)
        .into_iter()
        .filter(|r| r.kind != fixing && r.cells().any(|c| c == id))
        .map(|r| (r.kind, r.sides(ctx, &[(id, value)])))
        .collect();
    let broken = others
        .iter()
        .find(|(_, s)| s.is_some_and(|(l, r)| l != r))
        .map(|(k, _)| *k);
    let confirmed = others.iter().any(|(_, s)| s.is_some_and(|(l, r)| l == r));
    let (zh, en) = (id.name_zh(), id.name_en());
    let (applicability, zh, en) = match (broken, confirmed) {
        (None, true) => (
            Applicability::Safe,
            format!("将 {zh} 改为 {value}"),
            format!("Set {en} to {value}"),
        ),
        (Some(kind), _) => {
            let (name_zh, name_en) = relation_name(kind);
            (
                Applicability::Unsafe,
                format!(
                    "将 {zh} 改为 {value}（改后{name_zh}不成立：总计可能无误而分项有误，请核对）"
                ),
                format!(
                    "Set {en} to {value} ({name_en} would then fail: the total may be right and a part wrong; check)"
                ),
            )
        }
        (None, false) => (
            Applicability::Unsafe,
            format!("将 {zh} 改为 {value}（无其他勾稽关系可印证：也可能是分项有误，请核对）"),
            format!(
                "Set {en} to {value} (no other relation confirms it: a part may be the wrong cell; check)"
            ),
        ),
    };
    Some(Fix {
        applicability,
        title: Message::new(zh, en),
        edits: vec![Edit {
            range: cell.span.clone(),
            new_text: value.to_string(),
        }],
    })
}

/// Reports built for the tests of this family: table 三 in the Markdown layout has one line
/// per row, which makes rows easy to rewrite.
#[cfg(test)]
pub(crate) mod samples {
    use crate::cells::T3Row;
    use crate::labels::t3_row_text;
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
