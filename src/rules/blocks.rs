//! Text analyses done block by block, so that an editor's change re-reads only the blocks it
//! touched.
//!
//! The text rules (document and order numbers, repeated words, placeholders, the numbers stated
//! in the narrative) search the report's text for short phrases. A phrase never runs across a
//! paragraph break, a heading or the edge of a table, so the text is cut there into blocks
//! ([`partition`]) and each analysis reads one block at a time, from the block's text alone
//! (and the report's year, for the narrative). Its results are relative to the block, and
//! [`Context`](super::Context) shifts them into place.
//!
//! Because an analysis of a block depends on nothing else, its results can be kept with the
//! block: a [`BlockCache`] (one per open document in the language server) maps a block's
//! content to its [`BlockFacts`]; after an edit, the blocks that did not change find their
//! facts there. `nianbao check` reads every block once, without a cache; the cut is the same,
//! so the results are the same (the server's differential test checks it after random edits).

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::citation::{self, DocNo, OrderNo};
use super::cross::narrative::{self, FeeStatement, Statement};
use super::text::{w01_duplicated_token as w01, w03_placeholders as w03};

/// A piece of the text that the analyses read on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub range: Range<usize>,
    /// Inside a statistical table's text range (the narrative analyses skip it).
    pub in_table: bool,
}

/// Cuts `text` at the start of every line that follows a blank line or starts a heading
/// (`一、`, `（二）`, `第三章`, a Markdown `#`), and at the edges of the `tables` ranges.
pub(crate) fn partition(text: &str, tables: &[Range<usize>]) -> Vec<Block> {
    let mut cuts = vec![0, text.len()];
    for t in tables {
        for at in [t.start, t.end] {
            let at = floor_char(text, at.min(text.len()));
            cuts.push(at);
        }
    }
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut previous_blank = false;
    while line_start < text.len() {
        let end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(text.len(), |i| line_start + i + 1);
        let line = &text[line_start..end];
        if line_start > 0 && (previous_blank || starts_heading(line)) {
            cuts.push(line_start);
        }
        previous_blank = line.trim().is_empty();
        line_start = end;
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Block {
            range: w[0]..w[1],
            in_table: tables.iter().any(|t| t.start <= w[0] && w[0] < t.end),
        })
        .collect()
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

const NUMERALS: &str = "一二三四五六七八九十";

/// Whether a line starts with a heading's enumerator or a Markdown heading mark.
fn starts_heading(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t', '\u{3000}']);
    if line.starts_with('#') {
        return true;
    }
    let (open, rest) = match line.strip_prefix(['（', '(']) {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let digits = rest
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    if digits == 0 {
        return !open
            && rest
                .strip_prefix('第')
                .is_some_and(|r| r.starts_with(|c| NUMERALS.contains(c)));
    }
    let after = &rest[digits..];
    if open {
        after.starts_with(['）', ')'])
    } else {
        after.starts_with('、')
    }
}

/// What the analyses found in one block, computed on first use; ranges are relative to the
/// block's start.
#[derive(Default)]
pub(crate) struct BlockFacts {
    doc_numbers: OnceCell<Vec<DocNo>>,
    order_numbers: OnceCell<Vec<OrderNo>>,
    dates_lost: OnceCell<bool>,
    repeats: OnceCell<Vec<(Range<usize>, Range<usize>)>>,
    placeholders: OnceCell<Vec<w03::Placeholder>>,
    statements: OnceCell<Vec<Statement>>,
    fee_statements: OnceCell<Vec<FeeStatement>>,
}

/// What identifies a block's facts: its text, whether it is a table's, and the report's year
/// (the narrative analyses read it). The text is identified by a 128-bit hash, so that a
/// cache does not keep a second copy of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct BlockKey {
    hash: u128,
    len: usize,
    in_table: bool,
    year: Option<i32>,
}

impl BlockKey {
    fn of(text: &str, block: &Block, year: Option<i32>) -> BlockKey {
        let part = &text[block.range.clone()];
        BlockKey {
            hash: xxhash_rust::xxh3::xxh3_128(part.as_bytes()),
            len: part.len(),
            in_table: block.in_table,
            year,
        }
    }
}

/// The facts of the blocks of the last check of a document (see the module documentation).
#[derive(Default)]
pub struct BlockCache {
    map: RefCell<HashMap<BlockKey, Rc<BlockFacts>>>,
}

impl BlockCache {
    pub fn new() -> BlockCache {
        BlockCache::default()
    }

    /// Number of blocks whose facts are kept.
    pub fn len(&self) -> usize {
        self.map.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, key: &BlockKey) -> Option<Rc<BlockFacts>> {
        self.map.borrow().get(key).cloned()
    }

    /// Keeps exactly the facts of `blocks` (the blocks of the latest check).
    fn keep(&self, blocks: &[(Block, BlockKey, Rc<BlockFacts>)]) {
        let mut map = self.map.borrow_mut();
        map.clear();
        for (_, key, facts) in blocks {
            map.insert(*key, facts.clone());
        }
    }
}

/// The blocks of one check and their facts, in text order.
pub(crate) struct Blocks<'a> {
    text: &'a str,
    entries: Vec<(Block, BlockKey, Rc<BlockFacts>)>,
}

