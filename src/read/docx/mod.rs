//! Word (.docx) input: a document becomes HTML that [`crate::read::html`] reads, with a map from the
//! HTML's byte ranges back to where the text is in Word (paragraph n, or table t, row r, column c).
//!
//! Why HTML: the HTML reader already reads tables by their cells (spec §9.8), so a Word table
//! written out as `<table><tr><td rowspan colspan>` is read exactly like a published page, and
//! every rule works unchanged. Diagnostics carry byte ranges into that HTML; the faces turn them
//! into Word places through [`SourceMap::locate`].
//!
//! What is read from `word/document.xml` (the main part named by `_rels/.rels`): paragraphs and
//! their runs (`w:t`, tabs, breaks, `w:sym`, non-breaking hyphens), inserted text (deleted text
//! is left out), hyperlinks, content controls, smart tags, the visible result of fields (not
//! their instructions), text boxes (after the paragraph that anchors them; the VML fallback copy
//! is skipped), math text, ruby base text, and tables with merged cells (`w:gridSpan`,
//! `w:vMerge`, `w:gridBefore`). Automatic numbering is replayed from `word/numbering.xml` and
//! `word/styles.xml` as far as [`numbering`] can (what it cannot resolve gives no number, never a
//! guessed one). Not read: headers, footers, footnotes, comments, and text in shapes that are
//! not text boxes (charts, SmartArt).
//!
//! Limits, for hostile files: a part may decompress to at most [`MAX_PART_SIZE`] bytes (a zip
//! bomb stops there), XML may nest at most [`MAX_DEPTH`] elements, and DTDs are refused.

pub mod numbering;

use std::fmt;
use std::io::{Read, Seek};
use std::ops::Range;
use std::path::Path;

use roxmltree::Node;

use crate::lang::Lang;
use numbering::Numbering;

/// The most bytes one part of the package may decompress to.
pub const MAX_PART_SIZE: u64 = 32 << 20;
/// The deepest XML nesting followed (real documents stay below 40: a nested table adds 4).
pub const MAX_DEPTH: usize = 256;
/// Node limit for the XML parser, so that a part within the size limit cannot exhaust memory.
const MAX_NODES: u32 = 8_000_000;

