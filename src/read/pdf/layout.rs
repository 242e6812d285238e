//! From characters and lines on pages to a document of text lines and tables.
//!
//! Tables are found by their ruling lines: the horizontal and vertical lines that touch one
//! another form a grid; its columns are the distinct x of the vertical lines and its rows the
//! distinct y of the horizontal ones (lines closer than [`SNAP`] are one: the double borders
//! of separated cells). Two neighbouring grid cells are one merged cell where no line divides
//! them. Every character whose centre falls in a cell belongs to it; the cell's lines (by
//! baseline, top to bottom) join without a separator, so a wrapped label (`（三）不` +
//! `予公开`) and a vertical one (`三/本/年/度`) read whole.
//!
//! Outside tables, characters form lines by baseline. Page numbers (`— 5 —`, `- 1 -`,
//! `第 3 页`, `3/6`) at the top or bottom of a page, and a first or last line repeated on
//! most pages (a running header or footer), are dropped. A table that ends a page and one that
//! starts the next with the same columns are one table; a repeated header row is dropped.

use super::content::{Char, Segment};

/// Lines (and cell boundaries) closer than this, in points, are one.
const SNAP: f64 = 3.0;
/// How far a line may fall short of a crossing line and still touch it, in points.
const REACH: f64 = 2.0;
/// Most ruling segments considered on one page (the grid search is quadratic in them).
const MAX_SEGMENTS: usize = 4000;

pub struct Page {
    pub width: f64,
    pub height: f64,
    pub chars: Vec<Char>,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: u32,
    /// The line's number on its page, from the top (tables not counted).
    pub number: u32,
    pub text: String,
    top: f64,
    bottom: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// 1-based grid column and extent.
    pub column: u32,
    pub colspan: u32,
    pub rowspan: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub page: u32,
    /// The row's number within the table on that page (1-based).
    pub number: u32,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
    /// Column boundaries of its last page part, for joining with the next page.
    xs: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Line(Line),
    Table(Table),
}

/// The document's elements in reading order.
pub fn layout(pages: &[Page]) -> Vec<Element> {
    let mut per_page: Vec<Vec<Element>> = Vec::new();
    let mut footers: Vec<(Option<String>, Option<String>)> = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        let elements = page_elements(k as u32 + 1, page);
        footers.push(edge_lines(&elements));
        per_page.push(elements);
    }
    // A first or last line (digits aside) that recurs on at least half the pages, and on two
    // at least, is a running header or footer.
    let count = |key: &Option<String>, first: bool| {
        key.as_ref().map_or(0, |key| {
            footers
                .iter()
                .filter(|f| if first { &f.0 } else { &f.1 }.as_ref() == Some(key))
                .count()
        })
    };
    let many = |n: usize| n >= 2 && n * 2 >= pages.len();
    let mut out: Vec<Element> = Vec::new();
    for (k, elements) in per_page.into_iter().enumerate() {
        let page = &pages[k];
        let lines: Vec<usize> = elements
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Element::Line(_)))
            .map(|(i, _)| i)
            .collect();
        let first = lines.first().copied();
        let last = lines.last().copied();
        let mut drop = vec![false; elements.len()];
        for (i, is_first) in [(first, true), (last, false)]
            .into_iter()
            .filter_map(|(i, f)| i.map(|i| (i, f)))
        {
            let Element::Line(line) = &elements[i] else {
                continue;
            };
            let near_edge = if is_first {
                line.top > page.height * 0.85
            } else {
                line.bottom < page.height * 0.15
            };
            let key = Some(digits_out(&line.text));
            if near_edge && (is_page_number(&line.text) || many(count(&key, is_first))) {
                drop[i] = true;
            }
        }
        for (i, e) in elements.into_iter().enumerate() {
            if drop[i] {
                continue;
            }
            match (out.last_mut(), e) {
                (Some(Element::Table(prev)), Element::Table(next))
                    if next.rows.first().map(|r| r.page) != prev.rows.last().map(|r| r.page)
                        && same_columns(&prev.xs, &next.xs) =>
                {
                    let mut rows = next.rows;
                    if rows.len() > 1 && prev.rows.first().is_some_and(|h| same_row(h, &rows[0])) {
                        rows.remove(0);
                    }
                    prev.rows.extend(rows);
                    prev.xs = next.xs;
                }
                (_, e) => out.push(e),
            }
        }
    }
    out
}

