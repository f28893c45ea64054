//! The places index (红色教育基地): every place the records name in their
//! `location`, the ways of writing one place folded into one by the
//! `places:` list of `site.yaml`, with the records that visited it. Data
//! only: `render::places` writes the pages, `check` reports the spellings
//! that look like one place written two ways.
//!
//! A public build's site holds no internal record (`model::published`), so
//! no visit of one is counted or shown here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::{PlaceDef, place_key};
use crate::model::Site;
use crate::urls;

/// One place and its visits.
#[derive(Debug)]
pub struct Place<'a> {
    /// Its page's URL segment (`/places/<slug>/`).
    pub slug: String,
    /// The canonical name: `site.yaml`'s, else the spelling the records use
    /// (the commonest when they differ only in spaces, see `commonest`).
    pub name: String,
    /// What `site.yaml` says about it, if it lists it.
    pub def: Option<&'a PlaceDef>,
    /// The records that name it (indices into `Site::records`), newest first.
    pub visits: Vec<usize>,
    /// Visits per year, oldest year first.
    pub years: Vec<(u16, usize)>,
}

/// The places a `location` names: one, or several separated by `、`
/// (`东孚红色交通站旧址、东瑶村村史馆`, a visit to both).
pub(crate) fn names(location: &str) -> impl Iterator<Item = &str> {
    location
        .split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Which place each spelling belongs to, from `site.yaml`'s `places:`.
pub(crate) struct Folding<'a> {
    defs: &'a [PlaceDef],
    /// A spelling's key (`place_key`): the index of its place in `defs`.
    by_key: HashMap<String, usize>,
}

impl<'a> Folding<'a> {
    pub(crate) fn new(defs: &'a [PlaceDef]) -> Folding<'a> {
        let mut by_key = HashMap::new();
        for (i, d) in defs.iter().enumerate() {
            for spelling in std::iter::once(&d.name).chain(&d.aliases) {
                by_key.entry(place_key(spelling)).or_insert(i);
            }
        }
        Folding { defs, by_key }
    }

    /// The place a spelling belongs to: its key (the canonical name's key
    /// when `site.yaml` lists it) and its entry there.
    pub(crate) fn fold(&self, spelling: &str) -> (String, Option<&'a PlaceDef>) {
        let key = place_key(spelling);
        match self.by_key.get(&key) {
            Some(&i) => (place_key(&self.defs[i].name), Some(&self.defs[i])),
            None => (key, None),
        }
    }
}

/// A place's entry of `site.yaml`, how often each spelling of it is
/// written, and the records that visited it, as `index` gathers them.
type Gathered<'a> = (Option<&'a PlaceDef>, BTreeMap<&'a str, usize>, Vec<usize>);

/// Every place the site's records visited, most visited first (then by
/// name), each with its visits newest first.
pub(crate) fn index(site: &Site) -> Vec<Place<'_>> {
    let folding = Folding::new(&site.config.places);
    // By key, so that the slugs below are handed out in a fixed order.
    let mut by_key: BTreeMap<String, Gathered> = BTreeMap::new();
    for (i, rec) in site.records.all().iter().enumerate() {
        let Some(location) = &rec.location else {
            continue;
        };
        for name in names(location) {
            let (key, def) = folding.fold(name);
            let entry = by_key
                .entry(key)
                .or_insert((def, BTreeMap::new(), Vec::new()));
            *entry.1.entry(name).or_default() += 1;
            // A record that names one place twice visited it once.
            if entry.2.last() != Some(&i) {
                entry.2.push(i);
            }
        }
    }
    let mut taken: BTreeSet<String> = site
        .config
        .places
        .iter()
        .filter_map(|d| d.slug.clone())
        .collect();
    let mut places: Vec<Place> = by_key
        .into_iter()
        .map(|(key, (def, spellings, mut visits))| {
            site.sort_newest_first(&mut visits);
            let slug = match def.and_then(|d| d.slug.clone()) {
                Some(s) => s,
                None => free_slug(&urls::place_slug(&key), &mut taken),
            };
            let name = match def {
                Some(d) => d.name.clone(),
                None => commonest(&spellings).to_string(),
            };
            let mut years: BTreeMap<u16, usize> = BTreeMap::new();
            for &v in &visits {
                *years.entry(site.records.peek(v).date.year).or_default() += 1;
            }
            Place {
                slug,
                name,
                def,
                visits,
                years: years.into_iter().collect(),
            }
        })
        .collect();
    places.sort_by(|a, b| {
        b.visits
            .len()
            .cmp(&a.visits.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    places
}

/// The spelling most records use, of spellings that differ only in spaces;
/// on a tie the one with fewest spaces, then the first in code point order.
fn commonest<'a>(spellings: &BTreeMap<&'a str, usize>) -> &'a str {
    spellings
        .iter()
        .max_by(|(a, na), (b, nb)| {
            na.cmp(nb)
                .then_with(|| b.chars().count().cmp(&a.chars().count()))
                .then_with(|| b.cmp(a))
        })
        .map_or("", |(s, _)| *s)
}

/// `slug`, or when another place has it already (two names with the same
/// hash, or a hash equal to a slug of `site.yaml`), `slug-2`, `slug-3`, ….
fn free_slug(slug: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = slug.to_string();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// A place's key and its entry of `site.yaml` (`Folding::fold`).
type Folded<'a> = (String, Option<&'a PlaceDef>);

/// One way of writing a place, with the records that write it so.
#[derive(Debug)]
pub(crate) struct Spelling<'a> {
    pub name: &'a str,
    /// Indices into `Site::records`, in the site's order.
    pub uses: Vec<usize>,
}

