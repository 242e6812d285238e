//! What the server answers, computed from one document: diagnostics in LSP form, code actions,
//! hover, the outline and inlay hints. Everything here converts core results (byte ranges,
//! messages in both languages) to the protocol; no rule is known here.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentChanges, DocumentSymbol, Hover, HoverContents, InlayHint, InlayHintLabel,
    InlayHintTooltip, Location, MarkupContent, MarkupKind, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, SymbolKind, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use super::document::{Document, Encoding};
use crate::lang::Lang;
use crate::read::cells::{CellId, TableVersion};
use crate::read::labels::SectionKind;
use crate::read::model::{CellAt, CellValue, Report};
use crate::read::split::Provenance;
use crate::rules::arith::explain::{cell_relations, number_hints};
use crate::rules::diagnostic::{Applicability, Diagnostic, Edit, Severity};

/// The kind of the fix-all source action.
pub const FIX_ALL_KIND: &str = "source.fixAll.nianbao";

/// How to address the client.
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub enc: Encoding,
    pub lang: Lang,
    pub rule_pages: &'a HashMap<&'static str, Uri>,
    /// The client understands versioned `documentChanges` in a workspace edit.
    pub document_changes: bool,
}

pub fn to_lsp_diagnostic(doc: &Document, t: &Target, d: &Diagnostic) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(t.uri.clone(), doc.range(&r.range, t.enc)),
            message: r.message.get(t.lang).to_string(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: doc.range(&d.range, t.enc),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: t
            .rule_pages
            .get(d.code)
            .map(|href| CodeDescription { href: href.clone() }),
        source: Some("nianbao".into()),
        message: format!("{} ({})", d.message.get(t.lang), d.name),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Whether an action of `kind` is wanted by `only` (a kind matches itself and its
/// sub-kinds: `source` wants `source.fixAll.nianbao`).
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        })
    })
}

/// A workspace edit of this document.
pub fn workspace_edit(doc: &Document, t: &Target, edits: &[Edit]) -> WorkspaceEdit {
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit::new(doc.range(&e.range, t.enc), e.new_text.clone()))
        .collect();
    if t.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: t.uri.clone(),
                    version: Some(doc.version),
                },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(t.uri.clone(), text_edits)])),
            ..Default::default()
        }
    }
}

/// The quick fixes of the diagnostics that touch `range`. Diagnostics whose fixes make the same
/// edits (A01 and A02 on one wrong total) share one action that lists them all.
pub fn quick_fixes(
    doc: &Document,
    t: &Target,
    diagnostics: &[Diagnostic],
    range: &Range<usize>,
) -> Vec<CodeAction> {
    let mut groups: Vec<(&[Edit], Vec<&Diagnostic>)> = Vec::new();
    for d in diagnostics.iter().filter(|d| overlaps(&d.range, range)) {
        let Some(fix) = d.fix.as_ref() else { continue };
        match groups
            .iter_mut()
            .find(|(edits, _)| *edits == fix.edits.as_slice())
        {
            Some((_, ds)) => ds.push(d),
            None => groups.push((&fix.edits, vec![d])),
        }
    }
    groups
        .into_iter()
        .map(|(edits, ds)| {
            let codes: Vec<&str> = ds.iter().map(|d| d.code).collect();
            let fix = ds[0].fix.as_ref().expect("grouped by fix");
            CodeAction {
                title: format!("{}（{}）", fix.title.get(t.lang), codes.join(", ")),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(ds.iter().map(|d| to_lsp_diagnostic(doc, t, d)).collect()),
                edit: Some(workspace_edit(doc, t, edits)),
                is_preferred: Some(ds.iter().any(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == Applicability::Safe)
                })),
                ..Default::default()
            }
        })
        .collect()
}

/// The one edit that turns `old` into `new`: everything between their common prefix and
/// common suffix, on character boundaries.
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(Edit {
        range: prefix..old.len() - suffix,
        new_text: new[prefix..new.len() - suffix].to_string(),
    })
}

fn fix_all_title(lang: Lang) -> String {
    match lang {
        Lang::Zh => "nianbao：修复全部可安全修复的问题".into(),
        Lang::En => "nianbao: fix all safely fixable problems".into(),
    }
}

