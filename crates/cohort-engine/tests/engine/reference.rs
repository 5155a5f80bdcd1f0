//! A deliberately simple reference evaluator of RULES.md, for the differential test
//! (`differential.rs`). It shares nothing with the engine beyond the domain types: no
//! compiled rules, no index, no fast paths, no integer tricks. Every figure is computed
//! with plain `rust_decimal` arithmetic in the order RULES.md writes it, and rounded with
//! rust_decimal's own half-away-from-zero rounding.
//!
//! Where this model and the engine disagree, Magento 2.4.7's SalesRule source decides; the
//! places where RULES.md needed reading against it say so in a comment.

use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Condition, Operator, SubselectAttribute,
};
use cohort_domain::rule::{CartPriceRule, CouponType, FreeShipping, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, LineItem, Websites, parse_decimal};
use rust_decimal::{Decimal, RoundingStrategy};

/// RULES.md §8's coupon statuses, as the reference decides them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Applied,
    NotFound,
    Expired,
    RuleInactive,
    UsageLimitReached,
    CustomerLimitReached,
    ConditionsNotMet,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub line_id: String,
    pub row_total: Decimal,
    pub discount: Decimal,
    pub row_total_after_discount: Decimal,
    /// (rule id, amount) of every rule that gave the line more than 0.00.
    pub discounts: Vec<(u64, Decimal)>,
    pub applied_rule_ids: Vec<u64>,
    pub free_shipping: bool,
    pub free_shipping_qty: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub rule_id: u64,
    pub items: Decimal,
    pub shipping: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub subtotal: Decimal,
    pub item_discount_total: Decimal,
    pub shipping_amount: Decimal,
    pub shipping_discount: Decimal,
    pub discount_total: Decimal,
    pub grand_total: Decimal,
    pub free_shipping: bool,
    pub lines: Vec<Line>,
    pub applied: Vec<Applied>,
    /// (status, rule id) per requested code, in request order.
    pub coupons: Vec<(Status, Option<u64>)>,
    /// Rules whose cart conditions held when they were reached.
    pub passed_conditions: Vec<u64>,
}

/// What pricing has done to one line so far.
#[derive(Debug, Clone, Default)]
struct State {
    discount: Decimal,
    percent: Decimal,
    stopped: bool,
    free: bool,
    free_qty: Option<Decimal>,
    discounts: Vec<(u64, Decimal)>,
    applied: Vec<u64>,
}

struct Ctx<'a> {
    cart: &'a Cart,
    minor: u32,
    subtotal: Decimal,
    subtotal_with_discount: Decimal,
}

impl Ctx<'_> {
    fn round(&self, x: Decimal) -> Decimal {
        x.round_dp_with_strategy(self.minor, RoundingStrategy::MidpointAwayFromZero)
    }
}

fn max0(x: Decimal) -> Decimal {
    if x < Decimal::ZERO { Decimal::ZERO } else { x }
}

fn logged_in(cart: &Cart) -> bool {
    cart.customer_id.as_deref().is_some_and(|c| !c.is_empty())
}

/// RULES.md §1.1–1.3.
fn basic_ok(rule: &CartPriceRule, cart: &Cart, today: chrono::NaiveDate) -> bool {
    rule.active
        && rule.from_date.is_none_or(|f| f <= today)
        && rule.to_date.is_none_or(|t| today <= t)
        && rule.website_ids.contains(&cart.website_id)
        && rule.customer_group_ids.contains(&cart.customer_group_id)
}

fn customer_limited(rule: &CartPriceRule, cart: &Cart, usage: &UsageView) -> bool {
    logged_in(cart)
        && rule.uses_per_customer > 0
        && usage.customer_rule_uses(rule.id) >= u64::from(rule.uses_per_customer)
}

/// RULES.md §1.4: why a code of `rule` is not usable, if it is not.
fn code_unusable(
    rule: &CartPriceRule,
    code: &str,
    cart: &Cart,
    usage: &UsageView,
    today: chrono::NaiveDate,
) -> Option<Status> {
    match usage.coupon(code).filter(|c| c.rule_id == rule.id) {
        Some(row) => {
            if row.expires_on.is_some_and(|last| today > last) {
                return Some(Status::Expired);
            }
            if row.usage_limit > 0 && row.times_used >= u64::from(row.usage_limit) {
                return Some(Status::UsageLimitReached);
            }
            if logged_in(cart)
                && row.usage_per_customer > 0
                && usage.customer_coupon_uses(code) >= u64::from(row.usage_per_customer)
            {
                return Some(Status::CustomerLimitReached);
            }
        }
        // A SPECIFIC rule's one code without a coupon row: the rule's own counters.
        None if rule.coupon_type == CouponType::Specific
            && !rule.use_auto_generation
            && rule.uses_per_coupon > 0
            && rule.times_used >= u64::from(rule.uses_per_coupon) =>
        {
            return Some(Status::UsageLimitReached);
        }
        None => {}
    }
    customer_limited(rule, cart, usage).then_some(Status::CustomerLimitReached)
}

