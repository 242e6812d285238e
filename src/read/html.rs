//! HTML input: a small, tolerant tokenizer that turns a web page into the reader's [`Piece`]s.
//!
//! Reports are published as hand-written CMS pages, saved Word exports and scraped fragments;
//! many are malformed. A full HTML parser would add a dependency and still not tell us what we
//! need, which is only: the text of each table cell (joined across `<span>`, `<font>`, `<p>`,
//! `<br>`), where rows end, and where block-level text breaks into lines. Everything here works
//! on byte offsets into the original source so that findings and fixes point at the real file.
//!
//! Guarantees: no panics on any input, linear time, no recursion.

use crate::read::text::{Fragment, FragmentText, Piece, SrcChar};

/// True when the source looks like HTML: it starts (after a BOM and white space) with a typical
/// document or block tag, or it contains `<table` / `<td` tags anywhere.
pub fn looks_like_html(src: &str) -> bool {
    let head = src.trim_start_matches('\u{FEFF}').trim_start().as_bytes();
    if starts_with_ci(head, b"<!doctype") || starts_with_ci(head, b"<?xml") {
        return true;
    }
    const STARTS: [&[u8]; 7] = [b"html", b"head", b"body", b"meta", b"table", b"div", b"p"];
    if head.first() == Some(&b'<') && STARTS.iter().any(|name| is_tag_at(head, 1, name)) {
        return true;
    }
    let bytes = src.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'<' && (is_tag_at(bytes, i + 1, b"table") || is_tag_at(bytes, i + 1, b"td"))
    })
}

/// Turns HTML into the reader's pieces: one cell fragment per `<td>`/`<th>`, [`Piece::RowEnd`]
/// after each row, and outside tables one fragment per block of text followed by
/// [`Piece::LineEnd`]. Markup, scripts, styles and comments contribute no text.
pub fn html_pieces(src: &str) -> Vec<Piece> {
    let bytes = src.as_bytes();
    let mut scanner = Scanner::new(bytes);
    let mut out = Builder::new();
    let mut i = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    while i < bytes.len() {
        match bytes[i] {
            b'<' => i = markup(src, &mut scanner, &mut out, i),
            b'&' => match decode_entity(src, i) {
                Some((ch, end)) => {
                    out.push_char(ch, i, end);
                    i = end;
                }
                None => {
                    out.push_char('&', i, i + 1);
                    i += 1;
                }
            },
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'<' || b == b'&')
                    .map_or(bytes.len(), |k| i + k);
                // `<` and `&` are ASCII, so `i..end` lies on char boundaries.
                out.push_text(src, i, end);
                i = end;
            }
        }
    }
    out.finish()
}

/// Elements whose content is never shown as page text (or is not HTML text at all).
const SKIPPED: [&str; 6] = ["script", "style", "noscript", "template", "xml", "iframe"];

/// Elements that break text into lines outside tables. Inside a cell they contribute nothing:
/// "本年新<br />制作数量" is one label.
const BLOCKS: [&str; 37] = [
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "title",
    "section",
    "article",
    "body",
    "hr",
    "dd",
    "dt",
    "dl",
    "blockquote",
    "ul",
    "ol",
    "caption",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "center",
    "pre",
    "form",
    "figure",
    "figcaption",
    "address",
    "html",
    "head",
];

/// Elements that never have content; a value typed into a blank cell cannot go inside them.
const VOID: [&str; 10] = [
    "br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "param",
];

