//! Reading a run of values into a row's cells, including digit runs that lost their separators.
//!
//! A scraper that drops cell boundaries turns `217 | 1 | 0 | 0 | 0 | 0 | 218` into
//! `21710000218`. Such a run is split only when exactly one split is possible: by length alone
//! (as many digits as cells), or by the row's arithmetic (总计 = sum of the parts). When the
//! arithmetic chose the split, that relation cannot afterwards be reported as violated, so the
//! cells say so ([`Provenance::SplitByArithmetic`]). Several possible splits mean unreadable.

use std::ops::Range;

use crate::read::cells::ValueKind;
use crate::read::token::{TokKind, Token, ValueChar};

/// How a cell's value was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// The cell is separated from its neighbours in the source.
    Exact,
    /// Cut from a digit run in the only way its length and the number forms allow.
    SplitUnique,
    /// Cut from a digit run in the only way that satisfies the row's arithmetic.
    SplitByArithmetic,
    /// A value row without a label, placed by the order of the rows around it.
    ByOrder,
    /// Read column by column from PDF text that lists the labels before the values.
    ColumnOrder,
}

/// One value read for a cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The text as written (after NFKC); `None` for a blank cell.
    pub text: Option<String>,
    pub span: Range<usize>,
    pub provenance: Provenance,
}

/// `total` = sum of `parts`, as indices into the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SumRelation {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// Why a run could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    TooFew {
        got: usize,
        want: usize,
    },
    TooMany {
        got: usize,
        want: usize,
    },
    NotANumber {
        text: String,
    },
    NoSplit {
        digits: String,
    },
    Ambiguous {
        digits: String,
        splits: usize,
    },
    /// A count written with more digits than any count has ([`MAX_COUNT_DIGITS`]).
    TooLarge {
        text: String,
    },
}

/// The most digits a count or a change of one may have: a trillion requests is beyond any
/// report, and sums of such counts stay far inside `i64` however many cells they add.
pub const MAX_COUNT_DIGITS: usize = 12;

