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

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// A piece of the text that the analyses read on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub range: Range<usize>,
    /// Inside a statistical table's text range (the narrative analyses skip it).
    pub in_table: bool,
}

/// Cuts `text` at the start of every line with text that starts a paragraph — after a blank
/// line that follows the end of a sentence (or the start of the text, or another blank line) —
/// or a heading (`一、`, `（二）`, `第三章`, a Markdown `#`), and at the edges of the `tables` ranges.
/// A blank line inside a sentence (text extracted from PDF is often double-spaced) is no cut.
pub(crate) fn partition(text: &str, tables: &[Range<usize>]) -> Vec<Block> {
    partition_in(text, 0..text.len(), tables)
}

/// [`partition`] of the part `range` of `text`, which starts at a line start that is a cut;
/// the lines before it are read for the decisions at its first lines.
fn partition_in(text: &str, range: Range<usize>, tables: &[Range<usize>]) -> Vec<Block> {
    let mut cuts = vec![range.start, range.end];
    for t in tables {
        for at in [t.start, t.end] {
            let at = floor_char(text, at.min(text.len()));
            if range.contains(&at) {
                cuts.push(at);
            }
        }
    }
    let bytes = text.as_bytes();
    // The two lines before the one being decided.
    let mut prev = line_before(text, range.start);
    let mut prev2 = prev.as_ref().and_then(|p| line_before(text, p.start));
    let mut line_start = range.start;
    while line_start < range.end {
        let end = memchr::memchr(b'\n', &bytes[line_start..range.end])
            .map_or(range.end, |i| line_start + i + 1);
        let line = &text[line_start..end];
        let blank =
            |r: &Option<Range<usize>>| r.as_ref().map(|r| text[r.clone()].trim().is_empty());
        let paragraph = blank(&prev) == Some(true)
            && prev2.as_ref().is_none_or(|p| {
                text[p.clone()].trim().is_empty() || ends_sentence(&text[p.clone()])
            });
        // A blank line starts nothing (it stays with the block before): a run of blank
        // lines is one block's tail, not a block each, so blocks follow the text, not the
        // line count.
        let has_text = !line.trim().is_empty();
        if line_start > range.start && has_text && (paragraph || starts_heading(line)) {
            cuts.push(line_start);
        }
        prev2 = prev;
        prev = Some(line_start..end);
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

/// The line that ends at the line start `at` (with its line break), if any.
fn line_before(text: &str, at: usize) -> Option<Range<usize>> {
    let body_end = at.checked_sub(1)?;
    let start = text[..body_end].rfind('\n').map_or(0, |i| i + 1);
    Some(start..at)
}

/// Whether a line ends a sentence or a clause that a statement never runs past.
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':'])
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

/// An analysis of one block's text whose results a [`BlockCache`] keeps with the block: the
/// rules that search the text implement it (one type per analysis), and read the results of
/// every block through [`Blocks::collect`] or [`Blocks::any`]. The cache knows none of them.
pub(crate) trait BlockAnalysis: 'static {
    /// What the analysis finds in one block; positions relative to the block's start.
    type Facts: Nothing + 'static;
    /// Whether the blocks inside the statistical tables are read too (the narrative
    /// analyses skip them).
    const IN_TABLES: bool = true;
    /// The facts of `block`, the text of one block alone, in a report of the given year.
    fn analyse(block: &str, year: Option<i32>) -> Self::Facts;
}

/// What every suppression comment holds (`<!-- nianbao-disable … -->`, see
/// `crate::lint::suppress`).
pub(crate) const SUPPRESSION_MENTION: &str = "nianbao-";

/// Whether a block holds [`SUPPRESSION_MENTION`], or ends with the start of it (a table's edge
/// may cut the text anywhere): no block does only when the text does not hold it.
pub(crate) struct Mentions;

impl BlockAnalysis for Mentions {
    type Facts = bool;
    fn analyse(block: &str, _: Option<i32>) -> bool {
        let mention = SUPPRESSION_MENTION;
        block.contains(mention) || (1..mention.len()).any(|n| block.ends_with(&mention[..n]))
    }
}

/// A result found in a block that can be moved from the block's coordinates to the text's.
pub(crate) trait Shift: Clone {
    /// Moves the result `by` bytes on. `by` may be a negative shift as a wrapped `usize`
    /// (an edit before the result removed text): add with [`shifted`] or `wrapping_add`.
    fn shift(&mut self, by: usize);
}

impl Shift for Range<usize> {
    fn shift(&mut self, by: usize) {
        *self = shifted(self, by);
    }
}

impl<A: Shift, B: Shift> Shift for (A, B) {
    fn shift(&mut self, by: usize) {
        self.0.shift(by);
        self.1.shift(by);
    }
}

impl Shift for bool {
    fn shift(&mut self, _: usize) {}
}

