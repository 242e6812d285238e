//! C05 nested-title-marks: 书名号内的书名用单书名号〈〉，不用 `<>` 或《》。
//!
//! 检查：书名号《》内的书名。只检查外层《》在同一行内闭合的标题，这样一个未闭合的《不会让后面的标题
//! 看起来像是嵌套的。
//!
//! 原因：国家标准规定书名号里边还要用书名号时，里层用单书名号，即《……〈……〉……》。报告中常见的是误用
//! 英文尖括号 `<……>` 或嵌套《《……》》。英文尖括号还会破坏网页：书名被当作 HTML 标签吃掉，剩下的部分
//! 作为乱码出现在段落之后（如“ 中华人民共和国政府信息公开工作年度报告格式>”）。
//!
//! 依据：GB/T 15834-2011《标点符号用法》：“书名号里边还要用书名号时，外面一层用双书名号，里边一层用
//! 单书名号”。
//!
//! 示例：`《……关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》` → “书名号内的书名应使用
//! 单书名号〈〉：<中华人民共和国政府信息公开工作年度报告格式> → 〈中华人民共和国政府信息公开工作年
//! 度报告格式〉”。
//!
//! 修改：在外层《》内把 `<` 改为〈、`>` 改为〉，或把里层《》改为〈〉（安全修复）。单独的 `<` 或 `>`，
//! 以及落在《》之外的残余书名片段，报告但不提供修复。
//!
//! ## English
//!
//! C05 nested-title-marks: A title inside a title is marked with 〈〉, not `<>` or 《》.
//!
//! What: titles inside 《》. Only titles whose outer 《》 closes on the same line are examined, so
//! an unclosed 《 never makes the next title look nested.
//!
//! Why: the national standard marks an inner title with single title marks: 《…〈…〉…》. Reports
//! often type ASCII `<…>` instead, or nest 《《…》》. ASCII angle brackets also break web pages:
//! the title is taken for an HTML tag and lost, and what is left shows up as garbage such as "
//! 中华人民共和国政府信息公开工作年度报告格式>" after the paragraph.
//!
//! Basis: GB/T 15834-2011 《标点符号用法》:
//! "书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号".
//!
//! Example: `《…关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》` →
//! "书名号内的书名应使用单书名号〈〉：<中华人民共和国政府信息公开工作年度报告格式> →
//! 〈中华人民共和国政府信息公开工作年度报告格式〉".
//!
//! Fix (safe): inside the outer 《》, `<`→`〈` and `>`→`〉`, or the inner 《》 → 〈〉. A lone `<`
//! or `>` and a title fragment left over outside any 《》 are reported without a fix.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::super::prelude::*;
use super::rewrite;
use crate::rules::text::is_han;

pub const RULE: Rule = Rule {
    code: "C05",
    name: "nested-title-marks",
    severity: Severity::Warning,
    source: include_str!("c05_nested_title_marks.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    // Only the lines the blocks found a finding in, or could not read whole.
    let blocks = ctx.blocks();
    let lines = if blocks.cached() {
        blocks.collect::<FindingLines, _, _>(|lines| lines)
    } else {
        // Read once: the lines with a title mark or a '>'.
        let mut start = 0;
        let mut marked = Vec::new();
        for line in text.split_inclusive('\n') {
            if line.contains(['《', '》', '>', '＞']) {
                marked.push(start..start + line.len());
            }
            start += line.len();
        }
        marked
    };
    let mut out = Out::Sink(ctx, sink);
    for lines in crate::rules::blocks::whole_lines(text, &lines) {
        let mut line_start = lines.start;
        for line in text[lines].split_inclusive('\n') {
            check_line(&mut out, line_start, line);
            line_start += line.len();
        }
    }
}

/// The lines of a block that have a finding, and its last line when the block ends inside it
/// (at a table's edge: the line is read whole by the rule). A line cut at the block's start is
/// also the last of the block before. Kept per block by the server's block cache.
pub(crate) struct FindingLines;

impl crate::rules::blocks::BlockAnalysis for FindingLines {
    type Facts = Vec<Range<usize>>;
    fn analyse(block: &str, _: Option<i32>) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        // Only lines with a title mark or a '>' can have a finding.
        let marked = block.contains(['《', '》', '>', '＞']);
        let mut start = 0;
        for line in block.split_inclusive('\n') {
            let range = start..start + line.len();
            start = range.end;
            let cut = !line.ends_with('\n');
            if cut || marked {
                let mut out = Out::Found(false);
                check_line(&mut out, range.start, line);
                if cut || matches!(out, Out::Found(true)) {
                    found.push(range);
                }
            }
        }
        found
    }
}

