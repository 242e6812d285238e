//! Stable cell identifiers (spec §5): `t2.<row>.<column>`, `t3.rNN.cK`, `t4.<group>.<outcome>`.

use std::fmt;

/// Rows of table 二 (主动公开政府信息情况).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T2Row {
    Reg,
    Norm,
    License,
    OtherService,
    Penalty,
    Coercion,
    Fee,
    Procurement,
}

/// Columns of table 二. The 2019 trial format has different columns from the 2021 format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T2Col {
    Made,
    Repealed,
    Valid,
    Decisions,
    Amount,
    NewMade,
    NewPublished,
    PublishedTotal,
    PrevItems,
    Change,
    Count,
}

/// Row of table 三: `R(1..=25)`, or the single （六）其他处理 row of the 2019 format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Row {
    R(u8),
    R21To23,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T4Group {
    Review,
    Direct,
    AfterReview,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T4Outcome {
    Upheld,
    Corrected,
    Other,
    Pending,
    Total,
}

/// A numeric cell of the three statistical tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellId {
    T2(T2Row, T2Col),
    /// Column 1..=7: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    T3(T3Row, u8),
    T4(T4Group, T4Outcome),
}

/// Which template a table follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableVersion {
    V2021,
    V2019,
}

impl T2Row {
    pub fn id(self) -> &'static str {
        match self {
            T2Row::Reg => "reg",
            T2Row::Norm => "norm",
            T2Row::License => "license",
            T2Row::OtherService => "other_service",
            T2Row::Penalty => "penalty",
            T2Row::Coercion => "coercion",
            T2Row::Fee => "fee",
            T2Row::Procurement => "procurement",
        }
    }

    /// The 第二十条 item whose block holds this row.
    pub fn block(self) -> u8 {
        match self {
            T2Row::Reg | T2Row::Norm => 1,
            T2Row::License | T2Row::OtherService => 5,
            T2Row::Penalty | T2Row::Coercion => 6,
            T2Row::Fee => 8,
            T2Row::Procurement => 9,
        }
    }

    /// The row's columns in the given format; empty when the row does not exist there.
    pub fn columns(self, version: TableVersion) -> &'static [T2Col] {
        use T2Col::*;
        match (version, self) {
            (TableVersion::V2021, T2Row::Reg | T2Row::Norm) => &[Made, Repealed, Valid],
            (TableVersion::V2021, T2Row::License | T2Row::Penalty | T2Row::Coercion) => {
                &[Decisions]
            }
            (TableVersion::V2021, T2Row::Fee) => &[Amount],
            (TableVersion::V2021, T2Row::OtherService | T2Row::Procurement) => &[],
            (TableVersion::V2019, T2Row::Reg | T2Row::Norm) => {
                &[NewMade, NewPublished, PublishedTotal]
            }
            (
                TableVersion::V2019,
                T2Row::License | T2Row::OtherService | T2Row::Penalty | T2Row::Coercion,
            ) => &[PrevItems, Change, Decisions],
            (TableVersion::V2019, T2Row::Fee) => &[PrevItems, Change],
            (TableVersion::V2019, T2Row::Procurement) => &[Count, Amount],
        }
    }

    pub const ALL: [T2Row; 8] = [
        T2Row::Reg,
        T2Row::Norm,
        T2Row::License,
        T2Row::OtherService,
        T2Row::Penalty,
        T2Row::Coercion,
        T2Row::Fee,
        T2Row::Procurement,
    ];
}

impl T2Col {
    pub fn id(self) -> &'static str {
        match self {
            T2Col::Made => "made",
            T2Col::Repealed => "repealed",
            T2Col::Valid => "valid",
            T2Col::Decisions => "decisions",
            T2Col::Amount => "amount",
            T2Col::NewMade => "new_made",
            T2Col::NewPublished => "new_published",
            T2Col::PublishedTotal => "published_total",
            T2Col::PrevItems => "prev_items",
            T2Col::Change => "change",
            T2Col::Count => "count",
        }
    }
}

