//! The office clock: local time at +07:00, or `MOTCUA_NOW` for tests, demos and training.

use anyhow::{anyhow, Result};
use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// Vietnam time: every date the law counts is a date at +07:00.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset")
}

/// Reads an RFC 3339 time (or `YYYY-MM-DD HH:MM[:SS]`, taken as +07:00) as office time.
pub fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&offset()).naive_local());
    }
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Office time as RFC 3339 with +07:00.
pub fn rfc3339(t: NaiveDateTime) -> String {
    format!("{}+07:00", t.format("%Y-%m-%dT%H:%M:%S"))
}

/// Now, in office time: `MOTCUA_NOW` if set on an unprivileged run, else the system clock
/// (the setgid binary ignores it: a clerk cannot backdate a receipt).
pub fn now() -> Result<NaiveDateTime> {
    match crate::account::trusted_env("MOTCUA_NOW") {
        Some(s) => parse_time(&s).ok_or_else(|| {
            anyhow!(
                "MOTCUA_NOW={s}: {}",
                crate::i18n::tr(
                    "không đọc được thời điểm (RFC 3339, ví dụ 2024-02-08T10:00:00+07:00)",
                    "not a time (RFC 3339, e.g. 2024-02-08T10:00:00+07:00)"
                )
            )
        }),
        None => Ok(Utc::now().with_timezone(&offset()).naive_local()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_office_time() {
        let t = parse_time("2024-02-08T03:00:00Z").unwrap();
        assert_eq!(t.to_string(), "2024-02-08 10:00:00");
        assert_eq!(parse_time("2024-02-08 10:00").unwrap(), t);
        assert_eq!(rfc3339(t), "2024-02-08T10:00:00+07:00");
        assert!(parse_time("08/02/2024").is_none());
    }
}