/// Handles the markup starting at `at` (a `<`) and returns where reading continues.
fn markup(src: &str, scanner: &mut Scanner, out: &mut Builder, at: usize) -> usize {
    let bytes = src.as_bytes();
    let len = bytes.len();
    let next = bytes.get(at + 1).copied();
    match next {
        Some(b'!') => {
            if bytes[at..].starts_with(b"<!--") {
                // A comment, including Word's `<!--[if gte mso 9]>…<![endif]-->` blocks.
                // Searching from `<!` also ends `<!-->` and `<!--->`, empty comments in browsers.
                return find(bytes, at + 2, b"-->").map_or(len, |k| k + 3);
            }
            if bytes[at..].starts_with(b"<![CDATA[") {
                return find(bytes, at + 9, b"]]>").map_or(len, |k| k + 3);
            }
            // `<!DOCTYPE …>`, Word's `<![if !supportLists]>` / `<![endif]>`: markup only.
            scanner.next_gt(at + 2).map_or(len, |k| k + 1)
        }
        Some(b'?') => scanner.next_gt(at + 2).map_or(len, |k| k + 1),
        Some(b'/') => {
            let name_start = at + 2;
            if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                // `</>` or `</ …>`: a bogus comment in browsers; a lone `</` is text.
                return match scanner.next_gt(name_start) {
                    Some(k) => k + 1,
                    None => {
                        out.push_char('<', at, at + 1);
                        at + 1
                    }
                };
            }
            let name_end = tag_name_end(bytes, name_start);
            let Some(end) = scanner.tag_end(name_end) else {
                out.push_char('<', at, at + 1);
                return at + 1;
            };
            let name = src[name_start..name_end].to_ascii_lowercase();
            out.end_tag(&name);
            end
        }
        Some(b) if b.is_ascii_alphabetic() => {
            let name_start = at + 1;
            let name_end = tag_name_end(bytes, name_start);
            let Some(end) = scanner.tag_end(name_end) else {
                // No `>` anywhere after: "a<b" is text.
                out.push_char('<', at, at + 1);
                return at + 1;
            };
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            let name = src[name_start..name_end].to_ascii_lowercase();
            if SKIPPED.contains(&name.as_str()) && !self_closing {
                return skip_element(bytes, scanner, end, &name);
            }
            if name == "title" && !self_closing {
                if let Some(close) = scanner.title_close(end) {
                    // RCDATA: the title is text up to `</title`, tags included; keep it whole
                    // since it often is the report title.
                    out.block();
                    push_rcdata(src, out, end, close);
                    out.block();
                    return scanner.next_gt(close).map_or(len, |k| k + 1);
                }
            }
            out.start_tag(&name, end, self_closing);
            end
        }
        _ => {
            // A `<` that starts no tag ("1<2", "<" at the end) is text.
            out.push_char('<', at, at + 1);
            at + 1
        }
    }
}

/// Skips the content of a skipped element whose start tag ends at `from`, up to and including
/// its end tag (or to the end of the source when it has none, as browsers do for scripts).
fn skip_element(bytes: &[u8], scanner: &mut Scanner, from: usize, name: &str) -> usize {
    let mut close = Vec::with_capacity(name.len() + 2);
    close.extend_from_slice(b"</");
    close.extend_from_slice(name.as_bytes());
    match find_ci(bytes, from, &close) {
        Some(k) => scanner
            .next_gt(k + close.len())
            .map_or(bytes.len(), |g| g + 1),
        None => bytes.len(),
    }
}

/// Pushes `src[from..to]` as text with entities decoded (tags there are literal text).
fn push_rcdata(src: &str, out: &mut Builder, from: usize, to: usize) {
    let mut i = from;
    while i < to {
        if src.as_bytes()[i] == b'&' {
            if let Some((ch, end)) = decode_entity(src, i).filter(|&(_, end)| end <= to) {
                out.push_char(ch, i, end);
                i = end;
                continue;
            }
        }
        let end = src.as_bytes()[i + 1..to]
            .iter()
            .position(|&b| b == b'&')
            .map_or(to, |k| i + 1 + k);
        out.push_text(src, i, end);
        i = end;
    }
}

/// The end of a tag name starting at `from`. Names include Office prefixes (`o:p`, `st1:chsdate`).
fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_' | b'.')))
        .map_or(bytes.len(), |k| from + k)
}

