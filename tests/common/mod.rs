//! Helpers shared by the tests that run the `nianbao` binary.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use nianbao::sample::{Layout, Stats};

/// Runs `nianbao ARGS` in `dir`.
pub fn nianbao_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// A generated clean report, and the same report with the （七）总计 of the 总计 column off by 6.
pub fn reports() -> (String, String) {
    let stats = Stats::generate(7);
    let clean = stats.render(Layout::CellPerLine);
    let right = stats.t3_cell(24, 7).to_string();
    let label = "（七）总计\n\n";
    let at = clean.find(label).unwrap() + label.len();
    // The seventh value after the label.
    let mut pos = at;
    for _ in 0..6 {
        pos += clean[pos..].find("\n\n").unwrap() + 2;
    }
    assert!(clean[pos..].starts_with(&right));
    let wrong = (stats.t3_cell(24, 7) + 6).to_string();
    let bad = format!("{}{}{}", &clean[..pos], wrong, &clean[pos + right.len()..]);
    (clean, bad)
}
pub mod word;