/// Why a .docx could not be read.
#[derive(Debug)]
pub enum DocxError {
    Io(std::io::Error),
    /// An OLE compound file: a Word 97–2003 .doc, or an encrypted (password-protected) .docx.
    CompoundFile,
    NotZip(String),
    MissingPart(String),
    TooLarge {
        part: String,
        limit: u64,
    },
    NotUtf8 {
        part: String,
        offset: usize,
    },
    Xml {
        part: String,
        message: String,
    },
    TooDeep {
        part: String,
    },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Io(e) => write!(f, "无法读取文件（cannot read file）: {e}"),
            DocxError::CompoundFile => f.write_str(
                "不是 .docx 文件：这是旧版 Word（.doc）文件或加密的文档，请在 Word 中另存为未加密的 .docx（not a .docx: a Word 97-2003 .doc or an encrypted document; save it as an unencrypted .docx）",
            ),
            DocxError::NotZip(e) => write!(
                f,
                "不是有效的 .docx 文件，无法作为 ZIP 压缩包打开（not a valid .docx: cannot open it as a zip archive: {e}）"
            ),
            DocxError::MissingPart(p) => write!(
                f,
                "不是有效的 .docx 文件：缺少 {p}（not a valid .docx: {p} is missing）"
            ),
            DocxError::TooLarge { part, limit } => write!(
                f,
                "{part} 解压后超过 {} MiB，未读取（{part} decompresses to more than {} MiB; not read）",
                limit >> 20,
                limit >> 20
            ),
            DocxError::NotUtf8 { part, offset } => write!(
                f,
                "{part} 不是 UTF-8 编码，第 {offset} 字节处解码失败（{part} is not UTF-8: invalid byte at offset {offset}）"
            ),
            DocxError::Xml { part, message } => {
                write!(f, "{part} 不是有效的 XML（{part} is not valid XML: {message}）")
            }
            DocxError::TooDeep { part } => write!(
                f,
                "{part} 嵌套层级超过 {MAX_DEPTH} 层，未读取（{part} nests deeper than {MAX_DEPTH} levels; not read）"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// Where a piece of text is in the Word document. Numbers are 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocxLocation {
    /// The n-th paragraph outside tables that shows any text (empty paragraphs are not
    /// counted; a text box's paragraphs follow the paragraph that anchors it).
    Paragraph(u32),
    /// A table cell: the table's number in the document (tables nested in a cell are part of
    /// that cell), the row (`w:tr`, header rows included), and the column of the table's grid
    /// where the cell starts (a cell spanning columns 2–6 is column 2; cells merged down a
    /// column are the cell of their first row).
    Cell { table: u32, row: u32, column: u32 },
    /// A PDF's line of text: the page and the line's number on it from the top (tables not
    /// counted), see [`crate::pdf`].
    PdfLine { page: u32, line: u32 },
    /// A PDF's table cell: the page, the table (named by the report's section it sits in,
    /// `表三`, when `by_section`; else its number in the document), the row within the table
    /// on that page and the grid column where the cell starts.
    PdfCell {
        page: u32,
        table: u32,
        by_section: bool,
        row: u32,
        column: u32,
    },
}

impl DocxLocation {
    /// `第12段` / `表2 第5行第3列`, or `paragraph 12` / `table 2, row 5, column 3`.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocxLocation::Paragraph(n), Lang::Zh) => format!("第{n}段"),
            (DocxLocation::Paragraph(n), Lang::En) => format!("paragraph {n}"),
            (DocxLocation::Cell { table, row, column }, Lang::Zh) => {
                format!("表{table} 第{row}行第{column}列")
            }
            (DocxLocation::Cell { table, row, column }, Lang::En) => {
                format!("table {table}, row {row}, column {column}")
            }
            (DocxLocation::PdfLine { page, line }, Lang::Zh) => format!("第{page}页 第{line}行"),
            (DocxLocation::PdfLine { page, line }, Lang::En) => format!("page {page}, line {line}"),
            (
                DocxLocation::PdfCell {
                    page,
                    table,
                    by_section,
                    row,
                    column,
                },
                lang,
            ) => {
                let name = table_name(*table, *by_section);
                match lang {
                    Lang::Zh => format!("第{page}页 表{name} 第{row}行第{column}列"),
                    Lang::En => format!("page {page}, table {name}, row {row}, column {column}"),
                }
            }
        }
    }

    /// `{"paragraph":12}` or `{"table":2,"row":5,"column":3}`.
    pub fn to_json(&self) -> serde_json::Value {
        match *self {
            DocxLocation::Paragraph(n) => serde_json::json!({ "paragraph": n }),
            DocxLocation::Cell { table, row, column } => {
                serde_json::json!({ "table": table, "row": row, "column": column })
            }
            DocxLocation::PdfLine { page, line } => {
                serde_json::json!({ "page": page, "line": line })
            }
            DocxLocation::PdfCell {
                page,
                table,
                by_section,
                row,
                column,
            } => {
                let table = if by_section {
                    serde_json::json!(format!("表{}", table_name(table, true)))
                } else {
                    serde_json::json!(table)
                };
                serde_json::json!({ "page": page, "table": table, "row": row, "column": column })
            }
        }
    }
}

/// A PDF table's name: the section's numeral (`三`) or the table's number.
fn table_name(table: u32, by_section: bool) -> String {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match table.checked_sub(1).and_then(|k| NUMERALS.get(k as usize)) {
        Some(n) if by_section => n.to_string(),
        _ => table.to_string(),
    }
}

/// The text of one paragraph or cell as Word shows it, and where each character is in the HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    location: DocxLocation,
    /// The HTML bytes of the text (between the tags).
    html: Range<usize>,
    /// Tabs as `\t`, line breaks as `\n`.
    text: String,
    /// For each character of `text`: its HTML offset and its byte offset in `text`.
    chars: Vec<(usize, usize)>,
}

