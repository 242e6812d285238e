//! Report metadata: title, report year, issuing agency and its kind, publication date and the
//! statistics period.
//!
//! Reports arrive as crawled pages, PDF text and Markdown, so every reader here tolerates white
//! space inside tokens ("2023 年", "2025\n年 1 月"), full-width digits and page chrome. The rules
//! downstream turn these facts into findings (deadlines T03–T05, year consistency T01/T02), so a
//! wrong value is worse than none: every field is `None` unless a specific pattern supports it.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::read::text::TextView;

/// A value and the source byte range it was read from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Who issued the report; decides the legal deadline (spec §3.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssuerKind {
    /// A department of a government at county level or above: publish by 1月31日.
    Department,
    /// A county-level or higher government itself: publish by 3月31日.
    Government,
    /// 乡镇 / 街道 / 苏木 / 嘎查: no statutory date.
    Township,
}

/// A calendar date; always valid when built through [`Date::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, if it exists in the Gregorian calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where a publication date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A page header: 发布时间 / 发布日期 / 公开日期.
    PageMeta,
    /// The trailing 落款 date.
    Signature,
    /// A date line right after the title, e.g. "(2026年1月23日)".
    AfterTitle,
}

/// What the report says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Meta {
    /// The title as written; a title wrapped over two lines is joined.
    pub title: Option<Spanned<String>>,
    /// The year the report covers (never taken from a publication date).
    pub year: Option<Spanned<i32>>,
    /// The issuing agency, white space removed.
    pub agency: Option<Spanned<String>>,
    /// Derived from `agency` by [`issuer_kind`].
    pub issuer_kind: Option<IssuerKind>,
    /// The publication date: a page header first (the deadline is about publishing), then the
    /// 落款 date, then a date line under the title.
    pub published: Option<(Spanned<Date>, DateSource)>,
    /// The stated statistics period, when both ends are full dates.
    pub stat_period: Option<(Spanned<Date>, Spanned<Date>)>,
}

/// A value with a range in view coordinates; converted to source ranges at the end.
type Found<T> = (T, Range<usize>);

/// A found value with its range mapped back to the source.
fn spanned<T>(view: &TextView, (value, range): Found<T>) -> Spanned<T> {
    Spanned {
        value,
        span: view.source_range(range),
    }
}

/// Reads the metadata of a report. Year and agency come from the title when there is one, else
/// from sentences of the opening paragraph; the year last from a statistics period starting on
/// 1 January.
pub fn read_meta(view: &TextView) -> Meta {
    let text = view.text.as_str();
    // Only the top and the end of the text are read line by line (and the statistics period
    // where "统计" occurs): a long document costs little more than a short one.
    let first_lines: Vec<Range<usize>> = lines(text).take(FIRST_LINES).collect();
    let last_lines = last_lines(text, SIGNATURE_WINDOW);
    // Page headers and the opening paragraph come before the first section heading; searching
    // only there keeps body sentences ("…发布日期…", "请与我局联系") out.
    let head_end = lines(text)
        .find(|l| squeezed_starts_with(&text[l.clone()], &['一', '、']))
        .map_or(text.len(), |l| l.start);
    let head = Squeezed::new(text, std::slice::from_ref(&(0..head_end)));

    let title = find_title(text, &first_lines);
    let (mut year, mut agency) = (None, None);
    if let Some((parts, _)) = &title {
        (year, agency) = title_facts(&Squeezed::new(text, parts));
    }
    let (phrase_year, phrase_agency) = phrase_facts(&head);
    let period = stat_period(text);
    year = year.or(phrase_year).or_else(|| {
        // A period starting on 1 January names the year it covers.
        let p = period.as_ref()?;
        let start = p.start.0;
        (start.month == 1 && start.day == 1).then(|| (start.year, p.year.clone()))
    });
    agency = agency.or(phrase_agency);

    let published = page_meta_date(&head)
        .map(|d| (d, DateSource::PageMeta))
        .or_else(|| signature_date(text, &last_lines).map(|d| (d, DateSource::Signature)))
        .or_else(|| {
            let (_, last) = title.as_ref()?;
            after_title_date(text, &first_lines, *last).map(|d| (d, DateSource::AfterTitle))
        });

    Meta {
        title: title.and_then(|(parts, _)| {
            let value: String = parts.iter().filter_map(|r| text.get(r.clone())).collect();
            let range = parts.first()?.start..parts.last()?.end;
            Some(spanned(view, (value, range)))
        }),
        year: year.map(|y| spanned(view, y)),
        issuer_kind: agency.as_ref().and_then(|(name, _)| issuer_kind(name)),
        agency: agency.map(|a| spanned(view, a)),
        published: published.map(|(d, src)| (spanned(view, d), src)),
        stat_period: period.map(|p| (spanned(view, p.start), spanned(view, p.end))),
    }
}

/// Classifies an agency name (spec §3.8). `None` when the name fits no pattern with confidence.
pub fn issuer_kind(agency: &str) -> Option<IssuerKind> {
    use IssuerKind::*;
    let name: String = agency.chars().filter(|c| !c.is_whitespace()).collect();
    let name = strip_parenthetical(&name);
    if name.chars().count() < 2 {
        return None;
    }
    if let Some(base) = name
        .strip_suffix("人民政府")
        .or_else(|| name.strip_suffix("政府"))
    {
        return region_kind(base);
    }
    if name.ends_with("街道办事处") || name.ends_with("街道办") {
        return Some(Township);
    }
    if name.ends_with("行署") || name.ends_with("行政公署") {
        return Some(Government);
    }
    // The 管委会 of a pilot or development zone (平潭综合实验区, 高新区) is not a 人民政府 in
    // law: which deadline (Art. 49) and whether Art. 50(四) apply is not certain, so the kind
    // is left unknown (a configuration can set it).
    if zone(name) || name.ends_with("管理委员会") || name.ends_with("管委会") {
        return None;
    }
    const DEPARTMENT: &str = "局 委 委员会 办 办公室 办公厅 厅 中心 署 院";
    if DEPARTMENT.split(' ').any(|s| name.ends_with(s)) {
        // The office of a township government is part of the township.
        const TOWNSHIP_ORGANS: [&str; 4] = ["乡人民政府", "镇人民政府", "苏木人民政府", "街道"];
        return Some(if TOWNSHIP_ORGANS.iter().any(|s| name.contains(s)) {
            Township
        } else {
            Department
        });
    }
    region_kind(name)
}

/// The kind of a bare place name ("兴和县", "昌吉市阿什里乡").
/// A special zone rather than an administrative district.
fn zone(name: &str) -> bool {
    const ZONES: [&str; 8] = [
        "实验区",
        "试验区",
        "开发区",
        "高新区",
        "新区",
        "示范区",
        "保税区",
        "园区",
    ];
    ZONES.iter().any(|z| name.ends_with(z))
}

fn region_kind(base: &str) -> Option<IssuerKind> {
    const TOWNSHIP: [&str; 5] = ["乡", "镇", "街道", "苏木", "嘎查"];
    const GOVERNMENT: [&str; 7] = ["县", "区", "市", "旗", "盟", "州", "省"];
    if base.chars().count() < 2 {
        None
    } else if TOWNSHIP.iter().any(|s| base.ends_with(s)) {
        Some(IssuerKind::Township)
    } else if GOVERNMENT.iter().any(|s| base.ends_with(s)) {
        Some(IssuerKind::Government)
    } else {
        None
    }
}

/// "平潭综合实验区（管委会）" → "平潭综合实验区".
fn strip_parenthetical(name: &str) -> &str {
    if name.ends_with([')', '）']) {
        if let Some(i) = name.rfind(['(', '（']) {
            return &name[..i];
        }
    }
    name
}

