//! RULES.md §4: the discount each action gives a line, and the spread of a cart-fixed amount.

use cohort_domain::money::pow10;
use cohort_domain::rule::SimpleAction;
use cohort_domain::{Currency, div_half_away, non_negative};
use rust_decimal::Decimal;

use crate::compile::CompiledRule;
use crate::rounding::carry_round;
use cohort_domain::priced::RuleDiscount;

/// What pricing has done to one line so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemState {
    /// Σ rounded discounts so far.
    pub discount: Decimal,
    /// Cumulative percent of whole-line BY_PERCENT rules (Magento's `discount_percent`).
    pub discount_percent: Decimal,
    /// The rule whose "discard subsequent rules" stopped this line.
    pub stopped_by: Option<u64>,
    pub free_shipping: bool,
    pub free_shipping_qty: Option<Decimal>,
    /// Each rule that discounted the line, as the answer lists it (moved there at the end).
    pub discounts: Vec<RuleDiscount>,
    /// Rules that discounted the line or gave it free shipping, in order.
    pub applied: Vec<u64>,
}

/// The qty a rule discounts on a line: the line qty capped by `discount_qty`.
pub(crate) fn rule_qty(rule: &CompiledRule, line_qty: Decimal) -> Decimal {
    match rule.discount_qty {
        Some(cap) => line_qty.min(cap),
        None => line_qty,
    }
}

/// Step gating (RULES.md §3.2): why the rule skips a line, if it does. Without `detail`
/// the reason is left empty (no allocation): only traces and coupon messages show it.
pub(crate) fn gate(rule: &CompiledRule, line_qty: Decimal, detail: bool) -> Option<String> {
    let step = rule.step;
    // Most rules have no step: `0 > qty` needs no decimal comparison (a line's qty is
    // positive, but the test stays exact for any qty).
    if step.is_zero()
        && !detail
        && matches!(
            rule.rule.simple_action,
            SimpleAction::ByPercent | SimpleAction::ByFixed
        )
    {
        return (line_qty.is_sign_negative() && !line_qty.is_zero()).then(String::new);
    }
    match rule.rule.simple_action {
        SimpleAction::ByPercent | SimpleAction::ByFixed if step > line_qty && !detail => {
            Some(String::new())
        }
        SimpleAction::BuyXGetY if (step.is_zero() || step >= line_qty) && !detail => {
            Some(String::new())
        }
        SimpleAction::ByPercent | SimpleAction::ByFixed if step > line_qty => Some(format!(
            "discount step {step} is more than the line qty {}",
            line_qty.normalize()
        )),
        // Buy X get Y only gives when more than X units are on the line (BuyXGetY.php).
        SimpleAction::BuyXGetY if step.is_zero() || step >= line_qty => Some(format!(
            "buy {step} get {} needs more than {step} units, the line has {}",
            rule.amount.normalize(),
            line_qty.normalize()
        )),
        _ => None,
    }
}

/// The unrounded amount of a BY_PERCENT, BY_FIXED or BUY_X_GET_Y rule for one line, and the
/// units it makes free (buy X get Y, for the shipping share). Updates `discount_percent`
/// as Magento's `ByPercent::_calculate` does, before rounding reads it. `row_total` is the
/// line's `line_qty × unit_price`, computed once per pricing (a rule that discounts the
/// whole line needs no product of its own).
pub(crate) fn line_amount(
    rule: &CompiledRule,
    unit_price: Decimal,
    line_qty: Decimal,
    row_total: Decimal,
    state: &mut ItemState,
) -> (Decimal, Decimal) {
    let qty = rule_qty(rule, line_qty);
    let step = rule.step;
    let stepped = |q: Decimal| {
        if step.is_zero() {
            q
        } else {
            (q / step).floor() * step
        }
    };
    match rule.rule.simple_action {
        SimpleAction::ByPercent => {
            let whole = if rule.discount_qty.is_none() && step.is_zero() {
                row_total
            } else {
                stepped(qty) * unit_price
            };
            let base = non_negative(whole - state.discount);
            if rule.discount_qty.is_none_or(|cap| cap > line_qty) {
                state.discount_percent =
                    (state.discount_percent + rule.percent).min(Decimal::ONE_HUNDRED);
            }
            (percent_of(base, rule.percent), Decimal::ZERO)
        }
        SimpleAction::ByFixed => (stepped(qty) * rule.amount, Decimal::ZERO),
        SimpleAction::BuyXGetY => {
            let x = step;
            let y = rule.amount;
            let period = x + y;
            if x.is_zero() || period.is_zero() {
                return (Decimal::ZERO, Decimal::ZERO);
            }
            let full = (qty / period).floor();
            let free = non_negative(full * y + non_negative(qty - full * period - x))
                .min(non_negative(qty));
            // Free units are priced net of earlier discounts (effective unit price), in one
            // division: free × (price × qty − discount so far) / qty, so an exact half cent
            // stays exact for rounding instead of becoming a 28-digit quotient.
            let amount = if line_qty > Decimal::ZERO {
                let net = row_total - state.discount;
                // Within the cart bounds free × net can pass Decimal's range (10^33);
                // such a line is divided first.
                match free.checked_mul(net) {
                    Some(product) => product / line_qty,
                    None => free * (net / line_qty),
                }
            } else {
                free * unit_price
            };
            (non_negative(amount), free)
        }
        SimpleAction::CartFixed => (Decimal::ZERO, Decimal::ZERO),
    }
}

