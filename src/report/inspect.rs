//! Random inspections (随机抽查): which branches the inspectors visit for a
//! month, and what to check at each. The draw is a function of the content
//! and a seed alone, so that anyone can repeat it and see that it was not
//! chosen by hand: the same seed over the same content draws the same
//! branches on every machine and with every version of dangri that keeps
//! the pinned sample of the tests below.
//!
//! Randomness comes from ChaCha20 (`rand_chacha`), keyed with the seed and
//! read only as `u64` words; the arithmetic on them (the apportionment, the
//! weighted picks) is ours, in integers, because the distributions of
//! `rand` are free to change between its versions.

use std::collections::BTreeSet;

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng as _, SeedableRng as _};

use super::{Rule, absences, done_in};
use crate::date::{Date, YearMonth};
use crate::kind::KindSet;
use crate::model::Site;
use crate::model::pictures::{Use, body_picture_uses};

// ---------------------------------------------------------------------------
// Weights (docs/commands.md lists them)

/// Every branch due in the month has this weight: every branch can be drawn.
pub(crate) const BASE: u64 = 1;
/// Added when the branch has no record of the month.
pub(crate) const SILENT: u64 = 2;
/// Added for each of the five things missing, up to `MISSING_CAP`.
pub(crate) const PER_MISSING: u64 = 1;
pub(crate) const MISSING_CAP: u64 = 3;
/// Added when a member reached the unexcused-absence rule in the month.
pub(crate) const ABSENCE: u64 = 2;

/// What the month's bulletin says of a branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flags {
    /// The five things done (internal records included).
    pub done: KindSet,
    /// Members absent without excuse in the month who are, counting the
    /// months up to it, at the rule (`attendance:` of `site.yaml`).
    pub at_rule: usize,
}

impl Flags {
    pub(crate) fn silent(self) -> bool {
        self.done.is_empty()
    }

    pub(crate) fn weight(self) -> Weight {
        let missing = self.done.missing().len() as u64;
        Weight {
            base: BASE,
            silent: if self.silent() { SILENT } else { 0 },
            missing: (missing * PER_MISSING).min(MISSING_CAP),
            absence: if self.at_rule > 0 { ABSENCE } else { 0 },
        }
    }
}

/// A branch's chance to be drawn, relative to the others of its committee,
/// part by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Weight {
    pub base: u64,
    pub silent: u64,
    pub missing: u64,
    pub absence: u64,
}

impl Weight {
    pub(crate) fn total(self) -> u64 {
        self.base + self.silent + self.missing + self.absence
    }
}

// ---------------------------------------------------------------------------
// The inspection

/// One committee's branches due in the month, and how many were drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stratum {
    /// Index into `Site::committees`.
    pub committee: usize,
    pub due: usize,
    pub drawn: usize,
}

/// The draw of one month, with a checklist per branch drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inspection {
    pub ym: YearMonth,
    pub seed: u64,
    /// `--count`.
    pub requested: usize,
    /// Branches due in the month (founded by then), the ones that could be drawn.
    pub due: usize,
    /// Committees with a branch due, in the site's order.
    pub strata: Vec<Stratum>,
    /// By committee, then branch, as the site orders them.
    pub drawn: Vec<Checklist>,
}

impl Inspection {
    /// Whether every branch due was drawn because fewer were due than asked for.
    pub(crate) fn all(&self) -> bool {
        self.requested >= self.due
    }
}

/// What an inspector takes along to one branch: what it claims for the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checklist {
    /// Index into `Site::branches`.
    pub branch: usize,
    /// Index into `Site::committees`.
    pub committee: usize,
    pub flags: Flags,
    /// The month's records, internal ones included, as the month orders
    /// them (date, kind, id).
    pub records: Vec<Claimed>,
    /// The days the records took place on, ascending (the Party Day and any other).
    pub days: Vec<Date>,
    /// The attendance of the month's records added up; `None` when no record has any.
    pub attendance: Option<Sums>,
}

/// One record of the month as it is to be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claimed {
    /// Index into `Site::records`.
    pub record: usize,
    /// Pictures the record shows (`photos:` and embedded), each once.
    pub photos: usize,
    pub attendance: Option<Sums>,
}

