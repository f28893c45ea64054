//! Watching `content/`, `themes/` and `templates/` for changes, debounced,
//! so that an editor's atomic save or a `git pull` gives one rebuild.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long files must stay quiet before a rebuild: long enough to join
/// an editor's write-and-rename, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(30);

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Calls `on_change` with the changed paths after every burst of changes.
/// Keep the returned value alive for as long as the watch should last.
pub fn watch<F>(root: &Path, on_change: F) -> Result<Watcher>
where
    F: Fn(Vec<PathBuf>) + Send + 'static,
{
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
    for dir in ["content", "themes", "templates"] {
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
    Ok(debouncer)
}
