//! Writes N generated reports (seeded, consistent statistics) in every layout into a folder,
//! for benchmarks: `cargo run --release --example gen_reports -- DIR N [SEED]`.
//!
//! Report i uses seed SEED + i and layout i mod 8; one in ten gets a wrong （七）总计 so that the
//! checker also has findings to report and fixes to offer.

use std::path::PathBuf;

use nianbao::sample::{Layout, Stats};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_reports DIR N [SEED]");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let n: u64 = n.parse().expect("N is a number");
    let seed: u64 = args
        .next()
        .map_or(1, |s| s.parse().expect("SEED is a number"));
    std::fs::create_dir_all(&dir).expect("create the folder");
    let mut bytes = 0;
    for i in 0..n {
        let layout = Layout::ALL[(i % Layout::ALL.len() as u64) as usize];
        let mut text = Stats::generate(seed + i).render(layout);
        if i % 10 == 0 {
            // Break the first （七）总计 total that is written as its own number.
            if let Some(at) = text.find("（七）总计") {
                if let Some(d) = text[at..].find(|c: char| c.is_ascii_digit()) {
                    let p = at + d;
                    let digit = text.as_bytes()[p];
                    let new = if digit == b'9' { "8" } else { "9" };
                    text.replace_range(p..p + 1, new);
                }
            }
        }
        let ext = if layout == Layout::Html {
            "html"
        } else if layout == Layout::Markdown {
            "md"
        } else {
            "txt"
        };
        let path = dir.join(format!("report-{i:05}.{ext}"));
        std::fs::write(&path, &text).expect("write a report");
        bytes += text.len();
    }
    eprintln!("{n} reports, {bytes} bytes in {}", dir.display());
}
