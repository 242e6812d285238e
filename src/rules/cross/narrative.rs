//! Numbers stated in the narrative: `收到政府信息公开申请35件`, `办结148件`, `行政复议36起` …
//!
//! The narrative is searched outside the tables, with white space removed (PDF text breaks
//! lines inside words: `受理政府\n信息公开申请 17 件`). A number belongs to a statement only
//! when the words right before it name the subject, with nothing but a short filler between
//! (`共`, `共计`, `为` …): `同比增长5件`, `其中通过网络3件`, `约300件`, `300余件`, `30-40件`
//! and `占51.85%` never match. A clause about another year (`2023年收到…`, `上年…`, `较…`)
//! is skipped, and a number claimed by two subjects is dropped. Silence is preferred to a
//! wrong match.
//!
//! Phrasings, and the corpus file each came from (`../shared/corpus`):
//! - received: `全年收到政府信息公开申请 34 件` (real/009), `全区共收到政府信息公开申请154件`
//!   (real/002), `全区收到政府信息公开申请75件` (real/004, = 新收 74 + 上年结转 1),
//!   `共受理政府信息公开申请 749 件` (real/008, = 713 + 36), `受理政府信息公开申请 21 件`
//!   (real/011, real/006), `区政府办代表区政府受理政府\n信息公开申请 17 件` (real/012),
//!   `共受理政府信息公开申请859件` (real/014), `共收到依申请信息公开26件` (real/015),
//!   `本年度全区共收到70件申请` (real/005), `受理公民、法人或其他组织向县政府提出的政府信息
//!   依申请公开26件` (seeds/002), `依申请公开政府信息共4件` (seeds/001), `接收…各类政府信息
//!   公开申请共计81件` (real/003; has 通过, skipped), `未收到要求公开政府信息的申请`
//!   (seeds/000), `未收到群众政府信息公开申请` (seeds/004).
//! - carried in: `上年结转政府信息公开申请 2 件` (real/009); `（含上年结转 189 件）` (real/010)
//!   and `含上年度结转申请 34 件` (real/013) say how many of the closed ones were carried in,
//!   not 上年结转: skipped.
//! - closed: `共办结148件` (real/002), `办结 1191 件` (real/010), `及时依法依规办结69件`
//!   (real/005), `办结完成26件` (seeds/002), `办结依申请公开81件` (real/003), `答复 3050 件`
//!   (real/013), `答复政府信息公开申请805件` (real/014); handled (closed or received):
//!   `共办理 718 件` (real/008), `全年办理政府信息公开申请218件` (real/001).
//! - carried out: `结转至2026年6件` (real/002), `结转下一年 31 件` (real/008),
//!   `1件结转下年度继续办理` (real/005), `另有 103 件顺延到下年度答复` (real/013),
//!   `转下一年度办理答复的有 1 件` (real/009).
//! - outcomes: `予以公开2件`, `不掌握信息2件` (seeds/001); `予以公开及部分公开42件`, `不予公开5件`,
//!   `无法提供31件`, `不予处理1件`, `其他处理2件` (real/003); `同意公开答复 9 件`,
//!   `部分公开答复 0 件`, `不予公开答复 2 件`, `无法提供的 10 件` (real/009); `因本机关不掌握等
//!   原因无法提供 564 件` (real/010: 无法提供, not 不掌握), `属信访、重复申请等不予处理 80 件`
//!   (real/010).
//! - table 四: `行政复议36起，行政诉讼9起` (real/002), `行政复议案件2件、行政诉讼案件7件`
//!   (real/003), `行政诉讼案件1件、行政复议案件2件` (real/004), `政府信息公开行政复议 351 件`
//!   (real/013), `产生行政复议7件` (seeds/002), `涉及的行政诉讼数为 0 件` (real/009),
//!   `有 1 件涉及政府信息公开工作的行政复议` (real/009); `诉讼9件` without 行政 (real/014) and
//!   `行政复议、行政诉讼…案件 74 件` (real/008) are not matched.
//! - table 二: `本年度制发行政规范性文件62件` (real/001), `本年度制发的规范性文件77件`
//!   (real/003), `现行有效行政规范性文件393件` (real/003); `主动公开规章13件` (real/014) and
//!   `新增公开市政府规章 1 件` (real/013) count publications, not 制发: not matched.
//! - fees (X06): `本年度没有产生信息公开处理费` (seeds/000, 001, 004), `无收取信息处理费情况`
//!   (real/001–005), `收取信息处理费共计380元` (real/008), `收取政府信息公开信息处理费 0 元`
//!   (real/011–013), `未发生政府信息公开收费事项` (real/009), `未发生收费情况` (real/015).

use std::ops::Range;
use std::sync::LazyLock;

use crate::rules::blocks::{BlockAnalysis, Shift};
use regex::Regex;

/// What a stated number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// 收到/受理 … 申请: 本年新收, or with 上年结转 (`t3.r01.c7`, `r01 + r02`).
    Received,
    /// 上年结转 … 申请 (`t3.r02.c7`).
    CarriedIn,
    /// 办结, 答复 (`t3.r24.c7`).
    Closed,
    /// 办理: closed, or received.
    Handled,
    /// 结转下年度 (`t3.r25.c7`).
    CarriedOut,
    /// 予以公开 (`t3.r03.c7`).
    Published,
    /// 部分公开 (`t3.r04.c7`).
    Partial,
    /// 予以公开及部分公开 (`r03 + r04`).
    PublishedOrPartial,
    /// 不予公开 (`r05` … `r12`).
    NotDisclosed,
    /// 无法提供 (`r13` … `r15`).
    Unable,
    /// 不掌握 (`r13`).
    NotHeld,
    /// 不予处理 (`r16` … `r20`).
    NotProcessed,
    /// 其他处理 (`r21` … `r23`, or the single 2019 row).
    OtherProcessing,
    /// 行政复议 (`t4.review.total`).
    Review,
    /// 行政诉讼 (`t4.direct.total + t4.after_review.total`).
    Litigation,
    RegMade,
    RegRepealed,
    RegValid,
    NormMade,
    NormRepealed,
    NormValid,
    License,
    Penalty,
    Coercion,
    /// 行政事业性收费 in 万元 (`t2.fee.amount`).
    FeeAmount,
}

/// A number as stated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    /// A decimal amount, normalised (`88.7800` → `88.78`).
    Decimal(String),
}

/// A number stated in the narrative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub subject: Subject,
    pub value: Value,
    /// The number (or, for `未收到…申请`, the negation) in [`crate::rules::Context::text`].
    pub number: Range<usize>,
    /// The statement as it reads, white space removed: `全区共收到政府信息公开申请154件`.
    pub phrase: String,
}

/// The narrative without white space and without the tables, each byte mapped to its
/// position in [`crate::rules::Context::text`].
pub struct Compact {
    pub text: String,
    /// For each byte of `text`, where its character starts in [`crate::rules::Context::text`] and how
    /// long it is there (0 for an inserted separator): five bytes per byte, not a `Range`'s
    /// sixteen, as this is built for every check of a possibly large document.
    starts: Vec<u32>,
    lens: Vec<u8>,
}

/// Stands for white space between two digits, so that `34 5` never reads as 345.
const SEP: char = '|';

impl Compact {
    /// The compact form of `view` (a block of narrative: tables are blocks of their own,
    /// see [`crate::rules::blocks`]).
    pub fn build(view: &str) -> Compact {
        let mut text = String::with_capacity(view.len());
        let mut starts = Vec::with_capacity(view.len());
        let mut lens = Vec::with_capacity(view.len());
        // Offsets beyond u32 (a 4 GiB text) cannot be read here; they saturate.
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut gap_after_digit = false;
        for (i, c) in view.char_indices() {
            if c.is_whitespace() {
                gap_after_digit |= text.ends_with(|p: char| p.is_ascii_digit());
                continue;
            }
            let c = fold(c);
            if gap_after_digit && c.is_ascii_digit() {
                text.push(SEP);
                starts.push(at(i));
                lens.push(0);
            }
            gap_after_digit = false;
            let len = view[i..].chars().next().map_or(1, char::len_utf8) as u8;
            for _ in 0..c.len_utf8() {
                starts.push(at(i));
                lens.push(len);
            }
            text.push(c);
        }
        Compact { text, starts, lens }
    }

