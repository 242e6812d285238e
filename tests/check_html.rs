//! `nianbao check --format html`: the batch review page, `-o/--output`, and the progress bar
//! staying out of pipes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;

use common::{nianbao_in, reports};

fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(name).tempdir().unwrap()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The number in a totals box of the page: `<b>N</b>LABEL</div>`.
fn total(page: &str, label: &str) -> usize {
    let end = page
        .find(&format!("</b>{label}</div>"))
        .unwrap_or_else(|| panic!("no total {label}"));
    let start = page[..end].rfind("<b>").unwrap() + 3;
    page[start..end].parse().unwrap()
}

/// Per rule code, (errors, warnings, infos) as the bars of the chart by rule say.
fn rule_bars(page: &str) -> BTreeMap<String, [usize; 3]> {
    let chart = &page[page.find("id=\"by-rule\"").unwrap()..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    let attr = |s: &str, name: &str| -> String {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].to_string()
    };
    chart
        .split("<g class=\"bar\" ")
        .skip(1)
        .map(|bar| {
            let n = |a| attr(bar, a).parse().unwrap();
            (
                attr(bar, "data-key"),
                [n("data-e"), n("data-w"), n("data-i")],
            )
        })
        .collect()
}

#[test]
fn the_example_reports_page_agrees_with_the_json_output() {
    let html = nianbao_in(repo(), &["check", "examples/reports", "--format", "html"]);
    let json = nianbao_in(repo(), &["check", "examples/reports", "--format", "json"]);
    // Exit codes are those of every format: the examples have errors.
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(html.status.code(), Some(1));
    assert!(html.stderr.is_empty(), "no progress bar into a pipe");
    let page = stdout(&html);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    // Self-contained: nothing is loaded.
    for needle in [
        "src=\"http",
        "href=\"http",
        "<link",
        "<script src",
        "@import",
    ] {
        assert!(!page.contains(needle), "{needle}");
    }
    let files = v["files"].as_array().unwrap();
    assert_eq!(total(&page, "年度报告"), files.len());
    for (key, label) in [("errors", "错误"), ("warnings", "警告"), ("infos", "提示")] {
        assert_eq!(
            total(&page, label) as u64,
            v["summary"][key].as_u64().unwrap(),
            "{label}"
        );
    }
    // One row per report, the agency read from the report.
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert_eq!(
            page.matches(&format!("<td class=\"path\">{path}</td>"))
                .count(),
            1,
            "{path}"
        );
    }
    assert!(page.contains("<td>示例市人民政府</td>"));
    // The chart by rule has one bar per rule found, with the JSON's counts.
    let mut want: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for d in files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
    {
        let i = match d["severity"].as_str().unwrap() {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        want.entry(d["code"].as_str().unwrap().to_string())
            .or_default()[i] += 1;
    }
    assert!(!want.is_empty());
    assert_eq!(rule_bars(&page), want);
    // Each finding's message is on the page, with its place.
    for f in files {
        for d in f["diagnostics"].as_array().unwrap() {
            let msg = d["message"].as_str().unwrap().replace('"', "&quot;");
            assert!(page.contains(&msg), "{msg}");
            let place = format!(
                "<span class=\"at\">{}:{}</span>",
                d["range"]["start"]["line"], d["range"]["start"]["column"]
            );
            assert!(page.contains(&place), "{place}");
        }
    }

    let en = stdout(&nianbao_in(
        repo(),
        &[
            "check",
            "examples/reports",
            "--format",
            "html",
            "--lang",
            "en",
        ],
    ));
    assert!(en.contains("<html lang=\"en\">"));
    assert_eq!(
        total(&en, "errors") as u64,
        v["summary"]["errors"].as_u64().unwrap()
    );
    assert!(!en.contains("年度报告</div>"));
    // The chart by rule names each rule with its whole summary, in the page's language.
    for (page, lang) in [
        (&page, nianbao::lang::Lang::Zh),
        (&en, nianbao::lang::Lang::En),
    ] {
        let codes = rule_bars(page).into_keys().collect::<Vec<_>>();
        assert!(!codes.is_empty());
        for code in codes {
            let rule = nianbao::rules::lookup(&code).unwrap();
            let summary = rule
                .summary(lang)
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;");
            let title = format!("<title>{code} {}: {summary}</title>", rule.name);
            assert!(page.contains(&title), "{title}");
        }
    }
}

