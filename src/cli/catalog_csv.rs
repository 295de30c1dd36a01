//! The procedure catalogue as CSV (the columns of shared/data/procedures.csv, plus an
//! optional `cutoff`): read at `init` from assets/ and by `motcua import procedures`.

use std::path::Path;

use anyhow::{anyhow, Result};
use chrono::NaiveTime;

use super::Context;
use crate::domain::dossier::{OnlineLevel, Procedure, ResumeRule};
use crate::domain::text::clean;
use crate::i18n::tr;

/// The afternoon cut-off of same-day procedures unless the `cutoff` column says otherwise.
pub const DEFAULT_CUTOFF: &str = "15:00";

/// Every row, or every bad row as "line N: reason".
pub fn parse_procedures_csv(text: &str) -> Result<Vec<Procedure>, Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("line 1: {e}")]),
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let required = ["code", "name_vi", "field_vi", "processing_days"];
    let missing: Vec<String> = required
        .iter()
        .filter(|c| col(c).is_none())
        .map(|c| format!("line 1: {} {c}", tr("thiếu cột", "missing column")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                bad.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let get = |name: &str| col(name).and_then(|i| rec.get(i)).map(clean).unwrap_or_default();
        let mut why = Vec::new();
        let code = get("code");
        if code.is_empty() {
            why.push(tr("thiếu mã thủ tục", "code is empty").to_string());
        }
        let name = get("name_vi");
        if name.is_empty() {
            why.push(tr("thiếu tên thủ tục", "name_vi is empty").to_string());
        }
        let days = match get("processing_days").as_str() {
            "" => None,
            d => match d.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    why.push(format!("processing_days {d}: {}", tr("không phải số ngày", "not a number of days")));
                    None
                }
            },
        };
        let fee_vnd = match get("fee_vnd").replace(['.', ' '], "").as_str() {
            "" => None,
            f => match f.parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    why.push(format!("fee_vnd {f}: {}", tr("không phải số tiền", "not an amount")));
                    None
                }
            },
        };
        let online = OnlineLevel::parse(&get("online_level")).unwrap_or_else(|| {
            why.push(format!(
                "online_level {}: {}",
                get("online_level"),
                tr("chỉ nhận toan_trinh, mot_phan hoặc để trống", "must be toan_trinh, mot_phan or empty")
            ));
            OnlineLevel::None
        });
        let cutoff = match get("cutoff").as_str() {
            "none" | "-" => None,
            "" => days.filter(|d| *d == 0).and_then(|_| NaiveTime::parse_from_str(DEFAULT_CUTOFF, "%H:%M").ok()),
            c => match NaiveTime::parse_from_str(c, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    why.push(format!("cutoff {c}: {}", tr("giờ dạng HH:MM hoặc none", "a time HH:MM or none")));
                    None
                }
            },
        };
        if !why.is_empty() {
            bad.push(format!("line {line}: {}", why.join("; ")));
            continue;
        }
        out.push(Procedure {
            code,
            name,
            name_en: get("name_en"),
            field: get("field_vi"),
            level: get("level"),
            days,
            cutoff,
            hours: None,
            fee_vnd,
            online,
            papers: get("required_documents").split(" | ").map(clean).filter(|p| !p.is_empty()).collect(),
            legal_basis: get("legal_basis"),
            note: get("processing_note"),
            resume: ResumeRule::Remaining,
            // A procedure without a time limit cannot give an appointment date.
            active: days.is_some(),
        });
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

pub fn import(ctx: &Context, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| anyhow!("{}: {e}", file.display()))?;
    let list = parse_procedures_csv(&text).map_err(|bad| {
        anyhow!(
            "{}: {}\n{}",
            file.display(),
            tr("không nhập gì, các dòng lỗi:", "nothing imported; bad lines:"),
            bad.join("\n")
        )
    })?;
    let mut store = ctx.open()?;
    let (added, updated) = super::catalog_links::upsert(&mut store, &ctx.user, &text, &list)
        .map_err(|e| anyhow!("{}: {e}", file.display()))?;
    println!("{} {added}, {} {updated}", tr("thêm", "added"), tr("cập nhật", "updated"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_reads_whole() {
        let list = parse_procedures_csv(include_str!("../../assets/procedures.csv")).unwrap();
        assert_eq!(list.len(), 44);
        let birth = list.iter().find(|p| p.code == "1.001193").unwrap();
        assert_eq!(birth.days, Some(0));
        assert_eq!(birth.cutoff, NaiveTime::from_hms_opt(15, 0, 0));
        assert!(birth.papers.len() >= 5);
        let no_limit = list.iter().find(|p| p.code == "1.010028").unwrap();
        assert!(!no_limit.active && no_limit.days.is_none());
        assert_eq!(list.iter().find(|p| p.code == "2.001035").unwrap().fee_vnd, Some(50_000));
    }

    #[test]
    fn bad_rows_are_named() {
        let text = "code,name_vi,field_vi,processing_days,fee_vnd,online_level,cutoff\n\
                    1.1,A,F,3,0,,\n\
                    ,B,F,x,-5,abc,25:00\n";
        let bad = parse_procedures_csv(text).unwrap_err();
        assert_eq!(bad.len(), 1);
        assert!(bad[0].starts_with("line 3:"), "{}", bad[0]);
        for part in ["processing_days", "fee_vnd", "online_level", "cutoff"] {
            assert!(bad[0].contains(part), "{part} in {}", bad[0]);
        }
    }
}
