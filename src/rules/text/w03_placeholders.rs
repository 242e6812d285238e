//! W03 placeholders: 发布的报告中没有残留模板占位符。
//!
//! 检查：中文文字中两个及以上连续的 X、x、Ｘ 或 ×；括号中的填写提示（（单位名称）、【填写】、【待补
//! 充】）；一串下划线（＿＿ 或 ___）。不算：拉丁单词、网址或电子邮件地址中的字母（XXL、xxgk.gov.cn），
//! 为保护隐私而隐去的姓名（“申请人张××”），以及由下划线组成的 Markdown 分隔线。
//!
//! 原因：报告往往由模板和上一年的文本改写而成；残留的占位符（“XX年”“××局”“（单位名称）”“【填写】”
//! “＿＿＿”）说明报告没有写完就发布了，本应填在那里的内容缺失。
//!
//! 依据：报告内容须完整、准确（国办公开办函〔2021〕30号把“发布内容不准确不全面”列为问题）。
//!
//! 示例：`截至XX年底` → “文中残留占位符“XX”：截至XX年底（应填写实际内容）”。
//!
//! 修改：不提供自动修复，只有撰写人知道那里应填什么。
//!
//! ## English
//!
//! W03 placeholders: No template placeholder is left in the published report.
//!
//! What: a run of two or more X/x/Ｘ/× in Chinese text; a bracketed fill-in prompt （单位名称）,
//! 【填写】, 【待补充】; a run of underscores (＿＿ or ___). Not counted: letters that are part of
//! a Latin word, a URL or an e-mail address (XXL, xxgk.gov.cn), a name masked for privacy
//! ("申请人张××"), and a Markdown rule line made of underscores.
//!
//! Why: reports are written from templates and last year's text; a placeholder left in ("XX年",
//! "××局", "（单位名称）", "【填写】", "＿＿＿") shows the report was published unfinished, and
//! whatever should stand there is missing.
//!
//! Basis: a report's content must be complete and accurate (国办公开办函〔2021〕30号 names
//! "发布内容不准确不全面" among the failures).
//!
//! Example: `截至XX年底` → "文中残留占位符“XX”：截至XX年底（应填写实际内容）".
//!
//! Fix: none; only the author knows what belongs there.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::super::prelude::*;
use crate::rules::blocks::{BlockAnalysis, Shift};

pub const RULE: Rule = Rule {
    code: "W03",
    name: "placeholders",
    severity: Severity::Error,
    source: include_str!("w03_placeholders.rs"),
    check,
};

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<x>[XxＸｘ×]{2,})",
        r"|(?P<prompt>[（(【\[〔]\s*(?:(?:请|此处)?(?:填写|填入)[^（）()【】\[\]〔〕\n]{0,10}|(?:单位|机关|部门|机构)(?:名称|全称)|待(?:补充|填写?|定))\s*[）)】\]〕])",
        r"|(?P<line>＿{2,}|_{3,})",
    ))
    .expect("constant pattern")
});

/// URLs and e-mail addresses, where x's and underscores are ordinary characters.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:https?://|ftp://|www\.)[\x21-\x7E]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
        .expect("constant pattern")
});

/// Whether `text` can hold a match of [`PLACEHOLDER`]: two x's in a row, a run of
/// underscores, or a word that every fill-in prompt has. Most reports have none, and then
/// neither pattern is compiled.
fn may_have_placeholder(text: &str) -> bool {
    let is_x = |c: char| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×');
    let mut prev = false;
    // One pass over the characters: the x pairs, and each word of [`GATE_WORDS`] tried only
    // where its first character is (a search per word read every block nine more times).
    text.char_indices().any(|(i, c)| {
        let pair = prev && is_x(c);
        prev = is_x(c);
        pair || (matches!(c, '＿' | '_' | '填' | '名' | '全' | '待')
            && GATE_WORDS.iter().any(|w| text[i..].starts_with(w)))
    })
}

/// Words or marks that every fill-in prompt has (see [`may_have_placeholder`]).
const GATE_WORDS: [&str; 9] = [
    "＿＿",
    "___",
    "填写",
    "填入",
    "名称",
    "全称",
    "待补充",
    "待填",
    "待定",
];

fn check(ctx: &Context, sink: &mut Sink) {
    for p in ctx.placeholders() {
        let (found, around) = (&p.found, &p.around);
        sink.push(
            ctx.source_range(p.range.clone()),
            format!("文中残留占位符“{found}”：{around}（应填写实际内容）"),
            format!(
                "placeholder \"{found}\" left in the text: {around} (fill in the actual content)"
            ),
        );
    }
}

/// A placeholder left in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placeholder {
    pub range: Range<usize>,
    /// The placeholder as written.
    pub found: String,
    /// It with a few characters of its line on each side.
    pub around: String,
}

impl Placeholder {
    /// Moves the range `by` bytes on (from a block's coordinates to the text's).
    pub fn shift(&mut self, by: usize) {
        self.range = crate::rules::blocks::shifted(&self.range, by);
    }
}

/// The placeholders of `text`, in text order.
pub(crate) fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    if !may_have_placeholder(text) {
        return out;
    }
    let mut addresses: Option<Vec<Range<usize>>> = None;
    for c in PLACEHOLDER.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        let r = m.range();
        let addresses =
            addresses.get_or_insert_with(|| ADDRESS.find_iter(text).map(|m| m.range()).collect());
        if addresses.iter().any(|a| a.start < r.end && r.start < a.end) {
            continue;
        }
        if c.name("x").is_some()
            && (!is_x_placeholder(text, r.clone()) || masked_name(text, r.start))
        {
            continue;
        }
        if c.name("line").is_some() && is_rule_line(text, r.clone()) {
            continue;
        }
        out.push(Placeholder {
            found: m.as_str().to_string(),
            around: context(text, r.clone()),
            range: r,
        });
    }
    out
}

