//! Generates a site whose records carry many 12-megapixel photos, for the
//! photo benchmark in docs/benchmarks.md:
//!
//! ```sh
//! cargo run --release --example gen_photos -- --photos 2000 --out /dev/shm/photos
//! ```
//!
//! Twenty distinct pictures are encoded once; every copy gets its own JPEG
//! comment segment, so that each file has different bytes (and a cache keyed
//! by content cannot share work between them) but decodes the same.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

const BASES: usize = 20;
const PER_BRANCH: usize = 100;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> io::Result<()> {
    let mut photos = 2000usize;
    let mut out = PathBuf::from("photo-site");
    let (mut width, mut height) = (4000u32, 3000u32);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| io::Error::other(format!("{a} needs a value")))
        };
        match a.as_str() {
            "--photos" => photos = value()?.parse().map_err(io::Error::other)?,
            "--out" => out = PathBuf::from(value()?),
            "--size" => {
                let v = value()?;
                let (w, h) = v
                    .split_once('x')
                    .ok_or_else(|| io::Error::other("--size WxH"))?;
                width = w.parse().map_err(io::Error::other)?;
                height = h.parse().map_err(io::Error::other)?;
            }
            _ => {
                return Err(io::Error::other(format!(
                    "unknown argument {a}; use --photos N --out DIR [--size 4000x3000]"
                )));
            }
        }
    }
    if out.exists() && fs::read_dir(&out)?.next().is_some() {
        return Err(io::Error::other(format!("{} is not empty", out.display())));
    }
    let started = std::time::Instant::now();
    let bases: Vec<Vec<u8>> = (0..BASES)
        .into_par_iter()
        .map(|k| picture(k, width, height))
        .collect();
    let content = out.join("content");
    write(
        &content.join("site.yaml"),
        "title: 照片基准测试\nbase_url: https://example.org/\n",
    )?;
    let branches = photos.div_ceil(PER_BRANCH);
    (0..branches).into_par_iter().try_for_each(|b| -> io::Result<()> {
        let dir = content.join(format!("branches/p{b:03}"));
        write(&dir.join("_index.md"), &format!("---\nname: 第{b}照片支部\ncommittee: 照片党委\n---\n"))?;
        let month = dir.join("2026-05");
        for n in 0..PER_BRANCH.min(photos - b * PER_BRANCH) {
            let id = b * PER_BRANCH + n;
            write(
                &month.join(format!("r{n:03}.md")),
                &format!(
                    "---\ntitle: 志愿服务第{id}次\ndate: 2026-05-{:02}\nkind: 做\nphotos:\n  - src: p{n:03}.jpg\n    caption: 志愿服务现场照片{id}\n---\n党员参加志愿服务。\n",
                    n % 28 + 1
                ),
            )?;
            write_bytes(&month.join(format!("p{n:03}.jpg")), &unique(&bases[id % BASES], id))?;
        }
        Ok(())
    })?;
    eprintln!(
        "{photos} photos of {width} × {height} in {} branches, {:.1} s",
        branches,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A picture with enough detail to compress like a photo.
fn picture(k: usize, w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ k as u64;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let noise = (seed >> 62) as u32;
        let r = (x * 255 / w + noise * 3) as u8;
        let g = (y * 255 / h + noise * 2) as u8;
        let b = ((x + y + k as u32 * 37) % 256) as u8;
        image::Rgb([r, g, b])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .encode_image(&img)
        .map(|_| out)
        .unwrap_or_default()
}

/// The JPEG with a comment segment naming `id` right after its start marker.
fn unique(jpeg: &[u8], id: usize) -> Vec<u8> {
    let text = format!("dangri benchmark photo {id}");
    let len = (text.len() + 2) as u16;
    let mut out = Vec::with_capacity(jpeg.len() + text.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xff, 0xfe]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    write_bytes(path, text.as_bytes())
}

fn write_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| io::Error::other(format!("{}: {e}", dir.display())))?;
    }
    fs::write(path, bytes).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))
}
