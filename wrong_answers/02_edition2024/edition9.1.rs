// wrong (compile): makes `tracklist` take `self` so `into_iter` may move the titles: printing the album now consumes it
// edition9 — `Box<[T]>` now iterates by value with `.into_iter()`.
//
// `Box<[T]>` (a fixed-length, heap-allocated slice) implements
// `IntoIterator` by value since Rust 1.80, so a `for` loop over it consumes
// it in every edition. The method-call form is the edition change: in
// edition 2021 `boxed.into_iter()` still meant `boxed.iter()` (references,
// nothing moved), kept that way so old code would not break. In edition
// 2024 `boxed.into_iter()` yields owned `T`s and consumes the box, like a
// `Vec`. Good when you want the values; a move error when old code meant to
// borrow. Say which you mean: `.iter()` borrows, `.into_iter()` takes.
// (Arrays went through the same change in edition 2021.) roadmap.md §1

// An album's track titles: fixed once loaded, so a boxed slice.
struct Album {
    tracks: Box<[String]>,
}

impl Album {
    fn load() -> Self {
        let tracks = ["Intro", "Crab Rave", "Outro"].map(String::from);
        Album {
            tracks: Box::new(tracks),
        }
    }

    // "1. Intro" lines followed by a count line.
    fn tracklist(self) -> String {

        // TODO: in edition 2024 this `.into_iter()` tries to move the titles
        // out of `self.tracks`, which `&self` only borrows.
        let mut lines: Vec<String> = self
            .tracks
            .into_iter()
            .enumerate()
            .map(|(i, title)| format!("{}. {title}", i + 1))
            .collect();
        lines.push(format!("{} tracks", self.tracks.len()));
        lines.join("\n")
    }

    // Here taking ownership is the point: the titles move into the result,
    // no clones. (In edition 2021 this `.into_iter()` yielded `&String`.)
    fn into_shouted(self) -> Vec<String> {
        self.tracks
            .into_iter()
            .map(|mut title| {
                title.make_ascii_uppercase();
                title
            })
            .collect()
    }
}

fn main() {
    let album = Album::load();
    println!("{}", album.tracklist());
    println!("{:?}", album.into_shouted());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_every_track_and_counts_them() {
        assert_eq!(
            Album::load().tracklist(),
            "1. Intro\n2. Crab Rave\n3. Outro\n3 tracks"
        );
    }

    #[test]
    fn empty_album() {
        let album = Album {
            tracks: Box::new([]),
        };
        assert_eq!(album.tracklist(), "0 tracks");
    }

    #[test]
    fn shouts_titles() {
        assert_eq!(
            Album::load().into_shouted(),
            ["INTRO", "CRAB RAVE", "OUTRO"]
        );
    }
}