/// What the analyses found in one block, each computed on first use.
#[derive(Default)]
pub(crate) struct BlockFacts {
    /// The results of each [`BlockAnalysis`] run on the block, by the analysis's type.
    found: RefCell<Vec<(TypeId, Rc<dyn Any>)>>,
}

impl BlockFacts {
    /// The facts of analysis `A` of `block` (this block's text), found now or earlier. Kept
    /// facts that found nothing are one value shared by all blocks (`share`, with a cache:
    /// most blocks find nothing, and a document's cache holds every block's facts).
    fn get<A: BlockAnalysis>(&self, block: &str, year: Option<i32>, share: bool) -> Rc<A::Facts> {
        let id = TypeId::of::<A>();
        let kept = self.found.borrow().iter().find(|(t, _)| *t == id).cloned();
        if let Some((_, any)) = kept {
            if let Ok(facts) = any.downcast::<A::Facts>() {
                return facts;
            }
        }
        let facts = A::analyse(block, year);
        let facts = if share && facts.is_nothing() {
            nothing::<A>(facts)
        } else {
            Rc::new(facts)
        };
        self.found.borrow_mut().push((id, facts.clone()));
        facts
    }
}

/// Facts that may have found nothing.
pub(crate) trait Nothing {
    fn is_nothing(&self) -> bool;
}

impl<T> Nothing for Vec<T> {
    fn is_nothing(&self) -> bool {
        self.is_empty()
    }
}

impl Nothing for u8 {
    fn is_nothing(&self) -> bool {
        *self == 0
    }
}

impl Nothing for bool {
    fn is_nothing(&self) -> bool {
        !*self
    }
}

impl<A: Nothing, B: Nothing> Nothing for (A, B) {
    fn is_nothing(&self) -> bool {
        self.0.is_nothing() && self.1.is_nothing()
    }
}

thread_local! {
    /// The facts of each analysis that found nothing, shared (see [`BlockFacts::get`]).
    static NOTHING: RefCell<HashMap<TypeId, Rc<dyn Any>>> = RefCell::default();
}

/// The shared value of `A`'s facts that found nothing, `facts` the first time.
fn nothing<A: BlockAnalysis>(facts: A::Facts) -> Rc<A::Facts> {
    NOTHING.with(|shared| {
        let any = shared
            .borrow_mut()
            .entry(TypeId::of::<A>())
            .or_insert_with(|| Rc::new(facts))
            .clone();
        any.downcast::<A::Facts>()
            .expect("kept by the analysis's type")
    })
}

/// The ranges extended to whole lines and merged, in order.
pub(crate) fn whole_lines(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
        let end = if r.end == 0 || r.end == text.len() || text.as_bytes()[r.end - 1] == b'\n' {
            r.end
        } else {
            text[r.end..]
                .find('\n')
                .map_or(text.len(), |i| r.end + i + 1)
        };
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
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
    /// The key of a block checked without a cache.
    const UNHASHED: BlockKey = BlockKey {
        hash: 0,
        len: 0,
        in_table: false,
        year: None,
    };

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

/// One block of a check: where it is, what identifies its content, and its facts.
#[derive(Clone)]
struct Entry {
    block: Block,
    key: BlockKey,
    facts: Rc<BlockFacts>,
}

/// A replacement of the bytes `old` of the last checked text by `new_len` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    old: Range<usize>,
    new_len: usize,
}

impl Change {
    /// Where a position of the old text is in the new one; `None` inside the replaced bytes.
    fn map(&self, at: usize) -> Option<usize> {
        if at <= self.old.start {
            Some(at)
        } else if at >= self.old.end {
            Some(at - self.old.len() + self.new_len)
        } else {
            None
        }
    }
}

/// The blocks of a document's last check, kept by the language server (see the module
/// documentation): facts by content, and the last cut, so that after an edit only the blocks
/// around it are cut and identified again.
#[derive(Default)]
pub struct BlockCache {
    inner: RefCell<CacheState>,
}

#[derive(Default)]
struct CacheState {
    /// Facts by block content, with the number of blocks of the last check that have it.
    facts: HashMap<BlockKey, (Rc<BlockFacts>, usize)>,
    last: Option<Last>,
    /// The edits since the last check, composed; `None` when there were none.
    change: Option<Change>,
    /// An edit did not fit the text: the next check cuts the whole text.
    lost: bool,
}

struct Last {
    text_len: usize,
    tables: Vec<Range<usize>>,
    year: Option<i32>,
    /// Taken by the next check to be cut again in place (see [`BlockCache::plan`]).
    entries: Rc<Vec<Entry>>,
    /// The number of entries of that check.
    entries_len: usize,
    /// The results of the analyses over these entries, as assembled in that check.
    assembled: HashMap<AssemblyKey, Rc<dyn Any>>,
}

