//! Decimal money: ISO 4217 currencies with their minor units, strict decimal parsing and
//! rounding half away from zero (Magento's `PriceCurrency::round`).

use std::fmt;

use rust_decimal::Decimal;

/// An ISO 4217 currency and its exponent (USD 2, JPY 0, KWD 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    minor_units: u32,
}

/// Active ISO 4217 codes with their exponents. Funds codes and precious metals are left out:
/// nobody prices a cart in them.
#[rustfmt::skip]
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("ANG", 2), ("AOA", 2), ("ARS", 2),
    ("AUD", 2), ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2),
    ("BHD", 3), ("BIF", 0), ("BMD", 2), ("BND", 2), ("BOB", 2), ("BRL", 2), ("BSD", 2),
    ("BTN", 2), ("BWP", 2), ("BYN", 2), ("BZD", 2), ("CAD", 2), ("CDF", 2), ("CHF", 2),
    ("CLP", 0), ("CNY", 2), ("COP", 2), ("CRC", 2), ("CUP", 2), ("CVE", 2), ("CZK", 2),
    ("DJF", 0), ("DKK", 2), ("DOP", 2), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2),
    ("EUR", 2), ("FJD", 2), ("FKP", 2), ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2),
    ("GMD", 2), ("GNF", 0), ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HTG", 2),
    ("HUF", 2), ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0),
    ("JMD", 2), ("JOD", 3), ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0),
    ("KPW", 2), ("KRW", 0), ("KWD", 3), ("KYD", 2), ("KZT", 2), ("LAK", 2), ("LBP", 2),
    ("LKR", 2), ("LRD", 2), ("LSL", 2), ("LYD", 3), ("MAD", 2), ("MDL", 2), ("MGA", 2),
    ("MKD", 2), ("MMK", 2), ("MNT", 2), ("MOP", 2), ("MRU", 2), ("MUR", 2), ("MVR", 2),
    ("MWK", 2), ("MXN", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2), ("NGN", 2), ("NIO", 2),
    ("NOK", 2), ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2), ("PGK", 2),
    ("PHP", 2), ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2),
    ("RUB", 2), ("RWF", 0), ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2),
    ("SGD", 2), ("SHP", 2), ("SLE", 2), ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2),
    ("SVC", 2), ("SYP", 2), ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3),
    ("TOP", 2), ("TRY", 2), ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0),
    ("USD", 2), ("UYI", 0), ("UYU", 2), ("UYW", 4), ("UZS", 2), ("VES", 2), ("VND", 0),
    ("VUV", 0), ("WST", 2), ("XAF", 0), ("XCD", 2), ("XOF", 0), ("XPF", 0), ("YER", 2),
    ("ZAR", 2), ("ZMW", 2), ("ZWG", 2),
];

impl Currency {
    pub const USD: Currency = Currency {
        code: "USD",
        minor_units: 2,
    };

