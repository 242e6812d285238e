//! Cross-check rules (X): what a report says against its own tables, and against the other
//! reports checked with it (spec §7.4). One file per rule; one line per rule below.

use super::Rule;

mod x05_cross_year_carry;
mod x07_same_as_last_year;

pub const RULES: &[Rule] = &[x05_cross_year_carry::RULE, x07_same_as_last_year::RULE];

/// The rules that compare a report with the others checked with it: a face gathers the
/// reports' summaries ([`crate::peers::PeerSet`]) only when one of these runs.
pub const PEER_RULES: &[&str] = &["X05", "X07"];