/// The fix-all action, given the fixed text (`None` when nothing changes).
pub fn fix_all_action(doc: &Document, t: &Target, old: &str, new: &str) -> Option<CodeAction> {
    let edit = minimal_edit(old, new)?;
    Some(CodeAction {
        title: fix_all_title(t.lang),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(workspace_edit(doc, t, &[edit])),
        ..Default::default()
    })
}

/// The fix-all action without its edit, for clients that resolve it when chosen: fixing a
/// whole report on every cursor move would put the fixer on the editor's hot path.
pub fn unresolved_fix_all_action(doc: &Document, t: &Target) -> CodeAction {
    CodeAction {
        title: fix_all_title(t.lang),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        data: Some(serde_json::json!({"uri": t.uri.as_str(), "version": doc.version})),
        ..Default::default()
    }
}

fn table_name(id: CellId, lang: Lang) -> &'static str {
    match (id, lang) {
        (CellId::T2(..), Lang::Zh) => "表二",
        (CellId::T3(..), Lang::Zh) => "表三",
        (CellId::T4(..), Lang::Zh) => "表四",
        (CellId::T2(..), Lang::En) => "Table 2",
        (CellId::T3(..), Lang::En) => "Table 3",
        (CellId::T4(..), Lang::En) => "Table 4",
    }
}

fn provenance_note(p: Provenance, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match p {
        Provenance::Exact => return None,
        Provenance::SplitUnique => (
            "由连写的数字串按唯一可能拆分读出",
            "cut from a run of digits in the only possible way",
        ),
        Provenance::SplitByArithmetic => (
            "由连写的数字串按总计拆分读出（该总计关系不作检查）",
            "cut from a run of digits by its total (that relation is not checked)",
        ),
        Provenance::ByOrder => (
            "无行标签，按上下行的顺序定位",
            "a row without its label, placed by the order of the rows around it",
        ),
        Provenance::ColumnOrder => (
            "按列读出（PDF 文本先列标签后列数值）",
            "read column by column (PDF text listing labels before values)",
        ),
    };
    Some(if lang == Lang::Zh { zh } else { en })
}

/// Hover on a cell: its place, value, how it was read, and its relations with the values.
pub fn hover(
    doc: &Document,
    text: &str,
    report: &Report,
    offset: usize,
    t: &Target,
) -> Option<Hover> {
    let lang = t.lang;
    let name = |id: CellId| match lang {
        Lang::Zh => id.name_zh(),
        Lang::En => id.name_en(),
    };
    let (md, span) = match report.cell_at(offset)? {
        CellAt::Read(id, cell) => {
            let value = match (&cell.value, lang) {
                (CellValue::Number(s), _) => s.clone(),
                (CellValue::Blank, Lang::Zh) => "（空）".into(),
                (CellValue::Blank, Lang::En) => "(blank)".into(),
            };
            let mut md = format!(
                "**{} · {}** `{id}` = **{value}**\n",
                table_name(id, lang),
                name(id)
            );
            if let Some(note) = provenance_note(cell.provenance, lang) {
                md.push_str(&format!("\n*{note}*\n"));
            }
            let rels = cell_relations(text, report, id);
            if !rels.is_empty() {
                md.push('\n');
                for r in rels {
                    md.push_str(&format!("- `{}` {}\n", r.code, r.text.get(lang)));
                }
            }
            (md, cell.span.clone())
        }
        CellAt::Unreadable(id, u) => {
            let reason = match lang {
                Lang::Zh => u.reason.message_zh(),
                Lang::En => u.reason.message_en(),
            };
            let head = match lang {
                Lang::Zh => "无法读取",
                Lang::En => "unreadable",
            };
            let md = format!(
                "**{} · {}** `{id}`：{head} — {reason}\n",
                table_name(id, lang),
                name(id)
            );
            (md, u.span.clone().unwrap_or(offset..offset))
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(doc.range(&span, t.enc)),
    })
}

