//! The portal's figures as data. Districts are read one at a time: of
//! each, the portal keeps a [`Kept`] (its counts, its months of its latest
//! year, its assessments, how to read its records again for the search)
//! and its lectures as the combined index shows them, never its records;
//! [`Summary`] then puts the districts side by side. The pages only write
//! these out.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::read::{Again, Assessment, DistrictData, newest_first};

/// One district's figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Figures {
    pub committees: usize,
    pub branches: usize,
    /// Months in which at least one branch has a month folder.
    pub months_reported: usize,
    /// Lectures in the records files.
    pub lectures: usize,
    /// One per month of the portal's table (`Summary::months`).
    pub per_month: Vec<MonthFigures>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct MonthFigures {
    /// Branches with all five things.
    pub complete: usize,
    /// Branches due: the district's site spans the month and the branch
    /// was founded by then (as the district's own bulletin counts).
    pub due: usize,
    pub lectures: usize,
    /// The month is before its deadline (in the district's export; in the
    /// total, in any district's): counts so far, not a failure.
    pub in_progress: bool,
}

/// What the portal keeps of a district once that district's page is
/// written and its data dropped: small, whatever the district's size
/// (no list of records: `tests::what_is_kept_of_a_district_holds_no_record`).
#[derive(Debug)]
pub(super) struct Kept {
    /// `site.url` of its export, the prefix of the URLs it holds.
    pub site_url: String,
    /// Its counts; `per_month` is empty (the portal's months are known
    /// once every district is read).
    pub counts: Figures,
    /// Its latest year (of its last month) and its figures of each month
    /// of that year it spans.
    pub latest: Option<(String, BTreeMap<String, MonthFigures>)>,
    /// The assessment of every year it exports, ascending.
    pub assessments: Vec<Assessment>,
    /// Its branches' names by id, for the search.
    pub names: BTreeMap<String, Rc<str>>,
    /// How to read its records again, for the search.
    pub again: Again,
    /// How many of its records the search holds (those with a link).
    pub search_docs: usize,
}

impl Kept {
    /// Keeps what the portal needs of district `i` (its address `own`),
    /// whose `counts` were made, and adds its lectures to `lectures`.
    pub(super) fn of(
        i: usize,
        own: &str,
        d: DistrictData,
        counts: Figures,
        lectures: &mut Vec<Lecture>,
    ) -> Kept {
        let site_url = d.site.site.url.clone();
        let names: BTreeMap<String, Rc<str>> = d
            .site
            .branches
            .iter()
            .map(|b| (b.id.clone(), Rc::from(b.name.as_str())))
            .collect();
        let mut mine: Vec<_> = d.records.iter().filter(|r| r.kind == "lecture").collect();
        mine.sort_by(|a, b| newest_first(a, b));
        lectures.extend(mine.into_iter().map(|r| {
            Lecture {
                district: i,
                date: r.date.clone(),
                title: r.title.clone(),
                branch: names
                    .get(r.branch.as_str())
                    .cloned()
                    .unwrap_or_else(|| Rc::from(r.branch.as_str())),
                href: rebase(
                    own,
                    Some(&site_url),
                    r.lecture_url.as_deref().unwrap_or(&r.url),
                ),
                speaker: r.speaker.as_ref().map(|s| s.name.clone()),
            }
        }));
        let search_docs = d
            .records
            .iter()
            .filter(|r| {
                rebase(
                    own,
                    Some(&site_url),
                    r.lecture_url.as_deref().unwrap_or(&r.url),
                )
                .is_some()
            })
            .count();
        let latest = latest(&d);
        Kept {
            site_url,
            counts,
            latest,
            assessments: d.assessments,
            names,
            again: d.again,
            search_docs,
        }
    }
}

/// A URL of a district's export under the address `portal.yaml` gives the
/// district (`own`): the export's own `site.url` (when the district was
/// read) is replaced by it; `None` for anything else that is not an
/// http(s) address.
pub(super) fn rebase(own: &str, site_url: Option<&str>, url: &str) -> Option<String> {
    if let Some(rest) = site_url.and_then(|s| url.strip_prefix(s)) {
        return Some(format!("{own}{rest}"));
    }
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
}

/// The figures of every district that was read.
#[derive(Debug)]
pub(super) struct Summary {
    /// The latest year any district spans.
    pub year: Option<String>,
    /// The months of that year any district spans, ascending (`YYYY-MM`).
    pub months: Vec<String>,
    /// Per district, in `portal.yaml`'s order; `None` when not read.
    pub districts: Vec<Option<Figures>>,
}

