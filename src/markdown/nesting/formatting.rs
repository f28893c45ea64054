//! The formatting elements (`<b>`, `<font>`, …) the parser keeps open
//! across blocks and opens again, and the end tags that close them.

use super::{Element, Formatting, Ns, Scope, Tree};

impl Tree {
    pub(super) fn last_marker(&self) -> usize {
        self.formatting
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |i| i + 1)
    }

    pub(super) fn formatting_named(&self, name: &str) -> Option<usize> {
        let from = self.last_marker();
        self.formatting[from..]
            .iter()
            .rposition(|f| f.as_ref().is_some_and(|f| &*f.name == name))
            .map(|k| from + k)
    }

    pub(super) fn remove_formatting(&mut self, k: usize) {
        if self.formatting.remove(k).is_some() {
            self.formatting_count -= 1;
        }
    }

    pub(super) fn clear_formatting_to_marker(&mut self) {
        while let Some(f) = self.formatting.pop() {
            match f {
                Some(_) => self.formatting_count -= 1,
                None => break,
            }
        }
    }

    /// Opens a formatting element; at most three alike stay in the list
    /// (the standard's "Noah's Ark" clause).
    pub(super) fn push_formatting(&mut self, name: &str, attrs: &str) {
        let from = self.last_marker();
        let alike = |f: &Option<Formatting>| {
            f.as_ref()
                .is_some_and(|f| &*f.name == name && &*f.attrs == attrs)
        };
        if self.formatting[from..].iter().filter(|f| alike(f)).count() >= 3
            && let Some(k) = self.formatting[from..].iter().position(alike)
        {
            self.remove_formatting(from + k);
        }
        let id = self.push(name, Ns::Html);
        self.formatting.push(Some(Formatting {
            id,
            name: name.into(),
            attrs: attrs.into(),
        }));
        self.formatting_count += 1;
    }

    /// Opens again the formatting elements that text or a tag closed
    /// without their own end tag.
    pub(super) fn reconstruct(&mut self) {
        let is_open = |f: &Option<Formatting>| f.as_ref().is_none_or(|f| self.open.contains(&f.id));
        let Some(last) = self.formatting.last() else {
            return;
        };
        if is_open(last) {
            return;
        }
        let mut k = self.formatting.len() - 1;
        while k > 0 && !is_open(&self.formatting[k - 1]) {
            k -= 1;
        }
        for j in k..self.formatting.len() {
            let Some(name) = self.formatting[j].as_ref().map(|f| f.name.clone()) else {
                continue;
            };
            let id = self.push(&name, Ns::Html);
            if let Some(f) = &mut self.formatting[j] {
                f.id = id;
            }
        }
    }

    /// The end tag of a formatting element: the standard's adoption
    /// agency, for what it does to the open elements (not to the tree).
    pub(super) fn adopt(&mut self, name: &str) {
        if let Some(e) = self.current()
            && e.is(name)
            && self.formatting_of(e.id).is_none()
        {
            return self.pop();
        }
        for _ in 0..8 {
            let Some(k) = self.formatting_named(name) else {
                return self.any_other_end(name);
            };
            let id = self.formatting[k].as_ref().map_or(u32::MAX, |f| f.id);
            let Some(i) = self.stack.iter().rposition(|e| e.id == id) else {
                return self.remove_formatting(k);
            };
            if self.stack[i + 1..].iter().any(|e| e.bounds(Scope::Default)) {
                return;
            }
            let Some(block) = (i + 1..self.stack.len()).find(|&j| self.stack[j].is_special())
            else {
                self.truncate(i);
                return self.remove_formatting(k);
            };
            self.adopt_below(i, block);
        }
    }

    /// The formatting element at `i` moves into the block at `block`:
    /// what is between and not a formatting element is closed, the
    /// formatting elements between are reopened, and a copy of the element
    /// takes its place just above the block.
    pub(super) fn adopt_below(&mut self, i: usize, mut block: usize) {
        let mut node = block;
        let mut counter = 0;
        loop {
            counter += 1;
            node -= 1;
            if node == i {
                break;
            }
            let mut entry = self.formatting_of(self.stack[node].id);
            if counter > 3
                && let Some(p) = entry.take()
            {
                self.remove_formatting(p);
            }
            match entry {
                None => {
                    self.remove_at(node);
                    block -= 1;
                }
                Some(p) => {
                    let copy = self.renew(node);
                    if let Some(f) = &mut self.formatting[p] {
                        f.id = copy;
                    }
                }
            }
        }
        let old = self.stack[i].id;
        let p = self.formatting_of(old);
        let e = self.remove_at(i);
        block -= 1;
        let copy = self.next_id;
        self.next_id += 1;
        let depth = self.stack[block].depth + 1;
        self.insert_at(
            block + 1,
            Element {
                id: copy,
                depth,
                ..e
            },
        );
        if let Some(f) = p.and_then(|p| self.formatting[p].as_mut()) {
            f.id = copy;
        }
    }

    /// Where the element `id` is in the list of formatting elements.
    pub(super) fn formatting_of(&self, id: u32) -> Option<usize> {
        self.formatting
            .iter()
            .position(|f| f.as_ref().is_some_and(|f| f.id == id))
    }

    /// Gives the element at `i` a new id (the standard makes a copy).
    pub(super) fn renew(&mut self, i: usize) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        self.open.remove(&self.stack[i].id);
        self.open.insert(id);
        self.stack[i].id = id;
        id
    }
}
