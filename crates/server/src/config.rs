//! Configuration from flags or `MENTORHUB_*` variables, checked at start.

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, ValueEnum};

/// Every setting the server reads. Bad values stop the program at start
/// with a message naming the setting. `Debug` hides passwords in URLs.
#[derive(Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "MENTORHUB_BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,
    /// sqlite://file.db (created when missing) or postgres://user@host/db.
    #[arg(
        long,
        env = "MENTORHUB_DATABASE_URL",
        default_value = "sqlite://mentorhub.db",
        global = true
    )]
    pub database_url: String,
    /// The public URL, used in links and to decide whether cookies are Secure.
    #[arg(long, env = "MENTORHUB_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Mail server: smtp://host:port, smtp://user:pass@host:port?tls=starttls
    /// or smtps://user:pass@host:port. Unset: mail is held in the outbox.
    #[arg(long, env = "MENTORHUB_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Sender of email.
    #[arg(
        long,
        env = "MENTORHUB_MAIL_FROM",
        default_value = "Mentorhub <no-reply@mentorhub.local>",
        global = true
    )]
    pub mail_from: String,
    /// How long an open mini mentorship request stays open (s, m, h, d suffixes).
    #[arg(long, env = "MENTORHUB_MINI_REQUEST_TTL", default_value = "7d", value_parser = parse_duration, global = true)]
    pub mini_request_ttl: Duration,
    /// How long a mentorship request waits for an answer before it expires.
    #[arg(long, env = "MENTORHUB_MENTORSHIP_REQUEST_TTL", default_value = "14d", value_parser = parse_duration, global = true)]
    pub mentorship_request_ttl: Duration,
    /// Session reminder emails before the start, comma-separated (90s, 1h, 24h).
    #[arg(long, env = "MENTORHUB_REMINDERS", default_value = "24h,1h", value_parser = parse_duration_list, global = true)]
    pub reminders: DurationList,
    /// Meeting link for a session; `{id}` becomes an unguessable room name.
    #[arg(
        long,
        env = "MENTORHUB_MEETING_URL_TEMPLATE",
        default_value = "https://meet.jit.si/mentorhub-{id}",
        global = true
    )]
    pub meeting_url_template: String,
    /// How long a chat message may stay unread before it is emailed.
    #[arg(long, env = "MENTORHUB_CHAT_EMAIL_DELAY", default_value = "10m", value_parser = parse_duration, global = true)]
    pub chat_email_delay: Duration,
    /// How often the job runner looks for due work (s, m, h, d).
    #[arg(long, env = "MENTORHUB_JOB_POLL", default_value = "5s", value_parser = parse_duration_or_ms, global = true)]
    pub job_poll: Duration,
    /// How far ahead any date may be: bookings, mini preferred times (s, m, h, d).
    #[arg(long, env = "MENTORHUB_BOOKING_HORIZON", default_value = "365d", value_parser = parse_duration, global = true)]
    pub booking_horizon: Duration,
    /// How often connected calendars are read again (s, m, h, d).
    #[arg(long, env = "MENTORHUB_CALENDAR_SYNC", default_value = "15m", value_parser = parse_duration, global = true)]
    pub calendar_sync: Duration,
    /// Let calendar addresses reach private networks (tests, closed networks only).
    #[arg(
        long,
        env = "MENTORHUB_CALENDAR_ALLOW_PRIVATE",
        default_value_t = false,
        global = true
    )]
    pub calendar_allow_private: bool,
    /// Proxies whose `X-Forwarded-For` is believed: comma-separated addresses
    /// or CIDR ranges. Empty: the connection's address is the client.
    #[arg(long, env = "MENTORHUB_TRUSTED_PROXIES", default_value = "", value_parser = parse_proxies, global = true)]
    pub trusted_proxies: ProxyList,
    /// Bearer token that `GET /metrics` requires. Unset: /metrics answers 404.
    #[arg(long, env = "MENTORHUB_METRICS_TOKEN", global = true)]
    pub metrics_token: Option<String>,
    /// Keep the answers of hot reads for up to a second while nothing they
    /// read changed (`false` to measure or debug without).
    #[arg(
        long,
        env = "MENTORHUB_RESPONSE_CACHE",
        default_value_t = true,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub response_cache: bool,
    #[arg(
        long,
        env = "MENTORHUB_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationList(pub Vec<Duration>);

