//! Rules of the format family. One file per rule; one line per rule below.

#[allow(unused_imports)]
use super::Rule;

pub const RULES: &[Rule] = &[];