/// The first and last line of a page, digits taken out, when the page starts or ends with
/// text (a table at the edge means no header or footer there to compare).
fn edge_lines(elements: &[Element]) -> (Option<String>, Option<String>) {
    let key = |e: Option<&Element>| match e {
        Some(Element::Line(l)) => Some(digits_out(&l.text)),
        _ => None,
    };
    (key(elements.first()), key(elements.last()))
}

fn digits_out(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// `5`, `- 5 -`, `— 5 —`, `第5页`, `第 5 页 共 6 页`, `5/6`, `Page 5`.
fn is_page_number(s: &str) -> bool {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !"-—–－一~·.".contains(*c))
        .collect();
    let t = t.trim_start_matches("Page").trim_start_matches("page");
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let stripped: String = t
        .chars()
        .filter(|c| !c.is_ascii_digit() && !"第页共/".contains(*c))
        .collect();
    stripped.is_empty() && t.chars().filter(|c| c.is_ascii_digit()).count() <= 8
}

fn same_columns(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= SNAP * 2.0)
}

fn same_row(a: &Row, b: &Row) -> bool {
    a.cells.len() == b.cells.len()
        && a.cells
            .iter()
            .zip(&b.cells)
            .all(|(x, y)| x.text == y.text && x.column == y.column && !x.text.is_empty())
        && a.cells
            .iter()
            .any(|c| !c.text.chars().all(|ch| ch.is_ascii_digit()))
}

// ---------------------------------------------------------------------------------------------
// One page.

fn page_elements(page_no: u32, page: &Page) -> Vec<Element> {
    let grids = if page.segments.len() <= MAX_SEGMENTS {
        grids(&page.segments)
    } else {
        Vec::new()
    };
    // Characters in a grid's cells, and the rest.
    let mut in_cells: Vec<Vec<Vec<&Char>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.spans.len()])
        .collect();
    let mut free: Vec<&Char> = Vec::new();
    for c in &page.chars {
        let (cx, cy) = (c.x + c.width / 2.0, c.y + c.size * 0.3);
        let placed = grids
            .iter()
            .enumerate()
            .find_map(|(g, grid)| grid.span_at(cx, cy).map(|s| (g, s)));
        match placed {
            Some((g, s)) => in_cells[g][s].push(c),
            None => free.push(c),
        }
    }
    let mut elements: Vec<(f64, Element)> = Vec::new();
    let mut number = 0;
    for chars in lines(free) {
        let text = line_text(&chars);
        if text.is_empty() {
            continue;
        }
        number += 1;
        let top = chars.iter().map(|c| c.y + c.size).fold(f64::MIN, f64::max);
        let bottom = chars.iter().map(|c| c.y).fold(f64::MAX, f64::min);
        elements.push((
            top,
            Element::Line(Line {
                page: page_no,
                number,
                text,
                top,
                bottom,
            }),
        ));
    }
    for (grid, cells) in grids.iter().zip(in_cells) {
        let table = grid.table(page_no, cells);
        if !table.rows.is_empty() {
            elements.push((grid.ys[0], Element::Table(table)));
        }
    }
    elements.sort_by(|a, b| b.0.total_cmp(&a.0));
    elements.into_iter().map(|(_, e)| e).collect()
}

