//! The reader: from a token stream to sections and the three tables.
//!
//! Tables are read by their labels, never by counting lines or pipes, because the same table
//! arrives in many layouts (spec §9). A row label collects the values that follow it:
//! - as many values as the row has cells: the row, in order;
//! - a digit run without separators: split only when exactly one split is possible
//!   ([`crate::read::split`]);
//! - several row labels followed by all their values (PDF text, §9.7): column by column, when
//!   the count leaves one possibility;
//! - a value row without a label inside a pipe table (§9.5): placed by order between two rows
//!   that are labelled, when the counts leave one possibility.
//!
//! Anything else leaves the row's cells unreadable, with the reason.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::read::canon::key_string;
use crate::read::cells::{CellId, T2Row, T3Row, T4Group, T4Outcome, TableVersion, ValueKind};
use crate::read::html;
use crate::read::labels::{Label, SectionKind, T3Group, BY_MEANING};
use crate::read::meta;
use crate::read::model::{
    Cell, CellValue, Format, Heading, Reason, Report, RowLabel, Section, SourceKind, Table, Tables,
    Unreadable,
};
use crate::read::split::{read_run, t3_row_relation, t4_relations, Provenance, Read};
use crate::read::text::{text_pieces, Piece, TextView};
use crate::read::token::{tokenize, TokKind, Token};

/// Reads a report from its source text (plain text, Markdown or HTML).
pub fn read(src: &str) -> Report {
    if html::looks_like_html(src) {
        let pieces = html::html_pieces(src);
        let view = TextView::from_pieces(&pieces);
        build(src.len(), &pieces, view, SourceKind::Html)
    } else {
        let pieces = text_pieces(src, 0);
        build(
            src.len(),
            &pieces,
            TextView::identity(src),
            SourceKind::Text,
        )
    }
}

fn build(src_len: usize, pieces: &[Piece], view: TextView, source: SourceKind) -> Report {
    let tokens = tokenize(pieces);
    let sections = sections(&tokens, src_len);
    let regions = Regions::find(&tokens);
    let mut tables = Tables::default();
    if let Some(r) = regions.t2.clone() {
        tables.t2 = Some(read_t2(&tokens[r], &mut tables.t2_rows));
    }
    if let Some(r) = regions.t3.clone() {
        tables.t3 = Some(read_t3(&tokens[r], &mut tables.t3_rows));
    }
    if let Some(r) = regions.t4.clone() {
        tables.t4 = read_t4(&tokens[r]);
    }
    let format = detect_format(&tables, &tokens, &view);
    Report {
        source,
        meta: meta::read_meta(&view),
        view,
        format,
        sections,
        tables,
    }
}

pub(crate) fn sections(tokens: &[Token], src_len: usize) -> Vec<Section> {
    let mut headings: Vec<Heading> = tokens
        .iter()
        .filter_map(|t| match t.label()? {
            Label::Heading {
                kind,
                numeral,
                variant,
            } => Some(Heading {
                kind,
                numeral,
                variant,
                span: t.span(),
            }),
            _ => None,
        })
        .collect();
    // A heading recognised by meaning only stands for its section when no heading of that
    // section is written in a catalogued wording (then it is a sub-heading or a repeat).
    let catalogued: Vec<SectionKind> = headings
        .iter()
        .filter(|h| h.variant != BY_MEANING)
        .map(|h| h.kind)
        .collect();
    headings.retain(|h| h.variant != BY_MEANING || !catalogued.contains(&h.kind));
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| Section {
            heading: h.clone(),
            span: h.span.start..headings.get(i + 1).map_or(src_len, |n| n.span.start),
        })
        .collect()
}

/// Token ranges of the three tables.
#[derive(Debug, Default)]
pub(crate) struct Regions {
    pub(crate) t2: Option<Range<usize>>,
    pub(crate) t3: Option<Range<usize>>,
    pub(crate) t4: Option<Range<usize>>,
}

