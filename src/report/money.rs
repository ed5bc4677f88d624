//! Amounts of money as planners read them.
//!
//! The compact form ([`format_money`]) is for tables. Amounts below one million are written in
//! full with thousands separators (`IDR 950,000`). From one million up, the figure is given in
//! the largest of M (million), B (billion) and T (trillion) that keeps it below 1,000 after
//! rounding, with two decimals below 10 and one decimal otherwise, rounded half up:
//! `IDR 2.70 T`, `IDR 900.0 B`, `IDR 12.5 M`. So at least three significant digits always
//! show, and 999,960,000 becomes `1.00 B`, never `1000.0 M`. Trillions are the largest unit:
//! `IDR 1,500.0 T`. [`format_amount_full`] writes every digit: `2,700,000,000,000`.
//!
//! Rupiah (`IDR`) are written as Indonesian planners write them: `Rp` with juta, miliar and
//! triliun (`jt`, `M`, `T`), a decimal comma, one decimal below 100 (left out when it is 0) and
//! none from 100 up: `Rp 2,7 T`, `Rp 16,8 T`, `Rp 900 M`, `Rp 15 jt`, `Rp 950.000`.
//!
//! The words and separators live in a [`NumberStyle`] so another language can supply its own.

/// Separators and unit suffixes for one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// Between groups of three digits.
    pub group: char,
    /// Before the decimals.
    pub decimal: char,
    /// Only [`format_short`] uses thousands; tables write them in full.
    pub thousand: &'static str,
    pub million: &'static str,
    pub billion: &'static str,
    pub trillion: &'static str,
    /// Decimals when the figure is below 10, below 100, and from 100 up.
    pub decimals: (u32, u32, u32),
    /// Leave out a fraction of zero: `15 jt`, not `15,0 jt`.
    pub drop_zero_fraction: bool,
}

pub const ENGLISH: NumberStyle = NumberStyle {
    group: ',',
    decimal: '.',
    thousand: "K",
    million: "M",
    billion: "B",
    trillion: "T",
    decimals: (2, 1, 1),
    drop_zero_fraction: false,
};

/// Rupiah: juta, miliar, triliun.
pub const RUPIAH: NumberStyle = NumberStyle {
    group: '.',
    decimal: ',',
    thousand: "rb",
    million: "jt",
    billion: "M",
    trillion: "T",
    decimals: (1, 1, 0),
    drop_zero_fraction: true,
};

/// Other currencies in Indonesian text: the rupiah's separators and words with the English
/// decimals, so `USD 2,70 M` (miliar) reads as Indonesian planners write it.
pub const INDONESIAN: NumberStyle = NumberStyle {
    decimals: (2, 1, 1),
    drop_zero_fraction: false,
    ..RUPIAH
};

/// How amounts in a currency are written: the label in front and the number style.
fn written(currency: &str) -> (&str, &'static NumberStyle) {
    if currency == "IDR" {
        ("Rp", &RUPIAH)
    } else {
        (currency, &ENGLISH)
    }
}

/// `USD 2.70 B`, `Rp 2,7 T` for rupiah; without a currency just `2.70 T`.
pub fn format_money(amount: u128, currency: &str) -> String {
    let (label, style) = written(currency);
    format_money_in(amount, label, style)
}

pub fn format_money_in(amount: u128, currency: &str, style: &NumberStyle) -> String {
    let number = compact(amount, style, 1);
    if currency.is_empty() {
        number
    } else {
        format!("{currency} {number}")
    }
}

/// [`format_money`] in a language: rupiah are always written the Indonesian way; other
/// currencies take the language's separators and unit words.
pub fn format_money_lang(amount: u128, currency: &str, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Id if currency != "IDR" => {
            format_money_in(amount, currency, &INDONESIAN)
        }
        _ => format_money(amount, currency),
    }
}

