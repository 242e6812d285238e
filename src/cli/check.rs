//! `nianbao check`: the command-line face of [`crate::lint`]. It finds files, loads their
//! configuration, runs the checks (and fixes), and prints; it knows no rule.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::cli::output::{self, FileDiagnostics, Summary};
use crate::cli::review_page::{self, Failure, ReportData, RunInfo};
use crate::lang::Lang;
use crate::lint::config::{self, Config};
use crate::lint::{self, Settings};
use crate::read::docx::SourceMap;
use crate::rules::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rules::peers::{Peer, PeerSet};

use super::files::{self, display};
use super::LangArg;

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories (directories are searched recursively, `.gitignore` respected,
    /// for .txt, .md, .html, .docx and .pdf files). `-` reads standard input.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Apply safe fixes and write the files back; each change is listed on standard error.
    #[arg(long)]
    fix: bool,
    /// Like --fix, but print only the changes, not the findings left (for a fixing hook next
    /// to a checking one); exit status 0 unless a file could not be read or written.
    #[arg(long, conflicts_with = "output")]
    fix_only: bool,
    /// With --fix, also apply unsafe fixes.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Only these rules: codes or family letters, comma-separated (A01,T).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Not these rules: codes or family letters, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Read the report from standard input; NAME is used in messages and for configuration.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Issuer kind, overriding what is read from the report: department, government, township.
    #[arg(long)]
    issuer_kind: Option<String>,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// Write the report (in --format) to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress bar (it is shown only on a terminal, for many files, outside CI and
    /// pre-commit).
    #[arg(long)]
    no_progress: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
    /// A self-contained review page for many reports.
    Html,
}

/// One checked report.
struct Checked {
    path: String,
    source: String,
    diagnostics: Vec<Diagnostic>,
    /// The report's summary for the cross-file rules, when they run.
    peer: Option<Peer>,
    /// For a Word document: `source` is its HTML, and this places it in Word.
    docx: Option<SourceMap>,
    /// From the report's metadata, for the review page.
    agency: Option<String>,
    year: Option<i32>,
}

impl Checked {
    /// A checked report: its source and findings, the agency and year it names (for the review
    /// page) and, when the cross-file rules run, its summary.
    fn new(
        path: String,
        source: String,
        report: &crate::read::model::Report,
        diagnostics: Vec<Diagnostic>,
        want_peer: bool,
    ) -> Checked {
        Checked {
            peer: want_peer.then(|| Peer::of(&path, report)).flatten(),
            agency: report.meta.agency.as_ref().map(|a| a.value.clone()),
            year: report.meta.year.as_ref().map(|y| y.value),
            path,
            source,
            diagnostics,
            docx: None,
        }
    }
}

/// Why a fix was not written: the file is no longer what was checked.
const CHANGED_MEANWHILE: &str =
    "文件在检查期间被修改，未写入修复（file changed during the check; not written）";

/// Writes the fixed `bytes` over the file `path` was read from, only if it still holds
/// `original` (the bytes it was read as), keeping what the user had:
/// - a symbolic link stays a link: the file it points to is written;
/// - a read-only file (no write permission bit, or not writable by this user) is refused;
/// - the file is replaced atomically (a temporary file in its folder, renamed over it) with
///   its mode, owner and group; when that cannot keep the file as it was (it has several hard
///   links, or its owner cannot be given to a new file), its content is rewritten in place;
/// - the file is compared with `original` once more after the temporary file is written, and
///   its size, modification time and inode right before the rename: an edit made meanwhile
///   is kept and the fix is not written. What remains is the moment between that last look
///   and the rename (microseconds).
fn write_back(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), String> {
    write_back_with(path, original, bytes, &|| {})
}

