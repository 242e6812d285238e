//! The reader and all rules on arbitrary bytes: as lossy UTF-8, through `input::decode` (the
//! encodings files come in), and as structured text (each byte a label, separator or digit).
//! Nothing may panic; every report span, diagnostic range and fix edit range must lie in the
//! text on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    common::exercise(&text);

    if let Ok(decoded) = nianbao::read::input::decode(data.to_vec()) {
        if decoded.text != text {
            common::exercise(&decoded.text);
        }
    }

    // Structured text only for short inputs: it grows by a fragment per byte.
    if data.len() <= 4096 {
        common::exercise(&common::structured(data));
    }
});
