//! The yearly assessment (一年一考核): for each branch and year, what the
//! monthly supervision saw, and a score from the weights of `site.yaml`
//! (`assessment:`, `config::AssessmentRules`), part by part so that a
//! secretary can see what to do better.
//!
//! It counts every record, published or not: the public build's site keeps
//! what the assessment needs of the records it does not publish
//! (`model::Withheld`), so the public and the internal page give the same
//! scores. Members are counted, never named, here.

use std::collections::{BTreeMap, BTreeSet};

use super::{DutyStatus, branch_duty, runs};
use crate::config::AssessmentRules;
use crate::date::YearMonth;
use crate::kind::Kind;
use crate::model::{Lecturer, Site};

/// One part of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartName {
    PartyDay,
    FiveThings,
    Liaison,
    Attendance,
}

impl PartName {
    pub fn word(self) -> &'static str {
        match self {
            PartName::PartyDay => "party_day",
            PartName::FiveThings => "five_things",
            PartName::Liaison => "liaison",
            PartName::Attendance => "attendance",
        }
    }
}

/// A part of a branch's score: `done` of `of`, worth `weight`.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: PartName,
    pub weight: u32,
    pub done: u64,
    pub of: u64,
    /// The points it adds to the score (of 100, before deductions), in
    /// tenths; `None` when the part does not apply (no liaison, no
    /// attendance given) and its weight goes to the others.
    pub points: Option<u32>,
    /// The most points it could add, in tenths: its weight's share of 100
    /// among the parts that apply.
    pub max: Option<u32>,
}

/// Lectures given at a branch in the year, by who gave them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lectures {
    pub liaison: u32,
    pub pool: u32,
    pub branch: u32,
}

/// A branch's year.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchYear {
    pub branch: usize,
    /// Months the branch was due a Party Day (founded, and within the
    /// site's months whose deadline has passed: `months_counted`).
    pub due: u32,
    /// Months with a Party Day on record.
    pub on_record: u32,
    /// Months with all five things.
    pub complete: u32,
    /// Records of each kind, in `Kind::all()` order.
    pub things: [u32; 5],
    pub lectures: Lectures,
    /// Liaison periods met and over; `None` for a branch without a liaison.
    pub liaison: Option<(u32, u32)>,
    /// Members present and expected, over the records that give both.
    pub attendance: Option<(u64, u64)>,
    /// Members who reached the absence rule in the year.
    pub at_absence_rule: u32,
    pub parts: Vec<Part>,
    /// Points taken off for absences, in tenths.
    pub deduction: u32,
    /// The score of 100, in tenths.
    pub score: u32,
    /// Index into `AssessmentRules::grades`.
    pub grade: usize,
}

/// One year's assessment of every branch that was due a Party Day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Assessment {
    pub year: u16,
    /// December is not counted (the site does not reach it, or it is in
    /// progress): scored on the months so far.
    pub in_progress: bool,
    /// The last month counted (`months_counted`).
    pub through: Option<YearMonth>,
    /// By committee (the site's order), best first within each; ties by
    /// branch id.
    pub committees: Vec<(usize, Vec<BranchYear>)>,
}

impl Assessment {
    #[cfg(test)]
    pub(crate) fn rows(&self) -> impl Iterator<Item = &BranchYear> {
        self.committees.iter().flat_map(|(_, rows)| rows)
    }
}

/// The years a site has an assessment of: those of its months.
pub(crate) fn years(site: &Site) -> Vec<u16> {
    site.years()
}

/// The months of `year` that the assessment counts: the site's months
/// whose deadline has passed. A month in progress is not counted, so a
/// branch that has not yet filed this month's records loses nothing.
pub(crate) fn months_counted(site: &Site, year: u16) -> Vec<YearMonth> {
    site.months
        .iter()
        .copied()
        .filter(|&m| m.year == year && !site.config.in_progress(m))
        .collect()
}

/// Whether `year` is scored on part of it: its December is not counted
/// (the site does not reach it, or it is still in progress).
pub(crate) fn year_in_progress(site: &Site, year: u16) -> bool {
    months_counted(site, year)
        .last()
        .is_none_or(|m| m.month < 12)
}

/// The assessment of `year`.
pub(crate) fn assess(site: &Site, year: u16) -> Assessment {
    let months = months_counted(site, year);
    let mut committees = Vec::new();
    for (ci, c) in site.committees.iter().enumerate() {
        let mut rows: Vec<BranchYear> = c
            .branches
            .iter()
            .filter_map(|&b| branch_year(site, b, year))
            .collect();
        rows.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| site.branches[a.branch].id.cmp(&site.branches[b.branch].id))
        });
        if !rows.is_empty() {
            committees.push((ci, rows));
        }
    }
    Assessment {
        year,
        in_progress: year_in_progress(site, year),
        through: months.last().copied(),
        committees,
    }
}

