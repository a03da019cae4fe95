// wrong (compile): `+ use<'_>` spells out the capture of `self` instead of removing it: `checkerboard` still cannot `set` while walking
// edition1 — `impl Trait` in return position now captures every lifetime.
//
// Edition 2021 let a returned `impl Trait` borrow only the lifetimes named in
// its bounds, so `fn f(&self) -> impl Iterator` did NOT borrow `self` and you
// added `+ '_` when it did. Edition 2024 flips the default: the hidden type
// may use every lifetime in scope, so the caller must assume the result
// borrows each reference argument. Usually that is what you want; when the
// result owns everything it needs, say so with precise capturing:
// `-> impl Trait + use<>` lists exactly what it captures (here: nothing).
// `use<..>` is stable since Rust 1.82. roadmap.md §1, §2.3

struct Grid {
    width: usize,
    height: usize,
    cells: Vec<char>,
}

impl Grid {
    fn new(width: usize, height: usize) -> Self {
        Grid {
            width,
            height,
            cells: vec!['.'; width * height],
        }
    }

    // Every (x, y) position, row by row. The iterator copies `width` and
    // `height` out of `self`, so it does not need to keep `self` borrowed.
    fn positions(&self) -> impl Iterator<Item = (usize, usize)> + use<'_> {

        let (width, height) = (self.width, self.height);
        (0..height).flat_map(move |y| (0..width).map(move |x| (x, y)))
    }

    fn set(&mut self, x: usize, y: usize, c: char) {
        self.cells[y * self.width + x] = c;
    }

    fn render(&self) -> String {
        self.cells
            .chunks(self.width)
            .map(|row| row.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

// Paints a checkerboard: the loop mutates the grid while walking positions.
fn checkerboard(width: usize, height: usize) -> Grid {
    let mut grid = Grid::new(width, height);
    for (x, y) in grid.positions() {
        let c = if (x + y) % 2 == 0 { '#' } else { '.' };
        grid.set(x, y, c);
    }
    grid
}

fn main() {
    println!("{}", checkerboard(6, 3).render());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_go_row_by_row() {
        let grid = Grid::new(2, 2);
        let all: Vec<_> = grid.positions().collect();
        assert_eq!(all, [(0, 0), (1, 0), (0, 1), (1, 1)]);
    }

    #[test]
    fn the_positions_do_not_keep_the_grid_borrowed() {
        // Compiles only if the iterator captures nothing of `grid`.
        let mut grid = Grid::new(2, 1);
        let mut positions = grid.positions();
        grid.set(0, 0, '#');
        assert_eq!(positions.next(), Some((0, 0)));
        assert_eq!(grid.render(), "#.");
    }

    #[test]
    fn paints_a_checkerboard() {
        assert_eq!(checkerboard(4, 2).render(), "#.#.\n.#.#");
    }
}
