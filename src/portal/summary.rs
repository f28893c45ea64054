//! The portal's figures as data: each district's counts and its months of
//! the latest year, and the combined lecture list. The pages only write
//! these out.

use std::collections::{BTreeMap, BTreeSet};

use super::read::{DistrictData, Record};

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
    pub(super) fn of(districts: &[Option<&DistrictData>]) -> Summary {
        let all: BTreeSet<&str> = districts
            .iter()
            .flatten()
            .flat_map(|d| d.site.months.iter().map(String::as_str))
            .collect();
        let year = all.iter().next_back().map(|m| m[..4].to_string());
        let months: Vec<String> = all
            .iter()
            .filter(|m| Some(&m[..4]) == year.as_deref())
            .map(|m| m.to_string())
            .collect();
        Summary {
            districts: districts
                .iter()
                .map(|d| d.map(|d| figures(d, &months)))
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

fn figures(d: &DistrictData, months: &[String]) -> Figures {
    let reported: BTreeSet<&str> = d
        .site
        .branches
        .iter()
        .flat_map(|b| b.months.iter().map(|m| m.month.as_str()))
        .collect();
    let spans: BTreeSet<&str> = d.site.months.iter().map(String::as_str).collect();
    let per_month = months
        .iter()
        .map(|ym| {
            let mut f = MonthFigures::default();
            if !spans.contains(ym.as_str()) {
                return f;
            }
            f.in_progress = d.site.in_progress.iter().any(|p| &p.month == ym);
            for b in &d.site.branches {
                // `founded` is `YYYY-MM-DD`: its month compares as text.
                if b.founded
                    .as_deref()
                    .is_some_and(|day| day.get(..7) > Some(ym))
                {
                    continue;
                }
                f.due += 1;
                if let Some(m) = b.months.iter().find(|m| &m.month == ym) {
                    f.complete += usize::from(m.complete);
                    f.lectures += m.lectures;
                }
            }
            f
        })
        .collect();
    Figures {
        committees: d.site.committees.len(),
        branches: d.site.branches.len(),
        months_reported: reported.len(),
        lectures: d.records.iter().filter(|r| r.kind == "lecture").count(),
        per_month,
    }
}

/// A lecture of the combined index.
pub(super) struct Lecture<'a> {
    /// Index into the districts of `portal.yaml`.
    pub district: usize,
    pub record: &'a Record,
    /// The branch's name (its id when `site.json` does not list it).
    pub branch: &'a str,
}

/// Every lecture of every district read, newest first (then by district,
/// branch and id, so that the order is the same on every run).
pub(super) fn lectures<'a>(districts: &[Option<&'a DistrictData>]) -> Vec<Lecture<'a>> {
    records(districts, |r| r.kind == "lecture")
}

/// The records of every district read that `keep` keeps, in the order of
/// [`lectures`].
pub(super) fn records<'a>(
    districts: &[Option<&'a DistrictData>],
    keep: impl Fn(&Record) -> bool + Copy,
) -> Vec<Lecture<'a>> {
    let mut all: Vec<Lecture<'a>> = districts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|d| (i, d)))
        .flat_map(|(i, d)| {
            let names: BTreeMap<&str, &str> = d
                .site
                .branches
                .iter()
                .map(|b| (b.id.as_str(), b.name.as_str()))
                .collect();
            d.records
                .iter()
                .filter(move |r| keep(r))
                .map(move |r| Lecture {
                    district: i,
                    record: r,
                    branch: names.get(r.branch.as_str()).copied().unwrap_or(&r.branch),
                })
        })
        .collect();
    all.sort_by(|a, b| {
        b.record
            .date
            .cmp(&a.record.date)
            .then(a.district.cmp(&b.district))
            .then(a.record.branch.cmp(&b.record.branch))
            .then(a.record.id.cmp(&b.record.id))
    });
    all
}