/// Branch `b`'s year; `None` when it was due no Party Day in it.
pub(crate) fn branch_year(site: &Site, b: usize, year: u16) -> Option<BranchYear> {
    let rules = &site.config.assessment;
    let br = &site.branches[b];
    let due: Vec<YearMonth> = months_counted(site, year)
        .into_iter()
        .filter(|&m| site.expected_in(b, m))
        .collect();
    if due.is_empty() {
        return None;
    }
    let mut row = BranchYear {
        branch: b,
        due: due.len() as u32,
        on_record: 0,
        complete: 0,
        things: [0; 5],
        lectures: Lectures::default(),
        liaison: None,
        attendance: None,
        at_absence_rule: at_rule(site, b, year),
        parts: Vec::new(),
        deduction: 0,
        score: 0,
        grade: 0,
    };
    let (mut present, mut expected) = (0u64, 0u64);
    let mut given = false;
    for m in br.months.iter().filter(|m| due.contains(&m.ym)) {
        if !m.records.is_empty() || !m.withheld.is_empty() {
            row.on_record += 1;
        }
        if m.done.is_complete() {
            row.complete += 1;
        }
        let published = m.records.iter().map(|&i| {
            let r = site.records.peek(i);
            let a = r.attendance.as_ref();
            (
                r.kind,
                a.and_then(|a| a.expected),
                a.and_then(|a| a.present_count()),
                r.lecturer(site),
            )
        });
        let withheld = m
            .withheld
            .iter()
            .map(|w| (w.kind, w.expected, w.present, w.lecturer));
        for (kind, exp, pres, lecturer) in published.chain(withheld) {
            row.things[kind.index()] += 1;
            match lecturer {
                Some(Lecturer::Liaison) => row.lectures.liaison += 1,
                Some(Lecturer::Pool) => row.lectures.pool += 1,
                Some(Lecturer::Branch) => row.lectures.branch += 1,
                None => {}
            }
            if let (Some(e), Some(p)) = (exp, pres) {
                expected += e;
                present += p.min(e);
                given = true;
            }
        }
    }
    if given && expected > 0 {
        row.attendance = Some((present, expected));
    }
    if br.liaison.is_some() {
        let (met, over) = branch_duty(site, b, year)
            .iter()
            .fold((0, 0), |(met, over), d| match d.status {
                DutyStatus::Done => (met + 1, over + 1),
                DutyStatus::Missing => (met, over + 1),
                DutyStatus::Pending => (met, over),
            });
        row.liaison = Some((met, over));
    }
    score(rules, &mut row);
    Some(row)
}

/// Fills the parts, the deduction, the score and the grade of `row`.
fn score(rules: &AssessmentRules, row: &mut BranchYear) {
    let due = u64::from(row.due);
    let liaison = row.liaison.filter(|&(_, over)| over > 0);
    let attendance = row.attendance;
    let parts = [
        (
            PartName::PartyDay,
            rules.party_day,
            Some((u64::from(row.on_record), due)),
        ),
        (
            PartName::FiveThings,
            rules.five_things,
            Some((u64::from(row.complete), due)),
        ),
        (
            PartName::Liaison,
            rules.liaison,
            liaison.map(|(m, o)| (u64::from(m), u64::from(o))),
        ),
        (PartName::Attendance, rules.attendance, attendance),
    ];
    let total: u64 = parts
        .iter()
        .filter(|(_, _, share)| share.is_some())
        .map(|(_, w, _)| u64::from(*w))
        .sum();
    row.parts = parts
        .iter()
        .map(|&(name, weight, share)| {
            let (done, of) = share.unwrap_or((0, 0));
            Part {
                name,
                weight,
                done,
                of,
                // Tenths of a point, rounded half up: 1000 × w × done / (of × total).
                points: share
                    .filter(|_| total > 0)
                    .map(|(done, of)| rounded(1000 * u64::from(weight) * done, of * total)),
                max: share
                    .filter(|_| total > 0)
                    .map(|_| rounded(1000 * u64::from(weight), total)),
            }
        })
        .collect();
    let before: u32 = row
        .parts
        .iter()
        .filter_map(|p| p.points)
        .sum::<u32>()
        .min(1000);
    row.deduction = (row.at_absence_rule * rules.absence_deduction)
        .min(rules.absence_deduction_max)
        .saturating_mul(10);
    row.score = before.saturating_sub(row.deduction);
    row.grade = rules
        .grades
        .iter()
        .position(|g| row.score >= g.min * 10)
        .unwrap_or(rules.grades.len().saturating_sub(1));
}