/// Finds the ends of tags in linear time overall, even on hostile input.
struct Scanner<'a> {
    bytes: &'a [u8],
    /// No `>` occurs at or after this position (learned from a failed search).
    no_gt_from: usize,
    /// Set once a quoted attribute value ran to the end of the source: from then on quotes are
    /// not trusted, so that unbalanced quotes cannot make every later tag rescan the rest of the
    /// file.
    ignore_quotes: bool,
    /// No `</title` occurs at or after this position: repeated unclosed `<title>` tags must not
    /// each search to the end.
    no_title_close_from: usize,
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Scanner {
            bytes,
            no_gt_from: bytes.len(),
            ignore_quotes: false,
            no_title_close_from: bytes.len(),
        }
    }

    /// The position of the next `</title` at or after `from`.
    fn title_close(&mut self, from: usize) -> Option<usize> {
        if from >= self.no_title_close_from {
            return None;
        }
        let found = find_ci(self.bytes, from, b"</title");
        if found.is_none() {
            self.no_title_close_from = from;
        }
        found
    }

    /// The position of the next `>` at or after `from`, ignoring quotes.
    fn next_gt(&mut self, from: usize) -> Option<usize> {
        if from >= self.no_gt_from {
            return None;
        }
        match self.bytes[from..self.no_gt_from]
            .iter()
            .position(|&b| b == b'>')
        {
            Some(k) => Some(from + k),
            None => {
                self.no_gt_from = from;
                None
            }
        }
    }

    /// The position just after the `>` closing a tag whose attributes start at `from`. Quoted
    /// attribute values may contain `>`. `None` when no `>` follows at all.
    fn tag_end(&mut self, from: usize) -> Option<usize> {
        let first_gt = self.next_gt(from)?;
        if self.ignore_quotes {
            return Some(first_gt + 1);
        }
        let bytes = self.bytes;
        let mut i = from;
        // The last non-space byte before `i`: a quote right after `=` opens a value.
        let mut prev = 0u8;
        while i < bytes.len() {
            match bytes[i] {
                b'>' => return Some(i + 1),
                q @ (b'"' | b'\'') if prev == b'=' => {
                    match bytes[i + 1..].iter().position(|&b| b == q) {
                        Some(k) => i += k + 2,
                        None => break,
                    }
                    prev = q;
                }
                b => {
                    if !b.is_ascii_whitespace() {
                        prev = b;
                    }
                    i += 1;
                }
            }
        }
        // The quotes never balance: fall back to the first `>` like a lenient reader would.
        self.ignore_quotes = true;
        Some(first_gt + 1)
    }
}

/// An open table cell.
struct Cell {
    chars: Vec<SrcChar>,
    /// Where a value would be typed if the cell stays blank: just inside the innermost element
    /// opened in the cell (after `<td>`, `<p>`, `<span>`, `<o:p>`), so that a fix keeps the
    /// cell's styling.
    blank_at: usize,
}

/// Gives back the spare capacity of a long fragment (grown by doubling, it may hold nearly
/// twice its characters); short ones are left alone, not worth a reallocation each.
fn shrink_if_spare(chars: &mut Vec<SrcChar>) {
    if chars.capacity() - chars.len() > 1024 {
        chars.shrink_to_fit();
    }
}

