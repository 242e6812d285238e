//! T06 publication-date-present: the report shows when it was published.
//!
//! Why: the deadlines of Art. 49 (T03, T04) can only be checked against a date: a page header
//! ("发布时间", "发布日期", "公开日期"), the 落款 date at the end, or a date line under the title.
//! A text without any of them (often a copy taken from a page without its header) cannot be
//! checked; the date should be recorded with the file.
//!
//! Basis: 条例 Art. 49; spec §7.5 T06.
//!
//! Example: a report whose last line is "六、其他需要报告的事项 … 未收取信息处理费。" and with no
//! page header → "未找到发布日期（页面“发布时间”或文末落款日期），无法核对公布期限".
//!
//! Points at the title (else the report year, else the start of the file).

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
