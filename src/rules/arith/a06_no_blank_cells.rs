//! A06 no-blank-cells: 表格单元格空着或填了“/”“-”“—”“无”的，应填 0。
//!
//! 检查：表二、表三、表四中空白的单元格，以及只填了“/”“-”“—”“无”的单元格。每张表报告一次，位置在第
//! 一个这样的单元格，其余的列为相关位置。
//!
//! 原因：三张表的每个单元格都是数字，没有发生的事项应填 0。空白或横线无法与“漏填”区分，还会使该单元
//! 格所在的每个合计关系都无法核对（A01 至 A04 会跳过这些关系）。评估中也常把空白、“/”“-”“—”单元格列
//! 为问题。
//!
//! 依据：填报惯例。国家层面没有关于空白单元格的明文规定，各地报告普遍填 0，因此本规则为警告。
//!
//! 示例：某报告表三有 126 个单元格为空（`&nbsp;`） → “表三有 126 个单元格为空白或占位符（如
//! “/”“-”“—”“无”），应填 0；首个为 一、本年新收·科研机构”。
//!
//! 修改：把“/”“-”“—”“无”（或恰好占满单元格的 `&nbsp;`）替换为 `0`，标为不安全修复，因为空白也可能表
//! 示“不知道”而不是 0。完全空着的单元格没有可替换的文字（例如只有空白的 HTML 单元格、空的竖线表格单
//! 元格），不提供修改。
//!
//! ## English
//!
//! A06 no-blank-cells: A table cell left empty or filled with `/`, `-`, `—` or `无` should be 0.
//!
//! What: cells of tables 二, 三 and 四 that are empty or hold only `/`, `-`, `—` or `无`. One
//! finding per table, at the first such cell, with the others as related places.
//!
//! Why: every cell of the three tables is a number; a count that did not occur is 0. A blank or a
//! dash cannot be told apart from a value never filled in, and it leaves every sum the cell is part
//! of unchecked (rules A01–A04 skip such relations). Evaluators also flag blank, `/`, `-` and `—`
//! cells.
//!
//! Basis: practice. No national rule on blank cells is known and reports fill in 0, hence a
//! warning.
//!
//! Example: a report that leaves 126 cells of table 三 empty (`&nbsp;`) → "表三有 126
//! 个单元格为空白或占位符（如“/”“-”“—”“无”），应填 0；首个为 一、本年新收·科研机构".
//!
//! Fix (unsafe, since a blank may mean "not known" rather than 0): replace each placeholder `/`,
//! `-`, `—`, `无` (or an `&nbsp;` that is exactly the cell) by `0`. A cell that is simply empty (an
//! HTML cell holding only white space, an empty pipe cell) has no text to replace and gets no edit.

use super::super::prelude::*;
use super::{named_tables, related_cell};

pub const RULE: Rule = Rule {
    code: "A06",
    name: "no-blank-cells",
    severity: Severity::Warning,
    source: include_str!("a06_no_blank_cells.rs"),
    check,
};

/// Placeholder texts a fix may replace: the reader's blank forms, and an `&nbsp;` entity when
/// a cell's range is exactly that (an empty range has nothing to replace: inserting there
/// could land inside markup).
const PLACEHOLDERS: &[&str] = &[
    "/", "／", "-", "－", "—", "——", "–", "--", "—-", "\\", "无", "&nbsp;",
];

fn check(ctx: &Context, sink: &mut Sink) {
    for t in named_tables(ctx) {
        let mut blanks: Vec<(CellId, std::ops::Range<usize>)> = t
            .table
            .cells
            .iter()
            .filter(|(_, c)| c.value == CellValue::Blank)
            .map(|(&id, c)| (id, c.span.clone()))
            .collect();
        blanks.sort_by_key(|(_, span)| (span.start, span.end));
        let Some((first, span)) = blanks.first().cloned() else {
            continue;
        };
        let n = blanks.len();
        let d = sink.push(
            span,
            format!(
                "{}有 {n} 个单元格为空白或占位符（如“/”“-”“—”“无”），应填 0；首个为 {}",
                t.zh,
                first.name_zh()
            ),
            format!(
                "{} has {n} blank or placeholder cells (e.g. \"/\", \"-\", \"—\", \"无\") where 0 is expected; the first is {}",
                t.en,
                first.name_en()
            ),
        );
        d.related = blanks[1..]
            .iter()
            .filter_map(|&(id, _)| related_cell(ctx, id))
            .collect();
        let edits: Vec<Edit> = blanks
            .iter()
            .filter(|(_, s)| {
                ctx.src
                    .get(s.clone())
                    .is_some_and(|t| PLACEHOLDERS.contains(&t))
            })
            .map(|(_, s)| Edit {
                range: s.clone(),
                new_text: "0".into(),
            })
            .collect();
        if !edits.is_empty() {
            let m = edits.len();
            d.fix = Some(Fix {
                applicability: Applicability::Unsafe,
                title: Message::new(
                    format!("将 {m} 个占位符改为 0（空白也可能表示“不详”，请核对）"),
                    format!("Replace {m} placeholders by 0 (a blank may mean \"unknown\"; check)"),
                ),
                edits,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::arith::samples::{markdown, row, set_row};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
        assert!(run(&RULE, &markdown().1).is_empty());
    }

    #[test]
    fn placeholders_give_one_diagnostic_per_table_and_an_unsafe_fix() {
        let (stats, src) = markdown();
        // The zeros of two rows written as placeholders.
        let mut bad = src.clone();
        let mut placed = 0;
        for (r, ph) in [(3u8, "/"), (13, "—")] {
            let mut values = row(&stats, r);
            for v in values.iter_mut().filter(|v| *v == "0") {
                *v = ph.into();
                placed += 1;
            }
            bad = set_row(&bad, T3Row::R(r), &values);
        }
        assert!(placed > 1);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(
            d.message
                .zh
                .starts_with(&format!("表三有 {placed} 个单元格为空白或占位符")),
            "{}",
            d.message.zh
        );
        assert_eq!(&bad[d.range.clone()], "/");
        assert_eq!(d.related.len(), placed - 1);
        let fix = d.fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(fix.edits.len(), placed);
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src, "only the placeholders change");
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn empty_html_cells_are_reported_without_a_fix() {
        let html = "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>821</td><td>35</td><td>&nbsp;</td><td><o:p> </o:p></td><td>2</td><td>1</td><td>859</td></tr></table>";
        let diags = run(&RULE, html);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("表三有 2 个"));
        assert!(diags[0].fix.is_none());
        // A placeholder in a cell is replaced, and only the placeholder.
        let html = html.replace("<td>&nbsp;</td>", "<td>/</td>");
        let diags = run(&RULE, &html);
        assert_eq!(diags[0].fix.as_ref().unwrap().edits.len(), 1);
        let fixed = apply_fixes(&html, &diags);
        assert_eq!(fixed, html.replace("<td>/</td>", "<td>0</td>"));
    }
}
