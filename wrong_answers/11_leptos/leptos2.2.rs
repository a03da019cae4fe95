// wrong: the memo reads the prices untracked, so it never recomputes after a change
// leptos2 — a derived value recomputes on every read; a `Memo` computes once per change.
//
// The cheapest derived value is a closure over signals, `move || a.get() * 2`
// (or `Signal::derive(..)` to give it a type): it is reactive, but it reruns
// its body every time anyone reads it. When the body is expensive, or many
// parts of the page read it, use a `Memo` instead: it caches its value,
// recomputes only after one of the signals it read has changed, and only
// tells its readers when the result itself is different.
//
// Leptos 0.7+ memos are lazy: nothing runs until the first read.
//
// roadmap.md §7

use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The cart's total in cents. `runs` counts how often the sum is computed:
/// pretend every run is an expensive trip through a large cart.
fn cart_total(prices: RwSignal<Vec<u32>>, runs: Arc<AtomicUsize>) -> Signal<u32> {
    Memo::new(move |_| {
        runs.fetch_add(1, Ordering::Relaxed);
        prices.with_untracked(|prices| prices.iter().sum())
    })
    .into()
}

fn main() {
    let runs = Arc::new(AtomicUsize::new(0));
    let prices = RwSignal::new(vec![250, 1200]);
    let total = cart_total(prices, Arc::clone(&runs));
    // Header, sidebar and checkout button all show the total:
    for place in ["header", "sidebar", "checkout"] {
        println!("{place:>8}: {} cents", total.get());
    }
    prices.update(|p| p.push(99));
    println!("after adding an item: {} cents", total.get());
    println!(
        "the sum was computed {} times",
        runs.load(Ordering::Relaxed)
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn runs_of(runs: &Arc<AtomicUsize>) -> usize {
        runs.load(Ordering::Relaxed)
    }

    #[test]
    fn the_total_is_the_sum() {
        let prices = RwSignal::new(vec![100, 250]);
        let total = cart_total(prices, Arc::new(AtomicUsize::new(0)));
        assert_eq!(total.get(), 350);
        prices.update(|p| p.push(5));
        assert_eq!(total.get(), 355, "the total must follow the prices");
    }

    #[test]
    fn nothing_is_computed_before_the_first_read() {
        let runs = Arc::new(AtomicUsize::new(0));
        let _total = cart_total(RwSignal::new(vec![1, 2]), Arc::clone(&runs));
        assert_eq!(runs_of(&runs), 0);
    }

    #[test]
    fn three_reads_compute_the_sum_once() {
        let runs = Arc::new(AtomicUsize::new(0));
        let total = cart_total(RwSignal::new(vec![1, 2]), Arc::clone(&runs));
        for _ in 0..3 {
            assert_eq!(total.get(), 3);
        }
        assert_eq!(
            runs_of(&runs),
            1,
            "three reads of an unchanged cart should not redo the sum three times"
        );
    }

    #[test]
    fn a_change_computes_it_again_once() {
        let runs = Arc::new(AtomicUsize::new(0));
        let prices = RwSignal::new(vec![1, 2]);
        let total = cart_total(prices, Arc::clone(&runs));
        total.get();
        prices.update(|p| p.push(10));
        total.get();
        total.get();
        assert_eq!(total.get(), 13);
        assert_eq!(
            runs_of(&runs),
            2,
            "one run at the start, one after the change"
        );
    }
}
