//! nianbao: a compliance linter for Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! Data flows one way, and the folders follow it:
//!
//! - [`read`]: bytes → text pieces → tokens → the report model (sections, tables, cells with
//!   byte ranges);
//! - [`rules`]: one file per rule, reading the model and the text, and the registry of codes;
//! - [`lint`]: runs the selected rules over a source, suppressions, fixes — the core both faces
//!   share;
//! - the faces: [`cli`] (`nianbao check`, `extract`, `rule`, the output formats, the HTML review
//!   page) and [`server`] (the language server).
//!
//! Used by every stage: [`position`] (byte offsets to lines and columns, at the edges only),
//! [`lang`] (Chinese or English text), and [`sample`] (the seeded report generator of the
//! tests, benchmarks and examples).

/// `eprintln!` that does not panic when standard error cannot be written (closed, a full
/// disk): a message lost is better than a run aborted halfway.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod cli;
pub mod lang;
pub mod lint;
pub mod position;
pub mod read;
pub mod rules;
pub mod sample;
pub mod server;
