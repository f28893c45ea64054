//! Supervision (一月一督查、一月一通报、一年一考核): the monthly bulletin of
//! the five things, the unexcused-absence rule and the liaison lecture duty.
//! Pure functions over a `Site`, internal records included: `dangri report`
//! prints them and the internal build's `/attendance/` page shows the same
//! list.

pub(crate) mod assessment;
pub(crate) mod inspect;

use std::collections::{BTreeMap, BTreeSet};

use crate::date::{Date, YearMonth};
use crate::kind::{Kind, KindSet};
use crate::model::{LiaisonLevel, Site};

// ---------------------------------------------------------------------------
// The five things

/// How many branches were due, and how they did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    pub expected: usize,
    pub complete: usize,
    pub incomplete: usize,
    pub silent: usize,
}

impl Totals {
    fn add(&mut self, done: KindSet) {
        self.expected += 1;
        if done.is_complete() {
            self.complete += 1;
        } else if done.is_empty() {
            self.silent += 1;
        } else {
            self.incomplete += 1;
        }
    }

    /// The completion rate in whole percent (see [`percent`]).
    pub(crate) fn rate(&self) -> u64 {
        percent(self.complete as u64, self.expected as u64).unwrap_or(0)
    }
}

/// `part` of `whole` in whole percent, rounded half up, except that it is
/// 100 only when the part is whole and 0 only when it is nothing: 200 of 201
/// branches is 99 %, not a complete 100 % beside a branch that missed a
/// kind. `None` of nothing.
pub(crate) fn percent(part: u64, whole: u64) -> Option<u64> {
    let rounded = part
        .saturating_mul(100)
        .saturating_add(whole / 2)
        .checked_div(whole)?;
    Some(match part {
        0 => 0,
        p if p < whole => rounded.clamp(1, 99),
        _ => rounded,
    })
}

/// Where a month stands on the build's day (`Config::today`), against its
/// deadline (`Config::deadline`). A month in progress is not a month
/// failed: its figures are counts so far, and a branch without a record
/// is not named as one that did not report until the deadline has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Progress {
    /// The deadline has passed: the figures are final.
    Over,
    /// Records are on time until `deadline`; the figures are as of `today`.
    InProgress { today: Date, deadline: Date },
}

impl Progress {
    pub(crate) fn is_over(self) -> bool {
        self == Progress::Over
    }
}

/// Where month `ym` stands on the build's day.
pub(crate) fn progress(site: &Site, ym: YearMonth) -> Progress {
    let c = &site.config;
    if c.in_progress(ym) {
        Progress::InProgress {
            today: c.today,
            deadline: c.deadline.of(ym),
        }
    } else {
        Progress::Over
    }
}

/// One committee's part of a monthly bulletin (indices into `Site::branches`).
#[derive(Debug, Clone, Default)]
pub(crate) struct CommitteeMonth {
    /// Index into `Site::committees`.
    pub committee: usize,
    pub complete: Vec<usize>,
    /// Branches that did some of the five things, with what they did.
    pub incomplete: Vec<(usize, KindSet)>,
    /// Branches with no record at all.
    pub silent: Vec<usize>,
    pub totals: Totals,
}

/// The monthly bulletin (通报) of one month.
#[derive(Debug, Clone)]
pub(crate) struct Bulletin {
    pub ym: YearMonth,
    /// In progress: `silent` are the branches with no record *yet*, which
    /// a public page counts and does not name.
    pub progress: Progress,
    pub committees: Vec<CommitteeMonth>,
    pub totals: Totals,
}

/// What a branch did in a month; `None` when it was not due (founded later).
pub(crate) fn done_in(site: &Site, b: usize, ym: YearMonth) -> Option<KindSet> {
    site.expected_in(b, ym)
        .then(|| site.done(b, ym).map(|m| m.done).unwrap_or_default())
}

pub(crate) fn bulletin(site: &Site, ym: YearMonth) -> Bulletin {
    let mut totals = Totals::default();
    let committees = site
        .committees
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let mut cm = CommitteeMonth {
                committee: ci,
                ..Default::default()
            };
            for &b in &c.branches {
                let Some(done) = done_in(site, b, ym) else {
                    continue;
                };
                cm.totals.add(done);
                totals.add(done);
                if done.is_complete() {
                    cm.complete.push(b);
                } else if done.is_empty() {
                    cm.silent.push(b);
                } else {
                    cm.incomplete.push((b, done));
                }
            }
            cm
        })
        .collect();
    Bulletin {
        ym,
        progress: progress(site, ym),
        committees,
        totals,
    }
}