impl Regions {
    pub(crate) fn find(tokens: &[Token]) -> Regions {
        let labels: Vec<Option<Label>> = tokens.iter().map(Token::label).collect();
        let first_from = |from: usize, pred: &dyn Fn(Label) -> bool| {
            (from..tokens.len()).find(|&i| labels[i].is_some_and(pred))
        };
        let heading = |kinds: &'static [SectionKind]| move |l: Label| matches!(l, Label::Heading { kind, .. } if kinds.contains(&kind));

        let t2_start = first_from(0, &|l| l == Label::T2Block(1))
            .or_else(|| first_from(0, &|l| matches!(l, Label::T2Header | Label::T2Col(_))));
        let t3_start = first_from(t2_start.unwrap_or(0), &|l| {
            matches!(
                l,
                Label::T3Note
                    | Label::T3Header
                    | Label::T3Row(_)
                    | Label::T3Group(T3Group::Results)
            )
        });
        let t2 = t2_start.map(|s| {
            let end = first_from(s, &Label::is_edge)
                .into_iter()
                .chain(t3_start)
                .min()
                .unwrap_or(tokens.len());
            s..end
        });
        let t4_anchor = |l: Label| matches!(l, Label::T4Group(_) | Label::T4Litigation);
        let review = heading(&[SectionKind::Review]);
        let after = |l: Label| {
            matches!(
                l,
                Label::Heading {
                    kind: SectionKind::Review | SectionKind::Problems | SectionKind::Other,
                    ..
                }
            ) || t4_anchor(l)
        };
        let t3_end = t3_start.map(|s| first_from(s, &after).unwrap_or(tokens.len()));
        let t3 = t3_start.zip(t3_end).map(|(s, e)| s..e);

        let t4_start = match t3_end {
            Some(e) if e < tokens.len() && labels[e].is_some_and(|l| review(l) || t4_anchor(l)) => {
                Some(e)
            }
            Some(e) => first_from(e, &review),
            None => first_from(t2.as_ref().map_or(0, |r| r.end), &review),
        };
        let t4 = t4_start.and_then(|s| {
            let end = (s + 1..tokens.len())
                .find(|&i| labels[i].is_some_and(Label::is_edge))
                .unwrap_or(tokens.len());
            let has_table = (s..end).any(|i| {
                labels[i].is_some_and(|l| {
                    matches!(
                        l,
                        Label::T4Group(_) | Label::T4Litigation | Label::T4Outcome
                    )
                })
            });
            has_table.then_some(s..end)
        });
        Regions { t2, t3, t4 }
    }
}

/// Collects the values starting at `i`: values and blanks, skipping page markers and line
/// ends; a row end, a label or other text ends the run. Returns the run and the index after it.
fn collect_run(tokens: &[Token], mut i: usize) -> (Vec<&Token>, usize) {
    let start = i;
    let mut run: Vec<&Token> = Vec::new();
    while let Some(t) = tokens.get(i) {
        match t.kind {
            // A value inside a table row and one outside it never belong to one run.
            TokKind::Value(_) | TokKind::Blank
                if run.first().is_some_and(|f| f.in_row != t.in_row) =>
            {
                break
            }
            TokKind::Value(_) | TokKind::Blank => run.push(t),
            TokKind::PageMarker | TokKind::LineEnd => {}
            _ => break,
        }
        i += 1;
    }
    // Empty cells between two labels of a header row (`| 行政复议 | | | 行政诉讼 |`), or after
    // the last header or group label of a row (empty cells written instead of a colspan), pad
    // spanned cells; they are not values.
    let blanks = run.iter().all(|t| t.kind == TokKind::Blank);
    let padding = blanks
        && (tokens
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokKind::Label { .. }) && t.in_row)
            || (run.first().is_some_and(|t| t.in_row)
                && tokens.get(i).is_none_or(|t| t.kind == TokKind::RowEnd)
                && start > 0
                && tokens[..start]
                    .iter()
                    .rev()
                    .find(|t| t.kind != TokKind::LineEnd)
                    .is_some_and(|t| t.in_row && t.label().is_some_and(pads_its_row))));
    if padding {
        run.clear();
    }
    (run, i)
}

