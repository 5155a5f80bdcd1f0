//! Near-miss hints: for a reached rule whose cart conditions fail, the smallest amount the
//! shopper could add to one cart amount for them to hold ("add 12.01 to your subtotal for
//! Free shipping").
//!
//! A hint is given only when it is exact for this cart: the tree reads exactly one amount
//! that adding items grows (subtotal, subtotal with discount, subtotal incl. tax, total
//! qty, weight, or one products subselection's sum) and otherwise only what adding items
//! leaves alone (address fields, payment and shipping method, audiences); no product-found
//! condition. The tree is then a function of that amount alone, piecewise constant between
//! its thresholds, so it is evaluated (by the same tests pricing uses) at each threshold's
//! first reachable step above the current value, in increasing order: the first that holds
//! is the smallest amount to add, and one unit less does not hold (that step lies in the
//! previous, failing stretch). Coupon, date, website, group and audience failures never get
//! here or never become true, so they get no hint.
//!
//! What adding items does to *other* rules (an earlier rule that starts to apply and
//! lowers the subtotal with discount, or stops this one) is not in the tree, so each
//! candidate is then checked by pricing the cart again with a probe line that adds exactly
//! the amount (a line no rule discounts; for a subselection, a copy of an item it counts):
//! the hint stands only if the rule then applies, and with one unit less its conditions
//! fail. At most [`MAX_HINTS`] candidates are checked per cart, in priority order.

use cohort_domain::condition::{AddressAttribute, SubselectAttribute};
use cohort_domain::priced::{Priced, RuleHint, RuleOutcome};
use cohort_domain::rule::FreeShipping;
use cohort_domain::{Cart, LineItem};
use rust_decimal::Decimal;

use crate::compile::Cond;
use crate::condition::{address_value, aggregate, eval, subselect_sum};
use crate::facts::{CartFacts, Value};
use crate::limits::{MAX_CART_AMOUNT, MAX_QTY};

/// Candidates checked per cart at most (each costs two pricings).
pub const MAX_HINTS: usize = 10;

/// The line id of the probe line a check adds.
const PROBE_LINE: &str = "cohort-hint-probe";

/// A hint not yet checked, and how to build its probe line.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub hint: RuleHint,
    unit: Decimal,
    probe: Probe,
}

#[derive(Debug, Clone, Copy)]
enum Probe {
    /// A line of qty 1 priced at the amount (excluding and including tax).
    Money,
    /// A line of the amount's qty, priced at 0.
    Qty,
    /// A line of qty 1 and the amount's weight, priced at 0.
    Weight,
    /// A copy of the `template`-th line (one the subselection counts) carrying the amount.
    Subselect {
        template: usize,
        attribute: SubselectAttribute,
    },
}

impl Candidate {
    /// `cart` with the probe line adding `amount`.
    fn probed(&self, cart: &Cart, amount: Decimal) -> Option<Cart> {
        let blank = LineItem {
            line_id: PROBE_LINE.to_owned(),
            sku: PROBE_LINE.to_owned(),
            qty: Decimal::ONE,
            unit_price: Decimal::ZERO,
            unit_price_incl_tax: Decimal::ZERO,
            weight: Decimal::ZERO,
            category_ids: Vec::new(),
            attribute_set_id: String::new(),
            attributes: Default::default(),
            no_discount: true,
        };
        let line = match self.probe {
            Probe::Money => LineItem {
                unit_price: amount,
                unit_price_incl_tax: amount,
                ..blank
            },
            Probe::Qty => LineItem {
                qty: amount,
                ..blank
            },
            Probe::Weight => LineItem {
                weight: amount,
                ..blank
            },
            Probe::Subselect {
                template,
                attribute,
            } => {
                let mut line = cart.items.get(template)?.clone();
                line.line_id = PROBE_LINE.to_owned();
                line.no_discount = true;
                match attribute {
                    SubselectAttribute::Qty => line.qty = amount,
                    SubselectAttribute::RowTotal => {
                        line.qty = Decimal::ONE;
                        line.unit_price = amount;
                    }
                    SubselectAttribute::RowTotalInclTax => {
                        line.qty = Decimal::ONE;
                        line.unit_price_incl_tax = amount;
                    }
                }
                line
            }
        };
        let mut probed = cart.clone();
        probed.items.push(line);
        Some(probed)
    }
}

