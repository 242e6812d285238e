//! S07 table-unmodified: 表格保持格式规定的标签、行和列。
//!
//! 检查（2021年格式）：
//! - 表二：“行政规范性文件”一行（不是2019年的“规范性文件”），各列标签完整（不是截断的“现行有效件”），
//!   各行存在时四个部分标题“第二十条第（N）项”也在；
//! - 表三：每一行标签完整，有说明“（本列数据的勾稽关系为：……）”，分组行（三）至（六）没有数字（格式
//!   中这些行没有数字，有数字就是加了小计）；
//! - 表四：三个分组标签（行政复议、未经复议直接起诉、复议后起诉）和五个结果标签；
//! - 各表都没有增加“小计”“合计”行或列（如“法人或其他组织小计”）。
//!
//! PDF 提取时折行或与相邻单元格交错的标签，只要文字齐全就不算改动；文字被截断或损坏的标签报告为“标
//! 签不完整或被提取损坏”（问题可能在来源而不在报告）。2019年格式表格的标签归 F01 处理。
//!
//! 原因：条例要求年度报告使用统一格式，评估中对“未按照要素撰写”的报告扣分；增删改动行列也会使表格无
//! 法与其他报告比较。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第二款（“全国政府信息公开工作主管部门应当公布政
//! 府信息公开工作年度报告统一格式”）；国办公开办函〔2021〕30号印发的年度报告格式中的表格。
//!
//! 示例：2021年格式的表二中有“规范性文件 | 13 | 0 | 55” → “表二行标签为“规范性文件”（2019年试行格式
//! 的写法），2021年格式为“行政规范性文件””。
//!
//! 修改：把“规范性文件”改为“行政规范性文件”，补全被截断的表二列标签（安全修复）。其他改动不提供自动
//! 修复。
//!
//! ## English
//!
//! S07 table-unmodified: The tables keep the template's labels, rows and columns.
//!
//! What (2021 template):
//! - table 二: the row 行政规范性文件 (not the 2019 label 规范性文件), complete column labels (not
//!   a truncated "现行有效件"), the four block titles 第二十条第（N）项 when their rows are there;
//! - table 三: every row label complete, the note "（本列数据的勾稽关系为：…）", no numbers in the
//!   group rows （三）…（六） (they carry none; numbers there are added subtotals);
//! - table 四: its three group labels (行政复议, 未经复议直接起诉, 复议后起诉) and five outcome
//!   labels;
//! - no added 小计 / 合计 rows or columns (法人或其他组织小计) in any table.
//!
//! A label broken over lines or interleaved with a neighbouring cell by PDF extraction is not a
//! change when all of its text is there; a label whose text is cut or damaged is reported as
//! "标签不完整或被提取损坏" (the source may be at fault, not the report). The labels of a 2019
//! table are F01's concern.
//!
//! Why: the 条例 gives the reports a 统一格式, and evaluators deduct for reports "未按照要素撰写";
//! added or changed rows and columns also make a table incomparable with other reports'.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第二款
//! ("全国政府信息公开工作主管部门应当公布政府信息公开工作年度报告统一格式"); the tables of the
//! annual report format of 国办公开办函〔2021〕30号.
//!
//! Example: "规范性文件 | 13 | 0 | 55" in a 2021 table 二 →
//! "表二行标签为“规范性文件”（2019年试行格式的写法），2021年格式为“行政规范性文件”".
//!
//! Fix (safe): rename 规范性文件 to 行政规范性文件; complete a truncated table-二 column label.
//! Other changes get no fix.

use std::ops::Range;

use super::super::prelude::*;
use super::s04_table2_present::{block_label, blocks};
use super::{editable, point_at, section_body, t3_label_state, table_range, Keyed, LabelState};
use crate::read::canon::key_string;
use crate::read::labels::t3_row_text;

pub const RULE: Rule = Rule {
    code: "S07",
    name: "table-unmodified",
    severity: Severity::Warning,
    source: include_str!("s07_table_unmodified.rs"),
    check,
};

const T2_COLUMNS: [&str; 5] = [
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额（单位：万元）",
];

const T4_GROUPS: [&str; 3] = ["行政复议", "未经复议直接起诉", "复议后起诉"];
const T4_OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

