//! Incremental reading for editors: after an edit, re-read only what the edit touched.
//!
//! The result is always exactly the report [`crate::read::reader::read`] gives for the same text; the
//! tests compare the two after random edits of every corpus file.
//!
//! What is kept between updates (plain text and Markdown):
//! - the token stream of the whole text, with per-line bookkeeping (byte length, number of
//!   tokens and of fragments). Tokenizing has no state across lines except three things, which
//!   are handled here: the global `fragment` counter (tokens after an edit are renumbered by the
//!   change in the number of fragments), the spans of [`TokKind::RowEnd`] and
//!   [`TokKind::LineEnd`] tokens (always the end of the token before, possibly on an earlier
//!   line: recomputed after the edited lines), and the de-duplication of line ends (a line
//!   without tokens yields no line end, a line with tokens always ends with one: local to the
//!   line). An update re-tokenizes the lines that the edits overlap, expanded to whole lines,
//!   and shifts the spans of the tokens after them;
//! - each table as read, keyed by its token slice relative to the slice's first token: when the
//!   region of a table has the same tokens up to a shift of bytes and fragment numbers, the
//!   table and its row labels are shifted instead of read again.
//!
//! Recomputed on every update (linear scans, cheap next to tokenizing): sections, table
//! regions, format and metadata.
//!
//! HTML sources ([`crate::read::html::looks_like_html`]) are re-read fully on every update, and so is
//! a text that switches between HTML and not.
//!
//! Two ways to feed edits. With [`IncrementalReader::edit`] + [`IncrementalReader::update`] the
//! caller holds the text and edits are only hints: `update` checks that the text outside the
//! edited ranges is unchanged and otherwise finds the changed range itself (common prefix and
//! suffix), so a wrong or missing edit costs time, never correctness. With
//! [`IncrementalReader::replace`] + [`IncrementalReader::refresh`] the reader holds the text (the
//! report's view is the text; there is no other copy) and makes the edits itself, so they are
//! exact and nothing is compared: the language server's way.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::read::html;
use crate::read::labels::Label;
use crate::read::meta;
use crate::read::model::{Report, RowLabel, SourceKind, Table, Tables};
use crate::read::reader::{self, Regions};
use crate::read::text::{text_pieces, Piece, TextView};
use crate::read::token::{tokenize, TokKind, Token};

/// What the last [`IncrementalReader::update`] (or [`IncrementalReader::new`]) re-did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReuseStats {
    /// The text was read from scratch (HTML, a first read, or an internal inconsistency).
    pub full_read: bool,
    /// The recorded edits did not match the text; the changed range was found by comparison.
    pub edits_ignored: bool,
    pub lines_retokenized: usize,
    pub lines_reused: usize,
    pub tables_reread: usize,
    pub tables_reused: usize,
    /// Which of tables 二, 三 and 四 were read again.
    pub reread: [bool; 3],
    /// No label was touched: the sections and table regions were shifted, not recomputed.
    pub labels_kept: bool,
}

/// A report kept up to date with a text being edited. See the module documentation.
pub struct IncrementalReader {
    report: Report,
    /// The source of an HTML report. A plain-text source is the report's view
    /// (`report.view.text`): the text exists once.
    html_src: String,
    /// Token state of a plain-text source; `None` for HTML.
    state: Option<TextState>,
    /// The recorded edits, composed: disjoint, in order.
    edits: Vec<Replacement>,
    /// Length of the text after the recorded edits; `None` once an edit did not fit.
    edited_len: Option<usize>,
    /// The held text was changed by [`IncrementalReader::replace`] since the last read.
    pending: bool,
    /// An edit was recorded by [`IncrementalReader::edit`], whose text the reader does not
    /// hold: [`IncrementalReader::refresh`] cannot trust the recorded edits.
    untrusted: bool,
    stats: ReuseStats,
}

/// 12 bytes a line: a text whose line does not fit in `u32` is read fully on every update.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Bytes, including the line break.
    len: u32,
    ntok: u32,
    nfrag: u32,
}