/// The candidates that hold when checked by pricing probes (`price` prices a cart with its
/// trace), in order.
pub(crate) fn checked(
    cart: &Cart,
    candidates: Vec<Candidate>,
    price: impl Fn(&Cart) -> Priced,
) -> Vec<RuleHint> {
    let outcome = |p: &Priced, rule_id: u64| {
        p.trace
            .iter()
            .find(|t| t.rule_id == rule_id)
            .map(|t| t.outcome)
    };
    candidates
        .into_iter()
        .take(MAX_HINTS)
        .filter(|c| {
            let id = c.hint.rule_id;
            let Some(at) = c.probed(cart, c.hint.missing) else {
                return false;
            };
            if outcome(&price(&at), id) != Some(RuleOutcome::Applied) {
                return false;
            }
            let less = c.hint.missing - c.unit;
            if less <= Decimal::ZERO {
                return true;
            }
            c.probed(cart, less).is_some_and(|short| {
                outcome(&price(&short), id) == Some(RuleOutcome::ConditionsNotMet)
            })
        })
        .map(|c| c.hint)
        .collect()
}

/// The one amount a hinted tree reads.
#[derive(Debug, Clone, Copy)]
enum Amount<'c> {
    Address(AddressAttribute),
    /// That subselect node (compared by address).
    Subselect(&'c Cond),
}

impl Amount<'_> {
    fn same(&self, other: &Amount<'_>) -> bool {
        match (self, other) {
            (Amount::Address(a), Amount::Address(b)) => a == b,
            (Amount::Subselect(a), Amount::Subselect(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }

    fn reads(&self, cond: &Cond) -> bool {
        match (self, cond) {
            (Amount::Address(a), Cond::Address { attribute, .. }) => a == attribute,
            (Amount::Subselect(node), Cond::Subselect { .. }) => std::ptr::eq(*node, cond),
            _ => false,
        }
    }
}

/// What the walk found: the amount, where it is first read, and its thresholds.
struct Found<'c> {
    amount: Amount<'c>,
    path: String,
    thresholds: Vec<Decimal>,
}

/// Walks a cart tree; `false` when it reads something that disqualifies a hint.
fn walk<'c>(cond: &'c Cond, path: &str, found: &mut Option<Found<'c>>) -> bool {
    let amount = match cond {
        Cond::Combine { children, .. } => {
            return children.iter().enumerate().all(|(i, c)| {
                let child = if path.is_empty() {
                    (i + 1).to_string()
                } else {
                    format!("{path}.{}", i + 1)
                };
                walk(c, &child, found)
            });
        }
        Cond::Address { attribute, .. } if attribute.is_numeric() => Amount::Address(*attribute),
        Cond::Subselect { .. } => Amount::Subselect(cond),
        // Address fields and audiences do not move when items are added; a product
        // condition outside an item is a constant (missing).
        Cond::Address { .. } | Cond::Audience { .. } | Cond::Product { .. } => return true,
        Cond::Found { .. } | Cond::Invalid { .. } => return false,
    };
    let test = match cond {
        Cond::Address { test, .. } | Cond::Subselect { test, .. } => test,
        _ => return false,
    };
    match found {
        Some(f) if !f.amount.same(&amount) => return false,
        Some(f) => f.thresholds.extend(test.numbers.iter().flatten()),
        None => {
            *found = Some(Found {
                amount,
                path: path.to_owned(),
                thresholds: test.numbers.iter().flatten().copied().collect(),
            })
        }
    }
    true
}

