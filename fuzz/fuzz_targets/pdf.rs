//! The PDF reader on arbitrary bytes, and on bytes that start like a PDF (`%PDF-` and an
//! `%%EOF` at the end, so that parsing goes past the first checks). Nothing may panic; what
//! is read goes through the reader and all rules like any report.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = nianbao::read::pdf::read_bytes(data) {
        common::exercise(&doc.html);
    }
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend_from_slice(data);
    pdf.extend_from_slice(b"\n%%EOF\n");
    if let Ok(doc) = nianbao::read::pdf::read_bytes(&pdf) {
        common::exercise(&doc.html);
    }
});
