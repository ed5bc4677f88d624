//! The English catalogue, which also declares the keys: add a message by adding one line
//! `Key = "text with {placeholders}",` here and its Indonesian text in `id.rs` (the compiler
//! points there). Keys are grouped by where they are shown; the prefix says where.

macro_rules! catalogue {
    ($($key:ident = $text:literal,)*) => {
        /// A message key. The texts are in `en.rs` and `id.rs`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum M {
            $($key,)*
        }

        impl M {
            pub const ALL: &'static [M] = &[$(M::$key,)*];

            /// The key's name as written in the sources.
            pub fn name(self) -> &'static str {
                match self {
                    $(M::$key => stringify!($key),)*
                }
            }
        }

        pub(super) fn text(key: M) -> &'static str {
            match key {
                $(M::$key => $text,)*
            }
        }
    };
}

catalogue! {
    // Language selection.
    LangNote = "peta: {source}: unknown language {given}; using English (available: en, id)",

    // Status names (schedule::Status), kinds, stages, funding.
    StatusDone = "done",
    StatusLate = "late",
    StatusBlocked = "blocked",
    StatusAtRisk = "at-risk",
    StatusNotStarted = "not-started",
    StatusOnTrack = "on-track",
    KindInitiative = "initiative",
    KindMilestone = "milestone",
    KindRegulation = "regulation",
    StagePlanned = "planned",
    StageDrafting = "drafting",
    StageHarmonization = "harmonization",
    StageDeliberation = "deliberation",
    StageEnacted = "enacted",
    StageUnknown = "stage unknown",
    FundingProposed = "proposed",
    FundingCommitted = "committed",
    FundingDisbursed = "disbursed",
    SchemeStateBudget = "state-budget",
    SchemeRegionalBudget = "regional-budget",
    SchemePpp = "ppp",
    SchemeLoan = "loan",
    SchemeGrant = "grant",
    SchemePrivate = "private",
    SchemeOther = "other",
    UnknownSector = "(unknown sector)",

    // Why an item is late, blocked or at risk (schedule::Reason).
    ReasonFinishesLate = "forecast finish {forecast} is {days} days after its planned end {planned}",
    ReasonPastEnd = "planned end {planned} has passed at {progress}% done",
    ReasonWaitingStarted = "blocked by {pred} ({progress}% done, {link} link needs it started)",
    ReasonWaitingFinished = "blocked by {pred} ({progress}% done, {link} link needs it finished)",
    ReasonRegulation = "blocked by regulation {pred} ({stage})",
    ReasonBehind = "critical and behind: {progress}% done with {elapsed}% of its time gone",
    SlipOnTarget = "on the target date",
    SlipLate = "{days} days late",
    SlipEarly = "{days} days early",

    // Validation problems (model::validate, report::funding_checks) and `peta check`.
    ProblemWarning = "warning: ",
    WhereSector = "sector",
    WhereScheme = "funding scheme",
    WhereItem = "item",
    CheckMissing = "missing",
    CheckCycle = "dependency cycle (each item depends on the one before it): {cycle}",
    CheckFormatMissing = "missing; expected \"{format}\"",
    CheckFormatUnsupported = "\"{given}\" is not supported; this version reads \"{format}\"",
    CheckFormatOtherVersion = "\"{given}\" is not supported (written by another version of peta); this version reads \"{format}\"",
    CheckCurrencyMissing = "missing; amounts are shown without a currency",
    CheckEndBeforeStart = "{end} is before start {start}",
    CheckIdTwice = "\"{id}\" is used twice",
    CheckIdUsedByItem = "\"{id}\" is already used by item #{n}",
    CheckKindMissing = "missing; expected {choices}",
    CheckNoSuchSector = "\"{sector}\" is not a sector of this roadmap",
    CheckMilestoneOneDay = "a milestone is one day: start {start} and end {end} must be equal",
    CheckRegulationBlockOnInitiative = "only regulation items have a regulation block; this item is an initiative",
    CheckRegulationBlockOnMilestone = "only regulation items have a regulation block; this item is a milestone",
    CheckNoSuchScheme = "\"{scheme}\" is not a funding scheme of this roadmap",
    CheckYearOutsideRoadmap = "{year} is outside the roadmap's years {first}-{last}",
    CheckRegulationMissing = "missing; add {\"instrument\", \"stage\"} (without a stage it counts as not enacted)",
    CheckInstrumentMissing = "missing (e.g. \"UU\", \"PP\", \"Perpres\")",
    CheckStageMissing = "missing; counts as not enacted",
    CheckStartBeforeRoadmap = "{start} is before the roadmap's start {first}",
    CheckEndAfterRoadmap = "{end} is after the roadmap's end {last}",
    CheckDepIdMissing = "id missing",
    CheckDepSelf = "an item cannot depend on itself",
    CheckDepNoSuchItem = "no such item",
    CheckDepTwice = "listed more than once; every link is scheduled",
    CheckCeiling = "funding lines for {year} add up to {total}, {over} over the ceiling of {ceiling}",
    CheckLineOutsideYear = "{year} is outside the item's year {first} (from its start and end)",
    CheckLineOutsideYears = "{year} is outside the item's years {first}-{last} (from its start and end)",
    CheckUnfundedYear = "no committed or disbursed funding for budget year {years} while the item is active (budget-cycle gate)",
    CheckUnfundedYears = "no committed or disbursed funding for budget years {years} while the item is active (budget-cycle gate)",
    CheckFileOne = "1 file",
    CheckFileMany = "{n} files",
    CheckErrorOne = "1 error",
    CheckErrorMany = "{n} errors",
    CheckWarningOne = "1 warning",
    CheckWarningMany = "{n} warnings",
    CheckClean = "{files} checked: no problems",
    CheckCounts = "{files} checked: {errors}, {warnings}",
    ReportIgnoresBroken = "{file}: {errors}; this summary ignores the broken parts (see `peta check`)",

    // `peta summary`.
    SumYearOne = "1 year",
    SumYearMany = "{n} years",
    SumHorizonBoth = "{start} to {end} ({years})",
    SumHorizonFrom = "from {start}",
    SumHorizonUntil = "until {end}",
    SumNotSet = "not set",
    SumHorizon = "Horizon",
    SumAsOf = "As of",
    SumForecastVsTarget = "{finish} vs target {target}: {slip}",
    SumForecastNoTarget = "{finish} (no target end)",
    SumNothingToSchedule = "no items to schedule",
    SumForecastFinish = "Forecast finish",
    SumItems = "Items",
    SumItemsCritical = "{n}, {critical} critical",
    SumScopeSectors = "sectors {sectors}",
    SumScopeCritical = "critical items only",
    SumScopeWindow = "{from} to {to}",
    SumShowing = "Showing",
    SumShowingValue = "{scope} ({shown} of {total} items)",
    SumCycles = "Links that form cycles were ignored (run `peta check`); the schedule is incomplete.",
    SumUntitled = "Untitled roadmap",
    SumTimeline = "Timeline",
    SumAlsoCritical = "Also critical: ",
    SumNoCritical = "No critical items.",
    SumCriticalPath = "Critical path",
    SumTotal = "total",
    SumStatus = "Status",
    SumCriticalNear = "{critical} critical, {near} near-critical.",
    SumItem = "Item",
    SumReason = "Reason",
    SumNothingLate = "Nothing is late, blocked or at risk.",
    SumAttention = "Late, blocked and at risk",
    SumScheme = "Scheme",
    SumFunded = "Funded",
    SumNoFunding = "No funding lines.",
    SumCost = "Cost",
    SumFundedValue = "{funded} ({committed} committed, {proposed} proposed)",
    SumGap = "Funding gap",
    SumGapValue = "{gap} of cost not covered by committed money",
    SumSectorsOnly = "Sectors {sectors} only.",
    SumLineOne = "1 funding line",
    SumLineMany = "{n} funding lines",
    SumSkipped = "{lines} with an invalid value or no year not counted (see `peta check`).",
    SumFunding = "Funding",
    SumGapOf = " (gap {gap})",
    SumAllCriticalFunded = "All critical items have committed funding.",
    SumCriticalLacking = "Critical items lacking committed funding:",
    SumUnknown = "unknown",
    SumNoPending = "None: every regulation shown or gating a shown item is enacted.",
    SumInstrument = "Instrument",
    SumStage = "Stage",
    SumForecast = "Forecast",
    SumGates = "Gates",
    SumTitle = "Title",
    SumRegulations = "Regulations not yet enacted",
    GanttColumnDays = "one column {about} {n} days",
    GanttColumnDay = "one column = 1 day",
    GanttDayColumns = "one day {about} {n} columns",
    GanttWindow = "{from} to {to}, {unit}",
    GanttNoItems = "(no items in this selection)",
    GanttQuarter = "Q{n}",
    GanttForecast = "{glyph} forecast",
    GanttBeyond = "{glyph} beyond plan",
    GanttMilestone = "{glyph} milestone",
    GanttToday = "{glyph} today {date}",
    GanttTodayOutside = "today {date} is outside the window",
    GanttCritical = "! critical",
}
