//! C04 order-number: 条例的国务院令编号写作“国务院令第711号”（或“国令第711号”）。
//!
//! 检查：国务院令编号的写法，以及是否只引用了国务院令第492号。`国务院令〔2019〕711号`、`国令〔2019〕
//! 第711号` 以及颠倒的 `国务院第711号令`、`第711号国务院令` 都报告。“国务院令第711号”和中国政府网自
//! 己使用的“国令第711号”都正确，在同一文件中混用也可以。2019年以前年度的报告，或句中提到修订（“国务
//! 院令第492号公布，2019年修订”）时，不报告492号。
//!
//! 原因：国务院令按“第711号”编号，没有年份。现行条例是经国务院令第711号修订、2019年5月15日起施行的
//! 文本；只引用国务院令第492号（2007年的文本）的报告，引用的是过时的依据。
//!
//! 依据：《中华人民共和国政府信息公开条例》（2007年4月5日国务院令第492号公布，2019年4月3日国务院令
//! 第711号修订，2019年5月15日起施行）；国务院令的编号方式（只有序号，没有年份）。
//!
//! 示例：`国务院令〔2019〕711号` → “国务院令的编号不含年份：国务院令〔2019〕711号 → 国务院令第711号”。
//!
//! 修改：把带年份或顺序颠倒的编号改写为“国务院令第N号”（原文写的是“国令”或“中华人民共和国国务院令”
//! 时保留）（安全修复）。只引用492号的不提供修复：报告依据的是哪个文本，应由撰写人说明。
//!
//! ## English
//!
//! C04 order-number: The 条例 is cited as 国务院令第711号 (or 国令第711号), in that form.
//!
//! What: how 国务院令 numbers are written, and whether only 国务院令第492号 is cited.
//! `国务院令〔2019〕711号`, `国令〔2019〕第711号` and the reordered `国务院第711号令` and
//! `第711号国务院令` are reported. Both 国务院令第711号 and gov.cn's own notation 国令第711号 are
//! correct, even mixed in one document. 492 is not reported in a report on a year before 2019, or
//! when its sentence mentions the revision ("国务院令第492号公布，2019年修订").
//!
//! Why: a 国务院令 is numbered "第711号", with no year. The 条例 in force since 15 May 2019 is the
//! text revised by 国务院令第711号; a report that cites only 国务院令第492号 (the 2007 text) cites
//! an outdated basis.
//!
//! Basis: 《中华人民共和国政府信息公开条例》 (promulgated by 国务院令第492号 on 5 April 2007,
//! revised by 国务院令第711号 on 3 April 2019, in force since 15 May 2019); the numbering of
//! 国务院令 (a number, no year).
//!
//! Example: `国务院令〔2019〕711号` → "国务院令的编号不含年份：国务院令〔2019〕711号 →
//! 国务院令第711号".
//!
//! Fix (safe): rewrite a number with a year or in the wrong order as `国务院令第N号` (keeping 国令
//! or 中华人民共和国国务院令 when that was written). No fix for 492 cited alone: which text the
//! report relied on is for its author to say.

use super::super::prelude::*;
use super::rewrite;

pub const RULE: Rule = Rule {
    code: "C04",
    name: "order-number",
    severity: Severity::Warning,
    source: include_str!("c04_order_number.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    let orders = ctx.order_numbers();
    let cites_current = orders.iter().any(|o| o.no == 711);
    let legacy = ctx
        .report
        .meta
        .year
        .as_ref()
        .is_some_and(|y| y.value < 2019)
        || ctx.report.format == Format::Legacy;
    for o in orders {
        let range = ctx.source_range(o.span.clone());
        if o.year.is_some() || o.reordered {
            let right = o.canonical();
            let rw = rewrite(ctx, o.span.clone(), &[(o.span.clone(), right.clone())]);
            let before = rw.before.clone();
            let (zh, en) = if o.reordered {
                (
                    "国务院令编号的写法应为“国务院令第N号”",
                    "an order is cited as 国务院令第N号",
                )
            } else {
                ("国务院令的编号不含年份", "an order number has no year")
            };
            let d = sink.push(
                range,
                format!("{zh}：{before} → {right}"),
                format!("{en}: {before} → {right}"),
            );
            d.fix = rw.fix(
                Applicability::Safe,
                format!("改为 {right}"),
                format!("Change to {right}"),
            );
        } else if o.no == 492 && !cites_current && !legacy && !mentions_revision(text, o) {
            sink.push(
                range,
                format!(
                    "仅引用了{}：《条例》已由国务院令第711号修订，修订后的条例自2019年5月15日起施行，应引用国务院令第711号",
                    &text[o.span.clone()]
                ),
                format!(
                    "only {} is cited: the 条例 was revised by 国务院令第711号, in force since 2019-05-15; cite 国务院令第711号",
                    &text[o.span.clone()]
                ),
            );
        }
    }
}

/// Whether the sentence around a 492 citation speaks of the revision.
fn mentions_revision(text: &str, o: &super::OrderNo) -> bool {
    let stops = ['。', '；', '\n'];
    let start = text[..o.span.start].rfind(stops).unwrap_or(0);
    let end = text[o.span.end..]
        .find(stops)
        .map_or(text.len(), |i| o.span.end + i);
    text[start..end].contains("修订") || text[start..end].contains("修改")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn both_notations_are_fine_even_mixed() {
        let src = "根据《条例》(国令第711号)和《条例》(国务院令第711号,以下简称《条例》)、国令第 711 号、中华人民共和国国务院令第711号";
        assert!(run(&RULE, src).is_empty());
    }

    fn fixed(src: &str, want: &str) {
        crate::rules::testing::assert_fixes_to(&RULE, src, want);
    }

    #[test]
    fn a_year_is_removed() {
        let d = &run(&RULE, "（国务院令〔2019〕711号）")[0];
        assert_eq!(
            d.message.zh,
            "国务院令的编号不含年份：国务院令〔2019〕711号 → 国务院令第711号"
        );
        fixed("（国务院令〔2019〕711号）", "（国务院令第711号）");
        fixed("（国令〔2019〕第711号）", "（国令第711号）");
        fixed("（国务院令2019年第711号）", "（国务院令第711号）");
    }

    #[test]
    fn the_order_of_words_is_fixed() {
        fixed("（国务院第711号令）", "（国务院令第711号）");
        fixed("（第711号国务院令）", "（国务院令第711号）");
    }

    #[test]
    fn order_492_alone_is_outdated() {
        let diags = run(
            &RULE,
            "根据《中华人民共和国政府信息公开条例》（国务院令第492号）",
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
        assert!(diags[0].message.zh.contains("应引用国务院令第711号"));
        for src in [
            "《条例》（国务院令第492号公布，国务院令第711号修订）",
            "《条例》（2007年国务院令第492号公布，2019年4月3日修订）",
            "二〇一七年政府信息公开工作年度报告\n根据《条例》（国务院令第492号）",
        ] {
            assert!(run(&RULE, src).is_empty(), "{src}");
        }
    }
}
