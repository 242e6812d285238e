//! Text-quality rules (W): slips in the narrative (spec §7.7). One file per rule; one line per
//! rule below.

use super::Rule;

pub(crate) mod w01_duplicated_token;
pub(crate) mod w03_placeholders;

pub const RULES: &[Rule] = &[w01_duplicated_token::RULE, w03_placeholders::RULE];

/// A Han character (CJK unified ideographs and their extension A and compatibility blocks).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_on_clean_samples_in_every_layout() {
        crate::rules::testing::assert_silent_on_clean_samples(RULES);
    }
}
