//! Watching `content/`, `themes/` and `templates/` for changes, debounced,
//! so that an editor's atomic save or a `git pull` gives one rebuild.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long files must stay quiet before a rebuild: long enough to join
/// an editor's write-and-rename, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(30);

type Inner = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// The folders of a site that hold what it is built from.
const WATCHED: [&str; 3] = ["content", "themes", "templates"];

/// The watch; it lasts as long as this value.
pub(super) struct Watcher {
    _inner: Arc<Mutex<Option<Inner>>>,
}

/// Calls `on_change` with the changed paths after every burst of changes.
/// Keep the returned value alive for as long as the watch should last.
///
/// The site's own folder is watched too, not its subfolders: a `templates/`
/// (or `themes/`, `content/`) made while serving is watched from then on,
/// as the first step of overriding a template usually is.
pub(super) fn watch<F>(root: &Path, on_change: F) -> Result<Watcher>
where
    F: Fn(Vec<PathBuf>) + Send + 'static,
{
    let shared: Arc<Mutex<Option<Inner>>> = Arc::new(Mutex::new(None));
    // Weak: the debouncer holds this, and must not keep itself alive.
    let later = Arc::downgrade(&shared);
    let site = root.to_path_buf();
    let mut debouncer =
        new_debouncer(
            DEBOUNCE,
            None,
            move |result: DebounceEventResult| match result {
                Ok(events) => {
                    let mut paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|e| !e.kind.is_access())
                        .flat_map(|e| e.paths.iter().cloned())
                        .collect();
                    paths.sort();
                    paths.dedup();
                    // Of the site folder's own entries, only the watched
                    // folders matter: a new one is watched from now on.
                    paths.retain(|p| {
                        if p.parent() != Some(site.as_path()) {
                            return true;
                        }
                        let ours = p
                            .file_name()
                            .is_some_and(|n| WATCHED.iter().any(|w| n == *w));
                        if ours && p.is_dir() {
                            let (dir, shared) = (p.clone(), later.clone());
                            // Not from the debouncer's own thread, which
                            // adding a watch waits on.
                            std::thread::spawn(move || {
                                let Some(shared) = shared.upgrade() else {
                                    return;
                                };
                                let mut guard = shared.lock().unwrap_or_else(|e| e.into_inner());
                                if let Some(d) = guard.as_mut()
                                    && let Err(e) = d.watch(&dir, RecursiveMode::Recursive)
                                {
                                    eprintln!("warning: cannot watch {}: {e}", dir.display());
                                }
                            });
                        }
                        ours
                    });
                    if !paths.is_empty() {
                        on_change(paths);
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching files: {e}");
                    }
                }
            },
        )
        .context("cannot watch the site's files")?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive).map_err(|e| {
                let hint = if e.to_string().contains("No space left on device") {
                    " (the system's limit of watched folders is reached: raise it with `sysctl fs.inotify.max_user_watches=524288`)"
                } else {
                    ""
                };
                anyhow::anyhow!("cannot watch {}: {e}{hint}", path.display())
            })?;
        }
    }
    *shared.lock().unwrap_or_else(|e| e.into_inner()) = Some(debouncer);
    Ok(Watcher { _inner: shared })
}
