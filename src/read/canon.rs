//! Canonical characters: the form in which labels are compared.
//!
//! Real reports write the same label in many ways: full-width or ASCII punctuation, curly or
//! straight quotes, `1、` or `1.`, spaces and line breaks inside words (`自 然 人`). Labels are
//! compared after NFKC, with white space and quotes ignored and the enumeration and list
//! separators `、 , . ，．` folded into one character.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::read::text::{Fragment, FragmentText, SrcChar};

/// The one character that `、`, `,`, `.` (and their full-width forms) become in a label key.
pub const SEP: char = ',';

/// One canonical character with the original (NFKC) character and its source range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CChar {
    /// The character after NFKC, used to read numbers (`.` stays `.`); labels are matched
    /// against its [`CChar::key`].
    pub orig: char,
    /// Source range, in `u32` as token spans are: a line of millions of characters keeps one
    /// of these per character, so they are kept small.
    pub start: u32,
    pub end: u32,
}

impl CChar {
    /// What labels are matched against; `None` for characters labels ignore (white space,
    /// quotes, pipes and Markdown markers). Computed, not stored: a line of millions of
    /// characters keeps a `CChar` for each, 12 bytes rather than 16.
    #[inline]
    pub fn key(&self) -> Option<char> {
        key_of(self.orig)
    }

    pub fn is_space(&self) -> bool {
        self.orig.is_whitespace()
    }
}

/// The key a label character is compared by, or `None` when labels ignore it.
#[inline]
pub fn key_of(ch: char) -> Option<char> {
    match ch {
        c if c.is_whitespace() => None,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '「' | '」' | '|' | '｜' | '・' | '·' | '#'
        | '*' | '`' => None,
        '、' | ',' | '.' | '，' | '．' | '､' => Some(SEP),
        '〈' | '<' => Some('<'),
        '〉' | '>' => Some('>'),
        c => Some(c),
    }
}

/// Canonicalises decoded characters. NFKC can expand one character into several (`㈠` →
/// `(一)`); each result keeps the source range of the character it came from.
pub fn canonicalize(chars: &[SrcChar]) -> Vec<CChar> {
    let mut out = Vec::with_capacity(chars.len());
    for &c in chars {
        push_canonical(c, &mut out);
    }
    out
}

/// [`canonicalize`] of a fragment into a buffer (cleared first), so that a caller going through
/// many fragments allocates once.
pub fn canonicalize_into(fragment: &Fragment, out: &mut Vec<CChar>) {
    out.clear();
    // Most characters are their own NFKC form: one each, reserved at once. The buffer grows
    // by doubling (reserving each longer fragment's exact size moved it again and again), but
    // never by more than 64 Ki characters beyond the need: a one-line source of millions of
    // characters holds little more than itself.
    let need = fragment.char_count();
    if need > out.capacity() {
        let grown = need
            .max(out.capacity().saturating_mul(2))
            .min(need.saturating_add(1 << 16));
        out.reserve_exact(grown);
    }
    match &fragment.text {
        FragmentText::Decoded(chars) => {
            for &c in chars {
                push_canonical(c, out);
            }
        }
        // As `Fragment::chars` gives them, without its chained iterators in this loop over
        // every character of a report.
        FragmentText::Source { text, base } => {
            for (i, ch) in text.char_indices() {
                push_canonical(SrcChar::new(ch, base + i, base + i + ch.len_utf8()), out);
            }
        }
    }
}

fn push_canonical(c: SrcChar, out: &mut Vec<CChar>) {
    nfkc_of(c.ch, |n| {
        out.push(CChar {
            orig: n,
            start: c.start,
            end: c.end,
        })
    });
}

/// Calls `f` with each character of the NFKC form of `ch` alone. Most characters of a report
/// are their own NFKC form (ASCII, the CJK ideographs, `。、`): the quick check says so from a
/// table, without the normaliser's iterator and its buffers, which cost most of the time of
/// reading a report.
#[inline]
pub fn nfkc_of(ch: char, mut f: impl FnMut(char)) {
    // Inlined for the common case: this runs for every character of a report, and more than
    // once (the reader, the label checks).
    if is_stable(ch) {
        f(ch);
    } else {
        nfkc_of_other(ch, &mut f);
    }
}

fn nfkc_of_other(ch: char, f: &mut dyn FnMut(char)) {
    // Full-width ASCII (（，：１) is its ASCII form: tables and punctuation are full of it.
    if ('\u{FF01}'..='\u{FF5E}').contains(&ch) {
        f(char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch));
        return;
    }
    if is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Yes {
        f(ch);
        return;
    }
    let mut buf = [0u8; 4];
    let s: &str = ch.encode_utf8(&mut buf);
    for n in s.nfkc() {
        f(n);
    }
}

