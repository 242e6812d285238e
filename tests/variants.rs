//! Randomised variants of clean reports, as real reports deviate from the template: headings
//! reworded (from lists of synonyms), label typos, narrative right after a table, empty cells.
//! Whatever the variant, no false structural error (S01, S04–S06, F01) and every cell either
//! exact or unreadable with a reason — never a wrong number.

use nianbao::lint::{check_source, Settings};
use nianbao::read::cells::{t3_ids, t4_ids, CellId, T2Col, T2Row, T3Row, TableVersion};
use nianbao::read::labels::SectionKind;
use nianbao::read::model::{CellState, CellValue, Report};
use nianbao::rules::Selection;
use nianbao::sample::{Layout, Stats};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Wordings of each section's heading seen in, or made after, published reports; none is the
/// template's, and none is listed in the reader's catalogue of tolerated wordings.
fn synonyms(kind: SectionKind) -> &'static [&'static str] {
    match kind {
        SectionKind::Overview => &["总体工作情况", "基本情况", "工作概况"],
        SectionKind::Active => &[
            "主动公开政府信息的情况",
            "政府信息主动公开情况",
            "主动公开情况",
        ],
        SectionKind::Requests => &[
            "依申请公开政府信息情况",
            "收到和处理政府信息公开申请的情况",
            "政府信息公开申请的收到和处理情况",
            "依申请公开情况",
        ],
        SectionKind::Review => &[
            "政府信息公开行政复议与行政诉讼情况",
            "行政复议和行政诉讼情况",
            "因政府信息公开被申请行政复议及提起行政诉讼情况",
            "政府信息公开行政复议及行政诉讼的情况",
        ],
        SectionKind::Problems => &[
            "存在的主要问题及明年工作计划",
            "政府信息公开存在的主要问题及改进情况",
            "存在的不足及下一步工作打算",
            "主要问题和改进措施",
            "工作中存在的问题与整改措施",
        ],
        SectionKind::Other => &[
            "需要说明的其他事项与附表",
            "其他需报告的事项",
            "其他需要说明的事项",
        ],
    }
}

/// What a variant changed, so that the check knows which cells may read blank.
#[derive(Default)]
struct Changes {
    /// Cells written as a blank marker instead of their value (`/`).
    blanked: Vec<CellId>,
    what: Vec<String>,
}

fn replace_first(src: &mut String, from: &str, to: &str) -> bool {
    match src.find(from) {
        Some(at) => {
            src.replace_range(at..at + from.len(), to);
            true
        }
        None => false,
    }
}

