//! C03 known-doc-mismatch: 引用常见文件时，发文机关代字、年份和序号正确，所引标题与文号相符。
//!
//! 检查：以下文件的文号：国办公开办函〔2021〕30号（年度报告格式）、国办公开办函〔2019〕60号（年度报
//! 告有关事项，格式（试行））、国办函〔2020〕109号（信息处理费管理办法）、国办发〔2020〕17号（2020
//! 年政务公开工作要点）、国务院令第711号/第492号（条例）。只检查全国性文号（机关代字以“国办”开头的，
//! 以及国务院令），且只在标题或句子点明了是哪个文件时检查：单独出现的“国办函〔2021〕30号”完全可能是
//! 另一份真实文件。唯一的例外是“国办公开函”这个代字，它并不存在。
//!
//! 原因：报告反复引用这几份文件，文号也反复以同样的方式写错：机关代字错（国办发〔2020〕109号、国办
//! 公开函〔2021〕30号、国办函〔2021〕30号），两份格式通知的年份和序号互换（〔2019〕30号、〔2021〕60
//! 号），或者标题配上了另一份文件的文号。读者按文号查找，会找到另一份文件。
//!
//! 依据：上述文件本身的文号与标题。
//!
//! 示例：`《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格
//! 式〉的通知》（国办公开办函〔2019〕30号）` → “所引文件《……》的文号应为 国办公开办函〔2021〕30号，
//! 而非 国办公开办函〔2019〕30号”（提示中引用完整标题）。
//!
//! 修改：文号紧前的标题点明了常见文件、而该文号又不是另一份常见文件的文号时，替换文号（安全修复）；
//! 只有句子点明了文件（文号旁没有标题）时，同样的修复为不安全；标题和文号分别指向两份不同的常见文件
//! 时不提供修复，二者都可能是错的。
//!
//! ## English
//!
//! C03 known-doc-mismatch: A known document is cited with its own issuer code, year and number, and
//! a cited title goes with that number.
//!
//! What: the numbers of these documents: 国办公开办函〔2021〕30号 (年度报告格式),
//! 国办公开办函〔2019〕60号 (年度报告有关事项, 格式（试行）), 国办函〔2020〕109号
//! (信息处理费管理办法), 国办发〔2020〕17号 (2020年政务公开工作要点), and 国务院令第711号 / 第492号
//! (the 条例). Only national numbers (issuer code starting with 国办, and 国务院令) are checked,
//! and only against a title or sentence that names the document: 国办函〔2021〕30号 alone may well
//! be a real, different document. The one exception is the code 国办公开函, which does not exist.
//!
//! Why: reports cite the same few documents and get their numbers wrong in recurring ways: the
//! wrong issuer code (国办发〔2020〕109号, 国办公开函〔2021〕30号, 国办函〔2021〕30号), the year
//! and number of the two format notices swapped (〔2019〕30号, 〔2021〕60号), or a title with the
//! number of another document. A reader who looks the number up finds a different document.
//!
//! Basis: the numbers and titles of the documents themselves.
//!
//! Example:
//! `《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2019〕30号）`
//! → "所引文件《…》的文号应为 国办公开办函〔2021〕30号，而非 国办公开办函〔2019〕30号" (the message
//! quotes the title in full).
//!
//! Fix: when the title right before the number names a known document and the number is not another
//! known document's, replace the number (safe). When only the sentence names the document (no title
//! next to the number), the same fix is unsafe. When the title and the number name two different
//! known documents, there is no fix: either may be the mistake.

use std::ops::Range;

use super::super::prelude::*;
use super::rewrite;

pub const RULE: Rule = Rule {
    code: "C03",
    name: "known-doc-mismatch",
    severity: Severity::Error,
    source: include_str!("c03_known_doc_mismatch.rs"),
    check,
};

/// A known document (spec §6).
#[derive(Debug, PartialEq, Eq)]
struct Known {
    /// Issuer code; empty for the 条例, which is cited by its 国务院令 numbers.
    code: &'static str,
    year: u32,
    no: u32,
    title: &'static str,
}

const FORMAT_2021: Known = Known {
    code: "国办公开办函",
    year: 2021,
    no: 30,
    title: "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
};
const FORMAT_2019: Known = Known {
    code: "国办公开办函",
    year: 2019,
    no: 60,
    title: "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》",
};
const FEES: Known = Known {
    code: "国办函",
    year: 2020,
    no: 109,
    title: "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》",
};
const POINTS_2020: Known = Known {
    code: "国办发",
    year: 2020,
    no: 17,
    title: "《国务院办公厅关于印发2020年政务公开工作要点的通知》",
};
const REGULATION: Known = Known {
    code: "",
    year: 0,
    no: 711,
    title: "《中华人民共和国政府信息公开条例》",
};
const FILES: [&Known; 4] = [&FORMAT_2021, &FORMAT_2019, &FEES, &POINTS_2020];