/// Labels of header and group rows, which carry no values: empty cells after them pad.
fn pads_its_row(l: Label) -> bool {
    matches!(
        l,
        Label::T2Block(_)
            | Label::T2Header
            | Label::T2Col(_)
            | Label::T3Note
            | Label::T3Header
            | Label::T3Col(_)
            | Label::Total
            | Label::T4Group(_)
            | Label::T4Litigation
            | Label::T4Outcome
            | Label::T3Group(
                T3Group::Results | T3Group::Withheld | T3Group::Unable | T3Group::NotProcessed
            )
    )
}

fn span_of(run: &[&Token]) -> Option<Range<usize>> {
    Some(run.first()?.span().start..run.last()?.span().end)
}

fn region_span(tokens: &[Token]) -> Range<usize> {
    let mut sig = tokens
        .iter()
        .filter(|t| !matches!(t.kind, TokKind::LineEnd | TokKind::RowEnd));
    let start = sig.clone().next().map_or(0, |t| t.span().start);
    let end = sig.next_back().map_or(start, |t| t.span().end);
    start..end
}

fn to_cell(read: Read, provenance: Option<Provenance>) -> Cell {
    Cell {
        value: read.text.map_or(CellValue::Blank, CellValue::Number),
        span: read.span,
        provenance: provenance.unwrap_or(read.provenance),
    }
}

/// Per-row results while reading a table, keyed by a row type.
struct Rows<R: Ord + Copy> {
    assigned: BTreeMap<R, (Vec<Cell>, usize, bool)>,
    failed: BTreeMap<R, Unreadable>,
    /// Failed rows whose failed values stood outside the table's rows (a stray number
    /// between wrapped labels): a value row of the table may still be placed there.
    weak: std::collections::BTreeSet<R>,
}

impl<R: Ord + Copy> Rows<R> {
    fn new() -> Self {
        Rows {
            assigned: BTreeMap::new(),
            failed: BTreeMap::new(),
            weak: Default::default(),
        }
    }

    /// Records a row's cells; a second, different reading of the same row is a conflict.
    fn assign(&mut self, row: R, cells: Vec<Cell>, at: usize, by_label: bool) {
        if let Some((prev, _, _)) = self.assigned.get(&row) {
            let same = prev.len() == cells.len()
                && prev.iter().zip(&cells).all(|(a, b)| a.value == b.value);
            if !same {
                let span = cells.first().map(|c| c.span.clone());
                self.assigned.remove(&row);
                self.failed.insert(
                    row,
                    Unreadable {
                        reason: Reason::Conflict,
                        span,
                    },
                );
            }
            return;
        }
        if matches!(self.failed.get(&row), Some(u) if u.reason == Reason::Conflict) {
            return;
        }
        self.failed.remove(&row);
        self.assigned.insert(row, (cells, at, by_label));
    }

    fn fail(&mut self, row: R, reason: Reason, span: Option<Range<usize>>) {
        if !self.assigned.contains_key(&row) {
            self.failed.insert(row, Unreadable { reason, span });
            self.weak.remove(&row);
        }
    }