struct TextState {
    lines: Vec<Line>,
    /// Length of the text the tokens were read from, and whether it is empty or ends with a
    /// line break (then a position at its end starts a new line).
    len: usize,
    ends_open: bool,
    /// Equal to `tokenize(&text_pieces(text, 0))`.
    tokens: Vec<Token>,
    t2: Option<Cached<(Table, BTreeMap<crate::read::cells::T2Row, RowLabel>)>>,
    t3: Option<Cached<(Table, BTreeMap<crate::read::cells::T3Row, RowLabel>)>>,
    t4: Option<Cached<Option<Table>>>,
    /// The table regions of the last read, in token indices.
    regions: Option<Regions>,
    /// How the last retokenizing moved bytes and tokens, when it changed no label (then the
    /// sections and table regions, which depend on labels only, are shifted, not recomputed):
    /// for each group, its old end byte and token index, and the growth before its end.
    moved: Option<Vec<Move>>,
}

#[derive(Clone, Copy, Debug)]
struct Move {
    byte: usize,
    tok: usize,
    grow: isize,
    tgrow: isize,
}

/// Shifts an old position by the growth of the groups that end at or before it: positions
/// after a group, and positions at the old end, are moved; positions before it are not.
/// Labels never lie inside a group when this is used.
fn moved_by(moves: &[Move], p: usize, of: impl Fn(&Move) -> (usize, isize)) -> usize {
    // `grow` is cumulative: the last group ending at or before `p` has the whole shift.
    let d = moves
        .iter()
        .map(of)
        .take_while(|&(end, _)| end <= p)
        .last()
        .map_or(0, |(_, g)| g);
    p.wrapping_add_signed(d)
}

/// A replacement of `old` bytes of the last read text by the `new` bytes of the edited text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Replacement {
    old: Range<usize>,
    new: Range<usize>,
}

impl IncrementalReader {
    /// Reads `text` fully.
    pub fn new(text: &str) -> Self {
        Self::from_string(text.to_string())
    }

    /// Reads `text` fully and keeps it as the held text (see [`IncrementalReader::replace`]).
    pub fn from_string(text: String) -> Self {
        let (report, html_src, state) = full_read(text);
        let len = report_len(&report, &html_src);
        IncrementalReader {
            report,
            html_src,
            state,
            edits: Vec::new(),
            edited_len: Some(len),
            pending: false,
            untrusted: false,
            stats: ReuseStats {
                full_read: true,
                ..Default::default()
            },
        }
    }

    /// The held text: the text last read, with the replacements made since.
    pub fn text(&self) -> &str {
        match self.report.source {
            SourceKind::Text => &self.report.view.text,
            SourceKind::Html => &self.html_src,
        }
    }

    /// Replaces the byte range `range` of the held text by `new` (a range past the end or
    /// inside a character is clamped outwards to character boundaries) and records the edit.
    /// The report is stale until [`IncrementalReader::refresh`]; the edit is trusted, so the
    /// refresh costs time in proportion to the edit, not to the text.
    pub fn replace(&mut self, range: Range<usize>, new: &str) {
        let text = self.text();
        let (mut a, mut b) = (range.start.min(text.len()), range.end.min(text.len()));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        let held = match self.report.source {
            SourceKind::Text => &mut self.report.view.text,
            SourceKind::Html => &mut self.html_src,
        };
        if let Some(n) = headroom(held.len(), held.capacity(), new.len().saturating_sub(b - a)) {
            held.reserve_exact(n);
        }
        held.replace_range(a..b, new);
        self.record(a..b, new.len());
        self.pending = true;
    }

    /// Brings the report up to date with the held text after [`IncrementalReader::replace`].
    pub fn refresh(&mut self) -> &Report {
        if !self.pending {
            return &self.report;
        }
        self.pending = false;
        let edits = std::mem::take(&mut self.edits);
        let len = self.text().len();
        let edited_len = self.edited_len.replace(len);
        let trusted = !std::mem::take(&mut self.untrusted) && edited_len == Some(len);
        self.stats = ReuseStats::default();
        let incremental = self.state.is_some() && self.report.source == SourceKind::Text;
        let done = incremental && trusted && !edits.is_empty() && self.update_with(&edits);
        if !done {
            let text = match self.report.source {
                SourceKind::Text => std::mem::take(&mut self.report.view.text),
                SourceKind::Html => std::mem::take(&mut self.html_src),
            };
            self.read_fully(text);
        }
        &self.report
    }

    /// Records that the byte range `old` of the previous text was replaced by `new_len` bytes.
    /// Cheap (no parsing); several edits may be recorded before `update`. Ranges are in the
    /// coordinates of the text at the time of that edit (edits are applied in order, like LSP
    /// contentChanges).
    pub fn edit(&mut self, old: Range<usize>, new_len: usize) {
        self.untrusted = true;
        self.record(old, new_len);
    }

