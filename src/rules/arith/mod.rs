//! Arithmetic rules (A): the relations between the cells of tables 三 and 四, and the
//! plausibility of table 二.

use super::prelude::*;
use super::Rule;

mod a01_t3_row_total;

pub const RULES: &[Rule] = &[a01_t3_row_total::RULE];

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
        let l: Option<i64> = self.lhs.iter().map(v).sum();
        let r: Option<i64> = self.rhs.iter().map(v).sum();
        Some((l?, r?))
    }

    /// Whether the reader used this relation to read one of its cells.
    pub fn used_by_reader(&self, ctx: &Context) -> bool {
        self.cells().any(|id| ctx.chosen_by_arithmetic(id))
    }
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
/// Safe when every other relation containing the cell holds after the change; otherwise the
/// written value may be right and another cell wrong, so the fix is unsafe and its title
/// names the relation that would fail.
pub(crate) fn replace_cell(ctx: &Context, id: CellId, value: i64, fixing: Kind) -> Option<Fix> {
    let cell = ctx.cell(id)?;
    let CellValue::Number(written) = &cell.value else {
        return None;
    };
    if ctx.src.get(cell.span.clone()) != Some(written.as_str()) {
        return None;
    }
    let broken: Vec<Kind> = relations(ctx)
        .into_iter()
        .filter(|r| r.kind != fixing && r.cells().any(|c| c == id))
        .filter(|r| {
            r.sides(ctx, &[(id, value)])
                .is_some_and(|(l, rhs)| l != rhs)
        })
        .map(|r| r.kind)
        .collect();
    let (applicability, zh, en) = match broken.first() {
        None => (
            Applicability::Safe,
            format!("将 {} 改为 {value}", id.name_zh()),
            format!("Set {} to {value}", id.name_en()),
        ),
        Some(&kind) => {
            let (name_zh, name_en) = relation_name(kind);
            (
                Applicability::Unsafe,
                format!(
                    "将 {} 改为 {value}（改后{name_zh}不成立：总计可能无误而分项有误，请核对）",
                    id.name_zh()
                ),
                format!(
                    "Set {} to {value} ({name_en} would then fail: the total may be right and a part wrong; check)",
                    id.name_en()
                ),
            )
        }
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
