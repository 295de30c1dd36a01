//! The tiny template language of the printed forms (assets/forms/*.txt), so a form's
//! wording can change with the next circular without touching code.
//!
//! - `{{name}}` is replaced by a value; `{{name:W}}` pads or cuts it to W cells
//!   (for short values in columns, such as times). An unknown name prints as
//!   `{{?name}}`, so a typo shows on paper and in the golden tests.
//! - A line `{{#list}}` … `{{/list}}` repeats its lines once per item (the item's own
//!   names first, then the outer ones); over a text value it prints once when the text
//!   is not empty. `{{^name}}` … `{{/name}}` prints when the list or text is empty.
//! - A line starting with `{{!` is a comment.
//! - A line starting with `^` is centred; `*` (after `^` if both) makes it bold in the PDF.
//! - `left || right` splits the line into two halves, each centred in its half (the
//!   two-column header and signature blocks of Vietnamese administrative forms).
//!
//! A value holding line breaks (a multi-line reason) continues on new lines.

use std::collections::HashMap;

use crate::domain::text::pad;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<Values>),
}

/// The names a template may use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values(HashMap<String, Value>);

impl Values {
    pub fn new() -> Values {
        Values::default()
    }

    /// A value for the form. Whatever the database holds, no control character reaches the
    /// paper or the terminal a passthrough print goes through (`ESC[5i` would be a printer
    /// switch): spelled out, line breaks kept.
    pub fn text(mut self, name: &str, value: impl Into<String>) -> Values {
        let value = value.into();
        let value = crate::domain::text::escape(&value, true).into_owned();
        self.0.insert(name.to_string(), Value::Text(value));
        self
    }

    pub fn list(mut self, name: &str, items: Vec<Values>) -> Values {
        self.0.insert(name.to_string(), Value::List(items));
        self
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }
}

/// A piece of a line: the whole line, or one half of a split line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub centre: bool,
    pub bold: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Full(Segment),
    Split(Segment, Segment),
}

/// Expands a template with its values into lines, not yet fitted to a width.
pub fn expand(template: &str, values: &Values) -> Vec<Line> {
    let lines: Vec<&str> = template.lines().collect();
    let mut out = Vec::new();
    expand_lines(&lines, &mut vec![values], &mut out);
    out
}

fn expand_lines(lines: &[&str], scopes: &mut Vec<&Values>, out: &mut Vec<Line>) {
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.trim_start().starts_with("{{!") {
            continue;
        }
        let Some((inverted, name)) = block_start(line) else {
            expand_line(line, scopes, out);
            continue;
        };
        let end = block_end(&lines[i..], name).map_or(lines.len(), |n| i + n);
        let inner = &lines[i..end];
        i = end + 1;
        let value = lookup(scopes, name);
        let empty = match value {
            None => true,
            Some(Value::Text(t)) => t.is_empty(),
            Some(Value::List(items)) => items.is_empty(),
        };
        if inverted {
            if empty {
                expand_lines(inner, scopes, out);
            }
            continue;
        }
        match value {
            Some(Value::List(items)) => {
                for item in items {
                    scopes.push(item);
                    expand_lines(inner, scopes, out);
                    scopes.pop();
                }
            }
            Some(Value::Text(_)) if !empty => expand_lines(inner, scopes, out),
            _ => {}
        }
    }
}

/// `{{#name}}` or `{{^name}}` alone on a line.
fn block_start(line: &str) -> Option<(bool, &str)> {
    let tag = line.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    match tag.as_bytes().first()? {
        b'#' => Some((false, &tag[1..])),
        b'^' => Some((true, &tag[1..])),
        _ => None,
    }
}

/// Index of the `{{/name}}` line that closes the block, counting nested blocks of the same name.
fn block_end(lines: &[&str], name: &str) -> Option<usize> {
    let mut depth = 0;
    for (n, line) in lines.iter().enumerate() {
        if block_start(line).is_some_and(|(_, inner)| inner == name) {
            depth += 1;
        } else if line.trim() == format!("{{{{/{name}}}}}") {
            if depth == 0 {
                return Some(n);
            }
            depth -= 1;
        }
    }
    None
}

fn lookup<'a>(scopes: &[&'a Values], name: &str) -> Option<&'a Value> {
    scopes.iter().rev().find_map(|s| s.get(name))
}

/// One template line: its layout marks are read before the values go in, so a value
/// that happens to start with `^` or hold `||` prints as typed.
fn expand_line(line: &str, scopes: &[&Values], out: &mut Vec<Line>) {
    if let Some((left, right)) = line.split_once(" || ") {
        let (left, right) = (segment(left, scopes, true), segment(right, scopes, true));
        // Halves are short header and signature texts; a line break in a value there
        // becomes a space rather than misaligning the two columns.
        let flat = |s: Segment| Segment { text: s.text.replace('\n', " "), ..s };
        out.push(Line::Split(flat(left), flat(right)));
        return;
    }
    let seg = segment(line, scopes, false);
    let indent: String = seg.text.chars().take_while(|c| *c == ' ').collect();
    for (n, part) in seg.text.split('\n').enumerate() {
        let text = if n == 0 { part.to_string() } else { format!("{indent}{}", part.trim_start()) };
        out.push(Line::Full(Segment { text, ..seg.clone() }));
    }
}

