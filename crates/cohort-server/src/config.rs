//! Service configuration: built-in defaults < `cohort.toml` (`--config` or `COHORT_CONFIG`)
//! < environment `COHORT__SECTION__KEY`. Section and key names are part of the contract:
//! operators and tests write them.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use cohort_aep::AepConfig;
use cohort_app::membership::{MembershipConfig, MembershipMode};
use cohort_domain::{CartLimits, Currency, WebsiteSettings, Websites};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Load(#[from] config::ConfigError),
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
}

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: ServerSection,
    pub database: DatabaseSection,
    pub limits: LimitsSection,
    /// Website id → its settings.
    pub websites: BTreeMap<String, WebsiteSection>,
    pub rules: RulesSection,
    pub auth: AuthSection,
    pub log: LogSection,
    pub metrics: MetricsSection,
    /// Adobe Experience Platform (optional): credentials and the audience sync.
    pub aep: AepConfig,
    /// Where the shopper's membership comes from (header, token or look-up).
    pub membership: MembershipConfig,
    /// The merchandiser's console (web pages); off unless `console.addr` is set.
    pub console: cohort_console::ConsoleConfig,
    /// Coupon rows and customers' counts held in memory for pricing.
    pub usage_cache: cohort_app::UsageCacheConfig,
}

/// Bearer tokens. Secrets: `Debug` shows only how many there are.
#[derive(Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSection {
    /// Guard RuleService, CouponService and AudienceService. Without any, those services
    /// refuse every call (fail closed) unless `admin_open` is set.
    pub admin_tokens: Vec<String>,
    /// Guard PricingService when set.
    pub pricing_tokens: Vec<String>,
    /// Serve the admin services without a token when no admin token is configured (the
    /// demo, a laptop). Off by default; has no effect once admin tokens are set.
    pub admin_open: bool,
}

impl std::fmt::Debug for AuthSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthSection")
            .field(
                "admin_tokens",
                &format_args!("[{} redacted]", self.admin_tokens.len()),
            )
            .field(
                "pricing_tokens",
                &format_args!("[{} redacted]", self.pricing_tokens.len()),
            )
            .field("admin_open", &self.admin_open)
            .finish()
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSection {
    /// Address to listen on; port 0 picks a free port (printed at start-up).
    pub addr: SocketAddr,
    /// Seconds to wait for in-flight calls after SIGINT/SIGTERM.
    pub shutdown_grace_secs: u64,
    /// After SIGINT/SIGTERM, keep serving this long with health NOT_SERVING, so load
    /// balancers stop sending new calls before the listener closes.
    pub drain_delay_ms: u64,
    /// Longest a call may run: the caller's `grpc-timeout` is honoured up to this cap.
    pub request_timeout_ms: u64,
    /// Calls in flight at most; beyond it calls get RESOURCE_EXHAUSTED at once.
    pub concurrency_limit: usize,
    /// Largest request message accepted, in bytes.
    pub max_message_bytes: usize,
    /// TLS certificate chain (PEM); TLS is on when `tls_cert` and `tls_key` are set.
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    pub tls_key: Option<PathBuf>,
    /// CA (PEM) that client certificates must chain to: mutual TLS when set.
    pub tls_client_ca: Option<PathBuf>,
    /// Tests only: honour a `cohort-test-delay-ms` metadata value on PriceCart, to provoke
    /// deadlines and load shedding.
    pub test_delay_header: bool,
}

impl Default for ServerSection {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 50051)),
            shutdown_grace_secs: 10,
            drain_delay_ms: 500,
            request_timeout_ms: 10_000,
            concurrency_limit: 1024,
            max_message_bytes: 4 * 1024 * 1024,
            tls_cert: None,
            tls_key: None,
            tls_client_ca: None,
            test_delay_header: false,
        }
    }
}

/// Prometheus metrics.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSection {
    /// Serve `/metrics` (Prometheus text format) on this address; off when unset.
    pub addr: Option<SocketAddr>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSection {
    /// `sqlite://PATH` (created and migrated on start) or `postgres://…`.
    pub url: String,
    /// How often to compare the stored rule set version with the live one, and to read the
    /// usage change log (the fallback to PostgreSQL LISTEN/NOTIFY, and how a SQLite server
    /// sees CLI writes).
    pub poll_interval_ms: u64,
}

impl Default for DatabaseSection {
    fn default() -> Self {
        Self {
            url: "sqlite://cohort.db".into(),
            poll_interval_ms: 500,
        }
    }
}

