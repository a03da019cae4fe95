// yew1 — a Yew function component reads its `Properties`; `ServerRenderer` prints it.
//
// A Yew component is a function marked `#[function_component]` that takes
// `&Props` and returns `Html`, written with `html!`: JSX-like tags where
// every Rust expression, text included, sits in braces.
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

#[derive(Properties, PartialEq)]
struct BookProps {
    title: AttrValue,
    author: AttrValue,
    #[prop_or_default]
    on_loan: bool,
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
    fn props_compare_every_field() {
        let dune = || BookProps {
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            on_loan: false,
        };
        assert!(
            dune() == dune(),
            "equal props mean Yew can skip a re-render"
        );
        let lent = BookProps {
            on_loan: true,
            ..dune()
        };
        assert!(dune() != lent, "a book going on loan must re-render");
    }
}
