//! Benchmark corpus generator for dangri.
//!
//! Writes a complete, synthetic content tree (SPEC §2): `content/site.yaml`,
//! a speaker pool, and for every branch its `_index.md` plus one record of
//! each of the five kinds (study, meeting, practice, affairs, lecture) per
//! month, for the months ending at 2026-10. Bodies are Chinese text assembled
//! from Party-work phrases, with the occasional list, bold phrase and table.
//!
//! The output depends only on the arguments: the same seed gives the same
//! bytes on every run. Only the standard library is used, so the file also
//! builds on its own.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --branches 874 --months 12 --out /dev/shm/corpus
//! rustc -O --edition 2021 examples/gen_corpus.rs -o /tmp/gen_corpus && /tmp/gen_corpus --branches 874 --months 12
//! ```

#![allow(clippy::print_stdout, reason = "a tool that reports on stdout")]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: gen_corpus --branches N --months N [--out DIR] [--seed N] [--force]

Writes a synthetic dangri site (content/...) for benchmarks.

  --branches N   number of branches (1..=100000)
  --months N     months per branch, ending at 2026-10 (1..=240)
  --out DIR      output folder (default: corpus)
  --seed N       PRNG seed, decimal or 0x-hex (default: 0x64616e677269)
  --force        write into a non-empty folder (files are overwritten, none deleted)
  -h, --help     show this message";

const DEFAULT_SEED: u64 = 0x6461_6e67_7269; // "dangri"
const LAST_MONTH: (u32, u32) = (2026, 10);
const SPEAKER_COUNT: usize = 60;
/// PRNG streams: 0 for the speaker pool, `SPEAKER_STREAM + i` for speaker
/// i's biography, `1 + i` for branch i.
const SPEAKER_STREAM: u64 = 1 << 32;

/// Appends formatted text to a `String`; writing to a `String` cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("gen_corpus: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Arguments

struct Config {
    branches: usize,
    months: usize,
    out: PathBuf,
    seed: u64,
    force: bool,
}

/// Parses the command line; `Ok(None)` asks for the help text.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Config>, String> {
    let mut branches = None;
    let mut months = None;
    let mut out = PathBuf::from("corpus");
    let mut seed = DEFAULT_SEED;
    let mut force = false;

    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--branches" => branches = Some(parse_count(&value()?, &flag, 100_000)?),
            "--months" => months = Some(parse_count(&value()?, &flag, 240)?),
            "--out" => out = PathBuf::from(value()?),
            "--seed" => seed = parse_seed(&value()?)?,
            "--force" if inline.is_none() => force = true,
            "--force" => return Err("--force takes no value".to_string()),
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }

    Ok(Some(Config {
        branches: branches.ok_or("--branches is required")?,
        months: months.ok_or("--months is required")?,
        out,
        seed,
        force,
    }))
}

fn parse_count(text: &str, flag: &str, max: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{flag} expects a number from 1 to {max}, got `{text}`"
        )),
    }
}

fn parse_seed(text: &str) -> Result<u64, String> {
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    parsed.map_err(|_| format!("--seed expects an unsigned 64-bit number, got `{text}`"))
}

// ---------------------------------------------------------------------------
// Driver

#[derive(Default)]
struct Stats {
    files: u64,
    bytes: u64,
    records: u64,
    lectures: u64,
    internal: u64,
}

fn run(config: &Config) -> io::Result<()> {
    let started = Instant::now();
    check_out_dir(&config.out, config.force)?;

    let content = config.out.join("content");
    let mut out = Output {
        stats: Stats::default(),
    };
    let mut buf = String::with_capacity(64 * 1024);

    write_site_yaml(&mut out, &content, &mut buf)?;

    let speakers = make_speakers(&mut Rng::stream(config.seed, 0));
    let speaker_dir = content.join("speakers");
    create_dir(&speaker_dir)?;
    for speaker in &speakers {
        buf.clear();
        speaker_file(
            &mut Rng::stream(config.seed, SPEAKER_STREAM + speaker.index as u64),
            speaker,
            &mut buf,
        );
        out.write(&speaker_dir.join(format!("{}.md", speaker.id)), &buf)?;
    }

    let months = months_back(LAST_MONTH, config.months);
    let id_width = config.branches.to_string().len().max(4);
    let mut taken_names = HashSet::new();
    for index in 0..config.branches {
        let mut rng = Rng::stream(config.seed, 1 + index as u64);
        let id = format!("b{:0width$}", index + 1, width = id_width);
        let branch = make_branch(&mut rng, id, &mut taken_names);
        write_branch(
            &mut out, &mut rng, &content, &branch, &speakers, &months, &mut buf,
        )?;
    }

    let elapsed = started.elapsed();
    let stats = &out.stats;
    println!("gen_corpus: wrote {}", config.out.display());
    println!("  branches  {}", config.branches);
    println!(
        "  months    {} ({}-{:02} .. {}-{:02})",
        months.len(),
        months[0].0,
        months[0].1,
        LAST_MONTH.0,
        LAST_MONTH.1
    );
    println!(
        "  records   {} (lectures {}, internal {})",
        stats.records, stats.lectures, stats.internal
    );
    println!("  speakers  {}", speakers.len());
    println!("  files     {}", stats.files);
    println!(
        "  bytes     {} ({:.1} MiB)",
        stats.bytes,
        stats.bytes as f64 / (1024.0 * 1024.0)
    );
    println!("  elapsed   {:.2} s", elapsed.as_secs_f64());
    Ok(())
}

/// Refuses a non-empty output folder unless `force`.
fn check_out_dir(dir: &Path, force: bool) -> io::Result<()> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() && !force {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{}: folder is not empty (use --force to write into it anyway)",
                        dir.display()
                    ),
                ));
            }
            Ok(())
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(with_path(dir, err)),
    }
}

fn with_path(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
}

fn create_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir).map_err(|err| with_path(dir, err))
}

struct Output {
    stats: Stats,
}

impl Output {
    /// Writes a whole file in one call (the text is already in memory, so a
    /// `BufWriter` would only add a copy).
    fn write(&mut self, path: &Path, text: &str) -> io::Result<()> {
        let mut file = fs::File::create(path).map_err(|err| with_path(path, err))?;
        file.write_all(text.as_bytes())
            .map_err(|err| with_path(path, err))?;
        self.stats.files += 1;
        self.stats.bytes += text.len() as u64;
        Ok(())
    }
}

fn write_site_yaml(out: &mut Output, content: &Path, buf: &mut String) -> io::Result<()> {
    create_dir(content)?;
    buf.clear();
    buf.push_str(
        "title: 清溪区基层党组织活动档案\n\
         base_url: https://example.org/\n\
         language: zh-CN\n\
         description: 清溪区各基层党支部主题党日“五件事”、“三会一课”和专题党课的活动记录（基准测试用合成数据）\n\
         organization: 中共清溪区委组织部\n",
    );
    out.write(&content.join("site.yaml"), buf)
}

