//! The procedure catalogue as CSV (the columns of shared/data/procedures.csv, plus optional
//! `day_kind`, `cutoff`, `hours`, `resume` and `active`): read at `init` from assets/ and by
//! `motcua import procedures`. Columns are found by their header name, in any order; columns
//! this build does not know are ignored, so a file may carry more than it reads.

use std::path::Path;

use anyhow::{anyhow, Result};
use chrono::NaiveTime;

use super::Context;
use crate::domain::calendar::{DayCount, MAX_LIMIT_DAYS, MAX_LIMIT_HOURS};
use crate::domain::catalogue::{duplicate_codes, merge, CatalogueRow};
use crate::domain::dossier::{OnlineLevel, Procedure, ResumeRule};
use crate::domain::text::clean;
use crate::i18n::tr;
use crate::store::error::catalogue_problem_text;

const REQUIRED: [&str; 4] = ["code", "name_vi", "field_vi", "processing_days"];

/// A fresh catalogue (a new database): every row as a procedure, or every bad line as
/// "line N: reason".
pub fn parse_procedures_csv(text: &str) -> Result<Vec<Procedure>, Vec<String>> {
    let rows = parse_catalogue_rows(text)?;
    let mut out = Vec::with_capacity(rows.len());
    let mut bad = Vec::new();
    for r in &rows {
        match merge(r, None) {
            Ok(p) => out.push(p),
            Err(why) => bad.push(format!("line {}: {}", r.line, catalogue_problem_text(&why))),
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

/// Every row as the file gives it, or every bad line as "line N: reason" (physical lines:
/// a quoted line break inside a field counts). A code listed twice is a bad line.
pub fn parse_catalogue_rows(text: &str) -> Result<Vec<CatalogueRow>, Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("line 1: {e}")]),
    };
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let col = |name: &str| names.iter().position(|h| h == name);
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| col(c).is_none())
        .map(|c| format!("line 1: {} {c}", tr("thiếu cột", "missing column")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = physical_line(text, rdr.position().byte());
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                bad.push(format!("line {line}: {}", csv_error(&e)));
                // The reader cannot go on past a broken record (bad UTF-8): stop at it.
                break;
            }
        }
        let line = record.position().map_or(line, |p| physical_line(text, p.byte()));
        if record.len() != headers.len() {
            // A quote left open runs on to the end of the file, taking the lines with it.
            let unclosed = record.iter().any(|f| f.contains('\n'));
            bad.push(format!(
                "line {line}: {} {} {}, {} {}{}",
                tr("có", "has"),
                record.len(),
                tr("cột", "fields"),
                tr("dòng tiêu đề có", "the header has"),
                headers.len(),
                if unclosed { tr(" — có dấu \" chưa đóng?", " — a \" left open?") } else { "" }
            ));
            continue;
        }
        match read_row(&record, line, &col) {
            Ok(r) => rows.push(r),
            Err(why) => bad.push(format!("line {line}: {}", why.join("; "))),
        }
    }
    for (line, why) in duplicate_codes(&rows) {
        bad.push(format!("line {line}: {}", catalogue_problem_text(&why)));
    }
    if bad.is_empty() {
        Ok(rows)
    } else {
        bad.sort_by_key(|b| b.split(':').next().and_then(|l| l.trim_start_matches("line ").parse::<usize>().ok()));
        Err(bad)
    }
}

/// The line of `text` on which the record at byte `at` starts. The reader's own line count
/// leaves out the blank lines it skips; the head looks for the line number in an editor.
fn physical_line(text: &str, at: u64) -> usize {
    let at = usize::try_from(at).unwrap_or(usize::MAX).min(text.len());
    // The position may be that of blank lines skipped before the record.
    let start = at + text.as_bytes()[at..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
    1 + text.as_bytes()[..start].iter().filter(|b| **b == b'\n').count()
}

fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => tr("không phải văn bản UTF-8", "not UTF-8 text").to_string(),
        _ => e.to_string(),
    }
}

