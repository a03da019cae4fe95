// wrong: `try_borrow_mut` instead of ending the borrow: no more panic, but the match still holds the borrow, so nothing is ever cached
// edition10 — `if let` drops its temporaries before `else` runs.
//
// The scrutinee of `if let` often creates a temporary: a `RefCell` borrow,
// a `Mutex` guard. Edition 2021 kept that temporary alive until the end of
// the whole `if let ... else`, so code in `else` that touched the same cell
// panicked ("already borrowed") or, with a Mutex, deadlocked. Edition 2024
// drops it before entering `else`, which makes the obvious cache code right.
// `match` did not change: its scrutinee's temporaries live until the end of
// the whole `match`, in every arm. So the habit "write it as a match" now
// brings the old bug back. roadmap.md §1

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

// Resolves host names, remembering every answer.
struct Resolver {
    cache: RefCell<HashMap<String, String>>,
    lookups: Cell<u32>,
}

impl Resolver {
    fn new() -> Self {
        Resolver {
            cache: RefCell::new(HashMap::new()),
            lookups: Cell::new(0),
        }
    }

    // Stands in for a slow network lookup.
    fn lookup(&self, host: &str) -> String {
        self.lookups.set(self.lookups.get() + 1);
        format!("10.0.0.{}", host.len())
    }

    fn resolve(&self, host: &str) -> String {
        match self.cache.borrow().get(host) {
            Some(address) => address.clone(),
            None => {
                let address = self.lookup(host);
                if let Ok(mut cache) = self.cache.try_borrow_mut() {
                    cache.insert(host.to_string(), address.clone());
                }
                address
            }
        }
    }
}

fn main() {
    let resolver = Resolver::new();
    for host in ["crates.io", "docs.rs", "crates.io"] {
        println!("{host} -> {}", resolver.resolve(host));
    }
    println!("network lookups: {}", resolver.lookups.get());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_a_new_host() {
        let resolver = Resolver::new();
        assert_eq!(resolver.resolve("example.org"), "10.0.0.11");
    }

    #[test]
    fn asks_the_network_once_per_host() {
        let resolver = Resolver::new();
        for host in ["a.dev", "b.dev", "a.dev", "a.dev"] {
            resolver.resolve(host);
        }
        assert_eq!(
            resolver.lookups.get(),
            2,
            "repeat lookups must hit the cache"
        );
    }
}