    fn record(&mut self, old: Range<usize>, new_len: usize) {
        self.edited_len = self
            .edited_len
            .and_then(|len| compose(&mut self.edits, len, old, new_len));
    }

    fn read_fully(&mut self, text: String) {
        let (report, html_src, state) = full_read(text);
        self.report = report;
        self.html_src = html_src;
        self.state = state;
        self.stats = ReuseStats {
            full_read: true,
            ..Default::default()
        };
    }

    /// Brings the report up to date with `text` (the text after all recorded edits) and
    /// returns it. HTML is read fully. Edits that do not fit `text` (out of range, wrong
    /// lengths, missing) are detected by comparing the text outside them with the previous
    /// text, and the changed range is then found by comparison: the report is the same.
    pub fn update(&mut self, text: &str) -> &Report {
        if self.pending {
            // The held text is what the replacements made; compare `text` with it.
            self.refresh();
        }
        self.untrusted = false;
        let edits = std::mem::take(&mut self.edits);
        let edited_len = self.edited_len.replace(text.len());
        self.stats = ReuseStats::default();
        let incremental = self.state.is_some() && self.report.source == SourceKind::Text;
        if !incremental || !self.update_text(text, edits, edited_len) {
            self.read_fully(text.to_string());
        }
        &self.report
    }

    /// The report as of the last `update` or `refresh` (or `new`). After a
    /// [`IncrementalReader::replace`], its view already holds the new text: refresh first.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// What the last `update` re-did, for tests and benchmarks.
    pub fn last_stats(&self) -> ReuseStats {
        self.stats
    }

    /// Updates a plain-text state from a text the reader does not hold; `false` when a full
    /// read is needed instead.
    fn update_text(
        &mut self,
        text: &str,
        mut edits: Vec<Replacement>,
        edited_len: Option<usize>,
    ) -> bool {
        let old = self.report.view.text.as_str();
        if old == text {
            let lines = self.state.as_ref().map_or(0, |s| s.lines.len());
            self.stats.lines_reused = lines;
            self.stats.tables_reused = [
                &self.report.tables.t2,
                &self.report.tables.t3,
                &self.report.tables.t4,
            ]
            .iter()
            .filter(|t| t.is_some())
            .count();
            return true;
        }
        if edited_len != Some(text.len())
            || edits.is_empty()
            || !unchanged_outside(old, text, &edits)
        {
            self.stats.edits_ignored = !edits.is_empty() || edited_len != Some(text.len());
            edits = vec![diff(old, text)];
        }
        self.report.view.set_identity(text);
        self.update_with(&edits)
    }

    /// Updates a plain-text state after the replacements `edits`, which are known to turn the
    /// text last read into the view's text; `false` when a full read is needed instead.
    fn update_with(&mut self, edits: &[Replacement]) -> bool {
        let text = self.report.view.text.as_str();
        if becomes_html(text, edits) {
            return false;
        }
        let Some(state) = self.state.as_mut() else {
            return false;
        };
        let Some(lines_done) = state.retokenize(text, edits) else {
            return false;
        };
        self.stats.lines_retokenized = lines_done;
        self.stats.lines_reused = state.lines.len() - lines_done;
        state.rebuild(&mut self.report, &mut self.stats);
        true
    }
}

fn report_len(report: &Report, html_src: &str) -> usize {
    match report.source {
        SourceKind::Text => report.view.text.len(),
        SourceKind::Html => html_src.len(),
    }
}

fn empty_report() -> Report {
    Report {
        source: SourceKind::Text,
        view: TextView::default(),
        meta: Default::default(),
        format: crate::read::model::Format::Unknown,
        sections: Vec::new(),
        tables: Tables::default(),
    }
}

