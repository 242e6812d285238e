//! A07 t2-valid-vs-issued: 表二中“现行有效件数”少于“本年制发件数”。
//!
//! 检查：表二第二十条第（一）项的规章、行政规范性文件两行，现行有效件数是否少于本年制发件数。2019年
//! 格式的列（本年新制作数量、对外公开总数量）统计的是别的内容，不检查。
//!
//! 原因：当年制发的规章或行政规范性文件到年底一般仍然有效，所以现行有效件数通常不少于本年制发件数。
//! 只有当年制发又当年废止时才可能更少，这种情况很少见；更常见的是两列填反了，或者“现行有效件数”只统
//! 计了以前的文件。这是合理性提示，为警告。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表二第二十条第（一）项的三列。
//!
//! 示例：行政规范性文件一行为 `5 | 4 | 4` → “行政规范性文件：现行有效件数 4 少于本年制发件数 5”。
//!
//! 修改：不提供自动修复，两个数都可能是错的。
//!
//! ## English
//!
//! A07 t2-valid-vs-issued: Fewer documents in force (现行有效件数) than were made this year
//! (本年制发件数).
//!
//! What: the rows 规章 and 行政规范性文件 of table 二, 第二十条第（一）项: is 现行有效件数 below
//! 本年制发件数? The 2019 format's columns (本年新制作数量, 对外公开总数量) count other things and
//! are not checked.
//!
//! Why: a document made this year is normally still in force at the end of the year, so
//! 现行有效件数 is at least 本年制发件数. Fewer is possible only when documents made this year were
//! also repealed this year, which is rare; more often the columns were swapped, or 现行有效件数
//! counts only older documents. A plausibility warning.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, the three columns of table 二,
//! 第二十条第（一）项.
//!
//! Example: 行政规范性文件 `5 | 4 | 4` → "行政规范性文件：现行有效件数 4 少于本年制发件数 5".
//!
//! Fix: none; either number may be the wrong one.

use super::super::prelude::*;
use super::related_cell;

pub const RULE: Rule = Rule {
    code: "A07",
    name: "t2-valid-vs-issued",
    severity: Severity::Warning,
    source: include_str!("a07_t2_valid_vs_issued.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    if !ctx
        .report
        .tables
        .t2
        .as_ref()
        .is_some_and(|t| t.version == TableVersion::V2021)
    {
        return;
    }
    for row in [T2Row::Reg, T2Row::Norm] {
        let (made, valid) = (CellId::T2(row, T2Col::Made), CellId::T2(row, T2Col::Valid));
        let (Some(m), Some(v), Some(cell)) = (ctx.int(made), ctx.int(valid), ctx.cell(valid))
        else {
            continue;
        };
        if v >= m {
            continue;
        }
        let d = sink.push(
            cell.span.clone(),
            format!(
                "{}：现行有效件数 {v} 少于本年制发件数 {m}（仅当本年制发的文件又在本年废止时才可能），请核对",
                row.name_zh()
            ),
            format!(
                "{}: {v} in force is fewer than {m} made this year (possible only if documents made this year were also repealed this year); check",
                valid.name_en()
            ),
        );
        d.related.extend(related_cell(ctx, made));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    const HEAD: &str = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n";

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
        let src = format!("{HEAD}规章\n0\n0\n0\n行政规范性文件\n5\n1\n40\n");
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn fewer_in_force_than_made_is_reported() {
        // seeds/002.
        let src = format!("{HEAD}规章\n0\n0\n0\n行政规范性文件\n5\n4\n4\n");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(
            d.message
                .zh
                .starts_with("行政规范性文件：现行有效件数 4 少于本年制发件数 5"),
            "{}",
            d.message.zh
        );
        assert_eq!(d.range.start, src.rfind('4').unwrap());
        assert_eq!(d.related.len(), 1);
        assert!(d.fix.is_none());
    }
}
