//! Fonts: from the bytes of a shown string to characters and advance widths.
//!
//! A character's text comes, in this order, from the font's ToUnicode map, from a predefined
//! Chinese CMap whose codes are themselves text (UniGB-UCS2, UniGB-UTF16, GB-EUC, GBK-EUC,
//! GBK2K, GBpc-EUC, UniCNS, B5 …), or from a simple font's encoding (WinAnsi and the ASCII
//! range). A code none of these maps gives U+FFFD: the page's text then counts as unreadable
//! (never guessed from a glyph's shape).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Most entries one ToUnicode map may define (a bfrange of 65,536 codes is legal; far more
/// is a hostile file).
const MAX_MAP_ENTRIES: usize = 1 << 18;

/// How the bytes of a string are cut into codes.
#[derive(Clone, Debug)]
enum Codes {
    /// One byte each (simple fonts).
    One,
    /// Two bytes each (Identity-H/V, UCS2).
    Two,
    /// UTF-16: two bytes, or four for a surrogate pair.
    Utf16,
    /// GBK-style: a byte below 0x81 alone, else two bytes (GB18030 four-byte forms too).
    Gbk,
    /// Big5: a byte below 0x81 alone, else two bytes.
    Big5,
    /// The codespace ranges of an embedded CMap: (length, low, high).
    Ranges(Vec<(usize, u32, u32)>),
}

/// What a code means as text when no ToUnicode entry says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Predefined {
    /// CIDs without a Unicode meaning (Identity): only ToUnicode can say.
    None,
    Ucs2,
    Gbk,
    Big5,
    /// A simple font: WinAnsi-like single bytes.
    Simple,
}

#[derive(Clone, Debug)]
pub struct Font {
    codes: Codes,
    predefined: Predefined,
    to_unicode: HashMap<u32, String>,
    /// Simple fonts: glyph names of `/Differences` resolved to characters.
    differences: HashMap<u32, char>,
    /// Widths in thousandths of the font size, by code (simple) or CID (composite).
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Vertical writing (Identity-V …): glyphs advance down the page.
    pub vertical: bool,
}

/// One shown code.
pub struct Glyph {
    pub text: String,
    /// Advance in thousandths of the font size.
    pub width: f64,
    /// A single-byte code 32 (word spacing applies to it).
    pub is_space: bool,
}

