//! Fetching a calendar feed without letting a pasted address reach inside
//! our network (SSRF): only http(s) (`webcal://` is https), and every
//! address a name resolves to must be public: checked when the address is
//! given, by our own DNS resolver on every connection (so a name that
//! changes to a private address after the check is still refused), and on
//! every redirect (at most 3). 10 s in all, at most 5 MiB, conditional GET.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::{redirect, Url};

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const MAX_REDIRECTS: usize = 3;

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_unspecified()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b))
                || (a == 192 && b == 0 && c == 0))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let seg = v6.segments();
            // 6to4 carries an IPv4 address in its next 32 bits.
            if seg[0] == 0x2002 {
                let [a, b] = seg[1].to_be_bytes();
                let [c, d] = seg[2].to_be_bytes();
                return is_public(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d)));
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // ::/96 (IPv4-compatible) and ::ffff:0:0/96 (IPv4-translated).
                || seg[..6].iter().all(|s| *s == 0)
                || (seg[..4].iter().all(|s| *s == 0) && seg[4] == 0xffff)
                || (seg[0] & 0xfe00) == 0xfc00
                || (seg[0] & 0xffc0) == 0xfe80
                || (seg[0] & 0xffc0) == 0xfec0
                || (seg[0] == 0x2001 && seg[1] == 0x0db8)
                || (seg[0] == 0x2001 && seg[1] == 0x0000)
                || (seg[0] == 0x0064 && seg[1] == 0xff9b)
                || (seg[0] == 0x0100 && seg[1..4].iter().all(|s| *s == 0)))
        }
    }
}

/// The address as we fetch it: http(s) only, `webcal` read as https.
pub fn normalize(text: &str) -> Result<Url, String> {
    let text = text.trim();
    let text = match text.get(..9) {
        Some(head) if head.eq_ignore_ascii_case("webcal://") => format!("https://{}", &text[9..]),
        _ => text.to_owned(),
    };
    let url = Url::parse(&text).map_err(|_| "That is not a web address.".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("Use the calendar's https:// or webcal:// address.".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("The address has no host.".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("Use the calendar's secret address, without a user name or password in it.".into());
    }
    Ok(url)
}

/// A literal address in the URL must be public (names are checked by the resolver).
fn literal_allowed(url: &Url, allow_private: bool) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => allow_private || is_public(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => allow_private || is_public(IpAddr::V6(ip)),
        Some(url::Host::Domain(_)) => true,
        None => false,
    }
}

const REFUSED: &str = "This address points inside a private network; only public calendars can be connected.";

/// Checks an address before it is kept: scheme, and every address its host
/// resolves to now.
pub async fn check(url: &Url, allow_private: bool) -> Result<(), String> {
    if !literal_allowed(url, allow_private) {
        return Err(REFUSED.into());
    }
    if allow_private {
        return Ok(());
    }
    if let Some(url::Host::Domain(name)) = url.host() {
        let port = url.port_or_known_default().unwrap_or(443);
        let lookup = tokio::time::timeout(Duration::from_secs(3), tokio::net::lookup_host((name, port)));
        // A host that cannot be found now is kept (its read fails with the
        // reason, and is retried); one that resolves inside is refused.
        let addrs: Vec<SocketAddr> = match lookup.await {
            Ok(Ok(found)) => found.collect(),
            _ => return Ok(()),
        };
        if addrs.iter().any(|a| !is_public(a.ip())) {
            return Err(REFUSED.into());
        }
    }
    Ok(())
}

/// Resolves names and keeps only public addresses (none: an error).
struct PublicOnly {
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found
                .into_iter()
                .filter(|a| allow_private || is_public(a.ip()))
                .collect();
            if kept.is_empty() {
                return Err(REFUSED.into());
            }
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

/// The one HTTP client for feeds (cheap to clone).
#[derive(Clone, Debug)]
pub struct FeedClient {
    client: reqwest::Client,
    allow_private: bool,
}

/// What a fetch brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: nothing changed since the validators we sent.
    NotModified,
    Body {
        text: String,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

impl FeedClient {
    pub fn new(allow_private: bool) -> Self {
        let policy = redirect::Policy::custom(move |attempt| {
            // `previous` holds the first address and every redirect so far.
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error("The calendar redirected more than 3 times.")
            } else if !matches!(attempt.url().scheme(), "http" | "https")
                || !literal_allowed(attempt.url(), allow_private)
            {
                attempt.error(REFUSED)
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            .redirect(policy)
            .no_proxy()
            .dns_resolver(Arc::new(PublicOnly { allow_private }))
            .user_agent("Mentorhub calendar import")
            .build()
            // Without its limits the client must not exist at all.
            .expect("the calendar feed client builds");
        Self { client, allow_private }
    }

    pub fn allow_private(&self) -> bool {
        self.allow_private
    }

    /// GETs the feed, conditionally when validators are given.
    pub async fn fetch(&self, url: &Url, etag: Option<&str>, last_modified: Option<&str>) -> Result<Fetched, String> {
        if !literal_allowed(url, self.allow_private) {
            return Err(REFUSED.into());
        }
        let mut request = self.client.get(url.clone());
        if let Some(tag) = etag {
            request = request.header(IF_NONE_MATCH, tag);
        }
        if let Some(when) = last_modified {
            request = request.header(IF_MODIFIED_SINCE, when);
        }
        let mut response = request.send().await.map_err(describe)?;
        // 304 Not Modified.
        if response.status().as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if !response.status().is_success() {
            return Err(format!("The calendar server answered {}.", response.status().as_u16()));
        }
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
        if response.content_length().is_some_and(|n| n as usize > MAX_BYTES) {
            return Err("The feed is over 5 MiB.".into());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(describe)? {
            if body.len() + chunk.len() > MAX_BYTES {
                return Err("The feed is over 5 MiB.".into());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body {
            text: String::from_utf8_lossy(&body).into_owned(),
            etag,
            last_modified,
        })
    }
}

/// A failed fetch in words a person can act on.
fn describe(err: reqwest::Error) -> String {
    let chain = {
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        text
    };
    if chain.contains(REFUSED) {
        REFUSED.into()
    } else if err.is_timeout() {
        "The calendar did not answer within 10 seconds.".into()
    } else if err.is_redirect() {
        if chain.contains("more than 3") {
            "The calendar redirected more than 3 times.".into()
        } else {
            REFUSED.into()
        }
    } else if err.is_connect() {
        "The calendar server could not be reached.".into()
    } else {
        "The calendar could not be fetched.".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "ff02::1",
            "::127.0.0.1",
            "::ffff:0:127.0.0.1",
            "fec0::1",
            "64:ff9b:1::1",
            "100::1",
            "2002:7f00:1::1",
            "2001::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "8.8.8.8",
            "142.250.74.46",
            "2a00:1450:4001:82a::200e",
            "2002:808:808::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn addresses_are_normalized_and_schemes_checked() {
        assert_eq!(
            normalize("webcal://p01-caldav.icloud.com/published/2/abc")
                .unwrap()
                .as_str(),
            "https://p01-caldav.icloud.com/published/2/abc"
        );
        assert!(normalize("ftp://example.com/cal.ics").is_err());
        assert!(normalize("file:///etc/passwd").is_err());
        assert!(normalize("https://user:pw@example.com/cal.ics").is_err());
        assert!(normalize("not a url").is_err());
        let private = Url::parse("http://127.0.0.1/cal.ics").unwrap();
        assert!(!literal_allowed(&private, false));
        assert!(literal_allowed(&private, true));
        assert!(!literal_allowed(&Url::parse("http://[::1]/x").unwrap(), false));
    }
}
