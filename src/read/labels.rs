//! The official label set (spec §3–§5) and a matcher over canonical characters.
//!
//! Every label that can appear in a report's tables or as a section heading is listed here with
//! its meaning. Matching is by label key ([`crate::read::canon::key_string`]), so punctuation width,
//! quotes and white space inside a label do not matter, and `1、` equals `1.`.

use std::sync::OnceLock;

use crate::read::canon::{key_string, CChar};
use crate::read::cells::{T2Col, T2Row, T3Row, T4Group};

/// The six sections of a report, identified by their heading text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Overview,
    Active,
    Requests,
    Review,
    Problems,
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Active,
        SectionKind::Requests,
        SectionKind::Review,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// The heading of the 2021 template, with its numeral.
    pub fn official_heading(self) -> &'static str {
        match self {
            SectionKind::Overview => "一、总体情况",
            SectionKind::Active => "二、主动公开政府信息情况",
            SectionKind::Requests => "三、收到和处理政府信息公开申请情况",
            SectionKind::Review => "四、政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "五、存在的主要问题及改进情况",
            SectionKind::Other => "六、其他需要报告的事项",
        }
    }

    /// 1-based position in the template.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
}

/// Group rows of table 三 that carry no numbers in the 2021 template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum T3Group {
    /// 三、本年度办理结果
    Results,
    /// （三）不予公开
    Withheld,
    /// （四）无法提供
    Unable,
    /// （五）不予处理
    NotProcessed,
    /// （六）其他处理 — a data row in the 2019 format
    OtherProcessing,
}

/// What a label means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// A section heading; `numeral` is the 一…十 written before it (0 when none), `variant` 0
    /// for the 2021 template text.
    Heading {
        kind: SectionKind,
        numeral: u8,
        variant: u8,
    },
    /// 第二十条第（N）项
    T2Block(u8),
    /// 信息内容
    T2Header,
    T2Col(T2Col),
    T2Row(T2Row),
    /// The table-三 note (本列数据的勾稽关系为…)
    T3Note,
    /// 申请人情况, 法人或其他组织
    T3Header,
    /// Column headers 1..=6 of table 三 (自然人 … 其他); 总计 is [`Label::Total`].
    T3Col(u8),
    T3Row(T3Row),
    T3Group(T3Group),
    /// 总计: column 7 of table 三 and the outcome 总计 of table 四.
    Total,
    /// 行政复议 / 未经复议直接起诉 / 复议后起诉
    T4Group(T4Group),
    /// 行政诉讼
    T4Litigation,
    /// 结果维持 … 尚未审结
    T4Outcome,
    /// An ordinal heading (`五、信息处理费收取情况`) whose words carry none of the six sections'
    /// meanings: not a section, but a table ends there. The numeral 1..=10.
    OrdinalHeading(u8),
}

impl Label {
    pub fn is_heading(self) -> bool {
        matches!(self, Label::Heading { .. })
    }

    /// A section heading or an ordinal heading of no known section: where a table ends.
    pub fn is_edge(self) -> bool {
        matches!(self, Label::Heading { .. } | Label::OrdinalHeading(_))
    }
}

/// One entry of the catalogue.
#[derive(Clone, Debug)]
pub struct Entry {
    pub label: Label,
    /// The label as the template writes it (for messages).
    pub text: String,
    /// Matched only when it is the whole fragment (a short alias that would be ambiguous inside
    /// running text, e.g. `予以公开` for `（一）予以公开` in a Markdown row).
    pub whole_only: bool,
    /// May be recognised from a prefix when a line break cut it (`（二）部分公开（区分处理的，只`).
    pub prefixable: bool,
    /// Matched by its text; `false` for the labels of headings recognised by their meaning
    /// ([`heading_by_meaning`]), whose text is only for messages.
    pub in_trie: bool,
}

/// The `variant` of a heading recognised by its key terms, not by a catalogued wording.
pub const BY_MEANING: u8 = u8::MAX;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The text of a table-三 data row in the 2021 template.
pub fn t3_row_text(row: T3Row) -> &'static str {
    match row {
        T3Row::R21To23 => "（六）其他处理",
        T3Row::R(n) => T3_ROWS.get(n as usize - 1).copied().unwrap_or(""),
    }
}

const T3_ROWS: [&str; 25] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

