//! The rule catalogue (spec §7). A rule is one file whose `//!` comment is its documentation
//! (shown by `nianbao rule CODE` and on hover), with a `RULE` constant listed in its family's
//! `RULES`. Rules read the report model and push diagnostics; they know nothing of the faces.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::lang::Lang;
use crate::read::cells::CellId;
use crate::read::labels::SectionKind;
use crate::read::meta::IssuerKind;
use crate::read::model::{Cell, CellValue, Report, SourceKind, Table};
use crate::read::split::Provenance;
use crate::rules::diagnostic::{Diagnostic, Message, Severity};

pub mod arith;
pub mod blocks;
pub mod citation;
pub mod cross;
pub mod diagnostic;
pub mod format;
pub mod peers;
pub mod structure;
pub mod text;
pub mod time;

/// What every rule file needs.
pub mod prelude {
    pub use super::{Context, Rule, Sink};
    pub use crate::read::cells::{CellId, T2Col, T2Row, T3Row, T4Group, T4Outcome, TableVersion};
    pub use crate::read::labels::SectionKind;
    pub use crate::read::meta::IssuerKind;
    pub use crate::read::model::{CellValue, Format};
    pub use crate::rules::diagnostic::{Applicability, Edit, Fix, Message, Related, Severity};
}

/// One rule of the catalogue.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The spec id, e.g. `A01`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `t3-row-total`.
    pub name: &'static str,
    pub severity: Severity,
    /// The rule file's text; its leading `//!` lines are the documentation.
    pub source: &'static str,
    pub check: fn(&Context, &mut Sink),
}

/// The line of a rule's doc comment that starts its English documentation; the Chinese comes
/// before it.
pub const ENGLISH_MARKER: &str = "## English";

impl Rule {
    /// The rule's documentation in `lang`: its file's `//!` comment, the Chinese part before
    /// [`ENGLISH_MARKER`], the English part after it. Each starts `CODE name: summary`.
    pub fn doc(&self, lang: Lang) -> String {
        let lines: Vec<&str> = self
            .source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                let text = l.trim_start_matches("//!");
                text.strip_prefix(' ').unwrap_or(text)
            })
            .collect();
        let marker = lines.iter().position(|l| l.trim() == ENGLISH_MARKER);
        let part = match (lang, marker) {
            (Lang::Zh, Some(m)) => &lines[..m],
            (Lang::En, Some(m)) => &lines[m + 1..],
            (_, None) => &lines[..],
        };
        part.join("\n").trim().to_string()
    }

    /// [`Rule::doc`] as Markdown for a page or a hover: the lines of each paragraph and list
    /// item joined, since a renderer shows a line break inside Chinese text as a space.
    pub fn doc_markdown(&self, lang: Lang) -> String {
        let doc = self.doc(lang);
        let mut out: Vec<String> = Vec::new();
        let mut block = String::new();
        for line in doc.lines() {
            let starts_block = line.trim().is_empty() || line.starts_with("- ");
            if starts_block && !block.is_empty() {
                out.push(join_lines(&block, lang));
                block.clear();
            }
            if line.trim().is_empty() {
                out.push(String::new());
            } else {
                block.push_str(line);
                block.push('\n');
            }
        }
        if !block.is_empty() {
            out.push(join_lines(&block, lang));
        }
        out.join("\n")
    }

    /// The first paragraph of the documentation (one sentence), without the leading
    /// `CODE name:`, its lines joined.
    pub fn summary(&self, lang: Lang) -> String {
        let doc = self.doc(lang);
        let first = doc.split("\n\n").next().unwrap_or("");
        let joined = join_lines(first, lang);
        let prefix = format!("{} {}", self.code, self.name);
        joined
            .strip_prefix(&prefix)
            .map(|rest| rest.trim_start_matches([':', '：']))
            .unwrap_or(&joined)
            .trim()
            .to_string()
    }
}