/// Every digit, grouped the language's way: `2,700,000,000,000` or `2.700.000.000.000`.
pub fn format_amount_full_lang(amount: u128, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::En => grouped(amount, ENGLISH.group),
        crate::i18n::Lang::Id => grouped(amount, RUPIAH.group),
    }
}

/// The compact figure in the currency's style without naming it, for tables whose title names
/// the currency once: `2,7 T` for rupiah, `2.70 T` otherwise.
pub fn format_figure(amount: u128, currency: &str) -> String {
    compact(amount, written(currency).1, 1)
}

/// Every digit, grouped: `2,700,000,000,000`.
pub fn format_amount_full(amount: u128) -> String {
    grouped(amount, ENGLISH.group)
}

/// The compact rule starting at thousands, without a currency, for narrow places such as
/// chart labels: `950.0 K`, `12.5 M`, `999`.
pub fn format_short(amount: u128) -> String {
    compact(amount, &ENGLISH, 0)
}

fn grouped(amount: u128, separator: char) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// `amount / unit` with `decimals` decimals, rounded half up, as an integer count of the last
/// decimal. Splits off the whole part first so nothing overflows.
fn scaled(amount: u128, unit: u128, decimals: u32) -> u128 {
    let factor = 10u128.pow(decimals);
    let (whole, rest) = (amount / unit, amount % unit);
    whole * factor + (rest * factor + unit / 2) / unit
}