/// Heading texts after the numeral. The first of each kind is the 2021 template; the others
/// are statutory wordings and variants seen in published reports (spec §3.2).
const HEADINGS: [(SectionKind, &[&str]); 6] = [
    (SectionKind::Overview, &["总体情况", "概述"]),
    (SectionKind::Active, &["主动公开政府信息情况"]),
    (SectionKind::Requests, &["收到和处理政府信息公开申请情况"]),
    (
        SectionKind::Review,
        &[
            "政府信息公开行政复议、行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政复议、行政诉讼的情况",
            "政府信息公开行政法复议、行政诉讼情况",
        ],
    ),
    (
        SectionKind::Problems,
        &[
            "存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "政府信息公开工作存在的主要问题和改进情况",
            "工作中存在的主要问题和改进情况",
            "存在的主要问题及整改措施",
            "存在的主要问题及改进措施",
            "存在的问题及改进情况",
        ],
    ),
    (SectionKind::Other, &["其他需要报告的事项"]),
];

fn catalogue() -> Vec<Entry> {
    let mut out = Vec::new();
    let mut add = |label: Label, text: &str| {
        out.push(Entry {
            label,
            text: text.to_string(),
            whole_only: false,
            prefixable: false,
            in_trie: true,
        })
    };
    for (kind, variants) in HEADINGS {
        for (v, text) in variants.iter().enumerate() {
            for (n, numeral) in NUMERALS.iter().enumerate() {
                add(
                    Label::Heading {
                        kind,
                        numeral: n as u8 + 1,
                        variant: v as u8,
                    },
                    &format!("{numeral}、{text}"),
                );
            }
        }
    }
    for (n, numeral) in [(1, "一"), (5, "五"), (6, "六"), (8, "八"), (9, "九")] {
        add(Label::T2Block(n), &format!("第二十条第（{numeral}）项"));
    }
    add(Label::T2Header, "信息内容");
    for (col, text) in [
        (T2Col::Made, "本年制发件数"),
        (T2Col::Repealed, "本年废止件数"),
        (T2Col::Valid, "现行有效件数"),
        (T2Col::Valid, "现行有效件"),
        (T2Col::Decisions, "本年处理决定数量"),
        (T2Col::Amount, "本年收费金额（单位：万元）"),
        (T2Col::NewMade, "本年新制作数量"),
        (T2Col::NewPublished, "本年新公开数量"),
        (T2Col::PublishedTotal, "对外公开总数量"),
        (T2Col::PrevItems, "上一年项目数量"),
        (T2Col::Change, "本年增/减"),
        (T2Col::Decisions, "处理决定数量"),
        (T2Col::Count, "采购项目数量"),
        (T2Col::Amount, "采购总金额"),
    ] {
        add(Label::T2Col(col), text);
    }
    for (row, text) in [
        (T2Row::Reg, "规章"),
        (T2Row::Norm, "行政规范性文件"),
        (T2Row::Norm, "规范性文件"),
        (T2Row::License, "行政许可"),
        (T2Row::OtherService, "其他对外管理服务事项"),
        (T2Row::Penalty, "行政处罚"),
        (T2Row::Coercion, "行政强制"),
        (T2Row::Fee, "行政事业性收费"),
        (T2Row::Procurement, "政府集中采购"),
    ] {
        add(Label::T2Row(row), text);
    }
    add(Label::T3Note, "本列数据的勾稽关系");
    add(Label::T3Header, "申请人情况");
    add(Label::T3Header, "法人或其他组织");
    for (i, text) in [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        add(Label::T3Col(i as u8 + 1), text);
    }
    add(Label::Total, "总计");
    for (group, text) in [
        (T3Group::Results, "三、本年度办理结果"),
        (T3Group::Withheld, "（三）不予公开"),
        (T3Group::Unable, "（四）无法提供"),
        (T3Group::NotProcessed, "（五）不予处理"),
        (T3Group::OtherProcessing, "（六）其他处理"),
    ] {
        add(Label::T3Group(group), text);
    }
    for (group, text) in [
        (T4Group::Review, "行政复议"),
        (T4Group::Direct, "未经复议直接起诉"),
        (T4Group::AfterReview, "复议后起诉"),
    ] {
        add(Label::T4Group(group), text);
    }
    add(Label::T4Litigation, "行政诉讼");
    for text in ["结果维持", "结果纠正", "其他结果", "尚未审结"] {
        add(Label::T4Outcome, text);
    }
    // Table-三 rows, after the rest so that their prefixes are known when marking.
    for n in 1..=25u8 {
        out.push(Entry {
            label: Label::T3Row(T3Row::R(n)),
            text: T3_ROWS[n as usize - 1].to_string(),
            whole_only: false,
            prefixable: true,
            in_trie: true,
        });
    }
    for e in out.iter_mut() {
        if matches!(e.label, Label::T3Group(_)) {
            e.prefixable = true;
        }
    }
    // Aliases without the enumerator, seen as row labels in Markdown tables whose group
    // enumerators went into headings (spec §9.5, real/008).
    for (n, text) in [
        (1u8, "本年新收政府信息公开申请数量"),
        (2, "上年结转政府信息公开申请数量"),
        (3, "予以公开"),
        (4, "部分公开（区分处理的，只计这一情形，不计其他情形）"),
        (25, "结转下年度继续办理"),
    ] {
        out.push(Entry {
            label: Label::T3Row(T3Row::R(n)),
            text: text.to_string(),
            whole_only: true,
            prefixable: false,
            in_trie: true,
        });
    }
    // Headings written without a numeral, alone on their line.
    for (kind, variants) in HEADINGS {
        for (v, text) in variants.iter().enumerate() {
            out.push(Entry {
                label: Label::Heading {
                    kind,
                    numeral: 0,
                    variant: v as u8,
                },
                text: text.to_string(),
                whole_only: true,
                prefixable: false,
                in_trie: true,
            });
        }
    }
    // Headings recognised by meaning (with their own numeral) and ordinal headings of no
    // known section: found by [`heading_by_meaning`], not by text.
    for kind in SectionKind::ALL {
        out.push(Entry {
            label: Label::Heading {
                kind,
                numeral: kind.number(),
                variant: BY_MEANING,
            },
            text: kind.official_heading().to_string(),
            whole_only: false,
            prefixable: false,
            in_trie: false,
        });
    }
    for (n, numeral) in NUMERALS.iter().enumerate() {
        out.push(Entry {
            label: Label::OrdinalHeading(n as u8 + 1),
            text: format!("{numeral}、"),
            whole_only: false,
            prefixable: false,
            in_trie: false,
        });
    }
    out
}