/// The label key of a string: its canonical characters with ignored ones dropped.
pub fn key_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Labels and most texts are already in NFKC: the quick check spares the normaliser.
    if quick_yes(s) {
        out.extend(s.chars().filter_map(key_of));
    } else {
        out.extend(s.nfkc().filter_map(key_of));
    }
    out
}

/// `is_nfkc_quick(s.chars()) == IsNormalized::Yes`, with ASCII and the CJK ideographs (both
/// starters, both NFKC) taken without the table look-ups that make up most of its cost.
fn quick_yes(s: &str) -> bool {
    let mut last_cc = 0u8;
    for ch in s.chars() {
        if is_stable(ch) {
            last_cc = 0;
            continue;
        }
        let cc = canonical_combining_class(ch);
        if last_cc > cc && cc != 0 {
            return false;
        }
        if is_nfkc_quick(std::iter::once(ch)) != IsNormalized::Yes {
            return false;
        }
        last_cc = cc;
    }
    true
}

/// Starters that are their own NFKC form, known without a table: ASCII, the CJK Unified
/// Ideographs (the compatibility ideographs are elsewhere) and the commonest Chinese
/// punctuation. The tests check every one with the normaliser.
fn is_stable(ch: char) -> bool {
    ch.is_ascii()
        || ('\u{4E00}'..='\u{9FFF}').contains(&ch)
        || matches!(
            ch,
            '、' | '。' | '“' | '”' | '《' | '》' | '〔' | '〕' | '【' | '】'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_punctuation_and_space() {
        assert_eq!(
            key_string("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            key_string("(二)部分公开(区分处理的,只计这一情形,不计其他情形)")
        );
        assert_eq!(key_string("自 然 人"), "自然人");
        assert_eq!(key_string("1、其他"), key_string("1. 其他"));
        assert_eq!(
            key_string("3.危及“三安全一稳定”"),
            key_string("3.危及\"三安全一稳定\"")
        );
    }

    #[test]
    fn the_quick_path_is_the_nfkc_of_every_character() {
        let mut buf = [0u8; 4];
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut got = String::new();
            nfkc_of(ch, |n| got.push(n));
            let want: String = ch.encode_utf8(&mut buf).nfkc().collect();
            assert_eq!(got, want, "U+{:04X}", ch as u32);
        }
    }

    #[test]
    fn the_quick_check_agrees_with_the_library() {
        for ch in (char::MIN..='\u{FFFF}').filter(|&c| is_stable(c)) {
            assert_eq!(canonical_combining_class(ch), 0, "U+{:04X}", ch as u32);
            assert_eq!(is_nfkc_quick(std::iter::once(ch)), IsNormalized::Yes);
        }
        // Starters, marks in and out of order, compatibility forms, a Maybe (U+0301 after a
        // starter), Hangul jamo, around ASCII and ideographs.
        let parts = [
            "a",
            "e\u{301}",
            "\u{301}",
            "\u{323}\u{301}",
            "\u{301}\u{323}",
            "（",
            "、",
            "㈠",
            "中",
            "\u{1100}\u{1161}",
            "\u{3099}",
            "か",
            "Å",
            "ﬁ",
            "\u{F900}",
            "²",
            " ",
            "\u{3000}",
        ];
        let mut n = 0u64;
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    let want = is_nfkc_quick(s.chars()) == IsNormalized::Yes;
                    assert_eq!(quick_yes(&s), want, "{s:?}");
                    let keys: String = s.nfkc().filter_map(key_of).collect();
                    assert_eq!(key_string(&s), keys, "{s:?}");
                    n += u64::from(want);
                }
            }
        }
        assert!(n > 100);
        for text in crate::read::meta::tests::sample_texts() {
            for line in text.lines() {
                let keys: String = line.nfkc().filter_map(key_of).collect();
                assert_eq!(key_string(line), keys);
                assert_eq!(
                    quick_yes(line),
                    is_nfkc_quick(line.chars()) == IsNormalized::Yes
                );
            }
        }
    }

    #[test]
    fn canonical_chars_keep_source_ranges() {
        let src = "（一）";
        let chars: Vec<SrcChar> = src
            .char_indices()
            .map(|(i, ch)| SrcChar::new(ch, i, i + ch.len_utf8()))
            .collect();
        let c = canonicalize(&chars);
        assert_eq!(c[0].orig, '(');
        assert_eq!((c[0].start, c[0].end), (0, 3));
    }
}