/// The compact form from unit `smallest` up (0 = thousand, 1 = million, ...).
fn compact(amount: u128, style: &NumberStyle, smallest: usize) -> String {
    let units: [(u128, &str); 4] = [
        (1_000, style.thousand),
        (1_000_000, style.million),
        (1_000_000_000, style.billion),
        (1_000_000_000_000, style.trillion),
    ];
    let Some(mut at) = (smallest..units.len())
        .rev()
        .find(|&i| amount >= units[i].0)
    else {
        return grouped(amount, style.group);
    };
    loop {
        let (unit, suffix) = units[at];
        let decimals_for = |figure: u128| match figure {
            0..=9 => style.decimals.0,
            10..=99 => style.decimals.1,
            _ => style.decimals.2,
        };
        let mut decimals = decimals_for(amount / unit);
        let mut value = scaled(amount, unit, decimals);
        // 9.996 rounds to 10.00: the rounded figure decides how many decimals it shows.
        let rounded = decimals_for(value / 10u128.pow(decimals));
        if rounded != decimals {
            decimals = rounded;
            value = scaled(amount, unit, decimals);
        }
        let factor = 10u128.pow(decimals);
        let whole = value / factor;
        if whole >= 1_000 && at + 1 < units.len() {
            at += 1;
            continue;
        }
        let fraction = value % factor;
        if decimals == 0 || (style.drop_zero_fraction && fraction == 0) {
            return format!("{} {suffix}", grouped(whole, style.group));
        }
        return format!(
            "{}{}{:0width$} {suffix}",
            grouped(whole, style.group),
            style.decimal,
            fraction,
            width = decimals as usize
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_examples() {
        assert_eq!(format_money(2_700_000_000_000, "USD"), "USD 2.70 T");
        assert_eq!(format_money(900_000_000_000, "USD"), "USD 900.0 B");
        assert_eq!(format_money(12_500_000, "EUR"), "EUR 12.5 M");
        assert_eq!(format_money(12_549_999, "EUR"), "EUR 12.5 M");
        assert_eq!(format_money(12_550_000, "EUR"), "EUR 12.6 M");
        assert_eq!(format_money(1_000_000, "EUR"), "EUR 1.00 M");
        assert_eq!(format_money(999_999, "EUR"), "EUR 999,999");
        assert_eq!(format_money(950_000, ""), "950,000");
        assert_eq!(format_money(0, "EUR"), "EUR 0");
        assert_eq!(format_money(1_234_567_890, "USD"), "USD 1.23 B");
    }

    #[test]
    fn rupiah_in_juta_miliar_and_triliun() {
        assert_eq!(format_money(2_700_000_000_000, "IDR"), "Rp 2,7 T");
        assert_eq!(format_money(900_000_000_000, "IDR"), "Rp 900 M");
        assert_eq!(format_money(15_000_000, "IDR"), "Rp 15 jt");
        assert_eq!(format_money(15_500_000, "IDR"), "Rp 15,5 jt");
        assert_eq!(format_money(16_800_000_000_000, "IDR"), "Rp 16,8 T");
        assert_eq!(format_money(1_250_000_000, "IDR"), "Rp 1,3 M");
        assert_eq!(format_money(9_960_000, "IDR"), "Rp 10 jt");
        assert_eq!(format_money(99_960_000, "IDR"), "Rp 100 jt");
        assert_eq!(format_money(999_600_000_000, "IDR"), "Rp 1 T");
        assert_eq!(format_money(123_456_000_000, "IDR"), "Rp 123 M");
        assert_eq!(format_money(950_000, "IDR"), "Rp 950.000");
        assert_eq!(format_money(0, "IDR"), "Rp 0");
        assert_eq!(format_money(34_900_000_000_000_000, "IDR"), "Rp 34.900 T");
    }

    #[test]
    fn money_in_indonesian_text() {
        use crate::i18n::Lang;
        assert_eq!(
            format_money_lang(2_700_000_000_000, "IDR", Lang::Id),
            "Rp 2,7 T"
        );
        assert_eq!(
            format_money_lang(2_700_000_000_000, "IDR", Lang::En),
            "Rp 2,7 T"
        );
        assert_eq!(
            format_money_lang(2_700_000_000, "USD", Lang::Id),
            "USD 2,70 M"
        );
        assert_eq!(
            format_money_lang(2_700_000_000, "USD", Lang::En),
            "USD 2.70 B"
        );
        assert_eq!(format_money_lang(950_000, "USD", Lang::Id), "USD 950.000");
        assert_eq!(
            format_amount_full_lang(1_250_000_000, Lang::Id),
            "1.250.000.000"
        );
        assert_eq!(
            format_amount_full_lang(1_250_000_000, Lang::En),
            "1,250,000,000"
        );
    }

    #[test]
    fn figures_without_the_currency() {
        assert_eq!(format_figure(2_700_000_000_000, "IDR"), "2,7 T");
        assert_eq!(format_figure(900_000_000_000, "IDR"), "900 M");
        assert_eq!(format_figure(2_700_000_000_000, "USD"), "2.70 T");
        assert_eq!(format_figure(950_000, ""), "950,000");
    }

    #[test]
    fn rounding_moves_to_the_next_unit() {
        assert_eq!(format_money(9_996_000, ""), "10.0 M");
        assert_eq!(format_money(999_940_000, ""), "999.9 M");
        assert_eq!(format_money(999_960_000, ""), "1.00 B");
        assert_eq!(format_money(999_999_999_999, ""), "1.00 T");
    }

    #[test]
    fn trillions_are_the_largest_unit() {
        assert_eq!(format_money(1_500_000_000_000_000, ""), "1,500.0 T");
        assert_eq!(
            format_money(u128::MAX, ""),
            "340,282,366,920,938,463,463,374,607.4 T"
        );
    }

    #[test]
    fn full_amounts_and_short_labels() {
        assert_eq!(format_amount_full(2_700_000_000_000), "2,700,000,000,000");
        assert_eq!(format_amount_full(999), "999");
        assert_eq!(format_amount_full(1_000), "1,000");
        assert_eq!(format_amount_full(0), "0");
        assert_eq!(format_short(999), "999");
        assert_eq!(format_short(950_000), "950.0 K");
        assert_eq!(format_short(1_500), "1.50 K");
        assert_eq!(format_short(999_999), "1.00 M");
    }
}
