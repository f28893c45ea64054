//! The months a site spans, and the month folders far from all the others
//! (most likely a typo in the year).

use std::collections::BTreeMap;

use super::Branch;
use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos};
use crate::msg::Content;

/// The longest run of months without a record anywhere that the site still
/// spans: a longer one is a gap the bulletins and tables leave out.
const MAX_SILENT_MONTHS: u32 = 12;

/// The months the site spans: every month from the first record's to the
/// last's, less runs of more than `MAX_SILENT_MONTHS` months without any
/// record (a stray folder years away from the rest must not add pages for
/// every month between).
pub(super) fn month_range(branches: &[Branch]) -> Vec<YearMonth> {
    spans(branches)
        .into_iter()
        .flat_map(|s| s.first.range_to(s.last))
        .collect()
}

/// A run of months with records no more than `MAX_SILENT_MONTHS` apart.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: YearMonth,
    last: YearMonth,
    records: usize,
}

fn spans(branches: &[Branch]) -> Vec<Span> {
    let mut counts: BTreeMap<YearMonth, usize> = BTreeMap::new();
    for m in branches.iter().flat_map(|b| &b.months) {
        let n = m.records.len() + m.withheld.len();
        if n > 0 {
            *counts.entry(m.ym).or_default() += n;
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    for (ym, n) in counts {
        match spans.last_mut() {
            Some(s) if ym.ordinal() - s.last.ordinal() <= MAX_SILENT_MONTHS + 1 => {
                s.last = ym;
                s.records += n;
            }
            _ => spans.push(Span {
                first: ym,
                last: ym,
                records: n,
            }),
        }
    }
    spans
}

/// Warns at every month folder with records outside the site's main span
/// (the one with the most records): `2016-05` among years of `2026-05`
/// is most likely a typo.
pub(super) fn warn_far_months(branches: &[Branch], diags: &Diagnostics) {
    let spans = spans(branches);
    let Some(main) = spans.iter().max_by_key(|s| s.records) else {
        return;
    };
    if spans.len() < 2 {
        return;
    }
    for b in branches {
        for m in &b.months {
            if m.records.is_empty() || (main.first..=main.last).contains(&m.ym) {
                continue;
            }
            let gap = if m.ym < main.first {
                main.first.ordinal() - m.ym.ordinal()
            } else {
                m.ym.ordinal() - main.last.ordinal()
            };
            diags.warning(
                &m.src,
                Pos::START,
                Content::FarMonth {
                    ym: m.ym.to_string(),
                    gap,
                    first: main.first.to_string(),
                    last: main.last.to_string(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::date::YearMonth;
    use crate::model::fixture::Fixture;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    #[test]
    fn a_run_of_twelve_silent_months_is_spanned() {
        // Nothing from 2024-02 to 2025-01: twelve months.
        let site = Fixture::new()
            .plain_branch("b")
            .activity("b", "2024-01", "r", 10, "study")
            .activity("b", "2025-02", "r", 10, "study")
            .clean();
        let all: Vec<YearMonth> = ym("2024-01").range_to(ym("2025-02")).collect();
        assert_eq!(all.len(), 14);
        assert_eq!(site.months, all);
    }

    #[test]
    fn thirteen_silent_months_are_a_gap_with_a_warning_at_the_lone_folder() {
        // Nothing from 2024-02 to 2025-02: thirteen months. The span with
        // more records is the site's; the other one's folder is warned at.
        let (site, problems) = Fixture::new()
            .plain_branch("b")
            .activity("b", "2024-01", "r", 10, "study")
            .activity("b", "2025-03", "r", 10, "study")
            .activity("b", "2025-04", "r", 10, "study")
            .load(false);
        assert_eq!(
            site.months,
            vec![ym("2024-01"), ym("2025-03"), ym("2025-04")]
        );
        assert_eq!(
            problems,
            vec![
                "content/branches/b/2024-01:1:1: warning: `2024-01` is 14 months away from the site's other records (2025-03 to 2025-04): check the year in the folder name"
            ]
        );
    }

    #[test]
    fn only_records_make_months_not_folders_of_pictures() {
        let (site, problems) = Fixture::new()
            .plain_branch("b")
            .photo("b", "2020-01", "a.jpg")
            .activity("b", "2026-05", "r", 10, "study")
            .load(false);
        assert_eq!(site.months, vec![ym("2026-05")]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn internal_records_count_in_the_span() {
        let site = Fixture::new()
            .plain_branch("b")
            .activity("b", "2026-01", "r", 10, "study")
            .record(
                "b",
                "2026-03",
                "r",
                "title: 内部\ndate: 2026-03-10\nkind: affairs\nvisibility: internal",
            )
            .clean();
        assert_eq!(site.months.len(), 3);
    }
}