/// `amount × percent / 100`. Dividing by 100 is moving the decimal point: exact whenever
/// the product has two places of scale to spare, and much cheaper than a decimal division
/// (this runs for every line of every BY_PERCENT rule); otherwise it divides.
pub(crate) fn percent_of(amount: Decimal, percent: Decimal) -> Decimal {
    let mut product = amount * percent;
    let scale = product.scale();
    if scale + 2 <= 28 && product.set_scale(scale + 2).is_ok() {
        product
    } else {
        product / Decimal::ONE_HUNDRED
    }
}

/// One cart-fixed amount spread over its lines (RULES.md §4–5).
#[derive(Debug, PartialEq)]
pub(crate) struct CartFixedSplit {
    /// Per target line, in the order given.
    pub shares: Vec<Decimal>,
    /// The part that goes to shipping (`apply_to_shipping`).
    pub shipping: Decimal,
}

/// Spreads `rule.amount` over `targets` — each `(available, room)`: what the line is worth
/// net of earlier discounts (price × capped qty − discount) and how much more discount it
/// can take (its rounded row total − discount). Shares are proportional to `available`,
/// rounded with the rule's carry; the last line (or shipping, with `apply_to_shipping`)
/// takes the exact remainder, so the shares add up to the capped amount.
///
/// Each share is `total × available / denominator` plus the carry, computed exactly (see
/// [`Shares`]).
pub(crate) fn split_cart_fixed(
    rule: &CompiledRule,
    targets: &[(Decimal, Decimal)],
    shipping_left: Decimal,
    currency: Currency,
) -> CartFixedSplit {
    let pool: Decimal = targets.iter().map(|(a, _)| *a).sum();
    let to_shipping = rule.rule.apply_to_shipping;
    let shipping_left = if to_shipping {
        non_negative(shipping_left)
    } else {
        Decimal::ZERO
    };
    let denominator = pool + shipping_left;
    let mut split = CartFixedSplit {
        shares: Vec::with_capacity(targets.len()),
        shipping: Decimal::ZERO,
    };
    if denominator <= Decimal::ZERO {
        split.shares.resize(targets.len(), Decimal::ZERO);
        return split;
    }
    // The amount capped at what is left is a printed figure too: rounded, so the shares
    // (the last one is the remainder) are rounded and add up to it.
    let total = currency.round(currency.round(rule.amount).min(denominator));
    let mut shares = Shares::new(total, denominator, targets, currency);
    let mut given = Decimal::ZERO;
    for (i, (available, room)) in targets.iter().enumerate() {
        let last = i + 1 == targets.len() && !to_shipping;
        let share = if last {
            total - given
        } else {
            shares.next(*available)
        };
        let share = non_negative(share.min(*room));
        split.shares.push(share);
        given += share;
    }
    if to_shipping {
        split.shipping = non_negative((total - given).min(shipping_left));
    }
    split
}

/// Successive shares `round(total × available / denominator + carry)`, the rounding
/// difference carried to the next one.
enum Shares {
    /// In integers, exactly: no 28-digit quotient is rounded on the way.
    Exact(ExactShare),
    /// Amounts beyond 128-bit integers: `total × (available / denominator)` in decimals,
    /// whose 28-digit quotient can differ from the exact share in its last digits.
    Decimal {
        total: Decimal,
        denominator: Decimal,
        currency: Currency,
        carry: Decimal,
    },
}

