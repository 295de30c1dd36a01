//! A printed form on screen: the receipt after an intake, a supplement request, and the rest.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::dossier::Dossier;

use super::state::{Document, State};
use super::strings as s;
use super::theme::Theme;

/// The receipt (Mẫu 01) for a dossier just registered.
pub fn receipt(st: &State, d: &Dossier) -> Document {
    let text = format!(
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nMã hồ sơ: {}\n{}\n{}\nHẹn trả: {}\n",
        d.code,
        d.applicant_name,
        d.procedure_name,
        d.appointment_at.format("%H:%M %d/%m/%Y")
    );
    let _ = st;
    Document { title: "Mẫu 01".into(), code: d.code.clone(), text, scroll: 0 }
}

/// The supplement request (Mẫu 02) given at the counter instead of registering.
pub fn supplement_at_intake(st: &State, missing: &[String]) -> Option<Document> {
    let form = st.intake.as_ref()?;
    let p = form.procedure.as_ref()?;
    let text = format!(
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ\n{}\n{}\n- {}\n",
        form.name.text(),
        p.name,
        missing.join("\n- ")
    );
    Some(Document { title: "Mẫu 02".into(), code: String::new(), text, scroll: 0 })
}

pub fn draw(f: &mut Frame, st: &State, theme: &Theme, r: Rect, status: Rect) {
    let Some(doc) = &st.document else { return };
    let title = Line::from(Span::styled(format!(" {} ", doc.title), theme.header()));
    let mut lines = vec![title];
    lines.extend(doc.text.lines().map(|l| Line::from(l.to_string())));
    f.render_widget(Paragraph::new(lines).scroll((doc.scroll, 0)), r);
    let (text, style) = match &st.flash {
        Some(fl) => (fl.text.clone(), if fl.error { theme.error() } else { theme.ok() }),
        None => (s::document_hint().to_string(), theme.muted()),
    };
    f.render_widget(Paragraph::new(Span::styled(text, style)), status);
}