    fn fail_weak(&mut self, row: R, reason: Reason, span: Option<Range<usize>>) {
        if !self.assigned.contains_key(&row) && !self.failed.contains_key(&row) {
            self.failed.insert(row, Unreadable { reason, span });
            self.weak.insert(row);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Table 二

fn t2_version(tokens: &[Token]) -> TableVersion {
    use crate::read::cells::T2Col::*;
    let v2019 = tokens.iter().filter_map(Token::label).any(|l| {
        matches!(
            l,
            Label::T2Col(NewMade | NewPublished | PublishedTotal | PrevItems | Change | Count)
                | Label::T2Block(9)
                | Label::T2Row(T2Row::OtherService | T2Row::Procurement)
        )
    });
    if v2019 {
        TableVersion::V2019
    } else {
        TableVersion::V2021
    }
}

pub(crate) fn read_t2(tokens: &[Token], labels_found: &mut BTreeMap<T2Row, RowLabel>) -> Table {
    let version = t2_version(tokens);
    let mut table = Table::new(version, region_span(tokens));
    let mut rows: Rows<T2Row> = Rows::new();
    let mut pending: Vec<(T2Row, usize)> = Vec::new();
    let kinds = |r: T2Row| -> Vec<ValueKind> {
        r.columns(version)
            .iter()
            .map(|&c| CellId::T2(r, c).kind())
            .collect()
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if let Some(Label::T2Row(r)) = t.label() {
            if !r.columns(version).is_empty() {
                pending.push((r, i));
                labels_found.entry(r).or_insert(RowLabel {
                    span: t.span(),
                    partial: matches!(t.kind, TokKind::Label { partial: true, .. }),
                });
            }
        } else if t.is_value() {
            let (run, next) = collect_run(tokens, i);
            if !run.is_empty() {
                assign_t2(&mut rows, &mut pending, &run, i, &kinds);
            }
            i = next;
            continue;
        }
        i += 1;
    }
    for r in T2Row::ALL {
        let cols = r.columns(version);
        match rows.assigned.remove(&r) {
            Some((cells, _, _)) => {
                for (c, cell) in cols.iter().zip(cells) {
                    table.cells.insert(CellId::T2(r, *c), cell);
                }
            }
            None => {
                let u = rows
                    .failed
                    .remove(&r)
                    .unwrap_or_else(|| not_found(labels_found.get(&r)));
                for c in cols {
                    table.unreadable.insert(CellId::T2(r, *c), u.clone());
                }
            }
        }
    }
    table
}

fn not_found(label: Option<&RowLabel>) -> Unreadable {
    match label {
        Some(l) => Unreadable {
            reason: Reason::NoValues,
            span: Some(l.span.clone()),
        },
        None => Unreadable {
            reason: Reason::LabelNotFound,
            span: None,
        },
    }
}

fn assign_t2(
    rows: &mut Rows<T2Row>,
    pending: &mut Vec<(T2Row, usize)>,
    run: &[&Token],
    at: usize,
    kinds: &dyn Fn(T2Row) -> Vec<ValueKind>,
) {
    let Some(&(last, last_at)) = pending.last() else {
        return;
    };
    // Column order (PDF text): a window of ≥ 2 pending rows of one block, whose cells add up
    // to the run.
    let mut windows = Vec::new();
    for a in 0..pending.len() {
        for b in a + 2..=pending.len() {
            let w = &pending[a..b];
            let block = w[0].0.block();
            let m = kinds(w[0].0).len();
            let distinct = w
                .iter()
                .enumerate()
                .all(|(k, (r, _))| w[..k].iter().all(|(q, _)| q != r));
            if distinct
                && w.iter()
                    .all(|(r, _)| r.block() == block && kinds(*r).len() == m)
                && w.len() * m == run.len()
            {
                windows.push((a, b));
            }
        }
    }
    match windows.as_slice() {
        [(a, b)] => {
            let (a, b) = (*a, *b);
            let window: Vec<(T2Row, usize)> = pending[a..b].to_vec();
            let l = window.len();
            for (k, (r, idx)) in window.iter().enumerate() {
                let m = kinds(*r).len();
                let row_run: Vec<&Token> = (0..m).map(|c| run[c * l + k]).collect();
                match read_run(&row_run, &kinds(*r), &[]) {
                    Ok(reads) => rows.assign(
                        *r,
                        reads
                            .into_iter()
                            .map(|x| to_cell(x, Some(Provenance::ColumnOrder)))
                            .collect(),
                        *idx,
                        true,
                    ),
                    Err(e) => rows.fail(*r, Reason::Run(e), span_of(&row_run)),
                }
            }
            pending.drain(..b);
        }
        [] => {
            match read_run(run, &kinds(last), &[]) {
                Ok(reads) => rows.assign(
                    last,
                    reads.into_iter().map(|x| to_cell(x, None)).collect(),
                    last_at.min(at),
                    true,
                ),
                Err(e) => rows.fail(last, Reason::Run(e), span_of(run)),
            }
            pending.clear();
        }
        _ => {
            for (r, _) in pending.drain(..) {
                rows.fail(r, Reason::AmbiguousAssignment, span_of(run));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Table 三

/// Whether `（六）其他处理` at `i` is a data row (2019 format): values or （七）总计 follow it
/// directly, not its three sub-rows. Empty cells alone (a group row of an HTML or Word table
/// written with `<td></td>`) decide nothing: what follows them does.
fn other_processing_is_data_row(tokens: &[Token], i: usize) -> bool {
    let mut blanks = false;
    for t in &tokens[i + 1..] {
        match t.kind {
            TokKind::Value(_) => return true,
            TokKind::Blank => blanks = true,
            TokKind::Label { .. } => {
                return matches!(t.label(), Some(Label::T3Row(T3Row::R(24))));
            }
            _ => {}
        }
    }
    blanks
}

pub(crate) fn read_t3(tokens: &[Token], labels_found: &mut BTreeMap<T3Row, RowLabel>) -> Table {
    let mut rows: Rows<T3Row> = Rows::new();
    let mut pending: Vec<(T3Row, usize)> = Vec::new();
    let mut orphans: Vec<(usize, Vec<&Token>)> = Vec::new();
    let mut label_in_row = false;
    let mut v2019 = false;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let row = match t.label() {
            Some(Label::T3Row(r)) => Some(r),
            Some(Label::T3Group(T3Group::OtherProcessing))
                if other_processing_is_data_row(tokens, i) =>
            {
                v2019 = true;
                Some(T3Row::R21To23)
            }
            _ => None,
        };
        if let Some(r) = row {
            pending.push((r, i));
            label_in_row |= t.in_row;
            labels_found.entry(r).or_insert(RowLabel {
                span: t.span(),
                partial: matches!(t.kind, TokKind::Label { partial: true, .. }),
            });
        } else if t.kind == TokKind::RowEnd {
            label_in_row = false;
        } else if t.is_value() {
            let (run, next) = collect_run(tokens, i);
            if run.is_empty() {
                // header padding
            } else if t.in_row && !label_in_row {
                // Empty cells of a row without a label (a group row's) are not a value row.
                if run.iter().any(|t| t.kind != TokKind::Blank) {
                    orphans.push((i, run));
                }
            } else {
                assign_t3(&mut rows, &pending, &run, i);
                pending.clear();
            }
            i = next;
            continue;
        }
        i += 1;
    }
    let version = if v2019 {
        TableVersion::V2019
    } else {
        TableVersion::V2021
    };
    place_orphans(&mut rows, &orphans, version);

    let mut table = Table::new(version, region_span(tokens));
    for r in T3Row::rows(version) {
        match rows.assigned.remove(&r) {
            Some((cells, _, _)) => {
                for (c, cell) in (1..=7).zip(cells) {
                    table.cells.insert(CellId::T3(r, c), cell);
                }
            }
            None => {
                let u = rows
                    .failed
                    .remove(&r)
                    .unwrap_or_else(|| not_found(labels_found.get(&r)));
                for c in 1..=7 {
                    table.unreadable.insert(CellId::T3(r, c), u.clone());
                }
            }
        }
    }
    table
}

const T3_KINDS: [ValueKind; 7] = [ValueKind::Count; 7];

fn assign_t3(rows: &mut Rows<T3Row>, pending: &[(T3Row, usize)], run: &[&Token], at: usize) {
    let Some(&(last, last_at)) = pending.last() else {
        return; // values with no row label before them
    };
    let l = pending.len();
    let distinct = pending
        .iter()
        .enumerate()
        .all(|(k, (r, _))| pending[..k].iter().all(|(q, _)| q != r));
    if l >= 2 && distinct && run.len() == 7 * l {
        assign_t3_columns(rows, pending, run);
        return;
    }
    match read_run(run, &T3_KINDS, &t3_row_relation()) {
        Ok(reads) => rows.assign(
            last,
            reads.into_iter().map(|x| to_cell(x, None)).collect(),
            last_at.min(at),
            true,
        ),
        Err(e) if !run[0].in_row => rows.fail_weak(last, Reason::Run(e), span_of(run)),
        Err(e) => rows.fail(last, Reason::Run(e), span_of(run)),
    }
}

/// Reads PDF text that lists `pending.len()` row labels and then their values column by
/// column (spec §9.7).
///
/// Text extraction does not always keep the columns in order: in real/011 the 总计 column
/// comes before 其他 on one page. So the natural order (自然人 … 其他, 总计) is taken when every
/// row's 总计 equals the sum of its parts, and the order with the last two columns exchanged
/// when only that order satisfies every row (then the row totals chose the order and cannot
/// be reported as wrong: [`Provenance::SplitByArithmetic`]). When neither order fits every row,
/// the columns cannot be placed with certainty and the rows are unreadable.
fn assign_t3_columns(rows: &mut Rows<T3Row>, pending: &[(T3Row, usize)], run: &[&Token]) {
    let l = pending.len();
    let read_with = |order: [usize; 7]| -> Option<Vec<Vec<Read>>> {
        pending
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let row_run: Vec<&Token> = order.iter().map(|&c| run[c * l + k]).collect();
                read_run(&row_run, &T3_KINDS, &[]).ok()
            })
            .collect()
    };
    let totals_hold = |table: &[Vec<Read>]| {
        table.iter().all(|row| {
            let v: Option<Vec<i64>> = row
                .iter()
                .map(|r| r.text.as_deref().and_then(|t| t.parse().ok()))
                .collect();
            v.is_some_and(|v| {
                v[..6].iter().try_fold(0i64, |acc, &x| acc.checked_add(x)) == Some(v[6])
            })
        })
    };
    let natural = read_with([0, 1, 2, 3, 4, 5, 6]);
    let swapped = read_with([0, 1, 2, 3, 4, 6, 5]);
    let chosen = match (natural, swapped) {
        (Some(n), Some(s)) => match (totals_hold(&n), totals_hold(&s)) {
            (true, false) => Some((n, Provenance::ColumnOrder)),
            (true, true) if n == s => Some((n, Provenance::ColumnOrder)),
            (false, true) => Some((s, Provenance::SplitByArithmetic)),
            _ => None,
        },
        _ => None,
    };
    match chosen {
        Some((table, provenance)) => {
            for ((r, idx), reads) in pending.iter().zip(table) {
                let cells = reads
                    .into_iter()
                    .map(|x| to_cell(x, Some(provenance)))
                    .collect();
                rows.assign(*r, cells, *idx, true);
            }
        }
        None => {
            for (r, _) in pending {
                rows.fail(*r, Reason::ColumnOrder, span_of(run));
            }
        }
    }
}

/// Places value rows that lost their label (§9.5) between two labelled rows, when the number
/// of such rows equals the number of rows missing between the two.
fn place_orphans(rows: &mut Rows<T3Row>, orphans: &[(usize, Vec<&Token>)], version: TableVersion) {
    if orphans.is_empty() {
        return;
    }
    let order = T3Row::rows(version);
    let mut anchors: Vec<(usize, T3Row)> = rows
        .assigned
        .iter()
        .filter(|(_, (_, _, by_label))| *by_label)
        .map(|(r, (_, at, _))| (*at, *r))
        .collect();
    anchors.sort();
    let mut placements: Vec<(T3Row, Vec<&Token>, usize)> = Vec::new();
    for w in anchors.windows(2) {
        let ((ia, ra), (ib, rb)) = (w[0], w[1]);
        if ra.order() >= rb.order() {
            continue;
        }
        let missing: Vec<T3Row> = order
            .iter()
            .copied()
            .filter(|r| r.order() > ra.order() && r.order() < rb.order())
            .filter(|r| {
                !rows.assigned.contains_key(r)
                    && (!rows.failed.contains_key(r) || rows.weak.contains(r))
            })
            .collect();
        let between: Vec<&(usize, Vec<&Token>)> = orphans
            .iter()
            .filter(|(at, _)| *at > ia && *at < ib)
            .collect();
        if !between.is_empty() && between.len() == missing.len() {
            for (r, (at, run)) in missing.into_iter().zip(between) {
                placements.push((r, run.clone(), *at));
            }
        }
    }
    for (r, run, at) in placements {
        match read_run(&run, &T3_KINDS, &t3_row_relation()) {
            Ok(reads) => rows.assign(
                r,
                reads
                    .into_iter()
                    .map(|x| to_cell(x, Some(Provenance::ByOrder)))
                    .collect(),
                at,
                false,
            ),
            Err(e) => rows.fail(r, Reason::Run(e), span_of(&run)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Table 四

pub(crate) fn read_t4(tokens: &[Token]) -> Option<Table> {
    let mut table = Table::new(TableVersion::V2021, region_span(tokens));
    let mut group: Option<T4Group> = None;
    let mut runs: Vec<(Option<T4Group>, Vec<&Token>)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if let Some(Label::T4Group(g)) = t.label() {
            group = Some(g);
        } else if t.is_value() {
            let (run, next) = collect_run(tokens, i);
            if !run.is_empty() {
                runs.push((group, run));
            }
            i = next;
            continue;
        }
        i += 1;
    }
    let ids_of = |g: T4Group| T4Outcome::ALL.map(|o| CellId::T4(g, o));
    let fail_group = |table: &mut Table, g: T4Group, u: &Unreadable| {
        for id in ids_of(g) {
            table.unreadable.insert(id, u.clone());
        }
    };
    let Some((_, first)) = runs.first() else {
        let u = Unreadable {
            reason: Reason::NoValues,
            span: Some(table.span.clone()),
        };
        for g in T4Group::ALL {
            fail_group(&mut table, g, &u);
        }
        return Some(table);
    };
    // Three five-value tables, one per group (§9.5, real/008).
    let per_group = first.len() == 5 && runs.iter().all(|(g, _)| g.is_some());
    if per_group {
        let mut done = Vec::new();
        for (g, run) in &runs {
            let Some(g) = *g else { continue };
            if done.contains(&g) {
                continue;
            }
            done.push(g);
            match read_run(run, &[ValueKind::Count; 5], &t4_relations(1)) {
                Ok(reads) => {
                    for (id, r) in ids_of(g).into_iter().zip(reads) {
                        table.cells.insert(id, to_cell(r, None));
                    }
                }
                Err(e) => fail_group(
                    &mut table,
                    g,
                    &Unreadable {
                        reason: Reason::Run(e),
                        span: span_of(run),
                    },
                ),
            }
        }
        for g in T4Group::ALL {
            if !done.contains(&g) {
                let u = Unreadable {
                    reason: Reason::NoValues,
                    span: None,
                };
                fail_group(&mut table, g, &u);
            }
        }
        return Some(table);
    }
    match read_run(first, &[ValueKind::Count; 15], &t4_relations(3)) {
        Ok(reads) => {
            for (id, r) in T4Group::ALL.into_iter().flat_map(ids_of).zip(reads) {
                table.cells.insert(id, to_cell(r, None));
            }
        }
        Err(e) => {
            let u = Unreadable {
                reason: Reason::Run(e),
                span: span_of(first),
            };
            for g in T4Group::ALL {
                fail_group(&mut table, g, &u);
            }
        }
    }
    Some(table)
}

// ---------------------------------------------------------------------------------------------
// Format

/// Statistic labels of pre-2019 reports (spec §4.3).
const LEGACY_LABELS: [&str; 7] = [
    "对申请的答复总数",
    "同意公开答复数",
    "同意部分公开答复数",
    "否决公开答复总数",
    "非本部门掌握",
    "免予公开",
    "依申请公开政府信息情况",
];

pub(crate) fn detect_format(tables: &Tables, tokens: &[Token], view: &TextView) -> Format {
    let v = |t: &Option<Table>| t.as_ref().map(|t| t.version);
    match (v(&tables.t2), v(&tables.t3)) {
        (Some(a), Some(b)) if a != b => Format::Mixed,
        (Some(a), _) | (None, Some(a)) => match a {
            TableVersion::V2021 => Format::V2021,
            TableVersion::V2019 => Format::V2019,
        },
        (None, None) => {
            let has_blocks = tokens
                .iter()
                .any(|t| matches!(t.label(), Some(Label::T2Block(_))));
            let key = key_string(&view.text);
            if !has_blocks && LEGACY_LABELS.iter().any(|l| key.contains(&key_string(l))) {
                Format::Legacy
            } else {
                Format::Unknown
            }
        }
    }
}

#[cfg(test)]
mod tests;
