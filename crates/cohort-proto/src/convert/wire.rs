//! The domain's priced answer written straight to `PriceCartResponse`'s wire form, in one
//! pass: the bytes prost would write for `priced_to_proto(p)` with its `membership` (a test
//! holds them equal), without building the response's strings first. Amounts are printed
//! into a stack buffer and copied into the message, labels are borrowed from the rule set;
//! the gRPC service answers PriceCart through it (`docs/benchmarks.md`, "Eighth session").

use cohort_domain::{AmountText, Currency, LinePrice, Membership, Priced, RuleHint};
use prost::bytes::BufMut;
use prost::encoding::{WireType, encode_key, encode_varint, encoded_len_varint};
use rust_decimal::Decimal;

use super::enums::{COUPON_STATUSES, MEMBERSHIP_SOURCES, RULE_OUTCOMES, to_proto};

/// Writes `PriceCartResponse` for `p` and, when given, its `membership` into `buf`.
pub fn encode_priced(p: &Priced, membership: Option<&Membership>, buf: &mut impl BufMut) {
    let mut w = Writer {
        currency: p.currency,
        amount: AmountText::default(),
        // A 20-line cart with a dozen rules on a line is ~600 bytes a line.
        line: Vec::with_capacity(1024),
        inner: Vec::with_capacity(64),
    };
    w.response(p, membership, buf);
}

/// Scratch space reused across the answer's nested messages: a nested message is written
/// to scratch first, since its length prefix comes before it.
struct Writer {
    currency: Currency,
    amount: AmountText,
    line: Vec<u8>,
    inner: Vec<u8>,
}

/// A field key; the answer's tags are all below 16, so a key is one byte.
fn key(tag: u32, wire_type: WireType, buf: &mut impl BufMut) {
    if tag < 16 {
        buf.put_u8(((tag << 3) | wire_type as u32) as u8);
    } else {
        encode_key(tag, wire_type, buf);
    }
}

/// A varint; lengths and most ids are below 128, one byte.
fn varint(v: u64, buf: &mut impl BufMut) {
    if v < 0x80 {
        buf.put_u8(v as u8);
    } else {
        encode_varint(v, buf);
    }
}

fn string(tag: u32, s: &str, buf: &mut impl BufMut) {
    if !s.is_empty() {
        bytes(tag, s.as_bytes(), buf);
    }
}

/// A length-delimited field, written even when empty (repeated elements, set messages).
fn bytes(tag: u32, b: &[u8], buf: &mut impl BufMut) {
    key(tag, WireType::LengthDelimited, buf);
    varint(b.len() as u64, buf);
    buf.put_slice(b);
}

fn uint64(tag: u32, v: u64, buf: &mut impl BufMut) {
    if v != 0 {
        key(tag, WireType::Varint, buf);
        varint(v, buf);
    }
}

fn enumeration(tag: u32, v: i32, buf: &mut impl BufMut) {
    if v != 0 {
        key(tag, WireType::Varint, buf);
        // int32 on the wire: a negative value is sign-extended to 64 bits.
        varint(i64::from(v) as u64, buf);
    }
}

fn boolean(tag: u32, v: bool, buf: &mut impl BufMut) {
    if v {
        key(tag, WireType::Varint, buf);
        buf.put_u8(1);
    }
}

impl Writer {
    fn money(&mut self, tag: u32, amount: Decimal, buf: &mut impl BufMut) {
        // Never empty ("0.00" at least): written as proto3 writes a set string.
        let text = self.currency.format_ascii(amount, &mut self.amount);
        bytes(tag, text, buf);
    }