/// Which assembly: the analysis and the part of its facts taken (the type of the function
/// that takes it; each closure has its own).
type AssemblyKey = (TypeId, TypeId);

/// The results of one analysis over all blocks of a check, in text order, with the number
/// each block gave: after an edit, the results of the blocks that were not cut again are
/// taken over from here (those after the edit moved by its growth), and only the blocks cut
/// again are read.
struct Assembled<T> {
    items: Vec<T>,
    /// Per entry of the check (0 for a block the analysis skips).
    counts: Vec<u32>,
}

impl BlockCache {
    pub fn new() -> BlockCache {
        BlockCache::default()
    }

    /// Number of different blocks whose facts are kept.
    pub fn len(&self) -> usize {
        self.inner.borrow().facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Records that the bytes `old` of the text were replaced by `new_len` bytes (positions in
    /// the text as it was after the previous edits, like LSP content changes). Without edits
    /// recorded, a check of a text of another length cuts the whole text again; a check of a
    /// text of the same length with no edit recorded takes it to be unchanged, so every edit
    /// of a checked text must be recorded.
    pub fn edit(&mut self, old: Range<usize>, new_len: usize) {
        let state = self.inner.get_mut();
        let Some(last) = &state.last else {
            return;
        };
        let current_len = match &state.change {
            None => last.text_len,
            Some(c) => last.text_len - c.old.len() + c.new_len,
        };
        if old.start > old.end || old.end > current_len {
            state.lost = true;
            return;
        }
        state.change = Some(match state.change.take() {
            None => Change { old, new_len },
            Some(c) => {
                // The changed region, in the current text, grows to cover the new edit.
                let changed_end = c.old.start + c.new_len;
                let start = c.old.start.min(old.start);
                let end = changed_end.max(old.end);
                let old_end = c.old.end + (end - changed_end);
                let new_len = end - start - old.len() + new_len;
                Change {
                    old: start..old_end,
                    new_len,
                }
            }
        });
    }

    /// The blocks of the last check, taken from the cache to be cut again in place, and the
    /// change since, when the new cut can start from them: same year, tables moved only by
    /// the change, lengths that agree. Until [`BlockCache::keep`] stores the new blocks, the
    /// cache is marked lost (a check that stops half-way leaves a whole cut to the next).
    fn plan(
        &self,
        text_len: usize,
        tables: &[Range<usize>],
        year: Option<i32>,
    ) -> Option<(Vec<Entry>, Change)> {
        let mut state = self.inner.borrow_mut();
        let state = &mut *state;
        let last = state.last.as_mut().filter(|_| !state.lost)?;
        let change = state.change.clone().unwrap_or(Change {
            old: 0..0,
            new_len: 0,
        });
        let moved = last.tables.len() == tables.len()
            && last.tables.iter().zip(tables).all(|(t, now)| {
                change.map(t.start) == Some(now.start) && change.map(t.end) == Some(now.end)
            });
        let fits = last.text_len - change.old.len() + change.new_len == text_len;
        if !(moved && fits && last.year == year) {
            return None;
        }
        let entries = std::mem::take(&mut last.entries);
        state.lost = true;
        // The last check's blocks are no longer in use: no copy.
        let entries = Rc::try_unwrap(entries).unwrap_or_else(|shared| (*shared).clone());
        Some((entries, change))
    }

    fn facts(&self, key: &BlockKey) -> Rc<BlockFacts> {
        let state = self.inner.borrow();
        state
            .facts
            .get(key)
            .map(|(f, _)| f.clone())
            .unwrap_or_default()
    }

    /// Keeps the blocks of the latest check (see [`Blocks::store`]).
    fn keep(&self, blocks: &Blocks) {
        let mut state = self.inner.borrow_mut();
        let state = &mut *state;
        let count =
            |facts: &mut HashMap<BlockKey, (Rc<BlockFacts>, usize)>, e: &Entry, up: bool| {
                if up {
                    facts.entry(e.key).or_insert_with(|| (e.facts.clone(), 0)).1 += 1;
                } else if let Some(slot) = facts.get_mut(&e.key) {
                    slot.1 -= 1;
                    if slot.1 == 0 {
                        facts.remove(&e.key);
                    }
                }
            };
        match &blocks.reused {
            // Only the blocks cut again change the counts.
            Some(reused) if state.last.is_some() => {
                for e in &reused.removed {
                    count(&mut state.facts, e, false);
                }
                for e in &blocks.entries[reused.new_cut.clone()] {
                    count(&mut state.facts, e, true);
                }
            }
            _ => {
                state.facts.clear();
                for e in blocks.entries.iter() {
                    count(&mut state.facts, e, true);
                }
            }
        }
        state.last = Some(Last {
            text_len: blocks.text.len(),
            tables: blocks.tables.clone(),
            year: blocks.year,
            entries: blocks.entries.clone(),
            entries_len: blocks.entries.len(),
            assembled: blocks.assembled.take(),
        });
        state.change = None;
        state.lost = false;
    }
}

/// Which blocks of a check were cut again after an edit (the others were taken over).
struct Reused {
    /// Indices of the last check's blocks that were replaced.
    old_cut: Range<usize>,
    /// Indices of this check's blocks that replaced them.
    new_cut: Range<usize>,
    /// The last check's blocks that were replaced.
    removed: Vec<Entry>,
}

/// The blocks of one check and their facts, in text order.
pub(crate) struct Blocks<'a> {
    text: &'a str,
    tables: Vec<Range<usize>>,
    year: Option<i32>,
    entries: Rc<Vec<Entry>>,
    /// `None` when the whole text was cut.
    reused: Option<Reused>,
    /// The cache the blocks were found in (the server's), if any.
    cache: Option<&'a BlockCache>,
    /// The results assembled in this check, for the next one (with a cache only).
    assembled: RefCell<HashMap<AssemblyKey, Rc<dyn Any>>>,
}

impl<'a> Blocks<'a> {
    /// Cuts `text` into blocks and finds their facts in `cache`, or starts new ones. With a
    /// cache whose last check the edits since can be traced from (`incremental`: the text is
    /// the source, so edit positions are text positions), only the blocks around the edits are
    /// cut again.
    pub fn new(
        text: &'a str,
        tables: &[Range<usize>],
        year: Option<i32>,
        cache: Option<&'a BlockCache>,
        incremental: bool,
    ) -> Blocks<'a> {
        // Without a cache (`nianbao check`) nothing is looked up: the content is not hashed.
        let key_of = |block: Block| match cache {
            Some(c) => {
                let key = BlockKey::of(text, &block, year);
                let facts = c.facts(&key);
                Entry { block, key, facts }
            }
            None => Entry {
                key: BlockKey::UNHASHED,
                facts: Rc::default(),
                block,
            },
        };
        if let Some((old, change)) = cache
            .filter(|_| incremental)
            .and_then(|c| c.plan(text.len(), tables, year))
        {
            if let Some((entries, reused)) = recut(text, tables, old, &change, key_of) {
                return Blocks {
                    text,
                    tables: tables.to_vec(),
                    year,
                    entries: Rc::new(entries),
                    reused: Some(reused),
                    cache,
                    assembled: Default::default(),
                };
            }
        }
        let entries = partition(text, tables).into_iter().map(key_of).collect();
        Blocks {
            text,
            tables: tables.to_vec(),
            year,
            entries: Rc::new(entries),
            reused: None,
            cache,
            assembled: Default::default(),
        }
    }

