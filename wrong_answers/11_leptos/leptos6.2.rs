// wrong: stores the todo first and reports the error after, so the blank title stays in the store
// leptos6 — a `#[server]` function is an async fn whose body only exists on the server.
//
// `#[server]` turns one async function into both halves of an RPC: built for
// the server (feature `ssr`) the body is kept, and an HTTP endpoint that
// decodes the arguments and calls it is generated; built for the browser, the
// body is thrown away and the function sends a request instead. The macro
// also generates a struct holding the arguments (here `AddTodo`) whose
// `PATH` is the endpoint. So on the server you can test the body as a plain
// async function, as done here with `futures::executor::block_on`.
//
// Server functions return `Result<T, ServerFnError>`: the client always
// receives either the value or the error, so bad input is an `Err`, never a
// panic.
//
// roadmap.md §7

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use std::sync::{Arc, Mutex};

/// The server's todo store, handed to server functions as context.
#[derive(Clone, Default)]
struct Todos(Arc<Mutex<Vec<String>>>);

/// Stores a new todo and answers how many there are now.
#[server]
async fn add_todo(title: String) -> Result<usize, ServerFnError> {
    let todos = use_context::<Todos>().expect("the server provides a Todos store");
    let title = title.trim();
    let mut list = todos.0.lock().unwrap();
    list.push(title.to_string());
    if title.is_empty() {
        return Err(ServerFnError::new("a todo needs a title"));
    }
    Ok(list.len())
}

/// Runs `add_todo` as the server would: with the store provided as context.
fn call_on_server(todos: &Todos, title: &str) -> Result<usize, ServerFnError> {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(todos.clone());
        futures::executor::block_on(add_todo(title.to_string()))
    })
}

fn main() {
    let todos = Todos::default();
    println!("the client would POST to {}", AddTodo::PATH);
    for title in ["Buy milk", "   ", "Learn Leptos"] {
        println!("add_todo({title:?}) -> {:?}", call_on_server(&todos, title));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_todo_is_stored_and_counted() {
        let todos = Todos::default();
        assert_eq!(call_on_server(&todos, "Buy milk").unwrap(), 1);
        assert_eq!(call_on_server(&todos, "Walk dog").unwrap(), 2);
        assert_eq!(*todos.0.lock().unwrap(), ["Buy milk", "Walk dog"]);
    }

    #[test]
    fn a_blank_title_is_an_error_and_stores_nothing() {
        let todos = Todos::default();
        let answer = call_on_server(&todos, "   ");
        assert!(
            answer.is_err(),
            "a blank title should come back as Err, got {answer:?}"
        );
        assert!(todos.0.lock().unwrap().is_empty(), "nothing may be stored");
    }

    #[test]
    fn the_macro_made_an_endpoint() {
        assert!(
            AddTodo::PATH.starts_with("/api/add_todo"),
            "{}",
            AddTodo::PATH
        );
    }
}