fn check(ctx: &Context, sink: &mut Sink) {
    let tables = &ctx.report.tables;
    if tables
        .t2
        .as_ref()
        .is_some_and(|t| t.version == TableVersion::V2021)
    {
        table2(ctx, sink);
    }
    // Each table's labels, canonicalised once for the checks below; table 二's are part of
    // those of its section, already canonicalised.
    let t2 = tables.t2.as_ref().map(|t| {
        let range = table_range(ctx, t);
        match ctx.t2_keyed() {
            Some(k) => k.within(range),
            None => Keyed::new(ctx.text(), range),
        }
    });
    let t4 = tables
        .t4
        .as_ref()
        .map(|t| Keyed::new(ctx.text(), table_range(ctx, t)));
    let keyed = [t2.as_ref(), ctx.t3_keyed(), t4.as_ref()];
    if let (Some(t3), Some(k)) = (tables.t3.as_ref(), keyed[1]) {
        table3(ctx, sink, t3.version, k);
    }
    if let Some(k) = keyed[2] {
        table4(ctx, sink, k);
    }
    for (name, keyed) in ["二", "三", "四"].into_iter().zip(keyed) {
        let Some(keyed) = keyed else { continue };
        for word in ["小计", "合计"] {
            let key: Vec<char> = word.chars().collect();
            if let Some(i) = keyed.first(&key) {
                sink.push(
                    ctx.source_range(keyed.range(i, 2)),
                    format!("表{name}增加了“{word}”行或列，模板中没有该栏目"),
                    format!("table {name} has an added {word} (subtotal) row or column, not in the template"),
                );
            }
        }
    }
}

fn table2(ctx: &Context, sink: &mut Sink) {
    let t2 = ctx.report.tables.t2.as_ref().expect("checked");
    if let Some(l) = ctx.report.tables.t2_rows.get(&T2Row::Norm) {
        let written = key_string(&ctx.text()[super::text_range(ctx, &l.span)]);
        if written == "规范性文件" {
            let d = sink.push(
                l.span.clone(),
                "表二行标签为“规范性文件”（2019年试行格式的写法），2021年格式为“行政规范性文件”",
                "table 2 row label 规范性文件 (the 2019 trial wording); the 2021 template says 行政规范性文件",
            );
            if editable(ctx, &l.span) {
                d.fix = Some(Fix {
                    applicability: Applicability::Safe,
                    title: Message::new("改为“行政规范性文件”", "Rename to 行政规范性文件"),
                    edits: vec![Edit {
                        range: l.span.clone(),
                        new_text: "行政规范性文件".into(),
                    }],
                });
            }
        }
    }
    let keyed = ctx.t2_keyed().expect("table 二 is there");
    for label in T2_COLUMNS {
        let key: Vec<char> = key_string(label).chars().collect();
        if keyed.holds_in_order(&key) {
            continue;
        }
        // The longest prefix of four or more characters that is there: a cut label.
        let Some((i, len)) = (4..key.len())
            .rev()
            .find_map(|l| keyed.first(&key[..l]).map(|i| (i, l)))
        else {
            continue;
        };
        let range = ctx.source_range(keyed.range(i, len));
        let written: String = label.chars().take(len).collect();
        let rest: String = label.chars().skip(len).collect();
        let d = sink.push(
            range.clone(),
            format!("表二列标签“{written}”不完整，应为“{label}”"),
            format!("table 2 column label \"{written}\" is cut; the template says \"{label}\""),
        );
        if editable(ctx, &range) {
            d.fix = Some(Fix {
                applicability: Applicability::Safe,
                title: Message::new(
                    format!("补全为“{label}”"),
                    format!("Complete to \"{label}\""),
                ),
                edits: vec![Edit {
                    range: range.end..range.end,
                    new_text: rest,
                }],
            });
        }
    }
    // A block whose rows are there but whose title is not.
    let found = &ctx.report.tables.t2_rows;
    for (n, rows) in blocks(t2.version) {
        if keyed.find(&block_label(n)).is_some() {
            continue;
        }
        if let Some(first) = rows.iter().find_map(|r| found.get(r)) {
            sink.push(
                first.span.clone(),
                format!("表二缺少分块标题“{}”", block_label(n)),
                format!("table 2 lacks the block title of Art. 20 item {n}"),
            );
        }
    }
}

