//! Checking: the rules run over a report, and what they found turned into diagnostics.
//!
//! This module is the core that `nianbao check` and the language server share: [`check_source`]
//! and [`fix_source`] read a source ([`crate::read`]), run the selected rules
//! ([`crate::rules`]: one file per rule, the registry), drop what the source suppresses
//! ([`suppress`]), and apply fixes; [`config`] reads the project's `nianbao.toml`. The rules
//! stay in their own folder, `src/rules/`, where someone adding a rule works, with the
//! vocabulary they share with the runner and the faces (what a finding is,
//! [`crate::rules::diagnostic`]; the other reports of the run, [`crate::rules::peers`]): the
//! imports run one way, `lint` → `rules` → `read`.

pub mod config;
pub mod suppress;

use std::ops::Range;
use std::sync::Arc;

use crate::lang::Lang;
use crate::lint::suppress::Suppressions;
use crate::read::input::Replacement;
use crate::read::meta::IssuerKind;
use crate::read::model::{Format, Report};
use crate::rules::blocks::BlockCache;
use crate::rules::diagnostic::{
    applicable_edits, apply_edits, Applicability, Diagnostic, Edit, Fix,
};
use crate::rules::peers::PeerSet;
use crate::rules::{self, Context, Selection};

/// What to check.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub selection: Selection,
    /// Overrides the issuer kind read from the report.
    pub issuer_kind: Option<IssuerKind>,
    /// The other reports checked together (cross-file rules X05, X07); `None` alone.
    pub peers: Option<Arc<PeerSet>>,
    /// This report's name among the peers ([`crate::rules::peers::Peer::path`]): its own entry,
    /// possibly of an older version, is not compared with it.
    pub path: Option<String>,
}

/// A report and its diagnostics, in source order.
pub struct Checked {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a source is an annual report at all: a statistical table, at least two of the six
/// section headings, or a title that names one. Other files are skipped.
pub fn is_annual_report(report: &Report) -> bool {
    report_signs(report).is_report()
}

/// Why a source is not taken for an annual report, naming each sign that is missing (for a
/// file the user named and that is skipped); `None` for a report.
pub fn not_a_report_reason(report: &Report, lang: Lang) -> Option<String> {
    let signs = report_signs(report);
    if signs.is_report() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!(
            "不是年度报告：没有统计表（表二、表三、表四），六个部分的标题只找到 {} 个（至少需要 2 个），也没有“……政府信息公开工作年度报告”式的标题，已跳过",
            signs.headings
        ),
        Lang::En => format!(
            "not an annual report: no statistical table (tables 二, 三, 四), {} of the six section headings (at least 2 needed), and no title naming a 政府信息公开工作年度报告; skipped",
            signs.headings
        ),
    })
}

/// What makes a source an annual report.
struct ReportSigns {
    tables: bool,
    /// Distinct section headings found.
    headings: usize,
    titled: bool,
    legacy: bool,
}

impl ReportSigns {
    fn is_report(&self) -> bool {
        self.tables || self.headings >= 2 || self.titled || self.legacy
    }
}

fn report_signs(report: &Report) -> ReportSigns {
    let tables =
        report.tables.t2.is_some() || report.tables.t3.is_some() || report.tables.t4.is_some();
    let mut kinds: Vec<_> = report.sections.iter().map(|s| s.heading.kind).collect();
    kinds.dedup();
    let titled = report.meta.title.as_ref().is_some_and(|t| {
        t.value.contains("政府信息公开")
            && (t.value.contains("年度报告") || t.value.contains("年报"))
    });
    ReportSigns {
        tables,
        headings: kinds.len(),
        titled,
        legacy: report.format == Format::Legacy,
    }
}

/// Reads and checks a source; suppression comments are honoured.
pub fn check_source(src: &str, settings: &Settings) -> Checked {
    let report = crate::read::reader::read(src);
    let diagnostics = diagnostics_of(src, &report, settings);
    Checked {
        report,
        diagnostics,
    }
}

/// The diagnostics of an already read report.
pub fn diagnostics_of(src: &str, report: &Report, settings: &Settings) -> Vec<Diagnostic> {
    diagnostics_with(Context::new(src, report), settings)
}

/// [`diagnostics_of`] for a document checked again and again (the language server): the facts
/// of the blocks that did not change since the last check are taken from `cache`, and this
/// check's are kept there. The diagnostics are the same as [`diagnostics_of`]'s.
pub fn diagnostics_cached(
    src: &str,
    report: &Report,
    settings: &Settings,
    cache: &BlockCache,
) -> Vec<Diagnostic> {
    diagnostics_with(Context::with_cache(src, report, cache), settings)
}

