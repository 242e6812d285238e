//! Rules of the format family (F): whether the report uses the table format of its year
//! (spec §4.4, §7.2). One file per rule; one line per rule below.

use std::ops::Range;

use super::prelude::*;
use super::Rule;
use crate::read::model::Table;

mod f01_outdated_2019_format;
mod f02_legacy_format;
mod f03_anachronistic_format;
pub(crate) mod f04_basis_cites_current_format;

pub const RULES: &[Rule] = &[
    f01_outdated_2019_format::RULE,
    f02_legacy_format::RULE,
    f03_anachronistic_format::RULE,
    f04_basis_cites_current_format::RULE,
];

/// The first report year of the 2021 format (国办公开办函〔2021〕30号; spec §1, §4.4).
const FIRST_2021_YEAR: i32 = 2021;

/// The report year, when known.
fn report_year(ctx: &Context) -> Option<i32> {
    ctx.report.meta.year.as_ref().map(|y| y.value)
}

/// Tables 二 and 三 that follow `version`, with their names. Table 四 is the same in both
/// formats, so it tells nothing.
fn tables_of<'a>(
    ctx: &Context<'a>,
    version: TableVersion,
) -> Vec<(&'static str, &'static str, &'a Table)> {
    let t = &ctx.report.tables;
    [("表二", "table 二", &t.t2), ("表三", "table 三", &t.t3)]
        .into_iter()
        .filter_map(|(zh, en, table)| Some((zh, en, table.as_ref()?)))
        .filter(|(_, _, table)| table.version == version)
        .collect()
}

/// White space from `at`: its end.
fn skip_ws(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start().len()
}

/// `literal` at `at` with white space allowed between its characters, as the pattern
/// `a\s*b\s*c` reads it: the end. The literals here have no white space of their own, so
/// each run of white space is skipped whole.
fn spaced_at(text: &str, at: usize, literal: &str) -> Option<usize> {
    let mut i = at;
    for (n, c) in literal.chars().enumerate() {
        if n > 0 {
            i = skip_ws(text, i);
        }
        if !text[i..].starts_with(c) {
            return None;
        }
        i += c.len_utf8();
    }
    Some(i)
}

/// The first match of `literal` (white space tolerated, see [`spaced_at`]) at or after
/// `from`, as a range.
fn find_spaced(text: &str, from: usize, literal: &str) -> Option<Range<usize>> {
    let Some(first) = literal.chars().next() else {
        return Some(from..from);
    };
    let mut at = from;
    loop {
        let start = at + text.get(at..)?.find(first)?;
        if let Some(end) = spaced_at(text, start, literal) {
            return Some(start..end);
        }
        at = start + first.len_utf8();
    }
}

