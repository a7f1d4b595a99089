//! What zone a TZID names: an IANA name (`Europe/Berlin`), a Windows name
//! as Outlook writes it (`W. Europe Standard Time`, through the
//! `windows-timezones` crate's CLDR table), or the calendar's own VTIMEZONE
//! (its `X-LIC-LOCATION`, else a whole-hour zone of its standard offset).

use std::collections::HashMap;

use chrono_tz::Tz;
use icalendar::parser::Component;

/// The zones a calendar's VTIMEZONE blocks define, by TZID.
#[derive(Debug, Default)]
pub struct Zones {
    defined: HashMap<String, Tz>,
}

impl Zones {
    pub fn of(components: &[Component<'_>]) -> Self {
        let mut defined = HashMap::new();
        for c in components.iter().filter(|c| c.name.as_str() == "VTIMEZONE") {
            let Some(id) = c.find_prop("TZID").map(|p| clean(p.val.as_str())) else {
                continue;
            };
            let named = resolve_name(&id)
                .or_else(|| c.find_prop("X-LIC-LOCATION").and_then(|p| resolve_name(p.val.as_str())))
                .or_else(|| standard_offset(c));
            if let Some(tz) = named {
                defined.insert(id, tz);
            }
        }
        Self { defined }
    }

    /// The zone `tzid` names, if any.
    pub fn get(&self, tzid: &str) -> Option<Tz> {
        let id = clean(tzid);
        resolve_name(&id).or_else(|| self.defined.get(&id).copied())
    }
}

fn clean(tzid: &str) -> String {
    tzid.trim().trim_matches('"').trim().to_owned()
}

/// An IANA or a Windows zone name.
pub fn resolve_name(name: &str) -> Option<Tz> {
    let name = clean(name);
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    // Some producers prefix the IANA name with a path ("/mozilla.org/…/Europe/Berlin").
    if let Some(tail) = iana_tail(&name) {
        if let Ok(tz) = tail.parse::<Tz>() {
            return Some(tz);
        }
    }
    name.parse::<windows_timezones::WindowsTimezone>().ok().map(Tz::from)
}

/// The last two path segments of a prefixed name ("…/Europe/Berlin").
fn iana_tail(name: &str) -> Option<String> {
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    (parts.len() > 2).then(|| parts[parts.len() - 2..].join("/"))
}

/// A VTIMEZONE with an unknown name: the whole-hour `Etc/GMT` zone of its
/// STANDARD offset (daylight saving is lost, which only such feeds risk).
fn standard_offset(c: &Component<'_>) -> Option<Tz> {
    let standard = c.components.iter().find(|s| s.name.as_str() == "STANDARD")?;
    let offset = standard.find_prop("TZOFFSETTO")?.val.as_str().trim().to_owned();
    let sign = match offset.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let hours: i32 = offset.get(1..3)?.parse().ok()?;
    let minutes: i32 = offset.get(3..5).unwrap_or("00").parse().ok()?;
    if minutes != 0 {
        return None;
    }
    // Etc/GMT+N is N hours *behind* UTC.
    let name = match sign * hours {
        0 => "Etc/UTC".to_owned(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    };
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_windows_and_prefixed_names_resolve() {
        assert_eq!(resolve_name("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(
            resolve_name("\"W. Europe Standard Time\""),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(
            resolve_name("Pacific Standard Time"),
            Some(chrono_tz::America::Los_Angeles)
        );
        assert_eq!(
            resolve_name("/mozilla.org/20070129_1/Europe/Paris"),
            Some(chrono_tz::Europe::Paris)
        );
        assert_eq!(resolve_name("Middle Earth Time"), None);
    }

    #[test]
    fn an_unknown_vtimezone_falls_back_to_its_standard_offset() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\n\
                   DTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n\
                   END:VTIMEZONE\r\nEND:VCALENDAR\r\n";
        let cal = icalendar::parser::read_calendar(ics).unwrap();
        let zones = Zones::of(&cal.components);
        assert_eq!(zones.get("Customized Time Zone").map(|z| z.name()), Some("Etc/GMT-1"));
    }
}