/// Which entries a trie node leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    None,
    One(u16),
    Many,
}

#[derive(Debug)]
struct Node {
    /// This node's children: a range of [`Catalogue::edges`], sorted by character.
    children: (u32, u32),
    /// Entries whose key ends here (several when aliases share a key): a range of
    /// [`Catalogue::terminals`], in entry order.
    terminal: (u32, u32),
    /// The single prefixable entry below this node, if there is exactly one.
    prefix_reach: Reach,
}

/// The catalogue and a trie over its keys.
#[derive(Debug)]
pub struct Catalogue {
    pub entries: Vec<Entry>,
    nodes: Vec<Node>,
    /// The trie's edges, (character, child), grouped by parent.
    edges: Vec<(char, u32)>,
    terminals: Vec<u16>,
    /// One bit per Basic Multilingual Plane character: set when a label can start with it
    /// (a root edge, or 与/和/及 standing for a root `、`). Most characters of a report's
    /// sentences start no label, and [`Catalogue::match_at`], tried at each of them, answers
    /// from this bit instead of a search of the root's edges. Empty when the root is a
    /// terminal (no key is empty; then every search goes through the trie).
    starts: Vec<u64>,
}

/// A label found in canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub entry: u16,
    /// Index one past the last canonical char consumed.
    pub end: usize,
    /// Recognised from a prefix or by similarity, not from the full text.
    pub partial: bool,
}

/// The label key of a catalogue text character by character, as the reader canonicalises
/// ([`crate::read::canon::nfkc_of`]): for these texts the same as [`key_string`] (a test checks),
/// without the string normaliser, which made up most of the cost of building the catalogue
/// in a one-file check.
fn label_key(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    for ch in text.chars() {
        crate::read::canon::nfkc_of(ch, |n| out.extend(crate::read::canon::key_of(n)));
    }
    out
}

