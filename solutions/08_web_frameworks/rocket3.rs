// rocket3 — managed state and JSON in Rocket.
//
// `Rocket::manage(value)` stores one value of a type; a handler borrows it
// with a `&State<T>` argument. Rocket checks this *before* it serves: a
// handler asking for `&State<T>` that nobody manages makes launch fail
// (a "sentinel" aborts it). Compare actix2, where the same mistake is a
// 500 at request time, and axum, where it does not compile.
// `rocket::serde::json::Json` (feature `json`) reads and writes JSON;
// `status::Created` answers 201 with a Location header.
//
// roadmap.md §5

use rocket::{
    Build, Rocket, State, get,
    http::{ContentType, Status},
    local::blocking::Client,
    post,
    response::status::Created,
    routes,
    serde::json::Json,
};
use serde_json::{Value, json};
use web_frameworks_chapter::{NewUser, Store, User, quiet, rocket_json};

#[post("/users", data = "<new>")]
fn create_user(store: &State<Store>, new: Json<NewUser>) -> Created<Json<User>> {
    let user = store.insert(&new.name);
    Created::new(format!("/users/{}", user.id)).body(Json(user))
}

#[get("/users")]
fn list_users(store: &State<Store>) -> Json<Vec<User>> {
    Json(store.list())
}

fn rocket() -> Rocket<Build> {
    rocket::build()
        .configure(quiet())
        .manage(Store::seeded())
        .mount("/", routes![create_user, list_users])
}

fn post_user(client: &Client, name: &str) -> (Status, Value) {
    let body = json!({ "name": name }).to_string();
    rocket_json(
        client
            .post("/users")
            .header(ContentType::JSON)
            .body(body)
            .dispatch(),
    )
}

fn main() {
    let client = Client::tracked(rocket())
        .unwrap_or_else(|error| panic!("Rocket refused to launch: {}", error.kind()));
    println!("POST /users -> {:?}", post_user(&client, "Alice"));
    println!(
        "GET  /users -> {:?}",
        client.get("/users").dispatch().into_string()
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::tracked(rocket())
            .unwrap_or_else(|error| panic!("Rocket refused to launch: {}", error.kind()))
    }

    #[test]
    fn the_seeded_users_are_listed() {
        let users: Value = client().get("/users").dispatch().into_json().unwrap();
        assert_eq!(
            users,
            json!([{ "id": 1, "name": "Ferris" }, { "id": 2, "name": "Corro" }])
        );
    }

    #[test]
    fn post_creates_a_user_with_201_and_a_location() {
        let client = client();
        let response = client
            .post("/users")
            .header(ContentType::JSON)
            .body(r#"{ "name": "Alice" }"#)
            .dispatch();
        assert_eq!(response.status(), Status::Created);
        assert_eq!(response.headers().get_one("Location"), Some("/users/3"));
        let users: Value = client.get("/users").dispatch().into_json().unwrap();
        assert_eq!(
            users[2],
            json!({ "id": 3, "name": "Alice" }),
            "the state is shared"
        );
    }
}
