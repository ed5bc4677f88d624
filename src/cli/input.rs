//! The file a report command reads: a roadmap, or a portfolio read as one combined roadmap
//! (`member:item` ids) whose problems are named by member file.

use super::commands::PROBLEMS;
use crate::i18n::{Lang, M};
use crate::model::{Network, Roadmap};
use crate::portfolio::{self, Combined, Opened, Portfolio};
use std::path::Path;

pub(super) struct Input {
    /// The roadmap, or the portfolio's members as one; `origin` is empty for a roadmap.
    pub combined: Combined,
    pub portfolio: Option<Box<Portfolio>>,
}

impl Input {
    /// Reads FILE; on failure prints why and gives the exit code.
    pub fn load(file: &Path, lang: Lang) -> Result<Input, u8> {
        match portfolio::open(file) {
            Ok(Opened::Roadmap(loaded)) => Ok(Input {
                combined: Combined {
                    roadmap: loaded.roadmap,
                    origin: Vec::new(),
                },
                portfolio: None,
            }),
            Ok(Opened::Portfolio(portfolio)) => Ok(Input {
                combined: portfolio.combine(),
                portfolio: Some(portfolio),
            }),
            Err(err) => {
                eprintln!("{}", err.render(lang));
                Err(PROBLEMS)
            }
        }
    }

    pub fn roadmap(&self) -> &Roadmap {
        &self.combined.roadmap
    }

    /// The validation errors as printed lines, each starting with the file it is in (a
    /// portfolio's member file). `network` is the combined roadmap's.
    pub fn error_lines(&self, file: &Path, network: &Network, lang: Lang) -> Vec<String> {
        match &self.portfolio {
            None => super::commands::errors_of(&self.combined.roadmap, network)
                .iter()
                .map(|problem| format!("{}: {}", file.display(), problem.render(lang)))
                .collect(),
            Some(portfolio) => portfolio::validate(portfolio, &self.combined)
                .iter()
                .filter(|p| p.problem.is_error())
                .map(|p| p.render(lang))
                .collect(),
        }
    }
}

/// `peta check` on a portfolio: every member's problems, then the cross-member ones; funding
/// warnings per member. Returns (errors, warnings).
pub(super) fn check_portfolio(portfolio: &Portfolio, lang: Lang) -> (usize, usize) {
    let combined = portfolio.combine();
    let funding = portfolio.members.iter().flat_map(|member| {
        crate::report::funding_checks::funding_problems(&member.roadmap)
            .into_iter()
            .map(|problem| portfolio::PortfolioProblem {
                file: member.path.clone(),
                problem,
            })
    });
    let (mut errors, mut warnings) = (0, 0);
    for problem in portfolio::validate(portfolio, &combined)
        .into_iter()
        .chain(funding)
    {
        outln!("{}", problem.render(lang));
        if problem.problem.is_error() {
            errors += 1;
        } else {
            warnings += 1;
        }
    }
    let members = lang.plural(portfolio.members.len(), M::PortMemberOne, M::PortMemberMany);
    let items = lang.plural(
        combined.roadmap.items.len(),
        M::CatItemsOne,
        M::CatItemsMany,
    );
    outln!(
        "{}",
        crate::tr!(
            lang,
            PortSummary,
            file = portfolio.path.display(),
            title = portfolio.file.title,
            members = members,
            items = items
        )
    );
    (errors, warnings)
}