impl Known {
    fn number(&self) -> String {
        format!("{}〔{}〕{}号", self.code, self.year, self.no)
    }
}

/// The known document a title (or a sentence) names, by its words. Titles naming a local
/// issuer (省, 市, 县 …) are local documents, e.g. a province's notice on annual reports.
fn named_by(words: &str) -> Option<&'static Known> {
    let w: String = words.chars().filter(|c| !c.is_whitespace()).collect();
    if w.contains(['省', '市', '县', '区', '州', '盟', '旗', '乡', '镇']) {
        return None;
    }
    let named: Vec<&'static Known> = [
        (w.contains("信息处理费"), &FEES),
        (
            w.contains("年度报告") && (w.contains("试行") || w.contains("有关事项")),
            &FORMAT_2019,
        ),
        (
            w.contains("年度报告格式") && !w.contains("试行"),
            &FORMAT_2021,
        ),
        (w.contains("2020年政务公开工作要点"), &POINTS_2020),
        (
            w.contains("信息公开条例") || w.trim_matches(['《', '》']) == "条例",
            &REGULATION,
        ),
    ]
    .into_iter()
    .filter_map(|(hit, k)| hit.then_some(k))
    .collect();
    // A sentence naming two documents names none.
    match named[..] {
        [k] => Some(k),
        _ => None,
    }
}

/// A cited number: a 文件 number with its key, or a 国务院令 number.
enum Cited<'t> {
    File((&'t str, u32, u32)),
    Order(u32),
}

impl Cited<'_> {
    fn is(&self, k: &Known) -> bool {
        match self {
            Cited::File(key) => *key == (k.code, k.year, k.no),
            Cited::Order(no) => k.code.is_empty() && (*no == 711 || *no == 492),
        }
    }

    fn known(&self) -> Option<&'static Known> {
        FILES.into_iter().chain([&REGULATION]).find(|k| self.is(k))
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    let files = ctx.doc_numbers().iter().filter_map(|d| {
        let key = d.key(text);
        key.0
            .starts_with("国办")
            .then(|| (d.span.clone(), Cited::File(key)))
    });
    let orders = ctx
        .order_numbers()
        .iter()
        .map(|o| (o.span.clone(), Cited::Order(o.no)));
    for (span, cited) in files.chain(orders) {
        let written: String = text[span.clone()].to_string();
        let title = title_before(text, span.start);
        // The title next to the number, else the sentence before it, names the document.
        let (named, by_title) = match title.as_ref().map(|t| named_by(&text[t.clone()])) {
            Some(named) => (named, true),
            // Words only name a 文件: the 条例 is named in nearly every opening sentence.
            None => (
                named_by(words_before(text, span.start)).filter(|k| !k.code.is_empty()),
                false,
            ),
        };
        let range = ctx.source_range(span.clone());
        match (named, &cited) {
            (Some(k), c) if c.is(k) => {}
            (Some(k), c) => {
                let what = title.map_or_else(
                    || "上下文所述文件".to_string(),
                    |t| format!("所引文件{}", &text[t]),
                );
                let right = if k.code.is_empty() {
                    "国务院令第711号".to_string()
                } else {
                    k.number()
                };
                if let Some(other) = c.known() {
                    sink.push(
                        range,
                        format!(
                            "文号与题名不符：{what}的文号应为 {right}，而 {written} 是{}",
                            other.title
                        ),
                        format!(
                            "number and title disagree: the document named is {right}, while {written} is {}",
                            other.title
                        ),
                    );
                    continue;
                }
                let d = sink.push(
                    range,
                    format!("{what}的文号应为 {right}，而非 {written}"),
                    format!("the document named is {right}, not {written}"),
                );
                // The 条例's number depends on which version is meant: no fix.
                if !k.code.is_empty() && matches!(c, Cited::File(_)) {
                    let applicability = if by_title {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    };
                    d.fix = rewrite(ctx, span.clone(), &[(span.clone(), right.clone())]).fix(
                        applicability,
                        format!("改为 {right}"),
                        format!("Change to {right}"),
                    );
                }
            }
            (None, Cited::File((code, year, no))) if *code == "国办公开函" => {
                // The code does not exist; year and number say which notice was meant.
                let Some(k) = [&FORMAT_2021, &FORMAT_2019]
                    .into_iter()
                    .find(|k| (k.year, k.no) == (*year, *no))
                else {
                    continue;
                };
                let right = k.number();
                let d = sink.push(
                    range,
                    format!("发文机关代字有误：{written} 应为 {right}（{}）", k.title),
                    format!(
                        "wrong issuer code: {written} should be {right} ({})",
                        k.title
                    ),
                );
                d.fix = rewrite(ctx, span.clone(), &[(span.clone(), right.clone())]).fix(
                    Applicability::Safe,
                    format!("改为 {right}"),
                    format!("Change to {right}"),
                );
            }
            _ => {}
        }
    }
}

