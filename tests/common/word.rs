//! Word documents (.docx) written from the sample statistics, laid out like the national
//! template (merged header cells, group labels merged down their rows, auto-numbered section
//! headings): for the Word tests and, converted by LibreOffice, the PDF tests.

use std::io::Write;

use nianbao::read::cells::T3Row;
use nianbao::read::labels::{t3_row_text, SectionKind};
use nianbao::sample::Stats;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
}

pub fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", run(text))
}

/// A heading numbered by Word (一、 comes from numbering.xml, not from the text).
pub fn numbered_heading(kind: SectionKind) -> String {
    let text = kind.official_heading();
    let (_, rest) = text.split_once('、').unwrap();
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
        run(rest)
    )
}

pub const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// A table cell: `span` grid columns, `merge` "restart"/"continue"/"" for vertical merging.
pub fn cell(text: &str, span: u32, merge: &str) -> String {
    let mut props = String::new();
    if span > 1 {
        props.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
    }
    match merge {
        "restart" => props.push_str("<w:vMerge w:val=\"restart\"/>"),
        "continue" => props.push_str("<w:vMerge/>"),
        _ => {}
    }
    let content = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            run(text)
        )
    };
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

pub fn row(cells: &[String]) -> String {
    // Rows do not break across pages (Word's "allow row to break across pages" off): the PDF
    // reader does not rejoin a row split by a page break (its cells then read as unreadable).
    format!(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>{}</w:tr>",
        cells.concat()
    )
}