/// `n / d` rounded half up; 0 when `d` is 0.
fn rounded(n: u64, d: u64) -> u32 {
    if d == 0 {
        return 0;
    }
    ((2 * n + d) / (2 * d)) as u32
}

/// How many members of branch `b` were at the absence rule during `year`:
/// `attendance.consecutive` months in a row reached in the year or still
/// running in it, or `attendance.cumulative` months within it. Members are
/// told apart by `Attendance::absent_keys`, so a public build, which holds
/// no name, counts as the internal one does.
pub(crate) fn at_rule(site: &Site, b: usize, year: u16) -> u32 {
    let rule = site.config.attendance;
    let mut months: BTreeMap<u64, BTreeSet<YearMonth>> = BTreeMap::new();
    {
        for m in &site.branches[b].months {
            let published = m
                .records
                .iter()
                .filter_map(|&i| site.records.peek(i).attendance.as_ref())
                .flat_map(|a| a.absent_keys.iter());
            let withheld = m.withheld.iter().flat_map(|w| w.absent_keys.iter());
            for &key in published.chain(withheld) {
                months.entry(key).or_default().insert(m.ym);
            }
        }
    }
    let consecutive = rule.consecutive as usize;
    let mut out = 0;
    for set in months.into_values() {
        let in_year = set.iter().filter(|m| m.year == year).count();
        let reached = in_year >= rule.cumulative as usize
            || runs(&set).iter().any(|run| {
                run.len() >= consecutive
                    && run
                        .iter()
                        .skip(consecutive.saturating_sub(1))
                        .any(|m| m.year == year)
            });
        if reached {
            out += 1;
        }
    }
    out
}

