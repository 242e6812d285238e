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
/// `{"select": ["A", "S01"], "ignore": ["W01"], "lang": "zh" | "en", "issuerKind": "government",
/// "maxDiagnostics": 1000}`.
/// `select`/`ignore` add to `nianbao.toml` as the command line does: a non-empty `select`
/// replaces the file's, `ignore` extends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSettings {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub lang: Lang,
    pub issuer_kind: Option<IssuerKind>,
    /// The most diagnostics shown for one document (0: all); see
    /// [`super::publish::shown`].
    pub max_diagnostics: usize,
}

/// The default of [`ClientSettings::max_diagnostics`]: far more than a real report has (the
/// corpus's most is 15), few enough that an editor takes them in at once.
pub const MAX_DIAGNOSTICS: usize = 1000;

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            select: Vec::new(),
            ignore: Vec::new(),
            lang: Lang::default(),
            issuer_kind: None,
            max_diagnostics: MAX_DIAGNOSTICS,
        }
    }
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
        let max = v.get("maxDiagnostics").or_else(|| v.get("max-diagnostics"));
        match max {
            None | Some(Value::Null) => {}
            Some(n) => match n.as_u64() {
                Some(n) => out.max_diagnostics = usize::try_from(n).unwrap_or(usize::MAX),
                None => warnings.push(format!(
                    "nianbao.maxDiagnostics: 应为不小于 0 的整数（a whole number, 0 for all）: {n}"
                )),
            },
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
    local_path_of(uri.as_str(), cfg!(windows)).map(PathBuf::from)
}

/// The path a `file:` URI names, written as Windows writes paths (`windows`) or as Unix does.
/// Windows: `file:///C:/x` and VS Code's `file:///c%3A/x` are `C:\x` / `c:\x`, and
/// `file://server/share/x` is the UNC path `\\server\share\x`. Unix: only a local host
/// (none, or `localhost`).
fn local_path_of(uri: &str, windows: bool) -> Option<String> {
    let scheme = uri.get(..7)?;
    if !scheme.eq_ignore_ascii_case("file://") {
        return None;
    }
    let rest = &uri[7..];
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_at(rest.find('/')?);
    let host = if host.eq_ignore_ascii_case("localhost") {
        ""
    } else {
        host
    };
    let path = percent_decode(path)?;
    if !windows {
        return host.is_empty().then_some(path);
    }
    let path = path.replace('/', "\\");
    if !host.is_empty() {
        return Some(format!("\\\\{}{path}", percent_decode(host)?));
    }
    let b = path.as_bytes();
    if b.len() >= 3 && b[1].is_ascii_alphabetic() && b[2] == b':' {
        return Some(path[1..].to_string());
    }
    Some(path)
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
    file_uri_of(path.to_str()?, cfg!(windows))?.parse().ok()
}

/// The `file:` URI of an absolute path written as Windows writes paths (`windows`: drive
/// letters, backslashes, UNC and `\\?\` verbatim paths) or as Unix does. `None` for a
/// relative path.
fn file_uri_of(path: &str, windows: bool) -> Option<String> {
    let mut out = String::from("file://");
    let path = if windows {
        let path = match path.strip_prefix(r"\\?\UNC\") {
            Some(unc) => format!(r"\\{unc}"),
            None => path.strip_prefix(r"\\?\").unwrap_or(path).to_string(),
        };
        let path = path.replace('\\', "/");
        if let Some(unc) = path.strip_prefix("//") {
            let (host, share) = unc.split_at(unc.find('/')?);
            push_encoded(&mut out, host, false);
            share.to_string()
        } else if path.as_bytes().get(1) == Some(&b':') {
            format!("/{path}")
        } else {
            path
        }
    } else {
        path.to_string()
    };
    if !path.starts_with('/') {
        return None;
    }
    // The drive's colon stays as it is (`file:///C:/x`, RFC 8089).
    let drive = windows && path.as_bytes().get(2) == Some(&b':');
    push_encoded(&mut out, &path, drive);
    Some(out)
}

fn push_encoded(out: &mut String, s: &str, keep_third_colon: bool) {
    for (i, b) in s.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) || (keep_third_colon && i == 2) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// The pages of [`write_rule_pages`], by code, in each language.
#[derive(Default)]
pub struct RulePages {
    pub zh: HashMap<&'static str, Uri>,
    pub en: HashMap<&'static str, Uri>,
}

impl RulePages {
    pub fn of(&self, lang: Lang) -> &HashMap<&'static str, Uri> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Each rule's documentation as a Markdown page on disk, for `codeDescription` links that work
/// offline and always match the running binary: `<cache>/nianbao/<version>/rules/A01.md` in
/// Chinese, `…/rules/en/A01.md` in English (`<cache>` as [`cache_home`] finds it).
pub fn write_rule_pages() -> Option<RulePages> {
    let base = cache_home(std::env::consts::OS, |name| std::env::var_os(name))
        .unwrap_or_else(std::env::temp_dir);
    let dir = base
        .join("nianbao")
        .join(env!("CARGO_PKG_VERSION"))
        .join("rules");
    Some(RulePages {
        zh: write_pages(&dir, Lang::Zh)?,
        en: write_pages(&dir.join("en"), Lang::En)?,
    })
}

fn write_pages(dir: &Path, lang: Lang) -> Option<HashMap<&'static str, Uri>> {
    std::fs::create_dir_all(dir).ok()?;
    let mut pages = HashMap::new();
    for rule in crate::rules::registry() {
        let path = dir.join(format!("{}.md", rule.code));
        let text = format!(
            "# {} {}\n\n{}\n",
            rule.code,
            rule.name,
            rule.doc_markdown(lang)
        );
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            let tmp = dir.join(format!(".{}.{}.tmp", rule.code, std::process::id()));
            std::fs::write(&tmp, &text).ok()?;
            std::fs::rename(&tmp, &path).ok()?;
        }
        pages.insert(rule.code, uri_of(&path)?);
    }
    Some(pages)
}