/// Addresses and ranges of trusted reverse proxies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyList(pub Vec<ipnet::IpNet>);

impl ProxyList {
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// `10.0.0.1, 10.1.0.0/16, ::1`.
pub fn parse_proxies(value: &str) -> Result<ProxyList, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<ipnet::IpNet>()
                .or_else(|_| v.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("{v:?} is not an IP address or CIDR range"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(ProxyList)
}

impl Config {
    /// Checks what clap's types cannot; call once at start.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(base) = &self.base_url {
            let ok = (base.starts_with("http://") || base.starts_with("https://"))
                && base.split("://").nth(1).is_some_and(|rest| !rest.is_empty());
            if !ok {
                return Err(format!(
                    "MENTORHUB_BASE_URL must be an http:// or https:// URL, got {base:?}"
                ));
            }
        }
        if !(self.database_url.starts_with("sqlite:") || self.database_url.starts_with("postgres")) {
            return Err("MENTORHUB_DATABASE_URL must start with sqlite:// or postgres://".into());
        }
        if let Some(smtp) = &self.smtp_url {
            if !(smtp.starts_with("smtp://") || smtp.starts_with("smtps://")) {
                return Err("MENTORHUB_SMTP_URL must start with smtp:// or smtps://".into());
            }
        }
        if !self.meeting_url_template.contains("{id}") || !self.meeting_url_template.starts_with("http") {
            return Err("MENTORHUB_MEETING_URL_TEMPLATE must be an http(s) URL containing {id}".into());
        }
        if self.booking_horizon < Duration::from_secs(86_400)
            || self.booking_horizon > Duration::from_secs(5 * 366 * 86_400)
        {
            return Err("MENTORHUB_BOOKING_HORIZON must be between 1d and 1830d".into());
        }
        if self.metrics_token.as_deref().is_some_and(|t| t.trim().len() < 16) {
            return Err("MENTORHUB_METRICS_TOKEN must be at least 16 characters".into());
        }
        if self.job_poll.is_zero() || self.job_poll > Duration::from_secs(3600) {
            return Err("MENTORHUB_JOB_POLL must be between 1ms and 1h".into());
        }
        if self.mentorship_request_ttl.is_zero() {
            return Err("MENTORHUB_MENTORSHIP_REQUEST_TTL must be longer than zero".into());
        }
        if self.mini_request_ttl.is_zero() {
            return Err("MENTORHUB_MINI_REQUEST_TTL must be longer than zero".into());
        }
        Ok(())
    }

    /// The public base URL without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.bind),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    /// A configuration for tests and tools: defaults everywhere but the database.
    pub fn for_database(database_url: &str) -> Self {
        Self {
            bind: "127.0.0.1:0".parse().expect("valid address"),
            database_url: database_url.to_owned(),
            base_url: None,
            smtp_url: None,
            mail_from: "Mentorhub <no-reply@mentorhub.local>".into(),
            mini_request_ttl: Duration::from_secs(7 * 24 * 3600),
            mentorship_request_ttl: Duration::from_secs(14 * 24 * 3600),
            reminders: DurationList(vec![Duration::from_secs(24 * 3600), Duration::from_secs(3600)]),
            meeting_url_template: "https://meet.jit.si/mentorhub-{id}".into(),
            booking_horizon: Duration::from_secs(365 * 86_400),
            job_poll: Duration::from_secs(5),
            chat_email_delay: Duration::from_secs(600),
            calendar_sync: Duration::from_secs(15 * 60),
            calendar_allow_private: false,
            trusted_proxies: ProxyList::default(),
            metrics_token: None,
            response_cache: true,
            log_format: LogFormat::Text,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("database_url", &redact_url(&self.database_url))
            .field("base_url", &self.base_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .field("mini_request_ttl", &self.mini_request_ttl)
            .field("reminders", &self.reminders)
            .field("meeting_url_template", &self.meeting_url_template)
            .field("response_cache", &self.response_cache)
            .field("booking_horizon", &self.booking_horizon)
            .field("job_poll", &self.job_poll)
            .field("chat_email_delay", &self.chat_email_delay)
            .field("calendar_sync", &self.calendar_sync)
            .field("calendar_allow_private", &self.calendar_allow_private)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "***"))
            .field("log_format", &self.log_format)
            .finish()
    }
}

