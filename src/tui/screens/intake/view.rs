//! Drawing the intake form: one line per field, the papers checklist, the notes, and the
//! appointment computed live.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::domain::dossier::Channel;
use crate::domain::handover::Delivery;
use crate::domain::text::{pad, truncate, width};
use crate::i18n::{problem_text, warning_text};

use crate::tui::input::LineInput;
use crate::tui::state::State;
use crate::tui::strings::{self as s, num};
use crate::tui::theme::Theme;

use super::state::{Field, IntakeForm, ORDER};

const LABEL: usize = 17;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect, status: Rect) {
    let Some(form) = &st.intake else { return };
    let labels = s::intake::labels();
    let label = |fl: Field| labels[ORDER.iter().position(|x| *x == fl).unwrap_or(0)];
    let lab = |fl: Field| {
        let style = if form.focus == fl { theme.selected() } else { theme.muted() };
        Span::styled(pad(label(fl), LABEL), style)
    };
    let mut y = r.y;
    let line_at = |y: u16| Rect { x: r.x, y, width: r.width, height: 1 };
    f.render_widget(Paragraph::new(Span::styled(s::intake::title(), theme.header())), line_at(y));
    y += 1;
    let room = (r.width as usize).saturating_sub(LABEL + 1);
    let mut cursor: Option<(u16, u16)> = None;

    // Procedure: the picker while it has the focus, the chosen one otherwise.
    let proc_text = match (&form.procedure, form.focus == Field::Procedure) {
        (_, true) => form.picker.text().to_string(),
        (Some(p), false) => format!("{} ({})", s::procedure_name(p), p.code),
        (None, false) => s::intake::no_procedure().to_string(),
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![lab(Field::Procedure), Span::raw(truncate(&proc_text, room))])),
        line_at(y),
    );
    if form.focus == Field::Procedure {
        cursor = Some((r.x + LABEL as u16 + form.picker.cursor_cells() as u16, y));
    }
    let picker_y = y + 1;
    y += 1;
    let info = match &form.procedure {
        Some(p) => facts(p),
        None => s::intake::picker_hint().to_string(),
    };
    f.render_widget(
        Paragraph::new(Span::styled(
            truncate(&format!("{}{info}", " ".repeat(LABEL)), r.width as usize),
            theme.muted(),
        )),
        line_at(y),
    );
    y += 1;

    let now = st.now;
    let name_msg =
        if form.name.text().is_empty() { None } else { form.name_check().err().map(|p| (problem_text(&p), true)) };
    let id_msg = match form.id_check(now) {
        Some(Err(p)) => Some((problem_text(&p), true)),
        Some(Ok((_, w))) if !w.is_empty() => Some((w.iter().map(warning_text).collect::<Vec<_>>().join("; "), false)),
        _ => None,
    };
    let phone_msg = match form.phone_check() {
        Some(Err(p)) => Some((problem_text(&p), true)),
        _ => None,
    };
    let email_msg = match form.email_check() {
        Some(Err(m)) => Some((m, true)),
        _ => None,
    };
    let sets_msg = form.sets_value().is_none().then(|| (s::intake::bad_sets().to_string(), true));
    let fee_msg = form.fee_value().is_none().then(|| (s::intake::bad_amount().to_string(), true));
    for (fl, input, msg) in [
        (Field::Name, &form.name, name_msg),
        (Field::Id, &form.id, id_msg),
        (Field::Phone, &form.phone, phone_msg),
        (Field::Email, &form.email, email_msg),
        (Field::Address, &form.address, None),
    ] {
        text_line(f, theme, line_at(y), lab(fl), input, msg, room);
        if form.focus == fl {
            cursor = Some((r.x + LABEL as u16 + input.cursor_cells().min(room) as u16, y));
        }
        y += 1;
    }
    let mut spans = vec![lab(Field::Channel)];
    for c in Channel::ALL {
        let on = form.channel == c;
        let mark = if on { "(•) " } else { "( ) " };
        let style = if on { theme.header() } else { theme.normal() };
        spans.push(Span::styled(format!("{mark}{}  ", s::channel(c)), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), line_at(y));
    y += 1;
    // Papers: a window of the checklist around the highlighted one; on a short terminal it
    // gives up rows so the fields below stay on screen (the window scrolls with the selection).
    let fixed_rows = 16 + 2;
    let paper_rows = (r.height as usize).saturating_sub(fixed_rows).clamp(2, 5);
    let start = form.paper_sel.saturating_sub(paper_rows - 1);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            lab(Field::Papers),
            Span::styled(
                format!("{}/{}", form.papers.iter().filter(|p| p.ticked).count(), form.papers.len()),
                theme.muted(),
            ),
        ])),
        line_at(y),
    );
    y += 1;
    for (i, p) in form.papers.iter().enumerate().skip(start).take(paper_rows) {
        let tick = if p.ticked { "[x]" } else { "[ ]" };
        let kind = if p.original { s::original() } else { s::copy() };
        let opt = if p.optional { format!(" {}", s::intake::optional_mark()) } else { String::new() };
        let tail = format!(" - {kind} ×{}{opt}", p.count);
        let name_room = (r.width as usize).saturating_sub(width(&tail) + 6);
        let name = match &form.procedure {
            Some(proc) => s::paper_name(std::slice::from_ref(proc), &proc.code, &p.name),
            None => &p.name,
        };
        let text = format!("  {tick} {}{tail}", truncate(name, name_room));
        let style = if form.focus == Field::Papers && i == form.paper_sel { theme.selected() } else { theme.normal() };
        f.render_widget(Paragraph::new(Span::styled(text, style)), line_at(y));
        y += 1;
    }
    y += (paper_rows.saturating_sub(form.papers.len().saturating_sub(start))) as u16;

    text_line(f, theme, line_at(y), lab(Field::Sets), &form.sets, sets_msg, 3);
    if form.focus == Field::Sets {
        cursor = Some((r.x + LABEL as u16 + form.sets.cursor_cells() as u16, y));
    }
    // The certified copies share the line, for a procedure with a certification book.
    if form.booked {
        let x = r.x + LABEL as u16 + 8;
        let copies_at = Rect { x, y, width: r.width.saturating_sub(x - r.x), height: 1 };
        let style = if form.focus == Field::Copies { theme.selected() } else { theme.muted() };
        let l = label(Field::Copies);
        let bad = form.copies_value().is_none().then(|| (s::intake::bad_copies().to_string(), true));
        text_line(f, theme, copies_at, Span::styled(pad(l, LABEL + 1), style), &form.copies, bad, 4);
        if form.focus == Field::Copies {
            cursor = Some((x + LABEL as u16 + 1 + form.copies.cursor_cells() as u16, y));
        }
    }
    y += 1;
    text_line(f, theme, line_at(y), lab(Field::Fee), &form.fee, fee_msg, 12);
    if form.focus == Field::Fee {
        cursor = Some((r.x + LABEL as u16 + form.fee.cursor_cells() as u16, y));
    }
    y += 1;
    // The three ticks share a line, each label lit when it has the focus (Space toggles).
    let tick = |on: bool| if on { "[x]" } else { "[ ]" };
    let inline = |fl: Field| {
        let style = if form.focus == fl { theme.selected() } else { theme.muted() };
        Span::styled(format!("  {} ", label(fl)), style)
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            lab(Field::PaidOnline),
            Span::raw(tick(form.paid_online)),
            inline(Field::Digitized),
            Span::raw(tick(form.digitized)),
            inline(Field::Synced),
            Span::raw(tick(form.synced)),
        ])),
        line_at(y),
    );
    y += 1;
    // How the citizen wants the result: by default the way the dossier came in.
    let mut spans = vec![lab(Field::Delivery)];
    for d in Delivery::ALL {
        let on = form.delivery_shown() == d;
        let mark = if on { "(•) " } else { "( ) " };
        let style = if on { theme.header() } else { theme.normal() };
        spans.push(Span::styled(format!("{mark}{}  ", s::intake::delivery(d)), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), line_at(y));
    y += 1;

    let hint = form.received_for.text().is_empty().then(|| (s::intake::received_for_hint().to_string(), false));
    let hint_line = Rect { x: r.x, y, width: r.width, height: 1 };
    if let Some((h, _)) = &hint {
        let spans = vec![lab(Field::ReceivedFor), Span::styled(truncate(h, room), theme.muted())];
        f.render_widget(Paragraph::new(Line::from(spans)), hint_line);
    } else {
        text_line(f, theme, hint_line, lab(Field::ReceivedFor), &form.received_for, None, room);
    }
    if form.focus == Field::ReceivedFor {
        cursor = Some((r.x + LABEL as u16 + form.received_for.cursor_cells().min(room) as u16, y));
    }
    y += 1;
    f.render_widget(Paragraph::new(Line::from(vec![lab(Field::Notes)])), line_at(y));
    let notes_h = (r.y + r.height).saturating_sub(y + 1).clamp(1, 3);
    let notes_area = Rect { x: r.x + LABEL as u16, y, width: r.width.saturating_sub(LABEL as u16), height: notes_h };
    f.render_widget(&form.notes, notes_area);
    if form.focus == Field::Notes {
        let (row, col) = form.notes.cursor();
        cursor = Some((
            notes_area.x + col.min(notes_area.width as usize - 1) as u16,
            notes_area.y + (row as u16).min(notes_h - 1),
        ));
    }
    y += notes_h;

    // The appointment, live.
    if let Some((due, limit)) = form.due(&st.calendar, st.now) {
        let when = due.appointment.format("%H:%M %d/%m/%Y").to_string();
        let mut line = s::intake::appointment_line(&when, &s::limit_text(limit));
        if st.calendar.crosses_unofficial(st.now.date(), due.due_date) {
            line.push_str(&format!(" ({})", s::unofficial_holidays()));
        }
        f.render_widget(Paragraph::new(Span::styled(line, theme.header())), line_at(y.min(r.y + r.height - 1)));
    }
    crate::tui::draw::draw_flash(f, st, theme, status, String::new());

    let quiet = st.popups.is_empty();
    if form.focus == Field::Procedure && quiet {
        draw_picker(
            f,
            st,
            theme,
            form,
            Rect { x: r.x + LABEL as u16, y: picker_y, width: r.width.saturating_sub(LABEL as u16), height: 9 },
        );
    }
    if let Some(c) = cursor.filter(|_| quiet) {
        f.set_cursor_position(c);
    }
}

