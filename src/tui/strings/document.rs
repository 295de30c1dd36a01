//! The words around a form on screen.

use crate::i18n::tr;

pub fn form_label() -> &'static str {
    tr("Mẫu", "Form")
}
