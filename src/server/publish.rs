//! The JSON of the diagnostics last published for a document, kept so that a publication after
//! an edit serialises only the diagnostics whose LSP form changed.
//!
//! A diagnostic's LSP form depends on its content and on the positions of its ranges. The
//! position of a byte offset depends only on the text before it; so after an edit, a range
//! that ends before the edit has the position it had, and a range that starts on a line after
//! the edit has its old position too when the edit added or removed no line (its offsets moved
//! by the edit's growth). Such a diagnostic is found by its content and its ranges in the
//! coordinates of the last publication; the others are converted and serialised again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use xxhash_rust::xxh3::Xxh3;

use super::document::{Document, Encoding};
use super::features::{to_lsp_diagnostic, Target};
use crate::lang::Lang;
use crate::rules::diagnostic::Diagnostic;

#[derive(Default)]
pub struct PublishCache {
    inner: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The JSON of each diagnostic of the last publication, by [`key`] (its ranges in the
    /// text of that publication).
    json: HashMap<u128, Rc<str>>,
    /// The language, position encoding and document the JSON was written for.
    lang: Option<(Lang, Encoding)>,
    uri: String,
    /// The edits since the last publication, composed: the bytes replaced in its text and the
    /// length of what replaced them.
    change: Option<(Range<usize>, usize)>,
    /// An edit did not fit: nothing is taken over at the next publication.
    lost: bool,
    /// The number of lines at the last publication.
    lines: usize,
    /// Where the last edit was made (a byte offset of the current text): a long list is shown
    /// around it (see [`shown`]).
    focus: usize,
}

impl PublishCache {
    /// Records that the bytes `old` of the text were replaced by `new_len` bytes (positions in
    /// the text after the previous edits, like LSP content changes).
    pub fn edit(&mut self, old: Range<usize>, new_len: usize) {
        let state = self.inner.get_mut();
        state.focus = old.start;
        state.change = Some(match state.change.take() {
            None => (old, new_len),
            Some((c_old, c_new_len)) => {
                // The changed region, in the current text, grows to cover the new edit.
                let changed_end = c_old.start + c_new_len;
                let start = c_old.start.min(old.start);
                let end = changed_end.max(old.end);
                let Some(old_end) = (c_old.end + end).checked_sub(changed_end) else {
                    state.lost = true;
                    return;
                };
                let Some(new_len) = (end - start + new_len).checked_sub(old.len()) else {
                    state.lost = true;
                    return;
                };
                (start..old_end, new_len)
            }
        });
    }

    /// The JSON array of `diagnostics` in LSP form (as [`to_lsp_diagnostic`] makes them), taking
    /// over the JSON of the last publication where it still holds; keeps this publication's.
    #[cfg(test)]
    pub fn diagnostics_json(
        &self,
        doc: &Document,
        t: &Target,
        diagnostics: &[Diagnostic],
    ) -> String {
        let mut out = String::new();
        self.write_diagnostics_json(doc, t, diagnostics, None, &mut out);
        out
    }

    /// [`PublishCache::diagnostics_json`] written at the end of `out` (a message being made:
    /// the list, up to megabytes, is not copied again), with `notice` (see [`cut_notice`])
    /// after the diagnostics, in the same list.
    pub fn write_diagnostics_json(
        &self,
        doc: &Document,
        t: &Target,
        diagnostics: &[Diagnostic],
        notice: Option<&lsp_types::Diagnostic>,
        out: &mut String,
    ) {
        let mut state = self.inner.borrow_mut();
        let state = &mut *state;
        let lines = doc.line_count();
        if state.lost || state.lang != Some((t.lang, t.enc)) || state.uri != t.uri.as_str() {
            state.json.clear();
        }
        // Where ranges keep their positions: before `start`, and from `after` on (moved back
        // by `grow` into the last publication's text).
        let (start, after, grow) = match &state.change {
            None => (usize::MAX, None, 0),
            Some((old, new_len)) => {
                let after =
                    (lines == state.lines).then(|| doc.next_line_start(old.start + new_len));
                (old.start, after, *new_len as isize - old.len() as isize)
            }
        };
        let then = |r: &Range<usize>| -> Option<Range<usize>> {
            if r.end < start {
                Some(r.clone())
            } else if after.is_some_and(|a| r.start >= a) {
                Some(r.start.wrapping_add_signed(-grow)..r.end.wrapping_add_signed(-grow))
            } else {
                None
            }
        };
        out.reserve(2 + state.json.values().map(|j| j.len() + 1).sum::<usize>());
        let mut fresh = HashMap::with_capacity(diagnostics.len());
        out.push('[');
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let kept = key(d, t.lang, then)
                .and_then(|k| state.json.get(&k))
                .cloned();
            let json = kept.unwrap_or_else(|| {
                let lsp = to_lsp_diagnostic(doc, t, d);
                Rc::from(serde_json::to_string(&lsp).unwrap_or_else(|_| "null".into()))
            });
            out.push_str(&json);
            if let Some(k) = key(d, t.lang, |r| Some(r.clone())) {
                fresh.insert(k, json);
            }
        }
        if let Some(notice) = notice {
            if !diagnostics.is_empty() {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(notice).unwrap_or_else(|_| "null".into()));
        }
        out.push(']');
        *state = State {
            json: fresh,
            lang: Some((t.lang, t.enc)),
            uri: t.uri.as_str().to_string(),
            change: None,
            lost: false,
            lines,
            focus: state.focus,
        };
    }

