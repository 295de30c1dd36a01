//! The official form of the period report, Biểu số II.06a/VPCP/KSTT (Circular 01/2020/TT-VPCP,
//! DOMAIN §5): exactly 13 columns, one row per field and the total, with the identity
//! received = resolved + pending. What the table, the CSV and the workbook print.
//!
//! The form has no column for withdrawn dossiers. By default they are counted, as provincial
//! systems count dossiers returned unprocessed, under resolved "on time", and a note under the
//! table says how many; the setting `report.withdrawn = separate` keeps them out of the form in
//! a column of their own (then received = resolved + pending + withdrawn).

use chrono::{Datelike, NaiveDate};

use super::report::{Counts, Period, Report};

/// Where withdrawn dossiers go (setting `report.withdrawn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WithdrawnRule {
    #[default]
    OnTime,
    Separate,
}

impl WithdrawnRule {
    pub fn as_str(self) -> &'static str {
        match self {
            WithdrawnRule::OnTime => "on_time",
            WithdrawnRule::Separate => "separate",
        }
    }

    pub fn parse(s: &str) -> Option<WithdrawnRule> {
        match s.trim() {
            "on_time" => Some(WithdrawnRule::OnTime),
            "separate" => Some(WithdrawnRule::Separate),
            _ => None,
        }
    }
}

pub const FORM_NUMBER: &str = "Biểu số II.06a/VPCP/KSTT";
pub const FORM_BASIS: &str = "Ban hành theo Thông tư số 01/2020/TT-VPCP";
pub const TITLE: &str =
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";
pub const UNIT: &str = "Đơn vị tính: Số hồ sơ TTHC";
pub const TOTAL: &str = "Tổng cộng";
/// The column outside the form under `report.withdrawn = separate`.
pub const WITHDRAWN_COLUMN: &str = "Rút hồ sơ (ngoài biểu)";

/// The column groups over the counts, with the columns (by number) they span.
pub const GROUPS: [(&str, std::ops::RangeInclusive<usize>); 3] = [
    ("Số hồ sơ nhận giải quyết", 3..=6),
    ("Kết quả giải quyết: số hồ sơ đã giải quyết", 7..=10),
    ("Số hồ sơ đang giải quyết", 11..=13),
];

/// The 13 columns, (1) to (13), as the form names them.
pub const COLUMNS: [&str; 13] = [
    "TT",
    "Lĩnh vực giải quyết",
    "Tổng số",
    "Số mới tiếp nhận trực tuyến",
    "Số mới tiếp nhận trực tiếp, qua dịch vụ bưu chính công ích",
    "Số kỳ trước chuyển qua",
    "Tổng số",
    "Trả trước hạn",
    "Trả đúng hạn",
    "Trả quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
];

/// "(1)" … "(13)".
pub fn column_number(n: usize) -> String {
    format!("({n})")
}

/// One row of the form: columns (3) to (13), and the withdrawn dossiers it holds (under (9),
/// or outside the form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRow {
    pub field: String,
    pub values: [u64; 11],
    pub withdrawn: u64,
}

impl FormRow {
    fn of(field: &str, c: &Counts, rule: WithdrawnRule) -> FormRow {
        let w = match rule {
            WithdrawnRule::OnTime => c.withdrawn,
            WithdrawnRule::Separate => 0,
        };
        FormRow {
            field: field.to_string(),
            values: [
                c.received_total(),
                c.new_online,
                c.new_other,
                c.carried_over,
                c.resolved_total() + w,
                c.before_due,
                c.on_time + w,
                c.late,
                c.pending_total(),
                c.within_due,
                c.overdue,
            ],
            withdrawn: c.withdrawn,
        }
    }

    /// The value of column `n` (3–13).
    pub fn column(&self, n: usize) -> u64 {
        self.values[n - 3]
    }

    /// (3) = (4) + (5) + (6), (7) = (8) + (9) + (10), (11) = (12) + (13), and
    /// (3) = (7) + (11) — plus the withdrawn column when it stands apart.
    pub fn holds(&self, rule: WithdrawnRule) -> bool {
        let c = |n| self.column(n);
        let apart = if rule == WithdrawnRule::Separate { self.withdrawn } else { 0 };
        c(3) == c(4) + c(5) + c(6)
            && c(7) == c(8) + c(9) + c(10)
            && c(11) == c(12) + c(13)
            && c(3) == c(7) + c(11) + apart
    }
}