/// How a cell's text must look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A count: a non-negative integer.
    Count,
    /// 本年增/减 (2019): a signed integer.
    Signed,
    /// 本年收费金额（单位：万元）: a decimal, kept as written.
    Decimal,
    /// 采购总金额 (2019): a number with the unit written in the cell ("251000元").
    Money,
}

impl CellId {
    pub fn kind(self) -> ValueKind {
        match self {
            CellId::T2(T2Row::Fee, T2Col::Amount) => ValueKind::Decimal,
            CellId::T2(T2Row::Procurement, T2Col::Amount) => ValueKind::Money,
            CellId::T2(_, T2Col::Change) => ValueKind::Signed,
            _ => ValueKind::Count,
        }
    }
}

impl T3Row {
    /// The data rows of table 三 in the given format, top to bottom.
    pub fn rows(version: TableVersion) -> Vec<T3Row> {
        match version {
            TableVersion::V2021 => (1..=25).map(T3Row::R).collect(),
            TableVersion::V2019 => (1..=20)
                .map(T3Row::R)
                .chain([T3Row::R21To23, T3Row::R(24), T3Row::R(25)])
                .collect(),
        }
    }

    /// Position for ordering: r21_23 sorts where r21 would.
    pub fn order(self) -> u8 {
        match self {
            T3Row::R(n) => n,
            T3Row::R21To23 => 21,
        }
    }
}

impl T4Group {
    pub const ALL: [T4Group; 3] = [T4Group::Review, T4Group::Direct, T4Group::AfterReview];
    pub fn id(self) -> &'static str {
        match self {
            T4Group::Review => "review",
            T4Group::Direct => "direct",
            T4Group::AfterReview => "after_review",
        }
    }
}

impl T4Outcome {
    pub const ALL: [T4Outcome; 5] = [
        T4Outcome::Upheld,
        T4Outcome::Corrected,
        T4Outcome::Other,
        T4Outcome::Pending,
        T4Outcome::Total,
    ];
    pub fn id(self) -> &'static str {
        match self {
            T4Outcome::Upheld => "upheld",
            T4Outcome::Corrected => "corrected",
            T4Outcome::Other => "other",
            T4Outcome::Pending => "pending",
            T4Outcome::Total => "total",
        }
    }
}

impl fmt::Display for CellId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellId::T2(r, c) => write!(f, "t2.{}.{}", r.id(), c.id()),
            CellId::T3(T3Row::R(n), c) => write!(f, "t3.r{n:02}.c{c}"),
            CellId::T3(T3Row::R21To23, c) => write!(f, "t3.r21_23.c{c}"),
            CellId::T4(g, o) => write!(f, "t4.{}.{}", g.id(), o.id()),
        }
    }
}

/// All cell ids of table 二 in a format, in table order.
pub fn t2_ids(version: TableVersion) -> Vec<CellId> {
    T2Row::ALL
        .iter()
        .flat_map(|&r| r.columns(version).iter().map(move |&c| CellId::T2(r, c)))
        .collect()
}

/// All cell ids of table 三 in a format, row by row.
pub fn t3_ids(version: TableVersion) -> Vec<CellId> {
    T3Row::rows(version)
        .into_iter()
        .flat_map(|r| (1..=7).map(move |c| CellId::T3(r, c)))
        .collect()
}

