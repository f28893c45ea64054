//! The subcommands, one file each. `main` parses the command line and calls
//! one of these; each returns the process exit code.

pub mod build;
pub mod check;
pub mod export;
pub mod new;
pub mod portal;
pub mod report;
pub mod serve;
