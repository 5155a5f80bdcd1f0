//! The workspace JSON that Adobe Developer Console downloads for a project: the org id and
//! the OAuth Server-to-Server credential (the JWT credential type is retired, so it is not
//! read).

use serde::Deserialize;

use crate::config::ConfigError;
use crate::secret::Secret;

pub(crate) struct ConsoleCredentials {
    pub client_id: String,
    pub client_secret: Secret,
    pub org_id: String,
    pub technical_account_id: Option<String>,
    pub technical_account_email: Option<String>,
    pub scopes: Vec<String>,
}

#[derive(Deserialize)]
struct Workspace {
    project: Project,
}

#[derive(Deserialize)]
struct Project {
    org: Org,
    workspace: WorkspaceInner,
}

#[derive(Deserialize)]
struct Org {
    ims_org_id: String,
}

#[derive(Deserialize)]
struct WorkspaceInner {
    details: Details,
}

#[derive(Deserialize)]
struct Details {
    #[serde(default)]
    credentials: Vec<Credential>,
}

#[derive(Deserialize)]
struct Credential {
    #[serde(default)]
    integration_type: String,
    oauth_server_to_server: Option<OAuthS2S>,
}

#[derive(Deserialize)]
struct OAuthS2S {
    client_id: String,
    #[serde(default)]
    client_secrets: Vec<Secret>,
    technical_account_email: Option<String>,
    technical_account_id: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
}

pub(crate) fn parse(text: &str) -> Result<ConsoleCredentials, ConfigError> {
    // serde_json's message names the path and position only, never the value, so it is
    // safe to show even though the document holds the secret.
    let workspace: Workspace =
        serde_json::from_str(text).map_err(|e| ConfigError::ConsoleJson {
            reason: e.to_string(),
        })?;
    let credential = workspace
        .project
        .workspace
        .details
        .credentials
        .into_iter()
        .find(|c| c.integration_type == "oauth_server_to_server")
        .and_then(|c| c.oauth_server_to_server)
        .ok_or_else(|| ConfigError::ConsoleJson {
            reason: "no credential with integration_type \"oauth_server_to_server\"".to_owned(),
        })?;
    let client_secret = credential
        .client_secrets
        .into_iter()
        .find(|s| !s.is_empty())
        .ok_or_else(|| ConfigError::ConsoleJson {
            reason: "oauth_server_to_server.client_secrets is empty".to_owned(),
        })?;
    Ok(ConsoleCredentials {
        client_id: credential.client_id,
        client_secret,
        org_id: workspace.project.org.ims_org_id,
        technical_account_id: credential.technical_account_id,
        technical_account_email: credential.technical_account_email,
        scopes: credential.scopes,
    })
}

#[cfg(test)]
mod tests {
    use crate::config::{AepConfig, ConfigError};

    const CONSOLE: &str = r#"{
      "project": {
        "id": "4566206088344794932", "name": "cohort", "title": "Cohort",
        "org": { "id": "1234", "name": "Luma Retail", "ims_org_id": "5A2B3C4D@AdobeOrg" },
        "workspace": {
          "id": "4566206088344853970", "name": "Production", "title": "Production",
          "details": {
            "credentials": [
              { "id": "1", "name": "JWT", "integration_type": "service",
                "jwt": { "client_id": "old" } },
              { "id": "2", "name": "OAuth", "integration_type": "oauth_server_to_server",
                "oauth_server_to_server": {
                  "client_id": "a1b2c3", "client_secrets": ["p8e-CONSOLE-SECRET"],
                  "technical_account_email": "abc@techacct.adobe.com",
                  "technical_account_id": "ABC@techacct.adobe.com",
                  "scopes": ["openid", "AdobeID", "read_organizations"] } }
            ],
            "services": []
          }
        }
      }
    }"#;

    #[test]
    fn reads_the_oauth_server_to_server_credential() {
        let config = AepConfig::from_console_json(CONSOLE).unwrap();
        assert_eq!(config.client_id, "a1b2c3");
        assert_eq!(config.client_secret.expose(), "p8e-CONSOLE-SECRET");
        assert_eq!(config.org_id, "5A2B3C4D@AdobeOrg");
        assert_eq!(
            config.technical_account_id.as_deref(),
            Some("ABC@techacct.adobe.com")
        );
        assert_eq!(config.scope_param(), "openid,AdobeID,read_organizations");
        assert!(config.validate().is_ok());
    }

    #[test]
    fn explicit_fields_win_over_the_file() {
        let mut config = AepConfig::new("", "from-env-secret", "");
        config.apply_console_json(CONSOLE).unwrap();
        assert_eq!(config.client_secret.expose(), "from-env-secret");
        assert_eq!(config.client_id, "a1b2c3");
    }

    #[test]
    fn missing_credential_and_bad_json_are_errors_without_the_secret() {
        let no_s2s = CONSOLE.replace("oauth_server_to_server\",", "other\",");
        assert!(matches!(
            AepConfig::from_console_json(&no_s2s),
            Err(ConfigError::ConsoleJson { .. })
        ));
        let broken = CONSOLE.replace("\"scopes\"", "\"scopes\": 1,");
        let err = AepConfig::from_console_json(&broken).unwrap_err();
        assert!(!err.to_string().contains("p8e-CONSOLE-SECRET"));
    }
}
