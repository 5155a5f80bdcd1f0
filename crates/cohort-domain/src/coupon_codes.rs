//! Coupon code generation with Magento's mass generator semantics
//! (`Magento\SalesRule\Model\Coupon\Massgenerator`): a random part of `length` characters
//! from the format's charset, a delimiter every `dash_every` characters of it, then prefix
//! and suffix; the random part is lengthened when the quantity would make codes guessable
//! (more than a quarter of the space), as Magento's `increaseLength` does.
//!
//! The randomness is a parameter (a closure returning random `u64`s) so this stays pure;
//! the server passes a CSPRNG, tests a seeded one.

use crate::error::{FieldViolation, ValidationError};

pub const MAX_QUANTITY: u32 = 250_000;
pub const DEFAULT_LENGTH: u32 = 12;
/// Magento's `MAX_PROBABILITY_OF_GUESSING`.
const MAX_PROBABILITY_OF_GUESSING: f64 = 0.25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CouponFormat {
    #[default]
    Alphanumeric,
    Alphabetic,
    Numeric,
}

/// The names the CLI accepts.
impl crate::names::Named for CouponFormat {
    const NAMES: &'static [(CouponFormat, &'static str)] = &[
        (CouponFormat::Alphanumeric, "alphanumeric"),
        (CouponFormat::Alphabetic, "alphabetic"),
        (CouponFormat::Numeric, "numeric"),
    ];
}

impl CouponFormat {
    /// Magento's charsets (`Magento\SalesRule\Helper\Coupon::getCharset`).
    pub fn charset(self) -> &'static [u8] {
        match self {
            CouponFormat::Alphanumeric => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            CouponFormat::Alphabetic => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            CouponFormat::Numeric => b"0123456789",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpec {
    pub quantity: u32,
    pub length: u32,
    pub format: CouponFormat,
    pub prefix: String,
    pub suffix: String,
    /// Insert the delimiter every N characters of the random part; 0 = never.
    pub dash_every: u32,
    pub delimiter: String,
}

impl CodeSpec {
    /// Checks the request; paths are those of `GenerateCouponsRequest`.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut v = Vec::new();
        if self.quantity == 0 || self.quantity > MAX_QUANTITY {
            v.push(FieldViolation::new(
                "quantity",
                format!(
                    "must be between 1 and {MAX_QUANTITY}, got {}",
                    self.quantity
                ),
            ));
        }
        if self.length == 0 || self.length > 64 {
            v.push(FieldViolation::new("length", "must be between 1 and 64"));
        }
        for (field, s) in [
            ("prefix", &self.prefix),
            ("suffix", &self.suffix),
            ("delimiter", &self.delimiter),
        ] {
            if s.len() > 32 || s.chars().any(char::is_control) {
                v.push(FieldViolation::new(
                    field,
                    "at most 32 printable characters",
                ));
            }
        }
        ValidationError::check(v)
    }

    /// The length of the random part actually used: lengthened until `quantity` codes fill
    /// at most a quarter of the space.
    pub fn effective_length(&self) -> u32 {
        let chars = self.format.charset().len() as f64;
        let mut length = self.length.max(1);
        while f64::from(self.quantity) / chars.powi(length as i32) > MAX_PROBABILITY_OF_GUESSING
            && length < 64
        {
            length += 1;
        }
        length
    }

    /// One code; `random` yields uniformly random `u64`s.
    pub fn generate(&self, length: u32, random: &mut impl FnMut() -> u64) -> String {
        let charset = self.format.charset();
        let n = charset.len() as u64;
        // Rejection sampling keeps every character equally likely.
        let zone = u64::MAX - (u64::MAX % n);
        let mut code =
            String::with_capacity(self.prefix.len() + self.suffix.len() + 2 * length as usize);
        code.push_str(&self.prefix);
        for i in 0..length {
            if self.dash_every > 0 && i > 0 && i % self.dash_every == 0 {
                code.push_str(&self.delimiter);
            }
            let r = loop {
                let r = random();
                if r < zone {
                    break r;
                }
            };
            code.push(char::from(charset[(r % n) as usize]));
        }
        code.push_str(&self.suffix);
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> CodeSpec {
        CodeSpec {
            quantity: 10,
            length: 8,
            format: CouponFormat::Alphanumeric,
            prefix: "SUMMER-".into(),
            suffix: "-X".into(),
            dash_every: 4,
            delimiter: "-".into(),
        }
    }

    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut s = seed | 1;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        }
    }

    #[test]
    fn shape_follows_magento() {
        let mut r = rng(7);
        let code = spec().generate(8, &mut r);
        assert_eq!(code.len(), "SUMMER-".len() + 9 + 2, "{code}");
        assert!(code.starts_with("SUMMER-") && code.ends_with("-X"));
        assert_eq!(&code[11..12], "-");
        let numeric = CodeSpec {
            format: CouponFormat::Numeric,
            dash_every: 0,
            prefix: String::new(),
            suffix: String::new(),
            ..spec()
        };
        assert!(
            numeric
                .generate(6, &mut r)
                .bytes()
                .all(|b| b.is_ascii_digit())
        );
    }

    #[test]
    fn the_code_is_lengthened_when_the_space_is_too_small() {
        let s = CodeSpec {
            quantity: 1000,
            length: 2,
            format: CouponFormat::Numeric,
            ..spec()
        };
        // 1000 / 10^4 = 0.1 <= 0.25, 1000 / 10^3 = 1 > 0.25.
        assert_eq!(s.effective_length(), 4);
        assert_eq!(CodeSpec { length: 12, ..s }.effective_length(), 12);
    }

    #[test]
    fn bad_requests_name_the_field() {
        let err = CodeSpec {
            quantity: 250_001,
            length: 0,
            ..spec()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = err.violations.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["quantity", "length"]);
    }
}
