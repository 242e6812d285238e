//! Cross-checks (X): what the narrative says against what the tables say, and a report against
//! the other reports checked with it (spec §7.4). One file per rule; one line per rule below.
//! [`narrative`] finds the stated numbers; [`crate::rules::peers`] summarises the other reports.

use super::Rule;
use crate::read::cells::{CellId, T2Col, T2Row, T3Row, T4Group, T4Outcome, TableVersion};
use crate::read::model::CellValue;
use crate::rules::peers::{Peer, PeerSet};
use crate::rules::{Context, Sink};

pub mod narrative;
mod x01_text_vs_t3_totals;
mod x02_text_vs_t3_outcomes;
mod x03_text_vs_t4;
mod x04_text_vs_t2;
mod x05_cross_year_carry;
mod x06_info_fee_consistency;
mod x07_same_as_last_year;

use super::arith::related_cell;
use narrative::{Statement, Subject, Value};

pub const RULES: &[Rule] = &[
    x01_text_vs_t3_totals::RULE,
    x02_text_vs_t3_outcomes::RULE,
    x03_text_vs_t4::RULE,
    x04_text_vs_t2::RULE,
    x05_cross_year_carry::RULE,
    x06_info_fee_consistency::RULE,
    x07_same_as_last_year::RULE,
];

/// One way to read a statement: the sum of some cells, and its name.
struct Reading {
    cells: Vec<CellId>,
    zh: String,
    en: String,
}

fn t3(row: u8) -> CellId {
    CellId::T3(T3Row::R(row), 7)
}

/// A reading of one cell, named by its table and place.
fn cell(id: CellId) -> Reading {
    let table = match id {
        CellId::T2(..) => ("表二", "table 2"),
        CellId::T3(..) => ("表三", "table 3"),
        CellId::T4(..) => ("表四", "table 4"),
    };
    Reading {
        cells: vec![id],
        zh: format!("{} {}", table.0, id.name_zh()),
        en: format!("{} {}", table.1, id.name_en()),
    }
}

/// A reading of the 总计 column over table-三 rows `rows`.
fn rows(rows: impl IntoIterator<Item = u8>, zh: &str, en: &str) -> Reading {
    Reading {
        cells: rows.into_iter().map(t3).collect(),
        zh: format!("表三 {zh}"),
        en: format!("table 3 {en}"),
    }
}

/// The readings of a subject; a statement agrees with the tables when one of them fits.
fn readings(ctx: &Context, subject: Subject) -> Vec<Reading> {
    use Subject::*;
    let v2019 = ctx
        .report
        .tables
        .t3
        .as_ref()
        .is_some_and(|t| t.version == TableVersion::V2019);
    let received_with_carried = || {
        rows(
            [1, 2],
            "一、本年新收与二、上年结转·总计之和",
            "new applications plus those carried over, total",
        )
    };
    match subject {
        // 共收到 often counts the carried-over applications too (real/004, real/008).
        Received => vec![cell(t3(1)), received_with_carried()],
        CarriedIn => vec![cell(t3(2))],
        Closed => vec![cell(t3(24))],
        // 办理 reads as closed or as received.
        Handled => vec![cell(t3(24)), cell(t3(1)), received_with_carried()],
        CarriedOut => vec![cell(t3(25))],
        Published => vec![cell(t3(3))],
        Partial => vec![cell(t3(4))],
        PublishedOrPartial => vec![rows(
            [3, 4],
            "（一）予以公开与（二）部分公开·总计之和",
            "published plus partly published, total",
        )],
        NotDisclosed => vec![rows(
            5..=12,
            "（三）不予公开各项·总计之和",
            "withheld (all reasons), total",
        )],
        Unable => vec![rows(
            13..=15,
            "（四）无法提供各项·总计之和",
            "not available (all reasons), total",
        )],
        NotHeld => vec![cell(t3(13))],
        NotProcessed => vec![rows(
            16..=20,
            "（五）不予处理各项·总计之和",
            "not processed (all reasons), total",
        )],
        OtherProcessing if v2019 => vec![cell(CellId::T3(T3Row::R21To23, 7))],
        OtherProcessing => vec![rows(
            21..=23,
            "（六）其他处理各项·总计之和",
            "other processing (all kinds), total",
        )],
        Review => vec![cell(CellId::T4(T4Group::Review, T4Outcome::Total))],
        Litigation => vec![Reading {
            cells: vec![
                CellId::T4(T4Group::Direct, T4Outcome::Total),
                CellId::T4(T4Group::AfterReview, T4Outcome::Total),
            ],
            zh: "表四 行政诉讼（未经复议直接起诉与复议后起诉）·总计之和".into(),
            en: "table 4 litigation (without and after review), totals added".into(),
        }],
        RegMade => vec![cell(CellId::T2(T2Row::Reg, T2Col::Made))],
        RegRepealed => vec![cell(CellId::T2(T2Row::Reg, T2Col::Repealed))],
        RegValid => vec![cell(CellId::T2(T2Row::Reg, T2Col::Valid))],
        NormMade => vec![cell(CellId::T2(T2Row::Norm, T2Col::Made))],
        NormRepealed => vec![cell(CellId::T2(T2Row::Norm, T2Col::Repealed))],
        NormValid => vec![cell(CellId::T2(T2Row::Norm, T2Col::Valid))],
        License => vec![cell(CellId::T2(T2Row::License, T2Col::Decisions))],
        Penalty => vec![cell(CellId::T2(T2Row::Penalty, T2Col::Decisions))],
        Coercion => vec![cell(CellId::T2(T2Row::Coercion, T2Col::Decisions))],
        FeeAmount => vec![cell(CellId::T2(T2Row::Fee, T2Col::Amount))],
    }
}