/// A table with single borders around every cell, as the national template has them.
pub fn table(rows: &[String]) -> String {
    let line = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| line(s))
        .collect();
    // The grid: as many columns as the first row spans (LibreOffice needs it).
    let first = rows.first().map_or("", String::as_str);
    let columns: usize = first.matches("<w:tc>").count()
        + first
            .split("<w:gridSpan w:val=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse::<usize>().unwrap() - 1)
            .sum::<usize>();
    let grid = format!("<w:gridCol w:w=\"{}\"/>", 9000 / columns.max(1)).repeat(columns);
    format!(
        "<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

pub fn values(v: &[u64]) -> Vec<String> {
    v.iter().map(|n| cell(&n.to_string(), 1, "")).collect()
}

/// Table 二 as in the template: four blocks of four columns.
pub fn table_two(s: &Stats) -> String {
    let mut rows = Vec::new();
    let block = |rows: &mut Vec<String>, title: &str, header: &[&str]| {
        rows.push(row(&[cell(title, 4, "")]));
        let mut h = vec![cell("信息内容", 1, "")];
        if header.len() == 1 {
            h.push(cell(header[0], 3, ""));
        } else {
            h.extend(header.iter().map(|t| cell(t, 1, "")));
        }
        rows.push(row(&h));
    };
    block(
        &mut rows,
        "第二十条第（一）项",
        &["本年制发件数", "本年废止件数", "现行有效件数"],
    );
    for (label, v) in ["规章", "行政规范性文件"].iter().zip(&s.t2_docs) {
        let mut r = vec![cell(label, 1, "")];
        r.extend(values(v));
        rows.push(row(&r));
    }
    let single = |label: &str, v: &str| row(&[cell(label, 1, ""), cell(v, 3, "")]);
    block(&mut rows, "第二十条第（五）项", &["本年处理决定数量"]);
    rows.push(single("行政许可", &s.t2_decisions[0].to_string()));
    block(&mut rows, "第二十条第（六）项", &["本年处理决定数量"]);
    rows.push(single("行政处罚", &s.t2_decisions[1].to_string()));
    rows.push(single("行政强制", &s.t2_decisions[2].to_string()));
    block(
        &mut rows,
        "第二十条第（八）项",
        &["本年收费金额（单位：万元）"],
    );
    rows.push(single("行政事业性收费", &s.fee));
    table(&rows)
}

pub const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Table 三 as in the template: 申请人情况 over 7 columns, 法人或其他组织 over 5, 自然人 and
/// 总计 merged down two rows, 三、本年度办理结果 merged down its 22 rows, each group label
/// merged down its rows. Rows 4–28 of the Word table are r01–r25; columns 4–10 are c1–c7.
pub fn table_three(t3: &[[u64; 7]; 25]) -> String {
    let mut rows = vec![
        row(&[cell(NOTE, 3, "restart"), cell("申请人情况", 7, "")]),
        row(&[
            cell("", 3, "continue"),
            cell("自然人", 1, "restart"),
            cell("法人或其他组织", 5, ""),
            cell("总计", 1, "restart"),
        ]),
        row(&[
            vec![cell("", 3, "continue"), cell("", 1, "continue")],
            [
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
            ]
            .iter()
            .map(|t| cell(t, 1, ""))
            .collect(),
            vec![cell("", 1, "continue")],
        ]
        .concat()),
    ];
    let groups = [
        (5, 12, "（三）不予公开"),
        (13, 15, "（四）无法提供"),
        (16, 20, "（五）不予处理"),
        (21, 23, "（六）其他处理"),
    ];
    for n in 1..=25u8 {
        let label = t3_row_text(T3Row::R(n));
        let mut r = Vec::new();
        match n {
            1 | 2 | 25 => r.push(cell(label, 3, "")),
            3 => {
                r.push(cell("三、本年度办理结果", 1, "restart"));
                r.push(cell(label, 2, ""));
            }
            4 | 24 => {
                r.push(cell("", 1, "continue"));
                r.push(cell(label, 2, ""));
            }
            _ => {
                r.push(cell("", 1, "continue"));
                let &(first, _, group) = groups
                    .iter()
                    .find(|(a, b, _)| (*a..=*b).contains(&n))
                    .unwrap();
                if n == first {
                    r.push(cell(group, 1, "restart"));
                } else {
                    r.push(cell("", 1, "continue"));
                }
                r.push(cell(label, 1, ""));
            }
        }
        r.extend(values(&t3[n as usize - 1]));
        rows.push(row(&r));
    }
    table(&rows)
}

/// Table 四: 行政复议 over 5 columns, 行政诉讼 over 10; the five 行政复议 outcomes merged down
/// two rows.
pub fn table_four(t4: &[u64; 15]) -> String {
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut second: Vec<String> = outcomes.iter().map(|o| cell(o, 1, "restart")).collect();
    second.push(cell("未经复议直接起诉", 5, ""));
    second.push(cell("复议后起诉", 5, ""));
    let mut third: Vec<String> = (0..5).map(|_| cell("", 1, "continue")).collect();
    third.extend(outcomes.repeat(2).iter().map(|o| cell(o, 1, "")));
    table(&[
        row(&[cell("行政复议", 5, ""), cell("行政诉讼", 10, "")]),
        row(&second),
        row(&third),
        row(&values(t4)),
    ])
}

/// The document's paragraphs and tables, with `t3` as table 三's values and `extra` appended to
/// the overview's narrative.
pub fn document(s: &Stats, t3: &[[u64; 7]; 25], extra: &str) -> String {
    let title = format!("{}{}年政府信息公开工作年度报告", s.agency, s.year);
    let body = [
        para(&title),
        para(&format!(
            "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。所列数据统计期限为{y}年1月1日至{y}年12月31日。",
            y = s.year
        )),
        "<w:p/>".to_string(),
        numbered_heading(SectionKind::Overview),
        para(&format!(
            "{}年，本机关认真贯彻落实《条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情形。{extra}",
            s.year
        )),
        numbered_heading(SectionKind::Active),
        table_two(s),
        numbered_heading(SectionKind::Requests),
        table_three(t3),
        numbered_heading(SectionKind::Review),
        table_four(&s.t4),
        numbered_heading(SectionKind::Problems),
        para("存在的主要问题是政策解读形式单一。改进情况：丰富解读形式，加强培训。"),
        numbered_heading(SectionKind::Other),
        para("本年度未收取信息处理费（依据国办函〔2020〕109号）。"),
        para(&format!("{}年1月20日", s.year + 1)),
    ]
    .concat();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}{SECTION}</w:body></w:document>"
    )
}

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

pub const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A4 with 2.5 cm margins: LibreOffice lays out nothing on a page without a size.
const SECTION: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"#;

/// The main part's relationships: LibreOffice opens a document only with them.
pub const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A zip of the given parts (deflated, as Word writes them).
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub fn docx_of(document: &str) -> Vec<u8> {
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
    ])
}
