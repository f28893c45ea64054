//! dangri: a static site generator for the activity records of grassroots
//! Party branches. The pipeline reads like the folder tree: `load` walks
//! `content/`, `model` validates it into a `Site`, `render` turns the site into
//! pages with the theme, `output` writes them aside and swaps them in.

pub mod build;
pub mod catalogue;
pub mod check;
pub mod cmd;
pub mod config;
pub mod data;
pub mod date;
pub mod deps;
pub mod diag;
pub mod feeds;
pub mod frontmatter;
#[doc(hidden)]
pub mod fuzzing;
pub mod git;
pub mod kind;
pub mod led;
pub mod ledger;
pub mod load;
pub mod markdown;
pub mod model;
pub mod msg;
pub mod output;
pub mod photos;
pub mod places;
pub mod portal;
pub mod print;
pub mod qr;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod screen;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod text;
pub mod urls;
