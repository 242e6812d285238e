//! Reader tests on small reports written here: every layout, and mutations of a clean report.

use super::*;
use crate::read::cells::{t3_ids, t4_ids, T2Col};
use crate::read::model::{CellState, CellValue};
use crate::sample::{Layout, Stats};

fn value(report: &Report, id: CellId) -> Option<String> {
    match report.cell_state(id) {
        CellState::Value(c) => match &c.value {
            CellValue::Number(s) => Some(s.clone()),
            CellValue::Blank => None,
        },
        _ => None,
    }
}

fn reason(report: &Report, id: CellId) -> Option<Reason> {
    match report.cell_state(id) {
        CellState::Unreadable(r) => Some(r.clone()),
        _ => None,
    }
}

/// Asserts that every cell of `stats` reads back exactly from `text`.
fn assert_reads_back(stats: &Stats, text: &str, what: &str) {
    let report = read(text);
    assert_eq!(report.format, Format::V2021, "{what}: format");
    let docs = [T2Row::Reg, T2Row::Norm];
    for (r, row) in docs.iter().zip(&stats.t2_docs) {
        for (c, v) in [T2Col::Made, T2Col::Repealed, T2Col::Valid].iter().zip(row) {
            let id = CellId::T2(*r, *c);
            assert_eq!(value(&report, id), Some(v.to_string()), "{what}: {id}");
        }
    }
    for (r, v) in [T2Row::License, T2Row::Penalty, T2Row::Coercion]
        .iter()
        .zip(stats.t2_decisions)
    {
        let id = CellId::T2(*r, T2Col::Decisions);
        assert_eq!(value(&report, id), Some(v.to_string()), "{what}: {id}");
    }
    let fee = CellId::T2(T2Row::Fee, T2Col::Amount);
    assert_eq!(value(&report, fee), Some(stats.fee.clone()), "{what}: fee");
    for id in t3_ids(TableVersion::V2021) {
        let CellId::T3(T3Row::R(r), c) = id else {
            unreachable!()
        };
        let want = stats.t3_cell(r, c).to_string();
        assert_eq!(value(&report, id), Some(want), "{what}: {id}");
    }
    for (id, v) in t4_ids().into_iter().zip(stats.t4) {
        assert_eq!(value(&report, id), Some(v.to_string()), "{what}: {id}");
    }
    let kinds: Vec<SectionKind> = report.sections.iter().map(|s| s.heading.kind).collect();
    assert_eq!(kinds, SectionKind::ALL, "{what}: sections");
}

#[test]
fn every_layout_reads_back_exactly() {
    for seed in 0..12 {
        let stats = Stats::generate(seed);
        for layout in Layout::ALL {
            if layout == Layout::OneLine {
                continue; // digit runs may be ambiguous; see the next test
            }
            let text = stats.render(layout);
            assert_reads_back(&stats, &text, &format!("seed {seed}, {layout:?}"));
        }
    }
}

#[test]
fn one_line_layout_reads_exactly_or_says_why_not() {
    // Run-together digits are split only when one split is possible; every cell is either
    // exactly right or unreadable with a reason, never a different number.
    let mut read_cells = 0;
    for seed in 0..40 {
        let stats = Stats::generate(seed);
        let report = read(&stats.render(Layout::OneLine));
        for id in t3_ids(TableVersion::V2021) {
            let CellId::T3(T3Row::R(r), c) = id else {
                unreachable!()
            };
            match value(&report, id) {
                Some(v) => {
                    assert_eq!(v, stats.t3_cell(r, c).to_string(), "seed {seed} {id}");
                    read_cells += 1;
                }
                None => assert!(
                    matches!(reason(&report, id), Some(Reason::Run(_))),
                    "seed {seed} {id}: {:?}",
                    reason(&report, id)
                ),
            }
        }
        for (id, v) in t4_ids().into_iter().zip(stats.t4) {
            // Table 四 is written space-separated here: always exact.
            assert_eq!(value(&report, id), Some(v.to_string()), "seed {seed} {id}");
        }
    }
    assert!(
        read_cells > 40 * 175 / 2,
        "most cells are recoverable: {read_cells}"
    );
}

#[test]
fn digit_run_recovered_by_row_total_is_marked() {
    let text = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000四、政府信息公开行政复议、行政诉讼情况";
    let report = read(text);
    let t3 = report.tables.t3.as_ref().unwrap();
    let c1 = &t3.cells[&CellId::T3(T3Row::R(1), 1)];
    assert_eq!(c1.value, CellValue::Number("217".into()));
    assert_eq!(c1.provenance, Provenance::SplitByArithmetic);
    assert_eq!(&text[c1.span.clone()], "217");
    let c7 = &t3.cells[&CellId::T3(T3Row::R(1), 7)];
    assert_eq!(&text[c7.span.clone()], "218");
    // Seven digits for seven cells: certain without arithmetic.
    let r2 = &t3.cells[&CellId::T3(T3Row::R(2), 7)];
    assert_eq!(r2.provenance, Provenance::SplitUnique);
}

