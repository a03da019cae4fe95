// ecs9 — a tiny simulation: balls move, bounce off walls, and score.
//
// Everything so far in one game loop: components, a resource, two ordered
// systems, stepped a fixed number of frames. One new rule: within one
// system, two queries must not be able to reach the same component mutably.
// `Query<&mut Position, With<Ball>>` and `Query<&Position, With<Wall>>`
// could both match an entity that is a ball *and* a wall, so Bevy refuses
// the system (error B0001). A `Without` filter makes the queries disjoint;
// a `ParamSet` would let you use them one at a time instead.
//
// The roadmap's sample uses `Res<Time>` and floats; here a frame is one
// tick and positions are integers, so every run is exactly the same. roadmap.md §10

use bevy_ecs::prelude::*;
use bevy_ecs_chapter::strict_schedule;

#[derive(Component)]
struct Position(i32);
#[derive(Component)]
struct Velocity(i32);
#[derive(Component)]
struct Ball;
#[derive(Component)]
struct Wall;

/// One point per bounce.
#[derive(Resource, Default)]
struct Score(u32);

fn movement(mut query: Query<(&mut Position, &Velocity)>) {
    for (mut position, velocity) in &mut query {
        position.0 += velocity.0;
    }
}

/// A ball that moved through a wall this frame is mirrored back and turns.
fn bounce(
    mut balls: Query<(&mut Position, &mut Velocity), With<Ball>>,
    walls: Query<&Position, (With<Wall>, Without<Ball>)>,
    mut score: ResMut<Score>,
) {
    for (mut position, mut velocity) in &mut balls {
        for wall in &walls {
            let before = position.0 - velocity.0;
            if (before < wall.0 && position.0 >= wall.0)
                || (before > wall.0 && position.0 <= wall.0)
            {
                position.0 = 2 * wall.0 - position.0;
                velocity.0 = -velocity.0;
                score.0 += 1;
            }
        }
    }
}

fn new_game(ball_at: i32, speed: i32) -> (World, Schedule) {
    let mut world = World::new();
    world.init_resource::<Score>();
    world.spawn((Wall, Position(0)));
    world.spawn((Wall, Position(10)));
    world.spawn((Ball, Position(ball_at), Velocity(speed)));
    let mut schedule = strict_schedule();
    schedule.add_systems((movement, bounce).chain());
    (world, schedule)
}

/// The ball's position and velocity.
fn ball(world: &mut World) -> (i32, i32) {
    let mut balls = world.query_filtered::<(&Position, &Velocity), With<Ball>>();
    let (position, velocity) = balls.single(world).expect("one ball");
    (position.0, velocity.0)
}

fn main() {
    let (mut world, mut schedule) = new_game(5, 3);
    for _ in 0..6 {
        schedule.run(&mut world);
        let (x, v) = ball(&mut world);
        let score = world.resource::<Score>().0;
        println!("ball at {x:2}, moving {v:+}, score {score}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_frames_of_bouncing() {
        let (mut world, mut schedule) = new_game(5, 3);
        for _ in 0..20 {
            schedule.run(&mut world);
            let (x, _) = ball(&mut world);
            assert!((0..=10).contains(&x), "the ball left the arena: {x}");
        }
        // 5 -> 8 -> 9 (bounced) -> 6 -> 3 -> 0 (bounced) -> 3 -> ...
        assert_eq!(ball(&mut world), (5, 3));
        assert_eq!(world.resource::<Score>().0, 6);
    }

    #[test]
    fn a_fast_ball_bounces_off_both_walls() {
        let (mut world, mut schedule) = new_game(1, -4);
        for _ in 0..3 {
            schedule.run(&mut world);
        }
        // 1 -> -3, mirrored to 3 -> 7 -> 11, mirrored to 9.
        assert_eq!(ball(&mut world), (9, -4));
        assert_eq!(world.resource::<Score>().0, 2);
    }

    #[test]
    fn a_wall_added_later_counts_too() {
        let (mut world, mut schedule) = new_game(2, 3);
        world.spawn((Wall, Position(6)));
        for _ in 0..3 {
            schedule.run(&mut world);
        }
        // 2 -> 5 -> 8, mirrored off the new wall to 4 -> 1.
        assert_eq!(ball(&mut world), (1, -3));
        assert_eq!(world.resource::<Score>().0, 1);
    }
}
