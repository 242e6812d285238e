//! The command-line faces: `nianbao check` ([`check`]: files, fixes, the run's summary),
//! `nianbao extract` ([`extract`]: a report's statistics as data), `nianbao rule` ([`rule`]:
//! the catalogue and each rule's documentation), the output formats of `check` ([`output`]:
//! human, JSON, SARIF, GitHub) and the HTML review page of a batch ([`review_page`]).
//!
//! They are thin: reading is [`crate::read`]'s, checking is [`crate::lint`]'s; none of them
//! knows a rule.

use clap::ValueEnum;

use crate::lang::Lang;

pub mod check;
pub mod extract;
pub mod files;
pub mod output;
pub mod review_page;
pub mod rule;

/// `--lang`: the language of what is written for people.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}