    fn response(&mut self, p: &Priced, membership: Option<&Membership>, buf: &mut impl BufMut) {
        string(1, p.currency.code(), buf);
        self.money(2, p.subtotal, buf);
        self.money(3, p.item_discount_total, buf);
        self.money(4, p.shipping_amount, buf);
        self.money(5, p.shipping_discount, buf);
        self.money(6, p.discount_total, buf);
        self.money(7, p.grand_total, buf);
        boolean(8, p.free_shipping, buf);
        let mut line = std::mem::take(&mut self.line);
        for l in &p.lines {
            line.clear();
            self.line_price(l, &mut line);
            bytes(9, &line, buf);
        }
        for a in &p.applied_rules {
            line.clear();
            uint64(1, a.rule_id, &mut line);
            string(2, &a.name, &mut line);
            string(3, &a.label, &mut line);
            self.money(4, a.discount_amount, &mut line);
            self.money(5, a.shipping_discount, &mut line);
            string(6, a.coupon_code.as_deref().unwrap_or_default(), &mut line);
            bytes(10, &line, buf);
        }
        for c in &p.coupons {
            line.clear();
            string(1, &c.code, &mut line);
            enumeration(2, to_proto(&COUPON_STATUSES, c.status), &mut line);
            uint64(3, c.rule_id.unwrap_or(0), &mut line);
            string(4, &c.message, &mut line);
            bytes(11, &line, buf);
        }
        for id in &p.audience_ids {
            bytes(12, id.as_bytes(), buf);
        }
        for t in &p.trace {
            line.clear();
            uint64(1, t.rule_id, &mut line);
            enumeration(2, to_proto(&RULE_OUTCOMES, t.outcome), &mut line);
            string(3, &t.failed_condition_path, &mut line);
            uint64(4, t.stopped_by_rule_id.unwrap_or(0), &mut line);
            string(5, &t.detail, &mut line);
            if let Some(h) = &t.hint {
                let mut hint = Vec::new();
                self.hint(p, h, &mut hint);
                bytes(6, &hint, &mut line);
            }
            uint64(7, t.outbid_by_rule_id.unwrap_or(0), &mut line);
            if let Some(by) = t.outbid_by {
                self.money(8, by, &mut line);
            }
            bytes(13, &line, buf);
        }
        uint64(14, p.ruleset_version, buf);
        if let Some(m) = membership {
            line.clear();
            enumeration(1, to_proto(&MEMBERSHIP_SOURCES, m.source), &mut line);
            for id in &m.audience_ids {
                bytes(2, id.as_bytes(), &mut line);
            }
            uint64(3, m.age_ms, &mut line);
            string(4, &m.note, &mut line);
            bytes(15, &line, buf);
        }
        for h in &p.hints {
            line.clear();
            self.hint(p, h, &mut line);
            bytes(16, &line, buf);
        }
        self.line = line;
    }

    fn hint(&mut self, p: &Priced, h: &RuleHint, out: &mut Vec<u8>) {
        uint64(1, h.rule_id, out);
        string(2, &h.label, out);
        string(3, &h.attribute, out);
        string(4, &super::priced::hint_missing(p.currency, h), out);
        string(5, &h.condition_path, out);
    }

