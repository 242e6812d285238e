//! `nianbao server`: the language server.
//!
//! One synchronous loop (as rust-analyzer's and ruff's) over messages read by a tolerant stdio
//! transport. Messages that have already arrived are handled first, diagnostics after: a burst
//! of `didChange` is applied edit by edit (to the text the incremental reader holds, in place) and
//! only the latest version is checked. Requests that need the model bring it up to date
//! themselves. Every handler runs under `catch_unwind`: a panic answers that request with an
//! internal error and the server goes on.

mod document;
mod features;
mod publish;
mod settings;
mod transport;
mod workspace;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandOptions, ExecuteCommandParams,
    FullDocumentDiagnosticReport, HoverParams, HoverProviderCapability, InitializeResult,
    InlayHintParams, OneOf, PositionEncodingKind, PublishDiagnosticsParams,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, UnchangedDocumentDiagnosticReport, Uri,
};
use serde_json::{json, Value};

use document::{Analysis, Document, Encoding};
use features::{Target, FIX_ALL_KIND};
use settings::{path_of, ClientSettings, Configs};
use transport::{Incoming, Transport};
use workspace::Workspace;

/// The command that applies all safe fixes of a document (`arguments: [uri]`).
pub const FIX_ALL_COMMAND: &str = "nianbao.fixAll";

/// A request failed: the error code and message to answer with.
struct Failure(ErrorCode, String);

type Handled = Result<Value, Failure>;

fn invalid_params(e: impl std::fmt::Display) -> Failure {
    Failure(
        ErrorCode::InvalidParams,
        format!("参数无效（invalid params）: {e}"),
    )
}

/// What the client can do, read from its capabilities.
#[derive(Debug, Default)]
struct ClientCaps {
    pull_diagnostics: bool,
    diagnostic_refresh: bool,
    configuration: bool,
    watched_files_registration: bool,
    document_changes: bool,
    apply_edit: bool,
    /// The client resolves a code action's `edit` when it is chosen.
    resolve_edit: bool,
}

impl ClientCaps {
    fn read(caps: &Value) -> ClientCaps {
        let flag = |p: &str| caps.pointer(p).and_then(Value::as_bool).unwrap_or(false);
        ClientCaps {
            pull_diagnostics: caps
                .pointer("/textDocument/diagnostic")
                .is_some_and(Value::is_object),
            diagnostic_refresh: flag("/workspace/diagnostics/refreshSupport"),
            configuration: flag("/workspace/configuration"),
            watched_files_registration: flag(
                "/workspace/didChangeWatchedFiles/dynamicRegistration",
            ),
            document_changes: flag("/workspace/workspaceEdit/documentChanges"),
            apply_edit: flag("/workspace/applyEdit"),
            resolve_edit: caps
                .pointer("/textDocument/codeAction/resolveSupport/properties")
                .and_then(Value::as_array)
                .is_some_and(|p| p.iter().any(|x| x == "edit")),
        }
    }
}

/// What an outgoing request was for.
enum Pending {
    Configuration,
    Other(&'static str),
}

struct Server {
    transport: Transport,
    encoding: Encoding,
    caps: ClientCaps,
    client: ClientSettings,
    configs: Configs,
    /// Bumped whenever settings or a `nianbao.toml` change: every analysis is then stale.
    generation: u64,
    docs: HashMap<String, (Uri, Document)>,
    rule_pages: settings::RulePages,
    shown_errors: HashSet<String>,
    shutdown: bool,
    next_id: i32,
    pending: HashMap<RequestId, Pending>,
    log_checks: bool,
    /// The workspace's reports, for the cross-file rules.
    workspace: Workspace,
}

/// Runs the server on stdin/stdout; returns the process exit code (0 after `shutdown` then
/// `exit`, 1 otherwise, as the protocol says).
pub fn run() -> i32 {
    let transport = Transport::stdio();
    let Some((id, params)) = wait_for_initialize(&transport) else {
        transport.close();
        return 1;
    };
    let mut server = Server::new(transport, &params);
    let result = server.initialize_result();
    server.transport.send(Response::new_ok(id, result).into());
    say!(
        "nianbao {}: 语言服务器已启动（position encoding {:?}, {} diagnostics）",
        env!("CARGO_PKG_VERSION"),
        server.encoding,
        if server.caps.pull_diagnostics {
            "pull"
        } else {
            "push"
        }
    );
    let code = server.main_loop();
    server.transport.close();
    code
}

/// Answers everything before `initialize` as the protocol says; `None` on `exit` or end of
/// input.
fn wait_for_initialize(transport: &Transport) -> Option<(RequestId, Value)> {
    for incoming in transport.receiver.iter() {
        match incoming {
            Incoming::Message(Message::Request(req)) if req.method == "initialize" => {
                return Some((req.id, req.params));
            }
            Incoming::Message(Message::Request(req)) => transport.send(
                Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "服务器尚未初始化（server not initialized）".into(),
                )
                .into(),
            ),
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return None,
            Incoming::Message(_) => {}
            Incoming::Invalid { id, code, message } => transport.send_error(id, code, &message),
            Incoming::Garbled(why) => say!("nianbao: {why}"),
        }
    }
    // Standard input ended before `initialize`: most likely the server was started by hand,
    // or by an editor that is not configured to speak LSP to it.
    say!(
        "nianbao: 标准输入已结束，未收到 initialize 请求。`nianbao server` 是语言服务器，应由编辑器通过标准输入输出以 LSP 协议启动（见 README 的“Editors”一节）；检查文件请用 `nianbao check`（stdin closed before an LSP initialize request: `nianbao server` is a language server for editors; to check files, run `nianbao check`）"
    );
    None
}