/// One branch's row of the yearly table.
#[derive(Debug, Clone)]
pub(crate) struct YearRow {
    pub branch: usize,
    /// One cell per month of the table; `None` when the branch was not due.
    pub cells: Vec<Option<KindSet>>,
    pub complete: usize,
}

/// The yearly assessment table (一年一考核): months × branches.
#[derive(Debug, Clone)]
pub(crate) struct YearTable {
    pub year: u16,
    /// The months of the year that the content spans.
    pub months: Vec<YearMonth>,
    /// Per committee (index into `Site::committees`), its branches' rows.
    pub committees: Vec<(usize, Vec<YearRow>)>,
    /// Per month, the bulletin totals.
    pub totals: Vec<Totals>,
    /// Per month, where it stands on the build's day.
    pub progress: Vec<Progress>,
}

pub(crate) fn year_table(site: &Site, year: u16) -> YearTable {
    let months: Vec<YearMonth> = site
        .months
        .iter()
        .copied()
        .filter(|m| m.year == year)
        .collect();
    let mut totals = vec![Totals::default(); months.len()];
    let committees = site
        .committees
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let rows = c
                .branches
                .iter()
                .map(|&b| {
                    let cells: Vec<Option<KindSet>> =
                        months.iter().map(|&m| done_in(site, b, m)).collect();
                    for (t, cell) in totals.iter_mut().zip(&cells) {
                        if let Some(done) = cell {
                            t.add(*done);
                        }
                    }
                    YearRow {
                        branch: b,
                        complete: cells.iter().flatten().filter(|d| d.is_complete()).count(),
                        cells,
                    }
                })
                .collect();
            (ci, rows)
        })
        .collect();
    YearTable {
        year,
        progress: months.iter().map(|&m| progress(site, m)).collect(),
        months,
        committees,
        totals,
    }
}

// ---------------------------------------------------------------------------
// Attendance: the unexcused-absence rule (无故缺席)

/// Which part of the rule a member reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rule {
    /// `attendance.consecutive` months in a row.
    Consecutive,
    /// `attendance.cumulative` months within one calendar year.
    Cumulative { year: u16 },
}

impl Rule {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Rule::Consecutive => "consecutive",
            Rule::Cumulative { .. } => "cumulative",
        }
    }
}

/// A member who reached the rule, with the months that make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Absence {
    pub branch: usize,
    pub name: String,
    pub rule: Rule,
    /// Ascending.
    pub months: Vec<YearMonth>,
}

/// Every member who reached the unexcused-absence rule of `site.yaml`, by
/// branch, name, then the first month. Only `absent` counts, never
/// `excused`; a month counts once however many records name the member.
pub(crate) fn absences(site: &Site) -> Vec<Absence> {
    let rule = site.config.attendance;
    // By branch and person; the name as first written is the one shown.
    let mut months: BTreeMap<(usize, String), (&str, BTreeSet<YearMonth>)> = BTreeMap::new();
    for r in site.records.iter() {
        let Some(a) = &r.attendance else { continue };
        for name in a.absent.named() {
            let key = crate::model::person_key(name);
            if !key.is_empty() {
                let (_, set) = months
                    .entry((r.branch, key))
                    .or_insert_with(|| (name.trim(), BTreeSet::new()));
                set.insert(r.ym);
            }
        }
    }
    let mut out = Vec::new();
    for ((branch, _), (name, set)) in months {
        let mut found: Vec<(Rule, Vec<YearMonth>)> = Vec::new();
        for run in runs(&set) {
            if run.len() >= rule.consecutive as usize {
                found.push((Rule::Consecutive, run));
            }
        }
        let mut by_year: BTreeMap<u16, Vec<YearMonth>> = BTreeMap::new();
        for m in &set {
            by_year.entry(m.year).or_default().push(*m);
        }
        for (year, ms) in by_year {
            if ms.len() >= rule.cumulative as usize {
                found.push((Rule::Cumulative { year }, ms));
            }
        }
        found.sort_by(|a, b| (a.1.first(), a.0).cmp(&(b.1.first(), b.0)));
        out.extend(found.into_iter().map(|(rule, months)| Absence {
            branch,
            name: name.to_string(),
            rule,
            months,
        }));
    }
    // Branches are already in id order; keep names in code-point order.
    out
}

