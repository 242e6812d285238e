//! Settings from the client (`initializationOptions`, `workspace/configuration`,
//! `didChangeConfiguration`), combined per file with `nianbao.toml`; file URIs; rule pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::Uri;
use serde_json::Value;

use crate::lang::Lang;
use crate::lint::config::{self, Config, ConfigError};
use crate::lint::Settings;
use crate::read::meta::IssuerKind;

/// What the client may set, under the `nianbao` section:
/// `{"select": ["A", "S01"], "ignore": ["W01"], "lang": "zh" | "en", "issuerKind": "government"}`.
/// `select`/`ignore` add to `nianbao.toml` as the command line does: a non-empty `select`
/// replaces the file's, `ignore` extends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientSettings {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub lang: Lang,
    pub issuer_kind: Option<IssuerKind>,
}

impl ClientSettings {
    /// Reads settings from a JSON value, either the section itself or an object with a
    /// `nianbao` key. Invalid entries are skipped and described in the returned warnings.
    pub fn from_json(value: &Value) -> (ClientSettings, Vec<String>) {
        let v = value.get("nianbao").unwrap_or(value);
        let mut warnings = Vec::new();
        let mut out = ClientSettings::default();
        let codes = |key: &str, warnings: &mut Vec<String>| -> Vec<String> {
            let list: Vec<String> = match v.get(key) {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
                Some(Value::String(s)) => s
                    .split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            match config::validate_codes(&list) {
                Ok(()) => list,
                Err(e) => {
                    warnings.push(format!("nianbao.{key}: {e}"));
                    list.into_iter()
                        .filter(|c| config::validate_codes(std::slice::from_ref(c)).is_ok())
                        .collect()
                }
            }
        };
        out.select = codes("select", &mut warnings);
        out.ignore = codes("ignore", &mut warnings);
        match v.get("lang").and_then(Value::as_str) {
            Some("en") => out.lang = Lang::En,
            Some("zh") | None => {}
            Some(other) => warnings.push(format!("nianbao.lang: 未知语言 “{other}”（zh | en）")),
        }
        let kind = v.get("issuerKind").or_else(|| v.get("issuer-kind"));
        if let Some(k) = kind.and_then(Value::as_str).filter(|k| !k.is_empty()) {
            match config::parse_issuer_kind(k) {
                Some(kind) => out.issuer_kind = Some(kind),
                None => warnings.push(format!(
                    "nianbao.issuerKind: 未知的发布机关类型 “{k}”（department | government | township）"
                )),
            }
        }
        (out, warnings)
    }
}

/// `nianbao.toml` per directory, loaded once until a watched file changes.
#[derive(Default)]
pub struct Configs {
    by_dir: HashMap<PathBuf, Result<Config, String>>,
}

impl Configs {
    pub fn clear(&mut self) {
        self.by_dir.clear();
    }

    /// The check settings of a document, and the configuration error to show, if any (the
    /// defaults then apply).
    pub fn settings_for(
        &mut self,
        path: Option<&Path>,
        client: &ClientSettings,
    ) -> (Settings, Option<String>) {
        let (config, error) = match path {
            Some(path) => {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let entry = self.by_dir.entry(dir).or_insert_with(|| {
                    Config::for_file(path).map_err(|e: ConfigError| e.to_string())
                });
                match entry {
                    Ok(c) => (Some(c.clone()), None),
                    Err(e) => (None, Some(e.clone())),
                }
            }
            None => (None, None),
        };
        let mut selection = match (&config, path) {
            (Some(c), Some(p)) => c.selection_for(p),
            _ => Default::default(),
        };
        if !client.select.is_empty() {
            selection.select = client.select.clone();
        }
        selection.ignore.extend(client.ignore.iter().cloned());
        let issuer_kind = client
            .issuer_kind
            .or(config.as_ref().and_then(|c| c.issuer_kind));
        (
            Settings {
                selection,
                issuer_kind,
                peers: None,
                path: None,
            },
            error,
        )
    }
}

/// The local path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///home/x` or `file://localhost/home/x`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some(PathBuf::from(percent_decode(path)?))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let mut out = String::from("file://");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// Each rule's documentation as a Markdown page on disk, for `codeDescription` links that work
/// offline and always match the running binary: `<cache>/nianbao/<version>/rules/A01.md`.
pub fn write_rule_pages() -> Option<HashMap<&'static str, Uri>> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let dir = base
        .join("nianbao")
        .join(env!("CARGO_PKG_VERSION"))
        .join("rules");
    std::fs::create_dir_all(&dir).ok()?;
    let mut pages = HashMap::new();
    for rule in crate::rules::registry() {
        let path = dir.join(format!("{}.md", rule.code));
        let text = format!("# {} {}\n\n{}\n", rule.code, rule.name, rule.doc());
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            let tmp = dir.join(format!(".{}.{}.tmp", rule.code, std::process::id()));
            std::fs::write(&tmp, &text).ok()?;
            std::fs::rename(&tmp, &path).ok()?;
        }
        pages.insert(rule.code, uri_of(&path)?);
    }
    Some(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_are_read_from_the_section_or_the_object() {
        let (s, w) = ClientSettings::from_json(
            &json!({"nianbao": {"select": ["A"], "ignore": "W01,S09", "lang": "en", "issuerKind": "township"}}),
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.select, ["A"]);
        assert_eq!(s.ignore, ["W01", "S09"]);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.issuer_kind, Some(IssuerKind::Township));
        let (s, _) = ClientSettings::from_json(&json!({"lang": "en"}));
        assert_eq!(s.lang, Lang::En);
    }

    #[test]
    fn invalid_settings_are_dropped_with_a_warning() {
        let (s, w) = ClientSettings::from_json(&json!({"select": ["Q99", "A01"], "lang": "fr"}));
        assert_eq!(s.select, ["A01"]);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(s.lang, Lang::Zh);
    }

    #[test]
    fn file_uris_round_trip_with_cjk_and_spaces() {
        let path = Path::new("/tmp/年报 2025/报告.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(path_of(&uri).unwrap(), path);
        assert_eq!(path_of(&"untitled:1".parse().unwrap()), None);
    }
}
