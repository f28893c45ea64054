//! The `dangri` command line: parse, dispatch, map the result to an exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dangri::cmd;

#[derive(Parser)]
#[command(
    name = "dangri",
    version,
    about = "Static site generator for the activity records of Party branches (党日)",
    after_help = "常用命令（在网站文件夹里运行）：\n  dangri new record 支部文件夹名 年-月 会   新建一条记录（学、会、做、工、课）\n  dangri check                            检查所有记录，列出所有问题\n  dangri serve                            在浏览器里预览，保存后自动更新\n  dangri build                            生成网站\n说明见 docs/content.zh-CN.md"
)]
struct Cli {
    /// Worker threads (default: one per core)
    #[arg(short, long, global = true)]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into DIR (default: SITE/public)
    Build(cmd::build::Args),
    /// Serve the site, rebuild on every change and reload the browser
    Serve(cmd::serve::Args),
    /// Validate everything a build would, and more; write nothing
    Check(cmd::check::Args),
    /// Print a supervision report: five-things bulletin, attendance, lectures
    #[command(subcommand)]
    Report(cmd::report::Report),
    /// Scaffold a branch, a month or a record
    #[command(subcommand)]
    New(cmd::new::New),
    /// Export files for elsewhere: LED pictures for a USB stick, a branch's ledger (台账) as PDF
    #[command(subcommand)]
    Export(cmd::export::Export),
    /// Build a city or province portal from many districts' /data/ exports (portal.yaml)
    Portal(cmd::portal::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let _ = e.print();
            if let Some(hint) = cmd::usage_hint() {
                eprintln!("\n{hint}");
            }
            return ExitCode::from(2);
        }
    };
    if let Some(n) = cli.jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
    {
        eprintln!("error: cannot start {n} threads: {e}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Report(report) => cmd::report::run(report),
        Command::New(new) => cmd::new::run(new),
        Command::Export(export) => cmd::export::run(export),
        Command::Portal(args) => cmd::portal::run(args),
    }
}

// The build allocates many short-lived strings on every thread; mimalloc
// serves that pattern much faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
