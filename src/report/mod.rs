//! Printed summaries of a roadmap: the schedule table, money totals, exports.
pub mod export;
pub mod funding;
pub mod funding_checks;
pub mod funding_need;
pub mod funding_report;
pub mod money;
pub mod regulations;
pub mod schedule;
pub mod schedule_json;
pub mod summary;
pub mod talent;

use unicode_width::UnicodeWidthStr;

/// Appends `cell` padded with spaces to `width` terminal columns: numbers (`right`) are
/// padded on the left so their digits line up, text on the right.
pub(crate) fn push_aligned(out: &mut String, cell: &str, width: usize, right: bool) {
    let pad = " ".repeat(width.saturating_sub(cell.width()));
    if right {
        out.push_str(&pad);
        out.push_str(cell);
    } else {
        out.push_str(cell);
        out.push_str(&pad);
    }
}
