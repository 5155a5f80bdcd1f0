//! RULES.md §6: the shipping discount of a rule with `apply_to_shipping`.

use cohort_domain::rule::SimpleAction;
use cohort_domain::{Currency, non_negative};
use rust_decimal::Decimal;

use crate::actions::percent_of;
use crate::compile::CompiledRule;

/// Inputs of one rule's shipping discount.
pub(crate) struct ShippingInput {
    pub shipping_amount: Decimal,
    /// Shipping discounts of earlier rules.
    pub discounted: Decimal,
    /// The cart-fixed remainder for shipping (CART_FIXED only).
    pub cart_fixed_share: Decimal,
    /// Units the rule made free (BUY_X_GET_Y only).
    pub free_units: Decimal,
    pub total_qty: Decimal,
}

/// The rounded shipping discount, capped at the shipping still undiscounted.
pub(crate) fn shipping_discount(
    rule: &CompiledRule,
    input: &ShippingInput,
    currency: Currency,
) -> Decimal {
    let left = non_negative(input.shipping_amount - input.discounted);
    if left.is_zero() {
        return Decimal::ZERO;
    }
    let amount = match rule.rule.simple_action {
        SimpleAction::ByPercent => percent_of(left, rule.percent),
        // Once per cart, not per item (Magento's `ByFixed` shipping branch).
        SimpleAction::ByFixed => rule.amount,
        SimpleAction::CartFixed => input.cart_fixed_share,
        SimpleAction::BuyXGetY => {
            if input.total_qty > Decimal::ZERO {
                // One division, so an exact half cent stays exact for rounding.
                input.shipping_amount * input.free_units / input.total_qty
            } else {
                Decimal::ZERO
            }
        }
    };
    non_negative(currency.round(amount).min(left))
}
