//! X06 info-fee-consistency: 正文关于信息处理费的说法与表三一致，前后也一致。
//!
//! 检查两种矛盾：
//! - 表中有因未缴费而终止的申请（（六）2.逾期未按收费通知缴费·总计 > 0，说明发出过收费通知），而正
//!   文说没有产生信息处理费或没有发出收费通知（“本年度没有产生信息处理费”“未发出收费通知”）。“未收
//!   取信息处理费”不矛盾：通知了但没有缴费；
//! - 正文既说没有收取（或没有产生）信息处理费，又说收取了大于零的金额（“收取信息处理费共计380元”）。
//!
//! 表二的“行政事业性收费”是机关的行政事业性收费，是另一回事，从不与信息处理费比较。关于别的年份的说
//! 法跳过；2019年格式的表三没有（六）2 这一行，只检查第二种矛盾。
//!
//! 原因：自国办函〔2020〕109号起，行政机关可以对数量大或频次高的申请收取信息处理费；表三（六）2 统
//! 计的是申请人收到收费通知后未缴费而终止的申请。正文与表格、或正文前后说法相互矛盾，说明报告有不准
//! 确之处。
//!
//! 依据：国办函〔2020〕109号《政府信息公开信息处理费管理办法》；《中华人民共和国政府信息公开条例》
//! 第四十二条。
//!
//! 示例：（六）2.逾期未按收费通知缴费·总计为 2，正文写“本年度没有产生信息公开处理费” → “正文称“没有
//! 产生信息公开处理费”，但表三 （六）2.逾期未按收费通知缴费·总计为2（发出过收费通知）”。
//!
//! 修改：不提供自动修复，相关事实须由填报单位核实。
//!
//! ## English
//!
//! X06 info-fee-consistency: What the text says about 信息处理费 agrees with table 三 and with
//! itself.
//!
//! Two contradictions are checked:
//! - the table has applications dropped for non-payment (（六）2.逾期未按收费通知缴费·总计 > 0, so
//!   fee notices were issued), while the text says that no 信息处理费 or 收费通知 arose
//!   (`本年度没有产生信息处理费`, `未发出收费通知`). `未收取信息处理费` is not a contradiction: the
//!   fee was notified but never paid;
//! - the text says both that no fee was collected (or arose) and that an amount above zero was
//!   collected (`收取信息处理费共计380元`).
//!
//! Table 二's 行政事业性收费 is the agency's administrative fees, a different thing: it is never
//! compared with 信息处理费. Statements about another year are skipped; the 2019 table has no
//! （六）2 row, so only the second check applies there.
//!
//! Why: since 国办函〔2020〕109号 an agency may charge a 信息处理费 for large or frequent
//! applications; table 三 row （六）2 counts the applications dropped because the applicant did not
//! pay after a 收费通知. A text that contradicts the table, or itself, is inaccurate somewhere.
//!
//! Basis: 国办函〔2020〕109号 《政府信息公开信息处理费管理办法》;
//! 《中华人民共和国政府信息公开条例》第四十二条.
//!
//! Example: （六）2.逾期未按收费通知缴费·总计 2 and "本年度没有产生信息公开处理费" →
//! "正文称“没有产生信息公开处理费”，但表三 （六）2.逾期未按收费通知缴费·总计为2（发出过收费通知）".
//!
//! Fix: none; the facts must come from the agency.

use super::super::prelude::*;
use super::narrative::FeeSaid;