fn text_line(
    f: &mut Frame,
    theme: &Theme,
    r: Rect,
    label: Span<'static>,
    input: &LineInput,
    msg: Option<(String, bool)>,
    room: usize,
) {
    let value = truncate(input.text(), room);
    let mut spans = vec![label, Span::raw(value.clone())];
    if let Some((m, error)) = msg {
        let left = (r.width as usize).saturating_sub(LABEL + width(&value) + 3);
        spans.push(Span::styled(
            format!("  {}", truncate(&m, left)),
            if error { theme.overdue() } else { theme.due_today() },
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// Field · time limit · fee · online level of a procedure.
fn facts(p: &crate::domain::dossier::Procedure) -> String {
    format!(
        "{} · {} · {} · {}",
        s::field_name(&p.field),
        p.time_limit().map(s::limit_text).unwrap_or_default(),
        p.fee_vnd
            .map(|f| format!("{} {}", num(f.max(0) as u64), s::currency()))
            .unwrap_or_else(|| s::intake::fee_by_province().into()),
        s::intake::online_level(p.online)
    )
}

fn draw_picker(f: &mut Frame, st: &State, theme: &Theme, form: &IntakeForm, r: Rect) {
    // The list, then the highlighted procedure's field, time limit, fee and online level.
    let rows = (r.height as usize).saturating_sub(3);
    let start = form.pick_sel.saturating_sub(rows.saturating_sub(1));
    let mut lines = vec![];
    for (i, idx) in form.matches.iter().enumerate().skip(start).take(rows) {
        let Some(p) = st.procedures.get(*idx) else { continue };
        let limit = p.time_limit().map(s::limit_text).unwrap_or_default();
        let tail = format!(" · {limit}");
        let room = (r.width as usize).saturating_sub(width(&tail) + 2);
        let text = format!("{}{tail}", truncate(s::procedure_name(p), room));
        let style = if i == form.pick_sel { theme.selected() } else { theme.normal() };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if let Some(p) = form.matches.get(form.pick_sel).and_then(|i| st.procedures.get(*i)) {
        let room = (r.width as usize).saturating_sub(2);
        lines.push(Line::from(Span::styled(truncate(&facts(p), room), theme.muted())));
    }
    let area = Rect { height: (lines.len() as u16 + 2).min(r.height), ..r };
    f.render_widget(Clear, area);
    let block =
        Block::default().borders(Borders::ALL).border_set(theme.border()).title(format!(" {} ", form.matches.len()));
    f.render_widget(Paragraph::new(lines).block(block), area);
}
