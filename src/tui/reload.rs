//! Reading again what is on screen, in place: after a change, ours or another clerk's.

use super::effects::Effect;
use super::screens::{dashboard, queue};
use super::state::{Screen, State};

pub fn reload(st: &mut State) -> Vec<Effect> {
    let mut fx = queue::update::reload(st);
    if let (Screen::Detail, Some(d)) = (st.screen, &st.detail) {
        fx.push(Effect::LoadDetail { code: d.dossier.code.clone() });
    }
    if st.screen == Screen::Dashboard {
        fx.extend(dashboard::update::loads(st));
    }
    if st.screen == Screen::Admin {
        fx.push(Effect::LoadAdmin);
    }
    fx
}