macro_rules! regex {
    ($pattern:expr) => {{
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new(&$pattern).expect("constant pattern"))
    }};
}

/// A year in Arabic or Chinese numerals ("2024", "二〇二四").
const YEAR: &str = "(?:19[0-9]{2}|20[0-9]{2}|[一二][〇零○Ｏ一二三四五六七八九]{3})";
/// A run of Han characters that may form an agency name; matched lazily before a keyword.
/// Names are at most [`NAME_MAX`] characters; the patterns are compiled with [`NAME_OPEN`]
/// first (see [`name_captures`]) because the bounded form unrolls the Han class forty times
/// and its compilation was most of the time of checking one file.
const NAME: &str = r"[\p{Han}()]{2,40}?";
const NAME_OPEN: &str = r"[\p{Han}()]{2,}?";
const NAME_MAX: usize = 40;

/// The captures of the pattern with the bounded name (`bounded`), found with the same pattern
/// compiled with the open-ended name (`open`). They are the same whenever the open pattern's
/// name is short enough: the bounded pattern's matches are the open one's whose name has at
/// most [`NAME_MAX`] characters, in the same order of preference, so the open pattern's first
/// match, when it qualifies, is the bounded pattern's first match too. Otherwise the bounded
/// pattern is compiled and run. Every match contains one of `keys`: without them in the text,
/// neither pattern is compiled (the Han class makes them costly to build).
fn name_captures<'t>(
    keys: &[&str],
    open: &dyn Fn() -> &'static Regex,
    bounded: &dyn Fn() -> &'static Regex,
    text: &'t str,
    exact_only: bool,
) -> Option<Captures<'t>> {
    if !keys.iter().any(|k| text.contains(k)) {
        return None;
    }
    if !exact_only {
        let open = open();
        let caps = open.captures(text)?;
        if caps
            .name("name")
            .is_none_or(|m| m.as_str().chars().count() <= NAME_MAX)
        {
            return Some(caps);
        }
    }
    bounded().captures(text)
}

/// The byte length of a year at the start of `s`, as [`YEAR`] reads it ("2024", "二〇二四").
fn year_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() >= 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
    {
        return Some(4);
    }
    let mut chars = s.chars();
    let first = chars.next().filter(|c| matches!(c, '一' | '二'))?;
    let mut len = first.len_utf8();
    for _ in 0..3 {
        let c = chars
            .next()
            .filter(|&c| "〇零○Ｏ一二三四五六七八九".contains(c))?;
        len += c.len_utf8();
    }
    Some(len)
}

/// One or two ASCII digits and nothing else.
fn is_digits_1_2(s: &str) -> bool {
    (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// One of 一…九.
fn is_cn_digit(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if "一二三四五六七八九".contains(c))
}

/// A month as written before 月: "1", "12", "十", "十二", "三".
fn is_month(s: &str) -> bool {
    is_digits_1_2(s) || matches!(s, "十" | "十一" | "十二") || is_cn_digit(s)
}

/// A day as written before 日: "1", "31", "十七", "二十", "三十一", "九".
fn is_day(s: &str) -> bool {
    let tens = s.strip_prefix(['一', '二', '三']).unwrap_or(s);
    is_digits_1_2(s)
        || tens
            .strip_prefix('十')
            .is_some_and(|u| u.is_empty() || is_cn_digit(u))
        || is_cn_digit(s)
}

/// The length of `s` up to `stop` when that part is a `form`. Every form is at most three
/// characters and none contains `stop`, so the part is exactly what precedes the first `stop`.
fn before(s: &str, stop: char, form: fn(&str) -> bool) -> Option<usize> {
    let (end, _) = s.char_indices().take(4).find(|&(_, c)| c == stop)?;
    form(&s[..end]).then_some(end)
}

/// The parts of a Chinese-form date "2024年1月17日" (the year may be left out), as byte
/// ranges of the text it was read from.
struct DateParts {
    /// Where the date starts: its year, or its month when it has no year.
    start: usize,
    year: Option<Range<usize>>,
    month: Range<usize>,
    day: Range<usize>,
    /// Just after 日 (or the day's last digit in "2026-01-20").
    end: usize,
}

/// The month and day "1月17日" at `at`.
fn month_day_at(s: &str, at: usize, year: Option<Range<usize>>) -> Option<DateParts> {
    let m = before(s.get(at..)?, '月', is_month)?;
    let d_at = at + m + '月'.len_utf8();
    let d = before(s.get(d_at..)?, '日', is_day)?;
    Some(DateParts {
        start: year.as_ref().map_or(at, |y| y.start),
        year,
        month: at..at + m,
        day: d_at..d_at + d,
        end: d_at + d + '日'.len_utf8(),
    })
}

/// A full date "2024年1月17日" at `at`.
fn cn_date_at(s: &str, at: usize) -> Option<DateParts> {
    let y = year_len(s.get(at..)?)?;
    s.get(at + y..)?.starts_with('年').then_some(())?;
    month_day_at(s, at + y + '年'.len_utf8(), Some(at..at + y))
}

/// A date with or without its year ("2024年12月31日", "12月31日") at `at`: with the year
/// when one is there and the rest reads.
fn cn_date_or_month_day_at(s: &str, at: usize) -> Option<DateParts> {
    cn_date_at(s, at).or_else(|| month_day_at(s, at, None))
}

/// The date of `parts` in `s`; a missing year takes `default_year`.
fn date_of(s: &str, parts: &DateParts, default_year: Option<i32>) -> Option<Date> {
    let year = match &parts.year {
        Some(r) => i32::try_from(parse_num(s.get(r.clone())?)?).ok()?,
        None => default_year?,
    };
    let month = parse_num(s.get(parts.month.clone())?)?;
    let day = parse_num(s.get(parts.day.clone())?)?;
    Date::new(year, month, day).filter(|d| plausible_year(d.year))
}

fn plausible_year(year: i32) -> bool {
    (1990..=2100).contains(&year)
}

/// Parses Arabic digits, digit-by-digit Chinese numerals ("二〇二四") or a Chinese number up to
/// 99 ("十七", "三十一").
fn parse_num(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '0'..='9' => c.to_digit(10),
        '〇' | '零' | '○' | 'Ｏ' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|i| i as u32 + 1),
    };
    // One numeral, or `empty` when there is none ("十" = 1×10 + 0).
    let single = |s: &str, empty: u32| {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Some(empty),
            (Some(c), None) => digit(c),
            _ => None,
        }
    };
    if s.is_empty() || s.chars().count() > 4 {
        return None;
    }
    match s.split_once('十') {
        Some((tens, units)) => Some(single(tens, 1)? * 10 + single(units, 0)?),
        None => s.chars().try_fold(0, |acc, c| Some(acc * 10 + digit(c)?)),
    }
}

/// View text with white space removed, so that tokens split by PDF extraction ("2023 年",
/// "2025\n年") read as one, and with full-width digits and punctuation folded to ASCII. White
/// space between two digits becomes one space, so that "2025-03-1 15:35" does not fuse into
/// another date.
struct Squeezed {
    text: String,
    /// For each byte of `text`, where the character it came from starts in the view, and its
    /// length there (0 for an inserted space). Compact: a squeezed copy of a 10 MB document
    /// would otherwise need 16 bytes per byte.
    starts: Vec<u32>,
    lens: Vec<u8>,
}

