//! TLS end to end with a self-signed certificate generated for the test (rcgen): a TLS
//! client prices a cart; a plaintext client cannot; with a client CA configured, a client
//! without a certificate is refused.

use cohort_proto::v1::PriceCartRequest;
use cohort_proto::v1::pricing_service_client::PricingServiceClient;
use cohort_tests::CohortServer;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};

fn cart() -> PriceCartRequest {
    cohort_tests::one_line_cart("2", "10")
}

struct Pki {
    dir: tempfile::TempDir,
    cert_pem: String,
    key_pem: String,
}

fn pki() -> Pki {
    let ck = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cert_pem = ck.cert.pem();
    let key_pem = ck.signing_key.serialize_pem();
    std::fs::write(dir.path().join("server.crt"), &cert_pem).unwrap();
    std::fs::write(dir.path().join("server.key"), &key_pem).unwrap();
    Pki {
        dir,
        cert_pem,
        key_pem,
    }
}

async fn tls_channel(
    addr: &str,
    ca_pem: &str,
    identity: Option<Identity>,
) -> Result<Channel, tonic::transport::Error> {
    let port = addr.rsplit(':').next().unwrap();
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(ca_pem))
        .domain_name("localhost");
    if let Some(id) = identity {
        tls = tls.identity(id);
    }
    Channel::from_shared(format!("https://localhost:{port}"))
        .unwrap()
        .tls_config(tls)?
        .connect()
        .await
}

#[tokio::test]
async fn tls_serves_and_mutual_tls_requires_a_client_certificate() {
    let p = pki();
    let cert = p.dir.path().join("server.crt");
    let key = p.dir.path().join("server.key");
    let server = CohortServer::start_tls(
        &[
            ("COHORT__SERVER__TLS_CERT", cert.to_str().unwrap()),
            ("COHORT__SERVER__TLS_KEY", key.to_str().unwrap()),
        ],
        &p.cert_pem,
        None,
    )
    .await
    .unwrap();
    let channel = tls_channel(&server.addr, &p.cert_pem, None).await.unwrap();
    let resp = PricingServiceClient::new(channel)
        .price_cart(cart())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.subtotal, "20.00");
    // Plaintext HTTP/2 to a TLS port fails.
    let plain = Channel::from_shared(format!("http://{}", server.addr))
        .unwrap()
        .connect()
        .await;
    let refused = match plain {
        Err(_) => true,
        Ok(ch) => PricingServiceClient::new(ch)
            .price_cart(cart())
            .await
            .is_err(),
    };
    assert!(refused);

    // Mutual TLS: the server's own certificate doubles as the client CA and client identity.
    let mtls = CohortServer::start_tls(
        &[
            ("COHORT__SERVER__TLS_CERT", cert.to_str().unwrap()),
            ("COHORT__SERVER__TLS_KEY", key.to_str().unwrap()),
            ("COHORT__SERVER__TLS_CLIENT_CA", cert.to_str().unwrap()),
        ],
        &p.cert_pem,
        Some((&p.cert_pem, &p.key_pem)),
    )
    .await
    .unwrap();
    let anonymous = match tls_channel(&mtls.addr, &p.cert_pem, None).await {
        Err(_) => true,
        Ok(ch) => PricingServiceClient::new(ch)
            .price_cart(cart())
            .await
            .is_err(),
    };
    assert!(anonymous, "a client without a certificate must be refused");
    let id = Identity::from_pem(&p.cert_pem, &p.key_pem);
    let channel = tls_channel(&mtls.addr, &p.cert_pem, Some(id))
        .await
        .unwrap();
    let resp = PricingServiceClient::new(channel)
        .price_cart(cart())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.grand_total, "20.00");
}
