//! The last step of every frame: no cell may carry a control or bidi character to the
//! terminal, whatever an old database, an imported file or a paste left in the text. Widgets
//! (ratatui's spans among them) copy text into cells as it is, so this runs over the finished
//! buffer — one place, below every screen.

use ratatui::buffer::Buffer;

use crate::domain::text::is_unsafe;

/// Takes the unsafe characters out of every cell. A zero-width one rides on the cell before
/// it ("x" + BEL) and leaves that letter; a cell that held nothing else shows U+FFFD, so one
/// cell stays one cell (the layout was measured with it) and the eye sees something was there.
pub fn clean_buffer(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            let kept: String = cell.symbol().chars().filter(|c| !is_unsafe(*c)).collect();
            cell.set_symbol(if kept.is_empty() { "\u{FFFD}" } else { &kept });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::text::Span;
    use ratatui::widgets::Widget;

    #[test]
    fn a_span_with_escapes_leaves_none_in_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        Span::raw("a\u{1b}]0;x\u{7}b\u{202e}c\u{9b}2J").render(buf.area, &mut buf);
        assert!(buf.content.iter().any(|c| c.symbol().chars().any(is_unsafe)), "ratatui copies them as they are");
        clean_buffer(&mut buf);
        assert!(buf.content.iter().all(|c| !c.symbol().chars().any(is_unsafe)));
        let row: String = buf.content.iter().map(|c| c.symbol()).collect();
        let letters: String = row.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        assert_eq!(letters, "a0xbc2J", "every letter is still there: {row:?}");
    }
}