/// Request bounds (`docs/limits.md` lists each with its meaning).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsSection {
    pub max_items: usize,
    pub max_coupons: usize,
    pub max_audiences: usize,
    /// Longest string field of a cart (ids, SKUs, codes, attribute keys and values).
    pub max_string_bytes: usize,
    pub max_categories_per_line: usize,
    pub max_attributes_per_line: usize,
    /// Nodes a rule's condition tree may have (each tree; at most 10,000, the API's bound).
    pub max_rule_nodes: usize,
    /// Candidates of one best-deal group priced per cart (at least 1).
    pub max_group_candidates: usize,
}

impl Default for LimitsSection {
    fn default() -> Self {
        let d = CartLimits::default();
        Self {
            max_items: d.max_items,
            max_coupons: d.max_coupons,
            max_audiences: d.max_audiences,
            max_string_bytes: d.max_string_bytes,
            max_categories_per_line: d.max_categories_per_line,
            max_attributes_per_line: d.max_attributes_per_line,
            max_rule_nodes: cohort_domain::validate::MAX_TREE_NODES,
            max_group_candidates: d.max_group_candidates,
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct WebsiteSection {
    /// ISO 4217 base currency.
    pub currency: String,
    /// IANA time zone rule dates are compared in.
    pub time_zone: String,
}

impl Default for WebsiteSection {
    fn default() -> Self {
        Self {
            currency: "USD".into(),
            time_zone: "UTC".into(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RulesSection {
    /// Read-only mode: price with the rules of this `ListRulesResponse` JSON file instead of
    /// the database.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LogSection {
    /// `human` or `json`.
    pub format: String,
    /// A tracing filter, e.g. `info` or `cohort_server=debug,info`.
    pub level: String,
}

impl Default for LogSection {
    fn default() -> Self {
        Self {
            format: "human".into(),
            level: "info".into(),
        }
    }
}

/// `aep` keys whose environment values are taken as they are (see `load_from`).
const AEP_STRING_KEYS: [&str; 7] = [
    "client_id",
    "client_secret",
    "org_id",
    "technical_account_id",
    "technical_account_email",
    "sandbox",
    "datastream_id",
];

/// `auth` keys read verbatim from the environment (see `load_from`).
/// Token lists read verbatim from the environment: (section, key).
const TOKEN_KEYS: [(&str, &str); 3] = [
    ("auth", "admin_tokens"),
    ("auth", "pricing_tokens"),
    ("membership", "trusted_tokens"),
];

impl Config {
    /// Loads defaults < file < environment. `file` is `--config`; without it `COHORT_CONFIG`
    /// is read, then `./cohort.toml` if present.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        Self::load_from(file, std::env::vars())
    }

    /// As `load`, with the environment given (tests).
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let env: std::collections::HashMap<String, String> = env.into_iter().collect();
        let mut builder = config::Config::builder();
        let explicit = file
            .map(Path::to_path_buf)
            .or_else(|| env.get("COHORT_CONFIG").map(PathBuf::from));
        match explicit {
            Some(path) => {
                if !path.exists() {
                    return Err(ConfigError::Invalid {
                        field: "--config".into(),
                        reason: format!("{} does not exist", path.display()),
                    });
                }
                builder =
                    builder.add_source(config::File::from(path).format(config::FileFormat::Toml));
            }
            None => {
                builder = builder.add_source(
                    config::File::with_name("cohort.toml")
                        .format(config::FileFormat::Toml)
                        .required(false),
                );
            }
        }
        let mut vars: config::Map<String, String> = env
            .into_iter()
            .filter(|(k, _)| k.starts_with("COHORT__"))
            .collect();
        // AEP credentials are opaque strings: `try_parsing` would turn an all-digit client
        // id or secret into a number (and a long one into a rounded float), so they are
        // set verbatim instead.
        for key in AEP_STRING_KEYS {
            let var = format!("COHORT__AEP__{}", key.to_ascii_uppercase());
            if let Some(value) = vars.remove(&var) {
                builder = builder.set_override(format!("aep.{key}"), value)?;
            }
        }
        // Tokens are secrets and opaque strings: read verbatim (an all-digit token is not a
        // number), split on commas, and a variable that is set but holds no token (an
        // unresolved secret in a deployment) stops start-up, naming the variable only.
        for (section, key) in TOKEN_KEYS {
            let var = format!(
                "COHORT__{}__{}",
                section.to_ascii_uppercase(),
                key.to_ascii_uppercase()
            );
            if let Some(value) = vars.remove(&var) {
                let tokens: Vec<String> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
                if tokens.is_empty() {
                    return Err(ConfigError::Invalid {
                        field: var,
                        reason: "is set but holds no token (an unresolved secret?); unset it \
                                 or give comma-separated tokens"
                            .into(),
                    });
                }
                builder = builder.set_override(format!("{section}.{key}"), tokens)?;
            }
        }
        builder = builder.add_source(
            config::Environment::with_prefix("COHORT")
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true)
                .source(Some(vars)),
        );
        let cfg: Config = builder.build()?.try_deserialize()?;
        cfg.websites()?;
        for (field, tokens) in [
            ("auth.admin_tokens", &cfg.auth.admin_tokens),
            ("auth.pricing_tokens", &cfg.auth.pricing_tokens),
        ] {
            if let Some(i) = tokens.iter().position(|t| t.trim().is_empty()) {
                return Err(ConfigError::Invalid {
                    field: format!("{field}[{i}]"),
                    reason: "is empty (an unresolved secret?)".into(),
                });
            }
        }
        let admin = cohort_app::AdminToken::parse_all(&cfg.auth.admin_tokens);
        if let Some(i) = cfg
            .auth
            .admin_tokens
            .iter()
            .enumerate()
            .position(|(i, t)| cohort_app::AdminToken::parse(t, i).secret().is_empty())
        {
            return Err(ConfigError::Invalid {
                field: format!("auth.admin_tokens[{i}]"),
                reason: "names a token but has none after `name:`".into(),
            });
        }
        if let Some(i) = cfg.membership.trusted_tokens.iter().position(|t| {
            !cfg.auth.pricing_tokens.contains(t) && !admin.iter().any(|a| a.secret() == t.trim())
        }) {
            return Err(ConfigError::Invalid {
                field: format!("membership.trusted_tokens[{i}]"),
                reason: "is not one of auth.pricing_tokens or auth.admin_tokens (the token \
                         itself, without an admin token's `name:`): a trusted caller must \
                         first be a caller"
                    .into(),
            });
        }
        if cfg.membership.mode == MembershipMode::Lookup && !cfg.aep.is_configured() {
            return Err(ConfigError::Invalid {
                field: "membership.mode".into(),
                reason: "\"lookup\" asks Experience Platform: it needs the aep section's \
                         credentials"
                    .into(),
            });
        }
        if cfg.console.session_ttl.is_zero() {
            return Err(ConfigError::Invalid {
                field: "console.session_ttl".into(),
                reason: "must be greater than zero".into(),
            });
        }
        if cfg.server.tls_client_ca.is_some()
            && (cfg.server.tls_cert.is_none() || cfg.server.tls_key.is_none())
        {
            return Err(ConfigError::Invalid {
                field: "server.tls_client_ca".into(),
                reason: "needs server.tls_cert and server.tls_key: mutual TLS without TLS \
                         would serve plaintext"
                    .into(),
            });
        }
        Ok(cfg)
    }

    pub fn cart_limits(&self) -> CartLimits {
        CartLimits {
            max_items: self.limits.max_items,
            max_coupons: self.limits.max_coupons,
            max_audiences: self.limits.max_audiences,
            max_string_bytes: self.limits.max_string_bytes,
            max_categories_per_line: self.limits.max_categories_per_line,
            max_attributes_per_line: self.limits.max_attributes_per_line,
            max_group_candidates: self.limits.max_group_candidates.max(1),
        }
    }

    /// The configured websites; unknown ones default to USD / UTC.
    pub fn websites(&self) -> Result<Websites, ConfigError> {
        let mut websites = Websites::default();
        for (id, w) in &self.websites {
            let base_currency =
                Currency::from_code(&w.currency).ok_or_else(|| ConfigError::Invalid {
                    field: format!("websites.{id}.currency"),
                    reason: format!("{:?} is not an ISO 4217 code", w.currency),
                })?;
            let time_zone = w.time_zone.parse().map_err(|_| ConfigError::Invalid {
                field: format!("websites.{id}.time_zone"),
                reason: format!("{:?} is not an IANA time zone", w.time_zone),
            })?;
            websites.by_id.insert(
                id.clone(),
                WebsiteSettings {
                    base_currency,
                    time_zone,
                },
            );
        }
        Ok(websites)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.toml");
        std::fs::write(&empty, "").unwrap();
        let cfg = Config::load_from(Some(&empty), env(&[])).unwrap();
        assert_eq!(cfg.server.addr.to_string(), "127.0.0.1:50051");
        assert_eq!(cfg.database.url, "sqlite://cohort.db");
        assert_eq!(cfg.cart_limits(), CartLimits::default());
    }

    #[test]
    fn environment_beats_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cohort.toml");
        std::fs::write(
            &file,
            "[server]\naddr = \"127.0.0.1:1\"\n[database]\nurl = \"sqlite://file.db\"\n\
             [limits]\nmax_items = 5\n[websites.eu]\ncurrency = \"EUR\"\ntime_zone = \"Europe/Paris\"\n",
        )
        .unwrap();
        let cfg = Config::load_from(
            Some(&file),
            env(&[
                ("COHORT__SERVER__ADDR", "127.0.0.1:2"),
                ("COHORT__LIMITS__MAX_COUPONS", "3"),
                ("COHORT__AUTH__ADMIN_TOKENS", "t1,t2"),
                ("OTHER", "x"),
            ]),
        )
        .unwrap();
        assert_eq!(cfg.server.addr.to_string(), "127.0.0.1:2");
        assert_eq!(cfg.database.url, "sqlite://file.db");
        assert_eq!(cfg.limits.max_items, 5);
        assert_eq!(cfg.limits.max_coupons, 3);
        assert_eq!(cfg.auth.admin_tokens, ["t1", "t2"]);
        assert!(!format!("{cfg:?}").contains("t1"));
        let eu = cfg.websites().unwrap().get("eu");
        assert_eq!(eu.base_currency.code(), "EUR");
    }

    #[test]
    fn token_variables_are_strings_and_never_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cohort.toml");
        std::fs::write(&file, "[auth]\nadmin_tokens = [\"from-file\"]\n").unwrap();
        // An unresolved secret: set, but empty. Start-up fails naming the variable.
        for empty in ["", " ", ",", " , "] {
            let err = Config::load_from(Some(&file), env(&[("COHORT__AUTH__ADMIN_TOKENS", empty)]))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("COHORT__AUTH__ADMIN_TOKENS: "), "{err}");
        }
        // All-digit tokens stay strings, and an error never prints one.
        let cfg = Config::load_from(
            Some(&file),
            env(&[("COHORT__AUTH__PRICING_TOKENS", "0123456789, 42")]),
        )
        .unwrap();
        assert_eq!(cfg.auth.pricing_tokens, ["0123456789", "42"]);
        assert_eq!(cfg.auth.admin_tokens, ["from-file"]);
        let err = Config::load_from(
            Some(&file),
            env(&[
                ("COHORT__AUTH__PRICING_TOKENS", "9999"),
                ("COHORT__SERVER__ADDR", "x"),
            ]),
        )
        .unwrap_err()
        .to_string();
        assert!(!err.contains("9999"), "{err}");
        assert!(!cfg.auth.admin_open);
    }

    #[test]
    fn a_client_ca_without_a_certificate_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cohort.toml");
        std::fs::write(&file, "[server]\ntls_client_ca = \"/etc/ca.pem\"\n").unwrap();
        let err = Config::load_from(Some(&file), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("server.tls_client_ca: "), "{err}");
    }

