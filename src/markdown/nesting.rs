//! How deep the HTML of a body nests, estimated in one pass the way
//! html5ever, the parser inside the sanitizer, builds it. That parser looks
//! through its open elements, and through the formatting elements (`<b>`,
//! `<font>`, …) it keeps open, at nearly every tag, and opens those
//! formatting elements again in each new block: 100,000 nested `<div>` took
//! it 16 s, and 5,000 paragraphs that each left a `<b id=…>` open grew an
//! 87 MB page in 40 s. A body past the limits here is never handed to it.
//!
//! The estimate follows the HTML standard's tokenizer and tree rules as
//! html5ever 0.40 (ammonia's) implements them, for the body, tables,
//! templates, SVG and MathML and the formatting elements. Where it
//! simplifies, it counts deeper, never shallower: a property test holds it
//! against the tree the sanitizer builds.

mod end;
mod formatting;
mod start;
mod tags;
#[cfg(test)]
mod tests;
mod tokens;

use std::collections::HashSet;

use tags::{IMPLIED_ENDS, MATHML_INTEGRATION_POINTS, SPECIAL, SVG_INTEGRATION_POINTS};
use tokens::{Content, Sink, Tokenizer};

/// More open elements than this: no page nests a tenth as deep.
pub(crate) const MAX_DEPTH: usize = 256;
/// More formatting elements kept open than this: each new paragraph would
/// open them all again.
pub(crate) const MAX_FORMATTING: usize = 32;

/// The estimate, fed the HTML in pieces.
#[derive(Debug, Default)]
pub(super) struct Nesting {
    tokenizer: Tokenizer,
    tree: Tree,
}

impl Nesting {
    pub(super) fn feed(&mut self, html: &str) {
        if !self.tree.exceeded {
            self.tokenizer.feed(html, &mut self.tree);
        }
    }

    /// True once the HTML went past `MAX_DEPTH` or `MAX_FORMATTING`.
    pub(super) fn exceeded(&self) -> bool {
        self.tree.exceeded
    }

    /// How deep the deepest element so far is.
    #[cfg(test)]
    pub(super) fn deepest(&self) -> usize {
        self.tree.deepest
    }
}

/// The standard's insertion modes that change what a tag does here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Table,
    TableBody,
    Row,
    Cell,
    Caption,
    ColumnGroup,
    Template,
}

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    MathMl,
}

#[derive(Debug)]
struct Element {
    name: Box<str>,
    ns: Ns,
    id: u32,
    /// How many elements it is inside, itself included: more than its place
    /// in the stack once `</form>` took out an element below it alone.
    depth: usize,
}

/// An entry of the list of active formatting elements.
#[derive(Debug)]
struct Formatting {
    /// The element that stands for it now (a reopened copy has a new id).
    id: u32,
    name: Box<str>,
    attrs: Box<str>,
}

#[derive(Debug, Default)]
struct Tree {
    stack: Vec<Element>,
    /// The elements of `stack` (by index) that set the insertion mode.
    modes: Vec<(usize, Mode)>,
    /// The active formatting elements; `None` is a marker (a cell, a
    /// caption, an object: what they open is closed with them).
    formatting: Vec<Option<Formatting>>,
    /// How many of `formatting` are not markers.
    formatting_count: usize,
    /// The ids of the elements in `stack`.
    open: HashSet<u32>,
    next_id: u32,
    /// The standard's form element pointer is set.
    form: bool,
    /// After `<plaintext>` everything is text.
    plaintext: bool,
    deepest: usize,
    exceeded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}

impl Element {
    fn is(&self, name: &str) -> bool {
        self.ns == Ns::Html && &*self.name == name
    }

    fn is_any(&self, names: &[&str]) -> bool {
        self.ns == Ns::Html && names.contains(&&*self.name)
    }

    fn is_integration_point(&self) -> bool {
        match self.ns {
            Ns::Html => false,
            Ns::Svg => SVG_INTEGRATION_POINTS.contains(&&*self.name),
            Ns::MathMl => MATHML_INTEGRATION_POINTS.contains(&&*self.name),
        }
    }

    fn is_special(&self) -> bool {
        self.is_any(SPECIAL) || self.is_integration_point()
    }

    fn bounds(&self, scope: Scope) -> bool {
        match scope {
            Scope::Default | Scope::Button | Scope::ListItem => {
                self.is_any(&[
                    "applet", "caption", "html", "table", "td", "th", "marquee", "object",
                    "select", "template",
                ]) || self.is_integration_point()
                    || (scope == Scope::Button && self.is("button"))
                    || (scope == Scope::ListItem && self.is_any(&["ol", "ul"]))
            }
            Scope::Table => self.is_any(&["html", "table", "template"]),
        }
    }