pub const RULE: Rule = Rule {
    code: "X06",
    name: "info-fee-consistency",
    severity: Severity::Warning,
    source: include_str!("x06_info_fee_consistency.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let said = ctx.fee_statements();
    let unpaid_id = CellId::T3(T3Row::R(22), 7);
    let unpaid = if ctx.chosen_by_arithmetic(unpaid_id) {
        None
    } else {
        ctx.int(unpaid_id)
    };
    let collected = said.iter().find(|s| {
        matches!(&s.said, FeeSaid::Collected { amount, .. } if amount.bytes().any(|b| (b'1'..=b'9').contains(&b)))
    });
    for s in said {
        match &s.said {
            FeeSaid::NoneArose if unpaid.is_some_and(|n| n > 0) => {
                let n = unpaid.unwrap_or(0);
                let d = sink.push(
                    ctx.source_range(s.range.clone()),
                    format!(
                        "正文称“{}”，但表三 {}为{n}（因未按收费通知缴费而终止的申请，说明发出过收费通知）",
                        s.phrase,
                        unpaid_id.name_zh()
                    ),
                    format!(
                        "the text says “{}” but table 3 {} is {n}: fee notices were issued",
                        s.phrase,
                        unpaid_id.name_en()
                    ),
                );
                d.related
                    .extend(crate::rules::arith::related_cell(ctx, unpaid_id));
            }
            FeeSaid::NoneArose | FeeSaid::NoneCollected => {
                let Some(c) = collected else { continue };
                let FeeSaid::Collected { amount, unit } = &c.said else {
                    continue;
                };
                let d = sink.push(
                    ctx.source_range(s.range.clone()),
                    format!(
                        "正文称“{}”，但又称“{}”（收取{amount}{unit}）",
                        s.phrase, c.phrase
                    ),
                    format!(
                        "the text says “{}” but also “{}” ({amount} {unit} collected)",
                        s.phrase, c.phrase
                    ),
                );
                d.related.push(Related {
                    range: ctx.source_range(c.range.clone()),
                    message: Message::new(
                        format!("收取信息处理费{amount}{unit}"),
                        format!("{amount} {unit} of information processing fees collected"),
                    ),
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cross::testing::stats;
    use crate::rules::testing::run;
    use crate::sample::{Layout, Stats};

    /// A clean sample whose row （六）2 holds `unpaid` 自然人 applications and nothing else
    /// (（七）总计 and 本年新收 follow, so that every relation still holds), and section 六
    /// saying `fee`.
    fn report(unpaid: u64, fee: &str) -> String {
        let mut s: Stats = stats();
        for c in 0..6 {
            let new = if c == 0 { unpaid } else { 0 };
            let old = s.t3[21][c];
            s.t3[21][c] = new;
            s.t3[23][c] = s.t3[23][c] - old + new;
            s.t3[0][c] = s.t3[0][c] + new - old;
        }
        for row in s.t3.iter_mut() {
            row[6] = row[..6].iter().sum();
        }
        let src = s.render(Layout::CellPerLine);
        let anchor = "本年度未收取信息处理费（依据国办函〔2020〕109号）。";
        assert!(src.contains(anchor));
        src.replacen(anchor, fee, 1)
    }

    #[test]
    fn the_sample_is_consistent() {
        let src = report(2, "本年度未收取信息处理费。");
        let arith: Vec<_> = crate::rules::arith::RULES
            .iter()
            .flat_map(|r| run(r, &src))
            .collect();
        assert!(arith.is_empty(), "{arith:?}");
    }

    #[test]
    fn no_fee_arose_contradicts_unpaid_fee_notices() {
        let src = report(2, "本年度没有产生信息公开处理费。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(&src[d.range.clone()], "没有");
        assert!(
            d.message.zh.starts_with(
                "正文称“没有产生信息公开处理费”，但表三 （六）2.逾期未按收费通知缴费·总计为2"
            ),
            "{}",
            d.message.zh
        );
        assert_eq!(d.related.len(), 1);
        let src = report(3, "本机关未发出收费通知。");
        assert_eq!(run(&RULE, &src).len(), 1);
    }

    #[test]
    fn no_fee_collected_is_consistent_with_unpaid_notices() {
        for fee in [
            "本年度未收取信息处理费。",
            "无收取信息处理费情况。",
            "收取信息处理费0元。",
        ] {
            let src = report(2, fee);
            assert!(run(&RULE, &src).is_empty(), "{fee}: {:?}", run(&RULE, &src));
        }
        let src = report(0, "本年度没有产生信息公开处理费。");
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn the_text_contradicting_itself() {
        let src = report(0, "本年度未收取信息处理费。全县收取信息处理费共计380元。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], "未");
        assert!(diags[0].message.zh.contains("收取380元"));
        assert_eq!(&src[diags[0].related[0].range.clone()], "380");
        let src = report(0, "全县收取信息处理费共计380元，其中民政局1件，收取380元。");
        assert!(run(&RULE, &src).is_empty());
    }

    #[test]
    fn table_two_fees_are_never_compared() {
        // The sample's 行政事业性收费 is not zero; 未收取信息处理费 is no contradiction.
        assert_ne!(stats().fee, "0.00");
        let src = report(0, "本年度没有产生信息公开处理费，未收取信息处理费。");
        assert!(run(&RULE, &src).is_empty(), "{:?}", run(&RULE, &src));
    }

    #[test]
    fn other_years_are_skipped() {
        let src = report(2, "上年没有产生信息公开处理费。");
        assert!(run(&RULE, &src).is_empty());
    }
}
