//! Automatic numbering of Word paragraphs (`w:numPr`, `word/numbering.xml`).
//!
//! Section headings such as 一、总体情况 are often auto-numbered: the 一、 is not in the text
//! runs but produced by Word from a list definition. This module replays Word's counters in
//! document order for the common cases: a paragraph's own `w:numPr` or its style's (through
//! `w:basedOn`), levels 0–8 with `w:start`, `w:lvlText` (`%1、`), `w:suff` and the formats seen
//! in reports (decimal, chineseCounting, ideographTraditional, enclosed numbers, letters,
//! roman). What is not resolved, and then gives no number rather than a guess: numbering
//! styles linked through `w:numStyleLink`, `w:lvlRestart`, `w:lvlPicBulletId`, list numbers
//! inside fields (LISTNUM), and formats outside the list below. Bullets give no text.

use std::collections::HashMap;

use roxmltree::Node;

use super::{attr, child, is};

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: &'static str,
    style: Option<String>,
    legal: bool,
}

#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: [Option<Level>; 9],
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride`: a new start, or a whole replacement level.
    start_overrides: HashMap<usize, u32>,
    level_overrides: HashMap<usize, Level>,
}

/// A paragraph style's numbering, and its parent.
#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
}

/// List definitions and the running counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    /// Counters per list: the abstract id, or the num id for a num that overrides a start
    /// (it is a list of its own then). `None`: the level has not been used since its parent
    /// last advanced.
    counters: HashMap<String, [Option<u32>; 9]>,
}

fn level_index(node: Node) -> Option<usize> {
    attr(node, "ilvl")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&l| l < 9)
}

fn child_val<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    child(node, name).and_then(|c| attr(c, "val"))
}

fn parse_level(node: Node) -> Level {
    let suffix = match child_val(node, "suff") {
        Some("space") => " ",
        Some("nothing") => "",
        _ => "\t",
    };
    Level {
        start: child_val(node, "start")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0),
        format: child_val(node, "numFmt").unwrap_or("decimal").to_string(),
        text: child_val(node, "lvlText").unwrap_or_default().to_string(),
        suffix,
        style: child_val(node, "pStyle").map(str::to_string),
        legal: child(node, "isLgl").is_some_and(|n| attr(n, "val").is_none_or(is_on)),
    }
}

fn is_on(v: &str) -> bool {
    !matches!(v, "0" | "false" | "off")
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be absent).
    pub fn new(
        numbering: Option<&roxmltree::Document>,
        styles: Option<&roxmltree::Document>,
    ) -> Self {
        let mut n = Numbering::default();
        if let Some(doc) = numbering {
            for node in doc.root_element().children().filter(|c| c.is_element()) {
                if is(node, "abstractNum") {
                    let Some(id) = attr(node, "abstractNumId") else {
                        continue;
                    };
                    let mut a = Abstract::default();
                    for lvl in node.children().filter(|c| is(*c, "lvl")) {
                        if let Some(i) = level_index(lvl) {
                            a.levels[i] = Some(parse_level(lvl));
                        }
                    }
                    n.abstracts.insert(id.to_string(), a);
                } else if is(node, "num") {
                    let Some(id) = attr(node, "numId") else {
                        continue;
                    };
                    let mut num = Num {
                        abstract_id: child_val(node, "abstractNumId")
                            .unwrap_or_default()
                            .to_string(),
                        ..Num::default()
                    };
                    for o in node.children().filter(|c| is(*c, "lvlOverride")) {
                        let Some(i) = level_index(o) else { continue };
                        if let Some(s) = child_val(o, "startOverride").and_then(|v| v.parse().ok())
                        {
                            num.start_overrides.insert(i, s);
                        }
                        if let Some(l) = child(o, "lvl") {
                            num.level_overrides.insert(i, parse_level(l));
                        }
                    }
                    n.nums.insert(id.to_string(), num);
                }
            }
        }
        if let Some(doc) = styles {
            for node in doc.root_element().children().filter(|c| is(*c, "style")) {
                if attr(node, "type").is_some_and(|t| t != "paragraph") {
                    continue;
                }
                let Some(id) = attr(node, "styleId") else {
                    continue;
                };
                let num_pr = child(node, "pPr").and_then(|p| child(p, "numPr"));
                n.styles.insert(
                    id.to_string(),
                    Style {
                        based_on: child_val(node, "basedOn").map(str::to_string),
                        num_id: num_pr
                            .and_then(|p| child_val(p, "numId"))
                            .map(str::to_string),
                        level: num_pr
                            .and_then(|p| child_val(p, "ilvl"))
                            .and_then(|v| v.trim().parse().ok())
                            .filter(|&l: &usize| l < 9),
                    },
                );
            }
        }
        n
    }

    /// The numbering of a style, through its `w:basedOn` chain (cycles and long chains end).
    fn style_numbering(&self, style: &str) -> (Option<&str>, Option<usize>) {
        let (mut num, mut level) = (None, None);
        let mut at = Some(style);
        for _ in 0..16 {
            let Some(s) = at.and_then(|id| self.styles.get(id)) else {
                break;
            };
            num = num.or(s.num_id.as_deref());
            level = level.or(s.level);
            if num.is_some() && level.is_some() {
                break;
            }
            at = s.based_on.as_deref();
        }
        (num, level)
    }

    /// The number text (with its suffix) of a paragraph with this `w:pPr`, advancing the
    /// counters; `None` when the paragraph is not numbered or its number cannot be resolved.
    pub fn next(&mut self, ppr: Option<Node>) -> Option<String> {
        let style = ppr.and_then(|p| child_val(p, "pStyle"));
        let num_pr = ppr.and_then(|p| child(p, "numPr"));
        let (style_num, style_level) = style.map_or((None, None), |s| self.style_numbering(s));
        let num_id = num_pr
            .and_then(|p| child_val(p, "numId"))
            .or(style_num)?
            .to_string();
        // numId 0 switches numbering off (e.g. against the style's).
        let num = self.nums.get(&num_id)?.clone();
        let abs = self.abstracts.get(&num.abstract_id)?;
        let level = num_pr
            .and_then(|p| child_val(p, "ilvl"))
            .and_then(|v| v.trim().parse().ok())
            .filter(|&l: &usize| l < 9)
            .or(style_level)
            .or_else(|| {
                abs.levels.iter().position(|l| {
                    l.as_ref()
                        .is_some_and(|l| l.style.as_deref() == style && style.is_some())
                })
            })
            .unwrap_or(0);
        let levels: Vec<Option<Level>> = (0..9)
            .map(|i| {
                let mut l = num
                    .level_overrides
                    .get(&i)
                    .or(abs.levels[i].as_ref())
                    .cloned()?;
                if let Some(&s) = num.start_overrides.get(&i) {
                    l.start = s;
                }
                Some(l)
            })
            .collect();
        let this = levels[level].as_ref()?;
        let key = if num.start_overrides.is_empty() && num.level_overrides.is_empty() {
            format!("a{}", num.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        counters[level] = Some(counters[level].map_or(this.start, |c| c.saturating_add(1)));
        for c in counters.iter_mut().skip(level + 1) {
            *c = None;
        }
        if this.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let l = levels[i].as_ref()?;
                    let value = counters[i].unwrap_or(l.start);
                    let format = if this.legal && i < level {
                        "decimal"
                    } else {
                        &l.format
                    };
                    out.push_str(&format_number(value, format)?);
                }
                _ => out.push(c),
            }
        }
        if out.is_empty() {
            return None;
        }
        out.push_str(this.suffix);
        Some(out)
    }
}

/// A counter value in a `w:numFmt`; `None` for formats not handled (no number is better than a
/// wrong one).
pub fn format_number(n: u32, format: &str) -> Option<String> {
    const CIRCLED: [char; 20] = [
        '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪', '⑫', '⑬', '⑭', '⑮', '⑯', '⑰', '⑱',
        '⑲', '⑳',
    ];
    let enclosed = |first: u32| {
        // Word shows plain digits past 20.
        if (1..=20).contains(&n) {
            char::from_u32(first + n - 1).map(String::from)
        } else {
            Some(n.to_string())
        }
    };
    match format {
        "decimal" => Some(n.to_string()),
        "decimalZero" => Some(format!("{n:02}")),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            n.to_string()
                .chars()
                .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
                .collect(),
        ),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            if (1..=20).contains(&n) {
                Some(CIRCLED[n as usize - 1].to_string())
            } else {
                Some(n.to_string())
            }
        }
        "decimalEnclosedParen" => enclosed(0x2474),
        "decimalEnclosedFullstop" => enclosed(0x2488),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese_counting(n),
        "ideographDigital" | "taiwaneseDigital" => {
            const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
            Some(
                n.to_string()
                    .chars()
                    .map(|c| DIGITS[c as usize - '0' as usize])
                    .collect(),
            )
        }
        "ideographTraditional" => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS
                .get((n as usize).checked_sub(1)?)
                .map(|c| c.to_string())
        }
        "ideographZodiac" => {
            const BRANCHES: [char; 12] = [
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ];
            BRANCHES
                .get((n as usize).checked_sub(1)?)
                .map(|c| c.to_string())
        }
        "upperLetter" | "lowerLetter" => {
            // A, …, Z, AA, …, ZZ, AAA: Word repeats the letter (bounded: a hostile start
            // value must not make a huge string).
            let i = n.checked_sub(1).filter(|&i| i < 26 * 20)?;
            let letter = (b'A' + (i % 26) as u8) as char;
            let s = letter.to_string().repeat((i / 26) as usize + 1);
            Some(if format == "lowerLetter" {
                s.to_ascii_lowercase()
            } else {
                s
            })
        }
        "upperRoman" | "lowerRoman" => {
            let s = roman(n)?;
            Some(if format == "lowerRoman" {
                s.to_ascii_lowercase()
            } else {
                s
            })
        }
        "none" => Some(String::new()),
        _ => None,
    }
}

fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    Some(s)
}

/// 一, 十, 十一, 二十, 一百零一, 一千零一十: Chinese counting below 10000.
fn chinese_counting(n: u32) -> Option<String> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return Some("〇".into());
    }
    if n >= 10000 {
        return None;
    }
    let parts = [
        (n / 1000, '千'),
        (n / 100 % 10, '百'),
        (n / 10 % 10, '十'),
        (n % 10, ' '),
    ];
    let mut s = String::new();
    let mut zero_pending = false;
    for (d, unit) in parts {
        if d == 0 {
            zero_pending = !s.is_empty();
            continue;
        }
        if zero_pending {
            s.push('零');
            zero_pending = false;
        }
        // 十一, not 一十一, when ten is the leading unit.
        if !(unit == '十' && d == 1 && s.is_empty()) {
            s.push(DIGITS[d as usize]);
        }
        if unit != ' ' {
            s.push(unit);
        }
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_numbers() {
        let got: Vec<String> = [1, 6, 10, 11, 20, 21, 100, 101, 110, 1010]
            .iter()
            .map(|&n| chinese_counting(n).unwrap())
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "六",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零一",
                "一百一十",
                "一千零一十"
            ]
        );
        assert_eq!(chinese_counting(10000), None);
    }

    #[test]
    fn other_formats() {
        assert_eq!(
            format_number(3, "decimalEnclosedCircleChinese").unwrap(),
            "③"
        );
        assert_eq!(format_number(21, "decimalEnclosedCircle").unwrap(), "21");
        assert_eq!(format_number(2, "ideographTraditional").unwrap(), "乙");
        assert_eq!(format_number(11, "ideographTraditional"), None);
        assert_eq!(format_number(28, "lowerLetter").unwrap(), "bb");
        assert_eq!(format_number(14, "upperRoman").unwrap(), "XIV");
        assert_eq!(format_number(7, "decimalFullWidth").unwrap(), "７");
        assert_eq!(format_number(10, "ideographDigital").unwrap(), "一〇");
        assert_eq!(format_number(1, "someFutureFormat"), None);
    }
}
