//! `portal.yaml`: the raw file as serde reads it (unknown keys refused),
//! then resolved into where each district's data is on disk.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::strings::Lang;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    districts: Vec<RawDistrict>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistrict {
    name: String,
    url: String,
    data: String,
}

/// The resolved `portal.yaml`.
#[derive(Debug)]
pub(crate) struct PortalConfig {
    pub title: String,
    /// With a trailing slash.
    pub base_url: String,
    pub lang: Lang,
    pub districts: Vec<DistrictSource>,
}

/// One district as `portal.yaml` lists it.
#[derive(Debug)]
pub(crate) struct DistrictSource {
    pub name: String,
    /// The district's own site, with a trailing slash.
    pub url: String,
    /// The district's `data/` folder.
    pub data: PathBuf,
}

/// Reads and resolves `DIR/portal.yaml`.
pub(super) fn load(dir: &Path) -> Result<PortalConfig> {
    let path = dir.join("portal.yaml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    resolve(dir, &text).with_context(|| format!("{}", path.display()))
}

fn resolve(dir: &Path, text: &str) -> Result<PortalConfig> {
    let raw: Raw = serde_yaml::from_str(text)?;
    let lang = match raw.language.as_deref() {
        None => Lang::Zh,
        Some(code) => match Lang::from_code(code) {
            Some(l) => l,
            None => bail!("language: `{code}` is not zh-CN or en"),
        },
    };
    if raw.districts.is_empty() {
        bail!("districts: list at least one district");
    }
    let mut districts = Vec::new();
    for d in raw.districts {
        if !is_http(&d.url) {
            bail!(
                "district {}: url `{}` is not an http(s) address",
                d.name,
                d.url
            );
        }
        let data = data_path(dir, &d.data)
            .with_context(|| format!("district {}: data `{}`", d.name, d.data))?;
        districts.push(DistrictSource {
            url: with_slash(d.url),
            name: d.name,
            data,
        });
    }
    if !is_http(&raw.base_url) {
        bail!("base_url `{}` is not an http(s) address", raw.base_url);
    }
    Ok(PortalConfig {
        title: raw.title,
        base_url: with_slash(raw.base_url),
        lang,
        districts,
    })
}

fn is_http(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

fn with_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// A folder path relative to `dir`, or a `file://` URL (percent-decoded).
fn data_path(dir: &Path, data: &str) -> Result<PathBuf> {
    if let Some(rest) = data.strip_prefix("file://") {
        // `file:///srv/x` (empty host) or `file://localhost/srv/x`.
        let path = rest.strip_prefix("localhost").unwrap_or(rest);
        if !path.starts_with('/') {
            bail!("a file URL must name an absolute path on this machine (file:///…)");
        }
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .context("the file URL does not decode to UTF-8")?;
        return Ok(PathBuf::from(decoded.as_ref()));
    }
    if data.contains("://") {
        bail!("only a folder path or a file:// URL can be read; download the data first");
    }
    Ok(dir.join(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_a_folder_relative_to_the_portal_or_a_file_url() {
        let dir = Path::new("/p");
        assert_eq!(
            data_path(dir, "../h/public/data").unwrap(),
            Path::new("/p/../h/public/data")
        );
        assert_eq!(
            data_path(dir, "file:///srv/%E6%80%9D/data").unwrap(),
            Path::new("/srv/思/data")
        );
        assert!(data_path(dir, "https://x.org/data").is_err());
        assert!(data_path(dir, "file://host/x").is_err());
    }

    #[test]
    fn the_pipeline_examples_portal_yaml_is_read() {
        let c = resolve(
            Path::new("/ci"),
            include_str!("../../docs/scale/portal.yaml"),
        )
        .unwrap();
        assert_eq!(c.districts.len(), 6);
        assert_eq!(c.districts[0].data, Path::new("/ci/districts/data-haicang"));
        // The Kubernetes example carries the same file in its ConfigMap.
        let k8s = include_str!("../../docs/scale/k8s-indexed-job.yaml");
        let inner: String = k8s
            .split("portal.yaml: |\n")
            .nth(1)
            .unwrap()
            .lines()
            .take_while(|l| l.starts_with("    "))
            .map(|l| format!("{}\n", &l[4..]))
            .collect();
        let c = resolve(Path::new("/work/portal"), &inner).unwrap();
        assert_eq!(c.districts[5].data, Path::new("/data/xiangan"));
    }

    #[test]
    fn unknown_keys_and_languages_are_refused() {
        let ok = "title: t\nbase_url: https://p.org\ndistricts:\n  - { name: a, url: https://a.org/, data: a }\n";
        let c = resolve(Path::new("."), ok).unwrap();
        assert_eq!(c.base_url, "https://p.org/");
        assert_eq!(c.lang, Lang::Zh);
        let typo = ok.replace("title:", "titel:");
        assert!(resolve(Path::new("."), &typo).is_err());
        let bad = format!("{ok}language: fr\n");
        assert!(resolve(Path::new("."), &bad).is_err());
    }
}
