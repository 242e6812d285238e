//! Diagnostics and fixes, as byte ranges into the source. Faces convert positions at the edge.

use std::ops::Range;

/// How serious a finding is (spec §0: E contradicts a statute or the format text, W is a
/// strong convention or plausibility, I is informational).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" | "E" => Some(Severity::Error),
            "warning" | "warn" | "W" => Some(Severity::Warning),
            "info" | "I" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A text in the users' language and in English.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Zh => &self.zh,
            crate::lang::Lang::En => &self.en,
        }
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Restores what the format or the arithmetic requires, and nothing else can be meant.
    Safe,
    /// Probably right, but the text may be right and something else wrong (e.g. a total when
    /// the balance of the same column also fails).
    Unsafe,
}

/// Replace `range` of the source by `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub title: Message,
    pub edits: Vec<Edit>,
}

/// Another place that takes part in a finding (the other cells of a broken relation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: Message,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: Message,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
    /// The codes of other rules this one finding stands for (one wrong cell that breaks an
    /// A01 row and an A02 column is one finding, of the first code): where a suppression
    /// hides `code`, the finding is shown under the first of these it does not hide.
    pub also: Vec<&'static str>,
}

/// Sorts diagnostics in source order (start, end, code): the order every face shows them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
}

/// Applies edits to a text; overlapping edits after the first are skipped. Returns the new
/// text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let kept = applicable_edits(text, edits);
    (apply_sorted(text, &kept), kept.len())
}

/// The edits [`apply_edits`] applies, in source order.
pub fn applicable_edits<'e>(text: &str, edits: &'e [Edit]) -> Vec<&'e Edit> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut kept: Vec<&Edit> = Vec::new();
    for e in sorted {
        let valid = e.range.start <= e.range.end
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end);
        let overlaps = kept.last().is_some_and(|k| {
            k.range.end > e.range.start || (k.range == e.range && k.range.is_empty())
        });
        if valid && !overlaps {
            kept.push(e);
        }
    }
    kept
}

/// The text with sorted, non-overlapping edits applied, built front to back: the cost is the
/// length of the text plus that of the edits, however many edits there are.
fn apply_sorted(text: &str, kept: &[&Edit]) -> String {
    let grown: usize = kept.iter().map(|e| e.new_text.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut at = 0;
    for e in kept {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_from_the_end_and_skip_overlaps() {
        let edits = [
            Edit {
                range: 0..1,
                new_text: "X".into(),
            },
            Edit {
                range: 4..6,
                new_text: "yy".into(),
            },
            Edit {
                range: 5..7,
                new_text: "zz".into(),
            },
        ];
        assert_eq!(
            apply_edits("abcdefg", &edits),
            ("XbcdyygZ".replace('Z', ""), 2)
        );
    }

    #[test]
    fn edits_off_char_boundaries_are_skipped() {
        let e = [Edit {
            range: 1..2,
            new_text: "x".into(),
        }];
        assert_eq!(apply_edits("总计", &e), ("总计".to_string(), 0));
    }
}