/// Applies random deviations to a rendered report.
fn vary(rng: &mut Rng, stats: &Stats, layout: Layout, mut src: String) -> (String, Changes) {
    let mut ch = Changes::default();
    if layout == Layout::CellPerLine && rng.chance(50) {
        // Table 三's rows separated by white space, some cells a blank marker.
        for n in 1..=25u8 {
            let label = nianbao::read::labels::t3_row_text(T3Row::R(n));
            let values: Vec<String> = (1..=7).map(|c| stats.t3_cell(n, c).to_string()).collect();
            let from = format!("{label}\n\n{}\n\n", values.join("\n\n"));
            let mut cells = values.clone();
            if rng.chance(20) {
                let c = (rng.next() % 7) as usize;
                cells[c] = rng.pick(&["/", "-", "—", "无"]).to_string();
                ch.blanked.push(CellId::T3(T3Row::R(n), c as u8 + 1));
            }
            let sep = if rng.chance(50) { "\t" } else { "  " };
            let to = format!("{label}{sep}{}\n", cells.join(sep));
            assert!(replace_first(&mut src, &from, &to), "row {n}");
        }
        ch.what
            .push("table 三 rows separated by white space".into());
    }
    // Headings reworded.
    for kind in SectionKind::ALL {
        if rng.chance(40) {
            let official = kind.official_heading();
            let (numeral, _) = official.split_once('、').expect("numbered");
            let new = format!("{numeral}、{}", rng.pick(synonyms(kind)));
            if replace_first(&mut src, official, &new) {
                ch.what.push(new);
            }
        }
    }
    // Label typos: a doubled ordinal, 与 for 、, a stray space.
    let typos: [(&str, &str); 5] = [
        ("三、本年度办理结果", "三三、本年度办理结果"),
        (
            "二、上年结转政府信息公开申请数量",
            "二二、上年结转政府信息公开申请数量",
        ),
        (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1.申请人无正当理由逾期不补正与行政机关不再处理其政府信息公开申请",
        ),
        ("行政规范性文件", "行政规范 性文件"),
        ("本机关不掌握相关政府信息", "本机关不掌握 相关政府信息"),
    ];
    for (from, to) in typos {
        if rng.chance(25) && replace_first(&mut src, from, to) {
            ch.what.push(to.to_string());
        }
    }
    // Narrative right after table 二, before section 三's heading.
    if rng.chance(40) {
        let heading = SectionKind::Requests.official_heading();
        let sentence = format!(
            "（二）主动公开政府信息的主要类别{}年，本机关主动公开各类政府信息，做到应公开尽公开。",
            stats.year
        );
        let at = src.find(heading).or_else(|| src.find("三、"));
        if let Some(at) = at {
            let insert = match layout {
                Layout::OneLine => format!(" {sentence}"),
                Layout::Html => format!("<p>{sentence}</p>\n"),
                _ => format!("{sentence}\n"),
            };
            // In HTML the heading sits inside a paragraph: insert before its element.
            let at = if layout == Layout::Html {
                src[..at].rfind("<p>").unwrap_or(at)
            } else {
                at
            };
            src.insert_str(at, &insert);
            ch.what.push("narrative after table 二".into());
        }
    }
    if layout == Layout::Html {
        // Group rows of table 三 with empty cells (`<td></td>`, `<td>&nbsp;</td>`).
        for group in [
            "三、本年度办理结果",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
            "（六）其他处理",
        ] {
            if rng.chance(50) {
                let empty = if rng.chance(50) {
                    "<td></td>"
                } else {
                    "<td>&nbsp;</td>"
                };
                let from = format!("<span>{group}</span></td>");
                let to = format!("{from}{}", empty.repeat(7));
                if replace_first(&mut src, &from, &to) {
                    ch.what.push(format!("empty cells after {group}"));
                }
            }
        }
        // Table 四's header row with empty cells instead of spanning ones.
        if rng.chance(40) {
            let from = "<tr><td>行政复议</td><td>行政诉讼</td><td>未经复议直接起诉</td><td>复议后起诉</td></tr>";
            let to = "<tr><td>行政复议</td><td></td><td></td><td></td><td></td><td>行政诉讼</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n<tr><td></td><td></td><td></td><td></td><td></td><td>未经复议直接起诉</td><td></td><td></td><td></td><td></td><td>复议后起诉</td><td></td><td></td><td></td><td></td></tr>";
            if replace_first(&mut src, from, to) {
                ch.what.push("table 四 header with empty cells".into());
            }
        }
    }
    (src, ch)
}

fn value(report: &Report, id: CellId) -> Result<Option<String>, String> {
    match report.cell_state(id) {
        CellState::Value(c) => match &c.value {
            CellValue::Number(s) => Ok(Some(s.clone())),
            CellValue::Blank => Ok(None),
        },
        CellState::Blank(_) => Ok(None),
        CellState::Unreadable(r) => Err(format!("{r:?}")),
    }
}