/// Splits ascending months into runs of calendar-consecutive months.
fn runs(set: &BTreeSet<YearMonth>) -> Vec<Vec<YearMonth>> {
    let mut runs: Vec<Vec<YearMonth>> = Vec::new();
    for &m in set {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|l| l.next() == m) => run.push(m),
            _ => runs.push(vec![m]),
        }
    }
    runs
}

// ---------------------------------------------------------------------------
// The liaison lecture duty (联系点)

/// Where a liaison leader's duty stands for one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DutyStatus {
    /// At least one lecture by the leader at the branch.
    Done,
    /// The period is over (the content goes past it, and the deadline of
    /// its last month has passed) without a lecture.
    Missing,
    /// No lecture yet, and the period is not over.
    Pending,
}

impl DutyStatus {
    pub(crate) fn word(self) -> &'static str {
        match self {
            DutyStatus::Done => "done",
            DutyStatus::Missing => "missing",
            DutyStatus::Pending => "pending",
        }
    }
}

/// One liaison's duty in one period.
#[derive(Debug, Clone)]
pub(crate) struct Duty {
    pub branch: usize,
    pub level: LiaisonLevel,
    pub from: YearMonth,
    pub to: YearMonth,
    pub status: DutyStatus,
    /// The lectures that count (indices into `Site::records`), by date.
    pub lectures: Vec<usize>,
}

/// The liaison duty of every branch with a `liaison:` for the periods of
/// `year` (`liaison.district_months` and `liaison.cadre_months` of
/// `site.yaml`, by default a year and a half year).
pub(crate) fn lecture_duty(site: &Site, year: u16) -> Vec<Duty> {
    let mut out = Vec::new();
    for b in 0..site.branches.len() {
        out.extend(branch_duty(site, b, year));
    }
    out
}

/// The liaison duty of branch `b` for the periods of `year`.
pub(crate) fn branch_duty(site: &Site, b: usize, year: u16) -> Vec<Duty> {
    let last = site.months.last().copied();
    let mut out = Vec::new();
    let br = &site.branches[b];
    {
        let Some(l) = &br.liaison else { return out };
        let months = match l.level {
            LiaisonLevel::District => site.config.liaison.district_months,
            LiaisonLevel::Cadre => site.config.liaison.cadre_months,
        }
        .clamp(1, 12) as u8;
        let leader = crate::model::person_key(&l.leader);
        let lectures: Vec<usize> = br
            .months
            .iter()
            .filter(|m| m.ym.year == year)
            .flat_map(|m| m.records.iter().copied())
            .filter(|&r| {
                let rec = site.records.peek(r);
                rec.kind == Kind::Lecture
                    && rec
                        .speaker_display(site)
                        .is_some_and(|s| crate::model::person_key(s) == leader)
            })
            .collect();
        for start in (1..=12u8).step_by(usize::from(months)) {
            let from = YearMonth { year, month: start };
            let to = YearMonth {
                year,
                month: (start + months - 1).min(12),
            };
            if !site.expected_in(b, to) {
                continue;
            }
            let given: Vec<usize> = lectures
                .iter()
                .copied()
                .filter(|&r| (from..=to).contains(&site.records.peek(r).ym))
                .collect();
            // A lecture the build does not publish counts too.
            let withheld = br.months.iter().any(|m| {
                (from..=to).contains(&m.ym)
                    && m.withheld
                        .iter()
                        .any(|w| w.lecturer == Some(crate::model::Lecturer::Liaison))
            });
            let status = if !given.is_empty() || withheld {
                DutyStatus::Done
            } else if last.is_some_and(|l| l > to) && progress(site, to).is_over() {
                DutyStatus::Missing
            } else {
                DutyStatus::Pending
            };
            out.push(Duty {
                branch: b,
                level: l.level,
                from,
                to,
                status,
                lectures: given,
            });
        }
    }
    out
}