/// A place as another converter writes it: location, HTML range, text, and for each character
/// its HTML offset and byte offset in the text.
pub(crate) type PlaceParts = (DocxLocation, Range<usize>, String, Vec<(usize, usize)>);

/// A range of the generated HTML, placed in the Word document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<'a> {
    pub location: DocxLocation,
    /// The paragraph's or cell's text.
    pub text: &'a str,
    /// The range within `text`.
    pub range: Range<usize>,
}

/// From byte ranges of the generated HTML to places in the Word document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// In HTML order, not overlapping.
    places: Vec<Place>,
}

impl SourceMap {
    /// The paragraph or cell of a range of the HTML: the one holding its start, or else (a
    /// position in markup between two places, e.g. where a missing heading would go) the next
    /// one, or the last. `None` only for a document without text.
    pub fn locate(&self, range: Range<usize>) -> Option<Located<'_>> {
        let i = self.places.partition_point(|p| p.html.end < range.start);
        let place = self.places.get(i).or(self.places.last())?;
        let byte_of = |k: usize| place.chars.get(k).map_or(place.text.len(), |c| c.1);
        let first = place.chars.partition_point(|c| c.0 < range.start);
        let past = place.chars.partition_point(|c| c.0 < range.end);
        let start = byte_of(first);
        let end = byte_of(past).max(start);
        Some(Located {
            location: place.location,
            text: &place.text,
            range: start..end,
        })
    }

    /// A map from places written by another converter (PDF): each place's location, HTML
    /// range, text, and for each character its HTML offset and byte offset in the text. The
    /// places must be in HTML order and not overlap.
    pub(crate) fn from_places(places: Vec<PlaceParts>) -> SourceMap {
        SourceMap {
            places: places
                .into_iter()
                .map(|(location, html, text, chars)| Place {
                    location,
                    html,
                    text,
                    chars,
                })
                .collect(),
        }
    }

    /// Every paragraph and cell with its text, in document order.
    pub fn places(&self) -> impl Iterator<Item = (DocxLocation, &str)> {
        self.places.iter().map(|p| (p.location, p.text.as_str()))
    }
}

/// A Word document read for checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Docx {
    /// The document as HTML, for [`crate::read::reader::read`] and the rules.
    pub html: String,
    pub map: SourceMap,
}

/// True for a path named `*.docx` (any case).
pub fn is_docx_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Reads a .docx file.
pub fn read_file(path: &Path) -> Result<Docx, DocxError> {
    let bytes = crate::read::input::read_regular(path).map_err(DocxError::Io)?;
    read(&mut std::io::Cursor::new(bytes))
}

/// Reads a .docx from bytes.
pub fn read_bytes(bytes: &[u8]) -> Result<Docx, DocxError> {
    read(&mut std::io::Cursor::new(bytes))
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn read<R: Read + Seek>(reader: &mut R) -> Result<Docx, DocxError> {
    let mut magic = [0u8; 8];
    let n = read_up_to(reader, &mut magic).map_err(DocxError::Io)?;
    if n == 8 && magic == OLE_MAGIC {
        return Err(DocxError::CompoundFile);
    }
    reader.rewind().map_err(DocxError::Io)?;
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let main = main_part(&mut zip)?;
    let document = part(&mut zip, &main)?.ok_or_else(|| DocxError::MissingPart(main.clone()))?;
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let sibling = |name: &str| {
        if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        }
    };
    let numbering_name = sibling("numbering.xml");
    let styles_name = sibling("styles.xml");
    let numbering = part(&mut zip, &numbering_name)?;
    let styles = part(&mut zip, &styles_name)?;
    convert(
        (&main, &document),
        numbering.as_deref().map(|x| (numbering_name.as_str(), x)),
        styles.as_deref().map(|x| (styles_name.as_str(), x)),
    )
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The main document part: the target of the officeDocument relationship, else the usual name.
fn main_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<String, DocxError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = part(zip, "_rels/.rels")? else {
        return Ok(DEFAULT.into());
    };
    let Ok(doc) = parse_xml("_rels/.rels", &rels) else {
        return Ok(DEFAULT.into());
    };
    let target = doc
        .root_element()
        .children()
        .filter(|n| is(*n, "Relationship"))
        .find(|n| attr(*n, "Type").is_some_and(|t| t.ends_with("/officeDocument")))
        .and_then(|n| attr(n, "Target"))
        .map(|t| t.trim_start_matches('/').to_string());
    Ok(target
        .filter(|t| zip.index_for_name(t).is_some())
        .unwrap_or_else(|| DEFAULT.into()))
}

