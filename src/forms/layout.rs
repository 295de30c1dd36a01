//! Fitting a form's lines to the paper: 80 terminal cells, counted with
//! domain::text::width so that Vietnamese letters never push a line over.

use super::template::{Line, Segment};
use crate::domain::text::width;

/// Columns of a printed form: what an 80-column terminal, a dot-matrix printer and A5 share.
pub const WIDTH: usize = 80;

/// Wraps every line so that no text exceeds its room: the page for a full line, half the
/// page for each side of a split line.
pub fn fit(lines: &[Line], page: usize) -> Vec<Line> {
    let half = page / 2;
    let mut out = Vec::new();
    for line in lines {
        match line {
            Line::Full(seg) if seg.centre => {
                for text in wrap(seg.text.trim(), page) {
                    out.push(Line::Full(Segment { text, ..seg.clone() }));
                }
            }
            Line::Full(seg) => {
                for text in wrap(&seg.text, page) {
                    out.push(Line::Full(Segment { text, ..seg.clone() }));
                }
            }
            Line::Split(left, right) => {
                let (l, r) = (wrap(left.text.trim(), half - 1), wrap(right.text.trim(), half - 1));
                for n in 0..l.len().max(r.len()) {
                    let side = |parts: &[String], seg: &Segment| Segment {
                        text: parts.get(n).cloned().unwrap_or_default(),
                        ..seg.clone()
                    };
                    out.push(Line::Split(side(&l, left), side(&r, right)));
                }
            }
        }
    }
    out
}

/// The fitted lines as plain text, one `\n` per line, no trailing spaces.
pub fn to_text(lines: &[Line], page: usize) -> String {
    let half = page / 2;
    let mut out = String::new();
    for line in lines {
        let text = match line {
            Line::Full(seg) if seg.centre => centred(&seg.text, page),
            Line::Full(seg) => seg.text.clone(),
            Line::Split(l, r) => {
                let left = centred(&l.text, half);
                let gap = half.saturating_sub(width(&left));
                format!("{left}{}{}", " ".repeat(gap), centred(&r.text, half))
            }
        };
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

fn centred(text: &str, room: usize) -> String {
    let w = width(text);
    if w == 0 {
        return String::new();
    }
    format!("{}{text}", " ".repeat(room.saturating_sub(w) / 2))
}

/// Where a wrapped line's continuation starts: under the last column of a table row
/// (a run after two or more spaces), else after the indent and list mark ("1. ", "- ").
fn hang(text: &str, room: usize) -> usize {
    let indent = text.chars().take_while(|c| *c == ' ').count();
    let body = &text[indent..];
    let mark = body.find(". ").filter(|&i| i > 0 && body[..i].chars().all(|c| c.is_ascii_digit())).map(|i| i + 2);
    let mark = mark.or_else(|| body.starts_with("- ").then_some(2)).unwrap_or(0);
    let mut column = indent + mark;
    let mut cells = 0;
    let mut spaces = 0;
    for c in text.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 && cells > indent {
                column = column.max(cells);
            }
            spaces = 0;
        }
        cells += width(c.encode_utf8(&mut [0; 4]));
    }
    // A continuation needs room for words: never hang past two thirds of the line.
    column.min(room * 2 / 3)
}

/// Word-wraps `text` to `room` cells, keeping runs of spaces inside a line (table columns)
/// and cutting a word longer than a whole line.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    if width(text) <= room {
        return vec![text.to_string()];
    }
    let indent = " ".repeat(hang(text, room));
    let lead = text.len() - text.trim_start_matches(' ').len();
    let mut lines = Vec::new();
    let mut line = text[..lead].to_string();
    let mut gap = String::new();
    let mut has_word = false;
    for (n, word) in text[lead..].split(' ').enumerate() {
        if n > 0 {
            gap.push(' ');
        }
        if word.is_empty() {
            continue;
        }
        if has_word && width(&line) + width(&gap) + width(word) <= room {
            line.push_str(&gap);
            line.push_str(word);
        } else {
            if has_word {
                lines.push(std::mem::replace(&mut line, indent.clone()));
            }
            let mut rest = word;
            while width(&line) + width(rest) > room {
                let (head, tail) = split_at_cells(rest, room.saturating_sub(width(&line)));
                line.push_str(head);
                lines.push(std::mem::replace(&mut line, indent.clone()));
                rest = tail;
            }
            line.push_str(rest);
            has_word = true;
        }
        gap.clear();
    }
    if !line.trim().is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits after at most `cells` cells (at least one char, so wrapping always advances).
fn split_at_cells(s: &str, cells: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > cells && i > 0 {
            return s.split_at(i);
        }
    }
    (s, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, centre: bool) -> Segment {
        Segment { text: text.into(), centre, bold: false }
    }

    #[test]
    fn short_lines_stay_as_they_are() {
        assert_eq!(wrap("  1.  Tờ khai  x", 80), vec!["  1.  Tờ khai  x"]);
    }

    #[test]
    fn wrapping_counts_cells_not_bytes() {
        let text = "Địa chỉ: Thôn Đông Hưng, xã Điện Biên Đông, huyện Điện Biên Đông, tỉnh Điện Biên";
        let lines = wrap(text, 40);
        assert!(lines.iter().all(|l| width(l) <= 40), "{lines:?}");
        assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        assert_eq!(lines[0], "Địa chỉ: Thôn Đông Hưng, xã Điện Biên");
    }

    #[test]
    fn list_items_hang_after_their_mark() {
        let lines = wrap("  2. Giấy chứng nhận kết hôn của cha mẹ trẻ em (nếu có)", 30);
        assert_eq!(lines, vec!["  2. Giấy chứng nhận kết hôn", "     của cha mẹ trẻ em (nếu", "     có)"]);
    }

    #[test]
    fn table_rows_hang_under_their_last_column() {
        let lines = wrap(" 1  08:15 07/02/2024  Trước hạn  Tiếp nhận hồ sơ, giao cho Lê Văn Bình", 50);
        assert_eq!(
            lines,
            vec![
                " 1  08:15 07/02/2024  Trước hạn  Tiếp nhận hồ sơ,",
                "                                 giao cho Lê Văn",
                "                                 Bình"
            ]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lines = wrap("Mã: 000.17.22.H56-240207-0001-000.17.22.H56", 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "Mã:000.17.22.H56-240207-0001-000.17.22.H56");
    }

    #[test]
    fn centred_and_split_lines() {
        let lines = fit(
            &[
                Line::Full(seg("GIẤY TIẾP NHẬN", true)),
                Line::Split(seg("UBND XÃ AN BÌNH", true), seg("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true)),
            ],
            40,
        );
        let text = to_text(&lines, 40);
        assert_eq!(
            text,
            "             GIẤY TIẾP NHẬN\n  UBND XÃ AN BÌNH   CỘNG HÒA XÃ HỘI CHỦ\n                       NGHĨA VIỆT NAM\n"
        );
    }
}