    /// Where the last edit was made (0 before any edit).
    pub fn focus(&self) -> usize {
        self.inner.borrow().focus
    }
}

/// The diagnostics shown of a document's `diagnostics` (sorted by position), at most `max` of
/// them (0: all): the `max` nearest `focus`, the place of the last edit, half before it and half
/// after (more on one side when the other runs out). An editor is slow to take tens of
/// thousands of diagnostics and a person reads the ones where they work; `nianbao check`
/// lists them all. Found by binary search: the cost does not grow with the list.
pub fn shown(diagnostics: &[Diagnostic], max: usize, focus: usize) -> Range<usize> {
    let n = diagnostics.len();
    if max == 0 || n <= max {
        return 0..n;
    }
    let at = diagnostics.partition_point(|d| d.range.start < focus);
    let start = at.saturating_sub(max / 2).min(n - max);
    start..start + max
}

/// The information shown with a list cut by [`shown`]: how many diagnostics the document has,
/// how many are shown and how to see the others. At the start of the document, where a person
/// looks for what concerns the whole file.
pub fn cut_notice(total: usize, max: usize, lang: Lang) -> lsp_types::Diagnostic {
    let message = match lang {
        Lang::Zh => format!(
            "本文件共有 {total} 条诊断，编辑器中只显示离最近一次编辑处最近的 {max} 条，其余 {} 条未显示。\
             设置 nianbao.maxDiagnostics 可调整上限（0 为全部显示）；nianbao check 列出全部。",
            total - max
        ),
        Lang::En => format!(
            "This file has {total} diagnostics; the editor shows the {max} nearest the last edit, \
             {} are not shown. The setting nianbao.maxDiagnostics changes the limit (0 shows all); \
             nianbao check lists them all.",
            total - max
        ),
    };
    lsp_types::Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(lsp_types::DiagnosticSeverity::INFORMATION),
        source: Some("nianbao".into()),
        message,
        ..Default::default()
    }
}

/// An identifier of the LSP form of `diagnostics` (a pull's `resultId`): equal for two lists
/// whose LSP forms are equal, whatever the version, so that an edit that moves no diagnostic
/// is answered `unchanged`. Made from each diagnostic's content and positions, without
/// serialising.
pub fn result_id(doc: &Document, t: &Target, diagnostics: &[Diagnostic]) -> String {
    let mut h = Xxh3::new();
    h.update(t.uri.as_str().as_bytes());
    h.update(&[t.lang as u8, t.enc as u8]);
    for d in diagnostics {
        let content = key(d, t.lang, |_| Some(0..0)).unwrap_or_default();
        h.update(&content.to_le_bytes());
        for r in std::iter::once(&d.range).chain(d.related.iter().map(|r| &r.range)) {
            let r = doc.range(r, t.enc);
            for n in [r.start.line, r.start.character, r.end.line, r.end.character] {
                h.update(&n.to_le_bytes());
            }
        }
    }
    format!("{:032x}", h.digest128())
}

