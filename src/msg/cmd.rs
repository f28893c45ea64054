//! What the commands say that is not about a line of a file: `dangri new`'s
//! refusals, `serve`'s address, the reports' and git's warnings. Printed
//! after `error: ` or `warning: ` (ASCII in every language) or on their own.

use super::{Lang, tr};

/// Why a name cannot be a branch's folder or a record's file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BadId {
    Empty,
    Spaces(String),
    IndexHtml,
    Hidden(String),
    /// A character file names cannot hold, as Rust escapes it.
    Char(String, String),
}

impl BadId {
    fn text(&self, lang: Lang) -> String {
        match self {
            BadId::Empty => tr(lang, "编号是空的", "the id is empty"),
            BadId::Spaces(id) => tr(
                lang,
                format!("“{id}”的开头或结尾有空格"),
                format!("`{id}` starts or ends with a space"),
            ),
            BadId::IndexHtml => tr(
                lang,
                "index.html 是网页的文件名：请换一个名字",
                "`index.html` is the file name of a page: choose another name",
            ),
            BadId::Hidden(id) => tr(
                lang,
                format!("“{id}”以 . 或 _ 开头：这样的名字不算内容"),
                format!("`{id}` starts with `.` or `_`: such names are not content"),
            ),
            BadId::Char(id, c) => tr(
                lang,
                format!("“{id}”里有“{c}”，文件名里不能有这个字符"),
                format!("`{id}` contains `{c}`, which file names cannot hold"),
            ),
        }
    }
}

/// What a swap of the new site into the output folder could not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SwapStep {
    MoveNew,
    Exchange,
    MoveAside,
    UpdateInPlace,
}

/// Where the previous and the new site are after a swap failed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SwapState {
    Untouched {
        staging: String,
    },
    NoPrevious {
        staging: String,
    },
    /// The previous site could not be moved back (`error`).
    BothAside {
        old: String,
        error: String,
        staging: String,
    },
    /// Updated in place half-way: part new, part previous.
    Mixed,
}

impl SwapStep {
    fn text(self, target: &str, lang: Lang) -> String {
        match self {
            SwapStep::MoveNew => tr(
                lang,
                format!("新网站没能移到 {target}"),
                format!("cannot move the new site to {target}"),
            ),
            SwapStep::Exchange => tr(
                lang,
                format!("新网站没能换进 {target}"),
                format!("cannot swap the new site into {target}"),
            ),
            SwapStep::MoveAside => tr(
                lang,
                format!("没能把 {target} 移开"),
                format!("cannot move {target} aside"),
            ),
            SwapStep::UpdateInPlace => tr(
                lang,
                format!("没能就地更新 {target}"),
                format!("cannot update {target} in place"),
            ),
        }
    }
}