/// [`write_back`], calling `meanwhile` once the new content is written and before the last
/// comparisons (the tests edit the file there).
fn write_back_with(
    path: &Path,
    original: &[u8],
    bytes: &[u8],
    meanwhile: &dyn Fn(),
) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    let meta = std::fs::metadata(&target).map_err(|e| e.to_string())?;
    if meta.permissions().readonly()
        || std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .is_err()
    {
        return Err("文件为只读，未写入修复（read-only file; not written）".into());
    }
    let unchanged = || -> Result<(), String> {
        let now = std::fs::read(&target).map_err(|e| e.to_string())?;
        if now != original {
            return Err(CHANGED_MEANWHILE.into());
        }
        Ok(())
    };
    unchanged()?;
    if several_links(&meta) {
        return write_in_place(&target, original, bytes, &unchanged);
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.nianbao-{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<bool> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        let owner_kept = keep_owner(&tmp, &meta);
        // After the owner: changing it may clear the set-user-ID bits.
        std::fs::set_permissions(&tmp, meta.permissions())?;
        file.sync_all()?;
        Ok(owner_kept)
    })();
    let owner_kept = match written {
        Ok(kept) => kept,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.to_string());
        }
    };
    if !owner_kept {
        let _ = std::fs::remove_file(&tmp);
        return write_in_place(&target, original, bytes, &unchanged);
    }
    meanwhile();
    let renamed = unchanged()
        .and_then(|_| {
            let now = std::fs::metadata(&target).map_err(|e| e.to_string())?;
            if same_version(&meta, &now) {
                Ok(())
            } else {
                Err(CHANGED_MEANWHILE.into())
            }
        })
        .and_then(|_| replace_file(&tmp, &target).map_err(|e| rename_error(&e)));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed
}

/// The message of a failed rename: one that found the file busy says so.
fn rename_error(e: &std::io::Error) -> String {
    if is_sharing_error(e) {
        format!(
            "文件被其他程序占用或为只读，未写入修复，原文件未改动（the file is open in another \
             program or read-only; the fix was not written and the file is unchanged）: {e}"
        )
    } else {
        e.to_string()
    }
}

/// Rewrites a file's content in its own inode (its links, owner and mode stay as they are).
/// Not atomic: the last comparison is right before the write; when the write fails, the
/// original bytes are written back.
fn write_in_place(
    target: &Path,
    original: &[u8],
    bytes: &[u8],
    unchanged: &dyn Fn() -> Result<(), String>,
) -> Result<(), String> {
    use std::io::{Seek, SeekFrom};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| e.to_string())?;
    unchanged()?;
    let write = |file: &mut std::fs::File, content: &[u8]| -> std::io::Result<()> {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(content)?;
        file.set_len(content.len() as u64)?;
        file.sync_all()
    };
    write(&mut file, bytes).map_err(|e| {
        let _ = write(&mut file, original);
        e.to_string()
    })
}

#[cfg(unix)]
fn several_links(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn several_links(_: &std::fs::Metadata) -> bool {
    false
}

/// Gives `tmp` the owner and group of the file it replaces; `false` when they differ and
/// cannot be given (only root may give a file away).
#[cfg(unix)]
fn keep_owner(tmp: &Path, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = std::fs::metadata(tmp) else {
        return false;
    };
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return true;
    }
    std::os::unix::fs::chown(tmp, Some(meta.uid()), Some(meta.gid())).is_ok()
}

#[cfg(not(unix))]
fn keep_owner(_: &Path, _: &std::fs::Metadata) -> bool {
    true
}

/// The file is the one read: same inode, size and modification time.
fn same_version(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (a.dev(), a.ino()) != (b.dev(), b.ino()) {
            return false;
        }
    }
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Whether two paths name the same file (after links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return (x.dev(), x.ino()) == (y.dev(), y.ino());
        }
        false
    }
    #[cfg(not(unix))]
    {
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

/// Whether a file is the output of an earlier run, which a new run may replace: a review
/// page, a human report (it ends with the summary line), JSON or SARIF (a report is never
/// JSON), or GitHub annotations. Anything else named by `-o` is an input and kept.
fn is_earlier_output(path: &Path) -> bool {
    let Ok(decoded) = crate::read::input::read_file(path) else {
        return false;
    };
    let text = decoded.text.trim_end();
    if text.is_empty() || review_page::is_review_page(text) {
        return true;
    }
    if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        return true;
    }
    let last = text.lines().last().unwrap_or_default();
    let summary = (last.starts_with("共检查 ") && last.contains(" 个文件："))
        || (last.starts_with("Checked ") && last.contains(" file"));
    summary || text.lines().all(|l| l.starts_with("::"))
}

/// The last step of [`write_back`]: `tmp` takes the place of `path` in one rename. On Windows
/// the rename (`MoveFileExW`, replacing) fails while another program holds `path` open without
/// delete sharing — a virus scanner or an indexer for a moment, an editor for longer — so it is
/// tried again for about a second and a half; then the error is returned and `path` is as it was.
fn replace_file(tmp: &Path, path: &Path) -> std::io::Result<()> {
    const WAITS_MS: [u64; 6] = [25, 50, 100, 200, 400, 800];
    retry_while_busy(|| std::fs::rename(tmp, path), is_sharing_error, &WAITS_MS)
}

