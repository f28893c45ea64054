//! `dangri new branch|month|record`: scaffold content from the command line.
//! Prints the path of the new file; never replaces an existing one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::{Config, Lang};
use crate::date::{Date, YearMonth};
use crate::diag::Diagnostics;
use crate::kind::Kind;
use crate::msg::Command;
use crate::scaffold::{self, BranchSpec};

const CATEGORIES: [&str; 6] = [
    "village",
    "community",
    "enterprise",
    "social",
    "organ",
    "school",
];

#[derive(clap::Subcommand, Debug)]
pub enum New {
    /// A branch: content/branches/ID/_index.md
    Branch(BranchArgs),
    /// A month of a branch: content/branches/BRANCH/YYYY-MM/_index.md
    Month(MonthArgs),
    /// A record: content/branches/BRANCH/YYYY-MM/<kind>.md (made unique)
    Record(RecordArgs),
}

#[derive(clap::Args, Debug)]
pub struct SiteArg {
    /// The site folder, the one holding content/
    #[arg(long, value_name = "SITE", default_value = ".")]
    pub site: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct BranchArgs {
    /// The branch id: its folder name (e.g. xingwang or 东瑶村)
    pub id: String,
    /// Full name, e.g. 新阳街道兴旺社区党支部
    #[arg(long)]
    pub name: String,
    /// The Party committee above the branch, e.g. 新阳街道党工委
    #[arg(long)]
    pub committee: String,
    /// The kind of branch
    #[arg(long, value_parser = CATEGORIES)]
    pub category: Option<String>,
    /// The branch secretary
    #[arg(long)]
    pub secretary: Option<String>,
    /// Number of members
    #[arg(long)]
    pub members: Option<u64>,
    #[command(flatten)]
    pub site: SiteArg,
}

#[derive(clap::Args, Debug)]
pub struct MonthArgs {
    /// The branch id
    pub branch: String,
    /// The month, e.g. 2026-05
    #[arg(value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: YearMonth,
    /// The month's Party Day title
    #[arg(long)]
    pub title: Option<String>,
    /// The month's theme
    #[arg(long)]
    pub theme: Option<String>,
    #[command(flatten)]
    pub site: SiteArg,
}

#[derive(clap::Args, Debug)]
pub struct RecordArgs {
    /// The branch id
    pub branch: String,
    /// The month, e.g. 2026-05
    #[arg(value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: YearMonth,
    /// study, meeting, practice, affairs, lecture, or 学 会 做 工 课
    #[arg(value_parser = parse_kind)]
    pub kind: Kind,
    /// The title (default: the month and the kind)
    #[arg(long)]
    pub title: Option<String>,
    /// The day (default: today when today is in that month, else the 1st)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = Date::parse)]
    pub date: Option<Date>,
    #[command(flatten)]
    pub site: SiteArg,
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a month: write YYYY-MM, e.g. 2026-05"))
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| format!("unknown kind `{s}`: use one of {}", Kind::spellings()))
}

pub fn run(new: New) -> ExitCode {
    let root = match &new {
        New::Branch(a) => a.site.site.clone(),
        New::Month(a) => a.site.site.clone(),
        New::Record(a) => a.site.site.clone(),
    };
    let result = match new {
        New::Branch(a) => branch(a),
        New::Month(a) => month(a),
        New::Record(a) => record(a),
    };
    match result {
        Ok(path) => {
            super::report::print_stdout(&format!("{}\n", path.display()));
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {}", msg.text(language(&root)));
            ExitCode::FAILURE
        }
    }
}

/// The site's language, for the comments and the messages; zh-CN when
/// `site.yaml` cannot say.
fn language(root: &Path) -> Lang {
    let diags = Diagnostics::new();
    Config::load(root, &diags);
    diags.language()
}

/// The content folder of a site, and the site's language for the comments.
fn site(root: &Path) -> Result<(PathBuf, Lang), Command> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Command::NoContentFolder {
            root: root.display().to_string(),
        });
    }
    Ok((content, language(root)))
}

/// `root/rel`, shown without a leading `./`.
fn shown(root: &Path, path: &Path) -> PathBuf {
    if root == Path::new(".") {
        path.strip_prefix(".").unwrap_or(path).to_path_buf()
    } else {
        path.to_path_buf()
    }
}

fn exists_error(path: &Path, e: std::io::Error) -> Command {
    let path = path.display().to_string();
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        Command::AlreadyExists { path }
    } else {
        Command::CannotWrite {
            path,
            error: e.to_string(),
        }
    }
}

fn branch_dir(content: &Path, id: &str) -> Result<PathBuf, Command> {
    // `a/../../b` would lead out of the branch folder, out of the site.
    scaffold::check_id(id).map_err(Command::BadBranchId)?;
    let dir = content.join("branches").join(id);
    if !dir.join("_index.md").is_file() {
        // A branch id one letter off: say which one is there.
        let ids: Vec<String> = std::fs::read_dir(content.join("branches"))
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.path().join("_index.md").is_file())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(near) = crate::text::nearest_file(id, ids.iter().map(String::as_str)) {
            return Err(Command::NoBranchNear {
                id: id.to_string(),
                near: near.to_string(),
            });
        }
        return Err(Command::NoBranch {
            id: id.to_string(),
            index: dir.join("_index.md").display().to_string(),
        });
    }
    Ok(dir)
}

fn branch(a: BranchArgs) -> Result<PathBuf, Command> {
    scaffold::check_id(&a.id).map_err(Command::BadBranchId)?;
    if a.name.trim().is_empty() || a.committee.trim().is_empty() {
        return Err(Command::EmptyNameOrCommittee);
    }
    let (content, lang) = site(&a.site.site)?;
    let path = content.join("branches").join(&a.id).join("_index.md");
    let spec = BranchSpec {
        name: a.name.trim().to_string(),
        committee: a.committee.trim().to_string(),
        category: a.category,
        secretary: a.secretary.map(|s| s.trim().to_string()),
        members: a.members,
    };
    scaffold::create_new(&path, &scaffold::branch_text(&spec, lang))
        .map_err(|e| exists_error(&path, e))?;
    Ok(shown(&a.site.site, &path))
}

fn month(a: MonthArgs) -> Result<PathBuf, Command> {
    let (content, lang) = site(&a.site.site)?;
    let dir = branch_dir(&content, &a.branch)?.join(a.month.to_string());
    let path = dir.join("_index.md");
    let text = scaffold::month_text(a.title.as_deref(), a.theme.as_deref(), lang);
    scaffold::create_new(&path, &text).map_err(|e| exists_error(&path, e))?;
    Ok(shown(&a.site.site, &path))
}

fn record(a: RecordArgs) -> Result<PathBuf, Command> {
    let (content, lang) = site(&a.site.site)?;
    let dir = branch_dir(&content, &a.branch)?.join(a.month.to_string());
    let date = match a.date {
        Some(d) if d.year_month() != a.month => {
            return Err(Command::DateNotInMonth {
                date: d.to_string(),
                month: a.month.to_string(),
            });
        }
        Some(d) => d,
        None => scaffold::record_date(a.month, crate::date::today()),
    };
    let title = match a.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => scaffold::default_title(a.kind, a.month, lang),
    };
    let text = scaffold::record_text(a.kind, date, &title, lang);
    let path = scaffold::create_unique(&dir, a.kind.word(), &text).map_err(|e| {
        Command::CannotWriteIn {
            dir: dir.display().to_string(),
            error: e.to_string(),
        }
    })?;
    Ok(shown(&a.site.site, &path))
}