/// Collects pieces while the tokenizer walks the source.
struct Builder {
    pieces: Vec<Piece>,
    /// Text of the current non-cell fragment.
    para: Vec<SrcChar>,
    cell: Option<Cell>,
    /// For each open table (index 0: outside any table), whether a row is open. A stack, so that
    /// a nested table's rows do not end the outer row.
    rows: Vec<bool>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            pieces: Vec::new(),
            para: Vec::new(),
            cell: None,
            rows: vec![false],
        }
    }

    /// Adds one decoded character covering `start..end` of the source. Source line breaks and
    /// tabs are plain spaces, as in a browser, so they never split a line of the text view.
    fn push_char(&mut self, ch: char, start: usize, end: usize) {
        let ch = if matches!(ch, '\n' | '\r' | '\t' | '\u{0C}') {
            ' '
        } else {
            ch
        };
        let c = SrcChar::new(ch, start, end);
        match &mut self.cell {
            Some(cell) => cell.chars.push(c),
            None => self.para.push(c),
        }
    }

    /// Adds the text `src[from..to]`, which holds no markup.
    fn push_text(&mut self, src: &str, from: usize, to: usize) {
        for (k, ch) in src[from..to].char_indices() {
            let start = from + k;
            self.push_char(ch, start, start + ch.len_utf8());
        }
    }

    fn row_open(&mut self) -> &mut bool {
        if self.rows.is_empty() {
            self.rows.push(false);
        }
        let last = self.rows.len() - 1;
        &mut self.rows[last]
    }

    fn start_tag(&mut self, name: &str, tag_end: usize, self_closing: bool) {
        match name {
            "td" | "th" => {
                // A nested `<td>` (or a missing `</td>`) closes the open cell first.
                self.close_cell();
                self.flush_para();
                *self.row_open() = true;
                self.cell = Some(Cell {
                    chars: Vec::new(),
                    blank_at: tag_end,
                });
            }
            "tr" => {
                self.close_cell();
                self.end_row();
                self.line_end();
                *self.row_open() = true;
            }
            "table" => {
                self.close_cell();
                self.line_end();
                self.rows.push(false);
            }
            _ => {
                if let Some(cell) = &mut self.cell {
                    if !self_closing && !VOID.contains(&name) {
                        cell.blank_at = tag_end;
                    }
                } else if BLOCKS.contains(&name) {
                    self.line_end();
                }
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "td" | "th" => self.close_cell(),
            "tr" => {
                self.close_cell();
                self.end_row();
            }
            "table" => {
                self.close_cell();
                self.flush_para();
                self.end_row();
                if self.rows.len() > 1 {
                    self.rows.pop();
                }
                self.line_end();
            }
            _ if self.cell.is_none() && BLOCKS.contains(&name) => self.line_end(),
            _ => {}
        }
    }

    /// A block boundary that is not a table tag (used around `<title>`).
    fn block(&mut self) {
        if self.cell.is_none() {
            self.line_end();
        }
    }

    /// Emits [`Piece::RowEnd`] if a row of the innermost table is open.
    fn end_row(&mut self) {
        let open = self.row_open();
        if *open {
            *open = false;
            self.flush_para();
            self.pieces.push(Piece::RowEnd);
        }
    }

    fn close_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let first = cell.chars.iter().find(|c| !c.ch.is_whitespace());
        let last = cell.chars.iter().rev().find(|c| !c.ch.is_whitespace());
        let span = match (first, last) {
            (Some(f), Some(l)) => f.start as usize..l.end as usize,
            _ => cell.blank_at..cell.blank_at,
        };
        let mut chars = cell.chars;
        shrink_if_spare(&mut chars);
        self.pieces.push(Piece::Fragment(Fragment {
            text: FragmentText::Decoded(chars),
            cell: true,
            span,
        }));
    }

    /// Emits the pending non-cell text, trimmed, unless it is only white space.
    fn flush_para(&mut self) {
        let mut chars = std::mem::take(&mut self.para);
        let Some(first) = chars.iter().position(|c| !c.ch.is_whitespace()) else {
            return;
        };
        let last = chars
            .iter()
            .rposition(|c| !c.ch.is_whitespace())
            .unwrap_or(first);
        // Trimmed in place: a copy would hold the paragraph twice for a moment.
        chars.truncate(last + 1);
        chars.drain(..first);
        shrink_if_spare(&mut chars);
        let span = chars[0].start as usize..chars[chars.len() - 1].end as usize;
        self.pieces.push(Piece::Fragment(Fragment {
            text: FragmentText::Decoded(chars),
            cell: false,
            span,
        }));
    }

    /// Ends the current line: flushes text and emits one [`Piece::LineEnd`] (never two in a row,
    /// never first).
    fn line_end(&mut self) {
        self.flush_para();
        if !matches!(self.pieces.last(), None | Some(Piece::LineEnd)) {
            self.pieces.push(Piece::LineEnd);
        }
    }

    fn finish(mut self) -> Vec<Piece> {
        self.close_cell();
        self.flush_para();
        while let Some(open) = self.rows.pop() {
            if open {
                self.pieces.push(Piece::RowEnd);
            }
        }
        self.line_end();
        self.pieces
    }
}