fn write_branch(
    out: &mut Output,
    rng: &mut Rng,
    content: &Path,
    branch: &Branch,
    speakers: &[Speaker],
    months: &[(u32, u32)],
    buf: &mut String,
) -> io::Result<()> {
    let dir = content.join("branches").join(&branch.id);
    create_dir(&dir)?;
    buf.clear();
    branch_index(rng, branch, buf);
    out.write(&dir.join("_index.md"), buf)?;

    for &(year, month) in months {
        let month_dir = dir.join(format!("{year}-{month:02}"));
        create_dir(&month_dir)?;
        for kind in KINDS {
            buf.clear();
            let record = make_record(rng, branch, speakers, kind, year, month);
            record_file(rng, branch, &record, buf);
            out.write(&month_dir.join(format!("{}.md", kind.word())), buf)?;
            out.stats.records += 1;
            out.stats.lectures += u64::from(kind == Kind::Lecture);
            out.stats.internal += u64::from(record.internal);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Randomness

/// `SplitMix64`: small, fast, and good enough for synthetic text.
struct Rng(u64);

impl Rng {
    /// An independent stream per `stream` number, so a branch's output
    /// depends only on the seed and its index.
    fn stream(seed: u64, stream: u64) -> Self {
        let mut mixer = Rng(stream ^ 0xA076_1D64_78BD_642F);
        Rng(seed ^ mixer.next_u64())
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) < p * (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// `count` distinct words (fewer if the slice is shorter), in pick order.
    fn pick_distinct(&mut self, items: &[&'static str], count: usize) -> Vec<&'static str> {
        let mut chosen = Vec::with_capacity(count);
        while chosen.len() < count.min(items.len()) {
            let item = self.word(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }
}

// ---------------------------------------------------------------------------
// Calendar

/// The `count` months ending at `last`, oldest first.
fn months_back(last: (u32, u32), count: usize) -> Vec<(u32, u32)> {
    let last_index = last.0 as usize * 12 + (last.1 as usize - 1);
    (0..count)
        .rev()
        .map(|back| {
            let index = last_index - back;
            ((index / 12) as u32, (index % 12) as u32 + 1)
        })
        .collect()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

// ---------------------------------------------------------------------------
// People and organisations

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任",
    "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "贾", "夏", "方",
    "邹", "熊", "白", "孟", "秦", "邱", "侯", "江", "尹", "薛", "段", "雷", "龙", "黎", "史", "陶",
    "贺", "毛", "郝", "顾", "龚", "邵", "万", "钱", "戴", "严", "欧阳", "司马",
];

const GIVEN: &[&str] = &[
    "建", "国", "华", "明", "伟", "芳", "丽", "强", "军", "平", "玉", "兰", "英", "秀", "志", "文",
    "海", "荣", "春", "红", "金", "德", "辉", "峰", "燕", "霞", "婷", "静", "敏", "磊", "涛", "斌",
    "杰", "宇", "浩", "鑫", "欣", "雪", "梅", "琳", "晨", "阳", "凯", "俊", "颖", "佳", "思", "雨",
    "晓", "立", "新", "永", "福", "胜", "亮", "成", "龙", "清", "林", "鹏", "泽", "家", "瑞", "嘉",
    "怡", "彤", "萱", "振", "东", "庆", "宏", "丹",
];

const PLACE_HEAD: &[&str] = &[
    "兴", "和", "幸", "新", "东", "西", "南", "北", "金", "银", "翠", "锦", "祥", "海", "鹭", "青",
    "凤", "龙", "石", "桥", "阳", "绿", "前", "红", "光", "长", "安", "瑞", "嘉", "清", "泉", "文",
    "华", "永", "丰", "富", "康", "美", "温", "古", "莲", "桂", "云", "霞", "洪", "梧", "蔡", "林",
    "沧", "溪",
];

const PLACE_TAIL: &[&str] = &[
    "旺", "平", "福", "园", "湖", "山", "岸", "林", "秀", "景", "岛", "云", "泉", "门", "头", "苑",
    "星", "明", "乐", "庄", "塘", "溪", "坑", "埔", "里", "洲", "厝", "峰", "美", "城", "桥", "港",
    "田", "坂", "亭", "阳",
];

const INDUSTRIES: &[&str] = &[
    "科技",
    "物流",
    "建设",
    "食品",
    "电子",
    "机械",
    "新材料",
    "贸易",
    "置业",
    "港务",
    "水务",
    "旅游发展",
    "供应链",
    "医药",
    "智能装备",
    "环境工程",
    "数据服务",
    "包装",
    "纺织",
    "能源",
];

const SOCIAL_ORGS: &[&str] = &[
    "商会",
    "社会工作服务中心",
    "养老服务中心",
    "律师事务所",
    "志愿者协会",
    "物业服务中心",
    "行业协会",
    "青年创业促进会",
    "会计师事务所",
    "慈善会",
];

const SCHOOLS: &[&str] = &[
    "小学",
    "中学",
    "实验小学",
    "中心小学",
    "幼儿园",
    "第二中学",
    "职业技术学校",
    "实验中学",
];

const BUREAUS: &[&str] = &[
    "发展和改革局",
    "财政局",
    "教育局",
    "民政局",
    "人力资源和社会保障局",
    "住房和建设局",
    "交通运输局",
    "农业农村局",
    "文化和旅游局",
    "卫生健康局",
    "应急管理局",
    "市场监督管理局",
    "统计局",
    "司法局",
    "城市管理局",
    "退役军人事务局",
    "信访局",
    "档案馆",
    "医疗保障局",
    "科学技术局",
    "工业和信息化局",
    "商务局",
    "审计局",
    "自然资源局",
];

const ORDINALS: &[&str] = &["第一", "第二", "第三", "第四", "第五"];

fn person_name(rng: &mut Rng) -> String {
    let mut name = String::from(rng.word(SURNAMES));
    name.push_str(rng.word(GIVEN));
    if rng.chance(0.7) {
        name.push_str(rng.word(GIVEN));
    }
    name
}

/// A two-character place name such as 金溪 or 龙塘.
fn place_name(rng: &mut Rng) -> String {
    let head = rng.word(PLACE_HEAD);
    let tail = rng.word(PLACE_TAIL);
    let tail = if tail == head { "兴" } else { tail };
    format!("{head}{tail}")
}

// ---------------------------------------------------------------------------
// Speakers

struct Speaker {
    index: usize,
    id: String,
    name: String,
    title: String,
    organization: String,
    topics: Vec<&'static str>,
}

const SPEAKER_TOPICS: &[&str] = &[
    "党史学习教育",
    "党章党规",
    "基层治理",
    "乡村振兴",
    "生态文明建设",
    "廉洁文化",
    "红色文化",
    "志愿服务",
    "法治建设",
    "平安建设",
    "新时代文明实践",
    "非公企业党建",
    "社会组织党建",
    "网格化管理",
    "作风建设",
    "民生保障",
    "老干部工作",
    "青年工作",
];

fn make_speakers(rng: &mut Rng) -> Vec<Speaker> {
    (0..SPEAKER_COUNT)
        .map(|index| {
            let (title, organization) = speaker_post(rng);
            let topic_count = rng.range(2, 4);
            Speaker {
                index,
                id: format!("speaker-{:03}", index + 1),
                name: person_name(rng),
                title,
                organization,
                topics: rng.pick_distinct(SPEAKER_TOPICS, topic_count),
            }
        })
        .collect()
}

fn speaker_post(rng: &mut Rng) -> (String, String) {
    let place = place_name(rng);
    let (title, organization) = match rng.below(12) {
        0 => ("副教授", "区委党校".to_string()),
        1 => ("讲师", "区委党校".to_string()),
        2 => ("教授", format!("{place}大学马克思主义学院")),
        3 => ("副研究员", "市委党史研究室".to_string()),
        4 => ("宣讲团成员", "区委宣讲团".to_string()),
        5 => ("书记", format!("{place}社区党委")),
        6 => ("退休干部", "区委老干部局".to_string()),
        7 => (
            "全国劳动模范",
            format!("{place}{}有限公司", rng.word(INDUSTRIES)),
        ),
        8 => ("红色讲解员", format!("{place}革命烈士纪念馆")),
        9 => ("组织科科长", "区委组织部".to_string()),
        10 => ("律师", format!("{place}律师事务所")),
        _ => ("主任医师", "区人民医院".to_string()),
    };
    (title.to_string(), organization)
}

fn speaker_file(rng: &mut Rng, speaker: &Speaker, out: &mut String) {
    out.push_str("---\nname: ");
    push_scalar(out, &speaker.name);
    out.push_str("\ntitle: ");
    push_scalar(out, &speaker.title);
    out.push_str("\norganization: ");
    push_scalar(out, &speaker.organization);
    out.push_str("\ntopics: ");
    push_flow_list(out, &speaker.topics);
    out.push_str("\n---\n\n");

    speaker_bio(rng, speaker, out);
}

const WORK_UNITS: &[&str] = &[
    "基层乡镇",
    "区委办公室",
    "街道社区",
    "区委党校",
    "市直机关",
    "企业生产一线",
    "部队",
    "中学讲台",
    "村两委",
];

const HONOURS: &[&str] = &[
    "全省优秀共产党员",
    "全市优秀党务工作者",
    "全区优秀宣讲员",
    "市级劳动模范",
    "全国五一劳动奖章",
    "全市“百姓名嘴”",
    "全区“最美志愿者”",
    "省级优秀教师",
];

const TEACHING_STYLES: &[&str] = &[
    "其宣讲善于用群众身边的事例讲道理，语言朴实、通俗易懂，深受基层党员欢迎。",
    "授课注重理论联系实际，把大道理讲成“家常话”，把“书面语”变成“大白话”。",
    "在讲课中常以亲身经历串起党的光辉历程，现场感染力强。",
    "善于运用案例教学和互动研讨，让党课“活起来”“动起来”。",
];

/// The biography: career, teaching, honours; about 200 to 350 characters.
fn speaker_bio(rng: &mut Rng, speaker: &Speaker, out: &mut String) {
    let joined_work = rng.range(1975, 2008);
    let joined_party = joined_work + rng.range(1, 8);
    let units = rng.pick_distinct(WORK_UNITS, 2);
    put!(
        out,
        "{}，{}{}，长期从事{}方面的研究和宣讲工作。{joined_work}年参加工作，{joined_party}年加入中国共产党，\
         先后在{}、{}等单位工作，熟悉{}工作。\n\n",
        speaker.name,
        speaker.organization,
        speaker.title,
        speaker.topics[0],
        units[0],
        units[1],
        speaker.topics[1],
    );
    put!(
        out,
        "近年来先后深入机关、社区、村居、企业和学校开展专题宣讲{}余场，受众逾{}人次。{}",
        rng.range(3, 30) * 10,
        rng.range(2, 60) * 1000,
        rng.word(TEACHING_STYLES)
    );
    let themes = rng.pick_distinct(LECTURE_THEMES, 2);
    put!(out, "主讲课程包括《{}》《{}》等。", themes[0], themes[1]);
    if rng.chance(0.6) {
        put!(out, "曾获{}等荣誉。", rng.word(HONOURS));
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------
// Branches

#[derive(Clone, Copy)]
enum Tier {
    Street,
    Town,
    Organs,
    Education,
    NewOrgs,
    StateOwned,
}

struct Committee {
    name: &'static str,
    prefix: &'static str,
    tier: Tier,
    weight: usize,
}

const COMMITTEES: &[Committee] = &[
    Committee {
        name: "清溪街道党工委",
        prefix: "清溪街道",
        tier: Tier::Street,
        weight: 14,
    },
    Committee {
        name: "鹭湾街道党工委",
        prefix: "鹭湾街道",
        tier: Tier::Street,
        weight: 14,
    },
    Committee {
        name: "南屿街道党工委",
        prefix: "南屿街道",
        tier: Tier::Street,
        weight: 12,
    },
    Committee {
        name: "东岚街道党工委",
        prefix: "东岚街道",
        tier: Tier::Street,
        weight: 12,
    },
    Committee {
        name: "石湖街道党工委",
        prefix: "石湖街道",
        tier: Tier::Street,
        weight: 10,
    },
    Committee {
        name: "青峰镇党委",
        prefix: "青峰镇",
        tier: Tier::Town,
        weight: 10,
    },
    Committee {
        name: "莲塘镇党委",
        prefix: "莲塘镇",
        tier: Tier::Town,
        weight: 9,
    },
    Committee {
        name: "桂岭镇党委",
        prefix: "桂岭镇",
        tier: Tier::Town,
        weight: 8,
    },
    Committee {
        name: "区直机关工委",
        prefix: "区",
        tier: Tier::Organs,
        weight: 4,
    },
    Committee {
        name: "区委教育工委",
        prefix: "区",
        tier: Tier::Education,
        weight: 3,
    },
    Committee {
        name: "区两新组织党委",
        prefix: "",
        tier: Tier::NewOrgs,
        weight: 3,
    },
    Committee {
        name: "区国资委党委",
        prefix: "区",
        tier: Tier::StateOwned,
        weight: 1,
    },
];

struct Liaison {
    unit: String,
    leader: String,
    district: bool,
}

struct Branch {
    id: String,
    name: String,
    committee: &'static Committee,
    category: &'static str,
    secretary: String,
    members: usize,
    founded: (u32, u32, u32),
    liaison: Option<Liaison>,
    /// Member names: the secretary, then the activists, then the others;
    /// the first `members - exempt` are due to attend.
    roster: Vec<String>,
    /// Members after the secretary who are named in the text (speakers in
    /// meetings, people in charge of tasks). They never miss an activity, so
    /// no name in a body is also one of the record's attendance names.
    activists: usize,
    /// Members excused from attendance for age or work elsewhere.
    exempt: usize,
    /// Indices of members who often miss activities without leave.
    truants: Vec<usize>,
    /// The branch's fixed Party Day in each month.
    party_day: u32,
    /// How often the secretary writes `kind:` as the one-character alias.
    alias_rate: f64,
    groups: usize,
}

impl Branch {
    /// The members other than the secretary that body text may name.
    fn named(&self) -> &[String] {
        &self.roster[1..=self.activists]
    }
}

fn pick_committee(rng: &mut Rng) -> &'static Committee {
    let total: usize = COMMITTEES.iter().map(|c| c.weight).sum();
    let mut ticket = rng.below(total);
    for committee in COMMITTEES {
        if ticket < committee.weight {
            return committee;
        }
        ticket -= committee.weight;
    }
    &COMMITTEES[0]
}

fn pick_category(rng: &mut Rng, tier: Tier) -> &'static str {
    let roll = rng.below(100);
    match tier {
        Tier::Street if roll < 84 => "community",
        Tier::Street if roll < 94 => "social",
        Tier::Street => "enterprise",
        Tier::Town if roll < 78 => "village",
        Tier::Town if roll < 90 => "community",
        Tier::Town => "enterprise",
        Tier::Organs => "organ",
        Tier::Education => "school",
        Tier::NewOrgs if roll < 60 => "enterprise",
        Tier::NewOrgs => "social",
        Tier::StateOwned => "enterprise",
    }
}

/// The branch name without the trailing 党支部.
fn branch_stem(rng: &mut Rng, committee: &Committee, category: &str) -> String {
    let place = place_name(rng);
    let prefix = committee.prefix;
    match (category, committee.tier) {
        ("community", _) => format!("{prefix}{place}社区"),
        ("village", _) => format!("{prefix}{place}村"),
        ("organ", _) => format!("区{}机关", rng.word(BUREAUS)),
        ("school", _) => format!("{place}{}", rng.word(SCHOOLS)),
        ("enterprise", Tier::StateOwned) => {
            format!("区{place}{}集团有限公司", rng.word(INDUSTRIES))
        }
        ("enterprise", _) => format!("{place}{}有限公司", rng.word(INDUSTRIES)),
        _ => format!("{place}{}", rng.word(SOCIAL_ORGS)),
    }
}

fn unique_branch_name(
    rng: &mut Rng,
    committee: &Committee,
    category: &str,
    taken: &mut HashSet<String>,
) -> String {
    for _ in 0..64 {
        let stem = branch_stem(rng, committee, category);
        let ordinal = if rng.chance(0.1) {
            rng.word(ORDINALS)
        } else {
            ""
        };
        let name = format!("{stem}{ordinal}党支部");
        if taken.insert(name.clone()) {
            return name;
        }
    }
    // A crowded category (many more branches than stems): number them.
    let stem = branch_stem(rng, committee, category);
    let mut n = 6;
    loop {
        let name = format!("{stem}第{n}党支部");
        if taken.insert(name.clone()) {
            return name;
        }
        n += 1;
    }
}

fn make_branch(rng: &mut Rng, id: String, taken: &mut HashSet<String>) -> Branch {
    let committee = pick_committee(rng);
    let category = pick_category(rng, committee.tier);
    let name = unique_branch_name(rng, committee, category, taken);
    let members = match rng.below(100) {
        0..=69 => rng.range(10, 60),
        70..=94 => rng.range(61, 150),
        _ => rng.range(151, 300),
    };
    let roster = make_roster(rng, members);
    let exempt = rng.below(members / 12 + 1);
    let activists = (members / 4).min(5);
    let truants = (0..rng.below(3))
        .map(|_| rng.range(activists + 1, members - exempt - 1))
        .collect();
    let (first_year, last_year) = match category {
        "village" => (1950, 2000),
        "community" => (1985, 2020),
        "organ" => (1980, 2012),
        "school" => (1960, 2016),
        "social" => (2010, 2024),
        _ => (1998, 2024),
    };
    let year = rng.range(first_year, last_year) as u32;
    let month = rng.range(1, 12) as u32;
    let founded = (
        year,
        month,
        rng.range(1, days_in_month(year, month) as usize) as u32,
    );
    let liaison = rng.chance(0.15).then(|| Liaison {
        unit: format!("区{}", rng.word(BUREAUS)),
        leader: person_name(rng),
        district: rng.chance(0.3),
    });
    Branch {
        id,
        name,
        committee,
        category,
        secretary: roster[0].clone(),
        members,
        founded,
        liaison,
        roster,
        activists,
        exempt,
        truants,
        party_day: rng.range(1, 28) as u32,
        alias_rate: *rng.pick(&[0.0, 0.0, 0.1, 0.3, 0.5, 0.9, 1.0]),
        groups: (members / 15).clamp(1, 12),
    }
}

/// `count` distinct member names; the first is the secretary.
fn make_roster(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut seen = HashSet::with_capacity(count);
    let mut roster = Vec::with_capacity(count);
    while roster.len() < count {
        let name = person_name(rng);
        if seen.insert(name.clone()) {
            roster.push(name);
        }
    }
    roster
}

fn branch_index(rng: &mut Rng, branch: &Branch, out: &mut String) {
    out.push_str("---\nname: ");
    push_scalar(out, &branch.name);
    out.push_str("\ncommittee: ");
    push_scalar(out, branch.committee.name);
    put!(out, "\ncategory: {}\nsecretary: ", branch.category);
    push_scalar(out, &branch.secretary);
    let (year, month, day) = branch.founded;
    put!(
        out,
        "\nmembers: {}\nfounded: {year}-{month:02}-{day:02}\n",
        branch.members
    );
    if let Some(liaison) = &branch.liaison {
        out.push_str("liaison:\n  unit: ");
        push_scalar(out, &liaison.unit);
        out.push_str("\n  leader: ");
        push_scalar(out, &liaison.leader);
        put!(
            out,
            "\n  level: {}\n",
            if liaison.district {
                "district"
            } else {
                "cadre"
            }
        );
    }
    out.push_str("---\n\n");

    put!(
        out,
        "{}隶属于{}，成立于{year}年{month}月，现有党员{}名，下设{}个党小组，支部书记为{}同志。",
        branch.name,
        branch.committee.name,
        branch.members,
        branch.groups,
        branch.secretary
    );
    if let Some(liaison) = &branch.liaison {
        put!(
            out,
            "{}{}同志挂钩联系本支部。",
            liaison.unit,
            liaison.leader
        );
    }
    out.push_str("\n\n");
    branch_intro(rng, branch, out);
}

const BRANCH_HONOURS: &[&str] = &[
    "先后获评区级“五星级党支部”",
    "被评为市级先进基层党组织",
    "获评区“红旗党支部”",
    "被确定为全区党建示范点",
    "连续多年在党建述职评议中获评“好”等次",
];

/// The second paragraph of a branch page: practice and results.
fn branch_intro(rng: &mut Rng, branch: &Branch, out: &mut String) {
    put!(
        out,
        "近年来，支部坚持以“{}”为抓手，设立党员先锋岗{}个、党员志愿服务队{}支，{}。",
        rng.word(TOPICS),
        rng.range(2, 12),
        rng.range(1, 4),
        rng.word(RESULTS)
    );
    if rng.chance(0.4) {
        put!(out, "支部{}。", rng.word(BRANCH_HONOURS));
    }
    let ctx = TextCtx {
        kind: Kind::Practice,
        secretary: &branch.secretary,
        names: branch.named(),
    };
    for _ in 0..rng.range(1, 3) {
        sentence(rng, &ctx, out);
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------
// Records

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Study,
    Meeting,
    Practice,
    Affairs,
    Lecture,
}

const KINDS: [Kind; 5] = [
    Kind::Study,
    Kind::Meeting,
    Kind::Practice,
    Kind::Affairs,
    Kind::Lecture,
];

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Study => "study",
            Kind::Meeting => "meeting",
            Kind::Practice => "practice",
            Kind::Affairs => "affairs",
            Kind::Lecture => "lecture",
        }
    }

    fn alias(self) -> &'static str {
        match self {
            Kind::Study => "学",
            Kind::Meeting => "会",
            Kind::Practice => "做",
            Kind::Affairs => "工",
            Kind::Lecture => "课",
        }
    }

    fn tags(self) -> &'static [&'static str] {
        match self {
            Kind::Study => &["理论学习", "党章党规", "党纪学习教育", "读书班", "专题研讨"],
            Kind::Meeting => &["党员大会", "支委会", "党小组会", "组织生活会", "民主评议"],
            Kind::Practice => &[
                "志愿服务",
                "红色教育",
                "我为群众办实事",
                "文明创建",
                "基层治理",
            ],
            Kind::Affairs => &["党费收缴", "政治生日", "组织关系", "发展党员", "党员积分"],
            Kind::Lecture => &["专题党课", "指尖党课", "微党课"],
        }
    }
}

/// Who gives a lecture.
enum Speech<'a> {
    Pool(&'a Speaker),
    Named(String),
}

struct Record<'a> {
    kind: Kind,
    title: String,
    date: (u32, u32, u32),
    kind_text: &'static str,
    summary: Option<String>,
    location: String,
    tags: Vec<&'static str>,
    attendance: Option<Attendance>,
    internal: bool,
    /// Lectures: the speaker and the duration in minutes.
    speech: Option<(Speech<'a>, usize)>,
}

struct Attendance {
    expected: usize,
    present: usize,
    excused: Vec<(usize, &'static str)>,
    absent: Vec<usize>,
}

const GENERIC_TAGS: &[&str] = &["主题党日", "三会一课", "党建引领", "五件事"];

const EXCUSE_REASONS: &[&str] = &[
    "出差",
    "生病住院",
    "外出务工",
    "家中有事",
    "值班",
    "参加培训",
    "照顾家人",
    "年老体弱",
    "在外地学习",
    "加班",
];

fn make_record<'a>(
    rng: &mut Rng,
    branch: &Branch,
    speakers: &'a [Speaker],
    kind: Kind,
    year: u32,
    month: u32,
) -> Record<'a> {
    let on_party_day =
        matches!(kind, Kind::Study | Kind::Meeting | Kind::Lecture) && rng.chance(0.8);
    let day = if on_party_day {
        branch.party_day
    } else {
        rng.range(1, days_in_month(year, month) as usize) as u32
    };
    let speech = (kind == Kind::Lecture).then(|| {
        let speaker = match rng.below(100) {
            0..=54 => Speech::Pool(rng.pick(speakers)),
            55..=79 => Speech::Named(branch.secretary.clone()),
            _ => Speech::Named(match &branch.liaison {
                Some(liaison) => liaison.leader.clone(),
                None => person_name(rng),
            }),
        };
        (speaker, rng.range(6, 24) * 5)
    });
    let speaker_name = match &speech {
        Some((Speech::Pool(speaker), _)) => Some(speaker.name.as_str()),
        Some((Speech::Named(name), _)) => Some(name.as_str()),
        None => None,
    };
    let visit = (kind == Kind::Practice && rng.chance(0.35)).then(|| red_base(rng));
    let title = match &visit {
        Some(base) => format!("赴{base}开展红色教育"),
        None => record_title(rng, kind, month, speaker_name, branch),
    };
    let ctx = TextCtx {
        kind,
        secretary: &branch.secretary,
        names: branch.named(),
    };
    let summary = rng.chance(0.85).then(|| {
        let mut s = String::new();
        sentence(rng, &ctx, &mut s);
        s
    });
    let tag_count = rng.range(1, 3);
    let mut tags = rng.pick_distinct(kind.tags(), tag_count);
    if let Some((speech, _)) = &speech {
        tags.push(match speech {
            Speech::Pool(_) => "专家宣讲",
            Speech::Named(name) if *name == branch.secretary => "书记讲党课",
            Speech::Named(_) => "领导讲党课",
        });
    }
    if rng.chance(0.4) {
        tags.push(rng.word(GENERIC_TAGS));
    }
    let attendance_rate = if matches!(kind, Kind::Practice | Kind::Affairs) {
        0.7
    } else {
        0.97
    };
    let attendance = rng
        .chance(attendance_rate)
        .then(|| make_attendance(rng, branch));
    Record {
        kind,
        title,
        date: (year, month, day),
        kind_text: if rng.chance(branch.alias_rate) {
            kind.alias()
        } else {
            kind.word()
        },
        summary,
        location: visit.unwrap_or_else(|| record_location(rng, kind, branch)),
        tags,
        attendance,
        internal: rng.chance(0.01),
        speech,
    }
}

fn make_attendance(rng: &mut Rng, branch: &Branch) -> Attendance {
    let expected = branch.members - branch.exempt;
    let mut used = Vec::new();
    let mut absent = Vec::new();
    for &truant in &branch.truants {
        if rng.chance(0.2) && !used.contains(&truant) {
            used.push(truant);
            absent.push(truant);
        }
    }
    let first = branch.activists + 1;
    let draw = |rng: &mut Rng, used: &mut Vec<usize>| loop {
        let member = rng.range(first, expected - 1);
        if !used.contains(&member) {
            used.push(member);
            return member;
        }
    };
    let excused_count = rng.below(expected * 8 / 100 + 2);
    let excused = (0..excused_count)
        .map(|_| (draw(rng, &mut used), rng.word(EXCUSE_REASONS)))
        .collect();
    if rng.chance(0.15) {
        for _ in 0..rng.range(1, expected * 3 / 100 + 1) {
            absent.push(draw(rng, &mut used));
        }
    }
    Attendance {
        expected,
        present: expected - used.len(),
        excused,
        absent,
    }
}

const STUDY_THEMES: &[&str] = &[
    "学习贯彻党的创新理论",
    "重温入党誓词、牢记初心使命",
    "学党章、守党规、强党性",
    "党纪学习教育",
    "学习身边先进典型事迹",
    "学习上级全会精神",
    "读原著、学原文、悟原理",
    "学习《中国共产党支部工作条例（试行）》",
    "学习新修订的《中国共产党纪律处分条例》",
    "学习基层治理先进经验",
];

const LECTURE_THEMES: &[&str] = &[
    "从党的百年奋斗中汲取前进力量",
    "坚定理想信念，筑牢信仰之基",
    "以党建引领基层治理现代化",
    "做新时代合格共产党员",
    "守初心、担使命，当好群众贴心人",
    "弘扬伟大建党精神",
    "严守纪律规矩，永葆清廉本色",
    "在乡村振兴中彰显党员担当",
    "传承红色基因，赓续精神血脉",
    "践行群众路线，办好民生实事",
    "以钉钉子精神抓落实",
    "在平凡岗位上践行初心使命",
    "坚持以人民为中心的发展思想",
    "推进清廉单元建设",
    "强化宗旨意识，提升服务本领",
    "发扬斗争精神，增强斗争本领",
];

const PRACTICE_TITLES: &[&str] = &[
    "“我为群众办实事”志愿服务",
    "走访慰问困难党员和群众",
    "垃圾分类入户宣传",
    "文明创建志愿服务",
    "防汛安全隐患排查",
    "反诈宣传进社区",
    "义诊义剪便民服务",
    "结对共建助农活动",
    "植树护绿志愿活动",
    "消防安全知识宣传",
    "背街小巷环境整治",
    "关爱独居老人上门服务",
];

fn record_title(
    rng: &mut Rng,
    kind: Kind,
    month: u32,
    speaker: Option<&str>,
    branch: &Branch,
) -> String {
    match kind {
        Kind::Study => match rng.below(4) {
            0 => format!("{month}月集中学习：{}", rng.word(STUDY_THEMES)),
            1 => format!("{}专题研讨", rng.word(STUDY_THEMES)),
            2 => format!("“{}”主题学习会", rng.word(TOPICS)),
            _ => format!("主题党日集中学习（{month}月）"),
        },
        Kind::Meeting => match rng.below(5) {
            0 if month == 1 || month == 12 => "召开年度组织生活会和民主评议党员会议".to_string(),
            0 | 1 => format!("召开{month}月份支部党员大会"),
            2 => format!("支委会研究{}", rng.word(MEETING_MATTERS)),
            3 => format!("党小组会：{}", rng.word(MEETING_MATTERS)),
            _ => format!("支部委员会会议（{month}月）"),
        },
        Kind::Practice if rng.chance(0.5) => {
            format!("{month}月党员志愿服务：{}", rng.word(PRACTICE_TITLES))
        }
        Kind::Practice => rng.word(PRACTICE_TITLES).to_string(),
        Kind::Affairs => match rng.below(5) {
            0 => format!("收缴{month}月份党费"),
            1 => format!("为{month}月入党的党员过“政治生日”"),
            2 => format!("{month}月党员组织关系转接与信息核查"),
            3 => "公示入党积极分子名单".to_string(),
            _ => format!("{month}月党费收缴与党员积分评定"),
        },
        Kind::Lecture => {
            let theme = rng.word(LECTURE_THEMES);
            match (rng.below(3), speaker) {
                (0, Some(name)) if name == branch.secretary => format!("书记讲党课：{theme}"),
                (1, Some(name)) => format!("{name}讲授专题党课“{theme}”"),
                (2, _) => format!("{month}月党课｜{theme}"),
                _ => format!("专题党课：{theme}"),
            }
        }
    }
}

fn red_base(rng: &mut Rng) -> String {
    let place = place_name(rng);
    let kind = rng.word(&[
        "革命烈士纪念馆",
        "红色教育基地",
        "革命历史纪念馆",
        "党史教育馆",
        "烈士陵园",
    ]);
    format!("{place}{kind}")
}

fn record_location(rng: &mut Rng, kind: Kind, branch: &Branch) -> String {
    match kind {
        Kind::Practice => format!(
            "{}{}",
            place_name(rng),
            rng.word(&["公园", "小区", "网格", "村民广场", "农贸市场"])
        ),
        _ => match rng.below(5) {
            0 => "党群服务中心二楼会议室".to_string(),
            1 => "新时代文明实践站".to_string(),
            2 => "线上视频会议".to_string(),
            3 => format!("{}党员活动室", branch.name.trim_end_matches("党支部")),
            _ => "支部会议室".to_string(),
        },
    }
}

fn record_file(rng: &mut Rng, branch: &Branch, record: &Record, out: &mut String) {
    out.push_str("---\ntitle: ");
    push_scalar(out, &record.title);
    let (year, month, day) = record.date;
    put!(
        out,
        "\ndate: {year}-{month:02}-{day:02}\nkind: {}\n",
        record.kind_text
    );
    if let Some(summary) = &record.summary {
        out.push_str("summary: ");
        push_scalar(out, summary);
        out.push('\n');
    }
    out.push_str("location: ");
    push_scalar(out, &record.location);
    out.push_str("\ntags: ");
    push_flow_list(out, &record.tags);
    out.push('\n');
    if let Some(attendance) = &record.attendance {
        attendance_yaml(branch, attendance, out);
    }
    if record.internal {
        out.push_str("visibility: internal\n");
    }
    if let Some((speech, minutes)) = &record.speech {
        match speech {
            Speech::Pool(speaker) => put!(out, "speaker: {}\n", speaker.id),
            Speech::Named(name) => {
                out.push_str("speaker_name: ");
                push_scalar(out, name);
                out.push('\n');
            }
        }
        put!(out, "duration: {minutes}\n");
    }
    out.push_str("---\n\n");

    let ctx = TextCtx {
        kind: record.kind,
        secretary: &branch.secretary,
        names: branch.named(),
    };
    if record.kind == Kind::Lecture {
        lecture_body(rng, &ctx, out);
    } else {
        record_body(rng, &ctx, month, out);
    }
}

fn attendance_yaml(branch: &Branch, attendance: &Attendance, out: &mut String) {
    put!(
        out,
        "attendance:\n  expected: {}\n  present: {}\n",
        attendance.expected,
        attendance.present
    );
    if !attendance.excused.is_empty() {
        out.push_str("  excused: [");
        for (i, (member, reason)) in attendance.excused.iter().enumerate() {
            out.push_str(if i == 0 { "{name: " } else { ", {name: " });
            push_scalar(out, &branch.roster[*member]);
            out.push_str(", reason: ");
            push_scalar(out, reason);
            out.push('}');
        }
        out.push_str("]\n");
    }
    if !attendance.absent.is_empty() {
        let names: Vec<&str> = attendance
            .absent
            .iter()
            .map(|&m| branch.roster[m].as_str())
            .collect();
        out.push_str("  absent: ");
        push_flow_list(out, &names);
        out.push('\n');
    }
}

// ---------------------------------------------------------------------------
// YAML

/// Writes `text` as a plain scalar when that is unambiguous, else double-quoted.
fn push_scalar(out: &mut String, text: &str) {
    if is_plain_safe(text) {
        out.push_str(text);
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => put!(out, "\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Plain when made only of non-ASCII letters and ASCII word characters, not
/// starting with a digit or dash, and not a YAML keyword.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let word_chars = text.chars().all(|c| {
        (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
            || c.is_ascii_alphanumeric()
            || c == '_'
            || c == '-'
    });
    let keyword = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    word_chars && !keyword && (!first.is_ascii() || first.is_ascii_alphabetic())
}

fn push_flow_list<S: AsRef<str>>(out: &mut String, items: &[S]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_scalar(out, item.as_ref());
    }
    out.push(']');
}

// ---------------------------------------------------------------------------
// Body text

struct TextCtx<'a> {
    kind: Kind,
    secretary: &'a str,
    names: &'a [String],
}

const SUBJECTS: &[&str] = &[
    "支部全体党员",
    "支部委员会",
    "与会党员",
    "全体党员",
    "支部班子成员",
    "各党小组",
    "青年党员",
    "老党员代表",
    "入党积极分子",
    "在职党员",
    "党员志愿者",
    "支部一班人",
    "党员骨干",
    "大家",
];

const ADVERBS: &[&str] = &[
    "认真",
    "深入",
    "集中",
    "系统",
    "逐条",
    "扎实",
    "持续",
    "主动",
    "积极",
    "进一步",
    "结合工作实际",
    "围绕年度重点任务",
    "对照党章党规",
    "紧扣活动主题",
    "联系思想和工作实际",
    "坚持问题导向",
];

const STUDY_VERBS: &[&str] = &[
    "学习",
    "研读",
    "认真学习",
    "原原本本学习",
    "逐段领读",
    "交流学习",
    "集中研读",
];

const STUDY_DOCS: &[&str] = &[
    "《中国共产党章程》",
    "《中国共产党纪律处分条例》",
    "党的创新理论",
    "上级全会精神",
    "党史学习教育读本",
    "上级党委有关文件精神",
    "《关于新形势下党内政治生活的若干准则》",
    "《中国共产党支部工作条例（试行）》",
    "《中国共产党党员教育管理工作条例》",
    "基层党组织建设有关要求",
    "先进典型事迹材料",
    "新修订的党内法规",
    "《中国共产党廉洁自律准则》",
    "中央八项规定及其实施细则精神",
];

const MEETING_VERBS: &[&str] = &["研究", "讨论", "审议", "部署", "通报", "听取", "逐项研究"];

const MEETING_MATTERS: &[&str] = &[
    "本月党建工作安排",
    "发展党员计划",
    "党员民主评议方案",
    "支部年度工作计划",
    "组织生活会整改清单",
    "党费收缴使用情况",
    "下阶段重点工作",
    "党员积分考评结果",
    "困难党员帮扶名单",
    "换届选举筹备事项",
    "入党积极分子培养情况",
    "党员先锋岗设置方案",
    "网格党员包联责任",
    "为民办实事项目清单",
];

const PRACTICE_VPS: &[&str] = &[
    "走访慰问辖区困难群众",
    "为独居老人上门送餐",
    "清理背街小巷卫生死角",
    "开展垃圾分类入户宣传",
    "向居民宣传反诈防骗知识",
    "参观革命烈士纪念馆",
    "在路口开展文明交通劝导",
    "为居民提供义诊义剪服务",
    "开展人居环境整治",
    "排查防汛安全隐患",
    "调解邻里矛盾纠纷",
    "为辖区学生开展课后托管服务",
    "到结对帮扶村开展助农活动",
    "在社区公园开展植树护绿",
    "开展消防安全知识宣传",
    "重走红色足迹、缅怀革命先烈",
];

const AFFAIRS_VPS: &[&str] = &[
    "收缴本月党费",
    "核对党员党费交纳基数",
    "为本月入党的党员过“政治生日”",
    "办理党员组织关系转接",
    "更新党员信息管理系统",
    "整理党员发展档案",
    "联系外出流动党员",
    "核查党员基本信息",
    "整理“三会一课”记录",
    "公示入党积极分子名单",
    "开展党员积分评定",
    "为老党员送去“光荣在党50年”纪念章",
    "补齐党员档案材料",
];

const LECTURE_VPS: &[&str] = &[
    "聆听专题党课",
    "结合身边事例交流学习体会",
    "围绕党课内容开展研讨",
    "撰写学习心得体会",
    "重温入党誓词",
    "观看专题教育片",
    "交流党课学习收获",
    "对照党课内容查找差距",
];

const RESULTS: &[&str] = &[
    "进一步坚定了理想信念",
    "切实增强了党员意识和宗旨意识",
    "推动各项工作落地见效",
    "把学习成果转化为为民服务的实际行动",
    "引导党员在基层治理中发挥先锋模范作用",
    "不断提升支部的组织力",
    "营造了比学赶超的良好氛围",
    "得到了群众的一致好评",
    "做到学思用贯通、知信行统一",
    "切实解决了一批群众急难愁盼问题",
    "为下一步工作打下了坚实基础",
    "进一步凝聚了干事创业的共识",
];

const OPINIONS: &[&str] = &[
    "要把学习成果转化为推动工作的强大动力",
    "党员要亮身份、作表率",
    "越是任务繁重越要发挥战斗堡垒作用",
    "必须坚持把群众满意作为工作的出发点和落脚点",
    "要以钉钉子精神抓好各项任务落实",
    "身边的榜样最有说服力",
    "基层工作千头万绪，关键在于党员带头",
    "要把为民服务的承诺落到一件件实事上",
    "只有常学常新才能做到心中有数",
    "支部工作要在细处着力、在实处见效",
    "作风建设永远在路上",
    "群众的事再小也是大事",
];

const CONNECTORS: &[&str] = &[
    "随后",
    "会上",
    "活动开始前",
    "在交流环节",
    "会后",
    "此外",
    "与此同时",
    "下一步",
    "活动最后",
    "结合前期调研情况",
    "按照上级党委部署",
];

const TOPICS: &[&str] = &[
    "学党章、守党规、当先锋",
    "我为群众办实事",
    "红色基因代代传",
    "争做新时代合格党员",
    "党建引领基层治理",
    "践行初心使命",
    "强党性、树形象",
    "清廉家风建设",
    "文明创建我先行",
    "党员先锋岗亮起来",
];

const SAYS: &[&str] = &[
    "表示",
    "指出",
    "强调",
    "谈到",
    "结合自身经历说",
    "在发言中提出",
];

const DUTIES: &[&str] = &[
    "筑牢思想根基",
    "提高政治站位",
    "强化责任担当",
    "密切联系群众",
    "严守纪律规矩",
    "提升服务本领",
    "勇于担当作为",
    "保持清正廉洁",
    "带头攻坚克难",
    "坚持实事求是",
    "发扬优良作风",
    "增强斗争本领",
];

const SAYINGS: &[&str] = &[
    "政者，正也",
    "民惟邦本，本固邦宁",
    "不积跬步，无以至千里",
    "治国犹如栽树，本根不摇则枝叶茂荣",
    "功成不必在我，功成必定有我",
    "知之愈明，则行之愈笃",
    "一勤天下无难事",
];

const HEADINGS: &[&str] = &[
    "深刻认识{}的重大意义",
    "准确把握{}的核心要义",
    "切实把{}落到实处",
    "以{}推动基层治理提质增效",
    "在{}中彰显党员本色",
    "把{}贯穿支部工作全过程",
    "从历史经验中理解{}",
];

const HEADING_SUBJECTS: &[&str] = &[
    "党的创新理论",
    "全面从严治党",
    "党建引领基层治理",
    "党员先锋模范作用",
    "乡村振兴",
    "新时代文明实践",
    "廉洁文化建设",
    "作风建设",
    "群众路线",
    "伟大建党精神",
];

const LEADS: &[&str] = &["带头", "注重", "着力", "切实", "始终坚持"];

const EXPERIENCES: &[&str] = &[
    "本职工作",
    "自身岗位",
    "多年工作经历",
    "网格服务工作",
    "入党以来的经历",
    "这次活动",
];

const CHINESE_NUMBERS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A verb phrase fitting the activity kind.
fn verb_phrase(rng: &mut Rng, kind: Kind, out: &mut String) {
    match kind {
        Kind::Study => {
            out.push_str(rng.word(STUDY_VERBS));
            out.push_str(rng.word(STUDY_DOCS));
        }
        Kind::Meeting => {
            out.push_str(rng.word(MEETING_VERBS));
            out.push_str(rng.word(MEETING_MATTERS));
        }
        Kind::Practice => out.push_str(rng.word(PRACTICE_VPS)),
        Kind::Affairs => out.push_str(rng.word(AFFAIRS_VPS)),
        Kind::Lecture if rng.chance(0.3) => {
            out.push_str(rng.word(STUDY_VERBS));
            out.push_str(rng.word(STUDY_DOCS));
        }
        Kind::Lecture => out.push_str(rng.word(LECTURE_VPS)),
    }
}

fn person(rng: &mut Rng, ctx: &TextCtx, out: &mut String) {
    match rng.below(4) {
        0 => put!(out, "支部书记{}", ctx.secretary),
        1 => put!(out, "老党员{}", rng.pick(ctx.names)),
        2 => put!(out, "青年党员{}", rng.pick(ctx.names)),
        _ => put!(out, "党员{}", rng.pick(ctx.names)),
    }
}

/// One sentence ending in 。, built from pieces.
fn sentence(rng: &mut Rng, ctx: &TextCtx, out: &mut String) {
    match rng.below(14) {
        0 | 1 => {
            put!(out, "{}{}", rng.word(SUBJECTS), rng.word(ADVERBS));
            verb_phrase(rng, ctx.kind, out);
            put!(out, "，{}。", rng.word(RESULTS));
        }
        2 => {
            put!(out, "{}，{}", rng.word(CONNECTORS), rng.word(SUBJECTS));
            verb_phrase(rng, ctx.kind, out);
            out.push('。');
        }
        3 => {
            person(rng, ctx, out);
            put!(out, "{}，{}。", rng.word(SAYS), rng.word(OPINIONS));
        }
        4 => put!(out, "大家一致认为，{}。", rng.word(OPINIONS)),
        5 => put!(
            out,
            "通过此次活动，{}{}。",
            rng.word(SUBJECTS),
            rng.word(RESULTS)
        ),
        6 => {
            put!(
                out,
                "{}围绕“{}”这一主题，{}",
                rng.word(SUBJECTS),
                rng.word(TOPICS),
                rng.word(ADVERBS)
            );
            verb_phrase(rng, ctx.kind, out);
            out.push('。');
        }
        7 => {
            put!(out, "活动中，{}", rng.word(SUBJECTS));
            verb_phrase(rng, ctx.kind, out);
            put!(out, "，{}。", rng.word(RESULTS));
        }
        8 if ctx.kind == Kind::Lecture => {
            let duties = rng.pick_distinct(DUTIES, 3);
            put!(
                out,
                "一是要{}，二是要{}，三是要{}。",
                duties[0],
                duties[1],
                duties[2]
            );
        }
        8 => {
            put!(
                out,
                "{}，{}{}",
                rng.word(CONNECTORS),
                rng.word(SUBJECTS),
                rng.word(ADVERBS)
            );
            verb_phrase(rng, ctx.kind, out);
            out.push_str("，并");
            verb_phrase(rng, ctx.kind, out);
            out.push('。');
        }
        9 if ctx.kind == Kind::Lecture => {
            put!(
                out,
                "古人云：“{}。”{}。",
                rng.word(SAYINGS),
                rng.word(OPINIONS)
            );
        }
        9 => {
            put!(
                out,
                "{}，{}{}{}，",
                rng.word(CONNECTORS),
                rng.word(SUBJECTS),
                rng.word(LEADS),
                rng.word(DUTIES)
            );
            verb_phrase(rng, ctx.kind, out);
            out.push('。');
        }
        10 => {
            let duties = rng.pick_distinct(DUTIES, 2);
            put!(
                out,
                "{}纷纷表示，将以此为契机，{}、{}，在本职岗位上当先锋、作表率。",
                rng.word(SUBJECTS),
                duties[0],
                duties[1]
            );
        }
        11 if rng.chance(0.5) => put!(
            out,
            "今年以来，支部主题党日活动的党员参与率保持在{}%以上。",
            rng.range(85, 98)
        ),
        11 => put!(
            out,
            "本次活动还吸引了{}名群众参与，现场气氛热烈。",
            rng.range(5, 120)
        ),
        12 => {
            person(rng, ctx, out);
            put!(
                out,
                "结合{}谈了体会，认为{}。",
                rng.word(EXPERIENCES),
                rng.word(OPINIONS)
            );
        }
        _ if ctx.kind == Kind::Lecture => {
            let duties = rng.pick_distinct(DUTIES, 2);
            put!(
                out,
                "作为一名共产党员，我们要{}，{}，{}。",
                duties[0],
                duties[1],
                rng.word(OPINIONS)
            );
        }
        _ => {
            let duties = rng.pick_distinct(DUTIES, 2);
            put!(
                out,
                "支部书记{}对下一步工作提出要求：{}、{}，{}。",
                ctx.secretary,
                duties[0],
                duties[1],
                rng.word(OPINIONS)
            );
        }
    }
}

const PARAGRAPH_MIN: usize = 80;
const PARAGRAPH_MAX: usize = 250;

/// A paragraph of 80 to 250 characters (no trailing newline), opening with
/// a bold sentence if `bold`; returns its length in characters, not counting
/// the `**` markers.
fn paragraph(rng: &mut Rng, ctx: &TextCtx, bold: bool, out: &mut String) -> usize {
    let target = rng.range(PARAGRAPH_MIN, 200);
    let mut len = 0;
    if bold {
        let opinion = rng.word(OPINIONS);
        put!(out, "**{opinion}**。");
        len += opinion.chars().count() + 1;
    }
    let mut next = String::new();
    while len < target {
        next.clear();
        sentence(rng, ctx, &mut next);
        let next_len = next.chars().count();
        if len >= PARAGRAPH_MIN && len + next_len > PARAGRAPH_MAX {
            break;
        }
        out.push_str(&next);
        len += next_len;
    }
    len
}

/// An ordinary record body: 600 to 2,000 characters.
fn record_body(rng: &mut Rng, ctx: &TextCtx, month: u32, out: &mut String) {
    let target = rng.range(600, 1750);
    let list_after = rng.chance(0.1).then(|| rng.below(3));
    let bold_at = rng.chance(0.15).then(|| rng.below(3));
    let table_after = rng.chance(0.05).then(|| rng.below(3));
    let mut len = 0;
    let mut index = 0;
    while len < target {
        len += paragraph(rng, ctx, bold_at == Some(index), out);
        out.push_str("\n\n");
        if list_after == Some(index) {
            len += markdown_list(rng, ctx, out);
        }
        if table_after == Some(index) {
            len += markdown_table(rng, ctx, Some(month % 12 + 1), out);
        }
        index += 1;
    }
    out.pop();
}

/// A lecture: 3,000 to 6,000 characters under 3 to 6 `##` headings.
fn lecture_body(rng: &mut Rng, ctx: &TextCtx, out: &mut String) {
    let target = rng.range(3000, 5400);
    let sections = rng.range(3, 6);
    let mut len = paragraph(rng, ctx, false, out);
    out.push_str("\n\n");
    let table_in = rng.chance(0.05).then(|| rng.below(sections));
    let list_in = rng.chance(0.15).then(|| rng.below(sections));
    for (section, number) in CHINESE_NUMBERS.iter().enumerate().take(sections) {
        let heading = rng.word(HEADINGS).replace("{}", rng.word(HEADING_SUBJECTS));
        put!(out, "## {number}、{heading}\n\n");
        let section_end = target * (section + 1) / sections;
        let mut first = true;
        while first || len < section_end {
            let bold = first && rng.chance(0.1);
            len += paragraph(rng, ctx, bold, out);
            out.push_str("\n\n");
            if first && list_in == Some(section) {
                len += markdown_list(rng, ctx, out);
            }
            if first && table_in == Some(section) {
                len += markdown_table(rng, ctx, None, out);
            }
            first = false;
        }
    }
    out.pop();
}

/// A lead-in line and a short bullet or numbered list; returns its length in characters.
fn markdown_list(rng: &mut Rng, ctx: &TextCtx, out: &mut String) -> usize {
    let start = out.len();
    out.push_str(rng.word(&[
        "本次活动主要包括以下内容：",
        "下一步，支部将重点抓好以下几项工作：",
        "会议明确了以下事项：",
    ]));
    out.push_str("\n\n");
    let ordered = rng.chance(0.5);
    let items = rng.range(3, 5);
    for i in 0..items {
        if ordered {
            put!(out, "{}. ", i + 1);
        } else {
            out.push_str("- ");
        }
        verb_phrase(rng, ctx.kind, out);
        out.push_str(if i + 1 == items { "。\n" } else { "；\n" });
    }
    out.push('\n');
    out[start..].chars().count()
}

/// A task table, with deadlines in `due_month` if given; returns its length in characters.
fn markdown_table(rng: &mut Rng, ctx: &TextCtx, due_month: Option<u32>, out: &mut String) -> usize {
    let start = out.len();
    out.push_str("| 序号 | 工作任务 | 责任人 | 完成时限 |\n| --- | --- | --- | --- |\n");
    for i in 0..rng.range(3, 6) {
        put!(out, "| {} | ", i + 1);
        verb_phrase(rng, ctx.kind, out);
        put!(out, " | {} | ", rng.pick(ctx.names));
        match due_month {
            Some(month) if rng.chance(0.8) => put!(out, "{month}月{}日前", rng.range(10, 28)),
            _ => out.push_str("长期坚持"),
        }
        out.push_str(" |\n");
    }
    out.push('\n');
    out[start..].chars().count()
}
