//! Builders shared by the engine tests.

use chrono::{DateTime, Utc};
use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Condition, Operator,
};
use cohort_domain::rule::{CartPriceRule, CouponType, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, Currency, LineItem, Websites};
use cohort_engine::{LinePrice, PriceOptions, Priced, RuleSet, RuleTrace, price_with};
use rust_decimal::Decimal;

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn rule(id: u64, action: SimpleAction, amount: &str) -> CartPriceRule {
    CartPriceRule {
        id,
        name: format!("rule {id}"),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        simple_action: action,
        discount_amount: d(amount),
        ..CartPriceRule::default()
    }
}

pub fn specific(mut r: CartPriceRule, code: &str) -> CartPriceRule {
    r.coupon_type = CouponType::Specific;
    r.coupon_code = code.into();
    r
}

pub fn item(id: &str, sku: &str, qty: &str, price: &str) -> LineItem {
    LineItem {
        line_id: id.into(),
        sku: sku.into(),
        qty: d(qty),
        unit_price: d(price),
        unit_price_incl_tax: d(price),
        ..LineItem::default()
    }
}

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
}

pub fn cart(items: Vec<LineItem>) -> Cart {
    Cart {
        website_id: "base".into(),
        currency: Currency::USD,
        customer_group_id: "0".into(),
        customer_id: None,
        items,
        shipping_address: None,
        shipping_method: String::new(),
        shipping_amount: Decimal::ZERO,
        payment_method: String::new(),
        coupon_codes: vec![],
        membership: vec![],
        evaluated_at: at("2026-06-01T12:00:00Z"),
    }
}

pub fn run_usage(rules: Vec<CartPriceRule>, cart: &Cart, usage: &UsageView) -> Priced {
    let set = RuleSet::compile(rules, Websites::default(), 1);
    let options = PriceOptions {
        explain: true,
        ..Default::default()
    };
    price_with(&set, cart, usage, &options)
}

pub fn run(rules: Vec<CartPriceRule>, cart: &Cart) -> Priced {
    run_usage(rules, cart, &UsageView::default())
}

pub fn line<'a>(p: &'a Priced, id: &str) -> &'a LinePrice {
    p.lines.iter().find(|l| l.line_id == id).unwrap()
}

pub fn discounts(p: &Priced) -> Vec<Decimal> {
    p.lines.iter().map(|l| l.discount_amount).collect()
}

pub fn ds(list: &[&str]) -> Vec<Decimal> {
    list.iter().map(|s| d(s)).collect()
}

pub fn applied(p: &Priced) -> Vec<u64> {
    p.applied_rules.iter().map(|r| r.rule_id).collect()
}

pub fn trace(p: &Priced, rule_id: u64) -> &RuleTrace {
    p.trace.iter().find(|t| t.rule_id == rule_id).unwrap()
}

pub fn all(conditions: Vec<Condition>) -> Condition {
    Condition::Combine {
        aggregator: Aggregator::All,
        negate: false,
        conditions,
    }
}

pub fn any(conditions: Vec<Condition>) -> Condition {
    Condition::Combine {
        aggregator: Aggregator::Any,
        negate: false,
        conditions,
    }
}

pub fn vals(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

pub fn addr(attribute: AddressAttribute, operator: Operator, values: &[&str]) -> Condition {
    Condition::Address {
        attribute,
        operator,
        values: vals(values),
    }
}

pub fn prod(attribute: &str, operator: Operator, values: &[&str]) -> Condition {
    Condition::Product {
        attribute: attribute.into(),
        operator,
        values: vals(values),
    }
}

pub fn aud(operator: AudienceOperator, ids: &[&str]) -> Condition {
    Condition::Audience {
        operator,
        audience_ids: vals(ids),
    }
}
