//! The report model: what the reader recovered from a source, with byte ranges for everything.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use crate::read::cells::{CellId, CellMap, T2Row, T3Row, TableVersion, ValueKind};
use crate::read::labels::SectionKind;
use crate::read::meta::Meta;
use crate::read::split::{Provenance, RunError};

/// Which template the report's tables follow (spec §4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Format {
    #[serde(rename = "2021")]
    V2021,
    #[serde(rename = "2019")]
    V2019,
    /// Tables of both templates in one report, e.g. 2021 table 二 with the single 2019
    /// （六）其他处理 row in table 三.
    #[serde(rename = "mixed")]
    Mixed,
    /// A pre-2019 report: legacy statistic labels and no 第二十条 blocks.
    #[serde(rename = "legacy")]
    Legacy,
    #[serde(rename = "unknown")]
    Unknown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::V2021 => "2021",
            Format::V2019 => "2019",
            Format::Mixed => "mixed",
            Format::Legacy => "legacy",
            Format::Unknown => "unknown",
        }
    }
}

/// What kind of source was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Text,
    Html,
}

/// A section heading as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub kind: SectionKind,
    /// 1 for 一 … 10 for 十; 0 when the heading has no numeral.
    pub numeral: u8,
    /// 0 when the text is the 2021 template's; otherwise a tolerated variant.
    pub variant: u8,
    pub span: Range<usize>,
}

/// A section: its heading and the source range up to the next heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: Heading,
    pub span: Range<usize>,
}

/// A cell's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    /// A number as written (after NFKC), e.g. `4`, `88.78248`, `-15`, `251000元`.
    Number(String),
    /// An empty cell or a placeholder such as `/`, `-`, `无`.
    Blank,
}

/// A cell that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub value: CellValue,
    /// The digits in the source (for a blank cell, where a value would go).
    pub span: Range<usize>,
    pub provenance: Provenance,
}

impl Cell {
    /// The value as an integer when the cell holds one.
    pub fn int(&self) -> Option<i64> {
        match &self.value {
            CellValue::Number(s) => s.parse().ok(),
            CellValue::Blank => None,
        }
    }
}

/// Why a cell could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    TableNotFound,
    LabelNotFound,
    NoValues,
    Run(RunError),
    /// The row appears twice with different values.
    Conflict,
    /// Several ways to assign the values to the pending row labels.
    AmbiguousAssignment,
    /// Values listed column by column (PDF text) whose column order cannot be established.
    ColumnOrder,
}

impl Reason {
    /// The reason in Chinese, naming the numbers.
    pub fn message_zh(&self) -> String {
        match self {
            Reason::TableNotFound => "未找到该表".into(),
            Reason::LabelNotFound => "未找到该行的标签".into(),
            Reason::NoValues => "找到该行的标签，但无法确定属于它的数值".into(),
            Reason::Run(RunError::TooFew { got, want }) => format!(
                "该行只有 {got} 个数值，应有 {want} 个；空单元格可能在提取时丢失，无法确定各值所在的列"
            ),
            Reason::Run(RunError::TooMany { got, want }) => {
                format!("该行有 {got} 个数值，应有 {want} 个")
            }
            Reason::Run(RunError::NotANumber { text }) => format!("“{text}”不是数字"),
            Reason::Run(RunError::NoSplit { digits }) => {
                format!("数字串 {digits} 缺少分隔，且没有任何拆分方式满足本行的合计关系")
            }
            Reason::Run(RunError::Ambiguous { digits, splits }) => {
                format!("数字串 {digits} 缺少分隔，有 {splits} 种拆分方式均可成立，无法确定")
            }
            Reason::Run(RunError::TooLarge { text }) => format!(
                "数值 {text} 超过 {} 位，不可能是件数，不予读取",
                crate::read::split::MAX_COUNT_DIGITS
            ),
            Reason::Conflict => "该行出现两次且数值不同".into(),
            Reason::AmbiguousAssignment => "数值与行标签的对应关系不唯一".into(),
            Reason::ColumnOrder => {
                "数值按列排列（PDF 提取文本），但无法确定列的顺序：按原顺序或交换“其他”与“总计”两列，均不能使每行总计等于各项之和".into()
            }
        }
    }

    /// The reason in English.
    pub fn message_en(&self) -> String {
        match self {
            Reason::TableNotFound => "table not found".into(),
            Reason::LabelNotFound => "row label not found".into(),
            Reason::NoValues => "row label found, but no values could be assigned to it".into(),
            Reason::Run(RunError::TooFew { got, want }) => format!(
                "row has {got} values for {want} columns; empty cells were probably dropped, so their columns are unknown"
            ),
            Reason::Run(RunError::TooMany { got, want }) => {
                format!("row has {got} values for {want} columns")
            }
            Reason::Run(RunError::NotANumber { text }) => format!("\"{text}\" is not a number"),
            Reason::Run(RunError::NoSplit { digits }) => format!(
                "digit run {digits} has no separators and no split satisfies the row's total"
            ),
            Reason::Run(RunError::Ambiguous { digits, splits }) => format!(
                "digit run {digits} has no separators and {splits} splits fit; cannot tell which"
            ),
            Reason::Run(RunError::TooLarge { text }) => format!(
                "value {text} has more than {} digits: too large to be a count, not read",
                crate::read::split::MAX_COUNT_DIGITS
            ),
            Reason::Conflict => "row appears twice with different values".into(),
            Reason::AmbiguousAssignment => {
                "values could be assigned to the row labels in more than one way".into()
            }
            Reason::ColumnOrder => "values are listed column by column (PDF text) and the column order cannot be established: neither the given order nor the one with 其他 and 总计 exchanged makes every row total equal the sum of its parts".into(),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

/// A cell that could not be read, and where (the row label, or the values that failed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub reason: Reason,
    pub span: Option<Range<usize>>,
}

/// A row label as found in a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowLabel {
    pub span: Range<usize>,
    /// Cut or damaged in the source; recognised from a prefix or by similarity.
    pub partial: bool,
}

/// One statistical table as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub version: TableVersion,
    /// From the table's first label to its last value.
    pub span: Range<usize>,
    pub cells: CellMap<Cell>,
    pub unreadable: CellMap<Unreadable>,
}