impl Shares {
    fn new(
        total: Decimal,
        denominator: Decimal,
        targets: &[(Decimal, Decimal)],
        currency: Currency,
    ) -> Shares {
        match ExactShare::new(total, denominator, targets, currency.minor_units()) {
            Some(exact) => Shares::Exact(exact),
            None => Shares::Decimal {
                total,
                denominator,
                currency,
                carry: Decimal::ZERO,
            },
        }
    }

    fn next(&mut self, available: Decimal) -> Decimal {
        match self {
            Shares::Exact(exact) => exact.next(available),
            Shares::Decimal {
                total,
                denominator,
                currency,
                carry,
            } => carry_round(*currency, carry, *total * (available / *denominator)),
        }
    }
}

/// The exact shares: with every amount scaled to `scale` places, the share in minor units
/// is `numerator / divisor`, and the carry is the remainder, kept as a numerator over the
/// same divisor.
struct ExactShare {
    /// The common scale of the `available` amounts and the denominator.
    scale: u32,
    /// `total`'s mantissa, times 10^(minor − total's scale) when that is positive.
    factor: i128,
    /// The denominator at `scale` places, times 10^(total's scale − minor) when positive.
    divisor: i128,
    /// The carry, in units of 1 / `divisor` of a minor unit: |carry| ≤ divisor / 2.
    carry: i128,
    minor: u32,
}

impl ExactShare {
    /// `None` unless every share of these `targets` stays within 128 bits on the way and
    /// its result within a decimal's 96 bits: then `next` cannot overflow.
    fn new(
        total: Decimal,
        denominator: Decimal,
        targets: &[(Decimal, Decimal)],
        minor: u32,
    ) -> Option<ExactShare> {
        let scale = targets
            .iter()
            .map(|(a, _)| a.scale())
            .fold(denominator.scale(), u32::max);
        let mut factor = total.mantissa();
        let mut divisor = scaled(denominator, scale)?;
        if total.scale() <= minor {
            factor = factor.checked_mul(pow10(minor - total.scale()) as i128)?;
        } else {
            divisor = divisor.checked_mul(10i128.checked_pow(total.scale() - minor)?)?;
        }
        // numerator = factor × available + carry, and rounded × divisor is within half a
        // divisor of it: bounded by factor × available + divisor. available ≤ denominator
        // and total ≥ 0, so |rounded| ≤ factor + 1.
        for (available, _) in targets {
            scaled(*available, scale)?
                .checked_mul(factor)?
                .checked_add(divisor)?
                .checked_add(divisor)?;
        }
        (divisor > 0 && factor.unsigned_abs() < (1 << 96) - 1).then_some(ExactShare {
            scale,
            factor,
            divisor,
            carry: 0,
            minor,
        })
    }

    /// The next share (of one of the targets given to `new`), rounded half away from zero
    /// to the minor unit; the rest is carried.
    fn next(&mut self, available: Decimal) -> Decimal {
        let available = available.mantissa() * pow10(self.scale - available.scale()) as i128;
        let numerator = self.factor * available + self.carry;
        let rounded = div_half_away(numerator, self.divisor);
        self.carry = numerator - rounded * self.divisor;
        Decimal::from_i128_with_scale(rounded, self.minor)
    }
}

