use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

fn doc(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>{body}</w:body></w:document>")
}

fn convert_body(body: &str) -> Docx {
    convert(("word/document.xml", &doc(body)), None, None).unwrap()
}

fn texts(d: &Docx) -> Vec<(DocxLocation, String)> {
    d.map.places().map(|(l, t)| (l, t.to_string())).collect()
}

#[test]
fn runs_tabs_breaks_symbols_and_hyphens_keep_every_character() {
    let d = convert_body(
        r#"<w:p><w:r><w:t xml:space="preserve">本年 </w:t></w:r><w:r><w:tab/><w:t>A&amp;B&lt;1&gt;</w:t><w:br/><w:t>二</w:t><w:noBreakHyphen/><w:sym w:font="Wingdings" w:char="F0FC"/><w:softHyphen/></w:r></w:p>"#,
    );
    assert_eq!(
        texts(&d),
        [(
            DocxLocation::Paragraph(1),
            "本年 \tA&B<1>\n二\u{2011}\u{F0FC}".to_string()
        )]
    );
    assert!(
        d.html.contains("<p>本年 \tA&amp;B&lt;1&gt;<br>二"),
        "{}",
        d.html
    );
}

#[test]
fn field_results_inserted_text_and_hyperlinks_are_read_instructions_and_deletions_are_not() {
    let d = convert_body(
        r#"<w:p>
          <w:r><w:fldChar w:fldCharType="begin"/></w:r>
          <w:r><w:instrText> DATE \@ "yyyy年M月d日" </w:instrText></w:r>
          <w:r><w:fldChar w:fldCharType="separate"/></w:r>
          <w:r><w:t>2025年1月20日</w:t></w:r>
          <w:r><w:fldChar w:fldCharType="end"/></w:r>
          <w:del><w:r><w:delText>旧</w:delText></w:r></w:del>
          <w:ins><w:r><w:t>新</w:t></w:r></w:ins>
          <w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>
          <w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple>
          <w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>
        </w:p>"#,
    );
    assert_eq!(texts(&d)[0].1, "2025年1月20日新链接3控件");
}

#[test]
fn a_field_never_closed_hides_only_its_own_instruction() {
    let d = convert_body(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>指令</w:t></w:r></w:p>
           <w:p><w:r><w:t>正文</w:t></w:r></w:p>"#,
    );
    assert_eq!(
        texts(&d),
        [(DocxLocation::Paragraph(1), "正文".to_string())]
    );
}

#[test]
fn text_boxes_follow_their_paragraph_once_and_empty_paragraphs_are_not_counted() {
    let d = convert_body(
        r#"<w:p/><w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>后</w:t></w:r></w:p>"#,
    );
    assert_eq!(
        texts(&d),
        [
            (DocxLocation::Paragraph(1), "正文".to_string()),
            (DocxLocation::Paragraph(2), "框内".to_string()),
            (DocxLocation::Paragraph(3), "后".to_string()),
        ]
    );
}

fn tc(props: &str, text: &str) -> String {
    let runs = if text.is_empty() {
        String::new()
    } else {
        format!("<w:r><w:t>{text}</w:t></w:r>")
    };
    format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p>{runs}</w:p></w:tc>")
}

#[test]
fn merged_cells_become_rowspan_and_colspan_and_keep_grid_columns() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        tc(r#"<w:vMerge w:val="restart"/>"#, "甲"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "乙"),
        tc("<w:vMerge/>", ""),
        tc("", "1"),
        tc("", "2"),
        tc(r#"<w:vMerge w:val="continue"/>"#, ""),
        tc("", "3"),
        tc("", ""),
    );
    let d = convert_body(&body);
    assert!(
        d.html.contains(
            "<tr><td rowspan=\"3\">甲</td><td colspan=\"2\">乙</td></tr>\n<tr><td>1</td><td>2</td></tr>\n<tr><td>3</td><td></td></tr>"
        ),
        "{}",
        d.html
    );
    let cell = |row, column| DocxLocation::Cell {
        table: 1,
        row,
        column,
    };
    assert_eq!(
        texts(&d),
        [
            (cell(1, 1), "甲".to_string()),
            (cell(1, 2), "乙".to_string()),
            (cell(2, 2), "1".to_string()),
            (cell(2, 3), "2".to_string()),
            (cell(3, 2), "3".to_string()),
            (cell(3, 3), String::new()),
        ]
    );
    // An empty cell is still a place: a finding on it names it.
    let at = d.html.find("<td></td>").unwrap() + 4;
    assert_eq!(d.map.locate(at..at).unwrap().location, cell(3, 3));
}

#[test]
fn paragraphs_of_a_cell_join_but_digits_stay_apart() {
    let cell = "<w:tc><w:p><w:r><w:t>本年新</w:t></w:r></w:p><w:p><w:r><w:t>收</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>";
    let d = convert_body(&format!("<w:tbl><w:tr>{cell}</w:tr></w:tbl>"));
    let t: Vec<String> = texts(&d).into_iter().map(|(_, t)| t).collect();
    assert_eq!(t, ["本年新收", "1 2"]);
}

#[test]
fn text_of_a_continuing_merged_cell_is_kept_in_its_own_place() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc(r#"<w:vMerge w:val="restart"/>"#, "上"),
        tc("", "1"),
        tc("<w:vMerge/>", "下"),
        tc("", "2"),
    );
    let d = convert_body(&body);
    assert!(
        d.html.contains("<td rowspan=\"2\">上 下</td>"),
        "{}",
        d.html
    );
    let at = d.html.find('下').unwrap();
    assert_eq!(
        d.map.locate(at..at + 3).unwrap().location,
        DocxLocation::Cell {
            table: 1,
            row: 2,
            column: 1
        }
    );
}