/// Reads `text` from scratch: the report, the HTML source (empty for plain text, whose source
/// is the report's view) and the token state of plain text.
fn full_read(text: String) -> (Report, String, Option<TextState>) {
    if html::looks_like_html(&text) {
        return (reader::read(&text), text, None);
    }
    if u32::try_from(text.len()).is_err() {
        // Token positions are `u32`: a longer text is read fully on every update (its report's
        // view holds the text).
        return (reader::read(&text), String::new(), None);
    }
    let mut lines = Vec::new();
    let mut tokens = Vec::new();
    let mut frag = 0u32;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let Some(l) = tokenize_line(line, at, frag, &mut tokens) else {
            return (reader::read(&text), String::new(), None);
        };
        frag += l.nfrag;
        at += line.len();
        lines.push(l);
    }
    fix_derived(&mut tokens, 0);
    // Both grew by doubling; they are kept for the document's life.
    tokens.shrink_to_fit();
    lines.shrink_to_fit();
    let mut state = TextState {
        lines,
        len: text.len(),
        ends_open: text.is_empty() || text.ends_with('\n'),
        tokens,
        t2: None,
        t3: None,
        t4: None,
        regions: None,
        moved: None,
    };
    let mut report = empty_report();
    report.view = TextView::identity_owned(text);
    state.rebuild(&mut report, &mut ReuseStats::default());
    (report, String::new(), Some(state))
}

/// Tokenizes one line starting at byte `at`, numbering its fragments from `frag`. The spans of
/// line and row ends at the start of the line are fixed afterwards ([`fix_derived`]). `None`
/// when the line is too long for [`Line`].
fn tokenize_line(line: &str, at: usize, frag: u32, out: &mut Vec<Token>) -> Option<Line> {
    let pieces = text_pieces(line, at);
    let nfrag = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Fragment(_)))
        .count() as u32;
    let mut tokens = tokenize(&pieces);
    for t in &mut tokens {
        if !is_derived(t) {
            t.fragment += frag;
        }
    }
    let line = Line {
        len: u32::try_from(line.len()).ok()?,
        ntok: u32::try_from(tokens.len()).ok()?,
        nfrag,
    };
    out.extend(tokens);
    Some(line)
}

/// Row and line ends: their span is the end of the token before them, and their fragment 0.
fn is_derived(t: &Token) -> bool {
    matches!(t.kind, TokKind::RowEnd | TokKind::LineEnd)
}

/// Sets the span of the row and line end at `i` to the end of the token before.
fn fix_derived_at(tokens: &mut [Token], i: usize) {
    let e = if i == 0 { 0 } else { tokens[i - 1].span().end };
    // The token before fits in `u32`, so its end does.
    tokens[i].set_empty_at(e);
}

fn fix_derived(tokens: &mut [Token], from: usize) {
    for i in from..tokens.len() {
        if is_derived(&tokens[i]) {
            fix_derived_at(tokens, i);
        }
    }
}

/// Moves a token by `d` bytes and `fd` fragments; `false` when its span would leave `u32`.
fn shift_token(t: &mut Token, d: isize, fd: i64) -> bool {
    t.fragment = (t.fragment as i64 + fd) as u32;
    t.shift(d)
}

/// How much to reserve so that a buffer of `len` elements and `capacity` takes `extra` more:
/// a sixteenth of its length when it is full, not the doubling of `Vec`. The text and the
/// tokens are a document's largest allocations; a doubled buffer would keep up to their size
/// again for the document's life, and a sixteenth still makes the copies rare.
fn headroom(len: usize, capacity: usize, extra: usize) -> Option<usize> {
    (capacity.saturating_sub(len) < extra).then(|| extra.max(len / 16))
}

fn shift_range(r: &Range<usize>, d: isize) -> Range<usize> {
    r.start.wrapping_add_signed(d)..r.end.wrapping_add_signed(d)
}