/// Whether `text`, a count or a signed change, has more digits than a count can have
/// (leading zeros aside).
fn too_large(text: &str, kind: ValueKind) -> bool {
    if !matches!(kind, ValueKind::Count | ValueKind::Signed) {
        return false;
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let int = body.split_once('.').map_or(body, |(i, _)| i);
    int.trim_start_matches('0').len() > MAX_COUNT_DIGITS
}

/// Reads `run` (value and blank tokens) into `kinds.len()` cells.
pub fn read_run(
    run: &[&Token],
    kinds: &[ValueKind],
    relations: &[SumRelation],
) -> Result<Vec<Read>, RunError> {
    let want = kinds.len();
    if run.len() == want {
        // Each value's text is built once, checked, and kept for its cell.
        let texts: Vec<Option<String>> = run.iter().map(|t| t.value_text()).collect();
        // One value per cell: a value too large to be a count is that cell's (no split of
        // the row could mean it).
        if let Some(text) = texts
            .iter()
            .zip(kinds)
            .find_map(|(t, k)| t.as_deref().filter(|t| too_large(t, *k)))
        {
            return Err(RunError::TooLarge {
                text: text.to_string(),
            });
        }
        if run
            .iter()
            .zip(kinds)
            .zip(&texts)
            .all(|((t, k), text)| direct_ok(t, text.as_deref(), *k))
        {
            return Ok(run
                .iter()
                .zip(texts)
                .map(|(t, text)| Read {
                    text,
                    span: t.span(),
                    provenance: Provenance::Exact,
                })
                .collect());
        }
    }
    let has_blank = run.iter().any(|t| matches!(t.kind, TokKind::Blank));
    // Only numbers written side by side in one fragment can have lost their separators;
    // separate lines and cells are real boundaries.
    let one_fragment = run.windows(2).all(|w| w[0].fragment == w[1].fragment);
    if run.len() > want {
        return Err(RunError::TooMany {
            got: run.len(),
            want,
        });
    }
    if has_blank || !one_fragment {
        if run.len() == want {
            return Err(RunError::NotANumber {
                text: run
                    .iter()
                    .filter_map(|t| t.value_text())
                    .find(|s| parse_loose(s, ValueKind::Money).is_none())
                    .unwrap_or_default(),
            });
        }
        return Err(RunError::TooFew {
            got: run.len(),
            want,
        });
    }
    let chars: Vec<ValueChar> = run
        .iter()
        .flat_map(|t| t.value_chars().into_iter().flatten())
        .collect();
    let digits: String = chars.iter().map(|c| c.ch).collect();
    if chars.len() < want {
        if run.len() == want {
            return Err(RunError::NotANumber {
                text: run
                    .iter()
                    .filter_map(|t| t.value_text())
                    .find(|s| parse_strict(s, ValueKind::Signed).is_none())
                    .unwrap_or(digits),
            });
        }
        return Err(RunError::TooFew {
            got: run.len(),
            want,
        });
    }
    let split = enumerate_splits(&chars, kinds, relations);
    match split {
        Splits::Unique(cuts, provenance) => Ok(cuts
            .windows(2)
            .map(|w| {
                let piece = &chars[w[0]..w[1]];
                Read {
                    text: Some(piece.iter().map(|c| c.ch).collect()),
                    span: piece[0].start..piece[piece.len() - 1].end,
                    provenance,
                }
            })
            .collect()),
        Splits::None => Err(RunError::NoSplit { digits }),
        Splits::Many(splits) => Err(RunError::Ambiguous { digits, splits }),
    }
}

/// Whether a token can be its cell as written; `text` is its [`Token::value_text`].
fn direct_ok(t: &Token, text: Option<&str>, kind: ValueKind) -> bool {
    match &t.kind {
        TokKind::Blank => true,
        TokKind::Value(_) => text.is_some_and(|s| parse_loose(s, kind).is_some()),
        _ => false,
    }
}

/// A separated value: any number form the kind allows, leading zeros included (`05` is read as
/// written; whether it is well formed is for the rules to say).
fn parse_loose(s: &str, kind: ValueKind) -> Option<()> {
    let body = match kind {
        ValueKind::Money => s.trim_end_matches("万元").trim_end_matches('元'),
        _ => s,
    };
    let body = body.strip_prefix(['-', '+']).unwrap_or(body);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    (!int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
        && (!body.contains('.') || !frac.is_empty()))
    .then_some(())
}

/// A piece cut from a run: the canonical form only (no leading zeros, sign only where signed),
/// so that the cut is forced by the text. Returns the value for arithmetic.
fn parse_strict(s: &str, kind: ValueKind) -> Option<i64> {
    let (neg, body) = match (kind, s.strip_prefix('-')) {
        (ValueKind::Signed, Some(rest)) => (true, rest),
        _ => (false, s),
    };
    let body = match kind {
        ValueKind::Money => body.trim_end_matches("万元").trim_end_matches('元'),
        _ => body,
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let decimal_ok = matches!(kind, ValueKind::Decimal | ValueKind::Money);
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || (int.len() > 1 && int.starts_with('0'))
        || int.len() > 9
        || (body.contains('.') && (!decimal_ok || frac.is_empty()))
        || !frac.chars().all(|c| c.is_ascii_digit())
        || (neg && int == "0")
    {
        return None;
    }
    let v: i64 = int.parse().ok()?;
    Some(if neg { -v } else { v })
}

enum Splits {
    None,
    /// Cut positions (including 0 and the end), and how the choice was made.
    Unique(Vec<usize>, Provenance),
    Many(usize),
}

/// Bound on the search so that a pathological run cannot stall the reader.
const SEARCH_BUDGET: usize = 200_000;

fn enumerate_splits(chars: &[ValueChar], kinds: &[ValueKind], relations: &[SumRelation]) -> Splits {
    let text: String = chars.iter().map(|c| c.ch).collect();
    let state = search(&text, kinds, relations, SEARCH_BUDGET);
    if state.budget == 0 {
        return Splits::Many(state.all.max(2));
    }
    if state.all == 1 {
        return Splits::Unique(state.all_first.unwrap_or_default(), Provenance::SplitUnique);
    }
    match state.fitting {
        0 => Splits::None,
        1 => Splits::Unique(
            state.fitting_first.unwrap_or_default(),
            Provenance::SplitByArithmetic,
        ),
        n => Splits::Many(n),
    }
}

/// What the search found: the number of splits, of those that satisfy the relations, the
/// first of each, and the budget left.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    all: usize,
    all_first: Option<Vec<usize>>,
    fitting: usize,
    fitting_first: Option<Vec<usize>>,
    budget: usize,
}

/// Enumerates the splits of `text` into `kinds.len()` pieces, depth first, taking one step of
/// `budget` per node visited.
fn search(text: &str, kinds: &[ValueKind], relations: &[SumRelation], budget: usize) -> Found {
    // Byte offset in `text` of each character, and of the end.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut state = Search {
        text,
        offsets: &offsets,
        kinds,
        relations,
        cuts: vec![0],
        values: Vec::new(),
        all: 0,
        all_first: None,
        fitting: 0,
        fitting_first: None,
        budget,
        pieces: Vec::new(),
        memo: vec![None; KIND_SLOTS * offsets.len()],
    };
    state.go(0);
    Found {
        all: state.all,
        all_first: state.all_first,
        fitting: state.fitting,
        fitting_first: state.fitting_first,
        budget: state.budget,
    }
}

