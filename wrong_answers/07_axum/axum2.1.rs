// wrong: `{path}` captures one segment only, so /files/docs/guide.md (two segments) is a 404
// axum2 — path parameters: `/users/{id}` and the `Path` extractor.
//
// Since axum 0.8 a captured segment is written `{id}` and a catch-all tail
// `{*rest}`. The old `/:id` and `/*rest` spellings are not silently read as
// literal text: `Router::route` panics at build time, telling you to use
// braces (`without_v07_checks()` turns that off, to allow a leading `:`).
//
// The `Path` extractor hands the captured text to the handler, parsed:
// `Path<u32>` turns "/users/42" into 42, and answers 400 Bad Request by
// itself for "/users/abc".
//
// roadmap.md §4

use axum::{Router, extract::Path, routing::get};
use axum_chapter::get_text;

async fn get_user(Path(id): Path<u32>) -> String {
    format!("user #{id}")
}

async fn get_file(Path(path): Path<String>) -> String {
    format!("file {path}")
}

fn app() -> Router {
    Router::new()
        .route("/users/{id}", get(get_user))
        .route("/files/{path}", get(get_file))
}

#[tokio::main]
async fn main() {
    for uri in ["/users/42", "/files/docs/guide.md", "/users/abc"] {
        let (status, body) = get_text(app(), uri).await;
        println!("GET {uri:<20} -> {status} {body:?}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[tokio::test]
    async fn captures_the_user_id() {
        assert_eq!(
            get_text(app(), "/users/42").await,
            (StatusCode::OK, "user #42".to_string())
        );
    }

    #[tokio::test]
    async fn captures_the_rest_of_the_path() {
        assert_eq!(
            get_text(app(), "/files/docs/guide.md").await,
            (StatusCode::OK, "file docs/guide.md".to_string())
        );
    }

    #[tokio::test]
    async fn a_non_number_id_is_a_bad_request() {
        let (status, body) = get_text(app(), "/users/abc").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains("abc"),
            "the rejection names the bad value: {body}"
        );
    }
}
