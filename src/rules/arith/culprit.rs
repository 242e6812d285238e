//! Which cell is wrong: the cause behind the failing relations of tables 三 and 四.
//!
//! One wrong number breaks every relation it is in — a wrong （七）总计·总计 breaks its row
//! total (A01), its column total (A02) and its column's balance (A03) — and the user should see
//! one error, on that number, not three errors, one of them on a correct cell.
//!
//! A cell is a *candidate* when changing it alone, to one value, makes every failing relation
//! it is in hold and breaks none that holds: the failing relations it is in all ask for the
//! same value (a count, so not negative), and no complete relation that holds contains it.
//! A candidate that is the only candidate of each of its failing relations, two or more, is
//! *the* culprit: one finding on it, naming the value it should have and each relation it
//! breaks. A failing
//! relation left over is reported on its own, with its candidates named (never one picked), or
//! saying that no single cell explains it (two cells or more are wrong).
//!
//! Only complete relations count: every cell read as a number, and none read by way of the
//! relation (see [`Relation::used_by_reader`]).

use super::{related_cell, relations, Kind, Relation};
use crate::read::cells::{t3_col_en, t3_col_zh, CellId};
use crate::read::model::CellValue;
use crate::rules::diagnostic::{Applicability, Edit, Fix, Message, Related};
use crate::rules::{Context, Sink};

/// A relation whose cells were all read, with its two sides.
#[derive(Clone, Debug)]
pub(crate) struct Sided {
    pub rel: Relation,
    pub lhs: i64,
    pub rhs: i64,
}

impl Sided {
    pub fn holds(&self) -> bool {
        self.lhs == self.rhs
    }

    /// The value `id` (one of the relation's cells, now `now`) must have for the relation to
    /// hold; `None` when it would overflow.
    fn needs(&self, id: CellId, now: i64) -> Option<i64> {
        if self.rel.lhs.contains(&id) {
            now.checked_add(self.rhs.checked_sub(self.lhs)?)
        } else {
            now.checked_add(self.lhs.checked_sub(self.rhs)?)
        }
    }
}

/// The one cell that explains its failing relations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Culprit {
    pub id: CellId,
    pub written: i64,
    /// The value that makes every relation of the cell hold.
    pub value: i64,
    /// Indices in [`Analysis::failing`] of the relations it breaks, in the order A01–A04.
    pub breaks: Vec<usize>,
}

/// A failing relation that no single culprit explains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Open {
    /// Index in [`Analysis::failing`].
    pub relation: usize,
    /// The cells that could each alone be wrong (with the value each would need), in the
    /// relation's order; empty when no single cell explains the relation.
    pub candidates: Vec<(CellId, i64)>,
}

/// The failing relations of a report and their causes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Analysis {
    pub failing: Vec<Sided>,
    pub culprits: Vec<Culprit>,
    pub open: Vec<Open>,
}

/// Every complete relation of the report, with its sides.
pub(crate) fn complete(ctx: &Context) -> Vec<Sided> {
    relations(ctx)
        .into_iter()
        .filter(|r| !r.used_by_reader(ctx))
        .filter_map(|rel| {
            let (lhs, rhs) = rel.sides(ctx, &[])?;
            Some(Sided { rel, lhs, rhs })
        })
        .collect()
}

