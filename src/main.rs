//! The `nianbao` command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use nianbao::extract::{self, Lang};
use nianbao::input;

/// `eprintln!` that does not panic when standard error cannot be written (closed, a full
/// disk): a message lost is better than a run aborted halfway.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod check;

/// mimalloc rather than the system allocator: reading and checking a report makes many small
/// allocations, and with mimalloc a many-file check runs about 9 % fewer instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The language server re-reads and re-checks the whole document on each edit, allocating and
/// freeing several times its size; mimalloc returns freed pages to the system only after a
/// purge delay (1 s), so between edits the server would keep the pages of the last few edits
/// resident. An immediate purge keeps the resident memory near what is live: after edits of
/// the 10 MB benchmark document, 62–65 MB → 50 MB (`server_latency`; its latency differences
/// were within the run-to-run noise). Not for `check`, whose throughput gains from reusing
/// the pages. `MIMALLOC_PURGE_DELAY` in the environment still decides when it is set.
fn return_freed_memory_at_once() {
    // `mi_option_purge_delay` in the `mi_option_t` enum of the mimalloc 3 bundled by
    // libmimalloc-sys (whose Rust bindings lack the option).
    const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;
    extern "C" {
        fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
    }
    // mimalloc's own setting, when given, wins (and allows comparing the two).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: a plain setter of the linked mimalloc, valid at any time.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告合规检查 — a linter for government information disclosure annual reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports against the rule catalogue (files or directories; default: `.`).
    Check(check::CheckArgs),
    /// Print the rule catalogue, or the documentation of one rule.
    Rule {
        /// A rule code (A01) or name (t3-row-total).
        code: Option<String>,
    },
    /// Print the statistics of reports as data (JSON, one object per line, or CSV).
    Extract {
        /// Report files (.txt, .md, .html, .docx).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Pretty-print JSON (one object per file, indented).
        #[arg(long)]
        pretty: bool,
        /// Language of the reasons given for unreadable cells.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Run the language server on stdin/stdout (for editors).
    Server {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rule { code } => run_rule(code.as_deref()),
        Command::Server { .. } => {
            return_freed_memory_at_once();
            ExitCode::from(nianbao::server::run() as u8)
        }
        Command::Extract {
            files,
            format,
            pretty,
            lang,
        } => run_extract(&files, format, pretty, lang.into()),
    }
}

fn run_extract(files: &[PathBuf], format: ExtractFormat, pretty: bool, lang: Lang) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    if matches!(format, ExtractFormat::Csv) {
        let _ = writeln!(out, "{}", extract::CSV_HEADER);
    }
    for path in files {
        let shown = path.display().to_string();
        let read = if nianbao::docx::is_docx_path(path) {
            nianbao::docx::read_file(path)
                .map(|d| d.html)
                .map_err(|e| e.to_string())
        } else {
            input::read_file(path)
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
        let report = nianbao::reader::read(&text);
        let written = match format {
            ExtractFormat::Json => {
                let v = extract::to_json(&shown, &report, lang);
                let s = if pretty {
                    serde_json::to_string_pretty(&v)
                } else {
                    serde_json::to_string(&v)
                };
                writeln!(out, "{}", s.unwrap_or_default())
            }
            ExtractFormat::Csv => extract::to_csv_rows(&shown, &report, lang)
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

fn run_rule(code: Option<&str>) -> ExitCode {
    let mut out = String::new();
    match code {
        None => {
            for r in nianbao::rules::registry() {
                out.push_str(&format!(
                    "{:<4} {:<28} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary()
                ));
            }
        }
        Some(c) => match nianbao::rules::lookup(c) {
            Some(r) => {
                out.push_str(&format!(
                    "{} {} (default severity: {})\n\n{}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.doc()
                ));
            }
            None => {
                say!("nianbao: 未知的规则 “{c}”（unknown rule; run `nianbao rule` for the list）");
                return ExitCode::from(2);
            }
        },
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