/// Attendance counts; `expected` and `present` are `None` where no record
/// gives them. Counts only: a checklist never names a member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub expected: Option<u64>,
    pub present: Option<u64>,
    pub excused: u64,
    pub absent: u64,
}

impl Sums {
    fn add(self, o: Sums) -> Sums {
        let sum = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        Sums {
            expected: sum(self.expected, o.expected),
            present: sum(self.present, o.present),
            excused: self.excused + o.excused,
            absent: self.absent + o.absent,
        }
    }
}

/// Draws `count` of the branches due in `ym` with `seed`, and makes their
/// checklists. What it reads of the content is the month and the months
/// before it: records written later do not change a past month's draw.
pub(crate) fn inspect(site: &Site, ym: YearMonth, count: usize, seed: u64) -> Inspection {
    let at_rule = at_rule(site, ym);
    // Strata: the committees' branches due in the month, with their flags.
    let mut strata: Vec<(usize, Vec<(usize, Flags)>)> = Vec::new();
    for (ci, c) in site.committees.iter().enumerate() {
        let due: Vec<(usize, Flags)> = c
            .branches
            .iter()
            .filter_map(|&b| {
                let done = done_in(site, b, ym)?;
                Some((
                    b,
                    Flags {
                        done,
                        at_rule: at_rule[b],
                    },
                ))
            })
            .collect();
        if !due.is_empty() {
            strata.push((ci, due));
        }
    }
    let weights: Vec<Vec<u64>> = strata
        .iter()
        .map(|(_, due)| due.iter().map(|(_, f)| f.weight().total()).collect())
        .collect();
    let picks = draw(&weights, count, seed);
    let drawn = picks
        .iter()
        .map(|&(s, i)| {
            let (committee, due) = &strata[s];
            let (branch, flags) = due[i];
            checklist(site, ym, branch, *committee, flags)
        })
        .collect();
    Inspection {
        ym,
        seed,
        requested: count,
        due: strata.iter().map(|(_, due)| due.len()).sum(),
        strata: strata
            .iter()
            .enumerate()
            .map(|(s, (ci, due))| Stratum {
                committee: *ci,
                due: due.len(),
                drawn: picks.iter().filter(|p| p.0 == s).count(),
            })
            .collect(),
        drawn,
    }
}

/// Per branch, the members at the unexcused-absence rule in `ym`: absent
/// without excuse that month and, counting that month and the ones before
/// it only, absent `consecutive` months in a row up to it or `cumulative`
/// months of its year.
fn at_rule(site: &Site, ym: YearMonth) -> Vec<usize> {
    let rule = site.config.attendance;
    let mut members: BTreeSet<(usize, String)> = BTreeSet::new();
    for a in absences(site) {
        // A run of months in a row, or the months of one year: cut at `ym`,
        // it is what the same rule finds over the content up to `ym`.
        let upto = a.months.iter().filter(|&&m| m <= ym).count();
        if !a.months.contains(&ym) {
            continue;
        }
        let needed = match a.rule {
            Rule::Consecutive => rule.consecutive,
            Rule::Cumulative { year } if year == ym.year => rule.cumulative,
            Rule::Cumulative { .. } => continue,
        };
        if upto >= needed as usize {
            members.insert((a.branch, a.name));
        }
    }
    let mut counts = vec![0; site.branches.len()];
    for (b, _) in members {
        counts[b] += 1;
    }
    counts
}

fn checklist(
    site: &Site,
    ym: YearMonth,
    branch: usize,
    committee: usize,
    flags: Flags,
) -> Checklist {
    let records: Vec<Claimed> = site
        .done(branch, ym)
        .map(|m| m.records.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|&r| claimed(site, r))
        .collect();
    let days: BTreeSet<Date> = records
        .iter()
        .map(|c| site.records[c.record].date)
        .collect();
    let attendance = records
        .iter()
        .filter_map(|c| c.attendance)
        .reduce(Sums::add);
    Checklist {
        branch,
        committee,
        flags,
        records,
        days: days.into_iter().collect(),
        attendance,
    }
}

fn claimed(site: &Site, r: usize) -> Claimed {
    let rec = &site.records[r];
    let photos: BTreeSet<String> = body_picture_uses(site, rec)
        .into_iter()
        .filter(|(_, how)| *how == Use::Shows)
        .map(|(path, _)| path)
        .collect();
    let attendance = rec.attendance.as_ref().map(|a| Sums {
        expected: a.expected,
        present: a.present_count(),
        excused: a.excused.len() as u64,
        absent: a.absent.len() as u64,
    });
    Claimed {
        record: r,
        photos: photos.len(),
        attendance,
    }
}

