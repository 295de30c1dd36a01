//! Drawing the detail of one dossier: every field, the papers, the pauses, the control sheet.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::report::timeliness;
use crate::domain::status::Status;
use crate::domain::text::pad;

use crate::tui::state::State;
use crate::tui::strings::{self as s, num};
use crate::tui::theme::Theme;

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect) {
    let Some(dv) = &st.detail else {
        f.render_widget(Paragraph::new(s::loading()).style(theme.muted()), r);
        return;
    };
    let d = &dv.dossier;
    let t = |x: chrono::NaiveDateTime| x.format("%H:%M %d/%m/%Y").to_string();
    let labels = s::detail::fields();
    let lw = labels.iter().map(|l| crate::domain::text::width(l)).max().unwrap_or(10) + 1;
    let days = st.calendar.working_days_between(st.today(), d.due_date);
    let due_style = match days {
        _ if d.paused_days_left.is_some() => theme.muted(),
        x if d.status.is_pending() && x < 0 => theme.overdue(),
        0 if d.status.is_pending() => theme.due_today(),
        _ => theme.normal(),
    };
    let mut due_text = if let Some(n) = d.paused_days_left.filter(|_| d.status.is_pending()) {
        s::paused_left(n)
    } else if d.status.is_pending() {
        format!("{}  ({})", d.due_date.format("%d/%m/%Y"), s::due_relative(days))
    } else {
        d.due_date.format("%d/%m/%Y").to_string()
    };
    if st.calendar.crosses_unofficial(d.received_at.date(), d.due_date) {
        due_text.push_str(&format!("  [{}]", s::unofficial_holidays()));
    }
    let mut appointment = t(d.appointment_at);
    if d.apology.is_some() {
        appointment.push_str(&format!("  ({})", s::detail::apology_sent()));
    }
    let mut fee = format!("{} {}", num(d.fee_vnd.max(0) as u64), s::currency());
    if d.paid_online {
        fee.push_str(&format!(" - {}", s::detail::paid_online()));
    }
    let values = [
        (d.code.clone(), theme.header()),
        (
            format!(
                "{} ({})",
                s::procedure_full(&st.procedures, &d.procedure_code, &d.procedure_name),
                d.procedure_code
            ),
            theme.normal(),
        ),
        (s::field_name(&d.field), theme.normal()),
        (d.applicant_name.clone(), theme.normal()),
        (or_none(&d.applicant_id), theme.normal()),
        (or_none(&d.phone), theme.normal()),
        (or_none(&d.email), theme.normal()),
        (or_none(&d.address), theme.normal()),
        (s::channel(d.channel).to_string(), theme.normal()),
        (s::status(d.status).to_string(), theme.header()),
        (t(d.received_at), theme.normal()),
        (due_text, due_style),
        (appointment, theme.normal()),
        (
            if d.assignee.is_empty() { s::unassigned().to_string() } else { st.full_name(&d.assignee).to_string() },
            theme.normal(),
        ),
        (fee, theme.normal()),
    ];
    // The email row only where one was given: most applicants have none, and the row would
    // push the control sheet down on a small terminal.
    let email_row = labels.iter().position(|l| *l == s::detail::email_label());
    let mut lines: Vec<Line> = labels
        .iter()
        .zip(values)
        .enumerate()
        .filter(|(i, _)| !(d.email.is_empty() && Some(*i) == email_row))
        .map(|(_, x)| x)
        .map(|(l, (v, style))| Line::from(vec![Span::styled(pad(l, lw), theme.muted()), Span::styled(v, style)]))
        .collect();
    if !d.note.is_empty() {
        lines
            .push(Line::from(vec![Span::styled(pad(s::detail::note(), lw), theme.muted()), Span::raw(d.note.clone())]));
    }
    // Where the dossier is when another agency has it, the office it was received for, its
    // certification numbers (DOMAIN §9): only the lines that apply.
    let h = &d.handover;
    let mut extra = |label: &str, v: String| {
        lines.push(Line::from(vec![Span::styled(pad(label, lw), theme.muted()), Span::raw(v)]));
    };
    if let Some(sent) = h.sent_at.filter(|_| d.status.is_pending()) {
        let name = st.agencies.iter().find(|a| a.code == h.agency).map_or(h.agency.as_str(), |a| a.name.as_str());
        let name = if name.is_empty() { crate::i18n::tr("các bước liên thông", "bundle steps") } else { name };
        extra(
            crate::i18n::tr("Đang ở", "Now with"),
            format!("{name} ({} {})", crate::i18n::tr("gửi", "sent"), t(sent)),
        );
    }
    if !h.received_for.is_empty() {
        extra(crate::i18n::tr("Nhận thay cho", "Received for"), h.received_for.clone());
    }
    if let Some(c) = &h.cert {
        extra(crate::i18n::tr("Chứng thực", "Certified"), c.line());
    }
    if !d.papers.is_empty() {
        lines.push(Line::from(Span::styled(s::detail::papers_title(), theme.header())));
        for p in &d.papers {
            let kind = if p.original { s::original() } else { s::copy() };
            let name = s::paper_name(&st.procedures, &d.procedure_code, &p.name);
            lines.push(Line::from(format!("  • {name} - {kind} × {}", p.count)));
        }
    }
    if !dv.pauses.is_empty() {
        lines.push(Line::from(Span::styled(s::detail::pauses_title(), theme.header())));
        for p in &dv.pauses {
            let to = p.to.map(t).unwrap_or_else(|| s::detail::still_paused().into());
            lines.push(Line::from(format!("  {} → {to}: {}", t(p.from), p.reason)));
        }
    }
    lines.push(Line::from(Span::styled(s::detail::events_title(), theme.header())));
    for e in &dv.events {
        // A step that resolves the dossier is judged against the due date (DOMAIN §2).
        let judged = matches!(e.to, Status::Ready | Status::Rejected).then(|| timeliness(e.at.date(), d.due_date));
        // The intake has no status before it: an arrow into the one it gives, not from "-".
        let arrow = match e.from {
            Some(from) if from == e.to => String::new(),
            Some(from) => format!("{} → {}", s::status(from), s::status(e.to)),
            None => format!("→ {}", s::status(e.to)),
        };
        let mut spans = vec![
            Span::styled(format!("  {} ", t(e.at)), theme.muted()),
            Span::raw(format!("{} ", st.full_name(&e.actor))),
            Span::raw(arrow),
        ];
        let result = s::detail::step_result(judged);
        if !result.is_empty() {
            let style =
                if judged == Some(crate::domain::report::Timeliness::Late) { theme.overdue() } else { theme.ok() };
            spans.push(Span::styled(format!(" [{result}]"), style));
        }
        // The typed details of the step (assignment, new appointment, moved due date, reason).
        let mut words: Vec<String> = Vec::new();
        if let Some(to) = e.assignee_to.as_deref().filter(|to| !to.is_empty()) {
            words.push(format!("→ {to}"));
        }
        if let Some(a) = e.appointment_after {
            words.push(format!("{} {}", crate::i18n::tr("hẹn lại", "new date"), t(a)));
        }
        if let (Some(b), Some(a)) = (e.due_before, e.due_after) {
            if a != b {
                words.push(format!("{} {}", crate::i18n::tr("hạn", "due"), a.format("%d/%m/%Y")));
            }
        }
        words.extend([&e.agency, &e.reason, &e.note].into_iter().filter(|w| !w.is_empty()).cloned());
        if !words.is_empty() {
            spans.push(Span::styled(format!("  {}", words.join("; ")), theme.muted()));
        }
        lines.push(Line::from(spans));
    }
    let title = Line::from(Span::styled(format!(" {} ", s::detail::title()), theme.header()));
    let mut all = vec![title];
    all.extend(lines);
    f.render_widget(Paragraph::new(all).wrap(Wrap { trim: false }).scroll((dv.scroll, 0)), r);
}

fn or_none(v: &str) -> String {
    if v.is_empty() {
        s::none().to_string()
    } else {
        v.to_string()
    }
}