    /// Keeps this check's blocks in `cache` for the next check, in place of the last check's.
    pub fn store(&self, cache: &BlockCache) {
        cache.keep(self);
    }

    /// The text the blocks are cut from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The blocks that analysis `A` reads, each with its facts.
    fn each<A: BlockAnalysis>(&self) -> impl Iterator<Item = (&Block, Rc<A::Facts>)> + '_ {
        self.entries
            .iter()
            .filter(|e| A::IN_TABLES || !e.block.in_table)
            .map(|Entry { block, facts, .. }| {
                let part = &self.text[block.range.clone()];
                (block, facts.get::<A>(part, self.year, false))
            })
    }

    /// The results of analysis `A` over the blocks it reads (the part `part` of each block's
    /// facts), moved into place, in text order.
    pub fn collect<A: BlockAnalysis, T: Shift + 'static, F: Fn(&A::Facts) -> &[T] + 'static>(
        &self,
        part: F,
    ) -> Vec<T> {
        if self.cache.is_none() {
            let mut out = Vec::new();
            for (block, facts) in self.each::<A>() {
                for item in part(&facts) {
                    let mut item = item.clone();
                    item.shift(block.range.start);
                    out.push(item);
                }
            }
            return out;
        }
        let key = (TypeId::of::<A>(), TypeId::of::<F>());
        let assembled = self.assemble::<A, T>(key, &part);
        let items = assembled.items.clone();
        self.assembled.borrow_mut().insert(key, Rc::new(assembled));
        items
    }

    /// [`Blocks::collect`] with a cache: from the results of the last check, when this
    /// check's blocks were cut from its blocks, else from every block.
    fn assemble<A: BlockAnalysis, T: Shift + 'static>(
        &self,
        key: AssemblyKey,
        part: &dyn Fn(&A::Facts) -> &[T],
    ) -> Assembled<T> {
        // The items and counts of `entries` (a slice of this check's), moved into place.
        let read = |entries: &[Entry], items: &mut Vec<T>, counts: &mut Vec<u32>| {
            for e in entries {
                if !A::IN_TABLES && e.block.in_table {
                    counts.push(0);
                    continue;
                }
                let facts = e
                    .facts
                    .get::<A>(&self.text[e.block.range.clone()], self.year, true);
                let found = part(&facts);
                counts.push(found.len() as u32);
                items.extend(found.iter().map(|item| {
                    let mut item = item.clone();
                    item.shift(e.block.range.start);
                    item
                }));
            }
        };
        let last = self.reused.as_ref().and_then(|reused| {
            let state = self.cache?.inner.borrow();
            let last = state.last.as_ref()?;
            let kept = last.assembled.get(&key)?.clone().downcast::<Assembled<T>>();
            Some((reused, last.text_len, kept.ok()?))
                .filter(|(_, _, kept)| kept.counts.len() == last.entries_len)
        });
        let mut items = Vec::new();
        let mut counts = Vec::with_capacity(self.entries.len());
        match last {
            Some((reused, old_len, old)) => {
                let sum = |c: &[u32]| c.iter().map(|&n| n as usize).sum::<usize>();
                let a = sum(&old.counts[..reused.old_cut.start]);
                let b = a + sum(&old.counts[reused.old_cut.clone()]);
                let grow = self.text.len().wrapping_sub(old_len);
                items.reserve(old.items.len());
                items.extend_from_slice(&old.items[..a]);
                counts.extend_from_slice(&old.counts[..reused.old_cut.start]);
                read(
                    &self.entries[reused.new_cut.clone()],
                    &mut items,
                    &mut counts,
                );
                items.extend(old.items[b..].iter().map(|item| {
                    let mut item = item.clone();
                    item.shift(grow);
                    item
                }));
                counts.extend_from_slice(&old.counts[reused.old_cut.end..]);
            }
            _ => read(&self.entries, &mut items, &mut counts),
        }
        debug_assert_eq!(counts.len(), self.entries.len());
        Assembled { items, counts }
    }

    /// Whether the facts of analysis `A` pass `test` in some block it reads.
    pub fn any<A: BlockAnalysis, F: Fn(&A::Facts) -> bool + 'static>(&self, test: F) -> bool {
        if self.cache.is_none() {
            return self.each::<A>().any(|(_, facts)| test(&facts));
        }
        // The blocks that pass, as the items of an assembly: their count is kept.
        let key = (TypeId::of::<A>(), TypeId::of::<F>());
        let assembled = self.assemble::<A, bool>(key, &|facts| {
            if test(facts) {
                &[true]
            } else {
                &[]
            }
        });
        let any = !assembled.items.is_empty();
        self.assembled.borrow_mut().insert(key, Rc::new(assembled));
        any
    }
}

