//! Output formats of `nianbao check`: human, JSON, SARIF 2.1.0 and GitHub annotations.
//! Byte ranges become 1-based lines and columns (Unicode scalar values) here, at the edge.
//! The ranges are byte offsets into the decoded text (see [`crate::read::input`]: line endings turned
//! into `\n`, no byte-order mark), not into the file; no output shows them. The lines and
//! columns are the file's as an editor shows it, whatever its encoding and line endings.
//!
//! A Word document has no lines: its source is the HTML it was converted to
//! ([`crate::read::docx`]), and every format names the paragraph or table cell instead (a
//! `location` field in JSON, a logical location in SARIF, the place before the message in human
//! and GitHub output); lines and columns are then those of that paragraph's or cell's text.

use serde_json::{json, Value};
use unicode_width::UnicodeWidthChar;

use crate::lang::Lang;
use crate::position::{floor_boundary, LineIndex};
use crate::read::docx::{Located, SourceMap};
use crate::rules::diagnostic::{Diagnostic, Severity};

/// One checked file.
pub struct FileDiagnostics<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// For a Word document: where the ranges of `source` (the converted HTML) are in Word.
    pub docx: Option<&'a SourceMap>,
}

impl FileDiagnostics<'_> {
    /// The paragraph or cell of a range, for a Word document.
    fn locate(&self, r: &std::ops::Range<usize>) -> Option<Located<'_>> {
        self.docx.and_then(|m| m.locate(r.clone()))
    }

    /// A range as JSON, with the Word location when there is one.
    fn range_json(
        &self,
        index: &LineIndex,
        r: &std::ops::Range<usize>,
        lang: Lang,
    ) -> (Value, Option<Value>) {
        match self.locate(r) {
            Some(l) => (
                range_json(&LineIndex::new(l.text), l.text, &l.range),
                Some(location_json(&l, lang)),
            ),
            None => (range_json(index, self.source, r), None),
        }
    }
}

/// `{"paragraph":12,"description":"第12段"}` or `{"table":2,"row":5,"column":3,…}`.
fn location_json(l: &Located, lang: Lang) -> Value {
    let mut v = l.location.to_json();
    v["description"] = Value::from(l.location.describe(lang));
    v
}

/// Counts for the summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixed: usize,
}

