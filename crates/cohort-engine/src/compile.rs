//! Compiling rules once per rule-set version: decimals parsed, strings lower-cased, list
//! operators as hash sets, rules in priority order, a coupon-code index. Pricing then only
//! reads this immutable snapshot.

use std::sync::Arc;

use cohort_domain::Websites;
use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Condition, Operator, SubselectAttribute,
};
use cohort_domain::coupon::code_key;
use cohort_domain::money::parse_decimal;
use cohort_domain::rule::{CartPriceRule, CouponType, SimpleAction};
use cohort_domain::validate::{MAX_TREE_DEPTH, MAX_TREE_NODES};
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::index::Index;
use crate::limits::{MAX_QTY, MAX_RULE_AMOUNT};

/// The first provisional id of a new draft rule (2^53: far above any id a store assigns,
/// and still exact as a JSON number).
pub const DRAFT_IDS_FROM: u64 = 1 << 53;

/// An immutable, compiled snapshot of every rule, ready to price carts.
#[derive(Debug)]
pub struct RuleSet {
    /// In priority order: `(sort_order, id)` ascending.
    pub(crate) rules: Vec<CompiledRule>,
    /// SPECIFIC coupon code (`code_key`) → index into `rules` (the first rule in priority
    /// order wins should validation have let a duplicate through).
    pub(crate) by_code: HashMap<String, usize>,
    /// Rule id → index into `rules`.
    pub(crate) by_id: HashMap<u64, usize>,
    pub(crate) websites: Websites,
    /// `"Discount"`, the label of a rule with neither label nor coupon (RULES.md §8).
    pub(crate) discount_label: Arc<str>,
    /// The candidate index of the NO_COUPON rules (`index`).
    pub(crate) index: Index,
    /// Ids of the rules with `uses_per_customer > 0`: the per-customer counts a caller must
    /// read into the `UsageView` before pricing a logged-in customer's cart.
    customer_limited: Vec<u64>,
    /// Best-deal groups (`exclusive_group`): each group's rule indexes in priority order,
    /// groups by their first member.
    pub(crate) groups: Vec<Vec<usize>>,
    /// At most this many candidates of one group are priced per cart (`with_group_candidates`).
    pub(crate) max_group_candidates: usize,
    version: u64,
}

/// Candidates of one best-deal group priced per cart unless set otherwise
/// (`limits.max_group_candidates`).
pub const DEFAULT_GROUP_CANDIDATES: usize = 16;

#[derive(Debug)]
pub(crate) struct CompiledRule {
    pub rule: CartPriceRule,
    pub website_ids: HashSet<String>,
    pub customer_group_ids: HashSet<String>,
    pub conditions: Option<Cond>,
    pub actions: Option<Cond>,
    /// `discount_amount`, clamped to `0..=MAX_RULE_AMOUNT` so arithmetic cannot overflow.
    pub amount: Decimal,
    /// `min(100, discount_amount)` for BY_PERCENT.
    pub percent: Decimal,
    /// `discount_qty` when set and > 0.
    pub discount_qty: Option<Decimal>,
    /// `discount_step` as a decimal (0 = none).
    pub step: Decimal,
    /// `rule.labels` (store code → label), shared with every answer that shows one.
    labels: HashMap<String, Arc<str>>,
}

impl CompiledRule {
    /// The rule's default label (`labels[""]`, when not empty), as the shared copy.
    pub fn default_label(&self) -> Option<&Arc<str>> {
        self.rule
            .store_label_key(None)
            .and_then(|key| self.labels.get(key))
    }
}

