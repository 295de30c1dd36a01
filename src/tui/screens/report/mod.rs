//! The period report (DOMAIN §5): drawn as the dashboard's last pane, whose period keys it
//! shares (F7 kind, Alt-←/→ previous and next, F8 a period typed by hand).

pub mod view;