#[test]
fn hostile_names_and_text_are_escaped() {
    let dir = temp_dir("nb-html-hostile");
    let (clean, _) = reports();
    // Short enough to stay inside the excerpt around the C01 finding.
    let report = format!(
        "{clean}\n<img src=x>依据国办函〔2020]109号&amp;</script><script>\"x\"</script>。\n"
    );
    let name = "a<b>&\"c'.txt";
    std::fs::write(dir.path().join(name), &report).unwrap();
    // A binary file: listed as unreadable, with its (hostile) name.
    std::fs::write(dir.path().join("<bin>.txt"), b"\x00\x01\x02 </script>").unwrap();
    let out = nianbao_in(dir.path(), &["check", ".", "--format", "html"]);
    assert_eq!(out.status.code(), Some(2), "an unreadable file is exit 2");
    let page = stdout(&out);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(page.matches("</script>").count(), 1);
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>&"));
    assert!(page.contains("a&lt;b&gt;&amp;&quot;c&#39;.txt"));
    assert!(page.contains("&lt;bin&gt;.txt"));
    // The C01 finding shows the line with the hostile text, escaped.
    assert!(page.contains("<code>C01</code>"), "C01 found");
    let c01 = &page[page.find("<code>C01</code>").unwrap()..];
    let c01 = &c01[..c01.find("</li>").unwrap()];
    assert!(
        c01.contains(
            "&lt;img src=x&gt;依据<mark>国办函〔2020]109号</mark>\
             &amp;amp;&lt;/script&gt;&lt;script&gt;&quot;x&quot;&lt;/script&gt;。</pre>"
        ),
        "{c01}"
    );
    assert_eq!(total(&page, "无法读取"), 1);
    assert_eq!(total(&page, "文件"), 2);
}

#[test]
fn output_file_takes_the_report_and_stdout_stays_empty() {
    let dir = temp_dir("nb-html-out");
    let (clean, bad) = reports();
    std::fs::write(dir.path().join("good.txt"), &clean).unwrap();
    std::fs::write(dir.path().join("bad.txt"), &bad).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "会议纪要\n").unwrap();

    let out = nianbao_in(
        dir.path(),
        &["check", ".", "--format", "html", "-o", "review.html"],
    );
    assert_eq!(out.status.code(), Some(1), "the exit code of the findings");
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(dir.path().join("review.html")).unwrap();
    assert_eq!(total(&page, "文件"), 3);
    assert_eq!(total(&page, "年度报告"), 2);
    assert_eq!(total(&page, "非年度报告（跳过）"), 1);
    assert!(total(&page, "错误") >= 1);

    // A second run in the same folder does not check the page as a report, whether it is the
    // output again or just lies there.
    for args in [
        &["check", ".", "--format", "html", "--output", "review.html"][..],
        &["check", ".", "--format", "html", "-o", "other.html"][..],
    ] {
        let out = nianbao_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        let page = std::fs::read_to_string(dir.path().join(args[5])).unwrap();
        assert_eq!(total(&page, "年度报告"), 2, "{args:?}");
    }
    let out = nianbao_in(dir.path(), &["check", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 2);

    // -o is for every format; without errors the exit code is 0.
    let out = nianbao_in(
        dir.path(),
        &["check", "good.txt", "--format", "json", "-o", "r.json"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["summary"]["files"], 1);

    // A file that cannot be written is an I/O error.
    let out = nianbao_in(
        dir.path(),
        &["check", "good.txt", "-o", "no/such/dir/r.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir/r.txt"));
}

#[test]
fn many_files_into_a_pipe_get_no_progress_bar() {
    let dir = temp_dir("nb-html-many");
    let (clean, _) = reports();
    for i in 0..30 {
        std::fs::write(dir.path().join(format!("r{i:02}.txt")), &clean).unwrap();
    }
    for extra in [&[][..], &["--no-progress"][..]] {
        let mut args = vec!["check", ".", "--format", "html"];
        args.extend_from_slice(extra);
        let out = nianbao_in(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = stdout(&out);
        assert_eq!(total(&page, "年度报告"), 30);
        assert_eq!(page.matches("<tr data-text=").count(), 30);
    }
}

#[test]
fn standard_input_makes_a_page_too() {
    let (_, bad) = reports();
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(bad.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["check", "--format", "html", "--stdin-filename", "x<y>.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let page = stdout(&out);
    assert_eq!(total(&page, "年度报告"), 1);
    assert!(page.contains("<td class=\"path\">x&lt;y&gt;.txt</td>"));

    // With --fix the fixed text goes to stdout and, with -o, the remaining findings to the file.
    let dir = temp_dir("nb-html-stdin");
    let review = dir.path().join("review.html");
    let out = run(&[
        "check",
        "--fix",
        "--select",
        "A",
        "--format",
        "html",
        "--stdin-filename",
        "x.txt",
        "-o",
        review.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), reports().0);
    let page = std::fs::read_to_string(&review).unwrap();
    assert_eq!(total(&page, "错误"), 0);
}