/// A label of table 三 written with its ordinal doubled (`三三、本年度办理结果`): the reader
/// takes it for the label; the slip is reported here, with a safe fix deleting the copy. Row
/// labels so written are already reported as damaged (below).
fn doubled_ordinals(ctx: &Context, sink: &mut Sink, keyed: &Keyed) {
    for n in super::NUMERALS {
        let key = [n, n, crate::read::canon::SEP];
        let Some(i) = keyed.first(&key) else {
            continue;
        };
        let range = ctx.source_range(keyed.range(i, 1));
        let is_row = ctx
            .report
            .tables
            .t3_rows
            .values()
            .any(|l| l.span.start == range.start);
        if is_row {
            continue;
        }
        let d = sink.push(
            ctx.source_range(keyed.range(i, 3)),
            format!("表三标签的序号“{n}”重复写了两次"),
            format!("a table 3 label has its ordinal {n} written twice"),
        );
        if editable(ctx, &range) {
            d.fix = Some(Fix {
                applicability: Applicability::Safe,
                title: Message::new(
                    format!("删除重复的“{n}”"),
                    format!("Delete the repeated {n}"),
                ),
                edits: vec![Edit {
                    range,
                    new_text: String::new(),
                }],
            });
        }
    }
}

fn table3(ctx: &Context, sink: &mut Sink, version: TableVersion, keyed: &Keyed) {
    let t3 = ctx.report.tables.t3.as_ref().expect("checked");
    let text = ctx.text();
    doubled_ordinals(ctx, sink, keyed);
    for row in T3Row::rows(version) {
        if let LabelState::Damaged(span) = t3_label_state(ctx, row) {
            let written = text[super::text_range(ctx, &span)].trim().replace('\n', "");
            let official = t3_row_text(row);
            sink.push(
                span,
                format!("表三行标签“{written}”不完整或被提取损坏，应为“{official}”"),
                format!("table 3 row label \"{written}\" is incomplete or damaged in extraction; the template says \"{official}\""),
            );
        }
    }
    // The note heads the table; the reader's table may start at it or after it.
    let range = table_range(ctx, t3);
    let from =
        section_body(ctx, SectionKind::Requests).map_or(range.start, |b| b.start.min(range.start));
    // The keys of the table itself are there already.
    if Keyed::new(text, from..range.start)
        .followed_by(keyed)
        .find("本列数据的勾稽关系")
        .is_none()
    {
        sink.push(
            point_at(ctx, range.start),
            "表三缺少表头说明“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”",
            "table 3 lacks its header note on the balance (本列数据的勾稽关系为…)",
        );
    }
    // Group rows carry no numbers; in the 2019 format （六）其他处理 is a data row.
    let mut groups = vec![
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
    ];
    if version == TableVersion::V2021 {
        groups.push("（六）其他处理");
    }
    for group in groups {
        let key: Vec<char> = key_string(group).chars().collect();
        let Some(i) = keyed.first(&key) else {
            continue;
        };
        let at = keyed.range(i, key.len());
        if starts_with_values(&text[at.end..]) {
            sink.push(
                ctx.source_range(at),
                format!("表三分组行“{group}”填了数字：模板中该行不填数字，增加小计属于修改表格"),
                format!("table 3 group row {group} holds numbers: the template leaves it empty (an added subtotal)"),
            );
        }
    }
}

/// Whether text starts (after spaces and pipes) with two numbers standing alone: a row of
/// values, not the enumerator of the next label ("1.属于国家秘密").
fn starts_with_values(text: &str) -> bool {
    let mut rest = text;
    for _ in 0..2 {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '|');
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = rest[digits..].chars().next();
        if digits == 0 || !after.is_none_or(|c| c.is_whitespace() || c == '|') {
            return false;
        }
        rest = &rest[digits..];
    }
    true
}

