//! The two bottom lines: file, unsaved marker, forecast vs target, counts; then either the
//! last message or the key hints of whatever has the keys (the top popup or the view).

use crate::i18n::M;
use crate::model::format_date;
use crate::schedule::Status;
use crate::tr;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let area = area.intersection(buf.area);
    if area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let base = Style::new().bg(theme.status_bar_bg).fg(theme.status_bar_fg);
    buf.set_style(area, base);
    let full = info_line(app, false);
    let line = if full.width() > usize::from(area.width) {
        info_line(app, true)
    } else {
        full
    };
    crate::tui::widgets::set_line_fit(buf, area.x, area.y, &line, area.width);

    if area.height < 2 {
        return;
    }
    let y = area.y + 1;
    let line = match &app.message {
        Some(message) => {
            let color = if message.error {
                theme.error
            } else {
                theme.foreground
            };
            Line::styled(format!(" {}", message.text), Style::new().fg(color))
        }
        None => {
            let hints = match app.popups.last() {
                Some(popup) => popup.hints(),
                None => app.keymap.hints(app.view),
            };
            let mut spans = vec![Span::raw(" ")];
            for (key, word) in hints {
                spans.push(Span::styled(
                    key,
                    Style::new().fg(theme.key_hint).add_modifier(Modifier::BOLD),
                ));
                spans.push(Span::raw(format!(" {word}  ")));
            }
            Line::from(spans)
        }
    };
    crate::tui::widgets::set_line_fit(buf, area.x, y, &line, area.width);
}

/// The facts line; `compact` drops the target date and shortens words for narrow screens.
fn info_line(app: &App, compact: bool) -> Line<'static> {
    let theme = &app.theme;
    let doc = &app.doc;
    let schedule = &doc.schedule;
    let sep = move || {
        Span::styled(
            if compact { "│" } else { " │ " },
            Style::new().fg(theme.muted),
        )
    };

    let mut spans = vec![Span::styled(
        format!(" {}", doc.display_name()),
        Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
    )];
    if doc.is_dirty() {
        spans.push(Span::styled(" [+]", Style::new().fg(theme.warning)));
    }
    spans.push(sep());
    let lang = crate::i18n::current();
    let finish = schedule
        .finish
        .map(format_date)
        .unwrap_or_else(|| "—".into());
    match schedule.target_end {
        Some(target) => {
            let slip = schedule.slip_days;
            let (text, color) = if slip > 0 {
                (tr!(lang, BarDaysLate, n = slip), theme.late)
            } else {
                (tr!(lang, BarDaysEarly, n = -slip), theme.on_track)
            };
            if compact {
                spans.push(Span::raw(format!(
                    "{} ",
                    tr!(lang, BarFinish, finish = finish)
                )));
            } else {
                let target = format_date(target);
                spans.push(Span::raw(format!(
                    "{} ",
                    tr!(lang, BarFinishVs, finish = finish, target = target)
                )));
            }
            spans.push(Span::styled(format!("({text})"), Style::new().fg(color)));
        }
        None => spans.push(Span::raw(tr!(lang, BarFinish, finish = finish))),
    }
    spans.push(sep());
    // One pass over the items (this runs every frame).
    let (mut critical, mut late, mut blocked) = (0, 0, 0);
    for item in &schedule.items {
        critical += usize::from(item.critical);
        late += usize::from(item.status == Status::Late);
        blocked += usize::from(item.status == Status::Blocked);
    }
    let counts = [
        (
            critical,
            if compact {
                tr!(lang, BarCrit)
            } else {
                tr!(lang, BarCritical)
            },
            theme.critical,
        ),
        (late, tr!(lang, BarLate), theme.late),
        (
            blocked,
            if compact {
                tr!(lang, BarBlk)
            } else {
                tr!(lang, BarBlocked)
            },
            theme.blocked,
        ),
    ];
    for (i, (count, word, color)) in counts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            format!("{count} {word}"),
            Style::new().fg(color),
        ));
    }
    // Counted from the file itself, so it is right even while validation waits.
    let conflicts = crate::merge::resolve::count(&doc.roadmap);
    if conflicts > 0 {
        spans.push(sep());
        let text = if compact {
            tr!(lang, BarConflictsShort, n = conflicts)
        } else {
            lang.plural(conflicts, M::BarConflictOne, M::BarConflictMany)
        };
        spans.push(Span::styled(
            text,
            Style::new().fg(theme.error).add_modifier(Modifier::BOLD),
        ));
    }
    let errors = doc.problems.iter().filter(|p| p.is_error()).count();
    if doc.problems_stale {
        spans.push(sep());
        spans.push(Span::styled(
            tr!(lang, BarChecking),
            Style::new().fg(theme.muted),
        ));
    } else if errors > 0 {
        spans.push(sep());
        spans.push(Span::styled(
            format!(
                "{errors} {}",
                if compact { "!" } else { tr!(lang, BarProblems) }
            ),
            Style::new().fg(theme.error),
        ));
    }
    if app.filter.is_active() {
        spans.push(sep());
        spans.push(Span::styled(
            tr!(lang, BarFilter, filter = app.filter.describe()),
            Style::new().fg(theme.warning),
        ));
    }
    if let Some(query) = &app.search {
        spans.push(sep());
        spans.push(Span::styled(
            format!("/{query}"),
            Style::new().fg(theme.search_match),
        ));
    }
    Line::from(spans)
}
