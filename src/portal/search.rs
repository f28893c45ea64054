//! `/search/`: one search over the records of every district, built from
//! their exports. The districts' own indexes live on their own sites, on
//! other origins: a browser could read them only where each district
//! allowed it (CORS), and would load every district's manifest for each
//! query. One index on the portal's own origin is static like a site's,
//! loads only the shards a query needs, and holds what the exports hold:
//! titles, branches, districts, speakers and places, never a record's text.
//! The page and `search.js` are the default theme's.
//!
//! The documents are every district's records, newest first (then by
//! district, branch and id), as the index ranks them. The districts were
//! read one at a time and their records dropped; the search reads them
//! again ([`Merged`]): each district's month files, a month at a time,
//! merged by date. What is held is a month of each district (a twelfth of
//! a province of yearly exports), never every district's records: the
//! cost is reading and parsing every month file a second time.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::render::strings::Strings;
use crate::render::theme::Theme;
use crate::search::doc::json_str;
use crate::search::index::DocTokens;
use crate::search::{self, PlainDoc};
use crate::text::escape_html as esc;

use super::html::{Ctx, page};
use super::read::{Again, Record};
use super::strings::Lang;

/// The filter value of district `n` (its place in `portal.yaml`).
fn district_filter(n: usize) -> String {
    format!("d:{n}")
}

/// Writes the search page, its script and stylesheet, and the index:
/// `write` gets each file's path under the portal and bytes.
pub(super) fn files(cx: &Ctx, mut write: impl FnMut(&Path, &[u8]) -> Result<()>) -> Result<()> {
    let theme = Theme::builtin();
    let diags = Diagnostics::new();
    let lang = match cx.config.lang {
        Lang::Zh => crate::msg::Lang::ZhCn,
        Lang::En => crate::msg::Lang::En,
    };
    let t = Strings::load(Path::new("."), &theme, lang, &diags)
        .ok_or_else(|| anyhow!("the default theme's strings do not read"))?;
    write(Path::new("search/index.html"), page_html(cx, &t).as_bytes())?;
    for name in ["search.js", "search.css"] {
        let asset = theme
            .statics
            .get(Path::new(name))
            .ok_or_else(|| anyhow!("the default theme has no {name}"))?;
        write(Path::new(name), asset.read()?.as_bytes())?;
    }
    let count: usize = cx.districts.iter().flatten().map(|k| k.search_docs).sum();
    let mut merged = Merged::new(cx)?;
    let mut made = 0;
    search::write_plain(
        count,
        merged
            .by_ref()
            .filter_map(|(i, r)| doc(cx, &t, i, &r))
            .inspect(|_| made += 1),
        |path, bytes| write(&Path::new("search").join(path), bytes),
    )?;
    if let Some(e) = merged.error.take() {
        return Err(e);
    }
    let more = merged.any(|(i, r)| link(cx, i, &r).is_some());
    if let Some(e) = merged.error.take() {
        return Err(e);
    }
    if made != count || more {
        bail!(
            "the districts' records changed while the portal was built: {count} were counted, then {}",
            if more {
                "more".to_string()
            } else {
                made.to_string()
            }
        );
    }
    Ok(())
}

/// Every district's records, read again, in the order of the index:
/// newest first, then by district (the place in `portal.yaml`); those of a
/// district come in its own order (by branch and id, `read::newest_first`).
/// Each district's are read a part at a time (`read::Again`: a month,
/// for an export `dangri build` wrote), and a district's next part only
/// once the last record of the one before was taken.
pub(super) struct Merged<'a> {
    cx: &'a Ctx<'a>,
    /// Per district read: its index, what is left of its part, the parts
    /// left.
    streams: Vec<(usize, std::vec::IntoIter<Record>, Again)>,
    /// Each stream's next record.
    heads: BinaryHeap<Head>,
    /// Why a district could not be read again; the merge stops there.
    pub error: Option<anyhow::Error>,
}

/// A stream's next record, ordered so that the heap's greatest is the
/// newest, then of the first district.
struct Head {
    record: Record,
    district: usize,
    stream: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        self.record
            .date
            .cmp(&other.record.date)
            .then(other.district.cmp(&self.district))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

impl<'a> Merged<'a> {
    /// Reads the first part of every district read.
    pub(super) fn new(cx: &'a Ctx<'a>) -> Result<Merged<'a>> {
        let mut merged = Merged {
            cx,
            streams: Vec::new(),
            heads: BinaryHeap::new(),
            error: None,
        };
        for (i, k) in cx.districts.iter().enumerate() {
            if let Some(k) = k {
                merged
                    .streams
                    .push((i, Vec::new().into_iter(), k.again.clone()));
                let stream = merged.streams.len() - 1;
                merged.advance(stream)?;
            }
        }
        Ok(merged)
    }