/// Prices `cart` by RULES.md, visiting every rule.
pub fn price(
    rules: &[CartPriceRule],
    cart: &Cart,
    usage: &UsageView,
    websites: &Websites,
) -> Priced {
    let zone = websites.get(&cart.website_id).time_zone;
    let today = cart.evaluated_at.with_timezone(&zone).date_naive();
    let mut ordered: Vec<&CartPriceRule> = rules.iter().collect();
    ordered.sort_by_key(|r| (r.sort_order, r.id));

    // §1.4: each requested code, in request order.
    let mut coupons: Vec<(Status, Option<u64>)> = Vec::new();
    // (rule id, code index) of the codes that made their rule a candidate.
    let mut reached_by: Vec<(u64, usize)> = Vec::new();
    for (j, requested) in cart.coupon_codes.iter().enumerate() {
        let code = requested.trim().to_lowercase();
        let specific = ordered.iter().find(|r| {
            r.coupon_type == CouponType::Specific
                && !r.coupon_code.is_empty()
                && r.coupon_code.to_lowercase() == code
        });
        let generated = || {
            let row = usage.coupon(&code)?;
            ordered.iter().find(|r| {
                r.id == row.rule_id
                    && (r.coupon_type == CouponType::Auto
                        || (r.coupon_type == CouponType::Specific && r.use_auto_generation))
            })
        };
        let Some(rule) = specific.or_else(generated) else {
            coupons.push((Status::NotFound, None));
            continue;
        };
        let status = if !basic_ok(rule, cart, today) {
            Some(Status::RuleInactive)
        } else if let Some(why) = code_unusable(rule, &code, cart, usage, today) {
            Some(why)
        } else if reached_by.iter().any(|(id, _)| *id == rule.id) {
            Some(Status::NotApplicable)
        } else {
            reached_by.push((rule.id, j));
            None
        };
        // A usable code's status is settled once its rule has run.
        coupons.push((status.unwrap_or(Status::NotApplicable), Some(rule.id)));
    }

    // §1: the candidates, with the code that reached each coupon rule.
    let candidates: Vec<(&CartPriceRule, Option<usize>)> = ordered
        .iter()
        .filter(|r| basic_ok(r, cart, today))
        .filter_map(|r| match r.coupon_type {
            CouponType::NoCoupon => (!customer_limited(r, cart, usage)).then_some((*r, None)),
            CouponType::Specific | CouponType::Auto => reached_by
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, j)| (*r, Some(*j))),
        })
        .collect();

    let minor = cart.currency.minor_units();
    let mut ctx = Ctx {
        cart,
        minor,
        subtotal: Decimal::ZERO,
        subtotal_with_discount: Decimal::ZERO,
    };
    let rows: Vec<Decimal> = cart
        .items
        .iter()
        .map(|i| ctx.round(i.qty * i.unit_price))
        .collect();
    ctx.subtotal = rows.iter().copied().sum();
    ctx.subtotal_with_discount = ctx.subtotal;
    let total_qty: Decimal = cart.items.iter().map(|i| i.qty).sum();

    // §3: item priority, fixed before the loop from every candidate's action conditions.
    let mut priority: Vec<(usize, usize)> = (0..cart.items.len())
        .map(|k| {
            let first = candidates
                .iter()
                .position(|(r, _)| item_matches(r.action_conditions.as_ref(), &cart.items[k]))
                .unwrap_or(usize::MAX);
            (first, k)
        })
        .collect();
    priority.sort();
    let order: Vec<usize> = priority.into_iter().map(|(_, k)| k).collect();

    let shipping_amount = max0(ctx.round(cart.shipping_amount));
    let mut shipping_discount = Decimal::ZERO;
    let mut shipping_loop_ended = false;
    let mut whole_free = false;
    let mut states = vec![State::default(); cart.items.len()];
    // §5 percent carries: (percent, carry), compared numerically.
    let mut percent_carries: Vec<(Decimal, Decimal)> = Vec::new();
    let mut applied: Vec<Applied> = Vec::new();
    let mut passed_conditions = Vec::new();

    for (rule, code) in &candidates {
        let rule = *rule;
        let code_status = |coupons: &mut Vec<(Status, Option<u64>)>, status: Status| {
            if let Some(j) = code {
                coupons[*j].0 = status;
            }
        };
        if let Some(tree) = &rule.conditions
            && !cart_holds(tree, &ctx)
        {
            code_status(&mut coupons, Status::ConditionsNotMet);
            continue;
        }
        passed_conditions.push(rule.id);

        let reached: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&k| {
                let item = &cart.items[k];
                !item.no_discount
                    && item_matches(rule.action_conditions.as_ref(), item)
                    && !states[k].stopped
            })
            .collect();
        let rule_qty = |item: &LineItem| match rule.discount_qty {
            Some(cap) if cap > Decimal::ZERO => item.qty.min(cap),
            _ => item.qty,
        };
        let stepped = |q: Decimal| {
            if rule.discount_step == 0 {
                q
            } else {
                let step = Decimal::from(rule.discount_step);
                (q / step).floor() * step
            }
        };

        // (line, amount before the percent carry) of each line the rule processes.
        let mut processed: Vec<(usize, Decimal)> = Vec::new();
        let mut free_units = Decimal::ZERO;
        let mut cart_fixed_shipping = Decimal::ZERO;
        if rule.simple_action == SimpleAction::CartFixed {
            // §4: A spread over the lines in proportion to what each is still worth; lines
            // with a 0.00 row total take no share (§5). discount_step is ignored.
            let worth = |k: usize| {
                let item = &cart.items[k];
                max0(item.unit_price * rule_qty(item) - states[k].discount)
            };
            let sharing: Vec<usize> = reached
                .iter()
                .copied()
                .filter(|&k| !rows[k].is_zero())
                .collect();
            let pool: Decimal = sharing.iter().map(|&k| worth(k)).sum();
            let shipping_left = if rule.apply_to_shipping {
                max0(shipping_amount - shipping_discount)
            } else {
                Decimal::ZERO
            };
            let denominator = pool + shipping_left;
            let mut shares = vec![Decimal::ZERO; cart.items.len()];
            if denominator > Decimal::ZERO {
                // A, capped at what is left to discount, is itself a printed figure.
                let a = ctx.round(ctx.round(rule.discount_amount).min(denominator));
                let mut carry = Decimal::ZERO;
                let mut given = Decimal::ZERO;
                for (n, &k) in sharing.iter().enumerate() {
                    let share = if n + 1 == sharing.len() && !rule.apply_to_shipping {
                        a - given
                    } else {
                        let exact = a * worth(k) / denominator + carry;
                        let rounded = ctx.round(exact);
                        carry = exact - rounded;
                        rounded
                    };
                    let share = max0(share.min(rows[k] - states[k].discount));
                    shares[k] = share;
                    given += share;
                }
                if rule.apply_to_shipping {
                    cart_fixed_shipping = max0((a - given).min(shipping_left));
                }
            }
            processed.extend(reached.iter().map(|&k| (k, shares[k])));
        } else {
            for &k in &reached {
                let item = &cart.items[k];
                let step = Decimal::from(rule.discount_step);
                // §3.2 step gating, on the line qty.
                let gated = match rule.simple_action {
                    SimpleAction::BuyXGetY => rule.discount_step == 0 || step >= item.qty,
                    _ => rule.discount_step > 0 && step > item.qty,
                };
                if gated {
                    continue;
                }
                let qty = rule_qty(item);
                let amount = match rule.simple_action {
                    SimpleAction::ByPercent => {
                        let pct = rule.discount_amount.min(Decimal::ONE_HUNDRED);
                        // Magento's ByPercent sets discount_percent before deltaRoundingFix
                        // reads it, so this rule's own amount is carried under the new key.
                        let whole_line = rule
                            .discount_qty
                            .is_none_or(|cap| cap <= Decimal::ZERO || cap > item.qty);
                        if whole_line {
                            states[k].percent = (states[k].percent + pct).min(Decimal::ONE_HUNDRED);
                        }
                        (stepped(qty) * item.unit_price - states[k].discount) * pct
                            / Decimal::ONE_HUNDRED
                    }
                    SimpleAction::ByFixed => stepped(qty) * rule.discount_amount,
                    SimpleAction::BuyXGetY => {
                        let x = step;
                        let y = rule.discount_amount;
                        let period = x + y;
                        let full = (qty / period).floor();
                        let free = full * y + max0(qty - full * period - x);
                        free_units += free;
                        // One division: free × (price × qty − discount so far) / qty.
                        free * (item.unit_price * item.qty - states[k].discount) / item.qty
                    }
                    SimpleAction::CartFixed => unreachable!("handled above"),
                };
                processed.push((k, max0(amount)));
            }
        }

        // §5: the percent carry on every action's amount, then the cap and the floor.
        let mut items_total = Decimal::ZERO;
        for &(k, amount) in &processed {
            let state = &mut states[k];
            let mut amount = amount;
            if !rows[k].is_zero() {
                if state.percent.is_zero() {
                    amount = ctx.round(amount);
                } else {
                    let slot = match percent_carries
                        .iter()
                        .position(|(p, _)| *p == state.percent)
                    {
                        Some(n) => n,
                        None => {
                            percent_carries.push((state.percent, Decimal::ZERO));
                            percent_carries.len() - 1
                        }
                    };
                    let with_carry = amount + percent_carries[slot].1;
                    amount = ctx.round(with_carry);
                    percent_carries[slot].1 = with_carry - amount;
                }
            } else {
                amount = Decimal::ZERO;
            }
            let amount = max0(amount.min(rows[k] - state.discount));
            state.discount += amount;
            if amount > Decimal::ZERO {
                state.discounts.push((rule.id, amount));
            }
            // Recorded even at 0.00 (Magento's RulesApplier::applyRules).
            state.applied.push(rule.id);
            items_total += amount;
            if rule.stop_rules_processing {
                state.stopped = true;
            }
        }

        // §6: only apply_to_shipping rules take part in the shipping loop.
        let mut shipping = Decimal::ZERO;
        if rule.apply_to_shipping && !shipping_loop_ended {
            let left = max0(shipping_amount - shipping_discount);
            if left > Decimal::ZERO {
                let raw = match rule.simple_action {
                    SimpleAction::ByPercent => {
                        left * rule.discount_amount.min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED
                    }
                    SimpleAction::ByFixed => rule.discount_amount,
                    SimpleAction::CartFixed => cart_fixed_shipping,
                    SimpleAction::BuyXGetY if total_qty > Decimal::ZERO => {
                        shipping_amount * free_units / total_qty
                    }
                    SimpleAction::BuyXGetY => Decimal::ZERO,
                };
                shipping = max0(ctx.round(raw).min(left));
            }
            shipping_discount += shipping;
            if rule.stop_rules_processing {
                shipping_loop_ended = true;
            }
        }

        // §7: free shipping for the lines the rule reached (gated ones too).
        let mut gave_free = false;
        if !reached.is_empty() {
            match rule.free_shipping {
                FreeShipping::None => {}
                FreeShipping::WholeShipment => {
                    whole_free = true;
                    gave_free = true;
                }
                FreeShipping::MatchingItems => {
                    gave_free = true;
                    for &k in &reached {
                        let item = &cart.items[k];
                        let cap = rule
                            .discount_qty
                            .filter(|q| *q > Decimal::ZERO && *q < item.qty);
                        let state = &mut states[k];
                        state.free_qty = if state.free {
                            match (state.free_qty, cap) {
                                (Some(a), Some(b)) => Some(a.max(b)),
                                _ => None,
                            }
                        } else {
                            cap
                        };
                        state.free = true;
                        if !state.applied.contains(&rule.id) {
                            state.applied.push(rule.id);
                        }
                    }
                }
            }
        }

        let gave = items_total > Decimal::ZERO || shipping > Decimal::ZERO || gave_free;
        if gave || !processed.is_empty() {
            applied.push(Applied {
                rule_id: rule.id,
                items: items_total,
                shipping,
            });
        }
        ctx.subtotal_with_discount -= items_total + shipping;
        code_status(
            &mut coupons,
            if gave {
                Status::Applied
            } else {
                Status::NotApplicable
            },
        );
    }

    let lines: Vec<Line> = cart
        .items
        .iter()
        .zip(states)
        .zip(&rows)
        .map(|((item, s), &row)| Line {
            line_id: item.line_id.clone(),
            row_total: row,
            discount: s.discount,
            row_total_after_discount: row - s.discount,
            discounts: s.discounts,
            applied_rule_ids: s.applied,
            free_shipping: s.free,
            free_shipping_qty: s.free_qty,
        })
        .collect();
    let item_discount_total: Decimal = lines.iter().map(|l| l.discount).sum();
    let free_shipping = whole_free || (!lines.is_empty() && lines.iter().all(|l| l.free_shipping));
    Priced {
        subtotal: ctx.subtotal,
        item_discount_total,
        shipping_amount,
        shipping_discount,
        discount_total: item_discount_total + shipping_discount,
        grand_total: ctx.subtotal - item_discount_total + shipping_amount - shipping_discount,
        free_shipping,
        lines,
        applied,
        coupons,
        passed_conditions,
    }
}

