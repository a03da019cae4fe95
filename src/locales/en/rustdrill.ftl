# rustdrill's own text, in English: the source every translation follows
# and the fallback for any message a translation lacks.
#
# Ids are grouped by where the learner sees them. A change here is a change
# of the English snapshots (src/snapshots, src/cmd/watch/snapshots) and needs
# the same change in ko/ and ja/ (the tests in src/ui/text.rs fail until
# every id exists in every language).
#
# Variables hold names, paths, counts and English text that is not ours
# (the compiler's messages, a test's panic): they are never translated.

## Verdicts (run, verify, watch)

headline-pass = done
# $what: the compiler's own message, with its code first ("[E0308] mismatched types").
headline-compile-error = compile error: { $what }
headline-cargo-failed = cargo could not build it
headline-test-failed = test failed: { $name }: { $message }
# $termination: how the process ended ("exit status: 101").
headline-tests-failed = tests failed ({ $termination })
headline-clippy = clippy: { $what }
headline-clippy-failed = clippy failed
headline-run-failed = running main failed: { $termination }
headline-missing = the exercise file is missing
headline-not-a-file = the exercise's path is not a regular file
headline-timed-out-tests = timed out: the tests ran longer than { $seconds } s (an endless loop, or waiting forever?)
headline-timed-out-main = timed out: main ran longer than { $seconds } s (an endless loop, or waiting forever?)

