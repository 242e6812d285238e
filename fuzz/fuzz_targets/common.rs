//! Shared by the fuzz targets: range checks and the fragment alphabet.
#![allow(dead_code)]

use std::ops::Range;

use nianbao::rules::diagnostic::Diagnostic;
use nianbao::read::model::Report;

/// Fragments that matter to the reader: section and row labels, table separators, HTML,
/// digits and the characters that split or join cells. Structured inputs and inserted edit
/// text are drawn from here.
pub const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "\u{3000}",
    "|",
    "| ",
    " |",
    "||\n",
    "|---|---|\n",
    "0",
    "1",
    "2",
    "7",
    "12",
    "100",
    "-",
    "—",
    ".",
    "、",
    "万元",
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）",
    "（二）",
    "（三）",
    "（四）",
    "（五）",
    "（六）",
    "（七）总计",
    "1.予以公开",
    "3.其他",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "自然人",
    "商业企业",
    "总计",
    "维持",
    "纠正",
    "尚未审结",
    "行政复议",
    "行政诉讼",
    "规章",
    "行政规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "第二十条第（一）项",
    "国办公开办函〔2021〕30号",
    "《中华人民共和国政府信息公开条例》",
    "2023年",
    "2024年1月1日至2024年12月31日",
    "2024年度政府信息公开工作年度报告",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<td colspan=\"2\">",
    "<td rowspan=\"3\">",
    "<p>",
    "<br>",
    "&nbsp;",
    "&#12288;",
    "<!-- nianbao-disable-next-line -->",
    "\u{feff}",
    "𠀀",
    "\u{2028}",
];

pub fn range_ok(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

fn assert_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        range_ok(text, r),
        "{what}: range {r:?} not in bounds / on char boundaries of a text of {} bytes",
        text.len()
    );
}

/// Every span of the report lies in `text` on char boundaries.
pub fn check_report(text: &str, report: &Report) {
    for table in [&report.tables.t2, &report.tables.t3, &report.tables.t4]
        .into_iter()
        .flatten()
    {
        assert_range(text, &table.span, "table span");
        for cell in table.cells.values() {
            assert_range(text, &cell.span, "cell span");
        }
        for u in table.unreadable.values() {
            if let Some(s) = &u.span {
                assert_range(text, s, "unreadable span");
            }
        }
    }
    for l in report.tables.t2_rows.values() {
        assert_range(text, &l.span, "t2 row label");
    }
    for l in report.tables.t3_rows.values() {
        assert_range(text, &l.span, "t3 row label");
    }
    for s in &report.sections {
        assert_range(text, &s.span, "section span");
        assert_range(text, &s.heading.span, "heading span");
    }
    let m = &report.meta;
    if let Some(t) = &m.title {
        assert_range(text, &t.span, "title");
    }
    if let Some(y) = &m.year {
        assert_range(text, &y.span, "year");
    }
    if let Some(a) = &m.agency {
        assert_range(text, &a.span, "agency");
    }
    if let Some((d, _)) = &m.published {
        assert_range(text, &d.span, "published");
    }
    if let Some((a, b)) = &m.stat_period {
        assert_range(text, &a.span, "stat period start");
        assert_range(text, &b.span, "stat period end");
    }
}

/// Every diagnostic range, related range and fix edit range lies in `text` on char boundaries.
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert_range(text, &d.range, d.code);
        for r in &d.related {
            assert_range(text, &r.range, d.code);
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert_range(text, &e.range, d.code);
            }
        }
    }
}

/// Reads and checks `text` with all rules and checks every range.
pub fn exercise(text: &str) {
    let checked = nianbao::lint::check_source(text, &Default::default());
    check_report(text, &checked.report);
    check_diagnostics(text, &checked.diagnostics);
}

/// The largest char boundary of `s` at or below `i` (clamped to the length).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Structured text: every byte picks a fragment (high bit set: the byte's digit, so numbers
/// stay common).
pub fn structured(data: &[u8]) -> String {
    let mut s = String::new();
    for &b in data {
        if b & 0x80 != 0 && b & 0x40 != 0 {
            s.push(char::from(b'0' + (b & 0x3f) % 10));
        } else {
            s.push_str(FRAGMENTS[b as usize % FRAGMENTS.len()]);
        }
    }
    s
}
