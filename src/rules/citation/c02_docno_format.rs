//! C02 docno-format: 发文字号的年份为四位，序号前不加“第”、不编虚位，序号后加“号”。
//!
//! 检查：发文字号中 `〔2021〕第30号`、`〔2021〕030号`、`〔21〕30号` 和缺少“号”的写法。文号内的空白
//! （PDF 文本中的“〔2021〕30 号”）忽略，不报告。括号归 C01；只有两个括号都在时才报告缺少“号”。国务
//! 院令的编号不同（“第711号”是正确的，见 C04）。
//!
//! 原因：国家标准对发文字号的写法有明确规定，不合规定的文号不规范，也不便查找。
//!
//! 依据：GB/T 9704-2012《党政机关公文格式》第7.2.5条：“年份应标全称……发文顺序号不加“第”字，不编虚位
//! （即1不编为01），在阿拉伯数字后加“号”字”。
//!
//! 示例：`国办公开办函〔2021〕第030号` → “发文字号格式不规范（序号前不加“第”；序号不编虚位）：国办
//! 公开办函〔2021〕第030号 → 国办公开办函〔2021〕30号”。
//!
//! 修改：删去“第”和前导零，补上“号”（安全修复）；两位年份改为 20xx（不安全修复：世纪是推测的）。
//!
//! ## English
//!
//! C02 docno-format: A 发文字号 has a 4-digit year, a sequence number without 第 or leading zeros,
//! and 号 after it.
//!
//! What: document numbers written `〔2021〕第30号`, `〔2021〕030号`, `〔21〕30号` or without 号.
//! White space inside a number (PDF text: "〔2021〕30 号") is ignored and never reported. The
//! brackets are C01's business; a missing 号 is only reported when both brackets are there.
//! 国务院令 numbers are different ("第711号" is right there; see C04).
//!
//! Why: the national standard fixes how a document number is written; a number written otherwise is
//! irregular and harder to look up.
//!
//! Basis: GB/T 9704-2012 《党政机关公文格式》 §7.2.5:
//! "年份应标全称……发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”字".
//!
//! Example: `国办公开办函〔2021〕第030号` →
//! "发文字号格式不规范（序号前不加“第”；序号不编虚位）：国办公开办函〔2021〕第030号 →
//! 国办公开办函〔2021〕30号".
//!
//! Fix: delete 第 and the leading zeros, add 号 (safe); a 2-digit year becomes 20xx (unsafe: the
//! century is a guess).

use super::super::prelude::*;
use super::rewrite;