/// The 15 cell ids of table 四 in the order of its single data row.
pub fn t4_ids() -> Vec<CellId> {
    T4Group::ALL
        .iter()
        .flat_map(|&g| T4Outcome::ALL.iter().map(move |&o| CellId::T4(g, o)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cells by id

/// Dense positions of all cell ids, in the order of `CellId`'s `Ord`: table 二 by row and
/// column (8 × 11), table 三 by row (25 rows, then （六）其他处理) and column (7), table 四 by
/// group and outcome (3 × 5).
const T2_SLOTS: usize = 8 * 11;
const T3_SLOTS: usize = 26 * 7;
const SLOTS: usize = T2_SLOTS + T3_SLOTS + 3 * 5;

const T2_COLS: [T2Col; 11] = [
    T2Col::Made,
    T2Col::Repealed,
    T2Col::Valid,
    T2Col::Decisions,
    T2Col::Amount,
    T2Col::NewMade,
    T2Col::NewPublished,
    T2Col::PublishedTotal,
    T2Col::PrevItems,
    T2Col::Change,
    T2Col::Count,
];

impl CellId {
    /// The id's dense position; `None` for a table-三 row or column outside the template.
    const fn slot(self) -> Option<usize> {
        match self {
            CellId::T2(r, c) => Some(r as usize * 11 + c as usize),
            CellId::T3(r, c) => {
                let row = match r {
                    T3Row::R(n @ 1..=25) => n as usize - 1,
                    T3Row::R21To23 => 25,
                    T3Row::R(_) => return None,
                };
                match c {
                    1..=7 => Some(T2_SLOTS + row * 7 + (c as usize - 1)),
                    _ => None,
                }
            }
            CellId::T4(g, o) => Some(T2_SLOTS + T3_SLOTS + g as usize * 5 + o as usize),
        }
    }

    /// The id at a dense position (the inverse of [`CellId::slot`]).
    const fn at_slot(i: usize) -> CellId {
        if i < T2_SLOTS {
            CellId::T2(T2Row::ALL[i / 11], T2_COLS[i % 11])
        } else if i < T2_SLOTS + T3_SLOTS {
            let j = i - T2_SLOTS;
            let row = match j / 7 {
                25 => T3Row::R21To23,
                n => T3Row::R(n as u8 + 1),
            };
            CellId::T3(row, (j % 7) as u8 + 1)
        } else {
            let j = i - T2_SLOTS - T3_SLOTS;
            CellId::T4(T4Group::ALL[j / 5], T4Outcome::ALL[j % 5])
        }
    }
}

/// Every cell id at its dense position, so that [`CellMap`] can lend ids by reference.
static SLOT_IDS: [CellId; SLOTS] = {
    let mut ids = [CellId::T2(T2Row::Reg, T2Col::Made); SLOTS];
    let mut i = 0;
    while i < SLOTS {
        ids[i] = CellId::at_slot(i);
        i += 1;
    }
    ids
};

/// A map from cell ids to values, iterated in id order like a `BTreeMap`, but stored as an
/// array over the ids' dense positions: the rules look cells up hundreds of times per report.
/// The array covers the positions from the lowest to the highest id inserted, so a table's
/// map holds only that table's positions.
#[derive(Clone, PartialEq, Eq)]
pub struct CellMap<V> {
    /// Dense position of `slots[0]`.
    base: usize,
    slots: Vec<Option<V>>,
    len: usize,
}

impl<V> Default for CellMap<V> {
    fn default() -> Self {
        CellMap {
            base: 0,
            slots: Vec::new(),
            len: 0,
        }
    }
}

impl<V> CellMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn index(&self, id: &CellId) -> Option<usize> {
        id.slot()?.checked_sub(self.base)
    }

    pub fn get(&self, id: &CellId) -> Option<&V> {
        self.slots.get(self.index(id)?)?.as_ref()
    }

    pub fn get_mut(&mut self, id: &CellId) -> Option<&mut V> {
        let i = self.index(id)?;
        self.slots.get_mut(i)?.as_mut()
    }

    pub fn contains_key(&self, id: &CellId) -> bool {
        self.get(id).is_some()
    }

    /// Inserts a value, returning the one it replaces. Every id the reader makes has a place;
    /// one outside the template (see [`CellId::slot`]) is dropped.
    pub fn insert(&mut self, id: CellId, value: V) -> Option<V> {
        let slot = id.slot()?;
        if self.slots.is_empty() {
            self.base = slot;
        } else if slot < self.base {
            let grow = self.base - slot;
            self.slots
                .splice(0..0, std::iter::repeat_with(|| None).take(grow));
            self.base = slot;
        }
        let i = slot - self.base;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, || None);
        }
        let old = self.slots[i].replace(value);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    pub fn remove(&mut self, id: &CellId) -> Option<V> {
        let i = self.index(id)?;
        let old = self.slots.get_mut(i)?.take();
        if old.is_some() {
            self.len -= 1;
        }
        old
    }

    /// The entries in id order.
    pub fn iter(&self) -> Iter<'_, V> {
        Iter {
            base: self.base,
            inner: self.slots.iter().enumerate(),
        }
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &CellId> + Clone {
        self.iter().map(|(id, _)| id)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + Clone {
        self.slots.iter().filter_map(Option::as_ref)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> {
        self.slots.iter_mut().filter_map(Option::as_mut)
    }
}

impl<V: fmt::Debug> fmt::Debug for CellMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V> std::ops::Index<&CellId> for CellMap<V> {
    type Output = V;

    /// Panics when the id has no value, like `BTreeMap`'s index (tests only).
    fn index(&self, id: &CellId) -> &V {
        self.get(id).expect("no value for this cell id")
    }
}

impl<'a, V> IntoIterator for &'a CellMap<V> {
    type Item = (&'a CellId, &'a V);
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Iter<'a, V> {
        self.iter()
    }
}

/// The entries of a [`CellMap`] in id order.
pub struct Iter<'a, V> {
    base: usize,
    inner: std::iter::Enumerate<std::slice::Iter<'a, Option<V>>>,
}

// Not derived: a derive would require `V: Clone`, and only references are cloned.
impl<V> Clone for Iter<'_, V> {
    fn clone(&self) -> Self {
        Iter {
            base: self.base,
            inner: self.inner.clone(),
        }
    }
}

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a CellId, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        let base = self.base;
        self.inner
            .find_map(|(i, v)| Some((&SLOT_IDS[base + i], v.as_ref()?)))
    }
}

