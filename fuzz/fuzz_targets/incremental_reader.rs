//! `incremental::IncrementalReader` against a fresh `reader::read` under edit sequences.
//!
//! Input: the text, then (after the first 0xFF byte, which UTF-8 never contains) an edit
//! script; without a 0xFF the whole input is both text and script. Each edit is applied to a
//! `String` (ranges clamped to char boundaries), recorded with `edit`, and after some edits
//! (and at the end) `update` must give exactly the report `reader::read` gives. The edits are
//! also recorded in a `BlockCache`, as the language server does, and the diagnostics checked
//! with it must equal those checked without.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::read::incremental::IncrementalReader;

#[path = "common.rs"]
mod common;

struct Script<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Script<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = self.bytes.get(self.at).copied();
        self.at += 1;
        b
    }
    fn u16(&mut self) -> u16 {
        let hi = self.byte().unwrap_or(0) as u16;
        let lo = self.byte().unwrap_or(0) as u16;
        hi << 8 | lo
    }
    fn raw(&mut self, n: usize) -> String {
        let end = (self.at + n).min(self.bytes.len());
        let s = String::from_utf8_lossy(&self.bytes[self.at.min(end)..end]).into_owned();
        self.at += n;
        s
    }
}

const MAX_EDITS: usize = 48;
const MAX_UPDATES: usize = 12;

fuzz_target!(|data: &[u8]| {
    let (text, script) = match data.iter().position(|&b| b == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let mut s = String::from_utf8_lossy(text).into_owned();
    let mut inc = IncrementalReader::new(&s);
    assert_eq!(*inc.report(), nianbao::read::reader::read(&s), "new");
    let settings = nianbao::lint::Settings::default();
    let mut cache = nianbao::rules::blocks::BlockCache::new();
    let cached_equal_fresh = |s: &str, report: &nianbao::read::model::Report, cache: &_| {
        let fresh = nianbao::lint::diagnostics_of(s, report, &settings);
        let cached = nianbao::lint::diagnostics_cached(s, report, &settings, cache);
        assert!(cached == fresh, "cached diagnostics differ");
    };
    cached_equal_fresh(&s, inc.report(), &cache);

    let mut script = Script {
        bytes: script,
        at: 0,
    };
    let mut pending = false;
    let mut updates = 0;
    for step in 0..MAX_EDITS {
        let Some(op) = script.byte() else { break };
        let pos = common::floor_boundary(&s, script.u16() as usize % (s.len() + 1));
        let len = script.byte().unwrap_or(0) as usize * if op & 0x40 != 0 { 16 } else { 1 };
        let end = common::floor_boundary(&s, pos + len);
        let (range, new) = match op & 7 {
            0 => (pos..end, String::new()),
            1 => (pos..pos, pick(&mut script).to_string()),
            2 => (pos..end, pick(&mut script).to_string()),
            3 => {
                // Duplicate a piece of the text elsewhere.
                let at = common::floor_boundary(&s, script.u16() as usize % (s.len() + 1));
                (at..at, s[pos..end].to_string())
            }
            4 => {
                let n = script.byte().unwrap_or(0) as usize % 16;
                (pos..pos, script.raw(n))
            }
            5 => {
                let d = script.byte().unwrap_or(0);
                (pos..end, (d as u32 * 7).to_string())
            }
            6 => {
                // Remove or duplicate the whole line around `pos`.
                let a = s[..pos].rfind('\n').map_or(0, |i| i + 1);
                let b = s[pos..].find('\n').map_or(s.len(), |i| pos + i + 1);
                if len % 2 == 0 {
                    (a..b, String::new())
                } else {
                    (b..b, s[a..b].to_string())
                }
            }
            _ => {
                let n = script.byte().unwrap_or(0) as usize % 16;
                (pos..end, script.raw(n))
            }
        };
        s.replace_range(range.clone(), &new);
        cache.edit(range.clone(), new.len());
        // Edits are hints: now and then one goes unrecorded, and the reader must notice.
        if op & 0x30 != 0x30 || step % 5 != 0 {
            inc.edit(range, new.len());
        }
        pending = true;
        if op & 0x08 != 0 && updates < MAX_UPDATES {
            updates += 1;
            let want = nianbao::read::reader::read(&s);
            assert_eq!(*inc.update(&s), want, "after edit {step}");
            cached_equal_fresh(&s, inc.report(), &cache);
            pending = false;
        }
    }
    if pending {
        let want = nianbao::read::reader::read(&s);
        assert_eq!(*inc.update(&s), want, "final");
        cached_equal_fresh(&s, inc.report(), &cache);
    }
    common::check_report(&s, inc.report());
});

fn pick(script: &mut Script) -> &'static str {
    let b = script.byte().unwrap_or(0) as usize;
    common::FRAGMENTS[b % common::FRAGMENTS.len()]
}