/// Where the findings of a line go: the rule's sink, or only whether there is one.
enum Out<'o, 'c, 's> {
    Sink(&'o Context<'c>, &'o mut Sink<'s>),
    Found(bool),
}

impl<'c, 's> Out<'_, 'c, 's> {
    /// The context and sink to report to; `None` when only noting that there is a finding.
    fn to(&mut self) -> Option<(&Context<'c>, &mut Sink<'s>)> {
        match self {
            Out::Sink(ctx, sink) => Some((*ctx, &mut **sink)),
            Out::Found(found) => {
                *found = true;
                None
            }
        }
    }
}

fn check_line(out: &mut Out, base: usize, line: &str) {
    // Open 《 positions; inner 《》 pairs of the title being read.
    let mut open: Vec<usize> = Vec::new();
    let mut inner: Vec<Range<usize>> = Vec::new();
    // Where text outside titles starts, for leftovers of eaten tags.
    let mut outside = 0;
    for (i, c) in line.char_indices() {
        match c {
            '《' => {
                if open.is_empty() {
                    leftovers(out, base, &line[..i], outside);
                }
                open.push(i);
            }
            '》' => {
                let Some(start) = open.pop() else { continue };
                let end = i + c.len_utf8();
                if open.is_empty() {
                    title(out, base, line, start..end, &inner);
                    inner.clear();
                    outside = end;
                } else if open.len() == 1 {
                    inner.push(start..end);
                }
            }
            _ => {}
        }
    }
    if open.is_empty() {
        leftovers(out, base, line, outside);
    }
}

