//! `dangri serve`: a real server on a free port, edited files, a browser's
//! reload channel, deleted pages and errors shown then cleared.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Site;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _killed = self.child.kill();
        let _reaped = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    start_with(site, site.root.to_str().unwrap(), Stdio::null())
}

/// `dangri serve SITE` run in the site's folder, `stderr` where it goes.
fn start_with(site: &Site, arg: &str, stderr: Stdio) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dangri"))
        .args(["serve", arg, "--port", "0"])
        .current_dir(&site.root)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = lines.next().unwrap().unwrap();
    let port = line
        .rsplit("127.0.0.1:")
        .next()
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port }
}

/// The whole response to a GET, head and body.
fn raw_get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}

/// (status, body) of a request.
fn request(port: u16, method: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    // Without the theme's line-break hints (`<wbr>` between the phrases of
    // titles and names, docs/theme.md): the tests look for words.
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.replace("<wbr>", ""))
        .unwrap_or_default();
    (status, body)
}

/// Polls until `ok` holds for the page, for at most 15 seconds.
fn wait_for(port: u16, path: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let start = Instant::now();
    loop {
        let (status, body) = request(port, "GET", path);
        if ok(status, &body) {
            return (status, body);
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{path}: still {status}:\n{}",
            &body[..body.len().min(3000)]
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

const RECORD: &str = "content/branches/xingwang/2026-05/meeting.md";
const PAGE: &str = "/branches/xingwang/2026-05/meeting/";

#[test]
fn serves_pages_folders_chinese_paths_head_and_404() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let (status, body) = request(server.port, "GET", "/");
    assert_eq!(status, 200);
    assert!(body.contains("测试区党支部活动档案"));
    // Links point at the served address, not base_url's /archive/.
    assert!(body.contains("href=\"/branches/\""), "links are rebased");
    assert!(
        body.contains("/_dangri/event-stream"),
        "the reload script is injected"
    );
    let (status, body) = request(server.port, "HEAD", "/");
    assert_eq!(status, 200);
    assert!(body.is_empty());
    let (status, body) = request(server.port, "GET", "/branches/%E4%B8%9C%E7%91%B6%E6%9D%91/");
    assert_eq!(status, 200);
    assert!(body.contains("东孚街道东瑶村党支部"));
    let (status, body) = request(server.port, "GET", "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("页面不存在"), "the site's 404 page");
    let (status, _) = request(server.port, "GET", "/style.css");
    assert_eq!(status, 200);
    // A folder without its slash is redirected to it, and the redirect
    // stays on this host. Regression: `GET //branches` answered
    // `Location: //branches/`, an address on a host named `branches`.
    for (path, to) in [
        ("/branches", "/branches/"),
        ("//branches", "/branches/"),
        ("///branches", "/branches/"),
    ] {
        let response = raw_get(server.port, path);
        assert!(response.starts_with("HTTP/1.1 301"), "{path}: {response}");
        let location = response
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("{path}: {response}"));
        assert_eq!(location, to, "{path}");
    }
    // The pages are served from `.dangri-cache/serve/<port>/` inside the
    // site: no address reaches a file outside that folder.
    for path in [
        "/../../../content/site.yaml",
        "/%2e%2e/%2e%2e/%2e%2e/content/site.yaml",
        "/..%2f..%2f..%2fcontent%2fsite.yaml",
        "/%2Fetc%2Fpasswd",
    ] {
        let response = raw_get(server.port, path);
        assert!(!response.contains("base_url"), "{path}: {response}");
        assert!(!response.contains("root:"), "{path}: {response}");
    }
}

// The places and the data export are rendered when asked for, not on each
// save (issue 20: they cost more than the rest of a save on a district's
// site); asked for, they show the change.
#[test]
fn places_and_data_show_a_change_when_asked_for() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let study = "content/branches/xingwang/2026-05/study.md";
    let page = "/branches/xingwang/2026-05/study/";
    wait_for(server.port, page, |s, b| {
        s == 200 && b.contains("学习党章第一章")
    });
    let (_, places) = request(server.port, "GET", "/places/");
    // The link of the place the record names.
    let place = places
        .split("<a href=\"")
        .find(|a| a.contains("社区党群服务中心</a>"))
        .and_then(|a| a.split('"').next())
        .unwrap_or_else(|| panic!("社区党群服务中心: {places}"))
        .to_owned();
    let (_, before) = request(server.port, "GET", &place);
    assert!(before.contains("学习党章第一章"), "{before}");

    let text = site.read(study).replace("学习党章第一章", "学习党章第三章");
    site.write(study, &text);
    wait_for(server.port, page, |s, b| {
        s == 200 && b.contains("学习党章第三章")
    });
    let (status, after) = request(server.port, "GET", &place);
    assert_eq!(status, 200);
    assert!(after.contains("学习党章第三章"), "{after}");
    let (status, data) = request(server.port, "GET", "/data/records/2026-05.json");
    assert_eq!(status, 200);
    assert!(data.contains("学习党章第三章"), "{data}");
}

#[test]
fn edits_reload_browsers_and_deleted_pages_disappear() {
    let site = Site::fixture("basic");
    let server = start(&site);
    wait_for(server.port, PAGE, |s, b| {
        s == 200 && b.contains("召开党员大会")
    });

    // A browser listening for reloads.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /_dangri/event-stream HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    while !seen.contains("event: init") {
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0, "event stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }

    let (_, index) = request(server.port, "GET", "/search/index.json");
    let version = |json: &str| {
        json.split("\"version\":\"")
            .nth(1)
            .map(|v| v[..16].to_string())
    };
    let before = version(&index).unwrap_or_else(|| panic!("no search index: {index}"));

    // An editor's atomic save: write a temporary file, rename it over.
    let text = std::fs::read_to_string(site.root.join(RECORD)).unwrap();
    site.write(
        "content/branches/xingwang/2026-05/.meeting.md.tmp",
        &text.replace("召开党员大会", "召开七月党员大会"),
    );
    std::fs::rename(
        site.root
            .join("content/branches/xingwang/2026-05/.meeting.md.tmp"),
        site.root.join(RECORD),
    )
    .unwrap();
    wait_for(server.port, PAGE, |s, b| {
        s == 200 && b.contains("召开七月党员大会")
    });
    while !seen.contains("event: reload") {
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0, "event stream closed before a reload: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    // The search index is rebuilt when a page asks for it.
    let (_, index) = request(server.port, "GET", "/search/index.json");
    assert_ne!(
        version(&index),
        Some(before),
        "the search index was not rebuilt"
    );

    // A new record appears, a deleted one disappears.
    site.write(
        "content/branches/xingwang/2026-06/new.md",
        "---\ntitle: 新增的学习记录\ndate: 2026-06-12\nkind: study\n---\n新增。\n",
    );
    wait_for(server.port, "/branches/xingwang/2026-06/new/", |s, b| {
        s == 200 && b.contains("新增的学习记录")
    });
    site.remove(RECORD);
    wait_for(server.port, PAGE, |s, _| s == 404);
    let (_, month) = request(server.port, "GET", "/branches/xingwang/2026-05/");
    assert!(!month.contains("召开七月党员大会"));

    // A new branch with a month, then the branch deleted.
    site.write(
        "content/branches/xinzhi/_index.md",
        "---\nname: 新址社区党支部\ncommittee: 新阳街道党工委\n---\n",
    );
    site.write(
        "content/branches/xinzhi/2026-06/study.md",
        "---\ntitle: 新支部的第一次学习\ndate: 2026-06-03\nkind: study\n---\n学习。\n",
    );
    wait_for(server.port, "/branches/xinzhi/2026-06/study/", |s, b| {
        s == 200 && b.contains("新支部的第一次学习")
    });
    let (_, branches) = request(server.port, "GET", "/branches/");
    assert!(branches.contains("新址社区党支部"));
    site.remove("content/branches/xinzhi");
    wait_for(server.port, "/branches/xinzhi/", |s, _| s == 404);
    wait_for(server.port, "/branches/xinzhi/2026-06/study/", |s, _| {
        s == 404
    });

    // A renamed branch folder: its pages move.
    std::fs::rename(
        site.root.join("content/branches/gangkou"),
        site.root.join("content/branches/gangkou-port"),
    )
    .unwrap();
    wait_for(server.port, "/branches/gangkou-port/", |s, _| s == 200);
    wait_for(server.port, "/branches/gangkou/", |s, _| s == 404);
}

#[test]
fn errors_show_over_the_last_good_pages_and_clear_when_fixed() {
    let site = Site::fixture("basic");
    let server = start(&site);
    wait_for(server.port, PAGE, |s, _| s == 200);
    let good = std::fs::read_to_string(site.root.join(RECORD)).unwrap();
    site.write(
        RECORD,
        "---\ntitle: 坏了\ndate: 2026-5-10\nkind: meeting\n---\n",
    );
    let (_, body) = wait_for(server.port, PAGE, |_, b| b.contains("dangri-errors"));
    assert!(
        body.contains("content/branches/xingwang/2026-05/meeting.md:3:1:"),
        "{body}"
    );
    assert!(body.contains("召开党员大会"), "the last good page stays");
    // A half-written file does not stop the server either.
    site.write(RECORD, "---\ntitle: 写了一半");
    wait_for(server.port, PAGE, |_, b| {
        b.contains("两行 --- 之间的部分）没有结束")
    });
    site.write(RECORD, &good);
    wait_for(server.port, PAGE, |s, b| {
        s == 200 && !b.contains("dangri-errors")
    });
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_and_reloads_when_fixed() {
    let site = Site::fixture("basic");
    let good = std::fs::read_to_string(site.root.join(RECORD)).unwrap();
    site.write(RECORD, "---\ntitle: 写了一半\n");
    let server = start(&site);
    let (status, body) = request(server.port, "GET", PAGE);
    assert_eq!(status, 404);
    assert!(body.contains("dangri-errors"), "{body}");
    assert!(body.contains("还没有生成过网页"), "{body}");
    assert!(
        body.contains("content/branches/xingwang/2026-05/meeting.md:1:1:"),
        "{body}"
    );
    assert!(body.contains("/_dangri/"), "no reload script in:\n{body}");
    site.write(RECORD, &good);
    wait_for(server.port, PAGE, |s, b| {
        s == 200 && b.contains("召开党员大会") && !b.contains("dangri-errors")
    });
}

#[test]
fn a_templates_folder_made_while_serving_is_watched() {
    let site = Site::fixture("basic");
    assert!(!site.root.join("templates").exists());
    let server = start(&site);
    wait_for(server.port, PAGE, |s, _| s == 200);
    let theme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/record.html"),
    )
    .unwrap();
    let marked = |mark: &str| theme.replacen("<article", &format!("<p>{mark}</p><article"), 1);
    site.write("templates/record.html", &marked("第一版模板"));
    wait_for(server.port, PAGE, |_, b| b.contains("第一版模板"));
    // And edits after that.
    site.write("templates/record.html", &marked("第二版模板"));
    wait_for(server.port, PAGE, |_, b| b.contains("第二版模板"));
}

#[test]
fn saves_in_a_site_served_as_dot_render_only_their_pages() {
    // `dangri serve` in the site's folder: the watcher's absolute paths
    // must still be recognised, or every save builds everything.
    let site = Site::fixture("basic");
    let log = site.root.parent().unwrap().join("serve.log");
    let server = start_with(
        &site,
        ".",
        Stdio::from(std::fs::File::create(&log).unwrap()),
    );
    wait_for(server.port, PAGE, |s, _| s == 200);
    let text = std::fs::read_to_string(site.root.join(RECORD)).unwrap();
    site.write(RECORD, &text.replace("召开党员大会", "召开九月党员大会"));
    wait_for(server.port, PAGE, |_, b| b.contains("召开九月党员大会"));
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("更新了 "), "{log}");
    assert_eq!(
        log.matches("生成完毕：").count(),
        1,
        "one full build, at start: {log}"
    );
}

/// Issue 22: a port that is taken is said in the site's language, with
/// what to do, not as the system's English.
#[test]
fn a_port_in_use_says_what_to_do() {
    let site = Site::fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let ran = site.dangri(&["serve", ".", "--port", &port]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains(&format!(
            "error: 127.0.0.1:{port} 已经被占用（也许另一个 dangri serve 还开着）：请关掉它，或换一个端口"
        )),
        "{}",
        ran.stderr
    );
}