/// The causes of the report's failing relations (see the module documentation).
pub(crate) fn analyse(ctx: &Context) -> Analysis {
    let (holding, failing): (Vec<Sided>, Vec<Sided>) =
        complete(ctx).into_iter().partition(Sided::holds);
    // Every cell of a failing relation, once, in the order the relations list them.
    let mut cells: Vec<CellId> = Vec::new();
    for s in &failing {
        for id in s.rel.cells() {
            if !cells.contains(&id) {
                cells.push(id);
            }
        }
    }
    let candidates: Vec<(CellId, i64, i64, Vec<usize>)> = cells
        .into_iter()
        .filter(|id| !holding.iter().any(|h| h.rel.cells().any(|c| c == *id)))
        .filter_map(|id| {
            let now = ctx.int(id)?;
            let breaks: Vec<usize> = (0..failing.len())
                .filter(|&i| failing[i].rel.cells().any(|c| c == id))
                .collect();
            let mut wanted = breaks.iter().map(|&i| failing[i].needs(id, now));
            let value = wanted.next()??;
            (value >= 0 && wanted.all(|v| v == Some(value))).then_some((id, now, value, breaks))
        })
        .collect();
    let candidates_of = |i: usize| -> Vec<usize> {
        (0..candidates.len())
            .filter(|&k| candidates[k].3.contains(&i))
            .collect()
    };
    let mut culprits = Vec::new();
    let mut explained = vec![false; failing.len()];
    for (k, (id, written, value, breaks)) in candidates.iter().enumerate() {
        // Two relations or more must agree: a cell in one failing relation only may just be
        // the one cell no other relation checks (its row has a blank), not the wrong one.
        if breaks.len() >= 2 && breaks.iter().all(|&i| candidates_of(i) == [k]) {
            for &i in breaks {
                explained[i] = true;
            }
            culprits.push(Culprit {
                id: *id,
                written: *written,
                value: *value,
                breaks: breaks.clone(),
            });
        }
    }
    let open = (0..failing.len())
        .filter(|&i| !explained[i])
        .map(|i| Open {
            relation: i,
            candidates: candidates_of(i)
                .into_iter()
                .map(|k| (candidates[k].0, candidates[k].2))
                .collect(),
        })
        .collect();
    Analysis {
        failing,
        culprits,
        open,
    }
}

/// The rule code of a relation's kind.
pub(crate) fn code(kind: Kind) -> &'static str {
    match kind {
        Kind::A01 => "A01",
        Kind::A02 => "A02",
        Kind::A03 => "A03",
        Kind::A04 => "A04",
    }
}

impl Analysis {
    /// The kinds of the relations a culprit breaks whose rules run, in the order A01–A04.
    pub fn enabled_kinds(&self, ctx: &Context, c: &Culprit) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = Vec::new();
        for &i in &c.breaks {
            let kind = self.failing[i].rel.kind;
            if ctx.enabled(code(kind)) && !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
    }
}

/// The relation in words, with its sums and, where they are few, its values:
/// `（七）总计行：总计 344，各列之和 338（267 + 5 + 14 + 15 + 21 + 16）`.
pub(crate) fn describe(ctx: &Context, s: &Sided) -> Message {
    let (l, r) = (s.lhs, s.rhs);
    let v = |id: &CellId| {
        ctx.int(*id)
            .map_or_else(|| "？".to_string(), |x| x.to_string())
    };
    let parts = s.rel.rhs.iter().map(v).collect::<Vec<_>>().join(" + ");
    match (s.rel.kind, s.rel.lhs[0]) {
        (Kind::A01, CellId::T3(row, _)) => Message::new(
            format!("{}行：总计 {l}，各列之和 {r}（{parts}）", row.name_zh()),
            format!(
                "row {}: total {l}, its columns add up to {r} ({parts})",
                row.name_en()
            ),
        ),
        (Kind::A02, CellId::T3(_, col)) => Message::new(
            format!("{}列：（七）总计 {l}，各项之和 {r}", t3_col_zh(col)),
            format!(
                "column {}: (7) total {l}, the outcomes add up to {r}",
                t3_col_en(col)
            ),
        ),
        (Kind::A03, CellId::T3(_, col)) => {
            let [a, b] = [&s.rel.lhs[0], &s.rel.lhs[1]].map(v);
            let [c, d] = [&s.rel.rhs[0], &s.rel.rhs[1]].map(v);
            Message::new(
                format!(
                    "{}列收支：一、本年新收 {a} + 二、上年结转 {b} = {l}，（七）总计 {c} + 四、结转下年度继续办理 {d} = {r}",
                    t3_col_zh(col)
                ),
                format!(
                    "column {} balance: new {a} + carried over {b} = {l}, (7) total {c} + carried to next year {d} = {r}",
                    t3_col_en(col)
                ),
            )
        }
        (_, CellId::T4(group, _)) => Message::new(
            format!("{}：总计 {l}，各项之和 {r}（{parts}）", group.name_zh()),
            format!(
                "{}: total {l}, its outcomes add up to {r} ({parts})",
                group.name_en()
            ),
        ),
        _ => Message::new(format!("{l} ≠ {r}"), format!("{l} ≠ {r}")),
    }
}

