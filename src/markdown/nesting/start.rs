//! What a start tag does to the open elements, by insertion mode.

use super::tags::*;
use super::tokens::Content;
use super::{Element, Mode, Ns, Scope, Tree};

impl Tree {
    pub(super) fn start_tag(&mut self, name: &str, attrs: &str, self_closing: bool) -> Content {
        if self.in_foreign() {
            let breaks_out = BREAKOUT.contains(&name)
                || (name == "font" && ["color", "face", "size"].iter().any(|a| attrs.contains(a)));
            if !breaks_out {
                let ns = self.current().map_or(Ns::Html, |e| e.ns);
                if self_closing {
                    // Opened and closed at once.
                    self.deepest = self.deepest.max(self.depth() + 1);
                } else {
                    self.push(name, ns);
                }
                return Content::Markup;
            }
            while self.in_foreign() {
                self.pop();
            }
        }
        self.start_in(self.mode(), name, attrs, self_closing)
    }

    pub(super) fn start_in(&mut self, mode: Mode, name: &str, attrs: &str, sc: bool) -> Content {
        match mode {
            Mode::Body => self.start_in_body(name, attrs, sc),
            Mode::Table | Mode::TableBody | Mode::Row => self.start_in_table(mode, name, attrs, sc),
            Mode::Cell | Mode::Caption => {
                if !TABLE_PARTS.contains(&name) {
                    return self.start_in_body(name, attrs, sc);
                }
                let cell = if mode == Mode::Cell {
                    self.find(|e| e.is_any(&["td", "th"]), Scope::Table)
                } else {
                    self.find_named("caption", Scope::Table)
                };
                match cell {
                    Some(i) => {
                        self.truncate(i);
                        self.clear_formatting_to_marker();
                        self.start_in(self.mode(), name, attrs, sc)
                    }
                    None => Content::Markup,
                }
            }
            Mode::ColumnGroup => match name {
                "col" | "html" => Content::Markup,
                "template" => self.start_in_body(name, attrs, sc),
                _ if self.current_is(&["colgroup"]) => {
                    self.pop();
                    self.start_in(self.mode(), name, attrs, sc)
                }
                _ => Content::Markup,
            },
            Mode::Template => self.start_in_template(name, attrs, sc),
        }
    }

    /// The first tag in a template sets how the template reads the rest:
    /// as table parts, a column group or a body.
    pub(super) fn start_in_template(&mut self, name: &str, attrs: &str, sc: bool) -> Content {
        let mode = match name {
            "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script" | "style"
            | "template" | "title" => return self.start_in_body(name, attrs, sc),
            "caption" | "colgroup" | "tbody" | "tfoot" | "thead" => Mode::Table,
            "col" => Mode::ColumnGroup,
            "tr" => Mode::TableBody,
            "td" | "th" => Mode::Row,
            _ => Mode::Body,
        };
        if let Some(last) = self.modes.last_mut() {
            last.1 = mode;
        }
        self.start_in(mode, name, attrs, sc)
    }