impl Server {
    fn new(transport: Transport, params: &Value) -> Server {
        let caps_json = params.get("capabilities").cloned().unwrap_or(Value::Null);
        let utf8 = caps_json
            .pointer("/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        let mut server = Server {
            transport,
            encoding: if utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            caps: ClientCaps::read(&caps_json),
            client: ClientSettings::default(),
            configs: Configs::default(),
            generation: 0,
            docs: HashMap::new(),
            rule_pages: settings::write_rule_pages().unwrap_or_default(),
            shown_errors: HashSet::new(),
            shutdown: false,
            next_id: 0,
            pending: HashMap::new(),
            log_checks: std::env::var("NIANBAO_LOG").is_ok_and(|v| v == "debug"),
            workspace: Workspace::new(workspace_roots(params)),
        };
        if let Some(options) = params.get("initializationOptions").filter(|v| !v.is_null()) {
            server.set_client_settings(options);
        }
        server
    }

    fn initialize_result(&self) -> InitializeResult {
        let capabilities = ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(self.caps.resolve_edit),
                ..Default::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![FIX_ALL_COMMAND.into()],
                ..Default::default()
            }),
            diagnostic_provider: self.caps.pull_diagnostics.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("nianbao".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            ..Default::default()
        };
        InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "nianbao".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    fn main_loop(&mut self) -> i32 {
        loop {
            let first = match self.workspace.scan.clone() {
                Some(scan) => crossbeam_channel::select! {
                    recv(self.transport.receiver) -> m => m.ok(),
                    recv(scan) -> found => {
                        let found = found.unwrap_or_default();
                        if self.workspace.scan_done(found) {
                            self.settings_changed();
                        }
                        self.publish_pending();
                        continue;
                    }
                },
                None => self.transport.receiver.recv().ok(),
            };
            let Some(first) = first else {
                return 1;
            };
            if let Some(code) = self.handle(first) {
                return code;
            }
            // Everything that has already arrived before checking: bursts coalesce.
            while let Ok(next) = self.transport.receiver.try_recv() {
                if let Some(code) = self.handle(next) {
                    return code;
                }
            }
            self.publish_pending();
        }
    }

    /// Handles one incoming message; `Some(code)` to exit.
    fn handle(&mut self, incoming: Incoming) -> Option<i32> {
        match incoming {
            Incoming::Message(Message::Request(req)) => self.on_request(req),
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Some(if self.shutdown { 0 } else { 1 });
                }
                self.on_notification(n);
            }
            Incoming::Message(Message::Response(resp)) => self.on_response(resp),
            Incoming::Invalid { id, code, message } => {
                say!("nianbao: {message}");
                self.transport.send_error(id, code, &message);
            }
            Incoming::Garbled(why) => say!("nianbao: {why}"),
        }
        None
    }

    fn on_request(&mut self, req: Request) {
        let id = req.id.clone();
        if self.shutdown {
            self.transport.send(
                Response::new_err(
                    id,
                    ErrorCode::InvalidRequest as i32,
                    "服务器正在关闭（shutdown was requested）".into(),
                )
                .into(),
            );
            return;
        }
        let method = req.method.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| self.dispatch(req)));
        let response = match outcome {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(Failure(code, message))) => Response::new_err(id, code as i32, message),
            Err(panic) => {
                let what = panic_message(&panic);
                say!("nianbao: {method} 处理时出现内部错误（panic）: {what}");
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    format!("内部错误（internal error in {method}）: {what}"),
                )
            }
        };
        self.transport.send(response.into());
    }

    fn dispatch(&mut self, req: Request) -> Handled {
        fn params<P: serde::de::DeserializeOwned>(v: Value) -> Result<P, Failure> {
            serde_json::from_value(v).map_err(invalid_params)
        }
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => self.hover(params(req.params)?),
            "textDocument/codeAction" => self.code_action(params(req.params)?),
            "codeAction/resolve" => self.resolve_code_action(params(req.params)?),
            "textDocument/documentSymbol" => self.document_symbol(params(req.params)?),
            "textDocument/inlayHint" => self.inlay_hint(params(req.params)?),
            "textDocument/diagnostic" => self.pull_diagnostics(params(req.params)?),
            "workspace/executeCommand" => self.execute_command(params(req.params)?),
            // Lets the tests prove that a panicking handler is answered, not fatal.
            "nianbao/debugPanic" if std::env::var_os("NIANBAO_DEBUG_PANIC").is_some() => {
                panic!("debugPanic requested")
            }
            other => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("不支持的方法（unknown method）: {other}"),
            )),
        }
    }

    fn on_notification(&mut self, n: Notification) {
        let method = n.method.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| self.notification(n)));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(Failure(_, message))) => say!("nianbao: {method}: {message}"),
            Err(panic) => say!(
                "nianbao: {method} 处理时出现内部错误（panic）: {}",
                panic_message(&panic)
            ),
        }
    }

    fn notification(&mut self, n: Notification) -> Result<(), Failure> {
        fn params<P: serde::de::DeserializeOwned>(v: Value) -> Result<P, Failure> {
            serde_json::from_value(v).map_err(invalid_params)
        }
        match n.method.as_str() {
            "initialized" => self.initialized(),
            "textDocument/didOpen" => {
                let p: DidOpenTextDocumentParams = params(n.params)?;
                let doc = p.text_document;
                let key = doc.uri.as_str().to_string();
                self.docs
                    .insert(key, (doc.uri, Document::new(doc.text, doc.version)));
            }
            "textDocument/didChange" => {
                let p: DidChangeTextDocumentParams = params(n.params)?;
                let enc = self.encoding;
                let (_, doc) = self
                    .docs
                    .get_mut(p.text_document.uri.as_str())
                    .ok_or_else(|| unknown_document(&p.text_document.uri))?;
                for change in &p.content_changes {
                    doc.apply_change(change, enc);
                }
                doc.version = p.text_document.version;
            }
            "textDocument/didClose" => {
                let p: DidCloseTextDocumentParams = params(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    if self.workspace.closed(&path) {
                        self.settings_changed();
                    }
                }
                if let Some((uri, doc)) = self.docs.remove(p.text_document.uri.as_str()) {
                    if !self.caps.pull_diagnostics
                        && doc.published.is_some_and(|(_, _, empty)| !empty)
                    {
                        self.publish(uri, Vec::new(), None);
                    }
                }
            }
            "textDocument/didSave" => {
                let p: DidSaveTextDocumentParams = params(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    if self.workspace.saved(&path) {
                        self.settings_changed();
                    }
                }
            }
            "workspace/didChangeConfiguration" => {
                let p: DidChangeConfigurationParams = params(n.params)?;
                if self.caps.configuration {
                    self.request_configuration();
                } else {
                    self.set_client_settings(&p.settings);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let p: DidChangeWatchedFilesParams = params(n.params)?;
                let mut reports_changed = false;
                for change in &p.changes {
                    if let Some(path) = path_of(&change.uri) {
                        reports_changed |= self.workspace.file_changed(&path);
                    }
                }
                if reports_changed {
                    self.settings_changed();
                }
                if p.changes
                    .iter()
                    .any(|c| c.uri.as_str().ends_with(crate::lint::config::FILE_NAME))
                {
                    say!(
                        "nianbao: {} 已更改，重新检查",
                        crate::lint::config::FILE_NAME
                    );
                    self.configs.clear();
                    self.shown_errors.clear();
                    self.settings_changed();
                }
            }
            m if m.starts_with("$/") => {}
            m => say!("nianbao: 忽略通知（ignored notification）{m}"),
        }
        Ok(())
    }

    fn on_response(&mut self, resp: Response) {
        let Some(pending) = self.pending.remove(&resp.id) else {
            return;
        };
        match (pending, resp.response_result) {
            (Pending::Configuration, Ok(Value::Array(items))) => {
                if let Some(section) = items.first().filter(|v| !v.is_null()) {
                    let section = section.clone();
                    self.set_client_settings(&section);
                }
            }
            (Pending::Configuration, _) | (Pending::Other(_), Ok(_)) => {}
            (Pending::Other(what), Err(e)) => {
                say!("nianbao: {what} 失败（failed）: {}", e.message)
            }
        }
    }

    fn initialized(&mut self) {
        self.workspace.start_scan();
        if self.caps.configuration {
            self.request_configuration();
        }
        if self.caps.watched_files_registration {
            let params = json!({"registrations": [{
                "id": "nianbao-toml",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": [
                    {"globPattern": "**/nianbao.toml"},
                    {"globPattern": format!("**/*.{{{}}}", workspace::EXTENSIONS.join(","))}
                ]}
            }]});
            self.send_request(
                "client/registerCapability",
                params,
                Pending::Other("registerCapability"),
            );
        }
    }

    fn send_request(&mut self, method: &str, params: Value, pending: Pending) {
        self.next_id += 1;
        let id = RequestId::from(format!("nianbao-{}", self.next_id));
        self.pending.insert(id.clone(), pending);
        self.transport
            .send(Request::new(id, method.to_string(), params).into());
    }

    fn request_configuration(&mut self) {
        self.send_request(
            "workspace/configuration",
            json!({"items": [{"section": "nianbao"}]}),
            Pending::Configuration,
        );
    }

    fn set_client_settings(&mut self, value: &Value) {
        let (settings, warnings) = ClientSettings::from_json(value);
        for w in warnings {
            self.show_error(w);
        }
        if settings != self.client {
            self.client = settings;
            self.settings_changed();
        }
    }

    fn settings_changed(&mut self) {
        self.generation += 1;
        if self.caps.pull_diagnostics && self.caps.diagnostic_refresh {
            self.send_request(
                "workspace/diagnostic/refresh",
                Value::Null,
                Pending::Other("diagnostic/refresh"),
            );
        }
    }

    fn show_error(&mut self, message: String) {
        say!("nianbao: {message}");
        if self.shown_errors.insert(message.clone()) {
            self.transport.send(
                Notification::new(
                    "window/showMessage".into(),
                    json!({"type": 1, "message": format!("nianbao: {message}")}),
                )
                .into(),
            );
        }
    }

    /// Brings a document's analysis up to date.
    fn analyze(&mut self, key: &str) -> Result<(), Failure> {
        let generation = self.generation;
        let Server {
            docs,
            configs,
            client,
            log_checks,
            workspace,
            ..
        } = self;
        // Summaries for the cross-file rules only when there is something to compare: a
        // report in the workspace folders or another open document (not on the hot path of a
        // lone document).
        let cross_file = workspace.active() || docs.len() > 1;
        let (uri, doc) = docs.get_mut(key).ok_or_else(|| {
            Failure(
                ErrorCode::RequestFailed,
                format!("文档未打开（document not open）: {key}"),
            )
        })?;
        if doc
            .analysis
            .as_ref()
            .is_some_and(|a| a.version == doc.version && a.generation == generation)
        {
            return Ok(());
        }
        let started = Instant::now();
        let path = path_of(uri);
        let (settings, error) = configs.settings_for(path.as_deref(), client);
        let version = doc.version;
        doc.refresh();
        let (text, report) = doc.view();
        let is_report = crate::lint::is_annual_report(report);
        // Cross-file rules: this report's summary for the others, and theirs for it.
        let (mut others_changed, mut cross) = (false, None);
        if let Some(path) = path.as_deref().filter(|_| cross_file) {
            let me = is_report
                .then(|| crate::rules::peers::Peer::of(&workspace.shown(path), report))
                .flatten();
            others_changed = workspace.set_open(path, me.clone());
            cross = me.zip(workspace.peers_for(Some(path)));
        }
        let mut diagnostics = if is_report {
            crate::lint::diagnostics_cached(text, report, &settings, &doc.blocks)
        } else {
            Vec::new()
        };
        if let Some((me, peers)) = cross {
            diagnostics.extend(crate::lint::peer_diagnostics(text, &me, &peers, &settings));
            crate::rules::diagnostic::sort(&mut diagnostics);
        }
        if *log_checks {
            say!(
                "nianbao: checked {key} v{version} in {:.2} ms ({} diagnostics)",
                started.elapsed().as_secs_f64() * 1e3,
                diagnostics.len()
            );
        }
        doc.analysis = Some(Analysis {
            version,
            generation,
            is_report,
            diagnostics,
        });
        if let Some(e) = error {
            self.show_error(e);
        }
        if others_changed {
            // The other documents are checked again; this analysis is current.
            self.settings_changed();
            if let Some((_, doc)) = self.docs.get_mut(key) {
                if let Some(a) = doc.analysis.as_mut() {
                    a.generation = self.generation;
                }
            }
        }
        Ok(())
    }

    fn target<'a>(&'a self, uri: &'a Uri) -> Target<'a> {
        Target {
            uri,
            enc: self.encoding,
            lang: self.client.lang,
            rule_pages: self.rule_pages.of(self.client.lang),
            document_changes: self.caps.document_changes,
        }
    }

    /// Publishes the diagnostics of every document whose last published list is stale.
    fn publish_pending(&mut self) {
        if self.caps.pull_diagnostics {
            return;
        }
        // A check can make the others stale (a report's summary changed for the cross-file
        // rules): another pass then, a bounded number of times (a summary settles after one).
        for _ in 0..3 {
            let generation = self.generation;
            self.publish_pass();
            if self.generation == generation {
                break;
            }
        }
    }

    /// One pass of [`Server::publish_pending`] over the open documents.
    fn publish_pass(&mut self) {
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        for key in keys {
            if let Err(Failure(_, e)) = self.analyze(&key) {
                say!("nianbao: {e}");
                continue;
            }
            let (uri, doc) = &self.docs[&key];
            let Some(analysis) = &doc.analysis else {
                continue;
            };
            let stamp = (analysis.version, analysis.generation);
            let analysis_is_report = analysis.is_report;
            if doc.published.is_some_and(|(v, g, _)| (v, g) == stamp) {
                continue;
            }
            let was_empty = doc.published.is_none_or(|(_, _, empty)| empty);
            let empty = analysis.diagnostics.is_empty();
            // A file that is not a report gets nothing, unless it has diagnostics to clear.
            let body = (analysis_is_report || !was_empty).then(|| {
                let t = self.target(uri);
                let (shown, notice) = self.shown(doc, &analysis.diagnostics);
                // As `publish` writes it, with the diagnostics' JSON written in place.
                let mut body = String::from(
                    r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
                );
                body.push_str(&Value::from(uri.as_str()).to_string());
                body.push_str(r#","diagnostics":"#);
                doc.publish_cache.write_diagnostics_json(
                    doc,
                    &t,
                    shown,
                    notice.as_ref(),
                    &mut body,
                );
                body.push_str(&format!(r#","version":{}}}}}"#, doc.version));
                body
            });
            if let Some((_, doc)) = self.docs.get_mut(&key) {
                doc.published = Some((stamp.0, stamp.1, empty));
            }
            if let Some(body) = body {
                self.transport.send_body(body);
            }
        }
    }

    /// The diagnostics of a document that are shown (at most `maxDiagnostics`, around the last
    /// edit), and the notice that says so when some are not.
    fn shown<'d>(
        &self,
        doc: &Document,
        diagnostics: &'d [crate::rules::diagnostic::Diagnostic],
    ) -> (
        &'d [crate::rules::diagnostic::Diagnostic],
        Option<lsp_types::Diagnostic>,
    ) {
        let max = self.client.max_diagnostics;
        let range = publish::shown(diagnostics, max, doc.publish_cache.focus());
        let notice = (range.len() < diagnostics.len())
            .then(|| publish::cut_notice(diagnostics.len(), max, self.client.lang));
        (&diagnostics[range], notice)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.transport
            .send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
    }

    /// The analysed document for a request, with its key.
    fn doc_for(&mut self, uri: &Uri) -> Result<String, Failure> {
        let key = uri.as_str().to_string();
        if !self.docs.contains_key(&key) {
            return Err(unknown_document(uri));
        }
        self.analyze(&key)?;
        Ok(key)
    }

    fn hover(&mut self, p: HoverParams) -> Handled {
        let pos = p.text_document_position_params;
        let key = self.doc_for(&pos.text_document.uri)?;
        let enc = self.encoding;
        let (uri, doc) = &self.docs[&key];
        let offset = doc
            .offset(pos.position, enc, true)
            .map_err(|e| out_of_range(&e))?;
        let t = self.target(uri);
        let (text, report) = doc_view(doc);
        let hover = features::hover(doc, text, report, offset, &t);
        Ok(serde_json::to_value(hover).unwrap_or(Value::Null))
    }

    fn code_action(&mut self, p: CodeActionParams) -> Handled {
        let key = self.doc_for(&p.text_document.uri)?;
        let enc = self.encoding;
        let settings = if self.caps.resolve_edit {
            None // the fix-all edit is computed on resolve
        } else {
            let path = path_of(&p.text_document.uri);
            Some(self.configs.settings_for(path.as_deref(), &self.client).0)
        };
        let (uri, doc) = &self.docs[&key];
        let start = doc
            .offset(p.range.start, enc, true)
            .map_err(|e| out_of_range(&e))?;
        let end = doc
            .offset(p.range.end, enc, true)
            .map_err(|e| out_of_range(&e))?;
        let t = self.target(uri);
        let only = p.context.only.as_deref();
        let analysis = doc.analysis.as_ref().expect("analysed");
        let mut actions = Vec::new();
        if features::wanted(only, CodeActionKind::QUICKFIX.as_str()) {
            actions.extend(features::quick_fixes(
                doc,
                &t,
                &analysis.diagnostics,
                &(start.min(end)..start.max(end)),
            ));
        }
        let has_safe_fix = analysis.diagnostics.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == crate::rules::diagnostic::Applicability::Safe)
        });
        if has_safe_fix && features::wanted(only, FIX_ALL_KIND) {
            match &settings {
                None => actions.push(features::unresolved_fix_all_action(doc, &t)),
                Some(settings) => {
                    let (text, _) = doc_view(doc);
                    let fixed = crate::lint::fix_source(text, settings, false);
                    actions.extend(features::fix_all_action(doc, &t, text, &fixed.text));
                }
            }
        }
        Ok(serde_json::to_value(actions).unwrap_or(Value::Null))
    }

    /// Fills in the edit of the fix-all action for the version it was offered on.
    fn resolve_code_action(&mut self, mut action: CodeAction) -> Handled {
        let data = action.data.clone().unwrap_or(Value::Null);
        let (Some(uri), Some(version)) = (
            data.get("uri").and_then(Value::as_str),
            data.get("version").and_then(Value::as_i64),
        ) else {
            return Err(invalid_params(
                "codeAction/resolve: 不是 nianbao 的操作（not a nianbao action）",
            ));
        };
        let uri: Uri = uri.parse().map_err(invalid_params)?;
        let key = self.doc_for(&uri)?;
        let path = path_of(&uri);
        let (settings, _) = self.configs.settings_for(path.as_deref(), &self.client);
        let (uri, doc) = &self.docs[&key];
        if i64::from(doc.version) != version {
            return Err(Failure(
                ErrorCode::ContentModified,
                "文档已更改（the document changed since the action was offered）".into(),
            ));
        }
        let t = self.target(uri);
        let (text, _) = doc_view(doc);
        let fixed = crate::lint::fix_source(text, &settings, false);
        action.edit = features::fix_all_action(doc, &t, text, &fixed.text).and_then(|a| a.edit);
        Ok(serde_json::to_value(action).unwrap_or(Value::Null))
    }

    fn document_symbol(&mut self, p: DocumentSymbolParams) -> Handled {
        let key = self.doc_for(&p.text_document.uri)?;
        let (uri, doc) = &self.docs[&key];
        let t = self.target(uri);
        let (text, report) = doc_view(doc);
        let symbols = features::document_symbols(doc, text, report, &t);
        Ok(serde_json::to_value(DocumentSymbolResponse::Nested(symbols)).unwrap_or(Value::Null))
    }

    fn inlay_hint(&mut self, p: InlayHintParams) -> Handled {
        let key = self.doc_for(&p.text_document.uri)?;
        let enc = self.encoding;
        let (uri, doc) = &self.docs[&key];
        let start = doc
            .offset(p.range.start, enc, true)
            .map_err(|e| out_of_range(&e))?;
        let end = doc.offset(p.range.end, enc, false).unwrap_or(usize::MAX);
        if !doc.analysis.as_ref().is_some_and(|a| a.is_report) {
            return Ok(json!([]));
        }
        let t = self.target(uri);
        let (text, report) = doc_view(doc);
        let hints = features::inlay_hints(doc, text, report, &(start..end), &t);
        Ok(serde_json::to_value(hints).unwrap_or(Value::Null))
    }

    fn pull_diagnostics(&mut self, p: DocumentDiagnosticParams) -> Handled {
        let key = self.doc_for(&p.text_document.uri)?;
        let (uri, doc) = &self.docs[&key];
        let analysis = doc.analysis.as_ref().expect("analysed");
        let (shown, notice) = self.shown(doc, &analysis.diagnostics);
        let mut result_id = publish::result_id(doc, &self.target(uri), shown);
        if notice.is_some() {
            // The notice's numbers change with the total, which the shown ones do not say.
            result_id.push_str(&format!("-{}", analysis.diagnostics.len()));
        }
        let report = if p.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            let t = self.target(uri);
            let items = shown
                .iter()
                .map(|d| features::to_lsp_diagnostic(doc, &t, d))
                .chain(notice)
                .collect();
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            })
        };
        Ok(
            serde_json::to_value(DocumentDiagnosticReportResult::Report(report))
                .unwrap_or(Value::Null),
        )
    }

    fn execute_command(&mut self, p: ExecuteCommandParams) -> Handled {
        if p.command != FIX_ALL_COMMAND {
            return Err(Failure(
                ErrorCode::InvalidParams,
                format!("未知命令（unknown command）: {}", p.command),
            ));
        }
        let uri_text = p
            .arguments
            .first()
            .and_then(|a| a.as_str().or_else(|| a.get("uri").and_then(Value::as_str)))
            .ok_or_else(|| {
                invalid_params("nianbao.fixAll 需要文档 URI（expects a document URI）")
            })?;
        let uri: Uri = uri_text.parse().map_err(invalid_params)?;
        let key = self.doc_for(&uri)?;
        let path = path_of(&uri);
        let (settings, _) = self.configs.settings_for(path.as_deref(), &self.client);
        let (uri, doc) = &self.docs[&key];
        let (text, _) = doc_view(doc);
        let fixed = crate::lint::fix_source(text, &settings, false);
        let Some(edit) = features::minimal_edit(text, &fixed.text) else {
            return Ok(Value::Null);
        };
        if !self.caps.apply_edit {
            return Err(Failure(
                ErrorCode::RequestFailed,
                "客户端不支持 workspace/applyEdit（client cannot apply edits）".into(),
            ));
        }
        let t = self.target(uri);
        let workspace_edit = features::workspace_edit(doc, &t, &[edit]);
        let params = json!({"label": "nianbao fix all", "edit": workspace_edit});
        self.send_request("workspace/applyEdit", params, Pending::Other("applyEdit"));
        Ok(Value::Null)
    }
}