impl TextState {
    /// Re-tokenizes the lines the replacements touch; returns how many lines were tokenized,
    /// or `None` when the replacements do not fit the text.
    fn retokenize(&mut self, text: &str, edits: &[Replacement]) -> Option<usize> {
        let (old_len, ends_open) = (self.len, self.ends_open);
        let n = self.lines.len();
        let old_ntok = self.tokens.len();

        // Groups of old lines to re-read, with the byte growth of their replacements. The
        // replacements are in order, so one forward walk over the lines finds them.
        let mut walk = Walk::new(&self.lines);
        let mut groups: Vec<(Range<usize>, isize)> = Vec::new();
        for e in edits {
            // The line holding a byte; `n` for the end of a text that ends with a line break.
            let mut line_of = |p: usize| {
                if p >= old_len && ends_open {
                    n
                } else {
                    walk.line_of(p)
                }
            };
            let la = line_of(e.old.start);
            let lb = (line_of(e.old.end) + 1).min(n).max(la);
            let grow = e.new.len() as isize - e.old.len() as isize;
            match groups.last_mut() {
                Some((g, d)) if la <= g.end => {
                    g.end = g.end.max(lb);
                    *d += grow;
                }
                _ => groups.push((la..lb, grow)),
            }
        }

        // New tokens and lines of each group.
        struct Fresh {
            lines: Range<usize>,
            /// Offsets of the first and after the last line of the group, in the old text.
            from: Offsets,
            to: Offsets,
            /// Where the group starts in the new text.
            new_byte: usize,
            new_lines: Vec<Line>,
            tokens: Vec<Token>,
            ntok: usize,
            grow: isize,
            fgrow: i64,
        }
        let mut fresh = Vec::with_capacity(groups.len());
        let (mut d, mut fd) = (0isize, 0i64);
        let mut total = 0;
        let mut walk = Walk::new(&self.lines);
        for (g, grow) in &groups {
            let (from, to) = (walk.to(g.start), walk.to(g.end));
            let ns = from.byte.checked_add_signed(d)?;
            let ne = to.byte.checked_add_signed(d + grow)?;
            if ns > ne {
                return None;
            }
            let piece = text.get(ns..ne)?;
            let open = ns == 0 || text.as_bytes()[ns - 1] == b'\n';
            let close = ne == text.len() || text.as_bytes().get(ne.wrapping_sub(1)) == Some(&b'\n');
            if !open || !close {
                return None;
            }
            let frag0 = u32::try_from(from.frag as i64 + fd).ok()?;
            let mut tokens = Vec::new();
            let mut new_lines = Vec::new();
            let (mut at, mut frag) = (ns, frag0);
            for line in piece.split_inclusive('\n') {
                let l = tokenize_line(line, at, frag, &mut tokens)?;
                at += line.len();
                frag += l.nfrag;
                new_lines.push(l);
            }
            total += new_lines.len();
            let fgrow = (frag - frag0) as i64 - (to.frag - from.frag) as i64;
            d += grow;
            fd += fgrow;
            fresh.push(Fresh {
                lines: g.clone(),
                from,
                to,
                new_byte: ns,
                new_lines,
                ntok: tokens.len(),
                tokens,
                grow: *grow,
                fgrow,
            });
        }
        if old_len.checked_add_signed(d) != Some(text.len()) {
            return None;
        }

        let want: usize = old_ntok + fresh.iter().map(|f| f.ntok).sum::<usize>()
            - fresh.iter().map(|f| f.to.tok - f.from.tok).sum::<usize>();

        // The labels of a group's tokens, by index and bytes from the group's start.
        let labels = |ts: &[Token], start: usize| -> Vec<(usize, Label, Range<usize>)> {
            ts.iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    let span = t.span();
                    Some((
                        i,
                        t.label()?,
                        span.start.wrapping_sub(start)..span.end.wrapping_sub(start),
                    ))
                })
                .collect()
        };
        // The sections and table regions depend only on the labels, their token indices and
        // bytes: a group whose labels are the same, at the same places from its start, and end
        // inside it (a label at its old end would be moved with what follows), keeps them. An
        // edit of a table's row after its label does.
        let labels_kept = fresh.iter().all(|f| {
            let old = labels(&self.tokens[f.from.tok..f.to.tok], f.from.byte);
            old == labels(&f.tokens, f.new_byte)
                && old.iter().all(|(_, _, r)| f.from.byte + r.end < f.to.byte)
        });
        self.moved = labels_kept.then(|| {
            let (mut grow, mut tgrow) = (0isize, 0isize);
            fresh
                .iter()
                .map(|f| {
                    grow += f.grow;
                    tgrow += f.ntok as isize - (f.to.tok - f.from.tok) as isize;
                    Move {
                        byte: f.to.byte,
                        tok: f.to.tok,
                        grow,
                        tgrow,
                    }
                })
                .collect()
        });

        // Splice, last group first so that earlier indices hold.
        let more = want.saturating_sub(old_ntok);
        if let Some(n) = headroom(old_ntok, self.tokens.capacity(), more) {
            self.tokens.reserve_exact(n);
        }
        let more_lines: usize = fresh.iter().map(|f| f.new_lines.len()).sum::<usize>();
        let fewer_lines: usize = fresh.iter().map(|f| f.lines.len()).sum::<usize>();
        let more_lines = more_lines.saturating_sub(fewer_lines);
        if let Some(n) = headroom(self.lines.len(), self.lines.capacity(), more_lines) {
            self.lines.reserve_exact(n);
        }
        for f in fresh.iter_mut().rev() {
            let tr = f.from.tok..f.to.tok;
            self.tokens.splice(tr, std::mem::take(&mut f.tokens));
            self.lines
                .splice(f.lines.clone(), std::mem::take(&mut f.new_lines));
        }

        if self.tokens.len() != want {
            return None;
        }

        // Fix row and line ends of the new tokens; shift the tokens between and after the
        // groups. After the last group, when nothing moved, only the row and line ends right
        // after it can change.
        let (mut d, mut fd) = (0isize, 0i64);
        let mut i = fresh[0].from.tok;
        for (k, f) in fresh.iter().enumerate() {
            for j in i..i + f.ntok {
                if is_derived(&self.tokens[j]) {
                    fix_derived_at(&mut self.tokens, j);
                }
            }
            i += f.ntok;
            d += f.grow;
            fd += f.fgrow;
            let next = fresh.get(k + 1).map_or(old_ntok, |g| g.from.tok);
            let len = next - f.to.tok;
            if k + 1 == fresh.len() && d == 0 && fd == 0 {
                while i < self.tokens.len() && is_derived(&self.tokens[i]) {
                    fix_derived_at(&mut self.tokens, i);
                    i += 1;
                }
                break;
            }
            for j in i..i + len {
                if is_derived(&self.tokens[j]) {
                    fix_derived_at(&mut self.tokens, j);
                } else if !shift_token(&mut self.tokens[j], d, fd) {
                    return None;
                }
            }
            i += len;
        }
        self.len = text.len();
        self.ends_open = text.is_empty() || text.ends_with('\n');
        Some(total)
    }
}