verdict-main-printed = main printed:
verdict-tests-printed = the tests printed:
verdict-in-test-code = (this error is in code compiled only for the tests: the #[cfg(test)] module or code it uses)
verdict-failed-test = failed:
verdict-missing-restore = Restore the original with `rustdrill reset { $name }` (or `x` in watch mode); a backup of whatever is there now is kept.
verdict-more-lines = { $count ->
    [one] … 1 more line: run `rustdrill run { $name }` to see all of it
   *[other] … { $count } more lines: run `rustdrill run { $name }` to see all of it
}
verdict-stuck = Stuck? `rustdrill hint { $name }`

## After a pass

after-solved-command = Solved! Compare with the reference solution: { $path }
after-solved-watch = Compare with the reference solution, now at { $path } (`s` shows it).
after-next-command = Next exercise: { $name } ({ $path })
after-next-watch = Press n for the next exercise: { $name }.

## Hints (hint, watch)

hint-title = hint { $number }/{ $total }
hint-no-more = (no more hints: these are all of them)
hint-run-again = (run `rustdrill hint` again for the next one)

## list

list-column-number = #
list-column-track = track
list-column-chapter = chapter
list-column-name = name
list-column-status = status
list-done = done
list-pending = pending
list-total = { $done }/{ $total } done ({ $percent }%)

## The watch screen

watch-checking = checking
watch-panel-cut = … (cut to fit the window: make it taller to see all)
watch-progress = { $done }/{ $total } done · { $chapter }
watch-list-title = Exercises
watch-list-counts = ({ $shown } of { $total } · filter: { $filter }{ $search })
watch-list-search = search: /{ $text }
watch-list-none = no exercise matches
watch-list-done = ✓ done
watch-list-pending = · pending
watch-filter-all = all
watch-filter-pending = pending
watch-filter-done = done

# The key legend, one line at the bottom (Enter, Esc, Backspace are key names).
legend-main = h hint · n next · l list · r re-check · c verify all · x reset · s solution · q quit
legend-classroom = h hint · n next · l list · r re-check · c verify all · x reset · s solution · ? raise hand · g go with the room · q quit
legend-list = ↑↓ j/k move · Enter jump · / search · f filter (all/pending/done) · Esc/q back
legend-confirm = y reset the file · any other key keeps it
legend-hand-note = type a message for the instructor (optional) · Enter raise the hand · Esc cancel

# The panel below the verdict.
panel-new-chapter = New chapter:
panel-chapter-more = (more in exercises/{ $chapter }/README.md)
panel-check-failed = The check could not run:
panel-check-failed-after = Fix the problem above, then press r to check again.
panel-course-problem = the course changed and does not load as it is now:
panel-course-problem-after = (watch goes on with the course as it was; save a fix and the course loads again by itself)
panel-more-hints = (press h again for the next hint)
panel-solved = ✓ { $name } is done!
panel-last-one = That was the last one: checking every exercise once more…
panel-finished = { $total ->
    [one] ✓ the only exercise is done!
   *[other] ✓ all { $total } exercises are done!
}
panel-final-message = You finished the course. Well done!
verify-title = Verify:
verify-score = { $total ->
    [one] { $done }/{ $total } exercise done
   *[other] { $done }/{ $total } exercises done
}
panel-verify-more = { $count ->
    [one] … and 1 more (`rustdrill verify` lists them all)
   *[other] … and { $count } more (`rustdrill verify` lists them all)
}
panel-verify-jump = `l` to jump to one
panel-restored = Restored { $file } to its original.
panel-backup-kept = Your version is kept in { $backup }

# The status lines above the progress bar.
status-checking = checking { $name }…
status-verifying = { $unchanged ->
    [one] verifying { $total } exercises (1 unchanged since its last check)…
   *[other] verifying { $total } exercises ({ $unchanged } unchanged since their last check)…
}
# $phase: phase-build, phase-build-without-lints or phase-test-build.
status-phase = checking: { $phase }…
status-phase-crate = checking: { $phase } ({ $crate })…
status-checked = checked { $name }
phase-build = build and clippy
phase-build-without-lints = build without lints
phase-test-build = test build
status-preparing = preparing { $chapter } in the background…
status-prepared = { $crates ->
    [one] preparing { $chapter } in the background: 1 crate built
   *[other] preparing { $chapter } in the background: { $crates } crates built
}
status-ready = { $chapter } is ready: its dependencies are built
status-reloaded = info.toml changed: the course was loaded again
status-instructor = 📣 instructor:
status-room-moves = the room moves to { $exercise }: press g to go there (your work stays as it is)
status-hand-answered = ✋ your hand on { $exercise } was answered
status-hand-up = ✋ your hand is up on { $exercise }: the instructor will come
status-hand-claimed = ✋ { $by } is on the way to your hand on { $exercise }

# What a key answers.
key-next-not-done = `n` moves on once { $name } is done: fix what the verdict shows first (`h` for a hint, `l` to pick another exercise)
key-solution-not-done = the solution of { $name } is shown once it is done (`h` for a hint)
key-unknown = `{ $key }` does nothing here: the keys are listed at the bottom
key-nothing-changed = Nothing changed: your file is as you left it.
key-hand-note = ✋ Raise a hand for { $name }. Message (optional, Enter sends, Esc cancels):
key-hand-cancelled = No hand raised.
key-list-no-match = no exercise matches: change the search (Backspace) or the filter (f)
key-confirm-reset = Reset { $path } to its original? Your version is kept as a backup. [y/N]
watch-moved-to = moved to { $name } (changed outside this window)
watch-no-hints = { $name } has no hints
watch-no-more-hints = no more hints: these are all of them
watch-reset-failed = reset failed: { $error }
watch-no-solution = this course has no solution file for { $name } ({ $path })
watch-saved-other = saw a save of { $name }, which is not the current exercise: `l` to switch to it
watch-progress-saved = Progress saved: { $done }/{ $total } done. Run `rustdrill` to continue.
watch-no-terminal = `rustdrill watch` needs a terminal: it reads single key presses, and its input or output is not a terminal here.
    To check the current exercise once (in a script, an editor task or CI), run `rustdrill run`.
watch-failed-help = saves may go unnoticed: restart with `rustdrill watch --poll`, or press r to check by hand
watch-watcher-failed = the file watcher failed ({ $error }): { $help }
watch-cannot-watch = cannot watch the exercise folders ({ $error }): { $help }
watch-check-by-hand = press r to check by hand after each save

# The classroom, as watch shows it.
room-hand-raised = ✋ hand raised for { $name }: the instructor sees your code and verdict
room-cannot-raise = cannot raise a hand: { $error }
room-not-moved = the instructor has not moved the room anywhere
room-already-there = you are on { $name } already
room-no-such-exercise = this course has no exercise { $name }
room-hand-answered = ✋ the instructor answered your hand
room-not-joined = this course is in no classroom: `rustdrill join URL CODE` to join the instructor's

## init

init-vendoring = Copying the dependencies of { $tracks } into vendor/ (cargo vendor)…
init-vendored = Vendored: { $size } in { $dir }. The folder builds with no network and an empty cargo home (copy it whole, vendor/ included).
init-no-fetch = Skipped downloading dependencies (--no-fetch): run `cargo fetch` in { $dir } while online before working on the chapters that need them.
init-lock-untrimmed = Its Cargo.lock still lists the packages of the tracks left out: `cargo fetch` trims it.
init-ready = Your course is ready in { $dir }. Next:
init-base-only = Writing the `{ $base }` track only. Add others later with `rustdrill tracks add NAME` (tracks: { $others }), or choose now with `--track NAME` or `--all-tracks`.
init-ask-tracks = This course has { $count } tracks; `{ $base }` is always included:
init-ask-exercises = { $count ->
    [one] 1 exercise
   *[other] { $count } exercises
}
init-ask-prompt = Tracks to add (numbers or names, `all`; Enter for `{ $base }` only):
init-fetching = Downloading the course's dependencies (cargo fetch)…
init-fetch-failed = the course was written to { $dir }, but `cargo fetch` failed (see above). When you are online, run `cargo fetch` in { $exercises } so the course builds offline; the first chapter needs no dependencies and works already.
init-another = another `rustdrill init` is writing a course into { $dir } now: wait for it to finish, or choose another folder

## tracks

tracks-none-declared = This course has no [[tracks]]: all its chapters are one track, `{ $name }`.
tracks-column-track = track
tracks-column-included = included
tracks-column-done = done
tracks-column-cost = cost
tracks-column-chapters = chapters
tracks-column-description = description
tracks-column-languages = translated
tracks-yes = yes
tracks-no = no
tracks-cost-note = cost: a cold `rustdrill verify` of a fresh course with the track (the first alone, others on top of it), min–max of { $runs } cold builds on { $machine }; yours depend on your machine
tracks-cost-note-one = cost: a cold `rustdrill verify` of a fresh course with the track (the first alone, others on top of it), one cold build on { $machine }, spread not measured; yours depend on your machine
tracks-machine-unknown = a machine not recorded
tracks-add-hint = Add a track with `rustdrill tracks add NAME` (e.g. `rustdrill tracks add { $first }`).
tracks-already-in = Track `{ $name }` is already in this course.
tracks-added = { $exercises ->
    [one] Added track `{ $name }`: { $chapters } (1 exercise).
   *[other] Added track `{ $name }`: { $chapters } ({ $exercises } exercises).
}
tracks-progress-kept = Your progress is kept. `rustdrill list` shows the new exercises.
tracks-backup = The files it rewrote are kept as they were in { $backup }

## verify (the per-exercise line keeps the verdict as it was recorded)

verify-unchanged = (unchanged)
verify-done = { $done }/{ $total } done
verify-next = Next to fix: { $name } ({ $path }) — `rustdrill run { $name }` shows the details

## A track finished (after a pass in run and watch)

track-done = Track `{ $track }` is done!
track-done-remaining = Still to go here: { $tracks }.
track-done-not-added = Tracks not added yet: { $tracks } (`rustdrill tracks add { $first }`).

## The spinner of run (phase: one of the phase-* messages)

run-checking = checking { $name }
run-checking-phase = checking { $name }: { $phase }
run-checking-crate = checking { $name }: { $phase } ({ $crate })

## The classroom, from the command line (join, leave, help-me)

classroom-joined = Joined the classroom at { $url } as { $name }. Your checks now show on the instructor's screen (never your code, unless you raise a hand with `rustdrill help-me`).
    Leave with `rustdrill leave`.
classroom-joined-again = Joined the classroom at { $url } as { $name } again: the same row on the instructor's screen. Your checks now show there (never your code, unless you raise a hand with `rustdrill help-me`).
    Leave with `rustdrill leave`.
classroom-other-course = Note: your course is not the room's ({ $note }): exercises the room does not have do not show on the instructor's screen.
classroom-not-in = This course is not in a classroom.
classroom-left = Left the classroom.
classroom-left-with = Left the classroom ({ $notes }).
classroom-left-dropped = { $count ->
    [one] 1 event could not be sent and was dropped
   *[other] { $count } events could not be sent and were dropped
}
classroom-left-untold = the classroom could not be told: the instructor sees you as idle
help-me-not-joined = this course has not joined a classroom: `rustdrill join URL CODE` first
help-me-use-message = To say what you are stuck on, use --message: rustdrill help-me --message { $text }
help-me-raised = Hand raised for { $name }: the instructor sees your code and verdict. Solving the exercise lowers it.
help-me-raised-message = Hand raised for { $name }: the instructor sees your code, verdict and message. Solving the exercise lowers it.
help-me-on-the-way = { $by } is on the way.
help-me-queued = Hand raised for { $name }, but it could not be sent now: it will be sent as soon as it can (it waits in { $dir }).
help-me-queued-why = Hand raised for { $name }, but it could not be sent now ({ $error }): it will be sent as soon as it can (it waits in { $dir }).

## lang (the course's language; the confirmation is in the new one)

lang-done = { $rewritten ->
    [one] The course is now in { $language } ({ $code }): 1 file rewritten; hints and messages follow at once (restart a running `rustdrill watch`).
   *[other] The course is now in { $language } ({ $code }): { $rewritten } files rewritten; hints and messages follow at once (restart a running `rustdrill watch`).
}
lang-left-alone = Left alone, their comments as they were:
lang-left-changed = you changed it
lang-left-no-original = rustdrill has no English original of it
lang-init-english = Writing the course in English; `--lang { $code }` writes it in { $language } (or later: `rustdrill lang { $code }`).
lang-init-ask = Language of the exercises' comments, READMEs and hints: { $offered } [Enter: { $default }]:
lang-init-translated = { $percent }% translated
