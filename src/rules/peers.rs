//! Reports checked together: what one report tells the others (rules X05 and X07).
//!
//! A [`Peer`] is the small summary of a report that cross-file rules need: who issued it, for
//! which year, where its table 三 ended (结转下年度继续办理), and a fingerprint of its narrative.
//! A [`PeerSet`] holds the peers of one batch (the files of a `nianbao check` run, or the
//! workspace of the language server) with the indexes the rules search.

use std::collections::HashMap;
use std::ops::Range;

use crate::read::cells::{CellId, T3Row};
use crate::read::model::Report;

/// Narrative shorter than this many shingles is not compared: a short text is similar to
/// anything by chance.
pub const MIN_SHINGLES: usize = 200;

/// Characters per shingle. Eight Han characters are about two words: long enough that shared
/// shingles mean shared phrasing, short enough that a changed number breaks few of them.
const SHINGLE: usize = 8;

/// One report's summary for cross-file rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    /// The file, as shown in messages.
    pub path: String,
    /// The issuing agency as read ([`crate::read::meta::Meta::agency`]).
    pub agency: String,
    pub year: i32,
    /// Table 三 `结转下年度继续办理` (r25), columns 1–7, where read as integers.
    pub carried_out: [Option<i64>; 7],
    /// Table 三 `上年结转` (r02), columns 1–7, where read as integers, with the cells' source
    /// ranges: the cross-file rules report on them without the report at hand.
    pub carried_in: [Option<(i64, Range<usize>)>; 7],
    /// Where a finding about the whole report is shown: the title, else the first heading.
    pub anchor: Range<usize>,
    /// Table 三 and 四 values in cell order, when every cell of both was read as an integer.
    pub flows: Option<Vec<i64>>,
    /// Sorted distinct hashes of the narrative's shingles ([`narrative_shingles`]).
    pub shingles: Vec<u32>,
}

impl Peer {
    /// The summary of a report; `None` when its agency or year is unknown (it cannot be matched).
    pub fn of(path: &str, report: &Report) -> Option<Peer> {
        let agency = report.meta.agency.as_ref()?.value.clone();
        let year = report.meta.year.as_ref()?.value;
        let t3 = report.tables.t3.as_ref();
        let cell = |row: u8, i: usize| {
            t3.and_then(|t| t.cells.get(&CellId::T3(T3Row::R(row), i as u8 + 1)))
        };
        let carried_out = std::array::from_fn(|i| cell(25, i).and_then(|c| c.int()));
        let carried_in =
            std::array::from_fn(|i| cell(2, i).and_then(|c| Some((c.int()?, c.span.clone()))));
        let anchor = match (&report.meta.title, report.sections.first()) {
            (Some(t), _) => t.span.clone(),
            (None, Some(s)) => s.heading.span.clone(),
            (None, None) => 0..0,
        };
        Some(Peer {
            path: path.to_string(),
            agency,
            year,
            carried_out,
            carried_in,
            anchor,
            flows: flows(report),
            shingles: narrative_shingles(report),
        })
    }
}

/// The values of tables 三 and 四, if all of them were read as integers.
pub fn flows(report: &Report) -> Option<Vec<i64>> {
    let (t3, t4) = (report.tables.t3.as_ref()?, report.tables.t4.as_ref()?);
    let ids = report.cell_ids();
    let ids: Vec<&CellId> = ids
        .iter()
        .filter(|id| !matches!(id, CellId::T2(..)))
        .collect();
    if ids.is_empty() {
        return None;
    }
    ids.into_iter()
        .map(|id| {
            let table = if matches!(id, CellId::T3(..)) { t3 } else { t4 };
            table.cells.get(id)?.int()
        })
        .collect()
}

/// The narrative of a report: the text of its sections without the tables (all of the text
/// outside tables when no section was found), in view coordinates.
pub fn narrative_ranges(report: &Report) -> Vec<Range<usize>> {
    let view = &report.view;
    let mut spans: Vec<Range<usize>> = if report.sections.is_empty() {
        std::iter::once(0..view.text.len()).collect()
    } else {
        report
            .sections
            .iter()
            .map(|s| view.view_offset(s.span.start)..view.view_offset(s.span.end))
            .collect()
    };
    let tables = [&report.tables.t2, &report.tables.t3, &report.tables.t4];
    for table in tables.into_iter().flatten() {
        let cut = view.view_offset(table.span.start)..view.view_offset(table.span.end);
        spans = spans
            .into_iter()
            .flat_map(|s| {
                if cut.end <= s.start || s.end <= cut.start {
                    return vec![s];
                }
                [s.start..cut.start.max(s.start), cut.end.min(s.end)..s.end]
                    .into_iter()
                    .filter(|r| r.start < r.end)
                    .collect()
            })
            .collect();
    }
    spans
}