/// Checks one outer title `span` (line offsets) with its nested 《》 pairs.
fn title(out: &mut Out, base: usize, line: &str, span: Range<usize>, inner: &[Range<usize>]) {
    let at = |r: &Range<usize>| base + r.start..base + r.end;
    for r in inner {
        let Some((ctx, sink)) = out.to() else {
            return;
        };
        let close = r.end - '》'.len_utf8();
        let inner_title = &line[r.clone()];
        let rw = rewrite(
            ctx,
            at(r),
            &[
                (at(&(r.start..r.start + '《'.len_utf8())), "〈".into()),
                (at(&(close..r.end)), "〉".into()),
            ],
        );
        let after = rw.after.clone();
        let d = sink.push(
            ctx.source_range(at(r)),
            format!("书名号内的书名应使用单书名号〈〉，不应嵌套《》：{inner_title} → {after}"),
            format!("a title inside a title takes 〈〉, not nested 《》: {inner_title} → {after}"),
        );
        d.fix = rw.fix(
            Applicability::Safe,
            format!("改为 {after}"),
            format!("Change to {after}"),
        );
    }
    // ASCII (or full-width) angle brackets inside the title: pairs, then any lone one. HTML
    // tags left in Markdown or text ("<br>") are not titles.
    let body = span.start + '《'.len_utf8()..span.end - '》'.len_utf8();
    // A tag needs a '<'; without one the pattern is not compiled.
    let tags: Vec<Range<usize>> = if line[body.clone()].contains('<') {
        TAG.find_iter(&line[body.clone()])
            .map(|m| body.start + m.start()..body.start + m.end())
            .collect()
    } else {
        Vec::new()
    };
    let marks = line[body.clone()]
        .char_indices()
        .map(|(i, c)| (body.start + i, c))
        .filter(|&(i, c)| {
            matches!(c, '<' | '＜' | '>' | '＞') && !tags.iter().any(|t| t.contains(&i))
        });
    let whole = &line[span.clone()];
    let mut lt: Option<usize> = None;
    for (i, c) in marks {
        if matches!(c, '<' | '＜') {
            if let Some(prev) = lt.replace(i) {
                lone(out, base + prev, &line[prev..], whole);
            }
            continue;
        }
        let Some(start) = lt.take() else {
            lone(out, base + i, &line[i..], whole);
            continue;
        };
        let Some((ctx, sink)) = out.to() else {
            return;
        };
        let r = start..i + c.len_utf8();
        let old = &line[r.clone()];
        let open_len = old.chars().next().map_or(1, char::len_utf8);
        let rw = rewrite(
            ctx,
            at(&r),
            &[
                (at(&(start..start + open_len)), "〈".into()),
                (at(&(i..r.end)), "〉".into()),
            ],
        );
        let after = rw.after.clone();
        let d = sink.push(
            ctx.source_range(at(&r)),
            format!("书名号内的书名应使用单书名号〈〉：{old} → {after}"),
            format!("a title inside a title takes 〈〉, not angle brackets: {old} → {after}"),
        );
        d.fix = rw.fix(
            Applicability::Safe,
            format!("改为 {after}"),
            format!("Change to {after}"),
        );
    }
    if let Some(prev) = lt {
        lone(out, base + prev, &line[prev..], whole);
    }
}

/// An HTML tag or comment written out in text ("<br>", "</span>", "<!-- -->").
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[A-Za-z/!][^<>]*>").expect("constant pattern"));

/// A `<` or `>` without its partner inside a title: the other half was probably eaten as HTML.
fn lone(out: &mut Out, at: usize, rest: &str, title: &str) {
    let Some((ctx, sink)) = out.to() else {
        return;
    };
    let c = rest.chars().next().unwrap_or('>');
    sink.push(
        ctx.source_range(at..at + c.len_utf8()),
        format!("书名号内有不成对的“{c}”，内层书名应使用〈〉（可能在网页转换中被当作标签吞掉）：{title}"),
        format!("unpaired \"{c}\" inside a title; an inner title takes 〈〉 (the other half may have been eaten as an HTML tag): {title}"),
    );
}