impl Squeezed {
    /// Squeezes the given view ranges, in order, as one string.
    fn new(src: &str, ranges: &[Range<usize>]) -> Self {
        let capacity: usize = ranges.iter().map(|r| r.len()).sum();
        let mut out = Squeezed {
            text: String::with_capacity(capacity),
            starts: Vec::with_capacity(capacity),
            lens: Vec::with_capacity(capacity),
        };
        let mut gap = false;
        for range in ranges {
            let Some(part) = src.get(range.clone()) else {
                continue;
            };
            for (i, c) in part.char_indices() {
                let at = range.start + i;
                if c.is_whitespace() {
                    gap = true;
                    continue;
                }
                let folded = fold(c);
                if gap
                    && folded.is_ascii_digit()
                    && out.text.ends_with(|p: char| p.is_ascii_digit())
                {
                    out.push(' ', at..at);
                }
                gap = false;
                out.push(folded, at..at + c.len_utf8());
            }
            gap = true;
        }
        out
    }

    fn push(&mut self, c: char, range: Range<usize>) {
        self.text.push(c);
        // Views are far below 4 GiB; a larger one saturates (its metadata is then unreliable,
        // never out of bounds: `view_range` results are clamped by `TextView::source_range`).
        let start = u32::try_from(range.start).unwrap_or(u32::MAX);
        let len = range.len().min(u8::MAX as usize) as u8;
        // One entry per byte of `c`: pushed, not resized, in this loop that runs per character.
        for _ in 0..c.len_utf8() {
            self.starts.push(start);
            self.lens.push(len);
        }
    }

    fn map(&self, i: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(i)? as usize;
        Some(start..start + *self.lens.get(i)? as usize)
    }

    /// The view range of a range of squeezed text.
    fn view_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        let first = self.map(range.start)?;
        let last = self.map(range.end.checked_sub(1)?)?;
        Some(first.start..last.end.max(first.start))
    }

    fn found<T>(&self, value: T, range: Range<usize>) -> Option<Found<T>> {
        Some((value, self.view_range(range)?))
    }
}

/// Folds full-width digits and the punctuation the patterns look for.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '：' => ':',
        '（' => '(',
        '）' => ')',
        '－' => '-',
        '／' => '/',
        '．' => '.',
        _ => c,
    }
}

/// View ranges of the non-empty lines, trimmed, in text order.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let at = start;
        start += line.len();
        trimmed(line, at)
    })
}

/// The range of `line` (at `at`) without its surrounding white space, if anything is left.
fn trimmed(line: &str, at: usize) -> Option<Range<usize>> {
    let lead = line.len() - line.trim_start().len();
    let body = line.trim();
    (!body.is_empty()).then(|| at + lead..at + lead + body.len())
}

/// The last `n` of [`lines`], in text order, read from the end.
fn last_lines(text: &str, n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut end = text.len();
    while end > 0 && out.len() < n {
        let body_end = end - usize::from(text.as_bytes()[end - 1] == b'\n');
        let start = text[..body_end].rfind('\n').map_or(0, |i| i + 1);
        out.extend(trimmed(&text[start..end], start));
        end = start;
    }
    out.reverse();
    out
}

/// How many of the first lines are read: the title window, the line after it, and the two
/// date lines below a title.
const FIRST_LINES: usize = TITLE_WINDOW + 4;

/// Whether the squeezed `text` ([`Squeezed::new`]) starts with `prefix`, which holds no digit
/// (so no space that squeezing inserts between digits can come first), without squeezing it.
fn squeezed_starts_with(text: &str, prefix: &[char]) -> bool {
    debug_assert!(!prefix.iter().any(char::is_ascii_digit));
    let mut chars = text.chars().filter(|c| !c.is_whitespace()).map(fold);
    prefix.iter().all(|&p| chars.next() == Some(p))
}

fn squeeze_line(text: &str, line: &Range<usize>) -> String {
    Squeezed::new(text, std::slice::from_ref(line)).text
}

/// How many lines the title search looks at; titles sit at the top, after some page chrome.
const TITLE_WINDOW: usize = 40;

/// Finds the title among the first lines: its parts (one per line, view ranges) and the index
/// of its last line. Handles a crawler "标题:" line, a Markdown heading, a site-name suffix, a
/// title wrapped over two lines and an agency line above a title that starts with the year.
fn find_title(text: &str, lines: &[Range<usize>]) -> Option<(Vec<Range<usize>>, usize)> {
    let year_first = |s: &str| year_len(s).is_some_and(|n| s[n..].starts_with('年'));
    for (i, line) in lines.iter().enumerate().take(TITLE_WINDOW) {
        let part = title_part(text, line);
        let sq = squeeze_line(text, &part);
        if sq.starts_with("一、") {
            break; // the body has begun
        }
        if is_title(&sq) {
            if let Some(prev) = i.checked_sub(1).and_then(|j| lines.get(j)) {
                if year_first(&sq) && is_agency_name(&squeeze_line(text, prev)) {
                    return Some((vec![prev.clone(), part], i));
                }
            }
            return Some((vec![part], i));
        }
        let Some(next) = lines.get(i + 1).map(|l| title_part(text, l)) else {
            continue;
        };
        let tail = squeeze_line(text, &next);
        let head_ok = sq.chars().count() <= 50
            && !has_sentence_punct(&sq)
            && (year_first(&sq) || sq.contains("信息公开") || sq.contains("政务公开"));
        if head_ok && tail.chars().count() <= 12 && is_title(&format!("{sq}{tail}")) {
            return Some((vec![part, next], i + 1));
        }
    }
    None
}

/// The title text of a line: without a "标题:" label or Markdown '#', and without a site-name
/// suffix ("…年度报告-沭阳县发改局").
fn title_part(text: &str, line: &Range<usize>) -> Range<usize> {
    let Some(s) = text.get(line.clone()) else {
        return line.clone();
    };
    let start = title_label_len(s);
    let end = site_suffix(s, start).map_or(s.len(), |at| at + "报告".len());
    let Some(body) = s.get(start..end) else {
        return line.clone();
    };
    let lead = body.len() - body.trim_start().len();
    let begin = line.start + start + lead;
    begin..begin + body.trim().len()
}

/// The length of a leading "标题:" label or Markdown '#'s and the white space after them
/// (`^(?:#+|标题(?:\s*[:：]|\s))\s*`).
fn title_label_len(s: &str) -> usize {
    let label = if s.starts_with('#') {
        s.len() - s.trim_start_matches('#').len()
    } else if let Some(rest) = s.strip_prefix("标题") {
        if let Some(after) = rest.trim_start().strip_prefix([':', '：']) {
            s.len() - after.len()
        } else if let Some(ws) = rest.chars().next().filter(|c| c.is_whitespace()) {
            "标题".len() + ws.len_utf8()
        } else {
            return 0;
        }
    } else {
        return 0;
    };
    let rest = &s[label..];
    label + rest.len() - rest.trim_start().len()
}

/// Where a site-name suffix starts at or after `from`: the 报告/年报 that ends the title,
/// followed by a dash or bar (`(?:报告|年报)\s*[-_|｜—–－]`).
fn site_suffix(s: &str, from: usize) -> Option<usize> {
    let tail = s.get(from..)?;
    tail.char_indices().map(|(i, _)| from + i).find(|&at| {
        let rest = &s[at..];
        (rest.starts_with("报告") || rest.starts_with("年报"))
            && rest["报告".len()..]
                .trim_start()
                .starts_with(['-', '_', '|', '｜', '—', '–', '－'])
    })
}

/// The first year with 年 after it (`(?P<y>{YEAR})年度?`): the year's range and the end of
/// the match.
fn first_year(s: &str) -> Option<(Range<usize>, usize)> {
    s.char_indices().find_map(|(at, _)| {
        let n = year_len(&s[at..])?;
        let rest = s[at + n..].strip_prefix('年')?;
        let du = if rest.starts_with('度') {
            '度'.len_utf8()
        } else {
            0
        };
        Some((at..at + n, s.len() - rest.len() + du))
    })
}

fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '，', ',', '；', ';', ':', '！', '!', '？', '?', '、'])
}

/// Whether squeezed text reads as a report title.
fn is_title(sq: &str) -> bool {
    (6..=60).contains(&sq.chars().count())
        && !has_sentence_punct(sq)
        && (sq.contains("信息公开") || sq.contains("政务公开"))
        && (sq.ends_with("报告") || sq.ends_with("年报"))
}

/// Year and agency from a title: the agency stands before the year ("平潭综合实验区2024年度…")
/// or between the year and "政府信息公开" ("2024年上海市科委政府信息公开…").
fn title_facts(sq: &Squeezed) -> (Option<Found<i32>>, Option<Found<String>>) {
    let year_match = first_year(&sq.text);
    let year = year_match
        .as_ref()
        .and_then(|(y, _)| year_at(sq, y.clone()));
    let (pre, post) = year_match.map_or((0, 0), |(y, end)| (y.start, end));
    let agency = if pre > 0 {
        agency_at(sq, 0..pre)
    } else {
        let rest = sq.text.get(post..).unwrap_or("");
        ["政府信息公开", "政务公开", "信息公开"]
            .iter()
            .filter_map(|k| rest.find(k))
            .min()
            .and_then(|end| agency_at(sq, post..post + end))
    };
    (year, agency)
}

fn year_at(sq: &Squeezed, range: Range<usize>) -> Option<Found<i32>> {
    let year = i32::try_from(parse_num(sq.text.get(range.clone())?)?).ok()?;
    sq.found(year, range).filter(|_| plausible_year(year))
}

/// A validated agency name at `range`. A name that ends in "人民" gets its "政府" back: in
/// "…苏木人民政府信息公开" the two words share it.
fn agency_at(sq: &Squeezed, mut range: Range<usize>) -> Option<Found<String>> {
    if sq.text.get(range.clone())?.ends_with("人民")
        && sq.text.get(range.end..)?.starts_with("政府")
    {
        range.end += "政府".len();
    }
    let name = strip_parenthetical(sq.text.get(range.clone())?);
    range.end = range.start + name.len();
    is_agency_name(name)
        .then(|| sq.found(name.to_string(), range))
        .flatten()
}

