//! A form ready to print, as shown on screen.

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub form: crate::forms::Form,
    pub job: crate::forms::print::Printout,
    pub scroll: u16,
}
