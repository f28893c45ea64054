//! `dangri export led`: the pictures of chosen lectures on one profile, in
//! one folder ready to copy onto a USB stick for a control card that plays
//! only pictures. The file names sort in play order (`01-001.png`: lecture,
//! then slide), beside a playlist and a short 说明.txt on loading them.
//!
//! The folder is written in place, since a USB stick is often the target:
//! dangri writes into an empty folder or one it exported to before (a
//! `.dangri-export` file lists what it wrote there, and only those files are
//! replaced).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::deck::Lecture;
use super::font::LedFont;
use super::pictures::{self, Cache};
use crate::model::Site;
use crate::render::strings::Strings;
use crate::screen::LedProfile;

/// The file that marks a folder as written by `dangri export led`.
pub(crate) const MARKER: &str = ".dangri-export";
pub(crate) const README: &str = "说明.txt";

/// What an export wrote.
#[derive(Debug)]
pub(crate) struct Exported {
    pub lectures: usize,
    pub pictures: usize,
    /// Characters the font lacks, with the lectures that have them.
    pub missing: Vec<(usize, Vec<char>)>,
}

/// Writes the pictures of `lectures` (records of `site`, in play order) on
/// profile `p` into `dir`.
pub(crate) fn write(
    site: &Site,
    t: &Strings,
    p: &LedProfile,
    lectures: &[usize],
    font: &LedFont,
    cache: &Cache,
    dir: &Path,
) -> Result<Exported> {
    let old = previous(dir)?;
    // Draw everything before touching the folder.
    let decks: Vec<_> = lectures
        .iter()
        .map(|&i| {
            let lecture = Lecture::new(site, t, i);
            lecture.deck(&lecture.text(), p)
        })
        .collect();
    let drawn: Vec<Vec<Vec<u8>>> = {
        use rayon::prelude::*;
        decks
            .par_iter()
            .map(|d| pictures::pictures(d, font, cache))
            .collect::<Result<_>>()?
    };
    let digits = lectures.len().to_string().len().max(2);
    let per = drawn.iter().map(Vec::len).max().unwrap_or(0);
    let slide_digits = per.to_string().len().max(3);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut m3u = String::from("#EXTM3U\n");
    let mut list = String::new();
    for (n, (deck, pngs)) in decks.iter().zip(drawn).enumerate() {
        let names: Vec<String> = (1..=pngs.len())
            .map(|k| format!("{:0digits$}-{k:0slide_digits$}.png", n + 1))
            .collect();
        let s = deck.seconds();
        for name in &names {
            m3u.push_str(&format!(
                "#EXTINF:{s},{}\n#EXTVLCOPT:image-duration={s}\n{name}\n",
                deck.title
            ));
        }
        list.push_str(&format!(
            "  {:0digits$}  {}（{} 至 {}，共 {} 张）\n",
            n + 1,
            deck.title,
            names.first().map_or("", String::as_str),
            names.last().map_or("", String::as_str),
            names.len()
        ));
        files.extend(names.into_iter().zip(pngs));
    }
    let count = files.len();
    files.push(("playlist.m3u".into(), m3u.into_bytes()));
    files.push((
        README.into(),
        readme(p, lectures.len(), count, &list).into_bytes(),
    ));
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for name in old {
        let path = dir.join(&name);
        if path.is_file() {
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    let mut marker = String::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        marker.push_str(name);
        marker.push('\n');
    }
    let path = dir.join(MARKER);
    fs::write(&path, marker).with_context(|| format!("cannot write {}", path.display()))?;
    let missing = decks
        .iter()
        .map(|d| (d.lecture, super::png::missing(d, font)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    Ok(Exported {
        lectures: lectures.len(),
        pictures: count,
        missing,
    })
}

/// The files an earlier export wrote into `dir`; an error if `dir` holds
/// anything else and was not exported to.
fn previous(dir: &Path) -> Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let empty = entries.count() == 0;
    let marker = dir.join(MARKER);
    match fs::read_to_string(&marker) {
        Ok(text) => Ok(text
            .lines()
            // Names only: a marker never leads outside the folder.
            .filter(|l| !l.is_empty() && !l.contains(['/', '\\']) && !l.starts_with('.'))
            .map(str::to_string)
            .collect()),
        Err(_) if empty => Ok(Vec::new()),
        Err(_) => bail!(
            "{} is not empty and was not written by `dangri export led`: choose an empty or a new folder (dangri replaces only files it wrote)",
            dir.display()
        ),
    }
}

/// 说明.txt: what is in the folder and how the common control cards'
/// software loads it.
fn readme(p: &LedProfile, lectures: usize, pictures: usize, list: &str) -> String {
    let (w, h, s) = (p.width, p.height, p.seconds);
    format!(
        "LED 党课图片（dangri export led 导出）

屏幕：{name}，{w} × {h} 像素；每张图片播放 {s} 秒。
共 {lectures} 讲、{pictures} 张图片。按文件名排序就是播放顺序
（前两位是第几讲，后三位是第几张）。

{list}
装入控制卡（各软件版本的菜单名称可能略有不同）：

一、灰度（Huidu）控制卡：HDPlayer
  1. 新建屏幕或打开已有屏幕，屏幕宽高设为 {w} × {h}。
  2. 新建节目，添加“图片”区域，区域铺满整个屏幕。
  3. 添加文件：选中本文件夹里的全部 .png 图片（按文件名排序）。
  4. 每张图片的停留时间设为 {s} 秒，特效选“立即显示”。
  5. 发送到控制卡，或导出到 U 盘后插到控制卡上更新。

二、仰邦（Onbon）控制卡：LedshowTV 或 LedshowHD
  1. 设置屏参，宽高设为 {w} × {h}。
  2. 新建节目，添加“图文区”（或“图片区”），区域铺满整个屏幕。
  3. 添加全部 .png 图片，停留时间设为 {s} 秒，显示方式选“立即显示”。
  4. 更新到控制卡，或生成 U 盘更新文件。

三、诺瓦（Novastar）Taurus 等多媒体播放盒：ViPlex Express 或 ViPlex Handy
  1. 新建节目，节目宽高设为 {w} × {h}。
  2. 添加媒体“图片”，选中全部 .png 图片。
  3. 每张图片的时长设为 {s} 秒，缩放方式选“原始大小”或“铺满”（图片正好是屏幕大小）。
  4. 发布到终端，或导出到 U 盘后插到播放盒上。

提示：
- 图片已经是屏幕的实际像素大小，不要再缩放或裁剪，否则文字会模糊。
- 能打开网页的播放器可以直接播放网站上的 HTML 幻灯片（/led/{name}/），不需要图片。
- playlist.m3u 是同样顺序的播放列表，VLC 等播放器可以直接打开。
",
        name = p.name
    )
}