/// The lines of a paragraph as one line: in English with a space between lines; in Chinese,
/// which has no spaces between words, with one only where both sides are Latin.
fn join_lines(paragraph: &str, lang: Lang) -> String {
    let mut out = String::new();
    for line in paragraph.lines().map(str::trim) {
        let latin_end = out.chars().last().is_some_and(|c| c.is_ascii());
        let latin_start = line.chars().next().is_some_and(|c| c.is_ascii());
        if !out.is_empty() && (lang == Lang::En || (latin_end && latin_start)) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// All rules, by family and code.
pub fn registry() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = [
        structure::RULES,
        format::RULES,
        arith::RULES,
        time::RULES,
        citation::RULES,
        cross::RULES,
        text::RULES,
    ]
    .into_iter()
    .flatten()
    .collect();
    all.sort_by_key(|r| (family_order(r.code), r.code));
    all
}

fn family_order(code: &str) -> usize {
    "SFARXTCW"
        .find(code.chars().next().unwrap_or('Z'))
        .unwrap_or(9)
}

/// A rule by its code (`A01`) or name (`t3-row-total`).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    registry()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub src: &'a str,
    pub report: &'a Report,
    /// The issuer kind from configuration, else from the report.
    pub issuer_kind: Option<IssuerKind>,
    /// The other reports checked together, for cross-file rules; `None` when checked alone.
    pub peers: Option<&'a crate::rules::peers::PeerSet>,
    /// This report's name among the peers, if it is one of them.
    pub path: Option<&'a str>,
    /// The rules that run; `None`: all of them. Rules that share a finding (A01–A04: one
    /// wrong cell breaks several relations) decide here which of them reports it.
    pub selection: Option<&'a Selection>,
    /// The facts of a previous check of the same document, kept by the language server.
    cache: Option<&'a blocks::BlockCache>,
    /// The text cut into blocks ([`blocks`]), with their facts.
    blocks: OnceCell<blocks::Blocks<'a>>,
    /// The canonical keys of table 三's text range, shared by the label checks.
    t3_keyed: OnceCell<Option<structure::Keyed>>,
    /// The same for table 二 with the body of section 二 (S04, S07).
    t2_keyed: OnceCell<Option<structure::Keyed>>,
    /// What the text analyses found, in text order, computed on first use from the blocks.
    doc_numbers: OnceCell<Vec<citation::DocNo>>,
    order_numbers: OnceCell<Vec<citation::OrderNo>>,
    dates_lost: OnceCell<bool>,
    repeats: OnceCell<Vec<(Range<usize>, Range<usize>)>>,
    placeholders: OnceCell<Vec<text::w03_placeholders::Placeholder>>,
    statements: OnceCell<Vec<cross::narrative::Statement>>,
    fee_statements: OnceCell<Vec<cross::narrative::FeeStatement>>,
    /// The failing relations of tables 三 and 四 and their causes.
    arith: OnceCell<arith::culprit::Analysis>,
}

impl<'a> Context<'a> {
    pub fn new(src: &'a str, report: &'a Report) -> Self {
        Context {
            src,
            report,
            issuer_kind: report.meta.issuer_kind,
            peers: None,
            path: None,
            selection: None,
            cache: None,
            blocks: OnceCell::new(),
            t3_keyed: OnceCell::new(),
            t2_keyed: OnceCell::new(),
            doc_numbers: OnceCell::new(),
            order_numbers: OnceCell::new(),
            dates_lost: OnceCell::new(),
            repeats: OnceCell::new(),
            placeholders: OnceCell::new(),
            statements: OnceCell::new(),
            fee_statements: OnceCell::new(),
            arith: OnceCell::new(),
        }
    }

    /// A context that takes the facts of unchanged blocks from `cache` (see [`blocks`]); call
    /// [`Context::store_blocks`] after the check to keep this check's facts.
    pub fn with_cache(src: &'a str, report: &'a Report, cache: &'a blocks::BlockCache) -> Self {
        Context {
            cache: Some(cache),
            ..Context::new(src, report)
        }
    }

    /// Whether the rule `code` runs in this check.
    pub fn enabled(&self, code: &str) -> bool {
        self.selection.is_none_or(|s| s.enabled(code))
    }

    /// The failing relations of tables 三 and 四 and which cells cause them
    /// ([`arith::culprit`]).
    pub(crate) fn arith(&self) -> &arith::culprit::Analysis {
        self.arith.get_or_init(|| arith::culprit::analyse(self))
    }

    /// Keeps the facts of this check's blocks in its cache, if it has one.
    pub fn store_blocks(&self) {
        if let Some(cache) = self.cache {
            self.blocks().store(cache);
        }
    }

    fn year(&self) -> Option<i32> {
        self.report.meta.year.as_ref().map(|y| y.value)
    }

