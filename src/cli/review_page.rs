//! The batch review page of `nianbao check --format html`: one self-contained HTML file for an
//! office reviewing hundreds of reports at once. Totals, a chart of findings by rule and one by
//! agency (inline SVG), one row per report with its counts by rule family and its worst
//! findings (the full list folds out), and the files that could not be read.
//!
//! The page loads nothing: CSS and SVG are inline and a few lines of plain JavaScript sort and
//! filter the rows. Every text from a report or a file name is escaped (reports are hostile
//! input); the script holds no data, it reads the escaped DOM, so no text can end it early.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::lang::Lang;
use crate::position::{floor_boundary, LineIndex};
use crate::read::docx::SourceMap;
use crate::rules::diagnostic::{Diagnostic, Severity};

/// One checked report.
pub struct ReportData<'a> {
    pub path: &'a str,
    /// The issuing agency, from the report's metadata.
    pub agency: Option<&'a str>,
    /// The year the report covers, from its metadata.
    pub year: Option<i32>,
    /// The decoded text the diagnostics' ranges point into (for the excerpts).
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// For a Word document (`source` is its HTML): places findings in its paragraphs and
    /// cells, which are shown instead of lines.
    pub docx: Option<&'a SourceMap>,
}

/// A file that could not be read (or fixed), with the reason.
pub struct Failure<'a> {
    pub path: &'a str,
    pub error: &'a str,
}

/// Facts about the run shown in the header.
pub struct RunInfo<'a> {
    /// Files examined, reports or not.
    pub files: usize,
    /// Files that were read but are not annual reports.
    pub skipped: usize,
    /// When the run started, as [`utc_timestamp`] writes it.
    pub started: &'a str,
    pub elapsed: Duration,
    pub version: &'a str,
}

/// Rule families in the catalogue's order; a code's family is its first letter.
const FAMILIES: [char; 8] = ['S', 'F', 'A', 'R', 'X', 'T', 'C', 'W'];

/// Findings shown in a report's row before the fold.
const WORST_SHOWN: usize = 3;

/// Bars in the chart by agency.
const TOP_AGENCIES: usize = 20;

/// Characters of context around a finding in its excerpt (reports converted from PDF are
/// often one line kilobytes long).
const EXCERPT_BEFORE: usize = 30;
const EXCERPT_AFTER: usize = 40;
const EXCERPT_MARKED: usize = 60;

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Escapes text for element content and quoted attribute values. C0 controls other than tab
/// and newline are not allowed in HTML text: they become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Counts by severity: errors, warnings, infos.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            c.add(d.severity);
        }
        c
    }

    /// The class of the worst severity present ("" when there is none).
    fn class(&self) -> &'static str {
        if self.errors > 0 {
            "e"
        } else if self.warnings > 0 {
            "w"
        } else if self.infos > 0 {
            "i"
        } else {
            ""
        }
    }
}

fn family(code: &str) -> char {
    code.chars().next().unwrap_or('?')
}

/// The families to show as columns: the catalogue's, then any other letter a finding has.
fn families(reports: &[ReportData]) -> Vec<char> {
    let mut out = FAMILIES.to_vec();
    let mut extra: Vec<char> = reports
        .iter()
        .flat_map(|r| r.diagnostics)
        .map(|d| family(d.code))
        .filter(|f| !FAMILIES.contains(f))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    out.extend(extra);
    out
}

fn severity_label(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Error => t(lang, "错误", "error"),
        Severity::Warning => t(lang, "警告", "warning"),
        Severity::Info => t(lang, "提示", "info"),
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "e",
        Severity::Warning => "w",
        Severity::Info => "i",
    }
}

/// The start of every page this module writes, up to the generator's version.
const PAGE_START: &str = "<!DOCTYPE html>\n<html lang=\"";
const GENERATOR: &str = "<meta name=\"generator\" content=\"nianbao ";

/// Whether a text is a page written by [`render`] (a review page saved among the reports it
/// reviewed is not a report to check: its title and excerpts look like one).
pub fn is_review_page(text: &str) -> bool {
    let head = &text[..floor_boundary(text, 400)];
    head.starts_with(PAGE_START) && head.contains(GENERATOR)
}

