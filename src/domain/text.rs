//! Vietnamese text on the way in and out: NFC normalisation, search folding and
//! terminal cell widths. DOMAIN.md names no law for this; it is STYLE.md habit 6.
//! Official documents are written in Unicode per TCVN 6909:2001 (Decree
//! 30/2020/NĐ-CP, Appendix I), and a name typed with Telex or VNI, or copied from a
//! macOS file (NFD), must be stored, found and printed as the same text.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC-normalise text typed or imported (Telex/VNI input, NFD from macOS files).
pub fn nfc(s: &str) -> String {
    // Most text is NFC already, which the quick check tells without composing (an import
    // cleans a dozen fields of every row).
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// NFC + trim + collapse runs of whitespace into one space. Control characters (an escape
/// sequence pasted into a name or a reason) become spaces: text from users never reaches a
/// terminal or a printer with them (DOMAIN §10).
pub fn clean(s: &str) -> String {
    let visible: String = nfc(s).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    collapse_whitespace(&visible)
}

/// Search key: lower case, diacritics removed, đ/Đ -> d, whitespace collapsed to single spaces, trimmed.
/// "  Nguyễn  Văn Ánh " -> "nguyen van anh"; "ĐẶNG" -> "dang". Non-letters (digits, punctuation) kept as is (lower-cased).
pub fn fold(s: &str) -> String {
    let bare: String = s
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // đ has no decomposition, so NFD leaves it; ð (Icelandic eth) is what some
            // legacy Vietnamese encodings turn Đ into, and clerks mean the same letter.
            'đ' | 'ð' => 'd',
            other => other,
        })
        .collect();
    collapse_whitespace(&bare)
}

/// Display width in terminal cells (use char-based: each char of a NFC string counts 1, except combining marks 0 and CJK wide 2 — a small hand-written rule is fine; Vietnamese NFC letters are width 1).
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Truncate to at most `max` cells, appending '…' when cut (the ellipsis counts 1). Never splits a char.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - 1;
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pad with spaces on the right to exactly `w` cells (truncating first if longer).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = truncate(s, w);
    // A wide char that did not fit before the ellipsis leaves a cell short.
    let short = w.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', short));
    out
}

/// Group thousands Vietnamese style with '.': 31245 -> "31.245", 0 -> "0", -1200 -> "-1.200".
pub fn thousands(n: i64) -> String {
    // unsigned_abs: i64::MIN has no positive i64 counterpart.
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Longest applicant name, address and note (characters, after cleaning).
pub const NAME_MAX: usize = 100;
pub const ADDRESS_MAX: usize = 300;
pub const NOTE_MAX: usize = 2000;

/// A character that must never reach a terminal or a printer: C0 controls (tab and newline
/// included — callers that keep newlines say so), DEL, C1 controls (U+0080–U+009F: 8-bit CSI
/// and OSC on some terminals) and the bidi embeddings, overrides and isolates, which make a
/// line read in another order than it is stored ("Trojan source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Why a text was refused on the way in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// A control or bidi character in a name or code (there is no reason for one).
    Control,
    /// Longer than the limit (characters).
    TooLong(usize),
}

impl std::fmt::Display for TextProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextProblem::Control => f.write_str(crate::i18n::tr(
                "có ký tự điều khiển (mã thoát, ký tự đảo chiều…) — gõ lại bằng tay",
                "holds a control character (an escape, a direction override…) — type it again",
            )),
            TextProblem::TooLong(n) => write!(
                f,
                "{} {n} {}",
                crate::i18n::tr("dài quá", "longer than"),
                crate::i18n::tr("ký tự", "characters")
            ),
        }
    }
}

/// A name or a code: NFC, trimmed, whitespace collapsed; a control or bidi character refuses
/// it (a name that holds one came from a file or a paste that went wrong).
pub fn checked_line(s: &str, max: usize) -> Result<String, TextProblem> {
    // Tabs and newlines are whitespace a paste brings along: collapsed, not refused.
    if s.chars().any(|c| is_unsafe(c) && !c.is_whitespace()) {
        return Err(TextProblem::Control);
    }
    let out = clean(s);
    if out.chars().count() > max {
        return Err(TextProblem::TooLong(max));
    }
    Ok(out)
}

