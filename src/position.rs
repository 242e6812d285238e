//! Byte offsets to lines and columns, at the edges only (output formats, the language server).

/// Line starts of a text, for converting byte offsets.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// In lines longer than [`MARK_EVERY`] bytes, every [`MARK_EVERY`] bytes (floored to a
    /// character start): the byte and its column (0-based), so that a column costs at most
    /// [`MARK_EVERY`] bytes of counting however long the line, and the many findings of one
    /// long line cost linear time.
    marks: Vec<(usize, usize)>,
}

/// The spacing of the column marks of long lines, in bytes.
const MARK_EVERY: usize = 4096;

/// A 1-based line and column, the column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    /// Lines end at `\n` (a preceding `\r` belongs to the line's end). Other characters that
    /// Unicode calls line breaks (U+2028, U+0085) do not end lines, as in LSP and editors. Files
    /// are read through [`crate::read::input`], which turns CRLF and lone CR into `\n`, so the lines
    /// here are an editor's lines of the file.
    pub fn new(text: &str) -> Self {
        // Counted first, so that the vector is allocated once: this runs several times per
        // checked file.
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(1 + bytes.iter().filter(|&&b| b == b'\n').count());
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut marks = Vec::new();
        let ends = starts.iter().skip(1).map(|&s| s - 1).chain([text.len()]);
        for (&start, end) in starts.iter().zip(ends) {
            let mut at = start;
            let mut column = 0;
            while end - at > MARK_EVERY {
                let next = floor_boundary(text, at + MARK_EVERY);
                column += text[at..next].chars().count();
                marks.push((next, column));
                at = next;
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            marks,
        }
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of a 0-based line, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).map_or(self.len, |s| s - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// 1-based line and column (in chars) of a byte offset on a char boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let start = self.starts[line];
        // The last mark of this line at or before the offset, if any.
        let (from, column) = match self.marks.partition_point(|&(b, _)| b <= offset) {
            0 => (start, 0),
            i if self.marks[i - 1].0 > start => self.marks[i - 1],
            _ => (start, 0),
        };
        LineCol {
            line: line + 1,
            column: column + text[from..offset].chars().count() + 1,
        }
    }
}

/// The nearest char boundary at or before `i`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_after_each_line_break() {
        for text in ["", "\n", "a", "a\n", "\n\nb", "（一）\r\n总计\n\n26"] {
            let want: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            assert_eq!(LineIndex::new(text).starts, want, "{text:?}");
        }
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "ab\n（七）总计 26\r\nx𠀀y";
        let idx = LineIndex::new(text);
        let at = text.find("26").unwrap();
        assert_eq!(idx.line_col(text, at), LineCol { line: 2, column: 7 });
        let y = text.find('y').unwrap();
        assert_eq!(idx.line_col(text, y), LineCol { line: 3, column: 3 });
        assert_eq!(&text[idx.line_range(text, 1)], "（七）总计 26");
    }

    #[test]
    fn columns_of_long_lines_count_from_the_marks() {
        let line: String = "表（七）总计a𠀀\r".repeat(3000);
        let text = format!("x\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        assert!(idx.marks.len() > 10);
        let second = text.rfind('x').unwrap_or(0) + 2 + line.len() + 1;
        for offset in (0..text.len()).step_by(997).chain([text.len(), second]) {
            let offset = floor_boundary(&text, offset);
            let line_no = idx.line_of(offset);
            let start = idx.starts[line_no];
            let want = LineCol {
                line: line_no + 1,
                column: text[start..offset].chars().count() + 1,
            };
            assert_eq!(idx.line_col(&text, offset), want, "offset {offset}");
        }
    }

    #[test]
    fn unicode_line_separators_do_not_end_lines() {
        let text = "a\u{2028}b\u{85}c\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, text.find('c').unwrap()).line, 1);
        assert_eq!(idx.line_col(text, text.len()).line, 2);
    }
}
