//! Who is acting: the Unix account of the real user id, as the system's user database (NSS:
//! files, LDAP, SSSD…) names it. Never an environment variable a clerk can set — except on an
//! unprivileged run (a developer's own file, the tests, training), where `MOTCUA_USER` and
//! `MOTCUA_NOW` stand in for the account and the clock.

use std::ffi::CStr;

/// True when motcua runs setgid (or setuid): the real and effective ids differ. Then the
/// environment decides nothing.
/// Taken once, at the first call (main makes it first thing): while `as_real_group` has set
/// the group back for a moment, the process is still the setgid one.
pub fn privileged() -> bool {
    static AT_START: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    // SAFETY: these four calls cannot fail and touch no memory.
    *AT_START.get_or_init(|| unsafe { libc::getuid() != libc::geteuid() || libc::getgid() != libc::getegid() })
}

/// The login of the real user id through getpwuid_r (NSS), or None if the account is unknown.
pub fn real_login() -> Option<String> {
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    login_of(uid)
}

/// The login of `uid` through getpwuid_r.
pub fn login_of(uid: u32) -> Option<String> {
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: pwd and buf outlive the call; getpwuid_r writes only into them.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut out: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr().cast(), buf.len(), &mut out) };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || out.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: pw_name points into buf, NUL-terminated by getpwuid_r.
        let name = unsafe { CStr::from_ptr(pwd.pw_name) };
        return Some(name.to_string_lossy().into_owned());
    }
}

/// Runs `f` with the effective group set back to the real one (the saved set-group-ID keeps
/// the way back): what motcua writes or starts for the user — an export, a report, a printed
/// form, a backup copy, `lp` — is done with the user's own rights, never the database group's.
/// Without it a clerk could `--out` a file over the database, or put an `lp` of their own on
/// PATH and have it run with the group. On an unprivileged run it just runs `f`.
pub fn as_real_group<T>(f: impl FnOnce() -> T) -> T {
    if !privileged() {
        return f();
    }
    // SAFETY: getgid/getegid cannot fail; setegid only changes this process's ids.
    let (real, effective) = unsafe { (libc::getgid(), libc::getegid()) };
    if unsafe { libc::setegid(real) } != 0 {
        // Could not drop the group: do nothing rather than write with it.
        eprintln!("motcua: setegid failed");
        std::process::exit(1);
    }
    let out = f();
    // SAFETY: back to the saved set-group-ID, which setegid allows.
    if unsafe { libc::setegid(effective) } != 0 {
        eprintln!("motcua: setegid failed");
        std::process::exit(1);
    }
    out
}

/// True when running as root (`motcua setup`).
pub fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The id of the group `name` through getgrnam_r (NSS), or None.
pub fn group_id(name: &str) -> Option<u32> {
    let cname = std::ffi::CString::new(name).ok()?;
    let mut buf = vec![0u8; 16384];
    loop {
        // SAFETY: grp and buf outlive the call; getgrnam_r writes only into them.
        let mut grp: libc::group = unsafe { std::mem::zeroed() };
        let mut out: *mut libc::group = std::ptr::null_mut();
        let rc = unsafe { libc::getgrnam_r(cname.as_ptr(), &mut grp, buf.as_mut_ptr().cast(), buf.len(), &mut out) };
        if rc == libc::ERANGE && buf.len() < 1 << 22 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        return (rc == 0 && !out.is_null()).then_some(grp.gr_gid);
    }
}

/// True when `login` is an account the system knows (getpwnam_r).
pub fn account_exists(login: &str) -> bool {
    let Ok(cname) = std::ffi::CString::new(login) else { return false };
    let mut buf = vec![0u8; 16384];
    // SAFETY: pwd and buf outlive the call.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe { libc::getpwnam_r(cname.as_ptr(), &mut pwd, buf.as_mut_ptr().cast(), buf.len(), &mut out) };
    rc == 0 && !out.is_null()
}

/// On the setgid binary, files motcua creates (the -wal and -shm files, a backup's temporary
/// file, the key) get no permission for others: umask 007, so the group (the database's) can
/// open them and nobody else can.
pub fn harden() {
    // First thing in main: fixes what `privileged` answers for the whole run.
    if privileged() {
        // SAFETY: umask cannot fail.
        unsafe { libc::umask(0o007) };
    }
}

/// A variable the unprivileged run honours (`MOTCUA_USER`, `MOTCUA_NOW`); the setgid binary
/// ignores it and says so once on stderr, so that a clerk who tried knows it did nothing.
pub fn trusted_env(name: &str) -> Option<String> {
    let v = std::env::var(name).ok().filter(|s| !s.trim().is_empty())?;
    if privileged() {
        static WARNED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
        let mut warned = WARNED.lock().unwrap_or_else(|e| e.into_inner());
        if warned.iter().any(|w| w == name) {
            return None;
        }
        warned.push(name.to_string());
        eprintln!(
            "motcua: {name}: {}",
            crate::i18n::tr(
                "bỏ qua — chương trình cài cho cơ quan dùng tài khoản và đồng hồ của máy",
                "ignored — the office's installed motcua uses the account and the system clock"
            )
        );
        return None;
    }
    Some(v)
}

/// The acting login: `MOTCUA_USER` on an unprivileged run, else the real uid's account.
/// USER, LOGNAME and USERNAME are never read: anyone can set them.
pub fn current_user() -> String {
    trusted_env("MOTCUA_USER").or_else(real_login).unwrap_or_else(|| {
        // SAFETY: getuid cannot fail.
        format!("uid{}", unsafe { libc::getuid() })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_account_name_is_the_one_id_reports() {
        let id = std::process::Command::new("id").arg("-un").output().unwrap();
        let want = String::from_utf8(id.stdout).unwrap().trim().to_string();
        assert_eq!(super::real_login().as_deref(), Some(want.as_str()));
    }

    #[test]
    fn root_is_uid_zero_and_an_unused_uid_has_no_name() {
        assert_eq!(super::login_of(0).as_deref(), Some("root"));
        assert_eq!(super::login_of(3_999_999_999), None);
    }
}
