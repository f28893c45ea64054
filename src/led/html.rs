//! The HTML writer of decks: a show as a single self-contained HTML file,
//! inline CSS, inline JS, the QR code as inline SVG, no request to anything
//! outside the file. Each slide is a `<section class="slide">`.

use super::deck::{Deck, Line, Role, RunningLine, Slide, SlideRef};
use crate::screen::{LedProfile, Metrics, Palette};
use crate::text::escape_html as esc;

/// Texts of a show that come from the theme's UI strings.
#[derive(Clone)]
pub(super) struct Labels {
    pub lang: &'static str,
    /// The internal build's marker, e.g. 内部资料.
    pub internal: String,
    /// Where the show's pictures are drawn: the words of the small link to
    /// their zip (`pictures::ZIP`, beside the show), e.g. 图片包.
    pub pictures: Option<String>,
}

/// The slides of `deck`, one `<section>` each: a lecture's show, or its
/// part of a channel.
pub(super) fn slides(deck: &Deck) -> String {
    let mut s = String::new();
    for slide in deck.slides() {
        match slide {
            SlideRef::Cover(c) => push_slide(&mut s, "slide cover", c),
            SlideRef::Text(t) => match &deck.running {
                Some(run) => push_running(&mut s, t, run),
                None => push_slide(&mut s, "slide", t),
            },
            SlideRef::Qr(q) => {
                s.push_str("<section class=\"slide qr-slide\">");
                s.push_str(&q.code.drawing().svg(q.side_px(), &q.label));
                if !q.caption.lines.is_empty() {
                    s.push_str("<div class=\"qr-text\">");
                    push_lines(&mut s, &q.caption);
                    s.push_str("</div>");
                }
                s.push_str("</section>\n");
            }
        }
    }
    s
}

fn push_slide(s: &mut String, class: &str, slide: &Slide) {
    s.push_str("<section class=\"");
    s.push_str(class);
    s.push_str("\">");
    push_lines(s, slide);
    s.push_str("</section>\n");
}

/// A text slide with its running line last: `run` makes room for it under
/// the lines, `r` draws it.
fn push_running(s: &mut String, slide: &Slide, run: &RunningLine) {
    s.push_str("<section class=\"slide run\">");
    push_lines(s, slide);
    s.push_str("<p class=\"r\">");
    crate::text::escape_html_into(s, &run.text);
    s.push_str("</section>\n");
}

/// A line is a `<p>` whose end tag is left out (the next `<p>` or the end
/// of the slide closes it): on a lecture's two hundred lines that is most
/// of the markup. Classes: `h` bold and gold (title and headings), `i`
/// indented, `t` title, `m` speaker, branch and date.
fn push_lines(s: &mut String, slide: &Slide) {
    for line in &slide.lines {
        push_line(s, line);
    }
}

fn push_line(s: &mut String, line: &Line) {
    let classes = [
        (line.role.bold(), "h"),
        (line.indent, "i"),
        (line.role == Role::Title, "t"),
        (line.role == Role::Meta, "m"),
    ];
    let mut first = true;
    s.push_str("<p");
    for (_, name) in classes.iter().filter(|(on, _)| *on) {
        s.push_str(if first { " class=\"" } else { " " });
        s.push_str(name);
        first = false;
    }
    if !first {
        s.push('"');
    }
    s.push('>');
    crate::text::escape_html_into(s, &line.text);
}