fn read_row(
    rec: &csv::StringRecord,
    line: usize,
    col: &dyn Fn(&str) -> Option<usize>,
) -> Result<CatalogueRow, Vec<String>> {
    // None: the file has no such column; Some(""): it has, the cell is empty.
    let cell = |name: &str| col(name).and_then(|i| rec.get(i)).map(clean);
    let given = |name: &str| cell(name).filter(|v| !v.is_empty());
    let mut why = Vec::new();
    let code = cell("code").unwrap_or_default();
    if code.is_empty() {
        why.push(tr("thiếu mã thủ tục", "code is empty").to_string());
    }
    let name = cell("name_vi").unwrap_or_default();
    if name.is_empty() {
        why.push(tr("thiếu tên thủ tục", "name_vi is empty").to_string());
    }
    let days = given("processing_days").and_then(|d| match d.parse::<u64>() {
        Ok(n) if n <= u64::from(MAX_LIMIT_DAYS) => Some(n as u32),
        Ok(_) => {
            why.push(format!(
                "processing_days {d}: {}",
                tr("thời hạn chỉ từ 0 đến 365 ngày", "a time limit is 0 to 365 days")
            ));
            None
        }
        Err(_) => {
            why.push(format!("processing_days {d}: {}", tr("không phải số ngày", "not a number of days")));
            None
        }
    });
    let hours = given("hours").and_then(|h| match h.parse::<u64>() {
        Ok(n) if (1..=u64::from(MAX_LIMIT_HOURS)).contains(&n) => Some(n as u32),
        _ => {
            why.push(format!("hours {h}: {}", tr("số giờ làm việc chỉ từ 1 đến 720", "working hours are 1 to 720")));
            None
        }
    });
    let day_kind = given("day_kind").and_then(|k| {
        DayCount::parse(&k).or_else(|| {
            why.push(format!(
                "day_kind {k}: {}",
                tr("chỉ nhận working (ngày làm việc) hoặc calendar (ngày lịch)", "must be working or calendar")
            ));
            None
        })
    });
    let fee_vnd = given("fee_vnd").and_then(|f| match f.replace(['.', ' '], "").parse::<i64>() {
        Ok(n) if n >= 0 => Some(n),
        _ => {
            why.push(format!("fee_vnd {f}: {}", tr("không phải số tiền", "not an amount")));
            None
        }
    });
    let online = cell("online_level").and_then(|o| {
        OnlineLevel::parse(&o).or_else(|| {
            why.push(format!(
                "online_level {o}: {}",
                tr("chỉ nhận toan_trinh, mot_phan hoặc để trống", "must be toan_trinh, mot_phan or empty")
            ));
            None
        })
    });
    let cutoff = given("cutoff").and_then(|c| match c.to_ascii_lowercase().as_str() {
        "none" | "-" => Some(None),
        _ => match NaiveTime::parse_from_str(&c, "%H:%M") {
            Ok(t) => Some(Some(t)),
            Err(_) => {
                why.push(format!("cutoff {c}: {}", tr("giờ dạng HH:MM hoặc none", "a time HH:MM or none")));
                None
            }
        },
    });
    let resume = given("resume").and_then(|r| match r.to_ascii_lowercase().as_str() {
        "remaining" => Some(ResumeRule::Remaining),
        "restart" => Some(ResumeRule::Restart),
        _ => {
            why.push(format!("resume {r}: {}", tr("chỉ nhận remaining hoặc restart", "must be remaining or restart")));
            None
        }
    });
    let active = given("active").and_then(|a| match crate::domain::text::fold(&a).as_str() {
        "1" | "yes" | "true" | "co" | "x" => Some(true),
        "0" | "no" | "false" | "khong" => Some(false),
        _ => {
            why.push(format!("active {a}: {}", tr("chỉ nhận 1/có hoặc 0/không", "must be 1/yes or 0/no")));
            None
        }
    });
    let list = |name: &str| cell(name).map(|d| d.split(" | ").map(clean).filter(|p| !p.is_empty()).collect::<Vec<_>>());
    let papers = list("required_documents");
    // An empty English cell: no translation given (the Vietnamese names are shown).
    let papers_en = list("required_documents_en").filter(|en| !en.is_empty());
    if let Some(en) = &papers_en {
        let vi = papers.as_ref().map_or(0, Vec::len);
        if en.len() != vi {
            let (has, papers, same) = (
                tr("có", "has"),
                tr("giấy tờ", "papers"),
                tr("phải bằng nhau, cùng thứ tự", "they must match, in the same order"),
            );
            why.push(format!(
                "required_documents_en {has} {} {papers}, required_documents {has} {vi}: {same}",
                en.len()
            ));
        }
    }
    if !why.is_empty() {
        return Err(why);
    }
    Ok(CatalogueRow {
        line,
        code,
        name,
        field: cell("field_vi").unwrap_or_default(),
        days,
        name_en: cell("name_en"),
        short_name: cell("short_name"),
        short_name_en: cell("short_name_en"),
        level: cell("level"),
        online,
        papers,
        papers_en,
        legal_basis: cell("legal_basis"),
        note: cell("processing_note"),
        day_kind,
        cutoff,
        hours,
        fee_vnd,
        resume,
        active,
    })
}

