//! The portal's UI strings, in its two languages: one table, a field per
//! word, so a missing translation does not compile.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Zh,
    En,
}

impl Lang {
    pub(crate) fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub(crate) fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub(crate) struct Strings {
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_lectures: &'static str,
    pub districts: &'static str,
    pub district: &'static str,
    pub committees: &'static str,
    pub branches: &'static str,
    pub months_reported: &'static str,
    pub lectures: &'static str,
    pub total: &'static str,
    pub missing: &'static str,
    pub missing_note: &'static str,
    pub own_site: &'static str,
    pub portal_page: &'static str,
    pub month: &'static str,
    /// `{year}` is replaced.
    pub five_things_year: &'static str,
    pub five_things_note: &'static str,
    /// After the figures of a month before its deadline, with its brackets.
    pub in_progress: &'static str,
    /// `{year}` is replaced.
    pub lectures_year: &'static str,
    pub lecture_index: &'static str,
    pub title: &'static str,
    pub branch: &'static str,
    pub date: &'static str,
    pub speaker: &'static str,
    pub no_lectures: &'static str,
    /// The label of the list of months of the lecture index.
    pub by_month: &'static str,
    pub nav_search: &'static str,
    /// `{year}` is replaced.
    pub assessment_year: &'static str,
    pub assessed: &'static str,
    pub average: &'static str,
    pub grades: &'static str,
    pub list_sep: &'static str,
    /// The search page's scope list: every district.
    pub all_districts: &'static str,
    pub generated_by: &'static str,
}

const ZH: Strings = Strings {
    skip_to_content: "跳到正文",
    nav_label: "主导航",
    nav_home: "各区概况",
    nav_lectures: "党课总览",
    districts: "各区概况",
    district: "区",
    committees: "党（工）委",
    branches: "党支部",
    months_reported: "报送月数",
    lectures: "党课",
    total: "合计",
    missing: "数据不可用",
    missing_note: "以下各区的数据本次无法读取，未计入合计：",
    own_site: "本区网站",
    portal_page: "本区概况",
    month: "月份",
    five_things_year: "{year} 年五件事完成情况（全部完成的支部 / 应报支部）",
    five_things_note: "每格为该月学、会、做、工、课五件事全部完成的支部数与应报送的支部数。标“进行中”的为尚未到报送截止日期的月份，是截至生成数据之日的数字。",
    in_progress: "（进行中）",
    lectures_year: "{year} 年各月党课数",
    lecture_index: "党课总览",
    title: "标题",
    branch: "党支部",
    date: "日期",
    speaker: "主讲人",
    no_lectures: "暂无党课记录。",
    by_month: "按月份查看",
    nav_search: "搜索",
    assessment_year: "{year} 年度考核（一年一考核）：各区支部的得分",
    assessed: "考核支部",
    average: "平均分",
    grades: "各等级支部数",
    list_sep: "，",
    all_districts: "全部区",
    generated_by: "本站由 dangri 根据各区公开数据生成",
};

const EN: Strings = Strings {
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Districts",
    nav_lectures: "Lectures",
    districts: "Districts",
    district: "District",
    committees: "Committees",
    branches: "Branches",
    months_reported: "Months reported",
    lectures: "Lectures",
    total: "Total",
    missing: "data unavailable",
    missing_note: "The data of these districts could not be read this time and is not in the totals:",
    own_site: "the district's site",
    portal_page: "overview",
    month: "Month",
    five_things_year: "The five things in {year} (branches complete / branches due)",
    five_things_note: "Each cell: the branches that did all five things that month, of the branches due. A month marked in progress is before its deadline: its figures are those of the day the district's data was built.",
    in_progress: " (in progress)",
    lectures_year: "Lectures per month in {year}",
    lecture_index: "All lectures",
    title: "Title",
    branch: "Branch",
    date: "Date",
    speaker: "Speaker",
    no_lectures: "No lectures yet.",
    by_month: "By month",
    nav_search: "Search",
    assessment_year: "The yearly assessment of {year}: the districts' branches' scores",
    assessed: "Branches assessed",
    average: "Average score",
    grades: "Branches per grade",
    list_sep: ", ",
    all_districts: "Every district",
    generated_by: "Built by dangri from the districts' open data",
};
