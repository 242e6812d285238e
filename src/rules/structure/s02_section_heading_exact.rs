//! S02 section-heading-exact: 各部分标题的文字与2021年格式一致。
//!
//! 检查：六个部分的标题文字（编号之后的部分）是否与格式一致。其他写法可以接受，仍算作该部分（S01）：
//! 《条例》第五十条的法定表述（如“因政府信息公开工作被申请行政复议、提起行政诉讼情况”“政府信息公开
//! 工作存在的主要问题及改进情况”，后者也是2019年的标题）、用“和”代替“、”、用“整改措施”代替“改进情况”，
//! 这些为提示；标题中的错别字（如“行政法复议”）为警告。
//!
//! 原因：2021年格式规定了六个部分的标题；统一的标题便于读者和评估者查找各部分内容。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式中的六个标题；《条例》第五十条的表述。
//!
//! 示例：“五、政府信息公开工作存在的主要问题及改进情况” → 提示，给出格式的“五、存在的主要问题及改进
//! 情况”；“四、政府信息公开行政法复议、行政诉讼情况” → 警告。
//!
//! 修改：把编号之后的标题文字替换为格式的文字（编号归 S03 处理）。错别字为安全修复；可接受的其他写
//! 法为不安全修复，因为那可能是撰写人有意选择的。标题源文本含有标记（HTML）时不提供修复。
//!
//! ## English
//!
//! S02 section-heading-exact: Each section heading reads as in the 2021 template.
//!
//! What: the text of each section heading after its numeral. Other wordings are tolerated and still
//! count as the section (S01): the statutory wording of Art. 50
//! ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",
//! "政府信息公开工作存在的主要问题及改进情况", also the 2019 heading), 和 for 、, "整改措施" for
//! "改进情况"; those are info. A typo in a heading ("行政法复议") is a warning.
//!
//! Why: the 2021 format fixes the six headings; the same headings everywhere let readers and
//! evaluators find each part.
//!
//! Basis: the six headings of the annual report format of 国办公开办函〔2021〕30号; the wording of
//! Art. 50 of the 条例.
//!
//! Example: "五、政府信息公开工作存在的主要问题及改进情况" → info, with the template's
//! "五、存在的主要问题及改进情况"; "四、政府信息公开行政法复议、行政诉讼情况" → warning.
//!
//! Fix: replace the heading's text after its numeral by the template's (the numeral is S03's). Safe
//! for a typo; unsafe for a tolerated wording, which the writer may have chosen. No fix when the
//! heading's source text contains markup (HTML).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::super::prelude::*;
use super::{editable, heading_text, official_title, NUMERALS};
use crate::read::canon::key_string;
use crate::read::labels::{Catalogue, Label, BY_MEANING};

pub const RULE: Rule = Rule {
    code: "S02",
    name: "section-heading-exact",
    severity: Severity::Info,
    source: include_str!("s02_section_heading_exact.rs"),
    check,
};

/// How a tolerated heading differs from the template.
enum Variant {
    Typo,
    Statutory,
    Other,
    /// Recognised by the meaning of its words, or with 与/和/及 for the template's 、.
    Reworded,
}

fn classify(text: &str) -> Variant {
    if text.contains("行政法复议") {
        Variant::Typo
    } else if text.starts_with("因政府信息公开工作")
        || text.starts_with("政府信息公开工作存在")
        || text.starts_with("工作中存在")
    {
        Variant::Statutory
    } else {
        Variant::Other
    }
}

/// The heading's text after its numeral and separator, as a label key.
fn written_key(written: &str) -> String {
    let key = key_string(written);
    let rest = key.trim_start_matches(|c: char| NUMERALS.contains(&c));
    rest.strip_prefix(crate::read::canon::SEP)
        .unwrap_or(rest)
        .to_string()
}

/// The first catalogued wording of a label, and its key: looked up for every heading of a
/// long document, so kept by label.
fn wording(label: &Label) -> Option<&'static (String, String)> {
    static BY_LABEL: LazyLock<HashMap<Label, (String, String)>> = LazyLock::new(|| {
        let mut by_label = HashMap::new();
        for e in &Catalogue::get().entries {
            by_label
                .entry(e.label)
                .or_insert_with(|| (e.text.clone(), key_string(&e.text)));
        }
        by_label
    });
    BY_LABEL.get(label)
}

