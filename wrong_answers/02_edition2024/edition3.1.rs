// wrong: fixes the drifted else values but keeps the nested `if let`s instead of one let chain
// edition3 — let chains: `if let ... && let ... && condition`.
//
// Edition 2021 could not mix `let` patterns and boolean tests in one `if`,
// so each extra check meant one more nested `if let`, and every level needed
// its own `else` with the same fallback. Those copies drift apart. Edition
// 2024 (stable since Rust 1.88) lets you chain any number of `let PATTERN =
// EXPR` and plain conditions with `&&`; bindings from earlier links are in
// scope in later ones, and one `else` covers every way the chain can fail.
// Only `&&` is allowed between the links, not `||`. roadmap.md §1

const DEFAULT_TTL: u32 = 300;
const MAX_TTL: u32 = 86_400;

// How long (in seconds) a response may be cached, from a header value such
// as "max-age=60". A missing, malformed or out-of-range header gets the
// default.
fn cache_ttl(header: Option<&str>) -> u32 {
    // TODO: each level of this nest has its own `else`, and the copies have
    // drifted apart (MAX_TTL, 0 and DEFAULT_TTL where the default was meant).
    if let Some(value) = header {
        if let Some(seconds) = value.trim().strip_prefix("max-age=") {
            if let Ok(seconds) = seconds.parse::<u32>() {
                if seconds <= MAX_TTL {
                    seconds
                } else {
                    DEFAULT_TTL
                }
            } else {
                DEFAULT_TTL
            }
        } else {
            DEFAULT_TTL
        }
    } else {
        DEFAULT_TTL
    }
}

fn main() {
    for header in [
        Some("max-age=60"),
        Some("max-age=soon"),
        Some("no-store"),
        None,
    ] {
        println!("{header:?} -> cache for {} s", cache_ttl(header));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // The lesson is the shape of the code, which no output shows: this reads
    // the function's own source (comments left out) as a list of words.
    fn words_of(name: &str) -> Vec<&'static str> {
        let file = include_str!("edition3.rs");
        let start = file.find(&format!("fn {name}(")).expect("the fn is there");
        let end = start + file[start..].find("\n}").expect("it ends with `}`");
        let code = file[start..end]
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""));
        let words = code.flat_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_'));
        words.filter(|w| !w.is_empty()).collect()
    }

    #[test]
    fn reads_max_age() {
        assert_eq!(cache_ttl(Some("max-age=60")), 60);
        assert_eq!(cache_ttl(Some(" max-age=0 ")), 0);
    }

    #[test]
    fn missing_or_unknown_header_uses_the_default() {
        assert_eq!(cache_ttl(None), DEFAULT_TTL);
        assert_eq!(cache_ttl(Some("no-store")), DEFAULT_TTL);
    }

    #[test]
    fn malformed_number_uses_the_default() {
        assert_eq!(
            cache_ttl(Some("max-age=soon")),
            DEFAULT_TTL,
            "a malformed max-age must fall back to the default, like a missing header"
        );
        assert_eq!(
            cache_ttl(Some("max-age=100000")),
            DEFAULT_TTL,
            "a max-age above MAX_TTL is out of range: use the default"
        );
    }

    #[test]
    fn one_chain_with_one_else() {
        let words = words_of("cache_ttl");
        let count = |word| words.iter().filter(|w| **w == word).count();
        assert!(
            count("if") == 1 && count("else") == 1,
            "cache_ttl should be one `if let .. && let ..` chain with a single `else` \
             for every way the header can be wrong (found {} `if`, {} `else`)",
            count("if"),
            count("else")
        );
    }
}
