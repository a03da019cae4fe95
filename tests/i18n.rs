//! Translations (issue 25), driven through the real binary on
//! tests/fixtures/i18n (one chapter: Korean complete, Japanese partial):
//! `dev i18n extract` takes comments and never code, `dev i18n update`
//! marks exactly a changed hint fuzzy, a learner sees English for what is
//! fuzzy or missing, `init --lang` writes translated comments over the same
//! code, and `lang` leaves a file the learner changed alone.

mod common;

use std::path::Path;

use common::{Course, Run, Rustdrill, Tmux};

const GREET: &str = "exercises/01_start/greet1.rs";
const COUNT: &str = "exercises/01_start/count1.rs";

/// `rustdrill ARGS` in `dir`, as a learner would run it, with no locale.
fn rustdrill(dir: &Path, args: &[&str]) -> Run {
    Rustdrill::new(dir, args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .run()
}

/// A learner's course made with `init --from COURSE ARGS` in a temp dir.
fn init_from(course: &Path, args: &[&str]) -> (tempfile::TempDir, Run) {
    let parent = tempfile::tempdir().unwrap();
    let from = course.to_str().unwrap();
    let mut all = vec!["init", "learner", "--no-fetch", "--from", from];
    all.extend_from_slice(args);
    let run = rustdrill(parent.path(), &all);
    (parent, run)
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The `#, fuzzy` entries of a PO file, by msgctxt.
fn fuzzy_entries(po: &str) -> Vec<String> {
    po.split("\n\n")
        .filter(|block| block.lines().any(|l| l == "#, fuzzy"))
        .filter_map(|block| {
            block
                .lines()
                .find_map(|l| l.strip_prefix("msgctxt \""))
                .map(|c| c.trim_end_matches('"').to_owned())
        })
        .collect()
}

#[test]
fn extract_takes_comments_and_never_code_strings_or_test_names() {
    let course = Course::fixture("i18n");
    let committed = course.read("i18n/templates/01_start.pot");
    course
        .run(&["dev", "i18n", "extract"])
        .expect_code(0)
        .expect_contains("2 templates, 18 messages");
    let pot = course.read("i18n/templates/01_start.pot");
    // The fixture's committed templates are what extract writes.
    assert_eq!(pot, committed);
    for comment in [
        "msgid \"TODO: use the name.\"",
        "msgid \"the wrong greeting\"",
        "msgctxt \"greet1:comment:2\"",
        "msgid \"The name goes into the greeting.\"",
    ] {
        assert!(pot.contains(comment), "{comment} missing from\n{pot}");
    }
    // Code, a string literal that holds `//`, and the test's name and
    // expected string never are messages.
    for code in [
        "hello, // nobody",
        "greets_ferris_by_name",
        "msgid \"hello, Ferris\"",
        "String::from",
        "fn greet",
    ] {
        assert!(!pot.contains(code), "{code} was extracted:\n{pot}");
    }
}

#[test]
fn changing_one_hint_marks_exactly_it_fuzzy_in_both_catalogues_and_learners_see_english() {
    let course = Course::fixture("i18n");
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replace(
            "hint = \"Return the greeting the test expects.\"",
            "hint = \"Return exactly the greeting the test expects.\"",
        ),
    );
    course.run(&["dev", "i18n", "extract"]).expect_code(0);
    course
        .run(&["dev", "i18n", "update"])
        .expect_code(0)
        .expect_contains("ko: 0 new, 1 changed in English (now fuzzy)")
        .expect_contains("ja: 0 new, 1 changed in English (now fuzzy)");
    for lang in ["ko", "ja"] {
        let po = course.read(&format!("i18n/{lang}/01_start.po"));
        assert_eq!(fuzzy_entries(&po), ["greet1:hint:1"], "{lang}:\n{po}");
        assert!(
            po.contains("#| msgid \"Return the greeting the test expects.\"\n"),
            "{lang}: the previous English is kept:\n{po}"
        );
        assert_eq!(
            fuzzy_entries(&course.read(&format!("i18n/{lang}/course.po"))),
            Vec::<String>::new()
        );
    }
    // A second update changes nothing: the fuzzy entry stays as it is.
    let before = course.read("i18n/ko/01_start.po");
    course.run(&["dev", "i18n", "update"]).expect_code(0);
    assert_eq!(course.read("i18n/ko/01_start.po"), before);

    // The learner sees the changed hint in English until it is translated
    // again, and the other hints translated.
    let (parent, _) = init_from(course.root(), &["--lang", "ko"]);
    let learner = parent.path().join("learner");
    rustdrill(&learner, &["hint", "greet1", "--all"])
        .expect_code(0)
        .expect_contains("Return exactly the greeting the test expects.")
        .expect_contains("테스트는 \"hello, Ferris\"와 비교합니다.");
}

#[test]
fn missing_translations_fall_back_to_english_at_run_time() {
    let fixture = Course::fixture("i18n");
    let (parent, run) = init_from(fixture.root(), &["--lang", "ja"]);
    run.expect_code(0);
    let learner = parent.path().join("learner");
    rustdrill(&learner, &["hint", "greet1", "--all"])
        .expect_code(0)
        .expect_contains("テストが期待する挨拶を返してください。")
        // Hint 3 has no Japanese yet.
        .expect_contains("Write `format!(\"hello, {name}\")`.");
    // Comments too: the TODO is Japanese, the header (missing) English.
    let greet = read(&learner, GREET);
    assert!(
        greet.contains("    // TODO: 名前を使ってください。\n"),
        "{greet}"
    );
    assert!(greet.starts_with("// greet1 — a greeting.\n"), "{greet}");
}

#[test]
fn init_lang_writes_translated_comments_and_readmes_over_the_same_code() {
    let fixture = Course::fixture("i18n");
    let (parent, run) = init_from(fixture.root(), &["--lang", "ko"]);
    run.expect_code(0);
    let learner = parent.path().join("learner");
    let greet = read(&learner, GREET);
    let english = fixture.read(GREET);
    assert!(
        greet.starts_with("// greet1 — 인사말.\n//\n// `greet`이 테스트가"),
        "{greet}"
    );
    assert!(greet.contains("    // TODO: 이름을 쓰세요.\n"), "{greet}");
    assert!(
        greet.contains("    String::from(\"hello, // nobody\") // 잘못된 인사말\n"),
        "{greet}"
    );
    // Below the header and outside comments, every line is the English one.
    let code = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split(" //").next().unwrap_or("").to_owned())
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect()
    };
    assert_eq!(code(&greet), code(&english));
    assert!(
        read(&learner, "exercises/01_start/README.md")
            .starts_with("# 01 — 시작\n\n작은 연습 두 개.\n")
    );
    // The language is recorded in the course's state.
    assert!(read(&learner, ".rustdrill/lang.toml").starts_with("lang = \"ko\"\n"));
    rustdrill(&learner, &["hint", "count1"])
        .expect_code(0)
        .expect_contains("단어를 세세요.");
}

