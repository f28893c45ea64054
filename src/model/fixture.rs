//! Sites made of text in memory for the model's unit tests: the sources a
//! load would have read, validated and put together by the same code, with
//! no folder, no git and no rendering.

use std::path::{Path, PathBuf};

use super::Site;
use crate::config::Config;
use crate::date::YearMonth;
use crate::diag::Diagnostics;
use crate::load::{BranchSource, MonthSource, Sources, TextFile};

pub(crate) struct Fixture {
    site_yaml: String,
    sources: Sources,
    /// The build's day; `None`: after every month (`Config::parse`).
    today: Option<crate::date::Date>,
}

/// A file of `content/` as the loader reads it.
fn file(rel: &str, text: String) -> TextFile {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    TextFile {
        id: name.strip_suffix(".md").unwrap_or(name).to_string(),
        rel: format!("content/{rel}"),
        text,
    }
}

/// A Markdown file of these front matter lines and a one-line body.
fn doc(front: &str) -> String {
    doc_with(front, "正文。")
}

fn doc_with(front: &str, body: &str) -> String {
    format!("---\n{}\n---\n\n{body}\n", front.trim_end())
}

impl Fixture {
    /// An empty site with the default rules of `site.yaml`.
    pub(crate) fn new() -> Fixture {
        Fixture {
            site_yaml: "title: 档案\nbase_url: https://example.org/\n".to_string(),
            sources: Sources::default(),
            today: None,
        }
    }

    /// Builds the site as of `day` (`YYYY-MM-DD`), as `DANGRI_TODAY` would.
    pub(crate) fn today(mut self, day: &str) -> Fixture {
        self.today = Some(crate::date::Date::parse(day).expect("a day"));
        self
    }

    /// Adds lines to `site.yaml`.
    pub(crate) fn config(mut self, lines: &str) -> Fixture {
        self.site_yaml.push_str(lines.trim_end());
        self.site_yaml.push('\n');
        self
    }

    /// A branch folder with its `_index.md`.
    pub(crate) fn branch(self, id: &str, front: &str) -> Fixture {
        self.branch_with_body(id, front, "正文。")
    }

    /// A branch folder with its `_index.md`, of this body.
    pub(crate) fn branch_with_body(mut self, id: &str, front: &str, body: &str) -> Fixture {
        self.sources.branches.push(BranchSource {
            id: id.to_string(),
            rel: format!("content/branches/{id}"),
            index: Some(file(
                &format!("branches/{id}/_index.md"),
                doc_with(front, body),
            )),
            months: Vec::new(),
        });
        self.sources.branches.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }

    /// A branch with the required fields only.
    pub(crate) fn plain_branch(self, id: &str) -> Fixture {
        self.branch(id, &format!("name: {id}党支部\ncommittee: 新阳街道党工委"))
    }

    /// The month folder `ym` of branch `b` (which must exist), made on
    /// first use.
    fn month(&mut self, b: &str, ym: &str) -> &mut MonthSource {
        let branch = self
            .sources
            .branches
            .iter_mut()
            .find(|x| x.id == b)
            .expect("add the branch first");
        let at = match branch.months.iter().position(|m| m.rel.ends_with(ym)) {
            Some(at) => at,
            None => {
                branch.months.push(MonthSource {
                    ym: YearMonth::parse(ym),
                    rel: format!("content/branches/{b}/{ym}"),
                    ..Default::default()
                });
                branch.months.sort_by(|x, y| x.rel.cmp(&y.rel));
                branch
                    .months
                    .iter()
                    .position(|m| m.rel.ends_with(ym))
                    .expect("just added")
            }
        };
        &mut branch.months[at]
    }

    /// A record file `<id>.md` of these front matter lines.
    pub(crate) fn record(self, b: &str, ym: &str, id: &str, front: &str) -> Fixture {
        self.record_text(b, ym, id, &doc(front))
    }

    /// A record file `<id>.md` of this whole text.
    pub(crate) fn record_text(mut self, b: &str, ym: &str, id: &str, text: &str) -> Fixture {
        let f = file(&format!("branches/{b}/{ym}/{id}.md"), text.to_string());
        let month = self.month(b, ym);
        month.records.push(f);
        month.records.sort_by(|x, y| x.id.cmp(&y.id));
        self
    }

    /// A record of `kind` on day `day` of `ym`, with nothing else.
    pub(crate) fn activity(self, b: &str, ym: &str, id: &str, day: u8, kind: &str) -> Fixture {
        let front = format!("title: {id}\ndate: {ym}-{day:02}\nkind: {kind}");
        self.record(b, ym, id, &front)
    }

    /// A picture file in a month folder.
    pub(crate) fn photo(mut self, b: &str, ym: &str, name: &str) -> Fixture {
        let month = self.month(b, ym);
        month.photos.push(name.to_string());
        month.photos.sort();
        self
    }

    /// A speaker of the pool.
    pub(crate) fn speaker(mut self, id: &str, front: &str) -> Fixture {
        let f = file(&format!("speakers/{id}.md"), doc(front));
        self.sources.speakers.push(f);
        self
    }

    /// A free page.
    pub(crate) fn page(mut self, slug: &str, front: &str) -> Fixture {
        let f = file(&format!("pages/{slug}.md"), doc(front));
        self.sources.pages.push(f);
        self
    }

    /// A file of `content/static/`.
    pub(crate) fn static_file(mut self, rel: &str) -> Fixture {
        self.sources.statics.push(PathBuf::from(rel));
        self
    }

    /// The site as the public (or internal) build loads it, unrendered, and
    /// every problem reported, as `path:line:col: severity: message`.
    pub(crate) fn load(self, internal: bool) -> (Site, Vec<String>) {
        let diags = Diagnostics::new();
        let mut config = Config::parse(&self.site_yaml, &diags);
        if let Some(day) = self.today {
            config.today = day;
        }
        let site = super::assemble::build(
            Path::new("/nowhere"),
            config,
            internal,
            self.sources,
            &diags,
        );
        let problems = diags
            .into_sorted()
            .iter()
            .map(|d| d.text(crate::msg::Lang::En))
            .collect();
        (site, problems)
    }

    /// The public build's site, which must load without a problem.
    pub(crate) fn clean(self) -> Site {
        let (site, problems) = self.load(false);
        assert!(problems.is_empty(), "{problems:#?}");
        site
    }

    /// As `clean`, for an internal build: the one that holds names.
    pub(crate) fn clean_internal(self) -> Site {
        let (site, problems) = self.load(true);
        assert!(problems.is_empty(), "{problems:#?}");
        site
    }
}
