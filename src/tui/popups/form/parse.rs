//! Text typed into the form to typed values. Each parser returns the message shown next to
//! the field when the text cannot be used.

use crate::i18n::{current, ui, M};
use crate::model::{parse_date, Date, MAX_LAG_DAYS};
use crate::tr;

/// `YYYY-MM-DD` with a real calendar day.
pub fn date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ui(M::ParseNeedsDate).to_string());
    }
    if let Some(date) = parse_date(text) {
        return Ok(date);
    }
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if shaped {
        Err(tr!(current(), ParseNotRealDate, text = text))
    } else {
        Err(tr!(current(), ParseNotDate, text = text))
    }
}

/// A whole number without sign or separators.
fn digits(text: &str) -> Option<&str> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// A money amount: plain digits, or digits grouped by threes with one kind of separator
/// (`2.500.000`, `2,500,000`, `2_500_000`, `2 500 000`). Anything looser is refused rather
/// than guessed, so `1.5` is never read as fifteen. Empty text is `None`.
pub fn amount(text: &str) -> Result<Option<u64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = || tr!(current(), ParseNotAmount, text = text);
    let plain = if digits(text).is_some() {
        text.to_string()
    } else {
        let separator = text
            .chars()
            .find(|c| !c.is_ascii_digit())
            .ok_or_else(refuse)?;
        if !matches!(separator, '.' | ',' | '_' | ' ') {
            return Err(refuse());
        }
        let groups: Vec<&str> = text.split(separator).collect();
        let first_ok = groups
            .first()
            .is_some_and(|g| digits(g).is_some() && g.len() <= 3);
        let rest_ok = groups[1..]
            .iter()
            .all(|g| digits(g).is_some() && g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(refuse());
        }
        groups.concat()
    };
    plain
        .parse::<u64>()
        .map(Some)
        .map_err(|_| tr!(current(), ParseTooLarge, text = text))
}

/// A whole number from `min` to `max`, with an optional sign.
pub fn whole(text: &str, min: i64, max: i64) -> Result<i64, String> {
    let text = text.trim();
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    let body = unsigned.strip_prefix('-').unwrap_or(unsigned);
    if digits(body).is_none() {
        return Err(if text.is_empty() {
            ui(M::ParseNeedsNumber).to_string()
        } else {
            tr!(current(), ParseNotWhole, text = text)
        });
    }
    match unsigned.parse::<i64>() {
        Ok(n) if n < min => Err(tr!(current(), ParseLess, n = n, min = min)),
        Ok(n) if n > max => Err(tr!(current(), ParseMore, n = n, max = max)),
        Ok(n) => Ok(n),
        Err(_) => Err(tr!(current(), ParseOutOfRange, text = text)),
    }
}

/// Percent done, 0 to 100.
pub fn progress(text: &str) -> Result<u8, String> {
    whole(text, 0, 100).map(|n| u8::try_from(n).unwrap_or(100))
}

/// A lag in days; negative is a lead.
pub fn lag(text: &str) -> Result<i64, String> {
    if text.trim().is_empty() {
        return Ok(0);
    }
    whole(text, -MAX_LAG_DAYS, MAX_LAG_DAYS)
}

pub fn year(text: &str) -> Result<i32, String> {
    whole(text, 1900, 2200).map(|n| i32::try_from(n).unwrap_or(1900))
}

/// A talent line's year: empty means every year the item is active.
pub fn optional_year(text: &str) -> Result<Option<i32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    year(text).map(Some)
}

pub fn count(text: &str) -> Result<u32, String> {
    whole(text, 0, i64::from(u32::MAX)).map(|n| u32::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_days() {
        assert_eq!(
            date("2025-02-28"),
            Ok(Date::from_ymd_opt(2025, 2, 28).unwrap())
        );
        assert_eq!(
            date("2025-02-30"),
            Err("2025-02-30 is not a real calendar date".into())
        );
        assert_eq!(
            date("30/02/2025"),
            Err("\"30/02/2025\" is not a date; write YYYY-MM-DD".into())
        );
        assert!(date("  ").is_err());
    }

    #[test]
    fn amounts_accept_grouping_by_threes_only() {
        assert_eq!(amount("2700000000000"), Ok(Some(2_700_000_000_000)));
        assert_eq!(amount("2.700.000"), Ok(Some(2_700_000)));
        assert_eq!(amount("12,500"), Ok(Some(12_500)));
        assert_eq!(amount("1 000"), Ok(Some(1_000)));
        assert_eq!(amount(""), Ok(None));
        assert!(amount("1.5").is_err());
        assert!(amount("1.000,5").is_err());
        assert!(amount("abc").is_err());
        assert!(amount("-5").is_err());
        assert_eq!(
            amount("99999999999999999999"),
            Err("99999999999999999999 is too large".into())
        );
    }

    #[test]
    fn numbers_have_ranges() {
        assert_eq!(progress("100"), Ok(100));
        assert_eq!(progress("101"), Err("101 is more than 100".into()));
        assert_eq!(progress("300"), Err("300 is more than 100".into()));
        assert_eq!(progress("-1"), Err("-1 is less than 0".into()));
        assert_eq!(lag("-60"), Ok(-60));
        assert_eq!(lag("+30"), Ok(30));
        assert_eq!(lag(""), Ok(0));
        assert!(lag("36501").is_err());
        assert!(lag("1e3").is_err());
        assert_eq!(year("2026"), Ok(2026));
        assert!(year("26").is_err());
        assert_eq!(optional_year(" "), Ok(None));
        assert_eq!(optional_year("2027"), Ok(Some(2027)));
        assert!(optional_year("1899").is_err());
        assert_eq!(count("40"), Ok(40));
    }
}
