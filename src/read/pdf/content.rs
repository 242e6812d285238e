//! A page's content stream run far enough to know where each character is and where the
//! ruling lines are: the graphics state (`q`/`Q`/`cm`), the text state and operators, paths
//! that are stroked or filled, and form XObjects.

use std::collections::HashMap;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{deref, number, Font, Glyph};

/// A character on the page, in page space (points, y up).
#[derive(Clone, Debug)]
pub struct Char {
    pub text: String,
    /// Origin of the glyph: left end of its baseline.
    pub x: f64,
    pub y: f64,
    /// Advance along the baseline.
    pub width: f64,
    /// Font size in page units (the glyph's height).
    pub size: f64,
}

/// A straight line drawn on the page: horizontal (`y0 == y1`) or vertical (`x0 == x1`).
#[derive(Clone, Copy, Debug)]
pub struct Segment {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A page's content streams inflate beyond the limit.
#[derive(Debug)]
pub struct TooLarge;

#[derive(Default)]
pub struct PageContent {
    pub chars: Vec<Char>,
    pub segments: Vec<Segment>,
}

/// Most operations run on one page (forms included): a hostile file stops there.
const MAX_OPERATIONS: usize = 2_000_000;
/// Deepest nesting of forms, and of `q`.
const MAX_DEPTH: usize = 16;
const MAX_STACK: usize = 256;
/// A filled rectangle thinner than this is a line.
const THIN: f64 = 2.5;

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: Vec<Font>,
    font_ids: HashMap<ObjectId, usize>,
    operations: usize,
    pub out: PageContent,
    limit: usize,
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document, limit: usize) -> Self {
        Interpreter {
            doc,
            fonts: Vec::new(),
            font_ids: HashMap::new(),
            operations: 0,
            out: PageContent::default(),
            limit,
        }
    }

    /// Runs one page. `Err` when a stream would inflate beyond the limit.
    pub fn page(&mut self, page: ObjectId) -> Result<PageContent, TooLarge> {
        self.operations = 0;
        let data = self
            .doc
            .get_page_content_with_limit(page, self.limit)
            .map_err(|_| TooLarge)?;
        let resources = page_resources(self.doc, page);
        let state = State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&data, &resources, state, 0)
            .map_err(|()| TooLarge)?;
        Ok(std::mem::take(&mut self.out))
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<usize> {
        for res in resources {
            let Some(Object::Dictionary(fonts)) = deref(self.doc, res.get(b"Font").ok()) else {
                continue;
            };
            let Ok(entry) = fonts.get(name) else {
                continue;
            };
            let id = match entry {
                Object::Reference(id) => Some(*id),
                _ => None,
            };
            if let Some(k) = id.and_then(|id| self.font_ids.get(&id)) {
                return Some(*k);
            }
            let Some(Object::Dictionary(dict)) = deref(self.doc, Some(entry)) else {
                continue;
            };
            let font = Font::load(self.doc, dict);
            self.fonts.push(font);
            let k = self.fonts.len() - 1;
            if let Some(id) = id {
                self.font_ids.insert(id, k);
            }
            return Some(k);
        }
        None
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: &[&'a Dictionary],
        mut gs: State,
        depth: usize,
    ) -> Result<(), ()> {
        let Ok(content) = Content::decode(data) else {
            // A content stream that does not parse shows nothing readable.
            return Ok(());
        };
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // Path under construction, in page space.
        let mut path: Vec<Segment> = Vec::new();
        let mut rects: Vec<[f64; 4]> = Vec::new();
        let mut current = (0.0, 0.0);
        let mut start = (0.0, 0.0);
        let mut glyphs = Vec::new();
        for Operation { operator, operands } in &content.operations {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                break;
            }
            let num = |k: usize| operands.get(k).and_then(number).unwrap_or(0.0);
            match operator.as_str() {
                "q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let Some(Object::Name(n)) = operands.first() {
                        gs.font = self.font(resources, n);
                    }
                    gs.size = num(1);
                }
                "Tc" => gs.char_spacing = num(0),
                "Tw" => gs.word_spacing = num(0),
                "Tz" => gs.scale = num(0) / 100.0,
                "TL" => gs.leading = num(0),
                "Ts" => gs.rise = num(0),
                "Td" | "TD" => {
                    if operator == "TD" {
                        gs.leading = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if operator != "Tj" {
                        if operator == "\"" {
                            gs.word_spacing = num(0);
                            gs.char_spacing = num(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = operands.last() {
                        self.show(&gs, &mut tm, s, &mut glyphs);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = operands.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s, &mut glyphs),
                                other => {
                                    let adjust = number(other).unwrap_or(0.0);
                                    let vertical = gs
                                        .font
                                        .and_then(|k| self.fonts.get(k))
                                        .is_some_and(|f| f.vertical);
                                    let t = -adjust / 1000.0 * gs.size;
                                    let shift = if vertical {
                                        [1.0, 0.0, 0.0, 1.0, 0.0, t]
                                    } else {
                                        [1.0, 0.0, 0.0, 1.0, t * gs.scale, 0.0]
                                    };
                                    tm = mul(&shift, &tm);
                                }
                            }
                        }
                    }
                }
                "m" => {
                    current = apply(&gs.ctm, num(0), num(1));
                    start = current;
                }
                "l" => {
                    let p = apply(&gs.ctm, num(0), num(1));
                    path.push(Segment {
                        x0: current.0,
                        y0: current.1,
                        x1: p.0,
                        y1: p.1,
                    });
                    current = p;
                }
                "c" | "v" | "y" => {
                    // Curves are not rulings; the pen moves to their end.
                    let k = operands.len();
                    if k >= 2 {
                        current = apply(&gs.ctm, num(k - 2), num(k - 1));
                    }
                }
                "h" => {
                    path.push(Segment {
                        x0: current.0,
                        y0: current.1,
                        x1: start.0,
                        y1: start.1,
                    });
                    current = start;
                }
                "re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    let a = apply(&gs.ctm, x, y);
                    let b = apply(&gs.ctm, x + w, y + h);
                    rects.push([a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)]);
                    current = apply(&gs.ctm, x, y);
                    start = current;
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    if operator == "s" || operator.starts_with('b') {
                        path.push(Segment {
                            x0: current.0,
                            y0: current.1,
                            x1: start.0,
                            y1: start.1,
                        });
                    }
                    self.stroke(&path, &rects);
                    path.clear();
                    rects.clear();
                }
                "f" | "F" | "f*" => {
                    self.fill(&rects);
                    // A filled thin polygon drawn with lines is a ruling too.
                    self.fill_polygon(&path);
                    path.clear();
                    rects.clear();
                }
                "n" => {
                    path.clear();
                    rects.clear();
                }
                "Do" if depth < MAX_DEPTH => {
                    if let Some(Object::Name(n)) = operands.first() {
                        self.form(resources, n, &gs, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8], glyphs: &mut Vec<Glyph>) {
        let Some(font) = gs.font.and_then(|k| self.fonts.get(k)) else {
            return;
        };
        glyphs.clear();
        font.decode(bytes, glyphs);
        let vertical = font.vertical;
        for g in glyphs.iter() {
            let trm = mul(
                &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let height = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let spacing = gs.char_spacing + if g.is_space { gs.word_spacing } else { 0.0 };
            let advance = g.width / 1000.0 * gs.size;
            let (shift, width) = if vertical {
                ([1.0, 0.0, 0.0, 1.0, 0.0, -(advance + spacing)], height)
            } else {
                let tx = (advance + spacing) * gs.scale;
                let run = mul(&[tx, 0.0, 0.0, 0.0, 0.0, 0.0], &mul(tm, &gs.ctm));
                (
                    [1.0, 0.0, 0.0, 1.0, tx, 0.0],
                    (run[0] * run[0] + run[1] * run[1]).sqrt(),
                )
            };
            if !g.text.is_empty() && trm[4].is_finite() && trm[5].is_finite() {
                self.out.chars.push(Char {
                    text: g.text.clone(),
                    x: trm[4],
                    y: trm[5],
                    width: if vertical { height } else { width },
                    size: height,
                });
            }
            *tm = mul(&shift, tm);
        }
    }

    fn stroke(&mut self, path: &[Segment], rects: &[[f64; 4]]) {
        for s in path {
            self.line(*s);
        }
        for r in rects {
            let [x0, y0, x1, y1] = *r;
            for s in [
                (x0, y0, x1, y0),
                (x0, y1, x1, y1),
                (x0, y0, x0, y1),
                (x1, y0, x1, y1),
            ] {
                self.line(Segment {
                    x0: s.0,
                    y0: s.1,
                    x1: s.2,
                    y1: s.3,
                });
            }
        }
    }

    fn fill(&mut self, rects: &[[f64; 4]]) {
        for r in rects {
            let [x0, y0, x1, y1] = *r;
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w > h {
                let y = (y0 + y1) / 2.0;
                self.line(Segment {
                    x0,
                    y0: y,
                    x1,
                    y1: y,
                });
            } else if w <= THIN && h > w {
                let x = (x0 + x1) / 2.0;
                self.line(Segment {
                    x0: x,
                    y0,
                    x1: x,
                    y1,
                });
            }
        }
    }

    fn fill_polygon(&mut self, path: &[Segment]) {
        if path.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for s in path {
            x0 = x0.min(s.x0).min(s.x1);
            x1 = x1.max(s.x0).max(s.x1);
            y0 = y0.min(s.y0).min(s.y1);
            y1 = y1.max(s.y0).max(s.y1);
        }
        self.fill(&[[x0, y0, x1, y1]]);
    }

    /// Keeps horizontal and vertical lines (a slant of a tenth of a point allowed).
    fn line(&mut self, s: Segment) {
        if ![s.x0, s.y0, s.x1, s.y1].iter().all(|v| v.is_finite()) {
            return;
        }
        if (s.y0 - s.y1).abs() < 0.1 && (s.x0 - s.x1).abs() > 0.5 {
            let y = (s.y0 + s.y1) / 2.0;
            self.out.segments.push(Segment {
                x0: s.x0.min(s.x1),
                y0: y,
                x1: s.x0.max(s.x1),
                y1: y,
            });
        } else if (s.x0 - s.x1).abs() < 0.1 && (s.y0 - s.y1).abs() > 0.5 {
            let x = (s.x0 + s.x1) / 2.0;
            self.out.segments.push(Segment {
                x0: x,
                y0: s.y0.min(s.y1),
                x1: x,
                y1: s.y0.max(s.y1),
            });
        }
    }

    fn form(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
        gs: &State,
        depth: usize,
    ) -> Result<(), ()> {
        let doc = self.doc;
        let stream = resources.iter().find_map(|res| {
            let Some(Object::Dictionary(x)) = deref(doc, res.get(b"XObject").ok()) else {
                return None;
            };
            match deref(doc, x.get(name).ok()) {
                Some(Object::Stream(s)) => Some(s),
                _ => None,
            }
        });
        let Some(stream) = stream else {
            return Ok(());
        };
        if !matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form") {
            return Ok(());
        }
        let data = match stream.decompressed_content_with_limit(self.limit) {
            Ok(d) => d,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => return Err(()),
            Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
            Err(_) => return Ok(()),
        };
        let mut inner = gs.clone();
        if let Some(Object::Array(m)) = deref(doc, stream.dict.get(b"Matrix").ok()) {
            let v: Vec<f64> = m.iter().filter_map(number).collect();
            if v.len() == 6 {
                inner.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &gs.ctm);
            }
        }
        let mut res: Vec<&'a Dictionary> = Vec::new();
        if let Some(Object::Dictionary(d)) = deref(doc, stream.dict.get(b"Resources").ok()) {
            res.push(d);
        }
        res.extend_from_slice(resources);
        self.run(&data, &res, inner, depth + 1)
    }
}

/// The page's resources, its own first, then those inherited from the page tree.
fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    match doc.get_page_resources(page) {
        Ok((own, ids)) => {
            let mut out: Vec<&Dictionary> = own.into_iter().collect();
            out.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
            out
        }
        Err(_) => Vec::new(),
    }
}