/// The value of a cell that was read with certainty: a number, not blank, not split by the
/// very arithmetic a rule would check.
fn certain<'a>(ctx: &Context<'a>, id: CellId) -> Option<&'a str> {
    if ctx.chosen_by_arithmetic(id) {
        return None;
    }
    match &ctx.cell(id)?.value {
        CellValue::Number(s) => Some(s),
        CellValue::Blank => None,
    }
}

/// The value of a reading in the form the statement was made in; `None` when a cell is
/// missing, blank, unreadable or not a number of that form.
fn value_of(ctx: &Context, r: &Reading, like: &Value) -> Option<Value> {
    match like {
        Value::Int(_) => {
            let mut sum: i64 = 0;
            for &id in &r.cells {
                let n: i64 = certain(ctx, id)?.parse().ok()?;
                sum = sum.checked_add(n)?;
            }
            Some(Value::Int(sum))
        }
        Value::Decimal(_) => {
            let [id] = r.cells[..] else { return None };
            let s = certain(ctx, id)?;
            let plain = !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && s.bytes().filter(|&b| b == b'.').count() <= 1;
            plain.then(|| Value::Decimal(narrative::normalise_decimal(s)))
        }
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Int(n) => n.to_string(),
        Value::Decimal(d) => d.clone(),
    }
}

/// Compares the statements of the given subjects with the tables and reports each that no
/// reading fits. Silent when a reading cannot be computed: the tables were not read well
/// enough to tell.
pub(crate) fn check_subjects(ctx: &Context, sink: &mut Sink, subjects: &[Subject]) {
    for s in ctx.statements() {
        if subjects.contains(&s.subject) {
            compare(ctx, sink, s);
        }
    }
}

fn compare(ctx: &Context, sink: &mut Sink, s: &Statement) {
    let readings = readings(ctx, s.subject);
    let mut values = Vec::new();
    for r in &readings {
        let Some(v) = value_of(ctx, r, &s.value) else {
            return;
        };
        if v == s.value {
            return;
        }
        values.push(v);
    }
    let zh: Vec<String> = readings
        .iter()
        .zip(&values)
        .map(|(r, v)| format!("{}为{}", r.zh, shown(v)))
        .collect();
    let en: Vec<String> = readings
        .iter()
        .zip(&values)
        .map(|(r, v)| format!("{} is {}", r.en, shown(v)))
        .collect();
    let d = sink.push(
        ctx.source_range(s.number.clone()),
        format!("正文称“{}”，但{}", s.phrase, zh.join("，")),
        format!("the text says “{}” but {}", s.phrase, en.join(", ")),
    );
    let mut seen = Vec::new();
    for id in readings.iter().flat_map(|r| r.cells.iter().copied()) {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        if let Some(r) = related_cell(ctx, id) {
            d.related.push(r);
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Reports for the X rules: a clean sample with narrative sentences added.
    use crate::sample::{Layout, Stats};

    pub fn stats() -> Stats {
        Stats::generate(7)
    }

    /// The clean sample in `layout` with `sentence` added to section 一's narrative.
    pub fn with_sentence(layout: Layout, sentence: &str) -> String {
        let src = stats().render(layout);
        let anchor = "全年未发生责任追究情形。";
        assert!(src.contains(anchor));
        src.replacen(anchor, &format!("{anchor}{sentence}"), 1)
    }

    /// The same, in the one-cell-per-line layout.
    pub fn report(sentence: &str) -> String {
        with_sentence(Layout::CellPerLine, sentence)
    }
}

/// A rule that compares a report's summary with the others checked with it.
pub type PeerCheck = fn(&Peer, &PeerSet, &mut Sink);

/// The rules that compare a report with the others checked with it, with their checks on
/// summaries: a face that has every report's [`Peer`] runs these without reading the reports
/// again; one with the report at hand runs the rule's ordinary check, which builds the summary.
pub const PEER_RULES: &[(&Rule, PeerCheck)] = &[
    (
        &x05_cross_year_carry::RULE,
        x05_cross_year_carry::check_peer,
    ),
    (
        &x07_same_as_last_year::RULE,
        x07_same_as_last_year::check_peer,
    ),
];

/// Runs a peer check from a rule's ordinary check: silent when the report is checked alone or
/// cannot be matched (no agency or year).
fn with_peers(ctx: &Context, sink: &mut Sink, check: PeerCheck) {
    let Some(peers) = ctx.peers else {
        return;
    };
    if let Some(me) = Peer::of(ctx.path.unwrap_or_default(), ctx.report) {
        check(&me, peers, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_on_clean_samples_in_every_layout() {
        crate::rules::testing::assert_silent_on_clean_samples(RULES);
    }
}
