//! Bearer-token auth as tonic interceptors: admin tokens guard RuleService, CouponService
//! and AudienceService; pricing tokens, when configured, guard PricingService (admin tokens
//! are accepted there too). Missing or unknown token → UNAUTHENTICATED; a pricing token on
//! an admin service → PERMISSION_DENIED. The admin services fail closed: with no admin
//! token configured they refuse every call, unless `auth.admin_open` opens them. An admin
//! call carries its token's name (the [`AdminActor`] extension) for the audit trail.

use std::sync::Arc;

use cohort_app::audit::{ANONYMOUS, AdminToken, admin_name};
use cohort_app::membership::same_secret as same;
use cohort_app::{Actor, Door};

use tonic::{Request, Status};

/// The name of the admin token an admin call came with (`anonymous` through an open door),
/// put in the request's extensions by the admin interceptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminActor(pub String);

/// Who makes an admin call, for the audit trail. A call that passed no admin interceptor
/// (a test calling a service directly) is `anonymous`.
pub fn actor<T>(request: &Request<T>) -> Actor {
    let name = request
        .extensions()
        .get::<AdminActor>()
        .map_or(ANONYMOUS, |a| a.0.as_str());
    Actor::new(name, Door::Grpc)
}

#[derive(Clone, Default)]
pub struct Tokens {
    admin: Arc<Vec<AdminToken>>,
    pricing: Arc<Vec<String>>,
    /// No admin token is needed when none is configured (`auth.admin_open`).
    admin_open: bool,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Counts only: tokens are secrets.
        f.debug_struct("Tokens")
            .field("admin", &self.admin.len())
            .field("pricing", &self.pricing.len())
            .field("admin_open", &self.admin_open)
            .finish()
    }
}

/// Which service family a call belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    Pricing,
}

impl Tokens {
    pub fn new(admin: Vec<String>, pricing: Vec<String>, admin_open: bool) -> Self {
        let clean = |v: Vec<String>| {
            v.into_iter()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
        };
        Self {
            admin: Arc::new(AdminToken::parse_all(&admin)),
            pricing: Arc::new(clean(pricing)),
            admin_open,
        }
    }

    /// Admin services need an admin token; with none configured they refuse every call
    /// unless `admin_open` (a warning is logged at start-up). PricingService is open when no
    /// pricing token is configured. An admin call's answer is its token's name.
    pub fn check(&self, role: Role, req: &Request<()>) -> Result<Option<String>, Status> {
        let required = match role {
            Role::Admin if self.admin.is_empty() && !self.admin_open => {
                return Err(Status::unauthenticated(
                    "admin services are closed: no admin token is configured \
                     (auth.admin_tokens); auth.admin_open = true opens them without one",
                ));
            }
            Role::Admin => !self.admin.is_empty(),
            Role::Pricing => !self.pricing.is_empty(),
        };
        if !required {
            return Ok((role == Role::Admin).then(|| ANONYMOUS.to_owned()));
        }
        let token = req
            .metadata()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or_else(|| Status::unauthenticated("missing `authorization: Bearer <token>`"))?;
        let admin = admin_name(&self.admin, token);
        let is_pricing = self.pricing.iter().any(|t| same(t, token));
        match role {
            Role::Admin if admin.is_some() => Ok(admin.map(str::to_owned)),
            Role::Admin if is_pricing => Err(Status::permission_denied(
                "a pricing token cannot call admin services",
            )),
            Role::Pricing if admin.is_some() || is_pricing => Ok(None),
            _ => Err(Status::unauthenticated("unknown token")),
        }
    }

    /// Anyone may call the admin services (no token configured, `auth.admin_open` set).
    pub fn admin_open(&self) -> bool {
        self.admin.is_empty() && self.admin_open
    }

    /// No caller may use the admin services (no token configured, not opened).
    pub fn admin_closed(&self) -> bool {
        self.admin.is_empty() && !self.admin_open
    }

    /// An interceptor for `role`.
    pub fn interceptor(
        &self,
        role: Role,
    ) -> impl Fn(Request<()>) -> Result<Request<()>, Status> + Clone + use<> {
        let tokens = self.clone();
        move |mut req: Request<()>| {
            if let Some(name) = tokens.check(role, &req)? {
                req.extensions_mut().insert(AdminActor(name));
            }
            Ok(req)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(token: Option<&str>) -> Request<()> {
        let mut r = Request::new(());
        if let Some(t) = token {
            r.metadata_mut()
                .insert("authorization", format!("Bearer {t}").parse().unwrap());
        }
        r
    }

    #[test]
    fn admin_and_pricing_tokens() {
        let t = Tokens::new(vec!["adm".into()], vec!["prc".into()], false);
        assert_eq!(
            t.check(Role::Admin, &req(Some("adm"))).unwrap(),
            Some("admin-token-1".to_owned())
        );
        let named = Tokens::new(vec!["alice:s3cret".into()], vec![], false);
        assert_eq!(
            named.check(Role::Admin, &req(Some("s3cret"))).unwrap(),
            Some("alice".to_owned())
        );
        assert!(
            named
                .check(Role::Admin, &req(Some("alice:s3cret")))
                .is_err()
        );
        assert_eq!(
            t.check(Role::Admin, &req(Some("prc"))).unwrap_err().code(),
            tonic::Code::PermissionDenied
        );
        assert_eq!(
            t.check(Role::Admin, &req(None)).unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        assert_eq!(
            t.check(Role::Admin, &req(Some("nope"))).unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        assert!(t.check(Role::Pricing, &req(Some("prc"))).is_ok());
        assert!(t.check(Role::Pricing, &req(Some("adm"))).is_ok());
        assert_eq!(
            t.check(Role::Pricing, &req(None)).unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
    }

    #[test]
    fn admin_fails_closed_unless_opened() {
        // No admin token, pricing tokens set: admin is closed, not open.
        let t = Tokens::new(vec![], vec!["prc".into()], false);
        let err = t.check(Role::Admin, &req(None)).unwrap_err();
        assert_eq!(err.code(), tonic::Code::Unauthenticated);
        assert!(
            err.message().contains("auth.admin_open"),
            "{}",
            err.message()
        );
        assert!(t.check(Role::Admin, &req(Some("prc"))).is_err());
        assert!(t.admin_closed());
        // Opened explicitly.
        let t = Tokens::new(vec![], vec![" ".into()], true);
        assert_eq!(
            t.check(Role::Admin, &req(None)).unwrap(),
            Some(ANONYMOUS.to_owned())
        );
        assert!(t.check(Role::Pricing, &req(None)).is_ok());
        // admin_open does not open a door that has tokens.
        let t = Tokens::new(vec!["adm".into()], vec![], true);
        assert!(t.check(Role::Admin, &req(None)).is_err());
        let secret = Tokens::new(vec!["s3cr3t-admin".into()], vec![], false);
        assert!(!format!("{secret:?}").contains("s3cr3t"));
    }
}
