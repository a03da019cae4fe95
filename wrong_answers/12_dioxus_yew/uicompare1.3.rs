// wrong: reads the start value into a local once, as a Dioxus component would on each run; Leptos never runs it again
// uicompare1 — one counter, three frameworks: when does the component run?
//
// Dioxus and Yew re-run the component function on every change of its state
// and diff the new virtual DOM against the old one, so a plain `let label =
// format!(..)` is always current. A Leptos component runs ONCE: it builds the
// page and wires each signal to the spots that read it; later a change runs
// only those closures (`{count}`, `move || ..`), never the component again.
// State follows the model: Leptos and Dioxus hand out `Copy` signals, Yew a
// `UseStateHandle` you clone into each callback.
//
// The Dioxus and Yew counters are done. Write the Leptos one (see leptos5):
// the same markup, a count that stays current after the signal changes, and
// a button that adds `step`. Its count comes from the parent as a signal.
//
// roadmap.md §7, §8

mod leptos_version {
    use leptos::prelude::*;
    use std::cell::Cell;

    thread_local! { pub static RUNS: Cell<u32> = const { Cell::new(0) }; }

    /// A Leptos parent often owns the signal and hands it down, as here.
    #[component]
    pub fn Counter(count: RwSignal<i32>, #[prop(default = 1)] step: i32) -> impl IntoView {
        RUNS.with(|runs| runs.set(runs.get() + 1));
        let start = count.get_untracked();
        view! {
            <div class="counter">
                <span>"Count: " {start}</span>
                <button on:click=move |_| count.update(|n| *n += step)>"+" {step}</button>
            </div>
        }
    }

    pub fn html(start: i32, step: i32) -> String {
        let count = RwSignal::new(start);
        // Leptos puts `<!>` between neighbouring text nodes (for hydration): drop it.
        view! { <Counter count step /> }
            .to_html()
            .replace("<!>", "")
    }
}

mod dioxus_version {
    use dioxus::prelude::*;
    use dioxus_yew_chapter::Page;
    use std::cell::Cell;

    thread_local! { pub static RUNS: Cell<u32> = const { Cell::new(0) }; }

    #[component]
    pub fn Counter(start: i32, #[props(default = 1)] step: i32) -> Element {
        RUNS.with(|runs| runs.set(runs.get() + 1));
        let mut count = use_signal(|| start);
        rsx! {
            div { class: "counter",
                span { "Count: {count}" }
                button { onclick: move |_| count += step, "+{step}" }
            }
        }
    }

    pub fn html(start: i32, step: i32) -> String {
        dioxus_ssr::render_element(rsx! { Counter { start, step } })
    }

    /// A live counter starting at 0, as a browser would hold it.
    pub fn mount() -> Page {
        Page::mount(|| rsx! { Counter { start: 0 } })
    }
}

mod yew_version {
    use yew::prelude::*;

    #[derive(Properties, PartialEq)]
    pub struct CounterProps {
        pub start: i32,
        #[prop_or(1)]
        pub step: i32,
    }

    #[function_component]
    pub fn Counter(props: &CounterProps) -> Html {
        let count = use_state(|| props.start);
        let onclick = {
            let (count, step) = (count.clone(), props.step);
            Callback::from(move |_: MouseEvent| count.set(*count + step))
        };
        html! {
            <div class="counter">
                <span>{ format!("Count: {}", *count) }</span>
                <button {onclick}>{ format!("+{}", props.step) }</button>
            </div>
        }
    }

    pub async fn html(start: i32, step: i32) -> String {
        yew::ServerRenderer::<Counter>::with_props(move || CounterProps { start, step })
            .hydratable(false)
            .render()
            .await
    }
}

#[tokio::main]
async fn main() {
    println!("Leptos: {}", leptos_version::html(3, 2));
    println!("Dioxus: {}", dioxus_version::html(3, 2));
    println!("Yew:    {}", yew_version::html(3, 2).await);
    let runs = || dioxus_version::RUNS.with(|runs| runs.get());
    let mut page = dioxus_version::mount();
    let before = runs();
    page.click(0);
    println!(
        "Dioxus ran the component again for a click ({} run); Leptos would only rerun `{{count}}`",
        runs() - before
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    const EXPECTED: &str = r#"<div class="counter"><span>Count: 3</span><button>+2</button></div>"#;

    #[tokio::test]
    async fn dioxus_and_yew_agree() {
        assert_eq!(dioxus_version::html(3, 2), EXPECTED);
        assert_eq!(yew_version::html(3, 2).await, EXPECTED);
    }

    #[test]
    fn leptos_renders_the_same_counter() {
        assert_eq!(leptos_version::html(3, 2), EXPECTED);
    }

    #[test]
    fn leptos_step_defaults_to_one() {
        use leptos::prelude::*;
        let count = RwSignal::new(7);
        let html = view! { <leptos_version::Counter count /> }.to_html();
        let expected = r#"<div class="counter"><span>Count: 7</span><button>+1</button></div>"#;
        assert_eq!(html.replace("<!>", ""), expected);
    }

    #[test]
    fn the_leptos_view_follows_the_signal_without_running_the_component_again() {
        use leptos::prelude::*;
        let count = RwSignal::new(3);
        // `view!` calls the component now: it builds the page once, here.
        let page = view! { <leptos_version::Counter count step=2 /> };
        count.set(5);
        let html = page.to_html().replace("<!>", "");
        assert!(
            html.contains("<span>Count: 5</span>"),
            "the signal changed after the view was built, but the page shows an old value \
             (was the count read once, while building, instead of put in the view?): {html}"
        );
        let runs = leptos_version::RUNS.with(|runs| runs.get());
        assert_eq!(
            runs, 1,
            "a Leptos component runs once; only `{{count}}` runs again"
        );
    }

    #[test]
    fn the_leptos_button_listens_for_clicks() {
        // Server-rendered HTML has no listeners to click, so this one reads the source.
        let source = include_str!("uicompare1.rs");
        let leptos = &source[..source.find("mod dioxus_version").unwrap()];
        assert!(
            leptos.contains("<button on:click="),
            "the Leptos button needs an `on:click` handler that adds `step` to the count"
        );
    }

    #[test]
    fn a_dioxus_click_runs_the_component_again() {
        let mut page = dioxus_version::mount();
        page.click(0);
        assert!(page.html().contains("Count: 1"), "{}", page.html());
        let runs = dioxus_version::RUNS.with(|runs| runs.get());
        assert_eq!(runs, 2, "one run to build the page, one after the click");
    }
}