/// Windows' "access denied" (5), "sharing violation" (32) and "lock violation" (33): the target
/// is open elsewhere. Nothing is retried on other systems, where a rename does not fail so.
fn is_sharing_error(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Runs `op`, and again after each of `waits_ms` while it fails with an error `busy` accepts.
fn retry_while_busy(
    mut op: impl FnMut() -> std::io::Result<()>,
    busy: impl Fn(&std::io::Error) -> bool,
    waits_ms: &[u64],
) -> std::io::Result<()> {
    let mut waits = waits_ms.iter();
    loop {
        match op() {
            Err(e) if busy(&e) => match waits.next() {
                Some(&ms) => std::thread::sleep(std::time::Duration::from_millis(ms)),
                None => return Err(e),
            },
            result => return result,
        }
    }
}

/// What checking one file produced.
#[derive(Default)]
struct FileOutcome {
    checked: Option<Checked>,
    fixed: usize,
    /// What the applied fixes changed.
    changes: Vec<lint::AppliedChange>,
    /// An I/O or encoding error: the file's name and the message.
    error: Option<(String, String)>,
    /// A remark for standard error that is not an error.
    note: Option<String>,
    /// Why the file was skipped as not an annual report.
    not_a_report: Option<String>,
}

/// Reads and checks a Word document or a PDF. It is never written: with `fix`, the fixable
/// findings are reported as they are and a note says that the file was not modified.
///
/// `pdf_bytes`: the bytes of a PDF already read (a PDF under another name, known by its
/// first bytes); `None` reads `path`.
fn check_docx(
    path: &Path,
    pdf_bytes: Option<Vec<u8>>,
    settings: &Settings,
    fix: bool,
    unsafe_fixes: bool,
    want_peer: bool,
    lang: Lang,
) -> FileOutcome {
    let shown = display(path);
    let mut outcome = FileOutcome::default();
    let pdf = pdf_bytes.is_some() || crate::read::pdf::is_pdf_path(path);
    let read = if let Some(bytes) = &pdf_bytes {
        crate::read::pdf::read_bytes(bytes).map_err(|e| e.to_string())
    } else if pdf {
        crate::read::pdf::read_file(path).map_err(|e| e.to_string())
    } else {
        crate::read::docx::read_file(path).map_err(|e| e.to_string())
    };
    let docx = match read {
        Ok(d) => d,
        Err(e) => {
            outcome.error = Some((shown, e.to_string()));
            return outcome;
        }
    };
    let checked = lint::check_source(&docx.html, settings);
    outcome.not_a_report = lint::not_a_report_reason(&checked.report, lang);
    if outcome.not_a_report.is_some() {
        return outcome;
    }
    if fix {
        let fixable = checked
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
            .count();
        outcome.note = Some(if pdf {
            format!(
                "{shown}: 未修改：nianbao 不写入 PDF 文件，{fixable} 处可修复的问题请在 PDF 的源文件中修改（not modified: nianbao does not write PDF files; make the {fixable} fixable change(s) in the document the PDF was made from）"
            )
        } else {
            format!(
                "{shown}: 未修改：nianbao 不写入 Word 文件，{fixable} 处可修复的问题请在 Word 中修改（not modified: nianbao does not write .docx files; make the {fixable} fixable change(s) in Word）"
            )
        });
    }
    outcome.checked = Some(Checked {
        docx: Some(docx.map),
        ..Checked::new(
            shown,
            docx.html,
            &checked.report,
            checked.diagnostics,
            want_peer,
        )
    });
    outcome
}

/// Reads, checks and (with `fix`) fixes one file.
fn check_file(
    path: &Path,
    settings: &Settings,
    fix: bool,
    unsafe_fixes: bool,
    want_peer: bool,
    lang: Lang,
) -> FileOutcome {
    if crate::read::docx::is_docx_path(path) || crate::read::pdf::is_pdf_path(path) {
        return check_docx(path, None, settings, fix, unsafe_fixes, want_peer, lang);
    }
    let shown = display(path);
    let mut outcome = FileOutcome::default();
    // The file is read once: its first bytes tell a PDF under another name
    // (`pdf::is_pdf_file` would open it a second time to look).
    let decoded = match crate::read::input::read_regular(path) {
        Ok(bytes) if bytes.starts_with(b"%PDF-") => {
            return check_docx(
                path,
                Some(bytes),
                settings,
                fix,
                unsafe_fixes,
                want_peer,
                lang,
            );
        }
        Ok(bytes) => crate::read::input::decode(bytes),
        Err(e) => Err(crate::read::input::InputError::Io(e)),
    };
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => {
            outcome.error = Some((shown, e.to_string()));
            return outcome;
        }
    };
    // Borrowed while checking; moved (not copied) into the result unless fixed.
    let text = &decoded.text;
    if review_page::is_review_page(text) {
        outcome.not_a_report = Some(match lang {
            Lang::Zh => "是 nianbao 生成的审阅页面，不是年度报告，已跳过".into(),
            Lang::En => "a review page written by nianbao, not an annual report; skipped".into(),
        });
        return outcome;
    }
    // Read first: a file that is not a report is skipped before any rule runs.
    let report = crate::read::reader::read(text);
    outcome.not_a_report = lint::not_a_report_reason(&report, lang);
    if outcome.not_a_report.is_some() {
        return outcome;
    }
    let first = lint::Checked {
        diagnostics: lint::diagnostics_of(text, &report, settings),
        report,
    };
    if !fix {
        outcome.checked = Some(Checked::new(
            shown.clone(),
            decoded.text,
            &first.report,
            first.diagnostics,
            want_peer,
        ));
        return outcome;
    }
    let fixed = lint::fix_source(text, settings, unsafe_fixes);
    if fixed.text != *text {
        let written = decoded
            .encode_edited(&fixed.text, &fixed.passes)
            .map_err(|e| e.to_string())
            .and_then(|bytes| write_back(path, decoded.bytes(), &bytes));
        if let Err(e) = written {
            outcome.error = Some((shown.clone(), e));
            outcome.checked = Some(Checked::new(
                shown.clone(),
                text.clone(),
                &first.report,
                first.diagnostics,
                want_peer,
            ));
            return outcome;
        }
        outcome.fixed = fixed.applied;
        outcome.changes = fixed.changes;
    }
    outcome.checked = Some(Checked::new(
        shown.clone(),
        fixed.text,
        &fixed.checked.report,
        fixed.checked.diagnostics,
        want_peer,
    ));
    outcome
}

