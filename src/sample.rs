//! Sample reports: one set of statistics rendered in each layout seen in the wild (spec §9).
//!
//! Used by the tests (a value table must read back exactly from every layout), by the README
//! examples and by benchmarks. Values are generated from a seed and always satisfy the table's
//! arithmetic, so that a reader error shows as a difference, not as a rule finding.

use std::fmt::Write;

use crate::read::cells::T3Row;
use crate::read::labels::{t3_row_text, SectionKind};

/// The layouts a sample can be rendered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// §9.1: one cell per line, blank lines between cells.
    CellPerLine,
    /// §9.2: every cell ends in " |", pipe-only padding lines.
    PipeTerminated,
    /// §9.3: a row's first cell starts with "| ".
    PipeLed,
    /// §9.4: a lone "|" line opens each row.
    LonePipe,
    /// §9.5: Markdown pipe tables.
    Markdown,
    /// §9.6: the whole body on one line, cells run together.
    OneLine,
    /// §9.7: PDF text, labels of a page first, then values column by column.
    ColumnMajor,
    /// §9.8: HTML tables.
    Html,
}

impl Layout {
    pub const ALL: [Layout; 8] = [
        Layout::CellPerLine,
        Layout::PipeTerminated,
        Layout::PipeLed,
        Layout::LonePipe,
        Layout::Markdown,
        Layout::OneLine,
        Layout::ColumnMajor,
        Layout::Html,
    ];
}

/// The statistics of a 2021-format report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    pub year: i32,
    pub agency: String,
    /// 规章 and 行政规范性文件: 制发, 废止, 现行有效.
    pub t2_docs: [[u64; 3]; 2],
    /// 行政许可, 行政处罚, 行政强制.
    pub t2_decisions: [u64; 3],
    /// 行政事业性收费 in 万元, as written.
    pub fee: String,
    /// Rows r01..r25, columns c1..c7.
    pub t3: [[u64; 7]; 25],
    /// The 15 cells of table 四 in row order.
    pub t4: [u64; 15],
}

/// A small deterministic generator (SplitMix64), so samples need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A small count, zero about half of the time.
    fn count(&mut self, max: u64) -> u64 {
        if self.next().is_multiple_of(2) {
            0
        } else {
            self.next() % (max + 1)
        }
    }
}

impl Stats {
    /// Statistics from a seed, consistent with every relation of the format (A01–A04).
    pub fn generate(seed: u64) -> Stats {
        let mut rng = Rng(seed);
        let mut t3 = [[0u64; 7]; 25];
        // Outcome rows r03..r23 (indices 2..=22): parts, then the row total.
        for row in t3.iter_mut().take(23).skip(2) {
            row[0] = rng.count(40);
            for cell in row.iter_mut().take(6).skip(1) {
                *cell = rng.count(3);
            }
        }
        for c in 0..6 {
            let outcomes: u64 = t3[2..23].iter().map(|row| row[c]).sum();
            let carried_out = rng.count(5); // 结转下年度
            let carried_in = rng.count(5).min(outcomes + carried_out); // 上年结转
            t3[23][c] = outcomes; // （七）总计
            t3[24][c] = carried_out;
            t3[1][c] = carried_in;
            t3[0][c] = outcomes + carried_out - carried_in; // 本年新收, from the balance
        }
        for row in t3.iter_mut() {
            row[6] = row[..6].iter().sum();
        }
        let mut t4 = [0u64; 15];
        for g in 0..3 {
            for o in 0..4 {
                t4[g * 5 + o] = rng.count(4);
            }
            t4[g * 5 + 4] = t4[g * 5..g * 5 + 4].iter().sum();
        }
        let made = rng.count(20);
        let valid = made + rng.count(100);
        Stats {
            year: 2024 + (seed % 2) as i32,
            agency: ["示例市人民政府", "示例县发展和改革局", "示例镇人民政府"][(seed % 3) as usize]
                .to_string(),
            t2_docs: [[0, 0, 0], [made, rng.count(10), valid]],
            t2_decisions: [rng.count(5000), rng.count(900), rng.count(60)],
            fee: format!("{}.{:02}", rng.count(300), rng.next() % 100),
            t3,
            t4,
        }
    }

    /// The value of a table-三 cell (row 1..=25, column 1..=7).
    pub fn t3_cell(&self, row: u8, col: u8) -> u64 {
        self.t3[row as usize - 1][col as usize - 1]
    }
}

