//! The instructor's dashboard: one HTML page with its CSS and JS inline,
//! served by the binary (no CDN, no build step: a room with no internet
//! works). It fetches the room as JSON and again on each server-sent
//! `changed` event. Every learner-supplied string reaches the page through
//! `textContent`, never as HTML, so a learner named `<script>` is text.

pub const PAGE: &str = include_str!("dashboard.html");
