//! Where the build writes: never into a folder dangri did not make, never
//! deleting one, and a swap that leaves a site in place (issue 15, 1–4, 6).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::Site;

/// Runs `dangri build SITE ARGS…`; (success, stderr).
fn build(site: &Site, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dangri"))
        .current_dir(&site.root)
        .arg("build")
        .arg(&site.root)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.success(), stderr)
}

/// Changes a page of `site`, so that the next build has something to do
/// (with nothing changed, a build leaves the output and what is beside it
/// alone: `rebuild.rs`).
fn change(site: &Site) {
    let n = site.read("content/pages/about.md");
    site.write("content/pages/about.md", &format!("{n}\n又一段。\n"));
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// Regression: the previous site was parked in `.public.old` (the staging
// name with its extension changed) and a user's folder of that name was
// deleted by the next build without a look inside.
#[test]
fn a_users_folders_beside_the_output_are_never_deleted() {
    let site = Site::fixture("basic");
    site.write(".public.old/IMPORTANT.txt", "x");
    site.build().assert_ok();
    change(&site);
    site.build().assert_ok();
    assert_eq!(site.read(".public.old/IMPORTANT.txt"), "x");

    // A folder with dangri's own names but not its marker: refused.
    for name in [".public.dangri-old", ".public.dangri-staging"] {
        site.write(&format!("{name}/IMPORTANT.txt"), "y");
        change(&site);
        let (ok, stderr) = build(&site, &[]);
        assert!(!ok, "{stderr}");
        assert!(
            stderr.contains("不是 dangri 生成的：请自己把它移走或删掉"),
            "{stderr}"
        );
        assert_eq!(site.read(&format!("{name}/IMPORTANT.txt")), "y");
        site.remove(name);
    }
    site.build().assert_ok();
    assert_eq!(
        names(&site.root),
        [".dangri-cache", ".public.old", "content", "public"],
        "nothing is left beside the output"
    );
}

// Regression: `-o link` with `link → real` emptied `real`, replaced the
// link with a folder and said the previous output was untouched.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_symbolic_link_is_built_where_it_points() {
    let site = Site::fixture("basic");
    let real = site.root.join("real");
    let (ok, stderr) = build(&site, &["-o", real.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let link = site.root.join("link");
    std::os::unix::fs::symlink("real", &link).unwrap();
    site.write(
        "content/pages/new.md",
        "---\ntitle: 新页面\n---\n\n新的内容。\n",
    );
    let (ok, stderr) = build(&site, &["-o", link.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(real.join("new/index.html").is_file());
    assert!(real.join("index.html").is_file());
    assert_eq!(
        names(&site.root),
        [".dangri-cache", "content", "link", "real"],
        "no staging or old folder is left"
    );

    // A link to nowhere is refused, and stays a link.
    let dangling = site.root.join("dangling");
    std::os::unix::fs::symlink("nowhere", &dangling).unwrap();
    let (ok, stderr) = build(&site, &["-o", dangling.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        stderr.contains("是一个快捷方式（符号链接），指向的文件夹不存在"),
        "{stderr}"
    );
    assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(!site.root.join("nowhere").exists());
}

// Regression: `build --internal -o content/static/neibu` was accepted, and
// the next public build published the internal site as static files.
#[test]
fn an_output_inside_the_site_sources_is_refused() {
    let site = Site::fixture("basic");
    site.write("templates/.keep", "");
    for out in ["content/static/neibu", "content", "templates/x", "themes/t"] {
        let (ok, stderr) = build(&site, &["--internal", "-o", out]);
        assert!(!ok, "{out}: {stderr}");
        assert!(
            stderr.contains("生成的网站会被当成网站内容再读进来"),
            "{out}: {stderr}"
        );
    }
    assert!(!site.root.join("content/static/neibu").exists());
    // An output holding the site would delete it.
    let parent = site.root.parent().unwrap().to_str().unwrap().to_string();
    let (ok, stderr) = build(&site, &["-o", &parent]);
    assert!(!ok);
    assert!(stderr.contains("替换它会把网站内容删掉"), "{stderr}");
    assert!(site.root.join("content/site.yaml").is_file());
}

/// Runs `f` with an immutable file at `path` (`chattr +i`: even root cannot
/// remove it), then makes everything under `root` mutable again; or
/// returns false where the file system has no such flag.
fn with_immutable(path: &Path, root: &Path, f: impl FnOnce()) -> bool {
    let chattr = |args: &[&str], path: &Path| {
        Command::new("chattr")
            .args(args)
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !chattr(&["+i"], path) {
        return false;
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    // The file may have moved with the folder it is in.
    chattr(&["-R", "-i"], root);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
    true
}

// Regression: when the previous output could not be removed, the new site
// was in place but the message said the previous one was untouched, and
// every later build failed on the leftover.
#[test]
fn a_previous_output_that_cannot_be_removed_does_not_stop_the_next_builds() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    site.write("public/stuck/file.txt", "cannot be removed");
    let stuck = site.root.join("public/stuck/file.txt");
    let ran = with_immutable(&stuck, &site.root, || {
        site.write(
            "content/pages/new.md",
            "---\ntitle: 新页面\n---\n\n新的内容。\n",
        );
        let (ok, stderr) = build(&site, &[]);
        assert!(ok, "{stderr}");
        assert!(stderr.contains("新网站已经放好了"), "{stderr}");
        assert!(
            !stderr.contains("untouched") && !stderr.contains("没有变"),
            "{stderr}"
        );
        assert!(site.out().join("new/index.html").is_file());
        // The next build moves the leftover aside and goes on.
        change(&site);
        let (ok, stderr) = build(&site, &[]);
        assert!(ok, "{stderr}");
        assert!(stderr.contains("请自己删掉"), "{stderr}");
        change(&site);
        let (ok, stderr) = build(&site, &[]);
        assert!(ok, "{stderr}");
    });
    if !ran {
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    // Once the file can go, the leftover goes too.
    change(&site);
    let (ok, stderr) = build(&site, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(
        names(&site.root),
        [".dangri-cache", "content", "public"],
        "{stderr}"
    );
}

/// Mounts `source` (a tmpfs when `None`) on `at`, or returns false when
/// this process may not mount.
fn mount(source: Option<&Path>, at: &Path) -> bool {
    let mut cmd = Command::new("mount");
    match source {
        Some(s) => cmd.arg("--bind").arg(s).arg(at),
        None => cmd.args(["-t", "tmpfs", "tmpfs"]).arg(at),
    };
    cmd.output().is_ok_and(|o| o.status.success())
}

struct Unmount<'a>(&'a Path);

impl Drop for Unmount<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).output();
    }
}

// Regression: an output folder that is a mount point (a Docker volume)
// cannot be renamed; the swap failed with EBUSY and left a staging folder.
#[test]
fn an_output_that_is_a_mount_point_is_updated_in_place() {
    for bind in [false, true] {
        let site = Site::fixture("basic");
        let out = site.out();
        fs::create_dir_all(&out).unwrap();
        let source = site.root.join("volume");
        fs::create_dir_all(&source).unwrap();
        if !mount(bind.then_some(source.as_path()), &out) {
            eprintln!("skipped: cannot mount here");
            return;
        }
        let _unmount = Unmount(&out);
        site.build().assert_ok();
        site.write(
            "content/pages/new.md",
            "---\ntitle: 新页面\n---\n\n新的内容。\n",
        );
        let built = site.build();
        built.assert_ok();
        assert!(built.path("new/index.html").is_file());
        assert!(built.path("index.html").is_file());
        site.remove("content/pages/new.md");
        site.build().assert_ok();
        assert!(!out.join("new").exists(), "removed pages go");
        let left: Vec<String> = names(&site.root)
            .into_iter()
            .filter(|n| n.starts_with(".public"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(!out.join(".dangri-staging").exists());
    }
}

// A swap that fails says, in the site's language, what it could not do and
// where both sites are: the previous one untouched, the new one beside it.
#[test]
fn a_swap_that_fails_says_where_both_sites_are() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    let out = site.out();
    let ran = with_immutable(&out, &site.root, || {
        change(&site);
        let (ok, stderr) = build(&site, &[]);
        assert!(!ok, "{stderr}");
        assert!(stderr.contains("新网站没能换进"), "{stderr}");
        assert!(
            stderr.contains("上次生成的网站没有变，新网站在")
                && stderr.contains(".public.dangri-staging"),
            "{stderr}"
        );
        assert!(stderr.contains("生成失败"), "{stderr}");
        assert!(!stderr.contains("untouched"), "{stderr}");
    });
    if !ran {
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    // Once the folder can be replaced, the next build puts the new site in.
    let (ok, stderr) = build(&site, &[]);
    assert!(ok, "{stderr}");
    assert!(site.read("public/about/index.html").contains("又一段"));
}
