//! RULES.md §4: the discount each action gives a line, and the spread of a cart-fixed amount.

use std::sync::Arc;

use cohort_domain::non_negative;
use cohort_domain::rule::SimpleAction;
use rust_decimal::Decimal;

use crate::compile::CompiledRule;
use crate::rounding::Carries;

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
    /// (rule id, amount, label) for each rule that discounted the line.
    pub discounts: Vec<(u64, Decimal, Arc<str>)>,
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
/// as Magento's `ByPercent::_calculate` does, before rounding reads it.
pub(crate) fn line_amount(
    rule: &CompiledRule,
    unit_price: Decimal,
    line_qty: Decimal,
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
            let qty = stepped(qty);
            let base = non_negative(qty * unit_price - state.discount);
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
            // Free units are priced net of earlier discounts (effective unit price).
            let effective = if line_qty > Decimal::ZERO {
                unit_price - state.discount / line_qty
            } else {
                unit_price
            };
            (non_negative(free * effective), free)
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
pub(crate) fn split_cart_fixed(
    rule: &CompiledRule,
    targets: &[(Decimal, Decimal)],
    shipping_left: Decimal,
    carries: &mut Carries,
) -> CartFixedSplit {
    let currency = carries.currency();
    let pool: Decimal = targets.iter().map(|(a, _)| *a).sum();
    let to_shipping = rule.rule.apply_to_shipping;
    let shipping_left = if to_shipping {
        non_negative(shipping_left)
    } else {
        Decimal::ZERO
    };
    let denominator = pool + shipping_left;
    let mut split = CartFixedSplit {
        shares: vec![Decimal::ZERO; targets.len()],
        shipping: Decimal::ZERO,
    };
    if denominator <= Decimal::ZERO {
        return split;
    }
    let total = currency.round(rule.amount).min(denominator);
    let mut given = Decimal::ZERO;
    for (i, (available, room)) in targets.iter().enumerate() {
        let last = i + 1 == targets.len() && !to_shipping;
        let share = if last {
            total - given
        } else {
            carries.round_for_rule(rule.rule.id, total * (*available / denominator))
        };
        let share = non_negative(share.min(*room));
        split.shares[i] = share;
        given += share;
    }
    if to_shipping {
        split.shipping = non_negative((total - given).min(shipping_left));
    }
    split
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
}
