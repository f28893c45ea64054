//! The commands' summary lines. `build`, `check` and `serve` count the same
//! things (files, records, errors, warnings) with the same words.

use super::{Lang, count_en, tr};

/// What a run went through and found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    /// Markdown files read.
    pub files: usize,
    /// Of them, the valid records (internal ones included).
    pub records: usize,
    /// Of the records, those a public build does not publish.
    pub withheld: usize,
    pub errors: usize,
    /// The files the errors are in.
    pub error_files: usize,
    pub warnings: usize,
}

impl Tally {
    /// `5 files, 2 records` / `5 个文件，2 条记录`.
    fn read(&self, lang: Lang) -> String {
        let withheld = self.withheld;
        match lang {
            Lang::ZhCn if withheld > 0 => format!(
                "{} 个文件，{} 条记录（其中 {withheld} 条内部记录不公开）",
                self.files, self.records
            ),
            Lang::ZhCn => format!("{} 个文件，{} 条记录", self.files, self.records),
            Lang::En => {
                let mut s = format!(
                    "{}, {}",
                    count_en(self.files, "file", "files"),
                    count_en(self.records, "record", "records")
                );
                if withheld > 0 {
                    s += &format!(" ({withheld} internal, not published)");
                }
                s
            }
        }
    }

    /// `1 error in 1 file, 0 warnings` / `1 个错误（在 1 个文件里），0 个警告`.
    fn found(&self, lang: Lang) -> String {
        let (e, w, f) = (self.errors, self.warnings, self.error_files);
        match lang {
            Lang::ZhCn if e > 0 => format!("{e} 个错误（在 {f} 个文件里），{w} 个警告"),
            Lang::ZhCn => format!("0 个错误，{w} 个警告"),
            Lang::En => {
                let mut s = count_en(e, "error", "errors");
                if e > 0 {
                    s += &format!(" in {}", count_en(f, "file", "files"));
                }
                format!("{s}, {}", count_en(w, "warning", "warnings"))
            }
        }
    }
}

/// How long a run took, in seconds.
fn took(lang: Lang, seconds: f64) -> String {
    tr(
        lang,
        format!("用时 {seconds:.2} 秒"),
        format!("in {seconds:.2} s"),
    )
}

/// A summary line of a command.
#[derive(Debug, Clone, PartialEq)]
pub enum Summary {
    /// `dangri check`.
    Checked { tally: Tally, seconds: f64 },
    /// `dangri build` wrote the site into `out`.
    Built {
        tally: Tally,
        seconds: f64,
        out: String,
        internal: bool,
        /// Nothing changed since the last build: no file was rewritten.
        unchanged: bool,
    },
    /// `dangri build` found errors and wrote nothing.
    BuildFailed { tally: Tally },
    /// `dangri build` failed for another reason (given before), and the
    /// previous output is untouched.
    BuildFailedUntouched,
    /// `dangri build` failed while swapping the sites in (the error said
    /// where they are).
    BuildFailedSwapping,
    /// `dangri serve` built the whole site in memory.
    Served { tally: Tally, seconds: f64 },
    /// `dangri serve` found errors and keeps serving the last good build
    /// (`built`), or has nothing to serve yet.
    ServeFailed { tally: Tally, built: bool },
    /// `dangri serve` updated pages after a change.
    Updated { pages: usize, seconds: f64 },
    /// `dangri serve` found errors in a change.
    ChangeFailed { errors: usize },
    /// The heading of `serve`'s list of errors over a page in the browser.
    Overlay { errors: usize, built: bool },
    /// `dangri report` found errors and wrote no report.
    NoReport { errors: usize },
    /// A command that needs a site without errors found some.
    FixFirst { errors: usize },
}

