//! Checks on what the clerk types at intake: the applicant's name, personal ID
//! number and phone (DOMAIN.md §7). The ID rules follow the Law on Identification
//! 2023 Art. 12 and Circular 07/2016/TT-BCA (province codes, Art. 7 century and
//! sex digit). There is no check digit in the ID, so none is invented here.

use chrono::{Datelike, NaiveDate};

use super::text;

/// A field is wrong: the save must not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Required and empty.
    Empty,
    /// Over 100 characters.
    NameTooLong,
    /// Digits or symbols other than space, '-', '.', '\'' in a person's name.
    NameBadChars,
    /// A personal ID with a digit count other than 12 (or 9, legacy); carries the count.
    IdLength(usize),
    IdNotDigits,
    /// The decoded birth year is after today's year.
    IdBirthYearFuture(i32),
    /// The century/sex digit names a century that has not begun yet.
    IdCentury(char),
    PhoneLength(usize),
    PhoneNotDigits,
    /// A Vietnamese phone number starts with 0.
    PhonePrefix,
    /// Not of the shape name@host.domain (no spaces, one '@').
    EmailShape,
    /// Over EMAIL_MAX_CHARS characters.
    EmailTooLong,
}

/// Shown next to the field, never blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The 3-digit prefix is not in the Circular 07/2016 list.
    UnknownProvince(String),
    /// 9-digit old ID card (chứng minh nhân dân).
    LegacyId,
}

const NAME_MAX_CHARS: usize = 100;

/// Returns the cleaned name (text::clean) or the problem. Allows Vietnamese letters of any case.
pub fn check_name(s: &str) -> Result<String, Problem> {
    let name = text::clean(s);
    if name.is_empty() {
        return Err(Problem::Empty);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Problem::NameTooLong);
    }
    // Combining marks are allowed because a few letter + tone pairs have no
    // precomposed form and stay decomposed after NFC.
    let allowed = |c: char| {
        c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) || matches!(c, ' ' | '-' | '.' | '\'')
    };
    if !name.chars().all(allowed) || !name.chars().any(char::is_alphabetic) {
        return Err(Problem::NameBadChars);
    }
    Ok(name)
}

/// Personal ID (CCCD, 12 digits). Spaces and dots inside are removed first ("001 099 012345").
/// Ok((normalised digits, warnings)). Empty input -> Err(Problem::Empty) (callers decide whether ID is optional).
pub fn check_personal_id(s: &str, today: NaiveDate) -> Result<(String, Vec<Warning>), Problem> {
    let id: String = s.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if id.is_empty() {
        return Err(Problem::Empty);
    }
    if !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::IdNotDigits);
    }
    match id.len() {
        // Old ID cards used a different, two-digit place scheme: nothing more to check.
        9 => return Ok((id, vec![Warning::LegacyId])),
        12 => {}
        n => return Err(Problem::IdLength(n)),
    }
    let digits = id.as_bytes();
    let century_digit = digits[3];
    let year_in_century = i32::from(digits[4] - b'0') * 10 + i32::from(digits[5] - b'0');
    // Circular 07/2016 Art. 7: 0/1 = 1900s, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s,
    // 8/9 = 2300s (even = male, odd = female).
    let century = 1900 + 100 * i32::from((century_digit - b'0') / 2);
    if century > today.year() {
        return Err(Problem::IdCentury(char::from(century_digit)));
    }
    let birth_year = century + year_in_century;
    if birth_year > today.year() {
        return Err(Problem::IdBirthYearFuture(birth_year));
    }
    let prefix = &id[..3];
    let warnings = match province_of_id_prefix(prefix) {
        Some(_) => Vec::new(),
        None => vec![Warning::UnknownProvince(prefix.to_string())],
    };
    Ok((id, warnings))
}

/// Phone: 10 digits starting with 0; spaces, dots, dashes removed first; a leading "+84" becomes "0".
pub fn check_phone(s: &str) -> Result<String, Problem> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-')).collect();
    let phone = match compact.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    if phone.is_empty() {
        return Err(Problem::Empty);
    }
    if !phone.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::PhoneNotDigits);
    }
    // Checked before the length: a number typed without its leading 0 is the usual
    // slip, and "must start with 0" tells the clerk exactly what to fix.
    if !phone.starts_with('0') {
        return Err(Problem::PhonePrefix);
    }
    if phone.len() != 10 {
        return Err(Problem::PhoneLength(phone.len()));
    }
    Ok(phone)
}

