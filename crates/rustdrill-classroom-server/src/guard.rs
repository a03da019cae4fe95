//! What keeps one client from wrecking the room: joins limited per source
//! address (a token bucket), and wrong join codes, keys and tokens
//! answered with a growing back-off per source address, during which that
//! address's attempts are not even checked (429 with `Retry-After`).
//!
//! Plain data behind the server's mutexes, with the clock passed in, so
//! the rules are unit-tested without a server.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Joins one address may make at once: a room whose learners share one
/// address (a lab behind NAT) still joins in one go.
pub const JOIN_BURST: f64 = 40.0;
/// Then one join per this long.
pub const JOIN_EVERY: Duration = Duration::from_secs(2);
/// Wrong attempts an address may make before the back-off starts (typos).
pub const FREE_FAILURES: u32 = 8;
/// The longest back-off.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// Failures older than this are forgotten.
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// Addresses remembered at most (an attacker with many addresses cannot
/// grow the maps without bound; the oldest are dropped).
const MAX_ADDRESSES: usize = 10_000;

/// A token bucket per address.
#[derive(Debug, Default)]
pub struct JoinRate {
    buckets: HashMap<IpAddr, (f64, Instant)>,
}

impl JoinRate {
    /// Takes one join from `ip`'s bucket; `Err(wait)` when it is empty.
    pub fn take(&mut self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.buckets.len() >= MAX_ADDRESSES {
            self.buckets
                .retain(|_, (_, at)| now.duration_since(*at) < FORGET_AFTER);
        }
        let (tokens, at) = self.buckets.entry(ip).or_insert((JOIN_BURST, now));
        let refill = now.duration_since(*at).as_secs_f64() / JOIN_EVERY.as_secs_f64();
        *tokens = (*tokens + refill).min(JOIN_BURST);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(JOIN_EVERY.mul_f64(1.0 - *tokens))
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
    blocked_until: Instant,
}

/// Wrong credentials per address, and the back-off they earned.
#[derive(Debug, Default)]
pub struct Backoff {
    failures: HashMap<IpAddr, Failures>,
}

impl Backoff {
    /// `Err(wait)` while `ip` must wait before its next attempt is checked.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        match self.failures.get(&ip) {
            Some(f) if f.blocked_until > now => Err(f.blocked_until - now),
            _ => Ok(()),
        }
    }

    /// A wrong code, key or token from `ip`: past [`FREE_FAILURES`], each
    /// one doubles the wait (1 s, 2 s, 4 s, … up to [`MAX_BACKOFF`]).
    pub fn failed(&mut self, ip: IpAddr, now: Instant) {
        if self.failures.len() >= MAX_ADDRESSES {
            self.failures
                .retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
        }
        let f = self.failures.entry(ip).or_insert(Failures {
            count: 0,
            last: now,
            blocked_until: now,
        });
        if now.duration_since(f.last) > FORGET_AFTER {
            f.count = 0;
        }
        f.count += 1;
        f.last = now;
        if f.count > FREE_FAILURES {
            let doublings = (f.count - FREE_FAILURES - 1).min(16);
            let wait = Duration::from_secs(1 << doublings).min(MAX_BACKOFF);
            f.blocked_until = now + wait;
        }
    }
}

/// Seconds for a `Retry-After` header (at least 1).
pub fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7));
    const OTHER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 8));

    #[test]
    fn a_join_flood_from_one_address_is_cut_at_the_burst_and_refills() {
        let mut rate = JoinRate::default();
        let t = Instant::now();
        let accepted = (0..500).filter(|_| rate.take(IP, t).is_ok()).count();
        assert_eq!(accepted, JOIN_BURST as usize);
        assert!(
            rate.take(OTHER, t).is_ok(),
            "another address is not affected"
        );
        assert!(
            rate.take(IP, t + JOIN_EVERY).is_ok(),
            "one more after a while"
        );
        assert!(rate.take(IP, t + JOIN_EVERY).is_err());
    }

    #[test]
    fn wrong_attempts_past_the_free_ones_wait_longer_each_time() {
        let mut backoff = Backoff::default();
        let t = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert!(backoff.check(IP, t).is_ok());
            backoff.failed(IP, t);
        }
        assert!(backoff.check(IP, t).is_ok(), "typos are free");
        backoff.failed(IP, t);
        assert_eq!(backoff.check(IP, t), Err(Duration::from_secs(1)));
        backoff.failed(IP, t);
        assert_eq!(backoff.check(IP, t), Err(Duration::from_secs(2)));
        for _ in 0..20 {
            backoff.failed(IP, t);
        }
        assert_eq!(backoff.check(IP, t), Err(MAX_BACKOFF));
        assert!(backoff.check(OTHER, t).is_ok());
        assert!(backoff.check(IP, t + MAX_BACKOFF).is_ok());
        // Forgotten after a quiet while: free attempts again.
        backoff.failed(IP, t + FORGET_AFTER * 2);
        assert!(backoff.check(IP, t + FORGET_AFTER * 2).is_ok());
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_secs(Duration::from_secs(3)), 3);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