#[test]
fn broken_labels_and_ascii_punctuation() {
    let stats = Stats::generate(3);
    let clean = stats.render(Layout::CellPerLine);
    let mutated = clean
        .replace(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "(二)部分公开(区分处理的,只计这一\n情形,不计其他情形)",
        )
        .replace("自然人", "自 然 人")
        .replace("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"")
        .replace("1.申请人无正当理由", "1、申请人无正当理由")
        .replace("第二十条第（五）项", "第二十条第(五)项");
    assert_ne!(clean, mutated);
    assert_reads_back(&stats, &mutated, "mutated labels");
}

#[test]
fn dropped_empty_cell_makes_the_row_unreadable_not_shifted() {
    let stats = Stats::generate(5);
    let text = stats.render(Layout::CellPerLine);
    // Drop one value line of row r01 (as a scraper drops an empty cell).
    let label = "一、本年新收政府信息公开申请数量\n\n";
    let at = text.find(label).unwrap() + label.len();
    let line_end = at + text[at..].find("\n\n").unwrap() + 2;
    let mutated = format!("{}{}", &text[..at], &text[line_end..]);
    let report = read(&mutated);
    for c in 1..=7 {
        let id = CellId::T3(T3Row::R(1), c);
        assert_eq!(value(&report, id), None);
        assert_eq!(
            reason(&report, id),
            Some(Reason::Run(crate::read::split::RunError::TooFew {
                got: 6,
                want: 7
            }))
        );
    }
    // The next row is not affected.
    let id = CellId::T3(T3Row::R(2), 7);
    assert_eq!(value(&report, id), Some(stats.t3_cell(2, 7).to_string()));
}

#[test]
fn swapping_layouts_gives_the_same_cells() {
    let stats = Stats::generate(9);
    let cells = |layout| {
        let r = read(&stats.render(layout));
        r.cell_ids()
            .into_iter()
            .map(|id| (id, value(&r, id)))
            .collect::<Vec<_>>()
    };
    let reference = cells(Layout::Html);
    for layout in [Layout::Markdown, Layout::LonePipe, Layout::ColumnMajor] {
        assert_eq!(cells(layout), reference, "{layout:?}");
    }
}

#[test]
fn table_three_row_labels_are_not_section_headings() {
    let report = read(&Stats::generate(1).render(Layout::CellPerLine));
    // 一、本年新收… and 四、结转下年度继续办理 sit between headings 三 and 四.
    assert_eq!(report.sections.len(), 6);
    assert!(report
        .sections
        .iter()
        .all(|s| s.heading.numeral == s.heading.kind.number()));
}

#[test]
fn markdown_row_groups_with_placeholder_headers() {
    // real/008 style: enumerators in headings, placeholder column names, a wrong header row.
    let text = "## 三、收到和处理政府信息公开申请情况\n\
### 一、本年新收政府信息公开申请数量\n\
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n\
| 本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n\
### (一) 予以公开\n\
| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |\n|---|---|---|---|---|---|---|---|\n\
| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n\
## 四、政府信息公开行政复议、行政诉讼情况\n\
### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 1 | 0 | 0 | 0 | 1 |\n\
### 行政诉讼（未经复议直接起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 0 | 0 | 0 | 2 | 2 |\n\
### 行政诉讼（复议后起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 0 | 0 | 0 | 0 | 0 |\n";
    let report = read(text);
    assert_eq!(value(&report, CellId::T3(T3Row::R(1), 7)), Some("6".into()));
    assert_eq!(value(&report, CellId::T3(T3Row::R(3), 1)), Some("4".into()));
    assert_eq!(
        value(&report, CellId::T4(T4Group::Direct, T4Outcome::Pending)),
        Some("2".into())
    );
    assert_eq!(
        value(&report, CellId::T4(T4Group::Review, T4Outcome::Total)),
        Some("1".into())
    );
}

#[test]
fn unlabelled_value_rows_are_placed_only_when_the_count_fits() {
    let row = |label: &str, v: &str| format!("| {label} | {v} | 0 | 0 | 0 | 0 | 0 | {v} |\n");
    let head = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n";
    // One unlabelled row between r03 and r05: it is r04.
    let text = format!(
        "{head}{}（二）部分公开（区分处理的，只计这一情\n| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n{}",
        row("（一）予以公开", "9"),
        row("1.属于国家秘密", "1")
    );
    let report = read(&text);
    let r04 = &report.tables.t3.as_ref().unwrap().cells[&CellId::T3(T3Row::R(4), 1)];
    assert_eq!(r04.value, CellValue::Number("2".into()));
    assert_eq!(r04.provenance, Provenance::ByOrder);
    // Two unlabelled rows where one row is missing: neither is placed.
    let text = format!(
        "{head}{}| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n{}",
        row("（一）予以公开", "9"),
        row("1.属于国家秘密", "1")
    );
    let report = read(&text);
    assert_eq!(value(&report, CellId::T3(T3Row::R(4), 1)), None);
    assert_eq!(
        reason(&report, CellId::T3(T3Row::R(4), 1)),
        Some(Reason::LabelNotFound)
    );
}

#[test]
fn column_order_with_total_before_other_is_recognised_by_the_totals() {
    // real/011: the 总计 column comes out before 其他 in the PDF text.
    let labels = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n";
    let cols = ["5\n0", "1\n0", "0\n0", "0\n0", "0\n0", "6\n0", "0\n0"]; // c1..c5, c7, c6
    let text = format!(
        "{labels}{}\n四、政府信息公开行政复议、行政诉讼情况\n",
        cols.join("\n")
    );
    let report = read(&text);
    let t3 = report.tables.t3.as_ref().unwrap();
    let c7 = &t3.cells[&CellId::T3(T3Row::R(1), 7)];
    assert_eq!(c7.value, CellValue::Number("6".into()));
    assert_eq!(c7.provenance, Provenance::SplitByArithmetic);
    assert_eq!(value(&report, CellId::T3(T3Row::R(1), 6)), Some("0".into()));
    // When no order fits the totals, the rows are unreadable rather than guessed.
    let cols = ["5\n0", "1\n0", "0\n0", "0\n0", "0\n0", "9\n0", "0\n0"];
    let text = format!(
        "{labels}{}\n四、政府信息公开行政复议、行政诉讼情况\n",
        cols.join("\n")
    );
    let report = read(&text);
    assert_eq!(
        reason(&report, CellId::T3(T3Row::R(1), 1)),
        Some(Reason::ColumnOrder)
    );
}

#[test]
fn format_2019_single_other_processing_row() {
    let text = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n（六）其他处理\n4\n0\n0\n0\n0\n0\n4\n（七）总计\n4\n0\n0\n0\n0\n0\n4\n";
    let report = read(text);
    assert_eq!(
        report.tables.t3.as_ref().unwrap().version,
        TableVersion::V2019
    );
    assert_eq!(
        value(&report, CellId::T3(T3Row::R21To23, 7)),
        Some("4".into())
    );
}

#[test]
fn table_two_2019_columns_are_not_stored_under_2021_ids() {
    let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n1\n2\n3\n第二十条第（八）项\n信息内容\n上一年项目数量\n本年增/减\n行政事业性收费\n35\n-15\n";
    let report = read(text);
    assert_eq!(report.format, Format::V2019);
    assert_eq!(
        value(&report, CellId::T2(T2Row::Reg, T2Col::NewMade)),
        Some("1".into())
    );
    assert_eq!(
        value(&report, CellId::T2(T2Row::Fee, T2Col::Change)),
        Some("-15".into())
    );
    assert!(!report
        .cell_ids()
        .contains(&CellId::T2(T2Row::Fee, T2Col::Amount)));
}

#[test]
fn html_blank_cells_are_blank_not_zero() {
    let html = "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>821</td><td>35</td><td>&nbsp;</td><td><o:p> </o:p></td><td>2</td><td>1</td><td>859</td></tr></table>";
    let report = read(html);
    assert_eq!(report.source, SourceKind::Html);
    let t3 = report.tables.t3.as_ref().unwrap();
    assert_eq!(
        t3.cells[&CellId::T3(T3Row::R(1), 3)].value,
        CellValue::Blank
    );
    assert_eq!(
        t3.cells[&CellId::T3(T3Row::R(1), 4)].value,
        CellValue::Blank
    );
    let c7 = &t3.cells[&CellId::T3(T3Row::R(1), 7)];
    assert_eq!(&html[c7.span.clone()], "859");
}

#[test]
fn not_a_report_reads_as_unknown_without_panicking() {
    for text in [
        "",
        "hello",
        "||||\n|",
        "<html>",
        "一、",
        "第二十条第（一）项\n规章\n",
    ] {
        let report = read(text);
        if report.tables.t2.is_none() {
            assert_eq!(report.format, Format::Unknown, "{text:?}");
        }
    }
}
