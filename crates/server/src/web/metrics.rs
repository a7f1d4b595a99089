//! Request counters and latency histograms in the Prometheus text format,
//! held in the app state rather than a global recorder.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use mentorhub_store::JobCount;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    total: u64,
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Jobs this process ran, by kind and outcome (true: done).
    jobs: Mutex<BTreeMap<(String, bool), u64>>,
    /// Emails handed to SMTP (sent, failed).
    mail: Mutex<(u64, u64)>,
}

impl Metrics {
    pub fn record(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let key = (method.to_owned(), route.to_owned(), status);
        *self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        let mut latency = self.latency.lock().unwrap_or_else(|e| e.into_inner());
        let histogram = latency.entry(route.to_owned()).or_default();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                histogram.counts[i] += 1;
            }
        }
        histogram.sum += seconds;
        histogram.total += 1;
    }

    pub fn record_job(&self, kind: &str, ok: bool) {
        *self
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry((kind.to_owned(), ok))
            .or_default() += 1;
    }

    pub fn record_mail(&self, sent: bool) {
        let mut mail = self.mail.lock().unwrap_or_else(|e| e.into_inner());
        if sent {
            mail.0 += 1;
        } else {
            mail.1 += 1;
        }
    }

    /// Job runs of this process, and the queue as the database has it
    /// (pending, running and failed jobs by kind).
    pub fn render_jobs(&self, queue: &[JobCount]) -> String {
        let mut out = String::new();
        out.push_str("# HELP mentorhub_jobs_run_total Jobs this instance ran, by outcome.\n");
        out.push_str("# TYPE mentorhub_jobs_run_total counter\n");
        for ((kind, ok), count) in self.jobs.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let outcome = if *ok { "done" } else { "error" };
            let _ = writeln!(
                out,
                "mentorhub_jobs_run_total{{kind=\"{}\",outcome=\"{outcome}\"}} {count}",
                escape(kind)
            );
        }
        let (sent, failed) = *self.mail.lock().unwrap_or_else(|e| e.into_inner());
        out.push_str("# HELP mentorhub_mail_total Emails this instance handed to SMTP, by outcome.\n");
        out.push_str("# TYPE mentorhub_mail_total counter\n");
        let _ = writeln!(out, "mentorhub_mail_total{{outcome=\"sent\"}} {sent}");
        let _ = writeln!(out, "mentorhub_mail_total{{outcome=\"failed\"}} {failed}");
        out.push_str("# HELP mentorhub_jobs Jobs in the queue by kind and state.\n");
        out.push_str("# TYPE mentorhub_jobs gauge\n");
        for c in queue {
            let _ = writeln!(
                out,
                "mentorhub_jobs{{kind=\"{}\",status=\"{}\"}} {}",
                escape(&c.kind),
                c.status.as_str(),
                c.count
            );
        }
        out
    }

    pub fn render(&self, pool: (u32, usize)) -> String {
        let mut out = String::new();
        out.push_str("# HELP mentorhub_http_requests_total HTTP requests answered.\n");
        out.push_str("# TYPE mentorhub_http_requests_total counter\n");
        for ((method, route, status), count) in self.requests.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(
                out,
                "mentorhub_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                escape(route)
            );
        }
        out.push_str("# HELP mentorhub_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE mentorhub_http_request_duration_seconds histogram\n");
        for (route, h) in self.latency.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let route = escape(route);
            for (bound, count) in BUCKETS.iter().zip(h.counts.iter()) {
                let _ = writeln!(
                    out,
                    "mentorhub_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "mentorhub_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.total
            );
            let _ = writeln!(
                out,
                "mentorhub_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "mentorhub_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.total
            );
        }
        out.push_str("# HELP mentorhub_db_connections Database pool connections.\n");
        out.push_str("# TYPE mentorhub_db_connections gauge\n");
        let _ = writeln!(out, "mentorhub_db_connections{{state=\"open\"}} {}", pool.0);
        let _ = writeln!(out, "mentorhub_db_connections{{state=\"idle\"}} {}", pool.1);
        out
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histograms() {
        let metrics = Metrics::default();
        metrics.record("GET", "/api/me", 200, Duration::from_millis(3));
        metrics.record("GET", "/api/me", 200, Duration::from_millis(30));
        let text = metrics.render((2, 1));
        assert!(text.contains("mentorhub_http_requests_total{method=\"GET\",route=\"/api/me\",status=\"200\"} 2"));
        assert!(text.contains("mentorhub_http_request_duration_seconds_bucket{route=\"/api/me\",le=\"0.005\"} 1"));
        assert!(text.contains("mentorhub_http_request_duration_seconds_count{route=\"/api/me\"} 2"));
        assert!(text.contains("mentorhub_db_connections{state=\"idle\"} 1"));
    }
}