/// Files below which no progress bar is drawn: such a run ends before a bar would help.
const PROGRESS_MIN_FILES: usize = 20;

/// Where the run's output goes and what the environment says, for [`wants_progress`].
struct ProgressContext {
    files: usize,
    no_progress: bool,
    stderr_terminal: bool,
    /// Standard output is a pipe or a socket: another program reads the output.
    stdout_piped: bool,
    to_file: bool,
    /// `CI` set (to anything but `false` or `0`) or `PRE_COMMIT` set (pre-commit runs hooks
    /// under a pseudo-terminal when it colours its output, so stderr looks like a terminal).
    ci_or_hook: bool,
}

/// A bar only for a person watching a terminal: stderr is one, the output does not go into
/// another program (an editor, `jq`), no CI or pre-commit log would keep its redraws, and the
/// run is long enough.
fn wants_progress(c: &ProgressContext) -> bool {
    !c.no_progress
        && c.files >= PROGRESS_MIN_FILES
        && c.stderr_terminal
        && !c.ci_or_hook
        && (c.to_file || !c.stdout_piped)
}

#[cfg(unix)]
fn stdout_piped() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|f| f.metadata())
        .is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_socket())
}

#[cfg(not(unix))]
fn stdout_piped() -> bool {
    use std::io::IsTerminal;
    !std::io::stdout().is_terminal()
}

fn ci_or_hook() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    ci || std::env::var_os("PRE_COMMIT").is_some()
}

/// The progress bar on stderr for checking `files` files, when [`wants_progress`].
fn progress_bar(args: &CheckArgs, files: usize, lang: Lang) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    let context = ProgressContext {
        files,
        no_progress: args.no_progress,
        stderr_terminal: std::io::stderr().is_terminal(),
        stdout_piped: stdout_piped(),
        to_file: args.output.is_some(),
        ci_or_hook: ci_or_hook(),
    };
    if !wants_progress(&context) {
        return None;
    }
    let label = match lang {
        Lang::Zh => "检查中",
        Lang::En => "checking",
    };
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{label} {{bar:40}} {{pos}}/{{len}} {{elapsed}} (ETA {{eta}})"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(files as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(style);
    Some(bar)
}

/// `items.iter().map(f)` on all cores, results in the order of `items`.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    // One file needs no threads, nor the cgroup look-ups that counting the cores costs.
    if items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(item)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a checking thread panicked"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

