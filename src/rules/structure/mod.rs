//! Rules of the structure family (S): the six sections, their headings and numbering, the
//! presence and template labels of tables 二–四, and what Art. 50 requires of the narrative.
//! One file per rule; one line per rule below. Helpers shared by several rules follow.

use std::ops::Range;

use super::prelude::*;
use super::Rule;
use crate::read::canon::{key_of, key_string, nfkc_of};
use crate::read::model::{Heading, SourceKind, Table};
pub(crate) use s04_table2_present::t2_keyed;

mod s01_sections_present;
mod s02_section_heading_exact;
pub(crate) mod s03_section_numbering;
mod s04_table2_present;
mod s05_table3_present;
mod s06_table4_present;
mod s07_table_unmodified;
mod s09_gov_assessment_results;
mod s10_section5_both_parts;
mod s11_section6_fee_statement;

pub const RULES: &[Rule] = &[
    s01_sections_present::RULE,
    s02_section_heading_exact::RULE,
    s03_section_numbering::RULE,
    s04_table2_present::RULE,
    s05_table3_present::RULE,
    s06_table4_present::RULE,
    s07_table_unmodified::RULE,
    s09_gov_assessment_results::RULE,
    s10_section5_both_parts::RULE,
    s11_section6_fee_statement::RULE,
];

/// Chinese numerals 一 … 十, for section numbers 1 … 10.
pub(crate) const NUMERALS: [char; 10] =
    ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

pub(crate) fn numeral(n: u8) -> char {
    NUMERALS[(n as usize).clamp(1, 10) - 1]
}

/// Whether Art. 50 of the 2019 条例 governs the report: a report for 2019 or later, or of
/// unknown year. The 2007 regulation listed other items (spec §2.2).
pub(crate) fn under_2019_regulation(ctx: &Context) -> bool {
    ctx.report
        .meta
        .year
        .as_ref()
        .is_none_or(|y| y.value >= 2019)
}

/// The official heading text without its numeral: `存在的主要问题及改进情况`.
pub(crate) fn official_title(kind: SectionKind) -> &'static str {
    let h = kind.official_heading();
    h.split_once('、').map_or(h, |(_, t)| t)
}

/// A range of [`Context::text`] for a source range.
pub(crate) fn text_range(ctx: &Context, src: &Range<usize>) -> Range<usize> {
    let v = &ctx.report.view;
    v.view_offset(src.start)..v.view_offset(src.end)
}

/// A heading as it reads (tags of an HTML source removed).
pub(crate) fn heading_text(ctx: &Context, h: &Heading) -> String {
    ctx.text()[text_range(ctx, &h.span)].trim().to_string()
}

/// The text of a section after its heading, as a range of [`Context::text`].
pub(crate) fn section_body(ctx: &Context, kind: SectionKind) -> Option<Range<usize>> {
    let s = ctx.report.section(kind)?;
    let all = ctx.section_text_range(kind)?;
    Some(text_range(ctx, &s.heading.span).end.min(all.end)..all.end)
}

/// The text range of a table: from its first label to its last value. The reader's span
/// runs on to the next heading (narrative after the table, when a heading is missing), and
/// table 四's starts with the section heading, whose words "行政复议" are no evidence of the
/// table.
pub(crate) fn table_range(ctx: &Context, t: &Table) -> Range<usize> {
    let r = text_range(ctx, &t.span);
    let start = ctx
        .report
        .sections
        .iter()
        .map(|s| text_range(ctx, &s.heading.span))
        .find(|h| h.start == r.start)
        .map_or(r.start, |h| h.end.min(r.end));
    let last_value = t
        .cells
        .values()
        .map(|c| c.span.end)
        .chain(
            t.unreadable
                .values()
                .filter_map(|u| Some(u.span.as_ref()?.end)),
        )
        .max();
    let end = last_value.map_or(r.end, |e| {
        ctx.report.view.view_offset(e).clamp(start, r.end)
    });
    start..end
}

/// Whether a source range can be edited as text: always in plain text; in HTML only when it
/// holds no markup or entity, so that a fix never cuts through a tag.
pub(crate) fn editable(ctx: &Context, src: &Range<usize>) -> bool {
    ctx.report.source == SourceKind::Text
        || ctx
            .src
            .get(src.clone())
            .is_some_and(|s| !s.contains(['<', '>', '&']))
}