    /// Puts stream `n`'s next record on the heap, reading its next part
    /// when its part is used up.
    fn advance(&mut self, n: usize) -> Result<()> {
        let (district, part, again) = &mut self.streams[n];
        let district = *district;
        loop {
            if let Some(record) = part.next() {
                self.heads.push(Head {
                    record,
                    district,
                    stream: n,
                });
                return Ok(());
            }
            let source = &self.cx.config.districts[district];
            match again.read_next(&source.data) {
                None => return Ok(()),
                Some(records) => {
                    *part = records
                        .with_context(|| format!("district {}: reading it again", source.name))?
                        .into_iter();
                }
            }
        }
    }
}

impl Iterator for Merged<'_> {
    /// The district's index and the record.
    type Item = (usize, Record);

    fn next(&mut self) -> Option<(usize, Record)> {
        if self.error.is_some() {
            return None;
        }
        let head = self.heads.pop()?;
        if let Err(e) = self.advance(head.stream) {
            self.error = Some(e);
            return None;
        }
        Some((head.district, head.record))
    }
}

/// Where a record's result leads: a lecture's phone page, else the
/// record's page, on the district's site.
fn link(cx: &Ctx, district: usize, r: &Record) -> Option<String> {
    cx.district_link(district, r.lecture_url.as_deref().unwrap_or(&r.url))
}

/// The document of record `r` of district `i`, when it has a link.
fn doc(cx: &Ctx, t: &Strings, i: usize, r: &Record) -> Option<PlainDoc> {
    let url = link(cx, i, r)?;
    let district = cx.config.districts[i].name.as_str();
    let branch = cx.districts[i]
        .as_ref()
        .and_then(|k| k.names.get(r.branch.as_str()))
        .map_or(r.branch.as_str(), |n| n);
    let speaker = r.speaker.as_ref().map_or("", |s| s.name.as_str());
    let location = r.location.as_deref().unwrap_or("");
    let facts: Vec<&str> = [speaker, location]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let mut row = String::with_capacity(256);
    let mut field = |key: &str, value: &str| {
        row.push(if row.is_empty() { '{' } else { ',' });
        json_str(&mut row, key);
        row.push(':');
        json_str(&mut row, value);
    };
    field("t", &r.title);
    field("u", &url);
    field("k", &r.kind);
    field("kl", t.get(&format!("kind_{}", r.kind)));
    field("b", &format!("{branch} · {district}"));
    field("d", &r.date);
    let day = Date::parse(&r.date).ok();
    field(
        "dz",
        &day.map(|d| t.date("format_date", d)).unwrap_or_default(),
    );
    field("s", &facts.join(" · "));
    row.push('}');
    let filters = [format!("!k:{}", r.kind), format!("!{}", district_filter(i))];
    let tokens = DocTokens::collect(&r.title, [branch, district, speaker, location], filters);
    Some(PlainDoc { row, tokens })
}