impl Catalogue {
    /// The shared catalogue.
    pub fn get() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| Catalogue::build(catalogue()))
    }

    /// The trie from the keys in sorted order: each key shares its path with the previous
    /// one up to their common prefix, so no lookup is needed, and each node's children are
    /// made in character order; one array of edges and one of terminals instead of two
    /// vectors per node.
    fn build(entries: Vec<Entry>) -> Catalogue {
        let mut keys: Vec<(Vec<char>, u16)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.in_trie)
            .map(|(i, e)| (label_key(&e.text), i as u16))
            .collect();
        // By key, then by entry: the terminals of a key in entry order.
        keys.sort_unstable();
        let mut nodes = vec![Node {
            children: (0, 0),
            terminal: (0, 0),
            prefix_reach: Reach::None,
        }];
        // (parent, character, child), made in character order for each parent.
        let mut made: Vec<(u32, char, u32)> = Vec::new();
        let mut terminals: Vec<u16> = Vec::with_capacity(keys.len());
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[char] = &[];
        for (key, i) in &keys {
            let common = key.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &ch in &key[common..] {
                let child = nodes.len() as u32;
                nodes.push(Node {
                    children: (0, 0),
                    terminal: (0, 0),
                    prefix_reach: Reach::None,
                });
                made.push((*path.last().expect("the root"), ch, child));
                path.push(child);
            }
            let e = &entries[*i as usize];
            if e.prefixable {
                // The entry with the smallest index among those of one label, as inserting
                // the entries in order would keep.
                for &n in &path[1..] {
                    let reach = &mut nodes[n as usize].prefix_reach;
                    *reach = match *reach {
                        Reach::None => Reach::One(*i),
                        Reach::One(j) if entries[j as usize].label == e.label => {
                            Reach::One(j.min(*i))
                        }
                        _ => Reach::Many,
                    };
                }
            }
            let at = *path.last().expect("the root") as usize;
            let t = terminals.len() as u32;
            let node = &mut nodes[at];
            if node.terminal.1 == 0 {
                node.terminal = (t, 0);
            }
            node.terminal.1 += 1;
            terminals.push(*i);
            prev = key;
        }
        // Edges grouped by parent (a counting sort keeps each parent's character order).
        for &(parent, _, _) in &made {
            nodes[parent as usize].children.1 += 1;
        }
        let mut next = 0u32;
        for n in &mut nodes {
            n.children.0 = next;
            next += n.children.1;
        }
        let mut fill: Vec<u32> = nodes.iter().map(|n| n.children.0).collect();
        let mut edges = vec![('\0', 0u32); made.len()];
        for (parent, ch, child) in made {
            let slot = &mut fill[parent as usize];
            edges[*slot as usize] = (ch, child);
            *slot += 1;
        }
        let mut catalogue = Catalogue {
            entries,
            nodes,
            edges,
            terminals,
            starts: Vec::new(),
        };
        if catalogue.terminal(0).is_empty() {
            let mut starts = vec![0u64; 0x10000 / 64];
            let mut set = |c: char| {
                if let Some(bits) = starts.get_mut(c as usize / 64) {
                    *bits |= 1 << (c as usize % 64);
                }
            };
            let root = catalogue.children(0);
            for &(c, _) in root {
                set(c);
            }
            if root.iter().any(|&(c, _)| c == crate::read::canon::SEP) {
                ['与', '和', '及'].into_iter().for_each(&mut set);
            }
            catalogue.starts = starts;
        }
        catalogue
    }

    /// False when no label can start with the key `key` (see [`Catalogue::starts`]); true
    /// when one may.
    #[inline]
    fn may_start(&self, key: char) -> bool {
        match self.starts.get(key as usize / 64) {
            Some(bits) => bits & (1 << (key as usize % 64)) != 0,
            // Outside the plane, or no bitmap: ask the trie.
            None => true,
        }
    }

    fn children(&self, node: usize) -> &[(char, u32)] {
        let (start, len) = self.nodes[node].children;
        &self.edges[start as usize..(start + len) as usize]
    }

    fn terminal(&self, node: usize) -> &[u16] {
        let (start, len) = self.nodes[node].terminal;
        &self.terminals[start as usize..(start + len) as usize]
    }

    pub fn entry(&self, i: u16) -> &Entry {
        &self.entries[i as usize]
    }

    /// The longest label starting at `chars[at]` (which must not be ignorable).
    ///
    /// `whole` says that `at` is the first significant character of its fragment; then
    /// whole-fragment aliases may match when they reach the fragment's end, and a prefixable
    /// label cut by the fragment's end (or followed by digits) is recognised from its prefix.
    pub fn match_at(&self, chars: &[CChar], at: usize, whole: bool) -> Option<Found> {
        // The trie's answer when the root has no edge for the first key: no terminal at the
        // root, and a prefix of no characters is too short to stand for a label.
        if chars
            .get(at)
            .and_then(CChar::key)
            .is_some_and(|k| !self.may_start(k))
        {
            return None;
        }
        self.match_in_trie(chars, at, whole)
    }

    /// [`Catalogue::match_at`] by walking the trie alone.
    fn match_in_trie(&self, chars: &[CChar], at: usize, whole: bool) -> Option<Found> {
        let mut node = 0usize;
        let mut best: Option<Found> = None;
        let mut i = at;
        let mut consumed = 0usize;
        let mut substituted = false;
        loop {
            let end_of_fragment = || chars[i..].iter().all(|c| c.key().is_none());
            for &t in self.terminal(node) {
                let e = &self.entries[t as usize];
                if e.whole_only && !(whole && end_of_fragment()) {
                    continue;
                }
                best = Some(Found {
                    entry: t,
                    end: i,
                    partial: substituted,
                });
                break;
            }
            // Skip ignorable characters, then step.
            while i < chars.len() && chars[i].key().is_none() {
                i += 1;
            }
            let Some(key) = chars.get(i).and_then(|c| c.key()) else {
                // Reached the end of the fragment inside a label.
                if best.is_none() && whole {
                    break self.prefix_found(node, consumed, chars.len());
                }
                break best;
            };
            let children = self.children(node);
            match children
                .binary_search_by_key(&key, |&(c, _)| c)
                .ok()
                .map(|k| children[k])
            {
                Some((_, n)) => {
                    node = n as usize;
                    i += 1;
                    consumed += 1;
                }
                // 与/和/及 written for the template's 、 (`行政复议与行政诉讼`): the same label,
                // recognised as partial so that the deviation is reported.
                None if matches!(key, '与' | '和' | '及')
                    && children
                        .binary_search_by_key(&crate::read::canon::SEP, |&(c, _)| c)
                        .is_ok() =>
                {
                    let k = children
                        .binary_search_by_key(&crate::read::canon::SEP, |&(c, _)| c)
                        .expect("checked");
                    node = children[k].1 as usize;
                    i += 1;
                    consumed += 1;
                    substituted = true;
                }
                None => {
                    // A prefix cut by digits: `（二）部分公开290000029`.
                    if best.is_none() && key.is_ascii_digit() {
                        break self.prefix_found(node, consumed, i);
                    }
                    break best;
                }
            }
        }
    }

    fn prefix_found(&self, node: usize, consumed: usize, end: usize) -> Option<Found> {
        const MIN_PREFIX: usize = 4;
        match self.nodes[node].prefix_reach {
            Reach::One(e) if consumed >= MIN_PREFIX => Some(Found {
                entry: e,
                end,
                partial: true,
            }),
            _ => None,
        }
    }

    /// A damaged numbered label (`2.其他法律行政止公开`, characters lost in extraction)
    /// recognised by similarity, when `rest` is a whole fragment that starts with a digit
    /// enumerator and only one row label of that number is close to it.
    pub fn similar_row(&self, rest: &[CChar]) -> Option<u16> {
        // Most fragments fail the first test: look at two keys before collecting them all.
        let mut keys = rest.iter().filter_map(|c| c.key());
        if !keys.next().is_some_and(|c| c.is_ascii_digit())
            || keys.next() != Some(crate::read::canon::SEP)
        {
            return None;
        }
        let key: Vec<char> = rest.iter().filter_map(|c| c.key()).collect();
        if key.len() < 4 || !key[0].is_ascii_digit() || key[1] != crate::read::canon::SEP {
            return None;
        }
        if key[2..].iter().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut scored: Vec<(f64, u16)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.prefixable && matches!(e.label, Label::T3Row(_)))
            .filter_map(|(i, e)| {
                let label: Vec<char> = key_string(&e.text).chars().collect();
                (label.len() > 2 && label[0] == key[0]).then(|| {
                    let a = &key[2..];
                    let b = &label[2..];
                    let score = lcs(a, b) as f64 / a.len().max(b.len()) as f64;
                    (score, i as u16)
                })
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0));
        match scored.as_slice() {
            [(best, e), rest @ ..] if *best >= 0.7 && rest.first().is_none_or(|r| r.0 < 0.5) => {
                Some(*e)
            }
            _ => None,
        }
    }
}

