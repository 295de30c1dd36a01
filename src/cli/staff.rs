//! `motcua staff`: who may do what.

use anyhow::{anyhow, Result};

use super::{Context, StaffCmd};
use crate::domain::status::Role;
use crate::domain::validate::check_name;
use crate::i18n::{problem_text, tr};
use crate::store::error::role_label;
use crate::store::Staff;

fn parse_role(role: &str) -> Result<Role> {
    Role::parse(role).ok_or_else(|| anyhow!("{role}: clerk, handler {} head", tr("hoặc", "or")))
}

pub fn run(ctx: &Context, cmd: StaffCmd) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        StaffCmd::Add { login, name, role } => {
            let role = parse_role(&role).map_err(|e| anyhow!("--role {e}"))?;
            let name = check_name(&name).map_err(|p| anyhow!("--name: {}", problem_text(&p)))?;
            let login = login.trim().to_string();
            if login.is_empty() || login.contains(char::is_whitespace) {
                return Err(anyhow!(
                    "{}",
                    tr("tên đăng nhập không được trống hay có dấu cách", "a login has no spaces")
                ));
            }
            store.put_staff(&ctx.user, &Staff { login: login.clone(), full_name: name, role, active: true })?;
            println!("{login}: {}", role_label(role));
        }
        StaffCmd::SetRole { login, role } => {
            let s = store.set_role(&ctx.user, login.trim(), parse_role(&role)?)?;
            println!("{}: {}", s.login, role_label(s.role));
        }
        StaffCmd::Disable { login } => {
            let s = store.disable_staff(&ctx.user, login.trim())?;
            println!("{}: {}", s.login, tr("đã khóa, chỉ được xem", "disabled, may only look"));
        }
        StaffCmd::List => {
            for s in store.staff_list()? {
                println!(
                    "{}\t{}\t{}{}",
                    crate::domain::text::escape(&s.login, false),
                    crate::domain::text::escape(&s.full_name, false),
                    role_label(s.role),
                    if s.active { "" } else { tr("\t(đã khóa)", "\t(disabled)") }
                );
            }
        }
    }
    Ok(())
}
