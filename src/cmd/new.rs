//! `dangri new branch|month|record`: scaffold content from the command line.
//! Prints the path of the new file; never replaces an existing one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::Lang;
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
    pub kind: KindArg,
    /// The title (default: the month and the kind)
    #[arg(long)]
    pub title: Option<String>,
    /// A lecture's speaker from the pool: a file name of content/speakers/
    /// (default: the branch secretary)
    #[arg(long, value_name = "ID", conflicts_with = "speaker_name")]
    pub speaker: Option<String>,
    /// A lecture's speaker outside the pool (default: the branch secretary)
    #[arg(long, value_name = "NAME")]
    pub speaker_name: Option<String>,
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

/// A kind as the writer typed it: the new record says `kind: 会` to whom
/// typed `会`.
#[derive(Debug, Clone)]
pub struct KindArg {
    pub kind: Kind,
    pub spelling: String,
}

fn parse_kind(s: &str) -> Result<KindArg, String> {
    let kind = Kind::parse(s)
        .ok_or_else(|| format!("unknown kind `{s}`: use one of {}", Kind::spellings()))?;
    // `Study` is read as `study`; keep the alias or the word, in the
    // table's own spelling.
    let spelling = if s.trim() == kind.alias() {
        kind.alias()
    } else {
        kind.word()
    };
    Ok(KindArg {
        kind,
        spelling: spelling.to_string(),
    })
}

pub fn run(new: New) -> ExitCode {
    let root = match &new {
        New::Branch(a) => a.site.site.clone(),
        New::Month(a) => a.site.site.clone(),
        New::Record(a) => a.site.site.clone(),
    };
    let result = match new {
        New::Branch(a) => branch(a).map(Created::from),
        New::Month(a) => month(a).map(Created::from),
        New::Record(a) => record(a),
    };
    match result {
        Ok(Created { path, note }) => {
            super::report::print_stdout(&format!("{}\n", path.display()));
            if let Some(note) = note {
                eprintln!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {}", msg.text(crate::config::language_of(&root)));
            ExitCode::FAILURE
        }
    }
}

/// A file `new` wrote: its path for stdout, and what it wrote, said to the
/// writer on stderr.
struct Created {
    path: PathBuf,
    note: Option<String>,
}

impl From<PathBuf> for Created {
    fn from(path: PathBuf) -> Created {
        Created { path, note: None }
    }
}

/// The content folder of a site, and the site's language for the comments.
fn site(root: &Path) -> Result<(PathBuf, Lang), Command> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Command::NoContentFolder {
            root: root.display().to_string(),
        });
    }
    Ok((content, crate::config::language_of(root)))
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

fn record(a: RecordArgs) -> Result<Created, Command> {
    let (content, lang) = site(&a.site.site)?;
    let branch = branch_dir(&content, &a.branch)?;
    let dir = branch.join(a.month.to_string());
    let kind = a.kind.kind;
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
        _ => scaffold::default_title(kind, a.month, lang),
    };
    let speaker = if kind == Kind::Lecture {
        Some(lecture_speaker(&content, &branch, &a, lang)?)
    } else if a.speaker.is_some() || a.speaker_name.is_some() {
        return Err(Command::SpeakerNotForKind {
            kind: kind.alias().to_string(),
            word: kind.word().to_string(),
        });
    } else {
        None
    };
    let spec = scaffold::RecordSpec {
        kind,
        spelling: &a.kind.spelling,
        date,
        title: &title,
        speaker,
    };
    let text = scaffold::record_text(&spec, lang);
    let path =
        scaffold::create_unique(&dir, kind.word(), &text).map_err(|e| Command::CannotWriteIn {
            dir: dir.display().to_string(),
            error: e.to_string(),
        })?;
    Ok(Created {
        path: shown(&a.site.site, &path),
        note: Some(scaffold::record_note(&spec, lang)),
    })
}

/// Who gives a new lecture: `--speaker` (a file of the pool, checked),
/// `--speaker-name`, else the branch's secretary, else, at a terminal, the
/// answer to a question; else an error that says how to name one.
fn lecture_speaker(
    content: &Path,
    branch: &Path,
    a: &RecordArgs,
    lang: Lang,
) -> Result<scaffold::Speaker, Command> {
    let pool: Vec<String> = std::fs::read_dir(content.join("speakers"))
        .map(|rd| {
            let mut ids: Vec<String> = rd
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
                .collect();
            ids.sort();
            ids
        })
        .unwrap_or_default();
    if let Some(id) = a.speaker.as_deref().map(str::trim) {
        if pool.iter().any(|p| p == id) {
            return Ok(scaffold::Speaker::Pool(id.to_string()));
        }
        return Err(Command::NoSpeaker {
            id: id.to_string(),
            dir: content.join("speakers").display().to_string(),
            near: crate::text::nearest_file(id, pool.iter().map(String::as_str))
                .map(str::to_string),
        });
    }
    if let Some(name) = a.speaker_name.as_deref().map(str::trim)
        && !name.is_empty()
    {
        return Ok(scaffold::Speaker::Named(name.to_string()));
    }
    if let Some(secretary) = secretary(branch) {
        return Ok(scaffold::Speaker::Secretary(secretary));
    }
    if let Some(answer) = ask(lang) {
        return Ok(if pool.contains(&answer) {
            scaffold::Speaker::Pool(answer)
        } else {
            scaffold::Speaker::Named(answer)
        });
    }
    Err(Command::LectureNeedsSpeaker { pool })
}

/// `secretary:` of the branch's `_index.md`, if it gives one.
fn secretary(branch: &Path) -> Option<String> {
    let text = std::fs::read_to_string(branch.join("_index.md")).ok()?;
    let diags = Diagnostics::new();
    let doc = crate::frontmatter::parse_document(&text, "_index.md", &diags)?;
    let name = doc.front.fields("_index.md", &diags).string("secretary")?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Asks for a lecture's speaker when someone is at the terminal; `None`
/// otherwise, or for an empty answer.
fn ask(lang: Lang) -> Option<String> {
    use std::io::{BufRead as _, IsTerminal as _, Write as _};
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{}", Command::AskSpeaker.text(lang));
    std::io::stderr().flush().ok()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    let answer = line.trim();
    (!answer.is_empty()).then(|| answer.to_string())
}
