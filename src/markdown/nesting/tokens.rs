//! The tags of an HTML text, cut the way the HTML standard's tokenizer cuts
//! them, fed in pieces. Exact where a mistake would hide tags from the
//! estimate: attribute quotes (a quote only opens a value after `=`),
//! comments, `<script>` text with its `<!--` escapes, raw text elements and
//! CDATA. Character references and the text itself are not kept.

/// What follows a start tag, as the tree decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Content {
    Markup,
    /// Text up to the element's end tag (`<style>`, `<textarea>`, …).
    RawText,
    /// Script text: raw text with the `<!--` `<script>` escapes.
    Script,
}

/// What receives the tags.
pub(super) trait Sink {
    fn start(&mut self, name: &str, attrs: &str, self_closing: bool) -> Content;
    fn end(&mut self, name: &str);
    /// The end tag of the raw text element just opened.
    fn end_raw(&mut self);
    /// A run of text begins.
    fn text(&mut self);
    /// Whether `<![CDATA[` opens a CDATA section here: the current element
    /// is SVG or MathML.
    fn foreign(&self) -> bool;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Data,
    TagOpen,
    EndTagOpen,
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    SelfClosing,
    /// After `<!`: a comment, CDATA or a bogus comment.
    Declaration,
    Comment,
    Bogus,
    CData,
    RawText,
}

/// Where script text is (the standard's script data states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Data,
    Escaped,
    DoubleEscaped,
}

#[derive(Debug, Default)]
pub(super) struct Tokenizer {
    state: State,
    end: bool,
    name: String,
    attrs: String,
    /// The element whose end tag ends the raw text, and for a script its state.
    raw: String,
    script: Option<Script>,
    /// The last bytes of a comment, CDATA, declaration or raw text,
    /// lowercased: enough to see `-->`, `]]>` and `</script`.
    recent: Vec<u8>,
    in_text: bool,
    /// The end tag being read closes raw text: the tree was told already.
    silent: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

impl Tokenizer {
    pub(super) fn feed(&mut self, html: &str, sink: &mut impl Sink) {
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if self.step(bytes[i], sink) {
                i += 1;
            }
        }
    }

    /// Takes one byte; false when the byte must be taken again in the new
    /// state (the standard's "reconsume").
    fn step(&mut self, b: u8, sink: &mut impl Sink) -> bool {
        match self.state {
            State::Data => {
                if b == b'<' {
                    self.state = State::TagOpen;
                    self.in_text = false;
                } else if !self.in_text {
                    self.in_text = true;
                    sink.text();
                }
            }
            State::TagOpen => match b {
                b'/' => self.state = State::EndTagOpen,
                b'!' => self.enter(State::Declaration),
                b'?' => self.state = State::Bogus,
                _ if b.is_ascii_alphabetic() => self.tag(false, b),
                _ => {
                    // A `<` that opens no tag is text.
                    self.state = State::Data;
                    self.in_text = true;
                    sink.text();
                    return false;
                }
            },
            State::EndTagOpen => match b {
                b'>' => self.state = State::Data,
                _ if b.is_ascii_alphabetic() => self.tag(true, b),
                _ => self.state = State::Bogus,
            },
            State::TagName => match b {
                _ if is_space(b) => self.state = State::BeforeAttrName,
                b'/' => self.state = State::SelfClosing,
                b'>' => self.emit(false, sink),
                _ => self.name.push(char::from(b.to_ascii_lowercase())),
            },
            State::BeforeAttrName => match b {
                _ if is_space(b) => {}
                b'/' | b'>' => {
                    self.state = State::AfterAttrName;
                    return false;
                }
                b'=' => {
                    self.attrs.push_str(" =");
                    self.state = State::AttrName;
                }
                _ => {
                    self.attrs.push(' ');
                    self.state = State::AttrName;
                    return false;
                }
            },
            State::AttrName => match b {
                _ if is_space(b) || b == b'/' || b == b'>' => {
                    self.state = State::AfterAttrName;
                    return false;
                }
                b'=' => {
                    self.attrs.push('=');
                    self.state = State::BeforeAttrValue;
                }
                _ => self.attr_byte(b),
            },
            State::AfterAttrName => match b {
                _ if is_space(b) => {}
                b'/' => self.state = State::SelfClosing,
                b'=' => {
                    self.attrs.push('=');
                    self.state = State::BeforeAttrValue;
                }
                b'>' => self.emit(false, sink),
                _ => {
                    self.attrs.push(' ');
                    self.state = State::AttrName;
                    return false;
                }
            },
            State::BeforeAttrValue => match b {
                _ if is_space(b) => {}
                b'"' | b'\'' => self.state = State::Quoted(b),
                b'>' => self.emit(false, sink),
                _ => {
                    self.state = State::Unquoted;
                    return false;
                }
            },
            State::Quoted(q) => {
                if b == q {
                    self.state = State::AfterQuoted;
                } else {
                    self.attr_byte(b);
                }
            }
            State::Unquoted => match b {
                _ if is_space(b) => self.state = State::BeforeAttrName,
                b'>' => self.emit(false, sink),
                _ => self.attr_byte(b),
            },
            State::AfterQuoted => match b {
                _ if is_space(b) => self.state = State::BeforeAttrName,
                b'/' => self.state = State::SelfClosing,
                b'>' => self.emit(false, sink),
                _ => {
                    self.state = State::BeforeAttrName;
                    return false;
                }
            },
            State::SelfClosing => {
                if b == b'>' {
                    self.emit(true, sink);
                } else {
                    self.state = State::BeforeAttrName;
                    return false;
                }
            }
            State::Declaration => self.declaration(b, sink),
            State::Comment => {
                // `<!-->`, `<!--->`, `-->` and `--!>` all end a comment.
                if b == b'>' && (self.recent.ends_with(b"--") || self.recent.ends_with(b"--!")) {
                    self.state = State::Data;
                } else {
                    self.remember(b);
                }
            }
            State::Bogus => {
                if b == b'>' {
                    self.state = State::Data;
                }
            }
            State::CData => {
                if b == b'>' && self.recent.ends_with(b"]]") {
                    self.state = State::Data;
                } else {
                    self.remember(b);
                }
            }
            State::RawText => self.raw_text(b, sink),
        }
        true
    }

