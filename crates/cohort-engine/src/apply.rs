//! RULES.md §3 for one reached candidate rule: cart conditions, the lines it reaches in
//! item priority order, the discount, shipping and free shipping. Shared by the indexed and
//! un-indexed paths so that both compute the same thing.

use std::sync::Arc;

use cohort_domain::rule::{FreeShipping, SimpleAction};
use cohort_domain::{Cart, non_negative};
use rust_decimal::Decimal;

use crate::actions::{ItemState, gate, line_amount, rule_qty, split_cart_fixed};
use crate::compile::{CompiledRule, RuleSet};
use crate::condition::{eval, explain};
use crate::facts::CartFacts;
use crate::plan::LineMasks;
use crate::rounding::Carries;
use crate::shipping::{ShippingInput, shipping_discount};
use cohort_domain::priced::RuleDiscount;
use cohort_domain::priced::{RuleOutcome, RuleTrace};

use crate::hint::Candidate;

/// Room for this many rules on a line, reserved at its first (rules applied to one line
/// are seldom more; the lists grow past it as usual).
const LINE_RULES: usize = 8;

/// What one reached rule did, for coupon results and the applied-rule list.
#[derive(Debug, Default)]
pub(crate) struct RuleResult {
    pub conditions_failed: bool,
    /// The rule gave a discount (items or shipping) or free shipping: trace APPLIED, its
    /// coupon APPLIED.
    pub applied: bool,
    /// The rule processed at least one line, even at 0.00: it is listed in the answer's
    /// applied rules (Magento's `RulesApplier::applyRules` records it whatever the amount).
    pub recorded: bool,
    pub items: Decimal,
    pub shipping: Decimal,
    pub coupon: Option<usize>,
    /// Shared with the rule set (a coupon-code label is made once, here).
    pub label: Arc<str>,
    /// Why a reached rule gave nothing (coupon messages); built only when wanted.
    pub detail: String,
}

/// The mutable state of one pricing.
pub(crate) struct Run<'a> {
    pub set: &'a RuleSet,
    pub cart: &'a Cart,
    pub explain: bool,
    pub facts: CartFacts<'a>,
    pub row_totals: Vec<Decimal>,
    pub order: Vec<usize>,
    pub states: Vec<ItemState>,
    pub shipping_amount: Decimal,
    pub shipping_discounted: Decimal,
    shipping_stopped: bool,
    pub whole_shipment_free: bool,
    carries: Carries,
    pub trace: Vec<RuleTrace>,
    /// Collect near-miss candidates (`PriceOptions::hints`, or for the trace) into `hints`.
    pub want_hints: bool,
    pub hints: Vec<Candidate>,
    /// The indexed path's line masks: keyed rules evaluate only lines carrying a token.
    pub masks: Option<LineMasks<'a>>,
    /// Scratch buffers reused from rule to rule, so a rule costs no allocation.
    matched: Vec<usize>,
    processed: Vec<usize>,
    amounts: Vec<Decimal>,
    targets: Vec<(Decimal, Decimal)>,
}

impl<'a> Run<'a> {
    pub fn new(set: &'a RuleSet, cart: &'a Cart, explain: bool) -> Self {
        let currency = cart.currency;
        let facts = CartFacts::new(cart);
        let row_totals = facts.items.iter().map(|i| i.row_total_rounded).collect();
        Run {
            set,
            cart,
            explain,
            facts,
            row_totals,
            order: Vec::new(),
            states: vec![ItemState::default(); cart.items.len()],
            shipping_amount: non_negative(currency.round(cart.shipping_amount)),
            shipping_discounted: Decimal::ZERO,
            shipping_stopped: false,
            whole_shipment_free: false,
            carries: Carries::new(currency),
            trace: Vec::new(),
            want_hints: false,
            hints: Vec::new(),
            masks: None,
            matched: Vec::new(),
            processed: Vec::new(),
            amounts: Vec::new(),
            targets: Vec::new(),
        }
    }

