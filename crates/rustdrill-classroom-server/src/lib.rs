//! The instructor's half of the classroom: `rustdrill classroom serve`.
//! An Axum server (`server`) over a SQLite database (`db`) that learners'
//! rustdrill reports to, and the dashboard page it serves (`dashboard`).
//! The wire types are the learner's crate's, `rustdrill-classroom`.

pub mod dashboard;
pub mod db;
pub mod server;

// The wire types, named as the modules above use them.
use rustdrill_classroom::{
    CourseExercise, Event, EventKind, EventsRequest, Hand, JoinRequest, JoinResponse, MAX_CODE,
    Status, clip, now_ms, random_hex,
};

pub use server::serve;