    fn line_price(&mut self, l: &LinePrice, out: &mut Vec<u8>) {
        string(1, &l.line_id, out);
        self.money(2, l.row_total, out);
        self.money(3, l.discount_amount, out);
        self.money(4, l.row_total_after_discount, out);
        boolean(5, l.free_shipping, out);
        if let Some(q) = l.free_shipping_qty {
            string(6, &q.normalize().to_string(), out);
        }
        let mut inner = std::mem::take(&mut self.inner);
        for d in &l.discounts {
            inner.clear();
            uint64(1, d.rule_id, &mut inner);
            string(2, &d.label, &mut inner);
            self.money(3, d.amount, &mut inner);
            bytes(7, &inner, out);
        }
        self.inner = inner;
        if !l.applied_rule_ids.is_empty() {
            // Packed, as proto3 writes repeated scalars.
            let len: usize = l
                .applied_rule_ids
                .iter()
                .map(|&id| encoded_len_varint(id))
                .sum();
            key(8, WireType::LengthDelimited, out);
            varint(len as u64, out);
            for &id in &l.applied_rule_ids {
                varint(id, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use cohort_domain::{
        AppliedRule, CouponResult, CouponStatus, MembershipSource, RuleDiscount, RuleOutcome,
        RuleTrace,
    };
    use prost::Message;

    use super::*;
    use crate::convert::{membership_to_proto, priced_to_proto};

    /// A seeded generator (xorshift), so the cases are the same on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn text(&mut self) -> String {
            // Empty sometimes (proto3 leaves empty strings out), non-ASCII sometimes.
            match self.below(4) {
                0 => String::new(),
                1 => "Ünïcode ✓".into(),
                _ => format!("t{}", self.next() % 100_000),
            }
        }
        fn amount(&mut self) -> Decimal {
            // Signs, scales beyond the minor unit, zero and huge values.
            match self.below(6) {
                0 => Decimal::ZERO,
                1 => Decimal::from_i128_with_scale(-(self.below(1_000_000) as i128), 3),
                2 => Decimal::MAX,
                _ => Decimal::from_i128_with_scale(
                    self.next() as i128 % 10_000_000_000,
                    self.below(29) as u32,
                ),
            }
        }
    }

    fn random_priced(rng: &mut Rng) -> (Priced, Option<Membership>) {
        let currency = ["USD", "JPY", "KWD", "UYW"][rng.below(4) as usize];
        let lines = (0..rng.below(6))
            .map(|_| LinePrice {
                line_id: rng.text(),
                row_total: rng.amount(),
                discount_amount: rng.amount(),
                row_total_after_discount: rng.amount(),
                free_shipping: rng.below(2) == 0,
                free_shipping_qty: (rng.below(3) == 0).then(|| rng.amount()),
                discounts: (0..rng.below(4))
                    .map(|_| RuleDiscount {
                        rule_id: if rng.below(3) == 0 { 0 } else { rng.next() },
                        label: Arc::from(rng.text()),
                        amount: rng.amount(),
                    })
                    .collect(),
                applied_rule_ids: (0..rng.below(4))
                    .map(|_| rng.next() >> rng.below(64))
                    .collect(),
            })
            .collect();
        let applied_rules = (0..rng.below(4))
            .map(|_| AppliedRule {
                rule_id: rng.below(1000),
                name: rng.text(),
                label: Arc::from(rng.text()),
                discount_amount: rng.amount(),
                shipping_discount: rng.amount(),
                coupon_code: (rng.below(2) == 0).then(|| rng.text()),
            })
            .collect();
        let statuses = [
            CouponStatus::Applied,
            CouponStatus::NotFound,
            CouponStatus::Expired,
            CouponStatus::UsageLimitReached,
            CouponStatus::NotApplicable,
        ];
        let coupons = (0..rng.below(3))
            .map(|_| CouponResult {
                code: rng.text(),
                status: statuses[rng.below(5) as usize],
                rule_id: (rng.below(2) == 0).then(|| rng.below(100)),
                message: rng.text(),
            })
            .collect();
        let outcomes = [
            RuleOutcome::Applied,
            RuleOutcome::Inactive,
            RuleOutcome::CouponMissing,
            RuleOutcome::CustomerLimitReached,
            RuleOutcome::Outbid,
        ];
        let hint = |rng: &mut Rng| RuleHint {
            rule_id: rng.below(100),
            label: rng.text().into(),
            attribute: rng.text(),
            condition_path: rng.text(),
            missing: rng.amount(),
            money: rng.below(2) == 0,
        };
        let trace = (0..rng.below(4))
            .map(|_| RuleTrace {
                rule_id: rng.below(100),
                outcome: outcomes[rng.below(5) as usize],
                failed_condition_path: rng.text(),
                stopped_by_rule_id: (rng.below(2) == 0).then(|| rng.below(100)),
                detail: rng.text(),
                hint: (rng.below(3) == 0).then(|| hint(rng)),
                outbid_by_rule_id: (rng.below(2) == 0).then(|| rng.below(100)),
                outbid_by: (rng.below(2) == 0).then(|| rng.amount()),
            })
            .collect();
        let hints = (0..rng.below(3)).map(|_| hint(rng)).collect();
        let priced = Priced {
            currency: Currency::from_code(currency).expect("known"),
            subtotal: rng.amount(),
            item_discount_total: rng.amount(),
            shipping_amount: rng.amount(),
            shipping_discount: rng.amount(),
            discount_total: rng.amount(),
            grand_total: rng.amount(),
            free_shipping: rng.below(2) == 0,
            lines,
            applied_rules,
            coupons,
            audience_ids: (0..rng.below(3)).map(|_| rng.text()).collect(),
            trace,
            hints,
            ruleset_version: if rng.below(3) == 0 { 0 } else { rng.next() },
        };
        let sources = [
            MembershipSource::Header,
            MembershipSource::Token,
            MembershipSource::Lookup,
        ];
        let membership = (rng.below(3) != 0).then(|| Membership {
            source: sources[rng.below(3) as usize],
            audience_ids: (0..rng.below(3)).map(|_| rng.text()).collect(),
            age_ms: rng.below(2) * rng.below(100_000),
            note: rng.text(),
        });
        (priced, membership)
    }

    #[test]
    fn writes_the_bytes_prost_writes_for_the_converted_answer() {
        let mut rng = Rng(0x5eed_cafe);
        for case in 0..5_000 {
            let (priced, membership) = random_priced(&mut rng);
            let mut response = priced_to_proto(priced.clone());
            response.membership = membership.clone().map(membership_to_proto);
            let want = response.encode_to_vec();
            let mut got = Vec::new();
            encode_priced(&priced, membership.as_ref(), &mut got);
            assert_eq!(got, want, "case {case}: {priced:?} {membership:?}");
        }
    }
}
