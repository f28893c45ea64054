//! Changing one record in place (`serve`): a record file parsed again and
//! put where a full load would have put it, every index derived again, so
//! that the site equals a fresh load.

use std::collections::HashMap;

use super::bodies::render_record;
use super::months::month_range;
use super::records::record;
use super::{Month, Record, RecordKey, Site};
use crate::date::YearMonth;
use crate::diag::Diagnostics;
use crate::kind::KindSet;
use crate::load::TextFile;

impl Site {
    /// Where the record at `key` is written, relative to `content/`: the
    /// key of `link_map`.
    pub fn content_path(&self, key: &RecordKey) -> String {
        format!(
            "branches/{}/{}/{}.md",
            self.branches[key.branch].id, key.ym, key.id
        )
    }

    pub fn key(&self, i: usize) -> RecordKey {
        let r = self.records.peek(i);
        RecordKey {
            branch: r.branch,
            ym: r.ym,
            id: r.id.clone(),
        }
    }

    /// Whether the record at `key` is one this site does not hold because
    /// the build does not publish it (`Month::withheld`).
    pub fn withholds(&self, key: &RecordKey) -> bool {
        self.done(key.branch, key.ym)
            .is_some_and(|m| m.withheld.iter().any(|w| w.id == key.id))
    }

    /// Whether this build publishes `r`: the internal build every record,
    /// the public build those not marked internal.
    pub fn publishes(&self, r: &Record) -> bool {
        self.internal || !r.internal
    }

    /// The index of the record at `key`, if there is one.
    pub fn find(&self, key: &RecordKey) -> Option<usize> {
        let m = self.done(key.branch, key.ym)?;
        m.records
            .iter()
            .copied()
            .find(|&i| self.records.peek(i).id == key.id)
    }

    /// Validates and renders one record file of an existing month folder
    /// exactly as a full load does. `links` is `link_map` of this site.
    pub fn parse_record(
        &self,
        key: &RecordKey,
        file: &TextFile,
        links: &HashMap<String, (String, bool)>,
        diags: &Diagnostics,
    ) -> Option<Record> {
        let month = self.done(key.branch, key.ym)?;
        let speakers: HashMap<&str, usize> = self
            .speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let unsafe_html = self.config.unsafe_html;
        let mut r = record(file, key.ym, &month.photos, &speakers, unsafe_html, diags)?;
        r.branch = key.branch;
        if !self.internal
            && let Some(a) = r.attendance.as_mut()
        {
            a.withhold_names();
        }
        let branch = &self.branches[key.branch].id;
        render_record(
            &mut r,
            branch,
            links,
            self.config.unsafe_html,
            self.internal,
        );
        Some(r)
    }

    /// Removes the record at `key` (if any) and puts `new` (if any) where a
    /// full load would have put it, then derives every index again (months'
    /// record lists and kinds, speakers' lectures, the range of months), so
    /// that the site equals a fresh load. Returns the index removed and the
    /// index inserted, for keeping vectors aligned with `records`.
    pub fn put_record(
        &mut self,
        key: &RecordKey,
        new: Option<Record>,
    ) -> (Option<usize>, Option<usize>) {
        let removed = self.find(key);
        // The common edit keeps the record's place: replace it there.
        let new = match (removed, new) {
            (Some(i), Some(r)) if self.fits_at(i, &r) => {
                self.replace_record(i, r);
                return (Some(i), Some(i));
            }
            (_, new) => new,
        };
        if let Some(i) = removed {
            self.records.all_mut().remove(i);
        }
        let inserted = new.map(|r| {
            // Load order: branch, month folder, then (date, kind, id).
            let mut at = 0;
            for (b, branch) in self.branches.iter().enumerate() {
                for m in &branch.months {
                    let mut count = m.records.len();
                    if removed.is_some_and(|i| m.records.contains(&i)) {
                        count -= 1;
                    }
                    if b == key.branch && m.ym == key.ym {
                        let sort = (r.date, r.kind, &r.id);
                        at += self.records.all()[at..at + count]
                            .partition_point(|x| (x.date, x.kind, &x.id) < sort);
                        self.records.all_mut().insert(at, r);
                        return at;
                    }
                    at += count;
                }
            }
            // Not reached: `parse_record` only makes records of existing months.
            self.records.all_mut().push(r);
            self.records.len() - 1
        });
        self.reindex(key);
        (removed, inserted)
    }

    /// Whether `r` sorts between the neighbours of record `i` in its month.
    fn fits_at(&self, i: usize, r: &Record) -> bool {
        let old = &self.records[i];
        if (old.branch, old.ym) != (r.branch, r.ym) {
            return false;
        }
        let sort = |x: &Record| (x.date, x.kind, x.id.clone());
        let same_month = |j: usize| {
            let x = &self.records[j];
            (x.branch, x.ym) == (r.branch, r.ym)
        };
        let after_prev = i
            .checked_sub(1)
            .filter(|&p| same_month(p))
            .is_none_or(|p| sort(&self.records[p]) < sort(r));
        let before_next = Some(i + 1)
            .filter(|&n| n < self.records.len() && same_month(n))
            .is_none_or(|n| sort(r) < sort(&self.records[n]));
        after_prev && before_next
    }

