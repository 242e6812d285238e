//! nianbao: a compliance linter for Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! Data flows one way: source text → pieces ([`text`], [`html`]) → tokens ([`token`]) → the
//! report model ([`model`], built by [`reader`]) → rules and output faces.

pub mod batch_html;
pub mod canon;
pub mod cells;
pub mod config;
pub mod diagnostic;
pub mod docx;
pub mod extract;
pub mod html;
pub mod incremental;
pub mod input;
pub mod labels;
pub mod lint;
pub mod meta;
pub mod model;
pub mod output;
pub mod pdf;
pub mod peers;
pub mod position;
pub mod reader;
pub mod rules;
pub mod sample;
pub mod server;
pub mod split;
pub mod suppress;
pub mod text;
pub mod token;