    /// The range of [`crate::rules::Context::text`] that a range of the compact text came from.
    pub fn view_range(&self, r: Range<usize>) -> Range<usize> {
        let origin = |i: usize| {
            let start = *self.starts.get(i)? as usize;
            Some(start..start + usize::from(self.lens[i]))
        };
        let Some(first) = origin(r.start) else {
            return 0..0;
        };
        let last = origin(r.end.saturating_sub(1).max(r.start));
        first.start..last.map_or(first.end, |l| l.end.max(first.start))
    }
}

/// Full-width digits and punctuation as their ASCII forms where the patterns care.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' => '.',
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '；' => ';',
        '：' => ':',
        '！' => '!',
        '？' => '?',
        _ => c,
    }
}

/// A number in digits or in Chinese numerals.
const NUM: &str = r"(?P<n>[0-9]+|[零〇一二两三四五六七八九十百千]+)";
/// What may stand between a subject and its number.
const GAP: &str = r"(?:共计|合计|总计|总数为|数量为|数为|共有|共|为|达到|达|有)?";
/// The counters after a pattern's number: 件, 起, 万元.
const COUNTERS: [char; 3] = ['件', '起', '万'];
/// A clause ends here; a subject never reaches back across it.
const CLAUSE_END: &[char] = &[
    '。', ',', ';', ':', '!', '?', '、', '(', ')', '“', '”', '《', '》', SEP, '\n',
];
/// A sentence ends here.
const SENTENCE_END: &[char] = &['。', ';', '!', '?', SEP, '\n'];

struct Pattern {
    subject: Subject,
    /// Every match contains one of these words: a text without any of them is not searched.
    keys: &'static [&'static str],
    /// The pattern in regex syntax (the subset [`Node::parse`] reads); the tests check the
    /// matcher against the regex crate on it.
    #[cfg(test)]
    source: String,
    /// The pattern as the matcher runs it: compiling the regexes took most of the time of
    /// checking a one-file report.
    nodes: Vec<Node>,
    /// The characters a match can start with, when there are few: other positions are not
    /// tried.
    firsts: Option<Vec<char>>,
    /// The pattern starts with {NUM} and then a character no numeral is (件, 起): every start
    /// inside a run of numerals of one kind ends the number where the run ends, so when the
    /// run's first position fails the rest of the run is skipped (a long run would otherwise
    /// be read again from each of its characters).
    leads_with_number: bool,
}

impl Pattern {
    /// The matches in `text`, in order, each search going on after the previous match, as
    /// the regex's `captures_iter` finds them; none when `text` has none of the keys.
    fn matches(&self, text: &str) -> Vec<Caps> {
        let mut out = Vec::new();
        if !self.keys.iter().any(|k| text.contains(k)) {
            return out;
        }
        let mut at = 0;
        while at <= text.len() {
            if let Some(firsts) = &self.firsts {
                match text[at..].find(firsts.as_slice()) {
                    Some(i) => at += i,
                    None => break,
                }
            }
            let mut caps = Caps::default();
            let mut end = None;
            seq(text, &self.nodes, at, &mut caps, &mut |e, _| {
                end = Some(e);
                true
            });
            match end {
                Some(e) => {
                    caps.whole = at..e;
                    // No pattern matches the empty string; step on all the same if one did.
                    at = if e > at { e } else { at + next_len(text, at) };
                    out.push(caps);
                }
                None if self.leads_with_number => {
                    let digit = |c: char| c.is_ascii_digit();
                    let han = |c: char| "零〇一二两三四五六七八九十百千".contains(c);
                    let rest = &text[at..];
                    let run = match rest.chars().next() {
                        Some(c) if digit(c) => rest.find(|c: char| !digit(c)),
                        Some(c) if han(c) => rest.find(|c: char| !han(c)),
                        _ => Some(next_len(text, at)),
                    };
                    at += run.unwrap_or(rest.len()).max(1);
                }
                None => at += next_len(text, at),
            }
        }
        out
    }
}

/// The length of the character at `at` (1 at the end, to step past it).
fn next_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

fn pat(subject: Subject, keys: &'static [&'static str], re: &str) -> Pattern {
    let source = re.replace("{NUM}", NUM).replace("{GAP}", GAP);
    let nodes = Node::parse(&source);
    Pattern {
        subject,
        keys,
        leads_with_number: re.starts_with("{NUM}件") || re.starts_with("{NUM}(?:件|起)"),
        firsts: Node::firsts(&nodes),
        nodes,
        #[cfg(test)]
        source,
    }
}

/// The groups of a match, as byte ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Caps {
    whole: Range<usize>,
    n: Option<Range<usize>>,
    obj: Option<Range<usize>>,
    y: Option<Range<usize>>,
}

/// A pattern of the narrative, parsed from the regex subset its sources use: literal
/// characters, `\.`, classes (`[0-9]`, `[^…]`, ranges), `(?:…)`, `(?P<n|obj|y>…)`, `|`,
/// `?`, `+`, `*`, `{m}`, `{m,n}` (each may be lazy with `?`) and `$`.
#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Class {
        negated: bool,
        items: Vec<(char, char)>,
    },
    /// Alternatives, tried in order.
    Alt(Vec<Vec<Node>>),
    Group(Option<&'static str>, Box<Node>),
    Repeat {
        node: Box<Node>,
        min: usize,
        max: Option<usize>,
        greedy: bool,
    },
    End,
}

impl Node {
    /// The characters a match of `nodes` can start with, when there are few and it cannot
    /// be empty.
    fn firsts(nodes: &[Node]) -> Option<Vec<char>> {
        Node::seq_firsts(nodes).and_then(|(chars, empty)| (!empty).then_some(chars))
    }

    /// The characters a match of `nodes` can start with and whether it can be empty; `None`
    /// when one of them can start with too many.
    fn seq_firsts(nodes: &[Node]) -> Option<(Vec<char>, bool)> {
        let mut out = Vec::new();
        for n in nodes {
            let (chars, empty) = n.node_firsts()?;
            out.extend(chars);
            if !empty {
                return Some((out, false));
            }
        }
        Some((out, true))
    }

    fn node_firsts(&self) -> Option<(Vec<char>, bool)> {
        match self {
            Node::Char(c) => Some((vec![*c], false)),
            Node::Class {
                negated: false,
                items,
            } => {
                let chars: Vec<char> = items.iter().flat_map(|&(lo, hi)| lo..=hi).collect();
                (chars.len() <= 32).then_some((chars, false))
            }
            Node::Class { negated: true, .. } | Node::End => None,
            Node::Alt(alts) => {
                let mut out = Vec::new();
                let mut empty = false;
                for a in alts {
                    let (chars, e) = Node::seq_firsts(a)?;
                    out.extend(chars);
                    empty |= e;
                }
                Some((out, empty))
            }
            Node::Group(_, inner) => inner.node_firsts(),
            Node::Repeat { node, min, .. } => {
                let (chars, empty) = node.node_firsts()?;
                Some((chars, empty || *min == 0))
            }
        }
    }

    /// Parses a pattern; the sources are constants, so a form outside the subset is a bug.
    fn parse(source: &str) -> Vec<Node> {
        let chars: Vec<char> = source.chars().collect();
        let mut at = 0;
        let alt = Node::alt(&chars, &mut at);
        assert_eq!(at, chars.len(), "unsupported pattern syntax: {source}");
        vec![alt]
    }

    fn alt(c: &[char], at: &mut usize) -> Node {
        let mut alts = vec![Node::seq(c, at)];
        while c.get(*at) == Some(&'|') {
            *at += 1;
            alts.push(Node::seq(c, at));
        }
        Node::Alt(alts)
    }

