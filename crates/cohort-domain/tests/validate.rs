//! Rule validation (API.md "Validation on save"): every violation kind with its path.

use cohort_domain::condition::{
    AddressAttribute as A, Aggregator, AudienceOperator, Condition, Operator as Op,
    SubselectAttribute,
};
use cohort_domain::rule::{CartPriceRule, CouponType, SimpleAction};
use cohort_domain::validate::{
    coupon_code_conflict, rule_violations, validate_coupon_codes_unique, validate_rule,
};
use rust_decimal::Decimal;

fn valid() -> CartPriceRule {
    CartPriceRule {
        id: 1,
        name: "Ten off".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into()],
        discount_amount: Decimal::TEN,
        ..CartPriceRule::default()
    }
}

fn fields(rule: &CartPriceRule) -> Vec<String> {
    rule_violations(rule).into_iter().map(|v| v.field).collect()
}

fn combine(conditions: Vec<Condition>) -> Condition {
    Condition::Combine {
        aggregator: Aggregator::All,
        negate: false,
        conditions,
    }
}

fn address(attribute: A, operator: Op, values: &[&str]) -> Condition {
    Condition::Address {
        attribute,
        operator,
        values: values.iter().map(|s| s.to_string()).collect(),
    }
}

fn product(attribute: &str, operator: Op, values: &[&str]) -> Condition {
    Condition::Product {
        attribute: attribute.into(),
        operator,
        values: values.iter().map(|s| s.to_string()).collect(),
    }
}

fn audience(ids: &[&str]) -> Condition {
    Condition::Audience {
        operator: AudienceOperator::IsOneOf,
        audience_ids: ids.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn a_valid_rule_passes() {
    let mut rule = valid();
    rule.conditions = Some(combine(vec![
        address(A::Subtotal, Op::Gte, &["100"]),
        address(A::CountryId, Op::IsOneOf, &["US", "CA"]),
        audience(&["seg"]),
        Condition::ProductFound {
            not_found: false,
            aggregator: Aggregator::Any,
            conditions: vec![product("sku", Op::Eq, &["a"])],
        },
    ]));
    rule.action_conditions = Some(combine(vec![product("quote_item_qty", Op::Gt, &["1"])]));
    assert_eq!(validate_rule(&rule), Ok(()));
}

#[test]
fn rule_fields_are_checked_and_all_violations_collected() {
    let rule = CartPriceRule {
        name: " ".into(),
        website_ids: vec![],
        customer_group_ids: vec!["".into()],
        from_date: Some("2026-02-01".parse().unwrap()),
        to_date: Some("2026-01-01".parse().unwrap()),
        coupon_type: CouponType::Specific,
        discount_amount: Decimal::from(101),
        discount_qty: Some(Decimal::NEGATIVE_ONE),
        ..CartPriceRule::default()
    };
    assert_eq!(
        fields(&rule),
        [
            "rule.name",
            "rule.website_ids",
            "rule.customer_group_ids[0]",
            "rule.from_date",
            "rule.coupon_code",
            "rule.discount_amount",
            "rule.discount_qty",
        ]
    );
    let err = validate_rule(&rule).unwrap_err();
    assert!(
        err.to_string()
            .contains("rule.discount_amount: a percent must be between 0 and 100")
    );
}

#[test]
fn amounts_and_steps() {
    let mut rule = valid();
    rule.simple_action = SimpleAction::ByFixed;
    rule.discount_amount = Decimal::from(-1);
    assert_eq!(fields(&rule), ["rule.discount_amount"]);
    rule.simple_action = SimpleAction::ByFixed;
    rule.discount_amount = Decimal::from(500);
    assert!(fields(&rule).is_empty(), "only percents are capped at 100");
    rule.simple_action = SimpleAction::BuyXGetY;
    rule.discount_step = 0;
    assert_eq!(fields(&rule), ["rule.discount_step"]);
}

#[test]
fn value_counts_and_numeric_values() {
    let mut rule = valid();
    rule.conditions = Some(combine(vec![
        address(A::Subtotal, Op::Gte, &["1", "2"]),
        address(A::Region, Op::IsOneOf, &[]),
        address(A::Weight, Op::Lt, &["heavy"]),
        Condition::ProductSubselect {
            attribute: SubselectAttribute::Qty,
            operator: Op::Gte,
            values: vec!["two".into()],
            aggregator: Aggregator::All,
            conditions: vec![product("quote_item_price", Op::Eq, &["1,5"])],
        },
    ]));
    let base = "rule.conditions.combine.conditions";
    assert_eq!(
        fields(&rule),
        [
            format!("{base}[0].address.values"),
            format!("{base}[1].address.values"),
            format!("{base}[2].address.values[0]"),
            format!("{base}[3].product_subselect.values[0]"),
            format!("{base}[3].product_subselect.conditions[0].product.values[0]"),
        ]
    );
}

#[test]
fn conditions_must_sit_in_the_right_tree() {
    let mut rule = valid();
    rule.conditions = Some(combine(vec![
        address(A::TotalQty, Op::Gt, &["1"]),
        product("sku", Op::Eq, &["a"]),
        Condition::ProductFound {
            not_found: false,
            aggregator: Aggregator::All,
            conditions: vec![audience(&["seg"]), audience(&[])],
        },
    ]));
    rule.action_conditions = Some(combine(vec![
        product("sku", Op::Eq, &["a"]),
        address(A::Subtotal, Op::Gt, &["1"]),
    ]));
    assert_eq!(
        fields(&rule),
        [
            "rule.conditions.combine.conditions[1].product",
            "rule.conditions.combine.conditions[2].product_found.conditions[0].audience",
            "rule.conditions.combine.conditions[2].product_found.conditions[1].audience",
            "rule.conditions.combine.conditions[2].product_found.conditions[1].audience.audience_ids",
            "rule.action_conditions.combine.conditions[1].address",
        ]
    );
}

fn chain(depth: usize) -> Condition {
    let mut tree = address(A::Subtotal, Op::Gt, &["1"]);
    for _ in 1..depth {
        tree = combine(vec![tree]);
    }
    tree
}

#[test]
fn depth_limit_is_32_levels() {
    let mut rule = valid();
    rule.conditions = Some(chain(32));
    assert!(fields(&rule).is_empty());
    rule.conditions = Some(chain(33));
    assert_eq!(fields(&rule), ["rule.conditions"]);
}

#[test]
fn a_100_000_deep_tree_is_an_error_not_a_stack_overflow() {
    let mut rule = valid();
    rule.action_conditions = Some(chain(100_000));
    let violations = rule_violations(&rule);
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].field, "rule.action_conditions");
    assert!(violations[0].description.contains("deeper than 32"));
}

