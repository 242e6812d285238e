//! TEMPORARY: full re-read behind the incremental API; replaced by the incremental reader.

use std::ops::Range;

use crate::model::Report;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReuseStats {
    pub lines_retokenized: usize,
    pub lines_reused: usize,
    pub tables_reread: usize,
    pub tables_reused: usize,
}

pub struct IncrementalReader {
    report: Report,
}

impl IncrementalReader {
    pub fn new(text: &str) -> Self {
        IncrementalReader {
            report: crate::reader::read(text),
        }
    }
    pub fn edit(&mut self, _old: Range<usize>, _new_len: usize) {}
    pub fn update(&mut self, text: &str) -> &Report {
        self.report = crate::reader::read(text);
        &self.report
    }
    pub fn report(&self) -> &Report {
        &self.report
    }
    pub fn last_stats(&self) -> ReuseStats {
        ReuseStats::default()
    }
}
