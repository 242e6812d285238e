//! The reports of the workspace, for the cross-file rules (X05, X07): last year's report of
//! the same agency is usually a file next to this year's, open or not.
//!
//! The workspace folders are scanned once, on a thread, when the client is ready; files then
//! follow `workspace/didChangeWatchedFiles`, and open documents take the place of their file
//! (the editor's text wins over the disk). The peer set is rebuilt only when another report
//! changed: a document's own entry is never compared with it (rules skip their own path), so
//! typing in one report does not rebuild the set for itself.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossbeam_channel::Receiver;

use crate::rules::peers::{Peer, PeerSet};

/// Report files beyond this many are not scanned (a workspace that is a whole archive).
const MAX_FILES: usize = 5_000;
/// Larger files are not scanned: a report is tens of kilobytes.
const MAX_BYTES: u64 = 5 << 20;
/// File extensions of reports, as `nianbao check` finds them.
pub const EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "docx"];

#[derive(Default)]
pub struct Workspace {
    roots: Vec<PathBuf>,
    on_disk: HashMap<PathBuf, Peer>,
    open: HashMap<PathBuf, Peer>,
    /// The set as last built, and the paths whose entries changed since.
    set: Option<Arc<PeerSet>>,
    changed: HashSet<PathBuf>,
    /// The scan under way.
    pub scan: Option<Receiver<Vec<(PathBuf, Peer)>>>,
}

/// Whether a path has a report extension.
pub fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The summary of a file on disk, if it is a report with a known agency and year.
fn read_peer(path: &Path, shown: &str) -> Option<Peer> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let text = if crate::read::docx::is_docx_path(path) {
        crate::read::docx::read_file(path).ok()?.html
    } else {
        crate::read::input::read_file(path).ok()?.text
    };
    let report = crate::read::reader::read(&text);
    if !crate::lint::is_annual_report(&report) {
        return None;
    }
    Peer::of(shown, &report)
}

/// Fields of a peer that other reports' findings depend on directly (X05, and X07's tables).
fn facts(p: &Peer) -> (&str, i32, &[Option<i64>; 7], &Option<Vec<i64>>) {
    (&p.agency, p.year, &p.carried_out, &p.flows)
}

impl Workspace {
    pub fn new(roots: Vec<PathBuf>) -> Workspace {
        Workspace {
            roots,
            ..Default::default()
        }
    }