fn check(ctx: &Context, sink: &mut Sink) {
    for s in &ctx.report.sections {
        let h = &s.heading;
        let written = heading_text(ctx, h);
        let variant = if h.variant == BY_MEANING {
            Variant::Reworded
        } else {
            // The variant's text without a numeral, as catalogued.
            let label = Label::Heading {
                kind: h.kind,
                numeral: 0,
                variant: h.variant,
            };
            let Some((text, key)) = wording(&label) else {
                continue;
            };
            // A catalogued wording read with 与/和/及 for its 、 is a rewording.
            if written_key(&written) != *key {
                Variant::Reworded
            } else if h.variant == 0 {
                continue;
            } else {
                classify(text)
            }
        };
        let official = official_title(h.kind);
        let want = if h.numeral == 0 {
            official.to_string()
        } else {
            format!("{}、{official}", super::numeral(h.numeral))
        };
        let (severity, applicability, zh_note, en_note) = match variant {
            Variant::Typo => (
                Severity::Warning,
                Applicability::Safe,
                "，“行政法复议”应为“行政复议”",
                ", \"行政法复议\" is a typo for \"行政复议\"",
            ),
            Variant::Statutory => (
                Severity::Info,
                Applicability::Unsafe,
                "（沿用《条例》第五十条的表述，可以接受）",
                " (the wording of Art. 50 of the regulation, acceptable)",
            ),
            Variant::Other => (Severity::Info, Applicability::Unsafe, "", ""),
            Variant::Reworded => (
                Severity::Warning,
                Applicability::Unsafe,
                "（按其用语识别为该部分，请改用格式的标题）",
                " (recognised as that section by its words; use the template's heading)",
            ),
        };
        let d = sink.push(
            h.span.clone(),
            format!("标题“{written}”与2021年格式的“{want}”不一致{zh_note}"),
            format!("heading \"{written}\" differs from the 2021 template's \"{want}\"{en_note}"),
        );
        d.severity = severity;
        // Edit the text after the numeral and its separator only.
        let head = &ctx.src[h.span.clone()];
        let skip = head
            .find(|c: char| !(NUMERALS.contains(&c) || c.is_whitespace() || "、,.，．".contains(c)))
            .unwrap_or(head.len());
        let range = h.span.start + skip..h.span.end;
        if editable(ctx, &range) {
            d.fix = Some(Fix {
                applicability,
                title: Message::new(format!("改为“{want}”"), format!("Change to \"{want}\"")),
                edits: vec![Edit {
                    range,
                    new_text: official.to_string(),
                }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{every_layout, replace_once};
    use crate::rules::testing::{apply_fixes, clean_report, run};

    #[test]
    fn silent_on_a_clean_report_in_every_layout() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for (layout, src) in every_layout() {
            assert!(run(&RULE, &src).is_empty(), "{layout:?}");
        }
    }

    #[test]
    fn statutory_wording_is_info_with_an_unsafe_fix() {
        let src = clean_report();
        let bad = replace_once(
            &src,
            "五、存在的主要问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Info);
        assert!(d.message.zh.contains("沿用《条例》第五十条的表述"));
        assert_eq!(
            &bad[d.range.clone()],
            "五、政府信息公开工作存在的主要问题及改进情况"
        );
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src);
        assert!(run(&RULE, &fixed).is_empty());
    }

    #[test]
    fn typo_is_a_warning_with_a_safe_fix() {
        let src = clean_report();
        let bad = replace_once(&src, "行政复议、行政诉讼情况", "行政法复议、行政诉讼情况");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert!(diags[0].message.zh.contains("“行政法复议”应为“行政复议”"));
        assert_eq!(
            diags[0].fix.as_ref().unwrap().applicability,
            Applicability::Safe
        );
        let fixed = apply_fixes(&bad, &diags);
        assert_eq!(fixed, src);
        let again = run(&RULE, &fixed);
        assert!(again.is_empty());
        assert_eq!(apply_fixes(&fixed, &again), fixed);
    }

    #[test]
    fn fix_keeps_the_written_numeral() {
        // A wrong numeral is S03's to fix; S02 edits only the text after it.
        let src = clean_report();
        let bad = replace_once(
            &src,
            "五、存在的主要问题及改进情况",
            "四、存在的主要问题及整改措施",
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0]
            .message
            .zh
            .contains("“四、存在的主要问题及改进情况”"));
        let fixed = apply_fixes(&bad, &diags);
        assert!(fixed.contains("\n四、存在的主要问题及改进情况\n"));
    }

    #[test]
    fn html_heading_split_by_markup_gets_no_fix() {
        let src = crate::sample::Stats::generate(7).render(crate::sample::Layout::Html);
        let bad = src.replace(
            "<span>五、存在的主要问题及改进情况</span>",
            "<span>五、存在的主要问题及</span><span>整改措施</span>",
        );
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert!(diags[0]
            .message
            .zh
            .contains("“五、存在的主要问题及整改措施”"));
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn a_heading_recognised_by_meaning_is_a_warning_with_the_official_wording() {
        for (layout, src) in every_layout() {
            let bad = replace_once(
                &src,
                "五、存在的主要问题及改进情况",
                "五、存在的主要问题及明年工作计划",
            );
            let diags = run(&RULE, &bad);
            assert_eq!(diags.len(), 1, "{layout:?}");
            let d = &diags[0];
            assert_eq!(d.severity, Severity::Warning);
            assert!(
                d.message.zh.contains("按其用语识别为该部分"),
                "{}",
                d.message.zh
            );
            let s01 = run(&super::super::s01_sections_present::RULE, &bad);
            assert!(s01.is_empty(), "{layout:?} {s01:?}");
            if layout != crate::sample::Layout::Html {
                let fixed = apply_fixes(&bad, &diags);
                assert_eq!(fixed, src, "{layout:?}");
            }
        }
    }

    #[test]
    fn a_catalogued_heading_with_yu_for_the_comma_is_a_warning() {
        let src = clean_report();
        let bad = replace_once(&src, "行政复议、行政诉讼情况", "行政复议与行政诉讼情况");
        let diags = run(&RULE, &bad);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!(apply_fixes(&bad, &diags), src);
    }
}