/// Where a line starts: its byte, and the number of tokens and fragments before it.
#[derive(Clone, Copy, Debug, Default)]
struct Offsets {
    byte: usize,
    tok: usize,
    frag: u32,
}

/// A forward walk over the lines that sums their lengths; queries come in increasing order.
struct Walk<'a> {
    lines: &'a [Line],
    line: usize,
    at: Offsets,
}

impl<'a> Walk<'a> {
    fn new(lines: &'a [Line]) -> Self {
        Walk {
            lines,
            line: 0,
            at: Offsets::default(),
        }
    }

    fn step(&mut self) {
        let l = self.lines[self.line];
        self.at.byte += l.len as usize;
        self.at.tok += l.ntok as usize;
        self.at.frag += l.nfrag;
        self.line += 1;
    }

    /// The offsets of line `line` (at most the number of lines, and not before the last query).
    fn to(&mut self, line: usize) -> Offsets {
        while self.line < line.min(self.lines.len()) {
            self.step();
        }
        self.at
    }

    /// The last line starting at or before byte `p` (line 0 for an empty text).
    fn line_of(&mut self, p: usize) -> usize {
        while self.line + 1 < self.lines.len()
            && self.at.byte + self.lines[self.line].len as usize <= p
        {
            self.step();
        }
        self.line
    }
}

impl TextState {
    /// Recomputes the report from the tokens, reusing tables whose tokens did not change.
    fn rebuild(&mut self, report: &mut Report, stats: &mut ReuseStats) {
        let TextState {
            tokens,
            t2,
            t3,
            t4,
            regions: last_regions,
            moved,
            ..
        } = self;
        let tokens: &[Token] = tokens;
        report.source = SourceKind::Text;
        // Sections and regions depend on the labels and their positions only.
        let regions = match (moved.take(), last_regions.take()) {
            (Some(moves), Some(old)) => {
                stats.labels_kept = true;
                let byte = |p: usize| moved_by(&moves, p, |m| (m.byte, m.grow));
                let tok = |i: usize| moved_by(&moves, i, |m| (m.tok, m.tgrow));
                for s in &mut report.sections {
                    s.heading.span = byte(s.heading.span.start)..byte(s.heading.span.end);
                    s.span = byte(s.span.start)..byte(s.span.end);
                }
                let range = |r: Option<Range<usize>>| r.map(|r| tok(r.start)..tok(r.end));
                Regions {
                    t2: range(old.t2),
                    t3: range(old.t3),
                    t4: range(old.t4),
                }
            }
            _ => {
                report.sections = reader::sections(tokens, report.view.text.len());
                Regions::find(tokens)
            }
        };
        *last_regions = Some(Regions {
            t2: regions.t2.clone(),
            t3: regions.t3.clone(),
            t4: regions.t4.clone(),
        });
        let mut tables = Tables::default();
        if let Some(r) = regions.t2 {
            let (t, rows) = cached(t2, &tokens[r], stats, 0, |s| {
                let mut rows = BTreeMap::new();
                (reader::read_t2(s, &mut rows), rows)
            });
            tables.t2 = Some(t);
            tables.t2_rows = rows;
        }
        if let Some(r) = regions.t3 {
            let (t, rows) = cached(t3, &tokens[r], stats, 1, |s| {
                let mut rows = BTreeMap::new();
                (reader::read_t3(s, &mut rows), rows)
            });
            tables.t3 = Some(t);
            tables.t3_rows = rows;
        }
        if let Some(r) = regions.t4 {
            tables.t4 = cached(t4, &tokens[r], stats, 2, reader::read_t4);
        }
        report.format = reader::detect_format(&tables, tokens, &report.view);
        report.tables = tables;
        report.meta = meta::read_meta(&report.view);
    }
}

