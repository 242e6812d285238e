//! `nianbao.toml`: rule selection, severities, per-file ignores, the issuer kind.
//!
//! ```toml
//! select = ["A", "S", "T03"]        # codes or family letters; default: all
//! ignore = ["W01"]
//! issuer-kind = "government"        # department | government | township
//!
//! [severity]
//! A07 = "error"
//!
//! [per-file-ignores]
//! "archive/**" = ["T"]              # globs relative to this file's directory
//! ```
//! The file is looked up from the checked file's directory upwards; the first one found applies.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::read::meta::IssuerKind;
use crate::rules::diagnostic::Severity;
use crate::rules::{registry, Selection};

pub const FILE_NAME: &str = "nianbao.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    issuer_kind: Option<String>,
}

/// A loaded configuration.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Where the file was found (`None`: defaults).
    pub path: Option<PathBuf>,
    pub selection: Selection,
    pub issuer_kind: Option<IssuerKind>,
    per_file: Vec<(GlobSet, Vec<String>)>,
}

/// A configuration error, with the file it came from.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Checks that each entry is a rule code or a family letter.
pub fn validate_codes(codes: &[String]) -> Result<(), String> {
    let rules = registry();
    for c in codes {
        let c = c.trim();
        let family = c.len() == 1 && "SFARXTCW".contains(&c.to_ascii_uppercase());
        let known = c.eq_ignore_ascii_case("ALL")
            || family
            || rules.iter().any(|r| r.code.eq_ignore_ascii_case(c));
        if !known {
            return Err(format!("未知的规则代码 “{c}”（unknown rule code）"));
        }
    }
    Ok(())
}

pub fn parse_issuer_kind(s: &str) -> Option<IssuerKind> {
    match s {
        "department" | "部门" => Some(IssuerKind::Department),
        "government" | "人民政府" | "政府" => Some(IssuerKind::Government),
        "township" | "乡镇" | "街道" => Some(IssuerKind::Township),
        _ => None,
    }
}

impl Config {
    /// Parses a configuration file's text.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        validate_codes(&raw.select).map_err(err)?;
        validate_codes(&raw.ignore).map_err(err)?;
        let mut selection = Selection {
            select: raw.select,
            ignore: raw.ignore,
            severity: BTreeMap::new(),
        };
        for (code, sev) in raw.severity {
            validate_codes(std::slice::from_ref(&code)).map_err(err)?;
            let s = Severity::parse(&sev).ok_or_else(|| {
                err(format!(
                    "未知的严重程度 “{sev}”（use error, warning or info）"
                ))
            })?;
            selection.severity.insert(code.to_ascii_uppercase(), s);
        }
        let issuer_kind = match raw.issuer_kind {
            Some(k) => Some(parse_issuer_kind(&k).ok_or_else(|| {
                err(format!(
                    "未知的发布机关类型 “{k}”（use department, government or township）"
                ))
            })?),
            None => None,
        };
        let mut per_file = Vec::new();
        for (pattern, codes) in raw.per_file_ignores {
            validate_codes(&codes).map_err(err)?;
            let glob = Glob::new(&pattern).map_err(|e| err(e.to_string()))?;
            let set = GlobSetBuilder::new()
                .add(glob)
                .build()
                .map_err(|e| err(e.to_string()))?;
            per_file.push((set, codes));
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            selection,
            issuer_kind,
            per_file,
        })
    }

    /// The configuration that applies to `file`: the first `nianbao.toml` from its directory
    /// upwards, or the defaults.
    pub fn for_file(file: &Path) -> Result<Config, ConfigError> {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let mut dir = abs.parent();
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate).map_err(|e| ConfigError {
                    path: candidate.clone(),
                    message: e.to_string(),
                })?;
                return Config::parse(&text, &candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    /// The selection for one file: per-file ignores added.
    pub fn selection_for(&self, file: &Path) -> Selection {
        let mut s = self.selection.clone();
        let base = self
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf);
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let rel = base
            .as_ref()
            .and_then(|b| abs.strip_prefix(b).ok())
            .unwrap_or(&abs);
        for (set, codes) in &self.per_file {
            if set.is_match(rel) {
                s.ignore.extend(codes.iter().cloned());
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_configuration() {
        let text = r#"
select = ["A", "S01"]
ignore = ["A06"]
issuer-kind = "government"
[severity]
A07 = "error"
[per-file-ignores]
"archive/**" = ["T"]
"#;
        let c = Config::parse(text, Path::new("/p/nianbao.toml")).unwrap();
        assert!(c.selection.enabled("A01"));
        assert!(!c.selection.enabled("A06"));
        assert!(!c.selection.enabled("T03"));
        assert_eq!(c.selection.severity["A07"], Severity::Error);
        assert_eq!(c.issuer_kind, Some(IssuerKind::Government));
        let s = c.selection_for(Path::new("/p/archive/2019/x.txt"));
        assert!(!s.enabled("T03"));
        assert!(s.enabled("A01"));
    }

    #[test]
    fn errors_name_the_problem() {
        let e = Config::parse("select = [\"Q99\"]", Path::new("n.toml")).unwrap_err();
        assert!(e.message.contains("Q99"));
        let e = Config::parse("colour = 1", Path::new("n.toml")).unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);
        let e = Config::parse("issuer-kind = \"city\"", Path::new("n.toml")).unwrap_err();
        assert!(e.message.contains("city"));
    }
}
