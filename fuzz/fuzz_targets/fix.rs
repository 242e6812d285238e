//! `lint::fix_source` must converge: fixing the fixed text again applies nothing and changes
//! nothing. The first byte's low bit chooses whether unsafe fixes are included.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let include_unsafe = data.first().is_some_and(|b| b & 1 == 1);
    let text = String::from_utf8_lossy(data);
    let settings = Default::default();
    let fixed = nianbao::lint::fix_source(&text, &settings, include_unsafe);
    common::check_report(&fixed.text, &fixed.checked.report);
    common::check_diagnostics(&fixed.text, &fixed.checked.diagnostics);
    let again = nianbao::lint::fix_source(&fixed.text, &settings, include_unsafe);
    assert_eq!(
        (again.applied, again.text.as_str()),
        (0, fixed.text.as_str()),
        "fixing the fixed text again changed it (first pass applied {})",
        fixed.applied
    );
});
