//! The "unfunded" risk: items that cost money and are active in a budget year with no
//! committed or disbursed funding for it (the budget-cycle gate of
//! [`crate::report::funding_checks`]), each with the years that lack money.

use super::{Entry, Text, Tone};
use crate::i18n::{current, ui, M};
use crate::model::Roadmap;
use crate::report::funding_checks::funding_checks;
use std::borrow::Cow;

pub(super) fn unfunded_rows(roadmap: &Roadmap, out: &mut Vec<Entry>) {
    let unfunded = funding_checks(roadmap).unfunded;
    out.push(Entry::Heading(crate::tr!(
        current(),
        RiskUnfunded,
        n = unfunded.len()
    )));
    if unfunded.is_empty() {
        out.push(Entry::Prose(ui(M::RiskAllFunded).into(), Tone::Good));
    }
    for gate in unfunded {
        let years: Vec<String> = gate.years.iter().map(i32::to_string).collect();
        out.push(Entry::Row {
            item: Some(gate.item),
            tag: Cow::Borrowed(ui(M::RiskTagUnfunded)),
            tone: Tone::Warning,
            id: None,
            // The years first: the list column is often narrow.
            text: Text::Fixed(crate::tr!(
                current(),
                RiskUnfundedYears,
                years = years.join(", ")
            )),
        });
    }
}
