//! A09 t2-fee-plausible: 表二的收费金额精确到元以下，或大得不合常理。
//!
//! 检查：表二“本年收费金额（单位：万元）”有 5 位及以上小数，或者达到 1,000,000 万元（100 亿元）及以
//! 上。
//!
//! 原因：金额的单位是万元，第 4 位小数即 1 元；第 5、6 位小数是角、分，年度统计用不到这样的精度，往
//! 往是手工把“元”换算成“万元”时留下的。1,000,000 万元以上超出任何一个机关的行政事业性收费规模，多半
//! 是把以元为单位的金额填进了万元一栏。两者都是经验判断，为警告。
//!
//! 依据：表二列标题“本年收费金额（单位：万元）”。国家层面没有关于小数位数的规定，因此本规则为警告。
//!
//! 示例：金额写为 88.78248 → “行政事业性收费金额 88.78248 万元有 5 位小数（精确到 0.1 元）……”；也见
//! 过 4166.241619 这样 6 位小数的写法。
//!
//! 修改：不提供自动修复，只有填报单位知道正确的金额。
//!
//! ## English
//!
//! A09 t2-fee-plausible: The fee amount of table 二 has sub-yuan precision, or is implausibly
//! large.
//!
//! What: 本年收费金额（单位：万元） of table 二 with five or more decimals, or of 1,000,000 万元
//! (10 billion yuan) or more.
//!
//! Why: the amount is in 万元, so the 4th decimal is 1 元; a 5th or 6th decimal means jiao or fen,
//! a precision annual statistics do not need, which often comes from converting 元 by hand. An
//! amount of 1,000,000 万元 or more is beyond any single issuer's administrative fees, most likely
//! an amount in 元 written in the 万元 column. Both are heuristics, hence warnings.
//!
//! Basis: the column label 本年收费金额（单位：万元） of table 二. No national rule on decimals is
//! known, hence a warning.
//!
//! Example: 88.78248 → "行政事业性收费金额 88.78248 万元有 5 位小数（精确到 0.1 元）…"; six
//! decimals (4166.241619) have been seen too.
//!
//! Fix: none; only the issuer knows the intended amount.

use super::super::prelude::*;

pub const RULE: Rule = Rule {
    code: "A09",
    name: "t2-fee-plausible",
    severity: Severity::Warning,
    source: include_str!("a09_t2_fee_plausible.rs"),
    check,
};

/// From this many 万元 on, the amount is taken for 元 written in the 万元 column.
const IMPLAUSIBLE_WAN: u64 = 1_000_000;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(cell) = ctx.cell(CellId::T2(T2Row::Fee, T2Col::Amount)) else {
        return;
    };
    let CellValue::Number(text) = &cell.value else {
        return;
    };
    // Malformed amounts are A05's.
    let amount = text.as_str();
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let (Ok(int), true) = (int.parse::<u64>(), frac.bytes().all(|b| b.is_ascii_digit())) else {
        return;
    };
    let decimals = frac.len();
    if decimals > 4 {
        // 10^-4 万元 = 1 元; each further decimal divides by ten.
        let unit = ["0.1 元", "0.01 元"]
            .get(decimals - 5)
            .copied()
            .unwrap_or("分以下");
        sink.push(
            cell.span.clone(),
            format!(
                "行政事业性收费金额 {amount} 万元有 {decimals} 位小数（精确到 {unit}）；以万元计通常至多保留 4 位小数（精确到元），请核对单位与数值"
            ),
            format!(
                "fee amount {amount} (10,000 yuan) has {decimals} decimals, i.e. below one yuan; amounts in 10,000 yuan rarely need more than 4 decimals; check the unit and the number"
            ),
        );
    }
    if int >= IMPLAUSIBLE_WAN {
        sink.push(
            cell.span.clone(),
            format!(
                "行政事业性收费金额 {amount} 万元（即 {} 亿元以上）异常大，可能把以元计的金额填入了以万元为单位的栏目",
                int / 10_000
            ),
            format!(
                "fee amount {amount} (10,000 yuan) is over {} hundred million yuan: probably an amount in yuan written in the 10,000-yuan column",
                int / 10_000
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean_report, run};

    fn report(fee: &str) -> String {
        format!("二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n{fee}\n")
    }

    #[test]
    fn silent_on_plausible_amounts() {
        assert!(run(&RULE, &clean_report()).is_empty());
        for fee in ["0", "7730.28", "12.3456", "999999.9", "-3.5"] {
            assert!(run(&RULE, &report(fee)).is_empty(), "{fee}");
        }
    }

    #[test]
    fn sub_yuan_precision_is_reported_with_the_number() {
        let src = report("88.78248");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert!(
            d.message
                .zh
                .starts_with("行政事业性收费金额 88.78248 万元有 5 位小数（精确到 0.1 元）"),
            "{}",
            d.message.zh
        );
        assert_eq!(&src[d.range.clone()], "88.78248");
        let diags = run(&RULE, &report("4166.241619"));
        assert!(diags[0].message.zh.contains("6 位小数（精确到 0.01 元）"));
    }

    #[test]
    fn yuan_in_the_wan_column_is_reported() {
        let diags = run(&RULE, &report("25300000"));
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.zh.contains("即 2530 亿元以上"),
            "{}",
            diags[0].message.zh
        );
    }
}