    fn blocks(&self) -> &blocks::Blocks<'a> {
        self.blocks.get_or_init(|| {
            let t = &self.report.tables;
            let tables: Vec<Range<usize>> = [&t.t2, &t.t3, &t.t4]
                .into_iter()
                .flatten()
                .map(|t| structure::table_range(self, t))
                .collect();
            let incremental = self.report.source == crate::read::model::SourceKind::Text;
            blocks::Blocks::new(self.text(), &tables, self.year(), self.cache, incremental)
        })
    }

    /// The keys of table 三's text range ([`structure::table_range`]), computed on first use.
    pub(crate) fn t3_keyed(&self) -> Option<&structure::Keyed> {
        self.t3_keyed
            .get_or_init(|| {
                let t3 = self.report.tables.t3.as_ref()?;
                Some(structure::Keyed::new(
                    self.text(),
                    structure::table_range(self, t3),
                ))
            })
            .as_ref()
    }

    /// The keys of table 二 and the body of section 二, computed on first use.
    pub(crate) fn t2_keyed(&self) -> Option<&structure::Keyed> {
        self.t2_keyed
            .get_or_init(|| structure::t2_keyed(self))
            .as_ref()
    }

    /// The numbers stated in the narrative ([`cross::narrative::find`]), in text order.
    pub(crate) fn statements(&self) -> &[cross::narrative::Statement] {
        self.statements.get_or_init(|| {
            self.blocks()
                .collect::<cross::narrative::Narrative, _, _>(|n| &n.0)
        })
    }

    /// What the narrative says about 信息处理费 ([`cross::narrative::find_fee`]).
    pub(crate) fn fee_statements(&self) -> &[cross::narrative::FeeStatement] {
        self.fee_statements.get_or_init(|| {
            self.blocks()
                .collect::<cross::narrative::Narrative, _, _>(|n| &n.1)
        })
    }

    /// [`citation::doc_numbers`] of [`Context::text`].
    pub(crate) fn doc_numbers(&self) -> &[citation::DocNo] {
        self.doc_numbers
            .get_or_init(|| self.blocks().collect::<citation::DocNumbers, _, _>(|d| d))
    }

    /// [`citation::order_numbers`] of [`Context::text`].
    pub(crate) fn order_numbers(&self) -> &[citation::OrderNo] {
        self.order_numbers
            .get_or_init(|| self.blocks().collect::<citation::OrderNumbers, _, _>(|o| o))
    }

    /// Whether a date in the text lost its 年 and 月 (rule C01).
    pub(crate) fn dates_lost(&self) -> bool {
        *self.dates_lost.get_or_init(|| {
            self.blocks()
                .any::<citation::c01_docno_brackets::DatesLost, _>(|&lost| lost)
        })
    }

    /// The repeated words of the text outside breadcrumbs (rule W01).
    pub(crate) fn repeats(&self) -> &[(Range<usize>, Range<usize>)] {
        self.repeats.get_or_init(|| {
            self.blocks()
                .collect::<text::w01_duplicated_token::Repeats, _, _>(|r| r)
        })
    }

    /// Whether the source may hold a suppression comment ([`crate::lint::suppress`]): with a
    /// cache and a plain-text source (the text is the source), from its blocks (kept across
    /// edits); else `true`, and the source is searched.
    pub fn may_suppress(&self) -> bool {
        if self.cache.is_none() || self.report.source != SourceKind::Text {
            return true;
        }
        self.blocks()
            .any::<blocks::Mentions, _>(|&mentions| mentions)
    }

    /// The lines numbered 一、… (rule S03): the numbering and the rest of the line.
    pub(crate) fn numbered_lines(&self) -> Vec<(Range<usize>, Range<usize>)> {
        structure::s03_section_numbering::numbered_lines_of(self.blocks())
    }

    /// The citations of the annual report format's basis (rule F04), in text order.
    pub(crate) fn format_citations(&self) -> Vec<(Range<usize>, bool)> {
        let mut cited = self
            .blocks()
            .collect::<format::f04_basis_cites_current_format::FormatCitations, _, _>(|c| c);
        cited.sort_by_key(|(r, _)| r.start);
        cited
    }

    /// The placeholders left in the text (rule W03).
    pub(crate) fn placeholders(&self) -> &[text::w03_placeholders::Placeholder] {
        self.placeholders.get_or_init(|| {
            self.blocks()
                .collect::<text::w03_placeholders::Placeholders, _, _>(|p| p)
        })
    }

    /// The report's text as read (the source for plain text; for HTML the text of its
    /// elements, one block per line). Search narrative here and map ranges with
    /// [`Context::source_range`].
    pub fn text(&self) -> &'a str {
        &self.report.view.text
    }

    /// Maps a range of [`Context::text`] to the source.
    pub fn source_range(&self, view: Range<usize>) -> Range<usize> {
        self.report.view.source_range(view)
    }

    /// The range of [`Context::text`] covered by a section (heading included).
    pub fn section_text_range(&self, kind: SectionKind) -> Option<Range<usize>> {
        let s = self.report.section(kind)?;
        let v = &self.report.view;
        Some(v.view_offset(s.span.start)..v.view_offset(s.span.end))
    }

    pub fn table(&self, id: CellId) -> Option<&'a Table> {
        match id {
            CellId::T2(..) => self.report.tables.t2.as_ref(),
            CellId::T3(..) => self.report.tables.t3.as_ref(),
            CellId::T4(..) => self.report.tables.t4.as_ref(),
        }
    }

    /// A cell that was read (a number or blank); `None` when absent or unreadable.
    pub fn cell(&self, id: CellId) -> Option<&'a Cell> {
        self.table(id)?.cells.get(&id)
    }

    /// The integer value of a cell; `None` when blank, unreadable or not an integer.
    pub fn int(&self, id: CellId) -> Option<i64> {
        match &self.cell(id)?.value {
            CellValue::Number(s) => s.parse().ok(),
            CellValue::Blank => None,
        }
    }

    /// Whether the reader used this cell's arithmetic to read it (a digit run or a column
    /// order chosen by the row's total): a rule checking that relation must stay silent.
    pub fn chosen_by_arithmetic(&self, id: CellId) -> bool {
        self.cell(id)
            .is_some_and(|c| c.provenance == Provenance::SplitByArithmetic)
    }
}