/// The four block titles of table 二 (2021).
const T2_BLOCKS: [&str; 4] = [
    "第二十条第（一）项",
    "第二十条第（五）项",
    "第二十条第（六）项",
    "第二十条第（八）项",
];
const T2_DOC_ROWS: [&str; 2] = ["规章", "行政规范性文件"];
const T2_DECISION_ROWS: [&str; 3] = ["行政许可", "行政处罚", "行政强制"];
const T3_COLUMNS: [&str; 8] = [
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];
const T4_HEADER: [&str; 4] = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"];
const T4_OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Two unrelated narratives of about 300 characters each, for tests of narrative similarity
/// (rule X07): the samples' own narrative is too short to compare.
pub const STORIES: [&str; 2] = [
    "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开，持续深化政务公开标准化规范化建设。\
全年通过门户网站主动公开各类政府信息，及时发布机构职能、规划计划、财政预决算等内容，重点做好优化营商环境、乡村振兴、民生保障等领域的信息发布。\
依申请公开方面，严格执行收文登记、审核、答复等各环节规定，确保在法定期限内规范答复，答复文书格式统一，告知救济渠道。\
政府信息管理方面，落实公开前保密审查制度，动态调整主动公开基本目录，开展规范性文件清理，及时公布清理结果。\
平台建设方面，优化政府网站栏目设置，完善政务新媒体矩阵，推进政务公开专区标准化建设，提升线下服务能力。\
监督保障方面，将政务公开工作纳入年度绩效考核，组织业务培训两次，开展社会评议，全年未发生因政务公开工作引发的责任追究情形。",
    "今年的工作以需求为导向，围绕群众关切组织专题解读会和新闻发布会，邀请企业代表与人大代表参与。\
档案馆与图书馆设立查阅点，方便老年群众现场查询；热线电话延长服务时间，周末安排专人值守答复咨询。\
对照考核指标查找短板，针对栏目更新迟缓、解读材料偏少等问题建立台账，逐项明确责任人和完成时限。\
网站集约化平台完成迁移，历史信息按年份归档，检索功能支持全文搜索，移动端适配率达到百分之百。\
基层政务公开标准目录覆盖二十六个领域，村务公开栏统一样式，每季度更新一次，接受群众监督。\
下一步将继续完善制度，强化培训考核，推动公开质量稳步提升，做到公开内容准确完整、及时规范。",
];

/// A row of a table as label plus values; `None` label marks a group header row.
struct Row {
    label: String,
    values: Vec<String>,
}

impl Stats {
    /// The rows of the three tables in template order, with group rows (no values).
    fn t2_rows(&self) -> Vec<Vec<Row>> {
        let docs = T2_DOC_ROWS
            .iter()
            .zip(&self.t2_docs)
            .map(|(l, v)| Row {
                label: l.to_string(),
                values: v.iter().map(u64::to_string).collect(),
            })
            .collect();
        let dec = |i: usize| Row {
            label: T2_DECISION_ROWS[i].to_string(),
            values: vec![self.t2_decisions[i].to_string()],
        };
        vec![
            docs,
            vec![dec(0)],
            vec![dec(1), dec(2)],
            vec![Row {
                label: "行政事业性收费".into(),
                values: vec![self.fee.clone()],
            }],
        ]
    }

