//! C06 official-title-text: 条例和年度报告格式的全称引用准确。
//!
//! 检查：《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》的全称。
//! 已知的两种错误写法报告并提供修复；其他以“中华人民共和国”开头、以“……信息公开条例”或“……年度报告格
//! 式”结尾但文字不同的全称，报告但不提供修复。不冒充全称的简称（《政府信息公开条例》《条例》）没有
//! 问题。标题内的空白（PDF 折行）忽略。
//!
//! 原因：引用的标题是名称，缩短或写错的标题指不到任何文件。已发布的报告中见过两种错误写法：《中华人
//! 民共和国信息公开条例》（少了“政府”）和《中华人民共和国政府信息年度报告格式》（少了“公开工作”）。
//!
//! 依据：两份文件的正式名称：《中华人民共和国政府信息公开条例》；国办公开办函〔2021〕30号印发的《中
//! 华人民共和国政府信息公开工作年度报告格式》。
//!
//! 示例：`《中华人民共和国信息公开条例》` → “法规名称不准确：《中华人民共和国信息公开条例》 → 《中
//! 华人民共和国政府信息公开条例》”。
//!
//! 修改：两种已知的错误写法改为正式名称（安全修复）。
//!
//! ## English
//!
//! C06 official-title-text: The full titles of the 条例 and the 年度报告格式 are quoted exactly.
//!
//! What: the full titles 《中华人民共和国政府信息公开条例》 and
//! 《中华人民共和国政府信息公开工作年度报告格式》. The two known wrong forms are reported with a
//! fix; other full-length titles that start with 中华人民共和国 and end like one of the two
//! (…信息公开条例, …年度报告格式) but differ are reported without a fix. Short forms that do not
//! pretend to be the full title (《政府信息公开条例》, 《条例》) are fine. White space inside a
//! title (PDF line breaks) is ignored.
//!
//! Why: a cited title is a name; a shortened or garbled one names nothing. Two wrong forms have
//! been seen in published reports: 《中华人民共和国信息公开条例》 (without 政府) and
//! 《中华人民共和国政府信息年度报告格式》 (without 公开工作).
//!
//! Basis: the official titles: 《中华人民共和国政府信息公开条例》;
//! 《中华人民共和国政府信息公开工作年度报告格式》, issued with 国办公开办函〔2021〕30号.
//!
//! Example: `《中华人民共和国信息公开条例》` → "法规名称不准确：《中华人民共和国信息公开条例》 →
//! 《中华人民共和国政府信息公开条例》".
//!
//! Fix (safe) for the two known wrong forms.

use super::super::prelude::*;
use super::rewrite;

pub const RULE: Rule = Rule {
    code: "C06",
    name: "official-title-text",
    severity: Severity::Warning,
    source: include_str!("c06_official_title_text.rs"),
    check,
};

const REGULATION: &str = "中华人民共和国政府信息公开条例";
const FORMAT: &str = "中华人民共和国政府信息公开工作年度报告格式";
/// Wrong forms seen in reports, with the official title they stand for.
const KNOWN_WRONG: [(&str, &str); 2] = [
    ("中华人民共和国信息公开条例", REGULATION),
    ("中华人民共和国政府信息年度报告格式", FORMAT),
];

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    for (open, close) in [('《', '》'), ('〈', '〉'), ('<', '>'), ('＜', '＞')] {
        // Every `open` of the text, found in the blocks that have one.
        let opens = ctx.marked(&[open]).into_iter().flat_map(|block| {
            text[block.clone()]
                .match_indices(open)
                .map(move |(i, _)| block.start + i)
        });
        for i in opens {
            let body = i + open.len_utf8();
            // A title is short and on one line (a PDF line break may fall inside it).
            let Some(len) = text[body..]
                .char_indices()
                .take(40)
                .find(|&(_, c)| c == close || c == open || c == '《' || c == '》')
                .filter(|&(_, c)| c == close)
                .map(|(j, _)| j)
            else {
                continue;
            };
            let span = body..body + len;
            let written = &text[span.clone()];
            let title: String = written.chars().filter(|c| !c.is_whitespace()).collect();
            let Some(right) = official_for(&title) else {
                continue;
            };
            let known = KNOWN_WRONG.iter().any(|(w, _)| *w == written);
            let rw = rewrite(ctx, span.clone(), &[(span.clone(), right.to_string())]);
            let what = if right == REGULATION {
                ("法规", "regulation")
            } else {
                ("文件", "document")
            };
            let d = sink.push(
                ctx.source_range(span),
                format!(
                    "{}名称不准确：{open}{written}{close} → {open}{right}{close}",
                    what.0
                ),
                format!(
                    "inexact {} title: {open}{written}{close} → {open}{right}{close}",
                    what.1
                ),
            );
            if known {
                d.fix = rw.fix(
                    Applicability::Safe,
                    format!("改为 {right}"),
                    format!("Change to {right}"),
                );
            }
        }
    }
}

/// The official title that `title` (white space removed) is a wrong form of, if any.
fn official_for(title: &str) -> Option<&'static str> {
    if title == REGULATION || title == FORMAT {
        return None;
    }
    if let Some((_, right)) = KNOWN_WRONG.iter().find(|(w, _)| *w == title) {
        return Some(right);
    }
    let body = title.strip_prefix("中华人民共和国")?;
    // The 2019 trial format's attachment is titled …年度报告格式（试行）.
    let body = body
        .strip_suffix("（试行）")
        .or_else(|| body.strip_suffix("(试行)"))
        .unwrap_or(body);
    if format!("中华人民共和国{body}") == FORMAT {
        return None;
    }
    if body.ends_with("信息公开条例") {
        Some(REGULATION)
    } else if body.ends_with("年度报告格式") && body.contains("信息") {
        Some(FORMAT)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn official_and_short_titles_are_fine() {
        for src in [
            "《中华人民共和国政府信息公开条例》",
            "《中华人民共和国政府信息公开条 例》",
            "《政府信息公开条例》《条例》",
            "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知",
            "关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知",
            "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
        ] {
            assert!(run(&RULE, src).is_empty(), "{src}");
        }
    }

    fn fixed(src: &str, want: &str) {
        crate::rules::testing::assert_fixes_to(&RULE, src, want);
    }

    #[test]
    fn the_known_wrong_forms_are_fixed() {
        let d = &run(&RULE, "根据《中华人民共和国信息公开条例》")[0];
        assert_eq!(
            d.message.zh,
            "法规名称不准确：《中华人民共和国信息公开条例》 → 《中华人民共和国政府信息公开条例》"
        );
        fixed(
            "根据《中华人民共和国信息公开条例》",
            "根据《中华人民共和国政府信息公开条例》",
        );
        fixed(
            "关于印发〈中华人民共和国政府信息年度报告格式〉的通知",
            "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知",
        );
    }

    #[test]
    fn other_wrong_full_titles_have_no_fix() {
        let diags = run(&RULE, "《中华人民共和国政府信息公开年度报告格式》");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
        assert!(diags[0]
            .message
            .zh
            .contains("→ 《中华人民共和国政府信息公开工作年度报告格式》"));
    }
}