impl<V> DoubleEndedIterator for Iter<'_, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        while let Some((i, v)) = self.inner.next_back() {
            if let Some(v) = v {
                return Some((&SLOT_IDS[self.base + i], v));
            }
        }
        None
    }
}

const T3_ROW_ZH: [&str; 25] = [
    "一、本年新收",
    "二、上年结转",
    "（一）予以公开",
    "（二）部分公开",
    "（三）1.属于国家秘密",
    "（三）2.其他法律行政法规禁止公开",
    "（三）3.危及“三安全一稳定”",
    "（三）4.保护第三方合法权益",
    "（三）5.属于三类内部事务信息",
    "（三）6.属于四类过程性信息",
    "（三）7.属于行政执法案卷",
    "（三）8.属于行政查询事项",
    "（四）1.本机关不掌握相关政府信息",
    "（四）2.没有现成信息需要另行制作",
    "（四）3.补正后申请内容仍不明确",
    "（五）1.信访举报投诉类申请",
    "（五）2.重复申请",
    "（五）3.要求提供公开出版物",
    "（五）4.无正当理由大量反复申请",
    "（五）5.要求行政机关确认或重新出具已获取信息",
    "（六）1.逾期不补正",
    "（六）2.逾期未按收费通知缴费",
    "（六）3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

const T3_ROW_EN: [&str; 25] = [
    "new applications",
    "carried over from last year",
    "disclosed",
    "partly disclosed",
    "withheld: state secret",
    "withheld: prohibited by law",
    "withheld: endangers security or stability",
    "withheld: third-party rights",
    "withheld: internal affairs",
    "withheld: process information",
    "withheld: enforcement files",
    "withheld: inquiry matters",
    "not available: not held",
    "not available: would have to be created",
    "not available: unclear after correction",
    "not processed: petition or complaint",
    "not processed: repeated application",
    "not processed: publications",
    "not processed: excessive applications",
    "not processed: confirmation of information obtained",
    "other: not corrected in time",
    "other: fee not paid",
    "other: other",
    "(7) total",
    "carried over to next year",
];

const T3_COL_ZH: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

const T3_COL_EN: [&str; 7] = [
    "natural persons",
    "businesses",
    "research institutions",
    "public-interest organisations",
    "legal service providers",
    "other organisations",
    "total",
];

impl T3Row {
    /// Short Chinese name of the row, with its group (`（三）1.属于国家秘密`).
    pub fn name_zh(self) -> &'static str {
        match self {
            T3Row::R(n) => T3_ROW_ZH.get(n as usize - 1).copied().unwrap_or(""),
            T3Row::R21To23 => "（六）其他处理",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            T3Row::R(n) => T3_ROW_EN.get(n as usize - 1).copied().unwrap_or(""),
            T3Row::R21To23 => "other processing",
        }
    }
}

