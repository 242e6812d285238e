//! The files a command works on: files named on the command line as given, directories walked
//! for reports. Shared by `check` and `extract`.

use std::path::{Path, PathBuf};

use super::output::printable;

/// The extensions of report files looked for in directories.
const EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "docx", "pdf"];

/// A file to read.
pub struct Found {
    pub path: PathBuf,
    /// Named on the command line (not found in a directory): when it is skipped, say why.
    pub named: bool,
}

/// A file or folder that could not be read: its name as shown and the message.
pub type Failed = (String, String);

/// Named files as given (a named FIFO or device too: reading it says what it is, rather than
/// waiting on it); directories searched recursively for regular report files, honouring
/// `.gitignore`, in path order. A folder or entry that cannot be read is returned with its
/// message and the walk goes on; a path that does not exist is an error.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<Found>, Vec<Failed>), String> {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                files.push(Found {
                    path: p.clone(),
                    named: true,
                });
                continue;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "{}: 文件或目录不存在（no such file or directory）",
                    printable(&p.to_string_lossy())
                ));
            }
            Err(e) => {
                failures.push((display(p), e.to_string()));
                continue;
            }
        }
        let walker = ignore::WalkBuilder::new(p)
            .require_git(false)
            .hidden(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    failures.push(walk_failure(p, &e));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file()) && is_report_file(path) {
                files.push(Found {
                    path: path.to_path_buf(),
                    named: false,
                });
            }
        }
    }
    Ok((files, failures))
}

/// The path and message of an error of the walk (`ignore` puts the path into its message).
fn walk_failure(root: &Path, e: &ignore::Error) -> Failed {
    let mut err = e;
    loop {
        match err {
            ignore::Error::WithPath { path, err } => {
                return (display(path), err.to_string());
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => return (display(root), e.to_string()),
        }
    }
}

/// A path as shown: without a leading `./`, control characters replaced.
pub fn display(path: &Path) -> String {
    printable(&path.strip_prefix("./").unwrap_or(path).to_string_lossy()).into_owned()
}

/// A report file by its name: a known extension, and not Word's `~$report.docx` lock file
/// (kept while the document is open).
fn is_report_file(path: &Path) -> bool {
    let lock_file = crate::read::docx::is_docx_path(path)
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
    !lock_file
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