/// Everything printed on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form06a {
    /// Đơn vị báo cáo / Đơn vị nhận báo cáo.
    pub office: String,
    pub recipient: String,
    pub period: Period,
    pub place: String,
    /// The day the form is made (the place-and-date line).
    pub made_on: NaiveDate,
    /// The moment its figures were read, when known (the "as of" line of a running period).
    pub made_at: Option<chrono::NaiveDateTime>,
    /// The signers' full names (NGƯỜI LẬP BIỂU, THỦ TRƯỞNG ĐƠN VỊ); empty: left to write by hand.
    pub preparer: String,
    pub head: String,
    pub withdrawn: WithdrawnRule,
    pub rows: Vec<FormRow>,
    pub total: FormRow,
}

/// Who makes and signs the form, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormHeader {
    pub office: String,
    pub recipient: String,
    pub place: String,
    pub made_on: Option<NaiveDate>,
    pub made_at: Option<chrono::NaiveDateTime>,
    pub preparer: String,
    pub head: String,
}

impl Form06a {
    pub fn new(report: &Report, rule: WithdrawnRule, h: FormHeader) -> Form06a {
        // Left blank on paper, to be written by hand, when the setting is empty.
        let blank = |s: String| if s.trim().is_empty() { "....................".to_string() } else { s };
        Form06a {
            office: blank(h.office),
            recipient: blank(h.recipient),
            period: report.period,
            place: h.place,
            made_on: h.made_on.unwrap_or(report.period.to),
            made_at: h.made_at,
            preparer: h.preparer,
            head: h.head,
            withdrawn: rule,
            rows: report.by_field.iter().map(|(f, c)| FormRow::of(f, c, rule)).collect(),
            total: FormRow::of(TOTAL, &report.total(), rule),
        }
    }

    /// "Kỳ báo cáo: Quý IV năm 2026 (Từ ngày 01/10/2026 đến ngày 31/12/2026)".
    pub fn period_line(&self) -> String {
        let p = self.period;
        let span = format!("Từ ngày {} đến ngày {}", p.from.format("%d/%m/%Y"), p.to.format("%d/%m/%Y"));
        match period_name(p) {
            Some(name) => format!("Kỳ báo cáo: {name} ({span})"),
            None => format!("Kỳ báo cáo: ({span})"),
        }
    }

    /// A period not ended on `now` is judged at now: the printed form says so under the period
    /// ("Số liệu tính đến 17:00 ngày 20/11/2026"), so a running quarter is not read as closed.
    pub fn as_of_line(&self, now: chrono::NaiveDateTime) -> Option<String> {
        (self.period.to >= now.date()).then(|| {
            format!(
                "(Số liệu tính đến {} ngày {}; kỳ báo cáo chưa kết thúc)",
                now.format("%H:%M"),
                now.format("%d/%m/%Y")
            )
        })
    }

    /// The "as of" line at the moment the figures were read (None: unknown, or the period ended).
    pub fn as_of(&self) -> Option<String> {
        self.made_at.and_then(|now| self.as_of_line(now))
    }

    /// "Quảng Phú, ngày 05 tháng 01 năm 2027".
    pub fn place_date(&self) -> String {
        let d = self.made_on;
        let place = if self.place.trim().is_empty() { "…" } else { self.place.trim() };
        format!("{place}, ngày {:02} tháng {:02} năm {}", d.day(), d.month(), d.year())
    }

    /// The note under the table: what column (9) holds, or what the extra column is.
    pub fn note(&self) -> String {
        match self.withdrawn {
            WithdrawnRule::OnTime => format!(
                "Ghi chú: cột (9) gồm cả {} hồ sơ công dân rút (hồ sơ trả lại không giải quyết); biểu không có cột riêng cho hồ sơ rút.",
                self.total.withdrawn
            ),
            WithdrawnRule::Separate => format!(
                "Ghi chú: {} hồ sơ công dân rút được ghi ở cột \"{WITHDRAWN_COLUMN}\", không tính vào cột (7); (3) = (7) + (11) + số hồ sơ rút.",
                self.total.withdrawn
            ),
        }
    }

    /// Every row and the total hold the form's identities, and the total is their sum.
    pub fn holds(&self) -> bool {
        let mut sum = [0u64; 11];
        let mut withdrawn = 0;
        for r in &self.rows {
            for (s, v) in sum.iter_mut().zip(r.values) {
                *s += v;
            }
            withdrawn += r.withdrawn;
        }
        self.rows.iter().all(|r| r.holds(self.withdrawn))
            && self.total.holds(self.withdrawn)
            && sum == self.total.values
            && withdrawn == self.total.withdrawn
    }
}

