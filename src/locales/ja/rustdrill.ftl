# rustdrill 自身の文言、日本語。英語 (en/rustdrill.ftl) に従い、ここにない
# メッセージは英語で表示されます。Rust の用語は『The Rust Programming
# Language 日本語版』に従います (所有権、借用、トレイト、ライフタイム、クレート …)。
# crate、API、コマンドの名前とコンパイラのメッセージは英語のままです。

## 判定 (run, verify, watch)

headline-pass = 完了
headline-compile-error = コンパイルエラー: { $what }
headline-cargo-failed = cargo がビルドできませんでした
headline-test-failed = テスト失敗: { $name }: { $message }
headline-tests-failed = テスト失敗 ({ $termination })
headline-clippy = clippy: { $what }
headline-clippy-failed = clippy 失敗
headline-run-failed = main の実行に失敗: { $termination }
headline-missing = 演習ファイルがありません
headline-not-a-file = 演習のパスが通常のファイルではありません
headline-timed-out-tests = タイムアウト: テストが { $seconds } 秒以上実行されました (無限ループ、または永遠に待っていませんか?)
headline-timed-out-main = タイムアウト: main が { $seconds } 秒以上実行されました (無限ループ、または永遠に待っていませんか?)

verdict-main-printed = main の出力:
verdict-tests-printed = テストの出力:
verdict-in-test-code = (このエラーはテストのときだけコンパイルされるコードにあります: #[cfg(test)] モジュールか、それが使うコード)
verdict-failed-test = 失敗:
verdict-missing-restore = `rustdrill reset { $name }` (watch モードでは `x`) で元に戻してください。今あるファイルはバックアップされます。
verdict-more-lines = … あと { $count } 行: すべて見るには `rustdrill run { $name }` を実行してください
verdict-stuck = 行き詰まったら `rustdrill hint { $name }`

## 合格したあと

after-solved-command = 解けました! 模範解答と比べてみましょう: { $path }
after-solved-watch = 模範解答と比べてみましょう。{ $path } にあります (`s` で表示)。
after-next-command = 次の演習: { $name } ({ $path })
after-next-watch = n を押すと次の演習へ: { $name }。

## ヒント (hint, watch)

hint-title = ヒント { $number }/{ $total }
hint-no-more = (ヒントはもうありません: これで全部です)
hint-run-again = (次のヒントは `rustdrill hint` をもう一度実行してください)

## list

list-column-number = #
list-column-track = トラック
list-column-chapter = 章
list-column-name = 名前
list-column-status = 状態
list-done = 完了
list-pending = 未完了
list-total = { $done }/{ $total } 完了 ({ $percent }%)

## watch 画面

watch-checking = チェック中
watch-panel-cut = … (ウィンドウに合わせて省略: すべて見るにはウィンドウを高くしてください)
watch-progress = { $done }/{ $total } 完了 · { $chapter }
watch-list-title = 演習
watch-list-counts = ({ $total } 件中 { $shown } 件 · フィルタ: { $filter }{ $search })
watch-list-search = 検索: /{ $text }
watch-list-none = 一致する演習はありません
watch-list-done = ✓ 完了
watch-list-pending = · 未完了
watch-filter-all = すべて
watch-filter-pending = 未完了
watch-filter-done = 完了

legend-main = h ヒント · n 次へ · l 一覧 · r 再チェック · c 全チェック · x 元に戻す · s 解答 · q 終了
legend-classroom = h ヒント · n 次へ · l 一覧 · r 再チェック · c 全チェック · x 元に戻す · s 解答 · ? 手を挙げる · g 教室について行く · q 終了
legend-list = ↑↓ j/k 移動 · Enter 選択 · / 検索 · f フィルタ (すべて/未完了/完了) · Esc/q 戻る
legend-confirm = y ファイルを元に戻す · ほかのキーでそのまま
legend-hand-note = 講師へのメッセージを入力(任意) · Enter 手を挙げる · Esc キャンセル

panel-new-chapter = 新しい章:
panel-chapter-more = (詳しくは exercises/{ $chapter }/README.md)
panel-check-failed = チェックを実行できませんでした:
panel-check-failed-after = 上の問題を直してから r を押して再チェックしてください。
panel-course-problem = コースが変更され、今の状態では読み込めません:
panel-course-problem-after = (watch は以前のコースのまま続けます。修正を保存するとコースは自動で読み込み直されます)
panel-more-hints = (次のヒントは h をもう一度押してください)
panel-solved = ✓ { $name } 完了!
panel-last-one = これが最後の演習でした: すべての演習をもう一度チェックします…
panel-finished = ✓ { $total } 個の演習をすべて終えました!
panel-final-message = コースを修了しました。お疲れさまでした!
verify-title = 全チェック:
verify-score = { $total } 個中 { $done } 個の演習が完了
panel-verify-more = … ほかに { $count } 個 (`rustdrill verify` ですべて表示)
panel-verify-jump = `l` でその一つへ移動
panel-restored = { $file } を元に戻しました。
panel-backup-kept = あなたのバージョンは { $backup } に保存されています

status-checking = { $name } をチェック中…
status-verifying = { $total } 個の演習をチェック中 ({ $unchanged } 個は前回のチェックから変更なし)…
status-phase = チェック中: { $phase }…
status-phase-crate = チェック中: { $phase } ({ $crate })…
status-checked = { $name } をチェックしました
phase-build = ビルドと clippy
phase-build-without-lints = リントなしのビルド
phase-test-build = テストのビルド
status-preparing = バックグラウンドで { $chapter } を準備中…
status-prepared = バックグラウンドで { $chapter } を準備中: { $crates } 個のクレートをビルド済み
status-ready = { $chapter } の準備完了: 依存関係はビルド済みです
status-reloaded = info.toml が変更されたため、コースを読み込み直しました
status-instructor = 📣 講師:
status-room-moves = 教室は { $exercise } へ移ります: g を押すとついて行けます (あなたのコードはそのまま残ります)
status-hand-answered = ✋ { $exercise } で挙げた手に講師が応えました
status-hand-up = ✋ { $exercise } で手を挙げています: 講師が来ます
status-hand-claimed = ✋ { $by } さんが { $exercise } の挙手に向かっています

key-next-not-done = `n` は { $name } を終えてから次へ進みます: まず判定が示す問題を直してください (`h` ヒント、`l` ほかの演習を選ぶ)
key-solution-not-done = { $name } の解答は演習を終えると表示されます (`h` ヒント)
key-unknown = `{ $key }` はここでは何もしません: 使えるキーは一番下にあります
key-nothing-changed = 何も変わっていません: ファイルはそのままです。
key-hand-note = ✋ { $name } で手を挙げます。メッセージ(任意、Enter で送信、Esc でキャンセル):
key-hand-cancelled = 手は挙げていません。
key-list-no-match = 一致する演習はありません: 検索 (Backspace) かフィルタ (f) を変えてください
key-confirm-reset = { $path } を元に戻しますか? あなたのバージョンはバックアップされます。[y/N]
watch-moved-to = { $name } に移動しました (このウィンドウの外で変更)
watch-no-hints = { $name } にはヒントがありません
watch-no-more-hints = ヒントはもうありません: これで全部です
watch-reset-failed = 元に戻せませんでした: { $error }
watch-no-solution = このコースには { $name } の解答ファイルがありません ({ $path })
watch-saved-other = 今の演習ではない { $name } の保存を検知しました: `l` で切り替えられます
watch-progress-saved = 進捗を保存しました: { $done }/{ $total } 完了。続けるには `rustdrill` を実行してください。
watch-no-terminal = `rustdrill watch` には端末が必要です: キー入力を一つずつ読みますが、ここでは入力か出力が端末ではありません。
    今の演習を一度だけチェックするには (スクリプト、エディタのタスク、CI)、`rustdrill run` を実行してください。
watch-failed-help = 保存を見逃すかもしれません: `rustdrill watch --poll` で再起動するか、r を押して手動でチェックしてください
watch-watcher-failed = ファイル監視が失敗しました ({ $error }): { $help }
watch-cannot-watch = 演習フォルダを監視できません ({ $error }): { $help }
watch-check-by-hand = 保存するたびに r を押して手動でチェックしてください

room-hand-raised = ✋ { $name } で手を挙げました: 講師にはあなたのコードと判定が見えます
room-cannot-raise = 手を挙げられません: { $error }
room-not-moved = 講師はまだ教室をどこにも移していません
room-already-there = すでに { $name } にいます
room-no-such-exercise = このコースには演習 { $name } がありません
room-hand-answered = ✋ 講師があなたの挙げた手に応えました
room-not-joined = このコースはどの教室にも入っていません: 講師の教室に入るには `rustdrill join URL CODE`

## init

init-vendoring = { $tracks } の依存関係を vendor/ にコピー中 (cargo vendor)…
init-vendored = vendor 完了: { $dir } に { $size }。このフォルダはネットワークなしでも、空の cargo ホームでもビルドできます (vendor/ ごとコピーしてください)。
init-no-fetch = 依存関係のダウンロードを省略しました (--no-fetch): 依存関係が必要な章に取りかかる前に、オンラインのときに { $dir } で `cargo fetch` を実行してください。
init-lock-untrimmed = Cargo.lock にはまだ除外したトラックのパッケージが残っています: `cargo fetch` で整理されます。
init-ready = コースを { $dir } に用意しました。次は:
init-base-only = `{ $base }` トラックだけを書き出します。ほかのトラックはあとで `rustdrill tracks add NAME` で追加するか (トラック: { $others })、今 `--track NAME` か `--all-tracks` で選んでください。
init-ask-tracks = このコースには { $count } 個のトラックがあります。`{ $base }` は常に含まれます:
init-ask-exercises = 演習 { $count } 個
init-ask-prompt = 追加するトラック (番号か名前、`all`、`{ $base }` だけなら Enter):
init-fetching = コースの依存関係をダウンロード中 (cargo fetch)…
init-fetch-failed = コースは { $dir } に書き出しましたが、`cargo fetch` が失敗しました (上を参照)。オンラインのときに { $exercises } で `cargo fetch` を実行すると、オフラインでもビルドできます。最初の章は依存関係がないので、すでに動きます。
init-another = 別の `rustdrill init` が今 { $dir } にコースを書き出しています: 終わるまで待つか、別のフォルダを選んでください

## tracks

tracks-none-declared = このコースには [[tracks]] がありません: すべての章で一つのトラック `{ $name }` です。
tracks-column-track = トラック
tracks-column-included = 含む
tracks-column-done = 完了
tracks-column-cost = コスト
tracks-column-chapters = 章
tracks-column-description = 説明
tracks-column-languages = 翻訳
tracks-yes = はい
tracks-no = いいえ
tracks-cost-note = コスト: 新しいコースでトラックをゼロから `rustdrill verify` する時間 (最初のトラックは単独、ほかはその上に)。{ $machine } で { $runs } 回ビルドした範囲です。あなたのマシンでは異なります
tracks-cost-note-one = コスト: 新しいコースでトラックをゼロから `rustdrill verify` する時間 (最初のトラックは単独、ほかはその上に)。{ $machine } で 1 回ビルドした値で、ばらつきは測っていません。あなたのマシンでは異なります
tracks-machine-unknown = 記録されていないマシン
tracks-add-hint = トラックは `rustdrill tracks add NAME` で追加できます (例: `rustdrill tracks add { $first }`)。
tracks-already-in = トラック `{ $name }` はすでにこのコースにあります。
tracks-added = トラック `{ $name }` を追加: { $chapters } (演習 { $exercises } 個)。
tracks-progress-kept = 進捗はそのままです。新しい演習は `rustdrill list` で見られます。
tracks-backup = 書き換えたファイルの元の内容は { $backup } に保存されています

## verify

verify-unchanged = (変更なし)
verify-done = { $done }/{ $total } 完了
verify-next = 次に直すもの: { $name } ({ $path }) — 詳しくは `rustdrill run { $name }`

## トラック完了

track-done = トラック `{ $track }` 完了!
track-done-remaining = このコースに残っているトラック: { $tracks }。
track-done-not-added = まだ追加していないトラック: { $tracks } (`rustdrill tracks add { $first }`)。

## run の進行表示

run-checking = { $name } をチェック中
run-checking-phase = { $name } をチェック中: { $phase }
run-checking-crate = { $name } をチェック中: { $phase } ({ $crate })

## コマンドラインから見た教室 (join, leave, help-me)

classroom-joined = { $url } の教室に { $name } として入りました。これからはチェックの結果が講師の画面に表示されます (`rustdrill help-me` で手を挙げない限り、コードは表示されません)。
    退出するには `rustdrill leave`。
classroom-joined-again = { $url } の教室に { $name } として再び入りました: 講師の画面では同じ行です。これからはチェックの結果がそこに表示されます (`rustdrill help-me` で手を挙げない限り、コードは表示されません)。
    退出するには `rustdrill leave`。
classroom-other-course = 注意: このコースは教室のコースと違います ({ $note })。教室にない演習は講師の画面に表示されません。
classroom-not-in = このコースは教室に入っていません。
classroom-left = 教室を退出しました。
classroom-left-with = 教室を退出しました ({ $notes })。
classroom-left-dropped = 送れなかったイベント { $count } 件は破棄しました
classroom-left-untold = 教室に伝えられませんでした: 講師には離席中と表示されます
help-me-not-joined = このコースは教室に入っていません: まず `rustdrill join URL CODE`
help-me-use-message = 何に困っているかを伝えるには --message を使います: rustdrill help-me --message { $text }
help-me-raised = { $name } で手を挙げました: 講師にはあなたのコードと判定が見えます。演習を解くと手は下がります。
help-me-raised-message = { $name } で手を挙げました: 講師にはあなたのコード、判定、メッセージが見えます。演習を解くと手は下がります。
help-me-on-the-way = { $by } さんが向かっています。
help-me-queued = { $name } で手を挙げましたが、今は送れません: 送れるようになり次第送ります ({ $dir } で待っています)。
help-me-queued-why = { $name } で手を挙げましたが、今は送れません ({ $error }): 送れるようになり次第送ります ({ $dir } で待っています)。

## lang (コースの言語。確認の文は新しい言語で)

lang-done = コースは { $language } ({ $code }) になりました: { $rewritten } 個のファイルを書き直しました。ヒントとメッセージはすぐに切り替わります (実行中の `rustdrill watch` は再起動してください)。
lang-left-alone = 次のファイルはコメントをそのままにしました:
lang-left-changed = あなたが変更したファイル
lang-left-no-original = rustdrill に英語の原文がない
lang-init-english = コースを英語で書きます。`--lang { $code }` なら { $language } で書きます (後から `rustdrill lang { $code }` でも変えられます)。
lang-init-ask = 演習のコメント、README、ヒントの言語: { $offered } [Enter: { $default }]:
lang-init-translated = { $percent }% 翻訳済み
