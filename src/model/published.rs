//! The published view: what a public build may show, decided once, when
//! the site is loaded. A public build's `Site` holds no internal record
//! and no member's name, so no page, feed, index, picture or export made
//! from it can show one, whether or not its writer remembered to filter.
//!
//! What the withheld records leave behind is what the public pages say of
//! them without showing them: per month, their ids and kinds (the
//! five-things marks count them, the month page says how many are not
//! published, `serve` knows an edit of one needs a full build) and the
//! pictures they point at (withheld when published bodies only link to
//! them, `pictures::publication`).

use super::pictures::{Use, body_picture_uses};
use super::{Site, Withheld};

/// Takes out of a public build's site every record it does not publish and
/// every member's name, keeping the indices of months and speakers true.
pub(super) fn withhold_unpublished(site: &mut Site) {
    for a in site
        .records
        .all_mut()
        .iter_mut()
        .filter_map(|r| r.attendance.as_mut())
    {
        a.withhold_names();
    }
    let mut unpublished: Vec<(String, Use)> = Vec::new();
    let mut new_index: Vec<Option<usize>> = Vec::with_capacity(site.records.len());
    let mut kept = 0;
    let mut withheld: Vec<Option<Withheld>> = Vec::with_capacity(site.records.len());
    for r in site.records.all() {
        if r.internal {
            new_index.push(None);
            unpublished.extend(body_picture_uses(site, r));
            let a = r.attendance.as_ref();
            withheld.push(Some(Withheld {
                id: r.id.clone(),
                kind: r.kind,
                expected: a.and_then(|a| a.expected),
                present: a.and_then(|a| a.present_count()),
                absent_keys: a.map(|a| a.absent_keys.clone()).unwrap_or_default(),
                lecturer: r.lecturer(site),
            }));
        } else {
            new_index.push(Some(kept));
            withheld.push(None);
            kept += 1;
        }
    }
    if kept == site.records.len() {
        return;
    }
    for b in &mut site.branches {
        for m in &mut b.months {
            for &i in &m.records {
                if let Some(w) = withheld[i].take() {
                    m.withheld.push(w);
                }
            }
            m.records = m.records.iter().filter_map(|&i| new_index[i]).collect();
        }
    }
    for s in &mut site.speakers {
        s.lectures = s.lectures.iter().filter_map(|&i| new_index[i]).collect();
    }
    site.records.all_mut().retain(|r| !r.internal);
    site.unpublished_uses = unpublished;
}

#[cfg(test)]
mod tests {
    use crate::kind::Kind;
    use crate::model::fixture::Fixture;

    #[test]
    fn a_public_site_holds_no_internal_record_and_counts_them_per_month() {
        let f = || {
            Fixture::new()
                .plain_branch("b")
                .activity("b", "2026-05", "a", 10, "study")
                .record(
                    "b",
                    "2026-05",
                    "secret",
                    "title: 内部会议\ndate: 2026-05-12\nkind: meeting\nvisibility: internal",
                )
                .activity("b", "2026-05", "c", 20, "practice")
        };
        let site = f().clean();
        assert_eq!(site.records.len(), 2);
        assert!(site.records.iter().all(|r| !r.internal));
        let m = &site.branches[0].months[0];
        assert_eq!(m.records, [0, 1]);
        assert_eq!(m.withheld.len(), 1);
        assert_eq!(
            (m.withheld[0].id.as_str(), m.withheld[0].kind),
            ("secret", Kind::Meeting)
        );
        assert!(m.done.contains(Kind::Meeting), "the marks count it");
        let site = f().clean_internal();
        assert_eq!(site.records.len(), 3);
        assert!(site.branches[0].months[0].withheld.is_empty());
    }
}
