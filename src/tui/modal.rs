//! Questions drawn over the screen: reasons, confirmations, ratings, pickers.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::text::{truncate, width};
use crate::store::error::role_label;

use super::state::{FilterOption, Modal, State};
use super::strings as s;
use super::theme::Theme;
use super::update::{assignable, short_code};

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn codes(ts: &[super::state::Target]) -> String {
    let list: Vec<&str> = ts.iter().map(|t| short_code(&t.code)).collect();
    truncate(&list.join(", "), 60)
}

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, m: &Modal, area: Rect) {
    let mut lines: Vec<Line> = vec![];
    let mut cursor: Option<(usize, usize)> = None;
    let title;
    match m {
        Modal::Reason { action, targets, input, error } => {
            title = s::action_label(*action).to_string();
            lines.push(Line::from(Span::styled(codes(targets), theme.muted())));
            lines.push(Line::from(s::reason_for(*action)));
            cursor = Some((lines.len(), input.cursor_cells()));
            lines.push(Line::from(input.text().to_string()));
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), theme.error())));
            }
        }
        Modal::Confirm { action, targets, note } => {
            title = s::action_label(*action).to_string();
            lines.push(Line::from(Span::styled(codes(targets), theme.muted())));
            lines.push(Line::from(note.clone()));
            lines.push(Line::from(Span::styled(s::confirm(*action, targets.len()), theme.overdue())));
        }
        Modal::Satisfaction { targets } => {
            title = s::action_label(super::keymap::Action::Return).to_string();
            lines.push(Line::from(Span::styled(codes(targets), theme.muted())));
            lines.push(Line::from(s::satisfaction_prompt()));
        }
        Modal::Digitized { targets } => {
            title = s::action_label(super::keymap::Action::Ready).to_string();
            lines.push(Line::from(Span::styled(codes(targets), theme.muted())));
            lines.push(Line::from(s::digitized_prompt()));
        }
        Modal::StaffPicker { targets, selected } => {
            title = s::staff_picker_title().to_string();
            lines.push(Line::from(Span::styled(codes(targets), theme.muted())));
            for (i, p) in assignable(st).iter().enumerate() {
                let text = format!("{} — {} ({})", p.login, p.full_name, role_label(p.role));
                let style = if i == *selected { theme.selected() } else { theme.normal() };
                lines.push(Line::from(Span::styled(text, style)));
            }
        }
        Modal::Apology { target, date, reason, on_reason, error } => {
            title = s::action_label(super::keymap::Action::Apology).to_string();
            lines.push(Line::from(Span::styled(short_code(&target.code).to_string(), theme.muted())));
            lines.push(Line::from(s::apology_date_prompt()));
            if !on_reason {
                cursor = Some((lines.len(), date.cursor_cells()));
            }
            lines.push(Line::from(date.text().to_string()));
            lines.push(Line::from(s::reason_for(super::keymap::Action::Apology)));
            if *on_reason {
                cursor = Some((lines.len(), reason.cursor_cells()));
            }
            lines.push(Line::from(reason.text().to_string()));
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), theme.error())));
            }
        }
        Modal::Period { from, to, on_to, error } => {
            title = s::custom_period_title().to_string();
            lines.push(Line::from(s::period_from()));
            if !*on_to {
                cursor = Some((lines.len(), from.cursor_cells()));
            }
            lines.push(Line::from(from.text().to_string()));
            lines.push(Line::from(s::period_to()));
            if *on_to {
                cursor = Some((lines.len(), to.cursor_cells()));
            }
            lines.push(Line::from(to.text().to_string()));
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), theme.error())));
            }
        }
        Modal::PrintPick { code } => {
            title = s::action_label(super::keymap::Action::Print).to_string();
            lines.push(Line::from(Span::styled(short_code(code).to_string(), theme.muted())));
            lines.push(Line::from(s::print_pick()));
        }
        Modal::RestoreDraft { draft } => {
            title = s::restore_draft_title().to_string();
            let who = if draft.name.is_empty() { draft.picker.clone() } else { draft.name.clone() };
            lines.push(Line::from(s::restore_draft_prompt(&who)));
        }
        Modal::Filter { options, selected } => {
            title = s::filter_title().to_string();
            let skip = selected.saturating_sub(12);
            for (i, o) in options.iter().enumerate().skip(skip).take(14) {
                let text = match o {
                    FilterOption::Clear => s::filter_any().to_string(),
                    FilterOption::Field(x) => format!("{}: {x}", s::filter_field()),
                    FilterOption::Assignee(x) if x.is_empty() => {
                        format!("{}: {}", s::filter_assignee(), s::unassigned())
                    }
                    FilterOption::Assignee(x) => format!("{}: {x}", s::filter_assignee()),
                    FilterOption::Channel(c) => format!("{}: {}", s::filter_channel(), s::channel(*c)),
                };
                let style = if i == *selected { theme.selected() } else { theme.normal() };
                lines.push(Line::from(Span::styled(text, style)));
            }
        }
    }
    let inner_w = lines.iter().map(|l| l.spans.iter().map(|sp| width(&sp.content)).sum::<usize>()).max().unwrap_or(20);
    let w = (inner_w.max(width(&title) + 4).max(40) + 4).min(area.width as usize) as u16;
    let h = (lines.len() + 2) as u16;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {title} "), theme.header()));
    let inner = block.inner(r);
    f.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), r);
    if let Some((row, col)) = cursor {
        let x = (inner.x + col as u16).min(inner.x + inner.width.saturating_sub(1));
        f.set_cursor_position((x, inner.y + row as u16));
    }
}