/// A short source range at a text position for a diagnostic, white space and pipes skipped:
/// the rest of its line, at most 20 characters (a one-line layout would otherwise underline
/// the whole report).
pub(crate) fn point_at(ctx: &Context, pos: usize) -> Range<usize> {
    let text = ctx.text();
    let pos = pos.min(text.len());
    let pos = text.len()
        - text[pos..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == '|')
            .len();
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let end = text[pos..line_end]
        .char_indices()
        .nth(20)
        .map_or(line_end, |(i, _)| pos + i);
    let trimmed = pos + text[pos..end].trim_end().len();
    ctx.source_range(pos..trimmed.max(pos))
}

/// Where to insert a line before the text at `pos`: the start of its line when only markup
/// or an opening bracket precedes it there ("（本列数据…", "| 规章"); else `pos` itself (a
/// one-line layout), after stepping back over an opening bracket.
pub(crate) fn line_start_before(text: &str, pos: usize) -> usize {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[start..pos];
    if !prefix.chars().any(is_han) && prefix.chars().count() <= 4 {
        start
    } else {
        pos - (prefix.len() - prefix.trim_end_matches(['（', '(']).len())
    }
}

/// A CJK ideograph.
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The label keys of a stretch of [`Context::text`] ([`crate::read::canon`]: no white space, quotes
/// or pipes; one separator for `、,.，`), each with its text range. Labels are searched here so
/// that line breaks, spaces and punctuation width inside a label do not matter.
pub(crate) struct Keyed {
    keys: Vec<char>,
    spans: Vec<Range<usize>>,
}

impl Keyed {
    pub fn new(text: &str, range: Range<usize>) -> Keyed {
        // `canonicalize` without its intermediate vectors: this runs over whole tables, several
        // times per check.
        let part = &text[range.clone()];
        let mut keys = Vec::with_capacity(part.len() / 3);
        let mut spans = Vec::with_capacity(part.len() / 3);
        for (i, ch) in part.char_indices() {
            let span = range.start + i..range.start + i + ch.len_utf8();
            nfkc_of(ch, |n| {
                if let Some(k) = key_of(n) {
                    keys.push(k);
                    spans.push(span.clone());
                }
            });
        }
        Keyed { keys, spans }
    }

    pub fn keys(&self) -> &[char] {
        &self.keys
    }

    /// The keys of a part of the range: what [`Keyed::new`] gives for `range` when it lies
    /// within this one's, as every character's keys carry its span.
    pub fn within(&self, range: Range<usize>) -> Keyed {
        let from = self.spans.partition_point(|s| s.start < range.start);
        let to = self.spans.partition_point(|s| s.end <= range.end).max(from);
        Keyed {
            keys: self.keys[from..to].to_vec(),
            spans: self.spans[from..to].to_vec(),
        }
    }

    /// These keys and then `next`'s: [`Keyed::new`] of the two ranges joined, when `next`'s
    /// starts where this one's ends.
    pub fn followed_by(mut self, next: &Keyed) -> Keyed {
        self.keys.extend_from_slice(&next.keys);
        self.spans.extend_from_slice(&next.spans);
        self
    }

    /// The key index of the first occurrence of `key`.
    pub fn first(&self, key: &[char]) -> Option<usize> {
        self.first_from(key, 0)
    }

    /// The text range of `len` keys from key index `i`.
    pub fn range(&self, i: usize, len: usize) -> Range<usize> {
        self.spans[i].start..self.spans[i + len.max(1) - 1].end
    }

    /// The text range of the first occurrence of a label.
    pub fn find(&self, label: &str) -> Option<Range<usize>> {
        let key: Vec<char> = key_string(label).chars().collect();
        let i = self.first(&key)?;
        Some(self.range(i, key.len()))
    }

    /// Whether all of a label's text is present: in one piece, or in pieces of two or more
    /// characters anywhere (PDF extraction scatters a wrapped row label among its neighbours'
    /// cells, real/010). A lone character is no evidence: `数` is everywhere.
    pub fn holds(&self, key: &[char]) -> bool {
        // ok[i]: key[i..] splits into pieces that are all present.
        let n = key.len();
        let mut ok = vec![false; n + 1];
        ok[n] = true;
        for i in (0..n).rev() {
            ok[i] = (2..=n - i).any(|l| ok[i + l] && self.first(&key[i..i + l]).is_some());
        }
        ok[0]
    }

    /// Like [`Keyed::holds`], with the pieces in reading order: the cells of a header row
    /// extracted line by line ("结果结果其他尚未 … 维持纠正结果审结", real/009). A cut label
    /// ("现行有效件") is not completed by a "件数" that stands before it.
    pub fn holds_in_order(&self, key: &[char]) -> bool {
        // end[i]: the earliest key index after a cover of key[..i] in order; earliest is best.
        let n = key.len();
        let mut end: Vec<Option<usize>> = vec![None; n + 1];
        end[0] = Some(0);
        for i in 2..=n {
            end[i] = (2..=i)
                .filter_map(|l| {
                    let from = end[i - l]?;
                    Some(self.first_from(&key[i - l..i], from)? + l)
                })
                .min();
        }
        end[n].is_some()
    }

    /// The key index of the first occurrence of `key` at or after key index `from`.
    fn first_from(&self, key: &[char], from: usize) -> Option<usize> {
        let (&head, rest) = key.split_first()?;
        let last_start = self.keys.len().checked_sub(key.len())?;
        // The first key compared alone: most positions fail there, without a slice compare.
        (from..=last_start)
            .find(|&i| self.keys[i] == head && self.keys[i + 1..i + key.len()] == *rest)
    }
}

/// How a table-三 row label stands in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LabelState {
    /// Found whole (possibly over several lines).
    Whole,
    /// Recognised only from a cut or damaged text, and its missing part is not nearby: the
    /// label is incomplete, in the report or through extraction. The source range of what
    /// was found.
    Damaged(Range<usize>),
    /// Not recognised, but its text is in the table in pieces (PDF extraction interleaved it
    /// with a neighbouring cell, as "（四）无2.没有现成信息需要另 / 法提供行制作" in real/009).
    Scattered,
    Missing,
}