/// What a diagnostic's LSP form is made from, hashed: its content in the language shown and
/// its ranges mapped by `map` (`None` when a range cannot be mapped).
fn key(
    d: &Diagnostic,
    lang: Lang,
    map: impl Fn(&Range<usize>) -> Option<Range<usize>>,
) -> Option<u128> {
    fn put(h: &mut Xxh3, bytes: &[u8]) {
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    let mut h = Xxh3::new();
    for r in std::iter::once(&d.range).chain(d.related.iter().map(|r| &r.range)) {
        let r = map(r)?;
        h.update(&(r.start as u64).to_le_bytes());
        h.update(&(r.end as u64).to_le_bytes());
    }
    put(&mut h, d.code.as_bytes());
    put(&mut h, d.name.as_bytes());
    put(&mut h, &[d.severity as u8]);
    put(&mut h, d.message.get(lang).as_bytes());
    for r in &d.related {
        put(&mut h, r.message.get(lang).as_bytes());
    }
    Some(h.digest128())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range as LspRange, TextDocumentContentChangeEvent, Uri};

    /// The window: all when short or unlimited; else `max` around the focus, half on each
    /// side, more on one side when the other runs out.
    #[test]
    fn a_long_list_is_shown_around_the_focus() {
        let at = |start: usize| Diagnostic {
            code: "W01",
            name: "duplicated-token",
            severity: crate::rules::diagnostic::Severity::Warning,
            range: start..start + 1,
            message: Default::default(),
            fix: None,
            related: Vec::new(),
            also: Vec::new(),
        };
        let list: Vec<Diagnostic> = (0..100).map(|i| at(i * 10)).collect();
        assert_eq!(shown(&list, 0, 500), 0..100);
        assert_eq!(shown(&list, 100, 500), 0..100);
        assert_eq!(shown(&list[..5], 10, 0), 0..5);
        assert_eq!(shown(&list, 10, 0), 0..10);
        assert_eq!(shown(&list, 10, 500), 45..55);
        assert_eq!(shown(&list, 10, 505), 46..56);
        assert_eq!(shown(&list, 11, 500), 45..56);
        assert_eq!(shown(&list, 10, 30), 0..10);
        assert_eq!(shown(&list, 10, 995), 90..100);
        assert_eq!(shown(&list, 10, usize::MAX), 90..100);
    }

    /// Random edits of reports with many findings (typing, new lines, CRLF, astral characters,
    /// pieces that make and clear findings), each followed by a publication: the JSON taken
    /// over from the last publication equals a fresh conversion of every diagnostic.
    #[test]
    fn kept_json_equals_a_fresh_conversion_after_random_edits() {
        use crate::lint::{diagnostics_cached, Settings};
        let settings = Settings::default();
        let uri: Uri = "file:///r.md".parse().unwrap();
        let pages = HashMap::new();
        let pieces = [
            "字",
            "\n",
            "\r\n",
            "𠀀",
            "2024年度年度",
            "国办函〔2020]109号",
            "7",
            "",
            "XX",
        ];
        let mut next = crate::rules::testing::xorshift(0xA076_1D64_78BD_642Fu64);
        let defects = include_str!("../../examples/reports/with-defects-2025.md");
        let rounds = [
            (defects.to_string(), Encoding::Utf16),
            (defects.repeat(3), Encoding::Utf8),
            (defects.replace('\n', "\r\n"), Encoding::Utf16),
        ];
        for (round, (text, enc)) in rounds.into_iter().enumerate() {
            let mut doc = Document::new(text, 1);
            for step in 0..60 {
                // The language switched for a few publications: nothing is taken over then.
                let lang = if (30..33).contains(&step) {
                    Lang::En
                } else {
                    Lang::Zh
                };
                let len = doc.len_bytes();
                let a = doc.position(next(len + 1), enc);
                let b = doc.position(next(len + 1).min(len), enc);
                let (a, b) = if (a.line, a.character) <= (b.line, b.character) {
                    (a, b)
                } else {
                    (b, a)
                };
                let b = if next(3) == 0 { b } else { a };
                let change = TextDocumentContentChangeEvent {
                    range: Some(LspRange::new(a, Position::new(b.line, b.character))),
                    range_length: None,
                    text: pieces[next(pieces.len())].into(),
                };
                doc.apply_change(&change, enc);
                doc.refresh();
                let (text, report) = doc.view();
                let diagnostics = diagnostics_cached(text, report, &settings, &doc.blocks);
                let t = Target {
                    uri: &uri,
                    enc,
                    lang,
                    rule_pages: &pages,
                    document_changes: false,
                };
                let kept: serde_json::Value = serde_json::from_str(
                    &doc.publish_cache.diagnostics_json(&doc, &t, &diagnostics),
                )
                .unwrap();
                let fresh: Vec<lsp_types::Diagnostic> = diagnostics
                    .iter()
                    .map(|d| to_lsp_diagnostic(&doc, &t, d))
                    .collect();
                assert_eq!(
                    kept,
                    serde_json::to_value(fresh).unwrap(),
                    "round {round} step {step}"
                );
            }
        }
    }
}
