//! W01 duplicated-token: 同一个词连续写了两遍（如“2024年度年度”“资金资金”）。
//!
//! 检查：两个及以上汉字组成的词紧接着重复（“年度年度”），或年份重复（“2024年2024年”）。不算：单字叠
//! 用（常常、人人、看看）及其重复，“一X一X”式（一个一个、一步一步），两份之间隔有空格或换行的，统计
//! 表内的文字（表中标签按设计会重复），以及网页的导航路径（“当前位置：首页政务公开政府信息公开政府
//! 信息公开年报”）。
//!
//! 原因：重复的词是编辑疏漏（粘贴或删了一半），出现在公开发布的报告中显得不严谨；评估中计入“文字不
//! 严谨”。
//!
//! 依据：公文文字规范；评估中“文字不严谨”一项。
//!
//! 示例：`2024年度年度,兴和县……` → “词语重复：2024年度年度 → 2024年度”（提示中显示重复处之前最多四
//! 个字）。
//!
//! 修改：删除重复的部分（安全修复）。
//!
//! ## English
//!
//! W01 duplicated-token: A word written twice in a row ("2024年度年度", "资金资金").
//!
//! What: a run of two or more Han characters repeated immediately ("年度年度"), or a year repeated
//! ("2024年2024年"). Not counted: single-character doubling (常常, 人人, 看看) and its repeats, the
//! adverbial 一X一X (一个一个, 一步一步), anything with a space or line break between the copies,
//! text inside the statistical tables (labels there repeat by design), and a scraped page's
//! breadcrumb (当前位置：首页政务公开政府信息公开政府信息公开年报).
//!
//! Why: a doubled word is a slip of editing (a paste, a half-deleted phrase) and reads as careless
//! in a published report; evaluators count it under 文字不严谨.
//!
//! Basis: careful official writing; the evaluators' item 文字不严谨.
//!
//! Example: `2024年度年度,兴和县…` → "词语重复：2024年度年度 → 2024年度" (the message shows up to
//! four characters before the repeat).
//!
//! Fix (safe): delete the repeated copies.

use std::ops::Range;

use super::super::prelude::*;
use super::is_han;
use crate::rules::blocks::BlockAnalysis;
use crate::rules::citation::rewrite;

pub const RULE: Rule = Rule {
    code: "W01",
    name: "duplicated-token",
    severity: Severity::Warning,
    source: include_str!("w01_duplicated_token.rs"),
    check,
};

/// The longest repeated unit looked for, in characters.
const MAX_UNIT: usize = 8;

/// A scraped page's breadcrumb ("当前位置： 首页政务公开政府信息公开政府信息公开年报"): its
/// links lost their separators, so neighbouring items look repeated. The breadcrumbs in
/// `text`, as `(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]?\s*\S*` finds them.
fn chrome(text: &str) -> Vec<Range<usize>> {
    const KEYS: [&str; 4] = ["当前位置", "您的位置", "您现在的位置", "所在位置"];
    let skip_ws = |at: usize| at + text[at..].len() - text[at..].trim_start().len();
    let mut out = Vec::new();
    // Every key has 位: most texts (this runs per paragraph) end at one quick search.
    if !text.contains('位') {
        return out;
    }
    let mut from = 0;
    // The next occurrence of each key at or after `from`, found again only once passed.
    let mut next: [Option<usize>; 4] = KEYS.map(|k| text.find(k));
    loop {
        for (n, k) in next.iter_mut().zip(KEYS) {
            if n.is_some_and(|at| at < from) {
                *n = text.get(from..).and_then(|t| t.find(k)).map(|i| from + i);
            }
        }
        let Some((at, len)) = next
            .iter()
            .zip(KEYS)
            .filter_map(|(n, k)| Some(((*n)?, k.len())))
            .min()
        else {
            break;
        };
        let mut end = skip_ws(at + len);
        if let Some(c) = text[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '：'))
        {
            end = skip_ws(end + c.len_utf8());
        }
        end = text[end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| end + i);
        out.push(at..end);
        from = end;
    }
    out
}

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    let t = &ctx.report.tables;
    let tables: Vec<Range<usize>> = [&t.t2, &t.t3, &t.t4]
        .into_iter()
        .flatten()
        .map(|t| t.span.clone())
        .collect();
    for (unit, run) in ctx.repeats().iter().cloned() {
        let src = ctx.source_range(run.clone());
        if tables
            .iter()
            .any(|t| t.start < src.end && src.start < t.end)
        {
            continue;
        }
        // A few characters before the run make the message readable ("2024年度年度").
        let lead = text[..run.start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .take(4)
            .last()
            .map_or(run.start, |(i, _)| i);
        let rw = rewrite(ctx, lead..run.end, &[(unit.end..run.end, String::new())]);
        let (before, after) = (rw.before.clone(), rw.after.clone());
        let d = sink.push(
            src,
            format!("词语重复：{before} → {after}"),
            format!("repeated word: {before} → {after}"),
        );
        d.fix = rw.fix(
            Applicability::Safe,
            format!("删除重复的“{}”", &text[unit.clone()]),
            format!("Delete the repeated \"{}\"", &text[unit]),
        );
    }
}

