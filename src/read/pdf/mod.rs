//! PDF input: the published PDF read from its text layer, the tables rebuilt from where each
//! character and ruling line sits on the page ([`layout`]), written out as HTML that
//! [`crate::read::html`] reads — the same route as Word documents ([`crate::read::docx`]), so every rule
//! applies unchanged — with a [`SourceMap`] from the HTML back to the page and line
//! (`第3页 第12行`) or the table cell (`第3页 表三 第5行第3列`).
//!
//! The file is parsed by `lopdf` (cross-reference tables and streams, object streams,
//! decryption with the empty user password, damaged cross-references rebuilt); the content
//! streams are run here ([`content`]) with the fonts' ToUnicode maps and the predefined Chinese
//! CMaps ([`font`]).
//!
//! Errors: a file that is not a PDF, is damaged or truncated past repair, is encrypted with a
//! password, has a stream that inflates beyond [`MAX_STREAM`] (a bomb), or has no text layer
//! (a scanned report: it needs OCR first). Memory stays within a small multiple of the file:
//! lopdf holds the parsed objects, one page's content at a time is inflated and run.

pub mod content;
pub mod font;
pub mod layout;

use std::fmt;
use std::path::Path;

use crate::read::docx::{Docx, DocxLocation, PlaceParts, SourceMap};
use layout::{Element, Page};

/// The most bytes one stream may inflate to, and one page's content streams together.
pub const MAX_STREAM: usize = 32 << 20;
/// The most pages read (an annual report has fewer than 50).
pub const MAX_PAGES: usize = 2000;

/// Why a PDF could not be read.
#[derive(Debug)]
pub enum PdfError {
    Io(std::io::Error),
    /// lopdf could not parse it (not a PDF, damaged or truncated).
    Malformed(String),
    Encrypted,
    /// The file does not end with `%%EOF`: cut off (an interrupted download).
    Truncated,
    /// A stream inflates beyond [`MAX_STREAM`].
    TooLarge,
    /// No page has text: a scanned document.
    NoText {
        pages: usize,
    },
    /// Most characters have no known Unicode meaning (fonts without ToUnicode).
    Undecodable {
        percent: usize,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Io(e) => write!(f, "无法读取文件（cannot read file）: {e}"),
            PdfError::Malformed(e) => write!(
                f,
                "不是有效的 PDF 文件，或文件已损坏、不完整（not a valid PDF, or damaged or truncated: {e}）"
            ),
            PdfError::Encrypted => f.write_str(
                "PDF 已加密，需要密码才能打开，未读取（the PDF is encrypted with a password; not read）",
            ),
            PdfError::Truncated => f.write_str(
                "PDF 文件不完整（结尾缺少 %%EOF，可能下载中断），未读取（the PDF is truncated: it does not end with %%EOF, perhaps an interrupted download; not read）",
            ),
            PdfError::TooLarge => write!(
                f,
                "PDF 中的数据流解压后超过 {} MiB，未读取（a stream of the PDF inflates beyond {} MiB; not read）",
                MAX_STREAM >> 20,
                MAX_STREAM >> 20
            ),
            PdfError::NoText { pages } => write!(
                f,
                "PDF 共 {pages} 页，没有文字层（可能是扫描件），需先进行文字识别（OCR）（the PDF's {pages} page(s) have no text layer, probably a scan: it needs OCR first）"
            ),
            PdfError::Undecodable { percent } => write!(
                f,
                "PDF 中 {percent}% 的文字无法解码（字体缺少 ToUnicode 映射），未读取（{percent}% of the PDF's characters cannot be decoded: fonts without a ToUnicode map; not read）"
            ),
        }
    }
}

impl std::error::Error for PdfError {}

/// True for a path named `*.pdf` (any case).
pub fn is_pdf_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// True for bytes that start with `%PDF-` (after at most 1 KB of leading junk, as readers
/// allow).
pub fn is_pdf_bytes(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// True for a `.pdf` path, or a file whose first bytes are `%PDF-`.
pub fn is_pdf_file(path: &Path) -> bool {
    if is_pdf_path(path) {
        return true;
    }
    use std::io::Read;
    // Only a regular file is opened to look: opening a FIFO waits for a writer.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 1024];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    head[..n].starts_with(b"%PDF-")
}

pub fn read_file(path: &Path) -> Result<Docx, PdfError> {
    let bytes = crate::read::input::read_regular(path).map_err(PdfError::Io)?;
    read_bytes(&bytes)
}

/// Reads a PDF from its bytes. Never panics: lopdf is trusted with hostile input only behind
/// `catch_unwind`, which turns a panic in it into a [`PdfError::Malformed`].
pub fn read_bytes(bytes: &[u8]) -> Result<Docx, PdfError> {
    match std::panic::catch_unwind(|| read_inner(bytes)) {
        Ok(r) => r,
        Err(_) => Err(PdfError::Malformed("internal parser failure".into())),
    }
}

/// The pages of a PDF: characters and ruling lines.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    if !is_pdf_bytes(bytes) {
        return Err(PdfError::Malformed("no %PDF- header".into()));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if memchr::memmem::find(tail, b"%%EOF").is_none() {
        return Err(PdfError::Truncated);
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::TooLarge
        }
        other => PdfError::Malformed(other.to_string()),
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(PdfError::Malformed("no pages".into()));
    }
    let mut interpreter = content::Interpreter::new(&doc, MAX_STREAM);
    let mut pages = Vec::new();
    for (_, id) in page_ids.into_iter().take(MAX_PAGES) {
        let (width, height) = page_size(&doc, id);
        let content = interpreter
            .page(id)
            .map_err(|content::TooLarge| PdfError::TooLarge)?;
        pages.push(Page {
            width,
            height,
            chars: content.chars,
            segments: content.segments,
        });
    }
    Ok(pages)
}

