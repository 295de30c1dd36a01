//! The language of every message: Vietnamese by default, English with `MOTCUA_LANG=en`.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Fixes the language for the process (tests call it with the one they check).
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

pub fn lang() -> Lang {
    *LANG.get_or_init(|| match std::env::var("MOTCUA_LANG").as_deref() {
        Ok(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Vi,
    })
}

/// Picks the text of the current language.
pub fn tr<'a>(vi: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

use crate::domain::validate::{Problem, Warning};

/// What is wrong with a field, in words a clerk understands.
pub fn problem_text(p: &Problem) -> String {
    match p {
        Problem::Empty => tr("chưa nhập", "required").into(),
        Problem::NameTooLong => tr("dài quá 100 ký tự", "longer than 100 characters").into(),
        Problem::NameBadChars => {
            tr("họ tên không được có chữ số hay ký hiệu", "a name has no digits or symbols").into()
        }
        Problem::IdLength(n) => format!(
            "{} {n} {}",
            tr("số định danh phải có 12 chữ số (đang có", "a personal ID has 12 digits (this has"),
            tr("số)", "digits)")
        ),
        Problem::IdNotDigits => tr("số định danh chỉ gồm chữ số", "a personal ID has digits only").into(),
        Problem::IdBirthYearFuture(y) => {
            format!("{} {y} {}", tr("năm sinh", "birth year"), tr("ở tương lai", "is in the future"))
        }
        Problem::IdCentury(c) => {
            format!("{} {c} {}", tr("chữ số thế kỷ", "century digit"), tr("không hợp lệ", "is not valid"))
        }
        Problem::PhoneLength(n) => format!(
            "{} {n} {}",
            tr("số điện thoại phải có 10 chữ số (đang có", "a phone number has 10 digits (this has"),
            tr("số)", "digits)")
        ),
        Problem::PhoneNotDigits => tr("số điện thoại chỉ gồm chữ số", "a phone number has digits only").into(),
        Problem::PhonePrefix => tr("số điện thoại bắt đầu bằng 0", "a phone number starts with 0").into(),
        Problem::EmailShape => {
            tr("thư điện tử phải có dạng ten@mien.vn", "an email address looks like name@domain.vn").into()
        }
        Problem::EmailTooLong => format!(
            "{} {} {}",
            tr("thư điện tử dài quá", "an email address is at most"),
            crate::domain::validate::EMAIL_MAX_CHARS,
            tr("ký tự", "characters")
        ),
    }
}

pub fn warning_text(w: &Warning) -> String {
    match w {
        Warning::UnknownProvince(p) => format!(
            "{} {p} {}",
            tr("mã tỉnh", "province code"),
            tr("không có trong danh mục — kiểm tra lại", "is not in the list — please check")
        ),
        Warning::LegacyId => tr("CMND 9 số (cũ)", "old 9-digit ID card").into(),
    }
}