impl Font {
    /// A font the page names but does not define: one-byte codes, ASCII only.
    pub fn fallback() -> Font {
        Font {
            codes: Codes::One,
            predefined: Predefined::Simple,
            to_unicode: HashMap::new(),
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: 500.0,
            vertical: false,
        }
    }

    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name(doc, dict.get(b"Subtype").ok());
        let mut font = Font::fallback();
        if subtype.as_deref() == Some(b"Type0".as_slice()) {
            font.codes = Codes::Two;
            font.predefined = Predefined::None;
            font.default_width = 1000.0;
            match deref(doc, dict.get(b"Encoding").ok()) {
                Some(Object::Name(n)) => font.predefined_cmap(n),
                Some(Object::Stream(s)) => {
                    if let Some(Object::Name(n)) = deref(doc, s.dict.get(b"UseCMap").ok()) {
                        font.predefined_cmap(n);
                    }
                    if let Ok(data) = s.decompressed_content_with_limit(super::MAX_STREAM) {
                        let ranges = codespace(&data);
                        if !ranges.is_empty() {
                            font.codes = Codes::Ranges(ranges);
                        }
                    }
                }
                _ => {}
            }
            let descendant = match deref(doc, dict.get(b"DescendantFonts").ok()) {
                Some(Object::Array(a)) => a.first().and_then(|o| deref(doc, Some(o))),
                _ => None,
            };
            if let Some(Object::Dictionary(d)) = descendant {
                font.cid_widths(doc, d);
            }
        } else {
            font.simple_widths(doc, dict);
            font.simple_encoding(doc, dict);
        }
        if let Some(Object::Stream(s)) = deref(doc, dict.get(b"ToUnicode").ok()) {
            if let Ok(data) = s.decompressed_content_with_limit(super::MAX_STREAM) {
                font.to_unicode = to_unicode(&data);
            }
        }
        font
    }

    fn predefined_cmap(&mut self, name: &[u8]) {
        let name = String::from_utf8_lossy(name);
        self.vertical = name.ends_with("-V");
        let base = name.trim_end_matches("-H").trim_end_matches("-V");
        (self.codes, self.predefined) = if base.starts_with("Identity") {
            (Codes::Two, Predefined::None)
        } else if base.contains("UCS2") {
            (Codes::Two, Predefined::Ucs2)
        } else if base.contains("UTF16") {
            (Codes::Utf16, Predefined::Ucs2)
        } else if base.starts_with("GB") {
            // GB-EUC, GBpc-EUC, GBK-EUC, GBKp-EUC, GBK2K, GBT-EUC: GB 2312 ⊂ GBK ⊂ GB 18030.
            (Codes::Gbk, Predefined::Gbk)
        } else if base.starts_with("B5") || base.starts_with("ETen") || base.starts_with("HKscs") {
            (Codes::Big5, Predefined::Big5)
        } else {
            (Codes::Two, Predefined::None)
        };
    }

    fn cid_widths(&mut self, doc: &Document, d: &Dictionary) {
        if let Some(w) = deref(doc, d.get(b"DW").ok()).and_then(number) {
            self.default_width = w;
        }
        let Some(Object::Array(w)) = deref(doc, d.get(b"W").ok()) else {
            return;
        };
        let mut i = 0;
        while i < w.len() {
            let Some(first) = deref(doc, Some(&w[i])).and_then(number) else {
                break;
            };
            match w.get(i + 1).and_then(|o| deref(doc, Some(o))) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate() {
                        if let Some(v) = deref(doc, Some(o)).and_then(number) {
                            self.set_width(first as u32 + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = number(o).unwrap_or(first);
                    let v = w
                        .get(i + 2)
                        .and_then(|o| deref(doc, Some(o)))
                        .and_then(number)
                        .unwrap_or(self.default_width);
                    let (first, last) = (first as u32, last as u32);
                    for cid in first..=last.min(first.saturating_add(65_535)) {
                        self.set_width(cid, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn set_width(&mut self, key: u32, v: f64) {
        if self.widths.len() < MAX_MAP_ENTRIES {
            self.widths.insert(key, v);
        }
    }

    fn simple_widths(&mut self, doc: &Document, dict: &Dictionary) {
        let first = deref(doc, dict.get(b"FirstChar").ok())
            .and_then(number)
            .unwrap_or(0.0) as u32;
        if let Some(Object::Array(w)) = deref(doc, dict.get(b"Widths").ok()) {
            for (k, o) in w.iter().enumerate().take(256) {
                if let Some(v) = deref(doc, Some(o)).and_then(number) {
                    self.set_width(first + k as u32, v);
                }
            }
        }
    }

    fn simple_encoding(&mut self, doc: &Document, dict: &Dictionary) {
        let Some(Object::Dictionary(enc)) = deref(doc, dict.get(b"Encoding").ok()) else {
            return;
        };
        let Some(Object::Array(diffs)) = deref(doc, enc.get(b"Differences").ok()) else {
            return;
        };
        let mut code = 0u32;
        for o in diffs.iter().take(1024) {
            match deref(doc, Some(o)) {
                Some(Object::Integer(n)) => code = (*n).clamp(0, 255) as u32,
                Some(Object::Name(n)) => {
                    if let Some(c) = glyph_name(n) {
                        self.differences.insert(code, c);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }

    /// The codes of a shown string, with their text and width.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]).min(bytes.len() - i);
            let raw = &bytes[i..i + len];
            let code = raw.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            i += len;
            let text = match self.to_unicode.get(&code) {
                Some(t) => t.clone(),
                None => self.predefined_text(code, raw),
            };
            let text = unify_radicals(text);
            let width = if matches!(self.predefined, Predefined::Gbk | Predefined::Big5) {
                // CIDs of these CMaps are not known without the CMap file: ASCII is
                // half-width, the rest full-width.
                if len == 1 {
                    500.0
                } else {
                    1000.0
                }
            } else {
                self.widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.default_width)
            };
            out.push(Glyph {
                text,
                width,
                is_space: len == 1 && code == 32,
            });
        }
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        let b = rest[0];
        match &self.codes {
            Codes::One => 1,
            Codes::Two => 2,
            Codes::Utf16 => {
                if (0xD8..0xDC).contains(&b) {
                    4
                } else {
                    2
                }
            }
            Codes::Gbk => {
                if b < 0x81 {
                    1
                } else if rest.get(1).is_some_and(|c| (0x30..=0x39).contains(c)) {
                    4
                } else {
                    2
                }
            }
            Codes::Big5 => {
                if b < 0x81 {
                    1
                } else {
                    2
                }
            }
            Codes::Ranges(ranges) => {
                for &(len, lo, hi) in ranges {
                    if rest.len() >= len {
                        let code = rest[..len]
                            .iter()
                            .fold(0u32, |a, &x| (a << 8) | u32::from(x));
                        if (lo..=hi).contains(&code) {
                            return len;
                        }
                    }
                }
                1
            }
        }
    }

    fn predefined_text(&self, code: u32, raw: &[u8]) -> String {
        let replacement = || "\u{FFFD}".to_string();
        match self.predefined {
            Predefined::None => replacement(),
            Predefined::Ucs2 => {
                let units: Vec<u16> = raw
                    .chunks(2)
                    .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
                    .collect();
                String::from_utf16(&units).unwrap_or_else(|_| replacement())
            }
            Predefined::Gbk | Predefined::Big5 => {
                let enc = if self.predefined == Predefined::Gbk {
                    encoding_rs::GB18030
                } else {
                    encoding_rs::BIG5
                };
                let (text, _, bad) = enc.decode(raw);
                if bad {
                    replacement()
                } else {
                    text.into_owned()
                }
            }
            Predefined::Simple => {
                if let Some(c) = self.differences.get(&code) {
                    return c.to_string();
                }
                match code {
                    0x20..=0x7E => char::from(code as u8).to_string(),
                    0xA0..=0xFF => char::from(code as u8).to_string(),
                    0x80..=0x9F => {
                        let (t, _, bad) = encoding_rs::WINDOWS_1252.decode(raw);
                        if bad {
                            replacement()
                        } else {
                            t.into_owned()
                        }
                    }
                    _ => replacement(),
                }
            }
        }
    }
}

/// Kangxi radicals (U+2F00–U+2FDF) as the ideographs they stand for: fonts share one glyph
/// between `⼯` (U+2F2F) and `工` (U+5DE5), and some ToUnicode maps (Chromium's, for one) name
/// the radical. The radicals never occur in a report's text, so this changes no real text.
fn unify_radicals(text: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    if !text.chars().any(|c| ('\u{2F00}'..='\u{2FDF}').contains(&c)) {
        return text;
    }
    text.chars()
        .flat_map(|c| {
            let mut one = String::new();
            if ('\u{2F00}'..='\u{2FDF}').contains(&c) {
                one.extend(std::iter::once(c).nfkc());
            } else {
                one.push(c);
            }
            one.chars().collect::<Vec<_>>()
        })
        .collect()
}

pub(super) fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let mut o = o?;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            _ => return Some(o),
        }
    }
    None
}

fn name(doc: &Document, o: Option<&Object>) -> Option<Vec<u8>> {
    match deref(doc, o)? {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

pub(super) fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

/// A few glyph names (the Adobe Glyph List's `uniXXXX`, `uXXXX[XX]` and the ASCII names).
fn glyph_name(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    if let Some(hex) = s.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Ok(v) = u32::from_str_radix(hex, 16) {
            return char::from_u32(v);
        }
    }
    if s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic() {
        return s.chars().next();
    }
    const NAMES: [(&str, char); 30] = [
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("slash", '/'),
        ("underscore", '_'),
        ("at", '@'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("plus", '+'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("numbersign", '#'),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|&(_, c)| c)
}

// ---------------------------------------------------------------------------------------------
// CMap streams.

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

/// The tokens of a CMap that matter here: hex strings, words (operators, names, numbers) and
/// array brackets. Literal strings and comments are skipped.
fn tokens(data: &[u8]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = memchr::memchr(b'>', &data[start..]).map_or(data.len(), |e| start + e);
                let digits: Vec<u8> = data[start..end]
                    .iter()
                    .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%/".contains(&data[i])
                {
                    i += 1;
                }
                if i == start {
                    // A name's slash: the name follows as a word.
                    i += 1;
                } else {
                    out.push(Token::Word(&data[start..i]));
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, &b| (a << 8) | u32::from(b))
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The codespace ranges of an embedded CMap, shortest codes first.
fn codespace(data: &[u8]) -> Vec<(usize, u32, u32)> {
    let toks = tokens(data);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Token::Word(b"begincodespacerange") {
            i += 1;
            while i + 1 < toks.len() {
                match (&toks[i], &toks[i + 1]) {
                    (Token::Hex(lo), Token::Hex(hi)) if !lo.is_empty() && lo.len() <= 4 => {
                        out.push((lo.len(), code_of(lo), code_of(hi)));
                        i += 2;
                    }
                    _ => break,
                }
            }
        }
        i += 1;
    }
    out.sort_by_key(|r| r.0);
    out
}

/// A ToUnicode map: code → text.
pub(super) fn to_unicode(data: &[u8]) -> HashMap<u32, String> {
    let toks = tokens(data);
    let mut map = HashMap::new();
    let mut i = 0;
    while i < toks.len() && map.len() < MAX_MAP_ENTRIES {
        match toks[i] {
            Token::Word(b"beginbfchar") => {
                i += 1;
                while i + 1 < toks.len() {
                    match (&toks[i], &toks[i + 1]) {
                        (Token::Hex(src), Token::Hex(dst)) => {
                            map.insert(code_of(src), utf16be(dst));
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Token::Word(b"beginbfrange") => {
                i += 1;
                while i + 2 < toks.len() && map.len() < MAX_MAP_ENTRIES {
                    let (Token::Hex(lo), Token::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                        break;
                    };
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    let count = hi.saturating_sub(lo).min(65_535);
                    match &toks[i + 2] {
                        Token::Hex(dst) => {
                            // The last UTF-16 unit increments along the range.
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| {
                                    (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0))
                                })
                                .collect();
                            for k in 0..=count {
                                map.insert(lo + k, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        Token::Open => {
                            let mut j = i + 3;
                            let mut k = 0;
                            while let Some(Token::Hex(dst)) = toks.get(j) {
                                if k <= count {
                                    map.insert(lo + k, utf16be(dst));
                                }
                                k += 1;
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_reads_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <5E74> endbfchar
2 beginbfrange <0013> <0015> <0030> <0020> <0021> [<62A5> <544A>] endbfrange
endcmap";
        let m = to_unicode(cmap);
        assert_eq!(m[&3], " ");
        assert_eq!(m[&0x10], "年");
        assert_eq!(m[&0x13], "0");
        assert_eq!(m[&0x15], "2");
        assert_eq!(m[&0x20], "报");
        assert_eq!(m[&0x21], "告");
        assert_eq!(
            codespace(cmap),
            vec![(2, 0, 0xFFFF)],
            "the codespace of the same map"
        );
    }

    #[test]
    fn predefined_chinese_cmaps_are_text() {
        let mut f = Font::fallback();
        f.predefined_cmap(b"GBK-EUC-H");
        let mut out = Vec::new();
        // “年报 1” in GBK.
        f.decode(&[0xC4, 0xEA, 0xB1, 0xA8, 0x20, 0x31], &mut out);
        let text: String = out.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "年报 1");
        assert!(out[2].is_space);
        let mut f = Font::fallback();
        f.predefined_cmap(b"UniGB-UCS2-H");
        out.clear();
        f.decode(&[0x5E, 0x74, 0x62, 0xA5], &mut out);
        let text: String = out.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "年报");
        let mut f = Font::fallback();
        f.predefined_cmap(b"Identity-H");
        out.clear();
        f.decode(&[0x00, 0x05], &mut out);
        assert_eq!(
            out[0].text, "\u{FFFD}",
            "Identity without ToUnicode is not guessed"
        );
    }
}