    fn seq(c: &[char], at: &mut usize) -> Vec<Node> {
        let mut out = Vec::new();
        while let Some(&ch) = c.get(*at) {
            let atom = match ch {
                '|' | ')' => break,
                '(' => {
                    let opens = |s: &str| s.chars().zip(&c[*at..]).all(|(a, &b)| a == b);
                    let name = [("n", "(?P<n>"), ("obj", "(?P<obj>"), ("y", "(?P<y>")]
                        .into_iter()
                        .find(|(_, open)| opens(open));
                    *at += match name {
                        Some((_, open)) => open.chars().count(),
                        None if opens("(?:") => 3,
                        None => panic!("unsupported group at {at}"),
                    };
                    let name = name.map(|(n, _)| n);
                    let inner = Node::alt(c, at);
                    assert_eq!(c.get(*at), Some(&')'), "unclosed group");
                    *at += 1;
                    Node::Group(name, Box::new(inner))
                }
                '[' => {
                    *at += 1;
                    let negated = c.get(*at) == Some(&'^');
                    *at += usize::from(negated);
                    let mut items = Vec::new();
                    while let Some(&x) = c.get(*at).filter(|&&x| x != ']') {
                        if c.get(*at + 1) == Some(&'-') && c.get(*at + 2).is_some_and(|&y| y != ']')
                        {
                            items.push((x, c[*at + 2]));
                            *at += 3;
                        } else {
                            items.push((x, x));
                            *at += 1;
                        }
                    }
                    *at += 1;
                    Node::Class { negated, items }
                }
                '\\' => {
                    *at += 2;
                    Node::Char(*c.get(*at - 1).expect("escaped character"))
                }
                '$' => {
                    *at += 1;
                    Node::End
                }
                _ => {
                    *at += 1;
                    Node::Char(ch)
                }
            };
            let (min, max) = match c.get(*at) {
                Some('?') => (0, Some(1)),
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('{') => {
                    let close = (*at..c.len())
                        .find(|&i| c[i] == '}')
                        .expect("closed repetition");
                    let inner: String = c[*at + 1..close].iter().collect();
                    let (lo, hi) = inner.split_once(',').unwrap_or((&inner, &inner));
                    let bound = |s: &str| s.parse::<usize>().expect("repetition bound");
                    *at = close;
                    (bound(lo), Some(bound(hi)))
                }
                _ => {
                    out.push(atom);
                    continue;
                }
            };
            *at += 1;
            let greedy = c.get(*at) != Some(&'?');
            *at += usize::from(!greedy);
            out.push(Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                greedy,
            });
        }
        out
    }
}

/// Matches `nodes` at `at`, then `k` at the end, trying the ways in the regex's order of
/// preference; true at the first way that `k` accepts.
fn seq(
    t: &str,
    nodes: &[Node],
    at: usize,
    caps: &mut Caps,
    k: &mut dyn FnMut(usize, &mut Caps) -> bool,
) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return k(at, caps);
    };
    node(t, first, at, caps, &mut |e, caps| seq(t, rest, e, caps, k))
}

fn node(
    t: &str,
    n: &Node,
    at: usize,
    caps: &mut Caps,
    k: &mut dyn FnMut(usize, &mut Caps) -> bool,
) -> bool {
    match n {
        Node::Char(c) => t[at..].starts_with(*c) && k(at + c.len_utf8(), caps),
        Node::Class { negated, items } => {
            t[at..]
                .chars()
                .next()
                .is_some_and(|c| items.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) != *negated)
                && k(at + next_len(t, at), caps)
        }
        Node::Alt(alts) => alts.iter().any(|a| seq(t, a, at, caps, k)),
        Node::Group(name, inner) => {
            node(t, inner, at, caps, &mut |e, caps| {
                let Some(saved) = slot(caps, *name).map(|s| s.replace(at..e)) else {
                    return k(e, caps);
                };
                if k(e, caps) {
                    return true;
                }
                // This way failed: the group keeps what it had before it.
                if let Some(s) = slot(caps, *name) {
                    *s = saved;
                }
                false
            })
        }
        Node::Repeat {
            node: inner,
            min,
            max,
            greedy,
        } => repeat(t, inner, *min, *max, *greedy, at, caps, k),
        Node::End => at == t.len() && k(at, caps),
    }
}

/// The capture of the group `name`.
fn slot<'a>(caps: &'a mut Caps, name: Option<&str>) -> Option<&'a mut Option<Range<usize>>> {
    match name {
        Some("n") => Some(&mut caps.n),
        Some("obj") => Some(&mut caps.obj),
        Some("y") => Some(&mut caps.y),
        _ => None,
    }
}

/// `inner` repeated between `min` and `max` times from `at`, then `k`.
#[allow(clippy::too_many_arguments)]
fn repeat(
    t: &str,
    inner: &Node,
    min: usize,
    max: Option<usize>,
    greedy: bool,
    at: usize,
    caps: &mut Caps,
    k: &mut dyn FnMut(usize, &mut Caps) -> bool,
) -> bool {
    if let Node::Char(_) | Node::Class { .. } = inner {
        // One character at a time, without recursion (a run may be long): the ends after
        // each count, tried in the order of preference.
        let mut ends = vec![at];
        while max.is_none_or(|m| ends.len() <= m) {
            let e = *ends.last().unwrap_or(&at);
            let mut next = None;
            node(t, inner, e, caps, &mut |e, _| {
                next = Some(e);
                true
            });
            match next {
                Some(n) => ends.push(n),
                None => break,
            }
        }
        let mut counts: Vec<usize> = (min..ends.len()).collect();
        if greedy {
            counts.reverse();
        }
        return counts.into_iter().any(|n| k(ends[n], caps));
    }
    if min > 0 {
        return once_more(t, inner, min, max, greedy, at, caps, k);
    }
    // Greedy: one more before stopping here; lazy: stopping here first.
    let more_first = greedy;
    if more_first && once_more(t, inner, min, max, greedy, at, caps, k) {
        return true;
    }
    k(at, caps) || (!more_first && once_more(t, inner, min, max, greedy, at, caps, k))
}

/// One more `inner` from `at`, then the rest of the repetition and `k`.
#[allow(clippy::too_many_arguments)]
fn once_more(
    t: &str,
    inner: &Node,
    min: usize,
    max: Option<usize>,
    greedy: bool,
    at: usize,
    caps: &mut Caps,
    k: &mut dyn FnMut(usize, &mut Caps) -> bool,
) -> bool {
    max != Some(0)
        && node(t, inner, at, caps, &mut |e, caps| {
            // An empty iteration adds nothing; the regex does not loop on it either.
            e > at
                && repeat(
                    t,
                    inner,
                    min.saturating_sub(1),
                    max.map(|m| m - 1),
                    greedy,
                    e,
                    caps,
                    k,
                )
        })
}

/// The verbs of receiving an application.
const RECEIVED_VERBS: &[&str] = &["收到", "受理", "接收", "接到", "新收"];