/// `cond` with `amount` read as `value` and everything else as the cart has it.
fn holds_at(cond: &Cond, facts: &CartFacts<'_>, amount: &Amount<'_>, value: Decimal) -> bool {
    match cond {
        Cond::Combine {
            all,
            negate,
            children,
        } => aggregate(*all, *negate, children, |c| {
            holds_at(c, facts, amount, value)
        }),
        Cond::Address { test, .. } | Cond::Subselect { test, .. } if amount.reads(cond) => {
            test.matches(&Value::Number(value))
        }
        other => eval(other, facts, None),
    }
}

/// The near miss of a reached rule whose cart conditions `tree` just failed, if its tree
/// allows one (still to be [`checked`]).
pub(crate) fn near_miss(
    tree: &Cond,
    facts: &CartFacts<'_>,
    rule: &crate::compile::CompiledRule,
    label: impl FnOnce() -> std::sync::Arc<str>,
) -> Option<Candidate> {
    let gives = rule.amount > Decimal::ZERO || rule.rule.free_shipping != FreeShipping::None;
    if !gives {
        return None;
    }
    let mut found = None;
    if !walk(tree, "", &mut found) {
        return None;
    }
    let found = found?;
    let minor = Decimal::new(1, facts.currency.minor_units());
    let (name, current, unit, cap, money, probe) = match found.amount {
        Amount::Address(attribute) => {
            let Value::Number(current) = address_value(attribute, facts) else {
                return None;
            };
            let (unit, cap, probe) = match attribute {
                AddressAttribute::TotalQty => (Decimal::ONE, Decimal::from(MAX_QTY), Probe::Qty),
                AddressAttribute::Weight => (
                    Decimal::new(1, 4),
                    Decimal::from(MAX_CART_AMOUNT),
                    Probe::Weight,
                ),
                _ => (minor, Decimal::from(MAX_CART_AMOUNT), Probe::Money),
            };
            (
                attribute.name().to_owned(),
                current,
                unit,
                cap,
                attribute.is_money(),
                probe,
            )
        }
        Amount::Subselect(node) => {
            let Cond::Subselect {
                attribute,
                all,
                children,
                ..
            } = node
            else {
                return None;
            };
            let current = subselect_sum(*attribute, *all, children, facts);
            let (unit, cap, money) = match attribute {
                SubselectAttribute::Qty => (Decimal::ONE, Decimal::from(MAX_QTY), false),
                _ => (minor, Decimal::from(MAX_CART_AMOUNT), true),
            };
            // The probe copies a line the subselection counts: without one there is no
            // telling what the shopper would have to add.
            let template = facts
                .items
                .iter()
                .position(|i| aggregate(*all, false, children, |c| eval(c, facts, Some(i))))?;
            (
                format!("subselect_{}", attribute.name()),
                current,
                unit,
                cap,
                money,
                Probe::Subselect {
                    template,
                    attribute: *attribute,
                },
            )
        }
    };
    // The first step (a multiple of `unit`, at least one) at or past each threshold, and
    // the one after it (past an equality): every place where the tree can change.
    let mut steps: Vec<Decimal> = Vec::with_capacity(found.thresholds.len() * 2);
    for t in &found.thresholds {
        let Some(gap) = t.checked_sub(current) else {
            continue;
        };
        if gap < Decimal::ZERO {
            continue;
        }
        let Some(k) = gap.checked_div(unit).map(|q| q.ceil()) else {
            continue;
        };
        for k in [k, k + Decimal::ONE] {
            if k >= Decimal::ONE {
                steps.push(k);
            }
        }
    }
    steps.sort_unstable();
    steps.dedup();
    for k in steps {
        let missing = k.checked_mul(unit)?.normalize();
        if missing > cap {
            return None;
        }
        let value = current.checked_add(missing)?;
        if holds_at(tree, facts, &found.amount, value) {
            return Some(Candidate {
                hint: RuleHint {
                    rule_id: rule.rule.id,
                    label: label(),
                    attribute: name,
                    condition_path: found.path,
                    missing,
                    money,
                },
                unit,
                probe,
            });
        }
    }
    None
}
