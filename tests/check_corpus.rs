//! `nianbao check` over every corpus file: snapshots of the JSON output (each diagnostic was
//! reviewed by hand: a real defect of that report, or a bug), and fixes applied for real.

use std::path::{Path, PathBuf};

use nianbao::extract::Lang;
use nianbao::lint::{check_source, fix_source, Settings};
use nianbao::output::{json, FileDiagnostics};

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
        let text = nianbao::input::read_file(&path).unwrap().text;
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
        let text = nianbao::input::read_file(&path).unwrap().text;
        let checked = check_source(&text, &settings);
        for d in &checked.diagnostics {
            let Some(fix) = &d.fix else { continue };
            let (fixed, applied) = nianbao::diagnostic::apply_edits(&text, &fix.edits);
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