/// Folded characters of a narrative: letters and Han characters only (white space, punctuation
/// and layout dropped), every run of digits as one `0` so that next year's numbers and year
/// names do not hide a copied sentence.
fn folded(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut in_digits = false;
    for ch in text.chars() {
        if ch.is_ascii_digit()
            || ('０'..='９').contains(&ch)
            || matches!(
                ch,
                '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
        {
            // Chinese numerals fold too: 二〇二三年 is a year like 2023年.
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
        } else if ch.is_alphabetic() {
            out.push(ch);
            in_digits = false;
        }
    }
    out
}

/// Sorted distinct hashes (FNV-1a) of the narrative's shingles of [`SHINGLE`] folded
/// characters.
pub fn narrative_shingles(report: &Report) -> Vec<u32> {
    let text = &report.view.text;
    let mut chars = Vec::new();
    for r in narrative_ranges(report) {
        chars.extend(folded(&text[r]));
    }
    shingles_of(&chars)
}

fn shingles_of(chars: &[char]) -> Vec<u32> {
    let mut out: Vec<u32> = chars
        .windows(SHINGLE)
        .map(|w| {
            w.iter().fold(0x811c_9dc5_u32, |h, &c| {
                let mut h = h;
                for b in (c as u32).to_le_bytes() {
                    h = (h ^ b as u32).wrapping_mul(0x0100_0193);
                }
                h
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The share of `mine` that is also in `theirs` (both sorted, distinct), 0.0–1.0.
pub fn containment(mine: &[u32], theirs: &[u32]) -> f64 {
    if mine.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < mine.len() && j < theirs.len() {
        match mine[i].cmp(&theirs[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / mine.len() as f64
}

/// Place-name suffixes that end a region prefix (`淮安市`, `江苏省`, `延边朝鲜族自治州`).
const REGION_ENDS: [&str; 5] = ["省", "自治区", "市", "州", "盟"];
/// Suffixes that make the start of a name a place (`洪泽区人民政府`, `沭阳县发展和改革局`).
const PLACE_ENDS: [&str; 11] = [
    "省",
    "自治区",
    "市",
    "州",
    "盟",
    "地区",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
];

/// Whether `name` starts with a place name of at least two characters before its suffix.
fn starts_with_place(name: &str) -> bool {
    PLACE_ENDS.iter().any(|end| {
        name.match_indices(end)
            .any(|(i, _)| name[..i].chars().count() >= 2 && i + end.len() < name.len())
    })
}

/// Whether `prefix` is one or more region names (`淮安市`, `江苏省淮安市`).
fn is_region_chain(prefix: &str) -> bool {
    if prefix.is_empty() {
        return true;
    }
    REGION_ENDS.iter().any(|end| {
        prefix.match_indices(end).any(|(i, _)| {
            let rest = &prefix[i + end.len()..];
            prefix[..i].chars().count() >= 2 && is_region_chain(rest)
        })
    })
}

/// Whether two agency names name the same agency: equal, or one is the other with its region
/// prefix left out (`洪泽区人民政府` and `淮安市洪泽区人民政府`). Two 朝阳区人民政府 under
/// different cities are different agencies: neither name is the other's suffix.
pub fn same_agency(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.strip_suffix(short).is_some_and(is_region_chain) && starts_with_place(short)
}

/// The reports of one batch, indexed for the cross-file rules.
#[derive(Clone, Debug, Default)]
pub struct PeerSet {
    peers: Vec<Peer>,
    /// Peers by the last four characters of their agency name (a cheap key that equal and
    /// region-prefixed names share), then by their agency name as written: whether two names
    /// are the same agency is decided once per name, not once per report (a batch holds many
    /// reports of one agency).
    by_tail: HashMap<String, Vec<AgencyPeers>>,
    /// Sampled shingle → peers whose narrative has it, for finding similar narratives without
    /// comparing every pair.
    by_shingle: HashMap<u32, Vec<u32>>,
}

/// One shingle in this many is indexed.
const SAMPLE: u32 = 8;
/// A sampled shingle found in more narratives than this is template text, not a sign of copying,
/// and is not used to find candidates.
const COMMON: usize = 64;

/// The peers of one agency name, ascending in the order of [`later`].
#[derive(Clone, Debug, Default)]
struct AgencyPeers {
    agency: String,
    members: Vec<usize>,
}

/// Which of two peers (with their indexes in the batch) is the more recent report for
/// [`PeerSet::previous`]: the later year; in one year, the path that sorts first; of two equal,
/// the later in the batch.
fn later(a: &Peer, ai: usize, b: &Peer, bi: usize) -> std::cmp::Ordering {
    a.year
        .cmp(&b.year)
        .then_with(|| b.path.cmp(&a.path))
        .then(ai.cmp(&bi))
}

fn tail(agency: &str) -> String {
    let chars: Vec<char> = agency.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

impl PeerSet {
    pub fn new(peers: Vec<Peer>) -> PeerSet {
        let mut by_tail: HashMap<String, Vec<AgencyPeers>> = HashMap::new();
        let mut by_shingle: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, p) in peers.iter().enumerate() {
            let names = by_tail.entry(tail(&p.agency)).or_default();
            match names.iter_mut().find(|n| n.agency == p.agency) {
                Some(n) => n.members.push(i),
                None => names.push(AgencyPeers {
                    agency: p.agency.clone(),
                    members: vec![i],
                }),
            }
            for &h in p.shingles.iter().filter(|h| *h % SAMPLE == 0) {
                let list = by_shingle.entry(h).or_default();
                if list.len() <= COMMON {
                    list.push(i as u32);
                }
            }
        }
        for n in by_tail.values_mut().flatten() {
            n.members
                .sort_by(|&a, &b| later(&peers[a], a, &peers[b], b));
        }
        PeerSet {
            peers,
            by_tail,
            by_shingle,
        }
    }

    /// The names in `agency`'s tail bucket that name the same agency.
    fn same_agency_names<'a>(&'a self, agency: &'a str) -> impl Iterator<Item = &'a AgencyPeers> {
        self.by_tail
            .get(&tail(agency))
            .into_iter()
            .flatten()
            .filter(move |n| same_agency(&n.agency, agency))
    }

    pub fn len(&self) -> usize {
        self.peers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.peers.is_empty()
    }

    pub fn peers(&self) -> &[Peer] {
        &self.peers
    }

    /// The reports of the same agency for a year; copies of one report (the same agency and
    /// year in two files, e.g. a page and its text) all come back.
    pub fn of_agency(&self, agency: &str, year: i32) -> Vec<&Peer> {
        let mut found: Vec<usize> = Vec::new();
        for n in self.same_agency_names(agency) {
            let m = &n.members;
            let first = m.partition_point(|&i| self.peers[i].year < year);
            let end = m.partition_point(|&i| self.peers[i].year <= year);
            found.extend(&m[first..end]);
        }
        // In batch order, as the peers were given.
        found.sort_unstable();
        found.into_iter().map(|i| &self.peers[i]).collect()
    }

    /// The same agency's most recent report before `year`, other than the file `except`; of
    /// two in the same year, the one whose path sorts first.
    pub fn previous(&self, agency: &str, year: i32, except: Option<&str>) -> Option<&Peer> {
        let mut best: Option<usize> = None;
        for n in self.same_agency_names(agency) {
            let m = &n.members;
            let before = m.partition_point(|&i| self.peers[i].year < year);
            // Members are in the order of [`later`]: the best is the last one before `year`
            // that is not `except`.
            let Some(&i) = m[..before]
                .iter()
                .rev()
                .find(|&&i| Some(self.peers[i].path.as_str()) != except)
            else {
                continue;
            };
            if best.is_none_or(|b| later(&self.peers[i], i, &self.peers[b], b).is_gt()) {
                best = Some(i);
            }
        }
        best.map(|i| &self.peers[i])
    }

    /// Peers whose narrative shares at least `threshold` of `shingles` (by the sample), most
    /// similar first, with the exact containment.
    pub fn similar(&self, shingles: &[u32], threshold: f64) -> Vec<(&Peer, f64)> {
        let sampled: Vec<u32> = shingles
            .iter()
            .copied()
            .filter(|h| h % SAMPLE == 0)
            .collect();
        if sampled.is_empty() {
            return Vec::new();
        }
        let mut hits: HashMap<u32, usize> = HashMap::new();
        let mut usable = 0;
        for h in &sampled {
            if let Some(list) = self.by_shingle.get(h).filter(|l| l.len() <= COMMON) {
                usable += 1;
                for &i in list {
                    *hits.entry(i).or_default() += 1;
                }
            }
        }
        // A candidate must share a good part of the sample that is not template text; the
        // exact share decides. The margin keeps a peer whose sample falls short by chance.
        let needed = (usable as f64 * (threshold - 0.2)).max(1.0) as usize;
        let mut out: Vec<(&Peer, f64)> = hits
            .into_iter()
            .filter(|&(_, n)| n >= needed)
            .map(|(i, _)| {
                let p = &self.peers[i as usize];
                (p, containment(shingles, &p.shingles))
            })
            .filter(|&(_, share)| share >= threshold)
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.path.cmp(&b.0.path)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_match_with_or_without_their_region() {
        assert!(same_agency("洪泽区人民政府", "淮安市洪泽区人民政府"));
        assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency("洪泽区人民政府", "江苏省淮安市洪泽区人民政府"));
        assert!(same_agency("平潭综合实验区", "平潭综合实验区"));
        // Same district name under two cities; a bare organ name is not a place.
        assert!(!same_agency("北京市朝阳区人民政府", "长春市朝阳区人民政府"));
        assert!(!same_agency("公安局", "南京市公安局"));
        assert!(!same_agency("洪泽区人民政府", "洪泽区发展和改革局"));
        assert!(!same_agency("淮安市人民政府", "淮安市洪泽区人民政府"));
    }

    #[test]
    fn the_agency_index_answers_as_a_scan_of_every_peer() {
        const NAMES: [&str; 6] = [
            "洪泽区人民政府",
            "淮安市洪泽区人民政府",
            "江苏省淮安市洪泽区人民政府",
            "长春市洪泽区人民政府",
            "示例县发展和改革局",
            "发展和改革局",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let peers: Vec<Peer> = (0..300)
            .map(|_| Peer {
                // Few paths, so that equal paths and equal years meet.
                path: format!("r{}.txt", next(40)),
                agency: NAMES[next(NAMES.len())].to_string(),
                year: 2019 + next(6) as i32,
                carried_out: [None; 7],
                carried_in: Default::default(),
                anchor: 0..0,
                flows: None,
                shingles: Vec::new(),
            })
            .collect();
        let set = PeerSet::new(peers.clone());
        // Positions in the batch, so that peers equal in content still count as different.
        let in_set = |p: &Peer| set.peers().iter().position(|q| std::ptr::eq(q, p));
        let in_list = |p: &Peer| peers.iter().position(|q| std::ptr::eq(q, p));
        for agency in NAMES {
            for year in 2018..2027 {
                let scanned: Vec<Option<usize>> = peers
                    .iter()
                    .filter(|p| p.year == year && same_agency(&p.agency, agency))
                    .map(in_list)
                    .collect();
                let indexed: Vec<Option<usize>> = set
                    .of_agency(agency, year)
                    .into_iter()
                    .map(in_set)
                    .collect();
                assert_eq!(indexed, scanned, "{agency} {year}");
                for except in [None, Some("r3.txt"), Some("r17.txt")] {
                    let scanned = peers
                        .iter()
                        .filter(|p| p.year < year && Some(p.path.as_str()) != except)
                        .filter(|p| same_agency(&p.agency, agency))
                        .max_by(|a, b| a.year.cmp(&b.year).then_with(|| b.path.cmp(&a.path)))
                        .map(in_list);
                    let indexed = set.previous(agency, year, except).map(in_set);
                    assert_eq!(indexed, scanned, "{agency} {year} {except:?}");
                }
            }
        }
    }

    #[test]
    fn folding_keeps_words_and_turns_numbers_into_one_mark() {
        let f: String = folded("2023年，共收到申请 35 件（二〇二三年）。")
            .into_iter()
            .collect();
        assert_eq!(f, "0年共收到申请0件0年");
    }

    #[test]
    fn containment_counts_the_shared_part_of_mine() {
        assert_eq!(containment(&[1, 2, 3, 4], &[2, 4, 9]), 0.5);
        assert_eq!(containment(&[], &[1]), 0.0);
        let a = shingles_of(
            &"本机关全面贯彻落实政府信息公开条例的各项要求"
                .chars()
                .collect::<Vec<_>>(),
        );
        assert_eq!(containment(&a, &a), 1.0);
    }
}