/// The page: the default theme's search form, its scope the districts.
fn page_html(cx: &Ctx, t: &Strings) -> String {
    let kinds: String = crate::kind::Kind::all()
        .map(|k| {
            format!(
                "\n          <option value=\"{}\">{}</option>",
                k.word(),
                esc(t.get(&format!("kind_{}", k.word())))
            )
        })
        .collect();
    let districts: String = cx
        .config
        .districts
        .iter()
        .enumerate()
        .filter(|(i, _)| cx.districts[*i].is_some())
        .map(|(i, d)| {
            format!(
                "\n          <option value=\"{}\">{}</option>",
                district_filter(i),
                esc(&d.name)
            )
        })
        .collect();
    let body = format!(
        r#"<link rel="stylesheet" href="../search.css">
<section class="search" id="search" data-state="idle" data-base="./" data-t-loading="{loading}" data-t-count="{count}" data-t-none="{none}" data-t-none-filtered="{none_filtered}" data-t-error="{error}">
  <form class="search-form" role="search" action="./" method="get">
    <div class="search-box">
      <input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-label="{label}" placeholder="{placeholder}">
      <button type="submit">{button}</button>
    </div>
    <div class="search-filters">
      <div class="search-filter">
        <label for="search-kind">{kind}</label>
        <select id="search-kind" name="kind">
          <option value="">{kind_all}</option>{kinds}
        </select>
      </div>
      <div class="search-filter">
        <label for="search-in">{scope}</label>
        <select id="search-in" name="in">
          <option value="">{all_districts}</option>{districts}
        </select>
      </div>
    </div>
  </form>
  <p class="search-status" role="status" aria-live="polite"></p>
  <ol class="search-results"></ol>
  <button type="button" class="search-more" hidden>{more}</button>
  <noscript><p class="search-noscript">{noscript}</p></noscript>
</section>
<script src="../search.js" defer></script>
"#,
        loading = esc(t.get("search_loading")),
        count = esc(t.get("search_count")),
        none = esc(t.get("search_none")),
        none_filtered = esc(t.get("search_none_filtered")),
        error = esc(t.get("search_error")),
        label = esc(t.get("search_label")),
        placeholder = esc(t.get("search_placeholder")),
        button = esc(t.get("search_button")),
        kind = esc(t.get("search_kind")),
        kind_all = esc(t.get("search_kind_all")),
        scope = esc(t.get("search_scope")),
        all_districts = esc(cx.s.all_districts),
        more = esc(t.get("search_more")),
        noscript = esc(t.get("search_noscript")),
    );
    page(cx, "../", "search/", t.get("search_title"), &body)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Rec, config, export};
    use std::path::PathBuf;

    use super::super::{read, summary};
    use super::*;

    /// The documents come in the order the portal gave them when it held
    /// every district: newest first, then by district, branch and id,
    /// though each district is read again a month at a time (or whole, when
    /// its months do not hold their records).
    #[test]
    fn the_records_read_again_come_in_the_order_of_all_districts_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let districts: [&[Rec]; 3] = [
            &[
                ("x", "b", "2026-06-02", "study", "2026-06"),
                ("y", "a", "2026-06-02", "lecture", "2026-06"),
                ("z", "a", "2026-05-31", "meeting", "2026-05"),
                ("w", "a", "2026-04-01", "meeting", "2026-04"),
            ],
            // A record outside its file's month: read whole.
            &[
                ("p", "a", "2026-06-02", "study", "2026-05"),
                ("q", "b", "2026-05-31", "study", "2026-05"),
                ("o", "a", "2026-07-01", "study", "2026-07"),
            ],
            &[
                ("m", "a", "2026-05-31", "study", "2026-05"),
                ("n", "a", "2026-06-30", "study", "2026-06"),
            ],
        ];
        let sources: Vec<(&str, PathBuf)> = districts
            .iter()
            .enumerate()
            .map(|(i, records)| {
                let name = ["d1", "d2", "d3"][i];
                (name, export(dir.path(), name, records))
            })
            .collect();
        let c = config(&sources);
        let kept: Vec<Option<summary::Kept>> = c
            .districts
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let data = read::district(&d.data).unwrap();
                let counts = summary::counts(&data);
                Some(summary::Kept::of(i, &d.url, data, counts, &mut Vec::new()))
            })
            .collect();
        assert!(kept[0].as_ref().unwrap().again.by_month);
        assert!(!kept[1].as_ref().unwrap().again.by_month);
        let cx = Ctx {
            config: &c,
            s: c.lang.strings(),
            districts: &kept,
        };
        let got: Vec<String> = Merged::new(&cx).unwrap().map(|(_, r)| r.id).collect();
        let mut all: Vec<(usize, &Rec)> = districts
            .iter()
            .enumerate()
            .flat_map(|(i, rs)| rs.iter().map(move |r| (i, r)))
            .collect();
        all.sort_by(|(i, a), (j, b)| {
            b.2.cmp(a.2)
                .then(i.cmp(j))
                .then(a.1.cmp(b.1))
                .then(a.0.cmp(b.0))
        });
        let want: Vec<&str> = all.iter().map(|(_, r)| r.0).collect();
        assert_eq!(got, want);
        assert_eq!(got, ["o", "n", "y", "x", "p", "z", "q", "m", "w"]);
    }

    /// An export that changes between the two readings fails the portal
    /// (which then keeps its previous output), never a panic or an index
    /// of other documents than were counted.
    #[test]
    fn a_district_changed_before_the_search_reads_it_again_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let records: &[Rec] = &[
            ("a1", "a", "2026-05-03", "study", "2026-05"),
            ("a2", "a", "2026-06-03", "study", "2026-06"),
        ];
        let c = config(&[("d1", export(dir.path(), "d1", records))]);
        let data = read::district(&c.districts[0].data).unwrap();
        let counts = summary::counts(&data);
        let kept = vec![Some(summary::Kept::of(
            0,
            &c.districts[0].url,
            data,
            counts,
            &mut Vec::new(),
        ))];
        let cx = Ctx {
            config: &c,
            s: c.lang.strings(),
            districts: &kept,
        };
        std::fs::remove_file(c.districts[0].data.join("records/2026-05.json")).unwrap();
        let e = files(&cx, |_, _| Ok(())).unwrap_err();
        let e = format!("{e:#}");
        assert!(
            e.contains("district d1: reading it again") && e.contains("2026-05.json"),
            "{e}"
        );
        // A record more than was counted.
        export(
            dir.path(),
            "d1",
            &[
                records[0],
                records[1],
                ("a3", "b", "2026-06-04", "study", "2026-06"),
            ],
        );
        let e = format!("{:#}", files(&cx, |_, _| Ok(())).unwrap_err());
        assert!(e.contains("changed while the portal was built"), "{e}");
    }
}
