//! The records of a site, and which of them a page read.
//!
//! Every record a page shows is read through `Records`' index (or its
//! `iter`, or a card: `shown`), which notes the record while a page is
//! being recorded (`recording`). What a page shows of the records is thus
//! known from rendering it: a test renders every page of the catalogue and
//! checks that `serve`'s dependency map (`crate::deps`) renders the page
//! again when any record it read changes, even by its text alone.
//!
//! `peek` reads a record without noting it. It is only for the fields whose
//! changes the dependency map follows apart, in the states before and after
//! (`deps::What`, `deps::Changes`): a record's place (branch, month, file
//! name), its presence, kind, date, speaker, attendance, location and
//! whether it is on screens. Sorting newest first, filtering the lectures,
//! counting a month's lectures or a year's attendance read those, and
//! re-rendering every page that sorts or counts on every change of a title
//! would make `serve` slow. A page that shows anything else of a record
//! (its title, text, card, pictures) reads it through the index.

use std::cell::{Cell, RefCell};
use std::ops::{Index, IndexMut};

use super::Record;

thread_local! {
    static RECORDING: Cell<bool> = const { Cell::new(false) };
    static READ: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// The records of a site, in the order of their branches, then months,
/// dates and ids.
#[derive(Debug, Default)]
pub struct Records(Vec<Record>);

impl Records {
    pub(crate) fn new(records: Vec<Record>) -> Records {
        Records(records)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every record, each noted as read.
    pub fn iter(&self) -> impl Iterator<Item = &Record> {
        self.0.iter().enumerate().map(|(i, r)| {
            note(i);
            r
        })
    }

    /// A record read for the fields the dependency map follows apart (its
    /// place, presence, kind, date, speaker, attendance, location, `led`),
    /// to order, count or filter records: not noted (see the module's
    /// documentation).
    pub fn peek(&self, i: usize) -> &Record {
        &self.0[i]
    }

    /// Every record, not noted: for the model's own rules and for the
    /// commands that show no page.
    pub fn all(&self) -> &[Record] {
        &self.0
    }

    /// Notes record `i` as read without reading it: for what is built once
    /// from a record and shown by many pages (its card).
    pub fn shown(&self, i: usize) {
        note(i);
    }

    pub(crate) fn all_mut(&mut self) -> &mut Vec<Record> {
        &mut self.0
    }
}

impl Index<usize> for Records {
    type Output = Record;

    fn index(&self, i: usize) -> &Record {
        note(i);
        &self.0[i]
    }
}

impl IndexMut<usize> for Records {
    fn index_mut(&mut self, i: usize) -> &mut Record {
        &mut self.0[i]
    }
}

fn note(i: usize) {
    if RECORDING.with(Cell::get) {
        READ.with(|r| r.borrow_mut().push(i));
    }
}

/// Runs `f` and returns the records it read through `Records` on this
/// thread (indices, sorted, each once). Reads on other threads are not
/// seen: record a page on one thread.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<usize>) {
    let was = RECORDING.with(|r| r.replace(true));
    let outer = READ.with(|r| std::mem::take(&mut *r.borrow_mut()));
    let value = f();
    let mut read = READ.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    RECORDING.with(|r| r.set(was));
    read.sort_unstable();
    read.dedup();
    (value, read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    fn two() -> crate::model::Site {
        Fixture::new()
            .plain_branch("b1")
            .activity("b1", "2026-03", "a", 3, "study")
            .activity("b1", "2026-03", "b", 9, "meeting")
            .clean()
    }

    #[test]
    fn index_and_iter_are_noted_peek_is_not() {
        let site = two();
        let ((), read) = recording(|| {
            let _ = &site.records[1];
            let _ = site.records.peek(0);
        });
        assert_eq!(read, [1]);
        let (n, read) = recording(|| site.records.iter().count());
        assert_eq!((n, read), (2, vec![0, 1]));
        // Nothing is noted outside a recording.
        let _ = &site.records[0];
        let ((), read) = recording(|| ());
        assert!(read.is_empty());
    }

    #[test]
    fn recordings_nest() {
        let site = two();
        let ((inner, ()), outer) = recording(|| {
            let _ = &site.records[0];
            let (_, inner) = recording(|| {
                let _ = &site.records[1];
            });
            (inner, ())
        });
        assert_eq!(inner, [1]);
        assert_eq!(outer, [0]);
    }
}