/// `2026-01-23T08:05:09Z` for a time after the epoch (the civil-from-days conversion of the
/// proleptic Gregorian calendar; no time-zone database is needed for UTC).
pub fn utc_timestamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The source line of a range, cut around it, with the range inside `<mark>`; escaped.
fn excerpt(src: &str, index: &LineIndex, range: &std::ops::Range<usize>) -> String {
    let start = floor_boundary(src, range.start);
    let lr = index.line_range(src, index.line_of(start));
    let start = start.clamp(lr.start, lr.end);
    let end = floor_boundary(src, range.end.clamp(start, lr.end));
    let before = &src[lr.start..start];
    let marked = &src[start..end];
    let after = &src[end..lr.end];
    let mut out = String::new();
    let n_before = before.chars().count();
    if n_before > EXCERPT_BEFORE {
        out.push('…');
        let skip: String = before.chars().skip(n_before - EXCERPT_BEFORE).collect();
        out.push_str(&escape(&skip));
    } else {
        out.push_str(&escape(before));
    }
    out.push_str("<mark>");
    let n_marked = marked.chars().count();
    if n_marked > EXCERPT_MARKED {
        let kept: String = marked.chars().take(EXCERPT_MARKED).collect();
        out.push_str(&escape(&kept));
        out.push_str("</mark>…");
        return out;
    }
    out.push_str(&escape(marked));
    out.push_str("</mark>");
    if after.chars().count() > EXCERPT_AFTER {
        let kept: String = after.chars().take(EXCERPT_AFTER).collect();
        out.push_str(&escape(&kept));
        out.push('…');
    } else {
        out.push_str(&escape(after));
    }
    out
}

/// The findings of a report, worst first, in source order within a severity.
fn worst_first(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut v: Vec<&Diagnostic> = diagnostics.iter().collect();
    v.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.range.start.cmp(&b.range.start))
            .then(a.code.cmp(b.code))
    });
    v
}

fn finding_li(out: &mut String, r: &ReportData, index: &LineIndex, d: &Diagnostic, lang: Lang) {
    // A Word document has no lines: the paragraph or cell, and its text.
    let (place, ex) = match r.docx.and_then(|m| m.locate(d.range.clone())) {
        Some(l) => (
            escape(&l.location.describe(lang)),
            excerpt(l.text, &LineIndex::new(l.text), &l.range),
        ),
        None => {
            let lc = index.line_col(r.source, d.range.start);
            (
                format!("{}:{}", lc.line, lc.column),
                excerpt(r.source, index, &d.range),
            )
        }
    };
    let _ = write!(
        out,
        "<li><span class=\"sev {cls}\">{sev}</span> <code>{code}</code> \
         <span class=\"at\">{place}</span> {msg}<pre>{ex}</pre></li>",
        cls = severity_class(d.severity),
        sev = severity_label(lang, d.severity),
        code = escape(d.code),
        msg = escape(d.message.get(lang)),
    );
}

/// One bar of a chart: a label, its tooltip, and counts by severity.
struct Bar {
    key: String,
    label: String,
    tooltip: String,
    counts: Counts,
}

const CHART_WIDTH: usize = 780;
const LABEL_WIDTH: usize = 250;
const BAR_SPACE: usize = 440;
const ROW_HEIGHT: usize = 22;
/// Label width, in columns (a Chinese character takes two), shown before the cut (agency
/// names run long); the tooltip has all.
const LABEL_COLUMNS: usize = 36;