impl BranchYear {
    /// Records of `kind`.
    pub fn count(&self, kind: Kind) -> u32 {
        self.things[kind.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    /// A branch `b` (with a district liaison 李书记) and a branch `c` of
    /// another committee, over 2026-01..=2026-04.
    fn fixture(config: &str) -> Fixture {
        let five = |f: Fixture, b: &str, month: &str| {
            ["study", "meeting", "practice", "affairs"]
                .iter()
                .enumerate()
                .fold(f, |f, (d, kind)| {
                    f.activity(b, month, kind, 10 + d as u8, kind)
                })
                .record(
                    b,
                    month,
                    "lecture",
                    &format!("title: 党课\ndate: {month}-20\nkind: lecture\nspeaker_name: 王老师"),
                )
        };
        let f = Fixture::new()
            .config(config)
            .branch_with_body(
                "b",
                "name: 乙\ncommittee: 甲\nliaison: {unit: 区委, leader: 李书记, level: district}",
                "",
            )
            .branch_with_body("c", "name: 丙\ncommittee: 丁", "");
        // b: January and February complete; March only a meeting with
        // attendance 8 of 10 and 王五 absent; April nothing.
        let f = five(f, "b", "2026-01");
        let f = five(f, "b", "2026-02");
        let f = f.record(
            "b",
            "2026-03",
            "meeting",
            "title: 会\ndate: 2026-03-10\nkind: meeting\nattendance:\n  expected: 10\n  present: 8\n  excused: [钱七]\n  absent: [王五]",
        );
        // c: one study a month, January to April.
        ["2026-01", "2026-02", "2026-03", "2026-04"]
            .iter()
            .fold(f, |f, m| f.activity("c", m, "study", 5, "study"))
    }

    #[test]
    fn a_score_is_its_parts_weighted_as_computed_by_hand() {
        let site = fixture("").clean();
        let a = assess(&site, 2026);
        assert!(a.in_progress, "the site's months end in April");
        assert_eq!(a.through, Some(ym("2026-04")));
        let b = a.rows().find(|r| r.branch == 0).unwrap();
        assert_eq!((b.due, b.on_record, b.complete), (4, 3, 2));
        assert_eq!(b.count(Kind::Lecture), 2);
        assert_eq!(b.lectures.branch, 2);
        // The district liaison's year is not over: the part does not apply.
        assert_eq!(b.liaison, Some((0, 0)));
        assert_eq!(b.attendance, Some((8, 10)));
        // Weights 30, 40, (10), 20 of 90: party day 3/4 × 30/90 = 25.0,
        // five things 2/4 × 40/90 = 22.2, attendance 8/10 × 20/90 = 17.8.
        let points: Vec<Option<u32>> = b.parts.iter().map(|p| p.points).collect();
        assert_eq!(points, [Some(250), Some(222), None, Some(178)]);
        assert_eq!(b.score, 650);
        assert_eq!(site.config.assessment.grades[b.grade].key, "fair");
        // c: four months on record, none complete, no attendance given:
        // 30/70 × 1 + 40/70 × 0 = 42.9.
        let c = a.rows().find(|r| r.branch == 1).unwrap();
        assert_eq!(c.score, 429);
        assert_eq!(site.config.assessment.grades[c.grade].key, "poor");
    }

    #[test]
    fn a_weight_of_zero_leaves_its_part_out_and_grades_take_their_edges() {
        let site = fixture(
            "assessment:\n  weights: {party_day: 0, five_things: 0, attendance: 0}\n  grades:\n    - {name: 好, min: 43}\n    - {name: 差, min: 0}",
        )
        .clean();
        let a = assess(&site, 2026);
        let c = a.rows().find(|r| r.branch == 1).unwrap();
        // Only the liaison part weighs, and c has no liaison: nothing to
        // score, so 0.
        assert_eq!(c.score, 0);
        let site = fixture(
            "assessment:\n  weights: {party_day: 1, five_things: 0, liaison: 0, attendance: 0}\n  grades:\n    - {name: 好, min: 100}\n    - {name: 中, min: 75}\n    - {name: 差, min: 0}",
        )
        .clean();
        let a = assess(&site, 2026);
        let grade = |b: usize| {
            let r = a.rows().find(|r| r.branch == b).unwrap();
            (
                r.score,
                site.config.assessment.grades[r.grade].name.clone().unwrap(),
            )
        };
        // b: 3 of 4 months = 75.0 exactly, the edge of 中; c: 4 of 4.
        assert_eq!(grade(0), (750, "中".to_string()));
        assert_eq!(grade(1), (1000, "好".to_string()));
    }

    #[test]
    fn members_at_the_absence_rule_cost_points_in_either_build() {
        let f = || {
            ["2026-01", "2026-02", "2026-03"].iter().fold(
                fixture("assessment:\n  absence_deduction: 3\n  absence_deduction_max: 5"),
                |f, m| {
                    f.record(
                        "c",
                        m,
                        "meeting",
                        &format!("title: 会\ndate: {m}-12\nkind: meeting\nvisibility: internal\nattendance:\n  absent: [赵 六]"),
                    )
                },
            )
        };
        let public = assess(&f().clean(), 2026);
        let internal = assess(&f().clean_internal(), 2026);
        for a in [&public, &internal] {
            let c = a.rows().find(|r| r.branch == 1).unwrap();
            assert_eq!(c.at_absence_rule, 1);
            assert_eq!(c.deduction, 30, "3 points, at most 5");
        }
        assert_eq!(
            public, internal,
            "the public build scores as the internal one"
        );
    }

    #[test]
    fn a_year_over_is_not_in_progress() {
        let site = fixture("")
            .activity("c", "2026-12", "s", 3, "study")
            .clean();
        assert!(!assess(&site, 2026).in_progress);
    }

    #[test]
    fn a_month_in_progress_is_not_counted_against_a_branch() {
        // Branch c did everything in November; on 4 December only one of
        // the five things of December is on record.
        let f = || {
            let f = Fixture::new().plain_branch("c");
            let f = ["study", "meeting", "practice", "affairs"]
                .iter()
                .enumerate()
                .fold(f, |f, (i, k)| {
                    f.activity("c", "2026-11", &format!("n{i}"), 3, k)
                });
            let f = f.record(
                "c",
                "2026-11",
                "n4",
                "title: 党课\ndate: 2026-11-20\nkind: lecture\nspeaker_name: 王老师",
            );
            f.activity("c", "2026-12", "s", 3, "study")
        };
        let early = assess(&f().today("2026-12-04").clean(), 2026);
        let row = early.rows().next().unwrap();
        assert_eq!((row.due, row.complete), (1, 1), "December is not due yet");
        assert_eq!(row.score, 1000, "{row:?}");
        assert!(early.in_progress);
        assert_eq!(early.through, Some(ym("2026-11")));
        let after = assess(&f().today("2027-01-01").clean(), 2026);
        let row = after.rows().next().unwrap();
        assert_eq!((row.due, row.complete), (2, 1), "December is over");
        assert!(row.score < 1000, "{row:?}");
        assert!(!after.in_progress);
    }
}
