//! A Markdown body: rendered, sanitized, cut into LED slides, tokenized.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    dangri::fuzzing::body(src);
});