// ---------------------------------------------------------------------------
// The draw

/// The generator of a seed: ChaCha20 (20 rounds, the original 64-bit
/// counter and stream 0) keyed with the seed's 8 bytes, little-endian,
/// then 24 zero bytes. Seed 0 is the all-zero key, whose keystream is the
/// published test vector (a test pins it).
fn generator(seed: u64) -> ChaCha20Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    ChaCha20Rng::from_seed(key)
}

/// A uniform number below `n` (0 when `n` is 0 or 1): a word is drawn
/// again while it is among the lowest 2⁶⁴ mod `n`, so that every remainder
/// is equally likely.
fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let reject = n.wrapping_neg() % n;
    loop {
        let x = rng.next_u64();
        if x >= reject {
            return x % n;
        }
    }
}

/// An index of `weights`, each with a chance in proportion to its weight.
fn pick(rng: &mut ChaCha20Rng, weights: &[u64]) -> usize {
    let mut r = below(rng, weights.iter().sum());
    for (i, &w) in weights.iter().enumerate() {
        if r < w {
            return i;
        }
        r -= w;
    }
    weights.len().saturating_sub(1)
}

/// `count` branches of the strata (each a list of weights, every one at
/// least 1), as (stratum, index) pairs in order.
///
/// - `count` at least the number of branches: all of them.
/// - `count` at least the number of strata: each stratum gets draws in
///   proportion to its size ([`apportion`]), at least one; within it,
///   branches are picked one at a time in proportion to their weights,
///   without replacement.
/// - fewer: branches are picked one at a time in proportion to their
///   weights among all strata not drawn from yet, so no stratum gets two.
pub(crate) fn draw(strata: &[Vec<u64>], count: usize, seed: u64) -> Vec<(usize, usize)> {
    let total: usize = strata.iter().map(Vec::len).sum();
    if count >= total {
        return strata
            .iter()
            .enumerate()
            .flat_map(|(s, w)| (0..w.len()).map(move |i| (s, i)))
            .collect();
    }
    let mut rng = generator(seed);
    let nonempty = strata.iter().filter(|w| !w.is_empty()).count();
    let mut picks = Vec::with_capacity(count);
    if count >= nonempty {
        let sizes: Vec<usize> = strata.iter().map(Vec::len).collect();
        let seats = apportion(&mut rng, &sizes, count);
        for (s, weights) in strata.iter().enumerate() {
            let mut left: Vec<usize> = (0..weights.len()).collect();
            for _ in 0..seats[s] {
                let w: Vec<u64> = left.iter().map(|&i| weights[i]).collect();
                picks.push((s, left.remove(pick(&mut rng, &w))));
            }
        }
    } else {
        let mut left: Vec<(usize, usize)> = strata
            .iter()
            .enumerate()
            .flat_map(|(s, w)| (0..w.len()).map(move |i| (s, i)))
            .collect();
        for _ in 0..count {
            let w: Vec<u64> = left.iter().map(|&(s, i)| strata[s][i]).collect();
            let (s, i) = left[pick(&mut rng, &w)];
            picks.push((s, i));
            left.retain(|&(t, _)| t != s);
        }
    }
    picks.sort_unstable();
    picks
}

