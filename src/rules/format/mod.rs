//! Rules of the format family (F): whether the report uses the table format of its year
//! (spec §4.4, §7.2). One file per rule; one line per rule below.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, Mutex};

use regex::Regex;

use super::prelude::*;
use super::Rule;
use crate::model::Table;

mod f01_outdated_2019_format;
mod f02_legacy_format;
mod f03_anachronistic_format;
mod f04_basis_cites_current_format;

pub const RULES: &[Rule] = &[
    f01_outdated_2019_format::RULE,
    f02_legacy_format::RULE,
    f03_anachronistic_format::RULE,
    f04_basis_cites_current_format::RULE,
];

/// The first report year of the 2021 format (国办公开办函〔2021〕30号; spec §1, §4.4).
const FIRST_2021_YEAR: i32 = 2021;

/// The report year, when known.
fn report_year(ctx: &Context) -> Option<i32> {
    ctx.report.meta.year.as_ref().map(|y| y.value)
}

/// Tables 二 and 三 that follow `version`, with their names. Table 四 is the same in both
/// formats, so it tells nothing.
fn tables_of<'a>(
    ctx: &Context<'a>,
    version: TableVersion,
) -> Vec<(&'static str, &'static str, &'a Table)> {
    let t = &ctx.report.tables;
    [("表二", "table 二", &t.t2), ("表三", "table 三", &t.t3)]
        .into_iter()
        .filter_map(|(zh, en, table)| Some((zh, en, table.as_ref()?)))
        .filter(|(_, _, table)| table.version == version)
        .collect()
}

/// A pattern for `literal` that tolerates white space between its characters, as PDF text and
/// scraped pages insert it ("国令第 711 号", "年度报告\n格式").
fn spaced(literal: &str) -> String {
    literal
        .chars()
        .map(|c| regex::escape(&c.to_string()))
        .collect::<Vec<_>>()
        .join(r"\s*")
}

/// The first match in `text` of any of `labels` (white space tolerated): its range and label.
fn find_label(text: &str, labels: &[&'static str]) -> Option<(Range<usize>, &'static str)> {
    // Compiled once per label: this runs on every check, and on every edit in the server.
    static COMPILED: LazyLock<Mutex<HashMap<&'static str, Regex>>> =
        LazyLock::new(Default::default);
    labels
        .iter()
        .filter_map(|&l| {
            let re = {
                let mut cache = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
                match cache.get(l) {
                    Some(re) => re.clone(),
                    None => {
                        let re = Regex::new(&spaced(l)).ok()?;
                        cache.insert(l, re.clone());
                        re
                    }
                }
            };
            let m = re.find(text)?;
            Some((m.range(), l))
        })
        .min_by_key(|(r, _)| r.start)
}