pub const RULE: Rule = Rule {
    code: "C02",
    name: "docno-format",
    severity: Severity::Warning,
    source: include_str!("c02_docno_format.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text();
    for d in ctx.doc_numbers() {
        // What is wrong (zh, en), the replacements that put it right, and whether they can.
        let mut faults: Vec<(&str, &str)> = Vec::new();
        let mut parts = Vec::new();
        let mut applicability = Applicability::Safe;
        let mut fixable = true;
        let year = &text[d.year.clone()];
        if year.len() != 4 {
            faults.push(("年份应标全称", "the year must have 4 digits"));
            // A 2-digit year is almost surely 20xx, but that is a guess.
            applicability = Applicability::Unsafe;
            fixable &= year.len() == 2;
            parts.push((d.year.clone(), format!("20{year}")));
        }
        if let Some(di) = &d.di {
            faults.push(("序号前不加“第”", "no 第 before the number"));
            parts.push((di.start..d.no.start, String::new()));
        }
        let no = &text[d.no.clone()];
        let mut new_no = no.trim_start_matches('0').to_string();
        if new_no.len() != no.len() {
            faults.push(("序号不编虚位", "no leading zeros"));
            fixable &= !new_no.is_empty();
        }
        let rest = &text[d.span.end..];
        let next = rest.chars().next();
        // "〔2021〕30、31号" cites two numbers with one 号.
        let list = rest
            .strip_prefix(['、', '，', ',', '-', '—', '～', '~', '至', '和', '及'])
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        if d.hao.is_none() && d.open.is_some() && d.close.is_some() && next != Some('號') && !list
        {
            faults.push(("序号后应加“号”", "号 must follow the number"));
            // Only before punctuation or at a line end is it certain where 号 goes.
            fixable &= next.is_none_or(|c| !c.is_alphanumeric());
            new_no.push('号');
        }
        if faults.is_empty() {
            continue;
        }
        if new_no != no {
            parts.push((d.no.clone(), new_no));
        }
        parts.sort_by_key(|(r, _)| r.start);
        let rw = rewrite(ctx, d.span.clone(), &parts);
        let (zh, en): (Vec<&str>, Vec<&str>) = faults.into_iter().unzip();
        let (zh, en) = (zh.join("；"), en.join("; "));
        let (before, after) = (rw.before.clone(), rw.after.clone());
        let arrow = if fixable {
            format!(" → {after}")
        } else {
            String::new()
        };
        let diag = sink.push(
            ctx.source_range(d.span.clone()),
            format!("发文字号格式不规范（{zh}）：{before}{arrow}"),
            format!("malformed document number ({en}): {before}{arrow}"),
        );
        if fixable {
            diag.fix = rw.fix(
                applicability,
                format!("改为 {after}"),
                format!("Change to {after}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{apply_fixes, run};

    #[test]
    fn standard_numbers_and_spaces_in_pdf_text_are_fine() {
        for src in [
            "国办公开办函〔2021〕30号",
            "国办公开办函〔2021〕30 号",
            "国办公开办函 〔 2021 〕 30 号",
            "国令第 711 号",
            "国务院令第711号",
        ] {
            assert!(run(&RULE, src).is_empty(), "{src}");
        }
    }

    fn fixed_once(src: &str) -> String {
        let diags = run(&RULE, src);
        assert_eq!(diags.len(), 1, "{src}: {diags:?}");
        let fixed = apply_fixes(src, &diags);
        assert!(run(&RULE, &fixed).is_empty(), "{fixed}");
        assert_eq!(apply_fixes(&fixed, &run(&RULE, &fixed)), fixed);
        fixed
    }

    #[test]
    fn di_is_removed() {
        let src = "依据国办公开办函〔2021〕第30号编制";
        let d = &run(&RULE, src)[0];
        assert_eq!(
            d.message.zh,
            "发文字号格式不规范（序号前不加“第”）：国办公开办函〔2021〕第30号 → 国办公开办函〔2021〕30号"
        );
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
        assert_eq!(fixed_once(src), "依据国办公开办函〔2021〕30号编制");
    }

    #[test]
    fn leading_zeros_are_removed() {
        assert_eq!(
            fixed_once("（国办公开办函〔2021〕030号）"),
            "（国办公开办函〔2021〕30号）"
        );
        assert_eq!(fixed_once("国办发〔2020〕第 017号"), "国办发〔2020〕17号");
    }

    #[test]
    fn a_missing_hao_is_added_before_punctuation() {
        assert_eq!(
            fixed_once("（国办公开办函〔2021〕30）"),
            "（国办公开办函〔2021〕30号）"
        );
        let diags = run(&RULE, "国办公开办函〔2021〕30文件");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
        assert!(run(&RULE, "国办发〔2020〕16、17号").is_empty());
    }

    #[test]
    fn a_two_digit_year_gets_an_unsafe_fix() {
        let src = "国办公开办函〔21〕30号";
        let diags = run(&RULE, src);
        assert!(diags[0].message.zh.contains("年份应标全称"));
        assert_eq!(
            diags[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        assert_eq!(fixed_once(src), "国办公开办函〔2021〕30号");
    }

    #[test]
    fn brackets_are_left_to_c01() {
        assert!(run(&RULE, "国办函〔2020]109号").is_empty());
    }
}
