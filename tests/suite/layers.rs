//! The top-level modules of `src/` import each other without a cycle
//! (ARCHITECTURE.md names their layers): counted from `crate::` paths
//! outside comments and unit-test modules, as `modcycles.py` counts them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules: `src/x.rs` and `src/x/`, less `main` and `lib`.
fn modules() -> BTreeSet<String> {
    let mut mods = BTreeSet::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if (path.is_dir() || path.extension().is_some_and(|e| e == "rs"))
            && name != "main"
            && name != "lib"
        {
            mods.insert(name);
        }
    }
    mods
}

/// The code of a file without its comments and its `mod tests`.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules named after `crate::` in `code`, groups included.
fn named(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            names.extend(group.split(',').map(ident));
        } else {
            names.insert(ident(rest));
        }
    }
    names
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let mut edges: BTreeMap<String, BTreeSet<String>> =
        mods.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src()).unwrap();
        let first = rel.iter().next().unwrap().to_string_lossy();
        let top = first.trim_end_matches(".rs").to_string();
        if !mods.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for name in named(&code(&text)) {
            if name != top && mods.contains(&name) {
                edges.get_mut(&top).unwrap().insert(name);
            }
        }
    }
    edges
}

/// A cycle through the graph, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut c = path[at..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in &edges[m] {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_import_without_a_cycle() {
    let edges = graph();
    assert!(edges.len() > 20, "{edges:?}");
    // The count sees real imports.
    assert!(edges["build"].contains("catalogue"), "{:?}", edges["build"]);
    assert!(
        edges["catalogue"].contains("render"),
        "{:?}",
        edges["catalogue"]
    );
    if let Some(c) = cycle(&edges) {
        panic!("import cycle: {}", c.join(" -> "));
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycle(&edges).unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(named("use crate::{x::Y, z};\ncrate::w::f()"), {
        ["w", "x", "z"].map(String::from).into_iter().collect()
    });
}
