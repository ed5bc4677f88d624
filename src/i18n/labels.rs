//! The words for the roadmap's enums in each language. The file format keeps its English
//! keywords (`"stage": "enacted"`); these are only what people read.

use super::{Lang, M};
use crate::model::{FundingStatus, Kind, RegulationStage, SchemeKind};
use crate::schedule::Status;

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Status::Done => M::StatusDone,
            Status::Late => M::StatusLate,
            Status::Blocked => M::StatusBlocked,
            Status::AtRisk => M::StatusAtRisk,
            Status::NotStarted => M::StatusNotStarted,
            Status::OnTrack => M::StatusOnTrack,
        })
    }
}

impl Kind {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Kind::Initiative => M::KindInitiative,
            Kind::Milestone => M::KindMilestone,
            Kind::Regulation => M::KindRegulation,
        })
    }
}

impl RegulationStage {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            RegulationStage::Planned => M::StagePlanned,
            RegulationStage::Drafting => M::StageDrafting,
            RegulationStage::Harmonization => M::StageHarmonization,
            RegulationStage::Deliberation => M::StageDeliberation,
            RegulationStage::Enacted => M::StageEnacted,
        })
    }
}

impl FundingStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            FundingStatus::Proposed => M::FundingProposed,
            FundingStatus::Committed => M::FundingCommitted,
            FundingStatus::Disbursed => M::FundingDisbursed,
        })
    }
}

impl SchemeKind {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            SchemeKind::StateBudget => M::SchemeStateBudget,
            SchemeKind::RegionalBudget => M::SchemeRegionalBudget,
            SchemeKind::Ppp => M::SchemePpp,
            SchemeKind::Loan => M::SchemeLoan,
            SchemeKind::Grant => M::SchemeGrant,
            SchemeKind::Private => M::SchemePrivate,
            SchemeKind::Other => M::SchemeOther,
        })
    }
}
