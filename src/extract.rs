//! `nianbao extract`: a report's statistics as data.
//!
//! JSON shape (version 1), one object per file:
//! `{"version":1,"path":…,"year":2025,"format":"2021","cells":{…},"unreadable":{…}}`.
//! Every cell id of the detected format is present in `cells`: counts as integers, the fee
//! (and the 2019 procurement amount) as the string written, `null` when the cell is blank,
//! absent or unreadable. Each absent or unreadable cell is also listed in `unreadable` with the
//! reason; a blank cell is not (it was read: it is empty).

use serde_json::{json, Map, Value};

use crate::model::{json_value, CellState, CellValue, Report};

/// Language of human-readable text in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

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
