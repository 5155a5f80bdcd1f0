//! Magnitude bounds that keep every decimal operation of a pricing inside `rust_decimal`'s
//! range (about 7.9 × 10^28), so arithmetic can never overflow and panic. Carts beyond them
//! are not priced (see `price_with`); rule amounts beyond them are clamped at compile time,
//! where they already exceed anything a cart within bounds can be worth.

/// Largest line quantity priced (Magento's own maximum is 99,999,999).
pub const MAX_QTY: i64 = 1_000_000_000;
/// Largest unit price, unit weight or shipping amount priced.
pub const MAX_CART_AMOUNT: i64 = 1_000_000_000_000_000;
/// Rule amounts are clamped to this.
pub const MAX_RULE_AMOUNT: i64 = 1_000_000_000_000_000_000;
/// Most lines priced in one cart.
pub const MAX_ITEMS: usize = 50_000;