/// Key terms of each section's meaning, with weights: a heading whose words score highest for
/// one section (at least [`MEANING_MIN`], more than for any other) carries that section's
/// meaning, whatever its exact wording (`五、存在的主要问题及明年工作计划`).
const SECTION_TERMS: [(SectionKind, &[(&str, u8)]); 6] = [
    (
        SectionKind::Overview,
        &[
            ("总体", 2),
            ("总体情况", 1),
            ("概述", 3),
            ("概况", 2),
            ("基本情况", 2),
        ],
    ),
    (SectionKind::Active, &[("主动公开", 3)]),
    (
        SectionKind::Requests,
        &[("依申请", 1), ("申请", 2), ("收到和处理", 1)],
    ),
    (
        SectionKind::Review,
        &[("复议", 2), ("诉讼", 2), ("行政复议", 1), ("行政诉讼", 1)],
    ),
    (
        SectionKind::Problems,
        &[
            ("问题", 2),
            ("不足", 2),
            ("改进", 2),
            ("整改", 2),
            ("措施", 1),
            ("计划", 1),
            ("打算", 1),
            ("方向", 1),
            ("下一步", 1),
        ],
    ),
    (
        SectionKind::Other,
        &[
            ("其他", 1),
            ("需要报告", 2),
            ("需报告", 2),
            ("需要说明", 2),
            ("事项", 1),
        ],
    ),
];