/// A compiled condition node.
#[derive(Debug)]
pub(crate) enum Cond {
    Combine {
        all: bool,
        negate: bool,
        children: Vec<Cond>,
    },
    Address {
        attribute: AddressAttribute,
        test: Test,
    },
    Found {
        not_found: bool,
        all: bool,
        children: Vec<Cond>,
    },
    Subselect {
        attribute: SubselectAttribute,
        test: Test,
        all: bool,
        children: Vec<Cond>,
    },
    Product {
        attribute: ProductAttribute,
        test: Test,
    },
    Audience {
        operator: AudienceOperator,
        ids: HashSet<String>,
        raw: Vec<String>,
    },
    /// A tree that cannot be evaluated (too deep or too large): always false.
    Invalid { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProductAttribute {
    Sku,
    CategoryIds,
    AttributeSetId,
    Price,
    Qty,
    RowTotal,
    /// A key of `LineItem.attributes`, as written in the rule.
    Custom(String),
}

impl ProductAttribute {
    fn parse(name: &str) -> ProductAttribute {
        match name {
            "sku" => ProductAttribute::Sku,
            "category_ids" => ProductAttribute::CategoryIds,
            "attribute_set_id" => ProductAttribute::AttributeSetId,
            "quote_item_price" => ProductAttribute::Price,
            "quote_item_qty" => ProductAttribute::Qty,
            "quote_item_row_total" => ProductAttribute::RowTotal,
            other => ProductAttribute::Custom(other.to_owned()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            ProductAttribute::Sku => "sku",
            ProductAttribute::CategoryIds => "category_ids",
            ProductAttribute::AttributeSetId => "attribute_set_id",
            ProductAttribute::Price => "quote_item_price",
            ProductAttribute::Qty => "quote_item_qty",
            ProductAttribute::RowTotal => "quote_item_row_total",
            ProductAttribute::Custom(name) => name,
        }
    }
}

/// An operator with its values prepared for comparison.
#[derive(Debug)]
pub(crate) struct Test {
    pub operator: Operator,
    /// As written, for trace details.
    pub raw: Vec<String>,
    /// Lower-cased and trimmed; for list operators and `category_ids` also split on commas
    /// (Magento stores such values as one comma-separated string).
    pub values: Vec<String>,
    /// `values` as a set, for IS_ONE_OF / overlap tests.
    pub set: HashSet<String>,
    /// Each of `values` parsed as a decimal, when it is one.
    pub numbers: Vec<Option<Decimal>>,
    /// Whether any of `numbers` is set (checked for every line: computed once here).
    pub has_number: bool,
}

impl Test {
    fn new(operator: Operator, raw: &[String], split_commas: bool) -> Test {
        let split = split_commas || operator.takes_list();
        let mut values = Vec::with_capacity(raw.len());
        for value in raw {
            if split {
                values.extend(
                    value
                        .split(',')
                        .map(|part| part.trim().to_lowercase())
                        .filter(|part| !part.is_empty()),
                );
            } else {
                values.push(value.trim().to_lowercase());
            }
        }
        let numbers: Vec<Option<Decimal>> = values.iter().map(|v| parse_decimal(v).ok()).collect();
        Test {
            operator,
            raw: raw.to_vec(),
            set: values.iter().cloned().collect(),
            values,
            has_number: numbers.iter().any(Option::is_some),
            numbers,
        }
    }

    /// The single value of a scalar comparison, as a number.
    pub fn first_number(&self) -> Option<Decimal> {
        self.numbers.first().copied().flatten()
    }
}

impl RuleSet {
    /// Compiles rules (assumed validated; anything unusable is compiled to "never matches"
    /// rather than panicking) for the given websites and rule-set version.
    pub fn compile(rules: Vec<CartPriceRule>, websites: Websites, version: u64) -> RuleSet {
        let mut compiled: Vec<CompiledRule> = rules.into_iter().map(compile_rule).collect();
        // Magento sorts by sort_order, then rule_id (RULES.md §1.5); stable for equal ids.
        compiled.sort_by_key(|c| (c.rule.sort_order, c.rule.id));
        let mut by_code = HashMap::default();
        let mut by_id = HashMap::default();
        for (index, c) in compiled.iter().enumerate() {
            by_id.entry(c.rule.id).or_insert(index);
            if c.rule.coupon_type == CouponType::Specific && !c.rule.coupon_code.is_empty() {
                by_code
                    .entry(code_key(&c.rule.coupon_code))
                    .or_insert(index);
            }
        }
        let index = Index::build(&compiled);
        let customer_limited = compiled
            .iter()
            .filter(|c| c.rule.uses_per_customer > 0)
            .map(|c| c.rule.id)
            .collect();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: HashMap<&str, usize> = HashMap::default();
        for (i, c) in compiled.iter().enumerate() {
            let name = c.rule.exclusive_group.trim();
            if name.is_empty() {
                continue;
            }
            let g = *group_of.entry(name).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        RuleSet {
            rules: compiled,
            by_code,
            by_id,
            websites,
            discount_label: Arc::from("Discount"),
            index,
            customer_limited,
            groups,
            max_group_candidates: DEFAULT_GROUP_CANDIDATES,
            version,
        }
    }

    /// This set pricing at most `n` candidates of a best-deal group per cart (at least 1):
    /// candidates after the first `n` in priority order are OUTBID unpriced.
    pub fn with_group_candidates(mut self, n: usize) -> RuleSet {
        self.max_group_candidates = n.max(1);
        self
    }

    /// Candidates of one best-deal group priced per cart.
    pub fn max_group_candidates(&self) -> usize {
        self.max_group_candidates
    }

    /// Whether any rule names an `exclusive_group`.
    pub fn has_groups(&self) -> bool {
        !self.groups.is_empty()
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// This set with `drafts` in place (a draft with id 0 is new: given a provisional id
    /// from [`DRAFT_IDS_FROM`] up, in order, above every stored rule's, so it sorts after
    /// them on equal priority as a saved rule would, and never meets a deleted rule's
    /// leftover usage; any other id replaces that rule) and the `disabled` ids left out;
    /// returns the set and each draft's id, in order. A draft is never disabled.
    pub fn with_changes(
        &self,
        mut drafts: Vec<CartPriceRule>,
        disabled: &[u64],
    ) -> (RuleSet, Vec<u64>) {
        let mut next = self
            .rules
            .iter()
            .map(|c| c.rule.id)
            .chain(drafts.iter().map(|d| d.id))
            .max()
            .unwrap_or(0)
            .max(DRAFT_IDS_FROM - 1);
        for draft in &mut drafts {
            if draft.id == 0 {
                next = next.saturating_add(1);
                draft.id = next;
            }
        }
        let ids: Vec<u64> = drafts.iter().map(|d| d.id).collect();
        let replaced: rustc_hash::FxHashSet<u64> = ids.iter().chain(disabled).copied().collect();
        let mut rules: Vec<CartPriceRule> = self
            .rules
            .iter()
            .filter(|c| !replaced.contains(&c.rule.id))
            .map(|c| c.rule.clone())
            .collect();
        rules.extend(drafts);
        (
            RuleSet::compile(rules, self.websites.clone(), self.version)
                .with_group_candidates(self.max_group_candidates),
            ids,
        )
    }

    /// Whether a rule with this id is in the set.
    pub fn contains(&self, id: u64) -> bool {
        self.by_id.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn websites(&self) -> &Websites {
        &self.websites
    }

    /// Ids of the rules that limit uses per customer, in priority order (computed once).
    pub fn customer_limited_rule_ids(&self) -> &[u64] {
        &self.customer_limited
    }
}

fn compile_rule(rule: CartPriceRule) -> CompiledRule {
    let amount = rule
        .discount_amount
        .clamp(Decimal::ZERO, Decimal::from(MAX_RULE_AMOUNT));
    let percent = amount.min(Decimal::ONE_HUNDRED);
    let discount_qty = rule
        .discount_qty
        .filter(|q| *q > Decimal::ZERO)
        .map(|q| q.min(Decimal::from(MAX_QTY)));
    let conditions = rule.conditions.as_ref().map(compile_tree);
    let actions = rule.action_conditions.as_ref().map(compile_tree);
    let percent = if rule.simple_action == SimpleAction::ByPercent {
        percent
    } else {
        Decimal::ZERO
    };
    CompiledRule {
        website_ids: rule.website_ids.iter().cloned().collect(),
        customer_group_ids: rule.customer_group_ids.iter().cloned().collect(),
        conditions,
        actions,
        amount,
        percent,
        discount_qty,
        step: Decimal::from(rule.discount_step),
        labels: rule
            .labels
            .iter()
            .map(|(store, label)| (store.clone(), Arc::from(label.as_str())))
            .collect(),
        rule,
    }
}

/// Compiles a tree; a tree beyond the validation limits becomes `Invalid` (never true), so
/// evaluation recursion is bounded by `MAX_TREE_DEPTH`.
pub(crate) fn compile_tree(root: &Condition) -> Cond {
    let mut budget = MAX_TREE_NODES;
    compile_node(root, 1, &mut budget).unwrap_or_else(|reason| Cond::Invalid { reason })
}

fn compile_node(node: &Condition, depth: usize, budget: &mut usize) -> Result<Cond, String> {
    if depth > MAX_TREE_DEPTH {
        return Err(format!(
            "condition tree deeper than {MAX_TREE_DEPTH} levels"
        ));
    }
    if *budget == 0 {
        return Err(format!("condition tree larger than {MAX_TREE_NODES} nodes"));
    }
    *budget -= 1;
    let children = |list: &[Condition], budget: &mut usize| -> Result<Vec<Cond>, String> {
        list.iter()
            .map(|c| compile_node(c, depth + 1, budget))
            .collect()
    };
    Ok(match node {
        Condition::Combine {
            aggregator,
            negate,
            conditions,
        } => Cond::Combine {
            all: *aggregator == Aggregator::All,
            negate: *negate,
            children: children(conditions, budget)?,
        },
        Condition::Address {
            attribute,
            operator,
            values,
        } => Cond::Address {
            attribute: *attribute,
            test: Test::new(*operator, values, false),
        },
        Condition::ProductFound {
            not_found,
            aggregator,
            conditions,
        } => Cond::Found {
            not_found: *not_found,
            all: *aggregator == Aggregator::All,
            children: children(conditions, budget)?,
        },
        Condition::ProductSubselect {
            attribute,
            operator,
            values,
            aggregator,
            conditions,
        } => Cond::Subselect {
            attribute: *attribute,
            test: Test::new(*operator, values, false),
            all: *aggregator == Aggregator::All,
            children: children(conditions, budget)?,
        },
        Condition::Product {
            attribute,
            operator,
            values,
        } => {
            let attribute = ProductAttribute::parse(attribute.trim());
            // Category conditions hold "11, 12" in Magento: any of those categories.
            let split = attribute == ProductAttribute::CategoryIds;
            Cond::Product {
                test: Test::new(*operator, values, split),
                attribute,
            }
        }
        Condition::Audience {
            operator,
            audience_ids,
        } => Cond::Audience {
            operator: *operator,
            // Audience ids compare exactly (case-sensitive), RULES.md §2.
            ids: audience_ids.iter().cloned().collect(),
            raw: audience_ids.clone(),
        },
    })
}