pub fn run(args: CheckArgs) -> ExitCode {
    let mut run = RunFacts {
        started: (std::time::Instant::now(), std::time::SystemTime::now()),
        examined: 0,
        skipped: 0,
        failures: Vec::new(),
    };
    let lang: Lang = args.lang.into();
    let mut args = args;
    args.fix |= args.fix_only;
    for list in [&args.select, &args.ignore] {
        if let Err(e) = config::validate_codes(list) {
            say!("nianbao: {e}");
            return ExitCode::from(2);
        }
    }
    let issuer_kind = match args.issuer_kind.as_deref() {
        Some(k) => match config::parse_issuer_kind(k) {
            Some(k) => Some(k),
            None => {
                say!("nianbao: 未知的发布机关类型 “{k}”（use department, government or township）");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let mut io_error = false;
    let mut configs: HashMap<PathBuf, Config> = HashMap::new();
    let settings_for =
        |path: &Path, configs: &mut HashMap<PathBuf, Config>| -> Result<Settings, String> {
            let dir = std::path::absolute(path)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or_default();
            if !configs.contains_key(&dir) {
                let c = Config::for_file(path).map_err(|e| e.to_string())?;
                configs.insert(dir.clone(), c);
            }
            let config = &configs[&dir];
            let mut selection = config.selection_for(path);
            if !args.select.is_empty() {
                selection.select = args.select.clone();
            }
            selection.ignore.extend(args.ignore.iter().cloned());
            Ok(Settings {
                selection,
                issuer_kind: issuer_kind.or(config.issuer_kind),
                peers: None,
                path: Some(display(path)),
            })
        };

    let mut checked: Vec<Checked> = Vec::new();
    let mut fixed_total = 0;
    let from_stdin =
        args.stdin_filename.is_some() || args.paths.iter().any(|p| p == Path::new("-"));
    if from_stdin && args.paths.iter().any(|p| p != Path::new("-")) {
        say!("nianbao: 标准输入（- 或 --stdin-filename）不能与文件或目录同时检查（standard input cannot be checked together with files or directories）");
        return ExitCode::from(2);
    }
    if from_stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            say!("nianbao: stdin: {e}");
            return ExitCode::from(2);
        }
        let pdf = crate::read::pdf::is_pdf_path(&name) || crate::read::pdf::is_pdf_bytes(&bytes);
        if crate::read::docx::is_docx_path(&name) || pdf {
            if args.fix {
                let kind = if pdf { "PDF" } else { "Word" };
                let ext = if pdf { "PDF" } else { ".docx" };
                say!(
                    "nianbao: {}: --fix 不能用于 {kind} 文件（--fix cannot write a {ext}）",
                    name.display()
                );
                return ExitCode::from(2);
            }
            let settings = match settings_for(&name, &mut configs) {
                Ok(s) => s,
                Err(e) => {
                    say!("nianbao: {e}");
                    return ExitCode::from(2);
                }
            };
            let read = if pdf {
                crate::read::pdf::read_bytes(&bytes).map_err(|e| e.to_string())
            } else {
                crate::read::docx::read_bytes(&bytes).map_err(|e| e.to_string())
            };
            let docx = match read {
                Ok(d) => d,
                Err(e) => {
                    say!("nianbao: {}: {e}", name.display());
                    return ExitCode::from(2);
                }
            };
            let result = lint::check_source(&docx.html, &settings);
            run.examined = 1;
            if lint::is_annual_report(&result.report) {
                checked.push(Checked {
                    docx: Some(docx.map),
                    ..Checked::new(
                        display(&name),
                        docx.html,
                        &result.report,
                        result.diagnostics,
                        false,
                    )
                });
            }
            run.skipped = usize::from(checked.is_empty());
            return report(&args, lang, &checked, 0, false, &run);
        }
        let decoded = match crate::read::input::decode(bytes) {
            Ok(d) => d,
            Err(e) => {
                say!("nianbao: {}: {e}", name.display());
                return ExitCode::from(2);
            }
        };
        let text = decoded.text.clone();
        run.examined = 1;
        let settings = match settings_for(&name, &mut configs) {
            Ok(s) => s,
            Err(e) => {
                say!("nianbao: {e}");
                return ExitCode::from(2);
            }
        };
        let read = (!review_page::is_review_page(&text))
            .then(|| crate::read::reader::read(&text))
            .filter(lint::is_annual_report);
        let Some(read) = read else {
            // Not a report: skipped as a file would be; with --fix the text passes unchanged.
            run.skipped = 1;
            if args.fix {
                if std::io::stdout().write_all(decoded.bytes()).is_err() {
                    return ExitCode::from(2);
                }
                if args.output.is_none() {
                    return ExitCode::SUCCESS;
                }
            }
            return report(&args, lang, &checked, 0, false, &run);
        };
        if args.fix {
            let fixed = lint::fix_source(&text, &settings, args.unsafe_fixes);
            // The fixed text goes to stdout in the input's encoding and line endings (editors
            // and hooks replace the buffer with it); what remains is reported on stderr.
            let bytes = match decoded.encode_edited(&fixed.text, &fixed.passes) {
                Ok(b) => b,
                Err(e) => {
                    say!("nianbao: {}: {e}", name.display());
                    return ExitCode::from(2);
                }
            };
            let _ = std::io::stdout().write_all(&bytes);
            let _ = std::io::stderr().write_all(
                output::applied_changes(&display(&name), &fixed.changes, lang).as_bytes(),
            );
            if args.fix_only {
                return ExitCode::SUCCESS;
            }
            if args.output.is_none() {
                let remaining = fixed.checked.diagnostics;
                let has_error = remaining.iter().any(|d| d.severity == Severity::Error);
                let files = [FileDiagnostics {
                    path: &display(&name),
                    source: &fixed.text,
                    diagnostics: &remaining,
                    docx: None,
                }];
                let _ = std::io::stderr().write_all(output::human(&files, lang).as_bytes());
                return if has_error {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                };
            }
            // With -o the remaining findings go to the file, in --format, as for files.
            checked.push(Checked::new(
                display(&name),
                fixed.text,
                &fixed.checked.report,
                fixed.checked.diagnostics,
                false,
            ));
            return report(&args, lang, &checked, fixed.applied, false, &run);
        }
        let diagnostics = lint::diagnostics_of(&text, &read, &settings);
        checked.push(Checked::new(
            display(&name),
            text,
            &read,
            diagnostics,
            false,
        ));
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let (mut files, unreadable) = match files::discover(&paths) {
            Ok(f) => f,
            Err(e) => {
                say!("nianbao: {e}");
                return ExitCode::from(2);
            }
        };
        for (path, e) in unreadable {
            say!("nianbao: {path}: {e}");
            io_error = true;
            run.failures.push((path, e));
        }
        if let Some(out) = &args.output {
            // An output never overwrites an input. The page or report of an earlier run,
            // written into the checked folder, is not a report: it is left out.
            if let Some(i) = files.iter().position(|f| same_file(&f.path, out)) {
                let named = args.paths.iter().any(|p| same_file(p, out));
                if named || !is_earlier_output(&files[i].path) {
                    say!(
                        "nianbao: {}: -o 指向被检查的文件，拒绝覆盖（the output file is one of the files checked; not overwritten）",
                        display(out)
                    );
                    return ExitCode::from(2);
                }
                files.remove(i);
            }
        }
        run.examined = files.len();
        // Settings first, in order (a configuration error stops the run), then the files in
        // parallel; results are reported in discovery order.
        let mut jobs = Vec::with_capacity(files.len());
        for found in files {
            match settings_for(&found.path, &mut configs) {
                Ok(s) => jobs.push((found, s)),
                Err(e) => {
                    say!("nianbao: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        let (fix, unsafe_fixes) = (args.fix, args.unsafe_fixes);
        let cross_file = jobs.len() > 1
            && jobs.iter().any(|(_, s)| {
                crate::rules::cross::PEER_RULES
                    .iter()
                    .any(|(rule, _)| s.selection.enabled(rule.code))
            });
        let bar = progress_bar(&args, jobs.len(), lang);
        let outcomes = parallel_map(&jobs, |(found, settings)| {
            let outcome = check_file(&found.path, settings, fix, unsafe_fixes, cross_file, lang);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            outcome
        });
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let mut settings_of = Vec::new();
        for (outcome, (found, settings)) in outcomes.into_iter().zip(&jobs) {
            if outcome.checked.is_none() && outcome.error.is_none() {
                run.skipped += 1;
            }
            // pre-commit passes every file whose name matches, not files a person named.
            let named = found.named && std::env::var_os("PRE_COMMIT").is_none();
            if let Some(why) = outcome.not_a_report.filter(|_| named) {
                say!("nianbao: {}: {why}", display(&found.path));
            }
            if let Some((path, e)) = outcome.error {
                say!("nianbao: {path}: {e}");
                io_error = true;
                run.failures.push((path, e));
            }
            if let Some(n) = outcome.note {
                say!("nianbao: {n}");
            }
            fixed_total += outcome.fixed;
            if let Some(c) = &outcome.checked {
                let _ = std::io::stderr()
                    .write_all(output::applied_changes(&c.path, &outcome.changes, lang).as_bytes());
            }
            if let Some(c) = outcome.checked {
                checked.push(c);
                settings_of.push(settings);
            }
        }
        if cross_file {
            // Every report was read once; the cross-file rules compare their summaries.
            let peers = PeerSet::new(checked.iter().filter_map(|c| c.peer.clone()).collect());
            let indexes: Vec<usize> = (0..checked.len()).collect();
            let found = parallel_map(&indexes, |&i| match &checked[i].peer {
                Some(me) => lint::peer_diagnostics(&checked[i].source, me, &peers, settings_of[i]),
                None => Vec::new(),
            });
            for (c, extra) in checked.iter_mut().zip(found) {
                if !extra.is_empty() {
                    c.diagnostics.extend(extra);
                    crate::rules::diagnostic::sort(&mut c.diagnostics);
                }
            }
        }
    }

    if args.fix_only {
        say!("{}", output::fixed_line(fixed_total, lang));
        return if io_error {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    report(&args, lang, &checked, fixed_total, io_error, &run)
}

/// What the review page says about the run besides the findings.
struct RunFacts {
    /// When the run started: for its duration, and the time shown.
    started: (std::time::Instant, std::time::SystemTime),
    /// Files examined, reports or not.
    examined: usize,
    /// Files read that are not annual reports.
    skipped: usize,
    /// Files that could not be read or written: name and message.
    failures: Vec<(String, String)>,
}

/// Prints the findings in the chosen format, to standard output or `--output`; the exit
/// status.
fn report(
    args: &CheckArgs,
    lang: Lang,
    checked: &[Checked],
    fixed_total: usize,
    io_error: bool,
    run: &RunFacts,
) -> ExitCode {
    let files: Vec<FileDiagnostics> = checked
        .iter()
        .map(|c| FileDiagnostics {
            path: &c.path,
            source: &c.source,
            diagnostics: &c.diagnostics,
            docx: c.docx.as_ref(),
        })
        .collect();
    let mut summary = Summary::of(&files);
    summary.fixed = fixed_total;
    let text = match args.format {
        // Each file's part on all cores, joined in order: the same text as written in one go.
        OutputFormat::Human => {
            let mut t: String = parallel_map(&files, |f| output::human_file(f, lang)).concat();
            t.push_str(&output::summary_line(&summary, lang));
            t.push('\n');
            t
        }
        OutputFormat::Json => {
            let parts = parallel_map(&files, |f| output::json_file(f, lang));
            let mut t = output::json_join(&files, &parts);
            t.push('\n');
            t
        }
        OutputFormat::Sarif => format!(
            "{}\n",
            serde_json::to_string_pretty(&output::sarif(&files, lang)).unwrap_or_default()
        ),
        OutputFormat::Github => output::github(&files, lang),
        OutputFormat::Html => {
            let reports: Vec<ReportData> = checked
                .iter()
                .map(|c| ReportData {
                    path: &c.path,
                    agency: c.agency.as_deref(),
                    year: c.year,
                    source: &c.source,
                    diagnostics: &c.diagnostics,
                    docx: c.docx.as_ref(),
                })
                .collect();
            let failures: Vec<Failure> = run
                .failures
                .iter()
                .map(|(path, error)| Failure { path, error })
                .collect();
            let started = review_page::utc_timestamp(run.started.1);
            let info = RunInfo {
                files: run.examined,
                skipped: run.skipped,
                started: &started,
                elapsed: run.started.0.elapsed(),
                version: env!("CARGO_PKG_VERSION"),
            };
            review_page::render(&info, &reports, &failures, lang)
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text.as_bytes()) {
                say!("nianbao: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        None => {
            if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
        }
    }
    if io_error {
        ExitCode::from(2)
    } else if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_only_for_a_person_at_a_terminal() {
        let watching = ProgressContext {
            files: 500,
            no_progress: false,
            stderr_terminal: true,
            stdout_piped: false,
            to_file: false,
            ci_or_hook: false,
        };
        assert!(wants_progress(&watching));
        let with = |f: &dyn Fn(&mut ProgressContext)| {
            let mut c = ProgressContext { ..watching };
            f(&mut c);
            wants_progress(&c)
        };
        assert!(!with(&|c| c.no_progress = true));
        assert!(!with(&|c| c.files = PROGRESS_MIN_FILES - 1));
        assert!(with(&|c| c.files = PROGRESS_MIN_FILES));
        assert!(!with(&|c| c.stderr_terminal = false));
        assert!(!with(&|c| c.ci_or_hook = true));
        // `--format json | jq`: no bar; `-o FILE` with a pipe on stdout: a bar.
        assert!(!with(&|c| c.stdout_piped = true));
        assert!(with(&|c| {
            c.stdout_piped = true;
            c.to_file = true;
        }));
    }

    #[test]
    fn an_edit_made_while_the_fix_is_written_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, b"old\n").unwrap();
        let edit = || {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            f.write_all(b"user's line\n").unwrap();
        };
        let e = write_back_with(&path, b"old\n", b"fixed\n", &edit).unwrap_err();
        assert!(e.contains("file changed"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old\nuser's line\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_its_target_is_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        let soft = dir.path().join("soft.md");
        let hard = dir.path().join("hard.md");
        std::fs::write(&target, b"old").unwrap();
        std::os::unix::fs::symlink(&target, &soft).unwrap();
        std::fs::hard_link(&target, &hard).unwrap();
        write_back(&soft, b"old", b"new").unwrap();
        assert!(std::fs::symlink_metadata(&soft)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // The hard link still shares the content: written in place.
        assert_eq!(std::fs::read(&hard).unwrap(), b"new");
        write_back(&hard, b"new", b"newer").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"newer");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_back(&path, b"old", b"new").unwrap_err();
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
    }

    #[cfg(unix)]
    #[test]
    fn owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, b"old").unwrap();
        // As root, give the file away, as a user owning a file another user fixes; as anyone
        // else, the file keeps its owner either way.
        let _ = std::os::unix::fs::chown(&path, Some(4242), Some(4343));
        let before = std::fs::metadata(&path).unwrap();
        write_back(&path, b"old", b"new").unwrap();
        let after = std::fs::metadata(&path).unwrap();
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn write_back_compares_the_original_bytes_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        let original = b"\xFF\xFEa\0\r\0\n\0".to_vec();
        std::fs::write(&path, &original).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        // The file no longer holds what was read: nothing is written.
        let e = write_back(&path, b"other", b"new").unwrap_err();
        assert!(e.contains("file changed"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), original);
        write_back(&path, &original, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_busy_replace_is_retried_then_reported() {
        let busy = |e: &std::io::Error| e.kind() == std::io::ErrorKind::WouldBlock;
        let attempts = std::cell::Cell::new(0);
        // Busy twice, then done.
        let op = || {
            attempts.set(attempts.get() + 1);
            match attempts.get() {
                1 | 2 => Err(std::io::ErrorKind::WouldBlock.into()),
                _ => Ok(()),
            }
        };
        assert!(retry_while_busy(op, busy, &[0, 0, 0]).is_ok());
        assert_eq!(attempts.get(), 3);
        // Busy every time: one try per wait, then the error.
        attempts.set(0);
        let op = || {
            attempts.set(attempts.get() + 1);
            Err(std::io::ErrorKind::WouldBlock.into())
        };
        let e = retry_while_busy(op, busy, &[0, 0]).unwrap_err();
        assert_eq!(
            (e.kind(), attempts.get()),
            (std::io::ErrorKind::WouldBlock, 3)
        );
        // Any other error at once.
        attempts.set(0);
        let op = || {
            attempts.set(attempts.get() + 1);
            Err(std::io::ErrorKind::NotFound.into())
        };
        assert!(retry_while_busy(op, busy, &[0, 0]).is_err());
        assert_eq!(attempts.get(), 1);
        // Outside Windows a permission error is no sharing violation and is not retried.
        let denied = std::io::Error::from_raw_os_error(if cfg!(windows) { 5 } else { 13 });
        assert_eq!(is_sharing_error(&denied), cfg!(windows));
    }

    /// A file held open without delete sharing (as some programs hold what they show) cannot be
    /// replaced on Windows: the fix is refused after the retries and the file keeps its bytes.
    #[cfg(windows)]
    #[test]
    fn write_back_leaves_a_file_open_elsewhere_untouched() {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ_WRITE: u32 = 0x1 | 0x2;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, b"344").unwrap();
        let held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ_WRITE)
            .open(&path)
            .unwrap();
        let e = write_back(&path, b"344", b"338").unwrap_err();
        assert!(e.contains("占用"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"344");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
        drop(held);
        write_back(&path, b"344", b"338").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"338");
    }
}