fn diagnostics_with<'a>(mut ctx: Context<'a>, settings: &'a Settings) -> Vec<Diagnostic> {
    let src = ctx.src;
    if settings.issuer_kind.is_some() {
        ctx.issuer_kind = settings.issuer_kind;
    }
    ctx.peers = settings.peers.as_deref();
    ctx.path = settings.path.as_deref();
    ctx.selection = Some(&settings.selection);
    let diagnostics: Vec<Diagnostic> = rules::check(&ctx, &settings.selection);
    // With a cache (the server), the blocks tell whether a suppression comment can be there,
    // without a search of the whole text on every edit.
    let suppressions = if ctx.may_suppress() {
        Suppressions::parse(src)
    } else {
        Suppressions::default()
    };
    let diagnostics = diagnostics
        .into_iter()
        .filter_map(|d| unsuppressed(d, &suppressions, &settings.selection))
        .collect();
    ctx.store_blocks();
    diagnostics
}

/// `d` unless the source suppresses it where it is. A finding that stands for several rules
/// (see [`Diagnostic::also`]) is suppressed only when all of them are; otherwise it is shown
/// under the first code that is not, at that code's severity.
fn unsuppressed(
    mut d: Diagnostic,
    suppressions: &Suppressions,
    selection: &Selection,
) -> Option<Diagnostic> {
    if !suppressions.suppressed(d.code, d.range.start) {
        return Some(d);
    }
    let at = d
        .also
        .iter()
        .position(|c| !suppressions.suppressed(c, d.range.start))?;
    let rule = rules::lookup(d.also[at])?;
    d.code = rule.code;
    d.name = rule.name;
    d.severity = selection
        .severity
        .get(rule.code)
        .copied()
        .unwrap_or(rule.severity);
    d.also.drain(..=at);
    Some(d)
}

/// The cross-file diagnostics of a report from its summary `me` and the reports checked with
/// it (rules X05, X07), as [`diagnostics_of`] would give them with [`Settings::peers`] set, but
/// without reading the report again. `src` is the text `me` was made from (for suppression
/// comments).
pub fn peer_diagnostics(
    src: &str,
    me: &crate::rules::peers::Peer,
    peers: &PeerSet,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let suppressions = Suppressions::parse(src);
    let mut out = Vec::new();
    for (rule, check) in rules::cross::PEER_RULES {
        if !settings.selection.enabled(rule.code) {
            continue;
        }
        let mut sink = rules::Sink::new(rule);
        check(me, peers, &mut sink);
        for mut d in sink.into_diagnostics() {
            if let Some(s) = settings.selection.severity.get(rule.code) {
                d.severity = *s;
            }
            if !suppressions.suppressed(d.code, d.range.start) {
                out.push(d);
            }
        }
    }
    out
}

/// The result of fixing a source.
pub struct Fixed {
    pub text: String,
    /// Number of fixes applied, over all passes.
    pub applied: usize,
    /// What each applied fix changed, in the order applied.
    pub changes: Vec<AppliedChange>,
    /// The check of the fixed text.
    pub checked: Checked,
    /// The edits applied, pass by pass, in source order (each pass on the text the passes
    /// before it made): what the text became, for writing it back with the file's line
    /// endings ([`crate::read::input::Decoded::encode_edited`]).
    pub passes: Vec<Vec<Replacement>>,
}

/// One change an applied fix made on one line: the text it replaced and the new text, from the
/// first to the last edit of the fix on that line (a bracket pair is one change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedChange {
    pub code: &'static str,
    /// 1-based, in the text the fix was applied to (safe fixes keep the lines where they are).
    pub line: usize,
    pub old: String,
    pub new: String,
}

/// Maximum passes: a fix may make another possible (a corrected row total lets the column's
/// （七）总计 be checked), but fixes must converge.
const MAX_PASSES: usize = 10;

