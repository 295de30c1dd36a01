//! Dossier codes (Circular 01/2018/TT-VPCP Art. 19): `<agency code>-<YYMMDD>-<NNNN>`.

use chrono::NaiveDate;

/// Why an agency code (QCVN 102:2016/BTTTT) was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAgencyCode(pub String);

/// `^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$`, e.g. `000.17.22.H56`.
pub fn check_agency_code(s: &str) -> Result<String, BadAgencyCode> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b[i].is_ascii_digit());
    let ok = b.len() == 13
        && digits(0..3)
        && b[3] == b'.'
        && digits(4..6)
        && b[6] == b'.'
        && digits(7..9)
        && b[9] == b'.'
        && b[10].is_ascii_uppercase()
        && digits(11..13);
    if ok {
        Ok(s.to_string())
    } else {
        Err(BadAgencyCode(s.to_string()))
    }
}

/// The code of the `seq`-th dossier received on `day` at this office.
pub fn dossier_code(agency: &str, day: NaiveDate, seq: u32) -> String {
    format!("{agency}-{}-{seq:04}", day.format("%y%m%d"))
}

/// The parts of a dossier code, if it has the official shape.
pub fn parse_dossier_code(code: &str) -> Option<(String, NaiveDate, u32)> {
    let mut parts = code.trim().rsplitn(3, '-');
    let seq = parts.next()?;
    let day = parts.next()?;
    let agency = parts.next()?;
    if seq.len() < 4 || !seq.bytes().all(|c| c.is_ascii_digit()) || day.len() != 6 {
        return None;
    }
    let day = NaiveDate::parse_from_str(&format!("20{day}"), "%Y%m%d").ok()?;
    check_agency_code(agency).ok()?;
    Some((agency.to_string(), day, seq.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_codes() {
        assert!(check_agency_code("000.17.22.H56").is_ok());
        assert!(check_agency_code(" 000.00.00.H29 ").is_ok());
        for bad in ["000.17.22.h56", "00.17.22.H56", "000-17-22-H56", "000.17.22.H5", "000.17.22.H567", ""] {
            assert!(check_agency_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_round_trip() {
        let day = NaiveDate::from_ymd_opt(2021, 5, 31).unwrap();
        let code = dossier_code("000.17.22.H56", day, 1);
        assert_eq!(code, "000.17.22.H56-210531-0001");
        assert_eq!(parse_dossier_code(&code), Some(("000.17.22.H56".into(), day, 1)));
        assert_eq!(dossier_code("000.17.22.H56", day, 12345), "000.17.22.H56-210531-12345");
        assert!(parse_dossier_code("000.17.22.H56-211331-0001").is_none());
        assert!(parse_dossier_code("abc").is_none());
    }
}