/// The whole document around the slides.
///
/// The show is a box of exactly the profile's size whose centre is pinned
/// to the window's centre (by CSS, so it holds before the script runs); the
/// script scales it about that centre by `min(window_w / w, window_h / h)`,
/// so that on any window the whole slide shows, as large as fits, its
/// aspect ratio kept, with black bars on the other axis. At the profile's
/// own size it is drawn at 0, 0 unscaled, as a screen of that size expects.
/// A slide's lines are centred vertically in it (a flex column), so that
/// a short slide does not sit at the top; a running line is pinned to the
/// bottom padding, the lines centred in the height above it.
/// The box is positioned absolutely against the window (not in the body's
/// flow), so no ancestor's box clips the scaled slide.
pub(super) fn document(
    title: &str,
    p: &LedProfile,
    m: &Metrics,
    palette: &Palette,
    labels: &Labels,
    slides: &str,
    internal: bool,
) -> String {
    let (w, h, f, pad) = (p.width, p.height, p.font_px, m.padding);
    let ms = u64::from(p.seconds) * 1000;
    let running = m.running(p).map_or(String::new(), |run| {
        format!(
            ".run{{padding-bottom:{bottom}px}}\n.slide p.r{{position:absolute;left:{pad}px;right:{pad}px;bottom:{pad}px;height:{h}px;font-size:{px}px;line-height:{h}px;color:{meta};overflow:hidden}}\n",
            bottom = pad + run.foot,
            h = run.height,
            px = run.px,
            meta = palette.meta,
        )
    });
    let robots = if internal {
        "noindex, nofollow"
    } else {
        "noindex"
    };
    // An internal build marks every file; a show gets a small corner badge.
    let badge = if internal {
        format!(
            "<div class=\"internal-banner\" role=\"note\">{}</div>\n",
            esc(&labels.internal)
        )
    } else {
        String::new()
    };
    // For who loads screens: out of sight until pointed at or tabbed to.
    let pictures = labels.pictures.as_ref().map_or(String::new(), |words| {
        format!(
            "<a class=\"pictures\" href=\"{}\" download>{}</a>\n",
            super::pictures::ZIP,
            esc(words)
        )
    });
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="{robots}">
<title>{title}</title>
<style>
html,body{{margin:0;padding:0;width:100%;height:100%;background:#000;overflow:hidden}}
.show{{position:absolute;left:50%;top:50%;width:{w}px;height:{h}px;margin:-{half_h}px 0 0 -{half_w}px;overflow:hidden}}
.slide{{position:absolute;left:0;top:0;width:{w}px;height:{h}px;box-sizing:border-box;padding:{pad}px;margin:0;overflow:hidden;display:none;background:{bg};color:{text};font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;font-size:{f}px;line-height:1.25;font-weight:normal}}
.slide.active{{display:flex;flex-direction:column;justify-content:center;justify-content:safe center}}
.slide p{{white-space:nowrap;height:1.25em;margin:0}}
.i{{text-indent:2em}}
.h,.t{{color:{heading};font-weight:bold}}
.m{{color:{meta}}}
.cover{{background:{cover}}}
{running}.qr-slide.active{{flex-direction:row;justify-content:flex-start;align-items:center;gap:{pad}px}}
.qr{{display:block;flex:none}}
.qr-text{{color:{text}}}
.internal-banner{{position:fixed;top:0;right:0;z-index:9;background:#c00;color:#fff;font:bold 12px/1.4 sans-serif;padding:1px 4px}}
.pictures{{position:fixed;bottom:0;right:0;z-index:9;background:#fff;color:#000;font:12px/1.4 sans-serif;padding:1px 4px;opacity:0}}.pictures:hover,.pictures:focus{{opacity:1}}
</style>
</head>
<body>
{badge}{pictures}<main class="show" data-seconds="{seconds}">
{slides}</main>
<script>
(function(){{var s=document.querySelectorAll('.slide'),n=s.length,i=0,t,show=document.querySelector('.show');
if(!n)return;s[0].classList.add('active');
function go(k){{s[i].classList.remove('active');i=(k%n+n)%n;s[i].classList.add('active');}}
function tick(){{clearTimeout(t);t=setTimeout(function(){{go(i+1);tick();}},{ms});}}
document.addEventListener('keydown',function(e){{var k=e.key;if(k==='ArrowRight'||k==='ArrowDown'||k==='PageDown'||k===' '){{go(i+1);tick();e.preventDefault();}}else if(k==='ArrowLeft'||k==='ArrowUp'||k==='PageUp'){{go(i-1);tick();e.preventDefault();}}}});
function fit(){{var k=Math.min(innerWidth/{w},innerHeight/{h});show.style.transform=(k>0&&k!==1)?'scale('+k+')':'';}}
addEventListener('resize',fit);fit();tick();}})();
</script>
</body>
</html>
"#,
        lang = labels.lang,
        title = esc(title),
        seconds = p.seconds,
        half_w = f64::from(w) / 2.0,
        half_h = f64::from(h) / 2.0,
        bg = palette.background,
        text = palette.text,
        heading = palette.heading,
        meta = palette.meta,
        cover = palette.cover,
    )
}
