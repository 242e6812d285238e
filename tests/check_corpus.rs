//! `nianbao check` over every corpus file: snapshots of the JSON output (each diagnostic was
//! reviewed by hand: a real defect of that report, or a bug), and fixes applied for real.

use std::path::{Path, PathBuf};

use nianbao::cli::output::{json, FileDiagnostics};
use nianbao::lang::Lang;
use nianbao::lint::{check_source, fix_source, Settings};

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    for sub in ["seeds", "real"] {
        for entry in std::fs::read_dir(dir.join(sub))
            .expect("corpus at ../shared/corpus")
            .flatten()
        {
            let p = entry.path();
            if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn shown(path: &Path) -> String {
    let sub = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    format!("{sub}/{}", path.file_name().unwrap().to_string_lossy())
}

#[test]
fn corpus_check_snapshots() {
    let settings = Settings::default();
    for path in corpus_files() {
        let text = nianbao::read::input::read_file(&path).unwrap().text;
        let checked = check_source(&text, &settings);
        let name = shown(&path);
        let files = [FileDiagnostics {
            path: &name,
            source: &text,
            diagnostics: &checked.diagnostics,
            docx: None,
        }];
        insta::assert_json_snapshot!(
            format!("check__{}", name.replace('/', "__")),
            json(&files, Lang::Zh)
        );
    }
}

#[test]
fn every_fix_removes_its_diagnostic_and_fixing_converges() {
    let settings = Settings::default();
    let mut fixes_tried = 0;
    for path in corpus_files() {
        let text = nianbao::read::input::read_file(&path).unwrap().text;
        let checked = check_source(&text, &settings);
        for d in &checked.diagnostics {
            let Some(fix) = &d.fix else { continue };
            let (fixed, applied) = nianbao::rules::diagnostic::apply_edits(&text, &fix.edits);
            assert_eq!(
                applied,
                fix.edits.len(),
                "{}: {} fix applies whole",
                shown(&path),
                d.code
            );
            let before = checked
                .diagnostics
                .iter()
                .filter(|x| x.code == d.code)
                .count();
            let after = check_source(&fixed, &settings)
                .diagnostics
                .iter()
                .filter(|x| x.code == d.code)
                .count();
            assert!(
                after < before,
                "{}: fixing {} ({}) leaves it",
                shown(&path),
                d.code,
                d.message.zh
            );
            fixes_tried += 1;
        }
        let once = fix_source(&text, &settings, true);
        let twice = fix_source(&once.text, &settings, true);
        assert_eq!(
            twice.applied,
            0,
            "{}: a second --fix changes nothing",
            shown(&path)
        );
        assert_eq!(twice.text, once.text);
    }
    assert!(fixes_tried > 0);
}

/// The corpus checked together: the 平潭 reports 2019–2025 and the 洪泽区 reports 2023–2024 are
/// year-to-year series whose carry-overs agree and whose narratives were rewritten each year
/// (measured: 4–16% and 40% similar), so X05 and X07 must be silent — while the series are
/// really found.
#[test]
fn corpus_series_carry_over_and_are_not_copies() {
    use nianbao::rules::peers::{Peer, PeerSet};
    use std::sync::Arc;
    let sources: Vec<(String, String)> = corpus_files()
        .iter()
        .map(|p| (shown(p), nianbao::read::input::read_file(p).unwrap().text))
        .collect();
    let peers: Vec<Peer> = sources
        .iter()
        .filter_map(|(name, text)| Peer::of(name, &nianbao::read::reader::read(text)))
        .collect();
    // Some reports are there twice, as text and as the published page (`.html` twins): one
    // report each, the same agency and year.
    let texts_only = PeerSet::new(
        peers
            .iter()
            .filter(|p| p.path.ends_with(".txt"))
            .cloned()
            .collect(),
    );
    for (agency, year) in [("平潭综合实验区", 2024), ("洪泽区人民政府", 2023)] {
        assert_eq!(
            texts_only.of_agency(agency, year).len(),
            1,
            "{agency} {year}"
        );
    }
    let set = PeerSet::new(peers);
    let settings = Settings {
        selection: nianbao::rules::Selection {
            select: vec!["X05".into(), "X07".into()],
            ..Default::default()
        },
        peers: Some(Arc::new(set)),
        ..Default::default()
    };
    for (name, text) in &sources {
        let found = check_source(text, &settings).diagnostics;
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    // 平潭 2022 with its 上年结转·自然人 changed from 1 to 2: 2021 carried 1.
    use nianbao::read::cells::{CellId, T3Row};
    let (_, text) = sources.iter().find(|(n, _)| n == "real/004.txt").unwrap();
    let report = nianbao::read::reader::read(text);
    let cell = &report.tables.t3.as_ref().unwrap().cells[&CellId::T3(T3Row::R(2), 1)];
    assert_eq!(&text[cell.span.clone()], "1");
    let changed = format!("{}2{}", &text[..cell.span.start], &text[cell.span.end..]);
    let found = check_source(&changed, &settings).diagnostics;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].range, cell.span);
    assert_eq!(
        found[0].message.zh,
        "表三（二）上年结转政府信息公开申请数·自然人 为 2，但 2021 年度报告（real/005.txt）结转下年度继续办理·自然人 为 1"
    );
}
