//! Messages about files: where they are, what they are named, what they
//! are made of, and what links and pictures in them point at.

use super::{Lang, tr};

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Files {
    ControlChar {
        code: u32,
        more: usize,
    },
    NotUtf8,
    /// `error`: the system's words.
    CannotRead {
        error: String,
    },
    LinkOutside {
        target: String,
    },
    LinkToNothing,
    LinkLoop {
        ancestor: String,
    },
    NameNotUtf8,
    /// `记录.md.txt`: the name it should have.
    ExtraExtension {
        fixed: String,
    },
    WordDocument,
    TextFile,
    NotPublished,
    MisnamedMarkdown {
        name: String,
        fixed: String,
    },
    UnknownFolder,
    UnknownFile,
    RecordOutsideMonth,
    FolderInMonth,
    NotAMonthFolder {
        name: String,
    },
    ImpossibleYear {
        name: String,
        year: u16,
        first: u16,
    },
    /// The font check of `check`: `error` is why no font is usable.
    NoLedFontCheck {
        error: String,
    },
    NoText,
    PhotoWithoutCaption {
        src: String,
    },
    PictureWithoutCaption {
        target: String,
    },
    LinkToInternal {
        target: String,
    },
    LinkToWithheldPicture {
        target: String,
    },
    /// `place`: the folder looked in, `content/…`, or `None` outside it.
    BrokenLink {
        target: String,
        image: bool,
        place: Option<String>,
    },
    NamedTwice {
        name: String,
        list: String,
    },
    NamedInTwoLists {
        name: String,
        first: String,
        list: String,
    },
    SameTitle {
        ym: String,
        others: String,
    },
    CannotReadPicture {
        error: String,
    },
    CannotUpdateCache {
        error: String,
    },
    PictureFormat,
    PictureCutOff,
    PictureTooManyPixels {
        w: u32,
        h: u32,
    },
    /// `detail`: the decoder's words.
    PictureTooLarge {
        detail: String,
        max_side: u32,
    },
    PictureUndecodable {
        detail: String,
    },
    PictureLibraryFailed {
        why: String,
    },
    /// The metadata of a picture published as it is cannot be removed.
    JpegCutOff,
    JpegDamaged,
    PngDamaged,
    WebpDamaged,
    CannotResize {
        detail: String,
    },
    CannotEncode {
        detail: String,
    },
    /// Writing a picture into the output failed (the system's words).
    CannotWritePicture {
        detail: String,
    },
    /// Two spellings, each with where it is used first and in how many
    /// more records.
    PlaceTwoWays {
        first: String,
        first_uses: (String, usize),
        second: String,
        second_uses: (String, usize),
    },
}

/// The attendance lists by their Chinese names; they end in a full-width
/// bracket, which takes no space after it.
fn list_zh(list: &str) -> &str {
    match list {
        "present" => "present（实到）",
        "excused" => "excused（请假）",
        "absent" => "absent（缺席）",
        other => other,
    }
}

/// Why a picture published as it is keeps its metadata: the end of each
/// message.
fn unstrippable(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => {
            "每张发布的图片都要去掉拍摄信息（EXIF、GPS 位置），这张图片读不了、去不掉：请用别的软件重新保存一次，或者删掉它"
        }
        Lang::En => {
            "dangri removes the metadata (EXIF, GPS) of every picture it publishes and cannot read this one's: save it again, or remove it"
        }
    }
}

