//! `motcua settings` and `motcua settings set KEY VALUE`: the office as its forms name it.

use anyhow::Result;

use super::{Context, SettingsCmd};
use crate::domain::text::{pad, width};
use crate::i18n::tr;

pub fn run(ctx: &Context, cmd: Option<SettingsCmd>) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        None => {
            let pairs = store.setting_pairs()?;
            let key_w = pairs.iter().map(|(k, _)| width(k.key)).max().unwrap_or(0);
            for (k, v) in pairs {
                let about = tr(k.vi, k.en);
                // Never a raw control character to the terminal, whatever the table holds.
                let shown: String = v.chars().filter(|c| !c.is_control()).collect();
                println!(
                    "{}  {}  ({about})",
                    pad(k.key, key_w),
                    if shown.is_empty() { "—".to_string() } else { shown }
                );
            }
        }
        Some(SettingsCmd::Set { key, value }) => {
            let v = store.set_setting(&ctx.user, key.trim(), &value)?;
            println!("{} {key} = {v}", tr("đã lưu", "saved"));
        }
    }
    Ok(())
}