/// The state of a table-三 row label.
pub(crate) fn t3_label_state(ctx: &Context, row: T3Row) -> LabelState {
    let Some(t3) = ctx.report.tables.t3.as_ref() else {
        return LabelState::Missing;
    };
    // Most labels are found whole: the official key and the table's range are computed only
    // for the others (this runs for every row, in two rules).
    let official = || -> Vec<char> {
        key_string(crate::read::labels::t3_row_text(row))
            .chars()
            .collect()
    };
    let text = ctx.text();
    match ctx.report.tables.t3_rows.get(&row) {
        Some(l) if !l.partial => LabelState::Whole,
        Some(l) => {
            let official = official();
            let region = table_range(ctx, t3);
            // A label cut by a line break whose rest follows (after junk from neighbouring
            // cells, or in pieces) is complete; only a text that differs is damaged.
            let found = text_range(ctx, &l.span);
            let got: Vec<char> = Keyed::new(text, found.clone()).keys().to_vec();
            // The rest of a wrapped label follows within a few lines (~300 characters).
            let end = floor_char(text, region.end.clamp(found.end, found.end + 900));
            let rest = Keyed::new(text, found.end..end);
            let complete = official.starts_with(&got) && {
                let missing = &official[got.len()..];
                rest.keys().starts_with(missing) || rest.holds(missing)
            };
            if complete {
                LabelState::Whole
            } else {
                LabelState::Damaged(l.span.clone())
            }
        }
        None => {
            // The enumerator and the first words must stand together ("2.没有"), the rest may
            // be in pieces; "3.其他" must be whole (其他 alone is a column header).
            let Some(keyed) = ctx.t3_keyed() else {
                return LabelState::Missing;
            };
            let official = official();
            let head = official.len().min(4);
            let start = keyed.first(&official[..head]);
            if start.is_some() && keyed.holds(&official[head..]) {
                LabelState::Scattered
            } else {
                LabelState::Missing
            }
        }
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An unsafe fix inserting `table` (an official empty table, one cell per line) after the
/// heading of `section`: on the next line, or right after the heading when text follows it on
/// its line. Only in text sources, only when the heading is there and editable, and only when
/// the reader finds the section's table in the text with the insertion made: otherwise (a
/// damaged table or misplaced headings around it, found by fuzzing) `fix --unsafe` would insert
/// the same table on every pass and never converge.
pub(super) fn insert_after_heading(
    ctx: &Context,
    section: SectionKind,
    table: &str,
    title: Message,
) -> Option<Fix> {
    let h = &ctx.report.section(section)?.heading;
    if ctx.report.source != crate::read::model::SourceKind::Text || !editable(ctx, &h.span) {
        return None;
    }
    let text = ctx.text();
    let end = text_range(ctx, &h.span).end;
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let (at, lead) = if text[end..line_end].trim().is_empty() {
        ((line_end + 1).min(text.len()), "")
    } else {
        (end, "\n")
    };
    let lead = if at == text.len() && !text.ends_with('\n') {
        "\n"
    } else {
        lead
    };
    let new_text = format!("{lead}{table}");
    let mut fixed = text.to_string();
    fixed.insert_str(at, &new_text);
    let tables = crate::read::reader::read(&fixed).tables;
    let found = match section {
        SectionKind::Active => tables.t2.is_some(),
        SectionKind::Requests => tables.t3.is_some(),
        SectionKind::Review => tables.t4.is_some(),
        _ => true,
    };
    if !found {
        return None;
    }
    Some(Fix {
        applicability: Applicability::Unsafe,
        title,
        edits: vec![Edit {
            range: at..at,
            new_text,
        }],
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Mutations of the clean report shared by the structure tests.

    use crate::sample::{Layout, Stats};

    /// A clean report in every layout.
    pub fn every_layout() -> impl Iterator<Item = (Layout, String)> {
        Layout::ALL
            .into_iter()
            .map(|l| (l, Stats::generate(3).render(l)))
    }

    /// Cuts a table out of a clean report (`from` up to `to`) and asserts that `rule` reports
    /// it with an unsafe fix inserting the official empty table, which then reads `cell` as 0.
    pub fn assert_empty_table_fix(
        rule: &crate::rules::Rule,
        from: &str,
        to: &str,
        cell: crate::read::cells::CellId,
    ) {
        use crate::rules::prelude::{Applicability, CellValue};
        use crate::rules::testing::{apply_fixes, clean_report, run};
        let bad = cut(&clean_report(), from, to);
        assert!(
            crate::read::reader::read(&bad).cell_state(cell)
                != crate::read::reader::read(&clean_report()).cell_state(cell)
        );
        let diags = run(rule, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let fix = diags[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        let fixed = apply_fixes(&bad, &diags);
        assert!(run(rule, &fixed).is_empty());
        let report = crate::read::reader::read(&fixed);
        match report.cell_state(cell) {
            crate::read::model::CellState::Value(c) => {
                assert_eq!(c.value, CellValue::Number("0".into()))
            }
            other => panic!("{cell}: {other:?}"),
        }
    }

    /// Removes the first line equal to `line` (and its line break).
    pub fn drop_line(src: &str, line: &str) -> String {
        let at = src
            .find(&format!("{line}\n"))
            .unwrap_or_else(|| panic!("no line {line}"));
        format!("{}{}", &src[..at], &src[at + line.len() + 1..])
    }

    /// Replaces the first occurrence of `from`.
    pub fn replace_once(src: &str, from: &str, to: &str) -> String {
        assert!(src.contains(from), "no {from}");
        src.replacen(from, to, 1)
    }

    /// The text between two markers (the first included, the second not) removed.
    pub fn cut(src: &str, from: &str, to: &str) -> String {
        let a = src.find(from).unwrap_or_else(|| panic!("no {from}"));
        let b = a + src[a..].find(to).unwrap_or_else(|| panic!("no {to}"));
        format!("{}{}", &src[..a], &src[b..])
    }
}

#[cfg(test)]
mod keyed_tests {
    use super::Keyed;

    /// Char boundaries of `text` spread over it, with the ends.
    fn cuts(text: &str, n: usize) -> Vec<usize> {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let step = (bounds.len() / n).max(1);
        bounds
            .iter()
            .copied()
            .step_by(step)
            .chain([text.len()])
            .collect()
    }

    #[test]
    fn parts_and_joins_are_the_keys_of_their_ranges() {
        let mut texts = crate::read::meta::tests::sample_texts();
        texts.push("（一）㈠ 自 然 人、“三安全”\u{3000}ｆｉ\u{FB01}é".to_string());
        let mut compared = 0;
        for text in &texts {
            let whole = Keyed::new(text, 0..text.len());
            let cuts = cuts(text, 12);
            for (k, &a) in cuts.iter().enumerate() {
                for &b in &cuts[k..] {
                    let want = Keyed::new(text, a..b);
                    let got = whole.within(a..b);
                    assert_eq!((&got.keys, &got.spans), (&want.keys, &want.spans));
                    let joined = Keyed::new(text, 0..a).followed_by(&Keyed::new(text, a..b));
                    let want = Keyed::new(text, 0..b);
                    assert_eq!((&joined.keys, &joined.spans), (&want.keys, &want.spans));
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}