    /// Runs candidate rule `index`, reached through code `coupon` (coupon rules): its cart
    /// conditions, the lines it reaches, their amounts (§4, §5), shipping (§6), free
    /// shipping (§7), and why, when someone reads it.
    pub fn apply(&mut self, index: usize, coupon: Option<usize>) -> RuleResult {
        let set = self.set;
        let rule = &set.rules[index];
        let mut result = RuleResult {
            coupon,
            ..RuleResult::default()
        };
        let want_detail = self.explain || coupon.is_some();
        // Lines outside the rule's mask fail its action conditions. A rule that reaches no
        // line and touches no shipping changes nothing whatever its cart conditions say (it
        // stops no line, and only shipping rules end the shipping loop), so unless someone
        // reads why (trace, coupon result) they are not evaluated.
        let reach = self.masks.as_ref().map_or(u128::MAX, |m| m.reach(index));
        if reach == 0 && !want_detail && !rule.rule.apply_to_shipping {
            return result;
        }
        if self.cart_conditions_fail(rule, want_detail, &mut result) {
            return result;
        }
        let coupon_code = coupon
            .and_then(|j| self.cart.coupon_codes.get(j))
            .map(String::as_str);
        result.label = label(set, rule, coupon_code);
        let stopped_by = self.match_lines(rule, reach);
        self.processed.clear();
        self.amounts.clear();
        let mut amounts = Amounts::default();
        if rule.rule.simple_action == SimpleAction::CartFixed {
            amounts.cart_fixed_shipping = self.cart_fixed_amounts(rule);
        } else {
            amounts = self.line_amounts(rule, want_detail);
        }
        self.book(rule, &mut result);
        self.shipping(rule, &amounts, &mut result);
        let gave_free_shipping = self.free_shipping(rule);
        result.applied =
            result.items > Decimal::ZERO || result.shipping > Decimal::ZERO || gave_free_shipping;
        result.recorded = result.applied || !self.processed.is_empty();
        // Item discounts only grow by `result.items` and shipping by `result.shipping`
        // (above), so the running total moves by exactly their sum: no re-sum over lines.
        if result.applied {
            self.facts.subtotal_with_discount -= result.items + result.shipping;
        }
        if want_detail {
            self.explain_outcome(
                rule,
                &mut result,
                stopped_by,
                amounts.gate_detail,
                gave_free_shipping,
            );
        }
        result
    }

    /// Whether the cart conditions fail. They are evaluated when the rule is reached, so
    /// they see the discounts of earlier rules (SUBTOTAL_WITH_DISCOUNT).
    fn cart_conditions_fail(
        &mut self,
        rule: &CompiledRule,
        want_detail: bool,
        result: &mut RuleResult,
    ) -> bool {
        let Some(conditions) = &rule.conditions else {
            return false;
        };
        if eval(conditions, &self.facts, None) {
            return false;
        }
        result.conditions_failed = true;
        if want_detail {
            let (path, detail) = explain(conditions, &self.facts);
            if self.explain {
                let mut entry =
                    RuleTrace::new(rule.rule.id, RuleOutcome::ConditionsNotMet, detail.clone());
                entry.failed_condition_path = path;
                self.trace.push(entry);
            }
            result.detail = detail;
        }
        if self.want_hints
            && let Some(candidate) = crate::hint::near_miss(conditions, &self.facts, rule, || {
                label(self.set, rule, None)
            })
        {
            self.hints.push(candidate);
        }
        true
    }

    /// Fills `matched` with the lines the rule reaches, in item priority order; returns the
    /// rule that stopped the first line it would have reached, if any.
    fn match_lines(&mut self, rule: &CompiledRule, reach: u128) -> Option<u64> {
        self.matched.clear();
        let mut stopped_by = None;
        for &k in &self.order {
            // Lines outside the mask fail the action conditions (masks exist only for carts
            // of up to 128 lines, so `k` fits).
            if reach != u128::MAX && reach & (1u128 << k) == 0 {
                continue;
            }
            let view = &self.facts.items[k];
            if view.item.no_discount {
                continue;
            }
            if let Some(actions) = &rule.actions
                && !eval(actions, &self.facts, Some(view))
            {
                continue;
            }
            if let Some(by) = self.states[k].stopped_by {
                stopped_by.get_or_insert(by);
                continue;
            }
            self.matched.push(k);
        }
        stopped_by
    }