/// The blocks of `text` from those of the last check (`old`) and the change since: the old
/// blocks far enough from the change keep their cut (moved by the change), the text between is
/// cut again. `None` when there is no old cut to start from.
///
/// A cut at a line start depends on that line and the two lines before it; a cut at a table
/// edge on the tables, which [`BlockCache::plan`] checked moved only by the change. So the old
/// cut at the start of block `m` still stands if the line there ends before the change, and
/// the old cut at the end of block `k` still stands (moved) if the two lines before it start
/// after the change. Both are also line starts, so that the text between is cut as whole lines,
/// as [`partition`] cuts the whole text.
fn recut(
    text: &str,
    tables: &[Range<usize>],
    mut old: Vec<Entry>,
    change: &Change,
    key_of: impl Fn(Block) -> Entry,
) -> Option<(Vec<Entry>, Reused)> {
    let last = old.len().checked_sub(1)?;
    let line_start = |at: usize| at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n');
    // The block holding the change's start, and the last whose own start can anchor a cut.
    let i = old
        .partition_point(|e| e.block.range.end <= change.old.start)
        .min(last);
    // A cut at the start of block `m` that does not depend on the change: the line there is
    // whole before the change (and the text is cut again from a line start).
    let mut m = i.saturating_sub(1);
    while m > 0
        && !(line_start(old[m].block.range.start)
            && memchr::memchr(
                b'\n',
                &text.as_bytes()[old[m].block.range.start..change.old.start],
            )
            .is_some())
    {
        m -= 1;
    }
    // The block holding the change's end, then the first block after it that is whole lines
    // after the change.
    let j = old
        .partition_point(|e| e.block.range.end <= change.old.end)
        .min(last);
    let mut k = j + 1;
    // The cut at a block's end depends on the two lines before it: both must be in the block.
    let whole_lines = |e: &Entry| {
        e.block.range.start > change.old.end
            && change.map(e.block.range.start).is_some_and(line_start)
            && change.map(e.block.range.end).is_some_and(|end| {
                (end == text.len() || line_start(end)) && {
                    let start = change.map(e.block.range.start).unwrap_or(end);
                    memchr::memchr(
                        b'\n',
                        &text.as_bytes()[start..end.saturating_sub(1).max(start)],
                    )
                    .is_some()
                }
            })
    };
    while k <= last && !whole_lines(&old[k]) {
        k += 1;
    }
    let start = old[m].block.range.start;
    let (end, old_end) = if k <= last {
        (change.map(old[k].block.range.end)?, k + 1)
    } else {
        (text.len(), old.len())
    };
    if start > end || end > text.len() {
        return None;
    }
    // In place: the blocks after the change moved, those around it replaced.
    for e in &mut old[old_end..] {
        e.block.range = change.map(e.block.range.start)?..change.map(e.block.range.end)?;
    }
    let fresh: Vec<Entry> = partition_in(text, start..end, tables)
        .into_iter()
        .map(key_of)
        .collect();
    let new_cut = m..m + fresh.len();
    let removed = old.splice(m..old_end, fresh).collect();
    Some((
        old,
        Reused {
            old_cut: m..old_end,
            new_cut,
            removed,
        },
    ))
}