struct Search<'a> {
    text: &'a str,
    offsets: &'a [usize],
    kinds: &'a [ValueKind],
    relations: &'a [SumRelation],
    cuts: Vec<usize>,
    values: Vec<i64>,
    all: usize,
    all_first: Option<Vec<usize>>,
    fitting: usize,
    fitting_first: Option<Vec<usize>>,
    budget: usize,
    /// Valid pieces as (end, value), ascending by end; `memo[slot(kind) * (len + 1) + at]` is the
    /// range of `pieces` starting at character `at`. The search reaches the same start many
    /// times; the pieces are parsed on the first visit only.
    pieces: Vec<(usize, i64)>,
    memo: Vec<Option<Range<usize>>>,
}

/// How many [`ValueKind`]s there are, for [`Search::memo`].
const KIND_SLOTS: usize = 4;

fn kind_slot(kind: ValueKind) -> usize {
    match kind {
        ValueKind::Count => 0,
        ValueKind::Signed => 1,
        ValueKind::Decimal => 2,
        ValueKind::Money => 3,
    }
}

impl Search<'_> {
    fn go(&mut self, at: usize) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let k = self.values.len();
        let len = self.offsets.len() - 1;
        if k == self.kinds.len() {
            if at == len {
                self.complete();
            }
            return;
        }
        let remaining_cells = self.kinds.len() - k - 1;
        let last_end = len - remaining_cells.min(len);
        let pieces = self.pieces_at(at, self.kinds[k]);
        if remaining_cells == 0 {
            // The last cell: what `self.go(end)` would do for each piece, without the calls.
            // Each call takes one step of the budget (none is left when there are more pieces
            // than steps), and a split is complete only when the piece reaches the end of the
            // run: the last piece, if any, since they are in ascending order of their ends.
            let steps = pieces.len();
            if self.budget < steps {
                self.budget = 0;
                return;
            }
            self.budget -= steps;
            if let Some(&(end, v)) = self.pieces[pieces].last() {
                if end == len {
                    self.values.push(v);
                    self.cuts.push(end);
                    self.complete();
                    self.cuts.pop();
                    self.values.pop();
                }
            }
            return;
        }
        for j in pieces {
            let (end, v) = self.pieces[j];
            if end > last_end {
                break;
            }
            self.values.push(v);
            self.cuts.push(end);
            self.go(end);
            self.cuts.pop();
            self.values.pop();
        }
    }

    /// The indices in [`Search::pieces`] of the valid pieces of `kind` starting at `at`.
    fn pieces_at(&mut self, at: usize, kind: ValueKind) -> Range<usize> {
        let len = self.offsets.len() - 1;
        let slot = kind_slot(kind) * (len + 1) + at;
        if let Some(r) = &self.memo[slot] {
            return r.clone();
        }
        let from = self.pieces.len();
        for end in at + 1..=len {
            // Characters `at..end`, a slice of the run's text.
            let piece = &self.text[self.offsets[at]..self.offsets[end]];
            let Some(v) = parse_strict(piece, kind) else {
                // Longer pieces of a leading-zero or over-long prefix stay invalid.
                if piece == "0" || piece.starts_with('0') || end - at > 12 {
                    break;
                }
                continue;
            };
            self.pieces.push((end, v));
        }
        let r = from..self.pieces.len();
        self.memo[slot] = Some(r.clone());
        r
    }

    /// Counts the split in `cuts` and `values`, which covers the whole run.
    fn complete(&mut self) {
        self.all += 1;
        if self.all == 1 {
            self.all_first = Some(self.cuts.clone());
        }
        if self.relations_hold() {
            self.fitting += 1;
            if self.fitting == 1 {
                self.fitting_first = Some(self.cuts.clone());
            }
        }
    }

    fn relations_hold(&self) -> bool {
        self.relations.iter().all(|r| {
            let sum: i64 = r.parts.iter().map(|&i| self.values[i]).sum();
            sum == self.values[r.total]
        })
    }
}

