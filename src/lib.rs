//! dangri: a static site generator for the activity records of grassroots
//! Party branches. The pipeline reads like the folder tree: `load` walks
//! `content/`, `model` validates it into a `Site`, `render` turns the site into
//! pages with the theme, `output` writes them aside and swaps them in.

pub mod build;
pub mod catalogue;
pub(crate) mod check;
pub mod cmd;
pub(crate) mod config;
pub(crate) mod data;
pub(crate) mod date;
pub mod deps;
pub mod diag;
pub(crate) mod feeds;
pub(crate) mod frontmatter;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod git;
pub(crate) mod kind;
pub(crate) mod led;
pub(crate) mod ledger;
pub(crate) mod load;
pub(crate) mod markdown;
pub mod model;
pub mod msg;
pub mod output;
pub mod photos;
pub(crate) mod places;
pub(crate) mod portal;
pub(crate) mod print;
pub(crate) mod qr;
pub mod render;
pub(crate) mod report;
pub(crate) mod scaffold;
pub(crate) mod screen;
pub mod search;
pub mod serve;
pub(crate) mod sitemap;
pub(crate) mod text;
pub(crate) mod urls;
