//! View state shared by the views: which view is active, zoom, grouping, sort and filter.
//! None of it is saved in the roadmap.

use crate::i18n::{current, ui, M};
use crate::model::{Date, Kind};
use crate::schedule::Status;
use crate::tr;
use chrono::Months;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Timeline,
    Table,
    Funding,
    Risks,
    Regulations,
    Talent,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Timeline,
        View::Table,
        View::Funding,
        View::Risks,
        View::Regulations,
        View::Talent,
    ];

    /// The view's name in the UI's language.
    pub fn title(self) -> &'static str {
        ui(match self {
            View::Timeline => M::ViewTimeline,
            View::Table => M::ViewTable,
            View::Funding => M::ViewFunding,
            View::Risks => M::ViewRisks,
            View::Regulations => M::ViewRegulations,
            View::Talent => M::ViewTalent,
        })
    }

    pub fn number(self) -> usize {
        match self {
            View::Timeline => 1,
            View::Table => 2,
            View::Funding => 3,
            View::Risks => 4,
            View::Regulations => 5,
            View::Talent => 6,
        }
    }

    pub fn next(self) -> View {
        View::ALL[self.number() % View::ALL.len()]
    }

    pub fn previous(self) -> View {
        View::ALL[(self.number() + View::ALL.len() - 2) % View::ALL.len()]
    }
}

/// Timeline scale. Each level has a fixed number of days per column so that bars line up
/// exactly; a "unit" (for moving items) is the calendar week, month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Zoom {
    Week,
    Month,
    #[default]
    Quarter,
    Year,
}

impl Zoom {
    pub const ALL: [Zoom; 4] = [Zoom::Week, Zoom::Month, Zoom::Quarter, Zoom::Year];

    /// Year zoom puts ten years in about 122 columns, which leaves room for labels at 160.
    pub fn days_per_column(self) -> i64 {
        match self {
            Zoom::Week => 1,
            Zoom::Month => 7,
            Zoom::Quarter => 14,
            Zoom::Year => 30,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Zoom::Week => "week",
            Zoom::Month => "month",
            Zoom::Quarter => "quarter",
            Zoom::Year => "year",
        }
    }

    /// The word shown in the UI (`as_str` is the word in `config.json`).
    pub fn label(self) -> &'static str {
        ui(match self {
            Zoom::Week => M::ZoomWeek,
            Zoom::Month => M::ZoomMonth,
            Zoom::Quarter => M::ZoomQuarter,
            Zoom::Year => M::ZoomYear,
        })
    }

    pub fn parse(word: &str) -> Option<Zoom> {
        Zoom::ALL.into_iter().find(|z| z.as_str() == word)
    }

    pub fn zoom_in(self) -> Zoom {
        match self {
            Zoom::Year => Zoom::Quarter,
            Zoom::Quarter => Zoom::Month,
            _ => Zoom::Week,
        }
    }

    pub fn zoom_out(self) -> Zoom {
        match self {
            Zoom::Week => Zoom::Month,
            Zoom::Month => Zoom::Quarter,
            _ => Zoom::Year,
        }
    }

    /// Days from `from` to one unit later (`steps` = 1) or earlier (-1), following the
    /// calendar, so a move by a month from 31 January lands on the last day of February.
    pub fn unit_days(self, from: Date, steps: i32) -> i64 {
        let months = match self {
            Zoom::Week => return 7 * i64::from(steps),
            Zoom::Month => 1,
            Zoom::Quarter => 3,
            Zoom::Year => 12,
        };
        let count = Months::new(months * steps.unsigned_abs());
        let moved = if steps >= 0 {
            from.checked_add_months(count)
        } else {
            from.checked_sub_months(count)
        };
        match moved {
            Some(to) => (to - from).num_days(),
            None => i64::from(steps) * i64::from(months) * 30,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    #[default]
    Sector,
    Owner,
    Kind,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Sector => Grouping::Owner,
            Grouping::Owner => Grouping::Kind,
            Grouping::Kind => Grouping::Sector,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Sector => "sector",
            Grouping::Owner => "owner",
            Grouping::Kind => "kind",
        }
    }

    pub fn label(self) -> &'static str {
        ui(match self {
            Grouping::Sector => M::GroupSector,
            Grouping::Owner => M::GroupOwner,
            Grouping::Kind => M::GroupKind,
        })
    }
}

