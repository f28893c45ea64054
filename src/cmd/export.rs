//! `dangri export led [SITE] --profile P [--month YYYY-MM | --lecture ID] -o DIR`:
//! LED pictures ready for a USB stick (`crate::led::export`).
//! `dangri export ledger [SITE] --branch B --year YYYY -o FILE.pdf`: a
//! branch's ledger printed to PDF (`crate::print`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::date::YearMonth;
use crate::diag::{Diagnostics, Severity};
use crate::led::{self, font, pictures::Cache};
use crate::msg::Summary;
use crate::print::{self, LedgerJob};
use crate::render::strings::Strings;
use crate::urls;

#[derive(clap::Subcommand, Debug)]
pub enum Export {
    /// LED pictures of the lectures on one screen profile, for a USB stick
    Led(LedArgs),
    /// Print a branch's ledger (台账) of a year to PDF (needs a headless Chromium)
    Ledger(LedgerArgs),
}

#[derive(clap::Args, Debug)]
pub struct LedArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The screen profile of site.yaml (e.g. outdoor)
    #[arg(long, value_name = "P")]
    pub profile: String,
    /// Only the lectures of this month
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, conflicts_with = "lecture")]
    pub month: Option<YearMonth>,
    /// Only this lecture: its id as in its URLs, <branch>-<YYYY-MM>-<record>
    #[arg(long, value_name = "ID")]
    pub lecture: Option<String>,
    /// The folder to write: new, empty, or one exported to before
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct LedgerArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The branch: the name of its folder under content/branches/
    #[arg(long)]
    pub branch: String,
    /// The year of the ledger
    #[arg(long)]
    pub year: u16,
    /// The PDF file to write
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: PathBuf,
    /// The internal ledger: internal records and the names of members
    #[arg(long)]
    pub internal: bool,
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a month: write YYYY-MM, e.g. 2026-05"))
}

pub fn run(export: Export) -> ExitCode {
    match export {
        Export::Ledger(args) => ledger(args),
        Export::Led(args) => match led(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn led(args: &LedArgs) -> anyhow::Result<()> {
    let root = args.site.as_deref().unwrap_or(Path::new("."));
    let diags = Diagnostics::new();
    // The public site: an export never holds an internal lecture.
    let loaded = crate::build::load(root, false, None, &diags);
    let t = loaded
        .as_ref()
        .and_then(|(site, theme)| Strings::load(root, theme, site.config.language, &diags));
    let lang = diags.language();
    let problems = diags.into_sorted();
    for d in &problems {
        eprintln!("{}", d.text(lang));
    }
    let errors = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let (Some((site, _)), Some(t)) = (loaded, t) else {
        anyhow::bail!("the site could not be read");
    };
    if errors > 0 {
        anyhow::bail!("{}", Summary::FixFirst { errors }.text(lang));
    }
    let led_config = &site.config.led;
    let Some(profile) = led_config.profiles.iter().find(|p| p.name == args.profile) else {
        let names: Vec<&str> = led_config
            .profiles
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        anyhow::bail!(
            "no LED profile `{}` in content/site.yaml: the profiles are {}",
            args.profile,
            names.join(", ")
        );
    };
    let id = |i: usize| {
        let r = &site.records[i];
        urls::lecture_id(&site.branches[r.branch].id, r.ym, &r.id)
    };
    let chosen: Vec<usize> = led::lectures(&site)
        .into_iter()
        .filter(|&i| args.month.is_none_or(|m| site.records[i].ym == m))
        .filter(|&i| args.lecture.as_ref().is_none_or(|l| *l == id(i)))
        .collect();
    if chosen.is_empty() {
        let which = match (&args.lecture, args.month) {
            (Some(l), _) => format!(
                "no lecture `{l}` is shown on screens (its id is <branch>-<YYYY-MM>-<record>, as in /led/{}/<id>/; internal lectures and those with `led: false` are never exported)",
                profile.name
            ),
            (None, Some(m)) => format!("no lecture of {m} is shown on screens"),
            (None, None) => "the site has no lecture shown on screens".to_string(),
        };
        anyhow::bail!("{which}");
    }
    let font = font::load(root, led_config.font.as_ref()).map_err(anyhow::Error::msg)?;
    let done = led::export::write(
        &site,
        &t,
        profile,
        &chosen,
        &font,
        &Cache::open(root),
        &args.output,
    )?;
    for (i, chars) in &done.missing {
        let list: String = chars.iter().collect();
        eprintln!(
            "warning: {}: the LED font {} has no glyph for {list}: the pictures show an empty box there",
            site.records[*i].src,
            font.describe()
        );
    }
    eprintln!(
        "exported {} lecture(s), {} picture(s) of {} × {} into {}",
        done.lectures,
        done.pictures,
        profile.width,
        profile.height,
        args.output.display()
    );
    Ok(())
}

fn ledger(args: LedgerArgs) -> ExitCode {
    // Said before the site is read: nothing else can make a PDF.
    let Some(browser) = print::find_browser() else {
        eprintln!("error: {}", print::no_browser_message());
        return ExitCode::FAILURE;
    };
    let root = args.site.unwrap_or_else(|| PathBuf::from("."));
    let diags = Diagnostics::new();
    let job = LedgerJob {
        root: &root,
        branch: &args.branch,
        year: args.year,
        internal: args.internal,
        out: &args.output,
    };
    let result = print::ledger(&job, &browser, &diags);
    let lang = diags.language();
    for d in diags.into_sorted() {
        eprintln!("{}", d.text(lang));
    }
    match result {
        Ok(true) => {
            eprintln!(
                "printed the {} ledger of {} for {} to {}{}",
                if args.internal { "internal" } else { "public" },
                args.branch,
                args.year,
                args.output.display(),
                if args.internal {
                    " (internal: member names, do not publish)"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