/// The user's cache folder on `os` (`std::env::consts::OS`), from the environment `var`:
/// `XDG_CACHE_HOME` when set to an absolute path (on every system, for those who set it), else
/// `%LOCALAPPDATA%` on Windows (roaming profiles do not carry it), `~/Library/Caches` on macOS and
/// `~/.cache` elsewhere. `None` when none of these is known.
fn cache_home(os: &str, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    if let Some(dir) = absolute("XDG_CACHE_HOME") {
        return Some(dir);
    }
    match os {
        "windows" => absolute("LOCALAPPDATA"),
        "macos" => absolute("HOME").map(|h| h.join("Library").join("Caches")),
        _ => absolute("HOME").map(|h| h.join(".cache")),
    }
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
    fn the_diagnostics_limit_is_a_whole_number() {
        let (s, w) = ClientSettings::from_json(&json!({}));
        assert_eq!((s.max_diagnostics, w.len()), (MAX_DIAGNOSTICS, 0));
        let (s, w) = ClientSettings::from_json(&json!({"nianbao": {"maxDiagnostics": 0}}));
        assert_eq!((s.max_diagnostics, w.len()), (0, 0));
        let (s, _) = ClientSettings::from_json(&json!({"maxDiagnostics": 50}));
        assert_eq!(s.max_diagnostics, 50);
        for bad in [json!(-1), json!(2.5), json!("100")] {
            let (s, w) = ClientSettings::from_json(&json!({"maxDiagnostics": bad}));
            assert_eq!(s.max_diagnostics, MAX_DIAGNOSTICS);
            assert!(w[0].starts_with("nianbao.maxDiagnostics"), "{w:?}");
        }
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

    #[test]
    fn windows_file_uris_have_drives_and_unc_hosts() {
        let cases = [
            (r"C:\Users\张三\年报 2025\报告.md", "file:///C:/Users/%E5%BC%A0%E4%B8%89/%E5%B9%B4%E6%8A%A5%202025/%E6%8A%A5%E5%91%8A.md"),
            (r"\\fileserver\共享\a.md", "file://fileserver/%E5%85%B1%E4%BA%AB/a.md"),
        ];
        for (path, uri) in cases {
            assert_eq!(file_uri_of(path, true).as_deref(), Some(uri));
            assert_eq!(local_path_of(uri, true).as_deref(), Some(path));
        }
        // Verbatim paths (as from `canonicalize`) lose their prefix.
        assert_eq!(
            file_uri_of(r"\\?\D:\r.md", true).as_deref(),
            Some("file:///D:/r.md")
        );
        assert_eq!(
            file_uri_of(r"\\?\UNC\srv\s\r.md", true).as_deref(),
            Some("file://srv/s/r.md")
        );
        // VS Code's form: lower-case drive, encoded colon.
        assert_eq!(
            local_path_of("file:///c%3A/Users/x/%E6%8A%A5%E5%91%8A.md", true).as_deref(),
            Some(r"c:\Users\x\报告.md")
        );
        assert_eq!(
            local_path_of("FILE:///C:/a.md?x#y", true).as_deref(),
            Some(r"C:\a.md")
        );
        assert_eq!(file_uri_of(r"reports\a.md", true), None);
        assert_eq!(file_uri_of("reports/a.md", false), None);
        // On Unix a host other than localhost is not a local file, and the colon is encoded.
        assert_eq!(local_path_of("file://fileserver/a.md", false), None);
        assert_eq!(
            local_path_of("file://localhost/tmp/a.md", false).as_deref(),
            Some("/tmp/a.md")
        );
        assert_eq!(
            file_uri_of("/C:/a", false).as_deref(),
            Some("file:///C%3A/a")
        );
    }

    #[test]
    fn the_cache_folder_follows_each_system() {
        // Absolute paths of the system the test runs on (`/x` has no drive on Windows).
        let abs = |p: &str| {
            let root = if cfg!(windows) { r"C:\" } else { "/" };
            PathBuf::from(format!("{root}{p}"))
        };
        let env = |pairs: Vec<(&'static str, PathBuf)>| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone().into_os_string())
            }
        };
        let local = abs("Users/张三/AppData/Local");
        let home = abs("home/x");
        let windows = vec![("LOCALAPPDATA", local.clone()), ("HOME", home.clone())];
        assert_eq!(cache_home("windows", env(windows)), Some(local));
        assert_eq!(
            cache_home("windows", env(vec![("HOME", home.clone())])),
            None
        );
        assert_eq!(
            cache_home("macos", env(vec![("HOME", home.clone())])),
            Some(home.join("Library").join("Caches"))
        );
        assert_eq!(
            cache_home("linux", env(vec![("HOME", home.clone())])),
            Some(home.join(".cache"))
        );
        let xdg = || vec![("XDG_CACHE_HOME", abs("srv/cache")), ("HOME", home.clone())];
        assert_eq!(cache_home("linux", env(xdg())), Some(abs("srv/cache")));
        assert_eq!(cache_home("windows", env(xdg())), Some(abs("srv/cache")));
        let relative = vec![
            ("XDG_CACHE_HOME", PathBuf::from("cache")),
            ("HOME", home.clone()),
        ];
        assert_eq!(
            cache_home("linux", env(relative)),
            Some(home.join(".cache"))
        );
        assert_eq!(cache_home("linux", env(vec![])), None);
    }
}
