//! X01 text-vs-t3-totals: 正文所说的申请件数与表三一致。
//!
//! 检查：收到的申请（“收到/受理/接收……申请N件”“依申请公开……共N件”“未收到……申请”）与“一、本年新收”的
//! 总计比较，或者与本年新收加上年结转之和比较（“共收到”常把上年结转的申请也算在内）；“上年结转……申
//! 请N件”与“二、上年结转”的总计比较；办结（“办结N件”“答复N件”）与“（七）总计”的总计比较；“办理N件”
//! 与上述两者之一比较；结转（“结转下一年N件”“N件顺延到下年度”）与“四、结转下年度继续办理”的总计比较。
//! 只有主语明确的数字才比较：不是增减（“同比增长5件”），不是别的年份（“2023年”“上年”），不是其中一
//! 部分（“其中……”“通过网络……”“自然人……”），不是“含上年结转N件”，也不是约数或范围。相关单元格空白、
//! 无法读取或按行合计拆分读出时不检查。
//!
//! 原因：报告把总数写了两遍，一遍在正文（“全年收到政府信息公开申请35件，办结33件，结转下年度2件”），
//! 一遍在表三。两者不一致，必有一处是错的，读者和评估者无法判断哪一处正确。
//!
//! 依据：国办公开办函〔2021〕30号印发的年度报告格式，表三；该文件把“发布内容不准确”列为依《条例》第
//! 四十七条追究责任的情形之一。
//!
//! 示例：“全年收到政府信息公开申请35件”，而一、本年新收·总计为 33、上年结转为 0 → “正文称“全年收到
//! 政府信息公开申请35件”，但表三 一、本年新收·总计为33，……”。
//!
//! 修改：不提供自动修复，两个数字都可能是错的。
//!
//! ## English
//!
//! X01 text-vs-t3-totals: The numbers of applications the text states equal table 三.
//!
//! What: received (`收到/受理/接收…申请N件`, `依申请公开…共N件`, `未收到…申请`) is compared with
//! 一、本年新收·总计, or with 本年新收 + 上年结转, since `共收到` often counts the carried-over
//! applications too; `上年结转…申请N件` with 二、上年结转·总计; closed (`办结N件`, `答复N件`) with
//! （七）总计·总计; `办理N件` with either of those; carried over (`结转下一年N件`,
//! `N件顺延到下年度`) with 四、结转下年度继续办理·总计. A number counts only when its subject is
//! unambiguous: not a change (`同比增长5件`), not another year (`2023年`, `上年`), not a part
//! (`其中…`, `通过网络…`, `自然人…`), not `含上年结转N件`, not an approximation or a range. Silent
//! when a cell is blank, unreadable or was split by the row's arithmetic.
//!
//! Why: a report states its totals twice, in the narrative
//! (`全年收到政府信息公开申请35件，办结33件，结转下年度2件`) and in table 三. When they differ, one
//! of them is wrong, and readers and evaluators cannot tell which.
//!
//! Basis: the annual report format of 国办公开办函〔2021〕30号, table 三; that notice names
//! "发布内容不准确" among the failures that lead to accountability under Art. 47 of the 条例.
//!
//! Example: "全年收到政府信息公开申请35件" with 本年新收·总计 33 and 上年结转 0 →
//! "正文称“全年收到政府信息公开申请35件”，但表三 一、本年新收·总计为33，…".
//!
//! Fix: none; either number may be the wrong one.

use super::super::prelude::*;
use super::narrative::Subject;

