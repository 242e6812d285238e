//! Documents shared by the benchmarks: generated (seeded), so every run measures the same text.

#![allow(dead_code)] // each bench uses its own part

use nianbao::sample::{Layout, Stats};

/// A report padded with narrative to about `target` bytes (the narrative of real reports is
/// most of their text), as `server_latency` uses.
pub fn report_of_size(seed: u64, target: usize) -> String {
    let base = Stats::generate(seed).render(Layout::Markdown);
    let para = "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切，持续完善主动公开目录，\
                及时更新政府信息公开指南，依法依规做好政府信息公开申请办理工作。\n\n";
    let at = base.find("二、").unwrap_or(0);
    let mut out = base[..at].to_string();
    while out.len() + base.len() - at < target {
        out.push_str(para);
    }
    out.push_str(&base[at..]);
    out
}

/// Padded reports one after another up to about `target` bytes.
pub fn large_document(target: usize) -> String {
    let mut big = String::new();
    let mut seed = 1;
    while big.len() < target {
        big.push_str(&report_of_size(seed, 20_000));
        seed += 1;
    }
    big
}

/// The byte offset of the first narrative line and of a table-三 digit: where the benchmarks
/// type.
pub fn edit_points(text: &str) -> (usize, usize) {
    let narrative = text
        .find("本机关坚持")
        .or_else(|| text.find("本机关认真"))
        .expect("narrative");
    let row = text.find("| （一）予以公开 |").expect("table 三 row");
    let digit = row
        + text[row..]
            .find(|c: char| c.is_ascii_digit())
            .expect("digit");
    (narrative, digit)
}

/// `examples/reports/with-defects-2025.md` (a report with many findings) with its section-一
/// paragraphs repeated inside section 一 up to about `target` bytes: the 20 KB document of
/// issue 18's comparison with other linters' servers.
pub fn defects_report(target: usize) -> String {
    let base = include_str!("../../examples/reports/with-defects-2025.md");
    let one = base.find("一、总体情况").expect("section 一");
    let body = one + base[one..].find('\n').expect("heading line") + 1;
    let two = base.find("二、主动公开").expect("section 二");
    let paragraphs = &base[body..two];
    let mut out = base[..two].to_string();
    while out.len() + paragraphs.len() + base.len() - two <= target {
        out.push_str(paragraphs);
    }
    out.push_str(&base[two..]);
    out
}

/// `copies` copies of [`defects_report`] of about 20 KB one after another.
pub fn defects_document(copies: usize) -> String {
    defects_report(20_000).repeat(copies)
}