/// The 《title》 right before `at`, with at most white space and an opening bracket between.
fn title_before(text: &str, at: usize) -> Option<Range<usize>> {
    let head = text[..at].trim_end_matches(char::is_whitespace);
    let head = head
        .strip_suffix(['（', '('])
        .unwrap_or(head)
        .trim_end_matches(char::is_whitespace);
    let end = head.strip_suffix('》')?.len();
    // Walk back to the matching 《, allowing nested 《》 inside.
    let mut depth = 0;
    for (i, c) in text[..end].char_indices().rev() {
        match c {
            '》' => depth += 1,
            '《' if depth == 0 => return Some(i..end + '》'.len_utf8()),
            '《' => depth -= 1,
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// The words before `at` in its sentence, after any earlier title or number (a title names
/// its own number, not this one).
fn words_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(['。', '；', '！', '？', '\n', '》', '号'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[start..at]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{apply_fixes, run};

    const FMT: &str = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》";
    const FEE: &str = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》";

    #[test]
    fn correct_citations_are_fine() {
        for src in [
            format!("根据{FMT}（国办公开办函〔2021〕30号）编制。"),
            format!("按照{FEE}(国办函〔2020]109号)规定。"),
            "根据《中华人民共和国政府信息公开条例》（国令第 711 号）".to_string(),
            "依据《条例》（国务院令第492号）".to_string(),
            "《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发〔2020〕17号）".to_string(),
            "依据国办函〔2021〕30号文件精神。".to_string(),
            "根据《中华人民共和国政府信息公开条例》、国办公开办函〔2021〕30号要求".to_string(),
            "信息处理费按照国办函〔2020〕109号、国办发〔2020〕17号执行".to_string(),
            "《四川省人民政府办公厅关于进一步做好政府信息公开工作年度报告编制发布工作的通知》（川办便函〔2022〕318号）".to_string(),
        ] {
            assert!(run(&RULE, &src).is_empty(), "{src}");
        }
    }

    fn fixed(src: &str, want: &str) {
        assert_eq!(run(&RULE, src)[0].severity, Severity::Error);
        crate::rules::testing::assert_fixes_to(&RULE, src, want);
    }

    #[test]
    fn the_title_fixes_year_and_number_swaps_and_issuer_codes() {
        let right = format!("根据{FMT}（国办公开办函〔2021〕30号）编制。");
        for wrong in [
            "国办公开办函〔2019〕30号",
            "国办公开办函〔2021〕60号",
            "国办函〔2021〕30号",
            "国办公开函〔2021〕30号",
        ] {
            fixed(&format!("根据{FMT}（{wrong}）编制。"), &right);
        }
        fixed(
            &format!("按照{FEE}（国办发〔2020〕109号）"),
            &format!("按照{FEE}（国办函〔2020〕109号）"),
        );
        let d = &run(&RULE, &format!("根据{FMT}（国办公开办函〔2019〕30号）"))[0];
        assert!(d
            .message
            .zh
            .contains("的文号应为 国办公开办函〔2021〕30号，而非 国办公开办函〔2019〕30号"));
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
    }

    #[test]
    fn a_title_with_another_known_number_has_no_fix() {
        let diags = run(&RULE, &format!("根据{FMT}（国办公开办函〔2019〕60号）"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("文号与题名不符"));
        assert!(diags[0].fix.is_none());
        let diags = run(&RULE, &format!("根据{FEE}（国务院令第711号）"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn the_regulation_with_another_order_number() {
        let diags = run(
            &RULE,
            "根据《中华人民共和国政府信息公开条例》（国务院令第717号）",
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.zh.contains("应为 国务院令第711号"));
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn the_sentence_names_the_document_when_no_title_does() {
        let src = "按照国办发〔2020〕109号规定，本机关未收取信息处理费。";
        // The sentence after the number does not count; before it does.
        assert!(run(&RULE, src).is_empty());
        let src = "信息处理费按照国办发〔2020〕109号执行。";
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        assert_eq!(
            apply_fixes(src, &diags),
            "信息处理费按照国办函〔2020〕109号执行。"
        );
    }

    #[test]
    fn the_nonexistent_code_is_fixed_without_a_title() {
        fixed("依据国办公开函〔2019〕60号", "依据国办公开办函〔2019〕60号");
        assert!(run(&RULE, "依据国办公开函〔2019〕61号").is_empty());
    }
}
