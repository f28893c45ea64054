//! Content that would make two things share one output file, or that the
//! output formats cannot hold: each is reported where the writer can fix it,
//! and never written half right.

mod common;

use common::Site;

const MONTH: &str = "content/branches/xingwang/2026-05";

#[test]
fn control_characters_pasted_from_word_are_blanked_with_a_warning() {
    let site = Site::fixture("basic");
    site.write(
        &format!("{MONTH}/study.md"),
        "---\ntitle: \"响铃\\u0007标题\"\ndate: 2026-05-10\nkind: study\n---\n从Word粘贴的文字\u{b}第二行\u{8}。\n",
    );
    let built = site.build();
    built.assert_ok().assert_error(
        &format!("{MONTH}/study.md:6:11: warning:"),
        "U+000B (and 1 more",
    );
    for feed in ["atom.xml", "branches/xingwang/atom.xml"] {
        let xml = built.text(feed);
        assert!(xml.contains("响铃标题"), "{feed}");
        assert!(
            !xml.chars()
                .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
            "{feed} holds a character XML forbids"
        );
    }
    let page = built.text("branches/xingwang/2026-05/study/index.html");
    assert!(page.contains("从Word粘贴的文字 第二行 。"));
    assert!(!page.contains('\u{b}') && !page.contains('\u{8}'));
}
