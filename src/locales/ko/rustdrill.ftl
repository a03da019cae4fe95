# rustdrill 자체의 문구, 한국어. 영어(en/rustdrill.ftl)를 따르며, 여기에 없는
# 메시지는 영어로 표시됩니다. 러스트 용어는 『러스트 프로그래밍 언어』
# 한국어판을 따릅니다(소유권, 빌림, 트레이트, 라이프타임, 크레이트 …). crate, API,
# 명령어 이름과 컴파일러 메시지는 영어 그대로 둡니다.

## 판정 (run, verify, watch)

headline-pass = 완료
headline-compile-error = 컴파일 에러: { $what }
headline-cargo-failed = cargo가 빌드하지 못했습니다
headline-test-failed = 테스트 실패: { $name }: { $message }
headline-tests-failed = 테스트 실패 ({ $termination })
headline-clippy = clippy: { $what }
headline-clippy-failed = clippy 실패
headline-run-failed = main 실행 실패: { $termination }
headline-missing = 연습 문제 파일이 없습니다
headline-not-a-file = 연습 문제 경로가 일반 파일이 아닙니다
headline-timed-out-tests = 시간 초과: 테스트가 { $seconds }초 넘게 실행되었습니다 (무한 루프이거나 끝없이 기다리고 있나요?)
headline-timed-out-main = 시간 초과: main이 { $seconds }초 넘게 실행되었습니다 (무한 루프이거나 끝없이 기다리고 있나요?)