/// Objects of 收到/受理: an application in any of its names.
const APPLICATION: &str =
    r"(?:政府信息公开申请|信息公开申请|公开申请|申请|依申请(?:信息)?公开(?:政府信息)?(?:申请)?)";

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    use Subject::*;
    let received_verb = format!("(?:{})", RECEIVED_VERBS.join("|"));
    vec![
        // 收到政府信息公开申请35件; 受理公民、法人或其他组织…提出的政府信息依申请公开26件.
        pat(
            Received,
            RECEIVED_VERBS,
            &format!(
                r"{received_verb}(?P<obj>[^0-9,。;:!?()|]{{0,30}}?){APPLICATION}{{GAP}}{{NUM}}件"
            ),
        ),
        // 共收到70件申请.
        pat(
            Received,
            RECEIVED_VERBS,
            &format!(r"{received_verb}{{GAP}}{{NUM}}件(?:政府信息公开|信息公开)?申请"),
        ),
        // 我苏木依申请公开政府信息共4件 (no verb: the only count of its kind).
        pat(
            Received,
            &["依申请公开"],
            r"依申请公开(?:政府信息)?(?:共计|共){NUM}件",
        ),
        pat(
            CarriedIn,
            &["结转"],
            r"上年度?结转(?:的)?(?:政府信息公开申请|申请)?{GAP}{NUM}件",
        ),
        pat(
            Closed,
            &["办结", "答复"],
            &format!(r"(?:办结|答复)(?:完成)?(?:了)?(?:的)?{APPLICATION}?{{GAP}}{{NUM}}件"),
        ),
        pat(
            Handled,
            &["办理"],
            &format!(r"办理(?:了)?{APPLICATION}?{{GAP}}{{NUM}}件"),
        ),
        // 结转至2026年6件; 结转下一年 31 件; 转下一年度办理答复的有 1 件.
        pat(
            CarriedOut,
            &["转"],
            r"(?:结)?转(?:至|到)?(?:下一?年度?|(?P<y>[0-9]{4})年度?)(?:继续)?(?:办理|答复|处理){0,2}(?:的)?(?:申请)?{GAP}{NUM}件",
        ),
        // 1件结转下年度继续办理; 另有 103 件顺延到下年度答复.
        pat(
            CarriedOut,
            &["结转", "顺延"],
            r"{NUM}件(?:申请)?(?:结转|顺延)(?:至|到)?下一?年度?",
        ),
        pat(
            PublishedOrPartial,
            &["部分公开"],
            r"(?:予以公开|同意公开|全部公开)(?:及|和|与|、)部分公开(?:答复)?(?:的)?{GAP}{NUM}件",
        ),
        pat(
            Published,
            &["予以公开", "同意公开", "全部公开"],
            r"(?:予以公开|同意公开|全部公开)(?:答复)?(?:的)?{GAP}{NUM}件",
        ),
        pat(
            Partial,
            &["部分公开"],
            r"部分公开(?:答复)?(?:的)?{GAP}{NUM}件",
        ),
        pat(
            NotDisclosed,
            &["不予"],
            r"不予(?:以)?公开(?:答复)?(?:的)?{GAP}{NUM}件",
        ),
        pat(
            Unable,
            &["无法提供"],
            r"无法提供(?:答复)?(?:的)?{GAP}{NUM}件",
        ),
        pat(
            NotHeld,
            &["不掌握"],
            r"不掌握(?:相关)?(?:政府)?信息(?:的)?{GAP}{NUM}件",
        ),
        pat(NotProcessed, &["不予处理"], r"不予处理(?:的)?{GAP}{NUM}件"),
        pat(
            OtherProcessing,
            &["其他处理"],
            r"其他处理(?:的)?{GAP}{NUM}件",
        ),
        pat(
            Review,
            &["行政复议"],
            r"行政复议(?:案件|申请)?(?:的)?(?:数量|数)?{GAP}{NUM}(?:件|起)",
        ),
        // 有 1 件涉及政府信息公开工作的行政复议.
        pat(
            Review,
            &["行政复议"],
            r"{NUM}(?:件|起)(?:涉及|因)[^0-9,。;:!?()|]{0,20}的行政复议(?:案件)?(?:[,。;]|$)",
        ),
        pat(
            Litigation,
            &["行政诉讼"],
            r"行政诉讼(?:案件)?(?:的)?(?:数量|数)?{GAP}{NUM}(?:件|起)",
        ),
        pat(
            RegMade,
            &["规章"],
            r"制发(?:了)?(?:的)?(?:政府)?规章{GAP}{NUM}件",
        ),
        pat(
            RegRepealed,
            &["规章"],
            r"废止(?:了)?(?:的)?(?:政府)?规章{GAP}{NUM}件",
        ),
        pat(
            RegValid,
            &["规章"],
            r"现行有效(?:的)?(?:政府)?规章{GAP}{NUM}件",
        ),
        pat(
            NormMade,
            &["规范性文件"],
            r"制发(?:了)?(?:的)?(?:行政)?规范性文件{GAP}{NUM}件",
        ),
        pat(
            NormRepealed,
            &["规范性文件"],
            r"废止(?:了)?(?:的)?(?:行政)?规范性文件{GAP}{NUM}件",
        ),
        pat(
            NormValid,
            &["规范性文件"],
            r"现行有效(?:的)?(?:行政)?规范性文件{GAP}{NUM}件",
        ),
        pat(
            License,
            &["行政许可"],
            r"行政许可(?:决定)?(?:数量|数)?{GAP}{NUM}件",
        ),
        pat(
            Penalty,
            &["行政处罚"],
            r"行政处罚(?:决定|案件)?(?:数量|数)?{GAP}{NUM}件",
        ),
        pat(
            Coercion,
            &["行政强制"],
            r"行政强制(?:措施|决定)?(?:数量|数)?{GAP}{NUM}件",
        ),
        pat(
            FeeAmount,
            &["行政事业性收费"],
            r"行政事业性收费(?:金额|总额|收入)?{GAP}(?P<n>[0-9]+(?:\.[0-9]+)?)万元",
        ),
    ]
});

/// `未收到…申请`: a stated zero.
static NONE_RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<neg>(?:未|没有)(?:收到|受理|接到))(?P<obj>[^0-9,。;:!?()|]{0,15}?)申请(?:[,。;]|$)",
    )
    .expect("valid pattern")
});

/// Words that put a clause in another period or make it a change, not a count.
const OTHER_PERIOD: &[&str] = &[
    "上年",
    "去年",
    "上一年",
    "往年",
    "历年",
    "以来",
    "同比",
    "环比",
    "较",
    "比上",
    "增长",
    "增加",
    "减少",
    "下降",
    "回落",
    "上升",
    "平均",
    "月",
    "季度",
    "半年",
];

/// Words that narrow a total to a part: a channel, or a kind of applicant.
const PART: &[&str] = &[
    "其中", "通过", "网上", "网络", "线上", "线下", "信函", "邮寄", "当面", "传真",
];
const APPLICANT: &[&str] = &[
    "自然人",
    "企业",
    "科研机构",
    "公益组织",
    "法律服务",
    "法人",
    "组织",
    "个人",
];

/// What may precede 办结/答复/办理 in its clause: who, when, how; never an outcome
/// (`不予公开答复 2 件` is an outcome, not the number closed). Whether `prefix` is a sequence
/// of these words, as `^(?:[0-9]{4}年度?|全年|本年度?|…|累计)*$` tells.
fn closed_prefix_ok(prefix: &str) -> bool {
    const WORDS: [&str; 25] = [
        "全年",
        "本年度",
        "本年",
        "今年",
        "全区",
        "全市",
        "全县",
        "全旗",
        "全镇",
        "全乡",
        "本机关",
        "我局",
        "我办",
        "我委",
        "共",
        "总共",
        "已",
        "均",
        "并",
        "及时",
        "依法",
        "依规",
        "按时",
        "按期",
        "累计",
    ];
    // Which prefixes of `prefix` are such sequences (the words overlap, so all are kept).
    let mut reach = vec![false; prefix.len() + 1];
    reach[0] = true;
    for at in 0..prefix.len() {
        if !reach[at] {
            continue;
        }
        let rest = &prefix[at..];
        for w in WORDS {
            if rest.starts_with(w) {
                reach[at + w.len()] = true;
            }
        }
        if rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            if let Some(after) = rest[4..].strip_prefix('年') {
                reach[prefix.len() - after.len()] = true;
                if let Some(after) = after.strip_prefix('度') {
                    reach[prefix.len() - after.len()] = true;
                }
            }
        }
    }
    reach[prefix.len()]
}

/// One match before the checks that need more than its text.
struct Found {
    phrase: Range<usize>,
    number: Range<usize>,
    subject: Subject,
    value: Value,
}