impl Summary {
    pub(super) fn of(districts: &[Option<Kept>]) -> Summary {
        let year = districts
            .iter()
            .flatten()
            .filter_map(|k| k.latest.as_ref().map(|(y, _)| y))
            .max()
            .cloned();
        let months: Vec<String> = districts
            .iter()
            .flatten()
            .filter_map(|k| this_year(k, year.as_deref()))
            .flat_map(|m| m.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .cloned()
            .collect();
        Summary {
            districts: districts
                .iter()
                .map(|k| {
                    k.as_ref().map(|k| {
                        let mine = this_year(k, year.as_deref());
                        Figures {
                            per_month: months
                                .iter()
                                .map(|ym| mine.and_then(|m| m.get(ym)).copied().unwrap_or_default())
                                .collect(),
                            ..k.counts.clone()
                        }
                    })
                })
                .collect(),
            year,
            months,
        }
    }

    /// The sum over the districts read.
    pub(super) fn total(&self) -> Figures {
        let mut t = Figures {
            per_month: vec![MonthFigures::default(); self.months.len()],
            ..Figures::default()
        };
        for f in self.districts.iter().flatten() {
            t.committees += f.committees;
            t.branches += f.branches;
            t.months_reported = t.months_reported.max(f.months_reported);
            t.lectures += f.lectures;
            for (t, m) in t.per_month.iter_mut().zip(&f.per_month) {
                t.complete += m.complete;
                t.due += m.due;
                t.lectures += m.lectures;
                t.in_progress |= m.in_progress;
            }
        }
        t
    }
}

/// `k`'s figures of each month of `year` it spans, if `year` is its latest.
fn this_year<'k>(k: &'k Kept, year: Option<&str>) -> Option<&'k BTreeMap<String, MonthFigures>> {
    k.latest
        .as_ref()
        .filter(|(y, _)| Some(y.as_str()) == year)
        .map(|(_, m)| m)
}

/// A district's counts, without months (see [`Kept::counts`]).
pub(super) fn counts(d: &DistrictData) -> Figures {
    let reported: BTreeSet<&str> = d
        .site
        .branches
        .iter()
        .flat_map(|b| b.months.iter().map(|m| m.month.as_str()))
        .collect();
    Figures {
        committees: d.site.committees.len(),
        branches: d.site.branches.len(),
        months_reported: reported.len(),
        lectures: d.records.iter().filter(|r| r.kind == "lecture").count(),
        per_month: Vec::new(),
    }
}

/// A district's latest year and its figures of each month of it it spans.
fn latest(d: &DistrictData) -> Option<(String, BTreeMap<String, MonthFigures>)> {
    let year = d.site.months.iter().max()?.get(..4)?;
    let months = d
        .site
        .months
        .iter()
        .filter(|m| m.get(..4) == Some(year))
        .map(|ym| (ym.clone(), month(d, ym)))
        .collect();
    Some((year.to_string(), months))
}

/// A district's figures of a month it spans.
fn month(d: &DistrictData, ym: &str) -> MonthFigures {
    let mut f = MonthFigures {
        in_progress: d.site.in_progress.iter().any(|p| p.month == ym),
        ..MonthFigures::default()
    };
    for b in &d.site.branches {
        // `founded` is `YYYY-MM-DD`: its month compares as text.
        if b.founded
            .as_deref()
            .is_some_and(|day| day.get(..7) > Some(ym))
        {
            continue;
        }
        f.due += 1;
        if let Some(m) = b.months.iter().find(|m| m.month == ym) {
            f.complete += usize::from(m.complete);
            f.lectures += m.lectures;
        }
    }
    f
}

/// A lecture of the combined index: what its row shows.
#[derive(Debug)]
pub(super) struct Lecture {
    /// Index into the districts of `portal.yaml`.
    pub district: usize,
    pub date: String,
    pub title: String,
    /// The branch's name (its id when `site.json` does not list it).
    pub branch: Rc<str>,
    /// Its phone page, else its page, on the district's site.
    pub href: Option<String>,
    pub speaker: Option<String>,
}

/// Puts the lectures of every district, added district after district by
/// [`Kept::of`] (each district's newest first, then by branch and id), in
/// the index's order: newest first, then by district, branch and id, so
/// that the order is the same on every run.
pub(super) fn order(lectures: &mut [Lecture]) {
    lectures.sort_by(|a, b| b.date.cmp(&a.date));
}
