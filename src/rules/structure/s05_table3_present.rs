//! S05 table3-present: 报告有表三（收到和处理政府信息公开申请情况），数据行齐全：2021年格式 25 行
//! （2019年格式 23 行）。
//!
//! 检查：表三及其每一数据行。某一行的标签找不到时为缺少该行。PDF 提取时与相邻单元格交错的标签（如
//! “（四）无2.没有现成信息需要另 / 法提供行制作”）不算缺失，只要它的文字都在表中；被截断或损坏的标
//! 签由 S07 报告。
//!
//! 原因：《条例》第五十条第（二）项要求报告收到和处理政府信息公开申请的情况，2021年格式以表三呈现，
//! 其各行就是条例规定的各种办理结果。缺少一行，就隐去了一种结果，也使表中的合计无法核对。
//!
//! 依据：《中华人民共和国政府信息公开条例》第五十条第（二）项；国办公开办函〔2021〕30号印发的年度报
//! 告格式，表三。
//!
//! 示例：表三没有“2.重复申请”一行 → “表三缺少“2.重复申请”行”。
//!
//! 修改：整张表缺失时，在第三部分标题之后插入格式规定的空表三（各标签齐全，所有数值为 0，每个单元格
//! 一行），仅限文本源文件且该标题存在时；为不安全修复，数字须由填报单位填写。
//!
//! ## English
//!
//! S05 table3-present: Table 三 (收到和处理政府信息公开申请情况) is there with all its data rows:
//! 25 in the 2021 format (23 in the 2019 format).
//!
//! What: table 三 and each of its data rows. A row is missing when its label is not found. A label
//! that PDF extraction interleaved with a neighbouring cell ("（四）无2.没有现成信息需要另 /
//! 法提供行制作") is not missing when all of its words are in the table; a label that is cut or
//! damaged is S07's.
//!
//! Why: Art. 50 (二) of the 条例 requires the report to give the applications received and how they
//! were handled; the 2021 format does so in table 三, whose rows are the outcomes the 条例 defines.
//! A missing row hides an outcome and breaks the table's sums.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第五十条第（二）项; the annual report format of
//! 国办公开办函〔2021〕30号, table 三.
//!
//! Example: table 三 without the row "2.重复申请" → "表三缺少“2.重复申请”行".
//!
//! Fix (unsafe: the numbers must come from the agency): when the whole table is missing, insert the
//! official empty table (every label, every value 0, one cell per line) after the section 三
//! heading. Only in text sources, and only when that heading is there.

use super::super::prelude::*;
use super::{
    insert_after_heading, point_at, t3_label_state, text_range, under_2019_regulation, LabelState,
};
use crate::read::labels::t3_row_text;

pub const RULE: Rule = Rule {
    code: "S05",
    name: "table3-present",
    severity: Severity::Error,
    source: include_str!("s05_table3_present.rs"),
    check,
};

/// The header cells of the official table 三, in the order a flattened header reads.
const HEADER: [&str; 10] = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

/// The official 2021 table 三 with zeros, one cell per line with blank lines between.
fn empty_table() -> String {
    let mut cells: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    for n in 1..=25u8 {
        let group = match n {
            3 => Some("三、本年度办理结果"),
            5 => Some("（三）不予公开"),
            13 => Some("（四）无法提供"),
            16 => Some("（五）不予处理"),
            21 => Some("（六）其他处理"),
            _ => None,
        };
        cells.extend(group.map(String::from));
        cells.push(t3_row_text(T3Row::R(n)).to_string());
        cells.extend(std::iter::repeat_n("0".to_string(), 7));
    }
    cells.iter().map(|c| format!("{c}\n\n")).collect()
}

fn check(ctx: &Context, sink: &mut Sink) {
    if !under_2019_regulation(ctx) {
        return;
    }
    let Some(t3) = ctx.report.tables.t3.as_ref() else {
        missing_table(ctx, sink);
        return;
    };
    let rows = T3Row::rows(t3.version);
    let total = rows.len();
    let table_at = point_at(ctx, text_range(ctx, &t3.span).start);
    for row in rows {
        if t3_label_state(ctx, row) != LabelState::Missing {
            continue;
        }
        let label = t3_row_text(row);
        sink.push(
            table_at.clone(),
            format!("表三缺少“{label}”行（应有 {total} 个数据行）"),
            format!("table 3 lacks the row \"{label}\" (it has {total} data rows)"),
        );
    }
}

fn missing_table(ctx: &Context, sink: &mut Sink) {
    let heading = ctx
        .report
        .section(SectionKind::Requests)
        .map(|s| &s.heading);
    let d = sink.push(
        heading.map_or(0..0, |h| h.span.clone()),
        "未找到表三“收到和处理政府信息公开申请情况”",
        "table 3 (requests received and handled) not found",
    );
    d.fix = insert_after_heading(
        ctx,
        SectionKind::Requests,
        &empty_table(),
        Message::new(
            "插入官方空白表三（各项为 0，须填入实际数据）",
            "Insert the official empty table 3 (all 0; fill in the real numbers)",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{cut, drop_line, every_layout};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            assert!(run(&RULE, &src).is_empty(), "{layout:?}");
        }
    }

    #[test]
    fn missing_row_is_named() {
        let src = clean_report();
        // The label line of r17; its values then follow r16's and the row is gone.
        let bad = drop_line(&src, "2.重复申请");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message.zh,
            "表三缺少“2.重复申请”行（应有 25 个数据行）"
        );
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn label_interleaved_by_extraction_is_not_missing() {
        let src = clean_report();
        let bad = src.replacen(
            "2.没有现成信息需要另行制作",
            "无2.没有现成信息需要另\n法提供行制作",
            1,
        );
        assert!(bad != src);
        assert!(run(&RULE, &bad).is_empty());
    }

    #[test]
    fn missing_table_gets_the_official_empty_table() {
        let src = clean_report();
        let bad = cut(&src, "（本列数据的勾稽关系", "四、政府信息公开行政复议");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.zh.starts_with("未找到表三"));
        let fix = diags[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        let fixed = apply_fixes(&bad, &diags);
        // Only an insertion after the heading's line.
        let at = bad.find("四、政府信息公开行政复议").unwrap();
        assert!(fixed.starts_with(&bad[..at]));
        assert!(fixed.ends_with(&bad[at..]));
        let again = run(&RULE, &fixed);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(apply_fixes(&fixed, &again), fixed);
        // The inserted table reads: 175 cells, all 0; tables 二 and 四 unchanged.
        let (before, after) = (
            crate::read::reader::read(&bad),
            crate::read::reader::read(&fixed),
        );
        let t3 = after.tables.t3.as_ref().unwrap();
        assert_eq!(t3.cells.len(), 175);
        assert!(t3.cells.values().all(|c| c.int() == Some(0)));
        let values = |r: &crate::read::model::Report| {
            [&r.tables.t2, &r.tables.t4].map(|t| {
                t.as_ref()
                    .unwrap()
                    .cells
                    .iter()
                    .map(|(id, c)| (*id, c.value.clone()))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(values(&before), values(&after));
    }

    #[test]
    fn no_fix_without_the_section_heading() {
        let src = clean_report();
        let bad = cut(
            &src,
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议",
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
    }
}