/// Chinese name of a table-三 column (1..=7).
pub fn t3_col_zh(c: u8) -> &'static str {
    T3_COL_ZH.get(c as usize - 1).copied().unwrap_or("")
}

pub fn t3_col_en(c: u8) -> &'static str {
    T3_COL_EN.get(c as usize - 1).copied().unwrap_or("")
}

impl T2Row {
    pub fn name_zh(self) -> &'static str {
        match self {
            T2Row::Reg => "规章",
            T2Row::Norm => "行政规范性文件",
            T2Row::License => "行政许可",
            T2Row::OtherService => "其他对外管理服务事项",
            T2Row::Penalty => "行政处罚",
            T2Row::Coercion => "行政强制",
            T2Row::Fee => "行政事业性收费",
            T2Row::Procurement => "政府集中采购",
        }
    }
}

impl T2Col {
    pub fn name_zh(self) -> &'static str {
        match self {
            T2Col::Made => "本年制发件数",
            T2Col::Repealed => "本年废止件数",
            T2Col::Valid => "现行有效件数",
            T2Col::Decisions => "本年处理决定数量",
            T2Col::Amount => "本年收费金额（万元）",
            T2Col::NewMade => "本年新制作数量",
            T2Col::NewPublished => "本年新公开数量",
            T2Col::PublishedTotal => "对外公开总数量",
            T2Col::PrevItems => "上一年项目数量",
            T2Col::Change => "本年增/减",
            T2Col::Count => "采购项目数量",
        }
    }
}

impl T4Group {
    pub fn name_zh(self) -> &'static str {
        match self {
            T4Group::Review => "行政复议",
            T4Group::Direct => "行政诉讼·未经复议直接起诉",
            T4Group::AfterReview => "行政诉讼·复议后起诉",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            T4Group::Review => "administrative review",
            T4Group::Direct => "litigation without review",
            T4Group::AfterReview => "litigation after review",
        }
    }
}

impl T4Outcome {
    pub fn name_zh(self) -> &'static str {
        match self {
            T4Outcome::Upheld => "结果维持",
            T4Outcome::Corrected => "结果纠正",
            T4Outcome::Other => "其他结果",
            T4Outcome::Pending => "尚未审结",
            T4Outcome::Total => "总计",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            T4Outcome::Upheld => "upheld",
            T4Outcome::Corrected => "corrected",
            T4Outcome::Other => "other outcome",
            T4Outcome::Pending => "pending",
            T4Outcome::Total => "total",
        }
    }
}

impl CellId {
    /// The cell's place in words, e.g. `（七）总计·自然人`, `行政复议·总计`.
    pub fn name_zh(self) -> String {
        match self {
            CellId::T2(r, c) => format!("{}·{}", r.name_zh(), c.name_zh()),
            CellId::T3(r, c) => format!("{}·{}", r.name_zh(), t3_col_zh(c)),
            CellId::T4(g, o) => format!("{}·{}", g.name_zh(), o.name_zh()),
        }
    }