pub const RULE: Rule = Rule {
    code: "X01",
    name: "text-vs-t3-totals",
    severity: Severity::Warning,
    source: include_str!("x01_text_vs_t3_totals.rs"),
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    use Subject::*;
    super::check_subjects(
        ctx,
        sink,
        &[Received, CarriedIn, Closed, Handled, CarriedOut],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cross::testing::{report, stats, with_sentence};
    use crate::rules::testing::run;
    use crate::sample::Layout;

    #[test]
    fn agreeing_totals_are_silent() {
        let s = stats();
        let (r01, r02, r24, r25) = (
            s.t3_cell(1, 7),
            s.t3_cell(2, 7),
            s.t3_cell(24, 7),
            s.t3_cell(25, 7),
        );
        for sentence in [
            format!("全年共收到政府信息公开申请{r01}件，办结{r24}件，结转下年度{r25}件。"),
            format!("本年度共受理政府信息公开申请{}件。", r01 + r02),
            format!("上年结转政府信息公开申请{r02}件。"),
            format!("共办理{r24}件。"),
            format!("{r25}件结转下年度继续办理。"),
        ] {
            let src = report(&sentence);
            assert!(run(&RULE, &src).is_empty(), "{sentence}");
        }
    }

    #[test]
    fn a_wrong_received_count_points_at_the_number_and_the_cell() {
        let s = stats();
        let (r01, r02) = (s.t3_cell(1, 7), s.t3_cell(2, 7));
        let wrong = r01 + r02 + 2;
        let src = report(&format!("全年收到政府信息公开申请{wrong}件。"));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(&src[d.range.clone()], wrong.to_string());
        assert_eq!(
            d.message.zh,
            format!(
                "正文称“收到政府信息公开申请{wrong}件”，但表三 一、本年新收·总计为{r01}，表三 一、本年新收与二、上年结转·总计之和为{}",
                r01 + r02
            )
        );
        assert!(d.message.en.contains("the text says"));
        // Related: r01 and r02, at the cells' digits.
        assert_eq!(d.related.len(), 2);
        assert_eq!(&src[d.related[0].range.clone()], r01.to_string());
        assert_eq!(&src[d.related[1].range.clone()], r02.to_string());
    }

    #[test]
    fn wrong_closed_and_carried_over_counts() {
        let s = stats();
        let (r24, r25) = (s.t3_cell(24, 7), s.t3_cell(25, 7));
        let src = report(&format!("共办结{}件，结转下一年度{}件。", r24 + 1, r25 + 3));
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0]
            .message
            .zh
            .contains(&format!("（七）总计·总计为{r24}")));
        assert!(diags[1]
            .message
            .zh
            .contains(&format!("四、结转下年度继续办理·总计为{r25}")));
    }

    #[test]
    fn chinese_numerals_and_stated_zero() {
        let r01 = stats().t3_cell(1, 7);
        assert!(r01 > 0);
        let src = report("本年度未收到政府信息公开申请。");
        let diags = run(&RULE, &src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(&src[diags[0].range.clone()], "未收到");
        let src = report("收到政府信息公开申请一千零一件。");
        assert_eq!(run(&RULE, &src).len(), 1);
    }

    #[test]
    fn pitfalls_stay_silent() {
        let r01 = stats().t3_cell(1, 7);
        for sentence in [
            format!("共收到政府信息公开申请{r01}件，同比增长5件。"),
            format!("共收到政府信息公开申请{r01}件，其中通过互联网收到申请3件。"),
            "2023年收到政府信息公开申请999件。".to_string(),
            "较上年多收到政府信息公开申请9件。".to_string(),
            "办结的申请中予以公开的有999件。".to_string(),
            format!("办结{}件（含上年结转999件）。", stats().t3_cell(24, 7)),
            "收到政府信息公开申请约999件。".to_string(),
            "收到政府信息公开申请900-999件。".to_string(),
            "收到自然人申请999件。".to_string(),
        ] {
            let src = report(&sentence);
            assert!(
                run(&RULE, &src).is_empty(),
                "{sentence}: {:?}",
                run(&RULE, &src)
            );
        }
    }

    #[test]
    fn every_layout_maps_the_number_back_to_the_source() {
        let r01 = stats().t3_cell(1, 7);
        for layout in Layout::ALL {
            let src = with_sentence(layout, &format!("共收到政府信息公开申请{}件。", r01 + 50));
            let diags = run(&RULE, &src);
            // One-line layouts run the digits together: table 三's cells are then split by
            // their row totals, and a rule must not lean on them.
            let report = crate::read::reader::read(&src);
            let ctx = Context::new(&src, &report);
            let id = CellId::T3(T3Row::R(1), 7);
            if ctx.chosen_by_arithmetic(id) || ctx.chosen_by_arithmetic(CellId::T3(T3Row::R(2), 7))
            {
                assert!(diags.is_empty(), "{layout:?}: {diags:?}");
                continue;
            }
            assert_eq!(diags.len(), 1, "{layout:?}: {diags:?}");
            assert_eq!(
                &src[diags[0].range.clone()],
                (r01 + 50).to_string(),
                "{layout:?}"
            );
        }
    }

    #[test]
    fn unreadable_cells_silence_the_rule() {
        // Table 三 dropped entirely: nothing to compare with.
        let src = report("共收到政府信息公开申请99999件。");
        let start = src.find("三、收到和处理政府信息公开申请情况").unwrap();
        let end = src.find("四、政府信息公开行政复议").unwrap();
        let cut = format!("{}{}", &src[..start], &src[end..]);
        assert!(run(&RULE, &cut).is_empty());
    }
}
