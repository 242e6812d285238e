//! Documents shared by the benchmarks: generated (seeded), so every run measures the same text.

#![allow(dead_code)] // each bench uses its own part

use nianbao::sample::{Layout, Stats};

/// A report padded with narrative to about `target` bytes (the narrative of real reports is
/// most of their text), as `server_latency` uses.
pub fn report_of_size(seed: u64, target: usize) -> String {
    let base = Stats::generate(seed).render(Layout::Markdown);
    let para = "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切，持续完善主动公开目录，\
                及时更新政府信息公开指南，依法依规做好政府信息公开申请办理工作。\n\n";
    let at = base.find("二、").unwrap_or(0);
    let mut out = base[..at].to_string();
    while out.len() + base.len() - at < target {
        out.push_str(para);
    }
    out.push_str(&base[at..]);
    out
}

/// Padded reports one after another up to about `target` bytes.
pub fn large_document(target: usize) -> String {
    let mut big = String::new();
    let mut seed = 1;
    while big.len() < target {
        big.push_str(&report_of_size(seed, 20_000));
        seed += 1;
    }
    big
}

/// The byte offset of the first narrative line and of a table-三 digit: where the benchmarks
/// type.
pub fn edit_points(text: &str) -> (usize, usize) {
    let narrative = text
        .find("本机关坚持")
        .or_else(|| text.find("本机关认真"))
        .expect("narrative");
    let row = text.find("| （一）予以公开 |").expect("table 三 row");
    let digit = row
        + text[row..]
            .find(|c: char| c.is_ascii_digit())
            .expect("digit");
    (narrative, digit)
}

/// `examples/reports/with-defects-2025.md` (a report with many findings) with its section-一
/// paragraphs repeated inside section 一 up to about `target` bytes: the 20 KB document of
/// issue 18's comparison with other linters' servers.
pub fn defects_report(target: usize) -> String {
    let base = include_str!("../../examples/reports/with-defects-2025.md");
    let one = base.find("一、总体情况").expect("section 一");
    let body = one + base[one..].find('\n').expect("heading line") + 1;
    let two = base.find("二、主动公开").expect("section 二");
    let paragraphs = &base[body..two];
    let mut out = base[..two].to_string();
    while out.len() + paragraphs.len() + base.len() - two <= target {
        out.push_str(paragraphs);
    }
    out.push_str(&base[two..]);
    out
}

/// `copies` copies of [`defects_report`] of about 20 KB one after another.
pub fn defects_document(copies: usize) -> String {
    defects_report(20_000).repeat(copies)
}

/// The blocks of [`python_module`]: each a function with a docstring and comments (the prose)
/// and two findings of ruff's default rules (ruff 0.17's defaults, which are wider than the
/// classic `E4, E7, E9, F`), named in the trailing comments; `{i}` numbers the block so that no
/// two blocks define the same name (which would add F811 findings).
const PYTHON_BLOCKS: [&str; 4] = [
    r##"def summarize_batch_{i}(records, threshold=10, skipped=[]):  # B006: mutable default
    """Summarise the records of batch {i}: count those above the threshold and
    report their share, as the quarterly table of this section expects."""
    # The records arrive in publication order; the threshold comes from the settings.
    size = len(records)  # F841: assigned, never used
    count = 0
    for record in records:
        if record.value is None:
            skipped.append(record)
        elif record.value > threshold:
            count += 1
    return count / max(len(records), 1)


"##,
    r##"def load_requests_{i}(path, limit=25):
    """Read the requests of register {i} from a file, at most `limit` of them,
    skipping blank lines and the comments the clerks leave at the top."""
    import json  # F401: imported, never used
    # Each request is one line; the fields are separated by tabs.
    requests = list()  # C408: unnecessary `list()` call
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            requests.append(line.rstrip("\n").split("\t"))
    return requests[:limit]


"##,
    r##"def classify_outcome_{i}(outcome, rows):
    """Map the outcome of request {i} to the row of the annual table where it is
    counted, and say whether the row needs a reason given in prose."""
    # Outcomes come from the register as short codes; unknown ones are kept apart.
    if outcome in rows.keys():  # SIM118: `in dict.keys()`
        return rows[outcome], outcome != "granted"
    label = f"unknown"  # F541: f-string without placeholders
    return 0, label


"##,
    r##"def merge_counts_{i}(left, right, period):
    """Add the counts of two registers for period {i}, key by key, keeping the
    keys of both; a key missing on one side counts as zero there."""
    # Both sides are dictionaries from row names to whole numbers.
    merged = {}
    for key in set(left) | set(right):
        try:
            merged[key] = left.get(key, 0) + right.get(key, 0)
        except:  # E722: bare except
            merged[key] = 0
    return merged, "period %s" % period  # UP031: printf-style formatting


"##,
];

