// wrong: sets the counter to one instead of adding one to it
// leptos1 — a signal is a value you read with `.get()` and change through its setter.
//
// Leptos is reactive: instead of re-running a whole component, it tracks which
// pieces of the page read which *signals* and updates only those when a
// signal changes. `signal(initial)` returns a pair, a `ReadSignal` and a
// `WriteSignal`, so you can hand out the right to read without the right to
// write. `RwSignal::new(initial)` is the same thing in one value. Both are
// `Copy`: move them into as many closures as you like.
//
// `.get()` hands you a *clone* of the value. Changing that clone changes
// nothing else: a change has to go through `.set(..)` or `.update(|v| ..)`,
// which is also what tells everyone who reads the signal.
//
// roadmap.md §7

use leptos::prelude::*;

/// What one press of the "+1" button does to the counter.
fn press_plus(count: ReadSignal<i32>, set_count: WriteSignal<i32>) {
    let _ = count;
    set_count.set(1);
}

/// Adds an item to a shopping list held in one `RwSignal`.
fn add_item(list: RwSignal<Vec<String>>, item: &str) {
    list.update(|items| items.push(item.to_string()));
}

fn main() {
    let (count, set_count) = signal(0);
    for _ in 0..3 {
        press_plus(count, set_count);
    }
    println!("after three presses the counter shows {}", count.get());

    let list = RwSignal::new(vec!["bread".to_string()]);
    add_item(list, "milk");
    println!("shopping list: {:?}", list.get());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_presses_count_to_three() {
        let (count, set_count) = signal(0);
        for _ in 0..3 {
            press_plus(count, set_count);
        }
        assert_eq!(
            count.get(),
            3,
            "the counter did not move: was the change written back through the setter?"
        );
    }

    #[test]
    fn the_list_grows() {
        let list = RwSignal::new(vec!["bread".to_string()]);
        add_item(list, "milk");
        add_item(list, "eggs");
        assert_eq!(list.get(), ["bread", "milk", "eggs"]);
    }

    #[test]
    fn readers_of_the_split_signal_see_the_change() {
        let list = RwSignal::new(Vec::new());
        let (reader, _writer) = list.split();
        add_item(list, "tea");
        assert_eq!(reader.with(|items| items.len()), 1);
    }
}