    pub fn name_en(self) -> String {
        match self {
            CellId::T2(r, c) => format!("table 2 {}.{}", r.id(), c.id()),
            CellId::T3(r, c) => format!("{} / {}", r.name_en(), t3_col_en(c)),
            CellId::T4(g, o) => format!("{} / {}", g.name_en(), o.name_en()),
        }
    }
}

#[cfg(test)]
mod cell_map_tests {
    use super::*;

    fn all_ids() -> Vec<CellId> {
        let mut ids: Vec<CellId> = T2Row::ALL
            .iter()
            .flat_map(|&r| T2_COLS.iter().map(move |&c| CellId::T2(r, c)))
            .collect();
        ids.extend(
            (1..=25)
                .map(T3Row::R)
                .chain([T3Row::R21To23])
                .flat_map(|r| (1..=7).map(move |c| CellId::T3(r, c))),
        );
        ids.extend(t4_ids());
        ids
    }

    #[test]
    fn dense_positions_follow_the_id_order() {
        let ids = all_ids();
        assert_eq!(ids.len(), SLOTS);
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(id.slot(), Some(i), "{id}");
            assert_eq!(SLOT_IDS[i], *id);
        }
        assert_eq!(CellId::T3(T3Row::R(0), 1).slot(), None);
        assert_eq!(CellId::T3(T3Row::R(26), 1).slot(), None);
        assert_eq!(CellId::T3(T3Row::R(1), 8).slot(), None);
    }

    #[test]
    fn behaves_like_a_btree_map() {
        use std::collections::BTreeMap;
        let ids = all_ids();
        let mut map = CellMap::new();
        let mut reference = BTreeMap::new();
        // Inserted out of order, some twice, some removed: the order and contents match.
        for (k, i) in [140usize, 3, 280, 90, 140, 7, 200, 3]
            .into_iter()
            .enumerate()
        {
            assert_eq!(map.insert(ids[i], k), reference.insert(ids[i], k));
        }
        assert_eq!(map.remove(&ids[90]), reference.remove(&ids[90]));
        assert_eq!(map.remove(&ids[91]), reference.remove(&ids[91]));
        assert_eq!(map.len(), reference.len());
        assert!(map.iter().eq(reference.iter()));
        assert!(map.iter().rev().eq(reference.iter().rev()));
        assert!(map.values().eq(reference.values()));
        assert_eq!(format!("{map:?}"), format!("{reference:?}"));
        for id in &ids {
            assert_eq!(map.get(id), reference.get(id));
            assert_eq!(map.contains_key(id), reference.contains_key(id));
        }
        assert_eq!(map[&ids[140]], 4);
        assert_eq!(map.insert(CellId::T3(T3Row::R(30), 1), 9), None);
        assert_eq!(map.len(), reference.len());
        assert!(CellMap::<u8>::new().is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_spec() {
        let v21 = t2_ids(TableVersion::V2021).len() + t3_ids(TableVersion::V2021).len();
        assert_eq!(v21 + t4_ids().len(), 200);
        let v19 = t2_ids(TableVersion::V2019).len() + t3_ids(TableVersion::V2019).len();
        assert_eq!(v19 + t4_ids().len(), 198);
    }

    #[test]
    fn ids_print_as_in_the_spec() {
        assert_eq!(CellId::T3(T3Row::R(13), 1).to_string(), "t3.r13.c1");
        assert_eq!(CellId::T3(T3Row::R21To23, 7).to_string(), "t3.r21_23.c7");
        assert_eq!(
            CellId::T2(T2Row::Fee, T2Col::Amount).to_string(),
            "t2.fee.amount"
        );
        assert_eq!(
            CellId::T4(T4Group::AfterReview, T4Outcome::Total).to_string(),
            "t4.after_review.total"
        );
    }
}