/// A Python module of about `target` bytes for the peers benchmark's ruff rows, with a density
/// of ruff findings comparable to [`defects_report`]'s of nianbao findings (two per block of
/// about 550 bytes, ~70 in 20 KB): a module docstring, two unused imports (F401), a constant,
/// then [`PYTHON_BLOCKS`] in turn, numbered, until the size is reached.
pub fn python_module(target: usize) -> String {
    let mut out = String::from(
        r#""""Counts for the annual report on the disclosure of government information.

The functions below read the registers of requests, classify their outcomes and add
the counts of the periods, as the tables of the report expect them.
"""
import os
import sys

BATCH_LIMIT = 100


"#,
    );
    let mut i = 0;
    while out.len() < target {
        let block = PYTHON_BLOCKS[i % PYTHON_BLOCKS.len()];
        out.push_str(&block.replace("{i}", &i.to_string()));
        i += 1;
    }
    out
}

/// The byte offsets where the peers benchmark types into [`python_module`]: the prose of its
/// docstring, and the first digit of `BATCH_LIMIT`.
pub fn python_edit_points(text: &str) -> (usize, usize) {
    let prose = text.find("the disclosure").expect("module docstring");
    let constant = text.find("BATCH_LIMIT = ").expect("BATCH_LIMIT") + "BATCH_LIMIT = ".len();
    (prose, constant)
}

/// A process's resident and peak memory (VmRSS, VmHWM), in MB, from /proc.
pub fn process_memory(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// The fields of a /proc `stat` line after the command name (which is in parentheses and may
/// hold spaces): the state is the first.
fn stat_fields(stat: &str) -> Option<Vec<&str>> {
    Some(stat[stat.rfind(')')? + 2..].split_whitespace().collect())
}

/// The CPU time a process has used so far (user + system, all its threads, ended ones
/// included), from /proc, in steps of the kernel's USER_HZ (100 on Linux: 10 ms).
pub fn process_cpu_time(pid: u32) -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields = stat_fields(&stat)?;
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// Whether any thread of a process is running or waiting for a processor (state `R`).
pub fn process_is_running(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().any(|task| {
        std::fs::read_to_string(task.path().join("stat"))
            .ok()
            .and_then(|stat| stat_fields(&stat)?.first().map(|s| *s == "R"))
            .unwrap_or(false)
    })
}

/// Edit `i` of a benchmark run, in turn typing `字` at `prose` and changing the digit at
/// `digit` (1 ↔ 2): the byte range replaced and the new text.
pub fn alternate_edit(
    i: usize,
    text: &str,
    prose: usize,
    digit: usize,
) -> (std::ops::Range<usize>, &'static str) {
    if i.is_multiple_of(2) {
        (prose..prose, "字")
    } else if &text[digit..digit + 1] == "1" {
        (digit..digit + 1, "2")
    } else {
        (digit..digit + 1, "1")
    }
}

/// The `p` quantile (0..=1) of sorted durations, the nearest rank.
pub fn percentile(sorted: &[std::time::Duration], p: f64) -> std::time::Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}