/// A fix that writes `value` over exactly the digits of `id`; `None` when the cell's source
/// text is not exactly its value (digits split over HTML tags, say).
/// Safe when `unsafe_why` is `None`; else unsafe, with the reason in its title.
fn set_cell(ctx: &Context, id: CellId, value: i64, unsafe_why: Option<&Message>) -> Option<Fix> {
    let cell = ctx.cell(id)?;
    let CellValue::Number(written) = &cell.value else {
        return None;
    };
    if ctx.src.get(cell.span.clone()) != Some(written.as_str()) {
        return None;
    }
    let (zh, en) = (id.name_zh(), id.name_en());
    let (applicability, title) = match unsafe_why {
        None => (
            Applicability::Safe,
            Message::new(
                format!("将 {zh} 改为 {value}"),
                format!("Set {en} to {value}"),
            ),
        ),
        Some(why) => (
            Applicability::Unsafe,
            Message::new(
                format!("将 {zh} 改为 {value}（{}）", why.zh),
                format!("Set {en} to {value} ({})", why.en),
            ),
        ),
    };
    Some(Fix {
        applicability,
        title,
        edits: vec![Edit {
            range: cell.span.clone(),
            new_text: value.to_string(),
        }],
    })
}

/// Reports the findings of relation kind `kind` (rule A01–A04): each culprit whose first
/// broken relation among the rules that run is of this kind, as one finding naming all the
/// relations it breaks, and each failing relation of this kind that no culprit explains.
pub(crate) fn report(ctx: &Context, sink: &mut Sink, kind: Kind) {
    let a = ctx.arith();
    for c in &a.culprits {
        let kinds = a.enabled_kinds(ctx, c);
        if kinds.first() != Some(&kind) {
            continue;
        }
        let Some(cell) = ctx.cell(c.id) else {
            continue;
        };
        let shown: Vec<&Sided> = c
            .breaks
            .iter()
            .map(|&i| &a.failing[i])
            .filter(|s| kinds.contains(&s.rel.kind))
            .collect();
        let (zh, en): (Vec<String>, Vec<String>) = shown
            .iter()
            .map(|s| {
                let m = describe(ctx, s);
                (m.zh, m.en)
            })
            .unzip();
        let (written, value) = (c.written, c.value);
        let d = sink.push(
            cell.span.clone(),
            format!(
                "{} 为 {written}，应为 {value}：{}",
                c.id.name_zh(),
                zh.join("；")
            ),
            format!(
                "{} is {written}, should be {value}: {}",
                c.id.name_en(),
                en.join("; ")
            ),
        );
        d.also = kinds[1..].iter().map(|&k| code(k)).collect();
        // The relations, each where its other side is: short, the addends are in the hover.
        d.related = shown
            .iter()
            .filter_map(|s| {
                let at = s.rel.cells().find(|&id| id != c.id)?;
                Some(Related {
                    range: ctx.cell(at)?.span.clone(),
                    message: describe(ctx, s),
                })
            })
            .collect();
        // Every relation of the cell holds after the change, two or more confirm the value.
        d.fix = set_cell(ctx, c.id, value, None);
    }
    for o in &a.open {
        let s = &a.failing[o.relation];
        if s.rel.kind != kind {
            continue;
        }
        let total = s.rel.lhs[0];
        // On a cell that could be the wrong one: the total if it is one, else the first;
        // with none, the total (and the message says that one cell cannot explain it).
        let at = if o.candidates.iter().any(|(id, _)| *id == total) || o.candidates.is_empty() {
            total
        } else {
            o.candidates[0].0
        };
        let Some(cell) = ctx.cell(at) else {
            continue;
        };
        let m = describe(ctx, s);
        let names = |en: bool| {
            o.candidates
                .iter()
                .map(|(id, v)| {
                    if en {
                        format!("{} (then {v})", id.name_en())
                    } else {
                        format!("{}（应为 {v}）", id.name_zh())
                    }
                })
                .collect::<Vec<_>>()
        };
        let (zh, en) = match o.candidates.len() {
            0 => (
                format!("{}：不成立，且改动任何一格都不能使所有关系同时成立，至少有两格有误", m.zh),
                format!("{}: does not hold, and no single cell changed makes every relation hold: two cells or more are wrong", m.en),
            ),
            1 => (
                format!("{}：不成立，可能有误的是 {}", m.zh, names(false)[0]),
                format!("{}: does not hold; the wrong cell may be {}", m.en, names(true)[0]),
            ),
            _ => (
                format!("{}：不成立，无法确定哪一格有误，可能是：{}", m.zh, names(false).join("、")),
                format!("{}: does not hold; which cell is wrong cannot be told, one of: {}", m.en, names(true).join(", ")),
            ),
        };
        let d = sink.push(cell.span.clone(), zh, en);
        d.related = o
            .candidates
            .iter()
            .filter(|(id, _)| *id != at)
            .filter_map(|(id, _)| related_cell(ctx, *id))
            .collect();
        let why = Message::new(
            "也可能是其他单元格有误，请核对",
            "another cell may be the wrong one; check",
        );
        d.fix = o
            .candidates
            .iter()
            .find(|(id, _)| *id == at)
            .and_then(|(id, v)| set_cell(ctx, *id, *v, Some(&why)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cells::{T3Row, T4Group, T4Outcome};
    use crate::read::reader::read;
    use crate::rules::arith::samples::{markdown, row, set_row};
    use crate::sample::Stats;

    fn analysed(src: &str) -> Analysis {
        let report = read(src);
        analyse(&Context::new(src, &report))
    }

    fn changed(stats: &Stats, src: &str, r: u8, c: usize, delta: i64) -> String {
        let mut values = row(stats, r);
        values[c - 1] = (values[c - 1].parse::<i64>().unwrap() + delta).to_string();
        set_row(src, T3Row::R(r), &values)
    }

    #[test]
    fn a_clean_report_has_nothing_to_explain() {
        let (_, src) = markdown();
        let a = analysed(&src);
        assert!(a.failing.is_empty() && a.culprits.is_empty() && a.open.is_empty());
    }

    /// One wrong cell of every kind — a part, a row total, a column total, a grand total, a
    /// carried-over count, a count in table 四's totals — is the one culprit, with the value
    /// it should have, and no relation is left open.
    #[test]
    fn one_wrong_cell_of_any_kind_is_the_culprit() {
        for seed in 0..6 {
            let stats = Stats::generate(seed);
            let src = stats.render(crate::sample::Layout::Markdown);
            for (r, c) in [
                (5, 1),
                (9, 3),
                (5, 7),
                (24, 2),
                (24, 7),
                (2, 1),
                (2, 7),
                (25, 4),
            ] {
                for delta in [1, -1, 7] {
                    let before = stats.t3_cell(r, c as u8) as i64;
                    if before + delta < 0 {
                        continue;
                    }
                    let bad = changed(&stats, &src, r, c, delta);
                    let a = analysed(&bad);
                    let want = CellId::T3(T3Row::R(r), c as u8);
                    assert_eq!(a.culprits.len(), 1, "seed {seed} {want:?} {delta}: {a:?}");
                    assert_eq!(a.culprits[0].id, want);
                    assert_eq!(a.culprits[0].value, before);
                    assert!(a.open.is_empty(), "{a:?}");
                }
            }
        }
    }

    /// Two wrong cells in different rows and columns: each is its own culprit.
    #[test]
    fn two_wrong_cells_far_apart_are_two_culprits() {
        let (stats, src) = markdown();
        let bad = changed(&stats, &src, 5, 1, 3);
        let bad = changed(&stats, &bad, 9, 2, 2);
        let a = analysed(&bad);
        let ids: Vec<CellId> = a.culprits.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [CellId::T3(T3Row::R(5), 1), CellId::T3(T3Row::R(9), 2)],
            "{a:?}"
        );
        assert!(a.open.is_empty());
    }

    /// Two wrong cells in the same row, whose errors cancel in the row total: the row holds,
    /// each column fails, and each cell is the culprit of its column.
    #[test]
    fn two_wrong_cells_in_one_row_that_cancel() {
        let (stats, src) = markdown();
        let mut values = row(&stats, 6);
        let a0: i64 = values[0].parse().unwrap();
        let a1: i64 = values[1].parse().unwrap();
        if a1 == 0 {
            return;
        }
        values[0] = (a0 + 1).to_string();
        values[1] = (a1 - 1).to_string();
        let bad = set_row(&src, T3Row::R(6), &values);
        let a = analysed(&bad);
        // Changing either cell back alone would break its row, which holds: no single cell
        // explains a column, and none is named.
        assert_eq!(a.failing.len(), 2, "{a:?}");
        assert!(a.culprits.is_empty(), "{a:?}");
        assert_eq!(a.open.len(), 2);
        assert!(a.open.iter().all(|o| o.candidates.is_empty()), "{a:?}");
    }

    /// A row and its total both changed (the row still adds up): the column relations fail,
    /// and the cause is no single cell — reported as open, with no candidate picked wrongly.
    #[test]
    fn a_row_changed_consistently_is_open() {
        let (stats, src) = markdown();
        let mut values = row(&stats, 7);
        for c in [0, 6] {
            values[c] = (values[c].parse::<i64>().unwrap() + 4).to_string();
        }
        let bad = set_row(&src, T3Row::R(7), &values);
        let a = analysed(&bad);
        assert!(a.culprits.is_empty(), "{a:?}");
        // Column 自然人 and 总计 fail; (7,1) and (7,7) each break a holding row if changed.
        assert_eq!(a.open.len(), 2, "{a:?}");
        assert!(a.open.iter().all(|o| o.candidates.is_empty()), "{a:?}");
    }

    #[test]
    fn a_table_four_group_alone_has_every_cell_as_candidate() {
        let (_, src) = markdown();
        let report = read(&src);
        let ctx = Context::new(&src, &report);
        let total = CellId::T4(T4Group::Review, T4Outcome::Total);
        let cell = ctx.cell(total).unwrap();
        let written: i64 = ctx.int(total).unwrap();
        let bad = format!(
            "{}{}{}",
            &src[..cell.span.start],
            written + 1,
            &src[cell.span.end..]
        );
        let a = analysed(&bad);
        assert!(a.culprits.is_empty());
        assert_eq!(a.open.len(), 1);
        assert_eq!(a.open[0].candidates.len(), 5, "{a:?}");
    }

    /// The example report's wrong （七）总计·总计: one error, of the first rule that runs,
    /// standing for the others; `--select`/`--ignore` and suppression pass it on per relation.
    #[test]
    fn one_wrong_number_is_one_error_through_selection_and_suppression() {
        use crate::lint::{check_source, Settings};
        use crate::rules::Selection;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/reports/with-defects-2025.md"
        );
        let src = std::fs::read_to_string(path).unwrap();
        let arith = |src: &str, select: &[&str], ignore: &[&str]| {
            let settings = Settings {
                selection: Selection {
                    select: select.iter().map(|s| s.to_string()).collect(),
                    ignore: ignore.iter().map(|s| s.to_string()).collect(),
                    ..Selection::default()
                },
                ..Settings::default()
            };
            check_source(src, &settings)
                .diagnostics
                .into_iter()
                .filter(|d| d.code.starts_with('A'))
                .collect::<Vec<_>>()
        };
        let all = arith(&src, &[], &[]);
        assert_eq!(all.len(), 1, "{all:?}");
        let d = &all[0];
        assert_eq!((d.code, &src[d.range.clone()]), ("A01", "344"));
        assert_eq!(d.also, ["A02", "A03"]);
        assert!(d
            .message
            .zh
            .starts_with("（七）总计·总计 为 344，应为 338："));
        assert_eq!(d.related.len(), 3);
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
        let a02 = arith(&src, &["A02"], &[]);
        assert_eq!((a02.len(), a02[0].code), (1, "A02"));
        let no_a01 = arith(&src, &[], &["A01"]);
        assert_eq!((no_a01.len(), no_a01[0].code), (1, "A02"));
        assert_eq!(no_a01[0].also, ["A03"]);
        // Suppressed for A01 on that line: shown as A02; for all three: gone.
        let line_start = src[..d.range.start].rfind('\n').unwrap() + 1;
        let with = |codes: &str| {
            format!(
                "{}<!-- nianbao-disable-next-line {codes} -->\n{}",
                &src[..line_start],
                &src[line_start..]
            )
        };
        let shown = arith(&with("A01"), &[], &[]);
        assert_eq!(
            (shown.len(), shown[0].code, shown[0].name),
            (1, "A02", "t3-results-sum")
        );
        assert!(arith(&with("A01 A02 A03"), &[], &[]).is_empty());
    }
}