pub fn import(ctx: &Context, file: &Path) -> Result<()> {
    // Read with the user's rights: the group could read the database's key.
    let text = crate::account::as_real_group(|| std::fs::read(file))
        .map_err(|e| anyhow!("{}: {} ({e})", file.display(), tr("không đọc được tệp", "cannot read the file")))?;
    let refused = |bad: Vec<String>| {
        anyhow!(
            "{}: {}\n{}",
            file.display(),
            tr("không nhập gì, các dòng lỗi:", "nothing imported; bad lines:"),
            bad.join("\n")
        )
    };
    let text = String::from_utf8(text)
        .map_err(|_| refused(vec![format!("line 1: {}", tr("không phải văn bản UTF-8", "not UTF-8 text"))]))?;
    let rows = parse_catalogue_rows(&text).map_err(refused)?;
    let mut store = ctx.open()?;
    let (added, updated) = store.import_catalogue(&ctx.user, &rows)?.map_err(|bad| {
        refused(bad.iter().map(|(line, why)| format!("line {line}: {}", catalogue_problem_text(why))).collect())
    })?;
    println!("{} {added}, {} {updated}", tr("thêm", "added"), tr("cập nhật", "updated"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_reads_whole() {
        let list = parse_procedures_csv(include_str!("../../assets/procedures.csv")).unwrap();
        assert_eq!(list.len(), 43);
        let birth = list.iter().find(|p| p.code == "1.001193").unwrap();
        assert_eq!(birth.days, Some(0));
        assert_eq!(birth.cutoff, NaiveTime::from_hms_opt(15, 0, 0));
        assert!(birth.papers.len() >= 5);
        let no_limit = list.iter().find(|p| p.code == "1.010028").unwrap();
        assert!(!no_limit.active && no_limit.days.is_none());
        assert_eq!(list.iter().find(|p| p.code == "2.001035").unwrap().fee_vnd, Some(50_000));
        // "không quá 30 ngày" (Luật Đất đai 2024 Art. 235): calendar days.
        let mediation = list.iter().find(|p| p.code == "1.012812").unwrap();
        assert_eq!((mediation.days, mediation.day_kind), (Some(30), DayCount::Calendar));
        assert_eq!(list.iter().filter(|p| p.day_kind == DayCount::Calendar).count(), 1);
    }

    #[test]
    fn the_shipped_catalogue_names_every_paper_in_english_too() {
        let list = parse_procedures_csv(include_str!("../../assets/procedures.csv")).unwrap();
        for p in &list {
            assert_eq!(p.papers_en.len(), p.papers.len(), "{}", p.code);
        }
        // Counted by hand in the file: 143 papers over the 43 procedures.
        assert_eq!(list.iter().map(|p| p.papers_en.len()).sum::<usize>(), 143);
        let en = |code: &str, i: usize| list.iter().find(|p| p.code == code).unwrap().papers_en[i].clone();
        // Checked by hand against the Vietnamese: "Giấy chứng sinh; nếu không có: …", "Bản gốc
        // Giấy chứng nhận đã cấp", "Tờ khai thay đổi thông tin cư trú CT01".
        assert!(en("1.001193", 1).starts_with("Birth certificate from the hospital; if none"), "{}", en("1.001193", 1));
        assert_eq!(en("1.012783", 1), "Original of the certificate already issued");
        assert_eq!(en("1.002755", 0), "Residence information change form CT01");
        assert_eq!(en("2.000815", 0), "Original of the paper or document to be certified");
        // Short English names for the queue's procedure column (20 cells at most there).
        assert!(list.iter().all(|p| !p.short_name_en.is_empty() && p.short_name_en.chars().count() <= 20));
        let short = |code: &str| list.iter().find(|p| p.code == code).unwrap().short_name_en.clone();
        assert_eq!((short("1.001193").as_str(), short("2.000815").as_str()), ("Birth", "Certified copy"));
    }

    #[test]
    fn english_papers_not_as_many_as_the_vietnamese_name_their_line() {
        let text = "code,name_vi,field_vi,processing_days,required_documents,required_documents_en\n\
                    1.1,A,F,3,Tờ khai | Giấy tờ tùy thân,Form | Identity paper\n\
                    1.2,B,F,3,Tờ khai | Giấy tờ tùy thân,Form\n\
                    1.3,C,F,3,Tờ khai,\n";
        let bad = parse_procedures_csv(text).unwrap_err();
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].starts_with("line 3:") && bad[0].contains("required_documents_en"), "{}", bad[0]);
        let text = text.replace("Form\n", "Form | Identity paper\n");
        let list = parse_procedures_csv(&text).unwrap();
        assert_eq!(list[1].papers_en, ["Form", "Identity paper"]);
        assert!(list[2].papers_en.is_empty(), "an empty English cell: none given");
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

    #[test]
    fn limits_outside_the_range_name_their_line() {
        let text = "code,name_vi,field_vi,processing_days,hours,day_kind\n\
                    1.1,A,F,365,,calendar\n\
                    1.2,B,F,4000000000,,\n\
                    1.3,C,F,366,,\n\
                    1.4,D,F,,0,\n\
                    1.5,E,F,,721,\n\
                    1.6,G,F,,720,\n\
                    1.7,H,F,-1,,\n\
                    1.8,I,F,3,,ngay\n";
        let bad = parse_catalogue_rows(text).unwrap_err();
        let lines: Vec<&str> = bad.iter().map(|b| b.split(':').next().unwrap()).collect();
        assert_eq!(lines, ["line 3", "line 4", "line 5", "line 6", "line 8", "line 9"], "{bad:?}");
        assert!(bad[0].contains("4000000000"), "{}", bad[0]);
        assert!(bad[5].contains("day_kind"), "{}", bad[5]);
    }

    #[test]
    fn columns_by_name_in_any_order_extra_ones_ignored() {
        let text = "agency,Processing_Days,code,field_vi,name_vi,short_name\n\
                    Công an xã,5,1.1,Cư trú,Đăng ký tạm trú,Tạm trú\n";
        let rows = parse_catalogue_rows(text).unwrap();
        assert_eq!((rows[0].code.as_str(), rows[0].days, rows[0].name.as_str()), ("1.1", Some(5), "Đăng ký tạm trú"));
        assert_eq!(rows[0].fee_vnd, None);
        assert_eq!(rows[0].papers, None, "no required_documents column: not carried");
    }

    #[test]
    fn duplicates_and_ragged_rows_name_physical_lines() {
        // Line 3 holds a quoted line break, so the next record starts on line 5; line 6 is blank.
        let text = "code,name_vi,field_vi,processing_days,processing_note\n\
                    1.1,A,F,3,\n\
                    1.2,B,F,3,\"two\nlines\"\n\
                    1.3,C,F,3\n\
                    \n\
                    1.1,D,F,4,\n";
        let bad = parse_catalogue_rows(text).unwrap_err();
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].starts_with("line 5:"), "{bad:?}");
        assert!(bad[1].starts_with("line 7:") && bad[1].ends_with(" 2"), "the first line named: {bad:?}");
    }
}
