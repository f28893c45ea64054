//! A record file as a writer could save it: front matter and body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    dangri::fuzzing::record_file(text);
});
