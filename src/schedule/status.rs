//! Status of each item on a given day: done, late, blocked, at risk, not started or on track.

use super::{day, Input, ItemSchedule, Options, Schedule};
use crate::i18n::{Lang, M};
use crate::model::{Date, Kind, LinkType, Network as Graph, RegulationStage, Roadmap};
use crate::tr;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Done,
    Late,
    Blocked,
    AtRisk,
    NotStarted,
    OnTrack,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Done,
        Status::Late,
        Status::Blocked,
        Status::AtRisk,
        Status::NotStarted,
        Status::OnTrack,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Late => "late",
            Status::Blocked => "blocked",
            Status::AtRisk => "at-risk",
            Status::NotStarted => "not-started",
            Status::OnTrack => "on-track",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an item is late, blocked or at risk.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The forecast finish lies after the planned end.
    FinishesLate { forecast: Date, planned: Date },
    /// The planned end has passed and the item is not done.
    PastEnd { planned: Date, progress: u8 },
    /// A predecessor the link needs is not finished (or not started, for SS/SF links).
    WaitingFor {
        pred: usize,
        link: LinkType,
        progress: u8,
    },
    /// A regulation it depends on is not enacted yet.
    RegulationNotEnacted {
        pred: usize,
        stage: Option<RegulationStage>,
    },
    /// Critical and behind: less done than the share of its time that has passed.
    Behind { progress: u8, elapsed_percent: u8 },
}

impl Reason {
    /// The predecessor the reason names, by index.
    pub(super) fn predecessor_mut(&mut self) -> Option<&mut usize> {
        match self {
            Reason::WaitingFor { pred, .. } | Reason::RegulationNotEnacted { pred, .. } => {
                Some(pred)
            }
            _ => None,
        }
    }

    /// A sentence for planners, naming items by id.
    pub fn describe(&self, roadmap: &Roadmap) -> String {
        self.describe_in(roadmap, Lang::En)
    }

    /// [`Reason::describe`] in a language. Dates stay `YYYY-MM-DD` in English and take
    /// Indonesian month names in Indonesian.
    pub fn describe_in(&self, roadmap: &Roadmap, lang: Lang) -> String {
        let id = |i: usize| {
            roadmap
                .items
                .get(i)
                .map(|item| item.id.as_str())
                .unwrap_or("?")
        };
        match self {
            Reason::FinishesLate { forecast, planned } => {
                let days = day(*forecast) - day(*planned);
                let (forecast, planned) = (lang.date(*forecast), lang.date(*planned));
                tr!(
                    lang,
                    ReasonFinishesLate,
                    forecast = forecast,
                    days = days,
                    planned = planned
                )
            }
            Reason::PastEnd { planned, progress } => {
                let planned = lang.date(*planned);
                tr!(lang, ReasonPastEnd, planned = planned, progress = progress)
            }
            Reason::WaitingFor {
                pred,
                link,
                progress,
            } => {
                let pred = id(*pred);
                if matches!(link, LinkType::SS | LinkType::SF) {
                    tr!(
                        lang,
                        ReasonWaitingStarted,
                        pred = pred,
                        progress = progress,
                        link = link
                    )
                } else {
                    tr!(
                        lang,
                        ReasonWaitingFinished,
                        pred = pred,
                        progress = progress,
                        link = link
                    )
                }
            }
            Reason::RegulationNotEnacted { pred, stage } => {
                let stage = stage
                    .map(|s| s.label(lang))
                    .unwrap_or(lang.t(M::StageUnknown));
                tr!(lang, ReasonRegulation, pred = id(*pred), stage = stage)
            }
            Reason::Behind {
                progress,
                elapsed_percent,
            } => tr!(
                lang,
                ReasonBehind,
                progress = progress,
                elapsed = elapsed_percent
            ),
        }
    }
}

/// Fills in `status` and `reason` of every item; the rules are in `docs/scheduling.md`.
pub(super) fn assign(inputs: &[Input], graph: &Graph, schedule: &mut Schedule, options: &Options) {
    let today = day(options.today);
    for i in 0..inputs.len() {
        let (status, reason) = status_of(inputs, graph, i, &schedule.items[i], today);
        let computed = &mut schedule.items[i];
        computed.status = status;
        computed.reason = reason;
    }
}

/// The status of item `index` on day number `today` from its fields, its computed dates and
/// its predecessors' fields.
pub(super) fn status_of(
    inputs: &[Input],
    graph: &Graph,
    index: usize,
    computed: &ItemSchedule,
    today: i64,
) -> (Status, Option<Reason>) {
    let item = &inputs[index];
    if item.progress >= 100 {
        (Status::Done, None)
    } else if let Some(reason) = lateness(
        item.start,
        item.end,
        item.is_milestone(),
        computed.early_finish,
        today,
        item.progress,
    ) {
        (Status::Late, Some(reason))
    } else if let Some(reason) = blocker(item.start.or(item.end), inputs, graph, index, today) {
        (Status::Blocked, Some(reason))
    } else if let Some(reason) = behind(
        computed.critical,
        computed.early_start,
        computed.early_finish,
        item.is_milestone(),
        today,
        item.progress,
    ) {
        (Status::AtRisk, Some(reason))
    } else if item.progress == 0 {
        (Status::NotStarted, None)
    } else {
        (Status::OnTrack, None)
    }
}

fn lateness(
    start: Option<Date>,
    end: Option<Date>,
    milestone: bool,
    forecast: Date,
    today: i64,
    progress: u8,
) -> Option<Reason> {
    let planned = if milestone {
        start.or(end)?
    } else {
        end.or(start)?
    };
    if forecast > planned {
        return Some(Reason::FinishesLate { forecast, planned });
    }
    (today > day(planned)).then_some(Reason::PastEnd { planned, progress })
}

fn blocker(
    start: Option<Date>,
    inputs: &[Input],
    graph: &Graph,
    index: usize,
    today: i64,
) -> Option<Reason> {
    if today <= day(start?) {
        return None;
    }
    for link in graph.incoming(index) {
        let pred = &inputs[link.pred];
        if pred.kind == Some(Kind::Regulation) && pred.stage != Some(RegulationStage::Enacted) {
            return Some(Reason::RegulationNotEnacted {
                pred: link.pred,
                stage: pred.stage,
            });
        }
        let satisfied = match link.link {
            LinkType::FS | LinkType::FF => pred.progress >= 100,
            LinkType::SS | LinkType::SF => pred.progress > 0,
        };
        if !satisfied {
            return Some(Reason::WaitingFor {
                pred: link.pred,
                link: link.link,
                progress: pred.progress,
            });
        }
    }
    None
}

fn behind(
    critical: bool,
    early_start: Date,
    early_finish: Date,
    milestone: bool,
    today: i64,
    progress: u8,
) -> Option<Reason> {
    let (start, finish) = (day(early_start), day(early_finish) + 1);
    if !critical || milestone || today < start {
        return None;
    }
    let elapsed = ((today - start) * 100 / (finish - start).max(1)).clamp(0, 100);
    (i64::from(progress) < elapsed).then_some(Reason::Behind {
        progress,
        elapsed_percent: elapsed as u8,
    })
}