/// Table sort column; `File` is the order of the items in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    File,
    Id,
    Title,
    Sector,
    Kind,
    Start,
    End,
    ForecastStart,
    ForecastFinish,
    Float,
    Status,
    Progress,
    Cost,
}

impl SortKey {
    pub const ALL: [SortKey; 13] = [
        SortKey::File,
        SortKey::Id,
        SortKey::Title,
        SortKey::Sector,
        SortKey::Kind,
        SortKey::Start,
        SortKey::End,
        SortKey::ForecastStart,
        SortKey::ForecastFinish,
        SortKey::Float,
        SortKey::Status,
        SortKey::Progress,
        SortKey::Cost,
    ];

    pub fn next(self) -> SortKey {
        let at = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(at + 1) % SortKey::ALL.len()]
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::File => "file order",
            SortKey::Id => "id",
            SortKey::Title => "title",
            SortKey::Sector => "sector",
            SortKey::Kind => "kind",
            SortKey::Start => "start",
            SortKey::End => "end",
            SortKey::ForecastStart => "forecast start",
            SortKey::ForecastFinish => "forecast finish",
            SortKey::Float => "float",
            SortKey::Status => "status",
            SortKey::Progress => "progress",
            SortKey::Cost => "cost",
        }
    }

    pub fn label(self) -> &'static str {
        ui(match self {
            SortKey::File => M::SortFile,
            SortKey::Id => M::SortId,
            SortKey::Title => M::SortTitle,
            SortKey::Sector => M::SortSector,
            SortKey::Kind => M::SortKind,
            SortKey::Start => M::SortStart,
            SortKey::End => M::SortEnd,
            SortKey::ForecastStart => M::SortForecastStart,
            SortKey::ForecastFinish => M::SortForecastFinish,
            SortKey::Float => M::SortFloat,
            SortKey::Status => M::SortStatus,
            SortKey::Progress => M::SortProgress,
            SortKey::Cost => M::SortCost,
        })
    }
}

/// Which items the timeline and table show. Search does not filter; it jumps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Filter {
    pub sector: Option<String>,
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub critical_only: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    /// A short description for the status bar: `sector=infra, critical`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let lang = current();
        if let Some(sector) = &self.sector {
            parts.push(tr!(lang, FilterSector, v = sector));
        }
        if let Some(kind) = self.kind {
            parts.push(tr!(lang, FilterKind, v = kind.label(lang)));
        }
        if let Some(status) = self.status {
            parts.push(tr!(lang, FilterStatus, v = status.label(lang)));
        }
        if self.critical_only {
            parts.push(tr!(lang, FilterCritical).to_string());
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_cycle_both_ways() {
        assert_eq!(View::Risks.next(), View::Regulations);
        assert_eq!(View::Regulations.next(), View::Talent);
        assert_eq!(View::Talent.next(), View::Timeline);
        assert_eq!(View::Timeline.previous(), View::Talent);
        assert_eq!(View::Table.previous(), View::Timeline);
    }

    #[test]
    fn month_units_follow_the_calendar() {
        let jan31 = Date::from_ymd_opt(2025, 1, 31).unwrap();
        assert_eq!(Zoom::Month.unit_days(jan31, 1), 28);
        assert_eq!(Zoom::Month.unit_days(jan31, -1), -31);
        assert_eq!(Zoom::Week.unit_days(jan31, -1), -7);
        let leap = Date::from_ymd_opt(2024, 1, 1).unwrap();
        assert_eq!(Zoom::Year.unit_days(leap, 1), 366);
        assert_eq!(Zoom::Quarter.unit_days(leap, 1), 91);
    }
}
