// wrong (compile): drops `move` from the old spelling instead of writing an async closure: the returned future still borrows `url`
// aclosure1 — `async |x| ...`: the async closure (stable since Rust 1.85).
//
// Before 1.85 there was no async closure, only a closure that returns an async
// block: `|x| async move { ... }`. That works while `x` is owned, but the
// closure's return type is one future type for all calls, so that future
// cannot hold an argument whose lifetime differs from call to call: a closure
// declared to take any `&str` cannot keep it across an `.await`.
//
// `async |x| { ... }` is a closure whose call returns a future that may borrow
// its arguments (and, see aclosure2, its captures). Calling it gives a future;
// `.await` that. (roadmap.md §2.2)

use std::time::Duration;

/// Stands in for a slow network call: waits, then reports a page's size.
async fn download_size(url: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(10)).await;
    url.len() * 100
}

/// One line of report per URL, in the same order.
async fn report(urls: &[&str]) -> Vec<String> {
    let describe = |url: &str| async {

        let size = download_size(url).await;
        format!("{url}: {size} bytes")
    };

    let mut lines = Vec::new();
    for &url in urls {
        lines.push(describe(url).await);
    }
    lines
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    for line in report(&["https://www.rust-lang.org", "https://docs.rs"]).await {
        println!("{line}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn reports_each_url_in_order() {
        let lines = report(&["a.rs", "bb.rs"]).await;
        assert_eq!(lines, ["a.rs: 400 bytes", "bb.rs: 500 bytes"]);
    }

    #[tokio::test(start_paused = true)]
    async fn works_with_urls_built_at_run_time() {
        let owned: Vec<String> = (1..=3).map(|n| format!("site{n}.dev")).collect();
        let urls: Vec<&str> = owned.iter().map(String::as_str).collect();
        let lines = report(&urls).await;
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2], "site3.dev: 900 bytes");
    }
}