/// A part of the package as text, `None` when absent; at most [`MAX_PART_SIZE`] bytes.
fn part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let file = zip
        .by_index(index)
        .map_err(|e| DocxError::NotZip(format!("{name}: {e}")))?;
    if file.size() > MAX_PART_SIZE {
        return Err(DocxError::TooLarge {
            part: name.into(),
            limit: MAX_PART_SIZE,
        });
    }
    // The declared size may lie: the read itself is capped.
    let mut bytes = Vec::new();
    file.take(MAX_PART_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::NotZip(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_SIZE {
        return Err(DocxError::TooLarge {
            part: name.into(),
            limit: MAX_PART_SIZE,
        });
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| DocxError::NotUtf8 {
            part: name.into(),
            offset: e.utf8_error().valid_up_to(),
        })
}

fn parse_xml<'a>(name: &str, text: &'a str) -> Result<roxmltree::Document<'a>, DocxError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| DocxError::Xml {
        part: name.into(),
        message: e.to_string(),
    })
}

/// Converts the XML of the main part (and, when present, the numbering and styles parts), each
/// given with its part name for error messages.
pub fn convert(
    document: (&str, &str),
    numbering: Option<(&str, &str)>,
    styles: Option<(&str, &str)>,
) -> Result<Docx, DocxError> {
    let doc = parse_xml(document.0, document.1)?;
    let numbering_doc = numbering.map(|(n, x)| parse_xml(n, x)).transpose()?;
    let styles_doc = styles.map(|(n, x)| parse_xml(n, x)).transpose()?;
    let mut parser = Parser {
        numbering: Numbering::new(numbering_doc.as_ref(), styles_doc.as_ref()),
        fields: Vec::new(),
    };
    let root = doc.root_element();
    let body = child(root, "body").unwrap_or(root);
    let mut blocks = Vec::new();
    parser
        .blocks(body, 0, &mut blocks)
        .map_err(|()| DocxError::TooDeep {
            part: document.0.into(),
        })?;
    Ok(write_html(&blocks))
}

// ---------------------------------------------------------------------------------------------
// XML helpers: elements are matched by local name, so that the transitional and the strict
// (ISO) WordprocessingML namespaces both work.

pub(crate) fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

pub(crate) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, name))
}

// ---------------------------------------------------------------------------------------------
// The document as blocks.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inline {
    Char(char),
    Break,
}

type Para = Vec<Inline>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct TableCell {
    span: u32,
    vmerge: VMerge,
    paras: Vec<Para>,
}

#[derive(Debug, Default)]
struct TableRow {
    before: u32,
    cells: Vec<TableCell>,
}

#[derive(Debug)]
enum Block {
    Para(Para),
    Table(Vec<TableRow>),
}

/// Walks the XML in document order. Counters of numbering and the state of fields run across
/// paragraphs (a field may span several).
struct Parser {
    numbering: Numbering,
    /// Open complex fields: `true` while in the instruction part (between `begin` and
    /// `separate`), whose text is not shown.
    fields: Vec<bool>,
}

type Deep = Result<(), ()>;

fn guard(depth: usize) -> Deep {
    if depth > MAX_DEPTH {
        Err(())
    } else {
        Ok(())
    }
}

