//! A05 nonneg-int: 表中的件数都是不小于 0 的整数，收费金额是不小于 0 的数。
//!
//! 检查：表二、表三、表四的每一个数。例外：表二的“本年收费金额（单位：万元）”是金额，可以有小数；
//! 2019年格式的“本年增/减”是增减数，可以为负（但须为整数）。前导零（如 `05`）仍是整数，不报告。
//!
//! 原因：表中各单元格统计的是文件、决定、申请或案件的件数，不可能是负数或小数。
//!
//! 依据：表格本身的含义（件数只能是非负整数）。
//!
//! 示例：“（一）予以公开”商业企业一栏写成 `-3` → “表三 （一）予以公开·商业企业 为 -3，不能为负数”；
//! 写成 `1.5` → “……为 1.5，不是整数”；收费金额写成 `-2.5` → “……不是非负数”。
//!
//! 修改：不提供自动修复，正确的数字只有填报单位知道。
//!
//! ## English
//!
//! A05 nonneg-int: Every count is a whole number of at least 0, and the fee a non-negative amount.
//!
//! What: every number of tables 二, 三 and 四. The exceptions: the fee of table 二
//! (本年收费金额（单位：万元）) is an amount of money and may have decimals, and the 2019 format's
//! 本年增/减 cells are signed changes (whole numbers that may be negative). A leading zero (`05`)
//! is still a whole number and is not reported.
//!
//! Why: the cells count documents, decisions, applications or cases, which can be neither negative
//! nor fractional.
//!
//! Basis: what the tables count (a count is a non-negative whole number).
//!
//! Example: `（一）予以公开` 商业企业 written `-3` → "表三 （一）予以公开·商业企业 为
//! -3，不能为负数"; `1.5` → "…为 1.5，不是整数"; a fee of `-2.5` → "…不是非负数".
//!
//! Fix: none; only the issuer knows the right number.

use super::super::prelude::*;
use super::named_tables;
use crate::read::cells::ValueKind;

pub const RULE: Rule = Rule {
    code: "A05",
    name: "nonneg-int",
    severity: Severity::Error,
    source: include_str!("a05_nonneg_int.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for t in named_tables(ctx) {
        for (&id, cell) in &t.table.cells {
            let CellValue::Number(text) = &cell.value else {
                continue;
            };
            let Some((zh, en)) = problem(id.kind(), text) else {
                continue;
            };
            sink.push(
                cell.span.clone(),
                format!("{} {} 为 {text}，{zh}", t.zh, id.name_zh()),
                format!("{} {} is {text}: {en}", t.en, id.name_en()),
            );
        }
    }
}

/// What is wrong with a cell's text for its kind, if anything.
fn problem(kind: ValueKind, text: &str) -> Option<(&'static str, &'static str)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-') && unsigned.bytes().any(|b| matches!(b, b'1'..=b'9'));
    // A non-negative decimal, e.g. `88.78248`.
    let decimal = |s: &str| match s.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(s),
    };
    match kind {
        ValueKind::Count if !digits(unsigned) => Some(("不是整数", "not a whole number")),
        ValueKind::Count if negative => Some(("不能为负数", "a count cannot be negative")),
        ValueKind::Signed if !digits(unsigned) => Some(("不是整数", "not a whole number")),
        ValueKind::Decimal if !decimal(text) => Some(("不是非负数", "not a non-negative number")),
        ValueKind::Money
            if !decimal(
                text.strip_suffix("万元")
                    .or_else(|| text.strip_suffix('元'))
                    .unwrap_or(text),
            ) =>
        {
            Some(("不是非负金额", "not a non-negative amount"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::arith::samples::{markdown, row, set_row};
    use crate::rules::testing::{clean_report, run};

    #[test]
    fn silent_on_a_clean_report() {
        assert!(run(&RULE, &clean_report()).is_empty());
    }

    #[test]
    fn negative_and_fractional_counts_are_reported() {
        let (stats, src) = markdown();
        let mut r03 = row(&stats, 3);
        r03[1] = "-3".into();
        r03[2] = "1.5".into();
        r03[3] = "05".into(); // a leading zero is still a whole number
        let bad = set_row(&src, T3Row::R(3), &r03);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(
            diags[0].message.zh,
            "表三 （一）予以公开·商业企业 为 -3，不能为负数"
        );
        assert_eq!(&bad[diags[0].range.clone()], "-3");
        assert_eq!(
            diags[1].message.zh,
            "表三 （一）予以公开·科研机构 为 1.5，不是整数"
        );
    }

    #[test]
    fn fee_is_a_non_negative_amount() {
        let src = "二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n";
        // (A unit in the cell, `12元`, leaves it unreadable: rule R01.)
        for (fee, bad) in [("88.78248", false), ("0", false), ("-2.5", true)] {
            let diags = run(&RULE, &format!("{src}{fee}\n"));
            assert_eq!(diags.len(), bad as usize, "{fee}: {diags:?}");
        }
    }

    #[test]
    fn signed_changes_of_the_2019_format_may_be_negative() {
        let src = "二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\n上一年项目数量\n本年增/减\n行政事业性收费\n35\n-15\n";
        let report = crate::read::reader::read(src);
        assert_eq!(report.format, Format::V2019);
        assert!(run(&RULE, src).is_empty());
        let diags = run(&RULE, &src.replace("35", "-35"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("上一年项目数量 为 -35"));
    }
}
