//! Rules of the time family (T): the statistics period, the years a report names, and the
//! publication deadlines of 条例 Art. 49 (spec §3.8, §7.5). One file per rule; one line per rule
//! below.

use std::ops::Range;

use super::prelude::*;
use super::Rule;
use crate::read::meta::{Date, DateSource, Spanned};

mod t01_stat_period;
mod t02_year_consistency;
mod t03_deadline_department;
mod t04_deadline_government;
mod t05_deadline_township;
mod t06_publication_date_present;

pub const RULES: &[Rule] = &[
    t01_stat_period::RULE,
    t02_year_consistency::RULE,
    t03_deadline_department::RULE,
    t04_deadline_government::RULE,
    t05_deadline_township::RULE,
    t06_publication_date_present::RULE,
];

/// "2025年1月31日".
pub(crate) fn zh_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// The calendar year a period covers exactly (1 January to 31 December), if it does.
pub(crate) fn whole_year(start: Date, end: Date) -> Option<i32> {
    (start == Date::new(start.year, 1, 1)? && end == Date::new(start.year, 12, 31)?)
        .then_some(start.year)
}

/// The year in the title. Meta reads the report year from the title whenever the title has
/// one, so the report year is the title's exactly when its span lies inside the title's.
pub(crate) fn title_year<'a>(ctx: &Context<'a>) -> Option<&'a Spanned<i32>> {
    let meta = &ctx.report.meta;
    let (title, year) = (meta.title.as_ref()?, meta.year.as_ref()?);
    (title.span.start <= year.span.start && year.span.end <= title.span.end).then_some(year)
}

/// Where a finding about the report as a whole (or about something it lacks) goes: the
/// title, else the first section heading, else the first line of the text — never a number
/// that happens to be nearby.
pub(crate) fn anchor(ctx: &Context) -> Range<usize> {
    let report = ctx.report;
    if let Some(title) = &report.meta.title {
        return title.span.clone();
    }
    if let Some(first) = report.sections.iter().min_by_key(|s| s.heading.span.start) {
        return first.heading.span.clone();
    }
    first_line(ctx)
}

/// The first line of the text that has something on it, up to its first sentence end (a
/// one-line report is one long line), in source positions.
fn first_line(ctx: &Context) -> Range<usize> {
    let text = ctx.text();
    let Some(start) = text.find(|c: char| !c.is_whitespace()) else {
        return 0..0;
    };
    let rest = &text[start..];
    let line = rest.find('\n').map_or(rest, |i| &rest[..i]).trim_end();
    let end = line
        .char_indices()
        .find(|&(_, c)| c == '。')
        .map_or(line.len(), |(i, c)| i + c.len_utf8());
    ctx.source_range(start..start + end)
}

/// The publication date, and how a message names it: a page header is the publication date
/// proper, a 落款 or a date under the title only the date the report bears.
pub(crate) struct Published {
    pub date: Date,
    pub span: Range<usize>,
    /// "本报告发布于2025年3月10日".
    pub zh: String,
    /// "it was published on 2025-03-10".
    pub en: String,
}

pub(crate) fn published(ctx: &Context) -> Option<Published> {
    let (date, source) = ctx.report.meta.published.as_ref()?;
    let d = date.value;
    let (zh, en) = match source {
        DateSource::PageMeta => ("本报告发布于", "it was published on"),
        DateSource::Signature => ("本报告落款日期为", "its signature is dated"),
        DateSource::AfterTitle => ("本报告标注日期为", "it is dated"),
    };
    Some(Published {
        date: d,
        span: date.span.clone(),
        zh: format!("{zh}{}", zh_date(d)),
        en: format!("{en} {d}"),
    })
}

/// Days since 1970-01-01 (the proleptic Gregorian day number of H. Hinnant's
/// `days_from_civil`), to say how late a report is.
fn day_number(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// T03 and T04: a report of issuer `kind` must be published by `month`/`day` of the year after
/// the report year (Art. 49). The deadline day itself is on time ("每年1月31日前" includes it).
pub(crate) fn check_deadline(
    ctx: &Context,
    sink: &mut Sink,
    kind: IssuerKind,
    (month, day): (u32, u32),
    (who_zh, who_en): (&str, &str),
) {
    if ctx.issuer_kind != Some(kind) {
        return;
    }
    let (Some(year), Some(p)) = (ctx.report.meta.year.as_ref(), published(ctx)) else {
        return;
    };
    let Some(deadline) = Date::new(year.value + 1, month, day) else {
        return;
    };
    if p.date <= deadline {
        return;
    }
    let late = day_number(p.date) - day_number(deadline);
    let d = sink.push(
        p.span,
        format!(
            "{who_zh}年报应于{}前公布，{}，逾期{late}天",
            zh_date(deadline),
            p.zh
        ),
        format!(
            "{who_en}'s report is due by {deadline}; {}, {late} days late",
            p.en
        ),
    );
    d.related.push(Related {
        range: year.span.clone(),
        message: Message::new(
            format!("报告年度：{}年", year.value),
            format!("report year: {}", year.value),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small report: a title line, an optional page-header date, an opening paragraph and
    /// the first section heading.
    pub(crate) fn doc(title: &str, published: Option<&str>, opening: &str) -> String {
        let date = published.map_or(String::new(), |d| format!("发布时间: {d}\n"));
        format!("{title}\n{date}{opening}\n一、总体情况\n本年度工作有序开展。\n")
    }

    #[test]
    fn day_numbers() {
        let day = |y, m, d| day_number(Date::new(y, m, d).unwrap());
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(day(2025, 3, 10) - day(2025, 1, 31), 38);
        assert_eq!(day(2024, 3, 1) - day(2024, 2, 28), 2);
        assert_eq!(day(2025, 1, 1) - day(2024, 1, 1), 366);
    }

    #[test]
    fn whole_years() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(whole_year(d(2024, 1, 1), d(2024, 12, 31)), Some(2024));
        assert_eq!(whole_year(d(2024, 1, 1), d(2025, 12, 31)), None);
        assert_eq!(whole_year(d(2024, 1, 1), d(2024, 11, 30)), None);
    }

    /// A finding about something the report lacks goes to the title, else the first section
    /// heading, else the first sentence — never onto a number such as the year.
    #[test]
    fn the_anchor_is_a_title_a_heading_or_the_first_sentence() {
        let at = |src: &str| {
            let report = crate::read::reader::read(src);
            let ctx = Context::new(src, &report);
            src[anchor(&ctx)].to_string()
        };
        let title = "某某县人民政府2024年政府信息公开工作年度报告";
        assert_eq!(at(&doc(title, None, "")), title);
        let untitled = "现向社会公布2024年政府信息公开工作年度报告。本报告电子版可在网站下载。\n一、总体情况\n本年度工作有序开展。\n";
        assert_eq!(at(untitled), "一、总体情况");
        assert_eq!(
            at("\n  2024年，本机关依法公开。其他内容"),
            "2024年，本机关依法公开。"
        );
    }
}