impl Parser {
    /// Block-level content: paragraphs, tables, and containers of them.
    fn blocks(&mut self, node: Node, depth: usize, out: &mut Vec<Block>) -> Deep {
        guard(depth)?;
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "p" => self.paragraph(c, depth + 1, out)?,
                "tbl" => {
                    let rows = self.table(c, depth + 1)?;
                    out.push(Block::Table(rows));
                }
                "sdt" => {
                    if let Some(content) = child(c, "sdtContent") {
                        self.blocks(content, depth + 1, out)?;
                    }
                }
                "customXml" | "ins" | "moveTo" | "smartTag" => self.blocks(c, depth + 1, out)?,
                "AlternateContent" => {
                    if let Some(choice) = child(c, "Choice") {
                        self.blocks(choice, depth + 1, out)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A paragraph, then the content of the text boxes anchored in it.
    fn paragraph(&mut self, node: Node, depth: usize, out: &mut Vec<Block>) -> Deep {
        guard(depth)?;
        let mut para = Vec::new();
        if let Some(number) = self.numbering.next(child(node, "pPr")) {
            para.extend(number.chars().map(Inline::Char));
        }
        let mut boxes = Vec::new();
        self.inlines(node, depth + 1, &mut para, &mut boxes)?;
        // A field's instruction ends in the paragraph it begins in: one whose `separate` or
        // `end` never comes (a damaged file) must not hide the rest of the document.
        for instruction in &mut self.fields {
            *instruction = false;
        }
        out.push(Block::Para(para));
        out.extend(boxes);
        Ok(())
    }

    /// Inline content of a paragraph (or of a container inside it).
    fn inlines(
        &mut self,
        node: Node,
        depth: usize,
        para: &mut Para,
        boxes: &mut Vec<Block>,
    ) -> Deep {
        guard(depth)?;
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "r" => self.run(c, depth + 1, para, boxes)?,
                "hyperlink" | "smartTag" | "customXml" | "ins" | "moveTo" | "fldSimple" | "dir"
                | "bdo" | "sdtContent" => self.inlines(c, depth + 1, para, boxes)?,
                "sdt" => {
                    if let Some(content) = child(c, "sdtContent") {
                        self.inlines(content, depth + 1, para, boxes)?;
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = child(c, "Choice") {
                        self.inlines(choice, depth + 1, para, boxes)?;
                    }
                }
                "oMath" | "oMathPara" => math_text(c, para),
                // "del", "moveFrom": deleted text; "pPr": properties; the rest has no text.
                _ => {}
            }
        }
        Ok(())
    }

    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|&instr| instr)
    }

    fn run(&mut self, node: Node, depth: usize, para: &mut Para, boxes: &mut Vec<Block>) -> Deep {
        guard(depth)?;
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "t" if !self.in_instruction() => {
                    para.extend(c.text().unwrap_or_default().chars().map(Inline::Char));
                }
                "tab" | "ptab" => para.push(Inline::Char('\t')),
                "br" | "cr" => para.push(Inline::Break),
                "noBreakHyphen" => para.push(Inline::Char('\u{2011}')),
                "sym" => {
                    // The code point as stored (symbol fonts use the private use area).
                    if let Some(ch) = attr(c, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        para.push(Inline::Char(ch));
                    }
                }
                "fldChar" => match attr(c, "fldCharType") {
                    Some("begin") => self.fields.push(true),
                    Some("separate") => {
                        if let Some(top) = self.fields.last_mut() {
                            *top = false;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "ruby" => {
                    if let Some(base) = child(c, "rubyBase") {
                        self.inlines(base, depth + 1, para, boxes)?;
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = child(c, "Choice") {
                        self.run(choice, depth + 1, para, boxes)?;
                    }
                }
                "drawing" | "pict" | "object" => self.text_boxes(c, depth + 1, boxes)?,
                // "instrText", "delText": not shown; "softHyphen": an invisible break
                // opportunity; references to notes and comments: marks, not text.
                _ => {}
            }
        }
        Ok(())
    }

    /// The content of text boxes in a drawing, skipping `mc:Fallback` copies.
    fn text_boxes(&mut self, node: Node, depth: usize, boxes: &mut Vec<Block>) -> Deep {
        guard(depth)?;
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "Fallback" => {}
                "txbxContent" => self.blocks(c, depth + 1, boxes)?,
                _ => self.text_boxes(c, depth + 1, boxes)?,
            }
        }
        Ok(())
    }