    #[test]
    fn cohort_config_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(&file, "[database]\nurl = \"sqlite://x.db\"\n").unwrap();
        let cfg =
            Config::load_from(None, env(&[("COHORT_CONFIG", file.to_str().unwrap())])).unwrap();
        assert_eq!(cfg.database.url, "sqlite://x.db");
    }

    #[test]
    fn bad_values_name_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(&file, "[websites.x]\ncurrency = \"EURO\"\n").unwrap();
        let err = Config::load_from(Some(&file), env(&[])).unwrap_err();
        assert!(err.to_string().contains("websites.x.currency"), "{err}");
        std::fs::write(&file, "[server]\nadress = \"x\"\n").unwrap();
        let err = Config::load_from(Some(&file), env(&[])).unwrap_err();
        assert!(err.to_string().contains("adress"), "{err}");
        std::fs::write(&file, "[aep]\nclient_idd = \"x\"\n").unwrap();
        let err = Config::load_from(Some(&file), env(&[])).unwrap_err();
        assert!(err.to_string().contains("client_idd"), "{err}");
        let missing = dir.path().join("missing.toml");
        assert!(Config::load_from(Some(&missing), env(&[])).is_err());
    }

    #[test]
    fn aep_section_from_file_and_environment() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.toml");
        std::fs::write(&empty, "").unwrap();
        let cfg = Config::load_from(Some(&empty), env(&[])).unwrap();
        assert!(!cfg.aep.is_configured());

        let file = dir.path().join("cohort.toml");
        std::fs::write(
            &file,
            "[aep]\nclient_id = \"from-file\"\norg_id = \"ORG@AdobeOrg\"\nsync_interval = \"5m\"\n",
        )
        .unwrap();
        let cfg = Config::load_from(
            Some(&file),
            env(&[
                ("COHORT__AEP__CLIENT_ID", "0123456789012345678901234567890"),
                ("COHORT__AEP__CLIENT_SECRET", "98765432109876543210"),
                ("COHORT__AEP__SANDBOX", "dev-1"),
                ("COHORT__AEP__PAGE_SIZE", "50"),
                ("COHORT__AEP__SCOPES", "openid,AdobeID"),
                ("COHORT__AEP__REQUEST_TIMEOUT", "12"),
            ]),
        )
        .unwrap();
        assert!(cfg.aep.is_configured());
        // Digits stay digits: not parsed as numbers.
        assert_eq!(cfg.aep.client_id, "0123456789012345678901234567890");
        assert_eq!(cfg.aep.client_secret.expose(), "98765432109876543210");
        assert_eq!(cfg.aep.org_id, "ORG@AdobeOrg");
        assert_eq!(cfg.aep.sandbox, "dev-1");
        assert_eq!(cfg.aep.page_size, 50);
        assert_eq!(cfg.aep.scope_param(), "openid,AdobeID");
        assert_eq!(cfg.aep.sync_interval, std::time::Duration::from_secs(300));
        assert_eq!(cfg.aep.request_timeout, std::time::Duration::from_secs(12));
        assert!(!format!("{cfg:?}").contains("98765432109876543210"));
    }
}