impl Blocks<'_> {
    /// The lines that a cut between blocks runs through (a table's edge inside a line), each
    /// whole. An analysis of lines reads these again whole, as the blocks hold only parts.
    /// From the blocks that end inside a line (kept across edits), not a pass over every block.
    pub fn lines_cut(&self) -> Vec<Range<usize>> {
        let text = self.text;
        let cut: Vec<Range<usize>> = if self.cached() {
            self.collect::<OpenEnd, _, _>(|end| end)
                .into_iter()
                .filter(|end| end.start < text.len())
                .collect()
        } else {
            // Read once: a pass over the blocks is cheaper than their facts.
            self.entries
                .iter()
                .map(|e| e.block.range.start)
                .filter(|&b| b > 0 && text.as_bytes()[b - 1] != b'\n')
                .map(|b| b..b)
                .collect()
        };
        whole_lines(text, &cut)
    }

    /// Whether the blocks' facts are kept for the next check (the server's): then a search
    /// reads the facts of the blocks, which an edit leaves in place; a check read once
    /// (`nianbao check`) may as well search the whole text.
    pub fn cached(&self) -> bool {
        self.cache.is_some()
    }
}

/// The end of a block that ends inside a line (a cut at a table's edge), as an empty range:
/// the next block starts inside that line.
struct OpenEnd;

impl BlockAnalysis for OpenEnd {
    type Facts = Vec<Range<usize>>;
    fn analyse(block: &str, _: Option<i32>) -> Vec<Range<usize>> {
        if block.is_empty() || block.ends_with('\n') {
            Vec::new()
        } else {
            std::iter::once(block.len()..block.len()).collect()
        }
    }
}

