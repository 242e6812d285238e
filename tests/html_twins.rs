//! The published pages (`.html`) of corpus reports whose text (`.txt`) was rendered from them:
//! the page gives every cell (its table keeps the cell boundaries the text lost), and no cell
//! the text reads differs from the page's.

use std::path::Path;

use nianbao::read::model::CellState;

#[test]
fn html_twins_give_every_cell_and_agree_with_their_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let mut twins = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("corpus at ../shared/corpus")
        .flatten()
    {
        let html_path = entry.path();
        if html_path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let txt_path = html_path.with_extension("txt");
        let read = |p: &Path| {
            nianbao::read::reader::read(&nianbao::read::input::read_file(p).unwrap().text)
        };
        let (html, txt) = (read(&html_path), read(&txt_path));
        let name = html_path.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(html.format, txt.format, "{name}: format");
        let ids = html.cell_ids();
        assert!(ids.len() >= 198, "{name}: {} cells", ids.len());
        for id in ids {
            let h = html.cell_state(id);
            assert!(
                !matches!(h, CellState::Unreadable(_)),
                "{name}: {id} unreadable in the page: {h:?}"
            );
            match (txt.cell_state(id), h) {
                (CellState::Value(t), CellState::Value(h)) => {
                    assert_eq!(t.value, h.value, "{name}: {id}")
                }
                (CellState::Blank(_), CellState::Blank(_)) | (CellState::Unreadable(_), _) => {}
                (t, h) => panic!("{name}: {id} reads {t:?} from the text, {h:?} from the page"),
            }
        }
        twins += 1;
    }
    assert!(twins >= 5, "{twins} twins");
}