impl Summary {
    pub fn of(files: &[FileDiagnostics]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for d in files.iter().flat_map(|f| f.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

fn range_json(index: &LineIndex, src: &str, r: &std::ops::Range<usize>) -> Value {
    let s = index.line_col(src, r.start);
    let e = index.line_col(src, r.end);
    json!({"start": {"line": s.line, "column": s.column}, "end": {"line": e.line, "column": e.column}})
}

/// `{"version":1,"files":[…],"summary":{…}}`.
pub fn json(files: &[FileDiagnostics], lang: Lang) -> Value {
    serde_json::from_str(&json_text(files, lang)).unwrap_or_default()
}

/// [`json`] as text, written one diagnostic at a time: the memory it takes is the text's, not
/// that of a tree of values for every finding (a one-line report with a hundred thousand).
pub fn json_text(files: &[FileDiagnostics], lang: Lang) -> String {
    let parts: Vec<String> = files.iter().map(|f| json_file(f, lang)).collect();
    json_join(files, &parts)
}

/// One file's object in [`json_text`]'s `files` array.
pub fn json_file(f: &FileDiagnostics, lang: Lang) -> String {
    let mut out = String::from(r#"{"path":"#);
    out.push_str(&Value::from(f.path).to_string());
    out.push_str(r#","diagnostics":["#);
    // Lines are counted only in a file with findings (in a batch, many have none).
    if !f.diagnostics.is_empty() {
        let index = LineIndex::new(f.source);
        for (j, d) in f.diagnostics.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&diagnostic_json(f, &index, d, lang).to_string());
        }
    }
    out.push_str("]}");
    out
}

/// [`json_text`] from the [`json_file`] texts of `files` (made on all cores by a run over
/// many files).
pub fn json_join(files: &[FileDiagnostics], parts: &[String]) -> String {
    let summary = Summary::of(files);
    let len: usize = parts.iter().map(|p| p.len() + 1).sum();
    let mut out = String::with_capacity(len + 128);
    out.push_str(r#"{"version":1,"files":["#);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(part);
    }
    out.push_str(r#"],"summary":"#);
    out.push_str(
        &json!({
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        })
        .to_string(),
    );
    out.push('}');
    out
}

fn diagnostic_json(f: &FileDiagnostics, index: &LineIndex, d: &Diagnostic, lang: Lang) -> Value {
    let fix = d.fix.as_ref().map_or(Value::Null, |fix| {
        json!({
            "applicability": fix.applicability,
            "title": fix.title.get(lang),
            "edits": fix.edits.iter().map(|e| {
                let (range, location) = f.range_json(index, &e.range, lang);
                let mut edit = json!({"range": range, "new_text": e.new_text});
                if let Some(l) = location {
                    edit["location"] = l;
                }
                edit
            }).collect::<Vec<_>>(),
        })
    });
    let (range, location) = f.range_json(index, &d.range, lang);
    let mut diag = json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "message": d.message.get(lang),
        "range": range,
        "fix": fix,
    });
    if let Some(l) = location {
        diag["location"] = l;
    }
    diag
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn sarif_region(index: &LineIndex, src: &str, r: &std::ops::Range<usize>) -> Value {
    let s = index.line_col(src, r.start);
    let e = index.line_col(src, r.end);
    json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column})
}

/// A SARIF 2.1.0 log with one run; columns are Unicode code points.
pub fn sarif(files: &[FileDiagnostics], lang: Lang) -> Value {
    let rules = crate::rules::registry();
    let rule_json: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary(lang)},
                "fullDescription": {"text": r.doc(lang)},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        let index = LineIndex::new(f.source);
        for d in f.diagnostics {
            let located = f.locate(&d.range);
            // A Word document has no text regions: the paragraph or cell is a logical location.
            let location = match &located {
                Some(l) => json!({
                    "physicalLocation": {"artifactLocation": {"uri": slashed(f.path)}},
                    "logicalLocations": [{
                        "name": l.location.describe(lang),
                        "fullyQualifiedName": l.location.describe(Lang::En),
                        "kind": "element",
                    }],
                }),
                None => json!({
                    "physicalLocation": {
                        "artifactLocation": {"uri": slashed(f.path)},
                        "region": sarif_region(&index, f.source, &d.range),
                    }
                }),
            };
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": d.message.get(lang)},
                "locations": [location],
            });
            if let Some(i) = rules.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            // Replacements in a Word document cannot be expressed (nor applied) as text edits.
            if let Some(fix) = d.fix.as_ref().filter(|_| located.is_none()) {
                result["fixes"] = json!([{
                    "description": {"text": fix.title.get(lang)},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": slashed(f.path)},
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": sarif_region(&index, f.source, &e.range),
                            "insertedContent": {"text": e.new_text},
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "nianbao",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/nianbao/nianbao",
                "rules": rule_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A file's path with `/` between its parts, as SARIF's URI references and GitHub's annotations
/// want them: Windows' `\\` becomes `/` (elsewhere a backslash is part of a name and stays).
fn slashed(path: &str) -> std::borrow::Cow<'_, str> {
    slashed_on(path, cfg!(windows))
}

fn slashed_on(path: &str, windows: bool) -> std::borrow::Cow<'_, str> {
    if windows && path.contains('\\') {
        path.replace('\\', "/").into()
    } else {
        path.into()
    }
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn github(files: &[FileDiagnostics], lang: Lang) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(f.source);
        for d in f.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            if let Some(l) = f.locate(&d.range) {
                // No line in a Word document: a file-level annotation naming the place.
                out.push_str(&format!(
                    "::{level} file={},title={}::{}: {}\n",
                    escape_property(&slashed(f.path)),
                    escape_property(&format!("{} {}", d.code, d.name)),
                    escape_data(&l.location.describe(lang)),
                    escape_data(d.message.get(lang)),
                ));
                continue;
            }
            let s = index.line_col(f.source, d.range.start);
            let e = index.line_col(f.source, d.range.end);
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&slashed(f.path)),
                s.line,
                s.column,
                e.line,
                e.column,
                escape_property(&format!("{} {}", d.code, d.name)),
                escape_data(d.message.get(lang)),
            ));
        }
    }
    out
}

/// Display width of a char in a terminal (CJK characters take two columns).
fn width(c: char) -> usize {
    if c == '\t' {
        4
    } else if c.is_control() {
        1 // shown as U+FFFD
    } else {
        c.width().unwrap_or(0)
    }
}

/// Text from a file or a file name made safe for a terminal: control characters (an escape
/// sequence in a report or its name could recolour or rewrite the screen) become U+FFFD.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// How much of a long line to show around the marked range (one-line reports are kilobytes
/// long).
const CONTEXT_BEFORE: usize = 24;
const CONTEXT_AFTER: usize = 40;

