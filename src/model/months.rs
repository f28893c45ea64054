//! The months a site spans, and the month folders far from all the others
//! (most likely a typo in the year).

use std::collections::BTreeMap;

use super::{Branch, Record};
use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos};

/// The longest run of months without a record anywhere that the site still
/// spans: a longer one is a gap the bulletins and tables leave out.
const MAX_SILENT_MONTHS: u32 = 12;

/// The months the site spans: every month from the first record's to the
/// last's, less runs of more than `MAX_SILENT_MONTHS` months without any
/// record (a stray folder years away from the rest must not add pages for
/// every month between).
pub(super) fn month_range(records: &[Record]) -> Vec<YearMonth> {
    spans(records)
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

fn spans(records: &[Record]) -> Vec<Span> {
    let mut counts: BTreeMap<YearMonth, usize> = BTreeMap::new();
    for r in records {
        *counts.entry(r.ym).or_default() += 1;
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
pub(super) fn warn_far_months(branches: &[Branch], records: &[Record], diags: &Diagnostics) {
    let spans = spans(records);
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
                format!(
                    "`{}` is {} months away from the site's other records ({} to {}): check the year in the folder name",
                    m.ym, gap, main.first, main.last
                ),
            );
        }
    }
}
