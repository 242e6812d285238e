//! The reader on damaged input: random edits of every corpus file and of generated samples
//! must never panic, and every byte range it reports must lie inside the text on char
//! boundaries (fixes will replace exactly those bytes).

use std::path::Path;

use nianbao::read::model::Report;
use nianbao::sample::{Layout, Stats};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INSERTS: [&str; 14] = [
    "|",
    "||\n",
    "\n",
    "0",
    "12",
    "一、",
    "（七）总计",
    "3.其他",
    "<td>",
    "</tr>",
    "&nbsp;",
    "四、政府信息公开行政复议、行政诉讼情况",
    "\u{feff}",
    "𠀀",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.below(4) {
        let boundaries: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        let a = boundaries[rng.below(boundaries.len())];
        let b = boundaries[rng.below(boundaries.len())];
        let (a, b) = (a.min(b), a.max(b));
        s = match rng.below(3) {
            0 => format!("{}{}", &s[..a], &s[b..]),
            1 => format!("{}{}{}", &s[..b], &s[a..b], &s[b..]),
            _ => format!(
                "{}{}{}",
                &s[..a],
                INSERTS[rng.below(INSERTS.len())],
                &s[a..]
            ),
        };
    }
    s
}

fn check_spans(text: &str, report: &Report) {
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    for table in [&report.tables.t2, &report.tables.t3, &report.tables.t4]
        .into_iter()
        .flatten()
    {
        assert!(ok(&table.span));
        for cell in table.cells.values() {
            assert!(ok(&cell.span), "cell span {:?}", cell.span);
        }
        for u in table.unreadable.values() {
            if let Some(s) = &u.span {
                assert!(ok(s), "unreadable span {s:?}");
            }
        }
    }
    for s in &report.sections {
        assert!(ok(&s.span) && ok(&s.heading.span));
    }
}

fn exercise(text: &str) {
    let report = nianbao::read::reader::read(text);
    check_spans(text, &report);
    let json = nianbao::cli::extract::to_json("x", &report, nianbao::lang::Lang::Zh);
    assert_eq!(
        json["cells"].as_object().unwrap().len(),
        report.cell_ids().len()
    );
}

#[test]
fn random_edits_of_corpus_files_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut n = 0;
    for sub in ["seeds", "real"] {
        for entry in std::fs::read_dir(dir.join(sub))
            .expect("corpus present")
            .flatten()
        {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            exercise(&text);
            for _ in 0..40 {
                exercise(&mutate(&text, &mut rng));
                n += 1;
            }
        }
    }
    assert!(n >= 800);
}

#[test]
fn random_edits_of_samples_never_panic() {
    let mut rng = Rng(42);
    for seed in 0..8 {
        for layout in Layout::ALL {
            let text = Stats::generate(seed).render(layout);
            for _ in 0..20 {
                exercise(&mutate(&text, &mut rng));
            }
        }
    }
}

#[test]
fn hostile_small_inputs() {
    for text in [
        "",
        "\n",
        "|",
        "||||||||",
        "0",
        "-",
        "1.",
        "（",
        "第二十条第（一）项",
        "<",
        "<td",
        "&#xFFFFFFFF;",
        "99999999999999999999999999",
        "1.属于国家秘密99999999999999999999999999999999999999",
        "（七）总计\r\n1\r2\r\n",
        "\u{2028}\u{0085}",
        "𠀀𠀀|𠀀",
    ] {
        exercise(text);
    }
    let long_run = format!("一、本年新收政府信息公开申请数量{}", "1".repeat(5000));
    exercise(&long_run);
    let many_labels = "（七）总计".repeat(2000);
    exercise(&many_labels);
}

/// Found by the `fix` fuzz target: headings out of order (the requests section before the
/// active-disclosure one) made `fix --unsafe` insert an empty table 三 and 四 on every pass,
/// because the reader did not find the inserted table; fixing the fixed text changed it again.
#[test]
fn unsafe_fix_of_a_missing_table_converges() {
    let src = "2024年度政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n三、收到和处理政府信息公开申请情况\n\n二、主动公开政府信息情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n六、其他需要报告的事项\n";
    for include_unsafe in [false, true] {
        let fixed = nianbao::lint::fix_source(src, &Default::default(), include_unsafe);
        let again = nianbao::lint::fix_source(&fixed.text, &Default::default(), include_unsafe);
        assert_eq!((again.applied, again.text), (0, fixed.text));
    }
}
