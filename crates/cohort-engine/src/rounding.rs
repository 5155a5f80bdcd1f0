//! RULES.md §5 rounding: half away from zero to the minor unit, with Magento's carried
//! rounding deltas so that many small discounts add up to the right cents.

use cohort_domain::Currency;
use cohort_domain::money::pow10;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// Rounding carries for one pricing.
#[derive(Debug)]
pub(crate) struct Carries {
    currency: Currency,
    /// Keyed by the item's cumulative discount percent (Magento's
    /// `Utility::deltaRoundingFix`, keyed by `discount_percent`), as `percent_key`.
    by_percent: FxHashMap<i128, Decimal>,
}

impl Carries {
    pub fn new(currency: Currency) -> Carries {
        Carries {
            currency,
            by_percent: FxHashMap::default(),
        }
    }

    /// Rounds an item amount; items with a non-zero discount percent carry the rounding
    /// difference to the next item with the same percent (50 % of 5.99 and 15.99 is 3.00
    /// and 7.99, not 3.00 and 8.00).
    pub fn round_for_percent(&mut self, percent: Decimal, amount: Decimal) -> Decimal {
        if percent.is_zero() {
            return self.currency.round(amount);
        }
        let carry = self.by_percent.entry(percent_key(percent)).or_default();
        carry_round(self.currency, carry, amount)
    }
}

/// A percent as an exact integer number of 10^-28 units, so that equal values (10 and
/// 10.0) share a key without normalizing. Percents are within 0..=100 (compile clamps them,
/// sums are capped), so the product stays below 2^100; anything else would be a bug, and
/// still gets a key of its own value's sign.
fn percent_key(percent: Decimal) -> i128 {
    percent
        .mantissa()
        .checked_mul(pow10(28 - percent.scale().min(28)) as i128)
        .unwrap_or(if percent.is_sign_negative() {
            i128::MIN
        } else {
            i128::MAX
        })
}

/// Rounds `amount` plus `carry` to the minor unit and keeps what rounding took off as the
/// next carry.
pub(crate) fn carry_round(currency: Currency, carry: &mut Decimal, amount: Decimal) -> Decimal {
    // An amount in whole minor units (a cart-fixed share) plus less than half a unit rounds
    // back to itself and leaves the carry as it is: skip the decimal add and rounding.
    let minor = currency.minor_units();
    if amount.scale() <= minor && below_half_unit(*carry, minor) {
        return amount;
    }
    let with_carry = amount + *carry;
    let rounded = currency.round(with_carry);
    *carry = with_carry - rounded;
    rounded
}

/// `|x| < 0.5 × 10^-minor`, on the mantissa (a decimal comparison across scales rescales).
fn below_half_unit(x: Decimal, minor: u32) -> bool {
    let (scale, mantissa) = (x.scale(), x.mantissa().unsigned_abs());
    if scale <= minor {
        return mantissa == 0;
    }
    // mantissa / 10^scale < 5 / 10^(minor + 1)  ⇔  mantissa < 5 × 10^(scale − minor − 1);
    // scale ≤ 28, so the power fits.
    mantissa < 5 * pow10(scale - minor - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn percent_carry_moves_the_half_cent() {
        let mut c = Carries::new(Currency::USD);
        assert_eq!(c.round_for_percent(d("50"), d("2.995")), d("3.00"));
        assert_eq!(c.round_for_percent(d("50"), d("7.995")), d("7.99"));
    }

    #[test]
    fn equal_percents_share_a_carry() {
        let mut c = Carries::new(Currency::USD);
        assert_eq!(c.round_for_percent(d("10"), d("2.995")), d("3.00"));
        assert_eq!(c.round_for_percent(d("10.000"), d("7.995")), d("7.99"));
    }

    #[test]
    fn carries_are_kept_apart_by_key() {
        let mut c = Carries::new(Currency::USD);
        assert_eq!(c.round_for_percent(d("50"), d("2.995")), d("3.00"));
        assert_eq!(c.round_for_percent(d("25"), d("7.995")), d("8.00"));
        assert_eq!(c.round_for_percent(d("0"), d("7.995")), d("8.00"));
    }

    /// The whole-unit shortcut gives what the full computation gives, carry included.
    #[test]
    fn whole_units_keep_their_value_and_the_carry() {
        for (amount, carry) in [
            ("3.00", "0.004"),
            ("3.00", "-0.0049"),
            ("3", "0.001"),
            ("3.00", "0.005"),
            ("0.00", "-0.005"),
            ("3.00", "-0.005"),
        ] {
            let (amount, carry) = (d(amount), d(carry));
            let mut fast = carry;
            let got = carry_round(Currency::USD, &mut fast, amount);
            let with_carry = amount + carry;
            let want = Currency::USD.round(with_carry);
            assert_eq!(got, want, "{amount} + {carry}");
            assert_eq!(fast, with_carry - want, "{amount} + {carry}");
        }
    }

    #[test]
    fn half_units_on_mantissas() {
        for (x, below) in [
            ("0", true),
            ("0.00", true),
            ("0.01", false),
            ("0.0049999999999999999999999999", true),
            ("-0.0049", true),
            ("0.005", false),
            ("-0.005", false),
            ("0.00500", false),
            ("1", false),
        ] {
            assert_eq!(below_half_unit(d(x), 2), below, "{x}");
            assert_eq!(below_half_unit(d(x), 2), d(x).abs() < d("0.005"), "{x}");
        }
    }

    #[test]
    fn rounds_to_the_currency_minor_unit() {
        let jpy = Currency::from_code("JPY").unwrap();
        let mut c = Carries::new(jpy);
        assert_eq!(c.round_for_percent(d("10"), d("10.5")), d("11"));
        assert_eq!(c.round_for_percent(d("10"), d("10.5")), d("10"));
    }
}
