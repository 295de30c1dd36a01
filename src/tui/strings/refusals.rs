//! The store's refusals in the screens' words: a status is named by the one word the tabs and
//! the table use ("Chờ trả"), not by the longer label the store and the printed forms use.

use super::{short_code, status};
use crate::domain::status::MoveRefused;
use crate::i18n::tr;
use crate::store::error::{move_refused_text, role_label, Refusal};

/// Why a status move was refused, with the screen's word for each status.
pub fn move_refused(why: &MoveRefused) -> String {
    match why {
        MoveRefused::NotAllowed { from, to } => {
            format!("{} «{}» → «{}»", tr("không được chuyển", "cannot move"), status(*from), status(*to))
        }
        MoveRefused::WrongRole { to, allowed } => {
            let who: Vec<&str> = allowed.iter().map(|r| role_label(*r)).collect();
            format!("{} «{}» {} {}", tr("chỉ", "only"), status(*to), tr("do", "by"), who.join(", "))
        }
        other => move_refused_text(other),
    }
}

/// A failed store call as the screens show it.
pub fn store_error(e: &anyhow::Error) -> String {
    match e.chain().find_map(|c| c.downcast_ref::<Refusal>()) {
        Some(Refusal::Move { code, why }) => format!("{}: {}", short_code(code), move_refused(why)),
        _ => format!("{e:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::Status;

    #[test]
    fn a_refused_move_names_the_statuses_as_the_tabs_do() {
        crate::i18n::set_lang(crate::i18n::Lang::Vi);
        let why = MoveRefused::NotAllowed { from: Status::Ready, to: Status::Supplement };
        let e =
            anyhow::Error::from(Refusal::Move { code: "000.17.22.H56-261120-0002".into(), why }).context("lưu hồ sơ");
        // The words of the queue's tabs, "Chờ trả" and "Chờ bổ sung", not the store's
        // "Có kết quả, chờ trả".
        assert_eq!(store_error(&e), "261120-0002: không được chuyển «Chờ trả» → «Chờ bổ sung»");
    }
}