    /// A path as messages show it: relative to its workspace folder.
    pub fn shown(&self, path: &Path) -> String {
        self.roots
            .iter()
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    /// Starts scanning the workspace folders on a thread; the result arrives on `scan`.
    pub fn start_scan(&mut self) {
        if self.roots.is_empty() {
            return;
        }
        let roots = self.roots.clone();
        let (tx, rx) = crossbeam_channel::bounded(1);
        self.scan = Some(rx);
        std::thread::spawn(move || {
            let mut found = Vec::new();
            let mut files = 0;
            for root in &roots {
                let walker = ignore::WalkBuilder::new(root)
                    .require_git(false)
                    .hidden(true)
                    .build();
                for entry in walker.flatten() {
                    let path = entry.path();
                    if !entry.file_type().is_some_and(|t| t.is_file()) || !is_report_file(path) {
                        continue;
                    }
                    files += 1;
                    if files > MAX_FILES {
                        say!(
                            "nianbao: 工作区报告文件超过 {MAX_FILES} 个，其余文件不参与跨文件检查"
                        );
                        let _ = tx.send(found);
                        return;
                    }
                    let shown = path
                        .strip_prefix(root)
                        .unwrap_or(path)
                        .to_string_lossy()
                        .into_owned();
                    if let Some(peer) = read_peer(path, &shown) {
                        found.push((path.to_path_buf(), peer));
                    }
                }
            }
            let _ = tx.send(found);
        });
    }

    /// Takes the scan's result. True when the set changed.
    pub fn scan_done(&mut self, found: Vec<(PathBuf, Peer)>) -> bool {
        self.scan = None;
        if found.is_empty() {
            return false;
        }
        for (path, peer) in found {
            self.changed.insert(path.clone());
            self.on_disk.insert(path, peer);
        }
        true
    }

    /// Whether cross-file checks have anything to compare: some report besides open ones.
    pub fn active(&self) -> bool {
        !self.on_disk.is_empty() || self.open.len() > 1
    }

    /// The peer set for checking the document at `path`; rebuilt only when a report other
    /// than this one changed since the last build.
    pub fn peers_for(&mut self, path: Option<&Path>) -> Option<Arc<PeerSet>> {
        if !self.active() {
            return None;
        }
        let only_own = self.changed.iter().all(|p| Some(p.as_path()) == path);
        if self.set.is_none() || !only_own {
            let mut all: HashMap<&PathBuf, &Peer> = self.on_disk.iter().collect();
            all.extend(self.open.iter());
            let mut peers: Vec<Peer> = all.into_values().cloned().collect();
            peers.sort_by(|a, b| a.path.cmp(&b.path));
            self.set = Some(Arc::new(PeerSet::new(peers)));
            self.changed.clear();
        }
        self.set.clone()
    }

    /// Records an open document's summary (after each analysis). True when other reports'
    /// findings may change with it (agency, year, carry-over or tables changed); a changed
    /// narrative alone is taken into account on save.
    pub fn set_open(&mut self, path: &Path, peer: Option<Peer>) -> bool {
        let before = self.open.get(path).or_else(|| self.on_disk.get(path));
        let relevant = match (&peer, before) {
            (Some(a), Some(b)) => facts(a) != facts(b),
            (None, None) => false,
            _ => true,
        };
        match peer {
            Some(p) => {
                self.open.insert(path.to_path_buf(), p);
            }
            None => {
                self.open.remove(path);
            }
        }
        self.changed.insert(path.to_path_buf());
        relevant
    }

    /// A document was saved: its narrative as now written counts for the others.
    pub fn saved(&mut self, path: &Path) -> bool {
        let known = self.open.contains_key(path);
        if known {
            self.changed.insert(path.to_path_buf());
            // Rebuild at the next check of any document, itself included.
            self.set = None;
        }
        known
    }

    /// A document was closed: the file on disk counts again. True when that changes anything.
    pub fn closed(&mut self, path: &Path) -> bool {
        let was_open = self.open.remove(path).is_some();
        self.file_changed(path) || was_open
    }

    /// A file changed, appeared or was deleted on disk. True when the set changed.
    pub fn file_changed(&mut self, path: &Path) -> bool {
        if !is_report_file(path) {
            return false;
        }
        let shown = self.shown(path);
        let now = read_peer(path, &shown);
        let before = self.on_disk.get(path);
        if now.as_ref() == before {
            return false;
        }
        match now {
            Some(p) => self.on_disk.insert(path.to_path_buf(), p),
            None => self.on_disk.remove(path),
        };
        self.changed.insert(path.to_path_buf());
        // An open document's text wins: its file changing on disk changes nothing.
        !self.open.contains_key(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{Layout, Stats};

    fn write(dir: &Path, name: &str, agency: &str, year: i32) -> PathBuf {
        let mut s = Stats::generate(year as u64);
        s.agency = agency.into();
        s.year = year;
        let path = dir.join(name);
        std::fs::write(&path, s.render(Layout::CellPerLine)).unwrap();
        path
    }

    #[test]
    fn scans_folders_and_follows_changes() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "2023.txt", "示例区人民政府", 2023);
        std::fs::write(dir.path().join("notes.txt"), "不是年报").unwrap();
        let mut ws = Workspace::new(vec![dir.path().to_path_buf()]);
        assert!(!ws.active());
        ws.start_scan();
        let found = ws.scan.as_ref().unwrap().recv().unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.path, "2023.txt");
        assert!(ws.scan_done(found));
        let set = ws.peers_for(None).unwrap();
        assert_eq!(set.len(), 1);

        // An open document joins; only its own change: the set is reused for itself.
        let b = dir.path().join("2024.txt");
        let mut s = Stats::generate(1);
        s.agency = "示例区人民政府".into();
        s.year = 2024;
        let peer = Peer::of(
            "2024.txt",
            &crate::read::reader::read(&s.render(Layout::Markdown)),
        );
        assert!(ws.set_open(&b, peer.clone()));
        let again = ws.peers_for(Some(&b)).unwrap();
        assert!(Arc::ptr_eq(&set, &again));
        // For another document it is rebuilt with the open one.
        assert_eq!(ws.peers_for(Some(&a)).unwrap().len(), 2);
        // The same facts again: nothing for the others.
        assert!(!ws.set_open(&b, peer));

        // The file on disk is deleted: gone from the set.
        std::fs::remove_file(&a).unwrap();
        assert!(ws.file_changed(&a));
        // Only the open document is left: nothing to compare it with.
        assert!(ws.peers_for(Some(&b)).is_none());
        // Closing the unsaved document: its file is not there either.
        assert!(ws.closed(&b));
        assert!(ws.open.is_empty() && ws.on_disk.is_empty());
    }
}