    /// The insertion mode this element sets.
    fn mode(&self) -> Option<Mode> {
        if self.ns != Ns::Html {
            return None;
        }
        Some(match &*self.name {
            "td" | "th" => Mode::Cell,
            "tr" => Mode::Row,
            "tbody" | "thead" | "tfoot" => Mode::TableBody,
            "caption" => Mode::Caption,
            "colgroup" => Mode::ColumnGroup,
            "table" => Mode::Table,
            "template" => Mode::Template,
            _ => return None,
        })
    }
}

impl Sink for Tree {
    fn start(&mut self, name: &str, attrs: &str, self_closing: bool) -> Content {
        if self.exceeded || self.plaintext {
            return Content::Markup;
        }
        let content = self.start_tag(name, attrs, self_closing);
        self.measure();
        content
    }

    fn end(&mut self, name: &str) {
        if !self.exceeded && !self.plaintext {
            self.end_tag(name);
        }
    }

    fn end_raw(&mut self) {
        if !self.exceeded && !self.plaintext {
            self.pop();
        }
    }

    fn text(&mut self) {
        if self.exceeded || self.plaintext || self.in_foreign() {
            return;
        }
        // Text ends a column group; in a table it is put before the table,
        // by the body's rules (where it is not all spaces).
        if self.mode() == Mode::ColumnGroup && self.current_is(&["colgroup"]) {
            self.pop();
        }
        self.reconstruct();
        self.measure();
    }

    fn foreign(&self) -> bool {
        self.current().is_some_and(|e| e.ns != Ns::Html)
    }
}

impl Tree {
    fn measure(&mut self) {
        self.deepest = self.deepest.max(self.depth());
        if self.deepest > MAX_DEPTH || self.formatting_count > MAX_FORMATTING {
            self.exceeded = true;
        }
    }

    /// The depth of the current node: at least the number of open elements.
    fn depth(&self) -> usize {
        self.current().map_or(0, |e| e.depth)
    }

    fn mode(&self) -> Mode {
        self.modes.last().map_or(Mode::Body, |&(_, m)| m)
    }

    fn current(&self) -> Option<&Element> {
        self.stack.last()
    }

    fn current_is(&self, names: &[&str]) -> bool {
        self.current().is_some_and(|e| e.is_any(names))
    }

    /// Whether tags are read as SVG or MathML here.
    fn in_foreign(&self) -> bool {
        self.current()
            .is_some_and(|e| e.ns != Ns::Html && !e.is_integration_point())
    }

    fn push(&mut self, name: &str, ns: Ns) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        let e = Element {
            name: name.into(),
            ns,
            id,
            depth: self.depth() + 1,
        };
        if let Some(mode) = e.mode() {
            self.modes.push((self.stack.len(), mode));
        }
        self.stack.push(e);
        self.open.insert(id);
        id
    }

    fn pop(&mut self) {
        let Some(e) = self.stack.pop() else { return };
        self.open.remove(&e.id);
        if self
            .modes
            .last()
            .is_some_and(|&(i, _)| i == self.stack.len())
        {
            self.modes.pop();
        }
    }

    /// Pops elements until `len` are left.
    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// Takes out the element at `i` alone (`</form>` and the adoption
    /// agency do).
    fn remove_at(&mut self, i: usize) -> Element {
        let e = self.stack.remove(i);
        self.open.remove(&e.id);
        for (at, _) in &mut self.modes {
            if *at > i {
                *at -= 1;
            }
        }
        e
    }

    /// Puts a formatting element in at `i` (the adoption agency does).
    fn insert_at(&mut self, i: usize, e: Element) {
        self.open.insert(e.id);
        self.stack.insert(i, e);
        for (at, _) in &mut self.modes {
            if *at >= i {
                *at += 1;
            }
        }
    }

    /// Where the nearest element `is` is in `scope`, walking down from the
    /// current node.
    fn find(&self, is: impl Fn(&Element) -> bool, scope: Scope) -> Option<usize> {
        for (i, e) in self.stack.iter().enumerate().rev() {
            if is(e) {
                return Some(i);
            }
            if e.bounds(scope) {
                return None;
            }
        }
        None
    }

    fn find_named(&self, name: &str, scope: Scope) -> Option<usize> {
        self.find(|e| e.is(name), scope)
    }

    /// Pops until the current node is one of `names` (or nothing is left).
    fn clear_to(&mut self, names: &[&str]) {
        while self.current().is_some_and(|e| !e.is_any(names)) {
            self.pop();
        }
    }

    fn close_p(&mut self) {
        if let Some(i) = self.find_named("p", Scope::Button) {
            self.truncate(i);
        }
    }

    /// The standard's "generate implied end tags", except for `except`.
    fn implied_ends(&mut self, except: &str) {
        while self
            .current()
            .is_some_and(|e| e.is_any(IMPLIED_ENDS) && !e.is(except))
        {
            self.pop();
        }
    }
}