/// The characters of `\d` (Unicode decimal digits) as the regex crate has them; a test checks
/// every code point against the regex.
const DECIMAL_DIGITS: &[(char, char)] = &[
    ('\u{30}', '\u{39}'),
    ('\u{660}', '\u{669}'),
    ('\u{6F0}', '\u{6F9}'),
    ('\u{7C0}', '\u{7C9}'),
    ('\u{966}', '\u{96F}'),
    ('\u{9E6}', '\u{9EF}'),
    ('\u{A66}', '\u{A6F}'),
    ('\u{AE6}', '\u{AEF}'),
    ('\u{B66}', '\u{B6F}'),
    ('\u{BE6}', '\u{BEF}'),
    ('\u{C66}', '\u{C6F}'),
    ('\u{CE6}', '\u{CEF}'),
    ('\u{D66}', '\u{D6F}'),
    ('\u{DE6}', '\u{DEF}'),
    ('\u{E50}', '\u{E59}'),
    ('\u{ED0}', '\u{ED9}'),
    ('\u{F20}', '\u{F29}'),
    ('\u{1040}', '\u{1049}'),
    ('\u{1090}', '\u{1099}'),
    ('\u{17E0}', '\u{17E9}'),
    ('\u{1810}', '\u{1819}'),
    ('\u{1946}', '\u{194F}'),
    ('\u{19D0}', '\u{19D9}'),
    ('\u{1A80}', '\u{1A89}'),
    ('\u{1A90}', '\u{1A99}'),
    ('\u{1B50}', '\u{1B59}'),
    ('\u{1BB0}', '\u{1BB9}'),
    ('\u{1C40}', '\u{1C49}'),
    ('\u{1C50}', '\u{1C59}'),
    ('\u{A620}', '\u{A629}'),
    ('\u{A8D0}', '\u{A8D9}'),
    ('\u{A900}', '\u{A909}'),
    ('\u{A9D0}', '\u{A9D9}'),
    ('\u{A9F0}', '\u{A9F9}'),
    ('\u{AA50}', '\u{AA59}'),
    ('\u{ABF0}', '\u{ABF9}'),
    ('\u{FF10}', '\u{FF19}'),
    ('\u{104A0}', '\u{104A9}'),
    ('\u{10D30}', '\u{10D39}'),
    ('\u{10D40}', '\u{10D49}'),
    ('\u{11066}', '\u{1106F}'),
    ('\u{110F0}', '\u{110F9}'),
    ('\u{11136}', '\u{1113F}'),
    ('\u{111D0}', '\u{111D9}'),
    ('\u{112F0}', '\u{112F9}'),
    ('\u{11450}', '\u{11459}'),
    ('\u{114D0}', '\u{114D9}'),
    ('\u{11650}', '\u{11659}'),
    ('\u{116C0}', '\u{116C9}'),
    ('\u{116D0}', '\u{116E3}'),
    ('\u{11730}', '\u{11739}'),
    ('\u{118E0}', '\u{118E9}'),
    ('\u{11950}', '\u{11959}'),
    ('\u{11BF0}', '\u{11BF9}'),
    ('\u{11C50}', '\u{11C59}'),
    ('\u{11D50}', '\u{11D59}'),
    ('\u{11DA0}', '\u{11DA9}'),
    ('\u{11F50}', '\u{11F59}'),
    ('\u{16130}', '\u{16139}'),
    ('\u{16A60}', '\u{16A69}'),
    ('\u{16AC0}', '\u{16AC9}'),
    ('\u{16B50}', '\u{16B59}'),
    ('\u{16D70}', '\u{16D79}'),
    ('\u{1CCF0}', '\u{1CCF9}'),
    ('\u{1D7CE}', '\u{1D7FF}'),
    ('\u{1E140}', '\u{1E149}'),
    ('\u{1E2F0}', '\u{1E2F9}'),
    ('\u{1E4F0}', '\u{1E4F9}'),
    ('\u{1E5F1}', '\u{1E5FA}'),
    ('\u{1E950}', '\u{1E959}'),
    ('\u{1FBF0}', '\u{1FBF9}'),
];

/// Whether `c` is in `\d`.
fn is_decimal_digit(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii()
            && DECIMAL_DIGITS
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// The first match in `text` of any of `labels` (white space tolerated): its range and label.
fn find_label(text: &str, labels: &[&'static str]) -> Option<(Range<usize>, &'static str)> {
    labels
        .iter()
        .filter_map(|&l| Some((find_spaced(text, 0, l)?, l)))
        .min_by_key(|(r, _)| r.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_table_is_the_regex_class() {
        let re = regex::Regex::new(r"^\d$").unwrap();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_decimal_digit(c),
                re.is_match(c.encode_utf8(&mut [0; 4])),
                "{c:?}"
            );
        }
    }

    #[test]
    fn labels_agree_with_the_spaced_regexes() {
        let mut texts = crate::read::meta::tests::sample_texts();
        texts.push("本年 新\n制作数量 本年增 / 减 本年增/减少 免予 公开 非本部门掌".to_string());
        let labels = [
            "本年新制作数量",
            "本年增/减",
            "免予公开",
            "非本部门掌握",
            "依申请公开政府信息情况",
            "信息",
        ];
        let mut found = 0;
        for text in &texts {
            for l in labels {
                let pattern = l
                    .chars()
                    .map(|c| regex::escape(&c.to_string()))
                    .collect::<Vec<_>>()
                    .join(r"\s*");
                let expected = regex::Regex::new(&pattern)
                    .unwrap()
                    .find(text)
                    .map(|m| m.range());
                found += usize::from(expected.is_some());
                assert_eq!(find_spaced(text, 0, l), expected, "{l} {text}");
            }
        }
        assert!(found > 10);
    }
}
