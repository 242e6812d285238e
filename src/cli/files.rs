//! The files a command works on: files named on the command line as given, directories walked
//! for reports. Shared by `check` and `extract`.

use std::path::{Path, PathBuf};

/// The extensions of report files looked for in directories.
const EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "docx", "pdf"];

/// A file to read.
pub struct Found {
    pub path: PathBuf,
    /// Named on the command line (not found in a directory): when it is skipped, say why.
    pub named: bool,
}

/// Named files as given; directories searched recursively for report files, honouring
/// `.gitignore`, in path order. A path that is neither is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_file() {
            files.push(Found {
                path: p.clone(),
                named: true,
            });
            continue;
        }
        if !p.is_dir() {
            return Err(format!(
                "{}: 文件或目录不存在（no such file or directory）",
                p.display()
            ));
        }
        let walker = ignore::WalkBuilder::new(p)
            .require_git(false)
            .hidden(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file()) && is_report_file(path) {
                files.push(Found {
                    path: path.to_path_buf(),
                    named: false,
                });
            }
        }
    }
    Ok(files)
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
