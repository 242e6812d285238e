//! T06 publication-date-present: 报告写明了发布日期。
//!
//! 检查：能否找到发布日期：页面上的“发布时间”“发布日期”“公开日期”，文末的落款日期，或标题下的日期行。
//! 找不到时，位置在标题（否则在报告年度处，否则在文件开头）。
//!
//! 原因：条例第四十九条规定的公布期限（T03、T04）只能对照日期检查。没有任何日期的文本（常见于从网页
//! 复制正文而没带页面信息）无法核对，应把日期与文件一起保存。
//!
//! 依据：《中华人民共和国政府信息公开条例》第四十九条（公布期限）。
//!
//! 示例：报告最后一行为“六、其他需要报告的事项 …… 未收取信息处理费。”，也没有页面信息 → “未找到发布
//! 日期（页面“发布时间”或文末落款日期），无法核对公布期限”。
//!
//! 修改：不提供自动修复，请补上落款日期或保存页面上的发布时间。
//!
//! ## English
//!
//! T06 publication-date-present: The report shows when it was published.
//!
//! What: can a publication date be found: a page header ("发布时间", "发布日期", "公开日期"), the
//! 落款 date at the end, or a date line under the title? When none is, the finding points at the
//! title (else the report year, else the start of the file).
//!
//! Why: the deadlines of Art. 49 (T03, T04) can only be checked against a date. A text without any
//! (often a copy taken from a page without its header) cannot be checked; the date should be kept
//! with the file.
//!
//! Basis: 《中华人民共和国政府信息公开条例》第四十九条 (the deadlines).
//!
//! Example: a report whose last line is "六、其他需要报告的事项 … 未收取信息处理费。" and with no
//! page header → "未找到发布日期（页面“发布时间”或文末落款日期），无法核对公布期限".
//!
//! Fix: none; add the 落款 date, or keep the page's publication date with the text.

use super::super::prelude::*;
use super::anchor;

pub const RULE: Rule = Rule {
    code: "T06",
    name: "publication-date-present",
    severity: Severity::Info,
    source: include_str!("t06_publication_date_present.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.report.meta.published.is_none() {
        sink.push(
            anchor(ctx),
            "未找到发布日期（页面“发布时间”或文末落款日期），无法核对公布期限",
            "no publication date found (page header or the date of the signature); the deadline cannot be checked",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::rules::testing::{clean_report, run};

    const TITLE: &str = "某某县发展和改革局2024年政府信息公开工作年度报告";

    #[test]
    fn silent_with_a_page_header_or_a_signature() {
        assert!(run(&RULE, &doc(TITLE, Some("2025-02-10"), "")).is_empty());
        assert!(run(&RULE, &clean_report()).is_empty());
    }

    #[test]
    fn reports_a_missing_date_at_the_title() {
        let src = doc(TITLE, None, "");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].range.clone()], TITLE);
    }
}