/// How many of `count` draws each stratum gets: one each to begin with,
/// then one at a time to the stratum with the most branches per draw,
/// `size / (2 × draws + 1)` (the Sainte-Laguë method), ties drawn by lot,
/// never more than its size. `count` is at least the number of non-empty
/// strata and below their total size.
fn apportion(rng: &mut ChaCha20Rng, sizes: &[usize], count: usize) -> Vec<usize> {
    let mut seats: Vec<usize> = sizes.iter().map(|&s| usize::from(s > 0)).collect();
    let mut given: usize = seats.iter().sum();
    while given < count {
        // `a / b` against `c / d` as `a × d` against `c × b`, in integers.
        let quotient = |i: usize| (sizes[i] as u128, 2 * seats[i] as u128 + 1);
        let mut best: Vec<usize> = Vec::new();
        for i in (0..sizes.len()).filter(|&i| seats[i] < sizes[i]) {
            let (a, b) = quotient(i);
            match best.first().map(|&j| quotient(j)) {
                Some((c, d)) if a * d < c * b => {}
                Some((c, d)) if a * d == c * b => best.push(i),
                _ => best = vec![i],
            }
        }
        if best.is_empty() {
            break;
        }
        let i = best[below(rng, best.len() as u64) as usize];
        seats[i] += 1;
        given += 1;
    }
    seats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    /// Seed 0 keys ChaCha20 with 32 zero bytes: its keystream is the one
    /// published for that key (Bernstein's reference code and RFC 7539's
    /// test vectors, block 0: `76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 …`),
    /// read as little-endian words. If this fails, the generator changed
    /// and every seed written down in a past report draws another sample.
    #[test]
    fn the_generator_is_chacha20_keyed_with_the_seed() {
        let mut rng = generator(0);
        assert_eq!(rng.next_u64(), 0x903d_f1a0_ade0_b876);
        assert_eq!(rng.next_u64(), 0x28bd_8653_e56a_5d40);
        let mut other = generator(1);
        assert_ne!(other.next_u64(), 0x903d_f1a0_ade0_b876);
    }

    #[test]
    fn below_stays_below_and_reaches_every_value() {
        let mut rng = generator(7);
        let mut seen = [0usize; 3];
        for _ in 0..300 {
            let x = below(&mut rng, 3);
            seen[x as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 60), "{seen:?}");
        assert_eq!(below(&mut rng, 0), 0);
        assert_eq!(below(&mut rng, 1), 0);
    }

    #[test]
    fn weights_follow_the_bulletin() {
        let w = |done: u8, at_rule: usize| {
            Flags {
                done: KindSet(done),
                at_rule,
            }
            .weight()
            .total()
        };
        assert_eq!(w(0b1_1111, 0), 1, "all five done, nobody at the rule");
        assert_eq!(w(0b0_1111, 0), 2, "one thing missing");
        assert_eq!(w(0b0_0011, 0), 4, "three missing");
        assert_eq!(w(0b0_0001, 0), 4, "four missing: the cap");
        assert_eq!(w(0, 0), 6, "silent: base, silent, capped missing");
        assert_eq!(w(0b1_1111, 2), 3, "members at the rule, however many");
        assert_eq!(w(0, 1), 8, "the heaviest");
    }

    #[test]
    fn apportionment_follows_size_with_one_draw_each() {
        let mut rng = generator(0);
        assert_eq!(apportion(&mut rng, &[6, 3, 3], 3), [1, 1, 1]);
        assert_eq!(apportion(&mut rng, &[8, 2, 2], 6), [4, 1, 1]);
        assert_eq!(apportion(&mut rng, &[10, 5, 1], 15), [9, 5, 1]);
        assert_eq!(apportion(&mut rng, &[4, 0, 2], 3), [2, 0, 1]);
        // 6/5 against 3/3 and 3/3, then the two threes tie: by lot.
        let s = apportion(&mut rng, &[6, 3, 3], 6);
        assert_eq!(s[0], 3);
        assert_eq!(s[1] + s[2], 3);
        assert!(s[1] >= 1 && s[2] >= 1);
    }

    /// Three committees of 6, 4 and 2 branches; in 2026-05 some did all five
    /// things, some part, some nothing.
    fn district() -> Site {
        let mut f = Fixture::new();
        for (committee, ids) in [
            (
                "东孚街道党工委",
                ["a1", "a2", "a3", "a4", "a5", "a6"].as_slice(),
            ),
            ("新阳街道党工委", &["b1", "b2", "b3", "b4"]),
            ("直属机关工委", &["c1", "c2"]),
        ] {
            for id in ids {
                f = f.branch(id, &format!("name: {id}党支部\ncommittee: {committee}"));
            }
        }
        for b in ["a1", "a3", "b1", "c1"] {
            for kind in ["study", "meeting", "practice", "affairs"] {
                f = f.activity(b, "2026-05", kind, 8, kind);
            }
            let lecture = "title: 党课\ndate: 2026-05-08\nkind: lecture\nspeaker_name: 书记";
            f = f.record(b, "2026-05", "lecture", lecture);
        }
        for b in ["a2", "b2"] {
            f = f.activity(b, "2026-05", "study", 8, "study");
        }
        f.clean_internal()
    }

    fn ids(site: &Site, i: &Inspection) -> Vec<String> {
        i.drawn
            .iter()
            .map(|c| site.branches[c.branch].id.clone())
            .collect()
    }

    #[test]
    fn the_same_seed_draws_the_same_sample() {
        let site = district();
        let a = inspect(&site, ym("2026-05"), 5, 20260501);
        assert_eq!(a, inspect(&site, ym("2026-05"), 5, 20260501));
        // Pinned: a change here redraws every inspection already done. Do
        // it only on purpose, and say so in the release notes.
        assert_eq!(ids(&site, &a), ["a2", "a4", "b2", "b3", "c2"]);
    }

    #[test]
    fn another_seed_draws_another_sample() {
        let site = district();
        let a = ids(&site, &inspect(&site, ym("2026-05"), 5, 1));
        let b = ids(&site, &inspect(&site, ym("2026-05"), 5, 2));
        assert_ne!(a, b);
        assert_eq!((a.len(), b.len()), (5, 5));
    }

    #[test]
    fn every_committee_is_drawn_when_the_count_allows() {
        let site = district();
        for seed in 0..200 {
            for count in 3..12 {
                let i = inspect(&site, ym("2026-05"), count, seed);
                assert_eq!(i.drawn.len(), count);
                assert!(i.strata.iter().all(|s| s.drawn >= 1), "{seed} {count}");
                // 6, 4 and 2 branches: never the small committee most.
                assert!(i.strata[0].drawn >= i.strata[2].drawn, "{seed} {count}");
            }
            // Fewer than the committees: never two of one.
            let i = inspect(&site, ym("2026-05"), 2, seed);
            assert_eq!(i.drawn.len(), 2);
            assert!(i.strata.iter().all(|s| s.drawn <= 1), "{seed}");
        }
    }

    #[test]
    fn a_count_of_all_or_more_draws_all_and_says_so() {
        let site = district();
        let i = inspect(&site, ym("2026-05"), 40, 3);
        assert!(i.all());
        assert_eq!(i.drawn.len(), 12);
        assert_eq!(i.due, 12);
        assert!(!inspect(&site, ym("2026-05"), 11, 3).all());
    }

    #[test]
    fn flagged_branches_are_drawn_more_often_but_not_only() {
        let site = district();
        let mut drawn = std::collections::BTreeMap::<String, usize>::new();
        for seed in 0..2000 {
            for id in ids(&site, &inspect(&site, ym("2026-05"), 3, seed)) {
                *drawn.entry(id).or_default() += 1;
            }
        }
        // Committee a draws one of six: weights 1 (a1, a3), 4 (a2), 6 (a4-a6).
        let n = |id: &str| drawn.get(id).copied().unwrap_or(0);
        assert!(n("a4") > n("a2") && n("a2") > 2 * n("a1"), "{drawn:?}");
        assert!(n("a1") > 0 && n("a3") > 0, "{drawn:?}");
    }

    #[test]
    fn a_branch_founded_later_is_not_due() {
        let f = Fixture::new().plain_branch("old").branch(
            "new",
            "name: 新\ncommittee: 新阳街道党工委\nfounded: 2026-06-01",
        );
        let site = f.activity("old", "2026-05", "s", 8, "study").clean();
        let i = inspect(&site, ym("2026-05"), 2, 0);
        assert_eq!((i.due, ids(&site, &i)), (1, vec!["old".to_string()]));
    }

    #[test]
    fn the_checklist_counts_photos_attendance_and_days() {
        let f = Fixture::new()
            .plain_branch("b")
            .photo("b", "2026-05", "a.jpg")
            .photo("b", "2026-05", "b.jpg");
        let f = f.record_text(
            "b",
            "2026-05",
            "meeting",
            "---\ntitle: 党员大会\ndate: 2026-05-08\nkind: meeting\nvisibility: internal\n\
             photos:\n  - {src: a.jpg, caption: 会场}\n  - {src: b.jpg, caption: 合影}\n\
             attendance:\n  expected: 10\n  present: [张三, 李四, 王五, 赵六, 钱七, 孙八, 周九]\n\
             \x20 excused: [{name: 吴十, reason: 出差}]\n  absent: [郑一, 冯二]\n---\n\n\
             会议。![合影](b.jpg) ![会场](./a.jpg)\n",
        );
        let f = f.record(
            "b",
            "2026-05",
            "study",
            "title: 学习\ndate: 2026-05-08\nkind: study\nattendance:\n  present: 8\n  absent: [郑一]",
        );
        let f = f.activity("b", "2026-05", "visit", 20, "practice");
        let site = f.clean_internal();
        let i = inspect(&site, ym("2026-05"), 1, 9);
        let c = &i.drawn[0];
        let photos: Vec<(String, usize)> = c
            .records
            .iter()
            .map(|r| (site.records[r.record].id.clone(), r.photos))
            .collect();
        assert_eq!(
            photos,
            [
                ("study".into(), 0),
                ("meeting".into(), 2),
                ("visit".into(), 0)
            ]
        );
        assert_eq!(
            c.records[1].attendance,
            Some(Sums {
                expected: Some(10),
                present: Some(7),
                excused: 1,
                absent: 2
            })
        );
        assert_eq!(c.records[2].attendance, None);
        assert_eq!(
            c.attendance,
            Some(Sums {
                expected: Some(10),
                present: Some(15),
                excused: 1,
                absent: 3
            })
        );
        let days: Vec<String> = c.days.iter().map(|d| d.to_string()).collect();
        assert_eq!(days, ["2026-05-08", "2026-05-20"]);
        assert_eq!(c.flags.done.len(), 3);
    }

    /// Absent in January, February and March: at the rule in March, not in
    /// February (two months so far), nor in April (present then).
    #[test]
    fn a_member_is_at_the_rule_in_the_month_the_rule_is_reached_and_after() {
        let mut f = Fixture::new().plain_branch("b");
        for (m, absent) in [
            ("2026-01", "[甲]"),
            ("2026-02", "[甲]"),
            ("2026-03", "[甲, 乙]"),
            ("2026-04", "[乙]"),
            ("2026-05", "[甲]"),
        ] {
            let front = format!(
                "title: 党员大会\ndate: {m}-10\nkind: meeting\nattendance:\n  absent: {absent}"
            );
            f = f.record("b", m, "meeting", &front);
        }
        let site = f.clean_internal();
        let at = |m: &str| inspect(&site, ym(m), 1, 0).drawn[0].flags.at_rule;
        assert_eq!(
            ["2026-02", "2026-03", "2026-04", "2026-05"].map(at),
            [0, 1, 0, 0]
        );
        let site = Fixture::new()
            .config("attendance:\n  consecutive: 3\n  cumulative: 4")
            .plain_branch("b");
        let mut f = site;
        for m in ["2026-01", "2026-03", "2026-05", "2026-07"] {
            let front =
                format!("title: 会\ndate: {m}-10\nkind: meeting\nattendance:\n  absent: [甲]");
            f = f.record("b", m, "meeting", &front);
        }
        let site = f.clean_internal();
        let at = |m: &str| inspect(&site, ym(m), 1, 0).drawn[0].flags.at_rule;
        assert_eq!(
            ["2026-05", "2026-07"].map(at),
            [0, 1],
            "the fourth of the year"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Over many seeds every branch is drawn, whatever the committees,
        /// the weights and the count: no weight or apportionment leaves a
        /// branch out. A branch's chance at one draw is at least 1 / (8 ×
        /// 18), so 4,000 seeds miss it with a chance below e⁻²⁷.
        #[test]
        fn over_many_seeds_every_branch_is_drawn(
            strata in proptest::collection::vec(
                proptest::collection::vec(1u64..=8, 0..=6), 1..=3),
            count in 1usize..=18,
            first_seed in proptest::prelude::any::<u64>(),
        ) {
            let total: usize = strata.iter().map(Vec::len).sum();
            let mut seen = BTreeSet::new();
            for k in 0..4000u64 {
                let picks = draw(&strata, count, first_seed.wrapping_add(k));
                proptest::prop_assert_eq!(picks.len(), count.min(total));
                let distinct: BTreeSet<_> = picks.iter().collect();
                proptest::prop_assert_eq!(distinct.len(), picks.len());
                seen.extend(picks);
                if seen.len() == total {
                    break;
                }
            }
            proptest::prop_assert_eq!(seen.len(), total);
        }
    }
}