/// Free text (address, note, reason, catalogue wording): NFC, control and bidi characters
/// removed (a tab becomes a space), newlines kept when `lines` (notes), trimmed.
pub fn free_text(s: &str, max: usize, lines: bool) -> Result<String, TextProblem> {
    let kept: String = nfc(s)
        .chars()
        .filter_map(|c| match c {
            '\n' if lines => Some('\n'),
            '\r' => None,
            '\t' | '\n' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect();
    let out = if lines {
        kept.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_string()
    } else {
        collapse_whitespace(&kept)
    };
    if out.chars().count() > max {
        return Err(TextProblem::TooLong(max));
    }
    Ok(out)
}

/// Text on its way to a terminal or a printer, whatever an old database or a file holds:
/// every unsafe character spelled out (`\x1b`, `\u{202e}`), so nothing is hidden and nothing
/// acts. Newlines stay when `lines`.
pub fn escape(s: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !(lines && c == '\n')) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if lines => out.push('\n'),
            c if is_unsafe(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn char_width(c: char) -> usize {
    if is_combining_mark(c) || is_zero_width(c) {
        0
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

/// Invisible format characters that arrive with text pasted from the web or Word.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
}

/// East Asian Wide and Fullwidth blocks: Chinese characters (chữ Hán in old
/// registers), Japanese, Korean, fullwidth forms and the common emoji blocks.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F300}'..='\u{1F64F}'
        | '\u{1F900}'..='\u{1F9FF}'
        | '\u{20000}'..='\u{2FFFD}'
        | '\u{30000}'..='\u{3FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_letters() {
        let decomposed = "e\u{0302}\u{0301}"; // e + circumflex + acute
        assert_eq!(nfc(decomposed), "ế");
        assert_eq!(nfc(decomposed).chars().count(), 1);
    }

    #[test]
    fn clean_trims_and_collapses() {
        assert_eq!(clean("  Nguyễn \t Văn\n\nÁnh  "), "Nguyễn Văn Ánh");
        assert_eq!(clean("   "), "");
        assert_eq!(clean("bad\u{1b}[31m red\u{7}\u{9b}2J"), "bad [31m red 2J");
    }

    #[test]
    fn fold_removes_diacritics_and_d_stroke() {
        assert_eq!(fold("Nguyễn Văn Ánh"), "nguyen van anh");
        assert_eq!(fold("  Nguyễn  Văn Ánh "), "nguyen van anh");
        assert_eq!(fold("ĐỖ THỊ ĐÀO"), "do thi dao");
        assert_eq!(fold("ĐẶNG"), "dang");
    }

    #[test]
    fn fold_keeps_digits_and_punctuation() {
        assert_eq!(fold("Số 12/3, Ngõ Huế"), "so 12/3, ngo hue");
    }

    #[test]
    fn fold_of_nfd_equals_fold_of_nfc() {
        let composed = "Trần Thị Hồng Nhung";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(&decomposed), fold(composed));
        assert_eq!(fold(&decomposed), "tran thi hong nhung");
    }

    #[test]
    fn width_counts_cells() {
        assert_eq!(width("Nguyễn Văn Ánh"), 14);
        let decomposed: String = "Nguyễn".nfd().collect();
        assert_eq!(width(&decomposed), 6);
        assert_eq!(width("阮"), 2);
        assert_eq!(width(""), 0);
        assert_eq!(width("a\u{200B}b"), 2);
    }

    #[test]
    fn truncate_cuts_with_ellipsis() {
        assert_eq!(truncate("Nguyễn Văn Ánh", 20), "Nguyễn Văn Ánh");
        assert_eq!(truncate("Nguyễn Văn Ánh", 14), "Nguyễn Văn Ánh");
        assert_eq!(truncate("Nguyễn Văn Ánh", 8), "Nguyễn …");
        assert_eq!(width(&truncate("Nguyễn Văn Ánh", 8)), 8);
        assert_eq!(truncate("Ánh", 1), "…");
        assert_eq!(truncate("Ánh", 0), "");
    }

    #[test]
    fn truncate_never_splits_a_wide_char() {
        // 3 cells left before the ellipsis: one wide char fits, the second does not.
        assert_eq!(truncate("阮文英", 4), "阮…");
        assert_eq!(pad("阮文英", 4), "阮… ");
    }

    #[test]
    fn pad_fills_to_exact_width() {
        assert_eq!(pad("Đào", 6), "Đào   ");
        assert_eq!(pad("Đỗ Thị Đào", 5), "Đỗ T…");
        assert_eq!(pad("", 3), "   ");
        assert_eq!(width(&pad("Phường Điện Biên", 10)), 10);
    }

    #[test]
    fn names_and_codes_with_a_control_character_are_refused() {
        assert_eq!(checked_line("Lê Văn\u{1b}]0;x\u{7}An", 100), Err(TextProblem::Control));
        assert_eq!(checked_line("An\u{202e}", 100), Err(TextProblem::Control));
        assert_eq!(checked_line("An\u{9b}2J", 100), Err(TextProblem::Control));
        assert_eq!(checked_line(" Lê\tVăn  An ", 100).as_deref(), Ok("Lê Văn An"));
        assert_eq!(checked_line(&"a".repeat(101), 100), Err(TextProblem::TooLong(100)));
    }

    #[test]
    fn free_text_loses_controls_and_keeps_note_lines() {
        assert_eq!(free_text("Số 1\u{1b}[2J, Ngõ\u{7} Huế", 300, false).as_deref(), Ok("Số 1[2J, Ngõ Huế"));
        assert_eq!(free_text("dòng 1\r\n\u{1b}[5idòng 2\t.", 2000, true).as_deref(), Ok("dòng 1\n[5idòng 2 ."));
        assert_eq!(free_text("a\nb", 10, false).as_deref(), Ok("a b"));
        assert_eq!(free_text(&"x".repeat(301), 300, false), Err(TextProblem::TooLong(300)));
    }

    #[test]
    fn escape_spells_out_what_would_act() {
        assert_eq!(escape("a\u{1b}]0;t\u{7}b", false), "a\\x1b]0;t\\x07b");
        assert_eq!(escape("x\u{202e}y\u{9b}", false), "x\\u{202e}y\\x9b");
        assert_eq!(escape("a\nb", true), "a\nb");
        assert_eq!(escape("a\nb", false), "a\\x0ab");
        assert!(matches!(escape("Nguyễn Văn Ánh", false), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn thousands_groups_with_dots() {
        assert_eq!(thousands(31245), "31.245");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(-1200), "-1.200");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1.000.000");
        assert_eq!(thousands(i64::MIN), "-9.223.372.036.854.775.808");
    }
}
