//! C01 docno-brackets: 发文字号中的年份用六角括号〔〕括入，不用其他括号。
//!
//! 检查：发文字号的年份括号。方括号、圆括号、【】、<> 以及 `〔2020]` 这样不成对的写法都报告（手工录
//! 入或从 Word 转换的报告中常见）。完全没有括号的文号（“国办公开办函202130 号”）为提示：这几乎总是
//! 网页抓取丢了〔〕，而不是作者写错；文中日期也丢了“年”“月”字（“202211日”）时，缺一个括号同样作为可
//! 能的提取损失提示；这两种情况都不提供修复。国务院令的编号归 C04。
//!
//! 原因：国家标准规定发文字号的年份用六角括号括入。
//!
//! 依据：GB/T 9704-2012《党政机关公文格式》第7.2.5条：“年份应标全称，用六角括号“〔 〕”括入”。
//!
//! 示例：`国办函〔2020]109号` → “发文字号年份应使用六角括号〔〕：国办函〔2020]109号 → 国办函〔2020〕
//! 109号”。
//!
//! 修改：把括号换成〔〕，或补上缺少的一半（安全修复）。
//!
//! ## English
//!
//! C01 docno-brackets: The year of a 发文字号 is enclosed in 六角括号 〔〕, nothing else.
//!
//! What: the brackets around the year of a document number. Square brackets, round brackets, 【】,
//! <> and mixed pairs such as `〔2020]` are reported (common in reports typed by hand or converted
//! from Word). A number with no brackets at all ("国办公开办函202130 号") is info: such numbers are
//! nearly always a scraper that dropped 〔〕, not the author. A missing bracket in a document whose
//! dates have also lost 年/月 ("202211日") is likewise info, a possible extraction loss; neither
//! gets a fix. Numbers of 国务院令 belong to C04.
//!
//! Why: the national standard for official documents puts the year of a document number in
//! 六角括号.
//!
//! Basis: GB/T 9704-2012 《党政机关公文格式》 §7.2.5: "年份应标全称，用六角括号“〔 〕”括入".
//!
//! Example: `国办函〔2020]109号` → "发文字号年份应使用六角括号〔〕：国办函〔2020]109号 →
//! 国办函〔2020〕109号".
//!
//! Fix (safe): replace the brackets with 〔〕, or insert the missing one.

use super::super::prelude::*;
use super::rewrite;
use crate::rules::blocks::BlockAnalysis;

