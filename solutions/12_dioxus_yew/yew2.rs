// yew2 — `use_state` keeps a value between renders; a `Callback` changes it.
//
// `use_state(|| initial)` returns a `UseStateHandle`: deref it (`*count`) to
// read the value of *this* render, call `.set(new)` to store a new value and
// schedule a re-render, in which the component function runs again and sees
// it. A `Callback` is how Yew passes an event handler to an element:
// `Callback::from(move |_: MouseEvent| ..)`.
//
// Unlike a Leptos or Dioxus signal, the handle is not `Copy`: a `move`
// closure takes it for itself. The Yew idiom is to clone the handle for the
// callback (cheap, it is reference-counted) and keep the original for the
// markup.
//
// Server rendering shows only the first render: there are no clicks on a
// server, so the tests check the starting state.
//
// roadmap.md §8.2

use yew::ServerRenderer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct VoteProps {
    start: i32,
}

#[function_component]
fn Votes(props: &VoteProps) -> Html {
    let votes = use_state(|| props.start);
    let upvote = {
        let votes = votes.clone();
        Callback::from(move |_: MouseEvent| votes.set(*votes + 1))
    };
    html! {
        <div class="votes">
            <button onclick={upvote}>{ "▲" }</button>
            <span>{ *votes }</span>
        </div>
    }
}

async fn render(start: i32) -> String {
    ServerRenderer::<Votes>::with_props(move || VoteProps { start })
        .hydratable(false)
        .render()
        .await
}

#[tokio::main]
async fn main() {
    println!("{}", render(41).await);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn it_shows_the_starting_votes() {
        assert_eq!(
            render(41).await,
            r#"<div class="votes"><button>▲</button><span>41</span></div>"#
        );
    }

    #[tokio::test]
    async fn negative_scores_are_shown_too() {
        assert!(render(-3).await.contains("<span>-3</span>"));
    }
}