#[test]
fn a_tree_over_10_000_nodes_is_an_error() {
    let mut rule = valid();
    let leaves = (0..9_999)
        .map(|_| address(A::TotalQty, Op::Gt, &["1"]))
        .collect();
    rule.conditions = Some(combine(leaves));
    assert!(fields(&rule).is_empty(), "10,000 nodes is the limit");
    let leaves = (0..200_000)
        .map(|_| address(A::TotalQty, Op::Gt, &["1"]))
        .collect();
    rule.conditions = Some(combine(leaves));
    let violations = rule_violations(&rule);
    assert_eq!(violations.len(), 1);
    assert!(violations[0].description.contains("more than 10000 nodes"));
}

#[test]
fn coupon_codes_are_unique_case_insensitively() {
    let coupon = |id, code: &str| CartPriceRule {
        id,
        coupon_type: CouponType::Specific,
        coupon_code: code.into(),
        ..valid()
    };
    let mut auto = coupon(4, "SAVE");
    auto.coupon_type = CouponType::Auto;
    let rules = [
        coupon(1, "SAVE"),
        coupon(2, "other"),
        coupon(3, "save"),
        auto,
    ];
    let err = validate_coupon_codes_unique(&rules).unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].field, "rules[2].coupon_code");
    assert!(err.violations[0].description.contains("rule 1"));

    let clash = coupon_code_conflict(&coupon(9, "Other"), &rules).unwrap();
    assert_eq!(clash.field, "rule.coupon_code");
    assert!(
        coupon_code_conflict(&coupon(2, "OTHER"), &rules).is_none(),
        "itself"
    );
}

/// Every string and list of a rule has a bound; the violation names it without echoing it.
#[test]
fn oversized_rule_fields_are_named() {
    let huge = "x".repeat(3 << 20);
    let mut r = valid();
    r.name = huge.clone();
    r.description = "d".repeat(100_000);
    r.website_ids = vec!["base".into(); 5_000];
    r.customer_group_ids = vec![huge.clone()];
    r.labels.insert(String::new(), huge.clone());
    r.conditions = Some(combine(vec![
        address(A::PaymentMethod, Op::IsOneOf, &[&huge]),
        Condition::Audience {
            operator: AudienceOperator::Matches,
            audience_ids: vec!["a".into(); 2_000],
        },
    ]));
    let f = fields(&r);
    for field in [
        "rule.name",
        "rule.description",
        "rule.website_ids",
        "rule.customer_group_ids[0]",
        "rule.labels[\"\"]",
        "rule.conditions.combine.conditions[0].address.values[0]",
        "rule.conditions.combine.conditions[1].audience.audience_ids",
    ] {
        assert!(f.contains(&field.to_owned()), "{field} not in {f:?}");
    }
    let text = validate_rule(&r).unwrap_err().to_string();
    assert!(text.len() < 4_096, "{}", text.len());
}

#[test]
fn a_group_name_is_bounded_and_printable() {
    let mut r = valid();
    r.exclusive_group = "vip weekend".into();
    assert!(fields(&r).is_empty());
    r.exclusive_group = "g".repeat(101);
    assert_eq!(fields(&r), ["rule.exclusive_group"]);
    r.exclusive_group = "vip\nweekend".into();
    assert_eq!(fields(&r), ["rule.exclusive_group"]);
}