fn table4(ctx: &Context, sink: &mut Sink, keyed: &Keyed) {
    let t4 = ctx.report.tables.t4.as_ref().expect("checked");
    let range = table_range(ctx, t4);
    let at: Range<usize> = point_at(ctx, range.start);
    let lacking = |labels: &[&'static str]| -> Vec<&'static str> {
        labels
            .iter()
            .copied()
            .filter(|l| !keyed.holds_in_order(&l.chars().collect::<Vec<char>>()))
            .collect()
    };
    let list =
        |labels: &[&str]| -> String { labels.iter().map(|l| format!("“{l}”")).collect() };
    let groups = lacking(&T4_GROUPS);
    if !groups.is_empty() {
        sink.push(
            at.clone(),
            format!("表四缺少分组标签{}", list(&groups)),
            format!("table 4 lacks the group labels {}", groups.join(", ")),
        );
    }
    let outcomes = lacking(&T4_OUTCOMES);
    if !outcomes.is_empty() {
        sink.push(
            at,
            format!("表四列标签{}不完整或被提取损坏", list(&outcomes)),
            format!(
                "table 4 column labels {} are incomplete or damaged in extraction",
                outcomes.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{drop_line, every_layout, replace_once};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            let diags = run(&RULE, &src);
            assert!(diags.is_empty(), "{layout:?}: {diags:?}");
        }
    }

    /// The fixes restore `src`, and the rule is then silent.
    fn assert_fixed(bad: &str, src: &str) {
        let diags = run(&RULE, bad);
        let fixed = apply_fixes(bad, &diags);
        assert_eq!(fixed, src);
        let again = run(&RULE, &fixed);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(apply_fixes(&fixed, &again), fixed);
    }

    #[test]
    fn label_of_2019_is_renamed() {
        let src = clean_report();
        let bad = replace_once(&src, "\n行政规范性文件\n", "\n规范性文件\n");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("表二行标签为“规范性文件”"));
        assert_eq!(&bad[diags[0].range.clone()], "规范性文件");
        assert_fixed(&bad, &src);
    }

    #[test]
    fn truncated_column_label_is_completed() {
        let src = clean_report();
        let bad = replace_once(&src, "现行有效件数", "现行有效件");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message.zh,
            "表二列标签“现行有效件”不完整，应为“现行有效件数”"
        );
        assert_fixed(&bad, &src);
        // Broken over two lines by extraction: complete, nothing to say.
        let split = replace_once(&src, "现行有效件数", "现行有效件\n数");
        assert!(run(&RULE, &split).is_empty());
    }

    #[test]
    fn cut_row_label_is_damaged_but_a_wrapped_one_is_not() {
        let src = clean_report();
        let full = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
        let cut = replace_once(&src, full, "（二）部分公开（区分处理的，只");
        let diags = run(&RULE, &cut);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.contains("不完整或被提取损坏"));
        let wrapped = replace_once(
            &src,
            full,
            "（二）部分公开（区分处理的，只\n度办\n理结计这一情形，不计其他情形）",
        );
        assert!(run(&RULE, &wrapped).is_empty());
    }

    #[test]
    fn missing_note_and_added_subtotals() {
        let src = clean_report();
        let bad = drop_line(
            &src,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("表三缺少表头说明"));

        let bad = replace_once(&src, "\n总计\n", "\n法人或其他组织小计\n\n总计\n");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("表三增加了“小计”"));
        assert_eq!(&bad[diags[0].range.clone()], "小计");

        let bad = replace_once(
            &src,
            "（三）不予公开\n",
            "（三）不予公开\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n",
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0]
            .message
            .zh
            .starts_with("表三分组行“（三）不予公开”填了数字"));
    }

    #[test]
    fn block_title_missing_and_table4_labels_damaged() {
        let src = clean_report();
        let bad = replace_once(&src, "第二十条第（五）项\n", "");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message.zh, "表二缺少分块标题“第二十条第（五）项”");
        assert_eq!(&bad[diags[0].range.clone()], "行政许可");

        let bad = src.replacen("复议后起诉\n", "", 1);
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message.zh, "表四缺少分组标签“复议后起诉”");

        // Like seeds/003: the second half of header cells dropped.
        let bad = src.replace("结果纠正", "结果").replace("尚未审结", "尚未");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message.zh,
            "表四列标签“结果纠正”“尚未审结”不完整或被提取损坏"
        );
    }

    #[test]
    fn values_after_a_group_row() {
        assert!(starts_with_values(" | 5 | 0 | 0"));
        assert!(starts_with_values("\n\n5\n\n0\n"));
        assert!(!starts_with_values("\n\n1.属于国家秘密"));
        assert!(!starts_with_values("1.属于国家秘密"));
        assert!(!starts_with_values(" |  |  | \n| 1.属于"));
    }

    #[test]
    fn a_doubled_ordinal_is_reported_with_a_safe_fix() {
        let src = crate::rules::testing::clean_report();
        let bad = src.replacen("三、本年度办理结果", "三三、本年度办理结果", 1);
        let diags = crate::rules::testing::run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.contains("序号“三”重复"));
        assert_eq!(crate::rules::testing::apply_fixes(&bad, &diags), src);
    }
}
