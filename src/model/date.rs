//! Calendar dates as written in roadmap files: `YYYY-MM-DD`, nothing looser.

pub type Date = chrono::NaiveDate;

/// Parses exactly `YYYY-MM-DD` with a real calendar day (`2023-02-30` is refused).
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).ok()?;
    Date::from_ymd_opt(year, number(5..7), number(8..10))
}

pub fn format_date(date: Date) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_dates_only() {
        assert_eq!(parse_date("2024-02-29"), Date::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("2023-1-01"), None);
        assert_eq!(parse_date("2023-01-01T00:00"), None);
        assert_eq!(parse_date("+023-01-01"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("２０２３-01-01"), None);
    }

    #[test]
    fn formats_with_zero_padding() {
        let date = Date::from_ymd_opt(905, 3, 7).unwrap();
        assert_eq!(format_date(date), "0905-03-07");
        assert_eq!(parse_date("0905-03-07"), Some(date));
    }
}