/// Cells 1..=6 of a table-三 row add up to cell 7.
pub fn t3_row_relation() -> Vec<SumRelation> {
    vec![SumRelation {
        total: 6,
        parts: (0..6).collect(),
    }]
}

/// In each table-四 group of five, the four outcomes add up to the 总计.
pub fn t4_relations(groups: usize) -> Vec<SumRelation> {
    (0..groups)
        .map(|g| SumRelation {
            total: g * 5 + 4,
            parts: (g * 5..g * 5 + 4).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::text_pieces;
    use crate::read::token::tokenize;

    /// The search as first written: every piece parsed anew at every node, every cell by a
    /// call. The memo and the last-cell shortcut of [`Search`] must find the same splits and
    /// spend the budget the same way.
    fn plain_search(
        text: &[char],
        kinds: &[ValueKind],
        relations: &[SumRelation],
        budget: usize,
    ) -> Found {
        struct Plain<'a> {
            text: &'a [char],
            kinds: &'a [ValueKind],
            relations: &'a [SumRelation],
            cuts: Vec<usize>,
            values: Vec<i64>,
            found: Found,
        }
        impl Plain<'_> {
            fn go(&mut self, at: usize) {
                if self.found.budget == 0 {
                    return;
                }
                self.found.budget -= 1;
                let k = self.values.len();
                if k == self.kinds.len() {
                    if at == self.text.len() {
                        let f = &mut self.found;
                        f.all += 1;
                        if f.all == 1 {
                            f.all_first = Some(self.cuts.clone());
                        }
                        let holds = self.relations.iter().all(|r| {
                            r.parts.iter().map(|&i| self.values[i]).sum::<i64>()
                                == self.values[r.total]
                        });
                        if holds {
                            f.fitting += 1;
                            if f.fitting == 1 {
                                f.fitting_first = Some(self.cuts.clone());
                            }
                        }
                    }
                    return;
                }
                let remaining = self.kinds.len() - k - 1;
                let mut piece = String::new();
                for end in at + 1..=self.text.len() - remaining.min(self.text.len()) {
                    piece.push(self.text[end - 1]);
                    let Some(v) = parse_strict(&piece, self.kinds[k]) else {
                        if piece == "0" || piece.starts_with('0') || end - at > 12 {
                            break;
                        }
                        continue;
                    };
                    self.values.push(v);
                    self.cuts.push(end);
                    self.go(end);
                    self.cuts.pop();
                    self.values.pop();
                }
            }
        }
        let mut p = Plain {
            text,
            kinds,
            relations,
            cuts: vec![0],
            values: Vec::new(),
            found: Found {
                all: 0,
                all_first: None,
                fitting: 0,
                fitting_first: None,
                budget,
            },
        };
        p.go(0);
        p.found
    }

    #[test]
    fn the_search_matches_the_plain_enumeration() {
        use ValueKind::*;
        // A fixed pseudo-random sequence (no dependency): digit runs, some with zeros, a
        // point, a sign or a unit, checked with budgets that run out and budgets that do not.
        let mut seed = 0x2545_f491_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let shapes: [(&[ValueKind], Vec<SumRelation>); 4] = [
            (&[Count; 7], t3_row_relation()),
            (&[Count; 5], t4_relations(1)),
            (&[Count, Signed, Count], Vec::new()),
            (&[Decimal, Money], Vec::new()),
        ];
        let (mut exhausted, mut several, mut fitting) = (0, 0, 0);
        for _ in 0..400 {
            let (kinds, relations) = &shapes[next(4) as usize];
            let len = kinds.len() + next(12) as usize;
            let text: Vec<char> = (0..len)
                .map(|_| match next(20) {
                    0 => '.',
                    1 => '-',
                    2 => '元',
                    3..=7 => '0',
                    d => char::from_digit(d as u32 % 10, 10).unwrap_or('1'),
                })
                .collect();
            let s: String = text.iter().collect();
            for budget in [1, 7, 60, 2_000, SEARCH_BUDGET] {
                let found = search(&s, kinds, relations, budget);
                assert_eq!(
                    found,
                    plain_search(&text, kinds, relations, budget),
                    "{s} {kinds:?} budget {budget}"
                );
                exhausted += usize::from(found.budget == 0);
                several += usize::from(found.all > 1 && found.budget > 0);
                fitting += usize::from(found.fitting > 0);
            }
        }
        // The cases cover budgets that run out, several splits, and splits that fit.
        assert!(
            exhausted > 50 && several > 50 && fitting > 50,
            "{exhausted} {several} {fitting}"
        );
    }

    fn run_of(src: &str) -> Vec<Token> {
        tokenize(&text_pieces(src, 0))
            .into_iter()
            .filter(|t| t.is_value())
            .collect()
    }

    fn read(src: &str, kinds: &[ValueKind], rel: &[SumRelation]) -> Result<Vec<String>, RunError> {
        let toks = run_of(src);
        let refs: Vec<&Token> = toks.iter().collect();
        read_run(&refs, kinds, rel).map(|v| {
            v.into_iter()
                .map(|r| r.text.unwrap_or_else(|| "_".into()))
                .collect()
        })
    }

    const C7: [ValueKind; 7] = [ValueKind::Count; 7];

    #[test]
    fn separated_values_are_exact() {
        assert_eq!(
            read("4\n0\n0\n0\n0\n0\n4", &C7, &t3_row_relation()).unwrap(),
            ["4", "0", "0", "0", "0", "0", "4"]
        );
    }

    #[test]
    fn digit_run_split_by_row_total() {
        assert_eq!(
            read("21710000218", &C7, &t3_row_relation()).unwrap(),
            ["217", "1", "0", "0", "0", "0", "218"]
        );
        let toks = run_of("21710000218");
        let refs: Vec<&Token> = toks.iter().collect();
        let cells = read_run(&refs, &C7, &t3_row_relation()).unwrap();
        assert_eq!(cells[0].provenance, Provenance::SplitByArithmetic);
        assert_eq!(cells[6].span, 8..11);
    }

    #[test]
    fn as_many_digits_as_cells_is_unique_by_length() {
        let toks = run_of("1000002");
        let refs: Vec<&Token> = toks.iter().collect();
        // The row is wrong (1 ≠ 2) but its split is certain, so the error stays visible.
        let cells = read_run(&refs, &C7, &t3_row_relation()).unwrap();
        assert_eq!(cells[6].text.as_deref(), Some("2"));
        assert_eq!(cells[0].provenance, Provenance::SplitUnique);
    }

    #[test]
    fn irregular_spaces_are_not_boundaries() {
        assert_eq!(
            read("20 0 00 0 121", &C7, &t3_row_relation()).unwrap(),
            ["20", "0", "0", "0", "0", "1", "21"]
        );
    }

    #[test]
    fn several_splits_are_unreadable() {
        // Table 二 has no arithmetic: three counts in seven digits.
        let r = read("6233440", &[ValueKind::Count; 3], &[]);
        assert!(matches!(r, Err(RunError::Ambiguous { .. })), "{r:?}");
        // Two splits satisfy the total: 1+10=11 and 11+0=11.
        let r = read("110000011", &C7, &t3_row_relation());
        assert!(matches!(r, Err(RunError::Ambiguous { .. })), "{r:?}");
    }

    #[test]
    fn seventeen_digits_for_table_four_fit_one_way_only() {
        // real/005: the spec calls this run ambiguous by its length, but of the splits into
        // 15 well-formed counts exactly one satisfies the three group totals.
        assert_eq!(
            read(
                "10203120001200000",
                &[ValueKind::Count; 15],
                &t4_relations(3)
            )
            .unwrap(),
            ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]
        );
    }

    #[test]
    fn table_four_run_split_by_group_totals() {
        assert_eq!(
            read(
                "21317000001324019",
                &[ValueKind::Count; 15],
                &t4_relations(3)
            )
            .unwrap(),
            ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"]
        );
    }

    #[test]
    fn no_split_fits() {
        let r = read("12345678", &C7, &t3_row_relation());
        assert!(matches!(r, Err(RunError::NoSplit { .. })), "{r:?}");
    }

    #[test]
    fn dropped_cells_are_too_few() {
        assert_eq!(
            read("26\n26", &C7, &t3_row_relation()),
            Err(RunError::TooFew { got: 2, want: 7 })
        );
        assert_eq!(
            read("| 1 | 2 |  | 4 |", &C7, &t3_row_relation()),
            Err(RunError::TooFew { got: 4, want: 7 })
        );
    }

    #[test]
    fn separate_cells_are_never_glued() {
        // real/010: "| 规章 | 22 | 235 |" lost a cell; 22 and 235 are separate cells.
        assert_eq!(
            read("| 22 | 235 |", &[ValueKind::Count; 3], &[]),
            Err(RunError::TooFew { got: 2, want: 3 })
        );
        assert_eq!(
            read("2\n2\n35", &[ValueKind::Count; 2], &[]),
            Err(RunError::TooMany { got: 3, want: 2 })
        );
    }

    #[test]
    fn signed_change_gives_a_boundary() {
        assert_eq!(
            read("35-15", &[ValueKind::Count, ValueKind::Signed], &[]).unwrap(),
            ["35", "-15"]
        );
        let r = read(
            "2648-18538",
            &[ValueKind::Count, ValueKind::Signed, ValueKind::Count],
            &[],
        );
        assert!(matches!(r, Err(RunError::Ambiguous { .. })), "{r:?}");
    }

    #[test]
    fn blanks_keep_their_place() {
        assert_eq!(
            read("| 821 | 35 |  |  | 2 | 1 | 859 |", &C7, &t3_row_relation()).unwrap(),
            ["821", "35", "_", "_", "2", "1", "859"]
        );
    }
}