    fn enter(&mut self, state: State) {
        self.state = state;
        self.recent.clear();
    }

    fn tag(&mut self, end: bool, first: u8) {
        self.state = State::TagName;
        self.end = end;
        self.name.clear();
        self.name.push(char::from(first.to_ascii_lowercase()));
        self.attrs.clear();
    }

    fn attr_byte(&mut self, b: u8) {
        // Attributes only tell formatting elements apart: bytes will do,
        // lowercased as the standard lowercases names.
        self.attrs.push(char::from(b.to_ascii_lowercase()));
    }

    fn emit(&mut self, self_closing: bool, sink: &mut impl Sink) {
        self.state = State::Data;
        if self.end {
            if !std::mem::take(&mut self.silent) {
                sink.end(&self.name);
            }
            return;
        }
        let content = sink.start(&self.name, &self.attrs, self_closing);
        if content != Content::Markup {
            self.raw.clone_from(&self.name);
            self.script = (content == Content::Script).then_some(Script::Data);
            self.enter(State::RawText);
        }
    }

    fn remember(&mut self, b: u8) {
        if self.recent.len() >= 64 {
            self.recent.drain(..48);
        }
        self.recent.push(b.to_ascii_lowercase());
    }

    /// After `<!`: `--` opens a comment, `[CDATA[` a CDATA section in
    /// foreign content; anything else is a bogus comment up to `>`.
    fn declaration(&mut self, b: u8, sink: &impl Sink) {
        self.recent.push(b);
        let seen = self.recent.as_slice();
        if seen == b"--" {
            // `recent` keeps the dashes, so that `<!-->` ends at once.
            self.state = State::Comment;
            return;
        }
        if seen == b"[CDATA[" {
            self.state = if sink.foreign() {
                State::CData
            } else {
                State::Bogus
            };
            self.recent.clear();
            return;
        }
        if !(b"--".starts_with(seen) || b"[CDATA[".starts_with(seen)) {
            self.state = if b == b'>' { State::Data } else { State::Bogus };
        }
    }

    /// Text up to the end tag of `raw`; in a script, escapes move that end.
    fn raw_text(&mut self, b: u8, sink: &mut impl Sink) {
        let delimiter = is_space(b) || b == b'/' || b == b'>';
        if delimiter && self.ends_with_tag(b"</") {
            if self.script == Some(Script::DoubleEscaped) {
                self.script = Some(Script::Escaped);
            } else {
                // The end tag: reported now, then read to its `>`.
                sink.end_raw();
                self.script = None;
                self.end = true;
                self.silent = true;
                return self.reconsume_delimiter(b);
            }
        } else if delimiter && self.script == Some(Script::Escaped) && self.ends_with_tag(b"<") {
            self.script = Some(Script::DoubleEscaped);
        }
        self.remember(b);
        match self.script {
            Some(Script::Data) if self.recent.ends_with(b"<!--") => {
                self.script = Some(Script::Escaped);
            }
            Some(Script::Escaped | Script::DoubleEscaped) if self.recent.ends_with(b"-->") => {
                self.script = Some(Script::Data);
            }
            _ => {}
        }
    }

    /// The byte after an end tag's name, as the tag name state takes it.
    fn reconsume_delimiter(&mut self, b: u8) {
        self.state = match b {
            b'>' => State::Data,
            b'/' => State::SelfClosing,
            _ => State::BeforeAttrName,
        };
        if b == b'>' {
            self.silent = false;
        }
    }

    /// Whether the raw text so far ends with `open` and the raw element's name.
    fn ends_with_tag(&self, open: &[u8]) -> bool {
        let name = self.raw.as_bytes();
        self.recent.ends_with(name) && self.recent[..self.recent.len() - name.len()].ends_with(open)
    }
}
