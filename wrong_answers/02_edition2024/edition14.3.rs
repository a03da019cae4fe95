// wrong: a `thread_local!` table instead of one shared static: each thread counts only its own visits
// edition14 — `static mut` references are denied: use a `static` that syncs.
//
// A `static mut` is one global variable that any code may change, from any
// thread, with only an `unsafe` block in the way. Taking a reference to one
// (`&COUNTS`, or calling a method on it, which borrows it) is undefined
// behaviour as soon as another reference exists at the same time, and the
// compiler cannot check that it does not. Edition 2024 makes the lint
// `static_mut_refs` deny-by-default, so such code no longer compiles. The
// fix is rarely `&raw mut` and more `unsafe`: it is a plain `static` whose
// type does its own synchronisation, an atomic for a number or a `Mutex` for
// anything else. `Mutex::new` is a `const fn`, so it works in a `static`
// initialiser. roadmap.md §1

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::thread;

/// How often each page was visited, shared by the whole program.
thread_local! {
    static VISITS: std::cell::RefCell<BTreeMap<String, u32>> =
        const { std::cell::RefCell::new(BTreeMap::new()) };
}

fn record_visit(page: &str) {
    VISITS.with_borrow_mut(|visits| *visits.entry(page.to_string()).or_default() += 1);
}

fn visits(page: &str) -> u32 {
    VISITS.with_borrow(|visits| visits.get(page).copied().unwrap_or(0))

}

fn main() {
    thread::scope(|s| {
        for worker in 0..4 {
            s.spawn(move || {
                for _ in 0..100 {
                    record_visit(if worker % 2 == 0 { "/" } else { "/docs" });
                }
            });
        }
    });
    println!("/ visited {} times", visits("/"));
    println!("/docs visited {} times", visits("/docs"));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_visits_from_many_threads() {
        thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..1000 {
                        record_visit("/test");
                    }
                });
            }
        });
        assert_eq!(visits("/test"), 8000);
        assert_eq!(visits("/never"), 0);
    }

    #[test]
    fn the_table_is_a_plain_shared_static() {
        // Compiles only for a `static` (not `static mut`) of a `Sync` type:
        // safe code on any thread may then use it.
        let table: &'static (dyn Sync + 'static) = &VISITS;
        let _ = table;
    }
}
