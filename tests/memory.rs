//! Peak heap memory of reading hostile inputs, counted by this test binary's allocator: what
//! `nianbao check` holds for a file before it decides the file is no report. The bound is the
//! README's: 20 bytes per input byte, plus a little for the label catalogue; HTML text keeps a
//! source range per character (entities decode to one character), 40 bytes per byte.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // The old and the new block may both be held for a moment: count the new one first.
            let now = NOW.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
            NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes above the start of decoding and reading `bytes` as `check` does.
fn peak_of_reading(bytes: Vec<u8>) -> usize {
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let decoded = nianbao::read::input::decode(bytes).expect("decodes");
    let report = nianbao::read::reader::read(&decoded.text);
    assert!(!nianbao::lint::is_annual_report(&report));
    drop(report);
    drop(decoded);
    PEAK.load(Ordering::Relaxed) - base
}

/// One test, so that no other test allocates meanwhile.
#[test]
fn hostile_inputs_are_read_within_twenty_bytes_per_byte() {
    const SIZE: usize = 2 << 20;
    let html = |fill: u8| {
        let mut page = b"<html><body><p>".to_vec();
        page.resize(SIZE, fill);
        page
    };
    let cases: [(&str, Vec<u8>, usize); 7] = [
        ("\\n", vec![b'\n'; SIZE], 20),
        ("\\r", vec![b'\r'; SIZE], 20),
        ("<", vec![b'<'; SIZE], 20),
        ("one line of letters", vec![b'a'; SIZE], 20),
        ("one line of 汉", "汉".repeat(SIZE / 3).into_bytes(), 20),
        ("HTML paragraph", html(b'a'), 40),
        ("HTML of <", html(b'<'), 40),
    ];
    for (name, bytes, per_byte) in cases {
        let len = bytes.len();
        // The input itself is counted: it is part of what `check` holds.
        let peak = peak_of_reading(bytes) + len;
        let bound = per_byte * len + (4 << 20);
        assert!(
            peak <= bound,
            "{name}: {peak} bytes at peak for {len} bytes of input (bound {bound})"
        );
    }
}