    /// A cart-fixed rule's amount per matched line (`processed`/`amounts`), split across
    /// them (discount_step is ignored); returns the share left for shipping.
    fn cart_fixed_amounts(&mut self, rule: &CompiledRule) -> Decimal {
        let currency = self.cart.currency;
        // Lines with a 0.00 row total take no share (RULES.md §5).
        self.targets.clear();
        for &k in &self.matched {
            if self.row_totals[k].is_zero() {
                continue;
            }
            let item = self.facts.items[k].item;
            let state = &self.states[k];
            let available =
                non_negative(item.unit_price * rule_qty(rule, item.qty) - state.discount);
            let room = non_negative(self.row_totals[k] - state.discount);
            self.targets.push((available, room));
        }
        let split = split_cart_fixed(
            rule,
            &self.targets,
            self.shipping_amount - self.shipping_discounted,
            currency,
        );
        let mut shares = split.shares.into_iter();
        self.processed.extend_from_slice(&self.matched);
        for &k in &self.matched {
            if self.row_totals[k].is_zero() {
                self.amounts.push(Decimal::ZERO);
                continue;
            }
            // Magento runs `deltaRoundingFix` after every action: a share on a line with a
            // discount percent takes that percent's carry too. Other shares are rounded and
            // capped by the split already.
            let share = shares.next().unwrap_or_default();
            let state = &self.states[k];
            if state.discount_percent.is_zero() {
                self.amounts.push(share);
                continue;
            }
            let carried = self
                .carries
                .round_for_percent(state.discount_percent, share);
            let room = non_negative(self.row_totals[k] - state.discount);
            self.amounts.push(non_negative(carried.min(room)));
        }
        split.shipping
    }

    /// Every other action's amount per matched line past the step gate (`processed`/
    /// `amounts`), rounded with its percent's carry and capped by what the line has left.
    fn line_amounts(&mut self, rule: &CompiledRule, want_detail: bool) -> Amounts {
        let mut out = Amounts::default();
        for &k in &self.matched {
            let view = &self.facts.items[k];
            let item = view.item;
            if let Some(why) = gate(rule, item.qty, want_detail) {
                out.gate_detail.get_or_insert(why);
                continue;
            }
            let state = &mut self.states[k];
            let (exact, free) = line_amount(rule, item.unit_price, item.qty, view.row_total, state);
            out.free_units += free;
            self.processed.push(k);
            // A line with a 0.00 row total gets nothing and touches no carry (RULES.md §5);
            // every other amount, whatever the action, takes its percent's carry.
            if self.row_totals[k].is_zero() {
                self.amounts.push(Decimal::ZERO);
                continue;
            }
            let rounded = self
                .carries
                .round_for_percent(state.discount_percent, exact);
            let room = non_negative(self.row_totals[k] - state.discount);
            self.amounts.push(non_negative(rounded.min(room)));
        }
        out
    }

    /// Books each processed line's amount (and the rule on the line, even at 0.00) and the
    /// per-item stop.
    fn book(&mut self, rule: &CompiledRule, result: &mut RuleResult) {
        let stop = rule.rule.stop_rules_processing;
        for (&k, &amount) in self.processed.iter().zip(&self.amounts) {
            let state = &mut self.states[k];
            // Exactly `amount > 0`, without the general comparison.
            if !amount.is_zero() && amount.is_sign_positive() {
                state.discount += amount;
                if state.discounts.capacity() == 0 {
                    // A line usually gets several rules: one allocation instead of 0 → 4 → 8.
                    state.discounts.reserve(LINE_RULES);
                }
                state.discounts.push(RuleDiscount {
                    rule_id: rule.rule.id,
                    label: Arc::clone(&result.label),
                    amount,
                });
                result.items += amount;
            }
            // Recorded on the line even at 0.00, as Magento's `RulesApplier::applyRules`
            // records every rule it applied to an item whatever the amount.
            if state.applied.capacity() == 0 {
                state.applied.reserve(LINE_RULES);
            }
            state.applied.push(rule.rule.id);
            // Per-item stop, as in 2.4.7+: later rules skip this line only. A line the rule
            // processed is stopped even at a zero amount (the "0 % + discard" exclusion).
            if stop {
                state.stopped_by = Some(rule.rule.id);
            }
        }
    }

