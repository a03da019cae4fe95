// wrong: `#[serde(default)]` fills a missing `per_page` with usize's default 0, not 3, so /fruits lists nothing
// axum3 — the query string: `Query<T>` deserializes `?key=value` pairs.
//
// `Query<T>` parses the URL's query string into any `T: Deserialize`, so
// the parameters of a request are checked and typed before the handler
// runs. When a field is missing or does not parse, the extractor rejects
// the request with 400 Bad Request and the handler is never called.
//
// Optional parameters are therefore spelled in the type: an `Option<_>`
// field, or `#[serde(default)]` with a default value. (axum 0.8 removed
// `Option<Query<T>>`: it would have hidden every error, not just absence.)
//
// roadmap.md §4

use axum::{Router, extract::Query, routing::get};
use axum_chapter::get_text;
use serde::Deserialize;

const FRUITS: [&str; 7] = [
    "apple",
    "banana",
    "cherry",
    "date",
    "elderberry",
    "fig",
    "grape",
];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Pagination {
    page: usize,
    per_page: usize,
}

/// Lists one page of fruits, one per line. Pages count from 1.
async fn list_fruits(Query(pagination): Query<Pagination>) -> String {
    let page = pagination.page.max(1);
    let per_page = pagination.per_page;
    FRUITS
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

fn app() -> Router {
    Router::new().route("/fruits", get(list_fruits))
}

#[tokio::main]
async fn main() {
    for uri in ["/fruits", "/fruits?page=2", "/fruits?page=2&per_page=2"] {
        let (status, body) = get_text(app(), uri).await;
        println!("GET {uri} -> {status} {:?}", body.replace('\n', ", "));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[tokio::test]
    async fn both_parameters_given() {
        let (status, body) = get_text(app(), "/fruits?page=2&per_page=2").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, "cherry\ndate");
    }

    #[tokio::test]
    async fn no_parameters_means_first_page_of_three() {
        let (status, body) = get_text(app(), "/fruits").await;
        assert_eq!(
            status,
            StatusCode::OK,
            "GET /fruits without a query string was rejected with {body:?}: \
             both parameters must be optional"
        );
        assert_eq!(body, "apple\nbanana\ncherry");
    }

    #[tokio::test]
    async fn only_the_page_given() {
        let (status, body) = get_text(app(), "/fruits?page=3").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, "grape");
    }

    #[tokio::test]
    async fn a_bad_number_is_still_rejected() {
        let (status, body) = get_text(app(), "/fruits?page=two").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains("page"),
            "the rejection names the field: {body}"
        );
    }
}