    fn table(&mut self, node: Node, depth: usize) -> Result<Vec<TableRow>, ()> {
        guard(depth)?;
        let mut rows = Vec::new();
        for tr in table_rows(node, depth + 1)? {
            let mut row = TableRow {
                before: child(tr, "trPr")
                    .and_then(|p| child(p, "gridBefore"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0),
                cells: Vec::new(),
            };
            for tc in row_cells(tr, depth + 1)? {
                let props = child(tc, "tcPr");
                let span = props
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1u32)
                    .max(1);
                let vmerge = match props.and_then(|p| child(p, "vMerge")) {
                    None => VMerge::None,
                    Some(v) => match attr(v, "val") {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    },
                };
                let mut blocks = Vec::new();
                self.blocks(tc, depth + 2, &mut blocks)?;
                let mut paras = Vec::new();
                flatten(blocks, &mut paras);
                row.cells.push(TableCell {
                    span,
                    vmerge,
                    paras,
                });
            }
            rows.push(row);
        }
        Ok(rows)
    }
}

/// The `w:tr` of a table, also inside content controls and custom XML.
fn table_rows<'a, 'i>(node: Node<'a, 'i>, depth: usize) -> Result<Vec<Node<'a, 'i>>, ()> {
    containers(node, "tr", depth)
}

/// The `w:tc` of a row, also inside content controls and custom XML.
fn row_cells<'a, 'i>(node: Node<'a, 'i>, depth: usize) -> Result<Vec<Node<'a, 'i>>, ()> {
    containers(node, "tc", depth)
}

fn containers<'a, 'i>(
    node: Node<'a, 'i>,
    name: &str,
    depth: usize,
) -> Result<Vec<Node<'a, 'i>>, ()> {
    guard(depth)?;
    let mut out = Vec::new();
    for c in node.children().filter(|c| c.is_element()) {
        let local = c.tag_name().name();
        if local == name {
            out.push(c);
        } else if matches!(local, "sdt" | "sdtContent" | "customXml" | "ins") {
            out.extend(containers(c, name, depth + 1)?);
        }
    }
    Ok(out)
}

/// A nested table's paragraphs become paragraphs of the cell holding it.
fn flatten(blocks: Vec<Block>, out: &mut Vec<Para>) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p),
            Block::Table(rows) => {
                for cell in rows.into_iter().flat_map(|r| r.cells) {
                    out.extend(cell.paras);
                }
            }
        }
    }
}

/// The text of an equation (`m:t`).
fn math_text(node: Node, para: &mut Para) {
    for t in node.descendants().filter(|d| is(*d, "t")) {
        para.extend(t.text().unwrap_or_default().chars().map(Inline::Char));
    }
}

// ---------------------------------------------------------------------------------------------
// Blocks to HTML.

struct Writer {
    html: String,
    places: Vec<Place>,
}

impl Writer {
    /// Writes the characters of one place and records them.
    fn place(&mut self, location: DocxLocation, paras: &[&[Inline]]) {
        let start = self.html.len();
        let mut text = String::new();
        let mut chars = Vec::new();
        let mut prev: Option<char> = None;
        for (i, para) in paras.iter().enumerate() {
            if i > 0 {
                // Paragraphs of a cell join without a separator, like the HTML reader joins a
                // cell's <p>s, except between two ASCII letters or digits: 1 and 2 must not
                // read as 12.
                let next = para.iter().find_map(|x| match x {
                    Inline::Char(c) => Some(*c),
                    Inline::Break => None,
                });
                if prev.is_some_and(|p| p.is_ascii_alphanumeric())
                    && next.is_some_and(|n| n.is_ascii_alphanumeric())
                {
                    chars.push((self.html.len(), text.len()));
                    self.html.push(' ');
                    text.push(' ');
                }
            }
            for x in para.iter() {
                chars.push((self.html.len(), text.len()));
                match *x {
                    Inline::Char(c) => {
                        match c {
                            '&' => self.html.push_str("&amp;"),
                            '<' => self.html.push_str("&lt;"),
                            '>' => self.html.push_str("&gt;"),
                            _ => self.html.push(c),
                        }
                        text.push(c);
                        prev = Some(c);
                    }
                    Inline::Break => {
                        self.html.push_str("<br>");
                        text.push('\n');
                        prev = None;
                    }
                }
            }
        }
        self.places.push(Place {
            location,
            html: start..self.html.len(),
            text,
            chars,
        });
    }
}

