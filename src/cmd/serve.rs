//! `dangri serve [SITE] [--port N] [--bind ADDR]`

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::serve::Options;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// Port to listen on (0 picks a free one)
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; 0.0.0.0 lets a phone in the same network open the site
    #[arg(short, long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
}

pub fn run(args: Args) -> ExitCode {
    let opts = Options {
        root: args.site.unwrap_or_else(|| PathBuf::from(".")),
        port: args.port,
        bind: args.bind,
    };
    match crate::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