/// The repetitions of `text` outside a breadcrumb, as (the first copy, the whole run of
/// copies), in text order: the candidates that [`check`] reports outside the tables.
pub(crate) fn candidates(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let chrome = chrome(text);
    let mut out = repeats(text);
    out.retain(|(_, run)| {
        !chrome
            .iter()
            .any(|c| c.start < run.end && run.start < c.end)
    });
    out
}

/// Each repetition as (the first copy, the whole run of copies), in text order.
fn repeats(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = han_repeats(text);
    out.extend(year_repeats(text));
    out.sort_by_key(|(u, _)| u.start);
    // A year run and a Han run may overlap ("2024年度年度" holds only the latter).
    out.dedup_by(|b, a| b.1.start < a.1.end);
    out
}

fn han_repeats(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    // Sized by a count first: collected, the vector grows several times in a long paragraph.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.chars().count());
    chars.extend(text.char_indices());
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(p, _)| p);
    let same = |a: usize, b: usize, n: usize| (0..n).all(|k| chars[a + k].1 == chars[b + k].1);
    let mut out = Vec::new();
    let mut i = 0;
    // The end of the run of Han characters holding `i` (when `i` is before it): found once
    // per run rather than again at each of its characters.
    let mut run_end = 0;
    while i < chars.len() {
        if run_end <= i {
            run_end = i + chars[i..].iter().take_while(|(_, c)| is_han(*c)).count();
        }
        let han_len = (run_end - i).min(2 * MAX_UNIT);
        let unit = (2..=MAX_UNIT.min(han_len / 2)).find(|&n| {
            let first = chars[i].1;
            same(i, i + n, n)
                // 常常常常 is 常常 twice; 一个一个 is a legitimate reduplication.
                && chars[i..i + n].iter().any(|&(_, c)| c != first)
                && !(n == 2 && first == '一')
        });
        let Some(n) = unit else {
            i += 1;
            continue;
        };
        let mut copies = 2;
        // A copy equal to the first is Han too.
        while i + (copies + 1) * n <= chars.len() && same(i, i + copies * n, n) {
            copies += 1;
        }
        out.push((
            chars[i].0..end_of(i + n),
            chars[i].0..end_of(i + copies * n),
        ));
        i += copies * n;
    }
    out
}