#[test]
fn locate_maps_html_ranges_to_the_text_of_the_place() {
    let d = convert_body(
        r#"<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:p><w:r><w:t>A&amp;B 2024年度年度</w:t></w:r></w:p>"#,
    );
    let at = d.html.find("2024").unwrap();
    let l = d.map.locate(at..at + "2024年度年度".len()).unwrap();
    assert_eq!(l.location, DocxLocation::Paragraph(2));
    assert_eq!(l.text, "A&B 2024年度年度");
    assert_eq!(&l.text[l.range.clone()], "2024年度年度");
    // An entity is one character of the text.
    let amp = d.html.find("&amp;").unwrap();
    let l = d.map.locate(amp..amp + 5).unwrap();
    assert_eq!(&l.text[l.range], "&");
    // A position in markup goes to the next place; past the end, to the last one.
    assert_eq!(
        d.map.locate(0..0).unwrap().location,
        DocxLocation::Paragraph(1)
    );
    let end = d.html.len();
    assert_eq!(
        d.map.locate(end..end).unwrap().location,
        DocxLocation::Paragraph(2)
    );
    assert_eq!(SourceMap::default().locate(0..1), None);
}

#[test]
fn locations_are_described_in_both_languages() {
    let c = DocxLocation::Cell {
        table: 2,
        row: 5,
        column: 3,
    };
    assert_eq!(c.describe(Lang::Zh), "表2 第5行第3列");
    assert_eq!(c.describe(Lang::En), "table 2, row 5, column 3");
    assert_eq!(DocxLocation::Paragraph(12).describe(Lang::Zh), "第12段");
    assert_eq!(
        DocxLocation::Paragraph(12).describe(Lang::En),
        "paragraph 12"
    );
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
</w:styles>"#;

fn numbered(p_pr: &str, text: &str) -> String {
    format!("<w:p><w:pPr>{p_pr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn num_pr(id: u32, level: u32) -> String {
    format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
}

#[test]
fn automatic_numbering_is_replayed() {
    let body = [
        numbered(&num_pr(1, 0), "总体情况"),
        numbered(&num_pr(1, 1), "主动公开"),
        numbered(&num_pr(1, 2), "第一项"),
        numbered(&num_pr(1, 2), "第二项"),
        numbered(&num_pr(1, 1), "依申请公开"),
        numbered(r#"<w:pStyle w:val="H1b"/>"#, "主动公开政府信息情况"),
        numbered(&num_pr(2, 0), "要点"),
        // Another num of the same list continues it; numId 0 switches the style's off.
        numbered(&num_pr(3, 0), "收到和处理政府信息公开申请情况"),
        numbered(
            r#"<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>"#,
            "无编号",
        ),
        numbered(&num_pr(4, 0), "重新开始"),
        numbered(&num_pr(4, 0), "再一项"),
        numbered(r#"<w:pStyle w:val="Loop"/>"#, "循环样式"),
        numbered(&num_pr(9, 0), "未定义的列表"),
    ]
    .concat();
    let d = convert(
        ("word/document.xml", &doc(&body)),
        Some(("word/numbering.xml", NUMBERING)),
        Some(("word/styles.xml", STYLES)),
    )
    .unwrap();
    let t: Vec<String> = texts(&d).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        t,
        [
            "一、总体情况",
            "（一）主动公开",
            "1. 第一项",
            "2. 第二项",
            "（二）依申请公开",
            "二、主动公开政府信息情况",
            "要点",
            "三、收到和处理政府信息公开申请情况",
            "无编号",
            "5.\t重新开始",
            "6.\t再一项",
            "循环样式",
            "未定义的列表",
        ]
    );
}

#[test]
fn hostile_xml_is_an_error_not_a_panic() {
    let deep = format!(
        "{}<w:p/>{}",
        "<w:sdt><w:sdtContent>".repeat(MAX_DEPTH),
        "</w:sdtContent></w:sdt>".repeat(MAX_DEPTH)
    );
    assert!(matches!(
        convert(("word/document.xml", &doc(&deep)), None, None),
        Err(DocxError::TooDeep { .. })
    ));
    let dtd = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><d>&a;</d>";
    assert!(matches!(
        convert(("word/document.xml", dtd), None, None),
        Err(DocxError::Xml { .. })
    ));
    assert!(matches!(
        convert(("word/document.xml", "<w:document"), None, None),
        Err(DocxError::Xml { .. })
    ));
    // Nonsense values are ignored.
    let d = convert_body(&format!(
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"-3\"/></w:trPr>{}</w:tr></w:tbl>",
        tc(
            r#"<w:gridSpan w:val="99999999999"/><w:vMerge w:val="bogus"/>"#,
            "x"
        )
    ));
    assert_eq!(texts(&d)[0].1, "x");
}

#[test]
fn very_deep_or_very_wide_documents_end_quickly() {
    // Far past the depth limit: refused, without exhausting the stack.
    let n = 200_000;
    let deep = format!(
        "{}{}",
        "<w:sdt><w:sdtContent>".repeat(n),
        "</w:sdtContent></w:sdt>".repeat(n)
    );
    assert!(matches!(
        convert(("word/document.xml", &doc(&deep)), None, None),
        Err(DocxError::TooDeep { .. })
    ));
    // Two rows of many vertically merged cells: linear, not quadratic.
    let n = 20_000;
    let body = format!(
        "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        tc(r#"<w:vMerge w:val="restart"/>"#, "a").repeat(n),
        tc("<w:vMerge/>", "").repeat(n)
    );
    let d = convert_body(&body);
    assert_eq!(d.html.matches("rowspan=\"2\"").count(), n);
}