/// Decodes the character reference starting at `at` (an `&`). Returns the character and the end
/// of the reference, or `None` when it is not one we know (it then stays literal text).
fn decode_entity(src: &str, at: usize) -> Option<(char, usize)> {
    let bytes = src.as_bytes();
    let mut i = at + 1;
    if bytes.get(i) == Some(&b'#') {
        i += 1;
        let hex = matches!(bytes.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let radix = if hex { 16 } else { 10 };
        let digits_start = i;
        let mut value: u32 = 0;
        while let Some(d) = bytes.get(i).and_then(|&b| char::from(b).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(d);
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        if bytes.get(i) == Some(&b';') {
            i += 1;
        }
        // Like browsers: NUL, surrogates and out-of-range values become U+FFFD.
        let ch = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some((ch, i));
    }
    let name_len = bytes[i..]
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &src[i..i + name_len];
    let end = i + name_len;
    let ch = named_entity(name)?;
    if bytes.get(end) == Some(&b';') {
        Some((ch, end + 1))
    } else if matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg") {
        // Legacy references that browsers accept without the semicolon.
        Some((ch, end))
    } else {
        None
    }
}

/// The named references that occur in Chinese government pages.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{A0}',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "middot" => '·',
        "bull" => '•',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "deg" => '°',
        "sect" => '§',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "zwsp" => '\u{200B}',
        _ => return None,
    })
}

/// First occurrence of `needle` in `bytes[from..]`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

/// First occurrence of `needle` in `bytes[from..]`, ignoring ASCII case.
fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|k| from + k)
}