/// "2024年2024年", "2024年度2024年度": a year written twice (not part of a longer number).
fn year_repeats(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let years = years(text);
    let mut out = Vec::new();
    let mut k = 0;
    while k < years.len() {
        let first = years[k].clone();
        let mut end = k + 1;
        while end < years.len()
            && years[end].start == years[end - 1].end
            && text[years[end].clone()] == text[first.clone()]
        {
            end += 1;
        }
        let after_digit = text[..first.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        if end > k + 1 && !after_digit {
            out.push((first.clone(), first.start..years[end - 1].end));
        }
        k = end;
    }
    out
}

/// The matches of `(?:19|20)[0-9]{2}年度?` in `text`, in order. Every match ends its four
/// digits with 年, so two matches cannot overlap: each 年 preceded by such a year is one.
fn years(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    text.match_indices('年')
        .filter(|&(at, _)| {
            at >= 4
                && matches!(&bytes[at - 4..at - 2], b"19" | b"20")
                && bytes[at - 2..at].iter().all(u8::is_ascii_digit)
        })
        .map(|(at, y)| {
            let end = at + y.len();
            at - 4
                ..end
                    + text[end..]
                        .strip_prefix('度')
                        .map_or(0, |_| '度'.len_utf8())
        })
        .collect()
}

/// [`candidates`] block by block, kept by the block cache.
pub(crate) struct Repeats;

impl BlockAnalysis for Repeats {
    type Facts = Vec<(Range<usize>, Range<usize>)>;
    fn analyse(block: &str, _: Option<i32>) -> Self::Facts {
        candidates(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};
    use regex::Regex;

    #[test]
    fn chrome_agrees_with_the_regex() {
        let re = Regex::new(r"(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]?\s*\S*").unwrap();
        let mut texts = crate::read::meta::tests::sample_texts();
        texts.push(
            "当前位置： 首页政务公开 您的位置:x 您现在的位置 ：\u{3000}\n 所在位置所在位置\n当前位置"
                .to_string(),
        );
        texts.push("您的位置::: 您现在的 位置 当前位置：：首页".to_string());
        let mut found = 0;
        for text in &texts {
            let expected: Vec<Range<usize>> = re.find_iter(text).map(|m| m.range()).collect();
            found += expected.len();
            assert_eq!(chrome(text), expected, "{text}");
        }
        assert!(found >= 7);
    }

    #[test]
    fn years_agree_with_the_regex() {
        let re = Regex::new(r"(?:19|20)[0-9]{2}年度?").unwrap();
        let mut texts = crate::read::meta::tests::sample_texts();
        texts.push(
            "2024年2024年度2024年度年 12019年 1999年度度 2119年 20a4年 202年 2020 年 年1920年20"
                .to_string(),
        );
        texts.push("19年 0年 中2020年\n1900年度20202020年".to_string());
        let mut found = 0;
        for text in &texts {
            let expected: Vec<Range<usize>> = re.find_iter(text).map(|m| m.range()).collect();
            found += expected.len();
            assert_eq!(years(text), expected, "{text}");
        }
        assert!(found >= 50, "{found}");
    }

    #[test]
    fn ordinary_text_and_single_character_doubling_are_fine() {
        for src in [
            "常常深入基层，人人参与，天天更新，一一答复，看看效果。",
            "一个一个地核对，一步一步推进。",
            "2024年，2024年度报告。共20242024年",
            "年度\n年度",
            "公开 公开",
            "当前位置： 首页政务公开政府信息公开政府信息公开年报 平潭综合实验区",
        ] {
            assert!(run(&RULE, src).is_empty(), "{src}");
        }
        assert!(run(&RULE, &clean_report()).is_empty());
    }

    fn fixed(src: &str, want: &str) {
        crate::rules::testing::assert_fixes_to(&RULE, src, want);
    }

    #[test]
    fn repeated_words_are_reported_and_the_copy_deleted() {
        let d = &run(&RULE, "2024年度年度,兴和县积极拓展")[0];
        assert_eq!(d.message.zh, "词语重复：2024年度年度 → 2024年度");
        fixed("2024年度年度,兴和县积极拓展", "2024年度,兴和县积极拓展");
        fixed(
            "上海市科技计划资金资金使用情况",
            "上海市科技计划资金使用情况",
        );
        fixed(
            "这个问题要研究研究。",
            "这个问题要研究研究。".replace("研究研究", "研究").as_str(),
        );
        fixed("年度报告年度报告年度报告", "年度报告");
        fixed("于2024年2024年完成", "于2024年完成");
    }

    #[test]
    fn only_text_outside_the_tables_is_checked() {
        let src = clean_report()
            .replacen("申请人情况", "申请人情况情况", 1)
            .replacen("认真贯彻落实", "认真贯彻落实落实", 1);
        let t3 = crate::read::reader::read(&src).tables.t3.unwrap().span;
        assert!(t3.contains(&src.find("情况情况").unwrap()));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], "落实落实");
    }
}