/// The source line of a range and a marker line under exactly the range's characters.
fn snippet(src: &str, index: &LineIndex, range: &std::ops::Range<usize>) -> (String, String) {
    let start = floor_boundary(src, range.start);
    let line = index.line_of(start);
    let lr = index.line_range(src, line);
    let end = floor_boundary(src, range.end.min(lr.end).max(start));
    // At most one character more than is shown on either side (to know whether to cut): a
    // line with many findings costs linear time, not its length for each finding.
    let mut before: Vec<char> = src[lr.start..start.max(lr.start)]
        .chars()
        .rev()
        .take(CONTEXT_BEFORE + 1)
        .collect();
    before.reverse();
    let marked: Vec<char> = src[start..end].chars().take(CONTEXT_AFTER).collect();
    let after: Vec<char> = src[end.min(lr.end)..lr.end]
        .chars()
        .take(CONTEXT_AFTER + 1)
        .collect();
    let (cut_before, shown_before) = if before.len() > CONTEXT_BEFORE {
        (true, &before[before.len() - CONTEXT_BEFORE..])
    } else {
        (false, &before[..])
    };
    let (cut_after, shown_after) = if after.len() > CONTEXT_AFTER {
        (true, &after[..CONTEXT_AFTER])
    } else {
        (false, &after[..])
    };
    let shown_marked: Vec<char> = marked.iter().copied().take(CONTEXT_AFTER).collect();
    let render = |cs: &[char]| -> String {
        cs.iter()
            .map(|&c| {
                if c == '\t' {
                    "    ".to_string()
                } else if c.is_control() {
                    '\u{FFFD}'.to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let mut text = String::new();
    let mut pad = 0;
    if cut_before {
        text.push('…');
        pad += width('…');
    }
    text.push_str(&render(shown_before));
    pad += shown_before.iter().map(|&c| width(c)).sum::<usize>();
    text.push_str(&render(&shown_marked));
    text.push_str(&render(shown_after));
    if cut_after {
        text.push('…');
    }
    let marker_width = shown_marked.iter().map(|&c| width(c)).sum::<usize>().max(1);
    let marker = format!("{}{}", " ".repeat(pad), "^".repeat(marker_width));
    (text, marker)
}

/// Human-readable diagnostics: `path:line:col: severity[CODE] message`, the source line and a
/// marker under the exact cell, the fix, and related places.
pub fn human(files: &[FileDiagnostics], lang: Lang) -> String {
    files.iter().map(|f| human_file(f, lang)).collect()
}

/// [`human`] of one file: the files' texts, joined, are [`human`]'s (a run over many files
/// writes them on all cores).
pub fn human_file(f: &FileDiagnostics, lang: Lang) -> String {
    let mut out = String::new();
    // Lines are counted only in a file with findings (in a batch, many have none).
    if f.diagnostics.is_empty() {
        return out;
    }
    let index = LineIndex::new(f.source);
    for d in f.diagnostics {
        let sev = match (lang, d.severity) {
            (Lang::Zh, Severity::Error) => "错误",
            (Lang::Zh, Severity::Warning) => "警告",
            (Lang::Zh, Severity::Info) => "提示",
            (Lang::En, s) => s.as_str(),
        };
        let located = f.locate(&d.range);
        let gutter = match &located {
            Some(l) => {
                // `report.docx:表2 第5行第3列:`, then the cell's or paragraph's text.
                out.push_str(&format!(
                    "{}:{}: {sev}[{}] {}\n",
                    printable(f.path),
                    l.location.describe(lang),
                    d.code,
                    printable(d.message.get(lang))
                ));
                let (text, marker) = snippet(l.text, &LineIndex::new(l.text), &l.range);
                out.push_str(&format!("  |\n  | {text}\n  | {marker}\n"));
                " ".to_string()
            }
            None => {
                let lc = index.line_col(f.source, d.range.start);
                out.push_str(&format!(
                    "{}:{}:{}: {sev}[{}] {}\n",
                    printable(f.path),
                    lc.line,
                    lc.column,
                    d.code,
                    printable(d.message.get(lang))
                ));
                let (text, marker) = snippet(f.source, &index, &d.range);
                let num = lc.line.to_string();
                let gutter = " ".repeat(num.len());
                out.push_str(&format!(
                    "{gutter} |\n{num} | {text}\n{gutter} | {marker}\n"
                ));
                gutter
            }
        };
        if let Some(fix) = &d.fix {
            let kind = match (lang, fix.applicability, located.is_some()) {
                // nianbao does not write Word files: the fix is made by hand.
                (Lang::Zh, _, true) => "修复建议（请在 Word 中修改）",
                (Lang::En, _, true) => "suggested fix (make it in Word)",
                (Lang::Zh, crate::rules::diagnostic::Applicability::Safe, _) => "可自动修复",
                (Lang::Zh, crate::rules::diagnostic::Applicability::Unsafe, _) => {
                    "可修复（不安全）"
                }
                (Lang::En, crate::rules::diagnostic::Applicability::Safe, _) => "fix",
                (Lang::En, crate::rules::diagnostic::Applicability::Unsafe, _) => "unsafe fix",
            };
            out.push_str(&format!(
                "{gutter} = {kind}: {}\n",
                printable(fix.title.get(lang))
            ));
        }
        out.push('\n');
    }
    out
}

/// The changes the applied fixes made, one line each: `path:line  old → new  [CODE]`.
pub fn applied_changes(path: &str, changes: &[crate::lint::AppliedChange], lang: Lang) -> String {
    let mut out = String::new();
    for c in changes {
        let what = match (c.old.is_empty(), c.new.is_empty(), lang) {
            (true, _, Lang::Zh) => format!("插入 {}", shown_change(&c.new)),
            (true, _, Lang::En) => format!("insert {}", shown_change(&c.new)),
            (_, true, Lang::Zh) => format!("删除 {}", shown_change(&c.old)),
            (_, true, Lang::En) => format!("delete {}", shown_change(&c.old)),
            _ => format!("{} → {}", shown_change(&c.old), shown_change(&c.new)),
        };
        out.push_str(&format!("{path}:{}  {what}  [{}]\n", c.line, c.code));
    }
    out
}

/// A changed text on one line of a terminal: line breaks shown as ⏎, at most 40 characters.
fn shown_change(text: &str) -> String {
    const MAX: usize = 40;
    let one_line: String = text
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect();
    if one_line.chars().count() > MAX {
        let cut: String = one_line.chars().take(MAX - 1).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// The last line of `check --fix-only`.
pub fn fixed_line(fixed: usize, lang: Lang) -> String {
    match (fixed, lang) {
        (0, Lang::Zh) => "没有可自动修复的问题".into(),
        (0, Lang::En) => "Nothing to fix".into(),
        (n, Lang::Zh) => format!("已修复 {n} 处"),
        (n, Lang::En) => format!("Fixed {n} problem{}", if n == 1 { "" } else { "s" }),
    }
}

/// The summary line.
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let mut line = format!(
                "共检查 {} 个文件：{} 个错误，{} 个警告，{} 条提示",
                s.files, s.errors, s.warnings, s.infos
            );
            if s.fixed > 0 {
                line.push_str(&format!("；已修复 {} 处", s.fixed));
            }
            line
        }
        Lang::En => {
            let mut line = format!(
                "Checked {} file{}: {} error{}, {} warning{}, {} info",
                s.files,
                if s.files == 1 { "" } else { "s" },
                s.errors,
                if s.errors == 1 { "" } else { "s" },
                s.warnings,
                if s.warnings == 1 { "" } else { "s" },
                s.infos
            );
            if s.fixed > 0 {
                line.push_str(&format!("; fixed {}", s.fixed));
            }
            line
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_sits_under_the_cell_after_wide_characters() {
        let src = "（七）总计 26 x\n";
        let at = src.find("26").unwrap();
        let (text, marker) = snippet(src, &LineIndex::new(src), &(at..at + 2));
        assert_eq!(text, "（七）总计 26 x");
        // 5 wide characters (10 columns) and a space precede the cell.
        assert_eq!(marker, format!("{}^^", " ".repeat(11)));
    }

    #[test]
    fn long_lines_are_cut_around_the_range() {
        let src = format!("{}12345{}", "字".repeat(500), "后".repeat(500));
        let at = src.find("12345").unwrap();
        let (text, marker) = snippet(&src, &LineIndex::new(&src), &(at..at + 5));
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert_eq!(text.chars().filter(|&c| c == '字').count(), CONTEXT_BEFORE);
        assert_eq!(marker.trim_start().len(), 5);
        assert_eq!(marker.len() - 5, 1 + CONTEXT_BEFORE * 2);
    }

    #[test]
    fn github_commands_escape_properties() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn windows_paths_are_slashed_for_sarif_and_github() {
        assert_eq!(slashed_on(r"年报\2025\a.md", true), "年报/2025/a.md");
        assert_eq!(slashed_on(r"odd\name.md", false), r"odd\name.md");
        assert_eq!(slashed_on("a/b.md", true), "a/b.md");
    }
}