/// Collects one rule's diagnostics.
pub struct Sink<'r> {
    rule: &'r Rule,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'r> Sink<'r> {
    pub fn new(rule: &'r Rule) -> Self {
        Sink {
            rule,
            out: Vec::new(),
        }
    }

    /// Reports a finding at a source range, with the rule's default severity.
    pub fn push(
        &mut self,
        range: Range<usize>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            range,
            message: Message::new(zh, en),
            fix: None,
            related: Vec::new(),
            also: Vec::new(),
        });
        self.out.last_mut().expect("just pushed")
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Which rules run, and at what severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Codes or family letters to run (`A01`, `A`); empty means all.
    pub select: Vec<String>,
    /// Codes or family letters not to run.
    pub ignore: Vec<String>,
    /// Severity per code.
    pub severity: BTreeMap<String, Severity>,
}

fn matches_code(pattern: &str, code: &str) -> bool {
    let p = pattern.trim();
    p.eq_ignore_ascii_case("ALL")
        || code.eq_ignore_ascii_case(p)
        || (p.len() < code.len()
            && code
                .to_ascii_uppercase()
                .starts_with(&p.to_ascii_uppercase()))
}

impl Selection {
    pub fn enabled(&self, code: &str) -> bool {
        let selected = self.select.is_empty() || self.select.iter().any(|p| matches_code(p, code));
        selected && !self.ignore.iter().any(|p| matches_code(p, code))
    }
}

/// Runs the selected rules over a report and returns the diagnostics in source order.
pub fn check(ctx: &Context, selection: &Selection) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in registry() {
        if !selection.enabled(rule.code) {
            continue;
        }
        let mut sink = Sink::new(rule);
        (rule.check)(ctx, &mut sink);
        for mut d in sink.into_diagnostics() {
            if let Some(s) = selection.severity.get(rule.code) {
                d.severity = *s;
            }
            if ctx.report.source == SourceKind::Html {
                d.range = within_markup(ctx.src, d.range);
                for r in &mut d.related {
                    r.range = within_markup(ctx.src, r.range.clone());
                }
            }
            out.push(d);
        }
    }
    crate::rules::diagnostic::sort(&mut out);
    out
}

/// `range` of an HTML source cut at the first tag after its start: a text that runs over
/// several elements (`五、存在的主要问题及</font></span><span>改进情况`) is marked in its first.
fn within_markup(src: &str, range: Range<usize>) -> Range<usize> {
    let Some(part) = src.get(range.clone()) else {
        return range;
    };
    match part.find('<') {
        Some(at) if at > 0 => {
            let text = part[..at].trim_end();
            let end = if text.is_empty() { at } else { text.len() };
            range.start..range.start + end
        }
        _ => range,
    }
}

