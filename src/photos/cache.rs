//! The photo cache under `.dangri-cache/photos/`: encoded pictures keyed by
//! the source's content and the encoder settings, so that a rebuild never
//! encodes an unchanged photo again.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{PhotoSet, SETTINGS};

/// The photo cache under `.dangri-cache/photos/`.
pub(super) struct Cache {
    dir: PathBuf,
    /// rel path → (size, mtime ns, content hash), from the last build.
    index: Mutex<HashMap<String, (u64, u128, u128)>>,
    /// The keys this build asked for, for `prune`.
    used: Mutex<BTreeSet<String>>,
}

impl Cache {
    pub(super) fn open(root: &Path) -> Cache {
        let dir = root.join(".dangri-cache").join("photos");
        let mut index = HashMap::new();
        if let Ok(text) = fs::read_to_string(dir.join("index.tsv")) {
            for line in text.lines() {
                let f: Vec<&str> = line.split('\t').collect();
                if let [rel, size, mtime, hash] = f[..]
                    && let (Ok(s), Ok(m), Ok(h)) =
                        (size.parse(), mtime.parse(), u128::from_str_radix(hash, 16))
                {
                    index.insert(rel.to_string(), (s, m, h));
                }
            }
        }
        Cache {
            dir,
            index: Mutex::new(index),
            used: Mutex::default(),
        }
    }

    /// The cache key: the content hash (re-used while size and time are
    /// unchanged), the widths and the encoder settings.
    pub(super) fn key(&self, rel: &str, path: &Path, bytes: &[u8], widths: &[u32]) -> String {
        let stat = fs::metadata(path).ok().map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (m.len(), mtime)
        });
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        let known = match (stat, index.get(rel)) {
            (Some((s, m)), Some(&(is, im, h))) if s == is && m == im => Some(h),
            _ => None,
        };
        let hash = known.unwrap_or_else(|| xxhash_rust::xxh3::xxh3_128(bytes));
        if let Some((s, m)) = stat {
            index.insert(rel.to_string(), (s, m, hash));
        }
        let w: Vec<String> = widths.iter().map(u32::to_string).collect();
        let key = format!("{hash:032x}-{SETTINGS}-{}", w.join("-"));
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.clone());
        key
    }

    /// After a full build of kind `build` (`public` or `internal`, which
    /// publish different pictures): remembers the pictures it used, and
    /// removes those that neither kind used in its last full build (a
    /// photo replaced, deleted, or encoded with other settings). A kind
    /// never built uses nothing.
    pub(super) fn prune(&self, build: &str) -> std::io::Result<()> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.is_empty() && !self.dir.exists() {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        let list: String = used.iter().map(|k| format!("{k}\n")).collect();
        let tmp = self
            .dir
            .join(format!("used-{build}.tmp{}", std::process::id()));
        fs::write(&tmp, list)?;
        fs::rename(&tmp, self.dir.join(format!("used-{build}")))?;
        let mut keep: BTreeSet<String> = BTreeSet::new();
        for kind in ["public", "internal"] {
            if let Ok(text) = fs::read_to_string(self.dir.join(format!("used-{kind}"))) {
                keep.extend(text.lines().map(str::to_owned));
            }
        }
        for entry in fs::read_dir(&self.dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Another build's encoding being stored (`<key>.tmp<pid>`) stays.
            if entry.path().is_dir() && !keep.contains(&name) && !name.contains(".tmp") {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        Ok(())
    }

    pub(super) fn get(&self, key: &str) -> Option<(PhotoSet, Vec<Vec<u8>>)> {
        let dir = self.dir.join(key);
        let meta = fs::read_to_string(dir.join("meta")).ok()?;
        let mut lines = meta.lines();
        let ext = match lines.next()? {
            "png" => "png",
            _ => "jpg",
        };
        let mut variants = Vec::new();
        let mut files = Vec::new();
        for line in lines {
            let (w, h) = line.split_once(' ')?;
            let (w, h): (u32, u32) = (w.parse().ok()?, h.parse().ok()?);
            files.push(fs::read(dir.join(format!("{w}.{ext}"))).ok()?);
            variants.push((w, h));
        }
        (!variants.is_empty()).then_some((PhotoSet { variants, ext }, files))
    }

    /// Stores an entry; a cache that cannot be written only costs time.
    pub(super) fn put(&self, key: &str, set: &PhotoSet, files: &[Vec<u8>]) {
        let dir = self.dir.join(key);
        let tmp = self.dir.join(format!("{key}.tmp{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            fs::create_dir_all(&tmp)?;
            let mut meta = format!("{}\n", set.ext);
            for ((w, h), data) in set.variants.iter().zip(files) {
                fs::write(tmp.join(format!("{w}.{}", set.ext)), data)?;
                meta.push_str(&format!("{w} {h}\n"));
            }
            fs::write(tmp.join("meta"), meta)?;
            fs::rename(&tmp, &dir)
        };
        if write().is_err() {
            let _ignored = fs::remove_dir_all(&tmp);
        }
    }

    pub(super) fn save(&self) -> std::io::Result<()> {
        let index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if index.is_empty() {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        let mut rows: Vec<String> = index
            .iter()
            .map(|(rel, (s, m, h))| format!("{rel}\t{s}\t{m}\t{h:032x}\n"))
            .collect();
        rows.sort();
        let tmp = self
            .dir
            .join(format!("index.tsv.tmp{}", std::process::id()));
        fs::write(&tmp, rows.concat())?;
        fs::rename(tmp, self.dir.join("index.tsv"))
    }
}