/// Every cell of the statistics, with its expected text.
fn expected(stats: &Stats) -> Vec<(CellId, String)> {
    let mut out = Vec::new();
    let docs = [T2Row::Reg, T2Row::Norm];
    for (r, row) in docs.iter().zip(&stats.t2_docs) {
        for (c, v) in [T2Col::Made, T2Col::Repealed, T2Col::Valid].iter().zip(row) {
            out.push((CellId::T2(*r, *c), v.to_string()));
        }
    }
    for (r, v) in [T2Row::License, T2Row::Penalty, T2Row::Coercion]
        .iter()
        .zip(stats.t2_decisions)
    {
        out.push((CellId::T2(*r, T2Col::Decisions), v.to_string()));
    }
    out.push((CellId::T2(T2Row::Fee, T2Col::Amount), stats.fee.clone()));
    for id in t3_ids(TableVersion::V2021) {
        let CellId::T3(T3Row::R(r), c) = id else {
            unreachable!()
        };
        out.push((id, stats.t3_cell(r, c).to_string()));
    }
    for (id, v) in t4_ids().into_iter().zip(stats.t4) {
        out.push((id, v.to_string()));
    }
    out
}

const STRUCTURAL: [&str; 5] = ["S01", "S04", "S05", "S06", "F01"];

/// The settings that run the structural rules only.
fn structural() -> Settings {
    Settings {
        selection: Selection {
            select: STRUCTURAL.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn variant(seed: u64, layout: Layout) -> (Stats, String, Changes) {
    let stats = Stats::generate(seed);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (src, ch) = vary(&mut rng, &stats, layout, stats.render(layout));
    (stats, src, ch)
}

/// Checks one variant: no structural error, the six sections, every cell exact, blank where
/// a blank marker was written, or unreadable (with its reason) only where the unvaried report
/// is unreadable too (digits run together that split in several ways). Returns the number of
/// cells read.
fn check_variant(seed: u64, layout: Layout, settings: &Settings) -> usize {
    let (stats, src, ch) = variant(seed, layout);
    let checked = check_source(&src, settings);
    let false_errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| STRUCTURAL.contains(&d.code))
        .map(|d| format!("{} {}", d.code, d.message.zh))
        .collect();
    assert!(
        false_errors.is_empty(),
        "seed {seed} {layout:?} {:?}: {false_errors:?}\n{src}",
        ch.what
    );
    let kinds: Vec<SectionKind> = checked
        .report
        .sections
        .iter()
        .map(|s| s.heading.kind)
        .collect();
    assert_eq!(
        kinds,
        SectionKind::ALL,
        "seed {seed} {layout:?} {:?}",
        ch.what
    );
    let clean = nianbao::read::reader::read(&stats.render(layout));
    let mut read = 0;
    for (id, want) in expected(&stats) {
        match value(&checked.report, id) {
            Ok(Some(got)) => {
                assert_eq!(got, want, "seed {seed} {layout:?} {id} {:?}", ch.what);
                read += 1;
            }
            Ok(None) => {
                assert!(
                    ch.blanked.contains(&id),
                    "seed {seed} {layout:?} {id} read blank, is {want}: {:?}",
                    ch.what
                );
                read += 1;
            }
            Err(reason) => assert!(
                value(&clean, id).is_err(),
                "seed {seed} {layout:?} {id} unreadable ({reason}), read in the unvaried report: {:?}",
                ch.what
            ),
        }
    }
    read
}

/// Runs the variants of `seeds` in every layout; returns (cells read, cells).
fn run(seeds: std::ops::Range<u64>) -> (usize, usize) {
    let settings = structural();
    let mut read = 0usize;
    let mut total = 0usize;
    for seed in seeds {
        for layout in Layout::ALL {
            read += check_variant(seed, layout, &settings);
            total += expected(&Stats::generate(seed)).len();
        }
    }
    (read, total)
}

// 2,048 reports in eight tests, each a few seconds in a debug build.

macro_rules! variants {
    ($($name:ident: $from:expr,)*) => {$(
        #[test]
        fn $name() {
            let (read, total) = run($from..$from + 32);
            assert!(read * 100 >= total * 95, "{read} of {total} cells read");
        }
    )*};
}

variants! {
    variants_0: 0,
    variants_32: 32,
    variants_64: 64,
    variants_96: 96,
    variants_128: 128,
    variants_160: 160,
    variants_192: 192,
    variants_224: 224,
}
