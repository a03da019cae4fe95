// yew2 — `use_reducer`: events dispatch actions, one function turns an action into the next state.
//
// `use_state` suits one value set from one place. When several events change
// the same state, Yew's `use_reducer` keeps the rules together (the Elm
// "message" pattern Yew started with): the state type implements
// `Reducible`, whose `reduce(self: Rc<Self>, action)` returns the *next*
// state, and a callback only `dispatch`es an action. The component then runs
// again with the new state. The handle is not `Copy`, so each callback gets
// its own clone of it (cheap: it is reference-counted).
//
// A server renders only the first frame and has no clicks, which is why the
// rules belong in `reduce`: a plain function the tests call directly.
//
// roadmap.md §8.2

use std::rc::Rc;
use yew::ServerRenderer;
use yew::prelude::*;

/// What the two buttons ask for.
enum Vote {
    Up,
    Down,
}

/// A post's score. It may go below zero: a disliked post shows that.
#[derive(Debug, PartialEq)]
struct Score {
    votes: i32,
}

impl Reducible for Score {
    type Action = Vote;

    fn reduce(self: Rc<Self>, action: Vote) -> Rc<Self> {
        // TODO: every vote is ignored: the state that comes back is the one
        // that went in, so the score never moves.
        let _ = action;
        self
    }
}

#[derive(Properties, PartialEq)]
struct VoteProps {
    start: i32,
}

#[function_component]
fn Votes(props: &VoteProps) -> Html {
    let score = use_reducer(|| Score { votes: props.start });
    let up = {
        let score = score.clone();
        Callback::from(move |_: MouseEvent| score.dispatch(Vote::Up))
    };
    let down = {
        let score = score.clone();
        Callback::from(move |_: MouseEvent| score.dispatch(Vote::Down))
    };
    html! {
        <div class="votes">
            <button onclick={up}>{ "▲" }</button>
            <span>{ score.votes }</span>
            <button onclick={down}>{ "▼" }</button>
        </div>
    }
}

async fn render(start: i32) -> String {
    ServerRenderer::<Votes>::with_props(move || VoteProps { start })
        .hydratable(false)
        .render()
        .await
}

/// The score after `votes`, starting from `start`, as the clicks would leave it.
fn after(start: i32, votes: impl IntoIterator<Item = Vote>) -> i32 {
    let first = Rc::new(Score { votes: start });
    votes.into_iter().fold(first, Reducible::reduce).votes
}

#[tokio::main]
async fn main() {
    println!("{}", render(41).await);
    println!(
        "41, then ▲ ▲ ▼: {}",
        after(41, [Vote::Up, Vote::Up, Vote::Down])
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_first_frame_shows_the_starting_votes() {
        assert_eq!(
            render(41).await,
            r#"<div class="votes"><button>▲</button><span>41</span><button>▼</button></div>"#
        );
    }

    #[test]
    fn an_upvote_adds_one() {
        assert_eq!(after(41, [Vote::Up]), 42, "▲ on 41");
        assert_eq!(after(0, [Vote::Up, Vote::Up]), 2, "▲ ▲ on 0");
    }

    #[test]
    fn a_downvote_takes_one() {
        assert_eq!(after(41, [Vote::Down]), 40, "▼ on 41");
        assert_eq!(
            after(5, [Vote::Up, Vote::Down, Vote::Down]),
            4,
            "▲ ▼ ▼ on 5"
        );
    }

    #[test]
    fn a_score_can_go_below_zero() {
        assert_eq!(after(0, [Vote::Down, Vote::Down]), -2, "▼ ▼ on 0");
    }
}