fn starts_with_ci(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Whether `bytes[at..]` is the tag name `name` followed by the end of the name (`>`, `/`,
/// white space or the end of input): `<p>` and `<p class=…>`, not `<pre>`.
fn is_tag_at(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let Some(rest) = bytes.get(at..) else {
        return false;
    };
    starts_with_ci(rest, name)
        && rest
            .get(name.len())
            .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces as strings: `[text]` for cells, bare text for other fragments, `$` for row ends,
    /// `/` for line ends.
    fn show(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Fragment(f) => {
                    let s = text_of(f);
                    if f.cell {
                        format!("[{}]", s.trim())
                    } else {
                        s
                    }
                }
                Piece::RowEnd => "$".into(),
                Piece::LineEnd => "/".into(),
            })
            .collect()
    }

    fn text_of(f: &Fragment) -> String {
        f.chars().map(|c| c.ch).collect()
    }

    fn cells(pieces: &[Piece]) -> Vec<&Fragment> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Fragment(f) if f.cell => Some(f),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn small_table_with_blank_cells() {
        let src = "<table><tr><td>规章</td><td>3</td><td>&nbsp;</td></tr>\n\
                   <tr><td>行政规范性文件</td><td></td><td> 12 </td></tr></table>";
        let p = html_pieces(src);
        assert_eq!(
            show(&p),
            [
                "[规章]",
                "[3]",
                "[]",
                "$",
                "/",
                "[行政规范性文件]",
                "[]",
                "[12]",
                "$",
                "/"
            ]
        );
        let c = cells(&p);
        // The `&nbsp;` cell is blank, with an empty span at the entity.
        let nbsp = src.find("&nbsp;").unwrap();
        assert_eq!(c[2].span, nbsp..nbsp);
        assert_eq!(c[2].char_count(), 1);
        // The empty cell's span sits just after its `<td>`.
        let empty = src.find("<td></td>").unwrap() + 4;
        assert_eq!(c[4].span, empty..empty);
        // A value cell's span covers its text only.
        assert_eq!(&src[c[5].span.clone()], "12");
        assert_eq!(&src[c[0].span.clone()], "规章");
    }

    #[test]
    fn label_split_over_spans_joins() {
        let src = r#"<table><tr><td colspan="3"><p style="a"><span style="font-family: 微软雅黑;">一</span><span>、本年新收政府信息公开申请数量</span><span><o:p></o:p></span></p>
      </td><td><p><span><o:p> </o:p></span></p></td></tr></table>"#;
        let p = html_pieces(src);
        let c = cells(&p);
        assert_eq!(c.len(), 2);
        assert_eq!(text_of(c[0]).trim(), "一、本年新收政府信息公开申请数量");
        let start = src.find('一').unwrap();
        let end = src.find("数量").unwrap() + "数量".len();
        assert_eq!(c[0].span, start..end);
        // A Word blank cell: the empty span sits inside the innermost element, at the space.
        let space = src.find("<o:p> </o:p>").unwrap() + 5;
        assert_eq!(c[1].span, space..space);
        assert!(text_of(c[1]).trim().is_empty());
    }

    #[test]
    fn br_inside_header_cell_contributes_nothing() {
        let src =
            "<table><tr><th>本年新<br />制作数量</th><th>本年<br>废止<p>件数</p></th></tr></table>";
        let p = html_pieces(src);
        assert_eq!(show(&p), ["[本年新制作数量]", "[本年废止件数]", "$", "/"]);
    }

    #[test]
    fn entity_offsets_cover_the_entity() {
        let src = "<p>a&nbsp;b&#20013;&#x6587;&amp;&lt;&unknown;&ldquo;</p>";
        let p = html_pieces(src);
        let Piece::Fragment(f) = &p[0] else {
            panic!("{p:?}")
        };
        assert_eq!(text_of(f), "a\u{A0}b中文&<&unknown;“");
        let chars: Vec<SrcChar> = f.chars().collect();
        let nbsp = chars[1];
        assert_eq!((nbsp.ch, nbsp.end - nbsp.start), ('\u{A0}', 6));
        assert_eq!(&src[nbsp.range()], "&nbsp;");
        assert_eq!(&src[chars[3].range()], "&#20013;");
        assert_eq!(&src[chars[4].range()], "&#x6587;");
        // An unknown entity stays literal, one char per source byte.
        let amp = chars
            .iter()
            .position(|c| c.ch == '&' && c.end - c.start == 1);
        assert_eq!(
            &src[chars[amp.unwrap()].range().start..],
            "&unknown;&ldquo;</p>"
        );
        assert_eq!(f.span, 3..src.len() - 4);
    }

    #[test]
    fn scripts_styles_comments_are_skipped() {
        let src = "<!DOCTYPE html><html><head><title> 某某局2023年政府信息公开工作年度报告 </title>\
            <style>td { x: '<td>' }</style><script>var s = \"</td><p>x</p>\";</script></head>\
            <body><!-- <p>hidden</p> --><!--[if gte mso 9]><xml><w:Word>Print</w:Word></xml><![endif]-->\
            <![if !supportLists]>1.<![endif]><p>正文<o:p></o:p></p><![CDATA[ nope ]]></body></html>";
        let p = html_pieces(src);
        assert_eq!(
            show(&p),
            [
                "某某局2023年政府信息公开工作年度报告",
                "/",
                "1.",
                "/",
                "正文",
                "/"
            ]
        );
    }

    #[test]
    fn paragraphs_outside_tables_are_lines() {
        let src = "<div><p>一、总体情况</p>\n<p>2023年，\n  本局<span>坚持</span>公开。</p>\
            文字<br>下一行<h2>标题</h2></div>";
        let p = html_pieces(src);
        assert_eq!(
            show(&p),
            [
                "一、总体情况",
                "/",
                "2023年，   本局坚持公开。",
                "/",
                "文字",
                "/",
                "下一行",
                "/",
                "标题",
                "/"
            ]
        );
    }

    #[test]
    fn rows_end_without_closing_tags() {
        let src = "<table><tr><td>a<td>b<tr><td>c</table>after";
        let p = html_pieces(src);
        assert_eq!(
            show(&p),
            ["[a]", "[b]", "$", "/", "[c]", "$", "/", "after", "/"]
        );
    }

    #[test]
    fn nested_td_closes_the_outer_cell() {
        let src =
            "<table><tr><td>外<table><tr><td>内</td></tr></table>尾</td><td>2</td></tr></table>";
        let p = html_pieces(src);
        assert_eq!(
            show(&p),
            ["[外]", "/", "[内]", "$", "/", "尾", "[2]", "$", "/"]
        );
    }

    #[test]
    fn attribute_values_may_hold_angle_brackets() {
        let src = r#"<table><tr><td title="a>b" data-x='<td>'>7</td></tr></table>"#;
        let p = html_pieces(src);
        assert_eq!(show(&p), ["[7]", "$", "/"]);
    }

    #[test]
    fn malformed_input_does_not_panic() {
        let inputs = [
            "",
            "<",
            "<<<<",
            "a < b",
            "&",
            "&#",
            "&#x",
            "&#99999999999999999999;",
            "&#xD800;",
            "<!--",
            "<!-- never closed <p>x</p>",
            "<!",
            "<!-->text",
            "<?",
            "</",
            "</>",
            "<td",
            "<td class=\"x",
            "<p title=\"x>y<p title='z>text",
            "<table><tr><td>1",
            "<script>alert(1)",
            "<title>unterminated",
            "</td></tr></table></table></p>",
            "<![CDATA[",
            "中文<中文>&中文;",
            "\u{FEFF}<p>bom</p>",
        ];
        for src in inputs {
            let pieces = html_pieces(src);
            for piece in &pieces {
                if let Piece::Fragment(f) = piece {
                    assert!(
                        f.span.start <= f.span.end && f.span.end <= src.len(),
                        "{src}"
                    );
                    for c in f.chars() {
                        let r = c.range();
                        assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
                    }
                }
            }
        }
        assert_eq!(show(&html_pieces("a < b")), ["a < b", "/"]);
        assert_eq!(show(&html_pieces("<table><tr><td>1")), ["[1]", "$", "/"]);
        assert_eq!(show(&html_pieces("\u{FEFF}<p>bom</p>")), ["bom", "/"]);
    }

    #[test]
    fn deep_and_hostile_input_is_fine() {
        let deep = "<div><span><td><table>".repeat(20_000);
        let _ = html_pieces(&deep);
        let quotes = "<a x=\"".repeat(20_000);
        let _ = html_pieces(&quotes);
        let titles = "<title>".repeat(20_000);
        let _ = html_pieces(&titles);
        let many_quotes = format!("<a {}>x", "\"".repeat(100_000));
        assert_eq!(show(&html_pieces(&many_quotes)), ["x", "/"]);
        let no_gt = "<a b".repeat(20_000);
        assert_eq!(html_pieces(&no_gt).len(), 2);
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html("\u{FEFF}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<html lang=\"zh\">"));
        assert!(looks_like_html("<p style='text-align: center'>标题</p>"));
        assert!(looks_like_html("<meta charset=\"utf-8\">"));
        assert!(looks_like_html("<DIV>x</DIV>"));
        assert!(looks_like_html(
            "标题\n正文<table border=1><tr><td>1</td></tr></table>"
        ));
        assert!(looks_like_html("x <td>1</td>"));
        assert!(!looks_like_html("一、总体情况\n| 规章 | 1 |\n"));
        assert!(!looks_like_html("<pre>not really</pre> 1 < 2"));
        assert!(!looks_like_html("a <tdx> b <tables"));
        assert!(!looks_like_html(""));
    }

    /// The corpus pages, when present: Word-style spans (015) and one-line CMS HTML (014).
    #[test]
    fn corpus_pages() {
        let dir = std::path::Path::new("/work/shared/corpus/real");
        if let Ok(src) = std::fs::read_to_string(dir.join("015.html")) {
            assert!(looks_like_html(&src));
            let p = html_pieces(&src);
            let texts: Vec<String> = cells(&p).iter().map(|f| text_of(f).trim().into()).collect();
            let at = texts
                .iter()
                .position(|t| t == "一、本年新收政府信息公开申请数量")
                .expect("label cell");
            assert_eq!(texts[at + 1], "26");
            assert!(!show(&p).iter().any(|s| s.contains("function")));
        }
        if let Ok(src) = std::fs::read_to_string(dir.join("014.html")) {
            assert!(looks_like_html(&src));
            let p = html_pieces(&src);
            let at = p
                .iter()
                .position(|piece| {
                    matches!(piece, Piece::Fragment(f)
                        if f.cell && text_of(f).trim() == "一、本年新收政府信息公开申请数量")
                })
                .expect("label cell");
            let row: Vec<String> = p[at + 1..]
                .iter()
                .take_while(|piece| **piece != Piece::RowEnd)
                .map(|piece| match piece {
                    Piece::Fragment(f) => {
                        assert!(f.cell);
                        if f.span.is_empty() {
                            String::new()
                        } else {
                            src[f.span.clone()].to_string()
                        }
                    }
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(row, ["821", "35", "", "", "2", "1", "859"]);
        }
    }
}
