//! What an end tag does to the open elements, by insertion mode.

use super::tags::*;
use super::{Element, Mode, Ns, Scope, Tree};

impl Tree {
    pub(super) fn end_tag(&mut self, name: &str) {
        if self.current().is_some_and(|e| e.ns != Ns::Html) {
            if matches!(name, "br" | "p") {
                while self.in_foreign() {
                    self.pop();
                }
            } else {
                let mut html = false;
                for i in (0..self.stack.len()).rev() {
                    let e = &self.stack[i];
                    if e.ns == Ns::Html {
                        html = true;
                        break;
                    }
                    if &*e.name == name {
                        return self.truncate(i);
                    }
                }
                if !html {
                    return;
                }
            }
        }
        self.end_in(self.mode(), name);
    }

    pub(super) fn end_in(&mut self, mode: Mode, name: &str) {
        match mode {
            Mode::Body | Mode::Template => self.end_in_body(name),
            Mode::Table | Mode::TableBody | Mode::Row => self.end_in_table(mode, name),
            Mode::Cell | Mode::Caption => self.end_in_cell(mode, name),
            Mode::ColumnGroup => match name {
                "col" => {}
                "colgroup" if self.current_is(&["colgroup"]) => self.pop(),
                "template" => self.end_template(),
                _ if self.current_is(&["colgroup"]) => {
                    self.pop();
                    self.end_in(self.mode(), name);
                }
                _ => {}
            },
        }
    }

    pub(super) fn end_in_body(&mut self, name: &str) {
        match name {
            "body" | "html" => {}
            "br" => self.reconstruct(),
            "p" => match self.find_named("p", Scope::Button) {
                Some(i) => self.truncate(i),
                // An empty paragraph, opened and closed at once.
                None => self.deepest = self.deepest.max(self.depth() + 1),
            },
            "li" => self.close_named(name, Scope::ListItem),
            "dd" | "dt" => self.close_named(name, Scope::Default),
            "applet" | "marquee" | "object" => self.close_marked(name, Scope::Default),
            "template" => self.end_template(),
            "form" => self.end_form(),
            _ if BLOCK_ENDS.contains(&name) => self.close_named(name, Scope::Default),
            _ if HEADINGS.contains(&name) => {
                if let Some(i) = self.find(|e| e.is_any(HEADINGS), Scope::Default) {
                    self.truncate(i);
                }
            }
            _ if FORMATTING.contains(&name) => self.adopt(name),
            _ => self.any_other_end(name),
        }
    }

    pub(super) fn close_named(&mut self, name: &str, scope: Scope) {
        if let Some(i) = self.find_named(name, scope) {
            self.truncate(i);
        }
    }

    /// Closes an element that put a marker in the formatting elements,
    /// and what it opened since.
    pub(super) fn close_marked(&mut self, name: &str, scope: Scope) {
        if let Some(i) = self.find_named(name, scope) {
            self.truncate(i);
            self.clear_formatting_to_marker();
        }
    }

    /// `</template>` closes the last template, whatever is in between.
    pub(super) fn end_template(&mut self) {
        if let Some(i) = self.stack.iter().rposition(|e| e.is("template")) {
            self.truncate(i);
            self.clear_formatting_to_marker();
        }
    }

    /// `</form>` takes the form out alone; what it holds stays open.
    pub(super) fn end_form(&mut self) {
        if self.template_open() {
            return self.close_named("form", Scope::Default);
        }
        if !std::mem::take(&mut self.form) {
            return;
        }
        if let Some(i) = self.find_named("form", Scope::Default) {
            self.implied_ends("");
            if i < self.stack.len() {
                self.remove_at(i);
            }
        }
    }

    pub(super) fn any_other_end(&mut self, name: &str) {
        for i in (0..self.stack.len()).rev() {
            let e = &self.stack[i];
            if e.is(name) {
                return self.truncate(i);
            }
            if e.is_special() {
                return;
            }
        }
    }

    pub(super) fn end_in_table(&mut self, mode: Mode, name: &str) {
        const ROW: &[&str] = &["tr", "template", "html"];
        const BODY: &[&str] = &["tbody", "tfoot", "thead", "template", "html"];
        match (mode, name) {
            (Mode::Row, "tr") => {
                if self.find_named("tr", Scope::Table).is_some() {
                    self.clear_to(ROW);
                    self.pop();
                }
                return;
            }
            (Mode::Row, "table" | "tbody" | "tfoot" | "thead") => {
                let named = name == "table" || self.find_named(name, Scope::Table).is_some();
                if named && self.find_named("tr", Scope::Table).is_some() {
                    self.clear_to(ROW);
                    self.pop();
                    return self.end_in(self.mode(), name);
                }
                return;
            }
            (Mode::TableBody, "tbody" | "tfoot" | "thead") => {
                if self.find_named(name, Scope::Table).is_some() {
                    self.clear_to(BODY);
                    self.pop();
                }
                return;
            }
            (Mode::TableBody, "table") => {
                let outer = |e: &Element| e.is_any(&["tbody", "tfoot", "thead"]);
                if self.find(outer, Scope::Table).is_some() {
                    self.clear_to(BODY);
                    self.pop();
                    return self.end_in(self.mode(), name);
                }
                return;
            }
            _ => {}
        }
        match name {
            "table" => self.close_named("table", Scope::Table),
            _ if TABLE_IGNORES.contains(&name) => {}
            _ => self.end_in_body(name),
        }
    }

    pub(super) fn end_in_cell(&mut self, mode: Mode, name: &str) {
        let own: &[&str] = if mode == Mode::Cell {
            &["td", "th"]
        } else {
            &["caption"]
        };
        if own.contains(&name) {
            return self.close_marked(name, Scope::Table);
        }
        match name {
            "body" | "caption" | "col" | "colgroup" | "html" => {}
            "table" | "tbody" | "tfoot" | "thead" | "tr" | "td" | "th" => {
                let found = if mode == Mode::Cell {
                    self.find_named(name, Scope::Table).is_some()
                } else {
                    name == "table"
                };
                if !found {
                    return;
                }
                if let Some(i) = self.find(|e| e.is_any(own), Scope::Table) {
                    self.truncate(i);
                    self.clear_formatting_to_marker();
                    self.end_in(self.mode(), name);
                }
            }
            _ => self.end_in_body(name),
        }
    }
}