impl<'a> Blocks<'a> {
    /// Cuts `text` into blocks and finds their facts in `cache`, or starts new ones.
    pub fn new(
        text: &'a str,
        tables: &[Range<usize>],
        year: Option<i32>,
        cache: Option<&BlockCache>,
    ) -> Blocks<'a> {
        let entries = partition(text, tables)
            .into_iter()
            .map(|block| {
                let key = BlockKey::of(text, &block, year);
                let facts = cache.and_then(|c| c.get(&key)).unwrap_or_default();
                (block, key, facts)
            })
            .collect();
        Blocks { text, entries }
    }

    /// Stores this check's facts in `cache`, replacing those of the previous check.
    pub fn store(&self, cache: &BlockCache) {
        cache.keep(&self.entries);
    }

    /// The results of `analysis` over every block (or every block outside the tables),
    /// shifted into place by `shift`.
    fn collect<T: Clone>(
        &self,
        narrative_only: bool,
        analysis: impl for<'f> Fn(&'f BlockFacts, &str) -> &'f Vec<T>,
        shift: impl Fn(&mut T, usize),
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (block, _, facts) in &self.entries {
            if narrative_only && block.in_table {
                continue;
            }
            let part = &self.text[block.range.clone()];
            for item in analysis(facts, part) {
                let mut item = item.clone();
                shift(&mut item, block.range.start);
                out.push(item);
            }
        }
        out
    }

    pub fn doc_numbers(&self) -> Vec<DocNo> {
        self.collect(
            false,
            |f, t| f.doc_numbers.get_or_init(|| citation::doc_numbers(t)),
            DocNo::shift,
        )
    }

    pub fn order_numbers(&self) -> Vec<OrderNo> {
        self.collect(
            false,
            |f, t| f.order_numbers.get_or_init(|| citation::order_numbers(t)),
            OrderNo::shift,
        )
    }

    /// Whether some block has a date that lost its 年 and 月 (rule C01).
    pub fn dates_lost(&self) -> bool {
        self.entries.iter().any(|(block, _, facts)| {
            *facts.dates_lost.get_or_init(|| {
                citation::c01_docno_brackets::dates_lost(&self.text[block.range.clone()])
            })
        })
    }

    pub fn repeats(&self) -> Vec<(Range<usize>, Range<usize>)> {
        self.collect(
            false,
            |f, t| f.repeats.get_or_init(|| w01::candidates(t)),
            |(unit, run), by| {
                *unit = shifted(unit, by);
                *run = shifted(run, by);
            },
        )
    }

    pub fn placeholders(&self) -> Vec<w03::Placeholder> {
        self.collect(
            false,
            |f, t| f.placeholders.get_or_init(|| w03::placeholders(t)),
            w03::Placeholder::shift,
        )
    }

    pub fn statements(&self, year: Option<i32>) -> Vec<Statement> {
        self.collect(
            true,
            |f, t| {
                f.statements
                    .get_or_init(|| narrative::find(&narrative::Compact::build(t, &[]), year))
            },
            |s, by| s.number = shifted(&s.number, by),
        )
    }

    pub fn fee_statements(&self, year: Option<i32>) -> Vec<FeeStatement> {
        self.collect(
            true,
            |f, t| {
                f.fee_statements
                    .get_or_init(|| narrative::find_fee(&narrative::Compact::build(t, &[]), year))
            },
            |s, by| s.range = shifted(&s.range, by),
        )
    }
}