/// `value`'s mantissa at `scale` (≥ its own scale) places.
fn scaled(value: Decimal, scale: u32) -> Option<i128> {
    value
        .mantissa()
        .checked_mul(10i128.checked_pow(scale.checked_sub(value.scale())?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Moving the point gives the value the division gives, for every scale (seeded).
    #[test]
    fn percent_of_equals_the_division() {
        let mut state: u64 = 0x9E7C;
        for case in 0..20_000u32 {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let amount = Decimal::new((z >> 4) as i64 % 10_000_000_000, case % 29);
            let percent = Decimal::new((z % 10_001) as i64, (case / 29) % 3);
            assert_eq!(
                percent_of(amount, percent),
                amount * percent / Decimal::ONE_HUNDRED,
                "{amount} × {percent} %"
            );
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn cart_fixed(amount: &str, to_shipping: bool) -> CompiledRule {
        let rule = cohort_domain::rule::CartPriceRule {
            id: 1,
            simple_action: SimpleAction::CartFixed,
            discount_amount: d(amount),
            apply_to_shipping: to_shipping,
            ..Default::default()
        };
        crate::compile::RuleSet::compile(vec![rule], Default::default(), 1)
            .rules
            .remove(0)
    }

    /// Lines with room for any share.
    fn open(available: &[&str]) -> Vec<(Decimal, Decimal)> {
        available.iter().map(|a| (d(a), d(a))).collect()
    }

    /// RULES.md §5: 15 over 22, 14, 43, 7.50 and 0.00 is 15.00, never 14.99 or 15.01.
    #[test]
    fn shares_add_up_to_the_amount() {
        let rule = cart_fixed("15", false);
        let split = split_cart_fixed(
            &rule,
            &open(&["22", "14", "43", "7.50", "0.00"]),
            Decimal::ZERO,
            Currency::USD,
        );
        assert_eq!(
            split.shares,
            [d("3.82"), d("2.42"), d("7.46"), d("1.30"), d("0.00")]
        );
        assert_eq!(split.shares.iter().sum::<Decimal>(), d("15"));
    }

    /// An exact half rounds away from zero and its half unit is carried to the next share.
    #[test]
    fn an_exact_half_rounds_up_and_is_carried() {
        let rule = cart_fixed("0.03", true);
        let split = split_cart_fixed(&rule, &open(&["1", "1", "1", "1"]), d("2"), Currency::USD);
        // 0.03 × 1/6 = 0.005 each: 0.01, then 0.005 − 0.005 = 0.00, then 0.01 again.
        assert_eq!(split.shares, [d("0.01"), d("0.00"), d("0.01"), d("0.00")]);
        assert_eq!(split.shipping, d("0.01"));
    }

    /// Amounts beyond 128-bit integers at their common scale take the decimal path; the
    /// shares still add up to the amount.
    #[test]
    fn huge_scales_fall_back_to_decimals() {
        let rule = cart_fixed("1000", false);
        let targets = open(&["0.1234567890123456789012345678", "999999999999", "7"]);
        assert!(
            ExactShare::new(
                d("1000"),
                d("1000000000006.1234567890123456789012345678"),
                &targets,
                2
            )
            .is_none()
        );
        let split = split_cart_fixed(&rule, &targets, Decimal::ZERO, Currency::USD);
        assert_eq!(split.shares.iter().sum::<Decimal>(), d("1000"));
        assert_eq!(split.shares[0], d("0.00"));
    }

    /// Seeded: every running sum of the shares stays within half a minor unit of the exact
    /// running share `total × Σ available / denominator` (the carry at work), and the shares
    /// add up to the amount. Checked by cross-multiplying, without a division.
    #[test]
    fn running_shares_stay_within_half_a_cent_of_exact() {
        let mut state: u64 = 0x5EED_CA27;
        let mut next = |n: u64| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % n
        };
        for case in 0..2_000 {
            let lines = 1 + next(30) as usize;
            let targets: Vec<(Decimal, Decimal)> = (0..lines)
                .map(|_| {
                    // Room to spare: no cap bites.
                    let a = Decimal::new(next(100_000) as i64, 2 + next(3) as u32);
                    (a, Decimal::from(1_000_000))
                })
                .collect();
            let shipping = Decimal::new(next(2_000) as i64, 2);
            let to_shipping = next(2) == 0;
            let pool: Decimal = targets.iter().map(|(a, _)| *a).sum();
            let denominator = pool + if to_shipping { shipping } else { Decimal::ZERO };
            let amount = Decimal::new(next(200_000) as i64, 2);
            let rule = cart_fixed(&amount.to_string(), to_shipping);
            let split = split_cart_fixed(&rule, &targets, shipping, Currency::USD);
            if denominator.is_zero() {
                assert!(split.shares.iter().all(|s| s.is_zero()), "case {case}");
                continue;
            }
            // The capped amount is rounded: it is a printed figure.
            let total = Currency::USD.round(amount.min(denominator));
            let given: Decimal = split.shares.iter().sum::<Decimal>() + split.shipping;
            if to_shipping {
                // Shipping takes the rest up to what is left of it: at most a cent short.
                assert!(
                    given <= total && total - given < d("0.01"),
                    "case {case}: {split:?}"
                );
            } else {
                assert_eq!(given, total, "case {case}: {split:?}");
            }
            let (mut shares, mut available) = (Decimal::ZERO, Decimal::ZERO);
            let exact_ones = if to_shipping { lines } else { lines - 1 };
            for (share, (a, _)) in split.shares.iter().zip(&targets).take(exact_ones) {
                shares += share;
                available += a;
                let off = (shares * denominator - total * available).abs();
                assert!(off <= denominator * d("0.005"), "case {case}: {split:?}");
            }
        }
    }
}