impl Table {
    pub fn new(version: TableVersion, span: Range<usize>) -> Self {
        Table {
            version,
            span,
            cells: CellMap::new(),
            unreadable: CellMap::new(),
        }
    }
}

/// The three tables. A table is `None` when none of its labels were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tables {
    pub t2: Option<Table>,
    pub t3: Option<Table>,
    pub t4: Option<Table>,
    /// Row labels of table 二 and 三 as found (first occurrence), for rules about labels.
    pub t2_rows: BTreeMap<T2Row, RowLabel>,
    pub t3_rows: BTreeMap<T3Row, RowLabel>,
}

/// Everything the reader recovered from one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub source: SourceKind,
    /// The text as read, one line per block, mapped back to the source: narrative rules search
    /// it. For plain text it is the source itself.
    pub view: crate::read::text::TextView,
    pub meta: Meta,
    pub format: Format,
    pub sections: Vec<Section>,
    pub tables: Tables,
}

/// The state of one cell for output: a value, blank, or null with a reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellState<'a> {
    Value(&'a Cell),
    Blank(&'a Cell),
    Unreadable(&'a Reason),
}

impl Report {
    /// The cell ids of the detected format, in table order.
    pub fn cell_ids(&self) -> Vec<CellId> {
        use crate::read::cells::{t2_ids, t3_ids, t4_ids};
        let version_of = |t: &Option<Table>| t.as_ref().map(|t| t.version);
        let (v2, v3) = match self.format {
            Format::V2021 => (TableVersion::V2021, TableVersion::V2021),
            Format::V2019 => (TableVersion::V2019, TableVersion::V2019),
            Format::Mixed => (
                version_of(&self.tables.t2).unwrap_or(TableVersion::V2021),
                version_of(&self.tables.t3).unwrap_or(TableVersion::V2021),
            ),
            Format::Legacy | Format::Unknown => return Vec::new(),
        };
        let mut ids = t2_ids(v2);
        ids.extend(t3_ids(v3));
        ids.extend(t4_ids());
        ids
    }

    /// The state of a cell of the detected format.
    pub fn cell_state(&self, id: CellId) -> CellState<'_> {
        static NOT_FOUND: Reason = Reason::TableNotFound;
        let table = match id {
            CellId::T2(..) => &self.tables.t2,
            CellId::T3(..) => &self.tables.t3,
            CellId::T4(..) => &self.tables.t4,
        };
        let Some(table) = table else {
            return CellState::Unreadable(&NOT_FOUND);
        };
        if let Some(cell) = table.cells.get(&id) {
            return match cell.value {
                CellValue::Blank => CellState::Blank(cell),
                CellValue::Number(_) => CellState::Value(cell),
            };
        }
        static NO_LABEL: Reason = Reason::LabelNotFound;
        CellState::Unreadable(table.unreadable.get(&id).map_or(&NO_LABEL, |u| &u.reason))
    }

    /// The first section of a kind.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.heading.kind == kind)
    }
}

/// The JSON value of a number cell: counts and signed changes as integers, amounts as the
/// string written (the fee's decimals matter, and a unit may be part of the cell).
pub fn json_value(id: CellId, text: &str) -> serde_json::Value {
    match id.kind() {
        ValueKind::Count | ValueKind::Signed => match text.parse::<i64>() {
            Ok(n) => serde_json::Value::from(n),
            Err(_) => serde_json::Value::from(text),
        },
        ValueKind::Decimal | ValueKind::Money => serde_json::Value::from(text),
    }
}

/// What the reader placed at a source offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellAt<'a> {
    Read(CellId, &'a Cell),
    Unreadable(CellId, &'a Unreadable),
}

impl Report {
    /// The cell whose source range contains `offset` (its end included, so that a cursor just
    /// after the digits finds them); a cell read wins over an unreadable one.
    pub fn cell_at(&self, offset: usize) -> Option<CellAt<'_>> {
        let hit = |span: &Range<usize>| span.start <= offset && offset <= span.end;
        let tables = [&self.tables.t2, &self.tables.t3, &self.tables.t4];
        let tables = tables.into_iter().flatten();
        let read = tables.clone().find_map(|t| {
            t.cells
                .iter()
                .find(|(_, c)| hit(&c.span))
                .map(|(&id, c)| CellAt::Read(id, c))
        });
        read.or_else(|| {
            tables.into_iter().find_map(|t| {
                t.unreadable
                    .iter()
                    .find(|(_, u)| u.span.as_ref().is_some_and(|s| !s.is_empty() && hit(s)))
                    .map(|(&id, u)| CellAt::Unreadable(id, u))
            })
        })
    }
}