/// Applies the fixes of the given applicability, repeatedly, until none is left. Fixes whose
/// edits overlap an already chosen fix wait for the next pass; a fix is applied whole or not
/// at all.
pub fn fix_source(src: &str, settings: &Settings, include_unsafe: bool) -> Fixed {
    let mut text = src.to_string();
    let mut changes = Vec::new();
    let mut applied = 0;
    let mut passes = Vec::new();
    for _ in 0..MAX_PASSES {
        let checked = check_source(&text, settings);
        let fixes: Vec<(&'static str, &Fix)> = checked
            .diagnostics
            .iter()
            .filter_map(|d| Some((d.code, d.fix.as_ref()?)))
            .filter(|(_, f)| include_unsafe || f.applicability == Applicability::Safe)
            .collect();
        let chosen = non_overlapping(&fixes);
        let edits: Vec<Edit> = chosen
            .iter()
            .flat_map(|(_, f)| f.edits.iter().cloned())
            .collect();
        let kept: Vec<Edit> = applicable_edits(&text, &edits)
            .into_iter()
            .cloned()
            .collect();
        let (next, _) = apply_edits(&text, &kept);
        if chosen.is_empty() || next == text {
            return Fixed {
                text,
                applied,
                changes,
                checked,
                passes,
            };
        }
        let index = crate::position::LineIndex::new(&text);
        for (code, fix) in &chosen {
            changes.extend(changes_of(&text, &index, code, fix));
        }
        applied += chosen.len();
        text = next;
        passes.push(
            kept.into_iter()
                .map(|e| Replacement {
                    range: e.range,
                    new_text: e.new_text,
                })
                .collect(),
        );
    }
    let checked = check_source(&text, settings);
    Fixed {
        text,
        applied,
        changes,
        checked,
        passes,
    }
}

/// A fix's edits as changes, one per line it touches.
fn changes_of(
    text: &str,
    index: &crate::position::LineIndex,
    code: &'static str,
    fix: &Fix,
) -> Vec<AppliedChange> {
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = Vec::new();
    let mut i = 0;
    while i < edits.len() {
        let line = index.line_of(edits[i].range.start);
        let mut j = i + 1;
        while j < edits.len() && index.line_of(edits[j].range.start) == line {
            j += 1;
        }
        let (mut start, end) = (
            edits[i].range.start,
            edits[j - 1].range.end.max(edits[i].range.end),
        );
        let pure_insert_or_delete = edits[i..j]
            .iter()
            .all(|e| e.range.is_empty() || e.new_text.is_empty());
        if pure_insert_or_delete && text.is_char_boundary(start) {
            // "年度 deleted" says less than "2024年度年度 → 2024年度": take a little of the line
            // before the change.
            // From the line index, not a search back: one long line may hold thousands of fixes.
            let line_start = index.line_range(text, line).start;
            start = text[line_start..start]
                .char_indices()
                .rev()
                .nth(5)
                .map_or(line_start, |(i, _)| line_start + i);
        }
        let (Some(old), true) = (
            text.get(start..end),
            edits[i..j].iter().all(|e| e.range.end <= end),
        ) else {
            i = j;
            continue;
        };
        let mut new = String::new();
        let mut at = start;
        for e in &edits[i..j] {
            new.push_str(text.get(at..e.range.start.max(at)).unwrap_or(""));
            new.push_str(&e.new_text);
            at = at.max(e.range.end);
        }
        new.push_str(text.get(at..end).unwrap_or(""));
        out.push(AppliedChange {
            code,
            line: line + 1,
            old: old.to_string(),
            new,
        });
        i = j;
    }
    out
}

/// The fixes of one pass: in order, each fix whose edits clash with none already chosen.
fn non_overlapping<'a>(fixes: &[(&'static str, &'a Fix)]) -> Vec<(&'static str, &'a Fix)> {
    let mut taken = Taken::default();
    let mut chosen = Vec::new();
    for &(code, fix) in fixes {
        if fix.edits.iter().any(|e| taken.clashes(&e.range)) {
            continue;
        }
        for e in &fix.edits {
            taken.insert(e.range.clone());
        }
        chosen.push((code, fix));
    }
    chosen
}

/// The ranges of the fixes chosen so far, searchable in logarithmic time (a pass may choose
/// tens of thousands of fixes). A range clashes with a taken one when they overlap, when an
/// empty one lies inside the other, or when they are equal.
#[derive(Default)]
struct Taken {
    /// Non-empty ranges by start; they never overlap, so their ends grow with their starts.
    spans: std::collections::BTreeMap<usize, usize>,
    /// Empty ranges (insertions) by position.
    points: std::collections::BTreeSet<usize>,
}

impl Taken {
    fn clashes(&self, r: &Range<usize>) -> bool {
        // The last non-empty range starting before `r` reaches into it.
        let before = self
            .spans
            .range(..r.start)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start);
        if r.is_empty() {
            before || self.spans.contains_key(&r.start) || self.points.contains(&r.start)
        } else {
            before
                || self.spans.range(r.start..r.end).next().is_some()
                || self.points.range(r.start..r.end).next().is_some()
        }
    }

    fn insert(&mut self, r: Range<usize>) {
        if r.is_empty() {
            self.points.insert(r.start);
        } else {
            self.spans.insert(r.start, r.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_ranges_clash_as_the_pairwise_test_says() {
        // The pairwise test this search replaces.
        let clash = |e: &Range<usize>, t: &Range<usize>| {
            (e.start < t.end && t.start < e.end)
                || (e.is_empty() && t.contains(&e.start))
                || (t.is_empty() && e.contains(&t.start))
                || e == t
        };
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..200 {
            let mut taken = Taken::default();
            let mut list: Vec<Range<usize>> = Vec::new();
            for _ in 0..30 {
                let a = next(40);
                let r = a..a + next(4);
                let want = list.iter().any(|t| clash(&r, t));
                assert_eq!(taken.clashes(&r), want, "{r:?} against {list:?}");
                if !want {
                    taken.insert(r.clone());
                    list.push(r);
                }
            }
        }
    }
}