#[test]
fn init_without_lang_off_a_terminal_is_english_and_says_how_to_choose() {
    let fixture = Course::fixture("i18n");
    let parent = tempfile::tempdir().unwrap();
    let run = Rustdrill::new(parent.path(), &["init", "learner", "--no-fetch", "--from"])
        .arg(fixture.root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "ko_KR.UTF-8")
        .run();
    run.expect_code(0).expect_contains("`--lang ko`");
    let learner = parent.path().join("learner");
    assert_eq!(read(&learner, GREET), fixture.read(GREET));
}

#[test]
fn init_with_a_language_the_course_lacks_lists_those_it_has() {
    let fixture = Course::fixture("i18n");
    let (parent, run) = init_from(fixture.root(), &["--lang", "fr"]);
    run.expect_code(2)
        .expect_contains("no Français (fr) translation")
        .expect_contains("en (English), ja (日本語), ko (한국어)");
    assert!(!parent.path().join("learner").exists());
}

#[test]
fn lang_switch_rewrites_untouched_files_and_leaves_an_edited_one_alone() {
    let fixture = Course::fixture("i18n");
    let (parent, run) = init_from(fixture.root(), &["--lang", "ko"]);
    run.expect_code(0);
    let learner = parent.path().join("learner");
    // The first run keeps the originals `reset` restores (in Korean).
    rustdrill(&learner, &["hint", "count1"]).expect_code(0);
    let edited = format!("{}// my own note\n", read(&learner, COUNT));
    std::fs::write(learner.join(COUNT), &edited).unwrap();

    rustdrill(&learner, &["lang", "ja"])
        .expect_code(0)
        // Said in the language just chosen.
        .expect_contains("コースは 日本語 (ja) になりました")
        .expect_contains("次のファイルはコメントをそのままにしました")
        .expect_contains("exercises/01_start/count1.rs (あなたが変更したファイル)");
    assert_eq!(
        read(&learner, COUNT),
        edited,
        "the learner's file is untouched"
    );
    let greet = read(&learner, GREET);
    assert!(greet.contains("// TODO: 名前を使ってください。"), "{greet}");
    assert!(read(&learner, "exercises/01_start/README.md").starts_with("# 01 — はじめに\n"));
    rustdrill(&learner, &["hint", "greet1"])
        .expect_code(0)
        .expect_contains("テストが期待する挨拶を返してください。");

    // `reset` restores the exercise as shipped in the course's language
    // now (count1 has no Japanese: English), not the Korean kept first.
    std::fs::write(learner.join(COUNT), "// broken\n").unwrap();
    rustdrill(&learner, &["reset", "count1", "--yes"]).expect_code(0);
    let count = read(&learner, COUNT);
    assert!(
        count.contains("// TODO: count the words, not the characters."),
        "{count}"
    );

    // Back to English: the same file is still left alone, the rest is the
    // English as shipped.
    rustdrill(&learner, &["lang", "fr"])
        .expect_code(2)
        .expect_contains("no Français (fr) translation")
        .expect_contains("nothing changed. Languages: en (English), ja (日本語), ko (한국어)");
    rustdrill(&learner, &["lang", "en"]).expect_code(0);
    assert_eq!(read(&learner, GREET), fixture.read(GREET));
    assert_eq!(read(&learner, COUNT), fixture.read(COUNT));
}