/// The lowest score of a heading recognised by meaning.
const MEANING_MIN: u32 = 2;

/// Words a heading ends with: its text stops after the first of them that follows a key term.
const HEADING_ENDS: [&str; 7] = ["情况", "事项", "措施", "计划", "打算", "方向", "附表"];

/// The longest heading text read after an ordinal, in significant characters.
const HEADING_WINDOW: usize = 40;

/// A heading without an end word and without a key term: an ordinal heading of no known
/// section only when it ends in one of [`HEADING_ENDS`] within this many characters.
const ORDINAL_WINDOW: usize = 20;

fn find_key(hay: &[char], word: &str, from: usize) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    (from..hay.len().saturating_sub(w.len() - 1)).find(|&i| hay[i..].starts_with(&w))
}

impl Catalogue {
    /// An ordinal heading at `chars[at]` (a numeral 一…十 followed by 、), recognised by the
    /// meaning of its words: the label of the section whose key terms it carries (when its
    /// numeral is that section's), else an [`Label::OrdinalHeading`] when it reads as a
    /// heading (ends in 情况, 事项…), else nothing. The caller checks that `at` stands where a
    /// heading can start.
    pub fn heading_by_meaning(&self, chars: &[CChar], at: usize) -> Option<Found> {
        let n = NUMERALS
            .iter()
            .position(|&d| d.starts_with(chars[at].orig))? as u8
            + 1;
        let mut i = at + 1;
        while chars.get(i).is_some_and(|c| c.key().is_none()) {
            i += 1;
        }
        if chars.get(i)?.key() != Some(crate::read::canon::SEP)
            || !matches!(chars[i].orig, '、' | '.')
        {
            return None;
        }
        // The window: significant characters up to a sentence's punctuation, a digit, a book
        // title or a sub-heading `（一）`.
        let mut keys: Vec<char> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut j = i + 1;
        while j < chars.len() && keys.len() < HEADING_WINDOW {
            let c = chars[j];
            let stop = c.orig.is_ascii_digit()
                || matches!(
                    c.orig,
                    '。' | ',' | '，' | ';' | ':' | '!' | '?' | '《' | '<'
                )
                || (c.orig == '('
                    && chars
                        .get(j + 1)
                        .is_some_and(|d| NUMERALS.iter().any(|x| x.starts_with(d.orig))))
                || (keys.len() > 1
                    && NUMERALS.iter().any(|x| x.starts_with(c.orig))
                    && chars.get(j + 1).is_some_and(|d| d.orig == '、'));
            if stop {
                break;
            }
            if let Some(k) = c.key() {
                keys.push(k);
                ends.push(j + 1);
            }
            j += 1;
        }
        let mut scores = [0u32; 6];
        let mut first_term = [usize::MAX; 6];
        let mut last_term = [0usize; 6];
        for (kind, terms) in SECTION_TERMS {
            let k = kind as usize;
            for (word, weight) in terms {
                if let Some(p) = find_key(&keys, word, 0) {
                    scores[k] += u32::from(*weight);
                    first_term[k] = first_term[k].min(p);
                    let mut q = p;
                    while let Some(r) = find_key(&keys, word, q + 1) {
                        q = r;
                    }
                    last_term[k] = last_term[k].max(q + word.chars().count());
                }
            }
        }
        let best = (0..6).max_by_key(|&k| scores[k])?;
        let clear =
            scores[best] >= MEANING_MIN && (0..6).all(|k| k == best || scores[k] < scores[best]);
        let end_word = |from: usize| {
            HEADING_ENDS
                .iter()
                .filter_map(|w| find_key(&keys, w, from).map(|p| p + w.chars().count()))
                .min()
        };
        let kind = SectionKind::ALL[best];
        if clear && kind.number() == n {
            let len = end_word(first_term[best]).unwrap_or(last_term[best]);
            let label = Label::Heading {
                kind,
                numeral: n,
                variant: BY_MEANING,
            };
            let entry = self.entries.iter().position(|e| e.label == label)? as u16;
            return Some(Found {
                entry,
                end: ends[len - 1],
                partial: false,
            });
        }
        let len = end_word(0).filter(|&l| l <= ORDINAL_WINDOW && l > 2)?;
        let label = Label::OrdinalHeading(n);
        let entry = self.entries.iter().position(|e| e.label == label)? as u16;
        Some(Found {
            entry,
            end: ends[len - 1],
            partial: false,
        })
    }
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::canon::canonicalize;
    use crate::read::text::SrcChar;