    /// Puts `r` in place of record `i`, which keeps its place, and updates
    /// what derives from it: its month's kinds and its speakers' lectures.
    fn replace_record(&mut self, i: usize, r: Record) {
        let old = std::mem::replace(&mut self.records[i], r);
        let (b, ym) = (old.branch, old.ym);
        if let Ok(mi) = self.branches[b].months.binary_search_by(|m| m.ym.cmp(&ym)) {
            let m = &self.branches[b].months[mi];
            let mut done = withheld_kinds(m);
            for &j in &m.records {
                done.insert(self.records[j].kind);
            }
            self.branches[b].months[mi].done = done;
        }
        let new = &self.records[i];
        if old.speaker == new.speaker && old.date == new.date {
            return;
        }
        if let Some(s) = old.speaker {
            self.speakers[s].lectures.retain(|&j| j != i);
        }
        if let Some(s) = new.speaker {
            let mut l = std::mem::take(&mut self.speakers[s].lectures);
            let at = l.partition_point(|&j| self.newest_first(j, i).is_lt());
            l.insert(at, i);
            self.speakers[s].lectures = l;
        }
    }

    /// Replaces the list of pictures of a month folder (`serve`).
    pub fn set_month_photos(&mut self, b: usize, ym: YearMonth, photos: Vec<String>) {
        if let Ok(mi) = self.branches[b].months.binary_search_by(|m| m.ym.cmp(&ym)) {
            self.branches[b].months[mi].photos = photos;
        }
    }

    /// Derives the indices into `records` again after `put_record`.
    fn reindex(&mut self, key: &RecordKey) {
        let mut next = 0;
        for (b, branch) in self.branches.iter_mut().enumerate() {
            for m in &mut branch.months {
                let mut end = next;
                while end < self.records.len()
                    && self.records[end].branch == b
                    && self.records[end].ym == m.ym
                {
                    end += 1;
                }
                m.records.clear();
                m.records.extend(next..end);
                if b == key.branch && m.ym == key.ym {
                    m.done = withheld_kinds(m);
                    for r in &self.records.all()[next..end] {
                        m.done.insert(r.kind);
                    }
                }
                next = end;
            }
        }
        for s in &mut self.speakers {
            s.lectures.clear();
        }
        for (i, r) in self.records.iter().enumerate() {
            if let Some(s) = r.speaker {
                self.speakers[s].lectures.push(i);
            }
        }
        for i in 0..self.speakers.len() {
            let mut l = std::mem::take(&mut self.speakers[i].lectures);
            self.sort_newest_first(&mut l);
            self.speakers[i].lectures = l;
        }
        self.months = month_range(&self.branches);
    }
}

/// The kinds of a month's records that the site does not hold: the marks
/// count them.
fn withheld_kinds(m: &Month) -> KindSet {
    let mut done = KindSet::default();
    for w in &m.withheld {
        done.insert(w.kind);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::Kind;
    use crate::model::fixture::Fixture;
    use crate::model::link_map;

    fn fixture(kind_of_b: &str) -> Fixture {
        Fixture::new()
            .speaker("s", "name: 张教授")
            .plain_branch("x")
            .activity("x", "2026-05", "a", 10, "study")
            .activity("x", "2026-05", "b", 12, kind_of_b)
            .activity("x", "2026-05", "c", 20, "practice")
    }

    fn key(site: &Site, id: &str) -> RecordKey {
        let i = site.records.iter().position(|r| r.id == id).unwrap();
        site.key(i)
    }

    /// Parses `text` as record `id` of `x/2026-05` and puts it in place.
    fn edit(site: &mut Site, id: &str, text: Option<&str>) {
        let k = RecordKey {
            branch: 0,
            ym: YearMonth::parse("2026-05").unwrap(),
            id: id.to_string(),
        };
        let new = text.map(|text| {
            let file = TextFile {
                id: id.to_string(),
                rel: site.content_path(&k),
                text: text.to_string(),
            };
            let diags = Diagnostics::new();
            let r = site.parse_record(&k, &file, &link_map(site), &diags);
            assert!(!diags.has_errors());
            r.unwrap()
        });
        site.put_record(&k, new);
    }

    fn summary(site: &Site) -> (Vec<String>, u8, Vec<Vec<usize>>) {
        let ids = site.records.iter().map(|r| r.id.clone()).collect();
        let m = &site.branches[0].months[0];
        let lectures = site.speakers.iter().map(|s| s.lectures.clone()).collect();
        (ids, m.done.0, lectures)
    }

    #[test]
    fn an_edit_in_place_updates_the_marks_as_a_fresh_load_has_them() {
        let mut site = fixture("meeting").clean();
        edit(
            &mut site,
            "b",
            Some("---\ntitle: b\ndate: 2026-05-12\nkind: lecture\nspeaker: s\n---\n"),
        );
        let fresh = fixture("lecture\nspeaker: s").clean();
        assert_eq!(summary(&site), summary(&fresh));
        let done = site.branches[0].months[0].done;
        assert!(done.contains(Kind::Lecture) && !done.contains(Kind::Meeting));
        assert_eq!(site.speakers[0].lectures, vec![1]);
    }

    #[test]
    fn a_moved_date_or_a_deleted_record_reindexes_as_a_fresh_load() {
        let mut site = fixture("meeting").clean();
        edit(
            &mut site,
            "b",
            Some("---\ntitle: b\ndate: 2026-05-25\nkind: meeting\n---\n"),
        );
        let ids: Vec<&str> = site.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "b"]);
        assert_eq!(site.branches[0].months[0].records, vec![0, 1, 2]);

        edit(&mut site, "c", None);
        let fresh = Fixture::new()
            .speaker("s", "name: 张教授")
            .plain_branch("x")
            .activity("x", "2026-05", "a", 10, "study")
            .activity("x", "2026-05", "b", 25, "meeting")
            .clean();
        assert_eq!(summary(&site), summary(&fresh));
        assert!(!site.branches[0].months[0].done.contains(Kind::Practice));
        assert_eq!(site.find(&key(&site, "b")), Some(1));
    }
}
