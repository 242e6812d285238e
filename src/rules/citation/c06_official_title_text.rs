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

/// The pairs of marks a title is written in.
const PAIRS: [(char, char); 4] = [('《', '》'), ('〈', '〉'), ('<', '>'), ('＜', '＞')];

/// The length of the title that opens at `body` (just after an `open` of `PAIRS[pair]`), up to
/// its `close`: a title is short and on one line (a PDF line break may fall inside it).
/// `Err(())` when `text` ends before that is known.
fn title_len(text: &str, body: usize, pair: usize) -> Result<Option<usize>, ()> {
    let (open, close) = PAIRS[pair];
    let mut seen = 0;
    for (j, c) in text[body..].char_indices().take(40) {
        seen += 1;
        if c == close || c == open || c == '《' || c == '》' {
            return Ok((c == close).then_some(j));
        }
    }
    if seen < 40 {
        Err(())
    } else {
        Ok(None)
    }
}

/// The opening marks of a block that may start a finding: those whose title is a wrong form
/// of an official one, and those whose title runs past the block's end (decided on the whole
/// text). Kept per block by the server's block cache, so that an edit reads only its blocks.
pub(crate) struct TitleOpens;

/// An opening mark: which of [`PAIRS`], and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TitleOpen {
    pair: usize,
    at: usize,
}

impl crate::rules::blocks::Shift for TitleOpen {
    fn shift(&mut self, by: usize) {
        self.at = self.at.wrapping_add(by);
    }
}

impl crate::rules::blocks::BlockAnalysis for TitleOpens {
    type Facts = Vec<TitleOpen>;
    fn analyse(block: &str, _: Option<i32>) -> Vec<TitleOpen> {
        let mut out = Vec::new();
        for (pair, (open, _)) in PAIRS.iter().enumerate() {
            for (at, _) in block.match_indices(*open) {
                let body = at + open.len_utf8();
                let keep = match title_len(block, body, pair) {
                    Err(()) => true,
                    Ok(None) => false,
                    Ok(Some(len)) => official_for(&compact(&block[body..body + len])).is_some(),
                };
                if keep {
                    out.push(TitleOpen { pair, at });
                }
            }
        }
        out
    }
}

/// A title without its white space.
fn compact(written: &str) -> String {
    written.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    let blocks = ctx.blocks();
    let opens = if blocks.cached() {
        blocks.collect::<TitleOpens, _, _>(|opens| opens.as_slice())
    } else {
        // Read once: every opening mark of the text.
        let mut all = Vec::new();
        for (pair, (open, _)) in PAIRS.iter().enumerate() {
            all.extend(
                text.match_indices(*open)
                    .map(|(at, _)| TitleOpen { pair, at }),
            );
        }
        all
    };
    for (pair, (open, close)) in PAIRS.into_iter().enumerate() {
        for i in opens.iter().filter(|o| o.pair == pair).map(|o| o.at) {
            let body = i + open.len_utf8();
            let Ok(Some(len)) = title_len(text, body, pair) else {
                continue;
            };
            let span = body..body + len;
            let written = &text[span.clone()];
            let Some(right) = official_for(&compact(written)) else {
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
    use crate::rules::blocks::{BlockCache, Blocks};
    use crate::rules::testing::run;

    /// The opening marks the blocks keep include every one whose title, read in the whole
    /// text, is a wrong form: also when a title runs over a blank line or a table's edge.
    #[test]
    fn the_blocks_keep_every_open_with_a_finding() {
        const SEED: u64 = 0x3C6E_F372_FE94_F82Bu64;
        const PIECES: [&str; 14] = [
            "《",
            "》",
            "〈",
            "〉",
            "<",
            ">",
            "＜",
            "中华人民共和国信息公开条例",
            "中华人民共和国政府信息公开条例",
            "\n",
            "\n\n\n",
            "字",
            "一、",
            "中华人民共和国",
        ];
        let mut next = crate::rules::testing::xorshift(SEED);
        let cache = BlockCache::new();
        let mut found = 0;
        for round in 0..2000 {
            let text = crate::rules::testing::pieces_text(&mut next, &PIECES, 40);
            let tables = crate::rules::testing::cut_anywhere(&mut next, &text);
            let mut want = Vec::new();
            for (pair, (open, _)) in PAIRS.iter().enumerate() {
                for (at, _) in text.match_indices(*open) {
                    let body = at + open.len_utf8();
                    if let Ok(Some(len)) = title_len(&text, body, pair) {
                        if official_for(&compact(&text[body..body + len])).is_some() {
                            want.push((pair, at));
                        }
                    }
                }
            }
            found += want.len();
            for cached in [None, Some(&cache)] {
                let blocks = Blocks::new(&text, &tables, None, cached, false);
                let kept = blocks.collect::<TitleOpens, _, _>(|o| o.as_slice());
                for w in &want {
                    assert!(
                        kept.iter().any(|o| (o.pair, o.at) == *w),
                        "round {round}: {w:?} in {text:?} {tables:?}"
                    );
                }
                if let Some(c) = cached {
                    blocks.store(c);
                }
            }
        }
        assert!(found > 50, "{found}");
    }

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
