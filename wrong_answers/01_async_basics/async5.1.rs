// wrong: `into_future` redoes the query inline and forgets the `limit` the builder set
// async5 — `IntoFuture`: what `.await` really calls.
//
// `x.await` first calls `IntoFuture::into_future(x)`, then polls the future
// it gets. Every `Future` is its own `IntoFuture`, so for most values nothing
// changes; but a type that is *not* a future can implement `IntoFuture` and
// become awaitable. Builders use it: reqwest's `client.get(url).await` sends
// the request it has built, with no `.send()`. Both traits are in the prelude
// since edition 2024 (before, you wrote `use std::future::IntoFuture;`).
// `into_future` must return a future type you can name; an `async` block's
// type has no name, so box it: `futures::future::LocalBoxFuture<'a, T>` is
// `Pin<Box<dyn Future<Output = T> + 'a>>` (`BoxFuture` when it must be
// `Send`). roadmap.md §3

use futures::executor::block_on;
use futures::future::LocalBoxFuture;

/// A search, built step by step, run when it is awaited.
struct Search {
    words: Vec<&'static str>,
    prefix: String,
    limit: usize,
}

fn search(prefix: &str) -> Search {
    let words = vec!["async", "await", "atomic", "borrow", "array", "arc"];
    Search {
        words,
        prefix: prefix.to_string(),
        limit: usize::MAX,
    }
}

impl Search {
    fn limit(self, limit: usize) -> Search {
        Search { limit, ..self }
    }

    /// Stands in for a query against a slow index.
    async fn run(self) -> Vec<&'static str> {
        let prefix = self.prefix;
        let found = self.words.into_iter().filter(|w| w.starts_with(&prefix));
        found.take(self.limit).collect()
    }
}

impl IntoFuture for Search {
    type Output = Vec<&'static str>;
    type IntoFuture = LocalBoxFuture<'static, Vec<&'static str>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let prefix = self.prefix;
            self.words
                .into_iter()
                .filter(|w| w.starts_with(&prefix))
                .collect()
        })

    }
}

fn main() {
    let found = block_on(async { search("a").limit(3).await });
    println!("first three words starting with \"a\": {found:?}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awaiting_the_builder_runs_the_search() {
        let found = block_on(async { search("ar").await });
        assert_eq!(found, ["array", "arc"]);
    }

    #[test]
    fn options_are_applied() {
        let found = block_on(async { search("a").limit(2).await });
        assert_eq!(found, ["async", "await"]);
        let none = block_on(async { search("z").await });
        assert!(none.is_empty());
    }
}
