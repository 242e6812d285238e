//! Prints a generated sample report: `cargo run --example render_sample -- SEED LAYOUT`.
use nianbao::sample::{Layout, Stats};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let layout = match args.get(2).map(String::as_str) {
        Some("pipe-terminated") => Layout::PipeTerminated,
        Some("pipe-led") => Layout::PipeLed,
        Some("lone-pipe") => Layout::LonePipe,
        Some("markdown") => Layout::Markdown,
        Some("one-line") => Layout::OneLine,
        Some("column-major") => Layout::ColumnMajor,
        Some("html") => Layout::Html,
        _ => Layout::CellPerLine,
    };
    print!("{}", Stats::generate(seed).render(layout));
}
