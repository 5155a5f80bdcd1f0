//! Bearer-token auth as tonic interceptors: admin tokens guard RuleService, CouponService
//! and AudienceService; pricing tokens, when configured, guard PricingService (admin tokens
//! are accepted there too). Missing or unknown token → UNAUTHENTICATED; a pricing token on
//! an admin service → PERMISSION_DENIED. The admin services fail closed: with no admin
//! token configured they refuse every call, unless `auth.admin_open` opens them.

use std::sync::Arc;

use cohort_app::membership::same_secret as same;

use tonic::{Request, Status};

#[derive(Clone, Default)]
pub struct Tokens {
    admin: Arc<Vec<String>>,
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
            admin: Arc::new(clean(admin)),
            pricing: Arc::new(clean(pricing)),
            admin_open,
        }
    }

    /// Admin services need an admin token; with none configured they refuse every call
    /// unless `admin_open` (a warning is logged at start-up). PricingService is open when no
    /// pricing token is configured.
    pub fn check(&self, role: Role, req: &Request<()>) -> Result<(), Status> {
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
            return Ok(());
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
        let is_admin = self.admin.iter().any(|t| same(t, token));
        let is_pricing = self.pricing.iter().any(|t| same(t, token));
        match role {
            Role::Admin if is_admin => Ok(()),
            Role::Admin if is_pricing => Err(Status::permission_denied(
                "a pricing token cannot call admin services",
            )),
            Role::Pricing if is_admin || is_pricing => Ok(()),
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
        move |req: Request<()>| {
            tokens.check(role, &req)?;
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
        assert!(t.check(Role::Admin, &req(Some("adm"))).is_ok());
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
        assert!(t.check(Role::Admin, &req(None)).is_ok());
        assert!(t.check(Role::Pricing, &req(None)).is_ok());
        // admin_open does not open a door that has tokens.
        let t = Tokens::new(vec!["adm".into()], vec![], true);
        assert!(t.check(Role::Admin, &req(None)).is_err());
        let secret = Tokens::new(vec!["s3cr3t-admin".into()], vec![], false);
        assert!(!format!("{secret:?}").contains("s3cr3t"));
    }
}