    /// The currency for an ISO 4217 code (exact, upper-case); `None` when unknown.
    pub fn from_code(code: &str) -> Option<Currency> {
        CURRENCIES
            .binary_search_by(|(c, _)| (*c).cmp(code))
            .ok()
            .map(|i| Currency {
                code: CURRENCIES[i].0,
                minor_units: CURRENCIES[i].1,
            })
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn minor_units(&self) -> u32 {
        self.minor_units
    }

    /// Rounds half away from zero to the minor unit, as Magento's `PriceCurrency::round`.
    pub fn round(&self, amount: Decimal) -> Decimal {
        round_half_away(amount, self.minor_units)
    }

    /// Rounds, then prints with exactly the minor unit's number of decimals (`"5.00"`).
    pub fn format(&self, amount: Decimal) -> String {
        self.format_into(amount, &mut AmountText::default())
            .to_owned()
    }

    /// [`Currency::format`] without an allocation: the text is written into `out` and
    /// borrowed from it. Every amount of every answer goes through here, so the digits are
    /// written directly instead of through `Decimal`'s `Display`; the gRPC answer copies
    /// them straight into the encoded message.
    pub fn format_into<'a>(&self, amount: Decimal, out: &'a mut AmountText) -> &'a str {
        self.format_ascii(amount, out);
        out.text()
    }

    /// [`Currency::format_into`] as the ASCII bytes written (what a wire encoder copies),
    /// without the UTF-8 check of a `&str`.
    pub fn format_ascii<'a>(&self, amount: Decimal, out: &'a mut AmountText) -> &'a [u8] {
        let rounded = self.round(amount);
        let dp = self.minor_units;
        // After rounding, scale ≤ dp; widen the mantissa to exactly dp places.
        let widen = dp - rounded.scale().min(dp);
        let mantissa = rounded.mantissa();
        // Money fits 64 bits almost always: widened and printed there, each digit a
        // multiply-shift instead of a 128-bit division.
        if let Ok(magnitude) = u64::try_from(mantissa.unsigned_abs())
            && let Some(widened) = magnitude.checked_mul(pow10(widen) as u64)
        {
            return fixed_point_u64(mantissa < 0, widened, dp, out);
        }
        match mantissa.checked_mul(pow10(widen) as i128) {
            Some(m) if m.unsigned_abs() < 1u128 << 96 => {
                fixed_point(m, dp, out);
            }
            // Beyond 96 bits `rescale` keeps fewer places: print what it prints.
            _ => {
                let mut rounded = rounded;
                rounded.rescale(dp);
                if rounded.is_zero() {
                    rounded.set_sign_positive(true);
                }
                out.set(&rounded.to_string());
            }
        }
        &out.bytes[out.at..]
    }
}

/// `10^n` for `n ≤ 38`, from a table (`pow` on a run-time exponent is a loop of 128-bit
/// multiplications, and money code raises 10 to a scale on every amount).
///
/// # Panics
/// When `n > 38` (10^39 is beyond `u128`); scales are at most 28.
pub const fn pow10(n: u32) -> u128 {
    POW10[n as usize]
}