/// The period's name when it is a calendar (or cut-off, 15th–14th) month, quarter, half, nine
/// months or year: named after the month it ends in.
fn period_name(p: Period) -> Option<String> {
    let (from, to) = (p.from, p.to);
    let next = to.succ_opt()?;
    let aligned = (from.day() == 1 && next.day() == 1) || (from.day() == 15 && next.day() == 15);
    if !aligned {
        return None;
    }
    let months = (next.year() - from.year()) * 12 + next.month() as i32 - from.month() as i32;
    // The month the period ends in: a cut-off period ends on the 14th of it.
    let (end_month, year) = (to.month(), to.year());
    match (months, end_month) {
        (1, m) => Some(format!("Tháng {m:02} năm {year}")),
        (3, m) if m % 3 == 0 => Some(format!("Quý {} năm {year}", ["I", "II", "III", "IV"][(m / 3 - 1) as usize])),
        (6, 6) => Some(format!("6 tháng đầu năm {year}")),
        (9, 9) => Some(format!("9 tháng năm {year}")),
        (12, 12) => Some(format!("Năm {year}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn counts() -> Counts {
        // 3 carried over + 6 online + 4 at the counter = 13 received; 5 + 2 + 1 resolved;
        // 2 within due (1 paused) + 1 overdue; 2 withdrawn.
        Counts {
            carried_over: 3,
            new_online: 6,
            new_other: 4,
            before_due: 5,
            on_time: 2,
            late: 1,
            within_due: 2,
            overdue: 1,
            paused: 1,
            withdrawn: 2,
            ..Counts::default()
        }
    }

    fn report() -> Report {
        Report {
            period: Period::new(d("2026-10-01"), d("2026-12-31")).unwrap(),
            by_field: vec![
                ("Hộ tịch".into(), counts()),
                ("Đất đai".into(), Counts { new_online: 1, within_due: 1, ..Counts::default() }),
            ],
        }
    }

    #[test]
    fn withdrawn_count_under_on_time_by_default() {
        let f = Form06a::new(&report(), WithdrawnRule::OnTime, FormHeader::default());
        // (3) 13 = (4) 6 + (5) 4 + (6) 3; (7) 10 = (8) 5 + (9) 2 + 2 withdrawn + (10) 1; (11) 3.
        assert_eq!(f.rows[0].values, [13, 6, 4, 3, 10, 5, 4, 1, 3, 2, 1]);
        assert_eq!(f.total.values, [14, 7, 4, 3, 10, 5, 4, 1, 4, 3, 1]);
        assert!(f.holds());
        assert!(f.note().contains("cột (9) gồm cả 2 hồ sơ công dân rút"), "{}", f.note());
    }

    #[test]
    fn withdrawn_apart_when_set() {
        let f = Form06a::new(&report(), WithdrawnRule::Separate, FormHeader::default());
        assert_eq!(f.rows[0].values, [13, 6, 4, 3, 8, 5, 2, 1, 3, 2, 1]);
        assert_eq!(f.rows[0].withdrawn, 2);
        // 13 = 8 + 3 + 2: the identity needs the column outside the form.
        assert!(f.holds());
        assert!(!f.rows[0].holds(WithdrawnRule::OnTime));
    }

    #[test]
    fn period_names() {
        let name = |a: &str, b: &str| period_name(Period::new(d(a), d(b)).unwrap());
        assert_eq!(name("2026-10-01", "2026-12-31").as_deref(), Some("Quý IV năm 2026"));
        assert_eq!(name("2026-09-15", "2026-12-14").as_deref(), Some("Quý IV năm 2026"));
        assert_eq!(name("2026-11-01", "2026-11-30").as_deref(), Some("Tháng 11 năm 2026"));
        assert_eq!(name("2026-10-15", "2026-11-14").as_deref(), Some("Tháng 11 năm 2026"));
        assert_eq!(name("2026-01-01", "2026-06-30").as_deref(), Some("6 tháng đầu năm 2026"));
        assert_eq!(name("2026-01-01", "2026-09-30").as_deref(), Some("9 tháng năm 2026"));
        assert_eq!(name("2026-01-01", "2026-12-31").as_deref(), Some("Năm 2026"));
        assert_eq!(name("2026-03-10", "2026-03-19"), None);
        let f = Form06a::new(&report(), WithdrawnRule::OnTime, FormHeader::default());
        assert_eq!(f.period_line(), "Kỳ báo cáo: Quý IV năm 2026 (Từ ngày 01/10/2026 đến ngày 31/12/2026)");
    }

    #[test]
    fn a_running_period_says_when_it_was_judged() {
        let f = Form06a::new(&report(), WithdrawnRule::OnTime, FormHeader::default());
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            f.as_of_line(at("2026-11-20 17:00")).as_deref(),
            Some("(Số liệu tính đến 17:00 ngày 20/11/2026; kỳ báo cáo chưa kết thúc)")
        );
        // On its last day it is still running; the day after, it has ended and says nothing.
        assert!(f.as_of_line(at("2026-12-31 16:00")).is_some());
        assert_eq!(f.as_of_line(at("2027-01-01 08:00")), None);
    }
}