/// Two spellings that look like one place written two ways and that
/// `site.yaml` does not fold into one. `first` is the one used less (the
/// likelier slip), or the longer one.
#[derive(Debug)]
pub(crate) struct NearDuplicate<'a> {
    pub first: Spelling<'a>,
    pub second: Spelling<'a>,
}

/// The pairs of spellings the records use that look alike (see
/// `looks_alike`) and belong to different places: not folded by an alias,
/// and not both listed in `site.yaml` as places of their own (which says
/// they are two).
pub(crate) fn near_duplicates(site: &Site) -> Vec<NearDuplicate<'_>> {
    let folding = Folding::new(&site.config.places);
    // By key: how each is written, and the records.
    let mut by_key: BTreeMap<String, (BTreeMap<&str, usize>, Vec<usize>)> = BTreeMap::new();
    for (i, rec) in site.records.all().iter().enumerate() {
        for name in rec.location.as_deref().into_iter().flat_map(names) {
            let (written, uses) = by_key.entry(place_key(name)).or_default();
            *written.entry(name).or_default() += 1;
            if uses.last() != Some(&i) {
                uses.push(i);
            }
        }
    }
    let spellings: Vec<(String, Spelling)> = by_key
        .into_iter()
        .map(|(key, (written, uses))| {
            let name = commonest(&written);
            (key, Spelling { name, uses })
        })
        .collect();
    // Each spelling as characters, with the place it folds into.
    let list: Vec<(Vec<char>, Folded, &Spelling)> = spellings
        .iter()
        .map(|(key, s)| (key.chars().collect(), folding.fold(s.name), s))
        .collect();
    // The candidates, found by hashing instead of comparing every pair (a
    // district has thousands of spellings): a spelling that ends another,
    // and a spelling that is another with one character left out.
    let index: HashMap<&[char], usize> = list
        .iter()
        .enumerate()
        .map(|(i, (chars, _, _))| (chars.as_slice(), i))
        .collect();
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, (long, _, _)) in list.iter().enumerate() {
        for start in 1..long.len() {
            if let Some(&j) = index.get(&long[start..]) {
                candidates.insert((i.min(j), i.max(j)));
            }
        }
        let mut shorter = Vec::with_capacity(long.len());
        for gap in 0..long.len() {
            shorter.clear();
            shorter.extend_from_slice(&long[..gap]);
            shorter.extend_from_slice(&long[gap + 1..]);
            if let Some(&j) = index.get(shorter.as_slice()) {
                candidates.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut pairs = Vec::new();
    for (i, j) in candidates {
        let ((a, (place_a, def_a), sa), (b, (place_b, def_b), sb)) = (&list[i], &list[j]);
        let declared_apart = def_a.is_some() && def_b.is_some();
        if place_a == place_b || declared_apart || !looks_alike(a, b) {
            continue;
        }
        let a_first = (sa.uses.len(), std::cmp::Reverse(a.len()))
            <= (sb.uses.len(), std::cmp::Reverse(b.len()));
        let (first, second) = if a_first { (sa, sb) } else { (sb, sa) };
        pairs.push(NearDuplicate {
            first: Spelling {
                name: first.name,
                uses: first.uses.clone(),
            },
            second: Spelling {
                name: second.name,
                uses: second.uses.clone(),
            },
        });
    }
    pairs
}

/// Characters that tell two places apart when they are the one difference
/// (第三网格 and 第四网格, 东区 and 西区): numerals and directions.
const DISTINGUISHING: &str =
    "0123456789零〇一二三四五六七八九十百两东西南北中上下前后左右内外新老旧";

/// Whether two spellings (keys, as characters) look like one place: the
/// shorter, of four characters or more, ends the longer (a qualifier in
/// front: 东山谷文昌纪念馆 and 谷文昌纪念馆; the head noun of a Chinese
/// name comes last, so 海韵社区 and 海韵社区党群服务中心 are a place and a
/// building in it, and do not look alike), or is the longer with one
/// character left out (海沧红色记忆馆 and 海沧区红色记忆馆) that is not a
/// numeral or a direction. One character replaced is not enough: two
/// villages' squares (金林村民广场, 富林村民广场) differ by one character as
/// often as a slip of the pen does (on the benchmark corpus that rule gave
/// 147,000 warnings).
pub(crate) fn looks_alike(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 || short == long {
        return false;
    }
    if long.ends_with(short) {
        return true;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    long.len() - short.len() == 1
        && short[head..] == long[head + 1..]
        && !DISTINGUISHING.contains(long[head])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    fn alike(a: &str, b: &str) -> bool {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        looks_alike(&a, &b) && looks_alike(&b, &a)
    }

    #[test]
    fn a_qualifier_in_front_or_one_slip_looks_like_the_same_place() {
        assert!(alike("谷文昌纪念馆", "东山谷文昌纪念馆"));
        assert!(alike("海沧红色记忆馆", "海沧区红色记忆馆"));
    }

    #[test]
    fn places_inside_places_and_numbered_places_are_different() {
        assert!(!alike("海韵社区", "海韵社区党群服务中心"));
        assert!(!alike("兴旺社区第三网格", "兴旺社区第四网格"));
        assert!(!alike("学校党员活动室", "公司党员活动室"));
        assert!(!alike("一号楼", "二号楼"), "short names are left alone");
        assert!(!alike("谷文昌纪念馆", "谷文昌纪念馆"));
        assert!(!alike("海沧区革命历史陈列馆", "海沧红色记忆馆"));
        assert!(
            !alike("金林村民广场", "富林村民广场"),
            "two villages' squares"
        );
        assert!(
            !alike("谷文昌纪念馆", "谷文昌记念馆"),
            "one character replaced"
        );
    }

    fn visit(day: u8, location: &str) -> String {
        format!("title: 参观\ndate: 2026-05-{day:02}\nkind: practice\nlocation: {location}")
    }

    #[test]
    fn aliases_fold_and_the_most_visited_come_first() {
        let site = Fixture::new()
            .config("places:\n  - name: 谷文昌纪念馆\n    aliases: [东山谷文昌纪念馆]\n    address: 东山县\n    slug: guwenchang\n")
            .plain_branch("b")
            .record("b", "2026-05", "a", &visit(3, "东山谷文昌纪念馆"))
            .record("b", "2026-05", "c", &visit(9, "谷文昌 纪念馆"))
            .record("b", "2026-05", "d", &visit(12, "海沧红色记忆馆、谷文昌纪念馆"))
            .record("b", "2026-05", "e", &visit(20, "孚新公园"))
            .clean();
        let places = index(&site);
        let shown: Vec<(&str, usize)> = places
            .iter()
            .map(|p| (p.name.as_str(), p.visits.len()))
            .collect();
        assert_eq!(
            shown,
            [("谷文昌纪念馆", 3), ("孚新公园", 1), ("海沧红色记忆馆", 1)]
        );
        assert_eq!(places[0].slug, "guwenchang");
        assert_eq!(
            places[0].def.and_then(|d| d.address.as_deref()),
            Some("东山县")
        );
        let ids: Vec<&str> = places[0]
            .visits
            .iter()
            .map(|&v| site.records[v].id.as_str())
            .collect();
        assert_eq!(ids, ["d", "c", "a"], "newest first");
        assert_eq!(places[0].years, [(2026, 3)]);
        assert_eq!(places[1].slug, urls::place_slug("孚新公园"));
    }

    #[test]
    fn near_duplicates_name_both_spellings_unless_folded_or_declared_apart() {
        let f = |yaml: &str| {
            Fixture::new()
                .config(yaml)
                .plain_branch("b")
                .record("b", "2026-05", "a", &visit(3, "东山谷文昌纪念馆"))
                .record("b", "2026-05", "c", &visit(9, "谷文昌纪念馆"))
                .record("b", "2026-05", "d", &visit(10, "谷文昌纪念馆"))
                .record("b", "2026-05", "e", &visit(12, "海韵社区党群服务中心"))
                .record("b", "2026-05", "g", &visit(13, "海韵社区"))
                .clean()
        };
        let site = f("");
        let pairs = near_duplicates(&site);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!(pairs[0].first.name, "东山谷文昌纪念馆");
        assert_eq!(pairs[0].second.name, "谷文昌纪念馆");
        assert_eq!(pairs[0].second.uses.len(), 2);
        let folded = f("places:\n  - { name: 谷文昌纪念馆, aliases: [东山谷文昌纪念馆] }\n");
        assert!(near_duplicates(&folded).is_empty());
        let apart = f("places:\n  - { name: 谷文昌纪念馆 }\n  - { name: 东山谷文昌纪念馆 }\n");
        assert!(near_duplicates(&apart).is_empty());
        let one_listed = f("places:\n  - { name: 谷文昌纪念馆 }\n");
        assert_eq!(near_duplicates(&one_listed).len(), 1);
    }
}
