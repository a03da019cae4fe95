// wrong: `load_boxed` runs the load at once with `block_on` and boxes the ready value: an executor inside the one polling `get`
// edition6 — `async fn` in traits and `dyn`: box the future yourself.
//
// A trait with an `async fn` is not dyn compatible: each implementation
// returns its own future type, of its own size, so no vtable entry can
// describe the method, and `Box<dyn Store>` is a compile error (E0038). Rust
// 1.95 has no built-in fix. The usual pattern: a second, dyn-compatible
// trait whose method returns one nameable type, a boxed future
// (`futures::future::LocalBoxFuture`, or `BoxFuture` when it must be `Send`),
// plus a blanket impl that boxes the future of any `Store`. Static callers
// keep the free, unboxed `async fn`; only the `dyn` path pays one allocation
// per call. (The `async-trait` crate boxes every call instead.) roadmap.md §1

use futures::executor::block_on;
use futures::future::LocalBoxFuture;
use std::collections::HashMap;

trait Store {
    async fn load(&self, key: &str) -> Option<String>;
}

// Values set on the command line, say.
struct Overrides(HashMap<String, String>);

impl Store for Overrides {
    async fn load(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
}

// Built-in defaults: answers a fixed set of keys.
struct Defaults;

impl Store for Defaults {
    async fn load(&self, key: &str) -> Option<String> {
        match key {
            "color" => Some("auto".to_string()),
            "pager" => Some("less".to_string()),
            _ => None,
        }
    }
}

// The dyn-compatible twin of `Store`: one return type for every store.
trait DynStore {
    fn load_boxed<'a>(&'a self, key: &'a str) -> LocalBoxFuture<'a, Option<String>>;
}

impl<T: Store> DynStore for T {
    fn load_boxed<'a>(&'a self, key: &'a str) -> LocalBoxFuture<'a, Option<String>> {
        let value = futures::executor::block_on(self.load(key));
        Box::pin(async move { value })

    }
}

// Settings looked up in layers, first match wins.
struct Layered {
    layers: Vec<Box<dyn DynStore>>,
}

impl Layered {
    async fn get(&self, key: &str) -> Option<String> {
        for layer in &self.layers {
            if let Some(value) = layer.load_boxed(key).await {
                return Some(value);
            }
        }
        None
    }
}

fn layered(overrides: &[(&str, &str)]) -> Layered {
    let overrides = overrides
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Layered {
        layers: vec![Box::new(Overrides(overrides)), Box::new(Defaults)],
    }
}

fn main() {
    let settings = layered(&[("color", "never")]);
    for key in ["color", "pager", "editor"] {
        let value = block_on(settings.get(key));
        println!("{key} = {}", value.as_deref().unwrap_or("(unset)"));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_layer_wins() {
        let settings = layered(&[("color", "never")]);
        assert_eq!(block_on(settings.get("color")).as_deref(), Some("never"));
    }

    #[test]
    fn falls_through_to_defaults() {
        let settings = layered(&[("color", "never")]);
        assert_eq!(block_on(settings.get("pager")).as_deref(), Some("less"));
        assert_eq!(block_on(settings.get("editor")), None);
    }

    #[test]
    fn the_boxed_twin_answers_like_the_original() {
        let store = Defaults;
        assert_eq!(
            block_on(store.load_boxed("pager")),
            block_on(store.load("pager"))
        );
    }
}