/// A URL with its password (`user:secret@`) and any `password=` query
/// value replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let mut out = url.to_owned();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?', '#'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                out.replace_range(rest_start + colon + 1..rest_start + at, "***");
            }
        }
    }
    if let Some(query_start) = out.find('?') {
        let (head, query) = out.split_at(query_start + 1);
        let masked: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        out = format!("{head}{}", masked.join("&"));
    }
    out
}

/// `90s`, `15m`, `24h`, `7d`.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    let split = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
    let (digits, unit) = value.split_at(split);
    let amount: u64 = digits
        .parse()
        .map_err(|_| format!("{value:?} is not a duration such as 90s, 15m, 24h or 7d"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("{value:?} needs a unit: s, m, h or d")),
    };
    amount
        .checked_mul(seconds)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("{value:?} is too long"))
}

/// A duration that may also be given in milliseconds (`250ms`), for polls.
pub fn parse_duration_or_ms(value: &str) -> Result<Duration, String> {
    match value.trim().strip_suffix("ms") {
        Some(ms) => ms
            .parse()
            .map(Duration::from_millis)
            .map_err(|_| format!("{value:?} is not a duration such as 250ms or 5s")),
        None => parse_duration(value),
    }
}

pub fn parse_duration_list(value: &str) -> Result<DurationList, String> {
    if value.trim().is_empty() {
        return Ok(DurationList(Vec::new()));
    }
    value
        .split(',')
        .map(parse_duration)
        .collect::<Result<Vec<_>, _>>()
        .map(DurationList)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_suffixes() {
        assert_eq!(parse_duration("7d").unwrap(), Duration::from_secs(604_800));
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
        assert!(parse_duration("7").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("7w").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
        assert!(parse_duration_list("24h,1x").is_err());
        assert_eq!(parse_duration_list("24h,1h").unwrap().0.len(), 2);
    }

    #[test]
    fn trusted_proxies_take_addresses_and_ranges() {
        let list = parse_proxies("10.0.0.1, 192.168.0.0/16,::1").unwrap();
        assert!(list.contains("10.0.0.1".parse().unwrap()));
        assert!(list.contains("192.168.4.2".parse().unwrap()));
        assert!(list.contains("::1".parse().unwrap()));
        assert!(!list.contains("10.0.0.2".parse().unwrap()));
        assert!(parse_proxies("").unwrap().0.is_empty());
        assert!(parse_proxies("10.0.0.300").is_err());
    }

    #[test]
    fn debug_output_hides_passwords() {
        let mut config = Config::for_database("postgres://app:s3cret@db.example:5432/mentorhub?password=also");
        config.smtp_url = Some("smtp://mailer:hunter2@smtp.example:587".into());
        let printed = format!("{config:?}");
        assert!(!printed.contains("s3cret") && !printed.contains("hunter2") && !printed.contains("also"));
        assert!(printed.contains("postgres://app:***@db.example:5432/mentorhub?password=***"));
        assert!(printed.contains("smtp://mailer:***@smtp.example:587"));
        assert_eq!(redact_url("sqlite://mentorhub.db"), "sqlite://mentorhub.db");
        assert_eq!(redact_url("postgres://u@h/d"), "postgres://u@h/d");
    }

    #[test]
    fn bad_settings_are_named() {
        let mut config = Config::for_database("sqlite://x.db");
        assert!(config.validate().is_ok());
        config.base_url = Some("ftp://x".into());
        assert!(config.validate().unwrap_err().contains("MENTORHUB_BASE_URL"));
        config.base_url = Some("https://mentorhub.example".into());
        assert!(config.secure_cookies());
        config.meeting_url_template = "https://meet/room".into();
        assert!(config.validate().unwrap_err().contains("TEMPLATE"));
    }
}
