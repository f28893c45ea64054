//! `dangri report five-things|attendance|lectures [SITE]`: the supervision
//! reports of `crate::report`, as Markdown or CSV on stdout. They name
//! members and internal records: they are internal documents.

mod assessment;
mod attendance;
mod five_things;
mod inspect;
mod lectures;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::date::YearMonth;
use crate::diag::{Diagnostics, Severity};
use crate::kind::{Kind, KindSet};
use crate::model::Site;
use crate::msg::{Command, Summary};
use crate::render::strings::Strings;
use crate::render::theme::Theme;
use crate::report;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Markdown, for reading and for pasting into a bulletin
    #[default]
    Md,
    /// CSV with a header row, for spreadsheets
    Csv,
}

#[derive(clap::Subcommand, Debug)]
pub enum Report {
    /// The monthly bulletin (通报) of the five things; with --year, the yearly table
    FiveThings(FiveThingsArgs),
    /// Members who reached the unexcused-absence rule (无故缺席), with the months
    Attendance(AttendanceArgs),
    /// The liaison leaders' lecture duty (联系点): done or not, with the lecture
    Lectures(LecturesArgs),
    /// A random inspection (随机抽查): a reproducible sample of branches, with a checklist each
    Inspect(InspectArgs),
    /// The yearly assessment (一年一考核): each branch's score, part by part, ranked per committee
    Assessment(AssessmentArgs),
}

#[derive(clap::Args, Debug)]
pub struct AssessmentArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The year (default: the latest year with a record)
    #[arg(long, value_name = "YYYY")]
    pub year: Option<u16>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct FiveThingsArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The month of the bulletin (default: the latest month with a record)
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, conflicts_with = "year")]
    pub month: Option<YearMonth>,
    /// The yearly table (months × branches) of this year instead
    #[arg(long, value_name = "YYYY")]
    pub year: Option<u16>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct AttendanceArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct LecturesArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The year (default: the latest year with a record)
    #[arg(long, value_name = "YYYY")]
    pub year: Option<u16>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct InspectArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The month whose records the inspectors check
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: YearMonth,
    /// How many branches to draw (all when there are fewer)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,
    /// The seed: the same seed over the same content draws the same branches (default: a new one, printed)
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a month: write YYYY-MM, e.g. 2026-05"))
}

pub fn run(report: Report) -> ExitCode {
    let text = match report {
        Report::FiveThings(a) => load(a.site.as_deref()).and_then(|(site, t)| {
            match (a.year, a.month.or(site.months.last().copied())) {
                (Some(y), _) => Some(five_things::year_table(
                    &site,
                    &t,
                    &report::year_table(&site, y),
                    a.format,
                )),
                (None, Some(m)) => Some(five_things::bulletin(
                    &site,
                    &t,
                    &report::bulletin(&site, m),
                    a.format,
                )),
                (None, None) => {
                    let lang = site.config.language;
                    eprintln!("error: {}", Command::NoRecordsYet.text(lang));
                    None
                }
            }
        }),
        Report::Attendance(a) => load(a.site.as_deref())
            .map(|(site, t)| attendance::render(&site, &t, &report::absences(&site), a.format)),
        Report::Lectures(a) => load(a.site.as_deref()).map(|(site, t)| {
            let year = a
                .year
                .unwrap_or_else(|| report::latest_year(&site, crate::date::today()));
            let duties = report::lecture_duty(&site, year);
            lectures::render(&site, &t, year, &duties, a.format)
        }),
        Report::Assessment(a) => load(a.site.as_deref()).map(|(site, t)| {
            let year = a
                .year
                .unwrap_or_else(|| report::latest_year(&site, crate::date::today()));
            let assessed = report::assessment::assess(&site, year);
            assessment::render(&site, &t, &assessed, a.format)
        }),
        Report::Inspect(a) => inspect::run(a),
    };
    match text {
        Some(text) if print_stdout(&text) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

/// Writes `text` to stdout. A pipe closed early (`dangri report … | head`)
/// is not a failure; anything else is reported.
pub fn print_stdout(text: &str) -> bool {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            false
        }
    }
}

/// The site with internal records, and the words of its reports: the
/// strings of its theme in its language, as its pages have them. `None`
/// (errors printed) when the content or the strings have errors: a report
/// over a partly read site would be wrong.
fn load(root: Option<&Path>) -> Option<(Site, Strings)> {
    let root = root.unwrap_or(Path::new("."));
    let diags = Diagnostics::new();
    let site = Site::load_unrendered(root, true, &diags);
    if let Some(site) = &site {
        crate::catalogue::check_names(site, &diags);
    }
    let strings = site.as_ref().and_then(|site| {
        let theme = Theme::load(root, &site.config.theme, &diags);
        Strings::load(root, &theme, site.config.language, &diags)
    });
    let lang = diags.language();
    let errors: Vec<_> = diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        eprintln!("{}", d.text(lang));
    }
    match (site, strings) {
        (Some(site), Some(strings)) if errors.is_empty() => Some((site, strings)),
        _ => {
            let errors = errors.len();
            eprintln!("{}", Summary::NoReport { errors }.text(lang));
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Words: the theme's strings (`report_*` keys and a few the pages share)

/// A kind inside a sentence (`report_kind_<word>`: lower case in English).
fn kind_label(t: &Strings, k: Kind) -> String {
    t.get(&format!("report_kind_{}", k.word())).to_string()
}

/// The kinds a month lacks, as a list (`list_sep` between).
fn missing_labels(t: &Strings, done: KindSet) -> String {
    done.missing()
        .iter()
        .map(|&k| kind_label(t, k))
        .collect::<Vec<_>>()
        .join(t.get("list_sep"))
}

/// A month in a table (`report_month_short`, `2026-05`).
fn month_short(t: &Strings, ym: YearMonth) -> String {
    t.month("report_month_short", ym)
}

// ---------------------------------------------------------------------------
// Markdown and CSV

/// Escapes the characters Markdown would read as markup, `|` included.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A row of a Markdown table: `| a | b |`. Cells are written as given
/// (escape text with `md`).
fn md_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(c.as_ref());
        out.push_str(" |");
    }
    out.push('\n');
}

/// The head of a Markdown table: the header row and the rule under it;
/// the columns whose indices are in `right` are aligned right.
fn md_head<S: AsRef<str>>(out: &mut String, cells: &[S], right: &[usize]) {
    md_row(out, cells);
    out.push('|');
    for i in 0..cells.len() {
        out.push_str(if right.contains(&i) { "---:|" } else { "---|" });
    }
    out.push('\n');
}

/// A CSV record (RFC 4180): fields with `,`, `"` or line breaks are quoted.
fn csv_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}