fn segment(raw: &str, scopes: &[&Values], centre: bool) -> Segment {
    let raw = raw.trim_end();
    let (centre, raw) = match raw.trim_start().strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (centre, if centre { raw.trim_start() } else { raw }),
    };
    let (bold, raw) = match raw.trim_start().strip_prefix('*') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    Segment { text: substitute(raw, scopes), centre, bold }
}

fn substitute(raw: &str, scopes: &[&Values]) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let tag = &after[..end];
        let (name, cells) = match tag.split_once(':') {
            Some((n, w)) => (n, w.parse::<usize>().ok()),
            None => (tag, None),
        };
        match (lookup(scopes, name), cells) {
            (Some(Value::Text(t)), Some(w)) => out.push_str(&pad(t, w)),
            (Some(Value::Text(t)), None) => out.push_str(t),
            _ => out.push_str(&format!("{{{{?{name}}}}}")),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> Line {
        Line::Full(Segment { text: text.into(), centre: false, bold: false })
    }

    #[test]
    fn placeholders_are_replaced_and_padded() {
        let v = Values::new().text("name", "Đỗ Thị Đào").text("t", "08:15");
        assert_eq!(expand("Họ tên: {{name}}.", &v), vec![full("Họ tên: Đỗ Thị Đào.")]);
        assert_eq!(expand("[{{t:7}}][{{name:4}}]", &v), vec![full("[08:15  ][Đỗ …]")]);
    }

    #[test]
    fn unknown_names_show_on_paper() {
        assert_eq!(expand("Mã: {{code}}", &Values::new()), vec![full("Mã: {{?code}}")]);
    }

    #[test]
    fn lists_repeat_with_item_values_first() {
        let v = Values::new()
            .text("name", "outer")
            .text("office", "UBND")
            .list("papers", vec![Values::new().text("name", "Tờ khai"), Values::new().text("name", "Giấy chứng sinh")]);
        let t = "{{#papers}}\n- {{name}} ({{office}})\n{{/papers}}\n{{^papers}}\n(không có)\n{{/papers}}\n{{name}}";
        assert_eq!(expand(t, &v), vec![full("- Tờ khai (UBND)"), full("- Giấy chứng sinh (UBND)"), full("outer")]);
        let none = Values::new().list("papers", vec![]).text("name", "x");
        assert_eq!(expand(t, &none), vec![full("(không có)"), full("x")]);
    }

    #[test]
    fn text_sections_print_only_when_not_empty() {
        let t = "{{!a comment}}\n{{#phone}}\nĐT: {{phone}}\n{{/phone}}\nhết";
        assert_eq!(expand(t, &Values::new().text("phone", "0912345678")), vec![full("ĐT: 0912345678"), full("hết")]);
        assert_eq!(expand(t, &Values::new().text("phone", "")), vec![full("hết")]);
    }

    #[test]
    fn nested_blocks_of_the_same_name_close_properly() {
        let inner = Values::new().list("x", vec![Values::new().text("v", "b")]);
        let v = Values::new().list("x", vec![inner]);
        let t = "{{#x}}\n{{#x}}\n{{v}}\n{{/x}}\na\n{{/x}}";
        assert_eq!(expand(t, &v), vec![full("b"), full("a")]);
    }

    #[test]
    fn centre_bold_and_split_marks() {
        let v = Values::new().text("agency", "UBND XÃ AN BÌNH").text("v", "^*x || y");
        let lines = expand("^*GIẤY TIẾP NHẬN\n*{{agency}} || Độc lập\n{{v}}", &v);
        assert_eq!(lines[0], Line::Full(Segment { text: "GIẤY TIẾP NHẬN".into(), centre: true, bold: true }));
        assert_eq!(
            lines[1],
            Line::Split(
                Segment { text: "UBND XÃ AN BÌNH".into(), centre: true, bold: true },
                Segment { text: "Độc lập".into(), centre: true, bold: false }
            )
        );
        // Marks inside values are text, not layout.
        assert_eq!(lines[2], full("^*x || y"));
    }

    #[test]
    fn line_breaks_in_values_continue_at_the_same_indent() {
        let v = Values::new().text("reason", "thiếu tờ khai\nsai ngày sinh");
        assert_eq!(expand("   {{reason}}", &v), vec![full("   thiếu tờ khai"), full("   sai ngày sinh")]);
    }
}
