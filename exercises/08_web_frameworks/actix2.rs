// actix2 — shared state with `web::Data`, JSON with `web::Json`.
//
// A handler asks for app state with a `web::Data<T>` argument. `web::Data`
// is an `Arc`: the app holds one and every request gets a clone. Unlike
// axum's `State`, nothing checks at compile time that the state exists:
// a handler asking for data nobody registered answers 500 at request time.
// And `HttpServer::new` calls its app factory once per worker thread, so
// state created *inside* that factory is one separate copy per worker —
// create it once outside and clone the `web::Data` in.
//
// roadmap.md §5

use actix_web::{HttpResponse, get, http::StatusCode, post, test, web};
use serde_json::{Value, json};
use web_frameworks_chapter::{NewUser, Store, User, actix_json};

#[post("/users")]
async fn create_user(store: web::Data<Store>, new: web::Json<NewUser>) -> HttpResponse {
    let user = store.insert(&new.name);
    HttpResponse::Created().json(user)
}

#[get("/users")]
async fn list_users(store: web::Data<Store>) -> web::Json<Vec<User>> {
    web::Json(store.list())
}

/// The app's routes, serving the one `store` the caller created.
fn routes(store: web::Data<Store>) -> impl FnOnce(&mut web::ServiceConfig) {
    // TODO: the handlers ask for `web::Data<Store>`, but this app never
    // provides one, so every request is a 500 "app data is not configured".
    let _ = store;
    |cfg| {
        cfg.service(create_user).service(list_users);
    }
}

/// Sends one request to an app built from `routes(store)`; returns the
/// status and the JSON reply (`Null` if the body is not JSON).
async fn send(store: &web::Data<Store>, request: test::TestRequest) -> (StatusCode, Value) {
    actix_json(routes(store.clone()), request).await
}

#[actix_web::main]
async fn main() {
    let store = web::Data::new(Store::seeded());
    let new = test::TestRequest::post()
        .uri("/users")
        .set_json(json!({ "name": "Alice" }));
    println!("POST /users -> {:?}", send(&store, new).await);
    println!(
        "GET  /users -> {:?}",
        send(&store, test::TestRequest::get().uri("/users")).await
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn post_user(name: &str) -> test::TestRequest {
        test::TestRequest::post()
            .uri("/users")
            .set_json(json!({ "name": name }))
    }

    #[actix_web::test]
    async fn post_creates_a_user_with_201() {
        let store = web::Data::new(Store::seeded());
        let (status, body) = send(&store, post_user("Alice")).await;
        assert_eq!(status, 201, "body: {body}");
        assert_eq!(body, json!({ "id": 3, "name": "Alice" }));
    }

    #[actix_web::test]
    async fn two_workers_share_the_one_store() {
        // `send` builds a new app for each request, as two workers would.
        let store = web::Data::new(Store::seeded());
        let (status, _) = send(&store, post_user("Alice")).await;
        assert_eq!(status, 201);
        let (status, list) = send(&store, test::TestRequest::get().uri("/users")).await;
        assert_eq!(status, 200);
        assert_eq!(list[2], json!({ "id": 3, "name": "Alice" }), "list: {list}");
        assert_eq!(store.list().len(), 3, "the caller's store holds the user");
    }
}