/// A title fragment ending in `>` outside any 《》 (" 中华人民共和国…年度报告格式>"): what is left
/// when `<…>` was taken for a tag and re-emitted. `from` is where the text outside titles starts.
fn leftovers(out: &mut Out, base: usize, line: &str, from: usize) {
    let mut lt = false;
    for (i, c) in line[from..].char_indices() {
        let i = from + i;
        match c {
            '<' | '＜' => lt = true,
            '>' | '＞' if lt => lt = false,
            '>' | '＞' => {
                let head = &line[..i];
                let run = head
                    .char_indices()
                    .rev()
                    .take_while(|(_, ch)| is_han(*ch))
                    .last()
                    .map_or(i, |(j, _)| j);
                let next = line[i + c.len_utf8()..].chars().next();
                // A title is several Han characters; "满意度>95%" is a comparison.
                if head[run..].chars().count() >= 4
                    && !next.is_some_and(|n| n.is_ascii_alphanumeric())
                {
                    let Some((ctx, sink)) = out.to() else {
                        return;
                    };
                    let frag = &line[run..i + c.len_utf8()];
                    sink.push(
                        ctx.source_range(base + run..base + i + c.len_utf8()),
                        format!("疑似网页转换残留：“{frag}”（书名中的 <…> 被当作 HTML 标签吞掉后留下的文字），请删除或改正"),
                        format!("looks like a leftover of HTML conversion: \"{frag}\" (an inner title in <…> was taken for a tag); delete or correct it"),
                    );
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::blocks::{whole_lines, Blocks};
    use crate::rules::testing::run;

    /// Every line with a finding is among the lines the blocks keep (whole), also when a
    /// table's edge cuts it.
    #[test]
    fn the_blocks_keep_every_line_with_a_finding() {
        const SEED: u64 = 0xA54F_F53A_5F1D_36F1u64;
        const PIECES: [&str; 12] = [
            "《",
            "》",
            "<",
            ">",
            "＞",
            "<br>",
            "中华人民共和国",
            "条例",
            "\n",
            "\n\n\n",
            "字",
            "一、",
        ];
        let mut next = crate::rules::testing::xorshift(SEED);
        let cache = crate::rules::blocks::BlockCache::new();
        let mut found = 0;
        for round in 0..400 {
            let text = crate::rules::testing::pieces_text(&mut next, &PIECES, 40);
            let tables = crate::rules::testing::cut_anywhere(&mut next, &text);
            let mut want = Vec::new();
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                let mut out = Out::Found(false);
                check_line(&mut out, start, line);
                if matches!(out, Out::Found(true)) {
                    want.push(start..start + line.len());
                }
                start += line.len();
            }
            found += want.len();
            for cached in [None, Some(&cache)] {
                let blocks = Blocks::new(&text, &tables, None, cached, false);
                let kept = whole_lines(&text, &blocks.collect::<FindingLines, _, _>(|l| l));
                for w in &want {
                    assert!(
                        kept.iter().any(|k| k.start <= w.start && w.end <= k.end),
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
    fn single_title_marks_inside_are_fine() {
        for src in [
            "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》",
            "《条例》《通知》",
            "群众满意度>95%，《条例》",
            "《条例\n《通知》",
            "《关于印发<br>管理办法的通知》",
        ] {
            assert!(run(&RULE, src).is_empty(), "{src}");
        }
    }

    fn fixed(src: &str, want: &str) {
        crate::rules::testing::assert_fixes_to(&RULE, src, want);
    }

    #[test]
    fn ascii_angle_brackets_inside_a_title() {
        let src = "《关于印发 <中华人民共和国政府信息公开工作年度报告格式> 的通知》";
        let d = &run(&RULE, src)[0];
        assert_eq!(
            d.message.zh,
            "书名号内的书名应使用单书名号〈〉：<中华人民共和国政府信息公开工作年度报告格式> → 〈中华人民共和国政府信息公开工作年度报告格式〉"
        );
        assert_eq!(
            &src[d.range.clone()],
            "<中华人民共和国政府信息公开工作年度报告格式>"
        );
        fixed(
            src,
            "《关于印发 〈中华人民共和国政府信息公开工作年度报告格式〉 的通知》",
        );
        fixed("《关于印发＜办法＞的通知》", "《关于印发〈办法〉的通知》");
    }

    #[test]
    fn nested_double_title_marks() {
        fixed(
            "根据《关于印发《政府信息公开信息处理费管理办法》的通知》。",
            "根据《关于印发〈政府信息公开信息处理费管理办法〉的通知》。",
        );
    }

    #[test]
    fn a_lone_bracket_inside_a_title_has_no_fix() {
        let diags = run(
            &RULE,
            "《关于印发 中华人民共和国政府信息公开工作年度报告格式> 的通知》",
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("不成对的“>”"));
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn a_leftover_of_an_eaten_tag_is_reported_separately() {
        let src = "《关于印发 <中华人民共和国政府信息公开工作年度报告格式> 的通知》制作。如有疑问请联系。 中华人民共和国政府信息公开工作年度报告格式>\n一、总体情况";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 2);
        assert_eq!(
            &src[diags[1].range.clone()],
            "中华人民共和国政府信息公开工作年度报告格式>"
        );
        assert!(diags[1].message.zh.starts_with("疑似网页转换残留"));
        assert!(diags[1].fix.is_none());
    }
}