/// A condition's operand.
#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Missing,
    Number(Decimal),
    /// Trimmed and lower-cased, never empty.
    Text(String),
    /// Trimmed, lower-cased, non-empty elements.
    List(Vec<String>),
}

fn text(s: &str) -> Operand {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        Operand::Missing
    } else {
        Operand::Text(s)
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    items
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

fn number(s: &str) -> Option<Decimal> {
    parse_decimal(s).ok()
}

/// RULES.md §2 operator semantics.
fn holds(operator: Operator, raw: &[String], split: bool, actual: &Operand) -> bool {
    let negated = matches!(
        operator,
        Operator::Ne | Operator::NotContains | Operator::IsNotOneOf
    );
    if *actual == Operand::Missing {
        return negated;
    }
    // Values are compared lower-cased; list operators (and category ids) split commas.
    let values: Vec<String> = if split || operator.takes_list() {
        list(raw.iter().flat_map(|v| v.split(',')))
    } else {
        raw.iter().map(|v| v.trim().to_lowercase()).collect()
    };
    let overlap = |l: &[String]| l.iter().any(|e| values.contains(e));
    let same = |s: &str| {
        values.iter().any(|v| match (number(v), number(s)) {
            (Some(a), Some(b)) => a == b,
            _ => v == s,
        })
    };
    let positive = match (operator, actual) {
        (
            Operator::Eq | Operator::Ne | Operator::IsOneOf | Operator::IsNotOneOf,
            Operand::Number(n),
        ) => values.iter().any(|v| number(v) == Some(*n)),
        (
            Operator::Eq | Operator::Ne | Operator::IsOneOf | Operator::IsNotOneOf,
            Operand::Text(s),
        ) => same(s),
        (Operator::Contains | Operator::NotContains, Operand::Number(n)) => {
            let s = n.normalize().to_string();
            values.iter().any(|v| s.contains(v.as_str()))
        }
        (Operator::Contains | Operator::NotContains, Operand::Text(s)) => {
            values.iter().any(|v| s.contains(v.as_str()))
        }
        (_, Operand::List(l))
            if !matches!(
                operator,
                Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte
            ) =>
        {
            overlap(l)
        }
        (Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte, _) => {
            let a = match actual {
                Operand::Number(n) => Some(*n),
                Operand::Text(s) => number(s),
                _ => None,
            };
            let b = values.first().and_then(|v| number(v));
            match (a, b) {
                (Some(a), Some(b)) => match operator {
                    Operator::Gt => a > b,
                    Operator::Gte => a >= b,
                    Operator::Lt => a < b,
                    _ => a <= b,
                },
                _ => false,
            }
        }
        _ => false,
    };
    positive != negated
}

fn combine(aggregator: Aggregator, negate: bool, results: impl Iterator<Item = bool>) -> bool {
    let mut results = results.map(|r| r != negate).peekable();
    if results.peek().is_none() {
        return true;
    }
    match aggregator {
        Aggregator::All => results.all(|r| r),
        Aggregator::Any => results.any(|r| r),
    }
}

/// An item tree (action conditions, the children of found / subselect); absent is true.
fn item_matches(tree: Option<&Condition>, item: &LineItem) -> bool {
    tree.is_none_or(|t| item_holds(t, item))
}

fn item_holds(node: &Condition, item: &LineItem) -> bool {
    match node {
        Condition::Combine {
            aggregator,
            negate,
            conditions,
        } => combine(
            *aggregator,
            *negate,
            conditions.iter().map(|c| item_holds(c, item)),
        ),
        Condition::Product {
            attribute,
            operator,
            values,
        } => {
            let name = attribute.trim();
            let actual = match name {
                "sku" => text(&item.sku),
                "category_ids" => Operand::List(list(item.category_ids.iter().map(String::as_str))),
                "attribute_set_id" => text(&item.attribute_set_id),
                "quote_item_price" => Operand::Number(item.unit_price),
                "quote_item_qty" => Operand::Number(item.qty),
                "quote_item_row_total" => Operand::Number(item.qty * item.unit_price),
                key => match item.attributes.get(key) {
                    None => Operand::Missing,
                    // Multiselect values are comma-separated (API.md LineItem.attributes).
                    Some(v) if v.contains(',') => Operand::List(list(v.split(','))),
                    Some(v) => text(v),
                },
            };
            holds(*operator, values, name == "category_ids", &actual)
        }
        // Validation keeps cart nodes out of item trees.
        _ => false,
    }
}

fn cart_holds(node: &Condition, ctx: &Ctx<'_>) -> bool {
    let cart = ctx.cart;
    match node {
        Condition::Combine {
            aggregator,
            negate,
            conditions,
        } => combine(
            *aggregator,
            *negate,
            conditions.iter().map(|c| cart_holds(c, ctx)),
        ),
        Condition::Address {
            attribute,
            operator,
            values,
        } => {
            let address = cart.shipping_address.as_ref();
            let field = |f: fn(&cohort_domain::Address) -> &String| {
                address.map_or(Operand::Missing, |a| text(f(a)))
            };
            let actual = match attribute {
                AddressAttribute::Subtotal => Operand::Number(ctx.subtotal),
                AddressAttribute::SubtotalWithDiscount => {
                    Operand::Number(ctx.subtotal_with_discount)
                }
                AddressAttribute::SubtotalInclTax => Operand::Number(
                    cart.items
                        .iter()
                        .map(|i| i.qty * i.unit_price_incl_tax)
                        .sum(),
                ),
                AddressAttribute::TotalQty => {
                    Operand::Number(cart.items.iter().map(|i| i.qty).sum())
                }
                AddressAttribute::Weight => {
                    Operand::Number(cart.items.iter().map(|i| i.qty * i.weight).sum())
                }
                AddressAttribute::PaymentMethod => text(&cart.payment_method),
                AddressAttribute::ShippingMethod => text(&cart.shipping_method),
                AddressAttribute::Postcode => field(|a| &a.postcode),
                AddressAttribute::Region => field(|a| &a.region),
                AddressAttribute::RegionId => field(|a| &a.region_id),
                AddressAttribute::CountryId => field(|a| &a.country_id),
            };
            holds(*operator, values, false, &actual)
        }
        Condition::ProductFound {
            not_found,
            aggregator,
            conditions,
        } => {
            if cart.items.is_empty() {
                return false;
            }
            // No children: every item satisfies them, found or not found (Magento's
            // Combine::validate is true without conditions).
            if conditions.is_empty() {
                return true;
            }
            if *not_found {
                !cart
                    .items
                    .iter()
                    .any(|i| conditions.iter().any(|c| item_holds(c, i)))
            } else {
                cart.items.iter().any(|i| {
                    combine(
                        *aggregator,
                        false,
                        conditions.iter().map(|c| item_holds(c, i)),
                    )
                })
            }
        }
        Condition::ProductSubselect {
            attribute,
            operator,
            values,
            aggregator,
            conditions,
        } => {
            let sum: Decimal = cart
                .items
                .iter()
                .filter(|i| {
                    combine(
                        *aggregator,
                        false,
                        conditions.iter().map(|c| item_holds(c, i)),
                    )
                })
                .map(|i| match attribute {
                    SubselectAttribute::Qty => i.qty,
                    SubselectAttribute::RowTotal => i.qty * i.unit_price,
                    SubselectAttribute::RowTotalInclTax => i.qty * i.unit_price_incl_tax,
                })
                .sum();
            holds(*operator, values, false, &Operand::Number(sum))
        }
        Condition::Audience {
            operator,
            audience_ids,
        } => {
            let overlap = cart.membership.iter().any(|m| audience_ids.contains(m));
            match operator {
                AudienceOperator::Matches | AudienceOperator::IsOneOf => overlap,
                AudienceOperator::DoesNotMatch | AudienceOperator::IsNotOneOf => !overlap,
            }
        }
        // Validation keeps product nodes out of cart trees.
        Condition::Product { .. } => false,
    }
}