/// Whether a string can be an agency name: Han characters ending in an organ or place suffix,
/// not a pronoun phrase such as "我局" or "本机关".
fn is_agency_name(name: &str) -> bool {
    const SUFFIXES: &str = "政府 局 委 委员会 办 办公室 厅 中心 署 院 县 区 市 旗 盟 州 省 乡 镇 街道 办事处 苏木 嘎查 管委会";
    let name = strip_parenthetical(name);
    (2..=40).contains(&name.chars().count())
        && name.chars().all(is_han)
        && !name.starts_with(['我', '本', '该', '各', '贵', '其', '此', '关', '全'])
        && SUFFIXES.split(' ').any(|s| name.ends_with(s))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Year and agency from sentences of the opening paragraph, for reports without a usable title.
fn phrase_facts(flat: &Squeezed) -> (Option<Found<i32>>, Option<Found<String>>) {
    phrase_facts_with(flat, false)
}

/// [`phrase_facts`]; `exact_only` runs only the bounded patterns (for the tests).
fn phrase_facts_with(
    flat: &Squeezed,
    exact_only: bool,
) -> (Option<Found<i32>>, Option<Found<String>>) {
    // "现向社会公布2024年兴和县政府信息公开工作年度报告", "现将沐阳县人民政府2025年政府信息公开年度报告".
    let announce = |name: &str| {
        format!(
            "(?:公布|现将)(?:(?P<y1>{YEAR})年度?)?(?P<name>{name})(?:(?P<y2>{YEAR})年度?)?(?:政府)?(?:信息公开|政务公开)(?:工作)?年度?报告"
        )
    };
    // "全文包括扎赉特旗宝力根花苏木人民政府信息公开总体情况".
    let contents = |name: &str| {
        format!(
            "全文包括(?P<name>{name})(?:(?P<y1>{YEAR})年度?)?(?:政府)?信息公开(?:工作)?总体情况"
        )
    };
    // "本年度报告由包头市人民政府外事办公室根据…", "请与…联系": the compiler or the contact,
    // which for a government's own report is its 办公室, so a 政府办公室 here names nobody.
    let compiler = |name: &str| format!("本(?:年度)?报告由(?P<name>{name})(?:根据|依据|按照|编制)");
    let contact = |name: &str| format!("请与(?P<name>{name})联系");

    let text = flat.text.as_str();
    let found = [
        (
            name_captures(
                &["公布", "现将"],
                &|| regex!(announce(NAME_OPEN)),
                &|| regex!(announce(NAME)),
                text,
                exact_only,
            ),
            true,
        ),
        (
            name_captures(
                &["全文包括"],
                &|| regex!(contents(NAME_OPEN)),
                &|| regex!(contents(NAME)),
                text,
                exact_only,
            ),
            true,
        ),
        (
            name_captures(
                &["报告由"],
                &|| regex!(compiler(NAME_OPEN)),
                &|| regex!(compiler(NAME)),
                text,
                exact_only,
            ),
            false,
        ),
        (
            name_captures(
                &["请与"],
                &|| regex!(contact(NAME_OPEN)),
                &|| regex!(contact(NAME)),
                text,
                exact_only,
            ),
            false,
        ),
    ];

    let (mut year, mut agency) = (None, None);
    for (caps, office_ok) in found {
        let Some(caps) = caps else {
            continue;
        };
        if year.is_none() {
            year = ["y1", "y2"]
                .iter()
                .find_map(|g| year_at(flat, caps.name(g)?.range()));
        }
        if agency.is_none() {
            agency = caps
                .name("name")
                .and_then(|m| agency_at(flat, m.range()))
                .filter(|(name, _)| office_ok || !is_government_office(name));
        }
    }
    (year, agency)
}

fn is_government_office(name: &str) -> bool {
    ["政府办公室", "政府办公厅", "政府办"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// A stated statistics period, and where its start year is written.
struct Period {
    start: Found<Date>,
    end: Found<Date>,
    year: Range<usize>,
}

/// "统计期限为2025年1月1日至2025年12月31日", "统计周期为2024年1月1日至12月31日" (the end
/// inherits the start year), "统计期限自2023年1月1日起至2023年12月31日止". Reads what
/// `统计(?:期限|时限|周期|时间段|时段|时间|区间|期间|范围)?(?:为|是|从|自|:)*(?P<a>{DATE})起?(?:至|到|—|-|~|～)(?P<b>(?:{YEAR}年)?{MONTH}月{DAY}日)`
/// would find, match after match, and takes the first with two valid dates.
fn stat_period(text: &str) -> Option<Period> {
    // "统计" in the squeezed text is 统, white space, 计 in the view. Each is read in a squeezed
    // window from its 统 (squeezing from a character that is not a digit gives what squeezing
    // the whole text gives from there), long enough for everything `period_at` reads.
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|t| t.find('统')) {
        let at = from + found;
        from = at + '统'.len_utf8();
        if !text[from..].trim_start().starts_with('计') {
            continue;
        }
        let mut want = 64;
        let window = loop {
            let end = after_chars(text, at, want);
            let window = Squeezed::new(text, std::slice::from_ref(&(at..end)));
            if end == text.len() || period_reach(&window.text) < window.text.len() {
                break window;
            }
            want *= 4;
        };
        if let Some(period) = period_from(&window) {
            return Some(period);
        }
    }
    None
}

/// The byte offset after `n` characters that are not white space, from `at` (or the end).
fn after_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// A bound on how far `period_at` reads from "统计" at the start of `s`: the word after it,
/// the run of 为/是/从/自/: (of any length), then two dates of at most 4 + 1 + 4 + 1 + 4 + 1
/// characters, 起 and the link: 64 bytes past the run are more than enough.
fn period_reach(s: &str) -> usize {
    let mut at = "统计".len().min(s.len());
    at += s[at..].chars().take(3).map(char::len_utf8).sum::<usize>();
    let rest = &s[at.min(s.len())..];
    let run = rest.len() - rest.trim_start_matches(['为', '是', '从', '自', ':']).len();
    at + run + 4 * 40
}

/// The period stated after "统计" at the start of a squeezed window, if its dates are valid.
fn period_from(flat: &Squeezed) -> Option<Period> {
    let s = flat.text.as_str();
    let (a, b) = period_at(s, "统计".len())?;
    let start = date_of(s, &a, None)?;
    let end = date_of(s, &b, Some(start.year))?;
    Some(Period {
        start: flat.found(start, a.start..a.end)?,
        end: flat.found(end, b.start..b.end)?,
        year: flat.view_range(a.year.clone()?)?,
    })
}

/// The two dates of a period after "统计" (at `at`).
fn period_at(s: &str, mut at: usize) -> Option<(DateParts, DateParts)> {
    const WORDS: [&str; 9] = [
        "期限",
        "时限",
        "周期",
        "时间段",
        "时段",
        "时间",
        "区间",
        "期间",
        "范围",
    ];
    if let Some(w) = WORDS.iter().find(|w| s[at..].starts_with(*w)) {
        at += w.len();
    }
    let rest = &s[at..];
    at += rest.len() - rest.trim_start_matches(['为', '是', '从', '自', ':']).len();
    let a = cn_date_at(s, at)?;
    let mut at = a.end;
    if s[at..].starts_with('起') {
        at += '起'.len_utf8();
    }
    let link = s[at..]
        .chars()
        .next()
        .filter(|c| matches!(c, '至' | '到' | '—' | '-' | '~' | '～'))?;
    let b = cn_date_or_month_day_at(s, at + link.len_utf8())?;
    Some((a, b))
}

/// A page-header date: "发布时间:2026-01-20 17:20", "发布日期：2020-01-31", or "公开日期" on one
/// line and the date on the next. Reads what
/// `(?:发布时间|发布日期|公开日期|公开时间):?(?:(?P<i>[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2})(?:[^0-9]|$)|(?P<c>{DATE}))`
/// would find, match after match, and takes the first valid date.
fn page_meta_date(flat: &Squeezed) -> Option<Found<Date>> {
    const KEYS: [&str; 4] = ["发布时间", "发布日期", "公开日期", "公开时间"];
    let s = flat.text.as_str();
    let mut from = 0;
    // The next occurrence of each key at or after `from`, found again only once passed, so
    // that the text is read once however many keys it has.
    let mut next: [Option<usize>; 4] = KEYS.map(|k| s.find(k));
    loop {
        for (n, k) in next.iter_mut().zip(KEYS) {
            if n.is_some_and(|at| at < from) {
                *n = s.get(from..).and_then(|t| t.find(k)).map(|i| from + i);
            }
        }
        let (at, key) = next
            .iter()
            .zip(KEYS)
            .filter_map(|(n, k)| Some(((*n)?, k.len())))
            .min()?;
        let mut i = at + key;
        if s[i..].starts_with(':') {
            i += 1;
        }
        let found = iso_date_at(s, i).or_else(|| cn_date_at(s, i).map(|p| (p.end, p)));
        let Some((end, parts)) = found else {
            from = at + key;
            continue;
        };
        from = end;
        if let Some(found) =
            date_of(s, &parts, None).and_then(|d| flat.found(d, parts.start..parts.end))
        {
            return Some(found);
        }
    }
}

/// "2026-01-20", "2020/1/31", "2020.1.31" at `at`, not followed by a digit: its parts and
/// the end of the match (after the character that follows it, if any).
fn iso_date_at(s: &str, at: usize) -> Option<(usize, DateParts)> {
    let b = s.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let sep = |i: usize| b.get(i).is_some_and(|c| matches!(c, b'-' | b'/' | b'.'));
    if digits(at) < 4 || !sep(at + 4) {
        return None;
    }
    let m = at + 5;
    let m_len = digits(m);
    if !(1..=2).contains(&m_len) || !sep(m + m_len) {
        return None;
    }
    let d = m + m_len + 1;
    let d_len = digits(d);
    if !(1..=2).contains(&d_len) {
        return None;
    }
    let end = d + d_len;
    let after = s[end..].chars().next().map_or(0, char::len_utf8);
    Some((
        end + after,
        DateParts {
            start: at,
            year: Some(at..at + 4),
            month: m..m + m_len,
            day: d..end,
            end,
        },
    ))
}

/// A line that is only a date, optionally in parentheses: "2025年02月17日", "(2026年1月23日)".
fn date_line(text: &str, line: &Range<usize>) -> Option<Found<Date>> {
    let sq = Squeezed::new(text, std::slice::from_ref(line));
    let s = sq.text.as_str();
    let at = usize::from(s.starts_with('('));
    let parts = cn_date_at(s, at)?;
    if !matches!(&s[parts.end..], "" | ")") {
        return None;
    }
    sq.found(date_of(s, &parts, None)?, parts.start..parts.end)
}

/// How many trailing lines may hold the 落款 (agency, date, page chrome).
const SIGNATURE_WINDOW: usize = 12;

/// The 落款 date: a date-only line among the last lines, below the last sentence of the body.
fn signature_date(text: &str, lines: &[Range<usize>]) -> Option<Found<Date>> {
    for line in lines.iter().rev().take(SIGNATURE_WINDOW) {
        if let Some(found) = date_line(text, line) {
            return Some(found);
        }
        let sq = squeeze_line(text, line);
        if sq.ends_with(['。', '；', ';', '！']) || sq.chars().count() > 50 {
            return None; // reached the body
        }
    }
    None
}

/// A date line right below the title, possibly after an agency line (real/008).
fn after_title_date(text: &str, lines: &[Range<usize>], title_end: usize) -> Option<Found<Date>> {
    for line in lines.iter().skip(title_end + 1).take(2) {
        if let Some(found) = date_line(text, line) {
            return Some(found);
        }
        if !is_agency_name(&squeeze_line(text, line)) {
            break;
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::read::text::{text_pieces, TextView};

    /// Texts to compare a hand-written matcher with the regex it replaces on: every corpus
    /// file and generated reports in every layout.
    pub(crate) fn sample_texts() -> Vec<String> {
        use crate::sample::{Layout, Stats};
        let mut out = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        for dir in ["seeds", "real"] {
            let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(e.path()) {
                    out.push(text);
                }
            }
        }
        for seed in 0..3 {
            for layout in Layout::ALL {
                out.push(Stats::generate(seed).render(layout));
            }
        }
        out
    }

    /// The regex readers that the hand-written ones replaced, kept to check them against.
    mod by_regex {
        use super::super::*;

        const MONTH: &str = "(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])";
        const DAY: &str = "(?:[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])";

        fn cn_date(tag: &str) -> String {
            format!("(?P<{tag}y>{YEAR})年(?P<{tag}m>{MONTH})月(?P<{tag}d>{DAY})日")
        }

        fn date_of(caps: &Captures, tag: &str, default_year: Option<i32>) -> Option<Date> {
            let group = |g: &str| caps.name(&format!("{tag}{g}"));
            let year = match group("y") {
                Some(m) => i32::try_from(parse_num(m.as_str())?).ok()?,
                None => default_year?,
            };
            let month = parse_num(group("m")?.as_str())?;
            let day = parse_num(group("d")?.as_str())?;
            Date::new(year, month, day).filter(|d| plausible_year(d.year))
        }

        pub fn year_first(s: &str) -> bool {
            regex!(format!("^{YEAR}年")).is_match(s)
        }

        pub fn title_bounds(s: &str) -> (usize, usize) {
            let start = regex!(r"^(?:#+|标题(?:\s*[:：]|\s))\s*")
                .find(s)
                .map_or(0, |m| m.end());
            let end = regex!(r"(?:报告|年报)\s*[-_|｜—–－]")
                .find_at(s, start)
                .map_or(s.len(), |m| m.start() + "报告".len());
            (start, end)
        }

        pub fn first_year(s: &str) -> Option<(Range<usize>, usize)> {
            let c = regex!(format!("(?P<y>{YEAR})年度?")).captures(s)?;
            Some((c.name("y")?.range(), c.get(0)?.end()))
        }

        pub fn stat_period(flat: &Squeezed) -> Option<(Found<Date>, Found<Date>, Range<usize>)> {
            let re = regex!(format!(
                "统计(?:期限|时限|周期|时间段|时段|时间|区间|期间|范围)?(?:为|是|从|自|:)*(?P<a>{})起?(?:至|到|—|-|~|～)(?P<b>(?:(?P<by>{YEAR})年)?(?P<bm>{MONTH})月(?P<bd>{DAY})日)",
                cn_date("a")
            ));
            re.captures_iter(&flat.text).find_map(|caps| {
                let start = date_of(&caps, "a", None)?;
                let end = date_of(&caps, "b", Some(start.year))?;
                Some((
                    flat.found(start, caps.name("a")?.range())?,
                    flat.found(end, caps.name("b")?.range())?,
                    flat.view_range(caps.name("ay")?.range())?,
                ))
            })
        }

        pub fn page_meta_date(flat: &Squeezed) -> Option<Found<Date>> {
            let re = regex!(format!(
                "(?:发布时间|发布日期|公开日期|公开时间):?(?:(?P<i>(?P<iy>[0-9]{{4}})[-/.](?P<im>[0-9]{{1,2}})[-/.](?P<id>[0-9]{{1,2}}))(?:[^0-9]|$)|(?P<c>{}))",
                cn_date("c")
            ));
            re.captures_iter(&flat.text).find_map(|caps| {
                let tag = if caps.name("i").is_some() { "i" } else { "c" };
                let date = date_of(&caps, tag, None)?;
                flat.found(date, caps.name(tag)?.range())
            })
        }

        pub fn date_line(text: &str, line: &Range<usize>) -> Option<Found<Date>> {
            let sq = Squeezed::new(text, std::slice::from_ref(line));
            let re = regex!(format!(r"^\(?(?P<c>{})\)?$", cn_date("c")));
            let caps = re.captures(&sq.text)?;
            sq.found(date_of(&caps, "c", None)?, caps.name("c")?.range())
        }
    }

    /// Edge cases of the date and title readers: each alone, after a keyword, and inside
    /// parentheses.
    fn date_cases() -> Vec<String> {
        let dates = [
            "2024年1月17日",
            "2024年01月07日",
            "二〇二四年一月十七日",
            "二〇二四年十二月三十一日",
            "二〇二四年十月二十日",
            "2024年十一月三日",
            "2024年13月1日",
            "2024年2月30日",
            "2024年123月1日",
            "2024年1月123日",
            "2024年1月日",
            "2024年月1日",
            "1899年1月1日",
            "20245年1月1日",
            "二〇二年1月1日",
            "2024年1月1日至2024年12月31日",
            "2024年1月1日起至12月31日止",
            "2024年1月1日-2024年13月31日，统计期限为2024年1月1日至2024年12月31日",
            "2024年1月1日至2024年12月",
            "2024年1月1日到2024年十二月三十一日",
            "2024年1月1日~2012月31日",
            "2024-01-17",
            "2024/1/7 15:35",
            "2024.1.7",
            "2024-1-123",
            "2024-123-1",
            "2024-02-30，发布日期:2024-03-01",
            "2024-1-7日",
            "20240-1-7",
            "2024年1月17日)",
            "(2024年1月17日)",
            "(2024年1月17日",
            "2024年1月17日。",
        ];
        let mut out = Vec::new();
        for d in dates {
            for prefix in [
                "",
                "(",
                "统计期限为",
                "统计时间段为:",
                "统计时间为是",
                "统计自",
                "统计",
                "统统计期间",
                "发布时间:",
                "发布日期",
                "公开日期::",
                "公开时间：",
                "发布时间发布日期:",
            ] {
                out.push(format!("{prefix}{d}"));
            }
        }
        for t in [
            "# 标题",
            "## 标题",
            "标题: 某县2024年度政府信息公开工作年度报告-某县人民政府",
            "标题 ：某县2024年报 | 网站",
            "标题某县",
            "标题\u{3000}某县",
            "#标题:某县报告—报告－x",
            "某县年报告 _x",
            "二〇二四年度某县",
            "一〇二四年",
            "2024年度2025年",
            "x19999年",
        ] {
            out.push(t.to_string());
        }
        out
    }

    #[test]
    fn last_lines_are_the_last_of_the_lines() {
        let mut texts = sample_texts();
        texts.extend(
            [
                "",
                "\n",
                "a",
                "a\n",
                "\n\n b \n\n",
                "x\r\ny\r\n",
                " 一 \n\n二\n三",
            ]
            .map(String::from),
        );
        for text in &texts {
            let all: Vec<Range<usize>> = lines(text).collect();
            for n in [0, 1, 3, SIGNATURE_WINDOW, 500] {
                let want = all[all.len().saturating_sub(n)..].to_vec();
                assert_eq!(last_lines(text, n), want, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn hand_written_readers_agree_with_their_regexes() {
        let mut texts = sample_texts();
        texts.extend(date_cases());
        // The windows that `stat_period` squeezes: a long run before the dates, a period
        // wrapped over lines, a first 统计 without a period, digits before 统.
        let run = "为".repeat(300);
        texts.extend([
            format!("统计期限{run}2024年1月1日至2024年12月31日"),
            format!("统计期限{run}{run}2024年1月1日至2024年12月31日"),
            "统\n 计期限为2024 年1\n月1日至12\n月31日".to_string(),
            "12统计表\n统计期限为2023年1月1日至2023年12月31日".to_string(),
            "统计期限为2023年13月1日至2023年12月31日，统计时间为2022年1月1日至12月31日".to_string(),
            format!("统计期限为{}年1月1日至12月31日", "2".repeat(80)),
        ]);
        let mut periods = 0;
        for text in &texts {
            let flat = Squeezed::new(text, std::slice::from_ref(&(0..text.len())));
            let period = stat_period(text).map(|p| (p.start, p.end, p.year));
            periods += usize::from(period.is_some());
            assert_eq!(period, by_regex::stat_period(&flat), "{text}");
            assert_eq!(
                page_meta_date(&flat),
                by_regex::page_meta_date(&flat),
                "{text}"
            );
            assert_eq!(first_year(&flat.text), by_regex::first_year(&flat.text));
            for line in lines(text) {
                let s = &text[line.clone()];
                assert_eq!(
                    date_line(text, &line),
                    by_regex::date_line(text, &line),
                    "{s}"
                );
                let part = title_part(text, &line);
                let (start, end) = by_regex::title_bounds(s);
                let body = &s[start..end];
                let lead = body.len() - body.trim_start().len();
                let begin = line.start + start + lead;
                assert_eq!(part, begin..begin + body.trim().len(), "{s}");
                let sq = squeeze_line(text, &line);
                assert_eq!(
                    year_len(&sq).is_some_and(|n| sq[n..].starts_with('年')),
                    by_regex::year_first(&sq),
                    "{sq}"
                );
                assert_eq!(first_year(&sq), by_regex::first_year(&sq), "{sq}");
            }
        }
        assert!(periods > 10);
    }

    fn meta(src: &str) -> Meta {
        read_meta(&TextView::identity(src))
    }

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    type Summary<'a> = (
        Option<&'a str>,
        Option<i32>,
        Option<IssuerKind>,
        Option<(Date, DateSource)>,
    );

    /// The summary a test compares: agency, year, kind, publication date and source.
    fn summary(m: &Meta) -> Summary<'_> {
        (
            m.agency.as_ref().map(|a| a.value.as_str()),
            m.year.as_ref().map(|y| y.value),
            m.issuer_kind,
            m.published.as_ref().map(|(d, s)| (d.value, *s)),
        )
    }

    #[test]
    fn crawler_header() {
        let src = "标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n发布时间: 2025-03-10 15:35\n文号: \n\
                   ==================== 正文 ====================\n本报告所列数据统计期限为2024年1月1日至2024年12月31日。";
        let m = meta(src);
        assert_eq!(
            summary(&m),
            (
                Some("平潭综合实验区"),
                Some(2024),
                None, // a pilot zone's 管委会: not a 人民政府 in law
                Some((date(2025, 3, 10), DateSource::PageMeta))
            )
        );
        let title = m.title.unwrap();
        assert_eq!(
            title.value,
            "平潭综合实验区2024年度政府信息公开工作年度报告"
        );
        assert_eq!(&src[title.span], title.value);
        let (a, b) = m.stat_period.unwrap();
        assert_eq!((a.value, b.value), (date(2024, 1, 1), date(2024, 12, 31)));
        assert_eq!(&src[a.span], "2024年1月1日");
        assert_eq!(&src[m.year.unwrap().span], "2024");
    }

    #[test]
    fn wrapped_title_and_period_without_second_year() {
        let src = "正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n本年度报告中所列数据统计期限为 2025\n年 1 月 1 日至 12 月 31 日。\n";
        let m = meta(src);
        assert_eq!(
            m.title.as_ref().unwrap().value,
            "2025 年上海市人民政府办公厅政府信息公开工作年度报告"
        );
        assert_eq!(
            summary(&m),
            (
                Some("上海市人民政府办公厅"),
                Some(2025),
                Some(IssuerKind::Department),
                None
            )
        );
        let (a, b) = m.stat_period.unwrap();
        assert_eq!((a.value, b.value), (date(2025, 1, 1), date(2025, 12, 31)));
        assert_eq!(&src[a.span], "2025\n年 1 月 1 日");
        assert_eq!(&src[b.span], "12 月 31 日");
    }

    #[test]
    fn agency_line_above_title_and_chinese_signature() {
        let src = "洪泽区人民政府\n\n2023 年政府信息公开工作年度报告\n\n正文。\n洪泽区人民政府\n二〇二四年一月十七日\n- 5 -\n";
        let m = meta(src);
        assert_eq!(
            m.title.as_ref().unwrap().value,
            "洪泽区人民政府2023 年政府信息公开工作年度报告"
        );
        assert_eq!(
            summary(&m),
            (
                Some("洪泽区人民政府"),
                Some(2023),
                Some(IssuerKind::Government),
                Some((date(2024, 1, 17), DateSource::Signature))
            )
        );
    }

    #[test]
    fn no_title_announcement_and_signature() {
        let src = "根据《条例》的有关规定,现向社会公布2024年兴和县政府信息公开工作年度报告。如对本报告有任何疑问,请与兴和县人民政府办公室联系。\n一、总体情况\n正文。\n2025年02月17日\n";
        let m = meta(src);
        assert_eq!(m.title, None);
        assert_eq!(
            summary(&m),
            (
                Some("兴和县"),
                Some(2024),
                Some(IssuerKind::Government),
                Some((date(2025, 2, 17), DateSource::Signature))
            )
        );
    }

    #[test]
    fn no_title_contents_phrase_township() {
        let src = "本年度报告根据《条例》制作。全文包括扎赉特旗宝力根花苏木人民政府信息公开总体情况,主动公开政府信息情况。所列数据统计期限为2025年1月1日至2025年12月31日。\n一、总体情况\n2026年将继续。\n";
        let m = meta(src);
        assert_eq!(
            summary(&m),
            (
                Some("扎赉特旗宝力根花苏木人民政府"),
                Some(2025),
                Some(IssuerKind::Township),
                None
            )
        );
        assert_eq!(&src[m.agency.unwrap().span], "扎赉特旗宝力根花苏木人民政府");
    }

    #[test]
    fn government_office_as_contact_names_nobody() {
        let m = meta("如对本报告有疑问,请与淮安市洪泽区人民政府办公室联系。\n");
        assert_eq!(m.agency, None);
        assert_eq!(m.year, None);
    }

    #[test]
    fn date_after_title_and_markdown_heading() {
        let src = "# 沐阳县人民政府 2025 年 政府信息公开工作年度报告\n\n沐阳县人民政府\n(2026年1月23日)\n\n正文。\n";
        let m = meta(src);
        assert_eq!(
            summary(&m),
            (
                Some("沐阳县人民政府"),
                Some(2025),
                Some(IssuerKind::Government),
                Some((date(2026, 1, 23), DateSource::AfterTitle))
            )
        );
        assert_eq!(&src[m.published.unwrap().0.span], "2026年1月23日");
    }

    #[test]
    fn site_suffix_and_meta_date_on_next_line() {
        let src = "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局\n采集时间：2025-12-30T21:37:37+08:00\n\
                   2025年12月30日 星期二\n公开日期\n2024-01-17\n正文。\n";
        let m = meta(src);
        assert_eq!(
            m.title.as_ref().unwrap().value,
            "沭阳县发展和改革局2023年政府信息公开年度报告"
        );
        assert_eq!(
            summary(&m),
            (
                Some("沭阳县发展和改革局"),
                Some(2023),
                Some(IssuerKind::Department),
                Some((date(2024, 1, 17), DateSource::PageMeta))
            )
        );
    }

    #[test]
    fn full_width_digits_and_abbreviated_department() {
        let m = meta(
            "２０２４ 年上海市科委政府信息公开工作\n年度报告\n发布日期：２０２５年１月２０日\n",
        );
        assert_eq!(
            summary(&m),
            (
                Some("上海市科委"),
                Some(2024),
                Some(IssuerKind::Department),
                Some((date(2025, 1, 20), DateSource::PageMeta))
            )
        );
    }

    #[test]
    fn year_never_from_publication_date() {
        let m = meta("正文。\n2025年02月17日\n");
        assert_eq!(m.year, None);
        assert!(m.published.is_some());
    }

    #[test]
    fn body_sentences_are_not_page_meta() {
        let m = meta("本报告。\n一、总体情况\n规范性文件发布日期：2024-03-05，请与我局联系。\n");
        assert_eq!(m.published, None);
        assert_eq!(m.agency, None);
    }

    #[test]
    fn kinds() {
        use IssuerKind::*;
        let cases = [
            ("兴安盟行署外事办公室", Some(Department)),
            ("包头市人民政府外事办公室", Some(Department)),
            ("兴和县人民政府办公室", Some(Department)),
            ("县发改局", Some(Department)),
            ("上海市科学技术委员会", Some(Department)),
            ("某市乡村振兴局", Some(Department)),
            ("兴和县", Some(Government)),
            ("淮安市洪泽区人民政府", Some(Government)),
            ("平潭综合实验区", None),
            ("平潭综合实验区（管委会）", None),
            ("某某高新区管委会", None),
            ("兴安盟行政公署", Some(Government)),
            ("镇江市人民政府", Some(Government)),
            ("昌吉市阿什里乡", Some(Township)),
            ("扎赉特旗宝力根花苏木人民政府", Some(Township)),
            ("某某街道办事处", Some(Township)),
            ("某镇人民政府办公室", Some(Township)),
            ("某某公司", None),
            ("", None),
        ];
        for (name, kind) in cases {
            assert_eq!(issuer_kind(name), kind, "{name}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date(2024, 2, 9).to_string(), "2024-02-09");
        assert_eq!(Date::new(2023, 2, 29), None);
        assert!(Date::new(2024, 2, 29).is_some());
        assert_eq!(parse_num("二〇二四"), Some(2024));
        assert_eq!(parse_num("三十一"), Some(31));
        assert_eq!(parse_num("十"), Some(10));
        assert_eq!(parse_num("十二"), Some(12));
    }

    #[test]
    fn spans_through_a_derived_view() {
        let src = "| 标题 | 兴和县2024年政府信息公开工作年度报告 |\n发布时间：2025-02-17\n";
        let view = TextView::from_pieces(&text_pieces(src, 0));
        let m = read_meta(&view);
        assert_eq!(&src[m.agency.unwrap().span], "兴和县");
        assert_eq!(&src[m.published.unwrap().0.span], "2025-02-17");
    }

    #[test]
    fn never_panics() {
        let inputs = [
            "",
            "\n\n\u{3000}\n",
            "报告",
            "2024年",
            "标题:",
            "#",
            "统计期限为2024年1月1日至",
            "统计期限为2024年13月1日至2024年12月31日",
            "发布时间:2025-02-30",
            "人民政府信息公开工作年度报告",
            "全文包括人民政府信息公开总体情况",
            "（）2024年（）政府信息公开年度报告",
            "二〇二四年十三月三十二日",
            "\u{c}é\u{a0}𠀀2024年度年度报告-",
        ];
        for s in inputs {
            let _ = meta(s);
        }
    }

    /// The open-ended name patterns give what the bounded ones give, around the bound too.
    #[test]
    fn open_name_patterns_agree_with_the_bounded_ones() {
        let mut inputs: Vec<String> = Vec::new();
        let han = "沐阳县人民政府办公室发展和改革局外事科技教育卫生健康委员会";
        let han: Vec<char> = han.chars().collect();
        for n in [1, 2, 3, 38, 39, 40, 41, 42, 60, 90] {
            let name: String = (0..n).map(|i| han[i % han.len()]).collect();
            for template in [
                "现将{}2025年政府信息公开年度报告",
                "现向社会公布2024年{}政府信息公开工作年度报告",
                "全文包括{}信息公开总体情况",
                "本年度报告由{}根据条例编制",
                "如有疑问请与{}联系",
                "现将{}报告。现将沐阳县人民政府2025年政府信息公开年度报告",
                "请与{}联系，或请与县政府办公室联系",
            ] {
                inputs.push(template.replace("{}", &name));
            }
        }
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        for dir in ["seeds", "real"] {
            let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(e.path()) {
                    inputs.push(text);
                }
            }
        }
        let mut long = 0;
        for text in &inputs {
            let flat = Squeezed::new(text, std::slice::from_ref(&(0..text.len())));
            let open = phrase_facts_with(&flat, false);
            assert_eq!(open, phrase_facts_with(&flat, true), "{text}");
            long += usize::from(
                regex!(format!("请与(?P<name>{NAME_OPEN})联系"))
                    .captures(&flat.text)
                    .and_then(|c| c.name("name"))
                    .is_some_and(|m| m.as_str().chars().count() > NAME_MAX),
            );
        }
        // The fallback to the bounded patterns was exercised.
        assert!(long > 0);
    }

    type Case = (
        &'static str,
        &'static str,
        i32,
        Option<IssuerKind>,
        Option<(Date, DateSource)>,
    );

    /// Expected facts for the corpus files (spec §10, SOURCES.tsv).
    #[test]
    fn corpus() {
        use DateSource::*;
        use IssuerKind::*;
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        if !std::path::Path::new(root).is_dir() {
            return;
        }
        let pt = "平潭综合实验区";
        #[rustfmt::skip]
        let cases: [Case; 20] = [
            ("seeds/000_", "兴安盟行署外事办公室", 2025, Some(Department), Some((date(2026, 1, 20), PageMeta))),
            ("seeds/001_", "扎赉特旗宝力根花苏木人民政府", 2025, Some(Township), None),
            ("seeds/002_", "兴和县", 2024, Some(Government), Some((date(2025, 2, 17), Signature))),
            ("seeds/003_", "包头市人民政府外事办公室", 2023, Some(Department), None),
            ("seeds/004_", "昌吉市阿什里乡", 2025, Some(Township), None),
            ("real/001.txt", pt, 2024, None, Some((date(2025, 3, 10), PageMeta))),
            ("real/002.txt", pt, 2025, None, Some((date(2026, 3, 10), PageMeta))),
            ("real/003.txt", pt, 2023, None, Some((date(2024, 3, 8), PageMeta))),
            ("real/004.txt", pt, 2022, None, Some((date(2023, 2, 20), PageMeta))),
            ("real/005.txt", pt, 2021, None, Some((date(2022, 2, 8), PageMeta))),
            ("real/006.txt", pt, 2020, None, Some((date(2021, 3, 5), PageMeta))),
            ("real/007.txt", pt, 2019, None, Some((date(2020, 1, 20), PageMeta))),
            ("real/008.txt", "沐阳县人民政府", 2025, Some(Government), Some((date(2026, 1, 23), Signature))),
            ("real/009.txt", "上海市科委", 2024, Some(Department), None),
            ("real/010.txt", "上海市人民政府办公厅", 2025, Some(Department), None),
            ("real/011.txt", "洪泽区人民政府", 2023, Some(Government), None),
            ("real/012.txt", "淮安市洪泽区人民政府", 2024, Some(Government), None),
            ("real/013.txt", "淮安市人民政府", 2024, Some(Government), None),
            ("real/014.txt", "上海市人民政府办公厅", 2019, Some(Department), Some((date(2020, 1, 31), PageMeta))),
            ("real/015.txt", "沭阳县发展和改革局", 2023, Some(Department), Some((date(2024, 1, 17), PageMeta))),
        ];
        for (prefix, agency, year, kind, published) in cases {
            let (dir, name) = prefix.split_once('/').unwrap();
            let Some(path) = std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| {
                    p.file_name()
                        .is_some_and(|f| f.to_string_lossy().starts_with(name))
                })
            else {
                panic!("{prefix} missing");
            };
            let src = std::fs::read_to_string(&path).unwrap();
            let m = meta(&src);
            assert_eq!(
                summary(&m),
                (Some(agency), Some(year), kind, published),
                "{prefix}"
            );
            let span = m.agency.unwrap().span;
            let written: String = src[span].chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(written, agency, "{prefix}");
            // Every file states a full-year period except the two seeds without one.
            if let Some((a, b)) = m.stat_period {
                assert_eq!(
                    (a.value, b.value),
                    (date(year, 1, 1), date(year, 12, 31)),
                    "{prefix}"
                );
            } else {
                assert!(
                    matches!(prefix, "seeds/002_" | "seeds/004_"),
                    "{prefix}: no period"
                );
            }
        }
    }
}