    fn cchars(s: &str) -> Vec<CChar> {
        let chars: Vec<SrcChar> = s
            .char_indices()
            .map(|(i, ch)| SrcChar::new(ch, i, i + ch.len_utf8()))
            .collect();
        canonicalize(&chars)
    }

    fn label_at(s: &str, whole: bool) -> Option<(Label, bool)> {
        let cat = Catalogue::get();
        let c = cchars(s);
        cat.match_at(&c, 0, whole)
            .map(|f| (cat.entry(f.entry).label, f.partial))
    }

    #[test]
    fn exact_labels_in_many_spellings() {
        let r04 = Some((Label::T3Row(T3Row::R(4)), false));
        assert_eq!(
            label_at("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", false),
            r04
        );
        assert_eq!(
            label_at(
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                false
            ),
            r04
        );
        assert_eq!(
            label_at(
                "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                false
            ),
            Some((Label::T3Row(T3Row::R(21)), false))
        );
        assert_eq!(label_at("自 然 人", false), Some((Label::T3Col(1), false)));
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            label_at("行政规范性文件6233440", false),
            Some((Label::T2Row(T2Row::Norm), false))
        );
        assert_eq!(
            label_at("四、政府信息公开行政复议、行政诉讼情况行政复议", false).map(|l| l.0),
            Some(Label::Heading {
                kind: SectionKind::Review,
                numeral: 4,
                variant: 0
            })
        );
    }

    #[test]
    fn table_row_labels_are_not_headings() {
        assert_eq!(
            label_at("一、本年新收政府信息公开申请数量", false),
            Some((Label::T3Row(T3Row::R(1)), false))
        );
        assert_eq!(
            label_at("三、本年度办理结果", false),
            Some((Label::T3Group(T3Group::Results), false))
        );
    }

    #[test]
    fn aliases_only_as_whole_fragments() {
        assert_eq!(
            label_at("予以公开", true),
            Some((Label::T3Row(T3Row::R(3)), false))
        );
        assert_eq!(label_at("予以公开", false), None);
        assert_eq!(label_at("予以公开的信息", true), None);
    }

    #[test]
    fn cut_labels_are_recognised_from_a_unique_prefix() {
        assert_eq!(
            label_at("（二）部分公开（区分处理的，只", true),
            Some((Label::T3Row(T3Row::R(4)), true))
        );
        assert_eq!(
            label_at("1、申请人无正当理由逾期不补", true),
            Some((Label::T3Row(T3Row::R(21)), true))
        );
        // Too short to be unique: `2.` starts four rows.
        assert_eq!(label_at("2.其", true), None);
        // Not cut by the end of the fragment: running text.
        assert_eq!(label_at("（二）部分公开的文件", true), None);
    }

    /// The bitmap of first characters says "a label may start here" exactly for the root's
    /// edges (and 与/和/及 for a root `、`), for every character of the plane; where it says
    /// no, the trie's own walk finds nothing either, alone or followed by digits (where a
    /// prefix could be taken).
    #[test]
    fn the_start_bitmap_agrees_with_the_trie() {
        let cat = Catalogue::get();
        assert!(!cat.starts.is_empty(), "the root is not a terminal");
        let root = cat.children(0);
        let via_sep = root.iter().any(|&(c, _)| c == crate::read::canon::SEP);
        for code in 0..0x10000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let Some(key) = crate::read::canon::key_of(c) else {
                continue;
            };
            let in_trie = root.binary_search_by_key(&key, |&(k, _)| k).is_ok()
                || (via_sep && matches!(key, '与' | '和' | '及'));
            assert_eq!(cat.may_start(key), in_trie, "{c:?}");
            if !in_trie {
                // Alone, and followed by digits.
                let chars: Vec<CChar> = [c, '1', '2']
                    .iter()
                    .map(|&orig| CChar {
                        orig,
                        start: 0,
                        end: 1,
                    })
                    .collect();
                for whole in [true, false] {
                    assert_eq!(cat.match_in_trie(&chars[..1], 0, whole), None, "{c:?}");
                    assert_eq!(cat.match_in_trie(&chars, 0, whole), None, "{c:?}");
                }
            }
        }
    }

    /// The trie against its definition: a node for every prefix of every key, the entries
    /// whose key it is (in entry order), its next characters (sorted), and the one prefixable
    /// label below it (the first entry of that label) if there is exactly one.
    #[test]
    fn the_trie_holds_every_key_and_prefix() {
        let cat = Catalogue::get();
        let entries = &cat.entries;
        // Entries outside the trie (headings by meaning) get a key of NULs, on no path.
        let keys: Vec<Vec<char>> = entries
            .iter()
            .map(|e| {
                if e.in_trie {
                    key_string(&e.text).chars().collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        for (e, k) in entries.iter().zip(&keys).filter(|(e, _)| e.in_trie) {
            assert_eq!(&label_key(&e.text), k, "{}", e.text);
        }
        let keys: Vec<Vec<char>> = keys
            .into_iter()
            .zip(entries)
            .map(|(k, e)| if e.in_trie { k } else { vec!['\u{0}'; 99] })
            .collect();
        let prefixes: std::collections::BTreeSet<&[char]> = keys
            .iter()
            .filter(|k| k.first() != Some(&'\u{0}'))
            .flat_map(|k| (0..=k.len()).map(move |n| &k[..n]))
            .collect();
        for &p in &prefixes {
            let mut node = 0usize;
            for ch in p {
                let children = cat.children(node);
                let k = children
                    .binary_search_by_key(ch, |&(c, _)| c)
                    .unwrap_or_else(|_| panic!("no path {p:?}"));
                node = children[k].1 as usize;
            }
            let ending: Vec<u16> = (0..keys.len())
                .filter(|&i| keys[i] == p)
                .map(|i| i as u16)
                .collect();
            assert_eq!(cat.terminal(node), ending, "{p:?}");
            let next: Vec<char> = prefixes
                .iter()
                .filter(|q| q.len() == p.len() + 1 && q.starts_with(p))
                .map(|q| q[p.len()])
                .collect();
            let got: Vec<char> = cat.children(node).iter().map(|&(c, _)| c).collect();
            assert_eq!(got, next, "{p:?}");
            let below: Vec<usize> = (0..keys.len())
                .filter(|&i| entries[i].prefixable && keys[i].starts_with(p))
                .collect();
            let reach = match below.first() {
                _ if p.is_empty() => Reach::None,
                None => Reach::None,
                Some(&f) if below.iter().all(|&i| entries[i].label == entries[f].label) => {
                    Reach::One(f as u16)
                }
                Some(_) => Reach::Many,
            };
            assert_eq!(cat.nodes[node].prefix_reach, reach, "{p:?}");
        }
        assert_eq!(cat.nodes.len(), prefixes.len());
        assert!(prefixes.len() > 1000);
    }

    #[test]
    fn damaged_row_label_by_similarity() {
        let cat = Catalogue::get();
        let e = cat.similar_row(&cchars("2.其他法律行政止公开")).unwrap();
        assert_eq!(cat.entry(e).label, Label::T3Row(T3Row::R(6)));
        assert_eq!(cat.similar_row(&cchars("2.完全无关的一句话")), None);
    }
}