    fn t3_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let group = |label: &str| Row {
            label: label.to_string(),
            values: Vec::new(),
        };
        for n in 1..=25u8 {
            match n {
                3 => rows.push(group("三、本年度办理结果")),
                5 => rows.push(group("（三）不予公开")),
                13 => rows.push(group("（四）无法提供")),
                16 => rows.push(group("（五）不予处理")),
                21 => rows.push(group("（六）其他处理")),
                _ => {}
            }
            rows.push(Row {
                label: t3_row_text(T3Row::R(n)).to_string(),
                values: self.t3[n as usize - 1].iter().map(u64::to_string).collect(),
            });
        }
        rows
    }

    fn t4_values(&self) -> Vec<String> {
        self.t4.iter().map(u64::to_string).collect()
    }

    fn title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
    }

    fn intro(&self) -> String {
        format!(
            "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。所列数据统计期限为{y}年1月1日至{y}年12月31日。",
            y = self.year
        )
    }

    fn narrative(&self, kind: SectionKind) -> String {
        match kind {
            SectionKind::Overview => format!(
                "{}年，本机关认真贯彻落实《条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情形。",
                self.year
            ),
            SectionKind::Problems => {
                "存在的主要问题是政策解读形式单一。改进情况：丰富解读形式，加强培训。".into()
            }
            SectionKind::Other => format!(
                "本年度未收取信息处理费（依据国办函〔2020〕109号）。\n{}年1月20日",
                self.year + 1
            ),
            _ => String::new(),
        }
    }

    /// The report rendered in a layout with `story` added to section 一 (after its sentence).
    pub fn render_with_story(&self, layout: Layout, story: &str) -> String {
        let text = self.render(layout);
        let overview = self.narrative(SectionKind::Overview);
        match text.find(&overview) {
            Some(at) if !story.is_empty() => {
                let end = at + overview.len();
                format!("{}{story}{}", &text[..end], &text[end..])
            }
            _ => text,
        }
    }

    /// The report rendered in a layout.
    pub fn render(&self, layout: Layout) -> String {
        match layout {
            Layout::Html => self.render_html(),
            Layout::OneLine => self.render_one_line(),
            Layout::ColumnMajor => self.render_column_major(),
            _ => self.render_lines(layout),
        }
    }

    fn heading(kind: SectionKind) -> &'static str {
        kind.official_heading()
    }

    /// Layouts with one cell per line or Markdown rows.
    fn render_lines(&self, layout: Layout) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n{}", self.title(), self.intro());
        let _ = writeln!(out, "{}", Self::heading(SectionKind::Overview));
        let _ = writeln!(out, "{}", self.narrative(SectionKind::Overview));
        let _ = writeln!(out, "{}", Self::heading(SectionKind::Active));
        let headers: [&[&str]; 4] = [
            &["本年制发件数", "本年废止件数", "现行有效件数"],
            &["本年处理决定数量"],
            &["本年处理决定数量"],
            &["本年收费金额（单位：万元）"],
        ];
        for ((block, header), rows) in T2_BLOCKS.iter().zip(headers).zip(self.t2_rows()) {
            if layout == Layout::Markdown {
                let _ = writeln!(out, "\n### {block}");
                let _ = writeln!(out, "| 信息内容 | {} |", header.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(header.len() + 1));
                for r in rows {
                    let _ = writeln!(out, "| {} | {} |", r.label, r.values.join(" | "));
                }
                out.push('\n');
            } else {
                let mut cells = vec![vec![block.to_string()]];
                cells.push(
                    std::iter::once("信息内容".to_string())
                        .chain(header.iter().map(|h| h.to_string()))
                        .collect(),
                );
                for r in rows {
                    cells.push(std::iter::once(r.label).chain(r.values).collect());
                }
                write_cell_rows(&mut out, layout, &cells);
            }
        }
        let _ = writeln!(out, "{}", Self::heading(SectionKind::Requests));
        if layout == Layout::Markdown {
            let _ = writeln!(out, "{NOTE}\n");
            let _ = writeln!(
                out,
                "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
            );
            let _ = writeln!(out, "|{}", "---|".repeat(8));
            for r in self.t3_rows() {
                if r.values.is_empty() {
                    let _ = writeln!(out, "| {} |  |  |  |  |  |  |  |", r.label);
                } else {
                    let _ = writeln!(out, "| {} | {} |", r.label, r.values.join(" | "));
                }
            }
        } else {
            let mut cells = vec![vec![NOTE.to_string(), "申请人情况".to_string()]];
            cells.push(T3_COLUMNS.iter().map(|s| s.to_string()).collect());
            for r in self.t3_rows() {
                cells.push(std::iter::once(r.label).chain(r.values).collect());
            }
            write_cell_rows(&mut out, layout, &cells);
        }
        let _ = writeln!(out, "{}", Self::heading(SectionKind::Review));
        if layout == Layout::Markdown {
            let _ = writeln!(
                out,
                "| {} | | | | | {} | | | | | {} | | | | |",
                T4_HEADER[0], T4_HEADER[2], T4_HEADER[3]
            );
            let _ = writeln!(out, "|{}", "---|".repeat(15));
            let _ = writeln!(out, "| {} |", T4_OUTCOMES.repeat(3).join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(15));
            let _ = writeln!(out, "| {} |", self.t4_values().join(" | "));
        } else {
            let mut header: Vec<String> = T4_HEADER.iter().map(|s| s.to_string()).collect();
            header.extend(T4_OUTCOMES.repeat(3).iter().map(|s| s.to_string()));
            write_cell_rows(&mut out, layout, &[header, self.t4_values()]);
        }
        for kind in [SectionKind::Problems, SectionKind::Other] {
            let _ = writeln!(out, "{}\n{}", Self::heading(kind), self.narrative(kind));
        }
        out
    }

    /// §9.6: the body on one line, labels and digits run together.
    fn render_one_line(&self) -> String {
        let mut body = String::new();
        body.push_str(&self.intro());
        body.push_str(Self::heading(SectionKind::Overview));
        body.push_str(&self.narrative(SectionKind::Overview));
        body.push_str(Self::heading(SectionKind::Active));
        let headers = [
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数",
            "第二十条第（五）项信息内容本年处理决定数量",
            "第二十条第（六）项信息内容本年处理决定数量",
            "第二十条第（八）项信息内容本年收费金额（单位：万元）",
        ];
        for (header, rows) in headers.iter().zip(self.t2_rows()) {
            body.push_str(header);
            for r in rows {
                let _ = write!(body, "{}{}", r.label, r.values.concat());
            }
        }
        body.push_str(Self::heading(SectionKind::Requests));
        body.push_str(NOTE);
        body.push_str(
            "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
        );
        for r in self.t3_rows() {
            let _ = write!(body, "{}{}", r.label, r.values.concat());
        }
        body.push_str(Self::heading(SectionKind::Review));
        body.push_str(&T4_HEADER.concat());
        body.push_str(&T4_OUTCOMES.repeat(3).concat());
        body.push_str(&self.t4_values().join(" "));
        for kind in [SectionKind::Problems, SectionKind::Other] {
            body.push_str(Self::heading(kind));
            body.push_str(&self.narrative(kind).replace('\n', ""));
        }
        format!(
            "标题: {}\n发布时间: {}-01-20 10:00\n==================== 正文 ====================\n{}\n",
            self.title(),
            self.year + 1,
            body
        )
    }

    /// §9.7: per page, labels first, then the values column by column.
    fn render_column_major(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n\n{}\n", self.title(), self.intro());
        let _ = writeln!(out, "{}\n", Self::heading(SectionKind::Overview));
        let _ = writeln!(out, "{}\n", self.narrative(SectionKind::Overview));
        let _ = writeln!(out, "{}\n", Self::heading(SectionKind::Active));
        for (block, rows) in T2_BLOCKS.iter().zip(self.t2_rows()) {
            let _ = writeln!(out, "{block}\n\n信息内容\n");
            for r in &rows {
                let _ = writeln!(out, "{}\n", r.label);
            }
            let width = rows[0].values.len();
            for c in 0..width {
                for r in &rows {
                    let _ = writeln!(out, "{}\n", r.values[c]);
                }
            }
        }
        let _ = writeln!(out, "{}\n\n{NOTE}\n", Self::heading(SectionKind::Requests));
        for c in T3_COLUMNS {
            let _ = writeln!(out, "{c}\n");
        }
        let rows = self.t3_rows();
        // Two pages: the first ends after r12, with a page marker between label lists.
        let split = rows
            .iter()
            .position(|r| r.label == "（四）无法提供")
            .unwrap_or(rows.len());
        for (page, part) in [&rows[..split], &rows[split..]].into_iter().enumerate() {
            for r in part {
                let _ = writeln!(out, "{}\n", r.label);
            }
            let data: Vec<&Row> = part.iter().filter(|r| !r.values.is_empty()).collect();
            for c in 0..7 {
                for r in &data {
                    let _ = writeln!(out, "{}\n", r.values[c]);
                }
            }
            let _ = writeln!(out, "- {} -\n", page + 3);
        }
        let _ = writeln!(out, "{}\n", Self::heading(SectionKind::Review));
        for h in T4_HEADER.iter().chain(T4_OUTCOMES.repeat(3).iter()) {
            let _ = writeln!(out, "{h}\n");
        }
        for v in self.t4_values() {
            let _ = writeln!(out, "{v}\n");
        }
        for kind in [SectionKind::Problems, SectionKind::Other] {
            let _ = writeln!(out, "{}\n{}\n", Self::heading(kind), self.narrative(kind));
        }
        out
    }

    fn render_html(&self) -> String {
        let mut out = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
        let _ = write!(out, "<title>{}</title></head><body>", self.title());
        let p = |out: &mut String, s: &str| {
            let _ = writeln!(out, "<p><span>{s}</span></p>");
        };
        p(&mut out, &self.title());
        p(&mut out, &self.intro());
        p(&mut out, Self::heading(SectionKind::Overview));
        p(&mut out, &self.narrative(SectionKind::Overview));
        p(&mut out, Self::heading(SectionKind::Active));
        out.push_str("<table border=\"1\"><tbody>\n");
        for (block, rows) in T2_BLOCKS.iter().zip(self.t2_rows()) {
            let _ = writeln!(out, "<tr><td colspan=\"4\"><p>{block}</p></td></tr>");
            for r in rows {
                out.push_str("<tr>");
                let _ = write!(out, "<td><p><span>{}</span></p></td>", r.label);
                for v in r.values {
                    let _ = write!(out, "<td><p align=\"center\">{v}</p></td>");
                }
                out.push_str("</tr>\n");
            }
        }
        out.push_str("</tbody></table>\n");
        p(&mut out, Self::heading(SectionKind::Requests));
        out.push_str("<table border=\"1\"><tbody>\n");
        let _ = writeln!(
            out,
            "<tr><td colspan=\"3\" rowspan=\"3\"><p>{NOTE}</p></td><td colspan=\"7\">申请人情况</td></tr>"
        );
        out.push_str("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n");
        out.push_str("<tr><td>商业<br />企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其<span>他</span></td></tr>\n");
        for r in self.t3_rows() {
            out.push_str("<tr>");
            let _ = write!(out, "<td colspan=\"3\"><span>{}</span></td>", r.label);
            for v in r.values {
                let cell = if v == "0" { "0".to_string() } else { v };
                let _ = write!(out, "<td>{cell}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
        p(&mut out, Self::heading(SectionKind::Review));
        out.push_str("<table border=\"1\"><tbody>\n<tr>");
        for h in T4_HEADER {
            let _ = write!(out, "<td>{h}</td>");
        }
        out.push_str("</tr>\n<tr>");
        for h in T4_OUTCOMES.repeat(3) {
            let _ = write!(out, "<td>{h}</td>");
        }
        out.push_str("</tr>\n<tr>");
        for v in self.t4_values() {
            let _ = write!(out, "<td>{v}</td>");
        }
        out.push_str("</tr>\n</tbody></table>\n");
        for kind in [SectionKind::Problems, SectionKind::Other] {
            p(&mut out, Self::heading(kind));
            p(
                &mut out,
                &self.narrative(kind).replace('\n', "</span></p><p><span>"),
            );
        }
        out.push_str("</body></html>\n");
        out
    }
}

/// Writes rows of cells in one of the line layouts.
fn write_cell_rows(out: &mut String, layout: Layout, rows: &[Vec<String>]) {
    for row in rows {
        match layout {
            Layout::CellPerLine => {
                for c in row {
                    let _ = writeln!(out, "{c}\n");
                }
            }
            Layout::PipeTerminated => {
                for c in row {
                    let _ = writeln!(out, "{c} |");
                }
                let _ = writeln!(out, "{}", "|".repeat(row.len().clamp(1, 4)));
            }
            Layout::PipeLed => {
                for (i, c) in row.iter().enumerate() {
                    if i == 0 {
                        let _ = writeln!(out, "| {c} |");
                    } else {
                        let _ = writeln!(out, "{c} |");
                    }
                }
                let _ = writeln!(out, "||");
            }
            Layout::LonePipe => {
                let _ = writeln!(out, "|");
                for c in row {
                    let _ = writeln!(out, "{c} |");
                }
                let _ = writeln!(out, "|||");
            }
            _ => unreachable!("not a line layout"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_statistics_satisfy_the_arithmetic() {
        for seed in 0..50 {
            let s = Stats::generate(seed);
            for row in &s.t3 {
                assert_eq!(row[6], row[..6].iter().sum::<u64>());
            }
            for c in 0..7 {
                let outcomes: u64 = (2..23).map(|r| s.t3[r][c]).sum();
                assert_eq!(s.t3[23][c], outcomes);
                assert_eq!(s.t3[0][c] + s.t3[1][c], s.t3[23][c] + s.t3[24][c]);
            }
            for g in 0..3 {
                assert_eq!(s.t4[g * 5 + 4], s.t4[g * 5..g * 5 + 4].iter().sum::<u64>());
            }
        }
    }
}
