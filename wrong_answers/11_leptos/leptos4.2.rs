// wrong: a left-out `done` defaults to true, so an open item renders as done
// leptos4 — a component is a function with props; `view!` renders it, here to HTML.
//
// `#[component]` turns a function returning `impl IntoView` into something
// `view!` can use as a tag: its arguments become the tag's props. A prop is
// required unless you say otherwise: `#[prop(optional)]` gives the type's
// `Default` when the caller leaves it out, `#[prop(default = ..)]` a value of
// your choice, and `#[prop(into)]` lets callers pass a `&str` for a `String`.
//
// With the `ssr` feature, any view can be rendered to an HTML string with
// `.to_html()`: that is server-side rendering, and it is how these tests check
// a component without a browser.
//
// roadmap.md §7

use leptos::prelude::*;

/// One line of a todo list.
#[component]
fn TodoItem(
    #[prop(into)] title: String,
    /// Finished items are struck through by the stylesheet.
    #[prop(default = true)]
    done: bool,
) -> impl IntoView {
    let class = if done { "todo done" } else { "todo" };
    view! { <li class=class>{title}</li> }
}

/// A list with two items: the caller only mentions `done` when it is true.
fn todo_list() -> impl IntoView {
    view! {
        <ul>
            <TodoItem title="Buy milk" />
            <TodoItem title="Learn Leptos" done=true />
        </ul>
    }
}

fn main() {
    println!("{}", todo_list().to_html());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_item_renders_as_a_plain_todo() {
        let html = view! { <TodoItem title="Buy milk" /> }.to_html();
        assert_eq!(html, r#"<li class="todo">Buy milk</li>"#);
    }

    #[test]
    fn a_done_item_gets_the_done_class() {
        let html = view! { <TodoItem title="Water plants" done=true /> }.to_html();
        assert_eq!(html, r#"<li class="todo done">Water plants</li>"#);
    }

    #[test]
    fn the_list_has_both_items_in_order() {
        let html = todo_list().to_html();
        let milk = html.find("Buy milk").expect("Buy milk is missing");
        let leptos = html.find("Learn Leptos").expect("Learn Leptos is missing");
        assert!(milk < leptos, "{html}");
        assert!(
            html.starts_with("<ul>") && html.ends_with("</ul>"),
            "{html}"
        );
    }
}