/// `s` cut to at most `columns` display columns, with `…` when cut.
fn cut_to_columns(s: &str, columns: usize) -> String {
    if s.width() <= columns {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in s.chars() {
        used += c.width().unwrap_or(0);
        if used > columns {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A horizontal stacked bar chart (errors, warnings, infos), as inline SVG. Each bar is a
/// `<g class="bar">` carrying its key and counts in data attributes.
fn bar_chart(out: &mut String, id: &str, caption: &str, bars: &[Bar], lang: Lang) {
    let max = bars
        .iter()
        .map(|b| b.counts.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = bars.len() * ROW_HEIGHT + 8;
    let _ = write!(
        out,
        "<figure class=\"chart\" id=\"{id}\"><figcaption>{}</figcaption>\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CHART_WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(caption),
        escape(caption)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4 + i * ROW_HEIGHT;
        let c = b.counts;
        let label = cut_to_columns(&b.label, LABEL_COLUMNS);
        let _ = write!(
            out,
            "<g class=\"bar\" data-key=\"{}\" data-e=\"{}\" data-w=\"{}\" data-i=\"{}\">\
             <title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            escape(&b.key),
            c.errors,
            c.warnings,
            c.infos,
            escape(&b.tooltip),
            LABEL_WIDTH - 6,
            y + 15,
            escape(&label),
        );
        let mut x = LABEL_WIDTH as f64;
        for (n, s) in [
            (c.errors, Severity::Error),
            (c.warnings, Severity::Warning),
            (c.infos, Severity::Info),
        ] {
            if n == 0 {
                continue;
            }
            let w = n as f64 * BAR_SPACE as f64 / max as f64;
            let _ = write!(
                out,
                "<rect class=\"{}\" x=\"{x:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{}\">\
                 <title>{} {n}</title></rect>",
                severity_class(s),
                y + 2,
                w.max(1.0),
                ROW_HEIGHT - 6,
                severity_label(lang, s),
            );
            x += w.max(1.0);
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\">{}</text></g>",
            x + 5.0,
            y + 15,
            c.total()
        );
    }
    out.push_str("</svg></figure>");
}

/// Bars by rule, the most findings first.
fn rule_bars(reports: &[ReportData], lang: Lang) -> Vec<Bar> {
    let mut by_rule: BTreeMap<&str, (Counts, &str)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| r.diagnostics) {
        by_rule
            .entry(d.code)
            .or_insert((Counts::default(), d.name))
            .0
            .add(d.severity);
    }
    let mut bars: Vec<Bar> = by_rule
        .into_iter()
        .map(|(code, (counts, name))| Bar {
            key: code.to_string(),
            label: format!("{code} {name}"),
            tooltip: crate::rules::lookup(code).map_or_else(
                || format!("{code} {name}"),
                |r| format!("{code} {name}: {}", r.summary(lang)),
            ),
            counts,
        })
        .collect();
    bars.sort_by(|a, b| {
        b.counts
            .total()
            .cmp(&a.counts.total())
            .then(a.key.cmp(&b.key))
    });
    bars
}

/// Bars by agency: the [`TOP_AGENCIES`] with the most errors, then the most findings.
/// Reports whose agency was not recognised share one bar.
fn agency_bars(reports: &[ReportData], lang: Lang) -> (Vec<Bar>, usize) {
    let unknown = t(lang, "（未识别机关）", "(agency not recognised)");
    let mut by_agency: HashMap<&str, (Counts, usize)> = HashMap::new();
    for r in reports {
        let e = by_agency.entry(r.agency.unwrap_or(unknown)).or_default();
        e.1 += 1;
        for d in r.diagnostics {
            e.0.add(d.severity);
        }
    }
    let mut bars: Vec<Bar> = by_agency
        .into_iter()
        .filter(|(_, (c, _))| c.total() > 0)
        .map(|(agency, (counts, n))| Bar {
            key: agency.to_string(),
            label: agency.to_string(),
            tooltip: match lang {
                Lang::Zh => format!("{agency}：{n} 份报告"),
                Lang::En => format!("{agency}: {n} report{}", if n == 1 { "" } else { "s" }),
            },
            counts,
        })
        .collect();
    bars.sort_by(|a, b| {
        b.counts
            .errors
            .cmp(&a.counts.errors)
            .then(b.counts.total().cmp(&a.counts.total()))
            .then(a.key.cmp(&b.key))
    });
    let all = bars.len();
    bars.truncate(TOP_AGENCIES);
    (bars, all)
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",system-ui,sans-serif;margin:0 24px 40px;color:#222;font-size:14px}
h1{font-size:22px;margin:20px 0 6px}h2{font-size:17px;margin:26px 0 8px}
.meta{color:#555;margin:0 0 12px}
.totals{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.totals div{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:90px}
.totals b{display:block;font-size:22px}
.e{color:#b3261e}.w{color:#9a6700}.i{color:#1f5fa8}
rect.e{fill:#d93025}rect.w{fill:#f2a600}rect.i{fill:#4a90d9}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-weight:bold;margin:4px 0}
svg text{font-size:12px;fill:#333}
.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
.legend .e i{background:#d93025}.legend .w i{background:#f2a600}.legend .i i{background:#4a90d9}
.controls{margin:8px 0;display:flex;gap:16px;align-items:center}
.controls input[type=search]{width:280px;padding:4px}
table{border-collapse:collapse;width:100%}
#reports{table-layout:fixed;min-width:1100px}
col.path{width:210px}col.agency{width:150px}col.year{width:52px}col.n{width:34px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f6f6;position:sticky;top:0;cursor:pointer;white-space:nowrap}
th.n,td.n{text-align:right;width:2.2em}
td.path{word-break:break-all}
ul.f{margin:0;padding:0;list-style:none}
ul.f li{margin:0 0 6px}
.sev{font-weight:bold}
.at{color:#777}
pre{margin:2px 0 0;padding:3px 6px;background:#f7f7f7;white-space:pre-wrap;word-break:break-all;font-size:12px}
mark{background:#ffe08a}
details summary{cursor:pointer;color:#1f5fa8}
tr[hidden]{display:none}
tbody tr{content-visibility:auto;contain-intrinsic-size:auto 40px}
"#;

/// Sorting by a column header (numbers in `data-v`, text otherwise) and filtering by text
/// and by severity. Reads only the DOM.
const SCRIPT: &str = r#"
(function(){
var table=document.getElementById('reports');if(!table)return;
var body=table.tBodies[0];var dir={};
function key(tr,i){var td=tr.cells[i];var v=td.getAttribute('data-v');return v===null?td.textContent:Number(v);}
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
th.addEventListener('click',function(){
var rows=Array.prototype.slice.call(body.rows);var d=dir[i]=-(dir[i]||1);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i);return (x<y?-1:x>y?1:0)*d;});
var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});body.appendChild(frag);});});
var q=document.getElementById('q'),only=document.getElementById('only');
function filter(){var s=q.value.toLowerCase(),o=only.value;
Array.prototype.forEach.call(body.rows,function(r){
var ok=(!s||r.getAttribute('data-text').toLowerCase().indexOf(s)>=0)&&(!o||Number(r.getAttribute('data-'+o))>0);
r.hidden=!ok;});}
q.addEventListener('input',filter);only.addEventListener('change',filter);
var tm=document.querySelector('time[datetime]');
if(tm){var dt=new Date(tm.getAttribute('datetime'));if(!isNaN(dt))tm.textContent=dt.toLocaleString();}
})();
"#;

/// The whole page.
pub fn render(run: &RunInfo, reports: &[ReportData], failures: &[Failure], lang: Lang) -> String {
    let mut out = String::with_capacity(4096 + reports.len() * 600);
    let total = reports.iter().fold(Counts::default(), |mut acc, r| {
        for d in r.diagnostics {
            acc.add(d.severity);
        }
        acc
    });
    let with_errors = reports
        .iter()
        .filter(|r| r.diagnostics.iter().any(|d| d.severity == Severity::Error))
        .count();
    let title = t(
        lang,
        "政府信息公开工作年度报告检查结果",
        "Annual report review",
    );
    let _ = write!(
        out,
        "{PAGE_START}{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         {GENERATOR}{ver}\">\
         <title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>",
        t(lang, "zh-CN", "en"),
        ver = escape(run.version),
    );
    let _ = write!(
        out,
        "<p class=\"meta\">{} <time datetime=\"{ts}\">{ts}</time> · {} {:.2} {} · nianbao {}</p>",
        t(lang, "检查时间", "Run at"),
        t(lang, "用时", "took"),
        run.elapsed.as_secs_f64(),
        t(lang, "秒", "s"),
        escape(run.version),
        ts = escape(run.started),
    );
    out.push_str("<div class=\"totals\">");
    for (n, label, class) in [
        (run.files, t(lang, "文件", "files"), ""),
        (reports.len(), t(lang, "年度报告", "reports"), ""),
        (
            with_errors,
            t(lang, "有错误的报告", "reports with errors"),
            "e",
        ),
        (total.errors, t(lang, "错误", "errors"), "e"),
        (total.warnings, t(lang, "警告", "warnings"), "w"),
        (total.infos, t(lang, "提示", "infos"), "i"),
        (
            run.skipped,
            t(lang, "非年度报告（跳过）", "not reports (skipped)"),
            "",
        ),
        (
            failures.len(),
            t(lang, "无法读取", "failed"),
            if failures.is_empty() { "" } else { "e" },
        ),
    ] {
        let _ = write!(out, "<div class=\"{class}\"><b>{n}</b>{label}</div>");
    }
    out.push_str("</div>\n");

    if !failures.is_empty() {
        let _ = write!(
            out,
            "<h2 class=\"e\">{}</h2><table id=\"failures\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            t(lang, "无法读取或写入的文件", "Files that could not be read or written"),
            t(lang, "文件", "file"),
            t(lang, "原因", "reason"),
        );
        for f in failures {
            let _ = write!(
                out,
                "<tr><td class=\"path\">{}</td><td>{}</td></tr>",
                escape(f.path),
                escape(f.error)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    if reports.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            t(
                lang,
                "没有检查到年度报告。",
                "No annual report was checked."
            )
        );
        out.push_str("</body></html>\n");
        return out;
    }

    if total.total() > 0 {
        let _ = write!(
            out,
            "<h2>{}</h2><p class=\"legend\"><span class=\"e\"><i></i>{}</span>\
             <span class=\"w\"><i></i>{}</span><span class=\"i\"><i></i>{}</span></p><div class=\"charts\">",
            t(lang, "问题分布", "Findings"),
            severity_label(lang, Severity::Error),
            severity_label(lang, Severity::Warning),
            severity_label(lang, Severity::Info),
        );
        bar_chart(
            &mut out,
            "by-rule",
            t(lang, "按规则", "By rule"),
            &rule_bars(reports, lang),
            lang,
        );
        let (bars, all) = agency_bars(reports, lang);
        let caption = match lang {
            Lang::Zh if all > bars.len() => {
                format!("按机关（问题最多的 {} 个，共 {all} 个）", bars.len())
            }
            Lang::En if all > bars.len() => {
                format!("By agency (top {} of {all})", bars.len())
            }
            _ => t(lang, "按机关", "By agency").to_string(),
        };
        bar_chart(&mut out, "by-agency", &caption, &bars, lang);
        out.push_str("</div>\n");
    }

    let fams = families(reports);
    let _ = write!(
        out,
        "<h2>{}</h2><div class=\"controls\"><input type=\"search\" id=\"q\" placeholder=\"{}\">\
         <select id=\"only\"><option value=\"\">{}</option><option value=\"e\">{}</option>\
         <option value=\"w\">{}</option></select></div>\
         <table id=\"reports\"><colgroup><col class=\"path\"><col class=\"agency\">\
         <col class=\"year\">{}<col></colgroup><thead><tr><th>{}</th><th>{}</th>\
         <th class=\"n\">{}</th><th class=\"n e\">{}</th><th class=\"n w\">{}</th>\
         <th class=\"n i\">{}</th>",
        t(lang, "各报告", "Reports"),
        t(lang, "按文件名或机关筛选", "filter by file or agency"),
        t(lang, "全部报告", "all reports"),
        t(lang, "有错误的", "with errors"),
        t(lang, "有警告的", "with warnings"),
        // Column widths for the fixed layout: the browser need not measure every row of a
        // large page before drawing it.
        "<col class=\"n\">".repeat(3 + fams.len()),
        t(lang, "文件", "file"),
        t(lang, "机关", "agency"),
        t(lang, "年度", "year"),
        t(lang, "错", "E"),
        t(lang, "警", "W"),
        t(lang, "示", "I"),
    );
    for f in &fams {
        let _ = write!(
            out,
            "<th class=\"n\" title=\"{}\">{}</th>",
            family_title(*f, lang),
            escape(&f.to_string())
        );
    }
    let _ = writeln!(
        out,
        "<th>{}</th></tr></thead><tbody>",
        t(lang, "主要问题", "worst findings")
    );
    for r in reports {
        report_row(&mut out, r, &fams, lang);
    }
    out.push_str("</tbody></table>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script></body></html>\n");
    out
}

fn family_title(f: char, lang: Lang) -> &'static str {
    match f {
        'S' => t(lang, "结构", "structure"),
        'F' => t(lang, "格式版本", "format"),
        'A' => t(lang, "算术", "arithmetic"),
        'R' => t(lang, "读取", "reader"),
        'X' => t(lang, "跨报告", "cross-report"),
        'T' => t(lang, "时间", "time"),
        'C' => t(lang, "引用", "citations"),
        'W' => t(lang, "文字", "text"),
        _ => "",
    }
}

fn report_row(out: &mut String, r: &ReportData, fams: &[char], lang: Lang) {
    let c = Counts::of(r.diagnostics);
    let agency = r.agency.unwrap_or("");
    let _ = write!(
        out,
        "<tr data-text=\"{} {}\" data-e=\"{}\" data-w=\"{}\"><td class=\"path\">{}</td><td>{}</td>\
         <td class=\"n\" data-v=\"{}\">{}</td>",
        escape(r.path),
        escape(agency),
        c.errors,
        c.warnings,
        escape(r.path),
        escape(agency),
        r.year.unwrap_or(0),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
    );
    for (n, class) in [(c.errors, "e"), (c.warnings, "w"), (c.infos, "i")] {
        if n == 0 {
            out.push_str("<td class=\"n\" data-v=\"0\"></td>");
        } else {
            let _ = write!(out, "<td class=\"n {class}\" data-v=\"{n}\">{n}</td>");
        }
    }
    for &f in fams {
        let mut fc = Counts::default();
        for d in r.diagnostics.iter().filter(|d| family(d.code) == f) {
            fc.add(d.severity);
        }
        let n = fc.total();
        if n == 0 {
            out.push_str("<td class=\"n\" data-v=\"0\"></td>");
        } else {
            let _ = write!(
                out,
                "<td class=\"n {}\" data-v=\"{n}\" data-fam=\"{}\">{n}</td>",
                fc.class(),
                escape(&f.to_string())
            );
        }
    }
    out.push_str("<td>");
    if !r.diagnostics.is_empty() {
        let index = LineIndex::new(r.source);
        let sorted = worst_first(r.diagnostics);
        out.push_str("<ul class=\"f\">");
        for d in sorted.iter().take(WORST_SHOWN) {
            finding_li(out, r, &index, d, lang);
        }
        out.push_str("</ul>");
        if sorted.len() > WORST_SHOWN {
            let _ = write!(
                out,
                "<details><summary>{}</summary><ul class=\"f\">",
                match lang {
                    Lang::Zh => format!("其余 {} 条", sorted.len() - WORST_SHOWN),
                    Lang::En => format!("{} more", sorted.len() - WORST_SHOWN),
                }
            );
            for d in &sorted[WORST_SHOWN..] {
                finding_li(out, r, &index, d, lang);
            }
            out.push_str("</ul></details>");
        }
    }
    out.push_str("</td></tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::diagnostic::Message;

    fn diag(
        code: &'static str,
        severity: Severity,
        range: std::ops::Range<usize>,
        msg: &str,
    ) -> Diagnostic {
        Diagnostic {
            code,
            name: "test-rule",
            severity,
            range,
            message: Message::new(msg, format!("en: {msg}")),
            fix: None,
            related: Vec::new(),
            also: Vec::new(),
        }
    }

    fn run() -> RunInfo<'static> {
        RunInfo {
            files: 3,
            skipped: 1,
            started: "2026-01-23T08:05:09Z",
            elapsed: Duration::from_millis(1234),
            version: "0.1.0",
        }
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let src = "标题 </script><script>alert(1)</script> & \"x\" 'y'\n";
        let at = src.find("<script>").unwrap();
        let diags = [diag(
            "W03",
            Severity::Error,
            at..at + 8,
            "消息 <b>&</b> \"q\"",
        )];
        let reports = [ReportData {
            path: "a<b>&\"c'.txt",
            agency: Some("</script><img src=x onerror=alert(1)>"),
            year: Some(2024),
            source: src,
            diagnostics: &diags,
            docx: None,
        }];
        let failures = [Failure {
            path: "<bad>.txt",
            error: "</script>\u{1}",
        }];
        let page = render(&run(), &reports, &failures, Lang::Zh);
        // The page's own script is the only one, and closes once.
        assert_eq!(page.matches("<script>").count(), 1, "{page}");
        assert_eq!(page.matches("</script>").count(), 1);
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>&"));
        assert!(page.contains("a&lt;b&gt;&amp;&quot;c&#39;.txt"));
        assert!(page.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains("消息 &lt;b&gt;&amp;&lt;/b&gt; &quot;q&quot;"));
        assert!(page.contains("<mark>&lt;script&gt;</mark>"));
        assert!(page.contains("&lt;/script&gt;\u{FFFD}"));
    }

    #[test]
    fn counts_by_severity_and_family() {
        let src = "一二三四五\n六七八九十\n";
        let diags = [
            diag("A01", Severity::Error, 0..3, "a1"),
            diag("A02", Severity::Warning, 3..6, "a2"),
            diag("T04", Severity::Error, 16..19, "t4"),
            diag("W01", Severity::Info, 6..9, "w1"),
        ];
        let clean: [Diagnostic; 0] = [];
        let reports = [
            ReportData {
                path: "r1.md",
                agency: Some("某某市人民政府"),
                year: Some(2025),
                source: src,
                diagnostics: &diags,
                docx: None,
            },
            ReportData {
                path: "r2.md",
                agency: None,
                year: None,
                source: "",
                diagnostics: &clean,
                docx: None,
            },
        ];
        let page = render(&run(), &reports, &[], Lang::Zh);
        assert!(page.contains("<div class=\"e\"><b>2</b>错误</div>"));
        assert!(page.contains("<div class=\"w\"><b>1</b>警告</div>"));
        assert!(page.contains("<div class=\"i\"><b>1</b>提示</div>"));
        assert!(page.contains("<div class=\"\"><b>2</b>年度报告</div>"));
        assert!(page.contains("<div class=\"e\"><b>1</b>有错误的报告</div>"));
        // Family A: two findings, the worst an error; T one; W one info.
        assert!(page.contains("<td class=\"n e\" data-v=\"2\" data-fam=\"A\">2</td>"));
        assert!(page.contains("<td class=\"n e\" data-v=\"1\" data-fam=\"T\">1</td>"));
        assert!(page.contains("<td class=\"n i\" data-v=\"1\" data-fam=\"W\">1</td>"));
        assert!(!page.contains("data-fam=\"S\""));
        // Worst first: the two errors in source order, then the warning; the info folds.
        let row = &page[page.find("<tr data-text=\"r1.md").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        let a01 = row.find("<code>A01</code>").unwrap();
        let t04 = row.find("<code>T04</code>").unwrap();
        let a02 = row.find("<code>A02</code>").unwrap();
        let fold = row.find("<details>").unwrap();
        let w01 = row.find("<code>W01</code>").unwrap();
        assert!(a01 < t04 && t04 < a02 && a02 < fold && fold < w01, "{row}");
        assert!(row.contains("其余 1 条"));
        // Places are 1-based lines and character columns.
        assert!(row.contains("<span class=\"at\">2:1</span>"));
        assert!(row.contains("<pre><mark>六</mark>七八九十</pre>"));
        // The clean report has a row with no findings.
        let clean_row = &page[page.find("<tr data-text=\"r2.md").unwrap()..];
        let clean_row = &clean_row[..clean_row.find("</tr>").unwrap()];
        assert!(!clean_row.contains("<li"));
        // English labels.
        let en = render(&run(), &reports, &[], Lang::En);
        assert!(en.contains("<b>2</b>errors</div>"));
        assert!(en.contains("en: a1"));
        assert!(en.contains("1 more"));
        assert!(!en.contains("错误"));
    }

    #[test]
    fn charts_have_one_bar_per_rule_and_agency_with_the_counts() {
        let src = "x".repeat(100);
        let two = [
            diag("A02", Severity::Error, 0..1, "m"),
            diag("A02", Severity::Error, 1..2, "m"),
            diag("C01", Severity::Warning, 2..3, "m"),
        ];
        let one = [
            diag("A02", Severity::Error, 0..1, "m"),
            diag("R01", Severity::Info, 0..1, "m"),
        ];
        let none: [Diagnostic; 0] = [];
        let reports = [
            ReportData {
                path: "1.txt",
                agency: Some("甲局"),
                year: Some(2024),
                source: &src,
                diagnostics: &two,
                docx: None,
            },
            ReportData {
                path: "2.txt",
                agency: Some("乙局"),
                year: Some(2024),
                source: &src,
                diagnostics: &one,
                docx: None,
            },
            ReportData {
                path: "3.txt",
                agency: Some("甲局"),
                year: Some(2025),
                source: &src,
                diagnostics: &one,
                docx: None,
            },
            ReportData {
                path: "4.txt",
                agency: Some("丙局"),
                year: Some(2025),
                source: &src,
                diagnostics: &none,
                docx: None,
            },
        ];
        let page = render(&run(), &reports, &[], Lang::Zh);
        let chart = |id: &str| {
            let c = &page[page.find(&format!("id=\"{id}\"")).unwrap()..];
            c[..c.find("</figure>").unwrap()].to_string()
        };
        let rules = chart("by-rule");
        assert_eq!(rules.matches("<g class=\"bar\"").count(), 3);
        assert!(rules.contains("data-key=\"A02\" data-e=\"4\" data-w=\"0\" data-i=\"0\""));
        assert!(rules.contains("data-key=\"R01\" data-e=\"0\" data-w=\"0\" data-i=\"2\""));
        assert!(rules.contains("data-key=\"C01\" data-e=\"0\" data-w=\"1\" data-i=\"0\""));
        // The longest bar first and spanning the whole bar space.
        assert!(rules.find("A02").unwrap() < rules.find("R01").unwrap());
        assert!(rules.contains(&format!("width=\"{BAR_SPACE}.0\"")));
        let agencies = chart("by-agency");
        assert_eq!(
            agencies.matches("<g class=\"bar\"").count(),
            2,
            "no bar for 丙局"
        );
        assert!(agencies.contains("data-key=\"甲局\" data-e=\"3\" data-w=\"1\" data-i=\"1\""));
        assert!(agencies.contains("data-key=\"乙局\" data-e=\"1\" data-w=\"0\" data-i=\"1\""));
        assert!(agencies.contains("甲局：2 份报告"));
    }

    #[test]
    fn agency_chart_keeps_the_top_agencies() {
        let src = "x";
        let err = [diag("A01", Severity::Error, 0..1, "m")];
        let names: Vec<String> = (0..TOP_AGENCIES + 5)
            .map(|i| format!("机关{i:02}"))
            .collect();
        let reports: Vec<ReportData> = names
            .iter()
            .map(|n| ReportData {
                path: n,
                agency: Some(n),
                year: None,
                source: src,
                diagnostics: &err,
                docx: None,
            })
            .collect();
        let (bars, all) = agency_bars(&reports, Lang::En);
        assert_eq!((bars.len(), all), (TOP_AGENCIES, TOP_AGENCIES + 5));
        let page = render(&run(), &reports, &[], Lang::En);
        assert!(page.contains(&format!(
            "By agency (top {TOP_AGENCIES} of {})",
            TOP_AGENCIES + 5
        )));
    }

    #[test]
    fn no_reports_and_failures_only() {
        let failures = [Failure {
            path: "x.txt",
            error: "无法解码",
        }];
        let page = render(&run(), &[], &failures, Lang::Zh);
        assert!(page.contains("没有检查到年度报告"));
        assert!(page.contains("<td class=\"path\">x.txt</td><td>无法解码</td>"));
        assert!(!page.contains("<svg"));
        assert!(page.ends_with("</html>\n"));
    }

    #[test]
    fn pages_are_recognised_as_pages() {
        for lang in [Lang::Zh, Lang::En] {
            assert!(is_review_page(&render(&run(), &[], &[], lang)));
        }
        assert!(!is_review_page(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
        ));
        assert!(!is_review_page("某某局2024年政府信息公开工作年度报告"));
        assert!(!is_review_page(""));
    }

    #[test]
    fn chart_labels_are_cut_by_display_width() {
        assert_eq!(cut_to_columns("A01 t3-row-total", 36), "A01 t3-row-total");
        assert_eq!(cut_to_columns("一二三四五", 6), "一二…");
        assert_eq!(cut_to_columns("abcdefgh", 6), "abcde…");
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let src = format!("{}12345{}", "前".repeat(500), "后".repeat(500));
        let at = src.find("12345").unwrap();
        let ex = excerpt(&src, &LineIndex::new(&src), &(at..at + 5));
        assert_eq!(
            ex,
            format!(
                "…{}<mark>12345</mark>{}…",
                "前".repeat(EXCERPT_BEFORE),
                "后".repeat(EXCERPT_AFTER)
            )
        );
        // A range past the end of its line or the text stays inside the line.
        let src = "ab\ncd";
        assert_eq!(
            excerpt(src, &LineIndex::new(src), &(1..40)),
            "a<mark>b</mark>"
        );
        assert_eq!(
            excerpt(src, &LineIndex::new(src), &(90..99)),
            "cd<mark></mark>"
        );
        // Reversed ranges and ranges inside a character do not panic.
        let src = "一二\n三";
        let index = LineIndex::new(src);
        let reversed = std::ops::Range { start: 4, end: 1 };
        assert_eq!(excerpt(src, &index, &reversed), "一<mark></mark>二");
        assert_eq!(excerpt(src, &index, &(1..5)), "<mark>一</mark>二");
    }

    #[test]
    fn word_documents_name_the_paragraph_and_show_its_text() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
             xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
             <w:p><w:r><w:t>标题</w:t></w:r></w:p>\
             <w:p><w:r><w:t>依据&lt;b&gt;国办函〔2020]109号</w:t></w:r></w:p></w:body></w:document>";
        let docx = crate::read::docx::convert(("word/document.xml", xml), None, None).unwrap();
        let at = docx.html.find("国办函").unwrap();
        let diags = [diag(
            "C01",
            Severity::Warning,
            at..at + "国办函〔2020]109号".len(),
            "m",
        )];
        let reports = [ReportData {
            path: "r.docx",
            agency: None,
            year: None,
            source: &docx.html,
            diagnostics: &diags,
            docx: Some(&docx.map),
        }];
        let page = render(&run(), &reports, &[], Lang::Zh);
        assert!(page.contains("<span class=\"at\">第2段</span>"), "{page}");
        // The paragraph's text as Word shows it (not the HTML), escaped.
        assert!(page.contains("<pre>依据&lt;b&gt;<mark>国办函〔2020]109号</mark></pre>"));
        let en = render(&run(), &reports, &[], Lang::En);
        assert!(en.contains("<span class=\"at\">paragraph 2</span>"));
    }

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(utc_timestamp(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_709_210_096); // a leap day
        assert_eq!(utc_timestamp(t), "2024-02-29T12:34:56Z");
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29, a 400-year leap
        assert_eq!(utc_timestamp(t), "2000-02-29T00:00:00Z");
    }
}