pub const RULE: Rule = Rule {
    code: "C01",
    name: "docno-brackets",
    severity: Severity::Warning,
    source: include_str!("c01_docno_brackets.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    let dates_lost = ctx.dates_lost();
    for d in ctx.doc_numbers() {
        if d.brackets_ok(text) {
            continue;
        }
        let year = &text[d.year.clone()];
        let start = d.open.as_ref().map_or(d.year.start, |r| r.start);
        let end = d.close.as_ref().map_or(d.year.end, |r| r.end);
        let rw = rewrite(ctx, d.span.clone(), &[(start..end, format!("〔{year}〕"))]);
        let range = ctx.source_range(d.span.clone());
        let (before, after) = (rw.before.clone(), rw.after.clone());
        if d.open.is_none() && d.close.is_none() || dates_lost {
            let (zh, en) = if dates_lost {
                (
                    "，且文中日期缺少“年”“月”",
                    ", and dates in the text have lost 年/月",
                )
            } else {
                ("", "")
            };
            let d = sink.push(
                range,
                format!("发文字号缺少六角括号{zh}，疑为提取时丢失字符：{before}（应为 {after}），请核对原文"),
                format!("document number without year brackets{en}, probably characters lost in extraction: {before} (should be {after}); check the original"),
            );
            d.severity = Severity::Info;
            continue;
        }
        let d = sink.push(
            range,
            format!("发文字号年份应使用六角括号〔〕：{before} → {after}"),
            format!("the year of a document number goes in 〔〕: {before} → {after}"),
        );
        d.fix = rw.fix(
            Applicability::Safe,
            format!("改为 {after}"),
            format!("Change to {after}"),
        );
    }
}

/// Whether dates in the text have lost 年 and 月 ("2025  1  1  日", "20221231日"): then a
/// missing bracket is more likely the same loss than the author's mistake.
/// Whether `(?:^|[^0-9])(?:19|20)[0-9]{2}\s*(?:1[0-2]|0?[1-9])\s*(?:3[01]|[12][0-9]|0?[1-9])\s*日`
/// matches: a year not preceded by a digit, then a month and a day written in digits, each of
/// them in any of its forms.
pub(crate) fn dates_lost(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let ws = |i: usize| i + text[i..].len() - text[i..].trim_start().len();
    // The lengths of the one- or two-digit numbers at `i` that `two` (the second digit
    // allowed after a first one) or `0?[1-9]` accept.
    let forms = |i: usize, two: &dyn Fn(u8, u8) -> bool| {
        let (x, y) = (b.get(i).copied(), b.get(i + 1).copied());
        let mut lens = Vec::new();
        if let (Some(x), Some(y)) = (x, y) {
            if two(x, y) || (x == b'0' && (b'1'..=b'9').contains(&y)) {
                lens.push(2);
            }
        }
        if x.is_some_and(|x| (b'1'..=b'9').contains(&x)) {
            lens.push(1);
        }
        lens
    };
    let month = |x: u8, y: u8| x == b'1' && (b'0'..=b'2').contains(&y);
    let day = |x: u8, y: u8| {
        (x == b'3' && (y == b'0' || y == b'1')) || (matches!(x, b'1' | b'2') && y.is_ascii_digit())
    };
    (0..b.len()).any(|i| {
        (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digit(i + 2)
            && digit(i + 3)
            && (i == 0 || !digit(i - 1))
            && {
                let m = ws(i + 4);
                forms(m, &month).into_iter().any(|ml| {
                    let d = ws(m + ml);
                    forms(d, &day)
                        .into_iter()
                        .any(|dl| text[ws(d + dl)..].starts_with('日'))
                })
            }
    })
}

/// [`dates_lost`] block by block, kept by the block cache.
pub(crate) struct DatesLost;

impl BlockAnalysis for DatesLost {
    type Facts = bool;
    fn analyse(block: &str, _: Option<i32>) -> bool {
        dates_lost(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{apply_fixes, run};

    #[test]
    fn dates_lost_agrees_with_the_regex() {
        let re = regex::Regex::new(r"(?:^|[^0-9])(?:19|20)[0-9]{2}\s*(?:1[0-2]|0?[1-9])\s*(?:3[01]|[12][0-9]|0?[1-9])\s*日").unwrap();
        let mut texts = crate::read::meta::tests::sample_texts();
        let lines: Vec<String> = texts
            .iter()
            .flat_map(|t| t.lines().map(str::to_string))
            .collect();
        texts.extend(lines);
        for y in ["2025", "1999", "2100", "1899", "12025", "x2025", "年2025"] {
            for m in [
                "",
                "1",
                "01",
                "0",
                "00",
                "10",
                "12",
                "13",
                " 1 ",
                "\u{3000}9",
            ] {
                for d in [
                    "", "1", "01", "0", "09", "10", "29", "30", "31", "32", "3", " 7\n",
                ] {
                    for end in ["日", " 日", "", "号"] {
                        texts.push(format!("{y}{m}{d}{end}"));
                    }
                }
            }
        }
        let mut lost = 0;
        for text in &texts {
            lost += usize::from(re.is_match(text));
            assert_eq!(dates_lost(text), re.is_match(text), "{text}");
        }
        assert!(lost > 100 && lost < texts.len());
    }

    #[test]
    fn six_corner_brackets_are_fine() {
        assert!(run(
            &RULE,
            "按照《通知》（国办函〔2020〕109号）规定，国办公开办函〔2021〕30 号"
        )
        .is_empty());
    }

    #[test]
    fn mixed_brackets_are_reported_and_fixed() {
        let src = "按照《通知》(国办函〔2020]109号)规定的按件收费。";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(&src[d.range.clone()], "国办函〔2020]109号");
        assert_eq!(
            d.message.zh,
            "发文字号年份应使用六角括号〔〕：国办函〔2020]109号 → 国办函〔2020〕109号"
        );
        let fixed = apply_fixes(src, &diags);
        assert_eq!(fixed, "按照《通知》(国办函〔2020〕109号)规定的按件收费。");
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn every_wrong_pair_is_fixed() {
        for (wrong, year) in [
            ("[2021]", "〔2021〕"),
            ("［2021］", "〔2021〕"),
            ("(2021)", "〔2021〕"),
            ("（2021）", "〔2021〕"),
            ("【2021】", "〔2021〕"),
            ("<2021>", "〔2021〕"),
            ("{2021}", "〔2021〕"),
            ("〈2021〉", "〔2021〕"),
        ] {
            let src = format!("依据国办公开办函{wrong}30号。");
            let diags = run(&RULE, &src);
            assert_eq!(diags.len(), 1, "{src}");
            let fixed = apply_fixes(&src, &diags);
            assert_eq!(fixed, format!("依据国办公开办函{year}30号。"));
            assert_eq!(apply_fixes(&fixed, &run(&RULE, &fixed)), fixed);
        }
    }

    #[test]
    fn a_missing_bracket_is_inserted() {
        let src = "川办便函〔2022318号";
        let diags = run(&RULE, src);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!(apply_fixes(src, &diags), "川办便函〔2022〕318号");
    }

    #[test]
    fn no_brackets_at_all_is_a_possible_extraction_loss() {
        let src = "依据国办公开办函202130 号编制。";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Info);
        assert!(diags[0].fix.is_none());
        assert!(diags[0].message.zh.contains("疑为提取时丢失字符"));
    }

    #[test]
    fn a_missing_bracket_with_lost_dates_is_information() {
        let src = "统计期限为202211日起至20221231日止。依据川办便函〔2022318号。";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Info);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn order_numbers_and_case_numbers_are_not_document_numbers() {
        assert!(run(&RULE, "国务院令〔2019〕711号；（2021）京01行初1号").is_empty());
    }

    #[test]
    fn no_fix_across_html_markup() {
        let src = "<p>按照国办函〔2020<b>]</b>109号规定</p>";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
    }
}
