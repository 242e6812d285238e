//! `nianbao extract`: a report's statistics as data.
//!
//! JSON shape (version 1), one object per file:
//! `{"version":1,"path":…,"year":2025,"format":"2021","cells":{…},"unreadable":{…}}`.
//! Every cell id of the detected format is present in `cells`: counts as integers, the fee
//! (and the 2019 procurement amount) as the string written, `null` when the cell is blank,
//! absent or unreadable. Each absent or unreadable cell is also listed in `unreadable` with the
//! reason; a blank cell is not (it was read: it is empty).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::{json, Map, Value};

use super::files::Found;
use crate::lang::Lang;
use crate::read::model::{json_value, CellState, CellValue, Report};

/// The JSON object for one report.
pub fn to_json(path: &str, report: &Report, lang: Lang) -> Value {
    let mut cells = Map::new();
    let mut unreadable = Map::new();
    for id in report.cell_ids() {
        let key = id.to_string();
        match report.cell_state(id) {
            CellState::Value(cell) => {
                let CellValue::Number(text) = &cell.value else {
                    unreachable!("a value cell holds a number")
                };
                cells.insert(key, json_value(id, text));
            }
            CellState::Blank(_) => {
                cells.insert(key, Value::Null);
            }
            CellState::Unreadable(reason) => {
                cells.insert(key.clone(), Value::Null);
                let text = match lang {
                    Lang::Zh => reason.message_zh(),
                    Lang::En => reason.message_en(),
                };
                unreadable.insert(key, Value::from(text));
            }
        }
    }
    json!({
        "version": 1,
        "path": path,
        "year": report.meta.year.as_ref().map(|y| y.value),
        "format": report.format.as_str(),
        "cells": cells,
        "unreadable": unreadable,
    })
}

/// CSV header for [`to_csv_rows`].
pub const CSV_HEADER: &str = "path,year,format,cell,value,status,reason";

/// CSV rows for one report: one row per cell, with its status (`ok`, `blank`, `unreadable`).
pub fn to_csv_rows(path: &str, report: &Report, lang: Lang) -> Vec<String> {
    let year = report
        .meta
        .year
        .as_ref()
        .map_or(String::new(), |y| y.value.to_string());
    report
        .cell_ids()
        .into_iter()
        .map(|id| {
            let (value, status, reason) = match report.cell_state(id) {
                CellState::Value(cell) => match &cell.value {
                    CellValue::Number(t) => (t.clone(), "ok", String::new()),
                    CellValue::Blank => (String::new(), "blank", String::new()),
                },
                CellState::Blank(_) => (String::new(), "blank", String::new()),
                CellState::Unreadable(r) => (
                    String::new(),
                    "unreadable",
                    match lang {
                        Lang::Zh => r.message_zh(),
                        Lang::En => r.message_en(),
                    },
                ),
            };
            [
                csv_field(path),
                year.clone(),
                report.format.as_str().to_string(),
                id.to_string(),
                csv_field(&value),
                status.to_string(),
                csv_field(&reason),
            ]
            .join(",")
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The reason a named file is not a report, said of its output: it is still printed, with no
/// cells.
fn unknown_format_note(why: &str, lang: Lang) -> String {
    let why = why
        .trim_end_matches("，已跳过")
        .trim_end_matches("; skipped");
    match lang {
        Lang::Zh => format!("{why}；输出为 \"format\": \"unknown\"，没有单元格"),
        Lang::En => format!("{why}; printed as \"format\": \"unknown\", with no cells"),
    }
}

/// `--format` of `nianbao extract`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Csv,
}

/// `nianbao extract PATH…`: each report's statistics on standard output; exit status 2 when a
/// file could not be read (the others are still printed). Directories are searched as by
/// `nianbao check`; a file found there that is not an annual report is skipped, a file named on
/// the command line is always printed (as `"format":"unknown"` when it is not a report) with a
/// word on standard error.
pub fn run(paths: &[PathBuf], format: ExtractFormat, pretty: bool, lang: Lang) -> ExitCode {
    let (files, unreadable) = match super::files::discover(paths) {
        Ok(found) => found,
        Err(e) => {
            say!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = !unreadable.is_empty();
    for (path, e) in unreadable {
        say!("nianbao: {path}: {e}");
    }
    if matches!(format, ExtractFormat::Csv) {
        let _ = writeln!(out, "{}", CSV_HEADER);
    }
    for Found { path, named } in files {
        let path = path.as_path();
        let shown = super::files::display(path);
        let read = if crate::read::docx::is_docx_path(path) {
            crate::read::docx::read_file(path)
                .map(|d| d.html)
                .map_err(|e| e.to_string())
        } else if crate::read::pdf::is_pdf_file(path) {
            crate::read::pdf::read_file(path)
                .map(|d| d.html)
                .map_err(|e| e.to_string())
        } else {
            crate::read::input::read_file(path)
                .map(|d| d.text)
                .map_err(|e| e.to_string())
        };
        let text = match read {
            Ok(t) => t,
            Err(e) => {
                say!("nianbao: {shown}: {e}");
                failed = true;
                continue;
            }
        };
        if super::review_page::is_review_page(&text) {
            if named {
                say!(
                    "nianbao: {shown}: {}",
                    match lang {
                        Lang::Zh => "是 nianbao 生成的审阅页面，不是年度报告，已跳过",
                        Lang::En =>
                            "a review page written by nianbao, not an annual report; skipped",
                    }
                );
            }
            continue;
        }
        let report = crate::read::reader::read(&text);
        match crate::lint::not_a_report_reason(&report, lang) {
            Some(_) if !named => continue,
            Some(why) => say!("nianbao: {shown}: {}", unknown_format_note(&why, lang)),
            None => {}
        }
        let written = match format {
            ExtractFormat::Json => {
                let v = to_json(&shown, &report, lang);
                let s = if pretty {
                    serde_json::to_string_pretty(&v)
                } else {
                    serde_json::to_string(&v)
                };
                writeln!(out, "{}", s.unwrap_or_default())
            }
            ExtractFormat::Csv => to_csv_rows(&shown, &report, lang)
                .iter()
                .try_for_each(|row| writeln!(out, "{row}")),
        };
        if written.is_err() {
            return ExitCode::from(2); // stdout closed
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
