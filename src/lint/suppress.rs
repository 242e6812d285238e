//! Inline suppression comments in Markdown and HTML:
//! `<!-- nianbao-disable A07 -->` … `<!-- nianbao-enable A07 -->` (codes or family letters,
//! separated by spaces or commas; none means every rule), and
//! `<!-- nianbao-disable-next-line A06 -->` for the line after the comment.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::position::LineIndex;

#[derive(Debug, Clone)]
struct Region {
    codes: Vec<String>,
    range: Range<usize>,
}

/// The suppressed regions of a source.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    regions: Vec<Region>,
}

fn covers(codes: &[String], code: &str) -> bool {
    codes.is_empty()
        || codes.iter().any(|c| {
            code.eq_ignore_ascii_case(c)
                || (c.len() == 1
                    && code
                        .to_ascii_uppercase()
                        .starts_with(&c.to_ascii_uppercase()))
        })
}

impl Suppressions {
    pub fn parse(src: &str) -> Suppressions {
        static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"<!--\s*nianbao-(disable-next-line|disable|enable)\b([^>]*?)-->")
                .expect("valid regex")
        });
        // Every comment holds "nianbao-": without it the pattern is not compiled at all, nor
        // the lines counted.
        if !src.contains(crate::rules::blocks::SUPPRESSION_MENTION) {
            return Suppressions {
                regions: Vec::new(),
            };
        }
        let index = LineIndex::new(src);
        let re = &*COMMENT;
        let mut regions = Vec::new();
        let mut open: Vec<(Vec<String>, usize)> = Vec::new();
        for m in re.captures_iter(src) {
            let whole = m.get(0).expect("match");
            let codes: Vec<String> = m[2]
                .split([' ', ',', '，', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            match &m[1] {
                "disable-next-line" => {
                    let line = index.line_of(whole.end()) + 1;
                    let range = index.line_range(src, line);
                    regions.push(Region {
                        codes,
                        range: range.start..range.end.max(range.start + 1),
                    });
                }
                "disable" => open.push((codes, whole.start())),
                _ => {
                    // Close the matching open region (same codes), or all when none given.
                    let mut i = 0;
                    while i < open.len() {
                        if codes.is_empty() || open[i].0 == codes {
                            let (c, start) = open.remove(i);
                            regions.push(Region {
                                codes: c,
                                range: start..whole.end(),
                            });
                        } else {
                            i += 1;
                        }
                    }
                }
            }
        }
        for (codes, start) in open {
            regions.push(Region {
                codes,
                range: start..usize::MAX,
            });
        }
        Suppressions { regions }
    }

    /// Whether a diagnostic of `code` starting at `offset` is suppressed.
    pub fn suppressed(&self, code: &str, offset: usize) -> bool {
        self.regions
            .iter()
            .any(|r| r.range.contains(&offset) && covers(&r.codes, code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disable_enable_and_next_line() {
        let src = "L1\n<!-- nianbao-disable A07 -->\nL2\n<!-- nianbao-enable A07 -->\nL3\n<!-- nianbao-disable-next-line A -->\nL4\nL5\n";
        let s = Suppressions::parse(src);
        let at = |t: &str| src.find(t).unwrap();
        assert!(!s.suppressed("A07", at("L1")));
        assert!(s.suppressed("A07", at("L2")));
        assert!(!s.suppressed("A06", at("L2")));
        assert!(!s.suppressed("A07", at("L3")));
        assert!(s.suppressed("A01", at("L4")));
        assert!(!s.suppressed("A01", at("L5")));
    }

    #[test]
    fn disable_without_codes_covers_every_rule_to_the_end() {
        let src = "x <!-- nianbao-disable --> y";
        let s = Suppressions::parse(src);
        assert!(s.suppressed("T03", src.find('y').unwrap()));
        assert!(!s.suppressed("T03", 0));
    }
}