    /// The shipping discount (§6) and the shipping loop's stop.
    fn shipping(&mut self, rule: &CompiledRule, amounts: &Amounts, result: &mut RuleResult) {
        if rule.rule.apply_to_shipping && !self.shipping_stopped {
            let input = ShippingInput {
                shipping_amount: self.shipping_amount,
                discounted: self.shipping_discounted,
                cart_fixed_share: amounts.cart_fixed_shipping,
                free_units: amounts.free_units,
                total_qty: self.facts.total_qty,
            };
            result.shipping = shipping_discount(rule, &input, self.cart.currency);
            self.shipping_discounted += result.shipping;
        }
        // Only shipping rules take part in the shipping loop, so only a stop rule with
        // apply_to_shipping ends it (Magento's `Validator::processShippingAmount` skips
        // rules without it before it reads their stop flag).
        if rule.rule.stop_rules_processing && rule.rule.apply_to_shipping {
            self.shipping_stopped = true;
        }
    }

    /// Free shipping (§7) for the matched lines or the whole shipment; whether it gave any.
    fn free_shipping(&mut self, rule: &CompiledRule) -> bool {
        if self.matched.is_empty() {
            return false;
        }
        match rule.rule.free_shipping {
            FreeShipping::None => false,
            FreeShipping::WholeShipment => {
                self.whole_shipment_free = true;
                true
            }
            FreeShipping::MatchingItems => {
                for &k in &self.matched {
                    mark_free(&mut self.states[k], rule, self.facts.items[k].item.qty);
                }
                true
            }
        }
    }

    /// Why the rule applied or gave nothing: the coupon result's detail and, with
    /// `explain`, its trace entry.
    fn explain_outcome(
        &mut self,
        rule: &CompiledRule,
        result: &mut RuleResult,
        stopped_by: Option<u64>,
        gate_detail: Option<String>,
        gave_free_shipping: bool,
    ) {
        let currency = self.cart.currency;
        let (outcome, detail) = if result.applied {
            (
                RuleOutcome::Applied,
                format!(
                    "items {}, shipping {}{}",
                    currency.format(result.items),
                    currency.format(result.shipping),
                    if gave_free_shipping {
                        ", free shipping"
                    } else {
                        ""
                    }
                ),
            )
        } else if self.matched.is_empty() && stopped_by.is_some() {
            (
                RuleOutcome::Stopped,
                "every matching line was stopped by an earlier rule".to_owned(),
            )
        } else if self.matched.is_empty() {
            (
                RuleOutcome::NoMatchingItems,
                "no line matches the action conditions".to_owned(),
            )
        } else {
            let why = gate_detail
                .filter(|_| self.processed.is_empty())
                .unwrap_or_else(|| "the discount computed to zero".to_owned());
            (RuleOutcome::ZeroDiscount, why)
        };
        if self.explain {
            let mut entry = RuleTrace::new(rule.rule.id, outcome, detail.clone());
            if outcome == RuleOutcome::Stopped {
                entry.stopped_by_rule_id = stopped_by;
            }
            self.trace.push(entry);
        }
        result.detail = detail;
    }
}

/// What the line amounts leave for shipping and the trace.
#[derive(Default)]
struct Amounts {
    /// A cart-fixed rule's share of the shipping amount.
    cart_fixed_shipping: Decimal,
    /// Free units of BUY_X_GET_Y lines (shipping takes the same share).
    free_units: Decimal,
    /// Why the step gate refused a line, for the trace.
    gate_detail: Option<String>,
}

fn mark_free(state: &mut ItemState, rule: &CompiledRule, line_qty: Decimal) {
    // The qty ships free only up to discount_qty when the rule caps it (RULES.md §7).
    let capped = rule.discount_qty.filter(|q| *q < line_qty);
    state.free_shipping_qty = if state.free_shipping {
        match (state.free_shipping_qty, capped) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        }
    } else {
        capped
    };
    state.free_shipping = true;
    if !state.applied.contains(&rule.rule.id) {
        state.applied.push(rule.rule.id);
    }
}

/// RULES.md §8: the default label, else the coupon code, else "Discount".
fn label(set: &RuleSet, rule: &CompiledRule, coupon: Option<&str>) -> Arc<str> {
    match rule.default_label() {
        Some(label) => Arc::clone(label),
        None => coupon.map_or_else(|| Arc::clone(&set.discount_label), Arc::from),
    }
}