pub(crate) fn shifted(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts<'t>(text: &'t str, tables: &[Range<usize>]) -> Vec<(&'t str, bool)> {
        partition(text, tables)
            .into_iter()
            .map(|b| (&text[b.range], b.in_table))
            .collect()
    }

    #[test]
    fn blocks_end_at_blank_lines_headings_and_tables() {
        let text = "标题\n说明一\n说明二\n\n一、总体情况\n正文\n（一）主动公开\n正文\n| 表 |\n尾\n";
        let table = text.find("| 表").unwrap()..text.find("尾").unwrap();
        assert_eq!(
            cuts(text, std::slice::from_ref(&table)),
            vec![
                ("标题\n说明一\n说明二\n\n", false),
                ("一、总体情况\n正文\n", false),
                ("（一）主动公开\n正文\n", false),
                ("| 表 |\n", true),
                ("尾\n", false),
            ]
        );
    }

    #[test]
    fn blocks_cover_the_text_exactly() {
        for text in [
            "",
            "\n",
            "a",
            "一、\n\n\n二、x",
            "# t\n## u\n第一章\n第x\n十一、y",
        ] {
            let blocks = partition(text, &[]);
            let joined: String = blocks.iter().map(|b| &text[b.range.clone()]).collect();
            assert_eq!(joined, text);
            assert!(blocks.iter().all(|b| !b.range.is_empty()));
        }
        assert_eq!(
            cuts("# t\n## u\n第一章\n第x\n十一、y", &[]),
            vec![
                ("# t\n", false),
                ("## u\n", false),
                ("第一章\n第x\n", false),
                ("十一、y", false)
            ]
        );
    }

    #[test]
    fn heading_enumerators() {
        for yes in ["一、", "（二）", "(十)", "  三、", "第四部分", "#"] {
            assert!(starts_heading(yes), "{yes}");
        }
        for no in [
            "一是",
            "（2021）",
            "二〇二四年",
            "第1条",
            "、",
            "（）",
            "一",
        ] {
            assert!(!starts_heading(no), "{no}");
        }
    }

    #[test]
    fn a_cache_keeps_the_facts_of_the_last_check_only() {
        let cache = BlockCache::new();
        let text = "依据国办函〔2020]109号。\n\n一、情况\n国办发〔2021〕5号\n";
        let blocks = Blocks::new(text, &[], None, Some(&cache));
        let found = blocks.doc_numbers();
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[1].span.clone()], "国办发〔2021〕5号");
        blocks.store(&cache);
        assert_eq!(cache.len(), 2);
        let edited = "依据国办函〔2020〕109号。\n\n一、情况\n国办发〔2021〕5号\n";
        let again = Blocks::new(edited, &[], None, Some(&cache));
        assert!(Rc::ptr_eq(&again.entries[1].2, &blocks.entries[1].2));
        assert!(!Rc::ptr_eq(&again.entries[0].2, &blocks.entries[0].2));
        assert_eq!(
            again.doc_numbers(),
            Blocks::new(edited, &[], None, None).doc_numbers()
        );
        again.store(&cache);
        assert_eq!(cache.len(), 2);
    }

    /// Pieces that the analyses react to, and the cuts between blocks.
    const PIECES: [&str; 16] = [
        "\n\n",
        "\n",
        "一、",
        "（二）",
        "国办函〔2020]109号",
        "国务院令第711号",
        "2024年度年度",
        "XX",
        "（请填写）",
        "共收到政府信息公开申请12件",
        "未收取信息处理费",
        "收取信息处理费共计380元",
        "依据《中华人民共和国政府信息公开条例》",
        "2022113日",
        "字",
        "7",
    ];

    /// Random edits of corpus files and samples, each checked with a cache kept across the
    /// edits (as the language server does) and without one: the diagnostics are the same.
    #[test]
    fn cached_diagnostics_equal_fresh_ones_after_random_edits() {
        use crate::lint::{diagnostics_cached, diagnostics_of, Settings};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut texts: Vec<(String, String)> = Vec::new();
        for sub in ["seeds", "real"] {
            let mut files: Vec<_> = std::fs::read_dir(dir.join(sub))
                .expect("the corpus at ../shared/corpus")
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            for p in files {
                let text = crate::input::read_file(&p).expect("corpus file").text;
                texts.push((p.display().to_string(), text));
            }
        }
        for layout in crate::sample::Layout::ALL {
            let src = crate::sample::Stats::generate(3)
                .render_with_story(layout, crate::sample::STORIES[0]);
            texts.push((format!("{layout:?}"), src));
        }
        let settings = Settings::default();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let mut checks = 0;
        for (name, original) in texts {
            let cache = BlockCache::new();
            let mut text = original.clone();
            for step in 0..12 {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if next(3) == 0 {
                    let mut end = (at + 1 + next(40)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                } else {
                    text.insert_str(at, PIECES[next(PIECES.len())]);
                }
                let report = crate::reader::read(&text);
                let fresh = diagnostics_of(&text, &report, &settings);
                let cached = diagnostics_cached(&text, &report, &settings, &cache);
                assert!(
                    cached == fresh,
                    "{name} step {step}: {cached:?}\n!=\n{fresh:?}"
                );
                checks += 1;
            }
        }
        assert!(checks > 200, "{checks}");
    }
}
