//! F04 basis-cites-current-format: a report for 2021 or later that names its format basis
//! names 国办公开办函〔2021〕30号, not the 2019 trial format 〔2019〕60号.
//!
//! Why: the opening paragraph usually says which format the report follows ("根据《…关于印发
//! 〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）…编制"). From
//! the 2021 reports on, citing 国办公开办函〔2019〕60号 or the "年度报告格式（试行）" names a
//! superseded basis, usually a paragraph copied from a 2019 or 2020 report. When no basis is
//! cited at all the reader cannot tell which format was meant (info).
//!
//! Basis: 国办公开办函〔2021〕30号 supersedes 〔2019〕60号 (spec §4.1, §6, §7.2 F04).
//!
//! Example: a 2022 report "根据…（国办公开办函〔2019〕60号）编制" → "2022年度报告引用的年度报告格式依据
//! 为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号".
//!
//! Citations are found by number (brackets and white space tolerated, including a scraped
//! "国办公开办函202130 号") or by title. A wrong number such as 〔2019〕30号 is C03's finding,
//! not this rule's: it still counts as a cited basis. Silent for reports before 2021.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::super::prelude::*;
use super::super::time::anchor;
use super::{report_year, spaced, FIRST_2021_YEAR};

pub const RULE: Rule = Rule {
    code: "F04",
    name: "basis-cites-current-format",
    severity: Severity::Warning,
    source: include_str!("f04_basis_cites_current_format.rs"),
    check,
};

/// "国办公开办函〔2021〕30号", with any bracket, none, or white space.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{}\s*[〔\[［(（【{{<〈]?\s*(?P<y>\d{{4}})\s*[〕\]］)）】}}>〉]?\s*(?:第\s*)?(?P<n>\d{{1,3}})\s*号",
        spaced("国办公开办函")
    ))
    .expect("constant pattern")
});

/// The format's title, "（试行）" marking the 2019 one; also the short "政府信息年度报告格式".
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{}(?:{})?(?:{})?{}(?P<trial>\s*[（(]\s*试\s*行\s*[）)])?",
        spaced("政府信息"),
        spaced("公开"),
        spaced("工作"),
        spaced("年度报告格式"),
    ))
    .expect("constant pattern")
});

/// The title of the 2019 notice, which carried the trial format as its attachment.
static NOTICE_2019: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:{})?{}",
        spaced("国务院办公厅"),
        spaced("政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知")
    ))
    .expect("constant pattern")
});

/// A title and its number in brackets right after it are one citation.
const SAME_CITATION_GAP: usize = 16;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(year) = report_year(ctx).filter(|&y| y >= FIRST_2021_YEAR) else {
        return;
    };
    let text = ctx.text();
    // (range, is the 2019 basis), in text order.
    let mut cited: Vec<(Range<usize>, bool)> = NUMBER
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.range(), &c["y"] == "2019" && &c["n"] == "60")))
        .chain(
            TITLE
                .captures_iter(text)
                .filter_map(|c| Some((c.get(0)?.range(), c.name("trial").is_some()))),
        )
        .chain(NOTICE_2019.find_iter(text).map(|m| (m.range(), true)))
        .collect();
    if cited.is_empty() {
        sink.push(
            anchor(ctx),
            "未引用年度报告格式依据（国办公开办函〔2021〕30号）",
            "no format basis is cited (国办公开办函〔2021〕30号)",
        )
        .severity = Severity::Info;
        return;
    }
    cited.sort_by_key(|(r, _)| r.start);
    let mut old: Vec<Range<usize>> = Vec::new();
    for range in cited
        .into_iter()
        .filter_map(|(r, is_old)| is_old.then_some(r))
    {
        match old.last_mut() {
            Some(last) if range.start <= last.end + SAME_CITATION_GAP => {
                last.end = last.end.max(range.end);
            }
            _ => old.push(range),
        }
    }
    for range in old {
        sink.push(
            ctx.source_range(range),
            format!("{year}年度报告引用的年度报告格式依据为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号"),
            format!("a report for {year} cites the superseded 国办公开办函〔2019〕60号 (the 2019 trial format) as its basis; the basis is 国办公开办函〔2021〕30号"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    fn report(year: i32, opening: &str) -> String {
        format!(
            "某某县发展和改革局{year}年政府信息公开工作年度报告\n{opening}\n一、总体情况\n正文。\n"
        )
    }

    #[test]
    fn silent_on_the_current_basis() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for opening in [
            "本报告根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函[2021]30号）编制。",
            // Brackets lost in scraping, and a space from PDF text.
            "按照国办公开办函202130 号要求编制。",
            "按照《中华人民共和国政府信息公开工作年度报告格式》要求编制。",
        ] {
            assert!(run(&RULE, &report(2024, opening)).is_empty(), "{opening}");
        }
    }

    #[test]
    fn the_2019_notice_is_one_finding_with_its_number() {
        let src = report(
            2022,
            "根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。",
        );
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Warning);
        assert!(src[d.range.clone()].starts_with("国务院办公厅政府信息与政务公开办公室"));
        assert!(src[d.range.clone()].ends_with("〔2019〕60号"));
    }

    #[test]
    fn the_trial_format_title_and_the_old_number() {
        let src = report(
            2023,
            "按照《中华人民共和国政府信息公开工作年度报告格式（试行）》编制。",
        );
        assert_eq!(run(&RULE, &src).len(), 1);
        let src = report(2023, "根据国办公开办函〔2019〕60号编制。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].range.clone()], "国办公开办函〔2019〕60号");
        assert_eq!(
            diags[0].message.zh,
            "2023年度报告引用的年度报告格式依据为已废止的国办公开办函〔2019〕60号（2019年试行格式），应为国办公开办函〔2021〕30号"
        );
    }

    #[test]
    fn no_basis_is_info() {
        let src = report(2024, "现将本报告公布如下。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Info);
    }

    #[test]
    fn silent_before_2021() {
        assert!(run(&RULE, &report(2020, "根据国办公开办函〔2019〕60号编制。")).is_empty());
        assert!(run(&RULE, &report(2020, "现将本报告公布如下。")).is_empty());
    }
}