verdict-main-printed = main의 출력:
verdict-tests-printed = 테스트의 출력:
verdict-in-test-code = (이 에러는 테스트용으로만 컴파일되는 코드에 있습니다: #[cfg(test)] 모듈 또는 그 모듈이 쓰는 코드)
verdict-failed-test = 실패:
verdict-missing-restore = `rustdrill reset { $name }`(watch 모드에서는 `x`)로 원본을 복원하세요. 지금 있는 파일은 백업해 둡니다.
verdict-more-lines = … { $count }줄 더 있음: 전부 보려면 `rustdrill run { $name }`을 실행하세요
verdict-stuck = 막혔나요? `rustdrill hint { $name }`

## 통과한 뒤

after-solved-command = 풀었습니다! 모범 답안과 비교해 보세요: { $path }
after-solved-watch = 모범 답안과 비교해 보세요. 이제 { $path }에 있습니다(`s`로 보기).
after-next-command = 다음 연습 문제: { $name } ({ $path })
after-next-watch = 다음 연습 문제로 가려면 n을 누르세요: { $name }.

## 힌트 (hint, watch)

hint-title = 힌트 { $number }/{ $total }
hint-no-more = (힌트가 더 없습니다: 이것이 전부입니다)
hint-run-again = (다음 힌트는 `rustdrill hint`를 다시 실행하세요)

## list

list-column-number = #
list-column-track = 트랙
list-column-chapter = 장
list-column-name = 이름
list-column-status = 상태
list-done = 완료
list-pending = 미완료
list-total = { $done }/{ $total } 완료 ({ $percent }%)

## watch 화면

watch-checking = 검사 중
watch-panel-cut = … (창에 맞게 잘렸습니다: 전부 보려면 창을 더 키우세요)
watch-progress = { $done }/{ $total } 완료 · { $chapter }
watch-list-title = 연습 문제
watch-list-counts = ({ $total }개 중 { $shown }개 · 필터: { $filter }{ $search })
watch-list-search = 검색: /{ $text }
watch-list-none = 맞는 연습 문제가 없습니다
watch-list-done = ✓ 완료
watch-list-pending = · 미완료
watch-filter-all = 전체
watch-filter-pending = 미완료
watch-filter-done = 완료

legend-main = h 힌트 · n 다음 · l 목록 · r 재검사 · c 전체 검사 · x 되돌리기 · s 답안 · q 종료
legend-classroom = h 힌트 · n 다음 · l 목록 · r 재검사 · c 전체 검사 · x 되돌리기 · s 답안 · ? 손 들기 · g 강의실 따라가기 · q 종료
legend-list = ↑↓ j/k 이동 · Enter 선택 · / 검색 · f 필터(전체/미완료/완료) · Esc/q 돌아가기
legend-confirm = y 파일 되돌리기 · 다른 키는 그대로 두기
legend-hand-note = 강사에게 남길 메시지 입력(선택) · Enter 손 들기 · Esc 취소

panel-new-chapter = 새 장:
panel-chapter-more = (자세한 내용은 exercises/{ $chapter }/README.md)
panel-check-failed = 검사를 실행할 수 없었습니다:
panel-check-failed-after = 위의 문제를 고친 뒤 r을 눌러 다시 검사하세요.
panel-course-problem = 코스가 바뀌었는데 지금 상태로는 불러올 수 없습니다:
panel-course-problem-after = (watch는 이전 코스로 계속합니다. 고친 내용을 저장하면 코스를 자동으로 다시 불러옵니다)
panel-more-hints = (다음 힌트는 h를 한 번 더 누르세요)
panel-solved = ✓ { $name } 완료!
panel-last-one = 마지막 문제였습니다: 모든 연습 문제를 한 번 더 검사합니다…
panel-finished = ✓ 연습 문제 { $total }개를 모두 마쳤습니다!
panel-final-message = 코스를 마쳤습니다. 수고하셨습니다!
verify-title = 전체 검사:
verify-score = 연습 문제 { $total }개 중 { $done }개 완료
panel-verify-more = … 그 밖에 { $count }개 더(`rustdrill verify`로 전부 볼 수 있습니다)
panel-verify-jump = `l`로 그중 하나로 이동
panel-restored = { $file }을(를) 원본으로 복원했습니다.
panel-backup-kept = 작성하던 버전은 { $backup }에 보관되어 있습니다

status-checking = { $name } 검사 중…
status-verifying = 연습 문제 { $total }개 검사 중 ({ $unchanged }개는 지난 검사 이후 바뀌지 않음)…
status-phase = 검사 중: { $phase }…
status-phase-crate = 검사 중: { $phase } ({ $crate })…
status-checked = { $name } 검사 완료
phase-build = 빌드와 clippy
phase-build-without-lints = 린트 없이 빌드
phase-test-build = 테스트 빌드
status-preparing = 백그라운드에서 { $chapter } 준비 중…
status-prepared = 백그라운드에서 { $chapter } 준비 중: 크레이트 { $crates }개 빌드됨
status-ready = { $chapter } 준비 완료: 의존성이 빌드되었습니다
status-reloaded = info.toml이 바뀌어 코스를 다시 불러왔습니다
status-instructor = 📣 강사:
status-room-moves = 강의실이 { $exercise }(으)로 이동합니다: g를 누르면 따라갑니다(작성한 코드는 그대로 남습니다)
status-hand-answered = ✋ { $exercise }에서 든 손에 강사가 답했습니다
status-hand-up = ✋ { $exercise }에서 손을 들었습니다: 강사가 곧 옵니다
status-hand-claimed = ✋ { $by } 님이 { $exercise }에서 든 손을 보러 오고 있습니다

key-next-not-done = `n`은 { $name }을(를) 마친 뒤에 다음으로 넘어갑니다: 먼저 판정이 보여 주는 문제를 고치세요(`h` 힌트, `l` 다른 연습 문제 고르기)
key-solution-not-done = { $name }의 답안은 문제를 마친 뒤에 볼 수 있습니다(`h` 힌트)
key-unknown = `{ $key }` 키는 여기서 하는 일이 없습니다: 쓸 수 있는 키는 맨 아래에 있습니다
key-nothing-changed = 바뀐 것이 없습니다: 파일은 그대로입니다.
key-hand-note = ✋ { $name }에 대해 손을 듭니다. 메시지(선택, Enter 보내기, Esc 취소):
key-hand-cancelled = 손을 들지 않았습니다.
key-list-no-match = 맞는 연습 문제가 없습니다: 검색어(Backspace)나 필터(f)를 바꾸세요
key-confirm-reset = { $path }을(를) 원본으로 되돌릴까요? 작성하던 버전은 백업해 둡니다. [y/N]
watch-moved-to = { $name }(으)로 이동했습니다(이 창 밖에서 바뀜)
watch-no-hints = { $name }에는 힌트가 없습니다
watch-no-more-hints = 힌트가 더 없습니다: 이것이 전부입니다
watch-reset-failed = 되돌리기 실패: { $error }
watch-no-solution = 이 코스에는 { $name }의 답안 파일이 없습니다 ({ $path })
watch-saved-other = 지금 연습 문제가 아닌 { $name }이(가) 저장되었습니다: `l`로 전환하세요
watch-progress-saved = 진행 상황을 저장했습니다: { $done }/{ $total } 완료. 이어서 하려면 `rustdrill`을 실행하세요.
watch-no-terminal = `rustdrill watch`에는 터미널이 필요합니다: 키 입력을 하나씩 읽는데, 여기서는 입력이나 출력이 터미널이 아닙니다.
    지금 연습 문제를 한 번만 검사하려면(스크립트, 에디터 작업, CI) `rustdrill run`을 실행하세요.
watch-failed-help = 저장을 놓칠 수 있습니다: `rustdrill watch --poll`로 다시 시작하거나 r을 눌러 직접 검사하세요
watch-watcher-failed = 파일 감시가 실패했습니다 ({ $error }): { $help }
watch-cannot-watch = 연습 문제 폴더를 감시할 수 없습니다 ({ $error }): { $help }
watch-check-by-hand = 저장할 때마다 r을 눌러 직접 검사하세요

room-hand-raised = ✋ { $name }에서 손을 들었습니다: 강사가 코드와 판정을 봅니다
room-cannot-raise = 손을 들 수 없습니다: { $error }
room-not-moved = 강사가 아직 강의실을 어디로도 옮기지 않았습니다
room-already-there = 이미 { $name }에 있습니다
room-no-such-exercise = 이 코스에는 { $name } 연습 문제가 없습니다
room-hand-answered = ✋ 강사가 든 손에 답했습니다
room-not-joined = 이 코스는 어느 강의실에도 속해 있지 않습니다: 강사의 강의실에 들어가려면 `rustdrill join URL CODE`

## init

init-vendoring = { $tracks }의 의존성을 vendor/로 복사하는 중 (cargo vendor)…
init-vendored = vendor 완료: { $dir }에 { $size }. 이 폴더는 네트워크 없이, 빈 cargo 홈으로도 빌드됩니다(vendor/까지 통째로 복사하세요).
init-no-fetch = 의존성 다운로드를 건너뛰었습니다(--no-fetch): 의존성이 필요한 장을 시작하기 전에, 온라인일 때 { $dir }에서 `cargo fetch`를 실행하세요.
init-lock-untrimmed = Cargo.lock에는 아직 빠진 트랙의 패키지가 남아 있습니다: `cargo fetch`가 정리합니다.
init-ready = 코스가 { $dir }에 준비되었습니다. 다음 단계:
init-base-only = `{ $base }` 트랙만 씁니다. 다른 트랙은 나중에 `rustdrill tracks add NAME`으로 추가하거나(트랙: { $others }), 지금 `--track NAME` 또는 `--all-tracks`로 고르세요.
init-ask-tracks = 이 코스에는 트랙이 { $count }개 있습니다. `{ $base }`는 항상 포함됩니다:
init-ask-exercises = 연습 문제 { $count }개
init-ask-prompt = 추가할 트랙(번호나 이름, `all`, `{ $base }`만이면 Enter):
init-fetching = 코스의 의존성을 내려받는 중 (cargo fetch)…
init-fetch-failed = 코스를 { $dir }에 썼지만 `cargo fetch`가 실패했습니다(위 참고). 온라인일 때 { $exercises }에서 `cargo fetch`를 실행하면 오프라인에서도 빌드됩니다. 첫 장은 의존성이 없어 지금도 됩니다.
init-another = 다른 `rustdrill init`이 지금 { $dir }에 코스를 쓰고 있습니다: 끝날 때까지 기다리거나 다른 폴더를 고르세요

## tracks

tracks-none-declared = 이 코스에는 [[tracks]]가 없습니다: 모든 장이 트랙 `{ $name }` 하나입니다.
tracks-column-track = 트랙
tracks-column-included = 포함
tracks-column-done = 완료
tracks-column-cost = 비용
tracks-column-chapters = 장
tracks-column-description = 설명
tracks-column-languages = 번역
tracks-yes = 예
tracks-no = 아니요
tracks-cost-note = 비용: 새 코스에서 트랙을 처음부터 `rustdrill verify`하는 시간(첫 트랙은 단독, 나머지는 그 위에), { $machine }에서 { $runs }번 빌드한 범위입니다. 여러분의 컴퓨터에 따라 다릅니다
tracks-cost-note-one = 비용: 새 코스에서 트랙을 처음부터 `rustdrill verify`하는 시간(첫 트랙은 단독, 나머지는 그 위에), { $machine }에서 한 번 빌드한 값이며 편차는 재지 않았습니다. 여러분의 컴퓨터에 따라 다릅니다
tracks-machine-unknown = 기록되지 않은 컴퓨터
tracks-add-hint = 트랙은 `rustdrill tracks add NAME`으로 추가합니다(예: `rustdrill tracks add { $first }`).
tracks-already-in = 트랙 `{ $name }`은(는) 이미 이 코스에 있습니다.
tracks-added = 트랙 `{ $name }` 추가: { $chapters } (연습 문제 { $exercises }개).
tracks-progress-kept = 진행 상황은 그대로입니다. 새 연습 문제는 `rustdrill list`로 볼 수 있습니다.
tracks-backup = 다시 쓴 파일의 이전 내용은 { $backup }에 보관되어 있습니다

## verify

verify-unchanged = (바뀌지 않음)
verify-done = { $done }/{ $total } 완료
verify-next = 다음에 고칠 것: { $name } ({ $path }) — 자세한 내용은 `rustdrill run { $name }`

## 트랙 완료

track-done = 트랙 `{ $track }` 완료!
track-done-remaining = 이 코스에 남은 트랙: { $tracks }.
track-done-not-added = 아직 추가하지 않은 트랙: { $tracks } (`rustdrill tracks add { $first }`).

## run의 진행 표시

run-checking = { $name } 검사 중
run-checking-phase = { $name } 검사 중: { $phase }
run-checking-crate = { $name } 검사 중: { $phase } ({ $crate })

## 명령줄에서 본 강의실 (join, leave, help-me)

classroom-joined = { $url } 강의실에 { $name }(으)로 들어왔습니다. 이제 검사 결과가 강사 화면에 보입니다(`rustdrill help-me`로 손을 들지 않는 한 코드는 보이지 않습니다).
    나가려면 `rustdrill leave`.
classroom-joined-again = { $url } 강의실에 { $name }(으)로 다시 들어왔습니다: 강사 화면의 같은 줄입니다. 이제 검사 결과가 그곳에 보입니다(`rustdrill help-me`로 손을 들지 않는 한 코드는 보이지 않습니다).
    나가려면 `rustdrill leave`.
classroom-other-course = 참고: 이 코스는 강의실의 코스와 다릅니다({ $note }). 강의실에 없는 연습 문제는 강사 화면에 보이지 않습니다.
classroom-not-in = 이 코스는 강의실에 속해 있지 않습니다.
classroom-left = 강의실에서 나왔습니다.
classroom-left-with = 강의실에서 나왔습니다({ $notes }).
classroom-left-dropped = 보내지 못한 이벤트 { $count }개는 버렸습니다
classroom-left-untold = 강의실에 알리지 못했습니다: 강사에게는 자리를 비운 것으로 보입니다
help-me-not-joined = 이 코스는 강의실에 들어가 있지 않습니다: 먼저 `rustdrill join URL CODE`
help-me-use-message = 무엇이 막혔는지 말하려면 --message를 쓰세요: rustdrill help-me --message { $text }
help-me-raised = { $name }에서 손을 들었습니다: 강사가 코드와 판정을 봅니다. 연습 문제를 풀면 손이 내려갑니다.
help-me-raised-message = { $name }에서 손을 들었습니다: 강사가 코드와 판정, 메시지를 봅니다. 연습 문제를 풀면 손이 내려갑니다.
help-me-on-the-way = { $by } 님이 오고 있습니다.
help-me-queued = { $name }에서 손을 들었지만 지금은 보낼 수 없습니다: 보낼 수 있게 되는 대로 보냅니다({ $dir }에서 기다립니다).
help-me-queued-why = { $name }에서 손을 들었지만 지금은 보낼 수 없습니다({ $error }): 보낼 수 있게 되는 대로 보냅니다({ $dir }에서 기다립니다).

## lang (코스의 언어, 확인 문구는 새 언어로)

lang-done = 이제 코스는 { $language }({ $code })입니다: 파일 { $rewritten }개를 다시 썼습니다. 힌트와 메시지는 바로 바뀝니다(실행 중인 `rustdrill watch`는 다시 시작하세요).
lang-left-alone = 다음 파일은 주석을 그대로 두었습니다:
lang-left-changed = 직접 고친 파일
lang-left-no-original = rustdrill에 영어 원본이 없음
lang-init-english = 코스를 영어로 씁니다. `--lang { $code }`를 쓰면 { $language }(으)로 씁니다(나중에 `rustdrill lang { $code }`도 됩니다).
lang-init-ask = 연습 문제의 주석, README, 힌트의 언어: { $offered } [Enter: { $default }]:
lang-init-translated = { $percent }% 번역됨