fn has_text(para: &[Inline]) -> bool {
    para.iter()
        .any(|x| matches!(x, Inline::Char(c) if !c.is_whitespace()))
}

fn write_html(blocks: &[Block]) -> Docx {
    let mut w = Writer {
        html: String::from("<!DOCTYPE html>\n<html><body>\n"),
        places: Vec::new(),
    };
    let (mut paragraph, mut table) = (0u32, 0u32);
    for block in blocks {
        match block {
            Block::Para(p) => {
                if !has_text(p) {
                    continue;
                }
                paragraph += 1;
                w.html.push_str("<p>");
                w.place(DocxLocation::Paragraph(paragraph), &[p]);
                w.html.push_str("</p>\n");
            }
            Block::Table(rows) => {
                table += 1;
                write_table(&mut w, table, rows);
            }
        }
    }
    w.html.push_str("</body></html>\n");
    Docx {
        html: w.html,
        map: SourceMap { places: w.places },
    }
}

fn write_table(w: &mut Writer, table: u32, rows: &[TableRow]) {
    // The grid column where each cell starts.
    let columns: Vec<Vec<u32>> = rows
        .iter()
        .map(|r| {
            let mut col = r.before;
            r.cells
                .iter()
                .map(|c| {
                    let at = col;
                    col = col.saturating_add(c.span);
                    at
                })
                .collect()
        })
        .collect();
    // A cell continues a merge when the row above has a restart or continuing cell starting at
    // the same column; otherwise it stands alone.
    // Columns increase along a row (spans are at least 1), so lookups are binary searches:
    // a hostile table of many cells stays fast.
    let continues = |r: usize, k: usize| -> bool {
        rows[r].cells[k].vmerge == VMerge::Continue
            && r > 0
            && columns[r - 1]
                .binary_search(&columns[r][k])
                .is_ok_and(|above| rows[r - 1].cells[above].vmerge != VMerge::None)
    };
    w.html.push_str("<table>\n");
    for (r, row) in rows.iter().enumerate() {
        w.html.push_str("<tr>");
        for (k, cell) in row.cells.iter().enumerate() {
            if continues(r, k) {
                continue;
            }
            let col = columns[r][k];
            // Rows merged into this one, and the text of their continuing cells, which Word
            // keeps (it is rare) and which must not be lost.
            let mut merged = Vec::new();
            if cell.vmerge == VMerge::Restart {
                for (rr, below) in rows.iter().enumerate().skip(r + 1) {
                    let found = columns[rr]
                        .binary_search(&col)
                        .ok()
                        .filter(|&kk| continues(rr, kk));
                    let Some(kk) = found else { break };
                    merged.push((rr, kk, &below.cells[kk]));
                }
            }
            w.html.push_str("<td");
            if !merged.is_empty() {
                w.html
                    .push_str(&format!(" rowspan=\"{}\"", merged.len() + 1));
            }
            if cell.span > 1 {
                w.html.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            w.html.push('>');
            let cell_at = |row: usize| DocxLocation::Cell {
                table,
                row: row as u32 + 1,
                column: col + 1,
            };
            let paras: Vec<&[Inline]> = cell.paras.iter().map(Vec::as_slice).collect();
            w.place(cell_at(r), &paras);
            for (rr, _, below) in merged {
                if below.paras.iter().any(|p| has_text(p)) {
                    w.html.push(' ');
                    let paras: Vec<&[Inline]> = below.paras.iter().map(Vec::as_slice).collect();
                    w.place(cell_at(rr), &paras);
                }
            }
            w.html.push_str("</td>");
        }
        w.html.push_str("</tr>\n");
    }
    w.html.push_str("</table>\n");
}

#[cfg(test)]
mod tests;
