// edition5 — `async fn` in traits.
//
// Before Rust 1.75 a trait could not declare `async fn`: people used the
// `async-trait` macro, which rewrote every method to return a boxed future
// (one heap allocation per call, `Send` unless you wrote
// `#[async_trait(?Send)]`). Now a trait can say
// `async fn load(&self, ..) -> T` directly; it means
// `fn load(&self, ..) -> impl Future<Output = T>`, each impl gets its own
// unboxed future type, and generic code (`S: Store`) can `.await` it.
// In a `pub` trait rustc warns (`async_fn_in_trait`) that callers cannot
// demand a `Send` future; write the `-> impl Future<Output = T> + Send`
// form there if your users spawn on a multi-threaded runtime. roadmap.md §1

use futures::executor::block_on;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

trait Store {
    async fn load(&self, key: &str) -> Option<String>;
}

// Stands in for a slow database: it counts how often it is asked.
struct Database {
    rows: HashMap<String, String>,
    queries: Cell<u32>,
}

impl Store for Database {
    async fn load(&self, key: &str) -> Option<String> {
        self.queries.set(self.queries.get() + 1);
        self.rows.get(key).cloned()
    }
}

// Wraps any store and remembers every answer, found or not.
struct Cached<S> {
    inner: S,
    memo: RefCell<HashMap<String, Option<String>>>,
}

impl<S: Store> Store for Cached<S> {
    async fn load(&self, key: &str) -> Option<String> {
        if let Some(known) = self.memo.borrow().get(key) {
            return known.clone();
        }
        let value = self.inner.load(key).await;
        self.memo
            .borrow_mut()
            .insert(key.to_string(), value.clone());
        value
    }
}

// Generic over any store, async or not underneath: plain static dispatch.
async fn greeting<S: Store>(store: &S, user: &str) -> String {
    match store.load(user).await {
        Some(name) => format!("Hello, {name}!"),
        None => format!("Who is {user}?"),
    }
}

fn database() -> Database {
    let rows = [("u1", "Ferris"), ("u2", "Corro")].map(|(k, v)| (k.to_string(), v.to_string()));
    Database {
        rows: HashMap::from(rows),
        queries: Cell::new(0),
    }
}

fn main() {
    let store = Cached {
        inner: database(),
        memo: RefCell::new(HashMap::new()),
    };
    for user in ["u1", "u2", "u1", "u9", "u9"] {
        println!("{}", block_on(greeting(&store, user)));
    }
    println!("database queries: {}", store.inner.queries.get());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_known_and_unknown_users() {
        let db = database();
        assert_eq!(block_on(greeting(&db, "u2")), "Hello, Corro!");
        assert_eq!(block_on(greeting(&db, "nobody")), "Who is nobody?");
    }

    #[test]
    fn loading_runs_when_awaited_not_when_called() {
        let db = database();
        let pending = db.load("u1");
        assert_eq!(db.queries.get(), 0, "calling an async fn runs none of it");
        assert_eq!(block_on(pending).as_deref(), Some("Ferris"));
        assert_eq!(db.queries.get(), 1);
    }

    #[test]
    fn the_cache_asks_the_database_once_per_key() {
        let store = Cached {
            inner: database(),
            memo: RefCell::new(HashMap::new()),
        };
        for user in ["u1", "u1", "u2", "u9", "u9", "u1"] {
            block_on(greeting(&store, user));
        }
        assert_eq!(store.inner.queries.get(), 3, "one query per distinct key");
    }
}