impl SwapState {
    fn text(&self, target: &str, lang: Lang) -> String {
        match self {
            SwapState::Untouched { staging } => tr(
                lang,
                format!("上次生成的网站没有变，新网站在 {staging}"),
                format!("the previous site is untouched; the new one is in {staging}"),
            ),
            SwapState::NoPrevious { staging } => tr(
                lang,
                format!("原来没有网站，新网站在 {staging}"),
                format!("there was no previous site; the new one is in {staging}"),
            ),
            SwapState::BothAside {
                old,
                error,
                staging,
            } => tr(
                lang,
                format!("上次生成的网站在 {old}（没能移回去：{error}），新网站在 {staging}"),
                format!(
                    "the previous site is in {old} (it could not be moved back: {error}) and the new one in {staging}"
                ),
            ),
            SwapState::Mixed => tr(
                lang,
                format!("{target} 里一部分是新网站、一部分是上次的网站：请再生成一次"),
                format!(
                    "{target} holds part of the new site and part of the previous one; build again"
                ),
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Command {
    NoContentFolder {
        root: String,
    },
    AlreadyExists {
        path: String,
    },
    /// `error`: the system's words.
    CannotWrite {
        path: String,
        error: String,
    },
    CannotWriteIn {
        dir: String,
        error: String,
    },
    BadBranchId(BadId),
    NoBranchNear {
        id: String,
        near: String,
    },
    NoBranch {
        id: String,
        index: String,
    },
    EmptyNameOrCommittee,
    DateNotInMonth {
        date: String,
        month: String,
    },
    /// `--speaker` or `--speaker-name` for a record that is not a lecture.
    SpeakerNotForKind {
        kind: String,
        word: String,
    },
    NoSpeaker {
        id: String,
        dir: String,
        near: Option<String>,
    },
    /// A new lecture with no speaker given, no secretary to take and
    /// nobody at the terminal to ask; `pool`: the speakers' ids.
    LectureNeedsSpeaker {
        pool: Vec<String>,
    },
    /// The question `new record` asks at a terminal.
    AskSpeaker,
    NoRecordsYet,
    Serving {
        root: String,
        url: String,
    },
    OnAPhone {
        url: String,
    },
    /// The command line does not parse (clap said why, in English).
    BadCommandLine,
    /// `serve`'s port is taken (another `serve`, another program).
    PortInUse {
        addr: String,
        next: u16,
    },
    /// `serve` cannot listen for another reason (the system's words).
    CannotListen {
        addr: String,
        error: String,
    },
    GitRefused,
    GitShallow,
    /// `serve` could not write a change into the folder it serves.
    ServedNotUpdated {
        error: String,
    },
    /// `serve` could not render the pages it leaves until asked for.
    DeferredNotUpdated {
        error: String,
    },
    /// What a build that worked says about its output folder.
    NoteMountPoint {
        target: String,
    },
    NoteNotRemoved {
        path: String,
        error: String,
    },
    /// The new site of a failed build could not be removed.
    NoteStagingNotRemoved {
        path: String,
        error: String,
    },
    NotePreviousNotRemoved {
        previous: String,
        error: String,
    },
    NoteMovedAside {
        path: String,
        error: String,
        trash: String,
    },
    NoteTrashNotRemoved {
        trash: String,
        error: String,
    },
    /// `report inspect` asked for as many branches as are due, or more.
    InspectAllListed {
        asked: u64,
        due: usize,
        ym: String,
    },
    InspectNoRecords {
        ym: String,
    },
    NoRandomSeed {
        error: String,
    },
    /// The new site could not be put in place (`output`): what failed, in
    /// the system's words (`error`), and where both sites are now.
    SwapFailed {
        step: SwapStep,
        target: String,
        error: String,
        state: SwapState,
    },
    /// The output folder refused (`output`): inside a folder of the site.
    OutputInside {
        out: String,
        folder: String,
    },
    /// The output folder holds a folder of the site.
    OutputHolds {
        out: String,
        folder: String,
    },
    OutputIsFile {
        out: String,
    },
    OutputNotOurs {
        out: String,
    },
    /// A folder with dangri's names beside the output, not dangri's.
    LeftoverNotOurs {
        path: String,
    },
    OutputDanglingLink {
        out: String,
    },
}

/// A command's error in `lang`: a [`Command`] found in its chain in that
/// language, anything else (the system's words, with their context) as it
/// is.
pub fn failure(e: &anyhow::Error, lang: Lang) -> String {
    match e.downcast_ref::<Command>() {
        Some(c) => c.text(lang),
        None => format!("{e:#}"),
    }
}

/// The English, for errors that travel in an `anyhow::Error` chain; the
/// commands print `text(lang)` when they find one there.
impl std::fmt::Display for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Command {}

impl Command {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Command::NoContentFolder { root } => tr(
                lang,
                format!(
                    "{root} 里没有 content/ 文件夹：请在网站文件夹里运行 dangri，或者用 --site 指出网站文件夹"
                ),
                format!(
                    "no content/ folder in {root}: run dangri in the site folder or give --site"
                ),
            ),
            Command::AlreadyExists { path } => tr(
                lang,
                format!("{path} 已经有了：dangri new 不会覆盖已有的文件"),
                format!("{path} already exists: dangri new never replaces a file"),
            ),
            Command::CannotWrite { path, error } => tr(
                lang,
                format!("写不了 {path}：{error}"),
                format!("cannot write {path}: {error}"),
            ),
            Command::CannotWriteIn { dir, error } => tr(
                lang,
                format!("写不进 {dir}：{error}"),
                format!("cannot write in {dir}: {error}"),
            ),
            Command::BadBranchId(why) => tr(
                lang,
                format!("支部编号不能用：{}", why.text(lang)),
                format!("bad branch id: {}", why.text(lang)),
            ),
            Command::NoBranchNear { id, near } => tr(
                lang,
                format!("没有“{id}”这个支部：是不是“{near}”？"),
                format!("there is no branch `{id}`: did you mean `{near}`?"),
            ),
            Command::NoBranch { id, index } => tr(
                lang,
                format!(
                    "没有“{id}”这个支部（没有 {index}）：请先用 dangri new branch {id} --name … --committee … 新建它"
                ),
                format!(
                    "there is no branch `{id}` (no {index}): create it with `dangri new branch {id} --name … --committee …`"
                ),
            ),
            Command::EmptyNameOrCommittee => tr(
                lang,
                "--name（支部名称）和 --committee（上级党（工）委）都不能是空的",
                "--name and --committee must not be empty",
            ),
            Command::DateNotInMonth { date, month } => tr(
                lang,
                format!("--date {date} 不在 {month} 这个月"),
                format!("--date {date} is not in {month}"),
            ),
            Command::SpeakerNotForKind { kind, word } => tr(
                lang,
                format!("--speaker 和 --speaker-name 只用于党课（课），这是一条“{kind}”记录"),
                format!("--speaker and --speaker-name are for lectures (课), not a {word} record"),
            ),
            Command::NoSpeaker { id, dir, near } => match near {
                Some(near) => tr(
                    lang,
                    format!("师资库（{dir}）里没有“{id}”：是不是“{near}”？"),
                    format!("there is no speaker `{id}` in {dir}: did you mean `{near}`?"),
                ),
                None => tr(
                    lang,
                    format!(
                        "师资库（{dir}）里没有“{id}”：师资库以外的主讲人请用 --speaker-name 写姓名"
                    ),
                    format!(
                        "there is no speaker `{id}` in {dir}: give --speaker-name for a speaker outside the pool"
                    ),
                ),
            },
            Command::LectureNeedsSpeaker { pool } => {
                let (zh_pool, en_pool) = if pool.is_empty() {
                    ("空的".to_string(), "empty".to_string())
                } else {
                    (pool.join("、"), pool.join(", "))
                };
                tr(
                    lang,
                    format!(
                        "党课要写明主讲人，这个支部的 _index.md 里又没有写支部书记（secretary:）：请用 --speaker 编号（师资库：{zh_pool}）或 --speaker-name 姓名 指出主讲人"
                    ),
                    format!(
                        "a lecture names its speaker and the branch has no `secretary:`: give --speaker ID (the speaker pool: {en_pool}) or --speaker-name NAME"
                    ),
                )
            }
            Command::AskSpeaker => tr(
                lang,
                "主讲人（师资库中的编号，或姓名）：",
                "Speaker (an id of the speaker pool, or a name): ",
            ),
            Command::NoRecordsYet => tr(
                lang,
                "网站里还没有记录：没有可以统计的月份",
                "the site has no records yet: there is no month to report on",
            ),
            Command::Serving { root, url } => tr(
                lang,
                format!("正在预览 {root}：请在浏览器里打开 {url}（按 Ctrl-C 停止）"),
                format!("serving {root} at {url} (Ctrl-C to stop)"),
            ),
            Command::OnAPhone { url } => tr(
                lang,
                format!("同一网络里的手机可以打开 {url}"),
                format!("on a phone in the same network, open {url}"),
            ),
            Command::BadCommandLine => tr(
                lang,
                "命令没有写对（上面是英文的说明）：运行 dangri --help 可以看到所有命令；常用的是 dangri new record 支部文件夹名 年-月 会、dangri check 和 dangri serve，见 docs/content.zh-CN.md",
                "the command line does not parse: `dangri --help` lists the commands",
            ),
            Command::PortInUse { addr, next } => tr(
                lang,
                format!(
                    "{addr} 已经被占用（也许另一个 dangri serve 还开着）：请关掉它，或换一个端口，例如 dangri serve --port {next}"
                ),
                format!(
                    "{addr} is in use (perhaps by another dangri serve): stop it, or take another port, e.g. `dangri serve --port {next}`"
                ),
            ),
            Command::CannotListen { addr, error } => tr(
                lang,
                format!("不能在 {addr} 上预览：{error}"),
                format!("cannot listen on {addr}: {error}"),
            ),
            Command::GitRefused => tr(
                lang,
                "git 不肯读这个仓库（它属于另一个用户）：记录没有“最后修改”日期；可以用 git config --global --add safe.directory <路径> 允许它",
                "git refuses to read this repository (it belongs to another user): records get no \"last changed\" dates; allow it with `git config --global --add safe.directory <path>`",
            ),
            Command::OutputInside { out, folder } => tr(
                lang,
                format!(
                    "{out} 在 {folder} 里面：生成的网站会被当成网站内容再读进来；请用 -o 选一个在它外面的输出文件夹"
                ),
                format!(
                    "{out} is inside {folder}: the output would be read back as part of the site; choose an output folder outside it with -o"
                ),
            ),
            Command::OutputHolds { out, folder } => tr(
                lang,
                format!(
                    "{out} 包含了 {folder}：替换它会把网站内容删掉；请用 -o 选另一个输出文件夹"
                ),
                format!(
                    "{out} holds {folder}: replacing it would delete the site; choose another output folder with -o"
                ),
            ),
            Command::OutputIsFile { out } => tr(
                lang,
                format!("{out} 是一个文件，不是文件夹：请用 -o 选另一个输出文件夹"),
                format!("{out} is a file, not a folder: choose another output folder with -o"),
            ),
            Command::OutputNotOurs { out } => tr(
                lang,
                format!(
                    "{out} 里已经有东西，而且不是 dangri 生成的：不会替换它（请用 -o 选另一个文件夹，或者自己把它清空）"
                ),
                format!(
                    "{out} is not empty and was not written by dangri: refusing to replace it (choose another folder with -o, or empty it yourself)"
                ),
            ),
            Command::LeftoverNotOurs { path } => tr(
                lang,
                format!("{path} 已经存在，而且不是 dangri 生成的：请自己把它移走或删掉"),
                format!(
                    "{path} exists and was not made by dangri: move it away or delete it yourself"
                ),
            ),
            Command::OutputDanglingLink { out } => tr(
                lang,
                format!(
                    "{out} 是一个快捷方式（符号链接），指向的文件夹不存在：请让它指向一个文件夹，或者用 -o 选另一个输出文件夹"
                ),
                format!(
                    "{out} is a symbolic link to a folder that does not exist: point it at a folder, or choose another output folder with -o"
                ),
            ),
            Command::NoteMountPoint { target } => tr(
                lang,
                format!("{target} 不能改名（是挂载点吗？）：新网站是逐个文件放进去的"),
                format!(
                    "{target} cannot be renamed (a mount point?): the new site was moved into it file by file"
                ),
            ),
            Command::NoteNotRemoved { path, error } => tr(
                lang,
                format!("新网站已经放好了，但 {path} 没能删掉（{error}）：下次生成时会再试"),
                format!(
                    "the new site is in place, but {path} could not be removed ({error}): the next build tries again"
                ),
            ),
            Command::NoteStagingNotRemoved { path, error } => tr(
                lang,
                format!("这次生成失败留下的 {path} 没能删掉（{error}）：下次生成时会再试"),
                format!(
                    "cannot remove {path} ({error}), left by the failed build: the next build tries again"
                ),
            ),
            Command::NotePreviousNotRemoved { previous, error } => tr(
                lang,
                format!(
                    "新网站已经放好了，但 {previous} 里的旧网站没能删掉（{error}）：下次生成时会再试"
                ),
                format!(
                    "the new site is in place, but the previous one in {previous} could not be removed ({error}): the next build tries again"
                ),
            ),
            Command::NoteMovedAside { path, error, trash } => tr(
                lang,
                format!("{path} 删不掉（{error}）：已经把它移到 {trash}，请自己删掉"),
                format!("cannot remove {path} ({error}): moved it to {trash}; remove it yourself"),
            ),
            Command::NoteTrashNotRemoved { trash, error } => tr(
                lang,
                format!("以前生成时留下的 {trash} 删不掉（{error}）：请自己删掉"),
                format!(
                    "cannot remove {trash} ({error}), left by an earlier build: remove it yourself"
                ),
            ),
            Command::InspectAllListed { asked, due, ym } => tr(
                lang,
                format!("要求抽取 {asked} 个支部，{ym} 应开展党日的支部只有 {due} 个：全部列出"),
                format!("{asked} branch(es) asked for, {due} due in {ym}: all of them are listed"),
            ),
            Command::InspectNoRecords { ym } => tr(
                lang,
                format!("{ym} 还没有哪个支部有记录：每份检查清单都是空的"),
                format!("no branch has a record of {ym} yet: every checklist is empty"),
            ),
            Command::NoRandomSeed { error } => tr(
                lang,
                format!("系统没有给出随机数（{error}）：请用 --seed 指定一个"),
                format!("the system gave no random seed ({error}): give one with --seed"),
            ),
            Command::ServedNotUpdated { error } => tr(
                lang,
                format!("预览的网页没能更新（{error}）：重新生成整个网站"),
                format!("cannot update the served pages ({error}): building everything again"),
            ),
            Command::DeferredNotUpdated { error } => tr(
                lang,
                format!("没能更新搜索索引、数据导出和地点页面：{error}"),
                format!("cannot update the search index, data and places: {error}"),
            ),
            Command::SwapFailed {
                step,
                target,
                error,
                state,
            } => tr(
                lang,
                format!(
                    "{}（{error}）：{}",
                    step.text(target, lang),
                    state.text(target, lang)
                ),
                format!(
                    "{}: {error}; {}",
                    step.text(target, lang),
                    state.text(target, lang)
                ),
            ),
            Command::GitShallow => tr(
                lang,
                "git 历史不完整（浅克隆）：较早记录的“最后修改”日期不对；请取回完整历史（git fetch --unshallow，或在 CI 里设 fetch-depth: 0）",
                "the git history is a shallow clone: \"last changed\" dates of older records are wrong; fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI)",
            ),
        }
    }
}