/// The statements of a compact text; `year` is the report's year when known.
pub fn find(compact: &Compact, year: Option<i32>) -> Vec<Statement> {
    let text = &compact.text;
    let mut found: Vec<Found> = Vec::new();
    // Every pattern ends its number with a counter (件, 起, or 万元 for the fee): a text
    // without one, as most paragraphs are, is not searched pattern by pattern.
    let patterns = if text.contains(COUNTERS) {
        &PATTERNS[..]
    } else {
        &[]
    };
    for p in patterns {
        for caps in p.matches(text) {
            let (m, Some(n)) = (caps.whole, caps.n) else {
                continue;
            };
            if !acceptable(text, m.clone(), n.clone(), p.subject, year) {
                continue;
            }
            if caps.obj.is_some_and(|o| !object_ok(&text[o], true)) {
                continue;
            }
            if let Some(y) = caps.y {
                // 结转至2026年: only the year after the report's.
                if text[y].parse::<i32>().ok() != year.map(|y| y + 1) {
                    continue;
                }
            }
            let value = if p.subject == Subject::FeeAmount {
                Value::Decimal(normalise_decimal(&text[n.clone()]))
            } else {
                match parse_count(&text[n.clone()]) {
                    Some(v) => Value::Int(v),
                    None => continue,
                }
            };
            found.push(Found {
                phrase: m,
                number: n,
                subject: p.subject,
                value,
            });
        }
    }
    // Every match has a negated verb: without one the pattern is not compiled.
    let negated = text.contains(['未', '没'])
        && [
            "未收到",
            "未受理",
            "未接到",
            "没有收到",
            "没有受理",
            "没有接到",
        ]
        .iter()
        .any(|w| text.contains(w));
    for caps in negated
        .then(|| NONE_RECEIVED.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let (Some(m), Some(obj), Some(neg)) = (caps.get(0), caps.name("obj"), caps.name("neg"))
        else {
            continue;
        };
        if object_ok(obj.as_str(), false)
            && acceptable(text, m.range(), neg.range(), Subject::Received, year)
        {
            let end = m.end()
                - m.as_str()
                    .chars()
                    .last()
                    .filter(|c| matches!(c, ',' | '。' | ';'))
                    .map_or(0, char::len_utf8);
            found.push(Found {
                phrase: m.start()..end,
                number: neg.range(),
                subject: Subject::Received,
                value: Value::Int(0),
            });
        }
    }
    // A number claimed by two subjects is nobody's.
    let mut out: Vec<Statement> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let contested = found.iter().enumerate().any(|(j, g)| {
            j != i
                && g.number.start < f.number.end
                && f.number.start < g.number.end
                && g.subject != f.subject
        });
        if contested {
            continue;
        }
        let number = compact.view_range(f.number.clone());
        if out.iter().any(|s| s.number == number) {
            continue;
        }
        out.push(Statement {
            subject: f.subject,
            value: f.value.clone(),
            number,
            // A pattern may take the clause's end to know it ended there.
            phrase: text[f.phrase.clone()]
                .trim_end_matches([',', '。', ';'])
                .to_string(),
        });
    }
    out.sort_by_key(|s| s.number.start);
    out
}

/// Whether a subject is a total that a part (其中…, 通过网络…) must not be taken for.
fn is_total(subject: Subject) -> bool {
    use Subject::*;
    matches!(
        subject,
        Received
            | CarriedIn
            | Closed
            | Handled
            | CarriedOut
            | RegMade
            | RegRepealed
            | RegValid
            | NormMade
            | NormRepealed
            | NormValid
            | License
            | Penalty
            | Coercion
            | FeeAmount
    )
}

/// Context checks around a match `m` whose number is at `n`.
fn acceptable(
    text: &str,
    m: Range<usize>,
    n: Range<usize>,
    subject: Subject,
    year: Option<i32>,
) -> bool {
    let before = &text[..m.start];
    let clause_start = before.rfind(CLAUSE_END).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let prefix = &text[clause_start..m.start];
    // The clause without the subject's own words (上年结转 names a period on purpose).
    let mut clause = text[clause_start..m.end].to_string();
    if subject == Subject::CarriedIn {
        clause = clause
            .replacen("上年度结转", "", 1)
            .replacen("上年结转", "", 1);
    }
    let clause = clause.replace("公民、法人或其他组织", "");
    if OTHER_PERIOD.iter().any(|w| clause.contains(w)) {
        return false;
    }
    if is_total(subject) && PART.iter().any(|w| clause.contains(w)) {
        return false;
    }
    // A count for one kind of applicant is not the row's total.
    if APPLICANT.iter().any(|w| clause.contains(w)) {
        return false;
    }
    // 累计 may run over several years, unless the clause says it is this year's.
    if clause.contains("累计") && !["全年", "本年", "今年"].iter().any(|w| clause.contains(w))
    {
        return false;
    }
    // An explicit year other than the report's (the year after it only for 结转至).
    for written in years(&clause) {
        let y = written.parse::<i32>().ok();
        let own = y.is_some() && y == year;
        let next = y.is_some() && y == year.map(|y| y + 1) && subject == Subject::CarriedOut;
        if !own && !next {
            return false;
        }
    }
    // 不予受理, 未办结: negated.
    if before.ends_with('不') || before.ends_with('未') || before.ends_with("没有") {
        return false;
    }
    // A number right after another number or a range sign: 3 5件, 30-40件, 1.5件.
    if n.start == m.start {
        let prev = before.chars().next_back();
        if prev.is_some_and(|c| {
            c.is_ascii_digit() || matches!(c, SEP | '.' | '-' | '~' | '至' | '到' | '—')
        }) {
            return false;
        }
    }
    let prev = before.chars().next_back();
    match subject {
        // 含上年结转 189 件: a part of what was closed, not the 上年结转 count.
        Subject::CarriedIn | Subject::Received | Subject::Closed
            if matches!(prev, Some('含' | '括')) =>
        {
            return false
        }
        Subject::Closed | Subject::Handled if !closed_prefix_ok(prefix) => return false,
        // 不予以公开 is not 予以公开.
        Subject::Published if matches!(prev, Some('不' | '未')) => return false,
        // 予以公开及部分公开 is not 部分公开 alone.
        Subject::Partial
            if ["公开及", "公开和", "公开与", "公开、"]
                .iter()
                .any(|w| before.ends_with(w)) =>
        {
            return false
        }
        // 行政复议、行政诉讼案件74件: a count of both.
        Subject::Litigation | Subject::Review
            if [
                "复议、",
                "复议和",
                "复议及",
                "复议与",
                "诉讼、",
                "诉讼和",
                "诉讼及",
                "诉讼与",
            ]
            .iter()
            .any(|w| before.ends_with(w)) =>
        {
            return false
        }
        // 公开行政处罚决定N件 counts publications, not decisions.
        Subject::License | Subject::Penalty | Subject::Coercion
            if ["公开", "公示", "发布"].iter().any(|w| before.ends_with(w)) =>
        {
            return false
        }
        _ => {}
    }
    // A total after 其中 in the same sentence is a part of something else.
    let sentence_start = before.rfind(SENTENCE_END).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    if is_total(subject) && before[sentence_start..].contains("其中") {
        return false;
    }
    // Not the start of a larger count: 35件次, 35件/月.
    let after = &text[n.end..];
    let after = after
        .strip_prefix('件')
        .or_else(|| after.strip_prefix('起'))
        .unwrap_or(after);
    !after.starts_with(['次', '/', '每'])
}

/// The years written with 年 in `text` ("2024年"), in order, as `([0-9]{4})年` finds them.
fn years(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at + 4 <= b.len() {
            let i = at;
            at += 1;
            if b[i..i + 4].iter().all(u8::is_ascii_digit) && text[i + 4..].starts_with('年') {
                at = i + 4 + '年'.len_utf8();
                return Some(&text[i..i + 4]);
            }
        }
        None
    })
}

