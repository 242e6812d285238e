//! S06 table4-present: 报告有表四（政府信息公开行政复议、行政诉讼情况），共 15 个单元格。
//!
//! 检查：表四是否存在、是否有数值、数值是否为 15 个。找不到表或表中没有数值为错误；多于或少于 15 个
//! 数值为警告（可能是抓取网页时丢了空单元格，或表格被删减、扩充）。数值在但无法读取（数字连写）属于
//! 读取问题，不算缺表；标签缺失或损坏由 S07 报告。
//!
//! 原因：《条例》第五十条第（三）项要求报告因政府信息公开工作被申请行政复议、提起行政诉讼的情况，格
//! 式以表四呈现：三组（行政复议、未经复议直接起诉、复议后起诉），每组五项（结果维持、结果纠正、其他
//! 结果、尚未审结、总计）。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第（三）项；国办公开办函〔2021〕30号印发的年度报
//! 告格式，表四。
//!
//! 示例：表四只有表头 → “表四没有数值（应有 15 个）”。
//!
//! 修改：整张表缺失时，在第四部分标题之后插入格式规定的空表四（各标签及 15 个 0，每个单元格一行），
//! 仅限文本源文件；为不安全修复，数字须由填报单位填写。
//!
//! ## English
//!
//! S06 table4-present: Table 四 (政府信息公开行政复议、行政诉讼情况) is there, with its 15 cells.
//!
//! What: is table 四 there, does it have values, and are there 15 of them. No table, or a table
//! without values, is an error; fewer or more than 15 values is a warning (a scraper may have
//! dropped empty cells, or the table was cut down or extended). Values that are there but cannot be
//! read (digits run together) are the reader's concern, not a missing table; missing or damaged
//! labels are S07's.
//!
//! Why: Art. 50 (三) of the 条例 requires the report to give the 行政复议 and 行政诉讼 caused by
//! information disclosure; the format does so in table 四: three groups (行政复议,
//! 未经复议直接起诉, 复议后起诉) of five cells each (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第（三）项; the annual report format of
//! 国办公开办函〔2021〕30号, table 四.
//!
//! Example: a table 四 with the header only → "表四没有数值（应有 15 个）".
//!
//! Fix (unsafe: the numbers must come from the agency): when the whole table is missing, insert the
//! official empty table 四 (its labels and 15 zeros, one cell per line) after the section 四
//! heading, in text sources.

use super::super::prelude::*;
use super::{insert_after_heading, point_at, table_range, under_2019_regulation};
use crate::read::model::Reason;
use crate::read::split::RunError;

pub const RULE: Rule = Rule {
    code: "S06",
    name: "table4-present",
    severity: Severity::Error,
    source: include_str!("s06_table4_present.rs"),
    check,
};

/// The official table 四 with zeros, one cell per line with blank lines between.
fn empty_table() -> String {
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut cells = vec!["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"];
    for _ in 0..3 {
        cells.extend(outcomes);
    }
    cells.extend(["0"; 15]);
    cells.iter().map(|c| format!("{c}\n\n")).collect()
}

fn check(ctx: &Context, sink: &mut Sink) {
    if !under_2019_regulation(ctx) {
        return;
    }
    let Some(t4) = ctx.report.tables.t4.as_ref() else {
        let at = ctx
            .report
            .section(SectionKind::Review)
            .map_or(0..0, |s| s.heading.span.clone());
        let d = sink.push(
            at,
            "未找到表四“政府信息公开行政复议、行政诉讼情况”",
            "table 4 (administrative reconsideration and litigation) not found",
        );
        d.fix = insert_after_heading(
            ctx,
            SectionKind::Review,
            &empty_table(),
            Message::new(
                "插入官方空白表四（各项为 0，须填入实际数据）",
                "Insert the official empty table 4 (all 0; fill in the real numbers)",
            ),
        );
        return;
    };
    if t4.cells.len() == 15 {
        return;
    }
    let at = point_at(ctx, table_range(ctx, t4).start);
    // One reason stands for the whole table when its single run failed.
    let reasons: Vec<&Reason> = t4.unreadable.values().map(|u| &u.reason).collect();
    if !reasons.is_empty() && reasons.iter().all(|r| **r == Reason::NoValues) {
        sink.push(
            at,
            "表四没有数值（应有 15 个）",
            "table 4 has no values (it has 15 cells)",
        );
        return;
    }
    let count = reasons.iter().find_map(|r| match r {
        Reason::Run(RunError::TooFew { got, .. } | RunError::TooMany { got, .. }) => Some(*got),
        _ => None,
    });
    if let Some(got) = count {
        let d = sink.push(
            at,
            format!(
                "表四有 {got} 个数值，应有 15 个：可能是空单元格在提取时丢失（应填 0），或表格被删减、增加了栏目"
            ),
            format!(
                "table 4 has {got} values for 15 cells: empty cells may have been dropped (write 0), or the table was cut down or extended"
            ),
        );
        d.severity = Severity::Warning;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{cut, every_layout};
    use crate::rules::testing::{clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            assert!(run(&RULE, &src).is_empty(), "{layout:?}");
        }
    }

    #[test]
    fn missing_table() {
        let src = clean_report();
        let bad = cut(&src, "行政复议\n", "五、存在的主要问题");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("未找到表四"));
        assert_eq!(
            &bad[diags[0].range.clone()],
            "四、政府信息公开行政复议、行政诉讼情况"
        );
    }

    #[test]
    fn table_without_values_is_an_error() {
        let src = clean_report();
        let end = src.find("五、存在的主要问题").unwrap();
        let values_at = src[..end].rfind("\n总计\n\n").unwrap() + "\n总计\n\n".len();
        let bad = format!("{}{}", &src[..values_at], &src[end..]);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message.zh, "表四没有数值（应有 15 个）");
        assert_eq!(diags[0].severity, Severity::Error);
    }

    #[test]
    fn dropped_values_are_a_warning() {
        // Five empty cells dropped by a scraper: a warning that says so.
        let src = clean_report();
        let start = src.find("四、政府信息公开行政复议").unwrap();
        let end = src.find("五、存在的主要问题").unwrap();
        let mut lines: Vec<&str> = src[start..end].lines().collect();
        let last_value = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap();
        let values: Vec<usize> = (0..=last_value)
            .rev()
            .filter(|&i| lines[i].trim().parse::<u64>().is_ok())
            .take(5)
            .collect();
        for i in values {
            lines.remove(i);
        }
        let bad = format!("{}{}\n{}", &src[..start], lines.join("\n"), &src[end..]);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].severity, Severity::Warning);
        assert!(diags[0]
            .message
            .zh
            .starts_with("表四有 10 个数值，应有 15 个"));
    }

    #[test]
    fn missing_table_gets_the_official_empty_table() {
        crate::rules::structure::testing::assert_empty_table_fix(
            &RULE,
            "
行政复议
",
            "
五、存在的主要问题及改进情况",
            CellId::T4(T4Group::Review, T4Outcome::Total),
        );
    }
}