const POW10: [u128; 39] = {
    let mut table = [1u128; 39];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// Room for one printed amount: a 96-bit mantissa has at most 29 digits, plus the sign and
/// the decimal point.
#[derive(Debug)]
pub struct AmountText {
    bytes: [u8; 40],
    at: usize,
}

impl Default for AmountText {
    fn default() -> Self {
        AmountText {
            bytes: [0; 40],
            at: 40,
        }
    }
}

impl AmountText {
    fn set(&mut self, text: &str) -> &str {
        let n = text.len().min(self.bytes.len());
        self.at = self.bytes.len() - n;
        self.bytes[self.at..].copy_from_slice(&text.as_bytes()[..n]);
        self.text()
    }

    fn text(&self) -> &str {
        // Only ASCII ('0'–'9', '.', '-') is ever written.
        std::str::from_utf8(&self.bytes[self.at..]).unwrap_or("")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// [`fixed_point`] for a magnitude within 64 bits (`negative` its sign): the `dp` fraction
/// digits, the point, then the integer digits (at least one).
fn fixed_point_u64(negative: bool, magnitude: u64, dp: u32, out: &mut AmountText) -> &[u8] {
    let digits = &mut out.bytes;
    let mut at = digits.len();
    let mut rest = magnitude;
    for _ in 0..dp {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    if dp > 0 {
        at -= 1;
        digits[at] = b'.';
    }
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if negative && magnitude != 0 {
        at -= 1;
        digits[at] = b'-';
    }
    out.at = at;
    &out.bytes[at..]
}

/// `mantissa / 10^dp` with exactly `dp` decimals, right-aligned in `out`; zero is never
/// negative ("-0.00"). `|mantissa| < 2^96` and `dp ≤ 28`, so it fits.
fn fixed_point(mantissa: i128, dp: u32, out: &mut AmountText) -> &str {
    let digits = &mut out.bytes;
    let mut at = digits.len();
    let mut written = 0;
    let mut put = |digit: u8, at: &mut usize, written: &mut u32| {
        if *written == dp && dp > 0 {
            *at -= 1;
            digits[*at] = b'.';
        }
        *at -= 1;
        digits[*at] = b'0' + digit;
        *written += 1;
    };
    let magnitude = mantissa.unsigned_abs();
    // Amounts fit in 64 bits almost always; 128-bit division is a library call.
    if let Ok(mut rest) = u64::try_from(magnitude) {
        while rest > 0 || written <= dp {
            put((rest % 10) as u8, &mut at, &mut written);
            rest /= 10;
        }
    } else {
        let mut rest = magnitude;
        while rest > 0 || written <= dp {
            put((rest % 10) as u8, &mut at, &mut written);
            rest /= 10;
        }
    }
    if mantissa < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    out.at = at;
    out.text()
}

/// `amount` rounded half away from zero to `dp` decimals: exactly
/// `round_dp_with_strategy(dp, MidpointAwayFromZero)` (sign of a zero result and scale
/// included), in one 128-bit division instead of rust_decimal's digit-group loop, which
/// dominates pricing's cost for the 28-digit quotients of proportional shares.
fn round_half_away(amount: Decimal, dp: u32) -> Decimal {
    let scale = amount.scale();
    if scale <= dp {
        return amount;
    }
    let mantissa = amount.mantissa();
    // Money almost always fits 64 bits, where the division is one instruction instead of
    // a 128-bit library call.
    if scale - dp <= 19
        && let Ok(magnitude) = u64::try_from(mantissa.unsigned_abs())
    {
        let divisor = pow10(scale - dp) as u64;
        let (quotient, remainder) = (magnitude / divisor, magnitude % divisor);
        let rounded = quotient + u64::from(remainder >= divisor - remainder);
        let signed = if mantissa < 0 {
            -i128::from(rounded)
        } else {
            i128::from(rounded)
        };
        return Decimal::from_i128_with_scale(signed, dp);
    }
    // scale ≤ 28, so the divisor fits: 10^28 < 2^94.
    let rounded = div_half_away(mantissa, pow10(scale - dp) as i128);
    // |rounded| ≤ |mantissa| < 2^96 whenever the division drops a digit (divisor ≥ 10).
    // A zero result is positive, as `Decimal::from_parts` makes rust_decimal's.
    Decimal::from_i128_with_scale(rounded, dp)
}

/// `numerator / divisor` rounded half away from zero, for `divisor > 0` (the rounding of
/// money, on integers: the engine's exact cart-fixed shares use it too).
pub fn div_half_away(numerator: i128, divisor: i128) -> i128 {
    let (quotient, remainder) = (numerator / divisor, numerator % divisor);
    // |remainder| < divisor, so neither side overflows.
    if remainder.unsigned_abs() >= divisor.unsigned_abs() - remainder.unsigned_abs() {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// `amount.max(Decimal::ZERO)`, exactly (rust_decimal's `max` keeps `self` on a tie, so a
/// zero keeps its sign and scale), without the general comparison: the engine clamps every
/// line amount this way.
pub fn non_negative(amount: Decimal) -> Decimal {
    if amount.is_sign_negative() && !amount.is_zero() {
        Decimal::ZERO
    } else {
        amount
    }
}

/// Parses a `YYYY-MM-DD` date strictly (exactly ten characters: no time, no padding); the
/// one date form of rule dates, coupon expiries and stored `expires_on` columns.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses a decimal string strictly: optional sign, digits, optional fraction. No exponent,
/// no spaces, no thousands separators, at most 28 significant digits.
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let well_formed = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(format!("{s:?} is not a decimal number"));
    }
    s.parse::<Decimal>()
        .map_err(|_| format!("{s:?} is out of the supported decimal range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::RoundingStrategy;

    fn d(s: &str) -> Decimal {
        parse_decimal(s).unwrap()
    }

    /// The fast rounding equals rust_decimal's on every scale, sign and magnitude (seeded).
    #[test]
    fn rounding_matches_rust_decimal() {
        let mut state: u64 = 0x5EED;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        for case in 0..50_000u32 {
            let bits = 1 + next() % 96;
            let raw = (u128::from(next()) << 64 | u128::from(next())) >> (128 - bits);
            let mut mantissa = raw as i128;
            // Midpoints and near-midpoints are where rounding goes wrong: make many.
            if case % 3 == 0 {
                mantissa = mantissa / 10 * 10 + 5;
            }
            if next() % 2 == 0 {
                mantissa = -mantissa;
            }
            let scale = (next() % 29) as u32;
            let Ok(value) = Decimal::try_from_i128_with_scale(mantissa, scale) else {
                continue;
            };
            for dp in [0, 2, 3, 4] {
                let want = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
                let got = round_half_away(value, dp);
                assert_eq!(
                    (got, got.scale(), got.is_sign_negative(), got.to_string()),
                    (
                        want,
                        want.scale(),
                        want.is_sign_negative(),
                        want.to_string()
                    ),
                    "{value} to {dp} places"
                );
            }
        }
    }

    /// `non_negative` is `max(ZERO)` to the scale and sign, zeros of every sign and scale
    /// included.
    #[test]
    fn non_negative_is_max_zero() {
        let mut values = vec![
            Decimal::ZERO,
            -Decimal::ZERO,
            d("0.00"),
            d("-0.00"),
            d("-0.01"),
        ];
        values.extend(
            (0..2_000i64).map(|i| Decimal::new(i * 7919 % 20_001 - 10_000, (i % 5) as u32)),
        );
        for value in values {
            let (want, got) = (value.max(Decimal::ZERO), non_negative(value));
            assert_eq!(
                (got, got.scale(), got.is_sign_negative()),
                (want, want.scale(), want.is_sign_negative()),
                "{value}"
            );
        }
    }

    #[test]
    fn the_power_table_is_the_powers_of_ten() {
        for n in 0..=38 {
            assert_eq!(pow10(n), 10u128.pow(n), "10^{n}");
        }
    }

    /// The direct formatting prints what `Decimal`'s rescale + Display printed (seeded).
    #[test]
    fn formatting_matches_decimal_display() {
        let old = |currency: &Currency, amount: Decimal| {
            let mut rounded = currency.round(amount);
            rounded.rescale(currency.minor_units);
            if rounded.is_zero() {
                rounded.set_sign_positive(true);
            }
            rounded.to_string()
        };
        let currencies: Vec<Currency> = ["USD", "JPY", "KWD", "UYW"]
            .into_iter()
            .filter_map(Currency::from_code)
            .collect();
        let mut state: u64 = 0xF0_4A7;
        for case in 0..50_000u32 {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let bits = 1 + (z % 96) as u32;
            let raw = (u128::from(z.rotate_left(17)) << 64 | u128::from(z)) >> (128 - bits);
            let mantissa = if case % 2 == 0 {
                raw as i128
            } else {
                -(raw as i128)
            };
            let Ok(value) = Decimal::try_from_i128_with_scale(mantissa, case % 29) else {
                continue;
            };
            for c in &currencies {
                assert_eq!(c.format(value), old(c, value), "{value} in {}", c.code());
            }
        }
        for (value, want) in [
            ("0", "0.00"),
            ("-0.001", "0.00"),
            ("-1.005", "-1.01"),
            ("7", "7.00"),
        ] {
            assert_eq!(Currency::USD.format(d(value)), want);
        }
    }

    #[test]
    fn currencies_are_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn exponents_follow_iso_4217() {
        assert_eq!(Currency::from_code("USD").unwrap().minor_units(), 2);
        assert_eq!(Currency::from_code("JPY").unwrap().minor_units(), 0);
        assert_eq!(Currency::from_code("KWD").unwrap().minor_units(), 3);
        assert!(Currency::from_code("usd").is_none());
        assert!(Currency::from_code("XXX").is_none());
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let usd = Currency::USD;
        assert_eq!(usd.round(d("2.345")), d("2.35"));
        assert_eq!(usd.round(d("-2.345")), d("-2.35"));
        assert_eq!(usd.round(d("2.344")), d("2.34"));
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(jpy.format(d("150.5")), "151");
    }

    #[test]
    fn formats_with_exactly_the_minor_units() {
        assert_eq!(Currency::USD.format(d("5")), "5.00");
        assert_eq!(Currency::USD.format(d("-0.001")), "0.00");
        assert_eq!(
            Currency::from_code("KWD").unwrap().format(d("1.5")),
            "1.500"
        );
    }

    #[test]
    fn parsing_is_strict() {
        for bad in [
            "", "abc", "1e5", " 1", "1.", ".5", "1,5", "--1", "1.2.3", "NaN",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(d("-1.50"), Decimal::new(-150, 2));
        assert_eq!(d("+2"), Decimal::new(2, 0));
        assert!(parse_decimal("1".repeat(40).as_str()).is_err());
    }
}