/// The latest year with content, else the year of `today`.
pub(crate) fn latest_year(site: &Site, today: Date) -> u16 {
    site.months.last().map_or(today.year, |m| m.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    #[test]
    fn runs_follow_the_calendar_across_years() {
        let set: BTreeSet<YearMonth> = ["2025-11", "2025-12", "2026-01", "2026-03"]
            .into_iter()
            .map(ym)
            .collect();
        let r = runs(&set);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0], vec![ym("2025-11"), ym("2025-12"), ym("2026-01")]);
        assert_eq!(r[1], vec![ym("2026-03")]);
    }

    #[test]
    fn rate_rounds_half_up() {
        let t = Totals {
            expected: 3,
            complete: 2,
            incomplete: 1,
            silent: 0,
        };
        assert_eq!(t.rate(), 67);
        assert_eq!(Totals::default().rate(), 0);
    }

    #[test]
    fn only_a_whole_is_a_hundred_percent_and_only_nothing_is_zero() {
        assert_eq!(percent(200, 201), Some(99));
        assert_eq!(percent(870, 874), Some(99));
        assert_eq!(percent(874, 874), Some(100));
        assert_eq!(percent(1, 1000), Some(1));
        assert_eq!(percent(0, 1000), Some(0));
        assert_eq!(percent(1, 2), Some(50));
        assert_eq!(
            percent(33, 32),
            Some(103),
            "more present than expected shows as it is"
        );
        assert_eq!(percent(3, 0), None);
    }

    // The rules over sites loaded by the model (`model::fixture`).

    use crate::model::fixture::Fixture;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_month_is_in_progress_until_its_deadline_has_passed() {
        let f = |config: &str, today: &str| {
            Fixture::new()
                .config(config)
                .plain_branch("a")
                .plain_branch("b")
                .activity("a", "2026-12", "s", 2, "study")
                .today(today)
                .clean()
        };
        let b = bulletin(&f("", "2026-12-04"), ym("2026-12"));
        assert_eq!(
            b.progress,
            Progress::InProgress {
                today: day("2026-12-04"),
                deadline: day("2026-12-31")
            }
        );
        assert_eq!(
            (b.totals.expected, b.totals.incomplete, b.totals.silent),
            (2, 1, 1),
            "counts so far"
        );
        assert_eq!(
            bulletin(&f("", "2026-12-31"), ym("2026-12")).progress,
            Progress::InProgress {
                today: day("2026-12-31"),
                deadline: day("2026-12-31")
            }
        );
        assert_eq!(
            bulletin(&f("", "2027-01-01"), ym("2026-12")).progress,
            Progress::Over
        );
        let grace = "party_day:\n  deadline: 5\n  deadline_month: next";
        assert!(
            !bulletin(&f(grace, "2027-01-05"), ym("2026-12"))
                .progress
                .is_over()
        );
        assert!(
            bulletin(&f(grace, "2027-01-06"), ym("2026-12"))
                .progress
                .is_over()
        );
        let early = "party_day:\n  deadline: 25";
        assert!(
            !bulletin(&f(early, "2026-12-25"), ym("2026-12"))
                .progress
                .is_over()
        );
        assert!(
            bulletin(&f(early, "2026-12-26"), ym("2026-12"))
                .progress
                .is_over()
        );
        let table = year_table(&f("", "2026-12-04"), 2026);
        assert!(!table.progress[0].is_over());
    }

    #[test]
    fn a_liaison_period_is_not_missed_while_its_last_month_is_in_progress() {
        let f = |today: &str| {
            let f = liaison(Fixture::new(), "b", "cadre", "");
            let f = f.activity("b", "2026-06", "s", 3, "study");
            let f = f.activity("b", "2026-07", "s", 3, "study");
            f.config("party_day:\n  deadline: 5\n  deadline_month: next")
                .today(today)
                .clean()
        };
        let first = |today| lecture_duty(&f(today), 2026)[0].status;
        assert_eq!(first("2026-07-05"), DutyStatus::Pending);
        assert_eq!(first("2026-07-06"), DutyStatus::Missing);
    }

    /// A meeting of branch `b` in `month` with this attendance block.
    fn meeting(f: Fixture, month: &str, id: &str, attendance: &str) -> Fixture {
        let front =
            format!("title: 党员大会\ndate: {month}-10\nkind: meeting\nattendance:\n{attendance}");
        f.record("b", month, id, &front)
    }

    #[test]
    fn absence_rule_takes_a_name_as_one_person_however_it_is_spaced() {
        let site = || {
            let f = Fixture::new().plain_branch("b");
            let f = meeting(f, "2026-01", "r", "  absent: [王 建华]");
            let f = meeting(f, "2026-02", "r", "  absent: [王　建华]");
            let f = meeting(f, "2026-03", "r", "  absent: [王建华, 李四]");
            meeting(f, "2026-04", "r", "  excused: [王建华]")
        };
        assert!(
            absences(&site().clean()).is_empty(),
            "a public site holds no name"
        );
        let found = absences(&site().clean_internal());
        assert_eq!(
            found,
            vec![Absence {
                branch: 0,
                name: "王 建华".to_string(),
                rule: Rule::Consecutive,
                months: vec![ym("2026-01"), ym("2026-02"), ym("2026-03")],
            }]
        );
    }

    #[test]
    fn absence_rule_counts_a_month_once_and_never_an_excused_one() {
        let f = Fixture::new()
            .config("attendance:\n  consecutive: 3\n  cumulative: 3")
            .plain_branch("b");
        let f = meeting(f, "2026-01", "a", "  absent: [王五]");
        let f = meeting(f, "2026-01", "b", "  absent: [王五]");
        let f = meeting(f, "2026-02", "a", "  excused: [{name: 王五, reason: 出差}]");
        let f = meeting(f, "2026-03", "a", "  absent: [王五]");
        let f = meeting(f, "2026-04", "a", "  absent: [王五]");
        let found = absences(&f.clean_internal());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, Rule::Cumulative { year: 2026 });
        assert_eq!(
            found[0].months,
            vec![ym("2026-01"), ym("2026-03"), ym("2026-04")]
        );
    }

    /// A branch with a liaison of `level` led by `李 明`.
    fn liaison(f: Fixture, id: &str, level: &str, founded: &str) -> Fixture {
        f.branch(
            id,
            &format!(
                "name: {id}\ncommittee: 乙\n{founded}liaison: {{unit: 区委组织部, leader: 李 明, level: {level}}}"
            ),
        )
    }

    fn lecture(f: Fixture, b: &str, month: &str, id: &str, speaker: &str) -> Fixture {
        let front =
            format!("title: 党课\ndate: {month}-10\nkind: lecture\nspeaker_name: {speaker}");
        f.record(b, month, id, &front)
    }

    #[test]
    fn a_district_leader_owes_a_lecture_a_year_given_under_any_spacing_of_the_name() {
        let f = liaison(Fixture::new(), "b", "district", "");
        let f = lecture(f, "b", "2026-02", "x", "张 三");
        let f = lecture(f, "b", "2026-04", "y", "李明");
        let site = f.clean();
        let duty = lecture_duty(&site, 2026);
        assert_eq!(duty.len(), 1);
        assert_eq!((duty[0].from, duty[0].to), (ym("2026-01"), ym("2026-12")));
        assert_eq!(duty[0].status, DutyStatus::Done);
        let given: Vec<&str> = duty[0]
            .lectures
            .iter()
            .map(|&r| site.records[r].id.as_str())
            .collect();
        assert_eq!(given, ["y"]);
    }

    #[test]
    fn a_cadre_owes_one_each_half_year_from_the_branchs_founding() {
        let f = liaison(Fixture::new(), "a", "cadre", "");
        let f = liaison(f, "b", "cadre", "founded: 2026-08-01\n");
        let f = lecture(f, "a", "2026-09", "x", "王书记");
        let site = f.clean();
        let status: Vec<(usize, YearMonth, DutyStatus)> = lecture_duty(&site, 2026)
            .iter()
            .map(|d| (d.branch, d.from, d.status))
            .collect();
        assert_eq!(
            status,
            vec![
                // The content goes past June without a lecture by 李明.
                (0, ym("2026-01"), DutyStatus::Missing),
                (0, ym("2026-07"), DutyStatus::Pending),
                // Founded in August: nothing was due in the first half.
                (1, ym("2026-07"), DutyStatus::Pending),
            ]
        );
    }
}