fn read_inner(bytes: &[u8]) -> Result<Docx, PdfError> {
    let pages = pages(bytes)?;
    let total: usize = pages
        .iter()
        .flat_map(|p| &p.chars)
        .filter(|c| !c.text.trim().is_empty())
        .count();
    if total == 0 {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    let unknown = pages
        .iter()
        .flat_map(|p| &p.chars)
        .filter(|c| c.text.contains('\u{FFFD}'))
        .count();
    if unknown * 2 > total {
        return Err(PdfError::Undecodable {
            percent: unknown * 100 / total,
        });
    }
    Ok(write_html(&layout::layout(&pages)))
}

/// The page's size from its MediaBox (A4 when it has none).
fn page_size(doc: &lopdf::Document, page: lopdf::ObjectId) -> (f64, f64) {
    let mut id = Some(page);
    for _ in 0..32 {
        let Some(dict) = id.and_then(|i| doc.get_dictionary(i).ok()) else {
            break;
        };
        if let Some(lopdf::Object::Array(b)) = font::deref(doc, dict.get(b"MediaBox").ok()) {
            let v: Vec<f64> = b
                .iter()
                .filter_map(|o| font::deref(doc, Some(o)).and_then(font::number))
                .collect();
            if v.len() == 4 {
                return ((v[2] - v[0]).abs(), (v[3] - v[1]).abs());
            }
        }
        id = dict.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    (595.0, 842.0)
}

// ---------------------------------------------------------------------------------------------
// Elements to HTML.

/// `一` … `十`: the numeral of a section heading such as `三、收到和处理…`.
fn section_numeral(line: &str) -> Option<u32> {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let mut chars = line.trim_start().chars();
    let first = chars.next()?;
    let n = NUMERALS.iter().position(|&c| c == first)? as u32 + 1;
    matches!(chars.next(), Some('、' | '.' | '．')).then_some(n)
}

fn write_html(elements: &[Element]) -> Docx {
    let mut html = String::from("<!DOCTYPE html>\n<html><body>\n");
    let mut places = Vec::new();
    let mut table_ordinal = 0;
    // The section a table sits in names it (`表三`) when it is the first table there.
    let mut section: Option<u32> = None;
    for e in elements {
        match e {
            Element::Line(line) => {
                if let Some(n) = section_numeral(&line.text) {
                    section = Some(n);
                }
                html.push_str("<p>");
                place(
                    &mut html,
                    &mut places,
                    DocxLocation::PdfLine {
                        page: line.page,
                        line: line.number,
                    },
                    &line.text,
                );
                html.push_str("</p>\n");
            }
            Element::Table(table) => {
                table_ordinal += 1;
                let (name, by_section) = match section.take() {
                    Some(n) => (n, true),
                    None => (table_ordinal, false),
                };
                html.push_str("<table>\n");
                for row in &table.rows {
                    html.push_str("<tr>");
                    for cell in &row.cells {
                        html.push_str("<td");
                        if cell.rowspan > 1 {
                            html.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
                        }
                        if cell.colspan > 1 {
                            html.push_str(&format!(" colspan=\"{}\"", cell.colspan));
                        }
                        html.push('>');
                        place(
                            &mut html,
                            &mut places,
                            DocxLocation::PdfCell {
                                page: row.page,
                                table: name,
                                by_section,
                                row: row.number,
                                column: cell.column,
                            },
                            &cell.text,
                        );
                        html.push_str("</td>");
                    }
                    html.push_str("</tr>\n");
                }
                html.push_str("</table>\n");
            }
        }
    }
    html.push_str("</body></html>\n");
    Docx {
        html,
        map: SourceMap::from_places(places),
    }
}

/// Writes a place's text, escaped, and records where each character went.
fn place(html: &mut String, places: &mut Vec<PlaceParts>, location: DocxLocation, text: &str) {
    let start = html.len();
    let mut chars = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        chars.push((html.len(), i));
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(c),
        }
    }
    places.push((location, start..html.len(), text.to_string(), chars));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_and_garbage_are_errors_not_panics() {
        assert!(matches!(read_bytes(b"hello"), Err(PdfError::Malformed(_))));
        assert!(read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF").is_err());
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
        assert!(read_bytes(&bytes).is_err());
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend(b"1 0 obj << >> endobj");
        assert!(matches!(read_bytes(&bytes), Err(PdfError::Truncated)));
    }

    #[test]
    fn section_numerals_name_tables() {
        assert_eq!(
            section_numeral("三、收到和处理政府信息公开申请情况"),
            Some(3)
        );
        assert_eq!(section_numeral("三是加强"), None);
    }
}