/// A table as read from a token slice. The slice is kept as it was; a new slice matches when
/// it equals this one shifted by some bytes and fragment numbers.
struct Cached<T> {
    tokens: Vec<Token>,
    base: usize,
    frag: u32,
    result: T,
}

fn anchor(slice: &[Token]) -> (usize, u32) {
    let base = slice.first().map_or(0, |t| t.span().start);
    let frag = slice
        .iter()
        .find(|t| !is_derived(t))
        .map_or(0, |t| t.fragment);
    (base, frag)
}

fn cached<T: Clone + Shift>(
    slot: &mut Option<Cached<T>>,
    slice: &[Token],
    stats: &mut ReuseStats,
    which: usize,
    read: impl FnOnce(&[Token]) -> T,
) -> T {
    let (base, frag) = anchor(slice);
    if let Some(c) = slot {
        if same_shifted(&c.tokens, c.base, c.frag, slice, base, frag) {
            stats.tables_reused += 1;
            let mut result = c.result.clone();
            result.shift(base as isize - c.base as isize);
            return result;
        }
    }
    stats.tables_reread += 1;
    stats.reread[which] = true;
    let result = read(slice);
    *slot = Some(Cached {
        tokens: slice.to_vec(),
        base,
        frag,
        result: result.clone(),
    });
    result
}

/// Whether two token slices are equal up to a shift of bytes (`abase` ↔ `bbase`) and of
/// fragment numbers (`afrag` ↔ `bfrag`). Row and line ends have fragment 0 in both.
fn same_shifted(
    a: &[Token],
    abase: usize,
    afrag: u32,
    b: &[Token],
    bbase: usize,
    bfrag: u32,
) -> bool {
    let rel = |p: usize, base: usize| p as i64 - base as i64;
    let same_range = |x: &Range<usize>, y: &Range<usize>| {
        rel(x.start, abase) == rel(y.start, bbase) && rel(x.end, abase) == rel(y.end, bbase)
    };
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            let kind = match (&x.kind, &y.kind) {
                (TokKind::Value(xv), TokKind::Value(yv)) => {
                    xv.same_shifted(x.span().start, yv, y.span().start)
                }
                (xk, yk) => xk == yk,
            };
            let fragment = if is_derived(x) {
                x.fragment == y.fragment
            } else {
                x.fragment as i64 - afrag as i64 == y.fragment as i64 - bfrag as i64
            };
            kind && fragment && x.in_row == y.in_row && same_range(&x.span(), &y.span())
        })
}

/// Moving a read result by some bytes.
trait Shift {
    fn shift(&mut self, d: isize);
}

impl Shift for Range<usize> {
    fn shift(&mut self, d: isize) {
        *self = shift_range(self, d);
    }
}

impl Shift for Table {
    fn shift(&mut self, d: isize) {
        self.span.shift(d);
        for c in self.cells.values_mut() {
            c.span.shift(d);
        }
        for u in self.unreadable.values_mut() {
            if let Some(s) = &mut u.span {
                s.shift(d);
            }
        }
    }
}