#[test]
fn dev_check_reports_stale_templates_a_dropped_todo_and_coverage() {
    let course = Course::fixture("i18n");
    let po = course.read("i18n/ko/01_start.po");
    course.write(
        "i18n/ko/01_start.po",
        &po.replace(
            "msgstr \"TODO: 이름을 쓰세요.\"",
            "msgstr \"이름을 쓰세요.\"",
        ),
    );
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replace("Count the words.", "Count the words, not the letters."),
    );
    course
        .run(&["dev", "check"])
        .expect_code(1)
        .expect_contains(
            "i18n/templates/01_start.pot: not the course's English any more: run `rustdrill dev i18n extract`",
        )
        .expect_contains("i18n/ko/01_start.po: behind the English: run `rustdrill dev i18n update`")
        .expect_contains("i18n/ko/01_start.po: greet1:comment:3: the translation must start with `TODO`")
        .expect_contains("한국어 (ko)")
        .expect_contains("track core            93%     14 translated     1 fuzzy      0 missing");
}

#[test]
fn watch_shows_the_language_and_hints_in_it() {
    let fixture = Course::fixture("i18n");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().to_str().unwrap();
    let from = fixture.root().to_str().unwrap();
    rustdrill(
        dir.path(),
        &["init", target, "--from", from, "--lang", "ko", "--no-fetch"],
    )
    .expect_code(0);
    let watch = Tmux::watch(Course { dir }, &[]);
    // The welcome is the catalogue's; the runner's own text follows the
    // course's language (Fluent), and the progress line names it.
    watch.wait_for("번역된 픽스처에 오신 것을 환영합니다.");
    watch.wait_for("0/2 완료 · core · 01_start · 한국어");
    watch.wait_for("테스트 실패");
    watch.keys(&["h"]);
    watch.wait_for("테스트가 기대하는 인사말을 반환하세요.");
    watch.keys(&["q"]);
    watch.wait_for("EXIT=");
}
