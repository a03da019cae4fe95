// wrong: a hand-written `PartialEq` that compares titles only, so a book going on loan does not re-render
// yew1 — a Yew function component reads its `Properties`; `ServerRenderer` prints it.
//
// Yew, the oldest Rust UI framework, now looks like React with hooks. A
// component is a function marked `#[function_component]` that takes
// `&Props` and returns `Html`, written with the `html!` macro: JSX-like tags
// where every Rust expression, text included, sits in braces (`{"Hello"}`,
// `{props.name.clone()}`).
//
// The props type derives `Properties`. Yew re-renders a child only when its
// new props differ from the old ones, so props must also be `PartialEq`.
// `#[prop_or_default]` / `#[prop_or(value)]` make a prop optional.
//
// `ServerRenderer::<App>::with_props(|| props)` renders to a `String`
// (an async fn, run on Tokio here); `.hydratable(false)` leaves out the
// markers a browser would need to take the page over.
//
// roadmap.md §8.2

use yew::ServerRenderer;
use yew::prelude::*;

#[derive(Properties)]
struct BookProps {
    title: AttrValue,
    author: AttrValue,
    #[prop_or_default]
    on_loan: bool,
}

impl PartialEq for BookProps {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
    }
}

#[function_component]
fn Book(props: &BookProps) -> Html {
    let status = if props.on_loan {
        "on loan"
    } else {
        "on the shelf"
    };
    html! {
        <article class="book">
            <h3>{ props.title.clone() }</h3>
            <p>{ format!("by {}, {status}", props.author) }</p>
        </article>
    }
}

async fn render(title: &str, author: &str, on_loan: bool) -> String {
    let (title, author) = (title.to_string(), author.to_string());
    // The props are made on the renderer's thread: an `AttrValue` is not `Send`.
    let props = move || BookProps {
        title: title.into(),
        author: author.into(),
        on_loan,
    };
    ServerRenderer::<Book>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

#[tokio::main]
async fn main() {
    println!("{}", render("Dune", "Frank Herbert", false).await);
    println!("{}", render("Emma", "Jane Austen", true).await);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_book_on_the_shelf() {
        assert_eq!(
            render("Dune", "Frank Herbert", false).await,
            r#"<article class="book"><h3>Dune</h3><p>by Frank Herbert, on the shelf</p></article>"#
        );
    }

    #[tokio::test]
    async fn a_book_on_loan() {
        let html = render("Emma", "Jane Austen", true).await;
        assert!(html.contains("<p>by Jane Austen, on loan</p>"), "{html}");
    }

    #[test]
    fn props_compare_by_value() {
        let a = BookProps {
            title: "A".into(),
            author: "B".into(),
            on_loan: false,
        };
        let b = BookProps {
            title: "A".into(),
            author: "B".into(),
            on_loan: false,
        };
        assert!(a == b, "equal props mean Yew can skip a re-render");
    }

    #[test]
    fn props_that_differ_are_not_equal() {
        let on_shelf = || BookProps {
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            on_loan: false,
        };
        let lent = BookProps {
            on_loan: true,
            ..on_shelf()
        };
        let retitled = BookProps {
            title: "Emma".into(),
            ..on_shelf()
        };
        assert!(
            on_shelf() != lent && on_shelf() != retitled,
            "props that differ in any field must compare unequal, or Yew skips a needed re-render"
        );
    }
}