#[cfg(test)]
mod markup_tests {
    use super::within_markup;

    #[test]
    fn a_range_is_cut_at_the_first_tag() {
        let src = "<p>五、存在的主要问题及</font></span><span>改进情况</span></p>";
        let start = src.find('五').unwrap();
        let cut = within_markup(src, start..src.rfind("</span>").unwrap());
        assert_eq!(&src[cut], "五、存在的主要问题及");
        let whole = start..src.find("</font>").unwrap();
        assert_eq!(within_markup(src, whole.clone()), whole);
        // Only white space before the tag: the range keeps it rather than becoming empty.
        let src = "\u{3000}<b>x</b>";
        assert_eq!(within_markup(src, 0..src.len()), 0..3);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests.
    use super::*;

    /// A small deterministic generator (xorshift) for randomised tests: each call gives a
    /// number below its argument (0 for 0).
    pub fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        }
    }

    /// Up to `max - 1` of `pieces` in a row, drawn by `next` (a [`xorshift`]).
    pub fn pieces_text(
        next: &mut impl FnMut(usize) -> usize,
        pieces: &[&str],
        max: usize,
    ) -> String {
        let mut text = String::new();
        for _ in 0..next(max) {
            text.push_str(pieces[next(pieces.len())]);
        }
        text
    }

    /// A "table" of `text` that starts and ends at any character: the block analyses must
    /// give what a search of the whole text gives wherever a table's edge cuts it.
    pub fn cut_anywhere(next: &mut impl FnMut(usize) -> usize, text: &str) -> Vec<Range<usize>> {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let (a, b) = (bounds[next(bounds.len())], bounds[next(bounds.len())]);
        let table = a.min(b)..a.max(b);
        vec![table]
    }

    /// Runs one rule on a source text, as `--select CODE` would.
    pub fn run(rule: &Rule, src: &str) -> Vec<Diagnostic> {
        let report = crate::read::reader::read(src);
        let alone = Selection {
            select: vec![rule.code.to_string()],
            ..Selection::default()
        };
        let mut ctx = Context::new(src, &report);
        ctx.selection = Some(&alone);
        let mut sink = Sink::new(rule);
        (rule.check)(&ctx, &mut sink);
        sink.into_diagnostics()
    }

    /// Asserts that `rules` find nothing in clean generated reports, four seeds in every layout.
    pub fn assert_silent_on_clean_samples(rules: &[Rule]) {
        use crate::sample::{Layout, Stats};
        for seed in 0..4 {
            for layout in Layout::ALL {
                let src = Stats::generate(seed).render(layout);
                for rule in rules {
                    let diags = run(rule, &src);
                    assert!(diags.is_empty(), "{rule:?} {layout:?}: {diags:?}");
                }
            }
        }
    }

    /// Runs one rule with an issuer kind set.
    pub fn run_as(rule: &Rule, src: &str, kind: IssuerKind) -> Vec<Diagnostic> {
        let report = crate::read::reader::read(src);
        let alone = Selection {
            select: vec![rule.code.to_string()],
            ..Selection::default()
        };
        let mut ctx = Context::new(src, &report);
        ctx.selection = Some(&alone);
        ctx.issuer_kind = Some(kind);
        let mut sink = Sink::new(rule);
        (rule.check)(&ctx, &mut sink);
        sink.into_diagnostics()
    }

    /// A clean 2021-format report (all relations hold), in the one-cell-per-line layout.
    pub fn clean_report() -> String {
        crate::sample::Stats::generate(7).render(crate::sample::Layout::CellPerLine)
    }

    /// Asserts that `rule` reports exactly one finding on `src`, that applying its fixes gives
    /// `want`, that the rule is then silent, and that fixing again changes nothing.
    pub fn assert_fixes_to(rule: &Rule, src: &str, want: &str) {
        let diags = run(rule, src);
        assert_eq!(diags.len(), 1, "{src}: {diags:?}");
        let out = apply_fixes(src, &diags);
        assert_eq!(out, want);
        let again = run(rule, &out);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(apply_fixes(&out, &again), out);
    }

    /// Applies every fix of `diags` to `src`.
    pub fn apply_fixes(src: &str, diags: &[Diagnostic]) -> String {
        let edits: Vec<crate::rules::diagnostic::Edit> = diags
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.clone())
            .collect();
        crate::rules::diagnostic::apply_edits(src, &edits).0
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    /// Words that belong to the project, not to a user's documentation: the domain notes it
    /// was written from, the sample files, cell ids, other tools.
    fn internal_words(doc: &str) -> Vec<String> {
        let lower = doc.to_lowercase();
        let mut found: Vec<String> = [
            "spec",
            "competitor",
            "corpus",
            "seeds/",
            "real/0",
            "t2.",
            "t3.r",
            "t4.",
            "_mismatch",
            "[v]",
            "[c]",
            "fixture",
        ]
        .into_iter()
        .filter(|w| lower.contains(w))
        .map(String::from)
        .collect();
        // A section sign only in a standard's clause (GB/T 9704-2012 §7.2.5).
        for (i, _) in doc.match_indices('§') {
            let before: String = doc[..i]
                .chars()
                .rev()
                .take(24)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !before.contains("/T ") {
                found.push(format!("§ after “{before}”"));
            }
        }
        found
    }

    #[test]
    fn every_rule_is_documented_in_chinese_and_english() {
        for rule in registry() {
            let zh = rule.doc(Lang::Zh);
            let en = rule.doc(Lang::En);
            let head = format!("{} {}: ", rule.code, rule.name);
            assert!(zh.starts_with(&head), "{rule:?}: {zh}");
            assert!(en.starts_with(&head), "{rule:?}: {en}");
            assert_ne!(zh, en, "{rule:?} has no English part");
            assert!(!zh.contains(ENGLISH_MARKER) && !en.contains(ENGLISH_MARKER));
            // Chinese text: mostly Han characters, not English with Chinese terms.
            let han = zh
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            let latin = zh.chars().filter(char::is_ascii_alphabetic).count();
            assert!(han > 4 * latin, "{rule:?}: the Chinese text is not Chinese");
            for part in ["检查", "原因：", "依据：", "示例：", "修改："] {
                assert!(zh.contains(part), "{rule:?}: no {part} in {zh}");
            }
            for part in ["Why:", "Basis:", "Example", "Fix"] {
                assert!(en.contains(part), "{rule:?}: no {part} in {en}");
            }
            for doc in [&zh, &en] {
                let words = internal_words(doc);
                assert!(words.is_empty(), "{rule:?}: {words:?}");
            }
        }
    }

    #[test]
    fn summaries_are_one_whole_sentence() {
        for rule in registry() {
            let zh = rule.summary(Lang::Zh);
            assert!(zh.ends_with('。'), "{rule:?}: {zh}");
            assert_eq!(zh.matches('。').count(), 1, "{rule:?}: {zh}");
            assert!(!zh.contains('\n') && !zh.starts_with(':'), "{rule:?}: {zh}");
            let en = rule.summary(Lang::En);
            assert!(en.ends_with('.'), "{rule:?}: {en}");
            assert!(en.chars().next().is_some_and(char::is_uppercase), "{en}");
            assert!(!en.contains(". ") && !en.contains('\n'), "{rule:?}: {en}");
        }
        let a01 = lookup("A01").unwrap();
        let markdown = a01.doc_markdown(Lang::Zh);
        assert_eq!(
            markdown.lines().count(),
            a01.doc(Lang::Zh).split("\n\n").count() * 2 - 1
        );
        assert!(markdown.contains("（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和"));
        let s07 = lookup("S07").unwrap().doc_markdown(Lang::En);
        assert!(
            s07.contains("\n- table 三: every row label complete"),
            "{s07}"
        );
        assert_eq!(
            a01.summary(Lang::Zh),
            "表三每一行的“总计”等于该行六个申请人列之和。"
        );
    }

    #[test]
    fn internal_words_are_found() {
        assert_eq!(
            internal_words("Basis: spec §3.6."),
            ["spec", "§ after “Basis: spec ”"]
        );
        assert_eq!(
            internal_words("the main competitor's `CROSS_YEAR_MISMATCH`").len(),
            2
        );
        assert!(internal_words("GB/T 9704-2012 §7.2.5; DB51/T 2660—2019 §2.1").is_empty());
        assert_eq!(internal_words("`t3.r01.c7`"), ["t3.r"]);
    }
}