impl Summary {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Summary::Checked { tally, seconds } => tr(
                lang,
                format!(
                    "检查完毕：{}，{}；{}",
                    tally.read(lang),
                    took(lang, *seconds),
                    tally.found(lang)
                ),
                format!(
                    "checked {} {}: {}",
                    tally.read(lang),
                    took(lang, *seconds),
                    tally.found(lang)
                ),
            ),
            Summary::Built {
                tally,
                seconds,
                out,
                internal,
                unchanged,
            } => {
                let line = tr(
                    lang,
                    format!(
                        "生成完毕：{}，{}；{}；网站在 {out}",
                        tally.read(lang),
                        took(lang, *seconds),
                        tally.found(lang)
                    ),
                    format!(
                        "built {} {}: {}; the site is in {out}",
                        tally.read(lang),
                        took(lang, *seconds),
                        tally.found(lang)
                    ),
                );
                let line = if *unchanged {
                    line + &tr(
                        lang,
                        "（和上次生成时相比什么都没有变：没有改写任何文件）",
                        " (nothing changed since the last build: no file rewritten)",
                    )
                } else {
                    line
                };
                if *internal {
                    line + &tr(
                        lang,
                        "（内部版本，含内部记录和党员姓名：不要对外发布）",
                        " (internal build: do not publish)",
                    )
                } else {
                    line
                }
            }
            Summary::BuildFailed { tally } => tr(
                lang,
                format!(
                    "生成失败：{}；{}；什么也没有写出，上次生成的网站没有变",
                    tally.read(lang),
                    tally.found(lang)
                ),
                format!(
                    "build failed: {}: {}; nothing was written",
                    tally.read(lang),
                    tally.found(lang)
                ),
            ),
            Summary::BuildFailedUntouched => tr(
                lang,
                "生成失败，上次生成的网站没有变",
                "build failed; the previous output is untouched",
            ),
            Summary::BuildFailedSwapping => tr(lang, "生成失败", "build failed"),
            Summary::Served { tally, seconds } => tr(
                lang,
                format!(
                    "生成完毕：{}，{}；{}",
                    tally.read(lang),
                    took(lang, *seconds),
                    tally.found(lang)
                ),
                format!(
                    "built {} {}: {}",
                    tally.read(lang),
                    took(lang, *seconds),
                    tally.found(lang)
                ),
            ),
            Summary::ServeFailed { tally, built } => {
                let then = match (built, lang) {
                    (true, Lang::ZhCn) => "浏览器里仍是上次没有错误时的网站",
                    (false, Lang::ZhCn) => "还没有可以看的网页：改好后保存，网页会自动更新",
                    (true, Lang::En) => "still serving the last good build",
                    (false, Lang::En) => "nothing built yet; fix them and save",
                };
                tr(
                    lang,
                    format!("{}；{}；{then}", tally.read(lang), tally.found(lang)),
                    format!("{}: {}; {then}", tally.read(lang), tally.found(lang)),
                )
            }
            Summary::ChangeFailed { errors } => tr(
                lang,
                format!("{errors} 个错误；浏览器里仍是上次没有错误时的网站"),
                format!(
                    "{}: still serving the last good build",
                    count_en(*errors, "error", "errors")
                ),
            ),
            Summary::Overlay { errors, built } => match (built, lang) {
                (true, Lang::ZhCn) => format!(
                    "{errors} 个错误，下面显示的是上次没有错误时的网页；改好后保存，网页会自动更新"
                ),
                (false, Lang::ZhCn) => {
                    format!("{errors} 个错误，还没有生成过网页：改好后保存，网页会自动更新")
                }
                (true, Lang::En) => format!(
                    "{}, showing the last good build",
                    count_en(*errors, "error", "errors")
                ),
                (false, Lang::En) => format!(
                    "{}, nothing built yet: fix them and save",
                    count_en(*errors, "error", "errors")
                ),
            },
            Summary::NoReport { errors } => tr(
                lang,
                format!(
                    "没有生成报表：请先改正上面的 {errors} 个错误（dangri check 会列出所有问题）"
                ),
                format!(
                    "no report: fix the {} above first (`dangri check` lists every problem)",
                    count_en(*errors, "error", "errors")
                ),
            ),
            Summary::FixFirst { errors } => tr(
                lang,
                format!("请先改正上面的 {errors} 个错误（dangri check 会列出所有问题）"),
                format!(
                    "fix the {} above first (`dangri check` lists every problem)",
                    count_en(*errors, "error", "errors")
                ),
            ),
            Summary::Updated { pages, seconds } => tr(
                lang,
                format!("更新了 {pages} 个网页，{}", took(lang, *seconds)),
                format!(
                    "updated {} {}",
                    count_en(*pages, "page", "pages"),
                    took(lang, *seconds)
                ),
            ),
        }
    }
}