/// Whether a run of x's is a placeholder: not part of a Latin word or code (XXL, xxgk, x86),
/// and in Chinese text (the nearest non-space character on one side is not ASCII).
fn is_x_placeholder(text: &str, r: Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    let latin = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || "_-./@:%#=&?+\\".contains(c))
    };
    let ascii = text[r.clone()].is_ascii();
    if ascii && (latin(before) || latin(after)) {
        return false;
    }
    let chinese = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
    let near_before = text[..r.start]
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back();
    let near_after = text[r.end..].trim_start_matches([' ', '\t']).chars().next();
    !ascii || chinese(near_before) || chinese(near_after)
}

/// Common surnames: "张××" after one of them is a name masked for privacy (a case described
/// in the report), not a placeholder. Surnames that are also prepositions (于, 向) are left out:
/// "向××局申请" is a placeholder.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤";

/// Whether the x's at `at` follow a surname that starts a word ("申请人张××", "，李××").
fn masked_name(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    let surname = before.next().is_some_and(|c| SURNAMES.contains(c));
    let word_start = before
        .next()
        .is_none_or(|c| !super::is_han(c) || "人告者员某".contains(c));
    surname && word_start
}

/// A Markdown horizontal rule: a line of nothing but underscores.
fn is_rule_line(text: &str, r: Range<usize>) -> bool {
    let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    text[start..end].trim().chars().all(|c| c == '_')
}

/// Up to 8 characters either side of `r` on its line, for the message.
fn context(text: &str, r: Range<usize>) -> String {
    let before: String = text[..r.start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[r.end..]
        .chars()
        .take_while(|&c| c != '\n')
        .take(8)
        .collect();
    format!("{}{}{}", before.trim_start(), &text[r], after.trim_end())
}

/// [`placeholders`] block by block, kept by the block cache.
pub(crate) struct Placeholders;

impl BlockAnalysis for Placeholders {
    type Facts = Vec<Placeholder>;
    fn analyse(block: &str, _: Option<i32>) -> Vec<Placeholder> {
        placeholders(block)
    }
}

impl Shift for Placeholder {
    fn shift(&mut self, by: usize) {
        Placeholder::shift(self, by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    /// The gate in one pass says what a search for each word says.
    #[test]
    fn the_gate_agrees_with_a_search_per_word() {
        let by_search = |text: &str| {
            let is_x = |c: char| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×');
            let mut prev = false;
            text.chars().any(|c| {
                let pair = prev && is_x(c);
                prev = is_x(c);
                pair
            }) || GATE_WORDS.iter().any(|w| text.contains(w))
        };
        let mut texts = crate::read::meta::tests::sample_texts();
        let words = [
            "＿", "_", "__", "填", "写", "名", "称", "全", "待", "补充", "定", "x", "X", "×", "ｘ",
            "中",
        ];
        // Every sequence of up to three of these pieces, and the corpus texts.
        for a in words {
            for b in words {
                for c in words {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(may_have_placeholder(text), by_search(text), "{text}");
        }
    }

    /// The gate never hides a match, and does close on ordinary reports.
    #[test]
    fn the_gate_passes_every_text_the_pattern_matches() {
        let mut texts = crate::read::meta::tests::sample_texts();
        for t in [
            "截至XX年底",
            "某×ｘ局",
            "（单位名称）",
            "【填写】",
            "(请填入数字 )",
            "〔待定〕",
            "【待补充】",
            "[待填]",
            "[待填写]",
            "＿＿",
            "___",
            "X x",
            "（机关全称）",
        ] {
            texts.push(t.to_string());
        }
        let mut closed = 0;
        for text in &texts {
            let gate = may_have_placeholder(text);
            closed += usize::from(!gate);
            assert!(gate || !PLACEHOLDER.is_match(text), "{text}");
        }
        assert!(closed > 5);
    }

    #[test]
    fn placeholders_are_errors() {
        for (src, found) in [
            ("截至XX年底，共收到申请", "XX"),
            ("XXX局负责", "XXX"),
            ("由××办公室负责", "××"),
            ("市××局", "××"),
            ("申请人向××局申请", "××"),
            ("本报告由（单位名称）编制", "（单位名称）"),
            ("本年收到申请【填写】件", "【填写】"),
            ("联系电话：＿＿＿", "＿＿＿"),
            ("于 xx 年发布", "xx"),
            ("【待补充】", "【待补充】"),
        ] {
            let diags = run(&RULE, src);
            assert_eq!(diags.len(), 1, "{src}: {diags:?}");
            assert_eq!(diags[0].severity, Severity::Error);
            assert_eq!(&src[diags[0].range.clone()], found);
            assert!(diags[0].fix.is_none());
        }
        let d = &run(&RULE, "截至XX年底，共收到申请")[0];
        assert_eq!(
            d.message.zh,
            "文中残留占位符“XX”：截至XX年底，共收到申请（应填写实际内容）"
        );
    }

    #[test]
    fn latin_words_addresses_and_ordinary_brackets_are_fine() {
        for src in [
            "尺码XXL的服装",
            "网址：http://wsb.xam.gov.cn/xxgk/XX_list.html",
            "邮箱：xxgk_office@163.com",
            "see the XX column in English text",
            "本年收费金额（单位：万元）",
            "（申请人填写不规范的，予以补正）",
            "共计3×4项",
            "上文\n___\n下文",
            "my_var_name",
            "申请人张××申请公开，王××不服提起复议",
        ] {
            assert!(run(&RULE, src).is_empty(), "{src}");
        }
        assert!(run(&RULE, &clean_report()).is_empty());
    }
}