    pub(super) fn start_in_body(&mut self, name: &str, attrs: &str, sc: bool) -> Content {
        match name {
            "html" | "body" | "head" | "frameset" | "frame" | "caption" | "col" | "colgroup"
            | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" | "base" | "basefont"
            | "bgsound" | "link" | "meta" | "param" | "source" | "track" => {}
            "script" => {
                self.push(name, Ns::Html);
                return Content::Script;
            }
            "style" | "noframes" | "noscript" | "iframe" | "noembed" | "textarea" | "title" => {
                self.push(name, Ns::Html);
                return Content::RawText;
            }
            "xmp" => {
                self.close_p();
                self.reconstruct();
                self.push(name, Ns::Html);
                return Content::RawText;
            }
            "plaintext" => {
                self.close_p();
                self.plaintext = true;
            }
            "template" => {
                self.push(name, Ns::Html);
                self.formatting.push(None);
            }
            "svg" | "math" => {
                self.reconstruct();
                if sc {
                    self.deepest = self.deepest.max(self.depth() + 1);
                } else {
                    self.push(name, if name == "svg" { Ns::Svg } else { Ns::MathMl });
                }
            }
            "form" => {
                if !self.form || self.template_open() {
                    self.close_p();
                    self.push(name, Ns::Html);
                    self.form = !self.template_open();
                }
            }
            "li" | "dd" | "dt" => {
                self.close_list_item(name);
                self.close_p();
                self.push(name, Ns::Html);
            }
            _ if HEADINGS.contains(&name) => {
                self.close_p();
                if self.current_is(HEADINGS) {
                    self.pop();
                }
                self.push(name, Ns::Html);
            }
            _ if CLOSES_P.contains(&name) => {
                self.close_p();
                self.push(name, Ns::Html);
            }
            "table" => {
                self.close_p();
                self.push(name, Ns::Html);
            }
            "hr" => {
                self.close_p();
                if self.find_named("select", Scope::Default).is_some() {
                    self.implied_ends("");
                }
            }
            "button" => {
                if let Some(i) = self.find_named("button", Scope::Default) {
                    self.truncate(i);
                }
                self.reconstruct();
                self.push(name, Ns::Html);
            }
            "a" => {
                if self.formatting_named("a").is_some() {
                    self.adopt("a");
                }
                self.reconstruct();
                self.push_formatting(name, attrs);
            }
            "nobr" => {
                self.reconstruct();
                if self.find_named("nobr", Scope::Default).is_some() {
                    self.adopt("nobr");
                    self.reconstruct();
                }
                self.push_formatting(name, attrs);
            }
            _ if FORMATTING.contains(&name) => {
                self.reconstruct();
                self.push_formatting(name, attrs);
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct();
                self.push(name, Ns::Html);
                self.formatting.push(None);
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "image" => self.reconstruct(),
            "select" => match self.find_named("select", Scope::Default) {
                Some(i) => self.truncate(i),
                None => {
                    self.reconstruct();
                    self.push(name, Ns::Html);
                }
            },
            "optgroup" | "option" => {
                if self.find_named("select", Scope::Default).is_some() {
                    self.implied_ends(if name == "option" { "optgroup" } else { "" });
                } else if self.current_is(&["option"]) {
                    self.pop();
                }
                self.reconstruct();
                self.push(name, Ns::Html);
            }
            "input" => {
                if let Some(i) = self.find_named("select", Scope::Default) {
                    self.truncate(i);
                }
                self.reconstruct();
            }
            "rb" | "rtc" | "rp" | "rt" => {
                if self.find_named("ruby", Scope::Default).is_some() {
                    let except = if matches!(name, "rp" | "rt") {
                        "rtc"
                    } else {
                        ""
                    };
                    self.implied_ends(except);
                }
                self.push(name, Ns::Html);
            }
            _ => {
                self.reconstruct();
                self.push(name, Ns::Html);
            }
        }
        Content::Markup
    }

    pub(super) fn template_open(&self) -> bool {
        self.stack.iter().any(|e| e.is("template"))
    }

    /// `<li>` closes the open `<li>` (`<dd>`, `<dt>` the open `<dd>` or
    /// `<dt>`) unless a block other than `<address>`, `<div>`, `<p>` is
    /// between.
    pub(super) fn close_list_item(&mut self, name: &str) {
        let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
        for i in (0..self.stack.len()).rev() {
            let e = &self.stack[i];
            if e.is_any(closes) {
                return self.truncate(i);
            }
            if e.is_special() && !e.is_any(&["address", "div", "p"]) {
                return;
            }
        }
    }

    pub(super) fn start_in_table(
        &mut self,
        mode: Mode,
        name: &str,
        attrs: &str,
        sc: bool,
    ) -> Content {
        const ROW: &[&str] = &["tr", "template", "html"];
        const BODY: &[&str] = &["tbody", "tfoot", "thead", "template", "html"];
        const TABLE: &[&str] = &["table", "template", "html"];
        match (mode, name) {
            (Mode::Row, "th" | "td") => {
                self.clear_to(ROW);
                self.push(name, Ns::Html);
                self.formatting.push(None);
                return Content::Markup;
            }
            (Mode::Row, "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr") => {
                if self.find_named("tr", Scope::Table).is_some() {
                    self.clear_to(ROW);
                    self.pop();
                    return self.start_in(self.mode(), name, attrs, sc);
                }
                return Content::Markup;
            }
            (Mode::TableBody, "tr") => {
                self.clear_to(BODY);
                self.push(name, Ns::Html);
                return Content::Markup;
            }
            (Mode::TableBody, "th" | "td") => {
                self.clear_to(BODY);
                self.push("tr", Ns::Html);
                return self.start_in(Mode::Row, name, attrs, sc);
            }
            (Mode::TableBody, "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead") => {
                let outer = |e: &Element| e.is_any(&["table", "tbody", "tfoot", "thead"]);
                if self.find(outer, Scope::Table).is_some() {
                    self.clear_to(BODY);
                    self.pop();
                    return self.start_in(self.mode(), name, attrs, sc);
                }
                return Content::Markup;
            }
            _ => {}
        }
        match name {
            "caption" => {
                self.clear_to(TABLE);
                self.formatting.push(None);
                self.push(name, Ns::Html);
            }
            "colgroup" | "tbody" | "tfoot" | "thead" => {
                self.clear_to(TABLE);
                self.push(name, Ns::Html);
            }
            "col" => {
                self.clear_to(TABLE);
                self.push("colgroup", Ns::Html);
            }
            "td" | "th" | "tr" => {
                self.clear_to(TABLE);
                self.push("tbody", Ns::Html);
                return self.start_in(Mode::TableBody, name, attrs, sc);
            }
            "table" => {
                if let Some(i) = self.find_named("table", Scope::Table) {
                    self.truncate(i);
                    return self.start_in(self.mode(), name, attrs, sc);
                }
            }
            "style" | "script" | "template" => return self.start_in_body(name, attrs, sc),
            "input" if attrs.contains("type=hidden") => {}
            // An empty form, opened and closed at once.
            "form" => {
                if !self.form && !self.template_open() {
                    self.form = true;
                    self.deepest = self.deepest.max(self.depth() + 1);
                }
            }
            // Put before the table ("foster parenting"), by the body's rules.
            _ => return self.start_in_body(name, attrs, sc),
        }
        Content::Markup
    }
}