/// `r` moved `by` bytes on; `by` may be a negative shift as a wrapped `usize`
/// (`d.wrapping_neg()`), which moves `r` back.
pub(crate) fn shifted(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.wrapping_add(by)..r.end.wrapping_add(by)
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
    fn a_blank_line_inside_a_sentence_is_no_cut() {
        // Double-spaced text from a PDF: the blank lines inside a sentence stay in its block.
        let text = "共收到政府信息\n\n公开申请12件。\n\n\n上年结转\n\n2件；\n\n其他\n";
        assert_eq!(
            cuts(text, &[]),
            vec![
                ("共收到政府信息\n\n公开申请12件。\n\n\n", false),
                ("上年结转\n\n2件；\n\n", false),
                ("其他\n", false),
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

    /// A test analysis: the runs of ASCII digits of a block.
    struct Digits;

    impl BlockAnalysis for Digits {
        type Facts = Vec<Range<usize>>;
        fn analyse(block: &str, _: Option<i32>) -> Vec<Range<usize>> {
            let mut runs: Vec<Range<usize>> = Vec::new();
            for (i, b) in block.bytes().enumerate() {
                match runs.last_mut() {
                    _ if !b.is_ascii_digit() => {}
                    Some(last) if last.end == i => last.end = i + 1,
                    _ => runs.push(i..i + 1),
                }
            }
            runs
        }
    }

    /// [`Digits`] outside the tables.
    struct NarrativeDigits;

    impl BlockAnalysis for NarrativeDigits {
        type Facts = Vec<Range<usize>>;
        const IN_TABLES: bool = false;
        fn analyse(block: &str, year: Option<i32>) -> Vec<Range<usize>> {
            Digits::analyse(block, year)
        }
    }

    #[test]
    fn results_are_moved_into_place_and_tables_skipped_when_asked() {
        let text = "受理申请35件。\n表格 收到政府信息公开申请 5 件\n办结35件。";
        let start = text.find("表格").unwrap();
        let end = text.find("\n办结").unwrap();
        let table = start..end;
        let blocks = Blocks::new(text, std::slice::from_ref(&table), Some(2024), None, false);
        let all: Vec<&str> = blocks
            .collect::<Digits, _, _>(|d| d)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(all, ["35", "5", "35"]);
        let narrative = blocks.collect::<NarrativeDigits, _, _>(|d| d);
        assert_eq!(narrative.len(), 2, "{narrative:?}");
        assert!(narrative.iter().all(|r| &text[r.clone()] == "35"));
        assert!(blocks.any::<Digits, _>(|d| d.len() == 1));
        assert!(!blocks.any::<NarrativeDigits, _>(|d| d.is_empty()));
    }

    /// Some block mentions a suppression comment when the text does, also when a table's edge
    /// cuts the mention (a block ending with its start is taken to, whatever follows).
    #[test]
    fn blocks_mention_suppression_as_the_text_does() {
        let pieces = [
            "nian", "bao-", "nianbao-", "n", "\n", "\n\n\n", "字", "一、",
        ];
        let mut next = crate::rules::testing::xorshift(0x1B87_3593_CC9E_2D51u64);
        let cache = BlockCache::new();
        let mut mentioned = 0;
        for round in 0..500 {
            let text = crate::rules::testing::pieces_text(&mut next, &pieces, 12);
            let tables = crate::rules::testing::cut_anywhere(&mut next, &text);
            let want = text.contains(SUPPRESSION_MENTION);
            mentioned += usize::from(want);
            for cached in [None, Some(&cache)] {
                let blocks = Blocks::new(&text, &tables, None, cached, false);
                assert!(
                    !want || blocks.any::<Mentions, _>(|&m| m),
                    "round {round}: {text:?} {tables:?}"
                );
                if let Some(c) = cached {
                    blocks.store(c);
                }
            }
        }
        assert!(mentioned > 100, "{mentioned}");
    }

    #[test]
    fn whole_lines_extend_and_merge() {
        let text = "ab\ncd\nef\ngh";
        assert_eq!(
            whole_lines(text, &[4..5, 6..7]),
            std::iter::once(3..9).collect::<Vec<_>>()
        );
        assert_eq!(whole_lines(text, &[0..3, 9..11]), vec![0..3, 9..11]);
        assert_eq!(
            whole_lines(text, &[1..1; 1]),
            std::iter::once(0..3).collect::<Vec<_>>()
        );
        assert_eq!(whole_lines(text, &[]), Vec::<Range<usize>>::new());
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
        let blocks = Blocks::new(text, &[], None, Some(&cache), false);
        let found = blocks.collect::<Digits, _, _>(|d| d);
        assert_eq!(found.len(), 4);
        assert_eq!(&text[found[2].clone()], "2021");
        blocks.store(&cache);
        assert_eq!(cache.len(), 2);
        let edited = "依据国办函〔2020〕109号。\n\n一、情况\n国办发〔2021〕5号\n";
        let again = Blocks::new(edited, &[], None, Some(&cache), false);
        assert!(Rc::ptr_eq(
            &again.entries[1].facts,
            &blocks.entries[1].facts
        ));
        assert!(!Rc::ptr_eq(
            &again.entries[0].facts,
            &blocks.entries[0].facts
        ));
        assert_eq!(
            again.collect::<Digits, _, _>(|d| d),
            Blocks::new(edited, &[], None, None, false).collect::<Digits, _, _>(|d| d)
        );
        again.store(&cache);
        assert_eq!(cache.len(), 2);
    }

    /// Pieces that the analyses react to, and the cuts between blocks.
    const PIECES: [&str; 23] = [
        "<!-- nianbao-disable W01 -->",
        "<!-- nianbao-enable -->",
        "《关于印发《某办法》的通知》",
        "《政府信息公开条例>",
        "二、工作机制",
        "国办公开办函〔2019〕60号",
        "<",
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
                let text = crate::read::input::read_file(&p).expect("corpus file").text;
                texts.push((p.display().to_string(), text));
            }
        }
        for layout in crate::sample::Layout::ALL {
            let src = crate::sample::Stats::generate(3)
                .render_with_story(layout, crate::sample::STORIES[0]);
            texts.push((format!("{layout:?}"), src));
        }
        let settings = Settings::default();
        let mut next = crate::rules::testing::xorshift(0x9E37_79B9_7F4A_7C15u64);
        let mut checks = 0;
        for (name, original) in texts {
            let mut cache = BlockCache::new();
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
                    cache.edit(at..end, 0);
                } else {
                    let piece = PIECES[next(PIECES.len())];
                    text.insert_str(at, piece);
                    cache.edit(at..at, piece.len());
                }
                let report = crate::read::reader::read(&text);
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

    /// The results assembled from the last check's (the blocks not cut again taken over, those
    /// after the edit moved, also back when text was removed) equal an assembly over every
    /// block, after random edits (every other one at a block's edge), with tables skipped or
    /// not, and an analysis missing from some checks.
    #[test]
    fn assembled_results_equal_a_fresh_assembly_after_random_edits() {
        let mut next = crate::rules::testing::xorshift(0x1234_5678_9ABC_DEF1u64);
        let mut text = crate::sample::Stats::generate(9)
            .render_with_story(crate::sample::Layout::Markdown, crate::sample::STORIES[0]);
        let table = |text: &str| {
            let at = text.find("| 自然人").unwrap_or(0);
            std::iter::once(at..(at + 40).min(text.len())).collect::<Vec<_>>()
        };
        let mut cache = BlockCache::new();
        let pieces = ["7", "12", "\n\n", "一、", "字", "\n", "3\n\n4"];
        // The blocks' edges of the last check: every other edit starts on one.
        let mut edges: Vec<usize> = vec![0];
        for step in 0..300 {
            let mut at = if step % 2 == 0 {
                edges[next(edges.len())].min(text.len())
            } else {
                next(text.len() + 1)
            };
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + next(3) * next(20)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let piece = pieces[next(pieces.len())];
            text.replace_range(at..end, piece);
            cache.edit(at..end, piece.len());
            let tables = table(&text);
            let blocks = Blocks::new(&text, &tables, None, Some(&cache), true);
            let fresh = Blocks::new(&text, &tables, None, None, false);
            edges = blocks
                .entries
                .iter()
                .flat_map(|e| [e.block.range.start, e.block.range.end])
                .collect();
            if step % 7 != 3 {
                assert_eq!(
                    blocks.collect::<Digits, _, _>(|d| d),
                    fresh.collect::<Digits, _, _>(|d| d),
                    "step {step}"
                );
            }
            assert_eq!(
                blocks.collect::<NarrativeDigits, _, _>(|d| d),
                fresh.collect::<NarrativeDigits, _, _>(|d| d),
                "step {step}"
            );
            let many = |d: &Vec<Range<usize>>| d.len() > 3;
            assert_eq!(
                blocks.any::<Digits, _>(many),
                fresh.any::<Digits, _>(many),
                "step {step}"
            );
            blocks.store(&cache);
        }
    }

    /// After random batches of edits, the cut made from the last one and the edits equals a
    /// cut of the whole text, block for block.
    #[test]
    fn a_recut_equals_a_fresh_cut() {
        let mut next = crate::rules::testing::xorshift(0x2545_F491_4F6C_DD1Du64);
        let base = crate::sample::Stats::generate(5)
            .render_with_story(crate::sample::Layout::Markdown, crate::sample::STORIES[1]);
        let pieces = [
            "\n",
            "\n\n",
            " ",
            "一、",
            "（三）",
            "#",
            "字",
            "\n第二章",
            "\r\n",
        ];
        let mut recuts = 0;
        for round in 0..60 {
            let mut cache = BlockCache::new();
            let mut text = base.clone();
            // A "table" around a third of the text, moved by the edits like the reader's.
            let mut table = text.len() / 3..text.len() / 2;
            for step in 0..25 {
                let tables = [table.clone()];
                let blocks = Blocks::new(&text, &tables, None, Some(&cache), true);
                let fresh = partition(&text, &tables);
                let got: Vec<Block> = blocks.entries.iter().map(|e| e.block.clone()).collect();
                assert_eq!(got, fresh, "round {round} step {step}");
                for e in blocks.entries.iter() {
                    assert_eq!(e.key, BlockKey::of(&text, &e.block, None));
                }
                // An analysis of lines (S03's) reads the lines cut by a table whole.
                use crate::rules::structure::s03_section_numbering as s03;
                assert_eq!(
                    s03::numbered_lines_of(&blocks),
                    s03::numbered_lines(&text),
                    "round {round} step {step}"
                );
                recuts += usize::from(blocks.reused.is_some());
                blocks.store(&cache);
                // Mostly one edit between checks, as an editor sends them; sometimes a batch,
                // whose edits compose into one change over all of them.
                let batch = if next(4) == 0 { 2 + next(2) } else { 1 };
                for _ in 0..batch {
                    let mut at = next(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    let mut end = (at + next(3) * next(30)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    let piece = pieces[next(pieces.len())];
                    text.replace_range(at..end, piece);
                    cache.edit(at..end, piece.len());
                    let map = |p: usize| {
                        if p <= at {
                            p
                        } else if p >= end {
                            p - (end - at) + piece.len()
                        } else {
                            at
                        }
                    };
                    table = map(table.start)..map(table.end).max(map(table.start));
                }
            }
        }
        // Most checks start from the last cut (a change over a table's edge cuts anew).
        assert!(recuts > 900, "{recuts}");
    }
}
