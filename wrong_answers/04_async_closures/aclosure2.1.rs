// wrong: clones the cache into each call to please the borrow checker: no call sees what another looked up, and the count stays 0
// aclosure2 — async closures may borrow their environment across an `.await`.
//
// A closure that returns `async move { ... }` moves what it uses into the
// future, so it can be called only once; one that returns `async { ... }`
// would hand out a future borrowing the closure's own captures, which a plain
// closure is not allowed to do. The usual workarounds were `Rc<RefCell<..>>`
// or `Arc<Mutex<..>>` just to share a local counter or map.
//
// An async closure's future may borrow what the closure captured, mutably
// too: the closure is then `AsyncFnMut`, like an `FnMut` whose calls can
// await. When the closure is no longer used, the borrows end and the locals
// are yours again. (roadmap.md §2.2)

use std::collections::HashMap;
use std::time::Duration;

/// Stands in for a slow lookup service.
async fn fetch_city(user_id: u32) -> String {
    tokio::time::sleep(Duration::from_millis(100)).await;
    let cities = ["Lisbon", "Osaka", "Lagos", "Quito"];
    cities[user_id as usize % cities.len()].to_string()
}

/// The city of each user, in order. Asks the slow service only once per
/// distinct user, and also returns how many times it asked.
async fn cities(user_ids: &[u32]) -> (Vec<String>, usize) {
    let mut cache: HashMap<u32, String> = HashMap::new();
    let mut lookups = 0;

    let city_of = |id: u32| {
        let mut cache = cache.clone();
        let mut lookups = lookups;
        async move {
            if let Some(city) = cache.get(&id) {
                return city.clone();
            }
            lookups += 1;
            let city = fetch_city(id).await;
            cache.insert(id, city.clone());
            let _ = lookups;
            city
        }
    };


    let mut result = Vec::new();
    for &id in user_ids {
        result.push(city_of(id).await);
    }
    (result, lookups)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (found, lookups) = cities(&[3, 10, 3, 3, 10]).await;
    println!("cities: {found:?}");
    println!("the slow service was asked {lookups} times for 5 users");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn answers_every_user_in_order() {
        let (found, _) = cities(&[1, 2, 1]).await;
        assert_eq!(found, ["Osaka", "Lagos", "Osaka"]);
    }

    #[tokio::test(start_paused = true)]
    async fn asks_once_per_distinct_user() {
        let start = Instant::now();
        let (_, lookups) = cities(&[5, 5, 6, 5, 6]).await;
        assert_eq!(lookups, 2, "5 and 6 should each be looked up once");
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(200),
            "repeated users must be answered from the cache, without waiting"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_users_no_lookups() {
        assert_eq!(cities(&[]).await, (vec![], 0));
    }
}
