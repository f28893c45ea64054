//! Inputs that made a build hang or write without bound (issue 15, points
//! 11 and 12): each builds in bounded time and output, with a located
//! message, and `check` says the same as `build`.

use crate::common::Site;

/// Guards point 11c: 100,000 nested `<div>` took the sanitizer 16.3 s.
/// Now the raw HTML of that record is shown as text, with a warning at the
/// line where it nests too deep, in `build` and `check` alike.
#[test]
fn raw_html_nested_too_deep_is_text_with_a_warning() {
    let site = Site::fixture("basic");
    let n = 100_000;
    let body = format!(
        "第一段。\n\n{}<script>alert(1)</script>{}\n",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    site.write(
        "content/branches/xingwang/2026-06/deep.md",
        &format!("---\ntitle: 深\ndate: 2026-06-12\nkind: 做\n---\n{body}"),
    );
    let started = std::time::Instant::now();
    let built = site.build();
    let elapsed = started.elapsed();
    const AT: &str = "content/branches/xingwang/2026-06/deep.md:8:1: warning:";
    built
        .assert_ok()
        .assert_error(AT, "nests deeper than 256 elements");
    let page = built.text("branches/xingwang/2026-06/deep/index.html");
    assert!(page.contains("&lt;div&gt;&lt;div&gt;"));
    assert!(!page.contains("<div><div><div>") && !page.contains("alert(1)</script>"));
    assert!(elapsed.as_secs() < 30, "{elapsed:?}");
    let checked = site.dangri(&["check"]);
    assert!(
        checked.lines().iter().any(|l| l.starts_with(AT)),
        "{}",
        checked.stdout
    );
}