/// The text and report of an analysed (hence refreshed) document.
fn doc_view(doc: &Document) -> (&str, &crate::read::model::Report) {
    doc.view()
}

/// The workspace folders of `initialize` (or its deprecated root), as local paths.
fn workspace_roots(params: &Value) -> Vec<PathBuf> {
    let mut uris: Vec<&str> = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("uri")?.as_str())
        .collect();
    if uris.is_empty() {
        uris.extend(params.get("rootUri").and_then(Value::as_str));
    }
    let mut roots: Vec<PathBuf> = uris
        .into_iter()
        .filter_map(|u| u.parse::<Uri>().ok())
        .filter_map(|u| path_of(&u))
        .collect();
    if roots.is_empty() {
        roots.extend(
            params
                .get("rootPath")
                .and_then(Value::as_str)
                .map(PathBuf::from),
        );
    }
    roots
}

fn unknown_document(uri: &Uri) -> Failure {
    Failure(
        ErrorCode::RequestFailed,
        format!("文档未打开（document not open）: {}", uri.as_str()),
    )
}

fn out_of_range(e: &document::OutOfRange) -> Failure {
    Failure(
        ErrorCode::InvalidParams,
        format!(
            "位置超出文档范围：第 {} 行，文档共 {} 行（position out of range）",
            e.line, e.lines
        ),
    )
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