/// The longest email address a mail system carries (RFC 5321: a 254-character path).
pub const EMAIL_MAX_CHARS: usize = 254;

/// An applicant's email: trimmed, one '@' with something before it, a host with a dot inside
/// (not first or last), no spaces or control characters. Nothing is sent to it, so the shape
/// is all that can be checked. Empty input -> Err(Problem::Empty) (callers decide).
pub fn check_email(s: &str) -> Result<String, Problem> {
    let email = s.trim();
    if email.is_empty() {
        return Err(Problem::Empty);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(Problem::EmailTooLong);
    }
    let Some((user, host)) = email.split_once('@') else { return Err(Problem::EmailShape) };
    let bad_char = |c: char| c.is_whitespace() || text::is_unsafe(c) || c == '@';
    let host_ok = host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !host.contains("..");
    if user.is_empty() || !host_ok || user.chars().any(bad_char) || host.chars().any(bad_char) {
        return Err(Problem::EmailShape);
    }
    Ok(email.to_string())
}

/// Province of birth registration for a 3-digit prefix (Circular 07/2016/TT-BCA,
/// Appendix: the 63 provinces before the 2025 mergers; IDs keep their old prefix).
const PROVINCES: [(&str, &str); 63] = [
    ("001", "Hà Nội"),
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("010", "Lào Cai"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("017", "Hòa Bình"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("022", "Quảng Ninh"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("027", "Bắc Ninh"),
    ("030", "Hải Dương"),
    ("031", "Hải Phòng"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("036", "Nam Định"),
    ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"),
    ("040", "Nghệ An"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"),
    ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("052", "Bình Định"),
    ("054", "Phú Yên"),
    ("056", "Khánh Hòa"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("066", "Đắk Lắk"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("075", "Đồng Nai"),
    ("077", "Bà Rịa - Vũng Tàu"),
    ("079", "Hồ Chí Minh"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("083", "Bến Tre"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("089", "An Giang"),
    ("091", "Kiên Giang"),
    ("092", "Cần Thơ"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
    ("096", "Cà Mau"),
];

/// All valid prefixes (for the demo generator to draw from).
pub const PROVINCE_PREFIXES: &[&str] = &PREFIXES;

// Derived at compile time so the prefixes can never drift from the names.
const PREFIXES: [&str; PROVINCES.len()] = {
    let mut out = [""; PROVINCES.len()];
    let mut i = 0;
    while i < PROVINCES.len() {
        out[i] = PROVINCES[i].0;
        i += 1;
    }
    out
};

/// Province name for a 3-digit prefix of Circular 07/2016.
pub fn province_of_id_prefix(prefix: &str) -> Option<&'static str> {
    PROVINCES.iter().find(|(code, _)| *code == prefix).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid test date")
    }

    #[test]
    fn emails_of_the_usual_shape_pass_and_others_are_named() {
        assert_eq!(check_email(" nhung.tran@gmail.com ").unwrap(), "nhung.tran@gmail.com");
        assert_eq!(check_email("a@b.vn").unwrap(), "a@b.vn");
        assert_eq!(check_email(""), Err(Problem::Empty));
        for bad in [
            "nhung.gmail.com",
            "@gmail.com",
            "nhung@gmail",
            "nhung@.vn",
            "nhung@gmail.",
            "a@b@c.vn",
            "nh ung@gmail.com",
            "nhung@gmail..com",
            "nhung@gm\u{202e}ail.com",
        ] {
            assert_eq!(check_email(bad), Err(Problem::EmailShape), "{bad}");
        }
        // 254 characters is the most; one more is refused for its length.
        let at_most = format!("{}@b.vn", "a".repeat(249));
        assert_eq!(at_most.chars().count(), 254);
        assert!(check_email(&at_most).is_ok());
        assert_eq!(check_email(&format!("a{at_most}")), Err(Problem::EmailTooLong));
    }

    #[test]
    fn id_hanoi_male_1999() {
        let (id, warnings) = check_personal_id("001099012345", today()).expect("valid ID");
        assert_eq!(id, "001099012345");
        assert!(warnings.is_empty());
        assert_eq!(province_of_id_prefix(&id[..3]), Some("Hà Nội"));
    }

    #[test]
    fn id_thanh_hoa_female_2005() {
        let (id, warnings) = check_personal_id("038305001234", today()).expect("valid ID");
        assert_eq!(id, "038305001234");
        assert!(warnings.is_empty());
        assert_eq!(province_of_id_prefix("038"), Some("Thanh Hóa"));
    }

    #[test]
    fn id_spaces_and_dots_are_removed() {
        let (id, _) = check_personal_id(" 001 099.012345 ", today()).expect("valid ID");
        assert_eq!(id, "001099012345");
    }

    #[test]
    fn id_wrong_length_or_not_digits() {
        assert_eq!(check_personal_id("0010990123456", today()), Err(Problem::IdLength(13)));
        assert_eq!(check_personal_id("12345678901a", today()), Err(Problem::IdNotDigits));
        assert_eq!(check_personal_id("  ", today()), Err(Problem::Empty));
    }

    #[test]
    fn id_birth_year_in_the_future() {
        assert_eq!(check_personal_id("001299012345", today()), Err(Problem::IdBirthYearFuture(2099)));
        // The boundary: born this very year is fine.
        assert!(check_personal_id("001226012345", today()).is_ok());
        assert_eq!(check_personal_id("001227012345", today()), Err(Problem::IdBirthYearFuture(2027)));
    }

    #[test]
    fn id_century_not_begun() {
        assert_eq!(check_personal_id("001400012345", today()), Err(Problem::IdCentury('4')));
        assert_eq!(check_personal_id("001999012345", today()), Err(Problem::IdCentury('9')));
    }

    #[test]
    fn id_unknown_province_warns() {
        let (id, warnings) = check_personal_id("003099012345", today()).expect("only a warning");
        assert_eq!(id, "003099012345");
        assert_eq!(warnings, vec![Warning::UnknownProvince("003".to_string())]);
    }

    #[test]
    fn id_legacy_nine_digits() {
        let (id, warnings) = check_personal_id("125 678 901", today()).expect("legacy ID");
        assert_eq!(id, "125678901");
        assert_eq!(warnings, vec![Warning::LegacyId]);
    }

    #[test]
    fn province_table_is_complete_and_consistent() {
        assert_eq!(PROVINCES.len(), 63);
        assert_eq!(PROVINCE_PREFIXES.len(), 63);
        for prefix in PROVINCE_PREFIXES {
            assert!(province_of_id_prefix(prefix).is_some(), "{prefix}");
        }
        assert_eq!(province_of_id_prefix("096"), Some("Cà Mau"));
        assert_eq!(province_of_id_prefix("003"), None);
        assert_eq!(province_of_id_prefix(""), None);
    }

    #[test]
    fn phone_normalised() {
        assert_eq!(check_phone("0912 345 678"), Ok("0912345678".to_string()));
        assert_eq!(check_phone("0912.345-678"), Ok("0912345678".to_string()));
        assert_eq!(check_phone("+84912345678"), Ok("0912345678".to_string()));
        assert_eq!(check_phone("+84 912 345 678"), Ok("0912345678".to_string()));
    }

    #[test]
    fn phone_problems() {
        assert_eq!(check_phone("912345678"), Err(Problem::PhonePrefix));
        assert_eq!(check_phone("09123456789"), Err(Problem::PhoneLength(11)));
        assert_eq!(check_phone("091234567"), Err(Problem::PhoneLength(9)));
        assert_eq!(check_phone("0912 34a 678"), Err(Problem::PhoneNotDigits));
        assert_eq!(check_phone("+1 912"), Err(Problem::PhoneNotDigits));
        assert_eq!(check_phone(" - "), Err(Problem::Empty));
    }

    #[test]
    fn name_rules() {
        assert_eq!(check_name("Nguyen Van 2"), Err(Problem::NameBadChars));
        assert_eq!(check_name("  Nguyễn   Thị Mai-Anh "), Ok("Nguyễn Thị Mai-Anh".to_string()));
        assert_eq!(check_name("ĐỖ THỊ ĐÀO"), Ok("ĐỖ THỊ ĐÀO".to_string()));
        assert_eq!(check_name("H'Hen Niê"), Ok("H'Hen Niê".to_string()));
        assert_eq!(check_name("  "), Err(Problem::Empty));
        assert_eq!(check_name("Lê @ Văn"), Err(Problem::NameBadChars));
        assert_eq!(check_name("- ."), Err(Problem::NameBadChars));
    }

    #[test]
    fn name_is_nfc_and_length_limited() {
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(check_name(decomposed), Ok("Nguyễn".to_string()));
        assert!(check_name(&"a".repeat(100)).is_ok());
        assert_eq!(check_name(&"a".repeat(101)), Err(Problem::NameTooLong));
    }
}
