//! The HTTP side of `serve`: files from the served folder, `index.html` for folders,
//! percent-encoded Chinese paths, the site's 404 page, HEAD (axum answers
//! HEAD for GET routes), and the error overlay.

use std::sync::Arc;

use anyhow::Result;
use axum::Router;
use axum::body::Body;
use axum::extract::State as Extract;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::State;
use crate::msg::{Command, Lang, Summary};
use crate::text::escape_html;

/// Where tower-livereload's event stream lives.
pub(super) const RELOAD_PREFIX: &str = "/_dangri";

pub(super) async fn serve(
    listener: std::net::TcpListener,
    state: Arc<State>,
    layer: tower_livereload::LiveReloadLayer,
) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new().fallback(file).with_state(state).layer(layer);
    axum::serve(listener, app).await?;
    Ok(())
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

async fn file(Extract(state): Extract<Arc<State>>, uri: Uri) -> Response {
    let path = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8_lossy()
        .into_owned();
    let rel = path.trim_start_matches('/');
    let asks_deferred =
        (rel.starts_with("search/") && !rel.ends_with('/') && !rel.ends_with(".html"))
            || rel.starts_with("data/")
            || rel == "places"
            || rel.starts_with("places/");
    if asks_deferred && state.deferred.load(std::sync::atomic::Ordering::SeqCst) {
        // Rendered when asked for, not on every save.
        let st = state.clone();
        if let Err(e) = tokio::task::spawn_blocking(move || super::refresh_deferred(&st)).await {
            let error = e.to_string();
            let lang = *state.lang.read().unwrap_or_else(|e| e.into_inner());
            eprintln!(
                "error: {}",
                Command::DeferredNotUpdated { error }.text(lang)
            );
        }
    }
    let errors = state
        .errors
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let lang = *state.lang.read().unwrap_or_else(|e| e.into_inner());
    let served = &state.served;
    let index = format!(
        "{}index.html",
        if rel.is_empty() || rel.ends_with('/') {
            rel.to_string()
        } else {
            format!("{rel}/")
        }
    );
    let file = (!rel.is_empty() && !rel.ends_with('/'))
        .then(|| served.read(rel))
        .flatten();
    let (status, name, bytes) = match file {
        Some(b) => (StatusCode::OK, rel.to_string(), b),
        None => match served.read(&index) {
            Some(b) if !rel.is_empty() && !rel.ends_with('/') => {
                // A folder without its slash: relative links need the
                // slash. The address starts with one slash, so that
                // `//host` (or `/\host`, which browsers read alike) can
                // never send the browser away.
                drop(b);
                let local = uri.path().trim_start_matches(['/', '\\']);
                return (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, format!("/{local}/"))],
                )
                    .into_response();
            }
            Some(b) => (StatusCode::OK, index, b),
            None => match served.read("404.html") {
                Some(b) => (StatusCode::NOT_FOUND, "404.html".to_string(), b),
                // No build yet (the first one failed): an HTML page, so
                // that the errors show over it and the browser reloads
                // when they are fixed.
                None => (
                    StatusCode::NOT_FOUND,
                    "404.html".to_string(),
                    NOTHING_BUILT.as_bytes().to_vec(),
                ),
            },
        },
    };
    let built = served.built();
    let ctype = content_type(&name);
    let body = if ctype.starts_with("text/html") && !errors.is_empty() {
        with_overlay(&bytes, &errors, built, lang)
    } else {
        bytes
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, ctype)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// What every address shows before a first good build.
const NOTHING_BUILT: &str = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>dangri</title>\n</head>\n<body>\n<p>dangri serve</p>\n</body>\n</html>\n";

/// The page with the current errors shown over its bottom half; `built`
/// says whether there is a last good build to show.
fn with_overlay(html: &[u8], errors: &[String], built: bool, lang: Lang) -> Vec<u8> {
    let list: String = errors
        .iter()
        .map(|e| format!("{}\n", escape_html(e)))
        .collect();
    let overlay = format!(
        "<div id=\"dangri-errors\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#8b0000;border-top:4px solid #c62828;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647\"><strong>dangri: {}</strong>\n{list}</div>",
        Summary::Overlay {
            errors: errors.len(),
            built
        }
        .text(lang)
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{overlay}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{overlay}").into_bytes(),
    }
}