impl<K> Shift for BTreeMap<K, RowLabel> {
    fn shift(&mut self, d: isize) {
        for l in self.values_mut() {
            l.span.shift(d);
        }
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, d: isize) {
        if let Some(t) = self {
            t.shift(d);
        }
    }
}

impl<A: Shift, B: Shift> Shift for (A, B) {
    fn shift(&mut self, d: isize) {
        self.0.shift(d);
        self.1.shift(d);
    }
}

/// Adds the edit `r` → `new_len` bytes (in the coordinates of the edited text, of length
/// `len`) to the composed replacements. Returns the new length, or `None` when the edit does
/// not fit.
fn compose(
    reps: &mut Vec<Replacement>,
    len: usize,
    r: Range<usize>,
    new_len: usize,
) -> Option<usize> {
    if r.start > r.end || r.end > len {
        return None;
    }
    let removed = r.end - r.start;
    let out_len = (len - removed).checked_add(new_len)?;
    let grow = new_len as isize - removed as isize;
    let delta = |x: &Replacement| x.new.len() as isize - x.old.len() as isize;
    // The replacements that overlap or touch the edit, in the edited coordinates.
    let first = reps
        .iter()
        .position(|x| x.new.end >= r.start)
        .unwrap_or(reps.len());
    let last = reps
        .iter()
        .rposition(|x| x.new.start <= r.end)
        .map_or(first, |i| i + 1)
        .max(first);
    let d_before: isize = reps[..first].iter().map(delta).sum();
    let d_touch: isize = reps[first..last].iter().map(delta).sum();
    let (old_start, new_start) = match reps[first..last].first() {
        Some(x) if x.new.start <= r.start => (x.old.start, x.new.start),
        _ => (r.start.checked_add_signed(-d_before)?, r.start),
    };
    let (old_end, new_end) = match reps[first..last].last() {
        Some(x) if x.new.end >= r.end => (x.old.end, x.new.end),
        _ => (r.end.checked_add_signed(-(d_before + d_touch))?, r.end),
    };
    let merged = Replacement {
        old: old_start..old_end,
        new: new_start..new_end.checked_add_signed(grow)?,
    };
    if merged.old.start > merged.old.end || merged.new.start > merged.new.end {
        return None;
    }
    for x in &mut reps[last..] {
        x.new = shift_range(&x.new, grow);
    }
    reps.splice(first..last, [merged]);
    Some(out_len)
}

/// Whether a text that was not HTML is HTML after the replacements ([`html::looks_like_html`]
/// without scanning the unchanged text: a table tag there would have made the old text HTML).
fn becomes_html(text: &str, reps: &[Replacement]) -> bool {
    // `<table` or `<td` and the byte after the name.
    const MARGIN: usize = 8;
    let floor = |mut p: usize| {
        p = p.min(text.len());
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        p
    };
    let ceil = |mut p: usize| {
        p = p.min(text.len());
        while !text.is_char_boundary(p) {
            p += 1;
        }
        p
    };
    // The start of the text decides too (`<p>` first, a doctype).
    let lead = text.len() - text.trim_start_matches('\u{FEFF}').trim_start().len();
    if html::looks_like_html(&text[..ceil(lead + 16)]) {
        return true;
    }
    reps.iter().any(|e| {
        let w = floor(e.new.start.saturating_sub(MARGIN))..ceil(e.new.end.saturating_add(MARGIN));
        // A leading letter keeps the window's own start from counting as a document start.
        text.get(w)
            .is_none_or(|w| html::looks_like_html(&format!("x{w}")))
    })
}

/// Whether `new` equals `old` outside the replacements.
fn unchanged_outside(old: &str, new: &str, reps: &[Replacement]) -> bool {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    let (mut po, mut pn) = (0, 0);
    for e in reps {
        if e.old.start < po || e.new.start < pn {
            return false;
        }
        match (old.get(po..e.old.start), new.get(pn..e.new.start)) {
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
        po = e.old.end;
        pn = e.new.end;
    }
    matches!((old.get(po..), new.get(pn..)), (Some(a), Some(b)) if a == b)
}

/// The one replacement between two texts: everything between their common prefix and suffix.
fn diff(old: &str, new: &str) -> Replacement {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_s = a.len().min(b.len()) - p;
    let s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_s)
        .take_while(|(x, y)| x == y)
        .count();
    Replacement {
        old: p..a.len() - s,
        new: p..b.len() - s,
    }
}

#[cfg(test)]
mod tests;