/// The words between 收到 and 申请 must not narrow the count to a kind of applicant or a
/// channel (`公民、法人或其他组织` names them all), nor, when `strict`, hold an outcome
/// (`收到的申请中予以公开的申请12件` counts the published ones).
fn object_ok(obj: &str, strict: bool) -> bool {
    let obj = obj.replace("公民、法人或其他组织", "");
    let outcome = ["公开", "处理", "办结", "答复", "提供", "结转", "中"];
    !(PART.iter().any(|w| obj.contains(w))
        || APPLICANT.iter().any(|w| obj.contains(w))
        || OTHER_PERIOD.iter().any(|w| obj.contains(w))
        || (strict && outcome.iter().any(|w| obj.contains(w))))
}

/// What the narrative says about 信息处理费 (spec §2.3: not table 二's 行政事业性收费).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeeSaid {
    /// `没有产生信息处理费`, `未发出收费通知`: no fee or fee notice arose.
    NoneArose,
    /// `未收取信息处理费`: none collected (a notice may have gone unpaid).
    NoneCollected,
    /// `收取信息处理费共计380元`: an amount collected, as written, with its unit.
    Collected { amount: String, unit: &'static str },
}

/// A statement about 信息处理费.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeStatement {
    pub said: FeeSaid,
    /// The negation or the amount, in [`crate::rules::Context::text`].
    pub range: Range<usize>,
    pub phrase: String,
}

