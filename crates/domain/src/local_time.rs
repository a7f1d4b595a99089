//! Instants shown in a person's own time zone, always with the zone named.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// `Mon 23 Nov 2026, 09:30 CET`.
pub fn local(instant: DateTime<Utc>, zone: &str) -> String {
    let tz: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    instant.with_timezone(&tz).format("%a %-d %b %Y, %H:%M %Z").to_string()
}

/// Every IANA zone name, for pickers.
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn shows_the_instant_in_the_zone() {
        let instant = Utc.with_ymd_and_hms(2023, 11, 6, 14, 0, 0).unwrap();
        assert_eq!(local(instant, "America/New_York"), "Mon 6 Nov 2023, 09:00 EST");
        assert_eq!(local(instant, "Asia/Kolkata"), "Mon 6 Nov 2023, 19:30 IST");
        assert_eq!(local(instant, "nonsense"), "Mon 6 Nov 2023, 14:00 UTC");
        assert!(zone_names().contains(&"Europe/Berlin"));
    }
}
