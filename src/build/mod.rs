//! The build: load and validate, then render aside and swap in. The same
//! path serves `dangri build` and, later, `serve`.

mod unchanged;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::diag::{Diagnostic, Diagnostics, Pos, rel_path};
use crate::model::Site;
use crate::msg::{Lang, Tally};
use crate::output::Output;
use crate::photos;
use crate::render::theme::{Asset, Theme};
use crate::render::{Prepared, Renderer};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder, the one holding `content/`.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    pub internal: bool,
}

/// How a build ended.
#[derive(Debug)]
pub struct BuildReport {
    /// Every problem found, sorted; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// A failure that is not a content problem (I/O, templates). A
    /// [`SwapError`](crate::output::SwapError) says where the sites are.
    pub failure: Option<anyhow::Error>,
    /// What the user should know though the build worked.
    pub notes: Vec<crate::msg::Command>,
    /// What was read (files, records), for the summary line.
    pub read: Tally,
    /// The language of the messages: the site's.
    pub lang: Lang,
    /// Nothing changed since the last build of this output: it was left as
    /// it is (`diagnostics` are that build's warnings).
    pub unchanged: bool,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        self.failure.is_none()
            && !self
                .diagnostics
                .iter()
                .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// Prints how long a phase took when `DANGRI_TIMINGS` is set: wall clock
/// and, on Linux, the CPU time of the whole process so far.
fn phase(name: &str, since: &mut std::time::Instant) {
    if std::env::var_os("DANGRI_TIMINGS").is_some() {
        let cpu = cpu_seconds()
            .map(|c| format!(" (cpu {c:.2} s so far)"))
            .unwrap_or_default();
        let peak = peak_memory()
            .map(|kb| format!(", peak {} MB", kb / 1024))
            .unwrap_or_default();
        eprintln!(
            "{name:>10}: {:>7.3} s{cpu}{peak}",
            since.elapsed().as_secs_f64()
        );
    }
    *since = std::time::Instant::now();
}

/// User plus system time of this process, from `/proc/self/stat`.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and
    // stime are the 12th and 13th, in clock ticks of 1/100 s.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// The peak resident memory of this process so far, in kB (`VmHWM` of
/// `/proc/self/status`).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Loads and validates the site and its theme. `base_url` replaces the
/// configured one (`serve` passes the address it serves at).
pub fn load(
    root: &Path,
    internal: bool,
    base_url: Option<&str>,
    diags: &Diagnostics,
) -> Option<(Site, Theme)> {
    let site = Site::load_at(root, internal, base_url, diags)?;
    crate::catalogue::check_names(&site, diags);
    let theme = Theme::load(root, &site.config.theme, diags);
    Some((site, theme))
}

pub fn build(opts: &BuildOptions) -> BuildReport {
    let mut t = std::time::Instant::now();
    let inputs = unchanged::Inputs::of(opts);
    let skipped = inputs.as_ref().and_then(|i| i.unchanged(&opts.out));
    phase("unchanged?", &mut t);
    if let Some(skipped) = skipped {
        return BuildReport {
            diagnostics: skipped.warnings,
            failure: None,
            notes: Vec::new(),
            read: skipped.read,
            lang: skipped.lang,
            unchanged: true,
        };
    }
    let diags = Diagnostics::new();
    let loaded = load(&opts.root, opts.internal, None, &diags);
    phase("load", &mut t);
    let Some((site, theme)) = loaded else {
        return BuildReport {
            lang: diags.language(),
            read: Tally::default(),
            diagnostics: diags.into_sorted(),
            failure: None,
            notes: Vec::new(),
            unchanged: false,
        };
    };
    if diags.has_errors() {
        return BuildReport {
            lang: diags.language(),
            read: site.tally(),
            diagnostics: diags.into_sorted(),
            failure: None,
            notes: Vec::new(),
            unchanged: false,
        };
    }
    let protected = ["content", "templates", "themes"].map(|f| opts.root.join(f));
    let out = match Output::begin(&opts.out, &protected) {
        Ok(o) => o,
        Err(e) => {
            return BuildReport {
                lang: diags.language(),
                read: site.tally(),
                diagnostics: diags.into_sorted(),
                failure: Some(e),
                notes: Vec::new(),
                unchanged: false,
            };
        }
    };
    let result = write_site(&site, &theme, &out, &diags).or_else(|e| {
        // A template's mistake is the site's problem, at its line.
        match crate::render::template_failure(&site, &theme, &e) {
            Some((path, pos, message)) => {
                diags.error(&path, pos, message);
                Ok(None)
            }
            None => Err(e),
        }
    });
    phase("render", &mut t);
    let failed = result.is_err() || diags.has_errors();
    let mut notes = Vec::new();
    let mut listing = None;
    let failure = match (result, failed) {
        (Err(e), _) => {
            notes.extend(out.abandon());
            Some(e)
        }
        (Ok(_), true) => {
            notes.extend(out.abandon());
            None
        }
        (Ok(_), false) => match out.finish() {
            Ok(finished) => {
                notes = finished.notes;
                listing = finished.listing;
                None
            }
            Err(e) => Some(e.into()),
        },
    };
    phase("swap", &mut t);
    let read = site.tally();
    let lang = diags.language();
    let diagnostics = diags.into_sorted();
    if let (Some(inputs), Some(listing)) = (&inputs, listing) {
        inputs.record(listing, read, lang, &diagnostics);
    }
    BuildReport {
        read,
        lang,
        diagnostics,
        failure,
        notes,
        unchanged: false,
    }
}

/// What a build keeps for later changes (`serve`).
pub struct Built {
    pub sizes: photos::PhotoSizes,
    pub prepared: Prepared,
}

/// Renders every page, picture and file of a loaded site into `out`.
/// Content problems found on the way (bad photos) go to `diags`; then
/// nothing is kept (`None`).
pub fn write_site(
    site: &Site,
    theme: &Theme,
    out: &Output,
    diags: &Diagnostics,
) -> Result<Option<Built>> {
    let mut t = std::time::Instant::now();
    let sizes = photos::publish(site, out, diags);
    phase("  photos", &mut t);
    if diags.has_errors() {
        return Ok(None);
    }
    let Some(prepared) = Prepared::new(site, theme, &sizes, diags) else {
        return Ok(None);
    };
    phase("  cards", &mut t);
    let renderer = Renderer::with(site, prepared, &sizes, out).reporting(diags);
    crate::catalogue::render_all(&renderer, |k| phase(&format!("  {}", k.name), &mut t))?;
    write_statics(site, theme, out, diags)?;
    let prepared = renderer.into_prepared();
    Ok(Some(Built { sizes, prepared }))
}

/// Theme assets, then `content/static/`, which may replace them but not a
/// file the build wrote (an error at the static file).
fn write_statics(site: &Site, theme: &Theme, out: &Output, diags: &Diagnostics) -> Result<()> {
    let generated: Vec<&Path> = site
        .statics
        .iter()
        .filter(|rel| out.has(rel))
        .map(PathBuf::as_path)
        .collect();
    for (rel, asset) in &theme.statics {
        match asset {
            Asset::Embedded(text) => out.write(rel, text.as_bytes())?,
            Asset::Disk(path) => copy_static(path, rel, &rel_path(&site.root, path), out, diags)?,
        }
    }
    // The light stylesheet of the lecture phone pages, cut from style.css.
    if let Some(asset) = theme.statics.get(Path::new("style.css"))
        && let Ok(css) = asset.read()
        && let Some(light) = crate::render::theme::marked_sections(&css, "lecture.css")
    {
        let light = crate::render::theme::compact_css(&light);
        out.write(Path::new("lecture.css"), light.as_bytes())?;
    }
    let dir = site.root.join("content").join("static");
    for rel in &site.statics {
        if generated.contains(&rel.as_path()) {
            diags.error(
                &format!("content/static/{}", rel.display()),
                Pos::START,
                crate::model::static_clash_message(rel),
            );
        } else {
            let from = dir.join(rel);
            copy_static(&from, rel, &rel_path(&site.root, &from), out, diags)?;
        }
    }
    Ok(())
}

/// Copies a file published as it is; a picture (JPEG, PNG, WebP) loses its
/// metadata on the way, like every published picture. A picture that
/// cannot be read is an error at `shown`, and not copied.
fn copy_static(
    from: &Path,
    rel: &Path,
    shown: &str,
    out: &Output,
    diags: &Diagnostics,
) -> Result<()> {
    match photos::static_file(from) {
        Ok(None) => out.copy(from, rel),
        Ok(Some(stripped)) => out.write(rel, &stripped),
        Err(msg) => {
            diags.error(shown, Pos::START, msg);
            Ok(())
        }
    }
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