/// Inlay hints after the numbers that are wrong: `应为 338` after a cell that alone explains
/// the relations that fail, `≠ 338` after a total that could be the wrong cell of one; one
/// per cell, the relations in the tooltip.
pub fn inlay_hints(
    doc: &Document,
    text: &str,
    report: &Report,
    range: &Range<usize>,
    t: &Target,
) -> Vec<InlayHint> {
    number_hints(text, report)
        .into_iter()
        .filter(|h| overlaps(&h.span, range))
        .map(|h| InlayHint {
            position: doc.position(h.span.end, t.enc),
            label: InlayHintLabel::String(h.label.get(t.lang).to_string()),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(h.tooltip.get(t.lang).to_string())),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection: lsp_types::Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The outline: the sections in order, each with the tables inside it; table 三 lists its rows.
pub fn document_symbols(
    doc: &Document,
    text: &str,
    report: &Report,
    t: &Target,
) -> Vec<DocumentSymbol> {
    let en = t.lang == Lang::En;
    let t3_rows: Vec<DocumentSymbol> = report
        .tables
        .t3_rows
        .iter()
        .filter(|(_, l)| {
            report
                .tables
                .t3
                .as_ref()
                .is_some_and(|t3| contains(&t3.span, &l.span))
        })
        .map(|(row, label)| {
            let r = doc.range(&label.span, t.enc);
            let name = if en { row.name_en() } else { row.name_zh() };
            symbol(name.to_string(), None, SymbolKind::FIELD, r, r, Vec::new())
        })
        .collect();
    let mut tables: Vec<(Range<usize>, DocumentSymbol)> = Vec::new();
    let named = [
        (
            &report.tables.t2,
            "表二 主动公开政府信息情况",
            "Table 2: proactive disclosure",
        ),
        (
            &report.tables.t3,
            "表三 收到和处理政府信息公开申请情况",
            "Table 3: requests",
        ),
        (
            &report.tables.t4,
            "表四 政府信息公开行政复议、行政诉讼情况",
            "Table 4: review and litigation",
        ),
    ];
    for (i, (table, zh, en_name)) in named.into_iter().enumerate() {
        let Some(table) = table else { continue };
        let r = doc.range(&table.span, t.enc);
        let children = if i == 1 { t3_rows.clone() } else { Vec::new() };
        let name = if en { en_name } else { zh };
        tables.push((
            table.span.clone(),
            symbol(
                name.into(),
                Some(match table.version {
                    TableVersion::V2021 => "2021".into(),
                    TableVersion::V2019 => "2019".into(),
                }),
                SymbolKind::STRUCT,
                r,
                r,
                children,
            ),
        ));
    }
    let mut out: Vec<DocumentSymbol> = Vec::new();
    for section in &report.sections {
        let heading = text
            .get(section.heading.span.clone())
            .filter(|h| !h.contains('<') && !h.contains('\n'))
            .map(|h| h.trim().trim_start_matches(['#', ' ']).to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| heading_name(section.heading.kind, section.heading.numeral));
        let mut children = Vec::new();
        tables.retain(|(span, sym)| {
            if contains(&section.span, span) {
                children.push(sym.clone());
                false
            } else {
                true
            }
        });
        out.push(symbol(
            heading,
            None,
            SymbolKind::NAMESPACE,
            doc.range(&section.span, t.enc),
            doc.range(&section.heading.span, t.enc),
            children,
        ));
    }
    out.extend(tables.into_iter().map(|(_, s)| s));
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

fn heading_name(kind: SectionKind, numeral: u8) -> String {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match NUMERALS.get((numeral as usize).wrapping_sub(1)) {
        Some(n) => format!("{n}、{}", kind.official_heading()),
        None => kind.official_heading().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimal_edit_keeps_common_ends_on_char_boundaries() {
        let e = minimal_edit("总计 20 件", "总计 26 件").unwrap();
        assert_eq!(
            (e.range.clone(), e.new_text.as_str()),
            ("总计 2".len().."总计 20".len(), "6")
        );
        // Two characters sharing leading bytes are replaced whole.
        let e = minimal_edit("一", "丁").unwrap();
        assert_eq!((e.range, e.new_text.as_str()), (0..3, "丁"));
        assert!(minimal_edit("a", "a").is_none());
        let e = minimal_edit("aa", "aaa").unwrap();
        assert_eq!((e.range, e.new_text.as_str()), (2..2, "a"));
    }

    #[test]
    fn only_matches_kinds_and_their_sub_kinds() {
        let k = |s: &str| CodeActionKind::from(s.to_string());
        assert!(wanted(None, FIX_ALL_KIND));
        assert!(wanted(Some(&[k("source")]), FIX_ALL_KIND));
        assert!(wanted(Some(&[k("source.fixAll")]), FIX_ALL_KIND));
        assert!(!wanted(Some(&[k("quickfix")]), FIX_ALL_KIND));
        assert!(!wanted(Some(&[k("source.fix")]), FIX_ALL_KIND));
        assert!(wanted(Some(&[k("quickfix")]), "quickfix"));
    }
}
