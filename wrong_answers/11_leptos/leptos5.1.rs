// wrong: the count is reactive but the label is still an `if` evaluated once, while the component runs
// leptos5 — a view shows a signal by holding it (or a closure), not a value read from it.
//
// A Leptos component runs once: `view!` calls it, and it builds the page.
// What you put between braces decides what happens later. `{count.get()}`
// reads the value *now*, while the component runs, and puts a plain number
// in the page: it never changes again. `{count}` (a signal) or `{move || ..}`
// (a closure that reads signals) is kept in the page and run again whenever
// a signal it read changes, so only that text is updated.
//
// Events work the same way: `on:click=move |_| ..` stores a closure the
// browser calls on each click; it changes a signal, and the reactive parts of
// the page follow. Here the page is rendered to HTML, so the tests change the
// signal themselves, after the view was built, and render it.
//
// roadmap.md §7

use leptos::prelude::*;

/// A shop shelf: how many items are left, and whether you can still buy one.
#[component]
fn Shelf(stock: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="shelf">
            <p>"Left: " {stock}</p>
            <p>{if stock.get() == 0 { "sold out" } else { "available" }}</p>
            <button on:click=move |_| stock.update(|n| *n = n.saturating_sub(1))>
                "Buy one"
            </button>
        </div>
    }
}

/// Renders the page as a browser would show it now (without hydration markers).
fn html(page: impl IntoView) -> String {
    page.to_html().replace("<!>", "")
}

fn main() {
    let stock = RwSignal::new(2);
    let page = view! { <Shelf stock /> };
    // Two clicks on "Buy one" later:
    stock.set(0);
    println!("{}", html(page));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_shelf() {
        let stock = RwSignal::new(3);
        let page = view! { <Shelf stock /> };
        assert_eq!(
            html(page),
            r#"<div class="shelf"><p>Left: 3</p><p>available</p><button>Buy one</button></div>"#
        );
    }

    #[test]
    fn the_count_follows_a_sale_made_after_the_page_was_built() {
        let stock = RwSignal::new(3);
        let page = view! { <Shelf stock /> };
        stock.set(2);
        let html = html(page);
        assert!(
            html.contains("<p>Left: 2</p>"),
            "the page still shows the stock it was built with: {html}"
        );
    }

    #[test]
    fn the_label_follows_the_last_sale() {
        let stock = RwSignal::new(1);
        let page = view! { <Shelf stock /> };
        stock.set(0);
        let html = html(page);
        assert!(
            html.contains("<p>Left: 0</p><p>sold out</p>"),
            "after the last item was sold the shelf should say so: {html}"
        );
    }
}