impl Files {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Files::CannotReadPicture { error } => tr(
                lang,
                format!("读不了这张图片：{error}"),
                format!("cannot read the picture: {error}"),
            ),
            Files::CannotUpdateCache { error } => tr(
                lang,
                format!("图片缓存没能更新（下次生成会慢一些）：{error}"),
                format!("cannot update the photo cache: {error}"),
            ),
            Files::PictureFormat => tr(
                lang,
                "这不是能读取的图片：请用 JPEG（.jpg）、PNG 或 WebP 格式",
                "not a picture dangri can read: use JPEG, PNG or WebP",
            ),
            Files::PictureCutOff => tr(
                lang,
                "这张图片不完整，文件在结尾之前就断了（复制时中断常会这样）：请从手机或相机里重新复制一次",
                "cannot decode the picture: the file is incomplete, it ends before the JPEG end marker (as a file cut off while copying does); copy the picture again from the phone or camera",
            ),
            Files::PictureTooManyPixels { w, h } => tr(
                lang,
                format!("这张图片有 {w} × {h} 像素，超过了 1 亿像素的上限：请把它缩小"),
                format!(
                    "the picture is {w} × {h} pixels, over the limit of 100 megapixels: make it smaller"
                ),
            ),
            Files::PictureTooLarge { detail, max_side } => tr(
                lang,
                format!(
                    "这张图片太大，读不了（{detail}）：请把它缩小到每边不超过 {max_side} 像素、总共不超过 1 亿像素"
                ),
                format!(
                    "the picture is too large to decode ({detail}): make it at most {max_side} pixels on a side and 100 megapixels"
                ),
            ),
            Files::PictureUndecodable { detail } => tr(
                lang,
                format!("这张图片打不开（文件完整吗？）：{detail}"),
                format!("cannot decode the picture (is the file complete?): {detail}"),
            ),
            Files::PictureLibraryFailed { why } => tr(
                lang,
                format!(
                    "处理这张图片时出错了（{why}）：请用别的软件重新保存一次，或者不用这张图片"
                ),
                format!(
                    "the picture library failed on this picture ({why}): save the picture again with another program, or leave it out"
                ),
            ),
            Files::JpegCutOff => tr(
                lang,
                format!(
                    "这个 JPEG 文件不完整，在结尾之前就断了；{}",
                    unstrippable(lang)
                ),
                format!(
                    "the JPEG file is incomplete, it ends before its end marker; {}",
                    unstrippable(lang)
                ),
            ),
            Files::JpegDamaged => tr(
                lang,
                format!("这个 JPEG 文件损坏了；{}", unstrippable(lang)),
                format!("the JPEG file is damaged; {}", unstrippable(lang)),
            ),
            Files::PngDamaged => tr(
                lang,
                format!("这个 PNG 文件不完整或损坏了；{}", unstrippable(lang)),
                format!(
                    "the PNG file is incomplete or damaged; {}",
                    unstrippable(lang)
                ),
            ),
            Files::WebpDamaged => tr(
                lang,
                format!("这个 WebP 文件不完整或损坏了；{}", unstrippable(lang)),
                format!(
                    "the WebP file is incomplete or damaged; {}",
                    unstrippable(lang)
                ),
            ),
            Files::CannotResize { detail } => tr(
                lang,
                format!("这张图片缩小时出错了：{detail}"),
                format!("cannot resize the picture: {detail}"),
            ),
            Files::CannotEncode { detail } => tr(
                lang,
                format!("这张图片保存时出错了：{detail}"),
                format!("cannot encode the picture: {detail}"),
            ),
            Files::CannotWritePicture { detail } => tr(
                lang,
                format!("这张图片写不进网站：{detail}"),
                detail.clone(),
            ),
            Files::ControlChar { code, more } => {
                let (zh_more, en_more) = if *more > 0 {
                    (
                        format!("（这个文件里还有 {more} 个）"),
                        format!(" (and {more} more in this file)"),
                    )
                } else {
                    (String::new(), String::new())
                };
                tr(
                    lang,
                    format!(
                        "这里有一个看不见的控制字符 U+{code:04X}{zh_more}，通常是从 Word 等软件里复制粘贴带进来的：网页上会显示成空格，请删掉它"
                    ),
                    format!(
                        "an invisible control character U+{code:04X}{en_more}, often left by pasting from a word processor: it is published as a space; delete it"
                    ),
                )
            }
            Files::NotUtf8 => tr(
                lang,
                "这个文件不是 UTF-8 编码：请用记事本等编辑器“另存为”，编码选 UTF-8",
                "the file is not UTF-8 text: save it as UTF-8",
            ),
            Files::CannotRead { error } => tr(
                lang,
                format!("读不了这个文件：{error}"),
                format!("cannot read: {error}"),
            ),
            Files::LinkOutside { target } => tr(
                lang,
                format!(
                    "这是一个指向网站文件夹以外（{target}）的快捷方式（符号链接），网站不读网站文件夹以外的东西：请把文件或文件夹复制到这里"
                ),
                format!(
                    "a symbolic link to {target}, outside the site folder: dangri reads nothing outside it; copy the file or folder here instead"
                ),
            ),
            Files::LinkToNothing => tr(
                lang,
                "这个快捷方式（符号链接）指向的东西不存在：请删掉它，或者让它指向网站文件夹里的文件",
                "a symbolic link to nothing: remove it, or point it at a file inside the site folder",
            ),
            Files::LinkLoop { ancestor } => tr(
                lang,
                format!(
                    "这个快捷方式（符号链接）指回了包含它的文件夹 {ancestor}，形成了循环：请删掉它"
                ),
                format!("a symbolic link back to {ancestor}, which holds it (a loop): remove it"),
            ),
            Files::NameNotUtf8 => tr(
                lang,
                "这个文件名是乱码（读不出来的字节显示成 \\xNN）：请重新命名。在 Windows 上打包的中文文件名压缩包常会这样：解压时用 unzip -O GBK，或者给文件重新命名",
                "this file name is not UTF-8 (its bytes are shown as \\xNN): rename it. Names like this come from a zip made on Windows with Chinese names: unpack it with `unzip -O GBK`, or rename the files",
            ),
            Files::ExtraExtension { fixed } => tr(
                lang,
                format!("这个文件没有被读取：记录文件的名字要以 .md 结尾，请改名为“{fixed}”"),
                format!("this file is not read: records end in .md; rename it to `{fixed}`"),
            ),
            Files::WordDocument => tr(
                lang,
                "Word 文档不会被读取：请把里面的文字复制到这个文件夹的一个 .md 文件里（dangri new record 可以先生成一个）",
                "a Word document is not read: copy its text into a .md file of this folder (`dangri new record` writes one to start from)",
            ),
            Files::TextFile => tr(
                lang,
                "这个文件没有被读取：记录是开头有 --- 信息的 .md 文件；请把它改名为 .md，并在开头加上两行 --- 之间的信息",
                "this file is not read: a record is a .md file with front matter; rename it to .md and add the lines between `---`",
            ),
            Files::NotPublished => tr(
                lang,
                "这个文件不会发布：月份文件夹里只放记录（.md）和图片（.jpg、.png、.webp）",
                "this file is not published: a month folder holds records (.md) and pictures (.jpg, .png, .webp)",
            ),
            Files::MisnamedMarkdown { name, fixed } => tr(
                lang,
                format!("“{name}”没有被读取：只读取以小写 .md 结尾的文件，请改名为“{fixed}”"),
                format!(
                    "`{name}` is not read: dangri reads files ending in `.md` (lower case); rename it to `{fixed}`"
                ),
            ),
            Files::UnknownFolder => tr(
                lang,
                "content/ 里不认识这个文件夹：它会被忽略",
                "unknown folder in content/: it is ignored",
            ),
            Files::UnknownFile => tr(
                lang,
                "content/ 里不认识这个文件：它会被忽略",
                "unknown file in content/: it is ignored",
            ),
            Files::RecordOutsideMonth => tr(
                lang,
                "记录要放在月份文件夹里：请移到 branches/支部/年-月/ 文件夹，例如 branches/xingwang/2026-05/",
                "a record belongs in a month folder: move it to branches/<branch>/<YYYY-MM>/",
            ),
            Files::FolderInMonth => tr(
                lang,
                "月份文件夹里的文件夹会被忽略",
                "folders inside a month folder are ignored",
            ),
            Files::NotAMonthFolder { name } => tr(
                lang,
                format!(
                    "“{name}”不是月份文件夹：请命名为“年-月”，月份写两位数 01 到 12，例如 2026-05"
                ),
                format!(
                    "`{name}` is not a month folder: name it YYYY-MM with a month 01 to 12, e.g. 2026-05"
                ),
            ),
            Files::ImpossibleYear { name, year, first } => tr(
                lang,
                format!(
                    "“{name}”：{year} 年不可能有记录（早于 {first} 年或晚于明年）：请检查文件夹名字里的年份"
                ),
                format!(
                    "`{name}`: the year {year} is not possible for a record (before {first} or after next year): check the year in the folder name"
                ),
            ),
            Files::NoLedFontCheck { error } => tr(
                lang,
                format!("{error}；LED 屏的图片将无法生成（网页版的 LED 放映不受影响）"),
                format!("{error}; the LED pictures would not be drawn (the HTML shows would)"),
            ),
            Files::NoText => tr(
                lang,
                "这条记录没有正文：请写上做了什么、在哪里、谁主持、多少人参加",
                "the record has no text: write what was done, where, who led it and how many took part",
            ),
            Files::PhotoWithoutCaption { src } => tr(
                lang,
                format!("照片“{src}”没有说明：请加上 caption:，看不见图片的人会听到这段说明"),
                format!(
                    "the photo `{src}` has no caption: add `caption:`, the text read out to people who cannot see the picture"
                ),
            ),
            Files::PictureWithoutCaption { target } => tr(
                lang,
                format!("图片“{target}”没有说明：请把说明写在方括号里，例如 ![说明]({target})"),
                format!(
                    "the picture `{target}` has no caption: write it between the brackets, `![说明]({target})`"
                ),
            ),
            Files::LinkToInternal { target } => tr(
                lang,
                format!(
                    "“{target}”是不公开的记录：公开的网站上没有它的网页，这个链接在那里会打不开"
                ),
                format!(
                    "`{target}` is an internal record: the public site has no page for it, so this link would be broken there"
                ),
            ),
            Files::LinkToWithheldPicture { target } => tr(
                lang,
                format!(
                    "“{target}”这张图片只有不公开的记录在用：公开的网站不发布它，这个链接在那里会打不开；如果图片可以公开，请在这里显示它（![说明]({target})），否则请删掉链接"
                ),
                format!(
                    "`{target}` is a picture that only internal records use: the public site does not publish it, so this link would lose its target there; if the picture may be public, show it here (`![说明]({target})`), else remove the link"
                ),
            ),
            Files::BrokenLink {
                target,
                image,
                place,
            } => {
                let zh_what = if *image {
                    "图片"
                } else {
                    "记录、月份、支部、页面或图片"
                };
                let en_what = if *image {
                    "picture"
                } else {
                    "record, month, branch, page or picture"
                };
                let (zh_place, en_place) = match place {
                    Some(p) => (p.clone(), p.clone()),
                    None => (
                        "content/ 以外的".to_string(),
                        "outside content/".to_string(),
                    ),
                };
                tr(
                    lang,
                    format!(
                        "链接“{target}”打不开：找不到 {zh_place} 这个{zh_what}，请检查文件名有没有写错"
                    ),
                    format!("broken link `{target}`: there is no {en_what} at {en_place}"),
                )
            }
            Files::NamedTwice { name, list } => tr(
                lang,
                format!("“{name}”在 {}下面写了两次", list_zh(list)),
                format!("`{name}` is named twice under `{list}`"),
            ),
            Files::NamedInTwoLists { name, first, list } => tr(
                lang,
                format!(
                    "“{name}”同时写在了 {}和 {}下面",
                    list_zh(first),
                    list_zh(list)
                ),
                format!("`{name}` is named under both `{first}` and `{list}`"),
            ),
            Files::SameTitle { ym, others } => tr(
                lang,
                format!("{ym} 还有一条记录用了同样的标题（{others}）：请给每条记录起不同的标题"),
                format!(
                    "another record of {ym} has the same title ({others}): give each record its own title"
                ),
            ),
            Files::PlaceTwoWays {
                first,
                first_uses,
                second,
                second_uses,
            } => {
                let zh_uses = |(at, more): &(String, usize)| match more {
                    0 => at.clone(),
                    n => format!("{at} 等 {} 条记录", n + 1),
                };
                let en_uses = |(at, more): &(String, usize)| match more {
                    0 => at.clone(),
                    n => format!("{at} and {n} more record(s)"),
                };
                let (first_uses, second_uses) = match lang {
                    Lang::ZhCn => (zh_uses(first_uses), zh_uses(second_uses)),
                    Lang::En => (en_uses(first_uses), en_uses(second_uses)),
                };
                tr(
                    lang,
                    format!(
                        "“{first}”和“{second}”看起来是同一个地点的两种写法：“{first}”在 {first_uses}，“{second}”在 {second_uses}；如果是同一个地点，请把两处写成一样的，或请管理网站的同志在 site.yaml 的 places: 里写上它、另一种写法放在 aliases: 里；如果是两个地点，请他在 places: 里把两个都写上"
                    ),
                    format!(
                        "`{first}` and `{second}` look like one place written two ways: `{first}` at {first_uses}, `{second}` at {second_uses}; if they are one place, write both the same, or ask whoever keeps the site to list it in site.yaml under `places:` with the other spelling under `aliases:`; if they are two, to list both there"
                    ),
                )
            }
        }
    }
}