/// Words of a fee statement, in order; an optional step may be left out. Read with the
/// regex crate's preferences: earlier words first, an optional step taken before skipped.
type Steps = &'static [(&'static [&'static str], bool)];

/// `(?P<k>没有|未|无)(?:产生|发出|发生|下发)(?:过)?(?:任何)?(?:政府信息公开|信息公开)?(?:信息)?(?:处理费|收费通知)`.
const FEE_NONE_AROSE: Steps = &[
    (&["没有", "未", "无"], false),
    (&["产生", "发出", "发生", "下发"], false),
    (&["过"], true),
    (&["任何"], true),
    (&["政府信息公开", "信息公开"], true),
    (&["信息"], true),
    (&["处理费", "收费通知"], false),
];
/// `(?P<k>没有|未|无)(?:收取|收缴)(?:过)?(?:任何)?(?:政府信息公开|信息公开)?(?:信息)?处理费`.
const FEE_NONE_COLLECTED: Steps = &[
    (&["没有", "未", "无"], false),
    (&["收取", "收缴"], false),
    (&["过"], true),
    (&["任何"], true),
    (&["政府信息公开", "信息公开"], true),
    (&["信息"], true),
    (&["处理费"], false),
];
/// `收取(?:了)?(?:政府信息公开|信息公开)?(?:信息)?处理费(?:共计|合计|总计|共|为)?` before
/// the amount and its unit.
const FEE_COLLECTED: Steps = &[
    (&["收取"], false),
    (&["了"], true),
    (&["政府信息公开", "信息公开"], true),
    (&["信息"], true),
    (&["处理费"], false),
    (&["共计", "合计", "总计", "共", "为"], true),
];

/// The end of `steps` matched at `at`, then `tail`'s answer there.
fn steps_at<T>(
    text: &str,
    at: usize,
    steps: Steps,
    tail: &dyn Fn(usize) -> Option<T>,
) -> Option<T> {
    let Some(((words, optional), rest)) = steps.split_first() else {
        return tail(at);
    };
    words
        .iter()
        .filter(|w| text[at..].starts_with(*w))
        .find_map(|w| steps_at(text, at + w.len(), rest, tail))
        .or_else(|| optional.then(|| steps_at(text, at, rest, tail)).flatten())
}

/// `(?P<k>[0-9]+(?:\.[0-9]+)?)(?P<u>万元|元)` at `at`: the amount and the unit.
fn amount_at(text: &str, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    let digits = |from: usize| {
        from + text.as_bytes()[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let int = digits(at);
    if int == at {
        return None;
    }
    let frac = Some(int)
        .filter(|&i| text[i..].starts_with('.'))
        .map(|i| digits(i + 1))
        .filter(|&end| end > int + 1);
    let end = frac.unwrap_or(int);
    let unit = ["万元", "元"]
        .iter()
        .find(|u| text[end..].starts_with(*u))?;
    Some((at..end, end..end + unit.len()))
}

/// A fee statement's match: the whole, the negation or amount (`k`) and the unit.
struct FeeMatch {
    whole: Range<usize>,
    k: Range<usize>,
    unit: Option<Range<usize>>,
}

/// The matches of `steps` (with the amount after them when `amount`), in order, each
/// search going on after the previous match.
fn fee_matches(text: &str, steps: Steps, amount: bool) -> Vec<FeeMatch> {
    let mut out = Vec::new();
    let mut from = 0;
    let firsts: Vec<char> = steps[0].0.iter().filter_map(|w| w.chars().next()).collect();
    while let Some(at) = text
        .get(from..)
        .and_then(|t| t.find(firsts.as_slice()))
        .map(|i| from + i)
    {
        let k_end = steps[0]
            .0
            .iter()
            .find(|w| text[at..].starts_with(*w))
            .map(|w| at + w.len());
        let found = steps_at(text, at, steps, &|end| {
            if amount {
                let (k, unit) = amount_at(text, end)?;
                Some(FeeMatch {
                    whole: at..unit.end,
                    k,
                    unit: Some(unit),
                })
            } else {
                Some(FeeMatch {
                    whole: at..end,
                    k: at..k_end?,
                    unit: None,
                })
            }
        });
        match found {
            Some(m) => {
                from = m.whole.end;
                out.push(m);
            }
            None => from = at + text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// What a fee pattern's match says.
type FeeKind = fn(&str, &FeeMatch) -> FeeSaid;

/// The statements about 信息处理费 in a compact text, in text order. Clauses about another
/// period are skipped.
pub fn find_fee(compact: &Compact, year: Option<i32>) -> Vec<FeeStatement> {
    let text = &compact.text;
    let mut out = Vec::new();
    let kinds: [(Steps, bool, FeeKind); 3] = [
        (FEE_NONE_AROSE, false, |_, _| FeeSaid::NoneArose),
        (FEE_NONE_COLLECTED, false, |_, _| FeeSaid::NoneCollected),
        (FEE_COLLECTED, true, |text, m| FeeSaid::Collected {
            amount: normalise_decimal(&text[m.k.clone()]),
            unit: match &m.unit {
                Some(u) if &text[u.clone()] == "万元" => "万元",
                _ => "元",
            },
        }),
    ];
    for (steps, amount, said) in kinds {
        for m in fee_matches(text, steps, amount) {
            let before = &text[..m.whole.start];
            let clause_start = before.rfind(CLAUSE_END).map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
            let clause = &text[clause_start..m.whole.end];
            if OTHER_PERIOD.iter().any(|w| clause.contains(w)) {
                continue;
            }
            let other_year = years(clause).any(|y| y.parse::<i32>().ok() != year || year.is_none());
            if other_year {
                continue;
            }
            let end = m.unit.as_ref().map_or(m.k.end, |u| u.start);
            out.push(FeeStatement {
                said: said(text, &m),
                range: compact.view_range(m.k.start..end),
                phrase: text[m.whole.clone()].to_string(),
            });
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}

/// A count in digits, or in Chinese numerals written the standard way (`二十五`, `一百零五`);
/// `二〇二四` or the colloquial `一百五` are not counts.
pub fn parse_count(s: &str) -> Option<i64> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    parse_han(s)
}

fn parse_han(s: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut digit: Option<i64> = None;
    let mut last_unit: i64 = 10_000;
    let mut zero = false;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => {
                if digit.is_some() || zero {
                    return None;
                }
                zero = true;
                continue;
            }
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                // 零 stands for a skipped place, so a unit after it needs its digit (零一十).
                if unit >= last_unit || (zero && digit.is_none()) {
                    return None;
                }
                zero = false;
                // 十五 = 15; otherwise a unit needs its digit.
                let d = match digit.take() {
                    Some(d) => d,
                    None if unit == 10 && total == 0 => 1,
                    None => return None,
                };
                total += d * unit;
                last_unit = unit;
                continue;
            }
            _ => return None,
        };
        if digit.is_some() {
            return None;
        }
        digit = Some(d);
    }
    match digit {
        // A last digit counts ones: after 十, after 零, or alone.
        Some(d) if last_unit == 10 || zero || last_unit == 10_000 => Some(total + d),
        Some(_) => None,
        None if zero && total == 0 && s.chars().count() == 1 => Some(0),
        None if zero => None,
        None => Some(total),
    }
}

/// A decimal without trailing zeros (`88.7800` → `88.78`, `5.0` → `5`).
pub fn normalise_decimal(s: &str) -> String {
    let s = s.trim_start_matches('0');
    let s = if s.is_empty() || s.starts_with('.') {
        format!("0{s}")
    } else {
        s.to_string()
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The numbers stated ([`find`]) and what is said of 信息处理费 ([`find_fee`]) in a block of
/// narrative, both read from one [`Compact`] form; kept by the block cache.
pub(crate) struct Narrative;

impl BlockAnalysis for Narrative {
    type Facts = (Vec<Statement>, Vec<FeeStatement>);
    const IN_TABLES: bool = false;
    fn analyse(block: &str, year: Option<i32>) -> Self::Facts {
        let compact = Compact::build(block);
        (find(&compact, year), find_fee(&compact, year))
    }
}

impl Shift for Statement {
    fn shift(&mut self, by: usize) {
        self.number.shift(by);
    }
}

impl Shift for FeeStatement {
    fn shift(&mut self, by: usize) {
        self.range.shift(by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compact corpus and generated texts, and sentences around the hand-read patterns.
    fn compact_texts() -> Vec<String> {
        let mut texts: Vec<String> = crate::read::meta::tests::sample_texts()
            .iter()
            .map(|t| Compact::build(t).text)
            .collect();
        for t in [
            "本年度未收取信息处理费，没有产生过任何政府信息公开信息处理费，无下发收费通知",
            "未发生信息公开处理费;未发出过任何收费通知;没有收缴过信息处理费;无收取处理费",
            "收取了政府信息公开信息处理费共计380元,收取处理费为1.5万元,收取信息处理费共12.元",
            "收取处理费合计.5元,收取处理费总计5.25万元,收取信息公开处理费5万,收取处理费共共5元",
            "未未收取信息处理费,没有没有产生处理费,收取收取处理费3元,2024年收取处理费12元",
            "未收到申请,没有受理依申请公开申请;未接到公民申请。20245年,12024年度2025年",
            "全年共办结,本年度依法按时,2024年度2025年全区,本年度本年,总共共已,x全年,全年x",
        ] {
            texts.push(t.to_string());
        }
        texts
    }

    #[test]
    fn pattern_matcher_agrees_with_the_regexes() {
        let mut texts = compact_texts();
        for t in [
            "收到政府信息公开申请35件,受理公民、法人或其他组织提出的政府信息依申请公开26件,共收到70件申请",
            "接收申请三十五件,新收依申请信息公开政府信息申请共计12件,收到的申请中予以公开的申请12件",
            "上年结转的申请3件,结转至2026年6件,结转下一年31件,转下一年度办理答复的有1件,1件结转下年度继续办理",
            "予以公开及部分公开答复的共10件,不予以公开答复2件,无法提供5件,不掌握相关政府信息的3件,其他处理0件",
            "有1件涉及政府信息公开工作的行政复议,2起因某某事项的行政复议案件。行政诉讼案件数量为0件",
            "制发了政府规章2件,废止行政规范性文件1件,现行有效规章十件,行政许可决定数量123件,行政事业性收费金额1.5万元",
            "办结申请一百零五件,办理了依申请公开申请4件,答复完成了的申请7件,办理答复处理3件,转至2025年1件",
            "收到一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四申请5件,收到申请件,收到申请12",
            "1234件结转下年度,一二3件结转到下年,三十件顺延至下一年度,12三件结转下年,3 件结转下年度,百件起因x的行政复议",
        ] {
            texts.push(t.to_string());
        }
        // Long runs of numerals, read once rather than from each of their characters.
        texts.push(format!(
            "结转{}件结转下年,{}件顺延下年度",
            "1".repeat(100_000),
            "二".repeat(50_000)
        ));
        let mut found = 0;
        for p in PATTERNS.iter() {
            let re = Regex::new(&p.source).unwrap();
            for text in &texts {
                let expected: Vec<Caps> = if p.keys.iter().any(|k| text.contains(k)) {
                    re.captures_iter(text)
                        .map(|c| Caps {
                            whole: c.get(0).unwrap().range(),
                            n: c.name("n").map(|m| m.range()),
                            obj: c.name("obj").map(|m| m.range()),
                            y: c.name("y").map(|m| m.range()),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                found += expected.len();
                assert_eq!(p.matches(text), expected, "{} {text}", p.source);
            }
        }
        assert!(found > 100, "{found}");
        // Every pattern starts with a known character: no position is tried in vain.
        assert!(PATTERNS.iter().all(|p| p.firsts.is_some()));
    }

    #[test]
    fn fee_matchers_agree_with_the_regexes() {
        let patterns = [
            (
                FEE_NONE_AROSE,
                false,
                r"(?P<k>没有|未|无)(?:产生|发出|发生|下发)(?:过)?(?:任何)?(?:政府信息公开|信息公开)?(?:信息)?(?:处理费|收费通知)",
            ),
            (
                FEE_NONE_COLLECTED,
                false,
                r"(?P<k>没有|未|无)(?:收取|收缴)(?:过)?(?:任何)?(?:政府信息公开|信息公开)?(?:信息)?处理费",
            ),
            (
                FEE_COLLECTED,
                true,
                r"收取(?:了)?(?:政府信息公开|信息公开)?(?:信息)?处理费(?:共计|合计|总计|共|为)?(?P<k>[0-9]+(?:\.[0-9]+)?)(?P<u>万元|元)",
            ),
        ];
        let mut found = 0;
        for text in compact_texts() {
            for (steps, amount, pattern) in patterns {
                let re = Regex::new(pattern).unwrap();
                let expected: Vec<_> = re
                    .captures_iter(&text)
                    .map(|c| {
                        (
                            c.get(0).unwrap().range(),
                            c.name("k").unwrap().range(),
                            c.name("u").map(|u| u.range()),
                        )
                    })
                    .collect();
                found += expected.len();
                let got: Vec<_> = fee_matches(&text, steps, amount)
                    .into_iter()
                    .map(|m| (m.whole, m.k, m.unit))
                    .collect();
                assert_eq!(got, expected, "{pattern} {text}");
            }
        }
        assert!(found > 15);
    }

    #[test]
    fn years_and_closed_prefixes_agree_with_the_regexes() {
        let year = Regex::new(r"([0-9]{4})年").unwrap();
        let prefix = Regex::new(r"^(?:[0-9]{4}年度?|全年|本年度?|今年|全区|全市|全县|全旗|全镇|全乡|本机关|我局|我办|我委|共|总共|已|均|并|及时|依法|依规|按时|按期|累计)*$").unwrap();
        let none = Regex::new(r"(?P<neg>(?:未|没有)(?:收到|受理|接到))(?P<obj>[^0-9,。;:!?()|]{0,15}?)申请(?:[,。;]|$)").unwrap();
        let mut ok = 0;
        for text in compact_texts() {
            let expected: Vec<&str> = year
                .captures_iter(&text)
                .map(|c| c.get(1).unwrap().as_str())
                .collect();
            assert_eq!(years(&text).collect::<Vec<_>>(), expected);
            for clause in text.split([',', '。', ';', SEP]) {
                for (i, _) in clause.char_indices() {
                    let p = &clause[..i];
                    ok += usize::from(prefix.is_match(p));
                    assert_eq!(closed_prefix_ok(p), prefix.is_match(p), "{p}");
                }
            }
            let gate = [
                "未收到",
                "未受理",
                "未接到",
                "没有收到",
                "没有受理",
                "没有接到",
            ]
            .iter()
            .any(|w| text.contains(w));
            assert!(gate || !none.is_match(&text));
        }
        assert!(ok > 50);
    }

    fn stated(text: &str) -> Vec<(Subject, Value, String)> {
        let c = Compact::build(text);
        find(&c, Some(2024))
            .into_iter()
            .map(|s| (s.subject, s.value, text[s.number].to_string()))
            .collect()
    }

    fn one(text: &str) -> (Subject, i64) {
        let s = stated(text);
        assert_eq!(s.len(), 1, "{text}: {s:?}");
        match &s[0].1 {
            Value::Int(n) => (s[0].0, *n),
            Value::Decimal(d) => panic!("{d}"),
        }
    }

    #[test]
    fn chinese_numerals_parse_exactly() {
        for (s, n) in [
            ("三", 3),
            ("十", 10),
            ("十五", 15),
            ("二十", 20),
            ("三十五", 35),
            ("一百零五", 105),
            ("一百二十", 120),
            ("两千零一十", 2010),
            ("零", 0),
            ("35", 35),
        ] {
            assert_eq!(parse_count(s), Some(n), "{s}");
        }
        for s in ["二〇二四", "一百五", "十十", "三二", "百", "零零", "一千万"] {
            assert_eq!(parse_count(s), None, "{s}");
        }
    }

    #[test]
    fn corpus_phrasings_are_found() {
        use Subject::*;
        let cases: &[(&str, Subject, i64)] = &[
            ("全年收到政府信息公开申请 34 件，", Received, 34),
            ("2024年，全区共收到政府信息公开申请154件。", Received, 154),
            (
                "区政府办代表区政府受理政府\n信息公开申请 17 件，",
                Received,
                17,
            ),
            ("2024年度我局共收到依申请信息公开26件，", Received, 26),
            ("本年度全区共收到70件申请，", Received, 70),
            (
                "受理公民、法人或其他组织向县政府提出的政府信息依申请公开26件,",
                Received,
                26,
            ),
            ("2024年,我苏木依申请公开政府信息共4件,", Received, 4),
            ("，上年结转政府信息公开申请 2 件，", CarriedIn, 2),
            ("，共办结148件，", Closed, 148),
            ("及时依法依规办结69件，", Closed, 69),
            ("办结完成26件。", Closed, 26),
            ("。办结依申请公开81件，", Closed, 81),
            ("，答复 3050 件（", Closed, 3050),
            ("；共办理 718 件，", Handled, 718),
            ("，结转至2025年6件。", CarriedOut, 6),
            ("，结转下一年 31 件。", CarriedOut, 31),
            ("，1件结转下年度继续办理。", CarriedOut, 1),
            ("另有 103 件顺延到下年度答复", CarriedOut, 103),
            ("，转下一\n年度办理答复的有 1 件。", CarriedOut, 1),
            ("其中，予以公开2件，", Published, 2),
            ("同意公开答复 9 件，", Published, 9),
            ("部分公开答复 0 件，", Partial, 0),
            ("予以公开及部分公开42件，", PublishedOrPartial, 42),
            ("不予公开答复 2\n件，", NotDisclosed, 2),
            ("无法提供的 10 件，", Unable, 10),
            (
                "因本机关\n不掌握等原因无法提供 564 件（47.36%）",
                Unable,
                564,
            ),
            ("不掌握信息2件。", NotHeld, 2),
            ("属信访、重复申请等不予处理 80 件（", NotProcessed, 80),
            ("其他处理 319 件（26.78%，", OtherProcessing, 319),
            ("全年办理因政府信息公开申请引发的行政复议36起，", Review, 36),
            ("政府信息公开行政复议 351\n\n件，", Review, 351),
            (
                "2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，",
                Review,
                1,
            ),
            ("涉及的行政诉讼数为\n0 件。", Litigation, 0),
            ("行政诉讼案件7件。", Litigation, 7),
            ("动态更新发布本年度制发行政规范性文件62件，", NormMade, 62),
            ("动态更新本年度制发的规范性文件77件。", NormMade, 77),
            ("集中发布现行有效行政规范性文件393件，", NormValid, 393),
            ("本年度作出行政处罚决定1100件。", Penalty, 1100),
            ("收到政府信息公开申请三十五件。", Received, 35),
        ];
        for (text, subject, n) in cases {
            assert_eq!(one(text), (*subject, *n), "{text}");
        }
    }

    #[test]
    fn the_number_range_is_the_digits() {
        let text = "全区共收到政府信息公开申请 154 件。";
        let s = stated(text);
        assert_eq!(s[0].2, "154");
        let text = "2024年我办未收到要求公开政府信息的申请。";
        let s = stated(text);
        assert_eq!(
            (s[0].0, &s[0].1, s[0].2.as_str()),
            (Subject::Received, &Value::Int(0), "未收到")
        );
    }

    #[test]
    fn pitfalls_stay_silent() {
        for text in [
            "收到申请同比增长5件。",
            "较上年增加收到申请5件。",
            "其中通过互联网收到申请30件。",
            "其中自然人申请 741 件，法人或其他组织申请 8 件；",
            "2023年收到政府信息公开申请30件。",
            "上年收到政府信息公开申请30件。",
            "收到政府信息公开申请30-40件。",
            "收到政府信息公开申请约300件。",
            "收到政府信息公开申请300余件。",
            "予以公开占51.85%。",
            "行政事业性收费35件。",
            "行政事业性收费12.5元。",
            "通过网络收到申请12件。",
            "（含上年结转 189 件）",
            "（含上年度结转申请 34 件，",
            "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",
            "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件，",
            "，诉讼9件，",
            "全年主动公开市政府规章 22 件、",
            "新增公开市政府规章 1 件、",
            "主动公开行政处罚决定20件。",
            "累计收到政府信息公开申请1200件。",
            "收到政府信息公开申请二〇二四件。",
            "行政复议结果维持72件，",
            "结转至2030年6件。",
            "收到政府信息公开申请35件次。",
        ] {
            let s = stated(text);
            assert!(s.is_empty(), "{text}: {s:?}");
        }
    }

    #[test]
    fn digits_split_by_white_space_do_not_join() {
        assert!(stated("收到政府信息公开申请 3 5 件。").is_empty());
    }

    #[test]
    fn fee_amounts_are_decimals() {
        let s = stated("行政事业性收费共计88.7800万元。");
        assert_eq!(s[0].1, Value::Decimal("88.78".into()));
        assert_eq!(normalise_decimal("0.50"), "0.5");
        assert_eq!(normalise_decimal("007"), "7");
        assert_eq!(normalise_decimal("0"), "0");
        assert_eq!(normalise_decimal(".5"), "0.5");
    }

    #[test]
    fn every_match_contains_one_of_its_patterns_keys() {
        // The keys gate the search: a pattern must not match a text without them.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut matches = 0;
        for sub in ["seeds", "real"] {
            for entry in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let report = crate::read::reader::read(&text);
                let compact = Compact::build(&report.view.text);
                for p in PATTERNS.iter() {
                    let re = Regex::new(&p.source).unwrap();
                    for m in re.find_iter(&compact.text) {
                        matches += 1;
                        assert!(m.as_str().contains(COUNTERS), "{}", m.as_str());
                        assert!(
                            p.keys.iter().any(|k| m.as_str().contains(k)),
                            "{:?} matched {} without {:?}",
                            p.subject,
                            m.as_str(),
                            p.keys
                        );
                    }
                }
            }
        }
        assert!(matches > 50, "{matches}");
    }

    #[test]
    fn any_text_is_safe() {
        for text in [
            "",
            "件",
            "收到件",
            "收到申请件",
            "办结",
            "未收到申请",
            "一百",
            "|||",
            "收到申请\u{0}5件",
        ] {
            let c = Compact::build(text);
            let _ = find(&c, None);
        }
    }
}