/// Characters grouped into lines by baseline, top to bottom, each left to right.
fn lines(mut chars: Vec<&Char>) -> Vec<Vec<&Char>> {
    chars.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Vec<&Char>> = Vec::new();
    let mut baseline = f64::NAN;
    let mut size: f64 = 0.0;
    for c in chars {
        let same = (c.y - baseline).abs() <= 0.5 * size.max(c.size).max(1.0);
        if same {
            if let Some(l) = out.last_mut() {
                l.push(c);
                size = size.max(c.size);
                continue;
            }
        }
        baseline = c.y;
        size = c.size;
        out.push(vec![c]);
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    out
}

/// A line's text: characters left to right, a space where a gap is wider than a third of the
/// font size, a character drawn twice at the same place (fake bold) once.
fn line_text(chars: &[&Char]) -> String {
    let mut text = String::new();
    let mut prev: Option<&Char> = None;
    for &c in chars {
        if let Some(p) = prev {
            if p.text == c.text && (c.x - p.x).abs() < 0.3 * c.size.max(p.size) {
                continue;
            }
            let gap = c.x - (p.x + p.width);
            if gap > c.size.max(p.size) / 3.0 && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        for ch in c.text.chars() {
            let ch = if ch.is_whitespace() || ch == '\u{3000}' {
                ' '
            } else {
                ch
            };
            if ch == ' ' && (text.is_empty() || text.ends_with(' ')) {
                continue;
            }
            if !ch.is_control() {
                text.push(ch);
            }
        }
        prev = Some(c);
    }
    text.trim_end().to_string()
}

/// A cell's text: its lines joined without a separator, except a space between two ASCII
/// letters or digits (1 and 2 must not read as 12).
fn cell_text(chars: Vec<&Char>) -> String {
    let mut text = String::new();
    for line in lines(chars) {
        let t = line_text(&line);
        if t.is_empty() {
            continue;
        }
        if text.ends_with(|c: char| c.is_ascii_alphanumeric())
            && t.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            text.push(' ');
        }
        text.push_str(&t);
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Grids from ruling lines.

struct Grid {
    /// Column boundaries, left to right.
    xs: Vec<f64>,
    /// Row boundaries, top to bottom (descending y).
    ys: Vec<f64>,
    /// Merged cells: (row, column, rowspan, colspan), 0-based grid units.
    spans: Vec<(usize, usize, usize, usize)>,
    /// For each grid cell (row-major), its span.
    owner: Vec<usize>,
}

impl Grid {
    fn span_at(&self, x: f64, y: f64) -> Option<usize> {
        let (&left, &right) = (self.xs.first()?, self.xs.last()?);
        let (&top, &bottom) = (self.ys.first()?, self.ys.last()?);
        if x < left || x > right || y > top || y < bottom {
            return None;
        }
        let c = self
            .xs
            .partition_point(|&b| b <= x)
            .clamp(1, self.xs.len() - 1)
            - 1;
        let r = self
            .ys
            .partition_point(|&b| b >= y)
            .clamp(1, self.ys.len() - 1)
            - 1;
        self.owner.get(r * (self.xs.len() - 1) + c).copied()
    }

    fn table(&self, page: u32, cells: Vec<Vec<&Char>>) -> Table {
        let nrows = self.ys.len() - 1;
        let mut rows: Vec<Row> = (0..nrows)
            .map(|r| Row {
                page,
                number: r as u32 + 1,
                cells: Vec::new(),
            })
            .collect();
        for (&(r, c, rs, cs), chars) in self.spans.iter().zip(cells) {
            rows[r].cells.push(Cell {
                column: c as u32 + 1,
                colspan: cs as u32,
                rowspan: rs as u32,
                text: cell_text(chars),
            });
        }
        // A grid row made only of merged continuations has no cell of its own: drop it,
        // renumbering nothing (the numbers are the page's rows as drawn).
        rows.retain(|r| !r.cells.is_empty());
        Table {
            rows,
            xs: self.xs.clone(),
        }
    }
}

/// Snaps values closer than [`SNAP`] together (sorted ascending, each group's mean).
fn snap(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

fn grids(segments: &[Segment]) -> Vec<Grid> {
    let (h, v): (Vec<Segment>, Vec<Segment>) =
        segments.iter().partition(|s| s.y0 == s.y1 && s.x1 > s.x0);
    let h = merge(h, true);
    let v = merge(v, false);
    // Connected components of crossing lines.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if touches(a, b) {
                let (x, y) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                parent[x] = y;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        Default::default();
    for (i, s) in h.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        let root = find(&mut parent, h.len() + j);
        groups.entry(root).or_default().1.push(*s);
    }
    groups
        .into_values()
        .filter_map(|(h, v)| grid(&h, &v))
        .collect()
}

/// Joins collinear segments (within 1 pt of one another) that overlap or touch.
fn merge(mut segs: Vec<Segment>, horizontal: bool) -> Vec<Segment> {
    let key = |s: &Segment| if horizontal { s.y0 } else { s.x0 };
    let lo = |s: &Segment| if horizontal { s.x0 } else { s.y0 };
    let hi = |s: &Segment| if horizontal { s.x1 } else { s.y1 };
    segs.sort_by(|a, b| key(a).total_cmp(&key(b)));
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        // One line: keys chained within 1 pt.
        let mut j = i + 1;
        while j < segs.len() && key(&segs[j]) - key(&segs[j - 1]) <= 1.0 {
            j += 1;
        }
        let run = &mut segs[i..j];
        run.sort_by(|a, b| lo(a).total_cmp(&lo(b)));
        let at = key(&run[0]);
        let mut current: Option<(f64, f64)> = None;
        let flush = |(a, b): (f64, f64), out: &mut Vec<Segment>| {
            out.push(if horizontal {
                Segment {
                    x0: a,
                    y0: at,
                    x1: b,
                    y1: at,
                }
            } else {
                Segment {
                    x0: at,
                    y0: a,
                    x1: at,
                    y1: b,
                }
            });
        };
        for s in run.iter() {
            current = match current {
                Some((a, b)) if lo(s) <= b + REACH => Some((a, b.max(hi(s)))),
                Some(done) => {
                    flush(done, &mut out);
                    Some((lo(s), hi(s)))
                }
                None => Some((lo(s), hi(s))),
            };
        }
        if let Some(done) = current {
            flush(done, &mut out);
        }
        i = j;
    }
    out
}

fn touches(h: &Segment, v: &Segment) -> bool {
    v.x0 >= h.x0 - REACH && v.x0 <= h.x1 + REACH && h.y0 >= v.y0 - REACH && h.y0 <= v.y1 + REACH
}

fn grid(h: &[Segment], v: &[Segment]) -> Option<Grid> {
    if h.is_empty() || v.is_empty() {
        return None;
    }
    // The ends of the rules are the table's edges too: a table drawn without outer side
    // borders, or whose border falls outside the page's clip, still ends where its rules do.
    let h_ends = [
        h.iter().map(|s| s.x0).fold(f64::MAX, f64::min),
        h.iter().map(|s| s.x1).fold(f64::MIN, f64::max),
    ];
    let v_ends = [
        v.iter().map(|s| s.y0).fold(f64::MAX, f64::min),
        v.iter().map(|s| s.y1).fold(f64::MIN, f64::max),
    ];
    let xs = snap(v.iter().map(|s| s.x0).chain(h_ends).collect());
    let mut ys = snap(h.iter().map(|s| s.y0).chain(v_ends).collect());
    ys.reverse();
    if xs.len() < 3 || ys.len() < 3 {
        // Fewer than two columns or two rows: a frame or an underline, not a table.
        return None;
    }
    let (ncols, nrows) = (xs.len() - 1, ys.len() - 1);
    if ncols.saturating_mul(nrows) > 100_000 {
        return None;
    }
    // Is the boundary at xs[c] drawn across row r (at its middle)?
    let v_at = |c: usize, r: usize| {
        let y = (ys[r] + ys[r + 1]) / 2.0;
        v.iter()
            .any(|s| (s.x0 - xs[c]).abs() <= SNAP && s.y0 <= y && s.y1 >= y)
    };
    let h_at = |r: usize, c: usize| {
        let x = (xs[c] + xs[c + 1]) / 2.0;
        h.iter()
            .any(|s| (s.y0 - ys[r]).abs() <= SNAP && s.x0 <= x && s.x1 >= x)
    };
    let mut owner = vec![usize::MAX; ncols * nrows];
    let mut spans = Vec::new();
    for r in 0..nrows {
        for c in 0..ncols {
            if owner[r * ncols + c] != usize::MAX {
                continue;
            }
            let mut c2 = c;
            while c2 + 1 < ncols && !v_at(c2 + 1, r) && owner[r * ncols + c2 + 1] == usize::MAX {
                c2 += 1;
            }
            let mut r2 = r;
            while r2 + 1 < nrows
                && (c..=c2).all(|k| !h_at(r2 + 1, k) && owner[(r2 + 1) * ncols + k] == usize::MAX)
            {
                r2 += 1;
            }
            let id = spans.len();
            spans.push((r, c, r2 - r + 1, c2 - c + 1));
            for rr in r..=r2 {
                for cc in c..=c2 {
                    owner[rr * ncols + cc] = id;
                }
            }
        }
    }
    Some(Grid {
        xs,
        ys,
        spans,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in [
            "- 1 -",
            "— 5 —",
            "第 3 页",
            "3/6",
            "12",
            "－ 2 －",
            "第1页 共6页",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["一、总体情况", "2024年", "（一）", "三"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    fn ch(text: &str, x: f64, y: f64) -> Char {
        Char {
            text: text.into(),
            x,
            y,
            width: 10.0,
            size: 10.0,
        }
    }

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    #[test]
    fn a_ruled_grid_with_a_merged_label_and_a_wrapped_one() {
        // Three columns (0, 40, 80, 120), three rows (100, 80, 60, 40); the first column's
        // cell spans rows 2–3 (no line at y 60 between x 0 and 40).
        let segments = vec![
            seg(0.0, 100.0, 120.0, 100.0),
            seg(0.0, 80.0, 120.0, 80.0),
            seg(40.0, 60.0, 120.0, 60.0),
            seg(0.0, 40.0, 120.0, 40.0),
            seg(0.0, 40.0, 0.0, 100.0),
            seg(40.0, 40.0, 40.0, 100.0),
            seg(80.0, 40.0, 80.0, 100.0),
            seg(120.0, 40.0, 120.0, 100.0),
        ];
        let chars = vec![
            ch("表", 5.0, 85.0),
            // A vertical label: one character a line.
            ch("三", 5.0, 70.0),
            ch("本", 5.0, 58.0),
            ch("年", 5.0, 46.0),
            ch("1", 45.0, 65.0),
            ch("2", 85.0, 65.0),
            ch("予", 45.0, 45.0),
            ch("3", 85.0, 45.0),
            ch("— 1 —", 50.0, 5.0),
        ];
        let page = Page {
            width: 200.0,
            height: 200.0,
            chars,
            segments,
        };
        let out = layout(&[page]);
        assert_eq!(out.len(), 1, "{out:?}");
        let Element::Table(t) = &out[0] else { panic!() };
        let texts: Vec<Vec<(u32, u32, &str)>> = t
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| (c.column, c.rowspan, c.text.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                vec![(1, 1, "表"), (2, 1, ""), (3, 1, "")],
                vec![(1, 2, "三本年"), (2, 1, "1"), (3, 1, "2")],
                vec![(2, 1, "予"), (3, 1, "3")],
            ]
        );
    }
}