/// `cohort.example.toml` documents every key: it parses to the defaults, every key of every
/// section is in it (set or commented) with its environment name, and it names no key the
/// code does not know (GreptimeDB's habit).
#[cfg(test)]
mod example_config {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../cohort.example.toml");

    /// The fields a section accepts, read from serde's "unknown field" error.
    fn fields_of(section: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("probe.toml");
        std::fs::write(&file, format!("[{section}]\nzz_probe = 1\n")).unwrap();
        let err = Config::load_from(Some(&file), Vec::new())
            .unwrap_err()
            .to_string();
        // "expected `a`", "expected `a` or `b`", "expected one of `a`, `b`, `c`".
        let list = err
            .split("expected ")
            .nth(1)
            .unwrap_or_else(|| panic!("{section}: {err}"));
        let list = list.split(" for key").next().unwrap_or(list);
        let fields: Vec<String> = list
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        assert!(!fields.is_empty(), "{section}: {err}");
        fields
    }

    /// The lines of `[section]`, up to the next table header.
    fn section_lines(section: &str) -> Vec<&'static str> {
        let header = format!("[{section}]");
        EXAMPLE
            .lines()
            .skip_while(|l| l.trim() != header)
            .skip(1)
            .take_while(|l| !l.trim_start().starts_with('['))
            .collect()
    }

    #[test]
    fn the_example_parses_to_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cohort.example.toml");
        std::fs::write(&file, EXAMPLE).unwrap();
        let mut cfg = Config::load_from(Some(&file), Vec::new()).unwrap();
        assert_eq!(cfg.websites.len(), 1);
        cfg.websites.clear();
        assert_eq!(cfg, Config::default());
    }

    #[test]
    fn every_key_is_documented_with_its_env_name() {
        for section in [
            "server",
            "database",
            "limits",
            "rules",
            "auth",
            "log",
            "metrics",
            "aep",
            "membership",
            "console",
            "websites.base",
        ] {
            let env_section = section.replace('.', "__").to_uppercase();
            for field in fields_of(section) {
                let line = section_lines(section)
                    .into_iter()
                    .find(|l| {
                        l.trim_start_matches(['#', ' '])
                            .starts_with(&format!("{field} ="))
                    })
                    .unwrap_or_else(|| panic!("{section}.{field} is not in cohort.example.toml"));
                let env = format!("COHORT__{env_section}__{}", field.to_uppercase());
                assert!(
                    line.contains(&env),
                    "{section}.{field}: the line should name {env}: {line}"
                );
            }
        }
    }
}
