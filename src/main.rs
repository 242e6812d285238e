//! The `nianbao` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use nianbao::cli::extract::{self, ExtractFormat};
use nianbao::cli::{check, rule, LangArg};

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
        /// Language of the documentation.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Print the statistics of reports as data (JSON, one object per line, or CSV).
    Extract {
        /// Report files or directories (searched as by `check`: .txt, .md, .html, .docx, .pdf).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
        Command::Rule { code, lang } => rule::run(code.as_deref(), lang.into()),
        Command::Server { .. } => {
            return_freed_memory_at_once();
            ExitCode::from(nianbao::server::run() as u8)
        }
        Command::Extract {
            paths,
            format,
            pretty,
            lang,
        } => extract::run(&paths, format, pretty, lang.into()),
    }
}
