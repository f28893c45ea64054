//! The ledger (台账): one branch's Party Day of one year as a document for
//! the yearly assessment and for inspectors, month by month, each with its
//! five-things table, its records and its attendance. Data only:
//! `render::ledger` writes it as a page that prints as an A4 document,
//! `print` turns that page into a PDF.
//!
//! Built from the published view: a public build's ledger has no internal
//! record (only how many there were, as the month pages say) and no
//! member's name.

use crate::date::YearMonth;
use crate::kind::{Kind, KindSet};
use crate::model::Site;

/// A branch's ledger of a year.
#[derive(Debug)]
pub(crate) struct Ledger {
    /// Index into `Site::branches`.
    pub branch: usize,
    /// Every month of the year the branch was due or has a folder for, in
    /// the site's span, oldest first.
    pub months: Vec<LedgerMonth>,
}

/// One month of a ledger.
#[derive(Debug)]
pub(crate) struct LedgerMonth {
    pub ym: YearMonth,
    /// Whether the branch has a folder for it (a month due without one was
    /// silent).
    pub reported: bool,
    /// The month's title or theme, from its `_index.md`.
    pub title: Option<String>,
    /// Kinds done, records this build does not publish included.
    pub done: KindSet,
    /// Per kind, in the order of the five things: the published records of
    /// that kind and how many more this build does not publish.
    pub kinds: Vec<(Kind, Vec<usize>, usize)>,
    /// The published records, by date then id.
    pub records: Vec<usize>,
    /// How many records this build does not publish.
    pub withheld: usize,
}

/// The years branch `b` has a ledger for: those with a month folder.
pub(crate) fn years(site: &Site, b: usize) -> Vec<u16> {
    let mut years: Vec<u16> = site.branches[b].months.iter().map(|m| m.ym.year).collect();
    years.dedup();
    years
}

/// The ledger of branch `b` for `year`; `None` when the branch has no
/// month folder in that year.
pub(crate) fn ledger(site: &Site, b: usize, year: u16) -> Option<Ledger> {
    let br = site.branches.get(b)?;
    if !br.months.iter().any(|m| m.ym.year == year) {
        return None;
    }
    let months = site
        .months
        .iter()
        .filter(|ym| ym.year == year)
        .filter_map(|&ym| {
            let m = br.months.iter().find(|m| m.ym == ym);
            if m.is_none() && !site.expected_in(b, ym) {
                return None;
            }
            let records: Vec<usize> = m.map(|m| m.records.clone()).unwrap_or_default();
            let kinds = Kind::all()
                .map(|k| {
                    let shown: Vec<usize> = records
                        .iter()
                        .copied()
                        .filter(|&i| site.records.peek(i).kind == k)
                        .collect();
                    let hidden = m.map_or(0, |m| m.withheld.iter().filter(|w| w.kind == k).count());
                    (k, shown, hidden)
                })
                .collect();
            Some(LedgerMonth {
                ym,
                reported: m.is_some(),
                title: m.and_then(|m| m.title.clone().or_else(|| m.theme.clone())),
                done: m.map(|m| m.done).unwrap_or_default(),
                kinds,
                withheld: m.map_or(0, |m| m.withheld.len()),
                records,
            })
        })
        .collect();
    Some(Ledger { branch: b, months })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    #[test]
    fn a_ledger_has_every_month_due_and_counts_what_it_does_not_publish() {
        let f = || {
            Fixture::new()
                .plain_branch("b")
                .activity("b", "2026-03", "s", 10, "study")
                .activity("b", "2026-05", "m", 12, "meeting")
                .record(
                    "b",
                    "2026-05",
                    "secret",
                    "title: 内部\ndate: 2026-05-13\nkind: affairs\nvisibility: internal",
                )
                .activity("b", "2027-01", "p", 9, "practice")
        };
        let (site, _) = f().load(false);
        let l = ledger(&site, 0, 2026).unwrap();
        let months: Vec<(String, bool)> = l
            .months
            .iter()
            .map(|m| (m.ym.to_string(), m.reported))
            .collect();
        assert_eq!(
            months,
            [
                ("2026-03".to_string(), true),
                ("2026-04".to_string(), false),
                ("2026-05".to_string(), true),
                ("2026-06".to_string(), false),
                ("2026-07".to_string(), false),
                ("2026-08".to_string(), false),
                ("2026-09".to_string(), false),
                ("2026-10".to_string(), false),
                ("2026-11".to_string(), false),
                ("2026-12".to_string(), false),
            ]
        );
        let may = &l.months[2];
        assert_eq!(may.records.len(), 1);
        assert_eq!(may.withheld, 1);
        assert!(may.done.contains(Kind::Affairs), "counted as done");
        assert_eq!(may.kinds[Kind::Affairs.index()].1.len(), 0);
        assert_eq!(may.kinds[Kind::Affairs.index()].2, 1);
        assert_eq!(years(&site, 0), [2026, 2027]);
        assert!(ledger(&site, 0, 2025).is_none());
        let (internal, _) = f().load(true);
        let may = &ledger(&internal, 0, 2026).unwrap().months[2];
        assert_eq!((may.records.len(), may.withheld), (2, 0));
    }
}
